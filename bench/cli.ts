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
/** Each timing is taken this many times, interleaved; the fastest counts (the least disturbed by others). */
const ROUNDS = 3;
/** What the received-file reader passes to exceljs (src/hosts/xlsx-file/received.ts). */
const READER_OPTIONS = { ignoreNodes: ['dataValidations', 'conditionalFormatting', 'extLst'] };

const run = promisify(execFile);
const gc = (globalThis as { gc?: () => void }).gc;
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const row = (measure: string, value: string, budget = '', verdict = ''): BenchRow => ({
  measure,
  value,
  budget,
  verdict,
});

async function timed(action: () => Promise<unknown>): Promise<number> {
  gc?.();
  const t0 = performance.now();
  await action();
  return performance.now() - t0;
}

/**
 * The same CPU-bound loop in one thread and in two at once: on an idle two-core machine the second takes as
 * long as the first; when others keep a core busy it takes up to twice as long, and no --jobs can beat that.
 */
async function parallelCapacity(): Promise<number> {
  const spin = `let x = 0; for (let i = 0; i < 2e8; i++) x = (x + i) % 1000003; require('node:worker_threads').parentPort.postMessage(x);`;
  const threads = (n: number) =>
    timed(() =>
      Promise.all(
        Array.from(
          { length: n },
          () =>
            new Promise((resolve, reject) => {
              const worker = new Worker(spin, { eval: true });
              worker.once('message', resolve);
              worker.once('error', reject);
            }),
        ),
      ),
    );
  const one = await threads(1);
  const two = await threads(2);
  return (2 * one) / two;
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
    await mkdir(folder);
    for (let i = 0; i < FILES; i++) {
      const file = join(folder, `自评-${String(i).padStart(3, '0')}.xlsx`);
      await writeFile(file, variants[i % variants.length] ?? new Uint8Array());
      files.push(file);
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
    const cli = (jobs: number) =>
      run(process.execPath, [bundle, 'check', folder, '--format', 'json', '--jobs', String(jobs)], {
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

    const best = { plain: Infinity, same: Infinity, jobs1: Infinity, jobs2: Infinity };
    let one: Awaited<ReturnType<typeof checkOne>> = [];
    let two: Awaited<ReturnType<typeof checkTwo>> = [];
    for (let round = 0; round < ROUNDS; round++) {
      best.plain = Math.min(best.plain, await timed(() => loadOnly(files)));
      best.same = Math.min(best.same, await timed(() => loadOnly(files, READER_OPTIONS)));
      best.jobs1 = Math.min(best.jobs1, await timed(async () => (one = await checkOne())));
      best.jobs2 = Math.min(best.jobs2, await timed(async () => (two = await checkTwo())));
    }
    if (one.some((r) => r.status !== 'checked') || JSON.stringify(one) !== JSON.stringify(two)) {
      throw new Error('benchmark files did not all check, or two threads differed from one');
    }

    const cliBest = { one: Infinity, two: Infinity };
    let outputs: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      let out1 = '';
      let out2 = '';
      cliBest.one = Math.min(cliBest.one, await timed(async () => (out1 = (await cli(1)).stdout)));
      cliBest.two = Math.min(cliBest.two, await timed(async () => (out2 = (await cli(2)).stdout)));
      outputs = [out1, out2];
    }
    if (outputs[0] !== outputs[1]) throw new Error('bpa check --jobs 2 printed another report than --jobs 1');
    const capacity = await parallelCapacity();

    const overPlain = best.jobs1 / best.plain - 1;
    const overSame = best.jobs1 / best.same - 1;
    rows.push(row(`exceljs load, plain, ${FILES} workbooks (fastest of ${ROUNDS})`, seconds(best.plain)));
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
    rows.push(row(`bpa check --jobs 2 in process (built worker), ${FILES} workbooks`, seconds(best.jobs2)));
    rows.push(row('speed-up of 2 threads over 1, in process', `${(best.jobs1 / best.jobs2).toFixed(2)}×`));
    rows.push(row(`node dist/cli/bpa.js check --jobs 1, ${FILES} workbooks`, seconds(cliBest.one)));
    rows.push(row(`node dist/cli/bpa.js check --jobs 2, ${FILES} workbooks`, seconds(cliBest.two)));
    rows.push(
      row('speed-up of --jobs 2 over --jobs 1, built CLI', `${(cliBest.one / cliBest.two).toFixed(2)}×`),
    );
    rows.push(row('two-thread capacity of this machine now (ideal 2.00×)', `${capacity.toFixed(2)}×`));
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
