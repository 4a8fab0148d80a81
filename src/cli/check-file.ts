/**
 * The per-file step of `bpa check`, the same in the main thread and in a worker: read the bytes from disk,
 * then the host-neutral step of src/app/check-received.ts (the task pane's 批量审核 uses the same) opens
 * and checks them. A bad file is a result, never an exception, so one file cannot stop a batch.
 */
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readSync,
  statSync,
  type Stats,
} from 'node:fs';
import type { FileResult } from '../app/batch-report';
import {
  checkReceivedBytes,
  DEFAULT_MAX_FILE_BYTES,
  describe,
  READ_FAILED,
  readGoalFormsFromBytes,
  unreadable,
  type CheckOptions,
} from '../app/check-received';
import type { ParsedForm } from '../domain/forms/form-model';
import type { CliHost } from './cli-host';

export {
  READ_FAILED,
  settingsFor,
  unreadable,
  WORKER_FAILED,
  type CheckOptions,
} from '../app/check-received';

type ReadOutcome = { ok: true; bytes: Uint8Array } | { ok: false; code: string; detail: string };

/**
 * Reads a received file, and only a regular one. It is opened without blocking (a named pipe would otherwise
 * wait for a writer forever), its kind and size are taken from the open handle (so what is checked is what
 * is read), and no more than the size it had is read (a device such as /dev/zero never ends).
 *
 * The calls are synchronous on purpose. A file is read by the thread that checks it (a worker, which has
 * nothing else to do meanwhile), and each awaited call would hand the thread back to the event loop and wait
 * for libuv's pool: `npm run bench` measured 3.65 ms a file with four such waits and 2.69 ms without. A read that hangs (a stalled network drive) is ended by the worker's
 * wall-clock limit, which the coordinating thread keeps.
 */
export function readReceivedFile(file: string, maxBytes: number): ReadOutcome {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    // A socket cannot be opened at all; a link may point at nothing.
    const target = statOrNull(() => statSync(file));
    if (target !== null && !target.isFile() && !target.isDirectory()) {
      return { ok: false, code: 'not_regular_file', detail: '' };
    }
    const link = statOrNull(() => lstatSync(file));
    if (target === null && link?.isSymbolicLink()) return { ok: false, code: 'broken_link', detail: '' };
    return { ok: false, code: READ_FAILED, detail: describe(error) };
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) return { ok: false, code: 'not_regular_file', detail: '' };
    if (info.size > maxBytes) return { ok: false, code: 'file_too_large', detail: '' };
    const bytes = new Uint8Array(info.size);
    let filled = 0;
    while (filled < bytes.length) {
      const bytesRead = readSync(fd, bytes, filled, bytes.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return { ok: true, bytes: filled === bytes.length ? bytes : bytes.subarray(0, filled) };
  } catch (error) {
    return { ok: false, code: READ_FAILED, detail: describe(error) };
  } finally {
    try {
      closeSync(fd);
    } catch {
      // Nothing was written; a failed close loses nothing.
    }
  }
}

function statOrNull(read: () => Stats): Stats | null {
  try {
    return read();
  } catch {
    return null;
  }
}

export async function checkFile(file: string, options: CheckOptions, host: CliHost): Promise<FileResult> {
  // Read-only: the received file is never opened for writing.
  const read = readReceivedFile(file, host.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
  if (!read.ok) return unreadable(file, read.code, read.detail, options.lang);
  return checkReceivedBytes(file, read.bytes, options, (bytes) => host.openReceived(bytes));
}

/**
 * The declared goal forms of a goal workbook given with --goals, parsed once and handed to every check
 * (as plain data, so they cross into workers). Null when the file cannot be read.
 */
export async function readGoalForms(
  file: string,
  options: Pick<CheckOptions, 'profile' | 'framework'>,
  host: CliHost,
): Promise<ParsedForm[] | null> {
  const read = readReceivedFile(file, host.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
  if (!read.ok) return null;
  return readGoalFormsFromBytes(read.bytes, options, (bytes) => host.openReceived(bytes));
}
