import { EXIT_USAGE, run } from '../../src/cli/run';
import { workerBootstrap } from '../../src/cli/batch';
import {
  captureIo,
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
