/**
 * The report of a check over one or many workbooks, as the command line prints it (`--format json`) and
 * writes it (text, xlsx, html). Field names are a public format documented in the README: new fields may be
 * added, existing ones keep their meaning.
 */
import type { Severity } from '../domain/checks/issue';
import {
  headerOf,
  type OperatorSource,
  type RowKind,
  type TableKey,
  type TemplateId,
} from '../domain/forms/form-model';
import { renderIssue, type Lang } from '../domain/messages/catalog';
import { cellText } from '../domain/grid/parse';
import type { SheetReport, WorkbookReport } from './check-workbook';
import type { CoverageReport } from './coverage';

export type FileStatus = 'checked' | 'unreadable' | 'unrecognized';

export interface ReportIssue {
  code: string;
  severity: Severity;
  cell: string | null;
  message: string;
}

export interface ReportScores {
  total: number | null;
  /** Set when the recomputed total misses some parts' scores: `scored` of `of` rows; such a total is not graded. */
  partial: { scored: number; of: number } | null;
  grade: string | null;
  statedTotal: number | null;
  statedGrade: string | null;
  execution: { rate: number | null; score: number | null; weight: number; statedScore: number | null } | null;
  indicators: {
    row: number;
    name: string | null;
    level1: string | null;
    weight: number | null;
    score: number | null;
    statedScore: number | null;
  }[];
  conclusion: string | null;
  recommendation: string | null;
  /**
   * 'final': graded; 'provisional' (暂定, 未评级): errors remain or rows have no score, so no grade,
   * conclusion or recommendation is given; 'none': a form without a score (goals, monitoring).
   */
  status: { kind: 'final' | 'provisional' | 'none'; errors: number; unscored: number };
}

/** A table row as the checker read it (every row, skipped ones with their kind). */
export interface ReportRow {
  /** 1-based sheet row. */
  row: number;
  table: TableKey;
  kind: RowKind;
  level1: string | null;
  level2: string | null;
  name: string | null;
  operator: string | null;
  operatorSource: OperatorSource | null;
  /** Target and actual on one scale (percent points when `percent`). */
  target: number | null;
  unit: string | null;
  actual: number | null;
  percent: boolean;
  weight: number | null;
  score: number | null;
  statedScore: number | null;
  /** Why an indicator row has no score. */
  unscorable: string | null;
}

export interface SheetResult {
  sheet: string;
  template: TemplateId;
  /** 主管部门 or 部门（单位）名称, as typed. */
  department: string | null;
  /** 项目名称, as typed. */
  project: string | null;
  issues: ReportIssue[];
  scores: ReportScores;
  rows: ReportRow[];
}

export interface FileResult {
  file: string;
  status: FileStatus;
  /** Why the file was not checked (status unreadable or unrecognized). */
  error?: { code: string; message: string };
  sheets: SheetResult[];
}

export interface BatchSummary {
  files: number;
  checked: number;
  unreadable: number;
  unrecognized: number;
  errors: number;
  warnings: number;
  infos: number;
  /** Sheets whose stated total or grade differs from the recomputed one. */
  mismatches: number;
  /** Scored sheets left ungraded (未评级): errors remain or rows have no score. */
  ungraded: number;
}

export interface BatchReport {
  files: FileResult[];
  summary: BatchSummary;
  /** 全覆盖, when goal declarations were given (`--goals`). */
  coverage?: CoverageReport;
}

export function sheetResult(report: SheetReport, lang: Lang): SheetResult {
  const { form, scores } = report;
  return {
    sheet: report.sheet,
    template: report.template,
    department: cellText(headerOf(form, 'department').raw) ?? cellText(headerOf(form, 'departmentName').raw),
    project: cellText(headerOf(form, 'projectName').raw),
    issues: report.issues.map((issue) => ({
      code: issue.code,
      severity: issue.severity,
      cell: issue.cell,
      message: renderIssue(issue, lang),
    })),
    scores: {
      total: scores.total,
      partial: scores.partial,
      grade: scores.grade,
      statedTotal: scores.statedTotal,
      statedGrade: scores.statedGrade,
      execution: scores.execution && {
        rate: scores.execution.rate,
        score: scores.execution.score,
        weight: scores.execution.weight,
        statedScore: scores.execution.statedScore,
      },
      indicators: scores.indicators.map((i) => ({
        row: i.row + 1,
        name: i.name,
        level1: i.level1,
        weight: i.weight,
        score: i.score,
        statedScore: i.statedScore,
      })),
      conclusion: scores.conclusion,
      recommendation: scores.recommendation,
      status: { ...scores.status },
    },
    rows: scores.rows.map((r) => ({
      row: r.row + 1,
      table: r.table,
      kind: r.kind,
      level1: r.level1,
      level2: r.level2,
      name: r.name,
      operator: r.operator,
      operatorSource: r.operatorSource,
      target: r.target,
      unit: r.unit,
      actual: r.actual,
      percent: r.percent,
      weight: r.weight,
      score: r.score,
      statedScore: r.statedScore,
      unscorable: r.unscorable,
    })),
  };
}

/** The recomputed total as a report shows it: "72", or "72（部分重算：18/20 行，不评级）" when partial. */
export function totalText(scores: ReportScores, lang: Lang): string {
  if (scores.total === null) return '—';
  const total = String(scores.total);
  const partial = scores.partial;
  if (partial === null) return total;
  return lang === 'en'
    ? `${total} (partial: ${partial.scored} of ${partial.of} rows scored, not graded)`
    : `${total}（部分重算：${partial.scored}/${partial.of} 行可计分，不评级）`;
}

/** Why a sheet is not graded: "暂定（未评级：错误 2 项，1 行未计分）"; null for a final or unscored form. */
export function provisionalText(scores: ReportScores, lang: Lang): string | null {
  const { kind, errors, unscored } = scores.status;
  if (kind !== 'provisional') return null;
  if (lang === 'en') {
    const parts = [
      ...(errors > 0 ? [`${errors} error${errors === 1 ? '' : 's'}`] : []),
      ...(unscored > 0 ? [`${unscored} row${unscored === 1 ? '' : 's'} unscored`] : []),
    ];
    return `provisional (not graded: ${parts.join(', ')})`;
  }
  const parts = [
    ...(errors > 0 ? [`错误 ${errors} 项`] : []),
    ...(unscored > 0 ? [`${unscored} 行未计分`] : []),
  ];
  return `暂定（未评级：${parts.join('，')}）`;
}

/** The result for one checked workbook: 'unrecognized' when it holds no form at all. */
export function fileResult(file: string, report: WorkbookReport, lang: Lang): FileResult {
  if (report.sheets.length === 0) {
    const message =
      lang === 'en'
        ? 'No budget-performance form was recognised in this workbook.'
        : '未在工作簿中识别到绩效表格（请确认表头与标准表一致）。';
    return { file, status: 'unrecognized', error: { code: 'form_unrecognized', message }, sheets: [] };
  }
  return { file, status: 'checked', sheets: report.sheets.map((s) => sheetResult(s, lang)) };
}

export function isMismatch(sheet: SheetResult): boolean {
  const { total, statedTotal, grade, statedGrade } = sheet.scores;
  const totalOff = total !== null && statedTotal !== null && Math.abs(total - statedTotal) > 0.1;
  const gradeOff = grade !== null && statedGrade !== null && grade !== statedGrade;
  return totalOff || gradeOff;
}

export function summarize(files: readonly FileResult[]): BatchSummary {
  const issues = files.flatMap((f) => f.sheets.flatMap((s) => s.issues));
  return {
    files: files.length,
    checked: files.filter((f) => f.status === 'checked').length,
    unreadable: files.filter((f) => f.status === 'unreadable').length,
    unrecognized: files.filter((f) => f.status === 'unrecognized').length,
    errors: issues.filter((i) => i.severity === 'error').length,
    warnings: issues.filter((i) => i.severity === 'warning').length,
    infos: issues.filter((i) => i.severity === 'info').length,
    mismatches: files.flatMap((f) => f.sheets).filter(isMismatch).length,
    ungraded: files.flatMap((f) => f.sheets).filter((s) => s.scores.status.kind === 'provisional').length,
  };
}
