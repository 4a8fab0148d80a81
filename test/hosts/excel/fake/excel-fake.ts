/**
 * A fake of the part of Office.js the Excel adapter uses (src/hosts/excel/excel-api.ts), built over the memory
 * host: every Office command, when a batch is synced, becomes the memory host's plan op or edit, so what the
 * adapter writes can be compared with what the memory host (and through it the CLI's file) holds.
 *
 * It behaves like Office where the adapter depends on it:
 * - commands are queued and run only at `context.sync()`, in order; the first failure stops the batch and
 *   rejects with an Office-style error `{ code }` (ItemAlreadyExists, ItemNotFound, InvalidArgument,
 *   AccessDenied, RequestPayloadSizeLimitExceeded); commands before it stay applied, as in Excel;
 * - reading a property that was not loaded and synced throws (PropertyNotLoaded);
 * - writing through `formulas` reads text as a person's typing would ('001' → 1, 'TRUE' → true,
 *   '=…' → a formula, a leading apostrophe keeps text);
 * - protected sheets refuse writes to locked cells (AccessDenied); protecting a protected sheet fails;
 * - a request over 5 MB fails as Excel on the web does;
 * - change events: user edits, pastes, inserted and deleted rows, remote edits, and our own writes (with
 *   `triggerSource: 'ThisLocalAddin'` from ExcelApi 1.14; none while `runtime.enableEvents` is false).
 *
 * It counts syncs, queued commands and proxy objects, for the tests and the benchmark. It does not calculate:
 * a formula cell's value reads as blank.
 */
/* eslint-disable @typescript-eslint/no-this-alias -- Office-like proxies are object literals with accessors,
   which cannot be arrow functions; they reach their range or sheet through a named alias. */
import { MemoryWorkbook } from '../../../../src/hosts/memory/memory-workbook';
import { HostError, type HostErrorCode } from '../../../../src/app/workbook-port';
import {
  columnIndex,
  parseRange,
  toA1,
  toRangeA1,
  type CellRange,
} from '../../../../src/domain/grid/address';
import type { CellInput, CellScalar } from '../../../../src/domain/grid/cell';
import type { CellStyle, PlanOp } from '../../../../src/domain/plan/plan';
import type {
  ExcelHostApi,
  XlBorderIndex,
  XlChangedArgs,
  XlConditionalFormat,
  XlDataValidation,
  XlEventHandlers,
  XlNamedItem,
  XlNamedItemCollection,
  XlPageLayout,
  XlRange,
  XlRangeBorder,
  XlRangeFont,
  XlRangeFormat,
  XlRangeAreas,
  XlRequestContext,
  XlWorkbook,
  XlWorksheet,
  XlWorksheetCollection,
  XlWorksheetProtection,
} from '../../../../src/hosts/excel/excel-api';

const MAX_ROWS = 1048576;
const MAX_COLS = 16384;
/** Office fails `getMergedAreasOrNullObject` on a range with more merged areas than this. */
const MERGED_AREAS_LIMIT = 512;
/** Excel on the web's request limit. */
const REQUEST_LIMIT_BYTES = 5 * 1024 * 1024;

export class FakeOfficeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'OfficeExtension.Error';
  }
}

const OFFICE_CODE_OF: Readonly<Partial<Record<HostErrorCode, string>>> = {
  sheet_exists: 'ItemAlreadyExists',
  sheet_not_found: 'ItemNotFound',
  invalid_range: 'InvalidArgument',
  protected: 'AccessDenied',
  unsupported: 'InvalidOperation',
};

function officeError(error: unknown): FakeOfficeError {
  if (error instanceof FakeOfficeError) return error;
  if (error instanceof HostError)
    return new FakeOfficeError(OFFICE_CODE_OF[error.code] ?? 'GeneralException', error.message);
  return new FakeOfficeError('GeneralException', String(error));
}

export interface FakeExcelOptions {
  /** Highest ExcelApi version the fake host supports: '1.8', '1.9', '1.14' … */
  excelApi: string;
}

export interface FakeStats {
  runs: number;
  syncs: number;
  /** Commands queued: property sets, method calls, loads. */
  commands: number;
  /** Proxy objects created (ranges, sheets, formats …). */
  proxies: number;
  /** Largest request sent in one sync, in estimated bytes. */
  largestRequestBytes: number;
  /** The `delayForCellEdit` option of each `Excel.run`. */
  delayForCellEdit: boolean[];
}

interface Action {
  run: () => Promise<void> | void;
  bytes: number;
}

function versionAtLeast(have: string, want: string): boolean {
  const [ha = 0, hb = 0] = have.split('.').map(Number);
  const [wa = 0, wb = 0] = want.split('.').map(Number);
  return ha > wa || (ha === wa && hb >= wb);
}

/** 'A1:B2', 'B', 'A:C', '5:5' → a range (the fake's own parser; Office accepts all of these). */
function parseOfficeAddress(address: string): CellRange {
  const ref = address.replace(/\$/g, '');
  const rows = /^([0-9]+):([0-9]+)$/.exec(ref);
  if (rows?.[1] !== undefined && rows[2] !== undefined) {
    return { top: Number(rows[1]) - 1, bottom: Number(rows[2]) - 1, left: 0, right: MAX_COLS - 1 };
  }
  const cols = /^([A-Za-z]{1,3}):([A-Za-z]{1,3})$/.exec(ref);
  if (cols?.[1] !== undefined && cols[2] !== undefined) {
    return { top: 0, bottom: MAX_ROWS - 1, left: columnIndex(cols[1]), right: columnIndex(cols[2]) };
  }
  try {
    return parseRange(ref);
  } catch {
    throw new FakeOfficeError('InvalidArgument', `bad address ${address}`);
  }
}

function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** What Excel makes of a value written through `formulas`, as if typed. */
export function typedInput(value: unknown): CellInput {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  const text = String(value);
  if (text.startsWith("'")) return text.slice(1);
  if (text.startsWith('=') && text.length > 1) return { formula: text };
  if (text === '=') throw new FakeOfficeError('InvalidArgument', 'a formula cannot be only "="');
  if (/^\s*(true|false)\s*$/i.test(text)) return text.trim().toUpperCase() === 'TRUE';
  if (/^\s*[-+]?[0-9]+(\.[0-9]+)?%?\s*$/.test(text)) {
    const n = Number(text.replace('%', ''));
    return text.includes('%') ? n / 100 : n;
  }
  if (/^[0-9]{4}[年/-][0-9]{1,2}/.test(text)) return 45000; // a date serial: the text would be lost
  return text;
}

interface PendingHighlight {
  sheet: string;
  range: string;
  formula: string;
  fill: `#${string}`;
  fontColor?: `#${string}`;
}

interface ValidationState {
  rule?: Excel.DataValidationRule;
  ignoreBlanks: boolean;
  prompt?: string;
  error?: string;
}

type Handler = (args: XlChangedArgs) => Promise<unknown>;

interface FakePrintSetup {
  orientation: 'portrait' | 'landscape';
  fit: boolean;
  area?: string;
  titleRows?: { first: number; last: number };
}

/** `$5:$6` or `5:6` as 0-based rows; Excel refuses print titles that are not whole rows. */
function wholeRows(address: string): { first: number; last: number } {
  const match = /^\$?(\d+):\$?(\d+)$/.exec(address);
  const first = Number(match?.[1]);
  const last = Number(match?.[2]);
  if (match === null || first < 1 || last < first) {
    throw new FakeOfficeError('InvalidArgument', `print title rows must be whole rows: ${address}`);
  }
  return { first: first - 1, last: last - 1 };
}

export class FakeExcel {
  readonly book = new MemoryWorkbook();
  readonly stats: FakeStats = {
    runs: 0,
    syncs: 0,
    commands: 0,
    proxies: 0,
    largestRequestBytes: 0,
    delayForCellEdit: [],
  };
  readonly api: ExcelHostApi;
  /** Runtime event switch (context.runtime.enableEvents). */
  eventsEnabled = true;
  private readonly ids = new Map<string, string>();
  private nextId = 1;
  private readonly protectedSheets = new Set<string>();
  private readonly names = new Set<string>();
  private readonly collectionHandlers: Handler[] = [];
  private readonly sheetHandlers = new Map<string, Handler[]>();
  private readonly deliveries: Promise<unknown>[] = [];
  private readonly printSetups = new Map<string, FakePrintSetup>();
  activeSheet: string | null = null;

  constructor(readonly options: FakeExcelOptions) {
    this.api = {
      run: async (runOptions, batch) => {
        this.stats.runs += 1;
        this.stats.delayForCellEdit.push(runOptions.delayForCellEdit);
        const context = new FakeContext(this);
        return batch(context);
      },
      isSetSupported: (name, version) =>
        name === 'ExcelApi' && versionAtLeast(this.options.excelApi, version),
      // Excel.createWorkbook (ExcelApi 1.8) opens a new window the add-in cannot reach: the fake keeps the file.
      ...(versionAtLeast(this.options.excelApi, '1.8')
        ? {
            createWorkbook: async (base64: string) => {
              if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) throw new Error('createWorkbook: not base64');
              this.createdWorkbooks.push(base64);
            },
          }
        : {}),
    };
  }

  /** The files given to Excel.createWorkbook, base64, in order. */
  readonly createdWorkbooks: string[] = [];

  supports(version: string): boolean {
    return versionAtLeast(this.options.excelApi, version);
  }

  resetStats(): void {
    Object.assign(this.stats, { runs: 0, syncs: 0, commands: 0, proxies: 0, largestRequestBytes: 0 });
    this.stats.delayForCellEdit = [];
  }

  // ------------------------------------------------------------ the person at the keyboard

  /** Typing or pasting a block: the memory host's edit (protection included), then Excel's change event. */
  async userEdit(
    sheet: string,
    topLeft: string,
    values: CellScalar[][],
    source: 'Local' | 'Remote' = 'Local',
  ): Promise<void> {
    this.book.setValues(sheet, topLeft, values, 'user');
    const start = parseRange(topLeft);
    const width = values.reduce((w, row) => Math.max(w, row.length), 0);
    const area = {
      top: start.top,
      left: start.left,
      bottom: start.top + values.length - 1,
      right: start.left + width - 1,
    };
    this.fire(sheet, toRangeA1(area), 'RangeEdited', source, 'Unknown');
    await this.deliver();
  }

  async userInsertRows(sheet: string, beforeRow0: number, count: number): Promise<void> {
    this.book.insertRows(sheet, beforeRow0, count, 'user');
    this.fire(sheet, `${beforeRow0 + 1}:${beforeRow0 + count}`, 'RowInserted', 'Local', 'Unknown');
    await this.deliver();
  }

  async userDeleteRows(sheet: string, row0: number, count: number): Promise<void> {
    this.book.deleteRows(sheet, row0, count, 'user');
    this.fire(sheet, `${row0 + 1}:${row0 + count}`, 'RowDeleted', 'Local', 'Unknown');
    await this.deliver();
  }

  /** Waits until every event handler started so far has finished. */
  async deliver(): Promise<void> {
    while (this.deliveries.length > 0) await Promise.all(this.deliveries.splice(0));
  }

  isProtected(sheet: string): boolean {
    return this.protectedSheets.has(sheet.toUpperCase());
  }

  // ------------------------------------------------------------ internals used by the proxies

  idOf(sheet: string): string {
    const key = sheet.toUpperCase();
    let id = this.ids.get(key);
    if (id === undefined) {
      id = `{00000000-0001-0000-0000-${String(this.nextId++).padStart(12, '0')}}`;
      this.ids.set(key, id);
    }
    return id;
  }

  /** A sheet's current name from a name or an id; ItemNotFound when there is none. */
  resolveSheet(key: string): string {
    const byName = this.book.sheetNames().find((n) => n.toUpperCase() === key.toUpperCase());
    if (byName !== undefined) return byName;
    for (const name of this.book.sheetNames()) if (this.idOf(name) === key) return name;
    throw new FakeOfficeError('ItemNotFound', `no sheet ${key}`);
  }

  async applyOp(op: PlanOp): Promise<void> {
    try {
      await this.book.applyPlan({ formSheet: 'sheet' in op ? op.sheet : '', ops: [op] });
    } catch (error) {
      throw officeError(error);
    }
  }

  async write(sheet: string, area: CellRange, values: unknown[][]): Promise<void> {
    if (
      values.length !== area.bottom - area.top + 1 ||
      values.some((row) => row.length !== area.right - area.left + 1)
    ) {
      throw new FakeOfficeError('InvalidArgument', 'the array does not match the range');
    }
    if (this.isProtected(sheet)) {
      for (let r = area.top; r <= area.bottom; r += 1) {
        for (let c = area.left; c <= area.right; c += 1) {
          if (this.book.isLocked(sheet, toA1({ row: r, col: c }))) {
            throw new FakeOfficeError('AccessDenied', `locked cell on a protected sheet: ${sheet}`);
          }
        }
      }
    }
    const inputs = values.map((row) => row.map(typedInput));
    await this.applyOp({
      kind: 'writeBlock',
      sheet,
      topLeft: toA1({ row: area.top, col: area.left }),
      values: inputs,
    });
    if (this.eventsEnabled) {
      this.fire(
        sheet,
        toRangeA1(area),
        'RangeEdited',
        'Local',
        this.supports('1.14') ? 'ThisLocalAddin' : undefined,
      );
    }
  }

  checkUnprotected(sheet: string, what: string): void {
    if (this.isProtected(sheet))
      throw new FakeOfficeError('AccessDenied', `${what} on a protected sheet: ${sheet}`);
  }

  protect(sheet: string, options: Excel.WorksheetProtectionOptions | undefined): Promise<void> {
    if (this.isProtected(sheet)) throw new FakeOfficeError('InvalidOperation', `already protected: ${sheet}`);
    this.protectedSheets.add(sheet.toUpperCase());
    const keys = ['allowInsertRows', 'allowDeleteRows', 'allowFormatColumns', 'allowFormatRows'] as const;
    const given = options !== undefined && keys.some((k) => options[k] !== undefined);
    return this.applyOp({
      kind: 'protectSheet',
      sheet,
      ...(given
        ? {
            allow: {
              insertRows: options.allowInsertRows === true,
              deleteRows: options.allowDeleteRows === true,
              formatColumns: options.allowFormatColumns === true,
              formatRows: options.allowFormatRows === true,
            },
          }
        : {}),
    });
  }

  unprotect(sheet: string): void {
    this.protectedSheets.delete(sheet.toUpperCase());
  }

  protectionOptionsOf(sheet: string): Excel.WorksheetProtectionOptions {
    const allow = this.book.protectionOf(sheet)?.allow;
    if (!this.isProtected(sheet) || allow === undefined || allow === null) return {};
    return {
      allowInsertRows: allow.insertRows,
      allowDeleteRows: allow.deleteRows,
      allowFormatColumns: allow.formatColumns,
      allowFormatRows: allow.formatRows,
    };
  }

  hasName(name: string): boolean {
    return this.names.has(name.toUpperCase());
  }

  addName(name: string, reference: string): Promise<void> {
    if (this.hasName(name)) throw new FakeOfficeError('ItemAlreadyExists', `name exists: ${name}`);
    this.names.add(name.toUpperCase());
    return this.applyOp({ kind: 'defineName', name, refersTo: reference });
  }

  deleteName(name: string): void {
    if (!this.names.delete(name.toUpperCase())) throw new FakeOfficeError('ItemNotFound', `no name ${name}`);
  }

  nameList(): { name: string; formula: string }[] {
    return this.book
      .names()
      .filter((n) => this.names.has(n.name.toUpperCase()))
      .map((n) => ({ name: n.name, formula: n.refersTo }));
  }

  printSetup(sheet: string, change: (s: FakePrintSetup) => void): Promise<void> {
    if (!this.supports('1.9')) throw new FakeOfficeError('ApiNotFound', 'pageLayout needs ExcelApi 1.9');
    const key = sheet.toUpperCase();
    const setup = this.printSetups.get(key) ?? { orientation: 'portrait' as const, fit: false };
    change(setup);
    this.printSetups.set(key, setup);
    return this.applyOp({
      kind: 'printSetup',
      sheet,
      orientation: setup.orientation,
      fitToWidth: setup.fit,
      ...(setup.area === undefined ? {} : { printArea: setup.area }),
      ...(setup.titleRows === undefined ? {} : { titleRows: { ...setup.titleRows } }),
    });
  }

  addHandler(sheetId: string | null, handler: Handler): void {
    if (sheetId === null) this.collectionHandlers.push(handler);
    else this.sheetHandlers.set(sheetId, [...(this.sheetHandlers.get(sheetId) ?? []), handler]);
  }

  handlerCount(): number {
    return (
      this.collectionHandlers.length + [...this.sheetHandlers.values()].reduce((n, h) => n + h.length, 0)
    );
  }

  private fire(
    sheet: string,
    address: string,
    changeType: XlChangedArgs['changeType'],
    source: 'Local' | 'Remote',
    triggerSource: XlChangedArgs['triggerSource'] | undefined,
  ): void {
    const worksheetId = this.idOf(this.resolveSheet(sheet));
    const args: XlChangedArgs = {
      address,
      changeType,
      source,
      worksheetId,
      ...(this.supports('1.14') && triggerSource !== undefined ? { triggerSource } : {}),
    };
    const handlers = [...this.collectionHandlers, ...(this.sheetHandlers.get(worksheetId) ?? [])];
    // Office delivers events after the batch that caused them, never inside it.
    for (const handler of handlers) this.deliveries.push(Promise.resolve().then(() => handler(args)));
  }
}

// ------------------------------------------------------------------ proxies

class FakeContext implements XlRequestContext {
  readonly workbook: FakeWorkbookProxy;
  readonly runtime: { enableEvents: boolean };
  private queue: Action[] = [];
  private readonly highlights: PendingHighlight[] = [];

  constructor(readonly fake: FakeExcel) {
    this.workbook = new FakeWorkbookProxy(this);
    const context = this;
    this.runtime = {
      get enableEvents(): boolean {
        throw new FakeOfficeError('PropertyNotLoaded', 'runtime.enableEvents was not loaded');
      },
      set enableEvents(value: boolean) {
        context.enqueue(() => {
          context.fake.eventsEnabled = value;
        });
      },
    };
  }

  proxy(): void {
    this.fake.stats.proxies += 1;
  }

  enqueue(run: () => Promise<void> | void, bytes = 200): void {
    this.fake.stats.commands += 1;
    this.queue.push({ run, bytes });
  }

  pendingHighlight(entry: PendingHighlight): void {
    this.highlights.push(entry);
  }

  async sync(): Promise<void> {
    this.fake.stats.syncs += 1;
    const actions = this.queue;
    this.queue = [];
    const bytes = actions.reduce((n, a) => n + a.bytes, 0);
    this.fake.stats.largestRequestBytes = Math.max(this.fake.stats.largestRequestBytes, bytes);
    if (bytes > REQUEST_LIMIT_BYTES) {
      throw new FakeOfficeError('RequestPayloadSizeLimitExceeded', `request of ${bytes} bytes`);
    }
    try {
      for (const action of actions) await action.run();
    } finally {
      // Conditional formats are complete only once their properties are set; they go to the memory host
      // when the batch has run (the memory host keeps highlights in a list of their own).
      for (const h of this.highlights.splice(0)) {
        await this.fake.applyOp({ kind: 'highlight', ...h, sheet: h.sheet, range: h.range });
      }
    }
  }
}

/** A property that must be loaded and synced before it is read. */
class Loadable {
  private readonly loaded = new Map<string, unknown>();

  constructor(protected readonly context: FakeContext) {
    context.proxy();
  }

  protected read<T>(name: string): T {
    if (!this.loaded.has(name)) {
      throw new FakeOfficeError(
        'PropertyNotLoaded',
        `The property '${name}' is not available; load and sync first.`,
      );
    }
    return this.loaded.get(name) as T;
  }

  protected store(name: string, value: unknown): void {
    this.loaded.set(name, value);
  }

  /** Queue a load of the named properties; `fetch` gives each value when the batch runs. */
  protected queueLoad(names: string | string[], fetch: (name: string) => Promise<unknown>): this {
    const list = (Array.isArray(names) ? names : names.split(',')).map((n) => n.trim()).filter(Boolean);
    this.context.enqueue(async () => {
      for (const name of list) this.store(name, await fetch(name));
    });
    return this;
  }
}

class FakeWorkbookProxy implements XlWorkbook {
  readonly worksheets: FakeWorksheetCollection;
  readonly names: FakeNames;

  constructor(private readonly context: FakeContext) {
    context.proxy();
    this.worksheets = new FakeWorksheetCollection(context);
    this.names = new FakeNames(context);
  }

  getActiveCell(): XlRange {
    return new FakeRange(this.context, null, 'active');
  }
}

class FakeWorksheetCollection extends Loadable implements XlWorksheetCollection {
  get items(): XlWorksheet[] {
    return this.read('items');
  }

  get onChanged(): XlEventHandlers {
    if (!this.context.fake.supports('1.9')) {
      throw new FakeOfficeError('ApiNotFound', 'WorksheetCollection.onChanged needs ExcelApi 1.9');
    }
    return {
      add: (handler) => {
        this.context.enqueue(() => this.context.fake.addHandler(null, handler));
        return {};
      },
    };
  }

  load(propertyNames: string | string[]): unknown {
    const paths = (Array.isArray(propertyNames) ? propertyNames : propertyNames.split(',')).map((p) =>
      p.trim(),
    );
    this.context.enqueue(() => {
      const fake = this.context.fake;
      const items = fake.book.sheetNames().map((name) => {
        const sheet = new FakeWorksheet(this.context, name);
        sheet.fill(
          paths.filter((p) => p.startsWith('items/')).map((p) => p.slice('items/'.length)),
          name,
        );
        return sheet;
      });
      this.store('items', items);
    });
    return this;
  }

  add(name?: string): XlWorksheet {
    const sheetName = name ?? `Sheet${this.context.fake.book.sheetNames().length + 1}`;
    this.context.enqueue(() =>
      this.context.fake.applyOp({
        kind: 'ensureSheet',
        sheet: sheetName,
        visibility: 'visible',
        ifExists: 'fail',
      }),
    );
    return new FakeWorksheet(this.context, sheetName);
  }

  getItem(key: string): XlWorksheet {
    return new FakeWorksheet(this.context, key);
  }
}

class FakeWorksheet extends Loadable implements XlWorksheet {
  readonly protection: XlWorksheetProtection;
  readonly freezePanes: XlWorksheet['freezePanes'];
  private layout: XlPageLayout | null = null;

  /** `key` is a name or an id, resolved when the batch runs. */
  constructor(
    context: FakeContext,
    private readonly key: string,
  ) {
    super(context);
    const sheet = this;
    const fake = context.fake;
    const protection = new (class extends Loadable implements XlWorksheetProtection {
      get protected(): boolean {
        return this.read('protected');
      }
      get options(): Excel.WorksheetProtectionOptions {
        return this.read('options');
      }
      protect(options?: Excel.WorksheetProtectionOptions): void {
        context.enqueue(() => fake.protect(sheet.name_(), options));
      }
      unprotect(): void {
        context.enqueue(() => fake.unprotect(sheet.name_()));
      }
      fillFrom(name: string, props: string[]): void {
        for (const p of props)
          this.store(p, p === 'protected' ? fake.isProtected(name) : fake.protectionOptionsOf(name));
      }
    })(context);
    this.protection = protection;
    this.fillProtection = (name, props) => protection.fillFrom(name, props);
    const freeze = (rows: number, cols: number) =>
      context.enqueue(() => fake.applyOp({ kind: 'freezePanes', sheet: sheet.name_(), rows, cols }));
    context.proxy();
    this.freezePanes = {
      freezeRows: (count = 1) => freeze(count, 0),
      freezeColumns: (count = 1) => freeze(0, count),
      freezeAt: (range) => {
        const area = parseOfficeAddress(range);
        freeze(area.bottom + 1, area.right + 1);
      },
      unfreeze: () => freeze(0, 0),
    };
  }

  private readonly fillProtection: (name: string, props: string[]) => void;

  /** The sheet's name when the batch runs. */
  name_(): string {
    return this.context.fake.resolveSheet(this.key);
  }

  fill(props: string[], name: string): void {
    const fake = this.context.fake;
    const protectionProps: string[] = [];
    for (const prop of props) {
      if (prop.startsWith('protection/')) protectionProps.push(prop.slice('protection/'.length));
      else if (prop === 'name') this.store('name', name);
      else if (prop === 'id') this.store('id', fake.idOf(name));
      else if (prop === 'visibility') {
        const v = fake.book.sheetVisibility(name);
        this.store('visibility', v === 'visible' ? 'Visible' : v === 'hidden' ? 'Hidden' : 'VeryHidden');
      } else if (prop === 'tabColor') this.store('tabColor', fake.book.tabColorOf(name) ?? '');
      else if (prop === 'position') this.store('position', fake.book.sheetNames().indexOf(name));
      else throw new Error(`the fake cannot load worksheet.${prop}`);
    }
    this.fillProtection(name, protectionProps);
  }

  get id(): string {
    return this.read('id');
  }
  get name(): string {
    return this.read('name');
  }
  set name(_value: string) {
    throw new Error('renaming is not used by the adapter');
  }
  get visibility(): Excel.Worksheet['visibility'] {
    return this.read('visibility');
  }
  set visibility(value: Excel.Worksheet['visibility']) {
    const map: Record<string, 'visible' | 'hidden' | 'veryHidden'> = {
      Visible: 'visible',
      Hidden: 'hidden',
      VeryHidden: 'veryHidden',
    };
    this.context.enqueue(() =>
      this.context.fake.applyOp({
        kind: 'ensureSheet',
        sheet: this.name_(),
        visibility: map[String(value)] ?? 'visible',
        ifExists: 'reuse',
      }),
    );
  }
  get position(): number {
    return this.read('position');
  }
  set position(value: number) {
    this.context.enqueue(() => {
      try {
        this.context.fake.book.moveSheet(this.name_(), value);
      } catch (error) {
        throw officeError(error);
      }
    });
  }
  get tabColor(): string {
    return this.read('tabColor');
  }
  set tabColor(value: string) {
    this.context.enqueue(() => {
      const name = this.name_();
      return this.context.fake.applyOp({
        kind: 'ensureSheet',
        sheet: name,
        visibility: this.context.fake.book.sheetVisibility(name),
        ifExists: 'reuse',
        tabColor: value as `#${string}`,
      });
    });
  }

  get pageLayout(): XlPageLayout {
    if (this.layout !== null) return this.layout;
    const fake = this.context.fake;
    const context = this.context;
    const sheet = () => this.name_();
    context.proxy();
    this.layout = {
      get orientation(): Excel.PageLayout['orientation'] {
        throw new FakeOfficeError('PropertyNotLoaded', 'orientation');
      },
      set orientation(value: Excel.PageLayout['orientation']) {
        context.enqueue(() =>
          fake.printSetup(sheet(), (s) => {
            s.orientation = value === 'Landscape' ? 'landscape' : 'portrait';
          }),
        );
      },
      get zoom(): Excel.PageLayoutZoomOptions {
        throw new FakeOfficeError('PropertyNotLoaded', 'zoom');
      },
      set zoom(value: Excel.PageLayoutZoomOptions) {
        context.enqueue(() =>
          fake.printSetup(sheet(), (s) => {
            s.fit = value.horizontalFitToPages === 1;
          }),
        );
      },
      setPrintArea: (area: string) => {
        context.enqueue(() =>
          fake.printSetup(sheet(), (s) => {
            s.area = area;
          }),
        );
      },
      setPrintTitleRows: (rows: string) => {
        context.enqueue(() =>
          fake.printSetup(sheet(), (s) => {
            s.titleRows = wholeRows(rows);
          }),
        );
      },
    };
    return this.layout;
  }

  get onChanged(): XlEventHandlers {
    return {
      add: (handler) => {
        this.context.enqueue(() =>
          this.context.fake.addHandler(this.context.fake.idOf(this.name_()), handler),
        );
        return {};
      },
    };
  }

  getRange(address?: string): XlRange {
    return new FakeRange(this.context, this, address ?? 'A1');
  }

  getUsedRangeOrNullObject(): XlRange {
    return new FakeRange(this.context, this, 'used');
  }

  activate(): void {
    this.context.enqueue(() => {
      this.context.fake.activeSheet = this.name_();
    });
  }

  load(propertyNames: string | string[]): unknown {
    const props = (Array.isArray(propertyNames) ? propertyNames : propertyNames.split(',')).map((p) =>
      p.trim(),
    );
    this.context.enqueue(() => this.fill(props, this.name_()));
    return this;
  }
}

/** The merged areas of a range: a null object when there are none, else their address. */
class FakeRangeAreas extends Loadable implements XlRangeAreas {
  constructor(
    context: FakeContext,
    private readonly addressOf: () => Promise<string | null>,
  ) {
    super(context);
  }

  get address(): string {
    return this.read('address');
  }
  set address(_value: string) {
    throw new Error('RangeAreas.address is read-only');
  }
  get isNullObject(): boolean {
    return this.read('isNullObject');
  }

  load(propertyNames: string | string[]): unknown {
    const names = Array.isArray(propertyNames) ? propertyNames : propertyNames.split(',');
    return this.queueLoad([...names, 'isNullObject'], async (name) => {
      const address = await this.addressOf();
      if (name === 'isNullObject') return address === null;
      if (name === 'address') return address ?? undefined;
      throw new Error(`the fake cannot load rangeAreas.${name}`);
    });
  }
}

class FakeRange extends Loadable implements XlRange {
  private formatProxy: XlRangeFormat | null = null;
  private validationProxy: XlDataValidation | null = null;

  /** `where` is an address, the sheet's used range, or the active cell (then `sheet` is null). */
  constructor(
    context: FakeContext,
    private readonly sheet: FakeWorksheet | null,
    private readonly where: string,
  ) {
    super(context);
  }

  private sheetName(): string {
    if (this.sheet === null) {
      const fake = this.context.fake;
      const selected = fake.book.selection();
      if (selected !== null) return selected.sheet;
      const first = fake.activeSheet ?? fake.book.sheetNames()[0];
      if (first === undefined) throw new FakeOfficeError('ItemNotFound', 'no sheet');
      return first;
    }
    return this.sheet.name_();
  }

  /** The area when the batch runs; null for an empty used range. */
  private async area(): Promise<CellRange | null> {
    if (this.where === 'used') {
      const name = this.sheetName();
      const block = await this.context.fake.book.readBlock(name);
      let top = Infinity;
      let left = Infinity;
      let bottom = -1;
      let right = -1;
      block.values.forEach((row, r) =>
        row.forEach((v, c) => {
          if (v === null && block.formulas[r]?.[c] === null) return;
          top = Math.min(top, r);
          left = Math.min(left, c);
          bottom = Math.max(bottom, r);
          right = Math.max(right, c);
        }),
      );
      return bottom < 0 ? null : { top, left, bottom, right };
    }
    if (this.where === 'active') {
      const selected = this.context.fake.book.selection();
      const cell = selected === null ? { top: 0, left: 0 } : parseRange(selected.cell);
      return { top: cell.top, left: cell.left, bottom: cell.top, right: cell.left };
    }
    return parseOfficeAddress(this.where);
  }

  private async areaOrThrow(): Promise<CellRange> {
    const area = await this.area();
    if (area === null) throw new FakeOfficeError('InvalidArgument', 'null object');
    return area;
  }

  get isNullObject(): boolean {
    return this.read('isNullObject');
  }
  get values(): unknown[][] {
    return this.read('values');
  }
  set values(value: unknown[][]) {
    this.formulas = value;
  }
  get formulas(): unknown[][] {
    return this.read('formulas');
  }
  set formulas(value: unknown[][]) {
    this.context.enqueue(
      async () => this.context.fake.write(this.sheetName(), await this.areaOrThrow(), value),
      new TextEncoder().encode(JSON.stringify(value)).length,
    );
  }
  get numberFormat(): unknown[][] {
    return this.read('numberFormat');
  }
  set numberFormat(value: unknown[][]) {
    this.context.enqueue(
      async () => {
        const area = await this.areaOrThrow();
        const sheet = this.sheetName();
        for (let r = area.top; r <= area.bottom; r += 1) {
          for (let c = area.left; c <= area.right; c += 1) {
            const format = value[r - area.top]?.[c - area.left];
            if (typeof format !== 'string')
              throw new FakeOfficeError('InvalidArgument', 'numberFormat does not match');
          }
        }
        const first = value[0]?.[0];
        if (value.every((row) => row.every((f) => f === first))) {
          await this.context.fake.applyOp({
            kind: 'numberFormat',
            sheet,
            range: toRangeA1(area),
            format: String(first),
          });
        } else {
          for (let r = area.top; r <= area.bottom; r += 1) {
            for (let c = area.left; c <= area.right; c += 1) {
              const cell = toA1({ row: r, col: c });
              await this.context.fake.applyOp({
                kind: 'numberFormat',
                sheet,
                range: cell,
                format: String(value[r - area.top]?.[c - area.left]),
              });
            }
          }
        }
      },
      new TextEncoder().encode(JSON.stringify(value)).length,
    );
  }
  get address(): string {
    return this.read('address');
  }
  get rowIndex(): number {
    return this.read('rowIndex');
  }
  get columnIndex(): number {
    return this.read('columnIndex');
  }
  get rowCount(): number {
    return this.read('rowCount');
  }
  get columnCount(): number {
    return this.read('columnCount');
  }
  get worksheet(): XlWorksheet {
    if (this.sheet === null) throw new Error('the fake gives no worksheet of the active cell');
    return this.sheet;
  }

  /** Like Office, any load of a range also tells whether it is a null object. */
  load(propertyNames: string | string[]): unknown {
    const names = Array.isArray(propertyNames) ? propertyNames : propertyNames.split(',');
    return this.queueLoad([...names, 'isNullObject'], (name) => this.fetch(name));
  }

  private async fetch(name: string): Promise<unknown> {
    const area = await this.area();
    if (name === 'isNullObject') return area === null;
    if (area === null) return undefined;
    const sheet = this.sheetName();
    switch (name) {
      case 'values':
      case 'formulas': {
        const block = await this.context.fake.book.readBlock(sheet, toRangeA1(area));
        return block.values.map((row, r) =>
          row.map((v, c) => {
            const formula = block.formulas[r]?.[c] ?? null;
            if (name === 'formulas' && formula !== null) return formula;
            return v === null ? '' : v;
          }),
        );
      }
      case 'address':
        return `${quoteSheet(sheet)}!${toRangeA1(area)}`;
      case 'rowIndex':
        return area.top;
      case 'columnIndex':
        return area.left;
      case 'rowCount':
        return area.bottom - area.top + 1;
      case 'columnCount':
        return area.right - area.left + 1;
      default:
        throw new Error(`the fake cannot load range.${name}`);
    }
  }

  getMergedAreasOrNullObject(): XlRangeAreas {
    if (!this.context.fake.supports('1.13')) {
      throw new FakeOfficeError('ApiNotFound', 'Range.getMergedAreasOrNullObject needs ExcelApi 1.13');
    }
    return new FakeRangeAreas(this.context, async () => {
      const area = await this.area();
      if (area === null) return null;
      const sheet = this.sheetName();
      const merges = this.context.fake.book
        .mergesOf(sheet)
        .map((m) => parseRange(m))
        .filter(
          (m) => m.top <= area.bottom && m.bottom >= area.top && m.left <= area.right && m.right >= area.left,
        );
      if (merges.length > MERGED_AREAS_LIMIT)
        throw new FakeOfficeError('GeneralException', 'more than 512 merged areas');
      return merges.length === 0
        ? null
        : merges.map((m) => `${quoteSheet(sheet)}!${toRangeA1(m)}`).join(', ');
    });
  }

  merge(): void {
    this.context.enqueue(async () => {
      const sheet = this.sheetName();
      this.context.fake.checkUnprotected(sheet, 'merge');
      return this.context.fake.applyOp({ kind: 'merge', sheet, range: toRangeA1(await this.areaOrThrow()) });
    });
  }

  select(): void {
    this.context.enqueue(async () => {
      const sheet = this.sheetName();
      await this.context.fake.book.select(sheet, toRangeA1(await this.areaOrThrow()));
      this.context.fake.activeSheet = sheet;
    });
  }

  private style(style: CellStyle): void {
    this.context.enqueue(async () => {
      const sheet = this.sheetName();
      return this.context.fake.applyOp({
        kind: 'style',
        sheet,
        range: toRangeA1(await this.areaOrThrow()),
        style,
      });
    });
  }

  get format(): XlRangeFormat {
    if (this.formatProxy !== null) return this.formatProxy;
    const range = this;
    const context = this.context;
    const fake = context.fake;
    context.proxy();
    context.proxy();
    const font: XlRangeFont = {
      get name(): string {
        throw new FakeOfficeError('PropertyNotLoaded', 'name');
      },
      set name(value: string) {
        range.style({ fontName: value });
      },
      get bold(): boolean {
        throw new FakeOfficeError('PropertyNotLoaded', 'bold');
      },
      set bold(value: boolean) {
        range.style({ bold: value });
      },
      get size(): number {
        throw new FakeOfficeError('PropertyNotLoaded', 'size');
      },
      set size(value: number) {
        range.style({ fontSize: value });
      },
      get color(): string {
        throw new FakeOfficeError('PropertyNotLoaded', 'color');
      },
      set color(value: string) {
        range.style({ fontColor: value as `#${string}` });
      },
    };
    context.proxy();
    const fill = {
      get color(): string {
        throw new FakeOfficeError('PropertyNotLoaded', 'color');
      },
      set color(value: string) {
        range.style({ fill: value as `#${string}` });
      },
    };
    context.proxy();
    const protection = {
      get locked(): boolean {
        throw new FakeOfficeError('PropertyNotLoaded', 'locked');
      },
      set locked(value: boolean) {
        context.enqueue(async () => {
          const sheet = range.sheetName();
          fake.checkUnprotected(sheet, 'locking cells');
          return fake.applyOp({
            kind: 'lock',
            sheet,
            range: toRangeA1(await range.areaOrThrow()),
            locked: value,
          });
        });
      },
    };
    const horizontal: Record<string, CellStyle['horizontal']> = {
      Left: 'left',
      Center: 'center',
      Right: 'right',
    };
    const vertical: Record<string, CellStyle['vertical']> = {
      Top: 'top',
      Center: 'middle',
      Bottom: 'bottom',
    };
    this.formatProxy = {
      font,
      fill,
      protection,
      get horizontalAlignment(): Excel.RangeFormat['horizontalAlignment'] {
        throw new FakeOfficeError('PropertyNotLoaded', 'horizontalAlignment');
      },
      set horizontalAlignment(value: Excel.RangeFormat['horizontalAlignment']) {
        const h = horizontal[String(value)];
        if (h !== undefined) range.style({ horizontal: h });
      },
      get verticalAlignment(): Excel.RangeFormat['verticalAlignment'] {
        throw new FakeOfficeError('PropertyNotLoaded', 'verticalAlignment');
      },
      set verticalAlignment(value: Excel.RangeFormat['verticalAlignment']) {
        const v = vertical[String(value)];
        if (v !== undefined) range.style({ vertical: v });
      },
      get wrapText(): boolean {
        throw new FakeOfficeError('PropertyNotLoaded', 'wrapText');
      },
      set wrapText(value: boolean) {
        range.style({ wrap: value });
      },
      get columnWidth(): number {
        throw new FakeOfficeError('PropertyNotLoaded', 'columnWidth');
      },
      set columnWidth(points: number) {
        context.enqueue(async () => {
          const area = await range.areaOrThrow();
          // Back from points to characters, the inverse of the adapter's pixel rule (to 2 decimals).
          const characters = Math.round((points / 0.75 / 7) * 100) / 100;
          const widths = Array.from({ length: area.right - area.left + 1 }, () => characters);
          return fake.applyOp({
            kind: 'columnWidths',
            sheet: range.sheetName(),
            firstCol: area.left,
            widths,
          });
        });
      },
      get rowHeight(): number {
        throw new FakeOfficeError('PropertyNotLoaded', 'rowHeight');
      },
      set rowHeight(points: number) {
        context.enqueue(async () => {
          const area = await range.areaOrThrow();
          for (let row = area.top; row <= area.bottom; row += 1) {
            await fake.applyOp({ kind: 'rowHeight', sheet: range.sheetName(), row, height: points });
          }
        });
      },
      borders: {
        getItem: (_edge: XlBorderIndex): XlRangeBorder => {
          context.proxy();
          return {
            get style(): Excel.RangeBorder['style'] {
              throw new FakeOfficeError('PropertyNotLoaded', 'style');
            },
            set style(value: Excel.RangeBorder['style']) {
              range.style({ border: value === 'None' ? 'none' : 'thin' });
            },
            get weight(): Excel.RangeBorder['weight'] {
              throw new FakeOfficeError('PropertyNotLoaded', 'weight');
            },
            set weight(_value: Excel.RangeBorder['weight']) {
              context.enqueue(() => undefined);
            },
            get color(): string {
              throw new FakeOfficeError('PropertyNotLoaded', 'color');
            },
            set color(_value: string) {
              context.enqueue(() => undefined);
            },
          };
        },
      },
    };
    return this.formatProxy;
  }

  get dataValidation(): XlDataValidation {
    if (this.validationProxy !== null) return this.validationProxy;
    const range = this;
    const context = this.context;
    const fake = context.fake;
    context.proxy();
    const state: ValidationState = { ignoreBlanks: true };
    const apply = async (): Promise<void> => {
      const rule = state.rule;
      if (rule === undefined) return;
      const sheet = range.sheetName();
      fake.checkUnprotected(sheet, 'validation');
      const target = toRangeA1(await range.areaOrThrow());
      const extra = {
        ...(state.error === undefined ? {} : { error: state.error }),
      };
      let op: PlanOp;
      if (rule.list !== undefined) {
        const source = String(rule.list.source);
        op = {
          kind: 'listValidation',
          sheet,
          range: target,
          source: source.startsWith('=') ? source : source.split(','),
          allowBlank: state.ignoreBlanks,
          ...(state.prompt === undefined ? {} : { prompt: state.prompt }),
          ...extra,
        };
      } else if (rule.custom !== undefined) {
        op = {
          kind: 'customValidation',
          sheet,
          range: target,
          formula: String(rule.custom.formula),
          ...(state.prompt === undefined ? {} : { prompt: state.prompt }),
          ...extra,
        };
      } else if (rule.decimal !== undefined) {
        const { formula1, formula2 } = rule.decimal;
        op = {
          kind: 'decimalValidation',
          sheet,
          range: target,
          min: Number(formula1),
          ...(formula2 === undefined ? {} : { max: Number(formula2) }),
          ...extra,
        };
      } else {
        throw new Error('the fake knows list, custom and decimal rules only');
      }
      await fake.applyOp(op);
    };
    this.validationProxy = {
      clear: () => context.enqueue(() => undefined),
      get rule(): Excel.DataValidationRule {
        throw new FakeOfficeError('PropertyNotLoaded', 'rule');
      },
      set rule(value: Excel.DataValidationRule) {
        context.enqueue(() => {
          state.rule = value;
          return apply();
        });
      },
      get ignoreBlanks(): boolean {
        throw new FakeOfficeError('PropertyNotLoaded', 'ignoreBlanks');
      },
      set ignoreBlanks(value: boolean) {
        context.enqueue(() => {
          state.ignoreBlanks = value;
          return apply();
        });
      },
      get prompt(): Excel.DataValidationPrompt {
        throw new FakeOfficeError('PropertyNotLoaded', 'prompt');
      },
      set prompt(value: Excel.DataValidationPrompt) {
        context.enqueue(() => {
          if (value.showPrompt) state.prompt = value.message;
          return apply();
        });
      },
      get errorAlert(): Excel.DataValidationErrorAlert {
        throw new FakeOfficeError('PropertyNotLoaded', 'errorAlert');
      },
      set errorAlert(value: Excel.DataValidationErrorAlert) {
        context.enqueue(() => {
          if (value.showAlert) state.error = value.message;
          return apply();
        });
      },
    };
    return this.validationProxy;
  }

  get conditionalFormats(): { add(type: 'Custom'): XlConditionalFormat } {
    const range = this;
    const context = this.context;
    context.proxy();
    return {
      add: (_type: 'Custom'): XlConditionalFormat => {
        context.proxy();
        const entry: Partial<PendingHighlight> = {};
        context.enqueue(async () => {
          entry.sheet = range.sheetName();
          entry.range = toRangeA1(await range.areaOrThrow());
          context.fake.checkUnprotected(entry.sheet, 'conditional format');
          context.pendingHighlight(entry as PendingHighlight);
        });
        const setter = (apply: () => void) => context.enqueue(apply);
        return {
          custom: {
            rule: {
              get formula(): string {
                throw new FakeOfficeError('PropertyNotLoaded', 'formula');
              },
              set formula(value: string) {
                setter(() => {
                  entry.formula = value;
                });
              },
            },
            format: {
              fill: {
                get color(): string {
                  throw new FakeOfficeError('PropertyNotLoaded', 'color');
                },
                set color(value: string) {
                  setter(() => {
                    entry.fill = value as `#${string}`;
                  });
                },
              },
              font: {
                get color(): string {
                  throw new FakeOfficeError('PropertyNotLoaded', 'color');
                },
                set color(value: string) {
                  setter(() => {
                    entry.fontColor = value as `#${string}`;
                  });
                },
              },
            },
          },
        };
      },
    };
  }
}

class FakeNames extends Loadable implements XlNamedItemCollection {
  get items(): XlNamedItem[] {
    return this.read('items');
  }

  load(): unknown {
    this.context.enqueue(() => {
      const items = this.context.fake.nameList().map((n): XlNamedItem => {
        this.context.proxy();
        return { name: n.name, formula: n.formula, delete: () => this.deleteLater(n.name) };
      });
      this.store('items', items);
    });
    return this;
  }

  private deleteLater(name: string): void {
    this.context.enqueue(() => this.context.fake.deleteName(name));
  }

  add(name: string, reference: string): unknown {
    this.context.enqueue(() => this.context.fake.addName(name, reference));
    return {};
  }

  getItem(name: string): XlNamedItem {
    this.context.proxy();
    return {
      get name(): string {
        throw new FakeOfficeError('PropertyNotLoaded', 'name');
      },
      get formula(): unknown {
        throw new FakeOfficeError('PropertyNotLoaded', 'formula');
      },
      delete: () => this.deleteLater(name),
    };
  }
}
