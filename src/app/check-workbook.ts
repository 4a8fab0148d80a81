/**
 * Use case: check every form in a workbook. One round trip reads `_meta` and every visible sheet.
 */
import type { Issue } from '../domain/checks/issue';
import { sameProjectCandidates } from '../domain/cycle/project-key';
import type { ParsedForm, TemplateId } from '../domain/forms/form-model';
import { readForm } from '../domain/forms/read-form';
import { readMeta, type MetaEntry } from '../domain/forms/read-meta';
import type { FormScores } from '../domain/scoring/score-types';
import { analyseForm, goalsFor } from './analyse-form';
import type { EngineSettings } from './engine-settings';
import { META_SHEET } from './insert-template';
import type { WorkbookPort } from './workbook-port';

export interface SheetReport {
  sheet: string;
  template: TemplateId;
  source: 'meta' | 'headers';
  form: ParsedForm;
  issues: Issue[];
  scores: FormScores;
}

export interface WorkbookReport {
  sheets: SheetReport[];
  /** Visible, non-empty sheets that hold no recognisable form. */
  unrecognized: string[];
}

export interface CheckRequest {
  /** Settings for a sheet; `meta` is its `_meta` line when the workbook has one. */
  settingsFor: (meta: MetaEntry | null) => EngineSettings;
  /** Declared goals given alongside the workbook (cross-stage check). */
  goals?: readonly ParsedForm[];
}

export async function checkWorkbook(port: WorkbookPort, request: CheckRequest): Promise<WorkbookReport> {
  const sheets = await port.listSheets();
  const hasMeta = sheets.some((s) => s.name === META_SHEET);
  const candidates = sheets.filter((s) => s.visibility === 'visible' && s.usedRange !== null);
  const blocks = await port.readBlocks([
    ...(hasMeta ? [{ sheet: META_SHEET }] : []),
    ...candidates.map((s) => ({ sheet: s.name })),
  ]);
  const metaEntries = hasMeta && blocks[0] ? readMeta(blocks[0]).entries : [];
  const formBlocks = hasMeta ? blocks.slice(1) : blocks;

  const parsed: { form: ParsedForm; meta: MetaEntry | null }[] = [];
  const unrecognized: string[] = [];
  candidates.forEach((info, i) => {
    const block = formBlocks[i];
    if (!block || isInstructionsSheet(info.name, metaEntries)) return;
    const meta = metaEntries.find((m) => m.sheet === info.name) ?? null;
    const result = readForm(
      block,
      info.name,
      meta ? { template: meta.template, version: meta.version } : null,
      {
        vocabulary: request.settingsFor(meta).vocabulary,
      },
    );
    if (result.ok) parsed.push({ form: result.form, meta });
    else if (result.reason === 'unrecognized') unrecognized.push(info.name);
  });

  const goalCandidates = [...parsed.map((p) => p.form), ...(request.goals ?? [])];
  const reports = parsed.map(({ form, meta }) => {
    const { scores, issues } = analyseForm(
      form,
      request.settingsFor(meta),
      goalsFor(form, sameProjectCandidates(form, goalCandidates)),
    );
    return { sheet: form.sheet, template: form.template, source: form.source, form, issues, scores };
  });
  return { sheets: reports, unrecognized };
}

/** Our own 填表说明 sheets are not forms and not worth a warning. */
function isInstructionsSheet(name: string, meta: readonly MetaEntry[]): boolean {
  return meta.some((m) => name === `${m.sheet}说明`);
}
