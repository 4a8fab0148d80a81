/**
 * 写入汇总表: the results of a batch check as new sheets of the open workbook, 审核汇总 (one line per
 * form, or per file that could not be checked), 问题清单 (one line per issue) and, when goal declarations
 * were given, 全覆盖 (the rows of the command line's xlsx report), written through the port's plan. The
 * sheets are always new: a name already taken gets a number, as inserting a template does.
 */
import type { FileResult } from './batch-report';
import type { CoverageReport } from './coverage';
import { COVERAGE_HEADER, coverageRows } from './report-coverage';
import type { ReportBook, ReportCell } from './report-book';
import { inertCell, summaryHeader, summaryLine } from './report-xlsx';
import { nameAsGiven, summaryRows as reportSummaryRows } from './report-summary';
import type { NewWorkbook } from './workbook-port';
import { freeSheetName } from './insert-template';
import type { CellInput } from '../domain/grid/cell';
import type { Plan } from '../domain/plan/plan';

export const SUMMARY_SHEET = '审核汇总';
export const ISSUES_SHEET = '问题清单';
export const COVERAGE_SHEET = '全覆盖';

const SEVERITY: Record<string, string> = { error: '错误', warning: '警告', info: '提示' };

export function count(result: FileResult, severity: 'error' | 'warning'): number {
  return result.sheets.reduce((n, s) => n + s.issues.filter((i) => i.severity === severity).length, 0);
}

/**
 * The 审核汇总 rows: the same summary rows, in the same columns, as the 汇总 sheet of the command line's xlsx
 * report (form names in Chinese, 未评级 with what blocks the grade), so pane and report never disagree.
 */
export function summaryRows(results: readonly FileResult[]): CellInput[][] {
  const lang = 'zh-CN';
  return [
    summaryHeader(lang),
    ...results.flatMap((result) =>
      reportSummaryRows(result, nameAsGiven, lang).map((row) => summaryLine(row, lang)),
    ),
  ];
}

export function issueRows(results: readonly FileResult[]): CellInput[][] {
  const rows: CellInput[][] = [['文件', '工作表', '级别', '单元格', '代码', '问题']];
  for (const result of results) {
    if (result.error !== undefined) {
      rows.push([result.file, null, '错误', null, result.error.code, result.error.message]);
    }
    for (const sheet of result.sheets) {
      for (const issue of sheet.issues) {
        rows.push([
          result.file,
          sheet.sheet,
          SEVERITY[issue.severity] ?? issue.severity,
          issue.cell,
          issue.code,
          issue.message,
        ]);
      }
    }
  }
  return rows;
}

/** The 全覆盖 sheet's rows: the header and one line per gap, as in the command line's xlsx report. */
export function coverageSheetRows(coverage: CoverageReport): CellInput[][] {
  return [COVERAGE_HEADER, ...coverageRows(coverage, 'zh-CN')];
}

const SUMMARY_WIDTHS = [28, 10, 16, 24, 24, 18, 10, 10, 8, 10, 10, 8, 8, 40];
const ISSUES_WIDTHS = [28, 16, 8, 10, 24, 60];
const COVERAGE_WIDTHS = [22, 28, 16, 26, 24, 30];

/** The plan that adds the sheets, under names no sheet of the workbook has. */
export function batchSheetsPlan(
  results: readonly FileResult[],
  taken: ReadonlySet<string>,
  coverage?: CoverageReport,
): { plan: Plan; summary: string; issues: string; coverage: string | null; sheets: string[] } {
  const summary = freeSheetName(SUMMARY_SHEET, taken);
  const issues = freeSheetName(ISSUES_SHEET, new Set([...taken, summary]));
  const coverageName =
    coverage === undefined ? null : freeSheetName(COVERAGE_SHEET, new Set([...taken, summary, issues]));
  const sheet = (name: string, values: CellInput[][], widths: number[]): Plan['ops'] => [
    { kind: 'ensureSheet', sheet: name, visibility: 'visible', ifExists: 'fail' },
    { kind: 'writeBlock', sheet: name, topLeft: 'A1', values },
    { kind: 'columnWidths', sheet: name, firstCol: 1, widths },
  ];
  return {
    plan: {
      formSheet: summary,
      ops: [
        ...sheet(summary, summaryRows(results), SUMMARY_WIDTHS),
        ...sheet(issues, issueRows(results), ISSUES_WIDTHS),
        ...(coverage === undefined || coverageName === null
          ? []
          : sheet(coverageName, coverageSheetRows(coverage), COVERAGE_WIDTHS)),
      ],
    },
    summary,
    issues,
    coverage: coverageName,
    sheets: [summary, issues, ...(coverageName === null ? [] : [coverageName])],
  };
}

/** A cell of the sheets as a cell of an xlsx file: text that could start a formula stays text. */
function reportCell(value: CellInput): ReportCell {
  if (value === null || typeof value === 'number') return value;
  if (typeof value === 'string') return inertCell(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return inertCell(`=${value.formula.replace(/^=/, '')}`);
}

/** The same sheets as a workbook file's tables (a host that opens a new workbook from a file). */
export function batchSheetsBook(results: readonly FileResult[], coverage?: CoverageReport): ReportBook {
  const table = (name: string, rows: CellInput[][], widths: number[]) => {
    const [header = [], ...body] = rows;
    return {
      name,
      header: header.map((h) => (h === null ? '' : String(h))),
      rows: body.map((row) => row.map(reportCell)),
      widths,
    };
  };
  return {
    sheets: [
      table(SUMMARY_SHEET, summaryRows(results), SUMMARY_WIDTHS),
      table(ISSUES_SHEET, issueRows(results), ISSUES_WIDTHS),
      ...(coverage === undefined
        ? []
        : [table(COVERAGE_SHEET, coverageSheetRows(coverage), COVERAGE_WIDTHS)]),
    ],
  };
}

/** Bytes as base64, a slice at a time (a whole file at once would pass too many arguments). */
export function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (let at = 0; at < bytes.length; at += 0x8000) {
    text += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  }
  return btoa(text);
}

/**
 * 写入汇总表 into a new workbook: Excel opens one from an xlsx file of the sheets (written by `writeXlsx`,
 * the report writer); WPS adds an empty one and the sheets are written through a port over it, by the same
 * plan as into the open workbook. Returns the names of the sheets written.
 */
export async function writeBatchToNewWorkbook(
  target: NewWorkbook,
  results: readonly FileResult[],
  coverage: CoverageReport | undefined,
  writeXlsx: (book: ReportBook) => Promise<Uint8Array>,
): Promise<string[]> {
  if (target.kind === 'from-file') {
    const book = batchSheetsBook(results, coverage);
    await target.open(toBase64(await writeXlsx(book)));
    return book.sheets.map((s) => s.name);
  }
  const port = await target.add();
  const taken = new Set((await port.listSheets()).map((s) => s.name));
  const { plan, sheets } = batchSheetsPlan(results, taken, coverage);
  await port.applyPlan(plan);
  return sheets;
}
