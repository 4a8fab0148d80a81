import { join } from 'node:path';
import { EXIT_USAGE, run } from '../../src/cli/run';
import { checkFiles, largestFirst, workerBootstrap } from '../../src/cli/batch';
import type { CheckOptions } from '../../src/cli/check-file';
import {
  captureIo,
  testHost,
  gradedSelfEvaluation,
  selfEvaluationFile,
  tempDir,
  writeFixture,
  removeTempDirs,
} from './workbooks';

afterAll(removeTempDirs);

test('--jobs 2 runs the same per-file check in worker threads and gives the same JSON as --jobs 1', async () => {
  const dir = await tempDir();
  await writeFixture(dir, 'a.xlsx', await gradedSelfEvaluation('优', 'A'));
  await writeFixture(dir, 'b.xlsx', await selfEvaluationFile({ statedTotal: 75 }));
  await writeFixture(dir, 'c.xlsx', await gradedSelfEvaluation('中', 'C'));
  await writeFixture(dir, 'd.xlsx', '<html><table><tr><td>1</td></tr></table></html>');
  await writeFixture(dir, 'e.xlsx', await gradedSelfEvaluation('良', 'E'));

  const single = captureIo({ workers: true });
  const parallel = captureIo({ workers: true });
  const singleExit = await run(['check', dir, '--format', 'json', '--jobs', '1'], single);
  const parallelExit = await run(['check', dir, '--format', 'json', '--jobs', '2'], parallel);
  expect(parallelExit).toBe(EXIT_USAGE);
  expect(singleExit).toBe(parallelExit);
  expect(parallel.out()).toBe(single.out());
  const report = JSON.parse(parallel.out()) as { files: { status: string; error?: { code: string } }[] };
  expect(report.files.map((f) => f.status)).toEqual([
    'checked',
    'checked',
    'checked',
    'unreadable',
    'checked',
  ]);
  expect(report.files[3]?.error?.code).toBe('html');
}, 60_000);

test('a TypeScript worker entry registers tsx inside the worker; a JavaScript one is loaded as is', () => {
  expect(workerBootstrap('/x/main.ts')).toMatch(/^require\(".*tsx.*cjs.*"\);\nrequire\("\/x\/main\.ts"\);$/);
  expect(workerBootstrap('/x/main.js')).toBe('require("/x/main.js");');
});

const OPTIONS: CheckOptions = { lang: 'en', profile: null, framework: null, goals: [] };

async function mixedBatch(): Promise<string[]> {
  const dir = await tempDir();
  return Promise.all([
    writeFixture(dir, 'a.xlsx', await gradedSelfEvaluation('优', 'A')),
    writeFixture(dir, 'b.xlsx', await selfEvaluationFile({ statedTotal: 75 })),
    writeFixture(dir, 'c.xlsx', '项目,金额\n培训,12\n'),
    writeFixture(dir, 'd.xlsx', await gradedSelfEvaluation('中', 'D')),
    writeFixture(dir, 'e.xlsx', await gradedSelfEvaluation('差', 'E')),
  ]);
}

test('files checked by workers come back in the given order, equal to one thread', async () => {
  const files = await mixedBatch();
  const single = await checkFiles(files, OPTIONS, { jobs: 1, host: testHost(false) });
  const workersOnly = await checkFiles(files, OPTIONS, {
    jobs: 2,
    host: testHost(true),
  });
  expect(workersOnly.map((r) => r.file)).toEqual(files);
  expect(JSON.stringify(workersOnly)).toBe(JSON.stringify(single));
  expect(single.map((r) => r.status)).toEqual(['checked', 'checked', 'unreadable', 'checked', 'checked']);
}, 60_000);

const CRASHING = join(__dirname, 'crashing-worker.ts');

test.each([1, 2])(
  'with --jobs %i a worker that dies, hangs or runs out of memory takes only its file with it',
  async (jobs) => {
    const files = await mixedBatch();
    const dir = await tempDir();
    const crash = await writeFixture(dir, 'crash.xlsx', 'CRASH: this file ends the worker');
    const hang = await writeFixture(dir, 'hang.xlsx', 'HANG: this file never finishes');
    const hog = await writeFixture(dir, 'hog.xlsx', 'HOG: this file takes all the memory there is');
    const list = [files[0] ?? '', crash, files[1] ?? '', hang, hog, ...files.slice(2)];
    const progress: number[] = [];
    const started = Date.now();
    const results = await checkFiles(list, OPTIONS, {
      jobs,
      host: { ...testHost(false), workerScript: CRASHING },
      fileTimeoutMs: 8_000,
      workerMemoryMb: 64,
      onProgress: (done) => progress.push(done),
    });
    const single = await checkFiles(files, OPTIONS, { jobs: 1, host: testHost(false) });
    expect(results.map((r) => r.file)).toEqual(list);
    expect(results.map((r) => r.error?.code ?? r.status)).toEqual([
      'checked',
      'corrupt',
      'checked',
      'timeout',
      'too_large',
      'csv_or_text',
      'checked',
      'checked',
    ]);
    expect(results[1]?.error?.message).toContain('worker exited with code 3');
    expect(results[3]?.error?.message).toMatch(/检查超过 8000 毫秒/);
    expect(results[4]?.error?.message).toMatch(/内存|memory/);
    expect(JSON.stringify([results[0], results[2], ...results.slice(5)])).toBe(JSON.stringify(single));
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // The hanging file costs its limit and no more: the others go on meanwhile.
    expect(Date.now() - started).toBeLessThan(60_000);
  },
  120_000,
);

test('when no worker can start, every file is reported as not checked, and none is blamed', async () => {
  const files = await mixedBatch();
  const broken = await writeFixture(await tempDir(), 'broken-worker.js', 'throw new Error("cannot start");');
  const results = await checkFiles(files, OPTIONS, {
    jobs: 2,
    host: { ...testHost(false), workerScript: broken },
  });
  expect(results.map((r) => r.file)).toEqual(files);
  expect(results.map((r) => r.error?.code)).toEqual(files.map(() => 'worker_failed'));
  expect(results[0]?.error?.message).toMatch(/检查程序无法启动|could not start/);
}, 60_000);

test('files are handed out largest first, so no large file is left for the end', async () => {
  const dir = await tempDir();
  const files = await Promise.all([
    writeFixture(dir, 'small.xlsx', 'x'.repeat(10)),
    writeFixture(dir, 'large.xlsx', 'x'.repeat(1000)),
    writeFixture(dir, 'middle.xlsx', 'x'.repeat(100)),
    writeFixture(dir, 'middle-too.xlsx', 'x'.repeat(100)),
  ]);
  expect(await largestFirst([...files, join(dir, 'missing.xlsx')])).toEqual([1, 2, 3, 0, 4]);
});
