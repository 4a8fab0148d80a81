/**
 * The xlsx report: 汇总 (one row per file and sheet) and 问题清单 (one row per issue). Everything in it
 * comes from received files, so no text cell may start like a formula: a reviewer who edits a cell must not
 * turn `=HYPERLINK(...)` typed by a sender into a live formula (CSV/formula injection).
 */
import {
  isMismatch,
  totalText,
  type BatchReport,
  type FileResult,
  type SheetResult,
} from '../app/batch-report';
import type { CellScalar } from '../domain/grid/cell';
import type { Lang } from '../domain/messages/catalog';
import { severityLabel } from '../domain/messages/catalog';
import type { PlanOp } from '../domain/plan/plan';
import { getTemplateSpec } from '../domain/templates/registry';
import type { WritableWorkbook } from './cli-host';
import { statusLabel } from './report-text';
import { capCell, printable } from './text-hygiene';

export const SUMMARY_SHEET = '汇总';
export const ISSUES_SHEET = '问题清单';

const SUMMARY_HEADER = [
  '文件',
  '状态',
  '工作表',
  '部门',
  '项目名称',
  '表格',
  '错误',
  '警告',
  '自评总分',
  '复算总分',
  '自评等级',
  '复算等级',
  '自评与复算不一致',
  '说明',
];
const ISSUES_HEADER = ['文件', '工作表', '单元格', '级别', '代码', '问题说明'];

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Text that a spreadsheet would read as a formula gets a leading apostrophe; control characters (which XML
 * cannot hold) are shown as escapes; no cell holds more than Excel allows. Numbers stay numbers.
 */
export function inertCell(value: string | number | null): CellScalar {
  if (typeof value !== 'string') return value;
  const text = capCell(printable(value));
  return FORMULA_START.test(text) ? capCell(`'${text}`) : text;
}

export function templateTitle(sheet: SheetResult): string {
  return getTemplateSpec(sheet.template).title;
}

function summaryRows(file: FileResult, lang: Lang): (string | number | null)[][] {
  const status = statusLabel(file.status, lang);
  if (file.sheets.length === 0) {
    return [
      [
        file.file,
        status,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        file.error?.message ?? null,
      ],
    ];
  }
  return file.sheets.map((sheet) => {
    const count = (severity: string) => sheet.issues.filter((i) => i.severity === severity).length;
    const { statedTotal, total, statedGrade, grade } = sheet.scores;
    return [
      file.file,
      status,
      sheet.sheet,
      sheet.department,
      sheet.project,
      templateTitle(sheet),
      count('error'),
      count('warning'),
      statedTotal,
      total,
      statedGrade,
      grade,
      isMismatch(sheet) ? '是' : '否',
      sheet.scores.partial === null ? null : totalText(sheet.scores, 'zh-CN'),
    ];
  });
}

function issueRows(file: FileResult, lang: Lang): (string | number | null)[][] {
  if (file.status !== 'checked') {
    return [
      [
        file.file,
        null,
        null,
        severityLabel('error', lang),
        file.error?.code ?? null,
        file.error?.message ?? null,
      ],
    ];
  }
  return file.sheets.flatMap((sheet) =>
    sheet.issues.map((issue) => [
      file.file,
      sheet.sheet,
      issue.cell,
      severityLabel(issue.severity, lang),
      issue.code,
      issue.message,
    ]),
  );
}

function sheetOps(
  sheet: string,
  header: string[],
  rows: (string | number | null)[][],
  widths: number[],
): PlanOp[] {
  const values = [header, ...rows].map((row) => row.map(inertCell));
  return [
    { kind: 'ensureSheet', sheet, visibility: 'visible', ifExists: 'fail' },
    { kind: 'writeBlock', sheet, topLeft: 'A1', values },
    {
      kind: 'style',
      sheet,
      range: `A1:${String.fromCharCode(64 + header.length)}1`,
      style: { bold: true, fill: '#D9E1F2' },
    },
    { kind: 'columnWidths', sheet, firstCol: 0, widths },
    { kind: 'freezePanes', sheet, rows: 1, cols: 0 },
  ];
}

export async function xlsxReport(
  report: BatchReport,
  lang: Lang,
  book: WritableWorkbook,
): Promise<Uint8Array> {
  const summary = report.files.flatMap((f) => summaryRows(f, lang));
  const issues = report.files.flatMap((f) => issueRows(f, lang));
  await book.applyPlan({
    formSheet: SUMMARY_SHEET,
    ops: [
      ...sheetOps(
        SUMMARY_SHEET,
        SUMMARY_HEADER,
        summary,
        [36, 10, 24, 24, 30, 26, 8, 8, 10, 10, 10, 10, 16, 50],
      ),
      ...sheetOps(ISSUES_SHEET, ISSUES_HEADER, issues, [36, 24, 10, 8, 30, 80]),
    ],
  });
  return book.toBuffer();
}
