/**
 * What the html and xlsx reports show, computed once: one summary row per file and sheet, the per-indicator
 * rows with the issues found on them, and paths relative to the folder checked.
 */
import type { FileResult, ReportIssue, ReportRow, SheetResult } from './batch-report';
import type { UnscorableReason } from '../domain/scoring/score-types';
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
  /** The recomputed grade, 未评级 when the total is partial or errors remain, — for a form without grades. */
  grade: string;
  graded: boolean;
  /** The form has grades (a self-evaluation, not a goals or monitoring form). */
  gradeApplies: boolean;
  /** What keeps the sheet ungraded ("2 个错误，1 行未计分"), empty when graded. */
  blockers: string;
  errors: number;
  warnings: number;
  /** Why the file was not checked, or how partial the recomputed total is. */
  note: string | null;
}

/** Shown where a form has no grade at all. */
export const NOT_APPLICABLE = '—';

const t = (lang: Lang, zh: string, en: string): string => (lang === 'en' ? en : zh);

/**
 * How a report names a checked file. The command line shows a path relative to the folder checked (see
 * src/cli/report-paths.ts); the task pane shows the name the browser gave, which is already relative.
 */
export type PathShown = (file: string) => string;

export const nameAsGiven: PathShown = (file) => file;

export function formTitle(sheet: SheetResult): string {
  return getTemplateSpec(sheet.template).title;
}

/**
 * Whether a sheet's recomputed grade may be shown, and what blocks it, as the score model settled it
 * (`scores.status`, the same decision the pane and the text and JSON reports show): a grade counts only for a
 * sheet fully recomputed (every part of the total scored) with no error left.
 */
export interface GradeStatus {
  /** False for forms that have no grade at all (goals, monitoring). */
  applies: boolean;
  graded: boolean;
  /** Errors left on the sheet. */
  errors: number;
  /** Parts of the total (indicator rows, the budget row) without a recomputed score. */
  unscored: number;
}

export function gradeStatus(sheet: SheetResult): GradeStatus {
  const { kind, unscored } = sheet.scores.status;
  const errors = sheet.issues.filter((i) => i.severity === 'error').length;
  if (kind === 'none') return { applies: false, graded: false, errors, unscored: 0 };
  return { applies: true, graded: kind === 'final', errors, unscored };
}

export function isGraded(sheet: SheetResult): boolean {
  return gradeStatus(sheet).graded;
}

/** What keeps a sheet ungraded, in words: "2 个错误，1 行未计分". Empty when graded or nothing to say. */
export function blockerText(status: GradeStatus, lang: Lang): string {
  if (status.graded || !status.applies) return '';
  const parts = [
    ...(status.errors > 0 ? [t(lang, `${status.errors} 个错误`, `${status.errors} error(s)`)] : []),
    ...(status.unscored > 0
      ? [t(lang, `${status.unscored} 行未计分`, `${status.unscored} row(s) not scored`)]
      : []),
  ];
  return parts.join(t(lang, '，', ', '));
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
export function summaryRows(file: FileResult, shown: PathShown, lang: Lang): SummaryRow[] {
  const path = shown(file.file);
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
        gradeApplies: true,
        blockers: '',
        errors: 1,
        warnings: 0,
        note: file.error?.message ?? null,
      },
    ];
  }
  return file.sheets.map((sheet) => {
    const { total, statedTotal, statedGrade, grade } = sheet.scores;
    const status = gradeStatus(sheet);
    const graded = status.graded;
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
      grade: !status.applies ? NOT_APPLICABLE : graded && grade !== null ? grade : noGrade(lang),
      graded,
      gradeApplies: status.applies,
      blockers: blockerText(status, lang),
      errors: status.errors,
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

const UNSCORABLE_LABELS: Record<UnscorableReason, [string, string]> = {
  missing_target: ['未填指标值', 'no target'],
  missing_actual: ['未填实际完成值', 'no actual value'],
  missing_weight: ['未填分值', 'no weight'],
  missing_operator: ['未写明运算符', 'no operator'],
  not_a_number: ['数值无法识别', 'a value is not a number'],
  missing_tier: ['没有适用的评分档次', 'no scoring tier applies'],
  missing_score: ['未填得分', 'no score given'],
  zero_budget: ['预算数为 0，无法计算执行率', 'the budget is zero, no execution rate'],
  text_number: ['数字存成了文本，表内公式不计入', 'a number stored as text, which the sheet does not count'],
};

/** Why a row has no recomputed score, in words ("未计分：未填实际完成值"); null when it has one. */
export function unscorableText(reason: string | null, lang: Lang): string | null {
  if (reason === null) return null;
  const label = Object.hasOwn(UNSCORABLE_LABELS, reason)
    ? UNSCORABLE_LABELS[reason as UnscorableReason]
    : null;
  const why = label === null ? t(lang, '原因未知', 'reason unknown') : t(lang, label[0], label[1]);
  return t(lang, `未计分：${why}`, `not scored: ${why}`);
}

/** Target or actual as read: percent values carry a % sign. */
export function valueText(value: number | null, row: ReportRow): string {
  if (value === null) return '';
  return row.percent ? `${value}%` : row.unit ? `${value} ${row.unit}` : String(value);
}
