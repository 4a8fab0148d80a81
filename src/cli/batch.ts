/**
 * Checks many files, in this thread or spread over worker threads, and returns the results in the order
 * the files were given, whatever order they finish in.
 */
import { stat } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import type { FileResult } from '../app/batch-report';
import type { CliHost } from './cli-host';
import { checkFile, unreadable, type CheckOptions } from './check-file';
import type { CheckJob, WorkerMessage } from './check-worker';

export interface BatchOptions {
  jobs: number;
  host: CliHost;
  /** Called after each file with the number done so far. */
  onProgress?: (done: number, total: number) => void;
  /**
   * False leaves every file to the workers while any is alive (the tests use it to make sure the worker
   * path runs); by default the main thread checks files too.
   */
  mainThreadChecks?: boolean;
}

/** Files handed to a worker ahead of time, so that it never sits idle waiting for the main thread. */
const WORKER_QUEUE_DEPTH = 2;

export async function checkFiles(
  files: readonly string[],
  options: CheckOptions,
  batch: BatchOptions,
): Promise<FileResult[]> {
  // The main thread checks files too, so --jobs N starts N - 1 workers: on two cores, one worker.
  const mainChecks = batch.mainThreadChecks ?? true;
  const workers = Math.min(batch.jobs, files.length) - (mainChecks ? 1 : 0);
  if (workers >= 1 && batch.host.workerScript !== null) {
    return checkInParallel(files, options, batch, batch.host.workerScript, workers);
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
 * own module loading ("Unknown file extension .ts"), while the in-thread CommonJS hook does. The built
 * command line (dist/cli/bpa.js) is plain JavaScript and starts without it.
 */
export function workerBootstrap(script: string): string {
  const load = `require(${JSON.stringify(script)});`;
  return script.endsWith('.ts') ? `require(${JSON.stringify(require.resolve('tsx/cjs'))});\n${load}` : load;
}

/**
 * Indices of the files, largest first: a large file taken last would leave one core working alone at the
 * end while the other has nothing left. A file that cannot be statted goes last; its check reports why.
 */
export async function largestFirst(files: readonly string[]): Promise<number[]> {
  const sizes = await Promise.all(
    files.map((file) =>
      stat(file).then(
        (s) => s.size,
        () => -1,
      ),
    ),
  );
  return files.map((_, i) => i).sort((a, b) => (sizes[b] ?? -1) - (sizes[a] ?? -1) || a - b);
}

/**
 * One queue of files, largest first, shared by the main thread and the workers. A worker that dies takes
 * only the file it was checking with it: that file is reported, the files queued for it go back to the
 * front of the queue and a new worker goes on. A worker that dies before it is ready to take files failed
 * to start, which is no file's fault: its files go back to the queue and the others carry on without it.
 */
async function checkInParallel(
  files: readonly string[],
  options: CheckOptions,
  batch: BatchOptions,
  script: string,
  workerCount: number,
): Promise<FileResult[]> {
  const queue = await largestFirst(files);
  const results: (FileResult | undefined)[] = new Array<FileResult | undefined>(files.length);
  const live = new Set<Worker>();
  let done = 0;
  let wakeMain: (() => void) | null = null;
  const wake = () => {
    const resume = wakeMain;
    wakeMain = null;
    resume?.();
  };

  const finish = (index: number, result: FileResult) => {
    if (results[index] !== undefined) return;
    results[index] = result;
    done += 1;
    batch.onProgress?.(done, files.length);
    if (done === files.length) wake();
  };

  const startWorker = () => {
    const worker = new Worker(workerBootstrap(script), { eval: true, workerData: options });
    live.add(worker);
    const outstanding: number[] = [];
    let ready = false;
    let gone = false;
    const retire = () => {
      gone = true;
      live.delete(worker);
      void worker.terminate();
    };
    const feed = () => {
      while (outstanding.length < WORKER_QUEUE_DEPTH) {
        const index = queue.shift();
        const file = index === undefined ? undefined : files[index];
        if (index === undefined || file === undefined) break;
        outstanding.push(index);
        const job: CheckJob = { index, file };
        worker.postMessage(job);
      }
      if (outstanding.length === 0) retire();
    };
    worker.on('message', (message: WorkerMessage) => {
      if (gone) return;
      if (message.kind === 'ready') {
        ready = true;
      } else {
        const at = outstanding.indexOf(message.index);
        if (at >= 0) outstanding.splice(at, 1);
        finish(message.index, message.result);
      }
      feed();
    });
    const lost = (reason: string) => {
      if (gone) return;
      gone = true;
      live.delete(worker);
      const culprit = ready ? outstanding.shift() : undefined;
      queue.unshift(...outstanding);
      if (culprit !== undefined) {
        finish(culprit, unreadable(files[culprit] ?? '', 'corrupt', reason.slice(0, 200), options.lang));
        if (queue.length > 0) startWorker();
      }
      wake();
    };
    worker.on('error', (error) => lost(error.message));
    worker.on('exit', (code) => lost(`worker exited with code ${code}`));
  };

  const mainChecks = batch.mainThreadChecks ?? true;
  for (let i = 0; i < workerCount; i += 1) startWorker();
  while (done < files.length) {
    // With no worker left alive, the main thread checks whatever remains in any case.
    const index = mainChecks || live.size === 0 ? queue.shift() : undefined;
    const file = index === undefined ? undefined : files[index];
    if (index === undefined || file === undefined) {
      // Nothing to take now, but workers are still checking (or may hand files back if one dies).
      await new Promise<void>((resume) => {
        wakeMain = resume;
      });
      continue;
    }
    finish(index, await checkFile(file, options, batch.host));
  }
  await Promise.all([...live].map((worker) => worker.terminate()));
  return results.filter((r): r is FileResult => r !== undefined);
}
