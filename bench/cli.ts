/**
 * The command line's part of the benchmark: `bpa check` over many received workbooks against the time
 * exceljs alone takes to load the same files (check and score should add little to reading), and the
 * speed-up of two threads over one, in process and for the built command line end to end.
 *
 *   npm run bench            (the whole benchmark)
 *   npx tsx bench/cli.ts     (this part alone)
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import { checkFiles } from '../src/cli/batch';
import type { CheckOptions } from '../src/cli/check-file';
import { selfEvaluationFile, testHost } from '../test/cli/workbooks';

export interface BenchRow {
  measure: string;
  value: string;
  budget: string;
  verdict: string;
}

const FILES = 500;
/** Each timing is taken this many times, interleaved with the ones it is compared with. */
const ROUNDS = 3;
const CHUNK = 25;
/** What the received-file reader passes to exceljs (src/hosts/xlsx-file/received.ts). */
const READER_OPTIONS = { ignoreNodes: ['dataValidations', 'conditionalFormatting', 'extLst'] };

const run = promisify(execFile);
const gc = (globalThis as { gc?: () => void }).gc;
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};
const row = (measure: string, value: string, budget = '', verdict = ''): BenchRow => ({
  measure,
  value,
  budget,
  verdict,
});

/**
 * Milliseconds an action takes. A whole batch starts from a collected heap; the short interleaved chunks do
 * not, since a full collection every few files makes V8 drop compiled code and measures that instead.
 */
async function timed(action: () => Promise<unknown>, collectFirst = true): Promise<number> {
  if (collectFirst) gc?.();
  const t0 = performance.now();
  await action();
  return performance.now() - t0;
}

/** Runs `code` (CommonJS, given `workerData`) in `n` threads at once, each on its own share of `items`. */
function inThreads(code: string, n: number, items: readonly string[]): Promise<number> {
  return timed(() =>
    Promise.all(
      Array.from(
        { length: n },
        (_, k) =>
          new Promise((resolve, reject) => {
            const share = items.filter((_item, i) => i % n === k);
            const worker = new Worker(code, { eval: true, workerData: share });
            worker.once('exit', resolve);
            worker.once('error', reject);
          }),
      ),
    ),
  );
}

/**
 * What two threads can gain on this machine now, measured the same way as --jobs: a latency-bound loop
 * shows whether a second core is free at all (others may keep it busy); exceljs alone loading the files in
 * one thread and then in two shows what the reading itself gains, which bounds what a check can gain.
 */
async function parallelCapacity(files: readonly string[]): Promise<{ spin: number; exceljs: number }> {
  const spin = `let x = 0; for (let i = 0; i < 1e8 * require('node:worker_threads').workerData.length; i++) x = (x + i) % 1000003;`;
  const spinItems = ['a', 'b'];
  const load = `const { workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const ExcelJS = require(${JSON.stringify(require.resolve('exceljs'))});
(async () => { for (const file of workerData) await new ExcelJS.Workbook().xlsx.load(readFileSync(file)); })();`;
  const spinOne = await inThreads(spin, 1, spinItems);
  const spinTwo = await inThreads(spin, 2, spinItems);
  const loadOne = await inThreads(load, 1, files);
  const loadTwo = await inThreads(load, 2, files);
  return { spin: spinOne / spinTwo, exceljs: loadOne / loadTwo };
}

/** Builds the command line with the project's own script and keeps a private copy for this run. */
async function builtCli(dir: string): Promise<string> {
  await run('npm', ['run', '--silent', 'build:cli'], { cwd: join(__dirname, '..') });
  const copy = join(dir, 'bpa.js');
  await copyFile(join(__dirname, '../dist/cli/bpa.js'), copy);
  return copy;
}

export async function cliBench(rows: BenchRow[]): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'bpa-bench-'));
  try {
    const bundle = await builtCli(dir);
    const files: string[] = [];
    // Variety without cost: a few distinct workbooks written under many names.
    const variants = await Promise.all(
      [60, 80, 95, 100].map((executed, i) => selfEvaluationFile({ executed, project: `项目${i}` })),
    );
    const folder = join(dir, 'received');
    // The same files again, split in two folders: two single-threaded processes, one per half.
    const halves = [join(dir, 'half-a'), join(dir, 'half-b')];
    for (const made of [folder, ...halves]) await mkdir(made);
    for (let i = 0; i < FILES; i++) {
      const name = `自评-${String(i).padStart(3, '0')}.xlsx`;
      const bytes = variants[i % variants.length] ?? new Uint8Array();
      await writeFile(join(folder, name), bytes);
      await writeFile(join(halves[i % 2] ?? folder, name), bytes);
      files.push(join(folder, name));
    }

    const options: CheckOptions = { lang: 'zh-CN', profile: null, framework: null, goals: [] };
    // exceljs's typings predate Node's generic Buffer type; the bytes are the same.
    const loadOnly = async (list: readonly string[], loadOptions?: typeof READER_OPTIONS) => {
      for (const file of list)
        await new ExcelJS.Workbook().xlsx.load(
          (await readFile(file)) as unknown as ArrayBuffer,
          loadOptions as Partial<ExcelJS.XlsxReadOptions>,
        );
    };
    const checkOne = () => checkFiles(files, options, { jobs: 1, host: testHost(false) });
    const bundleHost = { ...testHost(false), workerScript: bundle };
    const checkTwo = () => checkFiles(files, options, { jobs: 2, host: bundleHost });
    const cli = (jobs: number, target = folder) =>
      run(process.execPath, [bundle, 'check', target, '--format', 'json', '--jobs', String(jobs)], {
        maxBuffer: 256 * 1024 * 1024,
      }).catch((error: { stdout?: string; code?: number }) => {
        // Exit code 1 means issues were found; the report is still complete.
        if (error.code === 1 && typeof error.stdout === 'string') return { stdout: error.stdout };
        throw error;
      });

    // Every path warms up first, so none pays for another's JIT compilation.
    await loadOnly(files.slice(0, 40));
    await loadOnly(files.slice(0, 40), READER_OPTIONS);
    await checkFiles(files.slice(0, 40), options, { jobs: 1, host: testHost(false) });

    // Reading and checking alternate every CHUNK files, so that both see the same load from whatever else
    // runs on the machine; each total covers all the files.
    const total = { plain: 0, same: 0, jobs1: 0 };
    let one: Awaited<ReturnType<typeof checkOne>> = [];
    for (let round = 0; round < ROUNDS; round++) {
      const results: typeof one = [];
      for (let at = 0; at < files.length; at += CHUNK) {
        const chunk = files.slice(at, at + CHUNK);
        total.plain += await timed(() => loadOnly(chunk), false);
        total.same += await timed(() => loadOnly(chunk, READER_OPTIONS), false);
        total.jobs1 += await timed(async () => {
          results.push(...(await checkFiles(chunk, options, { jobs: 1, host: testHost(false) })));
        }, false);
      }
      one = results;
    }
    const best = {
      plain: total.plain / ROUNDS,
      same: total.same / ROUNDS,
      jobs1: total.jobs1 / ROUNDS,
      jobs2: Infinity,
      jobs1Whole: Infinity,
    };

    // Threads cannot be chunked (a worker starts once per batch): one and two threads over the whole batch,
    // one after the other, the fastest of the rounds, and the ratio within each round.
    let two: Awaited<ReturnType<typeof checkTwo>> = [];
    const inProcessRatios: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const single = await timed(checkOne);
      const pair = await timed(async () => (two = await checkTwo()));
      best.jobs1Whole = Math.min(best.jobs1Whole, single);
      best.jobs2 = Math.min(best.jobs2, pair);
      inProcessRatios.push(single / pair);
    }
    if (one.some((r) => r.status !== 'checked') || JSON.stringify(one) !== JSON.stringify(two)) {
      throw new Error('benchmark files did not all check, or two threads differed from one');
    }

    const cliBest = { one: Infinity, two: Infinity, processes: Infinity };
    const cliRatios: number[] = [];
    const processRatios: number[] = [];
    let outputs: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      let out1 = '';
      let out2 = '';
      const single = await timed(async () => (out1 = (await cli(1)).stdout));
      const pair = await timed(async () => (out2 = (await cli(2)).stdout));
      // No threads shared at all: what two cores give this work when nothing but the machine is shared.
      const processes = await timed(() => Promise.all(halves.map((half) => cli(1, half))));
      cliBest.one = Math.min(cliBest.one, single);
      cliBest.two = Math.min(cliBest.two, pair);
      cliBest.processes = Math.min(cliBest.processes, processes);
      cliRatios.push(single / pair);
      processRatios.push(single / processes);
      outputs = [out1, out2];
    }
    if (outputs[0] !== outputs[1]) throw new Error('bpa check --jobs 2 printed another report than --jobs 1');
    const capacity = await parallelCapacity(files);

    const overPlain = best.jobs1 / best.plain - 1;
    const overSame = best.jobs1 / best.same - 1;
    rows.push(row(`exceljs load, plain, ${FILES} workbooks (mean of ${ROUNDS})`, seconds(best.plain)));
    rows.push(row(`exceljs load, reader's ignoreNodes, ${FILES} workbooks`, seconds(best.same)));
    rows.push(row(`bpa check --jobs 1 in process, ${FILES} workbooks`, seconds(best.jobs1)));
    rows.push(
      row(
        'check + score over plain exceljs (budgeted)',
        `${(overPlain * 100).toFixed(0)} %`,
        '≤ 25 %',
        overPlain <= 0.25 ? 'ok' : 'OVER',
      ),
    );
    rows.push(
      row("check + score over exceljs with the reader's options", `${(overSame * 100).toFixed(0)} %`),
    );
    rows.push(
      row(`bpa check --jobs 1 in process, whole batch (fastest of ${ROUNDS})`, seconds(best.jobs1Whole)),
    );
    rows.push(row(`bpa check --jobs 2 in process (built worker), ${FILES} workbooks`, seconds(best.jobs2)));
    rows.push(
      row(
        'speed-up of 2 threads over 1, in process (median of rounds)',
        `${median(inProcessRatios).toFixed(2)}×`,
      ),
    );
    rows.push(row(`node dist/cli/bpa.js check --jobs 1, ${FILES} workbooks (fastest)`, seconds(cliBest.one)));
    rows.push(row(`node dist/cli/bpa.js check --jobs 2, ${FILES} workbooks (fastest)`, seconds(cliBest.two)));
    rows.push(
      row(
        'speed-up of --jobs 2 over --jobs 1, built CLI (median of rounds)',
        `${median(cliRatios).toFixed(2)}×`,
      ),
    );
    rows.push(
      row(`two bpa processes at once, ${FILES / 2} workbooks each (fastest)`, seconds(cliBest.processes)),
    );
    rows.push(
      row(
        'speed-up of two processes over --jobs 1 (median of rounds)',
        `${median(processRatios).toFixed(2)}×`,
      ),
    );
    rows.push(
      row('two threads over one, latency-bound loop (free cores now)', `${capacity.spin.toFixed(2)}×`),
    );
    rows.push(
      row(`two threads over one, exceljs alone loading the ${FILES}`, `${capacity.exceljs.toFixed(2)}×`),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const rows: BenchRow[] = [];
  void cliBench(rows).then(() => {
    for (const r of rows)
      console.log(`${r.measure.padEnd(64)} ${r.value.padStart(9)}  ${r.budget} ${r.verdict}`);
  });
}
