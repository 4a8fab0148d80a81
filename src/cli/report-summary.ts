/**
 * What the html and xlsx reports show, computed once: one summary row per file and sheet, the per-indicator
 * rows with the issues found on them, and paths relative to the folder checked.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { FileResult, ReportIssue, ReportRow, SheetResult } from '../app/batch-report';
import { getTemplateSpec } from '../domain/templates/registry';
import type { Lang } from '../domain/messages/catalog';

export const NO_GRADE = '未评级';

/** 未评级, or its English when the report is in English. */
export const noGrade = (lang: Lang): string => (lang === 'en' ? 'not graded' : NO_GRADE);

export interface SummaryRow {
  /** The file as given (for links). */
  file: string;
  /** The file relative to the folder checked. */
  path: string;
  status: FileResult['status'];
  sheet: string | null;
  department: string | null;
  project: string | null;
  form: string | null;
  statedTotal: number | null;
  total: number | null;
  /** Recomputed minus stated, when both exist. */
  difference: number | null;
  statedGrade: string | null;
  /** The recomputed grade, or 未评级 when the total is partial, errors remain or there is no grade. */
  grade: string;
  graded: boolean;
  errors: number;
  warnings: number;
  /** Why the file was not checked, or how partial the recomputed total is. */
  note: string | null;
}

const t = (lang: Lang, zh: string, en: string): string => (lang === 'en' ? en : zh);

/** A file's path relative to the checked folder that holds it; as given when it was named by itself. */
export function displayPath(file: string, roots: readonly string[]): string {
  const full = resolve(file);
  for (const root of roots) {
    const rel = relative(resolve(root), full);
    if (rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)) return rel.split(sep).join('/');
  }
  return file.split(sep).join('/');
}

export function formTitle(sheet: SheetResult): string {
  return getTemplateSpec(sheet.template).title;
}

/** A grade is shown only for a fully recomputed sheet with no error left. */
export function isGraded(sheet: SheetResult): boolean {
  const { grade, partial } = sheet.scores;
  return grade !== null && partial === null && !sheet.issues.some((i) => i.severity === 'error');
}

export function partialNote(sheet: SheetResult, lang: Lang): string | null {
  const partial = sheet.scores.partial;
  if (partial === null) return null;
  return t(
    lang,
    `部分重算：${partial.scored}/${partial.of} 行可计分`,
    `partial: ${partial.scored} of ${partial.of} rows scored`,
  );
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

/** The summary rows of one file: one per sheet, or one saying why the file was not checked. */
export function summaryRows(file: FileResult, roots: readonly string[], lang: Lang): SummaryRow[] {
  const path = displayPath(file.file, roots);
  if (file.sheets.length === 0) {
    return [
      {
        file: file.file,
        path,
        status: file.status,
        sheet: null,
        department: null,
        project: null,
        form: null,
        statedTotal: null,
        total: null,
        difference: null,
        statedGrade: null,
        grade: noGrade(lang),
        graded: false,
        errors: 1,
        warnings: 0,
        note: file.error?.message ?? null,
      },
    ];
  }
  return file.sheets.map((sheet) => {
    const { total, statedTotal, statedGrade, grade } = sheet.scores;
    const graded = isGraded(sheet);
    return {
      file: file.file,
      path,
      status: file.status,
      sheet: sheet.sheet,
      department: sheet.department,
      project: sheet.project,
      form: formTitle(sheet),
      statedTotal,
      total,
      difference: total !== null && statedTotal !== null ? round2(total - statedTotal) : null,
      statedGrade,
      grade: graded && grade !== null ? grade : noGrade(lang),
      graded,
      errors: sheet.issues.filter((i) => i.severity === 'error').length,
      warnings: sheet.issues.filter((i) => i.severity === 'warning').length,
      note: partialNote(sheet, lang),
    };
  });
}

/** The sheet row an issue points at (1-based), from its cell address. */
export function issueRow(issue: ReportIssue): number | null {
  const match = issue.cell === null ? null : /^\$?[A-Z]{1,3}\$?(\d+)/.exec(issue.cell.replace(/^.*!/, ''));
  return match ? Number(match[1]) : null;
}

/** The rows that count for the per-indicator table: indicators and their 其中 rows, in sheet order. */
export function indicatorRows(sheet: SheetResult): ReportRow[] {
  return sheet.rows.filter((r) => r.kind === 'indicator' || r.kind === 'breakdown');
}

/** Issues found on a row of the table, by sheet row. */
export function issuesByRow(sheet: SheetResult): Map<number, ReportIssue[]> {
  const map = new Map<number, ReportIssue[]>();
  for (const issue of sheet.issues) {
    const row = issueRow(issue);
    if (row === null) continue;
    map.set(row, [...(map.get(row) ?? []), issue]);
  }
  return map;
}

const SOURCE_LABELS: Record<NonNullable<ReportRow['operatorSource']>, [string, string]> = {
  column: ['运算符列', 'operator column'],
  value: ['指标值中的符号', 'sign in the target'],
  wording: ['指标名称用语', 'wording of the indicator'],
  qualitative: ['定性指标', 'qualitative indicator'],
  'assumed-lower': ['未写明，按不低于', 'not stated, taken as at least'],
  'assumed-upper': ['未写明，按不高于', 'not stated, taken as at most'],
};

export function operatorSourceLabel(source: ReportRow['operatorSource'], lang: Lang): string {
  if (source === null) return '';
  const [zh, en] = SOURCE_LABELS[source];
  return t(lang, zh, en);
}

/** Target or actual as read: percent values carry a % sign. */
export function valueText(value: number | null, row: ReportRow): string {
  if (value === null) return '';
  return row.percent ? `${value}%` : row.unit ? `${value} ${row.unit}` : String(value);
}
