/**
 * The per-file step of `bpa check`, the same in the main thread and in a worker: read the bytes, open them
 * as a received workbook, check every form, and turn the outcome into a FileResult. A bad file is a result,
 * never an exception, so one file cannot stop a batch.
 */
import { constants } from 'node:fs';
import { lstat, open, stat } from 'node:fs/promises';
import { fileResult, type FileResult } from '../app/batch-report';
import { checkWorkbook } from '../app/check-workbook';
import { DEFAULT_FRAMEWORK_ID, DEFAULT_PROFILE_ID, type EngineSettings } from '../app/engine-settings';
import type { ParsedForm } from '../domain/forms/form-model';
import type { MetaEntry } from '../domain/forms/read-meta';
import type { Framework } from '../domain/framework/framework-schema';
import { getFramework } from '../domain/framework/frameworks';
import type { Lang } from '../domain/messages/catalog';
import { unreadableMessage } from '../domain/messages/file-messages';
import type { Profile } from '../domain/profiles/profile-schema';
import { getProfile } from '../domain/profiles/profiles';
import type { CliHost } from './cli-host';

/** Everything a check needs besides the file, as plain data so that it crosses into a worker thread. */
export interface CheckOptions {
  lang: Lang;
  /** Given with --profile / --framework; otherwise each sheet uses what its `_meta` line names. */
  profile: Profile | null;
  framework: Framework | null;
  goals: readonly ParsedForm[];
}

/** The code of a failure that is ours or the system's rather than the file's (no read permission, …). */
export const READ_FAILED = 'read_failed';
/** No worker thread could be started to check the file: the installation, not the file, is at fault. */
export const WORKER_FAILED = 'worker_failed';

export function settingsFor(options: Pick<CheckOptions, 'profile' | 'framework'>) {
  return (meta: MetaEntry | null): EngineSettings => {
    const profile =
      options.profile ?? (meta?.profile ? getProfile(meta.profile) : null) ?? getProfile(DEFAULT_PROFILE_ID);
    const framework =
      options.framework ??
      (meta?.framework ? getFramework(meta.framework) : null) ??
      getFramework(DEFAULT_FRAMEWORK_ID);
    if (profile === null || framework === null) throw new Error('built-in profile or framework missing');
    return { profile, framework };
  };
}

/** Files larger than this are refused before a byte is read; the host's own limit when it names one. */
const DEFAULT_MAX_FILE_BYTES = 50 * 1024 * 1024;

type ReadOutcome = { ok: true; bytes: Uint8Array } | { ok: false; code: string; detail: string };

/**
 * Reads a received file, and only a regular one. It is opened without blocking (a named pipe would otherwise
 * wait for a writer forever), its kind and size are taken from the open handle (so what is checked is what
 * is read), and no more than the size it had is read (a device such as /dev/zero never ends).
 */
export async function readReceivedFile(file: string, maxBytes: number): Promise<ReadOutcome> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    // A socket cannot be opened at all; a link may point at nothing.
    const target = await stat(file).catch(() => null);
    if (target !== null && !target.isFile() && !target.isDirectory()) {
      return { ok: false, code: 'not_regular_file', detail: '' };
    }
    const link = await lstat(file).catch(() => null);
    if (target === null && link?.isSymbolicLink()) return { ok: false, code: 'broken_link', detail: '' };
    return { ok: false, code: READ_FAILED, detail: describe(error) };
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { ok: false, code: 'not_regular_file', detail: '' };
    if (info.size > maxBytes) return { ok: false, code: 'file_too_large', detail: '' };
    const bytes = new Uint8Array(info.size);
    let filled = 0;
    while (filled < bytes.length) {
      const { bytesRead } = await handle.read(bytes, filled, bytes.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return { ok: true, bytes: filled === bytes.length ? bytes : bytes.subarray(0, filled) };
  } catch (error) {
    return { ok: false, code: READ_FAILED, detail: describe(error) };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

export async function checkFile(file: string, options: CheckOptions, host: CliHost): Promise<FileResult> {
  // Read-only: the received file is never opened for writing.
  const read = await readReceivedFile(file, host.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
  if (!read.ok) return unreadable(file, read.code, read.detail, options.lang);
  try {
    const opened = await host.openReceived(read.bytes);
    // The sender gets the catalog text; the loader's technical detail adds nothing they can act on.
    if (!opened.ok) return unreadable(file, opened.code, '', options.lang);
    const report = await checkWorkbook(opened.workbook, {
      settingsFor: settingsFor(options),
      goals: options.goals,
    });
    return fileResult(file, report, options.lang);
  } catch (error) {
    return unreadable(file, 'corrupt', describe(error), options.lang);
  }
}

export function unreadable(file: string, code: string, detail: string, lang: Lang): FileResult {
  const base =
    code === READ_FAILED
      ? lang === 'en'
        ? 'The file could not be read from disk'
        : '无法从磁盘读取该文件'
      : unreadableMessage(code, lang);
  const message = detail === '' ? base : `${base}（${detail}）`;
  return { file, status: 'unreadable', error: { code, message }, sheets: [] };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message.slice(0, 200) : String(error).slice(0, 200);
}

const GOAL_TEMPLATES: readonly string[] = ['project-goals', 'department-goals'];

/**
 * The declared goal forms of a goal workbook given with --goals, parsed once and handed to every check
 * (as plain data, so they cross into workers). Null when the file cannot be read.
 */
export async function readGoalForms(
  file: string,
  options: Pick<CheckOptions, 'profile' | 'framework'>,
  host: CliHost,
): Promise<ParsedForm[] | null> {
  try {
    const read = await readReceivedFile(file, host.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
    if (!read.ok) return null;
    const opened = await host.openReceived(read.bytes);
    if (!opened.ok) return null;
    const report = await checkWorkbook(opened.workbook, { settingsFor: settingsFor(options) });
    return report.sheets.filter((s) => GOAL_TEMPLATES.includes(s.template)).map((s) => s.form);
  } catch {
    return null;
  }
}
