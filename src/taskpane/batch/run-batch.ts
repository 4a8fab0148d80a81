/**
 * Runs a batch of chosen files through the batch worker, one file at a time, in the order chosen. Goal
 * declarations (目标申报表) given beside them are read first, as `bpa check --goals` reads them, and every
 * check is given them; 全覆盖 is then worked out over the results as the command line does. A file larger
 * than the reader's limit is refused before it is read; a file that takes longer than the wall-clock limit
 * ends its worker (a new one takes the next file), as `bpa check` does with its worker threads. Cancelling
 * ends the worker at once.
 */
import type { FileResult } from '../../app/batch-report';
import { DEFAULT_MAX_FILE_BYTES, describe, unreadable } from '../../app/check-received';
import { coverageEntry, coverageOf, type CoverageEntry, type CoverageReport } from '../../app/coverage';
import type { ParsedForm } from '../../domain/forms/form-model';
import type { Lang } from '../../domain/messages/catalog';
import type { BatchRequest, BatchResponse } from './batch-protocol';

/** The reader's own time limit is 20 s; the worker is given a little more before it is ended. */
const FILE_WALL_CLOCK_MS = 30_000;

export interface BatchFile {
  /** The name shown (a folder's files carry their relative path). */
  name: string;
  size: number;
  read(): Promise<ArrayBuffer>;
}

/** A goal workbook that could not be used, and why (the message of an unreadable received file). */
export interface GoalProblem {
  file: string;
  message: string;
}

export interface BatchOutcome {
  results: FileResult[];
  /** 全覆盖, when goal declarations were given (as `bpa check --goals`); absent when cancelled. */
  coverage?: CoverageReport;
  goalProblems: GoalProblem[];
}

export interface BatchRun {
  done: Promise<BatchOutcome>;
  cancel(): void;
}

export type MakeWorker = () => Worker;

export const makeBatchWorker: MakeWorker = () =>
  new Worker(new URL('./batch.worker.ts', import.meta.url), { name: 'batch-check' });

type Failure = { code: string; detail: string };
type Outcome<T> = { ok: true; value: T } | ({ ok: false } & Failure);

export function runBatch(
  files: readonly BatchFile[],
  lang: Lang,
  onResult: (result: FileResult, index: number) => void,
  makeWorker: MakeWorker = makeBatchWorker,
  goalFiles: readonly BatchFile[] = [],
): BatchRun {
  let worker: Worker | null = null;
  let cancelled = false;
  let stopCurrent: (() => void) | null = null;
  let nextId = 0;
  /**
   * The next file's bytes, read while the worker checks the one before: reading a File is a round trip to
   * the browser's blob store, and overlapping it with checking keeps the worker busy. One file ahead at most.
   */
  const readAhead = new Map<BatchFile, Promise<ArrayBuffer>>();
  const prefetch = (file: BatchFile | undefined) => {
    if (file === undefined || file.size > DEFAULT_MAX_FILE_BYTES || readAhead.has(file)) return;
    const reading = file.read();
    // A failed read is reported when the file's turn comes; until then it is not unhandled.
    reading.catch(() => undefined);
    readAhead.set(file, reading);
  };
  const bytesOf = (file: BatchFile): Promise<ArrayBuffer> => {
    const reading = readAhead.get(file);
    readAhead.delete(file);
    return reading ?? file.read();
  };

  /** One request to the worker, with the wall-clock limit; never rejects. */
  const ask = <T>(
    file: BatchFile,
    request: (id: number, bytes: ArrayBuffer) => BatchRequest,
    answer: (response: BatchResponse) => T | undefined,
  ): Promise<Outcome<T>> =>
    new Promise<Outcome<T>>((resolve) => {
      if (file.size > DEFAULT_MAX_FILE_BYTES) {
        resolve({ ok: false, code: 'file_too_large', detail: '' });
        return;
      }
      const id = nextId++;
      const current = worker ?? makeWorker();
      worker = current;
      const timer = setTimeout(() => {
        finish({ ok: false, code: 'timeout', detail: '' });
        current.terminate();
        worker = null;
      }, FILE_WALL_CLOCK_MS);
      const finish = (outcome: Outcome<T>) => {
        clearTimeout(timer);
        current.onmessage = null;
        current.onerror = null;
        stopCurrent = null;
        resolve(outcome);
      };
      stopCurrent = () => finish({ ok: false, code: 'cancelled', detail: '' });
      current.onmessage = (event: MessageEvent<BatchResponse>) => {
        if (event.data.id !== id) return;
        const value = answer(event.data);
        if (value !== undefined) finish({ ok: true, value });
      };
      current.onerror = (event) => {
        event.preventDefault();
        current.terminate();
        worker = null;
        finish({ ok: false, code: 'corrupt', detail: event.message ?? '' });
      };
      bytesOf(file).then(
        (bytes) => current.postMessage(request(id, bytes), [bytes]),
        (error: unknown) => finish({ ok: false, code: 'read_failed', detail: describe(error) }),
      );
    });

  const done = (async (): Promise<BatchOutcome> => {
    const goals: ParsedForm[] = [];
    const goalEntries: CoverageEntry[] = [];
    const goalProblems: GoalProblem[] = [];
    for (const file of goalFiles) {
      if (cancelled) break;
      const read = await ask(
        file,
        (id, bytes) => ({ kind: 'goals', id, bytes }),
        (r) => (r.kind === 'goals' ? { forms: r.forms } : undefined),
      );
      if (read.ok && read.value.forms !== null) {
        goals.push(...read.value.forms);
        goalEntries.push(...read.value.forms.map((form) => coverageEntry(file.name, form)));
      } else {
        const failure: Failure = read.ok ? { code: 'corrupt', detail: '' } : read;
        const message = unreadable(file.name, failure.code, failure.detail, lang).error?.message ?? '';
        goalProblems.push({ file: file.name, message });
      }
    }
    const results: FileResult[] = [];
    for (const [index, file] of files.entries()) {
      if (cancelled) break;
      const checking = ask(
        file,
        (id, bytes) => ({ kind: 'check', id, name: file.name, bytes, lang, goals }),
        (r) => (r.kind === 'check' ? r.result : undefined),
      );
      prefetch(files[index + 1]);
      const checked = await checking;
      if (cancelled) break;
      const result = checked.ok ? checked.value : unreadable(file.name, checked.code, checked.detail, lang);
      results.push(result);
      onResult(result, index);
    }
    (worker as Worker | null)?.terminate();
    worker = null;
    readAhead.clear();
    const coverage = goalFiles.length > 0 && !cancelled ? coverageOf(goalEntries, results) : undefined;
    return { results, goalProblems, ...(coverage === undefined ? {} : { coverage }) };
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

export interface Grouped<T> {
  add(item: T): void;
  /** Hands on what is waiting now. */
  flush(): void;
  /** Forgets what is waiting (a new batch replaced this one). */
  drop(): void;
}

/**
 * Hands items on in groups, at most one group every `everyMs`: results arrive faster than anyone reads them,
 * and redrawing the results table after every file cost the pane more than checking the file. A timer, not
 * an animation frame: a hidden pane gets no frames, and its results must still arrive.
 */
export function grouped<T>(deliver: (items: T[]) => void, everyMs = 50): Grouped<T> {
  let waiting: T[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (waiting.length === 0) return;
    const items = waiting;
    waiting = [];
    deliver(items);
  };
  return {
    add(item) {
      waiting.push(item);
      timer ??= setTimeout(flush, everyMs);
    },
    flush,
    drop() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      waiting = [];
    },
  };
}
