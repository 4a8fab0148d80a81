/**
 * The xlsx report: 汇总 (one row per file and sheet, each file linked), 指标明细 (one row per indicator as
 * read, stated beside recomputed score) and 问题清单 (one row per issue). Everything in it comes from
 * received files, so no text cell may start like a formula — a reviewer who edits a cell must not turn
 * `=HYPERLINK(...)` typed by a sender into a live formula (CSV/formula injection) — and no text is longer
 * than a cell holds (32,767 characters).
 */
import { dirname, relative, resolve, sep } from 'node:path';
import type { BatchReport } from '../app/batch-report';
import type { Lang } from '../domain/messages/catalog';
import { severityLabel } from '../domain/messages/catalog';
import type { ReportCell } from '../app/report-book';
import type { CliHost } from './cli-host';
import { statusLabel } from './report-text';
import {
  displayPath,
  formTitle,
  indicatorRows,
  issuesByRow,
  operatorSourceLabel,
  summaryRows,
} from './report-summary';

export const SUMMARY_SHEET = '汇总';
export const INDICATORS_SHEET = '指标明细';
export const ISSUES_SHEET = '问题清单';

/** The most characters an Excel cell holds. */
export const CELL_LIMIT = 32767;
const CUT_MARK = '…（已截断）';

export { formTitle as templateTitle };

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Text that a spreadsheet would read as a formula gets a leading apostrophe, text longer than a cell holds
 * is cut with a mark; numbers stay numbers.
 */
export function inertCell<T extends string | number | null>(value: T): T;
export function inertCell(value: string | number | null): string | number | null {
  if (typeof value !== 'string') return value;
  let text = FORMULA_START.test(value) ? `'${value}` : value;
  if (text.length > CELL_LIMIT) text = text.slice(0, CELL_LIMIT - CUT_MARK.length) + CUT_MARK;
  return text;
}

const t = (lang: Lang, zh: string, en: string): string => (lang === 'en' ? en : zh);

/** A link from the report's folder to the checked file, with forward slashes as Excel and WPS expect. */
function fileLink(file: string, reportPath: string): string {
  return relative(dirname(resolve(reportPath)), resolve(file))
    .split(sep)
    .join('/');
}

export async function xlsxReport(
  report: BatchReport,
  lang: Lang,
  host: Pick<CliHost, 'writeReportBook'>,
  where: { roots: readonly string[]; output: string },
): Promise<Uint8Array> {
  const summary = summaryRows(report, where.roots, lang).map((row): ReportCell[] => [
    { text: inertCell(row.path), link: fileLink(row.file, where.output) },
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
    row.note,
  ]);
  const indicators: ReportCell[][] = report.files.flatMap((file) =>
    file.sheets.flatMap((sheet) => {
      const byRow = issuesByRow(sheet);
      return indicatorRows(sheet).map((r): ReportCell[] => [
        displayPath(file.file, where.roots),
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
        [r.unscorable, ...(byRow.get(r.row) ?? []).map((i) => i.message)]
          .filter((x): x is string => x !== null)
          .join('；') || null,
      ]);
    }),
  );
  const issues: ReportCell[][] = report.files.flatMap((file) => {
    const path = displayPath(file.file, where.roots);
    if (file.status !== 'checked')
      return [
        [
          path,
          null,
          null,
          severityLabel('error', lang),
          file.error?.message ?? null,
          file.error?.code ?? null,
        ],
      ];
    return file.sheets.flatMap((sheet) =>
      sheet.issues.map((issue) => [
        path,
        sheet.sheet,
        issue.cell,
        severityLabel(issue.severity, lang),
        issue.message,
        issue.code,
      ]),
    );
  });
  const inert = (rows: ReportCell[][]) =>
    rows.map((row) =>
      row.map((cell) => (cell !== null && typeof cell === 'object' ? cell : inertCell(cell))),
    );
  return host.writeReportBook({
    sheets: [
      {
        name: SUMMARY_SHEET,
        header: [
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
        ],
        rows: inert(summary),
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
        rows: inert(indicators),
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
        rows: inert(issues),
        widths: [30, 16, 10, 8, 80, 24],
      },
    ],
  });
}
