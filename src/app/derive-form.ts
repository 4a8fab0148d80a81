/**
 * Use case: carry a goal declaration into the next form of the cycle (监控表 or 自评表). The new form is
 * inserted as a new sheet (never over an existing one) — in the pane right after its goal sheet — filled
 * with what was declared, and its `_meta` line names the sheet it came from. The pane derives from a sheet of the same workbook; the command line from a
 * goal form read out of another workbook.
 */
import { deriveFill, SOURCE_OF, type DerivedTemplate } from '../domain/cycle/derive';
import { sameProject, identityOf } from '../domain/cycle/project-key';
import {
  declarationOf,
  monitoringOf,
  type GoalDeclaration,
  type MonitoringProgress,
} from '../domain/cycle/stage-reading';
import type { ParsedForm } from '../domain/forms/form-model';
import { readMeta, type MetaEntry } from '../domain/forms/read-meta';
import { checkWorkbook } from './check-workbook';
import type { EngineSettings } from './engine-settings';
import { fillForm, type FillResult } from './fill-form';
import { insertTemplate, META_SHEET } from './insert-template';
import type { WorkbookPort } from './workbook-port';

export interface DeriveRequest {
  target: DerivedTemplate;
  declaration: GoalDeclaration;
  settings: EngineSettings;
  /** Where the declaration came from, for `_meta` (a sheet name, or `file!sheet` from another workbook). */
  derivedFrom: string;
  monitoring?: MonitoringProgress | null;
  sheetName?: string;
  /** A sheet of the same workbook the new form goes right after (the goal sheet in the pane). */
  after?: string;
  now?: Date;
}

export interface Derived {
  sheet: string;
  fill: FillResult;
  indicators: number;
}

export async function deriveForm(port: WorkbookPort, request: DeriveRequest): Promise<Derived> {
  const { target, declaration, settings } = request;
  const fill = deriveFill(target, declaration, {
    profile: settings.profile,
    framework: settings.framework,
    monitoring: request.monitoring ?? null,
  });
  const { sheet } = await insertTemplate(port, {
    template: target,
    settings,
    indicatorRows: Math.max(1, fill.indicators.length),
    derivedFrom: request.derivedFrom,
    ...(request.sheetName === undefined ? {} : { sheetName: request.sheetName }),
    ...(request.after === undefined ? {} : { after: request.after }),
    ...(request.now === undefined ? {} : { now: request.now }),
  });
  const result = await fillForm(port, sheet, target, fill);
  return { sheet, fill: result, indicators: fill.indicators.length };
}

export type DeriveFromSheetResult =
  | ({ ok: true; monitoringSheet: string | null } & Derived)
  | { ok: false; reason: 'not_a_form' | 'wrong_source'; found: string | null };

async function metaLine(port: WorkbookPort, sheet: string): Promise<MetaEntry | null> {
  const sheets = await port.listSheets();
  if (!sheets.some((s) => s.name === META_SHEET)) return null;
  return readMeta(await port.readBlock(META_SHEET)).entries.find((m) => m.sheet === sheet) ?? null;
}

/** The monitoring form of the same project among `forms`, if there is one. */
export function monitoringFor(goal: ParsedForm, forms: readonly ParsedForm[]): ParsedForm | null {
  const own = identityOf(goal);
  return forms.find((f) => f.template === 'project-monitoring' && sameProject(own, identityOf(f))) ?? null;
}

/**
 * Derives from a goal sheet of the workbook. A self-evaluation takes execution and expected completion from
 * a monitoring sheet of the same project in the workbook when there is one.
 */
export async function deriveFromSheet(
  port: WorkbookPort,
  request: {
    source: string;
    target: DerivedTemplate;
    /** Settings for a sheet from its `_meta` line: the new form follows the profile its goals were made with. */
    settingsFor: (meta: MetaEntry | null) => EngineSettings;
    now?: Date;
  },
): Promise<DeriveFromSheetResult> {
  const report = await checkWorkbook(port, { settingsFor: request.settingsFor });
  const source = report.sheets.find((s) => s.sheet === request.source)?.form;
  if (source === undefined) return { ok: false, reason: 'not_a_form', found: null };
  const declaration = declarationOf(source);
  if (declaration === null || declaration.template !== SOURCE_OF[request.target]) {
    return { ok: false, reason: 'wrong_source', found: source.template };
  }
  const monitoringForm =
    request.target === 'project-self-evaluation'
      ? monitoringFor(
          source,
          report.sheets.map((s) => s.form),
        )
      : null;
  const derived = await deriveForm(port, {
    target: request.target,
    declaration,
    settings: request.settingsFor(await metaLine(port, source.sheet)),
    derivedFrom: source.sheet,
    after: source.sheet,
    monitoring: monitoringForm === null ? null : monitoringOf(monitoringForm),
    ...(request.now === undefined ? {} : { now: request.now }),
  });
  return { ok: true, monitoringSheet: monitoringForm?.sheet ?? null, ...derived };
}
