/**
 * What the command line needs from its surroundings, injected so that the commands run in tests without a
 * process: where text goes, whether a person watches stderr, and which workbook host reads and writes files.
 * `main.ts` is the one place that picks the xlsx-file host.
 */
import type { ReportBook } from '../app/report-book';
import type { WorkbookPort } from '../app/workbook-port';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** A progress bar is drawn only for a person at a terminal, never into a pipe or a log. */
  stderrIsTty: boolean;
  /** Default for `--jobs`. */
  cpuCount: number;
  host: CliHost;
}

export interface WritableWorkbook extends WorkbookPort {
  toBuffer(): Promise<Uint8Array>;
}

import type { OpenResult } from '../app/check-received';

export type { OpenResult } from '../app/check-received';

export interface CliHost {
  createWorkbook(): WritableWorkbook;
  /** Writes a report workbook (xlsx bytes). */
  writeReportBook(book: ReportBook): Promise<Uint8Array>;
  /** Files larger than this are refused before they are read (the reader's own limit). */
  maxFileBytes?: number;
  /** Opens a received file from its bytes; never throws for a bad file. */
  openReceived(buffer: Uint8Array): Promise<OpenResult>;
  /**
   * A module that, loaded in a worker thread, serves `check` requests (see check-worker.ts); null when this
   * host cannot run workers, and the batch then runs in one thread.
   */
  workerScript: string | null;
}
