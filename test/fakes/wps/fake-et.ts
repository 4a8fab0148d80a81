/**
 * A fake of the WPS 表格 (ET) object model, typed by the adapter's own declarations (src/hosts/wps/et-model.ts),
 * with the quirks of docs/platform.md §2 reproduced so the adapter is tested against them:
 *
 * - every member access crosses a process boundary: method calls and property gets and sets on ET objects are
 *   counted (`calls`), so a test can bound the cost of a plan;
 * - a single cell's `Value2`/`Formula` is a scalar, several cells a 2-D array; `Formula` of a constant is its
 *   text; values are coerced on assignment as ET does ('=…' becomes a formula, '12' a number, '2024-01-05' a
 *   date), and a leading apostrophe keeps text as text;
 * - collections only through `Item()`; `Address()` is a method; colours are BGR integers; enums are numbers;
 * - an unknown member reads as `undefined` and an assignment to one is silently dropped (both recorded in
 *   `unknownMembers`, so a misspelling in the adapter fails a test instead of passing silently);
 * - object-valued members and `Count` are properties in the 'properties' build and zero-argument methods in
 *   the 'methods' build;
 * - SheetChange fires for the add-in's own writes too, with no before/after values and no flag; inserted rows
 *   arrive as a change of whole rows ('$5:$6');
 * - a protected sheet refuses writes to its locked cells and any formatting; merging cells that hold data and
 *   deleting a sheet stop on a dialog unless `DisplayAlerts` is false; a validation cannot be added over one.
 *
 * Plain TypeScript with no Node API, so a browser page can bundle it (see inject.ts).
 */
import { columnIndex, columnLetter, type CellRange, parseA1 } from '../../../src/domain/grid/address';
import type {
  EtApiEvent,
  EtApplication,
  EtBorders,
  EtFont,
  EtFormatCondition,
  EtFormatConditions,
  EtNames,
  EtPageSetup,
  EtProtection,
  EtRange,
  EtSheets,
  EtValidation,
  EtWindow,
  EtWorkbook,
  EtWorkbooks,
  EtWorksheet,
  SheetChangeHandler,
} from '../../../src/hosts/wps/et-model';

export type FakeBuild = 'properties' | 'methods';

export interface FakeEtOptions {
  build?: FakeBuild;
  /** Sheets of the new workbook; one 'Sheet1' by default, as WPS starts. */
  sheets?: string[];
  /** 'sync' fires SheetChange inside the write, as WPS does; 'deferred' holds events until `flushEvents()`. */
  events?: 'sync' | 'deferred';
}

const MAX_ROWS = 1048576;
const MAX_COLS = 16384;
/** ET reads of more cells than this are refused here: a test reading whole rows would be a bug. */
const MAX_READ_CELLS = 2_000_000;

/** Members that are properties in one build and zero-argument methods in the other. */
const TOLERANT_MEMBERS = new Set([
  'ActiveWorkbook',
  'Workbooks',
  'ActiveWindow',
  'ActiveSheet',
  'Selection',
  'Worksheets',
  'Names',
  'Count',
  'UsedRange',
  'Tab',
  'PageSetup',
  'Protection',
  'ProtectContents',
  'Interior',
  'Font',
  'Borders',
  'Validation',
  'FormatConditions',
  'Worksheet',
  'MergeArea',
]);

export type FakeCellValue = string | number | boolean;

export interface FakeCell {
  /** What the cell holds; undefined for a formula (this fake does not calculate). */
  value: FakeCellValue | undefined;
  formula: string | null;
}

export interface FakeValidation {
  range: CellRange;
  type: number;
  alertStyle: number | undefined;
  operator: number | undefined;
  formula1: string | undefined;
  formula2: string | undefined;
  ignoreBlank: boolean;
  inputMessage: string;
  errorMessage: string;
  showInput: boolean;
  showError: boolean;
}

export interface FakeCondition {
  range: CellRange;
  type: number;
  formula1: string | undefined;
  interiorColor: number | null;
  fontColor: number | null;
}

export interface FakeProtection {
  args: unknown[];
  allowFormattingColumns: boolean;
  allowFormattingRows: boolean;
  allowInsertingRows: boolean;
  allowDeletingRows: boolean;
}

export interface FakeSheetModel {
  name: string;
  visible: number;
  tabColor: number | null;
  cells: Map<number, FakeCell>;
  merges: CellRange[];
  /** Formatting as set, in order: 'Font.Bold', 'Interior.Color', 'NumberFormat', … */
  formats: { range: CellRange; member: string; value: unknown }[];
  locks: { range: CellRange; locked: boolean }[];
  validations: FakeValidation[];
  conditions: FakeCondition[];
  columnWidths: Map<number, number>;
  rowHeights: Map<number, number>;
  protection: FakeProtection | null;
  pageSetup: Record<string, unknown>;
  freeze: { rows: number; cols: number } | null;
}

export interface FakeTaskPane {
  id: number;
  url: string;
  visible: boolean;
  dockPosition: number | null;
  width: number | null;
  deleted: boolean;
}

const cellKey = (row: number, col: number): number => row * MAX_COLS + col;
const keyRow = (key: number): number => Math.floor(key / MAX_COLS);
const keyCol = (key: number): number => key % MAX_COLS;

function contains(range: CellRange, row: number, col: number): boolean {
  return row >= range.top && row <= range.bottom && col >= range.left && col <= range.right;
}

function overlaps(a: CellRange, b: CellRange): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

function sameRange(a: CellRange, b: CellRange): boolean {
  return a.top === b.top && a.left === b.left && a.bottom === b.bottom && a.right === b.right;
}

/** 'A1', 'A1:D5', '$A$1', 'A:C', '3:5' -> a range; ET's own parser is as forgiving about '$'. */
export function parseFakeRef(ref: string): CellRange {
  const text = ref.replace(/\$/g, '').trim().toUpperCase();
  const [first, second, extra] = text.split(':');
  if (first === undefined || extra !== undefined) throw new Error(`Range: bad reference ${ref}`);
  const end = second ?? first;
  if (/^[0-9]+$/.test(first) && /^[0-9]+$/.test(end)) {
    const [a, b] = [Number(first) - 1, Number(end) - 1];
    if (a < 0 || b < 0 || a >= MAX_ROWS || b >= MAX_ROWS) throw new Error(`Range: bad rows ${ref}`);
    return { top: Math.min(a, b), bottom: Math.max(a, b), left: 0, right: MAX_COLS - 1 };
  }
  if (/^[A-Z]{1,3}$/.test(first) && /^[A-Z]{1,3}$/.test(end)) {
    const [a, b] = [columnIndex(first), columnIndex(end)];
    return { top: 0, bottom: MAX_ROWS - 1, left: Math.min(a, b), right: Math.max(a, b) };
  }
  let p1;
  let p2;
  try {
    p1 = parseA1(first);
    p2 = parseA1(end);
  } catch {
    throw new Error(`Range: bad reference ${ref}`);
  }
  if (p1.col >= MAX_COLS || p2.col >= MAX_COLS || p1.row >= MAX_ROWS || p2.row >= MAX_ROWS) {
    throw new Error(`Range: outside the sheet ${ref}`);
  }
  return {
    top: Math.min(p1.row, p2.row),
    bottom: Math.max(p1.row, p2.row),
    left: Math.min(p1.col, p2.col),
    right: Math.max(p1.col, p2.col),
  };
}

/** A range as ET's `Address()` gives it: '$A$1', '$A$1:$D$5', '$5:$6', '$B:$C'. */
export function etAddress(range: CellRange): string {
  if (range.left === 0 && range.right === MAX_COLS - 1) return `$${range.top + 1}:$${range.bottom + 1}`;
  if (range.top === 0 && range.bottom === MAX_ROWS - 1) {
    return `$${columnLetter(range.left)}:$${columnLetter(range.right)}`;
  }
  const a = `$${columnLetter(range.left)}$${range.top + 1}`;
  if (range.top === range.bottom && range.left === range.right) return a;
  return `${a}:$${columnLetter(range.right)}$${range.bottom + 1}`;
}

/** A range in plain A1 ('B4:B9', 'A1'). */
function a1Range(range: CellRange): string {
  return etAddress(range).replace(/\$/g, '');
}

/** Days since 1899-12-30, as ET stores dates. */
function dateSerial(year: number, month: number, day: number): number {
  return Math.round((Date.UTC(year, month - 1, day) - Date.UTC(1899, 11, 30)) / 86400000);
}

/** What ET stores for a value assigned through `Value2` or `Formula` (or typed by a person). */
function coerce(input: unknown): FakeCell | null {
  if (input === undefined || input === null || input === '') return null;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw new Error('Value2: not a number ET can hold');
    return { value: input, formula: null };
  }
  if (typeof input === 'boolean') return { value: input, formula: null };
  if (typeof input !== 'string') throw new Error(`Value2: cannot hold a ${typeof input}`);
  if (input.startsWith("'")) return input.length > 1 ? { value: input.slice(1), formula: null } : null;
  if (input.startsWith('=') && input.length > 1) return { value: undefined, formula: input };
  if (input === '=') throw new Error('Formula: the formula contains an error');
  const trimmed = input.trim();
  if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(trimmed)) return { value: Number(trimmed), formula: null };
  if (/^[-+]?(\d+\.?\d*|\.\d+)%$/.test(trimmed))
    return { value: Number(trimmed.slice(0, -1)) / 100, formula: null };
  if (/^(true|false)$/i.test(trimmed)) return { value: trimmed.toUpperCase() === 'TRUE', formula: null };
  const date = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(trimmed);
  if (date !== null) {
    return { value: dateSerial(Number(date[1]), Number(date[2]), Number(date[3])), formula: null };
  }
  if (/^[+\-@]/.test(input)) return { value: undefined, formula: `=${input.replace(/^[+@]/, '')}` };
  return { value: input, formula: null };
}

function formulaText(cell: FakeCell | undefined): string {
  if (cell === undefined) return '';
  if (cell.formula !== null) return cell.formula;
  if (typeof cell.value === 'boolean') return cell.value ? 'TRUE' : 'FALSE';
  return cell.value === undefined ? '' : String(cell.value);
}

function newSheetModel(name: string): FakeSheetModel {
  return {
    name,
    visible: -1,
    tabColor: null,
    cells: new Map(),
    merges: [],
    formats: [],
    locks: [],
    validations: [],
    conditions: [],
    columnWidths: new Map(),
    rowHeights: new Map(),
    protection: null,
    pageSetup: {},
    freeze: null,
  };
}

/** Call counts, by 'Type.Member'. */
export class CallCounter {
  total = 0;
  readonly byMember = new Map<string, number>();

  count(member: string): void {
    this.total += 1;
    this.byMember.set(member, (this.byMember.get(member) ?? 0) + 1);
  }

  reset(): void {
    this.total = 0;
    this.byMember.clear();
  }

  of(member: string): number {
    return this.byMember.get(member) ?? 0;
  }
}

type Handler = SheetChangeHandler;

/** Shared state of one fake WPS process. */
class FakeProcess {
  readonly calls = new CallCounter();
  readonly unknownMembers: string[] = [];
  readonly sheets: FakeSheetModel[] = [];
  readonly names = new Map<string, { name: string; refersTo: string }>();
  readonly handlers = new Set<Handler>();
  readonly otherHandlers = new Map<string, Set<(...args: unknown[]) => void>>();
  readonly pendingEvents: (() => void)[] = [];
  readonly taskPanes: FakeTaskPane[] = [];
  readonly storage = new Map<string, string>();
  readonly addedWorkbooks: FakeEt[] = [];
  active: FakeSheetModel | null = null;
  selection: { sheet: FakeSheetModel; range: CellRange } | null = null;
  displayAlerts = true;
  window = { FreezePanes: false, SplitRow: 0, SplitColumn: 0, ScrollRow: 1, ScrollColumn: 1 };
  private nextSheetNumber = 1;

  constructor(
    readonly build: FakeBuild,
    readonly eventMode: 'sync' | 'deferred',
  ) {}

  /** Wraps an implementation object so that every ET member access is counted and unknown members are quiet. */
  /** The implementation behind each wrapped object, so the fake itself can look through without counting. */
  readonly targets = new WeakMap<object, object>();

  wrap<T extends object>(target: object, type: string): T {
    const calls = this.calls;
    const unknownMembers = this.unknownMembers;
    const build = this.build;
    const proxy = new Proxy(target, {
      get(obj, key) {
        if (typeof key === 'symbol' || !/^[A-Z]/.test(key)) return undefined;
        const found = findDescriptor(obj, key);
        const member = `${type}.${key}`;
        if (found === undefined) {
          calls.count(member);
          unknownMembers.push(`get ${member}`);
          return undefined;
        }
        if (typeof found.value === 'function') {
          const method = found.value as (...args: unknown[]) => unknown;
          return (...args: unknown[]) => {
            calls.count(member);
            return method.apply(obj, args);
          };
        }
        const read = () => (found.get === undefined ? found.value : found.get.call(obj));
        if (TOLERANT_MEMBERS.has(key) && build === 'methods') {
          return () => {
            calls.count(member);
            return read();
          };
        }
        calls.count(member);
        return read();
      },
      set(obj, key, value) {
        if (typeof key === 'symbol') return true;
        const member = `${type}.${key}`;
        calls.count(member);
        const found = findDescriptor(obj, key);
        if (found?.set === undefined) {
          // ET drops an assignment to a member it does not have, or to a read-only one, without a word.
          unknownMembers.push(`set ${member}`);
          return true;
        }
        found.set.call(obj, value);
        return true;
      },
      has(obj, key) {
        return typeof key === 'string' && /^[A-Z]/.test(key) && findDescriptor(obj, key) !== undefined;
      },
    });
    this.targets.set(proxy, target);
    return proxy as T;
  }

  findSheet(name: string): FakeSheetModel | undefined {
    const wanted = name.toUpperCase();
    return this.sheets.find((s) => s.name.toUpperCase() === wanted);
  }

  addSheet(name?: string, position?: number): FakeSheetModel {
    let sheetName = name;
    while (sheetName === undefined || this.findSheet(sheetName) !== undefined) {
      sheetName = `Sheet${this.nextSheetNumber}`;
      this.nextSheetNumber += 1;
    }
    const model = newSheetModel(sheetName);
    this.sheets.splice(position ?? this.sheets.length, 0, model);
    return model;
  }

  visibleCount(): number {
    return this.sheets.filter((s) => s.visible === -1).length;
  }

  fireChange(sheet: FakeSheetModel, range: CellRange): void {
    if (this.handlers.size === 0) return;
    const fire = () => {
      for (const handler of [...this.handlers]) {
        handler(
          this.wrap<EtWorksheet>(new FakeWorksheet(this, sheet), 'Worksheet'),
          this.rangeOf(sheet, range),
        );
      }
    };
    if (this.eventMode === 'sync') fire();
    else this.pendingEvents.push(fire);
  }

  rangeOf(sheet: FakeSheetModel, range: CellRange): EtRange {
    return this.wrap<EtRange>(new FakeRange(this, sheet, range), 'Range');
  }

  lockedAt(sheet: FakeSheetModel, row: number, col: number): boolean {
    let locked = true;
    for (const entry of sheet.locks) if (contains(entry.range, row, col)) locked = entry.locked;
    return locked;
  }

  /** A protected sheet refuses any write from the add-in to a locked cell, and every format change. */
  guardProtected(sheet: FakeSheetModel, range: CellRange, kind: 'values' | 'format'): void {
    if (sheet.protection === null) return;
    if (kind === 'format') throw new Error(`the sheet '${sheet.name}' is protected`);
    for (let row = range.top; row <= range.bottom; row += 1) {
      for (let col = range.left; col <= range.right; col += 1) {
        if (this.lockedAt(sheet, row, col)) throw new Error(`the cell is protected: ${sheet.name}`);
      }
    }
  }
}

function findDescriptor(obj: object, key: string): PropertyDescriptor | undefined {
  for (let proto: object | null = obj; proto !== null && proto !== Object.prototype;) {
    const found = Object.getOwnPropertyDescriptor(proto, key);
    if (found !== undefined) return found;
    proto = Object.getPrototypeOf(proto) as object | null;
  }
  return undefined;
}

// ---------------------------------------------------------------- ET objects

class FakeColored {
  constructor(
    protected readonly process: FakeProcess,
    private readonly onSet: (color: number) => void,
    private readonly onGet: () => number | null,
  ) {}

  get Color(): number | null {
    return this.onGet();
  }

  set Color(color: number) {
    if (!Number.isInteger(color) || color < 0 || color > 0xffffff)
      throw new Error(`Color: not a BGR integer ${color}`);
    this.onSet(color);
  }
}

/** Font, Interior and Borders of a range: each assignment is recorded as a format of the range. */
class FakeFormatPart {
  constructor(
    private readonly range: FakeRange,
    private readonly part: string,
  ) {}

  private put(member: string, value: unknown): void {
    this.range.format(`${this.part}.${member}`, value);
  }

  private get_(member: string): unknown {
    return this.range.formatValue(`${this.part}.${member}`);
  }

  get Color(): unknown {
    return this.get_('Color');
  }
  set Color(value: number) {
    if (!Number.isInteger(value) || value < 0 || value > 0xffffff)
      throw new Error(`Color: not a BGR integer ${value}`);
    this.put('Color', value);
  }
  get Name(): unknown {
    return this.part === 'Font' ? this.get_('Name') : undefined;
  }
  set Name(value: string) {
    if (typeof value !== 'string' || value === '')
      throw new Error(`Font.Name: not a font name ${String(value)}`);
    this.put('Name', value);
  }
  get Bold(): unknown {
    return this.part === 'Font' ? this.get_('Bold') : undefined;
  }
  set Bold(value: boolean) {
    this.put('Bold', value);
  }
  get Size(): unknown {
    return this.get_('Size');
  }
  set Size(value: number) {
    this.put('Size', value);
  }
  get LineStyle(): unknown {
    return this.get_('LineStyle');
  }
  set LineStyle(value: number) {
    this.put('LineStyle', value);
  }
  get Weight(): unknown {
    return this.get_('Weight');
  }
  set Weight(value: number) {
    this.put('Weight', value);
  }
}

class FakeValidationObject {
  constructor(
    private readonly process: FakeProcess,
    private readonly sheet: FakeSheetModel,
    private readonly range: CellRange,
  ) {}

  private rule(): FakeValidation | undefined {
    return this.sheet.validations.find((v) => sameRange(v.range, this.range));
  }

  Add(type: number, alertStyle?: number, operator?: number, formula1?: string, formula2?: string): void {
    this.process.guardProtected(this.sheet, this.range, 'format');
    if (this.sheet.validations.some((v) => overlaps(v.range, this.range))) {
      throw new Error('Validation.Add: the cells already have a validation; Delete it first');
    }
    if (typeof type !== 'number') throw new Error('Validation.Add: Type must be a number');
    if ((type === 3 || type === 7) && (formula1 === undefined || formula1 === '')) {
      throw new Error('Validation.Add: Formula1 is required');
    }
    this.sheet.validations.push({
      range: this.range,
      type,
      alertStyle,
      operator,
      formula1,
      formula2,
      ignoreBlank: true,
      inputMessage: '',
      errorMessage: '',
      showInput: true,
      showError: true,
    });
  }

  Delete(): void {
    this.process.guardProtected(this.sheet, this.range, 'format');
    this.sheet.validations = this.sheet.validations.filter((v) => !overlaps(v.range, this.range));
  }

  private set<K extends keyof FakeValidation>(key: K, value: FakeValidation[K]): void {
    const rule = this.rule();
    if (rule === undefined) throw new Error('Validation: the cells have no validation');
    rule[key] = value;
  }

  get Type(): number | undefined {
    return this.rule()?.type;
  }
  get Formula1(): string | undefined {
    return this.rule()?.formula1;
  }
  get IgnoreBlank(): boolean | undefined {
    return this.rule()?.ignoreBlank;
  }
  set IgnoreBlank(value: boolean) {
    this.set('ignoreBlank', value);
  }
  get InputMessage(): string | undefined {
    return this.rule()?.inputMessage;
  }
  set InputMessage(value: string) {
    this.set('inputMessage', value);
  }
  get ErrorMessage(): string | undefined {
    return this.rule()?.errorMessage;
  }
  set ErrorMessage(value: string) {
    this.set('errorMessage', value);
  }
  get ShowInput(): boolean | undefined {
    return this.rule()?.showInput;
  }
  set ShowInput(value: boolean) {
    this.set('showInput', value);
  }
  get ShowError(): boolean | undefined {
    return this.rule()?.showError;
  }
  set ShowError(value: boolean) {
    this.set('showError', value);
  }
}

class FakeFormatCondition {
  constructor(
    private readonly process: FakeProcess,
    private readonly condition: FakeCondition,
  ) {}

  get Interior(): unknown {
    return this.process.wrap(
      new FakeColored(
        this.process,
        (c) => (this.condition.interiorColor = c),
        () => this.condition.interiorColor,
      ),
      'Interior',
    );
  }

  get Font(): unknown {
    return this.process.wrap(
      new FakeColored(
        this.process,
        (c) => (this.condition.fontColor = c),
        () => this.condition.fontColor,
      ),
      'Font',
    );
  }
}

class FakeFormatConditions {
  constructor(
    private readonly process: FakeProcess,
    private readonly sheet: FakeSheetModel,
    private readonly range: CellRange,
  ) {}

  Add(type: number, _operator?: unknown, formula1?: string): unknown {
    this.process.guardProtected(this.sheet, this.range, 'format');
    if (type !== 2) throw new Error('FormatConditions.Add: this fake knows only xlExpression (2)');
    if (typeof formula1 !== 'string' || !formula1.startsWith('='))
      throw new Error('FormatConditions.Add: bad formula');
    const condition: FakeCondition = {
      range: this.range,
      type,
      formula1,
      interiorColor: null,
      fontColor: null,
    };
    this.sheet.conditions.push(condition);
    return this.process.wrap(new FakeFormatCondition(this.process, condition), 'FormatCondition');
  }

  get Count(): number {
    return this.sheet.conditions.filter((c) => overlaps(c.range, this.range)).length;
  }
}

export class FakeRange {
  constructor(
    private readonly process: FakeProcess,
    readonly sheet: FakeSheetModel,
    readonly range: CellRange,
  ) {}

  private cellCount(): number {
    return (this.range.bottom - this.range.top + 1) * (this.range.right - this.range.left + 1);
  }

  private isSingle(): boolean {
    return this.cellCount() === 1;
  }

  format(member: string, value: unknown): void {
    this.process.guardProtected(this.sheet, this.range, 'format');
    this.sheet.formats.push({ range: this.range, member, value });
  }

  formatValue(member: string): unknown {
    let found: unknown = undefined;
    for (const f of this.sheet.formats) {
      if (f.member === member && contains(f.range, this.range.top, this.range.left)) found = f.value;
    }
    return found;
  }

  private grid(read: (cell: FakeCell | undefined) => unknown): unknown {
    if (this.cellCount() > MAX_READ_CELLS) throw new Error('Range: too many cells to read at once');
    if (this.isSingle()) return read(this.sheet.cells.get(cellKey(this.range.top, this.range.left)));
    const rows: unknown[][] = [];
    for (let row = this.range.top; row <= this.range.bottom; row += 1) {
      const out: unknown[] = [];
      for (let col = this.range.left; col <= this.range.right; col += 1) {
        out.push(read(this.sheet.cells.get(cellKey(row, col))));
      }
      rows.push(out);
    }
    return rows;
  }

  private assign(input: unknown): void {
    this.process.guardProtected(this.sheet, this.range, 'values');
    if (this.cellCount() > MAX_READ_CELLS) throw new Error('Range: too many cells to write at once');
    let grid: unknown[][] | null = null;
    if (Array.isArray(input))
      grid = input.length > 0 && !Array.isArray(input[0]) ? [input] : (input as unknown[][]);
    for (let row = this.range.top; row <= this.range.bottom; row += 1) {
      for (let col = this.range.left; col <= this.range.right; col += 1) {
        let value: unknown = input;
        if (grid !== null) {
          const source = grid[row - this.range.top];
          // Like ET: cells beyond the array's size show #N/A.
          value =
            source === undefined || col - this.range.left >= source.length
              ? '#N/A'
              : source[col - this.range.left];
        }
        const cell = coerce(value);
        if (cell === null) this.sheet.cells.delete(cellKey(row, col));
        else this.sheet.cells.set(cellKey(row, col), cell);
      }
    }
    this.process.fireChange(this.sheet, this.range);
  }

  Address(): string {
    return etAddress(this.range);
  }

  get Value2(): unknown {
    return this.grid((cell) => cell?.value);
  }
  set Value2(value: unknown) {
    this.assign(value);
  }

  get Formula(): unknown {
    return this.grid(formulaText);
  }
  set Formula(value: unknown) {
    this.assign(value);
  }

  get NumberFormat(): unknown {
    return this.formatValue('NumberFormat') ?? 'General';
  }
  set NumberFormat(value: string) {
    if (typeof value !== 'string') throw new Error('NumberFormat: must be text');
    this.format('NumberFormat', value);
  }

  get HorizontalAlignment(): unknown {
    return this.formatValue('HorizontalAlignment') ?? 1;
  }
  set HorizontalAlignment(value: number) {
    if (![-4131, -4108, -4152, 1].includes(value)) throw new Error(`HorizontalAlignment: bad value ${value}`);
    this.format('HorizontalAlignment', value);
  }

  get VerticalAlignment(): unknown {
    return this.formatValue('VerticalAlignment') ?? -4107;
  }
  set VerticalAlignment(value: number) {
    if (![-4160, -4108, -4107].includes(value)) throw new Error(`VerticalAlignment: bad value ${value}`);
    this.format('VerticalAlignment', value);
  }

  get WrapText(): unknown {
    return this.formatValue('WrapText') ?? false;
  }
  set WrapText(value: boolean) {
    this.format('WrapText', value);
  }

  get Locked(): boolean {
    return this.process.lockedAt(this.sheet, this.range.top, this.range.left);
  }
  set Locked(value: boolean) {
    this.process.guardProtected(this.sheet, this.range, 'format');
    this.sheet.locks.push({ range: this.range, locked: value });
  }

  get ColumnWidth(): number | undefined {
    return this.sheet.columnWidths.get(this.range.left);
  }
  set ColumnWidth(value: number) {
    this.process.guardProtected(this.sheet, this.range, 'format');
    if (this.range.right - this.range.left > 1000)
      throw new Error('ColumnWidth: refusing a width for so many columns');
    for (let col = this.range.left; col <= this.range.right; col += 1)
      this.sheet.columnWidths.set(col, value);
  }

  get RowHeight(): number | undefined {
    return this.sheet.rowHeights.get(this.range.top);
  }
  set RowHeight(value: number) {
    this.process.guardProtected(this.sheet, this.range, 'format');
    if (this.range.bottom - this.range.top > 1000)
      throw new Error('RowHeight: refusing a height for so many rows');
    for (let row = this.range.top; row <= this.range.bottom; row += 1) this.sheet.rowHeights.set(row, value);
  }

  get Interior(): unknown {
    return this.process.wrap(new FakeFormatPart(this, 'Interior'), 'Interior');
  }
  get Font(): unknown {
    return this.process.wrap(new FakeFormatPart(this, 'Font'), 'Font');
  }
  get Borders(): unknown {
    return this.process.wrap(new FakeFormatPart(this, 'Borders'), 'Borders');
  }
  get Validation(): unknown {
    return this.process.wrap(new FakeValidationObject(this.process, this.sheet, this.range), 'Validation');
  }
  get FormatConditions(): unknown {
    return this.process.wrap(
      new FakeFormatConditions(this.process, this.sheet, this.range),
      'FormatConditions',
    );
  }
  get Worksheet(): unknown {
    return this.process.wrap(new FakeWorksheet(this.process, this.sheet), 'Worksheet');
  }

  /** True when every cell is in a merged range, false when none is, null when some are (as ET answers). */
  get MergeCells(): boolean | null {
    const r = this.range;
    let merged = 0;
    for (let row = r.top; row <= r.bottom; row += 1) {
      for (let col = r.left; col <= r.right; col += 1) {
        if (this.sheet.merges.some((m) => contains(m, row, col))) merged += 1;
      }
    }
    if (merged === 0) return false;
    return merged === this.cellCount() ? true : null;
  }

  /** Of a single cell: the merged range holding it, else the cell; ET answers for the first cell of a range. */
  get MergeArea(): unknown {
    const { top, left } = this.range;
    const merge = this.sheet.merges.find((m) => contains(m, top, left));
    const area = merge ?? { top, left, bottom: top, right: left };
    return this.process.wrap(new FakeRange(this.process, this.sheet, area), 'Range');
  }

  Merge(): void {
    this.process.guardProtected(this.sheet, this.range, 'format');
    const holding = [...this.sheet.cells.keys()].filter((k) => contains(this.range, keyRow(k), keyCol(k)));
    if (holding.length > 1 && this.process.displayAlerts) {
      throw new Error('Merge: a dialog asks whether to keep only the upper-left value');
    }
    for (const key of holding) {
      if (keyRow(key) !== this.range.top || keyCol(key) !== this.range.left) this.sheet.cells.delete(key);
    }
    this.sheet.merges = this.sheet.merges.filter((m) => !overlaps(m, this.range));
    this.sheet.merges.push(this.range);
  }

  Select(): void {
    if (this.process.active !== this.sheet) throw new Error('Range.Select: the sheet is not active');
    this.process.selection = { sheet: this.sheet, range: this.range };
  }
}

class FakePageSetup {
  constructor(private readonly sheet: FakeSheetModel) {}

  private put(key: string, value: unknown): void {
    this.sheet.pageSetup[key] = value;
  }

  get Orientation(): unknown {
    return this.sheet.pageSetup.Orientation ?? 1;
  }
  set Orientation(value: number) {
    if (value !== 1 && value !== 2) throw new Error(`Orientation: bad value ${value}`);
    this.put('Orientation', value);
  }
  get Zoom(): unknown {
    return this.sheet.pageSetup.Zoom ?? 100;
  }
  set Zoom(value: number | false) {
    this.put('Zoom', value);
  }
  get FitToPagesWide(): unknown {
    return this.sheet.pageSetup.FitToPagesWide ?? 1;
  }
  set FitToPagesWide(value: number | false) {
    this.put('FitToPagesWide', value);
  }
  get FitToPagesTall(): unknown {
    return this.sheet.pageSetup.FitToPagesTall ?? 1;
  }
  set FitToPagesTall(value: number | false) {
    this.put('FitToPagesTall', value);
  }
  get PrintArea(): unknown {
    return this.sheet.pageSetup.PrintArea ?? '';
  }
  set PrintArea(value: string) {
    parseFakeRef(value);
    this.put('PrintArea', value);
  }
  get PrintTitleRows(): unknown {
    return this.sheet.pageSetup.PrintTitleRows ?? '';
  }
  /** Whole rows (`$5:$6`), as WPS and Excel name print titles; '' turns them off. */
  set PrintTitleRows(value: string) {
    if (value !== '' && !/^\$?\d+:\$?\d+$/.test(value)) {
      throw new Error(`PrintTitleRows: not whole rows: ${value}`);
    }
    this.put('PrintTitleRows', value);
  }
}

class FakeProtectionObject {
  constructor(private readonly sheet: FakeSheetModel) {}
  get AllowFormattingColumns(): boolean {
    return this.sheet.protection?.allowFormattingColumns ?? false;
  }
  get AllowFormattingRows(): boolean {
    return this.sheet.protection?.allowFormattingRows ?? false;
  }
  get AllowInsertingRows(): boolean {
    return this.sheet.protection?.allowInsertingRows ?? false;
  }
  get AllowDeletingRows(): boolean {
    return this.sheet.protection?.allowDeletingRows ?? false;
  }
}

export class FakeWorksheet {
  constructor(
    private readonly process: FakeProcess,
    readonly model: FakeSheetModel,
  ) {}

  private alive(): FakeSheetModel {
    if (!this.process.sheets.includes(this.model)) throw new Error('Worksheet: the sheet was deleted');
    return this.model;
  }

  get Name(): string {
    return this.alive().name;
  }
  set Name(name: string) {
    const sheet = this.alive();
    if (typeof name !== 'string' || name.length === 0 || name.length > 31 || /[[\]:*?/\\]/.test(name)) {
      throw new Error(`Name: invalid sheet name ${String(name)}`);
    }
    const other = this.process.findSheet(name);
    if (other !== undefined && other !== sheet) throw new Error(`Name: a sheet named ${name} exists`);
    sheet.name = name;
  }

  get Visible(): number {
    return this.alive().visible;
  }
  set Visible(value: number | boolean) {
    const sheet = this.alive();
    const visible = value === true ? -1 : value === false ? 0 : value;
    if (visible !== -1 && visible !== 0 && visible !== 2)
      throw new Error(`Visible: bad value ${String(value)}`);
    if (visible !== -1 && sheet.visible === -1 && this.process.visibleCount() === 1) {
      throw new Error('Visible: a workbook must keep one visible sheet');
    }
    sheet.visible = visible;
    if (visible !== -1 && this.process.active === sheet) {
      this.process.active = this.process.sheets.find((s) => s.visible === -1) ?? null;
    }
  }

  get Index(): number {
    return this.process.sheets.indexOf(this.alive()) + 1;
  }

  Range(ref: string): unknown {
    if (typeof ref !== 'string') throw new Error('Range: the reference must be text');
    return this.process.rangeOf(this.alive(), parseFakeRef(ref));
  }

  get UsedRange(): unknown {
    const sheet = this.alive();
    if (sheet.cells.size === 0) return this.process.rangeOf(sheet, { top: 0, left: 0, bottom: 0, right: 0 });
    let [top, left, bottom, right] = [MAX_ROWS, MAX_COLS, 0, 0];
    for (const key of sheet.cells.keys()) {
      top = Math.min(top, keyRow(key));
      bottom = Math.max(bottom, keyRow(key));
      left = Math.min(left, keyCol(key));
      right = Math.max(right, keyCol(key));
    }
    return this.process.rangeOf(sheet, { top, left, bottom, right });
  }

  get Tab(): unknown {
    const sheet = this.alive();
    return this.process.wrap(
      new FakeColored(
        this.process,
        (c) => (sheet.tabColor = c),
        () => sheet.tabColor,
      ),
      'Tab',
    );
  }

  get PageSetup(): unknown {
    return this.process.wrap(new FakePageSetup(this.alive()), 'PageSetup');
  }

  get Protection(): unknown {
    return this.process.wrap(new FakeProtectionObject(this.alive()), 'Protection');
  }

  get ProtectContents(): boolean {
    return this.alive().protection !== null;
  }

  Protect(...args: unknown[]): void {
    const sheet = this.alive();
    if (sheet.protection !== null) throw new Error('Protect: the sheet is already protected');
    sheet.protection = {
      args,
      allowFormattingColumns: args[6] === true,
      allowFormattingRows: args[7] === true,
      allowInsertingRows: args[9] === true,
      allowDeletingRows: args[12] === true,
    };
  }

  Unprotect(): void {
    this.alive().protection = null;
  }

  Activate(): void {
    const sheet = this.alive();
    if (sheet.visible !== -1) throw new Error('Activate: a hidden sheet cannot be activated');
    this.process.active = sheet;
  }

  Delete(): void {
    const sheet = this.alive();
    if (this.process.displayAlerts) throw new Error('Delete: a dialog asks to confirm the deletion');
    if (sheet.visible === -1 && this.process.visibleCount() === 1)
      throw new Error('Delete: the last visible sheet');
    this.process.sheets.splice(this.process.sheets.indexOf(sheet), 1);
    if (this.process.active === sheet)
      this.process.active = this.process.sheets.find((s) => s.visible === -1) ?? null;
  }
}

class FakeSheets {
  constructor(private readonly process: FakeProcess) {}

  get Count(): number {
    return this.process.sheets.length;
  }

  Item(index: string | number): unknown {
    const model =
      typeof index === 'number' ? this.process.sheets[index - 1] : this.process.findSheet(String(index));
    if (model === undefined) throw new Error(`Worksheets.Item: subscript out of range (${String(index)})`);
    return this.process.wrap(new FakeWorksheet(this.process, model), 'Worksheet');
  }

  Add(before?: unknown, after?: unknown): unknown {
    const position = (ref: unknown, offset: number): number | undefined => {
      if (ref === undefined || ref === null) return undefined;
      const target = typeof ref === 'object' ? this.process.targets.get(ref) : undefined;
      const model = target instanceof FakeWorksheet ? target.model : undefined;
      if (model === undefined || !this.process.sheets.includes(model)) {
        throw new Error('Worksheets.Add: Before/After is not a sheet of this workbook');
      }
      return this.process.sheets.indexOf(model) + offset;
    };
    const active = this.process.active === null ? 0 : this.process.sheets.indexOf(this.process.active);
    const at = position(before, 0) ?? position(after, 1) ?? active;
    const model = this.process.addSheet(undefined, at);
    this.process.active = model;
    return this.process.wrap(new FakeWorksheet(this.process, model), 'Worksheet');
  }
}

class FakeNames {
  constructor(private readonly process: FakeProcess) {}

  Add(name: string, refersTo: string): unknown {
    if (typeof name !== 'string' || typeof refersTo !== 'string' || !refersTo.startsWith('=')) {
      throw new Error('Names.Add: Name and RefersTo are required');
    }
    this.process.names.set(name.toUpperCase(), { name, refersTo });
    return undefined;
  }

  get Count(): number {
    return this.process.names.size;
  }
}

class FakeWorkbook {
  constructor(private readonly process: FakeProcess) {}

  get Worksheets(): unknown {
    return this.process.wrap(new FakeSheets(this.process), 'Worksheets');
  }

  get Names(): unknown {
    return this.process.wrap(new FakeNames(this.process), 'Names');
  }

  get ActiveSheet(): unknown {
    const active = this.process.active;
    return active === null ? null : this.process.wrap(new FakeWorksheet(this.process, active), 'Worksheet');
  }
}

class FakeWindow {
  constructor(private readonly process: FakeProcess) {}

  private set(key: keyof FakeProcess['window'], value: number | boolean): void {
    (this.process.window as Record<string, number | boolean>)[key] = value;
    const active = this.process.active;
    if (key === 'FreezePanes' && active !== null) {
      active.freeze =
        value === true ? { rows: this.process.window.SplitRow, cols: this.process.window.SplitColumn } : null;
    }
  }

  get FreezePanes(): boolean {
    return this.process.active?.freeze !== null && this.process.active?.freeze !== undefined;
  }
  set FreezePanes(value: boolean) {
    this.set('FreezePanes', value);
  }
  get SplitRow(): number {
    return this.process.window.SplitRow;
  }
  set SplitRow(value: number) {
    this.set('SplitRow', value);
  }
  get SplitColumn(): number {
    return this.process.window.SplitColumn;
  }
  set SplitColumn(value: number) {
    this.set('SplitColumn', value);
  }
  get ScrollRow(): number {
    return this.process.window.ScrollRow;
  }
  set ScrollRow(value: number) {
    this.set('ScrollRow', value);
  }
  get ScrollColumn(): number {
    return this.process.window.ScrollColumn;
  }
  set ScrollColumn(value: number) {
    this.set('ScrollColumn', value);
  }
}

class FakeApiEvent {
  constructor(private readonly process: FakeProcess) {}

  AddApiEventListener(event: string, handler: unknown): void {
    if (typeof handler !== 'function') throw new Error('AddApiEventListener: the handler must be a function');
    if (event === 'SheetChange') this.process.handlers.add(handler as Handler);
    else {
      const set = this.process.otherHandlers.get(event) ?? new Set();
      set.add(handler as (...args: unknown[]) => void);
      this.process.otherHandlers.set(event, set);
    }
  }

  RemoveApiEventListener(event: string, handler: unknown): void {
    if (event === 'SheetChange') this.process.handlers.delete(handler as Handler);
  }
}

/**
 * `Application.Workbooks`: `Add()` makes a new workbook with one sheet, as WPS does, each a fake of its own
 * (its sheets and calls apart), kept in `FakeEt.addedWorkbooks` for the test to look into. Unlike WPS, the
 * first workbook stays the active one.
 */
class FakeWorkbooks {
  constructor(private readonly process: FakeProcess) {}

  Add(): unknown {
    const added = new FakeEt({ build: this.process.build, events: this.process.eventMode });
    this.process.addedWorkbooks.push(added);
    // The new fake's workbook object, however its build exposes ActiveWorkbook.
    const workbook: unknown = added.application.ActiveWorkbook;
    return typeof workbook === 'function' ? (workbook as () => unknown)() : workbook;
  }
}

class FakeApplication {
  constructor(private readonly process: FakeProcess) {}

  get ActiveWorkbook(): unknown {
    return this.process.wrap(new FakeWorkbook(this.process), 'Workbook');
  }

  get Workbooks(): unknown {
    return this.process.wrap(new FakeWorkbooks(this.process), 'Workbooks');
  }

  get ActiveSheet(): unknown {
    const active = this.process.active;
    return active === null ? null : this.process.wrap(new FakeWorksheet(this.process, active), 'Worksheet');
  }

  get ActiveWindow(): unknown {
    return this.process.wrap(new FakeWindow(this.process), 'Window');
  }

  get Selection(): unknown {
    const selection = this.process.selection;
    if (selection !== null && this.process.sheets.includes(selection.sheet)) {
      return this.process.rangeOf(selection.sheet, selection.range);
    }
    const active = this.process.active;
    return active === null ? null : this.process.rangeOf(active, { top: 0, left: 0, bottom: 0, right: 0 });
  }

  get DisplayAlerts(): boolean {
    return this.process.displayAlerts;
  }
  set DisplayAlerts(value: boolean) {
    this.process.displayAlerts = value !== false;
  }

  get ApiEvent(): unknown {
    return this.process.wrap(new FakeApiEvent(this.process), 'ApiEvent');
  }
}

// ---------------------------------------------------------------- the add-in root (`wps`)

class FakeTaskPaneObject {
  constructor(private readonly pane: FakeTaskPane) {}
  get ID(): number {
    return this.pane.id;
  }
  get Visible(): boolean {
    return this.pane.visible;
  }
  set Visible(value: boolean) {
    this.pane.visible = value;
  }
  get DockPosition(): number | null {
    return this.pane.dockPosition;
  }
  set DockPosition(value: number) {
    this.pane.dockPosition = value;
  }
  get Width(): number | null {
    return this.pane.width;
  }
  set Width(value: number) {
    this.pane.width = value;
  }
  Navigate(url: string): void {
    this.pane.url = url;
  }
  Delete(): void {
    this.pane.deleted = true;
    this.pane.visible = false;
  }
}

/** `wps.PluginStorage`: localStorage-shaped, in memory, one per add-in. */
export interface FakePluginStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

// ---------------------------------------------------------------- the fake

export class FakeEt {
  /** The ET `Application`, as WPS injects it. */
  readonly application: EtApplication;
  /** The add-in root `wps`: the Application's members plus task panes and PluginStorage. */
  readonly wps: EtApplication & Record<string, unknown>;
  readonly pluginStorage: FakePluginStorage;
  private readonly process: FakeProcess;

  constructor(options: FakeEtOptions = {}) {
    this.process = new FakeProcess(options.build ?? 'properties', options.events ?? 'sync');
    for (const name of options.sheets ?? ['Sheet1']) this.process.addSheet(name);
    this.process.active = this.process.sheets[0] ?? null;
    this.application = this.process.wrap<EtApplication>(new FakeApplication(this.process), 'Application');
    const storage = this.process.storage;
    this.pluginStorage = {
      getItem: (key) => storage.get(String(key)) ?? null,
      setItem: (key, value) => void storage.set(String(key), String(value)),
      removeItem: (key) => void storage.delete(String(key)),
    };
    this.wps = this.addinRoot();
  }

  get build(): FakeBuild {
    return this.process.build;
  }

  /** Calls across the process boundary so far. */
  get calls(): CallCounter {
    return this.process.calls;
  }

  /** Members the caller used that ET does not have ('get Range.Valu2'). */
  get unknownMembers(): readonly string[] {
    return this.process.unknownMembers;
  }

  /** The workbooks `Application.Workbooks.Add()` made, in order. */
  get addedWorkbooks(): readonly FakeEt[] {
    return this.process.addedWorkbooks;
  }

  get taskPanes(): readonly FakeTaskPane[] {
    return this.process.taskPanes;
  }

  get listenerCount(): number {
    return this.process.handlers.size;
  }

  // ------------------------------------------------------------ a person at the keyboard

  /**
   * Typing or pasting `values` at `topLeft` ('=…' becomes a formula, numbers stay numbers, '' clears). Refused
   * on locked cells of a protected sheet. Fires one SheetChange for the covered range.
   */
  typeAsUser(sheet: string, topLeft: string, values: (string | number | boolean | null)[][]): void {
    const model = this.sheetModel(sheet);
    const start = parseFakeRef(topLeft);
    const width = values.reduce((w, row) => Math.max(w, row.length), 0);
    if (values.length === 0 || width === 0) return;
    const range: CellRange = {
      top: start.top,
      left: start.left,
      bottom: start.top + values.length - 1,
      right: start.left + width - 1,
    };
    if (model.protection !== null) {
      values.forEach((row, r) =>
        row.forEach((_v, c) => {
          if (this.process.lockedAt(model, range.top + r, range.left + c)) {
            throw new Error(`the cell is protected: ${model.name}`);
          }
        }),
      );
    }
    values.forEach((row, r) =>
      row.forEach((value, c) => {
        const cell = coerce(value);
        const key = cellKey(range.top + r, range.left + c);
        if (cell === null) model.cells.delete(key);
        else model.cells.set(key, cell);
      }),
    );
    this.process.fireChange(model, range);
  }

  /** Inserting rows before the 0-based `beforeRow`: WPS reports it as a change of the new whole rows. */
  insertRowsAsUser(sheet: string, beforeRow: number, count: number): void {
    const model = this.sheetModel(sheet);
    if (model.protection !== null && !model.protection.allowInsertingRows) {
      throw new Error(`the sheet is protected: ${model.name}`);
    }
    const moved = new Map<number, FakeCell>();
    for (const [key, cell] of model.cells) {
      const row = keyRow(key);
      moved.set(cellKey(row >= beforeRow ? row + count : row, keyCol(key)), cell);
    }
    model.cells = moved;
    const shift = (range: CellRange): CellRange => {
      if (range.top >= beforeRow) return { ...range, top: range.top + count, bottom: range.bottom + count };
      if (range.bottom >= beforeRow) return { ...range, bottom: range.bottom + count };
      return range;
    };
    model.locks = model.locks.map((l) => ({ ...l, range: shift(l.range) }));
    model.validations = model.validations.map((v) => ({ ...v, range: shift(v.range) }));
    model.conditions = model.conditions.map((c) => ({ ...c, range: shift(c.range) }));
    model.formats = model.formats.map((f) => ({ ...f, range: shift(f.range) }));
    model.merges = model.merges.map(shift);
    this.process.fireChange(model, {
      top: beforeRow,
      bottom: beforeRow + count - 1,
      left: 0,
      right: MAX_COLS - 1,
    });
  }

  /** Deleting rows from the 0-based `row`: WPS reports it as a change of whole rows where they were. */
  deleteRowsAsUser(sheet: string, row: number, count: number): void {
    const model = this.sheetModel(sheet);
    if (model.protection !== null && !model.protection.allowDeletingRows) {
      throw new Error(`the sheet is protected: ${model.name}`);
    }
    const last = row + count - 1;
    const moved = new Map<number, FakeCell>();
    for (const [key, cell] of model.cells) {
      const r = keyRow(key);
      if (r >= row && r <= last) continue;
      moved.set(cellKey(r > last ? r - count : r, keyCol(key)), cell);
    }
    model.cells = moved;
    const shift = (range: CellRange): CellRange | null => {
      if (range.bottom < row) return range;
      if (range.top > last) return { ...range, top: range.top - count, bottom: range.bottom - count };
      const kept = Math.max(0, row - range.top) + Math.max(0, range.bottom - last);
      if (kept === 0) return null;
      const top = Math.min(range.top, row);
      return { ...range, top, bottom: top + kept - 1 };
    };
    const keep = <T extends { range: CellRange }>(items: T[]): T[] =>
      items.flatMap((item) => {
        const range = shift(item.range);
        return range === null ? [] : [{ ...item, range }];
      });
    model.locks = keep(model.locks);
    model.validations = keep(model.validations);
    model.conditions = keep(model.conditions);
    model.formats = keep(model.formats);
    model.merges = model.merges.map(shift).filter((m): m is CellRange => m !== null);
    this.process.fireChange(model, { top: row, bottom: last, left: 0, right: MAX_COLS - 1 });
  }

  /** Conditional formats as '#RRGGBB' fills on A1 ranges, for drawing them. */
  highlightsOf(sheet: string): { range: string; fill: string; fontColor?: string }[] {
    const model = this.process.findSheet(sheet);
    if (model === undefined) return [];
    return model.conditions
      .filter((c) => c.interiorColor !== null)
      .map((c) => ({
        range: a1Range(c.range),
        fill: bgrToRgbHex(c.interiorColor ?? 0),
        ...(c.fontColor === null ? {} : { fontColor: bgrToRgbHex(c.fontColor) }),
      }));
  }

  mergesOf(sheet: string): string[] {
    return (this.process.findSheet(sheet)?.merges ?? []).map(a1Range);
  }

  columnWidthsOf(sheet: string): ReadonlyMap<number, number> {
    return new Map(this.process.findSheet(sheet)?.columnWidths ?? []);
  }

  /** Fires a workbook-level event ('WorkbookActivate', 'NewWorkbook', …) to its listeners. */
  fireWorkbookEvent(event: string): void {
    const workbook = this.application.ActiveWorkbook;
    for (const handler of [...(this.process.otherHandlers.get(event) ?? [])]) handler(workbook);
  }

  /** Delivers the SheetChange events held back in the 'deferred' event mode. */
  flushEvents(): void {
    const pending = this.process.pendingEvents.splice(0);
    for (const fire of pending) fire();
  }

  // ------------------------------------------------------------ inspection (not counted)

  sheetNames(): string[] {
    return this.process.sheets.map((s) => s.name);
  }

  sheetModel(name: string): FakeSheetModel {
    const model = this.process.findSheet(name);
    if (model === undefined) throw new Error(`fake: no sheet named ${name}`);
    return model;
  }

  /** The stored cell at an A1 address, or null when empty. */
  cell(sheet: string, a1: string): FakeCell | null {
    const { row, col } = parseA1(a1);
    return this.sheetModel(sheet).cells.get(cellKey(row, col)) ?? null;
  }

  /** The last value set for a format member ('Interior.Color', 'NumberFormat', …) covering a cell. */
  formatAt(sheet: string, a1: string, member: string): unknown {
    const { row, col } = parseA1(a1);
    let found: unknown = undefined;
    for (const f of this.sheetModel(sheet).formats)
      if (f.member === member && contains(f.range, row, col)) found = f.value;
    return found;
  }

  lockedAt(sheet: string, a1: string): boolean {
    const { row, col } = parseA1(a1);
    return this.process.lockedAt(this.sheetModel(sheet), row, col);
  }

  names(): { name: string; refersTo: string }[] {
    return [...this.process.names.values()].map((n) => ({ ...n }));
  }

  activeSheet(): string | null {
    return this.process.active?.name ?? null;
  }

  displayAlerts(): boolean {
    return this.process.displayAlerts;
  }

  private addinRoot(): EtApplication & Record<string, unknown> {
    const process = this.process;
    const application = this.application as unknown as Record<string, unknown>;
    const storage = this.pluginStorage;
    const addin: Record<string, unknown> = {
      CreateTaskPane: (url: string) => {
        if (typeof url !== 'string' || url.length === 0) throw new Error('CreateTaskPane: url is required');
        const pane: FakeTaskPane = {
          id: 1000 + process.taskPanes.length,
          url,
          visible: false,
          dockPosition: null,
          width: null,
          deleted: false,
        };
        process.taskPanes.push(pane);
        return process.wrap(new FakeTaskPaneObject(pane), 'TaskPane');
      },
      GetTaskPane: (id: number) => {
        const pane = process.taskPanes.find((p) => p.id === Number(id) && !p.deleted);
        return pane === undefined ? undefined : process.wrap(new FakeTaskPaneObject(pane), 'TaskPane');
      },
      PluginStorage: storage,
      Application: this.application,
    };
    // The add-in root carries the Application's members too (WPS merges them); those stay counted.
    return new Proxy(addin, {
      get(target, key) {
        if (typeof key === 'symbol') return undefined;
        if (key in target) return target[key];
        return application[key];
      },
      set(target, key, value) {
        if (typeof key === 'symbol') return true;
        if (key in target) target[key] = value;
        else application[key] = value;
        return true;
      },
    }) as EtApplication & Record<string, unknown>;
  }
}

// ---------------------------------------------------------------- typed by the adapter's declarations

/** The members of an ET declaration the fake object lacks; `never` when it has them all. */
type Missing<Declared, Fake> = Exclude<keyof Declared, keyof Fake>;
type Complete<Declared, Fake> = [Missing<Declared, Fake>] extends [never] ? true : Missing<Declared, Fake>;

/** Compile-time: every member the adapter may use exists on the fake (a missing one names itself here). */
export const FAKE_COVERS_DECLARATIONS: [
  Complete<EtApplication, FakeApplication>,
  Complete<EtWorkbook, FakeWorkbook>,
  Complete<EtWorkbooks, FakeWorkbooks>,
  Complete<EtSheets, FakeSheets>,
  Complete<EtNames, FakeNames>,
  Complete<EtWorksheet, FakeWorksheet>,
  Complete<EtRange, FakeRange>,
  Complete<EtValidation, FakeValidationObject>,
  Complete<EtFormatConditions, FakeFormatConditions>,
  Complete<EtFormatCondition, FakeFormatCondition>,
  Complete<EtWindow, FakeWindow>,
  Complete<EtPageSetup, FakePageSetup>,
  Complete<EtProtection, FakeProtectionObject>,
  Complete<EtApiEvent, FakeApiEvent>,
  Complete<EtFont, FakeFormatPart>,
  Complete<EtBorders, FakeFormatPart>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true];

// ---------------------------------------------------------------- helpers for tests

/** Reads back a BGR colour as '#RRGGBB' (the adapter's own conversion is what is under test). */
export function bgrToRgbHex(bgr: number): string {
  const hex = (n: number) => n.toString(16).padStart(2, '0').toUpperCase();
  return `#${hex(bgr & 0xff)}${hex((bgr >> 8) & 0xff)}${hex((bgr >> 16) & 0xff)}`;
}
