/**
 * The Excel host: WorkbookPort over Office.js (docs/architecture.md §3). Office.js pays one round trip per
 * `context.sync()`, so every method queues all its commands and syncs once where it can:
 *
 * - applyPlan: one `Excel.run`, one sync for a template (see `applyPlan` for the sheet-name snapshot that
 *   makes this possible and for the cases that cost more);
 * - readBlock/readBlocks: one sync for any number of blocks, their merged areas loaded in the same batch
 *   (ExcelApi 1.13; a batch Office refuses for them — more than 512 merged areas in one range — is read
 *   again without them);
 * - listSheets: two (the sheets, then their used ranges);
 * - events: `onChanged` on the worksheet collection (ExcelApi 1.9) or on each sheet, our own writes told
 *   apart by `triggerSource` (1.14) or kept silent with `runtime.enableEvents` (1.8).
 *
 * The Excel API comes in through `ExcelHostApi`, so tests run this class against a fake.
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
import { columnIndex, parseRange, toRangeA1, type CellRange } from '../../domain/grid/address';
import type { Block, CellScalar } from '../../domain/grid/cell';
import type { Plan, PlanOp, SheetVisibility } from '../../domain/plan/plan';
import type {
  ExcelHostApi,
  XlChangedArgs,
  XlRange,
  XlRangeAreas,
  XlRequestContext,
  XlWorksheet,
} from './excel-api';
import { toHostError } from './excel-errors';
import {
  estimatedRequestBytes,
  OFFICE_VISIBILITY,
  queueDefineName,
  queueSheetOp,
  splitWriteBlock,
  type QueueFeatures,
} from './excel-plan';

/**
 * Excel on the web refuses a request over 5 MB (the limit is per request, that is per sync, so cutting a write
 * into several ranges helps only when they go in separate syncs). A plan is sent in one batch while its
 * estimate stays under this budget, as every template does by far; a larger plan goes in several batches, and
 * a block larger than half the budget is first cut into blocks of whole rows.
 */
export const REQUEST_BUDGET_BYTES = 4 * 1024 * 1024;

/**
 * How long sheet names read from the workbook are trusted for planning without reading them again. The
 * pane's insert reads the sheets (to choose a free name) immediately before applying the plan; within this
 * window the plan is applied in one sync. Should the user have added a sheet of the same name in between,
 * Office refuses the `add` (ItemAlreadyExists → sheet_exists) before any cell is written, because the
 * batch creates sheets before it writes anything.
 */
export const SHEET_SNAPSHOT_TTL_MS = 3000;

interface SheetState {
  id: string;
  name: string;
  visibility: SheetVisibility;
  protected: boolean;
  protectionOptions: Excel.WorksheetProtectionOptions;
}

interface Snapshot {
  sheets: SheetState[];
  /** Defined names by upper-case name. */
  names: Set<string>;
  takenAt: number;
}

export interface ExcelWorkbookOptions {
  /** Milliseconds clock, injectable for tests of the snapshot window. */
  now?: () => number;
  /** Called after a plan was applied (the entry uses it to keep the add-in loading with this workbook). */
  afterPlanApplied?: (plan: Plan) => void;
}

const VISIBILITY_FROM_OFFICE: Readonly<Record<string, SheetVisibility>> = {
  Visible: 'visible',
  Hidden: 'hidden',
  VeryHidden: 'veryHidden',
};

/** 'Sheet1!B3', "'自评 表'!B3:C4" → sheet and address; a bare address has no sheet. */
export function splitSheetAddress(address: string): { sheet: string | null; range: string } {
  const bang = address.lastIndexOf('!');
  if (bang < 0) return { sheet: null, range: address };
  let sheet = address.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, range: address.slice(bang + 1) };
}

/**
 * An event's address as a cell range: Office reports whole rows as '5:6' and whole columns as 'B:C' for
 * structural changes.
 */
export function eventRange(address: string): CellRange {
  const ref = splitSheetAddress(address).range.replace(/\$/g, '');
  const rows = /^([0-9]+)(?::([0-9]+))?$/.exec(ref);
  if (rows?.[1] !== undefined) {
    const a = Number(rows[1]) - 1;
    const b = Number(rows[2] ?? rows[1]) - 1;
    return { top: Math.min(a, b), bottom: Math.max(a, b), left: 0, right: MAX_COLS - 1 };
  }
  const cols = /^([A-Za-z]{1,3})(?::([A-Za-z]{1,3}))?$/.exec(ref);
  if (cols?.[1] !== undefined) {
    const a = columnIndex(cols[1]);
    const b = columnIndex(cols[2] ?? cols[1]);
    return { top: 0, bottom: MAX_ROWS - 1, left: Math.min(a, b), right: Math.max(a, b) };
  }
  return parseRangeOrThrow(ref);
}

/** Office hands back '' for a blank cell; the engine's blank is null (like every other host). */
function scalarOf(value: unknown): CellScalar {
  if (value === '' || value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}

/** `formulas` holds the formula text for formula cells and the plain value for the others. */
function formulaOf(value: unknown): string | null {
  return typeof value === 'string' && value.length > 1 && value.startsWith('=') ? value : null;
}

function toBlock(range: CellRange, values: unknown[][], formulas: unknown[][]): Block {
  return {
    top: range.top,
    left: range.left,
    values: values.map((row) => row.map(scalarOf)),
    formulas: formulas.map((row) => row.map(formulaOf)),
  };
}

/** A used range that starts below or right of A1 is padded with blanks, so a sheet reads from A1. */
function paddedFromA1(used: { rowIndex: number; columnIndex: number }, inner: Block): Block {
  const width = used.columnIndex + (inner.values[0]?.length ?? 0);
  const pad = <T>(rows: T[][]): (T | null)[][] => [
    ...Array.from({ length: used.rowIndex }, () => Array.from({ length: width }, () => null)),
    ...rows.map((row) => [...Array.from({ length: used.columnIndex }, () => null), ...row]),
  ];
  return { top: 0, left: 0, values: pad(inner.values), formulas: pad(inner.formulas) };
}

function sameName(a: string, b: string): boolean {
  return a.toUpperCase() === b.toUpperCase();
}

type SheetOp = Exclude<PlanOp, { kind: 'ensureSheet' | 'defineName' }>;

/** What a plan does to sheets, worked out before anything is queued. */
interface PlanLayout {
  /** Sheets to create, in plan order; `after` places a new sheet right after that one. */
  create: { name: string; visibility: SheetVisibility; tabColor?: string; after?: string }[];
  /** Existing sheets the plan reuses, with the visibility/tab colour it sets. */
  reuse: { name: string; visibility: SheetVisibility; tabColor?: string }[];
  /** Existing sheets the plan writes without an ensureSheet op: only checked to exist. */
  guard: string[];
  /** Existing protected sheets the plan writes to: unprotected first, protected again at the end. */
  reprotect: SheetState[];
}

export class ExcelWorkbook implements WorkbookPort {
  readonly capabilities: HostCapabilities;
  private readonly features: QueueFeatures;
  private readonly worksheetEvents: boolean;
  /** Whether `readBlocks` asks for merged areas (ExcelApi 1.13). */
  private readonly mergedAreas: boolean;
  private snapshot: Snapshot | null = null;
  /**
   * Sheet names by id, for naming change events. Kept apart from the snapshot, which a plan invalidates while
   * it runs: events of the plan's own writes arrive during that time. Refreshed by every sheet listing, so a
   * sheet the user renamed is named correctly again from the next listing on.
   */
  private readonly namesById = new Map<string, string>();
  private readonly listeners = new Set<(change: CellsChanged) => void>();
  private listening: Promise<void> | null = null;
  /** Our own batches under way; without triggerSource, events arriving meanwhile are ours. */
  private writesInFlight = 0;
  private readonly now: () => number;

  constructor(
    private readonly api: ExcelHostApi,
    private readonly options: ExcelWorkbookOptions = {},
  ) {
    this.capabilities = {
      hasChangeEvents: api.isSetSupported('ExcelApi', '1.7'),
      hasTriggerSource: api.isSetSupported('ExcelApi', '1.14'),
      calculates: true,
    };
    this.features = { pageLayout: api.isSetSupported('ExcelApi', '1.9') };
    this.worksheetEvents = api.isSetSupported('ExcelApi', '1.9');
    this.mergedAreas = api.isSetSupported('ExcelApi', '1.13');
    this.now = options.now ?? (() => Date.now());
    const create = api.createWorkbook;
    if (create !== undefined) {
      this.newWorkbook = {
        kind: 'from-file',
        open: async (base64) => {
          try {
            await create(base64);
          } catch (error) {
            throw toHostError(error, 'createWorkbook');
          }
        },
      };
    }
  }

  /** Excel opens a new workbook from an xlsx file (ExcelApi 1.8). */
  readonly newWorkbook?: NewWorkbook;

  // ---------------------------------------------------------------- the port

  async listSheets(): Promise<SheetInfo[]> {
    return this.run('listSheets', async (context) => {
      const sheets = await this.loadSnapshot(context);
      const used = sheets.sheets.map((s) => {
        const range = context.workbook.worksheets.getItem(s.name).getUsedRangeOrNullObject(true);
        range.load('rowIndex,columnIndex,rowCount,columnCount');
        return range;
      });
      await context.sync();
      return sheets.sheets.map((s, i) => {
        const range = used[i];
        const usedRange =
          range === undefined || range.isNullObject
            ? null
            : toRangeA1({
                top: 0,
                left: 0,
                bottom: range.rowIndex + range.rowCount - 1,
                right: range.columnIndex + range.columnCount - 1,
              });
        return { name: s.name, visibility: s.visibility, usedRange };
      });
    });
  }

  /**
   * The whole plan in one `Excel.run`. Sheets are created first, then cells are written; with a fresh
   * snapshot of sheet names (see SHEET_SNAPSHOT_TTL_MS) the plan costs one sync, otherwise one more to
   * read the names. Without triggerSource (ExcelApi < 1.14) events are switched off for the batch and on
   * again in a second sync, even when the first fails: switching them back on in the same batch would leave
   * them off for good if the batch failed half way.
   */
  async applyPlan(plan: Plan): Promise<void> {
    const fresh = this.freshSnapshot();
    this.snapshot = null;
    const muteEvents = !this.capabilities.hasTriggerSource;
    this.writesInFlight += 1;
    try {
      await this.run('applyPlan', async (context) => {
        const snapshot = fresh ?? (await this.loadSnapshot(context));
        let layout: PlanLayout;
        try {
          layout = layoutPlan(plan, snapshot);
        } catch (error) {
          // Refused before anything was queued: the workbook is as the snapshot says.
          this.snapshot = snapshot;
          throw error;
        }
        if (muteEvents) context.runtime.enableEvents = false;
        try {
          await this.queueAndSync(context, plan, layout, snapshot);
        } finally {
          if (muteEvents) {
            context.runtime.enableEvents = true;
            await context.sync();
          }
        }
      });
    } finally {
      this.writesInFlight -= 1;
    }
    this.options.afterPlanApplied?.(plan);
  }

  async readBlock(sheet: string, range?: string): Promise<Block> {
    const [block] = await this.readBlocks([range === undefined ? { sheet } : { sheet, range }]);
    if (block === undefined) throw new HostError('unknown', '读取失败 / nothing read');
    return block;
  }

  async readBlocks(requests: readonly { sheet: string; range?: string }[]): Promise<Block[]> {
    const areas = requests.map((r) => (r.range === undefined ? null : parseRangeOrThrow(r.range)));
    const read = (withMerges: boolean): Promise<Block[]> =>
      this.run('readBlocks', async (context) => {
        const queued = requests.map((request, i) => {
          const area = areas[i] ?? null;
          const sheet = context.workbook.worksheets.getItem(request.sheet);
          const range =
            area === null ? sheet.getUsedRangeOrNullObject(true) : sheet.getRange(toRangeA1(area));
          range.load(area === null ? 'values,formulas,rowIndex,columnIndex' : 'values,formulas');
          // The merged areas ride in the same batch: no round trip of their own, none per cell.
          let merged: XlRangeAreas | null = null;
          if (withMerges) {
            merged = range.getMergedAreasOrNullObject();
            merged.load('address');
          }
          return { area, range, merged };
        });
        await context.sync();
        return queued.map(({ area, range, merged }) => withMergesOf(blockOf(area, range), merged));
      });
    if (!this.mergedAreas) return read(false);
    try {
      return await read(true);
    } catch {
      // Office refuses merged areas past 512 in one range; the cells are still worth reading without them.
      return read(false);
    }
  }

  async select(sheet: string, cell: string): Promise<void> {
    const area = parseRangeOrThrow(cell);
    await this.run('select', async (context) => {
      const target = context.workbook.worksheets.getItem(sheet);
      target.activate();
      target.getRange(toRangeA1(area)).select();
      await context.sync();
    });
  }

  async getSelection(): Promise<{ sheet: string; cell: string } | null> {
    return this.run('getSelection', async (context) => {
      const cell = context.workbook.getActiveCell();
      cell.load('address');
      await context.sync();
      const { sheet, range } = splitSheetAddress(cell.address);
      if (sheet === null) return null;
      return { sheet, cell: range.replace(/\$/g, '') };
    });
  }

  onCellsChanged(listener: (change: CellsChanged) => void): () => void {
    const wrapped = (change: CellsChanged): void => listener(change);
    this.listeners.add(wrapped);
    if (this.capabilities.hasChangeEvents && this.listening === null) this.listening = this.listen();
    return () => {
      // The Office handler stays registered: it costs nothing with no listener, and removing it would cost
      // a round trip each time the pane unsubscribes and subscribes again.
      this.listeners.delete(wrapped);
    };
  }

  /** Resolves once Office handlers are registered (after the first subscription). */
  async whenListening(): Promise<void> {
    await this.listening;
  }

  // ---------------------------------------------------------------- internals

  private async run<T>(what: string, batch: (context: XlRequestContext) => Promise<T>): Promise<T> {
    try {
      return await this.api.run({ delayForCellEdit: true }, batch);
    } catch (error) {
      throw toHostError(error, what);
    }
  }

  private freshSnapshot(): Snapshot | null {
    const snapshot = this.snapshot;
    if (snapshot === null || this.now() - snapshot.takenAt > SHEET_SNAPSHOT_TTL_MS) return null;
    return snapshot;
  }

  /** Sheets (names, ids, visibility, protection) and defined names, in one sync. */
  private async loadSnapshot(context: XlRequestContext): Promise<Snapshot> {
    const sheets = context.workbook.worksheets;
    sheets.load('items/name,items/id,items/visibility,items/protection/protected,items/protection/options');
    const names = context.workbook.names;
    names.load('items/name');
    await context.sync();
    const snapshot: Snapshot = {
      sheets: sheets.items.map((s) => ({
        id: s.id,
        name: s.name,
        visibility: VISIBILITY_FROM_OFFICE[s.visibility] ?? 'visible',
        protected: s.protection.protected,
        protectionOptions: s.protection.options,
      })),
      names: new Set(names.items.map((n) => n.name.toUpperCase())),
      takenAt: this.now(),
    };
    this.remember(snapshot);
    return snapshot;
  }

  private remember(snapshot: Snapshot): void {
    this.snapshot = snapshot;
    for (const sheet of snapshot.sheets) this.namesById.set(sheet.id, sheet.name);
  }

  /**
   * Queue the plan and sync. Order: check that the sheets the plan reuses still exist (a load, so a sheet
   * deleted since the snapshot fails the batch before any write), create sheets, lift protection where the
   * plan writes to a protected sheet, the ops in plan order, protection back on. Every queued `add` loads
   * the new sheet's id in the same sync, for naming change events.
   */
  private async queueAndSync(
    context: XlRequestContext,
    plan: Plan,
    layout: PlanLayout,
    snapshot: Snapshot,
  ): Promise<void> {
    const worksheets = context.workbook.worksheets;
    const proxies = new Map<string, XlWorksheet>();
    for (const name of [...layout.reuse.map((s) => s.name), ...layout.guard]) {
      const sheet = worksheets.getItem(name);
      sheet.load('name');
      proxies.set(name.toUpperCase(), sheet);
    }
    const created: XlWorksheet[] = [];
    // Sheet order as it will be, to place a sheet created `after` another (added sheets go last).
    const order = snapshot.sheets.map((s) => s.name.toUpperCase());
    for (const sheet of layout.create) {
      const proxy = worksheets.add(sheet.name);
      proxy.load('id,name');
      const after = sheet.after === undefined ? -1 : order.indexOf(sheet.after.toUpperCase());
      if (after >= 0) {
        proxy.position = after + 1;
        order.splice(after + 1, 0, sheet.name.toUpperCase());
      } else {
        order.push(sheet.name.toUpperCase());
      }
      // Without the collection's onChanged (before ExcelApi 1.9), a new sheet needs its own handler.
      if (!this.worksheetEvents && this.listening !== null)
        proxy.onChanged.add((args) => this.onOfficeChange(args));
      created.push(proxy);
      proxies.set(sheet.name.toUpperCase(), proxy);
    }
    const sheetFor = (name: string): XlWorksheet => {
      const key = name.toUpperCase();
      let proxy = proxies.get(key);
      if (proxy === undefined) {
        proxy = worksheets.getItem(name);
        proxies.set(key, proxy);
      }
      return proxy;
    };
    for (const state of layout.reprotect) sheetFor(state.name).protection.unprotect();
    // Visibility last among sheet properties: Excel refuses to hide a sheet while it is the only visible one,
    // and new visible sheets exist by now.
    for (const sheet of [...layout.create, ...layout.reuse]) {
      const proxy = sheetFor(sheet.name);
      if (sheet.tabColor !== undefined) proxy.tabColor = sheet.tabColor;
    }
    for (const sheet of [...layout.create, ...layout.reuse]) {
      sheetFor(sheet.name).visibility = OFFICE_VISIBILITY[sheet.visibility];
    }

    const knownNames = new Set(snapshot.names);
    const protectedByPlan = new Set<string>();
    let batchBytes = 0;
    const ops = plan.ops.flatMap((op): PlanOp[] =>
      op.kind === 'writeBlock' ? splitWriteBlock(op, REQUEST_BUDGET_BYTES / 2) : [op],
    );
    for (const op of ops) {
      if (op.kind === 'ensureSheet') continue;
      const bytes = estimatedRequestBytes(op);
      if (batchBytes > 0 && batchBytes + bytes > REQUEST_BUDGET_BYTES) {
        // Only a plan far larger than any template gets here: Excel on the web refuses a request over 5 MB,
        // so the batch so far goes first. Each sync sends one bounded request.
        // eslint-disable-next-line office-addins/no-context-sync-in-loop
        await context.sync();
        batchBytes = 0;
      }
      batchBytes += bytes;
      if (op.kind === 'defineName') {
        queueDefineName(context, op.name, op.refersTo, knownNames.has(op.name.toUpperCase()));
        knownNames.add(op.name.toUpperCase());
        continue;
      }
      if (op.kind === 'protectSheet') protectedByPlan.add(op.sheet.toUpperCase());
      queueSheetOp(sheetFor(op.sheet), op as SheetOp, this.features);
    }
    for (const state of layout.reprotect) {
      if (!protectedByPlan.has(state.name.toUpperCase())) {
        sheetFor(state.name).protection.protect(state.protectionOptions);
      }
    }
    const formSheet = layout.create.find(
      (s) => sameName(s.name, plan.formSheet) && s.visibility === 'visible',
    );
    if (formSheet !== undefined) sheetFor(formSheet.name).activate();
    await context.sync();

    this.remember({
      sheets: [
        ...snapshot.sheets.map((s) => {
          const reused = layout.reuse.find((r) => sameName(r.name, s.name));
          const reprotected = layout.reprotect.some((r) => sameName(r.name, s.name));
          return {
            ...s,
            visibility: reused?.visibility ?? s.visibility,
            protected: s.protected || reprotected || protectedByPlan.has(s.name.toUpperCase()),
          };
        }),
        ...created.map((proxy, i) => ({
          id: proxy.id,
          name: proxy.name,
          visibility: layout.create[i]?.visibility ?? 'visible',
          protected: protectedByPlan.has(proxy.name.toUpperCase()),
          protectionOptions: {},
        })),
      ],
      names: knownNames,
      takenAt: snapshot.takenAt,
    });
  }

  // ---------------------------------------------------------------- events

  private async listen(): Promise<void> {
    await this.run('listen', async (context) => {
      const worksheets = context.workbook.worksheets;
      if (this.worksheetEvents) {
        worksheets.onChanged.add((args) => this.onOfficeChange(args));
      } else {
        // Before ExcelApi 1.9 the collection has no onChanged: each sheet gets a handler, and sheets our plans
        // create get theirs in the plan's batch. Sheets the person adds are not watched; the pane re-checks
        // them when it lists the sheets again.
        worksheets.load('items/name');
        await context.sync();
        for (const sheet of worksheets.items) sheet.onChanged.add((args) => this.onOfficeChange(args));
      }
      await context.sync();
    });
  }

  private async onOfficeChange(args: XlChangedArgs): Promise<void> {
    if (this.listeners.size === 0) return;
    const sheet = await this.sheetNameOf(args.worksheetId);
    if (sheet === null) return;
    const source =
      args.source === 'Remote'
        ? 'other'
        : args.triggerSource === 'ThisLocalAddin' ||
            (!this.capabilities.hasTriggerSource && this.writesInFlight > 0)
          ? 'ours'
          : 'user';
    const change: CellsChanged = { sheet, range: toRangeA1(eventRange(args.address)), source };
    if (args.changeType === 'RowInserted') change.structural = 'rowsInserted';
    if (args.changeType === 'RowDeleted') change.structural = 'rowsDeleted';
    for (const listener of [...this.listeners]) listener(change);
  }

  /** A sheet's name by id: known from a listing or a plan, else one lookup. */
  private async sheetNameOf(id: string): Promise<string | null> {
    const known = this.namesById.get(id);
    if (known !== undefined) return known;
    try {
      return await this.api.run({ delayForCellEdit: true }, async (context) => {
        const sheet = context.workbook.worksheets.getItem(id);
        sheet.load('name');
        await context.sync();
        this.namesById.set(id, sheet.name);
        return sheet.name;
      });
    } catch {
      // The sheet went away before we asked (deleted right after the edit): nothing left to check.
      return null;
    }
  }
}

/** The block with the merged areas Office listed, those that overlap it; unchanged when there are none. */
function withMergesOf(block: Block, merged: XlRangeAreas | null): Block {
  if (merged === null || merged.isNullObject || block.values.length === 0) return block;
  const bottom = block.top + block.values.length - 1;
  let width = 0;
  for (const row of block.values) width = Math.max(width, row.length);
  const right = block.left + width - 1;
  const merges = mergedAreasOf(merged.address).filter(
    (m) => m.top <= bottom && m.bottom >= block.top && m.left <= right && m.right >= block.left,
  );
  return merges.length === 0 ? block : { ...block, merges };
}

const AREA_REF = /^[A-Z]{1,3}[0-9]+(?::[A-Z]{1,3}[0-9]+)?$/;

/**
 * The ranges of a RangeAreas address ("Sheet1!A1:F1, 'My, Sheet'!$B$3:$C$4"): split at the commas outside
 * quoted sheet names; a single cell or a part that is no range is left out.
 */
export function mergedAreasOf(address: string): CellRange[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < address.length; i++) {
    const ch = address[i];
    if (ch === "'") quoted = !quoted;
    else if (ch === ',' && !quoted) {
      parts.push(address.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(address.slice(start));
  const ranges: CellRange[] = [];
  for (const part of parts) {
    const ref = splitSheetAddress(part.trim()).range.replace(/\$/g, '').toUpperCase();
    if (!AREA_REF.test(ref)) continue;
    const range = parseRange(ref);
    if (range.top !== range.bottom || range.left !== range.right) ranges.push(range);
  }
  return ranges;
}

function blockOf(area: CellRange | null, range: XlRange): Block {
  if (area !== null) return toBlock(area, range.values, range.formulas);
  if (range.isNullObject) return { top: 0, left: 0, values: [], formulas: [] };
  const inner = toBlock(
    { top: range.rowIndex, left: range.columnIndex, bottom: 0, right: 0 },
    range.values,
    range.formulas,
  );
  return paddedFromA1({ rowIndex: range.rowIndex, columnIndex: range.columnIndex }, inner);
}

/**
 * The plan checked (`checkPlan`) against the sheets as they will be when each op runs, so a refused plan
 * queues nothing; then laid out as the sheets to create, to reuse and to guard.
 */
function layoutPlan(plan: Plan, snapshot: Snapshot): PlanLayout {
  checkPlan(plan, snapshot.sheets);
  const existing = new Map(snapshot.sheets.map((s) => [s.name.toUpperCase(), s] as const));
  const create: PlanLayout['create'] = [];
  const reuse: PlanLayout['reuse'] = [];
  const written = new Set<string>();
  const guard: string[] = [];
  for (const op of plan.ops) {
    if (op.kind === 'defineName') continue;
    if (op.kind === 'ensureSheet') {
      const key = op.sheet.toUpperCase();
      const found = existing.get(key);
      const pending = create.find((s) => s.name.toUpperCase() === key);
      const setting = {
        name: found?.name ?? pending?.name ?? op.sheet,
        visibility: op.visibility,
        ...(op.tabColor === undefined ? {} : { tabColor: op.tabColor }),
      };
      if (found !== undefined) {
        const index = reuse.findIndex((s) => s.name.toUpperCase() === key);
        if (index >= 0) reuse[index] = { ...reuse[index], ...setting };
        else reuse.push(setting);
      } else if (pending !== undefined) {
        Object.assign(pending, setting);
      } else {
        create.push(op.after === undefined ? setting : { ...setting, after: op.after });
      }
      continue;
    }
    const key = op.sheet.toUpperCase();
    written.add(key);
    const state = existing.get(key);
    if (
      state !== undefined &&
      !reuse.some((s) => sameName(s.name, key)) &&
      !guard.some((n) => sameName(n, key))
    ) {
      // An existing sheet written without an ensureSheet op: still checked for existence before any write.
      guard.push(state.name);
    }
  }
  const reprotect = snapshot.sheets.filter((s) => s.protected && written.has(s.name.toUpperCase()));
  return {
    create,
    reuse,
    guard: guard.filter((name) => !reuse.some((s) => sameName(s.name, name))),
    reprotect,
  };
}
