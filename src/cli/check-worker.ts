/**
 * The worker side of a parallel check: the same per-file function as the main thread. Files arrive a few
 * at a time so that the worker never waits for the main thread, and are checked strictly one after the
 * other, so that when a file takes the worker down, the main thread knows which file it was. The options
 * arrive once, as workerData, since the goal forms can be large.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CliHost } from './cli-host';
import { checkFile, type CheckOptions } from './check-file';
import { serialized, type SerializedResult } from './results';

export interface CheckJob {
  index: number;
  file: string;
}

/** Sent once the worker listens: a worker that dies before this failed to start, through no file's fault. */
export interface WorkerReady {
  kind: 'ready';
}

/** Sent as a file is begun, so the main thread knows which file a worker is on and when its time began. */
export interface CheckJobStarted {
  kind: 'start';
  index: number;
}

export interface CheckJobDone {
  kind: 'done';
  index: number;
  /** The FileResult as JSON with its summary: one string crosses threads cheaper than a tree of objects. */
  result: SerializedResult;
}

export type WorkerMessage = WorkerReady | CheckJobStarted | CheckJobDone;

export function serveChecks(host: CliHost): void {
  const port = parentPort;
  if (port === null) return;
  const options = workerData as CheckOptions;
  const queue: CheckJob[] = [];
  let busy = false;
  const drain = async () => {
    busy = true;
    for (let job = queue.shift(); job !== undefined; job = queue.shift()) {
      const started: CheckJobStarted = { kind: 'start', index: job.index };
      port.postMessage(started);
      const result = await checkFile(job.file, options, host);
      const done: CheckJobDone = { kind: 'done', index: job.index, result: serialized(result) };
      port.postMessage(done);
    }
    busy = false;
  };
  port.on('message', (job: CheckJob) => {
    queue.push(job);
    if (!busy) void drain();
  });
  const ready: WorkerReady = { kind: 'ready' };
  port.postMessage(ready);
}
