/**
 * One thread of the benchmark's ceiling line for `--jobs 2`: it checks its share of the files as a worker of
 * `bpa check` does (the same per-file function), after a warm-up, between a start and an end signal from the
 * main thread, so that what is timed is checking alone (no start-up, no compilation of the sources).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkFile, type CheckOptions } from '../src/cli/check-file';
import { testHost } from '../test/cli/workbooks';

const files = workerData as string[];
const options: CheckOptions = { lang: 'zh-CN', profile: null, framework: null, goals: [] };
const host = testHost(false);

const checkAll = async (list: readonly string[]): Promise<void> => {
  for (const file of list) {
    const result = await checkFile(file, options, host);
    if (result.status !== 'checked') throw new Error(`${file} did not check`);
  }
};

void checkAll(files.slice(0, 40)).then(() => {
  parentPort?.once('message', () => {
    void checkAll(files).then(() => parentPort?.postMessage('done'));
  });
  parentPort?.postMessage('ready');
});
