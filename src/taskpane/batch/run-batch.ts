/**
 * Runs a batch of chosen files through the batch worker, one file at a time, in the order chosen. A file
 * larger than the reader's limit is refused before it is read; a file that takes longer than the wall-clock
 * limit ends its worker (a new one takes the next file), as `bpa check` does with its worker threads.
 * Cancelling ends the worker at once.
 */
import type { FileResult } from '../../app/batch-report';
import { DEFAULT_MAX_FILE_BYTES, describe, unreadable } from '../../app/check-received';
import type { Lang } from '../../domain/messages/catalog';
import type { CheckResponse } from './batch-protocol';

/** The reader's own time limit is 20 s; the worker is given a little more before it is ended. */
const FILE_WALL_CLOCK_MS = 30_000;

export interface BatchFile {
  /** The name shown (a folder's files carry their relative path). */
  name: string;
  size: number;
  read(): Promise<ArrayBuffer>;
}

export interface BatchRun {
  done: Promise<FileResult[]>;
  cancel(): void;
}

export type MakeWorker = () => Worker;

export const makeBatchWorker: MakeWorker = () =>
  new Worker(new URL('./batch.worker.ts', import.meta.url), { name: 'batch-check' });

export function runBatch(
  files: readonly BatchFile[],
  lang: Lang,
  onResult: (result: FileResult, index: number) => void,
  makeWorker: MakeWorker = makeBatchWorker,
): BatchRun {
  let worker: Worker | null = null;
  let cancelled = false;
  let stopCurrent: (() => void) | null = null;

  const checkOne = (file: BatchFile, id: number): Promise<FileResult> =>
    new Promise<FileResult>((resolve) => {
      const current = worker ?? makeWorker();
      worker = current;
      const timer = setTimeout(() => {
        finish(unreadable(file.name, 'timeout', '', lang));
        current.terminate();
        worker = null;
      }, FILE_WALL_CLOCK_MS);
      const finish = (result: FileResult) => {
        clearTimeout(timer);
        current.onmessage = null;
        current.onerror = null;
        stopCurrent = null;
        resolve(result);
      };
      stopCurrent = () => finish(unreadable(file.name, 'cancelled', '', lang));
      current.onmessage = (event: MessageEvent<CheckResponse>) => {
        if (event.data.id === id) finish(event.data.result);
      };
      current.onerror = (event) => {
        event.preventDefault();
        current.terminate();
        worker = null;
        finish(unreadable(file.name, 'corrupt', event.message ?? '', lang));
      };
      file.read().then(
        (bytes) => current.postMessage({ id, name: file.name, bytes, lang }, [bytes]),
        (error: unknown) => finish(unreadable(file.name, 'read_failed', describe(error), lang)),
      );
    });

  const done = (async () => {
    const results: FileResult[] = [];
    for (const [index, file] of files.entries()) {
      if (cancelled) break;
      const result =
        file.size > DEFAULT_MAX_FILE_BYTES
          ? unreadable(file.name, 'file_too_large', '', lang)
          : await checkOne(file, index);
      if (cancelled) break;
      results.push(result);
      onResult(result, index);
    }
    (worker as Worker | null)?.terminate();
    worker = null;
    return results;
  })();

  return {
    done,
    cancel() {
      cancelled = true;
      worker?.terminate();
      worker = null;
      stopCurrent?.();
    },
  };
}
