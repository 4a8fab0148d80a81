/**
 * The .xlsx file host: the port over an in-memory exceljs workbook (docs/platform.md §3). A plan becomes model
 * mutations, `toBuffer` writes the file once. exceljs never calculates, so formula cells read back their
 * cached result, or null when the file has none. Only this folder knows exceljs's cell value objects.
 */
import { checkDefinedName, checkPlan, parseRangeOrThrow } from '../../app/plan-checks';
import ExcelJS from 'exceljs';
import type { Cell, CellValue, ConditionalFormattingOptions, DataValidation, Worksheet } from 'exceljs';
import { type Block, type CellInput, type CellScalar, isFormulaCell } from '../../domain/grid/cell';
import { type CellRange, parseRange, toRangeA1 } from '../../domain/grid/address';
import type { CellStyle, HexColor, Plan, PlanOp, SheetVisibility } from '../../domain/plan/plan';
import {
  type CellsChanged,
  type HostCapabilities,
  HostError,
  type SheetInfo,
  type WorkbookPort,
} from '../../app/workbook-port';

/** Excel's grid: 1,048,576 rows by 16,384 columns (A..XFD). */
/** A defined name this host can write: one rectangle on one sheet (exceljs keeps names as cell sets). */
const NAMED_RANGE = /^=?('(?:[^']|'')+'|[^'!]+)!(\$?[A-Za-z]{1,3}\$?[0-9]+(?::\$?[A-Za-z]{1,3}\$?[0-9]+)?)$/;

export interface XlsxLoadLimits {
  /** Files larger than this are refused before parsing. */
  maxBytes?: number;
  /** Worksheet XML elements exceljs skips; whole-column validations in received files can hang it. */
  ignoreNodes?: readonly string[];
  /** exceljs refuses a sheet with more <row> elements than this. */
  maxRows?: number;
  /** exceljs refuses a row with more cells than this. */
  maxCols?: number;
}

export interface XlsxSelection {
  sheet: string;
  cell: string;
}

type ValidationOp = Extract<PlanOp, { kind: 'listValidation' | 'customValidation' | 'decimalValidation' }>;
type HighlightOp = Extract<PlanOp, { kind: 'highlight' }>;

/** What exceljs's `xlsx.load` takes; its typings declare a Buffer of their own. */
type LoadInput = Parameters<ExcelJS.Xlsx['load']>[0];
/** exceljs also reads `maxRows` and `maxCols` at run time; its typings declare only `ignoreNodes`. */
type LoadOptions = NonNullable<Parameters<ExcelJS.Xlsx['load']>[1]> & { maxRows?: number; maxCols?: number };

/** Worksheet state exceljs has at run time but its typings leave out. */
interface UndeclaredSheetParts {
  dataValidations: DataValidationStore;
  conditionalFormattings: ConditionalFormattingOptions[];
}

/** exceljs keeps data validations in a map keyed by address or range; the typings do not declare it. */
interface DataValidationStore {
  model: Record<string, DataValidation | undefined>;
  add(address: string, validation: DataValidation): DataValidation;
}

/** A name exceljs can store: valid, and referring to one range on one sheet. */
function checkStorableName(name: string, refersTo: string): void {
  checkDefinedName(name);
  const m = NAMED_RANGE.exec(refersTo.trim());
  if (m === null || m[2] === undefined) {
    throw new HostError('unsupported', `名称只能指向区域 / a name must refer to a range: ${refersTo}`);
  }
  parseRangeOrThrow(m[2].replace(/\$/g, ''));
}

const argb = (color: HexColor): string => `FF${color.slice(1).toUpperCase()}`;
const withoutEquals = (formula: string): string => (formula.startsWith('=') ? formula.slice(1) : formula);

function cellsOf(range: CellRange): { row: number; col: number }[] {
  const out: { row: number; col: number }[] = [];
  for (let row = range.top; row <= range.bottom; row += 1) {
    for (let col = range.left; col <= range.right; col += 1) out.push({ row, col });
  }
  return out;
}

function overlaps(a: CellRange, b: CellRange): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

/** What is left of `outer` once `hole` is cut out, as up to four rectangles. */
function subtract(outer: CellRange, hole: CellRange): CellRange[] {
  if (!overlaps(outer, hole)) return [outer];
  const parts: CellRange[] = [];
  if (outer.top < hole.top) parts.push({ ...outer, bottom: hole.top - 1 });
  if (outer.bottom > hole.bottom) parts.push({ ...outer, top: hole.bottom + 1 });
  const top = Math.max(outer.top, hole.top);
  const bottom = Math.min(outer.bottom, hole.bottom);
  if (outer.left < hole.left) parts.push({ top, bottom, left: outer.left, right: hole.left - 1 });
  if (outer.right > hole.right) parts.push({ top, bottom, left: hole.right + 1, right: outer.right });
  return parts;
}

/** A cell's displayed value as the engine sees it; null for blanks and for formulas without a result. */
function scalarOf(value: CellValue): CellScalar {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString();
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('error' in value) return value.error;
  if ('hyperlink' in value) {
    const text: unknown = value.text;
    if (typeof text === 'string') return text;
    if (typeof text === 'object' && text !== null && 'richText' in text && Array.isArray(text.richText)) {
      return (text.richText as { text: string }[]).map((run) => run.text).join('');
    }
    return value.hyperlink;
  }
  if ('formula' in value || 'sharedFormula' in value) {
    const result: unknown = value.result;
    if (result === undefined || result === null) return null;
    if (typeof result === 'object' && !(result instanceof Date) && !('error' in result)) return null;
    return scalarOf(result as CellValue);
  }
  return null;
}

function readCell(cell: Cell): { value: CellScalar; formula: string | null } {
  // The other cells of a merge echo the top-left cell's value; a sheet shows them as empty.
  if (cell.type === ExcelJS.ValueType.Merge) return { value: null, formula: null };
  if (cell.type === ExcelJS.ValueType.Formula) {
    const text = cell.formula;
    // `cell.result`, not `cell.value.result`: exceljs leaves a falsy result (0, '') out of the value object,
    // so a score of 0 saved by Excel or LibreOffice would otherwise read as blank.
    const result: unknown = cell.result;
    const value =
      result === undefined ||
      result === null ||
      (typeof result === 'object' && !(result instanceof Date) && !('error' in result))
        ? null
        : scalarOf(result as CellValue);
    return { value, formula: text ? `=${text}` : null };
  }
  return { value: scalarOf(cell.value), formula: null };
}

function hasContent(cell: Cell): boolean {
  if (cell.type === ExcelJS.ValueType.Merge || cell.type === ExcelJS.ValueType.Null) return false;
  return !(cell.type === ExcelJS.ValueType.String && cell.value === '');
}

function visibilityOf(ws: Worksheet): SheetVisibility {
  if (ws.state === 'veryHidden') return 'veryHidden';
  return ws.state === 'hidden' ? 'hidden' : 'visible';
}

function validationRule(op: ValidationOp): DataValidation {
  const messages = {
    ...(op.error === undefined ? {} : { error: op.error, showErrorMessage: true }),
    ...(op.kind !== 'decimalValidation' && op.prompt !== undefined
      ? { prompt: op.prompt, showInputMessage: true }
      : {}),
  };
  switch (op.kind) {
    case 'listValidation': {
      const formula = typeof op.source === 'string' ? withoutEquals(op.source) : `"${op.source.join(',')}"`;
      return {
        type: 'list',
        allowBlank: op.allowBlank,
        formulae: [formula],
        showErrorMessage: true,
        ...messages,
      };
    }
    case 'customValidation':
      return { type: 'custom', allowBlank: true, formulae: [withoutEquals(op.formula)], ...messages };
    case 'decimalValidation':
      return op.max === undefined
        ? {
            type: 'decimal',
            operator: 'greaterThanOrEqual',
            allowBlank: true,
            formulae: [op.min],
            ...messages,
          }
        : { type: 'decimal', operator: 'between', allowBlank: true, formulae: [op.min, op.max], ...messages };
  }
}

export class XlsxWorkbook implements WorkbookPort {
  readonly capabilities: HostCapabilities = {
    hasChangeEvents: false,
    hasTriggerSource: false,
    calculates: false,
  };

  private selected: XlsxSelection | null = null;

  private constructor(private readonly book: ExcelJS.Workbook) {}

  static create(): XlsxWorkbook {
    return new XlsxWorkbook(new ExcelJS.Workbook());
  }

  /** Loads a file. Any load failure becomes HostError('io_failed'); no partially read workbook escapes. */
  static async fromBuffer(buffer: Uint8Array, limits: XlsxLoadLimits = {}): Promise<XlsxWorkbook> {
    if (limits.maxBytes !== undefined && buffer.byteLength > limits.maxBytes) {
      throw new HostError('io_failed', `文件过大 / file too large: ${buffer.byteLength} bytes`);
    }
    const book = new ExcelJS.Workbook();
    try {
      // A plain Uint8Array, not a Buffer: jszip copies Buffer chunks byte by byte before decoding them as text.
      const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
      await book.xlsx.load(bytes as unknown as LoadInput, loadOptions(limits));
    } catch (error) {
      const reason = error instanceof Error ? error.message.slice(0, 120) : 'unknown';
      throw new HostError('io_failed', `无法读取 xlsx 文件 / cannot read the xlsx file: ${reason}`);
    }
    return new XlsxWorkbook(book);
  }

  async toBuffer(): Promise<Buffer> {
    try {
      const written = await this.book.xlsx.writeBuffer();
      return Buffer.from(written);
    } catch (error) {
      const reason = error instanceof Error ? error.message.slice(0, 120) : 'unknown';
      throw new HostError('io_failed', `无法写出 xlsx 文件 / cannot write the xlsx file: ${reason}`);
    }
  }

  // ---------------------------------------------------------------- the port

  async listSheets(): Promise<SheetInfo[]> {
    return this.book.worksheets.map((ws) => {
      const used = this.usedRange(ws);
      return {
        name: ws.name,
        visibility: visibilityOf(ws),
        usedRange: used === null ? null : toRangeA1(used),
      };
    });
  }

  async applyPlan(plan: Plan): Promise<void> {
    // Every refusal is decided before the first write, so a refused plan leaves the workbook untouched.
    checkPlan(
      plan,
      this.book.worksheets.map((ws) => ({ name: ws.name, visibility: visibilityOf(ws) })),
      { definedName: (op) => checkStorableName(op.name, op.refersTo) },
    );
    for (const op of plan.ops) await this.applyOp(op);
  }

  async readBlock(sheet: string, range?: string): Promise<Block> {
    return this.readBlockNow(sheet, range);
  }

  async readBlocks(requests: readonly { sheet: string; range?: string }[]): Promise<Block[]> {
    return requests.map((r) => this.readBlockNow(r.sheet, r.range));
  }

  /** A file has no one looking at it: the selection is only recorded (and saved as the active cell). */
  async select(sheet: string, cell: string): Promise<void> {
    const ws = this.sheetOrThrow(sheet);
    const range = parseRangeOrThrow(cell);
    this.selected = { sheet: ws.name, cell: toRangeA1(range) };
  }

  /** A file never changes under us, so there is nothing to report; the subscription is kept for the port. */
  async getSelection(): Promise<XlsxSelection | null> {
    return this.selection();
  }

  onCellsChanged(_listener: (change: CellsChanged) => void): () => void {
    return () => undefined;
  }

  // ---------------------------------------------------------------- beyond the port

  selection(): XlsxSelection | null {
    return this.selected === null ? null : { ...this.selected };
  }

  /** Writes scalars as a person would type them, with no notification: a file has no change events. */
  writeValuesAsUser(sheet: string, topLeft: string, values: CellScalar[][]): void {
    const ws = this.sheetOrThrow(sheet);
    const start = parseRangeOrThrow(topLeft);
    values.forEach((row, r) =>
      row.forEach((value, c) => {
        const typed: CellInput =
          typeof value === 'string' && value.length > 1 && value.startsWith('=') ? { formula: value } : value;
        this.writeCell(ws, start.top + r, start.left + c, typed);
      }),
    );
  }

  // ---------------------------------------------------------------- internals

  private findSheet(name: string): Worksheet | undefined {
    // Excel treats sheet names case-insensitively: 'Sheet1' and 'SHEET1' are the same sheet.
    const wanted = name.toUpperCase();
    return this.book.worksheets.find((ws) => ws.name.toUpperCase() === wanted);
  }

  private sheetOrThrow(name: string): Worksheet {
    const ws = this.findSheet(name);
    if (ws === undefined) throw new HostError('sheet_not_found', `找不到工作表 / no sheet named ${name}`);
    return ws;
  }

  private usedRange(ws: Worksheet): CellRange | null {
    let bottom = -1;
    let right = -1;
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
        if (!hasContent(cell)) return;
        bottom = Math.max(bottom, rowNumber - 1);
        right = Math.max(right, colNumber - 1);
      });
    });
    return bottom < 0 ? null : { top: 0, left: 0, bottom, right };
  }

  private readBlockNow(sheet: string, range?: string): Block {
    const ws = this.sheetOrThrow(sheet);
    const area = range === undefined ? this.usedRange(ws) : parseRangeOrThrow(range);
    if (area === null) return { top: 0, left: 0, values: [], formulas: [] };
    const values: CellScalar[][] = [];
    const formulas: (string | null)[][] = [];
    for (let row = area.top; row <= area.bottom; row += 1) {
      const valueRow: CellScalar[] = [];
      const formulaRow: (string | null)[] = [];
      // findCell does not create cells, so reading leaves the model (and the written file) as it was.
      const wsRow = ws.findRow(row + 1);
      for (let col = area.left; col <= area.right; col += 1) {
        const cell = wsRow?.findCell(col + 1);
        const read = cell === undefined ? { value: null, formula: null } : readCell(cell);
        valueRow.push(read.value);
        formulaRow.push(read.formula);
      }
      values.push(valueRow);
      formulas.push(formulaRow);
    }
    const merges = ws.model.merges
      .map((ref) => parseRange(ref))
      .filter((m) => overlaps(m, area))
      .sort((a, b) => a.top - b.top || a.left - b.left);
    return merges.length === 0
      ? { top: area.top, left: area.left, values, formulas }
      : { top: area.top, left: area.left, values, formulas, merges };
  }

  /**
   * Sheet order is exceljs's `orderNo` (not in its typings; `worksheets` and the written file follow it):
   * renumbered so that `sheet` comes right after `after`.
   */
  private placeAfter(sheet: Worksheet, after: Worksheet): void {
    const order = this.book.worksheets.filter((ws) => ws !== sheet);
    order.splice(order.indexOf(after) + 1, 0, sheet);
    order.forEach((ws, index) => {
      (ws as Worksheet & { orderNo: number }).orderNo = index + 1;
    });
  }

  private async applyOp(op: PlanOp): Promise<void> {
    if (op.kind === 'defineName') {
      this.defineName(op.name, op.refersTo);
      return;
    }
    if (op.kind === 'ensureSheet') {
      let ws = this.findSheet(op.sheet);
      if (ws === undefined) {
        ws = this.book.addWorksheet(op.sheet);
        const after = op.after === undefined ? undefined : this.findSheet(op.after);
        if (after !== undefined) this.placeAfter(ws, after);
      }
      ws.state = op.visibility;
      if (op.tabColor !== undefined) ws.properties.tabColor = { argb: argb(op.tabColor) };
      return;
    }
    const ws = this.sheetOrThrow(op.sheet);
    switch (op.kind) {
      case 'writeBlock': {
        const start = parseRangeOrThrow(op.topLeft);
        op.values.forEach((row, r) =>
          row.forEach((input, c) => this.writeCell(ws, start.top + r, start.left + c, input)),
        );
        return;
      }
      case 'merge':
        this.merge(ws, parseRangeOrThrow(op.range));
        return;
      case 'style':
        this.forEachCell(ws, op.range, (cell) => applyStyle(cell, op.style));
        return;
      case 'numberFormat':
        this.forEachCell(ws, op.range, (cell) => {
          cell.numFmt = op.format;
        });
        return;
      case 'columnWidths':
        op.widths.forEach((width, i) => {
          ws.getColumn(op.firstCol + i + 1).width = width;
        });
        return;
      case 'rowHeight':
        ws.getRow(op.row + 1).height = op.height;
        return;
      case 'listValidation':
      case 'customValidation':
      case 'decimalValidation':
        this.addValidation(ws, op);
        return;
      case 'highlight':
        this.addHighlight(ws, op);
        return;
      case 'lock':
        this.forEachCell(ws, op.range, (cell) => {
          cell.protection = { ...cell.protection, locked: op.locked };
        });
        return;
      case 'protectSheet': {
        const allow = op.allow;
        await ws.protect(
          '',
          allow === undefined
            ? {}
            : {
                insertRows: allow.insertRows,
                deleteRows: allow.deleteRows,
                formatColumns: allow.formatColumns,
                formatRows: allow.formatRows,
              },
        );
        return;
      }
      case 'freezePanes':
        ws.views =
          op.rows === 0 && op.cols === 0
            ? [{ state: 'normal' }]
            : [{ state: 'frozen', xSplit: op.cols, ySplit: op.rows }];
        return;
      case 'printSetup':
        ws.pageSetup.orientation = op.orientation;
        ws.pageSetup.paperSize = 9;
        ws.pageSetup.fitToPage = op.fitToWidth;
        if (op.fitToWidth) {
          ws.pageSetup.fitToWidth = 1;
          ws.pageSetup.fitToHeight = 0;
        }
        if (op.printArea !== undefined) ws.pageSetup.printArea = toRangeA1(parseRangeOrThrow(op.printArea));
        // exceljs writes the rows as the sheet's `_xlnm.Print_Titles` name ('Sheet'!$5:$6).
        if (op.titleRows !== undefined)
          ws.pageSetup.printTitlesRow = `${String(op.titleRows.first + 1)}:${String(op.titleRows.last + 1)}`;
        return;
    }
  }

  private forEachCell(ws: Worksheet, ref: string, visit: (cell: Cell) => void): void {
    for (const { row, col } of cellsOf(parseRangeOrThrow(ref))) visit(ws.getCell(row + 1, col + 1));
  }

  private writeCell(ws: Worksheet, row: number, col: number, input: CellInput): void {
    const cell = ws.getCell(row + 1, col + 1);
    const empty = input === null || input === '';
    if (cell.type === ExcelJS.ValueType.Merge) {
      // exceljs sends a write on a covered cell of a merge to its top-left cell; a blank stays a blank.
      if (empty) return;
      throw new HostError(
        'unsupported',
        `不能写入合并区域内的单元格 / cannot write inside a merge: ${ws.name}!${cell.address}`,
      );
    }
    if (isFormulaCell(input)) {
      cell.value = { formula: withoutEquals(input.formula), date1904: false };
    } else {
      cell.value = empty ? null : input;
    }
  }

  /** Like Excel: the top-left cell keeps its content, the others are cleared; overlapping merges give way. */
  private merge(ws: Worksheet, range: CellRange): void {
    if (range.top === range.bottom && range.left === range.right) return;
    for (const ref of ws.model.merges) {
      if (overlaps(parseRange(ref), range)) ws.unMergeCells(ref);
    }
    for (const { row, col } of cellsOf(range)) {
      if (row !== range.top || col !== range.left) ws.getCell(row + 1, col + 1).value = null;
    }
    ws.mergeCells(range.top + 1, range.left + 1, range.bottom + 1, range.right + 1);
  }

  /**
   * One rule per range (exceljs issue #2820: rules set cell by cell overlap). A new rule replaces older ones
   * on the cells it covers, as in the memory host: older rules keep only the cells outside it.
   */
  private addValidation(ws: Worksheet, op: ValidationOp): void {
    const store = undeclared(ws).dataValidations;
    const range = parseRangeOrThrow(op.range);
    for (const [ref, rule] of Object.entries(store.model)) {
      if (rule === undefined) continue;
      const old = parseRange(ref);
      if (!overlaps(old, range)) continue;
      delete store.model[ref];
      for (const part of subtract(old, range)) store.add(toRangeA1(part), rule);
    }
    store.add(toRangeA1(range), validationRule(op));
  }

  private addHighlight(ws: Worksheet, op: HighlightOp): void {
    // Priorities must be distinct within a sheet; later rules come after the ones already there.
    const priority = undeclared(ws).conditionalFormattings.reduce((n, cf) => n + cf.rules.length, 0) + 1;
    ws.addConditionalFormatting({
      ref: toRangeA1(parseRangeOrThrow(op.range)),
      rules: [
        {
          type: 'expression',
          priority,
          formulae: [withoutEquals(op.formula)],
          style: {
            fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: argb(op.fill) } },
            ...(op.fontColor === undefined ? {} : { font: { color: { argb: argb(op.fontColor) } } }),
          },
        },
      ],
    });
  }

  /** A later definition of the same name replaces the earlier one (names are case-insensitive). */
  private defineName(name: string, refersTo: string): void {
    const names = this.book.definedNames;
    names.model = names.model.filter((n) => n.name.toUpperCase() !== name.toUpperCase());
    names.add(withoutEquals(refersTo.trim()), name);
  }
}

function loadOptions(limits: XlsxLoadLimits): LoadOptions {
  return {
    ...(limits.ignoreNodes === undefined ? {} : { ignoreNodes: [...limits.ignoreNodes] }),
    ...(limits.maxRows === undefined ? {} : { maxRows: limits.maxRows }),
    ...(limits.maxCols === undefined ? {} : { maxCols: limits.maxCols }),
  };
}

function undeclared(ws: Worksheet): UndeclaredSheetParts {
  return ws as unknown as UndeclaredSheetParts;
}

/**
 * A font named in Chinese is stored with the GB2312 character set (134), as Excel stores its own Chinese
 * fonts, so that where the font is not installed Windows substitutes a Chinese one (宋体) by that set.
 */
function charsetOf(fontName: string): { charset?: number } {
  return /\p{Script=Han}/u.test(fontName) ? { charset: 134 } : {};
}

function applyStyle(cell: Cell, style: CellStyle): void {
  if (
    style.fontName !== undefined ||
    style.bold !== undefined ||
    style.fontSize !== undefined ||
    style.fontColor !== undefined
  ) {
    cell.font = {
      ...cell.font,
      ...(style.fontName === undefined ? {} : { name: style.fontName, ...charsetOf(style.fontName) }),
      ...(style.bold === undefined ? {} : { bold: style.bold }),
      ...(style.fontSize === undefined ? {} : { size: style.fontSize }),
      ...(style.fontColor === undefined ? {} : { color: { argb: argb(style.fontColor) } }),
    };
  }
  if (style.fill !== undefined) {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(style.fill) } };
  }
  if (style.horizontal !== undefined || style.vertical !== undefined || style.wrap !== undefined) {
    cell.alignment = {
      ...cell.alignment,
      ...(style.horizontal === undefined ? {} : { horizontal: style.horizontal }),
      ...(style.vertical === undefined ? {} : { vertical: style.vertical }),
      ...(style.wrap === undefined ? {} : { wrapText: style.wrap }),
    };
  }
  if (style.border === 'thin') {
    const thin = { style: 'thin' as const };
    cell.border = { top: thin, left: thin, bottom: thin, right: thin };
  } else if (style.border === 'none') {
    cell.border = {};
  }
}
