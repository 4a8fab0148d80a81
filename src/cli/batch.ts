/**
 * Checks many files, in this thread or spread over worker threads, and returns the results in the order
 * the files were given, whatever order they finish in.
 */
import { Worker } from 'node:worker_threads';
import type { FileResult } from '../app/batch-report';
import type { CliHost } from './cli-host';
import { checkFile, unreadable, type CheckOptions } from './check-file';
import type { CheckJob, CheckJobDone } from './check-worker';

export interface BatchOptions {
  jobs: number;
  host: CliHost;
  /** Called after each file with the number done so far. */
  onProgress?: (done: number, total: number) => void;
}

export async function checkFiles(
  files: readonly string[],
  options: CheckOptions,
  batch: BatchOptions,
): Promise<FileResult[]> {
  const workers = Math.min(batch.jobs, files.length);
  if (workers > 1 && batch.host.workerScript !== null) {
    return checkInWorkers(files, options, batch, batch.host.workerScript, workers);
  }
  const results: FileResult[] = [];
  for (const file of files) {
    results.push(await checkFile(file, options, batch.host));
    batch.onProgress?.(results.length, files.length);
  }
  return results;
}

/**
 * The code a worker starts with. A TypeScript entry needs tsx's require hook registered inside the worker
 * itself: on Node 20, loader hooks given as `--import tsx` in a worker's execArgv do not reach the worker's
 * own module loading ("Unknown file extension .ts"), while the in-thread CommonJS hook does.
 */
export function workerBootstrap(script: string): string {
  const load = `require(${JSON.stringify(script)});`;
  return script.endsWith('.ts') ? `require(${JSON.stringify(require.resolve('tsx/cjs'))});\n${load}` : load;
}

/** A worker that dies takes only its current file with it: that file is reported, a new worker goes on. */
function checkInWorkers(
  files: readonly string[],
  options: CheckOptions,
  batch: BatchOptions,
  script: string,
  count: number,
): Promise<FileResult[]> {
  const results: (FileResult | undefined)[] = new Array<FileResult | undefined>(files.length);
  let next = 0;
  let done = 0;
  return new Promise((resolve) => {
    const finish = (index: number, result: FileResult) => {
      if (results[index] !== undefined) return;
      results[index] = result;
      done += 1;
      batch.onProgress?.(done, files.length);
      if (done === files.length) resolve(results.filter((r): r is FileResult => r !== undefined));
    };
    const start = () => {
      const worker = new Worker(workerBootstrap(script), { eval: true, workerData: options });
      let current: number | null = null;
      const feed = () => {
        if (next >= files.length) {
          current = null;
          void worker.terminate();
          return;
        }
        current = next;
        next += 1;
        const file = files[current];
        if (file === undefined) return;
        const job: CheckJob = { index: current, file };
        worker.postMessage(job);
      };
      worker.on('message', (message: CheckJobDone) => {
        finish(message.index, message.result);
        feed();
      });
      const lost = (reason: string) => {
        if (current === null) return;
        const index = current;
        current = null;
        finish(index, unreadable(files[index] ?? '', 'corrupt', reason.slice(0, 200), options.lang));
        if (next < files.length) start();
      };
      worker.on('error', (error) => lost(error.message));
      worker.on('exit', (code) => lost(`worker exited with code ${code}`));
      feed();
    };
    for (let i = 0; i < count; i += 1) start();
  });
}
