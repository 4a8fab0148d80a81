/**
 * The xlsx report: 汇总 (one row per file and sheet, each file linked), 指标明细 (one row per indicator as
 * read, stated beside recomputed score) and 问题清单 (one row per issue). Everything in it comes from
 * received files, so no text cell may start like a formula — a reviewer who edits a cell must not turn
 * `=HYPERLINK(...)` typed by a sender into a live formula (CSV/formula injection) — and no text is longer
 * than a cell holds (32,767 characters).
 */
import type { FileResult } from './batch-report';
import type { CoverageReport } from './coverage';
import type { Lang } from '../domain/messages/catalog';
import { severityLabel } from '../domain/messages/catalog';
import type { ReportBook, ReportCell } from './report-book';
import { COVERAGE_HEADER, coverageRows } from './report-coverage';
import { statusLabel } from './report-text';
import {
  formTitle,
  indicatorRows,
  issuesByRow,
  operatorSourceLabel,
  summaryRows,
  unscorableText,
  type PathShown,
  type SummaryRow,
} from './report-summary';
import { capCell, MAX_CELL_CHARS, printable } from './text-hygiene';

export const SUMMARY_SHEET = '汇总';
export const INDICATORS_SHEET = '指标明细';
export const ISSUES_SHEET = '问题清单';
export const COVERAGE_SHEET = '全覆盖';

/** The most characters an Excel cell holds. */
export const CELL_LIMIT = MAX_CELL_CHARS;

export { formTitle as templateTitle };

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Text that a spreadsheet would read as a formula gets a leading apostrophe; control characters (which XML
 * cannot hold) are shown as escapes; no cell holds more than Excel allows. Numbers stay numbers.
 */
export function inertCell(value: string): string;
export function inertCell(value: string | number | null): string | number | null;
export function inertCell(value: string | number | null): string | number | null {
  if (typeof value !== 'string') return value;
  const text = capCell(printable(value));
  return FORMULA_START.test(text) ? capCell(`'${text}`) : text;
}

const t = (lang: Lang, zh: string, en: string): string => (lang === 'en' ? en : zh);

/**
 * How the report names and links the checked files: the command line links each from the report's folder;
 * the task pane, which does not know where the files are, names them without a link.
 */
export interface ReportFiles {
  shown: PathShown;
  /** The link to a checked file, relative to the report, with forward slashes; none when absent. */
  link?: (file: string) => string;
  coverage?: CoverageReport | undefined;
}

/** The 汇总 columns, shared with the pane's 审核汇总 sheet. */
export function summaryHeader(lang: Lang): string[] {
  return [
    t(lang, '文件', 'File'),
    t(lang, '状态', 'Status'),
    t(lang, '工作表', 'Sheet'),
    t(lang, '单位', 'Department'),
    t(lang, '项目', 'Project'),
    t(lang, '表格', 'Form'),
    t(lang, '自评总分', 'Stated total'),
    t(lang, '复算总分', 'Recomputed total'),
    t(lang, '差异', 'Difference'),
    t(lang, '自评等级', 'Stated grade'),
    t(lang, '复算等级', 'Recomputed grade'),
    t(lang, '错误', 'Errors'),
    t(lang, '警告', 'Warnings'),
    t(lang, '说明', 'Note'),
  ];
}

/** One 汇总 line: a summary row in the columns of `summaryHeader` (the file as shown, without a link). */
export function summaryLine(row: SummaryRow, lang: Lang): (string | number | null)[] {
  return [
    row.path,
    statusLabel(row.status, lang),
    row.sheet,
    row.department,
    row.project,
    row.form,
    row.statedTotal,
    row.total,
    row.difference,
    row.statedGrade,
    row.grade,
    row.errors,
    row.warnings,
    row.blockers || row.note,
  ];
}

function* summaryCells(files: Iterable<FileResult>, lang: Lang, where: ReportFiles): Generator<ReportCell[]> {
  const link = where.link;
  for (const file of files)
    for (const row of summaryRows(file, where.shown, lang)) {
      const [, ...rest] = summaryLine(row, lang);
      const path = inertCell(row.path);
      yield [link === undefined ? path : { text: path, link: link(row.file) }, ...rest];
    }
}

function* indicatorCells(files: Iterable<FileResult>, lang: Lang, shown: PathShown): Generator<ReportCell[]> {
  for (const file of files)
    for (const sheet of file.sheets) {
      const byRow = issuesByRow(sheet);
      for (const r of indicatorRows(sheet))
        yield [
          shown(file.file),
          sheet.sheet,
          r.row,
          r.level1,
          r.level2,
          r.name,
          r.operator,
          operatorSourceLabel(r.operatorSource, lang),
          r.target,
          r.actual,
          r.percent ? '%' : r.unit,
          r.weight,
          r.statedScore,
          r.score,
          [unscorableText(r.unscorable, lang), ...(byRow.get(r.row) ?? []).map((i) => i.message)]
            .filter((x): x is string => x !== null)
            .join('；') || null,
        ];
    }
}

function* issueCells(files: Iterable<FileResult>, lang: Lang, shown: PathShown): Generator<ReportCell[]> {
  for (const file of files) {
    const path = shown(file.file);
    if (file.status !== 'checked') {
      yield [
        path,
        null,
        null,
        severityLabel('error', lang),
        file.error?.message ?? null,
        file.error?.code ?? null,
      ];
      continue;
    }
    for (const sheet of file.sheets)
      for (const issue of sheet.issues)
        yield [path, sheet.sheet, issue.cell, severityLabel(issue.severity, lang), issue.message, issue.code];
  }
}

/**
 * The xlsx report as tables for a host's report writer, from results read a file at a time: each sheet of
 * the report reads the results once, and its rows are produced as the writer takes them.
 */
export function xlsxReportBook(
  files: () => Iterable<FileResult>,
  lang: Lang,
  where: ReportFiles,
): ReportBook {
  function* inert(rows: Iterable<ReportCell[]>): Generator<ReportCell[]> {
    for (const row of rows)
      yield row.map((cell) => (cell !== null && typeof cell === 'object' ? cell : inertCell(cell)));
  }
  return {
    sheets: [
      {
        name: SUMMARY_SHEET,
        header: summaryHeader(lang),
        rows: inert(summaryCells(files(), lang, where)),
        widths: [36, 10, 20, 24, 30, 24, 10, 10, 8, 10, 10, 8, 8, 40],
      },
      {
        name: INDICATORS_SHEET,
        header: [
          t(lang, '文件', 'File'),
          t(lang, '工作表', 'Sheet'),
          t(lang, '行', 'Row'),
          t(lang, '一级指标', 'Level 1'),
          t(lang, '二级指标', 'Level 2'),
          t(lang, '三级指标', 'Indicator'),
          t(lang, '运算符', 'Operator'),
          t(lang, '运算符来源', 'Operator from'),
          t(lang, '指标值', 'Target'),
          t(lang, '实际完成值', 'Actual'),
          t(lang, '单位', 'Unit'),
          t(lang, '分值', 'Weight'),
          t(lang, '自评得分', 'Stated score'),
          t(lang, '复算得分', 'Recomputed score'),
          t(lang, '问题', 'Issues'),
        ],
        rows: inert(indicatorCells(files(), lang, where.shown)),
        widths: [30, 16, 6, 14, 16, 30, 8, 18, 10, 10, 8, 8, 10, 10, 60],
      },
      {
        name: ISSUES_SHEET,
        header: [
          t(lang, '文件', 'File'),
          t(lang, '工作表', 'Sheet'),
          t(lang, '单元格', 'Cell'),
          t(lang, '级别', 'Severity'),
          t(lang, '问题说明', 'Message'),
          t(lang, '代码', 'Code'),
        ],
        rows: inert(issueCells(files(), lang, where.shown)),
        widths: [30, 16, 10, 8, 80, 24],
      },
      ...(where.coverage === undefined
        ? []
        : [
            {
              name: COVERAGE_SHEET,
              header: COVERAGE_HEADER,
              rows: inert(coverageRows(where.coverage, lang)),
              widths: [22, 36, 24, 26, 24, 30],
            },
          ]),
    ],
  };
}
