/**
 * The WPS 表格 host: the port over the ET object model (docs/platform.md §2). ET is synchronous and every member
 * access crosses into the WPS process, so a block is read or written with one `Range(...)` and one 2-D
 * `Value2`/`Formula`, never cell by cell; sheets are looked up once per plan. Numeric enums, BGR colours and
 * ET addresses stay in this folder.
 */
import { checkPlan, MAX_COLS, MAX_ROWS, parseRangeOrThrow } from '../../app/plan-checks';
import {
  type CellsChanged,
  type HostCapabilities,
  type NewWorkbook,
  HostError,
  type SheetInfo,
  type WorkbookPort,
} from '../../app/workbook-port';
import { toRangeA1, type CellRange } from '../../domain/grid/address';
import type { Block, CellInput, CellScalar } from '../../domain/grid/cell';
import type { CellStyle, Plan, PlanOp, ProtectionAllowances, SheetVisibility } from '../../domain/plan/plan';
import {
  columnsRef,
  formulaOf,
  fromEtScalar,
  hexToBgr,
  parseEtAddress,
  readMember,
  rowRef,
  toEtInput,
  toRows,
} from './et-access';
import {
  ET,
  type EtApplication,
  type EtRange,
  type EtSheets,
  type EtWorkbook,
  type EtWorksheet,
  type SheetChangeHandler,
} from './et-model';
import { OwnWrites, type SharedStorage } from './own-writes';

export interface WpsWorkbookOptions {
  /** `wps.PluginStorage`, to share the record of our own writes between the add-in's pages. */
  sharedStorage?: SharedStorage | null;
  now?: () => number;
  /** The workbook this port works on; by default whichever workbook is active at each call. */
  workbook?: EtWorkbook;
}

type SheetOp = Exclude<PlanOp, { kind: 'ensureSheet' | 'defineName' }>;

interface PlanSheets {
  byKey: Map<string, EtWorksheet>;
  names: Map<string, string>;
}

/** Protection taken off an existing sheet for the plan's writes, put back afterwards. */
interface LiftedProtection {
  sheet: EtWorksheet;
  allow: ProtectionAllowances;
}

export class WpsWorkbook implements WorkbookPort {
  readonly capabilities: HostCapabilities;

  private readonly ownWrites: OwnWrites;
  private readonly listeners = new Set<(change: CellsChanged) => void>();
  private sheetChangeHandler: SheetChangeHandler | null = null;

  /** WPS adds an empty workbook (`Workbooks.Add()`), written through a port bound to it. */
  readonly newWorkbook?: NewWorkbook;

  private readonly bound: EtWorkbook | null;

  constructor(
    private readonly app: EtApplication,
    options: WpsWorkbookOptions = {},
  ) {
    this.bound = options.workbook ?? null;
    this.ownWrites = new OwnWrites(options.sharedStorage ?? null, options.now);
    if (app.Workbooks !== undefined && app.Workbooks !== null) {
      this.newWorkbook = {
        kind: 'empty',
        add: async () =>
          this.hostCall(() => {
            const workbooks = readMember(app, 'Workbooks');
            if (workbooks === undefined || workbooks === null) {
              throw new HostError('unsupported', '无法新建工作簿 / WPS cannot add a workbook here');
            }
            return new WpsWorkbook(app, { ...options, workbook: workbooks.Add() });
          }),
      };
    }
    this.capabilities = {
      hasChangeEvents: app.ApiEvent !== undefined && app.ApiEvent !== null,
      // WPS itself does not say; the own-writes record does.
      hasTriggerSource: true,
      calculates: true,
    };
  }

  // ---------------------------------------------------------------- the port

  async listSheets(): Promise<SheetInfo[]> {
    return this.hostCall(() => {
      const sheets = this.sheets();
      const count = Number(readMember(sheets, 'Count'));
      const out: SheetInfo[] = [];
      for (let i = 1; i <= count; i += 1) {
        const sheet = sheets.Item(i);
        const used = this.usedRange(sheet);
        out.push({
          name: String(readMember(sheet, 'Name')),
          visibility: visibilityOf(sheet.Visible),
          usedRange: used === null ? null : toRangeA1(used.range),
        });
      }
      return out;
    });
  }

  async applyPlan(plan: Plan): Promise<void> {
    this.hostCall(() => {
      const existing = this.existingSheets();
      checkPlan(plan, [...existing.values()], { sheetOp: checkColours });
      for (const op of plan.ops) if (op.kind === 'ensureSheet') checkColours(op);
      const written = plan.ops.flatMap((op) => (op.kind === 'writeBlock' ? writtenRanges(op) : []));
      this.ownWrites.run(written, () => this.applyValidated(plan, existing));
    });
  }

  async readBlock(sheet: string, range?: string): Promise<Block> {
    return this.hostCall(() => this.readBlockNow(this.sheetOrThrow(sheet), range));
  }

  async readBlocks(requests: readonly { sheet: string; range?: string }[]): Promise<Block[]> {
    return this.hostCall(() => {
      const found = new Map<string, EtWorksheet>();
      const lookup = (name: string) => {
        const key = name.toUpperCase();
        const known = found.get(key) ?? this.sheetOrThrow(name);
        found.set(key, known);
        return known;
      };
      // Every sheet and range is checked before anything is read, so one bad request fails the whole batch.
      const resolved = requests.map((r) => {
        if (r.range !== undefined) parseRangeOrThrow(r.range);
        return { sheet: lookup(r.sheet), range: r.range };
      });
      return resolved.map((r) => this.readBlockNow(r.sheet, r.range));
    });
  }

  async select(sheet: string, cell: string): Promise<void> {
    this.hostCall(() => {
      const target = this.sheetOrThrow(sheet);
      const range = parseRangeOrThrow(cell);
      target.Activate();
      target.Range(toRangeA1(range)).Select();
    });
  }

  async getSelection(): Promise<{ sheet: string; cell: string } | null> {
    return this.hostCall(() => {
      if (this.app.Selection === undefined) return null;
      const selection = readMember(this.app, 'Selection');
      if (selection === null || selection === undefined) return null;
      const sheet = readMember(selection, 'Worksheet');
      const address = readMember(selection, 'Address');
      if (sheet === undefined || typeof address !== 'string') return null;
      const [first] = parseEtAddress(address);
      if (first === undefined) return null;
      return { sheet: String(readMember(sheet, 'Name')), cell: toRangeA1(first) };
    });
  }

  onCellsChanged(listener: (change: CellsChanged) => void): () => void {
    // A wrapper, so that the same function subscribed twice is two subscriptions, each with its own off.
    const wrapped = (change: CellsChanged): void => listener(change);
    this.listeners.add(wrapped);
    this.listen();
    return () => {
      this.listeners.delete(wrapped);
      if (this.listeners.size === 0) this.stopListening();
    };
  }

  // ---------------------------------------------------------------- events

  private listen(): void {
    const events = this.app.ApiEvent;
    if (this.sheetChangeHandler !== null || events === undefined || events === null) return;
    const handler: SheetChangeHandler = (sheet, target) => this.onSheetChange(sheet, target);
    events.AddApiEventListener('SheetChange', handler);
    this.sheetChangeHandler = handler;
  }

  private stopListening(): void {
    const events = this.app.ApiEvent;
    const handler = this.sheetChangeHandler;
    // Builds without RemoveApiEventListener keep the handler; with no listener left it reports to no one.
    if (handler === null || events === undefined || events === null) return;
    if (typeof events.RemoveApiEventListener !== 'function') return;
    events.RemoveApiEventListener('SheetChange', handler);
    this.sheetChangeHandler = null;
  }

  /**
   * Runs inside WPS's event dispatch: nothing may be thrown back into WPS. WPS does not flag inserted or
   * deleted rows; they arrive as a change of whole rows, reported as such so the checker reloads the sheet.
   */
  private onSheetChange(sheet: EtWorksheet, target: EtRange): void {
    if (this.listeners.size === 0) return;
    let changes: CellsChanged[];
    try {
      const name = String(readMember(sheet, 'Name'));
      let ranges: CellRange[];
      try {
        ranges = parseEtAddress(String(readMember(target, 'Address')));
      } catch {
        // The change is real even when its address cannot be read: report the whole sheet.
        ranges = [{ top: 0, left: 0, bottom: MAX_ROWS - 1, right: MAX_COLS - 1 }];
      }
      changes = ranges.map((range) => {
        const a1 = toRangeA1(range);
        return { sheet: name, range: a1, source: this.ownWrites.isOurs(name, a1) ? 'ours' : 'user' };
      });
    } catch {
      // Without the sheet's name there is nothing a listener could act on.
      return;
    }
    for (const change of changes) {
      for (const listener of [...this.listeners]) {
        try {
          listener(change);
        } catch {
          // A failing listener must not stop the others, nor surface inside WPS's event dispatch.
        }
      }
    }
  }

  // ---------------------------------------------------------------- applying a plan

  private applyValidated(plan: Plan, existing: Map<string, ExistingSheet>): void {
    const sheets: PlanSheets = { byKey: new Map(), names: new Map() };
    const created: EtWorksheet[] = [];
    const lifted = new Map<string, LiftedProtection>();
    const alerts = this.app.DisplayAlerts;
    // Merging cells and deleting a sheet ask the user; a plan must not stop on a dialog.
    this.app.DisplayAlerts = false;
    try {
      for (const op of plan.ops) {
        if (op.kind === 'ensureSheet') {
          this.ensureSheet(op, existing, sheets, created);
        } else if (op.kind === 'defineName') {
          readMember(this.workbook(), 'Names').Add(op.name, op.refersTo);
        } else {
          const sheet = this.planSheet(op.sheet, sheets);
          this.liftProtection(op, sheet, existing, lifted);
          this.applySheetOp(op, sheet);
        }
      }
      for (const entry of lifted.values()) protect(entry.sheet, entry.allow);
      const form = sheets.byKey.get(plan.formSheet.toUpperCase());
      if (form !== undefined && created.includes(form)) form.Activate();
    } catch (error) {
      this.rollBack(created);
      throw error;
    } finally {
      this.app.DisplayAlerts = alerts ?? true;
    }
  }

  /** A failed plan leaves no half-built sheet behind. */
  private rollBack(created: EtWorksheet[]): void {
    for (const sheet of [...created].reverse()) {
      try {
        sheet.Delete();
      } catch {
        // The original failure is what the user needs to see; a sheet that would not go stays.
      }
    }
  }

  private ensureSheet(
    op: Extract<PlanOp, { kind: 'ensureSheet' }>,
    existing: Map<string, ExistingSheet>,
    sheets: PlanSheets,
    created: EtWorksheet[],
  ): void {
    const key = op.sheet.toUpperCase();
    let sheet = sheets.byKey.get(key);
    if (sheet === undefined && existing.has(key)) sheet = this.sheets().Item(op.sheet);
    if (sheet === undefined) {
      const all = this.sheets();
      // Right after `op.after` when it names a sheet (one of this plan's or one there was), else last.
      const after = op.after === undefined ? undefined : this.knownSheet(op.after, existing, sheets);
      sheet = all.Add(undefined, after ?? all.Item(Number(readMember(all, 'Count'))));
      sheet.Name = op.sheet;
      created.push(sheet);
    }
    sheets.byKey.set(key, sheet);
    sheets.names.set(key, op.sheet);
    const visible = visibleNumber(op.visibility);
    const known = existing.get(key);
    if (known === undefined || known.visibility !== op.visibility) sheet.Visible = visible;
    if (op.tabColor !== undefined) readMember(sheet, 'Tab').Color = hexToBgr(op.tabColor);
  }

  /** A sheet of this plan or one the workbook had, by name; undefined when there is none. */
  private knownSheet(
    name: string,
    existing: Map<string, ExistingSheet>,
    sheets: PlanSheets,
  ): EtWorksheet | undefined {
    const key = name.toUpperCase();
    return sheets.byKey.get(key) ?? (existing.has(key) ? this.sheets().Item(name) : undefined);
  }

  private planSheet(name: string, sheets: PlanSheets): EtWorksheet {
    const key = name.toUpperCase();
    const known = sheets.byKey.get(key);
    if (known !== undefined) return known;
    const sheet = this.sheetOrThrow(name);
    sheets.byKey.set(key, sheet);
    return sheet;
  }

  /**
   * ET refuses writes to a protected sheet's locked cells from the add-in as from the user. An existing
   * protected sheet is unprotected for the plan and protected again afterwards with what it allowed before.
   */
  private liftProtection(
    op: SheetOp,
    sheet: EtWorksheet,
    existing: Map<string, ExistingSheet>,
    lifted: Map<string, LiftedProtection>,
  ): void {
    const key = op.sheet.toUpperCase();
    const known = existing.get(key);
    if (known === undefined || known.checkedProtection) return;
    known.checkedProtection = true;
    if (readMember(sheet, 'ProtectContents') !== true) return;
    const protection = readMember(sheet, 'Protection');
    const allow: ProtectionAllowances = {
      insertRows: protection.AllowInsertingRows === true,
      deleteRows: protection.AllowDeletingRows === true,
      formatColumns: protection.AllowFormattingColumns === true,
      formatRows: protection.AllowFormattingRows === true,
    };
    sheet.Unprotect();
    lifted.set(key, { sheet, allow });
  }

  private applySheetOp(op: SheetOp, sheet: EtWorksheet): void {
    switch (op.kind) {
      case 'writeBlock':
        writeBlock(sheet, op.topLeft, op.values);
        return;
      case 'merge':
        sheet.Range(op.range).Merge();
        return;
      case 'style':
        applyStyle(sheet.Range(op.range), op.style);
        return;
      case 'numberFormat':
        sheet.Range(op.range).NumberFormat = op.format;
        return;
      case 'columnWidths':
        setColumnWidths(sheet, op.firstCol, op.widths);
        return;
      case 'rowHeight':
        sheet.Range(rowRef(op.row)).RowHeight = op.height;
        return;
      case 'listValidation': {
        const source = typeof op.source === 'string' ? op.source : op.source.join(',');
        const validation = this.freshValidation(sheet, op.range);
        validation.Add(ET.validateList, ET.alertStop, ET.operatorBetween, source);
        validation.IgnoreBlank = op.allowBlank;
        describeValidation(validation, op.prompt, op.error);
        return;
      }
      case 'customValidation': {
        const validation = this.freshValidation(sheet, op.range);
        validation.Add(ET.validateCustom, ET.alertStop, ET.operatorBetween, op.formula);
        describeValidation(validation, op.prompt, op.error);
        return;
      }
      case 'decimalValidation': {
        const validation = this.freshValidation(sheet, op.range);
        if (op.max === undefined) {
          validation.Add(ET.validateDecimal, ET.alertStop, ET.operatorGreaterEqual, String(op.min));
        } else {
          validation.Add(
            ET.validateDecimal,
            ET.alertStop,
            ET.operatorBetween,
            String(op.min),
            String(op.max),
          );
        }
        describeValidation(validation, undefined, op.error);
        return;
      }
      case 'highlight': {
        const conditions = readMember(sheet.Range(op.range), 'FormatConditions');
        const condition = conditions.Add(ET.conditionExpression, undefined, op.formula);
        readMember(condition, 'Interior').Color = hexToBgr(op.fill);
        if (op.fontColor !== undefined) readMember(condition, 'Font').Color = hexToBgr(op.fontColor);
        return;
      }
      case 'lock':
        sheet.Range(op.range).Locked = op.locked;
        return;
      case 'protectSheet':
        protect(sheet, op.allow);
        return;
      case 'freezePanes':
        this.freezePanes(sheet, op.rows, op.cols);
        return;
      case 'printSetup': {
        const setup = readMember(sheet, 'PageSetup');
        setup.Orientation = op.orientation === 'landscape' ? ET.landscape : ET.portrait;
        if (op.fitToWidth) {
          setup.Zoom = false;
          setup.FitToPagesWide = 1;
          setup.FitToPagesTall = false;
        }
        if (op.printArea !== undefined) setup.PrintArea = toRangeA1(parseRangeOrThrow(op.printArea), true);
        if (op.titleRows !== undefined) {
          setup.PrintTitleRows = `$${String(op.titleRows.first + 1)}:$${String(op.titleRows.last + 1)}`;
        }
        return;
      }
    }
  }

  /** A new rule replaces the old one on its cells, as in the other hosts. */
  private freshValidation(sheet: EtWorksheet, range: string) {
    const validation = readMember(sheet.Range(range), 'Validation');
    validation.Delete();
    return validation;
  }

  /** Frozen panes belong to the window showing the sheet, so the sheet is shown first. */
  private freezePanes(sheet: EtWorksheet, rows: number, cols: number): void {
    if (this.app.ActiveWindow === undefined) {
      throw new HostError('unsupported', '此版本 WPS 不能冻结窗格 / this WPS build cannot freeze panes');
    }
    sheet.Activate();
    const window = readMember(this.app, 'ActiveWindow');
    if (window === null || window === undefined) return;
    window.FreezePanes = false;
    window.ScrollRow = 1;
    window.ScrollColumn = 1;
    window.SplitRow = rows;
    window.SplitColumn = cols;
    if (rows + cols > 0) window.FreezePanes = true;
  }

  // ---------------------------------------------------------------- reading

  private readBlockNow(sheet: EtWorksheet, range?: string): Block {
    if (range !== undefined) {
      const area = parseRangeOrThrow(range);
      return withMerges(readArea(sheet.Range(toRangeA1(area)), area), mergesIn(sheet, area));
    }
    const used = this.usedRange(sheet);
    if (used === null) return { top: 0, left: 0, values: [], formulas: [] };
    return withMerges(readArea(used.target, used.range), mergesIn(sheet, used.range));
  }

  /** The used range, or null for an empty sheet (ET reports '$A$1' for one). */
  private usedRange(sheet: EtWorksheet): { target: EtRange; range: CellRange } | null {
    const target = readMember(sheet, 'UsedRange');
    const [range] = parseEtAddress(String(readMember(target, 'Address')));
    if (range === undefined) return null;
    if (range.top === range.bottom && range.left === range.right) {
      if (fromEtScalar(target.Formula) === null) return null;
    }
    return { target, range };
  }

  // ---------------------------------------------------------------- lookups

  private workbook(): EtWorkbook {
    if (this.bound !== null) return this.bound;
    const workbook = readMember(this.app, 'ActiveWorkbook');
    if (workbook === null || workbook === undefined) {
      throw new HostError('unsupported', '没有打开的工作簿 / no workbook is open in WPS');
    }
    return workbook;
  }

  private sheets(): EtSheets {
    return readMember(this.workbook(), 'Worksheets');
  }

  private existingSheets(): Map<string, ExistingSheet> {
    const sheets = this.sheets();
    const count = Number(readMember(sheets, 'Count'));
    const out = new Map<string, ExistingSheet>();
    for (let i = 1; i <= count; i += 1) {
      const sheet = sheets.Item(i);
      const name = String(readMember(sheet, 'Name'));
      out.set(name.toUpperCase(), {
        name,
        visibility: visibilityOf(sheet.Visible),
        checkedProtection: false,
      });
    }
    return out;
  }

  private sheetOrThrow(name: string): EtWorksheet {
    let sheet: EtWorksheet | null | undefined;
    try {
      sheet = this.sheets().Item(name);
    } catch (error) {
      if (error instanceof HostError) throw error;
      sheet = null;
    }
    if (sheet === null || sheet === undefined) {
      throw new HostError('sheet_not_found', `找不到工作表 / no sheet named ${name}`);
    }
    return sheet;
  }

  /** Every failure of ET becomes a HostError; the UI shows catalog text, never ET's own message. */
  private hostCall<T>(run: () => T): T {
    try {
      return run();
    } catch (error) {
      if (error instanceof HostError) throw error;
      const detail = error instanceof Error ? error.message : String(error);
      throw new HostError('unknown', `WPS 操作失败 / WPS refused the operation: ${detail}`);
    }
  }
}

interface ExistingSheet {
  name: string;
  visibility: SheetVisibility;
  checkedProtection: boolean;
}

// ---------------------------------------------------------------- plan checks

/** The colours a plan gives, which this host must turn into BGR integers, checked with the rest of the plan. */
function checkColours(op: PlanOp): void {
  if (op.kind === 'ensureSheet' && op.tabColor !== undefined) hexToBgr(op.tabColor);
  if (op.kind === 'highlight') {
    hexToBgr(op.fill);
    if (op.fontColor !== undefined) hexToBgr(op.fontColor);
  }
  if (op.kind === 'style') {
    if (op.style.fill !== undefined) hexToBgr(op.style.fill);
    if (op.style.fontColor !== undefined) hexToBgr(op.style.fontColor);
  }
}

// ---------------------------------------------------------------- writing

/**
 * One block: rows of equal length are one rectangle, written with one `Range(...)` and one `Formula`
 * assignment (ET takes constants and formulas alike through `Formula`). Ragged rows are written as one
 * rectangle per run of equal-length rows, so no cell outside the plan's values is touched.
 */
function writeBlock(sheet: EtWorksheet, topLeft: string, values: CellInput[][]): void {
  const start = parseRangeOrThrow(topLeft);
  for (const part of rectangles(values)) {
    if (part.width === 0) continue;
    const area: CellRange = {
      top: start.top + part.firstRow,
      left: start.left,
      bottom: start.top + part.firstRow + part.rows.length - 1,
      right: start.left + part.width - 1,
    };
    sheet.Range(toRangeA1(area)).Formula = part.rows.map((row) => row.map(toEtInput));
  }
}

function rectangles(values: CellInput[][]): { firstRow: number; width: number; rows: CellInput[][] }[] {
  const out: { firstRow: number; width: number; rows: CellInput[][] }[] = [];
  values.forEach((row, r) => {
    const last = out[out.length - 1];
    if (last !== undefined && last.width === row.length) last.rows.push(row);
    else out.push({ firstRow: r, width: row.length, rows: [row] });
  });
  return out;
}

/** The A1 ranges a writeBlock op writes, as the change events for them will name them. */
function writtenRanges(op: Extract<PlanOp, { kind: 'writeBlock' }>): { sheet: string; range: string }[] {
  const start = parseRangeOrThrow(op.topLeft);
  return rectangles(op.values)
    .filter((part) => part.width > 0)
    .map((part) =>
      toRangeA1({
        top: start.top + part.firstRow,
        left: start.left,
        bottom: start.top + part.firstRow + part.rows.length - 1,
        right: start.left + part.width - 1,
      }),
    )
    .map((range) => ({ sheet: op.sheet, range }));
}

/**
 * Most ET calls a merge listing may make for one block; past it the block is handed on without merges (the
 * reader then works as on a host that lists none) rather than stall the pane.
 */
export const MERGE_PROBE_BUDGET = 4000;

/**
 * The merged ranges overlapping `area`, whole, or undefined when ET cannot tell (no MergeCells) or the budget
 * runs out. ET has no call that lists merges, so the area is probed: `MergeCells` of a range is false when no
 * cell in it is merged (one call rules out the whole range), else the range is halved until a single cell,
 * whose `MergeArea` is the merge. The cost grows with the number of merges, not with the number of cells.
 */
export function mergesIn(sheet: EtWorksheet, area: CellRange): CellRange[] | undefined {
  const found = new Map<string, CellRange>();
  const covered = (a: CellRange): boolean =>
    [...found.values()].some(
      (m) => m.top <= a.top && m.bottom >= a.bottom && m.left <= a.left && m.right >= a.right,
    );
  const mergeAreaOf = (row: number, col: number): CellRange | null => {
    const cell = sheet.Range(toRangeA1({ top: row, left: col, bottom: row, right: col }));
    const [merge] = parseEtAddress(String(readMember(readMember(cell, 'MergeArea'), 'Address')));
    return merge === undefined || (merge.top === merge.bottom && merge.left === merge.right) ? null : merge;
  };
  let probes = 0;
  const pending: CellRange[] = [area];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (covered(next)) continue;
    probes += 1;
    if (probes > MERGE_PROBE_BUDGET) return undefined;
    const merged = readMember(sheet.Range(toRangeA1(next)), 'MergeCells');
    if (merged === false) continue;
    if (merged !== true && merged !== null) return undefined;
    const single = next.top === next.bottom && next.left === next.right;
    if (single || merged === true) {
      // The merge at the first cell often is the whole range probed (a merged title, a level cell).
      probes += 1;
      const merge = mergeAreaOf(next.top, next.left);
      if (merge !== null) found.set(toRangeA1(merge), merge);
      if (single || (merge !== null && covered(next))) continue;
    }
    const rows = next.bottom - next.top + 1;
    const cols = next.right - next.left + 1;
    if (rows >= cols) {
      const mid = next.top + Math.floor(rows / 2);
      pending.push({ ...next, top: mid }, { ...next, bottom: mid - 1 });
    } else {
      const mid = next.left + Math.floor(cols / 2);
      pending.push({ ...next, left: mid }, { ...next, right: mid - 1 });
    }
  }
  return [...found.values()].sort((a, b) => a.top - b.top || a.left - b.left);
}

function withMerges(block: Block, merges: CellRange[] | undefined): Block {
  return merges === undefined || merges.length === 0 ? block : { ...block, merges };
}

function readArea(target: EtRange, area: CellRange): Block {
  const rows = area.bottom - area.top + 1;
  const cols = area.right - area.left + 1;
  const rawValues = toRows(target.Value2, rows, cols);
  const rawFormulas = toRows(target.Formula, rows, cols);
  const values: CellScalar[][] = [];
  const formulas: (string | null)[][] = [];
  rawValues.forEach((row, r) => {
    const formulaRow = rawFormulas[r] ?? [];
    values.push(row.map((value) => fromEtScalar(value)));
    formulas.push(row.map((value, c) => formulaOf(formulaRow[c], value)));
  });
  return { top: area.top, left: area.left, values, formulas };
}

function applyStyle(range: EtRange, style: CellStyle): void {
  if (
    style.fontName !== undefined ||
    style.bold !== undefined ||
    style.fontSize !== undefined ||
    style.fontColor !== undefined
  ) {
    const font = readMember(range, 'Font');
    if (style.fontName !== undefined) font.Name = style.fontName;
    if (style.bold !== undefined) font.Bold = style.bold;
    if (style.fontSize !== undefined) font.Size = style.fontSize;
    if (style.fontColor !== undefined) font.Color = hexToBgr(style.fontColor);
  }
  if (style.fill !== undefined) readMember(range, 'Interior').Color = hexToBgr(style.fill);
  if (style.horizontal !== undefined) {
    range.HorizontalAlignment =
      style.horizontal === 'left'
        ? ET.alignLeft
        : style.horizontal === 'right'
          ? ET.alignRight
          : ET.alignCenter;
  }
  if (style.vertical !== undefined) {
    range.VerticalAlignment =
      style.vertical === 'top' ? ET.alignTop : style.vertical === 'bottom' ? ET.alignBottom : ET.alignCenter;
  }
  if (style.wrap !== undefined) range.WrapText = style.wrap;
  if (style.border !== undefined) {
    const borders = readMember(range, 'Borders');
    if (style.border === 'thin') {
      borders.LineStyle = ET.lineContinuous;
      borders.Weight = ET.borderThin;
    } else {
      borders.LineStyle = ET.lineNone;
    }
  }
}

/** Runs of equal widths share one `Range('A:C').ColumnWidth`. */
function setColumnWidths(sheet: EtWorksheet, firstCol: number, widths: number[]): void {
  let runStart = 0;
  for (let i = 1; i <= widths.length; i += 1) {
    if (i < widths.length && widths[i] === widths[runStart]) continue;
    const width = widths[runStart];
    if (width !== undefined) {
      sheet.Range(columnsRef(firstCol + runStart, firstCol + i - 1)).ColumnWidth = width;
    }
    runStart = i;
  }
}

function describeValidation(
  validation: ReturnType<typeof readMember<EtRange, 'Validation'>>,
  prompt: string | undefined,
  error: string | undefined,
): void {
  if (prompt !== undefined) {
    validation.InputMessage = prompt;
    validation.ShowInput = true;
  }
  if (error !== undefined) {
    validation.ErrorMessage = error;
    validation.ShowError = true;
  }
}

/** No password: locked cells (our formulas) cannot be typed over, and the sheet can be unprotected by hand. */
function protect(sheet: EtWorksheet, allow: ProtectionAllowances | undefined): void {
  if (allow === undefined) {
    sheet.Protect();
    return;
  }
  sheet.Protect(
    undefined, // Password
    true, // DrawingObjects
    true, // Contents
    undefined, // Scenarios
    undefined, // UserInterfaceOnly
    false, // AllowFormattingCells
    allow.formatColumns,
    allow.formatRows,
    false, // AllowInsertingColumns
    allow.insertRows,
    false, // AllowInsertingHyperlinks
    false, // AllowDeletingColumns
    allow.deleteRows,
  );
}

function visibleNumber(visibility: SheetVisibility): number {
  if (visibility === 'veryHidden') return ET.sheetVeryHidden;
  return visibility === 'hidden' ? ET.sheetHidden : ET.sheetVisible;
}

function visibilityOf(visible: unknown): SheetVisibility {
  if (visible === ET.sheetVeryHidden) return 'veryHidden';
  if (visible === ET.sheetHidden || visible === false) return 'hidden';
  return 'visible';
}
