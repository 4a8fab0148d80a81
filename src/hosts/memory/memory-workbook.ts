/**
 * The memory host: reference semantics of the port for tests and the browser workbench. Plain objects,
 * no computation of formulas. Other hosts are checked against the same contract suite, so what this host
 * does is what the port means.
 */
import { checkPlan, MAX_COLS, MAX_ROWS, parseRangeOrThrow } from '../../app/plan-checks';
import { type Block, type CellInput, type CellScalar, isFormulaCell } from '../../domain/grid/cell';
import { type CellRange, parseA1, rangeContains, toA1, toRangeA1 } from '../../domain/grid/address';
import type { CellStyle, Plan, PlanOp, ProtectionAllowances, SheetVisibility } from '../../domain/plan/plan';
import {
  type CellsChanged,
  type ChangeSource,
  type HostCapabilities,
  HostError,
  type SheetInfo,
  type WorkbookPort,
} from '../../app/workbook-port';

/** Excel's grid: 1,048,576 rows by 16,384 columns (A..XFD). */
export { MAX_COLS, MAX_ROWS };
/** Excel's limit on a sheet name, and the characters it refuses in one. */

export interface StoredCell {
  /** What the cell shows; null for a formula, since this host does not calculate. */
  value: CellScalar;
  formula: string | null;
}

type ValidationOp = Extract<PlanOp, { kind: 'listValidation' | 'customValidation' | 'decimalValidation' }>;
type HighlightOp = Extract<PlanOp, { kind: 'highlight' }>;
type PrintSetupOp = Extract<PlanOp, { kind: 'printSetup' }>;

/** A validation as the plan gave it, with its range kept current when rows move. */
export type StoredValidation = ValidationOp;
export type StoredHighlight = HighlightOp;
export type PrintSetup = Omit<PrintSetupOp, 'kind' | 'sheet'>;

function copyPrintSetup(setup: PrintSetup): PrintSetup {
  return setup.titleRows === undefined ? { ...setup } : { ...setup, titleRows: { ...setup.titleRows } };
}

export interface Protection {
  allow: ProtectionAllowances | null;
}

interface RangeEntry<T> {
  range: CellRange;
  data: T;
}

interface SheetState {
  name: string;
  visibility: SheetVisibility;
  tabColor: string | null;
  cells: Map<number, StoredCell>;
  merges: CellRange[];
  styles: RangeEntry<CellStyle>[];
  numberFormats: RangeEntry<string>[];
  locks: RangeEntry<boolean>[];
  validations: RangeEntry<StoredValidation>[];
  highlights: RangeEntry<StoredHighlight>[];
  columnWidths: Map<number, number>;
  rowHeights: Map<number, number>;
  protection: Protection | null;
  freeze: { rows: number; cols: number } | null;
  printSetup: PrintSetup | null;
}

export interface Selection {
  sheet: string;
  cell: string;
}

export interface MemoryWorkbookStats {
  planOps: number;
  blocksRead: number;
}

/** Cells are keyed by one number (row × columns + column): no string is built per cell on a block read. */
const cellKey = (row: number, col: number): number => row * MAX_COLS + col;

function keyPosition(key: number): { row: number; col: number } {
  return { row: Math.floor(key / MAX_COLS), col: key % MAX_COLS };
}

function overlaps(a: CellRange, b: CellRange): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

/** An empty string clears a cell, as it does when typed into Excel. */
function isEmptyInput(value: CellScalar): boolean {
  return value === null || value === '';
}

function newSheet(name: string, visibility: SheetVisibility, tabColor: string | null): SheetState {
  return {
    name,
    visibility,
    tabColor,
    cells: new Map(),
    merges: [],
    styles: [],
    numberFormats: [],
    locks: [],
    validations: [],
    highlights: [],
    columnWidths: new Map(),
    rowHeights: new Map(),
    protection: null,
    freeze: null,
    printSetup: null,
  };
}

/** What a structural change does to one range: moved, resized, or gone. */
type RowShift = (range: CellRange) => CellRange | null;

function insertShift(before: number, count: number): RowShift {
  return (range) => {
    if (range.top >= before) return { ...range, top: range.top + count, bottom: range.bottom + count };
    if (range.bottom >= before) return { ...range, bottom: range.bottom + count };
    return range;
  };
}

function deleteShift(first: number, count: number): RowShift {
  const last = first + count - 1;
  return (range) => {
    if (range.bottom < first) return range;
    if (range.top > last) return { ...range, top: range.top - count, bottom: range.bottom - count };
    const keptAbove = Math.max(0, first - range.top);
    const keptBelow = Math.max(0, range.bottom - last);
    if (keptAbove + keptBelow === 0) return null;
    const top = Math.min(range.top, first);
    return { ...range, top, bottom: top + keptAbove + keptBelow - 1 };
  };
}

/**
 * The print area and title rows follow the rows they name, as Excel and LibreOffice keep them: rows inserted
 * inside them widen them, rows inserted above move them, and one whose rows are all deleted is gone.
 */
function shiftPrintSetup(setup: PrintSetup, shift: RowShift): PrintSetup {
  const { printArea, titleRows, ...rest } = setup;
  const out: PrintSetup = { ...rest };
  if (printArea !== undefined) {
    const area = shift(parseRangeOrThrow(printArea));
    if (area !== null) out.printArea = toRangeA1(area);
  }
  if (titleRows !== undefined) {
    const rows = shift({ top: titleRows.first, bottom: titleRows.last, left: 0, right: MAX_COLS - 1 });
    if (rows !== null) out.titleRows = { first: rows.top, last: rows.bottom };
  }
  return out;
}

function shiftEntries<T>(entries: RangeEntry<T>[], shift: RowShift): RangeEntry<T>[] {
  const out: RangeEntry<T>[] = [];
  for (const entry of entries) {
    const range = shift(entry.range);
    if (range !== null) out.push({ range, data: entry.data });
  }
  return out;
}

export class MemoryWorkbook implements WorkbookPort {
  readonly capabilities: HostCapabilities = {
    hasChangeEvents: true,
    hasTriggerSource: true,
    calculates: false,
  };
  /** Counters for benchmarks: plan operations applied and blocks read. */
  readonly stats: MemoryWorkbookStats = { planOps: 0, blocksRead: 0 };

  private sheets: SheetState[] = [];
  private readonly definedNames = new Map<string, { name: string; refersTo: string }>();
  private readonly listeners = new Set<(change: CellsChanged) => void>();
  private selected: Selection | null = null;

  // ---------------------------------------------------------------- the port

  async listSheets(): Promise<SheetInfo[]> {
    return this.sheets.map((s) => {
      const used = this.usedRange(s);
      return { name: s.name, visibility: s.visibility, usedRange: used === null ? null : toRangeA1(used) };
    });
  }

  async applyPlan(plan: Plan): Promise<void> {
    // Everything that could make the plan fail is checked first, so a refused plan leaves the workbook untouched.
    checkPlan(plan, this.sheets);
    for (const op of plan.ops) this.applyOp(op);
    this.stats.planOps += plan.ops.length;
  }

  async readBlock(sheet: string, range?: string): Promise<Block> {
    const block = this.readBlockNow(sheet, range);
    this.stats.blocksRead += 1;
    return block;
  }

  async readBlocks(requests: readonly { sheet: string; range?: string }[]): Promise<Block[]> {
    // All requests are resolved before any is counted, so one bad request fails the whole batch.
    const blocks = requests.map((r) => this.readBlockNow(r.sheet, r.range));
    this.stats.blocksRead += blocks.length;
    return blocks;
  }

  async select(sheet: string, cell: string): Promise<void> {
    const state = this.sheetOrThrow(sheet);
    const range = parseRangeOrThrow(cell);
    this.selected = { sheet: state.name, cell: toRangeA1(range) };
  }

  async getSelection(): Promise<Selection | null> {
    return this.selection();
  }

  onCellsChanged(listener: (change: CellsChanged) => void): () => void {
    // A wrapper, so that the same function subscribed twice is two subscriptions, each with its own off.
    const wrapped = (change: CellsChanged): void => listener(change);
    this.listeners.add(wrapped);
    return () => {
      this.listeners.delete(wrapped);
    };
  }

  // ---------------------------------------------------------------- simulating a person

  /**
   * Typing or pasting a block: text starting with '=' becomes a formula, '' and null clear the cell. Fires
   * one change for the covered range. A person cannot type over locked cells of a protected sheet.
   */
  setValues(sheet: string, topLeft: string, values: CellScalar[][], source: ChangeSource = 'user'): void {
    const state = this.sheetOrThrow(sheet);
    const start = parseRangeOrThrow(topLeft);
    const width = values.reduce((w, row) => Math.max(w, row.length), 0);
    if (values.length === 0 || width === 0) return;
    const covered: CellRange = {
      top: start.top,
      left: start.left,
      bottom: start.top + values.length - 1,
      right: start.left + width - 1,
    };
    if (covered.bottom >= MAX_ROWS || covered.right >= MAX_COLS) {
      throw new HostError('invalid_range', `区域超出工作表 / block outside the sheet at ${topLeft}`);
    }
    if (source === 'user' && state.protection !== null) {
      values.forEach((row, r) =>
        row.forEach((_value, c) => {
          if (this.lockedAt(state, covered.top + r, covered.left + c)) {
            const a1 = toA1({ row: covered.top + r, col: covered.left + c });
            throw new HostError('protected', `单元格已锁定 / cell is locked: ${state.name}!${a1}`);
          }
        }),
      );
    }
    values.forEach((row, r) =>
      row.forEach((value, c) => {
        const typed: CellInput =
          typeof value === 'string' && value.length > 1 && value.startsWith('=') ? { formula: value } : value;
        this.writeCell(state, covered.top + r, covered.left + c, typed);
      }),
    );
    this.emit({ sheet: state.name, range: toRangeA1(covered), source });
  }

  /** Insert `count` rows before the 0-based row `beforeRow0`; everything below moves down. */
  insertRows(sheet: string, beforeRow0: number, count: number, source: ChangeSource = 'user'): void {
    const state = this.sheetOrThrow(sheet);
    this.checkRowArgs(beforeRow0, count);
    if (source === 'user' && state.protection !== null && state.protection.allow?.insertRows !== true) {
      throw new HostError('protected', `工作表受保护，不能插入行 / sheet is protected: ${state.name}`);
    }
    const moved = new Map<number, StoredCell>();
    for (const [key, cell] of state.cells) {
      const { row, col } = keyPosition(key);
      const newRow = row >= beforeRow0 ? row + count : row;
      if (newRow < MAX_ROWS) moved.set(cellKey(newRow, col), cell);
    }
    state.cells = moved;
    state.rowHeights = new Map(
      [...state.rowHeights].map(([row, h]) => [row >= beforeRow0 ? row + count : row, h] as const),
    );
    this.shiftRanges(state, insertShift(beforeRow0, count));
    const range = toRangeA1({
      top: beforeRow0,
      left: 0,
      bottom: beforeRow0 + count - 1,
      right: MAX_COLS - 1,
    });
    this.emit({ sheet: state.name, range, source, structural: 'rowsInserted' });
  }

  /** Delete `count` rows from the 0-based row `row0`; everything below moves up. */
  deleteRows(sheet: string, row0: number, count: number, source: ChangeSource = 'user'): void {
    const state = this.sheetOrThrow(sheet);
    this.checkRowArgs(row0, count);
    if (source === 'user' && state.protection !== null && state.protection.allow?.deleteRows !== true) {
      throw new HostError('protected', `工作表受保护，不能删除行 / sheet is protected: ${state.name}`);
    }
    const last = row0 + count - 1;
    const moved = new Map<number, StoredCell>();
    for (const [key, cell] of state.cells) {
      const { row, col } = keyPosition(key);
      if (row >= row0 && row <= last) continue;
      moved.set(cellKey(row > last ? row - count : row, col), cell);
    }
    state.cells = moved;
    const heights = new Map<number, number>();
    for (const [row, h] of state.rowHeights) {
      if (row < row0) heights.set(row, h);
      else if (row > last) heights.set(row - count, h);
    }
    state.rowHeights = heights;
    this.shiftRanges(state, deleteShift(row0, count));
    const range = toRangeA1({ top: row0, left: 0, bottom: last, right: MAX_COLS - 1 });
    this.emit({ sheet: state.name, range, source, structural: 'rowsDeleted' });
  }

  // ---------------------------------------------------------------- inspection for tests

  sheetNames(): string[] {
    return this.sheets.map((s) => s.name);
  }

  /** Moves a sheet to a 0-based position, as a person dragging its tab (Excel's `worksheet.position`). */
  moveSheet(sheet: string, position: number): void {
    const state = this.sheetOrThrow(sheet);
    if (!Number.isInteger(position) || position < 0 || position >= this.sheets.length) {
      throw new HostError('invalid_range', `工作表位置无效 / no such sheet position: ${position}`);
    }
    this.sheets.splice(this.sheets.indexOf(state), 1);
    this.sheets.splice(position, 0, state);
  }

  hasSheet(sheet: string): boolean {
    return this.findSheet(sheet) !== undefined;
  }

  sheetVisibility(sheet: string): SheetVisibility {
    return this.sheetOrThrow(sheet).visibility;
  }

  tabColorOf(sheet: string): string | null {
    return this.sheetOrThrow(sheet).tabColor;
  }

  /** The stored cell, or null when the cell is empty. */
  getCell(sheet: string, a1: string): StoredCell | null {
    const state = this.sheetOrThrow(sheet);
    const pos = this.positionOrThrow(a1);
    const cell = state.cells.get(cellKey(pos.row, pos.col));
    return cell === undefined ? null : { ...cell };
  }

  mergesOf(sheet: string): string[] {
    return this.sheetOrThrow(sheet).merges.map((m) => toRangeA1(m));
  }

  /** The style of one cell: every style op covering it, later ones winning property by property. */
  styleAt(sheet: string, a1: string): CellStyle {
    const state = this.sheetOrThrow(sheet);
    const pos = this.positionOrThrow(a1);
    const style: CellStyle = {};
    for (const entry of state.styles) if (rangeContains(entry.range, pos)) Object.assign(style, entry.data);
    return style;
  }

  numberFormatAt(sheet: string, a1: string): string | null {
    const state = this.sheetOrThrow(sheet);
    const pos = this.positionOrThrow(a1);
    let format: string | null = null;
    for (const entry of state.numberFormats) if (rangeContains(entry.range, pos)) format = entry.data;
    return format;
  }

  columnWidthsOf(sheet: string): ReadonlyMap<number, number> {
    return new Map(this.sheetOrThrow(sheet).columnWidths);
  }

  rowHeightsOf(sheet: string): ReadonlyMap<number, number> {
    return new Map(this.sheetOrThrow(sheet).rowHeights);
  }

  /** Validations as the plan gave them, in order, with ranges moved by row insertions and deletions. */
  validationsOf(sheet: string): StoredValidation[] {
    return this.sheetOrThrow(sheet).validations.map((e) => ({ ...e.data, range: toRangeA1(e.range) }));
  }

  /** The validation that applies to one cell: the last one set over it. */
  validationAt(sheet: string, a1: string): StoredValidation | null {
    const state = this.sheetOrThrow(sheet);
    const pos = this.positionOrThrow(a1);
    let found: StoredValidation | null = null;
    for (const entry of state.validations) {
      if (rangeContains(entry.range, pos)) found = { ...entry.data, range: toRangeA1(entry.range) };
    }
    return found;
  }

  highlightsOf(sheet: string): StoredHighlight[] {
    return this.sheetOrThrow(sheet).highlights.map((e) => ({ ...e.data, range: toRangeA1(e.range) }));
  }

  /** Cells are locked unless a plan unlocked them, as in Excel. */
  isLocked(sheet: string, a1: string): boolean {
    const state = this.sheetOrThrow(sheet);
    const pos = this.positionOrThrow(a1);
    return this.lockedAt(state, pos.row, pos.col);
  }

  isProtected(sheet: string): boolean {
    return this.sheetOrThrow(sheet).protection !== null;
  }

  protectionOf(sheet: string): Protection | null {
    const protection = this.sheetOrThrow(sheet).protection;
    return protection === null ? null : { ...protection };
  }

  names(): { name: string; refersTo: string }[] {
    return [...this.definedNames.values()].map((n) => ({ ...n }));
  }

  freezePanesOf(sheet: string): { rows: number; cols: number } | null {
    const freeze = this.sheetOrThrow(sheet).freeze;
    return freeze === null ? null : { ...freeze };
  }

  printSetupOf(sheet: string): PrintSetup | null {
    const setup = this.sheetOrThrow(sheet).printSetup;
    return setup === null ? null : copyPrintSetup(setup);
  }

  selection(): Selection | null {
    return this.selected === null ? null : { ...this.selected };
  }

  // ---------------------------------------------------------------- internals

  private findSheet(name: string): SheetState | undefined {
    // Excel treats sheet names case-insensitively: 'Sheet1' and 'SHEET1' are the same sheet.
    const wanted = name.toUpperCase();
    return this.sheets.find((s) => s.name.toUpperCase() === wanted);
  }

  private sheetOrThrow(name: string): SheetState {
    const state = this.findSheet(name);
    if (state === undefined) throw new HostError('sheet_not_found', `找不到工作表 / no sheet named ${name}`);
    return state;
  }

  private positionOrThrow(a1: string): { row: number; col: number } {
    try {
      return parseA1(a1);
    } catch {
      throw new HostError('invalid_range', `无法识别的单元格 / not a cell address: ${a1}`);
    }
  }

  private checkRowArgs(row: number, count: number): void {
    if (!Number.isInteger(row) || row < 0 || row >= MAX_ROWS || !Number.isInteger(count) || count < 1) {
      throw new HostError('invalid_range', `行参数不合法 / bad rows ${row}+${count}`);
    }
  }

  private lockedAt(state: SheetState, row: number, col: number): boolean {
    let locked = true;
    for (const entry of state.locks) if (rangeContains(entry.range, { row, col })) locked = entry.data;
    return locked;
  }

  private usedRange(state: SheetState): CellRange | null {
    if (state.cells.size === 0) return null;
    let bottom = 0;
    let right = 0;
    for (const key of state.cells.keys()) {
      const { row, col } = keyPosition(key);
      bottom = Math.max(bottom, row);
      right = Math.max(right, col);
    }
    return { top: 0, left: 0, bottom, right };
  }

  private readBlockNow(sheet: string, range?: string): Block {
    const state = this.sheetOrThrow(sheet);
    const area = range === undefined ? this.usedRange(state) : parseRangeOrThrow(range);
    if (area === null) return { top: 0, left: 0, values: [], formulas: [] };
    const values: CellScalar[][] = [];
    const formulas: (string | null)[][] = [];
    for (let row = area.top; row <= area.bottom; row += 1) {
      const valueRow: CellScalar[] = [];
      const formulaRow: (string | null)[] = [];
      for (let col = area.left; col <= area.right; col += 1) {
        const cell = state.cells.get(cellKey(row, col));
        valueRow.push(cell === undefined ? null : cell.value);
        formulaRow.push(cell === undefined ? null : cell.formula);
      }
      values.push(valueRow);
      formulas.push(formulaRow);
    }
    const merges = state.merges
      .filter((m) => overlaps(m, area))
      .sort((a, b) => a.top - b.top || a.left - b.left);
    return merges.length === 0
      ? { top: area.top, left: area.left, values, formulas }
      : { top: area.top, left: area.left, values, formulas, merges };
  }

  private applyOp(op: PlanOp): void {
    if (op.kind === 'defineName') {
      this.definedNames.set(op.name.toUpperCase(), { name: op.name, refersTo: op.refersTo });
      return;
    }
    if (op.kind === 'ensureSheet') {
      const found = this.findSheet(op.sheet);
      if (found === undefined) {
        const sheet = newSheet(op.sheet, op.visibility, op.tabColor ?? null);
        const after = op.after === undefined ? undefined : this.findSheet(op.after);
        if (after === undefined) this.sheets.push(sheet);
        else this.sheets.splice(this.sheets.indexOf(after) + 1, 0, sheet);
      } else {
        found.visibility = op.visibility;
        if (op.tabColor !== undefined) found.tabColor = op.tabColor;
      }
      return;
    }
    const state = this.sheetOrThrow(op.sheet);
    switch (op.kind) {
      case 'writeBlock': {
        const start = parseRangeOrThrow(op.topLeft);
        op.values.forEach((row, r) =>
          row.forEach((input, c) => this.writeCell(state, start.top + r, start.left + c, input)),
        );
        return;
      }
      case 'merge':
        this.merge(state, parseRangeOrThrow(op.range));
        return;
      case 'style':
        state.styles.push({ range: parseRangeOrThrow(op.range), data: { ...op.style } });
        return;
      case 'numberFormat':
        state.numberFormats.push({ range: parseRangeOrThrow(op.range), data: op.format });
        return;
      case 'columnWidths':
        op.widths.forEach((width, i) => state.columnWidths.set(op.firstCol + i, width));
        return;
      case 'rowHeight':
        state.rowHeights.set(op.row, op.height);
        return;
      case 'listValidation':
      case 'customValidation':
      case 'decimalValidation': {
        const range = parseRangeOrThrow(op.range);
        // A new rule replaces the old one on the cells it covers; rules left with no cell of their own go.
        state.validations = state.validations.filter((e) => !within(e.range, range));
        state.validations.push({ range, data: { ...op } });
        return;
      }
      case 'highlight':
        state.highlights.push({ range: parseRangeOrThrow(op.range), data: { ...op } });
        return;
      case 'lock':
        state.locks.push({ range: parseRangeOrThrow(op.range), data: op.locked });
        return;
      case 'protectSheet':
        state.protection = { allow: op.allow === undefined ? null : { ...op.allow } };
        return;
      case 'freezePanes':
        state.freeze = { rows: op.rows, cols: op.cols };
        return;
      case 'printSetup': {
        const { kind: _kind, sheet: _sheet, ...setup } = op;
        state.printSetup = copyPrintSetup(setup);
        return;
      }
    }
  }

  private writeCell(state: SheetState, row: number, col: number, input: CellInput): void {
    const key = cellKey(row, col);
    if (isFormulaCell(input)) {
      state.cells.set(key, { value: null, formula: input.formula });
    } else if (isEmptyInput(input)) {
      state.cells.delete(key);
    } else {
      state.cells.set(key, { value: input, formula: null });
    }
  }

  /** Like Excel: the top-left cell keeps its content, the others are cleared; overlapping merges give way. */
  private merge(state: SheetState, range: CellRange): void {
    if (range.top === range.bottom && range.left === range.right) return;
    state.merges = state.merges.filter((m) => !overlaps(m, range));
    state.merges.push(range);
    for (const key of [...state.cells.keys()]) {
      const pos = keyPosition(key);
      const anchor = pos.row === range.top && pos.col === range.left;
      if (!anchor && rangeContains(range, pos)) state.cells.delete(key);
    }
  }

  private shiftRanges(state: SheetState, shift: RowShift): void {
    state.merges = state.merges.map(shift).filter((m): m is CellRange => m !== null && !isSingleCell(m));
    state.styles = shiftEntries(state.styles, shift);
    state.numberFormats = shiftEntries(state.numberFormats, shift);
    state.locks = shiftEntries(state.locks, shift);
    state.validations = shiftEntries(state.validations, shift);
    state.highlights = shiftEntries(state.highlights, shift);
    if (state.printSetup !== null) state.printSetup = shiftPrintSetup(state.printSetup, shift);
  }

  private emit(change: CellsChanged): void {
    // A copy, so that a listener may unsubscribe while being notified.
    for (const listener of [...this.listeners]) listener(change);
  }
}

function within(inner: CellRange, outer: CellRange): boolean {
  return (
    inner.top >= outer.top &&
    inner.bottom <= outer.bottom &&
    inner.left >= outer.left &&
    inner.right <= outer.right
  );
}

function isSingleCell(range: CellRange): boolean {
  return range.top === range.bottom && range.left === range.right;
}

/** What no spreadsheet can hold: a formula not starting with '=', or a number that is not finite. */
