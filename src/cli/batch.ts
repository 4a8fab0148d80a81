/**
 * Checks many files in worker threads (or in this thread for a host without workers) and returns the results
 * in the order the files were given, whatever order they finish in.
 */
import { stat } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import type { FileResult } from '../app/batch-report';
import type { CliHost } from './cli-host';
import { checkFile, unreadable, WORKER_FAILED, type CheckOptions } from './check-file';
import type { CheckJob, WorkerMessage } from './check-worker';
import { deserialized, type SerializedResult } from './results';

/** What a batch hands on for each file: the result checked in this thread, or as a worker sent it. */
export type BatchSink = (index: number, result: FileResult | SerializedResult) => void;

export interface BatchOptions {
  jobs: number;
  host: CliHost;
  /** Called after each file with the number done so far. */
  onProgress?: (done: number, total: number) => void;
  /** Wall-clock limit for one file in a worker; past it the worker is ended and the file reported. */
  fileTimeoutMs?: number;
  /** Heap cap of a worker (V8 old generation, MB); a file that needs more is reported as too large. */
  workerMemoryMb?: number;
}

/** Files handed to a worker ahead of time, so that it never sits idle waiting for the main thread. */
const WORKER_QUEUE_DEPTH = 2;
/** Above the reader's own 20 s limit, which ends most slow files with a clearer message first. */
export const DEFAULT_FILE_TIMEOUT_MS = 30_000;
export const DEFAULT_WORKER_MEMORY_MB = 384;
/** Workers that die one after the other before taking a file: the installation is broken, not a file. */
const MAX_START_FAILURES = 3;

export async function checkFiles(
  files: readonly string[],
  options: CheckOptions,
  batch: BatchOptions,
): Promise<FileResult[]> {
  const results: FileResult[] = new Array<FileResult>(files.length);
  await checkFilesInto(files, options, batch, (index, result) => {
    results[index] = deserialized(result);
  });
  return results;
}

/**
 * Checks every file and hands each result to `sink` as it comes (in any order), exactly once per file: as
 * the object when checked in this thread (no JSON round trip), as JSON with its summary when it crossed
 * from a worker (never parsed on the way). With a
 * worker script, the calling thread only coordinates: every file is checked in a worker thread under a heap
 * cap and a wall-clock limit, so no file can take the batch down. Without one (a host that cannot run
 * workers), the files are checked here, one after the other.
 */
export async function checkFilesInto(
  files: readonly string[],
  options: CheckOptions,
  batch: BatchOptions,
  sink: BatchSink,
): Promise<void> {
  if (files.length === 0) return;
  if (batch.host.workerScript !== null) {
    const workers = Math.max(1, Math.min(batch.jobs, files.length));
    await checkInWorkers(files, options, batch, batch.host.workerScript, workers, sink);
    return;
  }
  for (let i = 0; i < files.length; i += 1) {
    sink(i, await checkFile(files[i] ?? '', options, batch.host));
    batch.onProgress?.(i + 1, files.length);
  }
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
 * One queue of files, largest first, shared by the workers. A worker says when it starts a file, so the main
 * thread always knows which file a worker is on: when the file passes its time limit, the worker is ended;
 * when the worker dies (its heap cap, a crash), the file it was on is reported, the files queued for it go
 * back to the front of the queue and a new worker goes on. A worker that dies before it is ready failed to
 * start, which is no file's fault: its files go back to the queue; after a few such failures in a row the
 * remaining files are reported as not checked.
 */
async function checkInWorkers(
  files: readonly string[],
  options: CheckOptions,
  batch: BatchOptions,
  script: string,
  workerCount: number,
  sink: BatchSink,
): Promise<void> {
  const timeoutMs = batch.fileTimeoutMs ?? DEFAULT_FILE_TIMEOUT_MS;
  const memoryMb = batch.workerMemoryMb ?? DEFAULT_WORKER_MEMORY_MB;
  const queue = await largestFirst(files);
  const finished = new Uint8Array(files.length);
  const live = new Set<Worker>();
  let done = 0;
  let startFailures = 0;
  let allDone: () => void = () => undefined;
  const complete = new Promise<void>((resolve) => {
    allDone = resolve;
  });

  const finish = (index: number, result: FileResult | SerializedResult) => {
    if (finished[index] === 1) return;
    finished[index] = 1;
    sink(index, result);
    done += 1;
    batch.onProgress?.(done, files.length);
    if (done === files.length) allDone();
  };

  const giveUp = (reason: string) => {
    for (let index = queue.shift(); index !== undefined; index = queue.shift()) {
      finish(index, unreadable(files[index] ?? '', WORKER_FAILED, reason.slice(0, 200), options.lang));
    }
  };

  const startWorker = () => {
    const worker = new Worker(workerBootstrap(script), {
      eval: true,
      workerData: options,
      resourceLimits: {
        maxOldGenerationSizeMb: memoryMb,
        maxYoungGenerationSizeMb: Math.min(64, memoryMb / 4),
      },
    });
    live.add(worker);
    const outstanding: number[] = [];
    let current: number | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let ready = false;
    let gone = false;
    const stopClock = () => {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    };
    const retire = () => {
      gone = true;
      stopClock();
      live.delete(worker);
      void worker.terminate();
    };
    const feed = () => {
      while (outstanding.length < WORKER_QUEUE_DEPTH) {
        const index = queue.shift();
        if (index === undefined) break;
        outstanding.push(index);
        const job: CheckJob = { index, file: files[index] ?? '' };
        worker.postMessage(job);
      }
      if (outstanding.length === 0) retire();
    };
    /** The worker is ended for the file it was on; the others queued for it go back to the queue. */
    const lost = (code: string, detail: string) => {
      if (gone) return;
      gone = true;
      stopClock();
      live.delete(worker);
      void worker.terminate();
      const culprit = ready ? (current ?? outstanding[0]) : undefined;
      queue.unshift(...outstanding.filter((i) => i !== culprit));
      if (culprit !== undefined) {
        startFailures = 0;
        finish(culprit, unreadable(files[culprit] ?? '', code, detail.slice(0, 200), options.lang));
      } else {
        startFailures += 1;
      }
      if (queue.length === 0) return;
      if (startFailures >= MAX_START_FAILURES) {
        if (live.size === 0) giveUp(detail);
        return;
      }
      startWorker();
    };
    worker.on('message', (message: WorkerMessage) => {
      if (gone) return;
      if (message.kind === 'ready') {
        ready = true;
        startFailures = 0;
        feed();
      } else if (message.kind === 'start') {
        current = message.index;
        stopClock();
        timer = setTimeout(
          () =>
            lost(
              'timeout',
              `检查超过 ${timeoutMs} 毫秒，已中止 / checking took over ${timeoutMs} ms and was stopped`,
            ),
          timeoutMs,
        );
      } else {
        stopClock();
        current = undefined;
        const at = outstanding.indexOf(message.index);
        if (at >= 0) outstanding.splice(at, 1);
        finish(message.index, message.result);
        feed();
      }
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        lost('too_large', `检查所需内存超过 ${memoryMb} MB / checking needs more than ${memoryMb} MB`);
      } else lost('corrupt', error.message);
    });
    worker.on('exit', (code) => lost('corrupt', `worker exited with code ${code}`));
  };

  for (let i = 0; i < workerCount; i += 1) startWorker();
  await complete;
  await Promise.all([...live].map((worker) => worker.terminate()));
}
