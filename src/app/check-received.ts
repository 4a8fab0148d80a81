/**
 * Checking one received workbook from its bytes: open it with the host's reader, check every form, and turn
 * the outcome into a FileResult. The same step serves `bpa check` (src/cli/check-file.ts, in a worker thread)
 * and 批量审核 in the task pane (in a Web Worker); only how the bytes are read and opened differs. A bad
 * file is a result, never an exception, so one file cannot stop a batch.
 */
import { fileResult, type FileResult } from './batch-report';
import { checkWorkbook } from './check-workbook';
import { DEFAULT_FRAMEWORK_ID, DEFAULT_PROFILE_ID, type EngineSettings } from './engine-settings';
import type { WorkbookPort } from './workbook-port';
import type { ParsedForm } from '../domain/forms/form-model';
import type { MetaEntry } from '../domain/forms/read-meta';
import type { Framework } from '../domain/framework/framework-schema';
import { getFramework } from '../domain/framework/frameworks';
import type { Lang } from '../domain/messages/catalog';
import { unreadableMessage } from '../domain/messages/file-messages';
import type { JurisdictionRecord } from '../domain/profiles/jurisdiction-record';
import type { Profile } from '../domain/profiles/profile-schema';
import { getProfile } from '../domain/profiles/profiles';

/** Everything a check needs besides the file, as plain data so that it crosses into a worker. */
export interface CheckOptions {
  lang: Lang;
  /** Given with --profile / --framework; otherwise each sheet uses what its `_meta` line names. */
  profile: Profile | null;
  framework: Framework | null;
  goals: readonly ParsedForm[];
  /** The package given with --jurisdiction (null: none), compared with the one a workbook names. */
  jurisdiction?: JurisdictionRecord | null;
}

export type OpenResult = { ok: true; workbook: WorkbookPort } | { ok: false; code: string; detail: string };

/** Opens a received file from its bytes; never throws for a bad file. */
export type OpenReceived = (bytes: Uint8Array) => Promise<OpenResult>;

/** The code of a failure that is ours or the system's rather than the file's (no read permission, …). */
export const READ_FAILED = 'read_failed';
/** No worker could be started to check the file: the installation, not the file, is at fault. */
export const WORKER_FAILED = 'worker_failed';

/** Files larger than this are refused before a byte is read; the host's own limit when it names one. */
export const DEFAULT_MAX_FILE_BYTES = 50 * 1024 * 1024;

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

export async function checkReceivedBytes(
  file: string,
  bytes: Uint8Array,
  options: CheckOptions,
  open: OpenReceived,
): Promise<FileResult> {
  try {
    const opened = await open(bytes);
    // The sender gets the catalog text; the loader's technical detail adds nothing they can act on.
    if (!opened.ok) return unreadable(file, opened.code, '', options.lang);
    const report = await checkWorkbook(opened.workbook, {
      settingsFor: settingsFor(options),
      goals: options.goals,
      ...(options.jurisdiction === undefined ? {} : { jurisdiction: options.jurisdiction }),
    });
    return fileResult(file, report, options.lang);
  } catch (error) {
    return unreadable(file, 'corrupt', describe(error), options.lang);
  }
}

/** The forms a goal workbook declares (given with --goals, or as 目标申报表 in the pane's batch review). */
export const GOAL_TEMPLATES: readonly string[] = ['project-goals', 'department-goals'];

/**
 * The declared goal forms of a goal workbook from its bytes, parsed once and handed to every check (as plain
 * data, so they cross into workers). Null when the file cannot be read; an empty list when it declares none.
 */
export async function readGoalFormsFromBytes(
  bytes: Uint8Array,
  options: Pick<CheckOptions, 'profile' | 'framework'>,
  open: OpenReceived,
): Promise<ParsedForm[] | null> {
  try {
    const opened = await open(bytes);
    if (!opened.ok) return null;
    const report = await checkWorkbook(opened.workbook, { settingsFor: settingsFor(options) });
    return report.sheets.filter((s) => GOAL_TEMPLATES.includes(s.template)).map((s) => s.form);
  } catch {
    return null;
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

export function describe(error: unknown): string {
  return error instanceof Error ? error.message.slice(0, 200) : String(error).slice(0, 200);
}
