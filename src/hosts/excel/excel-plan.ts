/**
 * Plan ops as Office.js commands. Everything here only queues commands on a request context; the caller
 * decides when to sync. Nothing reads a proxy property, so no function here needs a sync of its own.
 */
import { parseRangeOrThrow } from '../../app/plan-checks';
import { columnLetter, toRangeA1, type CellRange } from '../../domain/grid/address';
import { type CellInput, isFormulaCell } from '../../domain/grid/cell';
import type { CellStyle, PlanOp, ProtectionAllowances, SheetVisibility } from '../../domain/plan/plan';
import type { XlBorderIndex, XlRange, XlRequestContext, XlSheetVisibility, XlWorksheet } from './excel-api';

export const OFFICE_VISIBILITY: Readonly<Record<SheetVisibility, XlSheetVisibility>> = {
  visible: 'Visible',
  hidden: 'Hidden',
  veryHidden: 'VeryHidden',
};

/** Excel's default maximum digit width of the default font (Calibri 11), in pixels. */
const MAX_DIGIT_WIDTH_PX = 7;

/**
 * A column width in characters (what an .xlsx file stores and what exceljs and the plan speak) as points
 * (what Office.js speaks). Excel renders a stored width w as trunc((256·w + trunc(128/7)) / 256 · 7) pixels
 * (ECMA-376 §18.3.1.13), and a pixel is ¾ point; so the add-in's columns match the CLI's file to the pixel.
 */
export function columnWidthPoints(characters: number): number {
  const pixels = Math.trunc(
    ((256 * characters + Math.trunc(128 / MAX_DIGIT_WIDTH_PX)) / 256) * MAX_DIGIT_WIDTH_PX,
  );
  return pixels * 0.75;
}

/**
 * Text that Excel would read as something else when written through `formulas` (a number, a date, a
 * boolean, a formula, an error) gets a leading apostrophe, as a person would type it, so that a plan's text
 * stays text: '001', '2024年', '=', 'TRUE'. Chinese prose without digits is written as it is.
 */
export function needsTextPrefix(text: string): boolean {
  return /[0-9０-９]/.test(text) || /^[=+\-@'#]/.test(text) || /^\s*(true|false)\s*$/i.test(text);
}

/** A plan cell as a value for `range.formulas`. An empty string clears the cell (null would leave it). */
export function officeInput(input: CellInput): string | number | boolean {
  if (isFormulaCell(input)) return input.formula;
  if (input === null) return '';
  if (typeof input === 'string') return input !== '' && needsTextPrefix(input) ? `'${input}` : input;
  return input;
}

/** A rectangle of one value, as Office.js wants 2-D arrays that match the range. */
function filled<T>(range: CellRange, value: T): T[][] {
  const rows = range.bottom - range.top + 1;
  const cols = range.right - range.left + 1;
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => value));
}

const HORIZONTAL = { left: 'Left', center: 'Center', right: 'Right' } as const;
const VERTICAL = { top: 'Top', middle: 'Center', bottom: 'Bottom' } as const;

function bordersOf(range: CellRange): XlBorderIndex[] {
  const edges: XlBorderIndex[] = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'];
  if (range.right > range.left) edges.push('InsideVertical');
  if (range.bottom > range.top) edges.push('InsideHorizontal');
  return edges;
}

function applyStyle(range: XlRange, area: CellRange, style: CellStyle): void {
  const format = range.format;
  if (style.fontName !== undefined) format.font.name = style.fontName;
  if (style.bold !== undefined) format.font.bold = style.bold;
  if (style.fontSize !== undefined) format.font.size = style.fontSize;
  if (style.fontColor !== undefined) format.font.color = style.fontColor;
  if (style.fill !== undefined) format.fill.color = style.fill;
  if (style.horizontal !== undefined) format.horizontalAlignment = HORIZONTAL[style.horizontal];
  if (style.vertical !== undefined) format.verticalAlignment = VERTICAL[style.vertical];
  if (style.wrap !== undefined) format.wrapText = style.wrap;
  if (style.border !== undefined) {
    for (const edge of bordersOf(area)) {
      const border = format.borders.getItem(edge);
      if (style.border === 'thin') {
        border.style = 'Continuous';
        border.weight = 'Thin';
      } else {
        border.style = 'None';
      }
    }
  }
}

export function protectionOptions(allow: ProtectionAllowances | undefined): Excel.WorksheetProtectionOptions {
  if (allow === undefined) return {};
  return {
    allowInsertRows: allow.insertRows,
    allowDeleteRows: allow.deleteRows,
    allowFormatColumns: allow.formatColumns,
    allowFormatRows: allow.formatRows,
  };
}

type SheetOp = Exclude<PlanOp, { kind: 'ensureSheet' | 'defineName' }>;

export interface QueueFeatures {
  /** ExcelApi 1.9: page layout. Without it, printSetup ops are skipped (the sheet still works). */
  pageLayout: boolean;
}

/**
 * Queue one op on `sheet`. `rows` lets several rowHeight ops of equal height on adjacent rows go as one
 * command (see `coalesceRowHeights`).
 */
export function queueSheetOp(sheet: XlWorksheet, op: SheetOp, features: QueueFeatures): void {
  switch (op.kind) {
    case 'writeBlock':
      queueWrite(sheet, op.topLeft, op.values);
      return;
    case 'merge': {
      const area = parseRangeOrThrow(op.range);
      if (area.top === area.bottom && area.left === area.right) return;
      sheet.getRange(toRangeA1(area)).merge(false);
      return;
    }
    case 'style': {
      const area = parseRangeOrThrow(op.range);
      applyStyle(sheet.getRange(toRangeA1(area)), area, op.style);
      return;
    }
    case 'numberFormat': {
      const area = parseRangeOrThrow(op.range);
      sheet.getRange(toRangeA1(area)).numberFormat = filled(area, op.format);
      return;
    }
    case 'columnWidths':
      queueColumnWidths(sheet, op.firstCol, op.widths);
      return;
    case 'rowHeight':
      sheet.getRange(`${op.row + 1}:${op.row + 1}`).format.rowHeight = op.height;
      return;
    case 'listValidation':
    case 'customValidation':
    case 'decimalValidation':
      queueValidation(sheet, op);
      return;
    case 'highlight': {
      const rule = sheet.getRange(toRangeA1(parseRangeOrThrow(op.range))).conditionalFormats.add('Custom');
      rule.custom.rule.formula = op.formula;
      rule.custom.format.fill.color = op.fill;
      if (op.fontColor !== undefined) rule.custom.format.font.color = op.fontColor;
      return;
    }
    case 'lock':
      sheet.getRange(toRangeA1(parseRangeOrThrow(op.range))).format.protection.locked = op.locked;
      return;
    case 'protectSheet':
      sheet.protection.protect(protectionOptions(op.allow));
      return;
    case 'freezePanes':
      if (op.rows > 0 && op.cols > 0) {
        sheet.freezePanes.freezeAt(toRangeA1({ top: 0, left: 0, bottom: op.rows - 1, right: op.cols - 1 }));
      } else if (op.rows > 0) {
        sheet.freezePanes.freezeRows(op.rows);
      } else if (op.cols > 0) {
        sheet.freezePanes.freezeColumns(op.cols);
      } else {
        sheet.freezePanes.unfreeze();
      }
      return;
    case 'printSetup':
      if (!features.pageLayout) return;
      sheet.pageLayout.orientation = op.orientation === 'landscape' ? 'Landscape' : 'Portrait';
      if (op.fitToWidth) sheet.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
      if (op.printArea !== undefined)
        sheet.pageLayout.setPrintArea(toRangeA1(parseRangeOrThrow(op.printArea)));
      if (op.titleRows !== undefined) sheet.pageLayout.setPrintTitleRows(titleRowsA1(op.titleRows));
      return;
  }
}

/** Whole rows as Excel names them for print titles: `$5:$6` (the range must span entire rows). */
export function titleRowsA1(rows: { first: number; last: number }): string {
  return `$${String(rows.first + 1)}:$${String(rows.last + 1)}`;
}

/**
 * A block as one 2-D `formulas` write when it is rectangular; a ragged block goes row by row, so that no cell
 * outside what the plan names is touched.
 */
function queueWrite(sheet: XlWorksheet, topLeft: string, values: readonly (readonly CellInput[])[]): void {
  const start = parseRangeOrThrow(topLeft);
  const width = values.reduce((w, row) => Math.max(w, row.length), 0);
  if (values.length === 0 || width === 0) return;
  if (values.every((row) => row.length === width)) {
    const area = {
      top: start.top,
      left: start.left,
      bottom: start.top + values.length - 1,
      right: start.left + width - 1,
    };
    sheet.getRange(toRangeA1(area)).formulas = values.map((row) => row.map(officeInput));
    return;
  }
  values.forEach((row, r) => {
    if (row.length === 0) return;
    const area = {
      top: start.top + r,
      left: start.left,
      bottom: start.top + r,
      right: start.left + row.length - 1,
    };
    sheet.getRange(toRangeA1(area)).formulas = [row.map(officeInput)];
  });
}

/** Adjacent columns of the same width share one command ('A:C'). */
function queueColumnWidths(sheet: XlWorksheet, firstCol: number, widths: readonly number[]): void {
  let runStart = 0;
  for (let i = 1; i <= widths.length; i += 1) {
    if (i < widths.length && widths[i] === widths[runStart]) continue;
    const width = widths[runStart];
    if (width !== undefined) {
      const from = columnLetter(firstCol + runStart);
      const to = columnLetter(firstCol + i - 1);
      sheet.getRange(`${from}:${to}`).format.columnWidth = columnWidthPoints(width);
    }
    runStart = i;
  }
}

type ValidationOp = Extract<PlanOp, { kind: 'listValidation' | 'customValidation' | 'decimalValidation' }>;

function validationRule(op: ValidationOp): Excel.DataValidationRule {
  switch (op.kind) {
    case 'listValidation':
      return {
        list: {
          inCellDropDown: true,
          source: typeof op.source === 'string' ? op.source : op.source.join(','),
        },
      };
    case 'customValidation':
      return { custom: { formula: op.formula } };
    case 'decimalValidation':
      return {
        decimal:
          op.max === undefined
            ? { formula1: op.min, operator: 'GreaterThanOrEqualTo' }
            : { formula1: op.min, formula2: op.max, operator: 'Between' },
      };
  }
}

/** A new rule replaces whatever rule the cells had, as in the memory host. */
function queueValidation(sheet: XlWorksheet, op: ValidationOp): void {
  const validation = sheet.getRange(toRangeA1(parseRangeOrThrow(op.range))).dataValidation;
  validation.clear();
  validation.rule = validationRule(op);
  validation.ignoreBlanks = op.kind === 'listValidation' ? op.allowBlank : true;
  const prompt = op.kind === 'decimalValidation' ? undefined : op.prompt;
  if (prompt !== undefined) validation.prompt = { showPrompt: true, message: prompt, title: '' };
  if (op.error !== undefined) {
    validation.errorAlert = { showAlert: true, style: 'Stop', message: op.error, title: '' };
  }
}

/** Defined names go in through the workbook's collection; an existing one is replaced, as in the memory host. */
export function queueDefineName(
  context: XlRequestContext,
  name: string,
  refersTo: string,
  exists: boolean,
): void {
  if (exists) context.workbook.names.getItem(name).delete();
  context.workbook.names.add(name, refersTo);
}

/** UTF-8 length: Chinese text takes three bytes a character in the request. */
function utf8Bytes(text: string): number {
  let bytes = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** Rough size of an op once serialised into the request, for Excel on the web's 5 MB request limit. */
export function estimatedRequestBytes(op: PlanOp): number {
  // Proxy paths and property names cost a few hundred bytes per command; values are counted as JSON.
  const overhead = 400;
  if (op.kind === 'writeBlock')
    return overhead + utf8Bytes(JSON.stringify(op.values.map((row) => row.map(officeInput))));
  if (op.kind === 'numberFormat') {
    const area = parseRangeOrThrow(op.range);
    const cells = (area.bottom - area.top + 1) * (area.right - area.left + 1);
    return overhead + cells * (utf8Bytes(op.format) + 3);
  }
  return overhead;
}

type WriteBlockOp = Extract<PlanOp, { kind: 'writeBlock' }>;

/**
 * A block too large for one request, cut into blocks of whole rows that each fit `maxBytes`, so that the
 * requests can go one after the other. Blocks that fit stay as they are.
 */
export function splitWriteBlock(op: WriteBlockOp, maxBytes: number): WriteBlockOp[] {
  if (estimatedRequestBytes(op) <= maxBytes || op.values.length < 2) return [op];
  const start = parseRangeOrThrow(op.topLeft);
  const parts: WriteBlockOp[] = [];
  let rows: WriteBlockOp['values'] = [];
  let bytes = 0;
  let first = 0;
  op.values.forEach((row, r) => {
    const rowBytes = utf8Bytes(JSON.stringify(row.map(officeInput))) + 1;
    if (rows.length > 0 && bytes + rowBytes > maxBytes) {
      parts.push({ ...op, topLeft: `${columnLetter(start.left)}${start.top + first + 1}`, values: rows });
      rows = [];
      bytes = 0;
      first = r;
    }
    rows.push(row);
    bytes += rowBytes;
  });
  if (rows.length > 0)
    parts.push({ ...op, topLeft: `${columnLetter(start.left)}${start.top + first + 1}`, values: rows });
  return parts;
}
