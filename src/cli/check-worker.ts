/**
 * The worker side of a parallel check: the same per-file function as the main thread, fed one file at a
 * time. The options arrive once, as workerData, since the goal forms can be large.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { FileResult } from '../app/batch-report';
import type { CliHost } from './cli-host';
import { checkFile, type CheckOptions } from './check-file';

export interface CheckJob {
  index: number;
  file: string;
}

export interface CheckJobDone {
  index: number;
  result: FileResult;
}

export function serveChecks(host: CliHost): void {
  const port = parentPort;
  if (port === null) return;
  const options = workerData as CheckOptions;
  port.on('message', (job: CheckJob) => {
    void checkFile(job.file, options, host).then((result) => {
      const done: CheckJobDone = { index: job.index, result };
      port.postMessage(done);
    });
  });
}
