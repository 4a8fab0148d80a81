/**
 * The per-file step of `bpa check`, the same in the main thread and in a worker: read the bytes, open them
 * as a received workbook, check every form, and turn the outcome into a FileResult. A bad file is a result,
 * never an exception, so one file cannot stop a batch.
 */
import { readFile } from 'node:fs/promises';
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

export async function checkFile(file: string, options: CheckOptions, host: CliHost): Promise<FileResult> {
  let bytes: Uint8Array;
  try {
    // Read-only: the received file is never opened for writing.
    bytes = await readFile(file);
  } catch (error) {
    return unreadable(file, READ_FAILED, describe(error), options.lang);
  }
  try {
    const opened = await host.openReceived(bytes);
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
    const opened = await host.openReceived(await readFile(file));
    if (!opened.ok) return null;
    const report = await checkWorkbook(opened.workbook, { settingsFor: settingsFor(options) });
    return report.sheets.filter((s) => GOAL_TEMPLATES.includes(s.template)).map((s) => s.form);
  } catch {
    return null;
  }
}
