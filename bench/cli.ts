/**
 * The command line's part of the benchmark: `bpa check` per file against the floor (inflating every part and
 * SAX-parsing the sheets and shared strings of the same files: what any reader must do) and against exceljs
 * loading them (what checking cost when exceljs read received files); `--jobs 2` over `--jobs 1` for the
 * built command line; and the heap of the command line after checking 2,000 files.
 *
 *   npm run bench            (the whole benchmark)
 *   npx tsx --expose-gc bench/cli.ts     (this part alone; BENCH_HEAP_FILES=10000 for a longer heap run)
 *   BENCH_CLI_PART=heap BENCH_HEAP_FILES=10000 npx tsx --expose-gc bench/cli.ts   (only the heap lines)
 *   BENCH_CLI_PART=timings npx tsx --expose-gc bench/cli.ts   (only the timings, e.g. several runs in a row)
 */
import { execFile } from 'node:child_process';
import { copyFile, link, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import { SaxesParser } from 'saxes';
import { checkFiles, checkFilesInto, workerBootstrap } from '../src/cli/batch';
import { CompactResults } from '../src/cli/results';
import type { CheckOptions } from '../src/cli/check-file';
import { nodeInflater } from '../src/hosts/xlsx-file/node-inflater';
import { inflateAll, readZipDirectory } from '../src/hosts/xlsx-file/received-zip';
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
const HEAP_FILES = Number(process.env.BENCH_HEAP_FILES ?? 2000);
/** 'heap' runs only the heap lines (a run over 10,000 files is long enough on its own). */
const ONLY_HEAP = process.env.BENCH_CLI_PART === 'heap';
/** 'timings' runs only the timing lines, without the heap run. */
const ONLY_TIMINGS = process.env.BENCH_CLI_PART === 'timings';
/** Budgets of issue 10: a check per file within 3× the floor and within half of exceljs loading the file. */
const FLOOR_BUDGET = 3;
const EXCELJS_BUDGET = 0.5;

const run = promisify(execFile);
const gc = (globalThis as { gc?: () => void }).gc;
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};
const range = (values: readonly number[]): string =>
  `${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)}×`;
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

/** Whether a second core is free at all now (others may keep it busy): a latency-bound loop in 1 and 2 threads. */
async function freeCores(): Promise<number> {
  const spin = `let x = 0; for (let i = 0; i < 1e8 * require('node:worker_threads').workerData.length; i++) x = (x + i) % 1000003;`;
  const items = ['a', 'b'];
  return (await inThreads(spin, 1, items)) / (await inThreads(spin, 2, items));
}

/**
 * Milliseconds `n` threads take to check `files` between them, from a signal given once all have loaded and
 * warmed up: how much a second thread can add to checking on this machine, whatever the command line spends
 * around it (two cores may share more than they seem to, as virtual machines' cores often do).
 */
async function checkingInThreads(n: number, files: readonly string[]): Promise<number> {
  const workers = Array.from(
    { length: n },
    (_, k) =>
      new Worker(workerBootstrap(join(__dirname, 'check-thread.ts')), {
        eval: true,
        workerData: files.filter((_file, i) => i % n === k),
      }),
  );
  try {
    const message = (worker: Worker) =>
      new Promise<void>((resolve, reject) => {
        worker.once('message', () => resolve());
        worker.once('error', reject);
      });
    await Promise.all(workers.map(message));
    return await timed(async () => {
      const done = workers.map(message);
      for (const worker of workers) worker.postMessage('go');
      await Promise.all(done);
    });
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/** The floor: inflate every part of each file and SAX-parse its sheets and shared strings. */
async function floor(files: readonly string[]): Promise<number> {
  let elements = 0;
  for (const file of files) {
    const bytes = await readFile(file);
    const parts = inflateAll(bytes, readZipDirectory(bytes), nodeInflater);
    for (const [name, part] of parts) {
      if (!/^xl\/(worksheets\/[^/]+|sharedStrings)\.xml$/.test(name)) continue;
      const parser = new SaxesParser({ xmlns: false, position: false });
      parser.on('opentag', () => {
        elements += 1;
      });
      parser.write(new TextDecoder().decode(part)).close();
    }
  }
  return elements;
}

/** Memory of the built command line as it ends, after a full collection (written by a preloaded hook). */
const MEMORY_HOOK = `process.on('exit', () => {
  global.gc?.();
  const m = process.memoryUsage();
  require('fs').writeFileSync(process.env.BPA_MEMORY_FILE, JSON.stringify({ ...m, maxRSS: process.resourceUsage().maxRSS * 1024 }));
});`;

interface EndMemory {
  maxRSS: number;
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** Builds the command line with the project's own script and keeps a private copy for this run. */
async function builtCli(dir: string): Promise<string> {
  await run('npm', ['run', '--silent', 'build:cli'], { cwd: join(__dirname, '..') });
  const copy = join(dir, 'bpa.js');
  await copyFile(join(__dirname, '../dist/cli/bpa.js'), copy);
  return copy;
}

type CheckList = (list: readonly string[]) => Promise<{ status: string }[]>;
type LoadList = (list: readonly string[]) => Promise<void>;
type RunCli = (jobs: number) => Promise<{ stdout: string }>;

/** The timings: check per file against the floor and exceljs, and the built CLI with one and two workers. */
async function timings(
  rows: BenchRow[],
  files: readonly string[],
  check: CheckList,
  loadOnly: LoadList,
  cli: RunCli,
): Promise<void> {
  // Every path warms up first, so none pays for another's JIT compilation.
  const warm = files.slice(0, 40);
  await floor(warm);
  await loadOnly(warm);
  await check(warm);

  // The three alternate every CHUNK files, so that all see the same load from whatever else runs on the
  // machine; each total covers all the files, ROUNDS times.
  const total = { floor: 0, exceljs: 0, check: 0 };
  // Each round's own ratios too: on a shared machine they show how far one figure can be trusted.
  const spread = { floor: [] as number[], exceljs: [] as number[] };
  for (let round = 0; round < ROUNDS; round++) {
    const before = { ...total };
    for (let at = 0; at < files.length; at += CHUNK) {
      const chunk = files.slice(at, at + CHUNK);
      total.floor += await timed(() => floor(chunk), false);
      total.exceljs += await timed(() => loadOnly(chunk), false);
      total.check += await timed(async () => {
        const results = await check(chunk);
        if (results.some((r) => r.status !== 'checked')) throw new Error('a benchmark file did not check');
      }, false);
    }
    const checked = total.check - before.check;
    spread.floor.push(checked / (total.floor - before.floor));
    spread.exceljs.push(checked / (total.exceljs - before.exceljs));
  }
  const perFile = (ms: number) => ms / ROUNDS / FILES;
  const ms = { floor: perFile(total.floor), exceljs: perFile(total.exceljs), check: perFile(total.check) };
  const overFloor = ms.check / ms.floor;
  const overExceljs = ms.check / ms.exceljs;

  // The built command line over the whole batch, one and two workers, the fastest of the rounds.
  const cliBest = { one: Infinity, two: Infinity };
  const cliRatios: number[] = [];
  let outputs: string[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let out1 = '';
    let out2 = '';
    const single = await timed(async () => (out1 = (await cli(1)).stdout));
    const pair = await timed(async () => (out2 = (await cli(2)).stdout));
    cliBest.one = Math.min(cliBest.one, single);
    cliBest.two = Math.min(cliBest.two, pair);
    cliRatios.push(single / pair);
    outputs = [out1, out2];
  }
  if (outputs[0] !== outputs[1]) throw new Error('bpa check --jobs 2 printed another report than --jobs 1');
  const cores = await freeCores();
  const ceilings: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    ceilings.push((await checkingInThreads(1, files)) / (await checkingInThreads(2, files)));
  }

  rows.push(
    row(`floor: inflate + SAX parse, per file (${FILES} workbooks × ${ROUNDS})`, `${ms.floor.toFixed(2)} ms`),
  );
  rows.push(row('exceljs load, per file', `${ms.exceljs.toFixed(2)} ms`));
  rows.push(row('bpa check --jobs 1 in process, per file', `${ms.check.toFixed(2)} ms`));
  rows.push(
    row(
      'bpa check over the floor',
      `${overFloor.toFixed(2)}×`,
      `≤ ${FLOOR_BUDGET}×`,
      overFloor <= FLOOR_BUDGET ? 'ok' : 'OVER',
    ),
  );
  rows.push(
    row(
      'bpa check over exceljs loading the file',
      `${overExceljs.toFixed(2)}×`,
      `≤ ${EXCELJS_BUDGET}×`,
      overExceljs <= EXCELJS_BUDGET ? 'ok' : 'OVER',
    ),
  );
  rows.push(
    row(
      '  … the same two ratios, lowest and highest of the rounds',
      `${range(spread.floor)}, ${range(spread.exceljs)}`,
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
  rows.push(row('two threads over one, latency-bound loop (free cores now)', `${cores.toFixed(2)}×`));
  rows.push(
    row(
      'two threads over one, checking alone (the ceiling for --jobs 2; median)',
      `${median(ceilings).toFixed(2)}×`,
    ),
  );
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
      const name = `自评-${String(i).padStart(3, '0')}.xlsx`;
      await writeFile(join(folder, name), variants[i % variants.length] ?? new Uint8Array());
      files.push(join(folder, name));
    }

    const options: CheckOptions = { lang: 'zh-CN', profile: null, framework: null, goals: [] };
    // exceljs's typings predate Node's generic Buffer type; the bytes are the same.
    const loadOnly = async (list: readonly string[]) => {
      for (const file of list)
        await new ExcelJS.Workbook().xlsx.load((await readFile(file)) as unknown as ArrayBuffer);
    };
    const check = (list: readonly string[]) => checkFiles(list, options, { jobs: 1, host: testHost(false) });
    const cli = (jobs: number, target = folder, extra: string[] = [], env: NodeJS.ProcessEnv = {}) =>
      run(process.execPath, [...extra, bundle, 'check', target, '--format', 'json', '--jobs', String(jobs)], {
        maxBuffer: 1024 * 1024 * 1024,
        env: { ...process.env, ...env },
      }).catch((error: { stdout?: string; code?: number }) => {
        // Exit code 1 means issues were found; the report is still complete.
        if (error.code === 1 && typeof error.stdout === 'string') return { stdout: error.stdout };
        throw error;
      });

    if (!ONLY_HEAP) await timings(rows, files, check, loadOnly, cli);
    if (ONLY_TIMINGS) return;

    // The heap after many files: the same workbooks under HEAP_FILES names (hard links cost no space).
    const many = join(dir, 'many');
    await mkdir(many);
    for (let i = 0; i < HEAP_FILES; i++) {
      await link(files[i % files.length] ?? '', join(many, `自评-${String(i).padStart(5, '0')}.xlsx`));
    }
    await writeFile(join(dir, 'memory-hook.js'), MEMORY_HOOK);
    const memoryFile = join(dir, 'memory.json');
    const report = join(dir, 'many.json');
    await run(
      process.execPath,
      [
        '--expose-gc',
        '-r',
        join(dir, 'memory-hook.js'),
        bundle,
        'check',
        many,
        '--format',
        'json',
        '-o',
        report,
        '--jobs',
        '2',
      ],
      { env: { ...process.env, BPA_MEMORY_FILE: memoryFile } },
    ).catch((error: { code?: number }) => {
      if (error.code !== 1) throw error;
    });
    const end = JSON.parse(await readFile(memoryFile, 'utf8')) as EndMemory;
    const written = JSON.parse(await readFile(report, 'utf8')) as { files: unknown[] };
    if (written.files.length !== HEAP_FILES) throw new Error('the heap run did not report every file');
    // The same batch in this process, coordinating workers as the command line does: the main thread's heap
    // with every result still held, after a full collection.
    const manyFiles = (await readdir(many)).sort().map((name) => join(many, name));
    gc?.();
    const before = process.memoryUsage();
    const held = new CompactResults();
    await checkFilesInto(
      manyFiles,
      options,
      { jobs: 2, host: { ...testHost(false), workerScript: bundle } },
      (i, result) => held.set(i, result),
    );
    gc?.();
    const after = process.memoryUsage();
    if (held.count !== HEAP_FILES || held.summary.checked !== HEAP_FILES)
      throw new Error('heap run: files missing');

    rows.push(
      row(
        `main-thread heap after ${HEAP_FILES} files, results held (before: ${mb(before.heapUsed)})`,
        mb(after.heapUsed),
      ),
    );
    rows.push(
      row(
        '  … heap growth per file held',
        `${((after.heapUsed - before.heapUsed) / HEAP_FILES / 1024).toFixed(1)} KB`,
      ),
    );
    rows.push(
      row(
        '  … compact results off the heap, per file',
        `${((after.arrayBuffers - before.arrayBuffers) / HEAP_FILES / 1024).toFixed(1)} KB`,
      ),
    );
    rows.push(
      row(
        `node dist/cli/bpa.js check --jobs 2 -o, ${HEAP_FILES} files: peak RSS`,
        mb(end.maxRSS),
        '< 1024 MB',
        end.maxRSS < 1024 ** 3 ? 'ok' : 'OVER',
      ),
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
