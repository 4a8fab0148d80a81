/**
 * Live checks for the task pane, host-independent: listens to the port's change events, re-checks at once
 * (on the next turn of the event loop) and gathers whatever arrives while a re-check runs into the next one,
 * so a paste or a burst of edits is one or two re-checks, not twenty, without a fixed pause; it re-checks only what
 * changed. Each form sheet keeps a FormSession (one block read per edited sheet); a sheet that is not a
 * form yet is read again when it is edited (a form typed or pasted by hand); inserted or deleted rows reload
 * that sheet; a sheet that appears (a template just inserted), disappears or is renamed is found by listing
 * the sheets again. The state after any edits equals a full `checkWorkbook` of the same workbook, with one
 * difference a person filling a form sees: empty required cells of parts nobody has started are listed apart as
 * to-dos (待填写, form-progress.ts) until 全部重新检查 (checkEverything) makes them errors as a full check does.
 */
import type { Issue, Severity } from '../domain/checks/issue';
import type { ParsedForm } from '../domain/forms/form-model';
import { readForm, type FormHint } from '../domain/forms/read-form';
import type { Block } from '../domain/grid/cell';
import { readMeta, type MetaEntry } from '../domain/forms/read-meta';
import { parseRange, toRangeA1, type CellRange } from '../domain/grid/address';
import type { SheetReport } from './check-workbook';
import { goalsFor } from './analyse-form';
import type { EngineSettings } from './engine-settings';
import { FormSession } from './form-session';
import { META_SHEET } from './insert-template';
import {
  HostError,
  type CellsChanged,
  type HostErrorCode,
  type SheetInfo,
  type WorkbookPort,
} from './workbook-port';

/** Timers, injectable so that tests run on fake time. */
export interface Scheduler {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realScheduler: Scheduler = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * No fixed pause: a change is re-checked on the next turn of the event loop, which already gathers the
 * events one paste or one host notification fires together; later changes wait for the running re-check and
 * go in the next batch. A delay can still be given (the benchmarks use a long one to batch by hand).
 */
export const DEFAULT_DEBOUNCE_MS = 0;

/** Excel refuses reads while a cell is being edited: the same changes are tried again after this long. */
export const BUSY_RETRY_MS = 200;

export interface LiveStats {
  /** Batches of edits re-checked since the start. */
  batches: number;
  /** Host round trips of the last batch (a block read, a sheet listing: one each). */
  lastRoundTrips: number;
  /** Host round trips since the controller was created, the initial load included. */
  totalRoundTrips: number;
  /** Time from the first edit of the last batch until its result, as the clock measured it. */
  lastLatencyMs: number;
}

/** A form sheet as the pane shows it: a sheet report whose empty required cells may wait as to-dos. */
export interface LiveSheet extends SheetReport {
  /**
   * Required cells still empty in parts of the form nobody has started (待填写): counted and drawn apart from
   * the issues, which hold everything else. Empty once 全部重新检查 was asked for on the sheet.
   */
  todo: Issue[];
}

export interface LiveState {
  status: 'starting' | 'ready' | 'error';
  /**
   * Every form sheet in workbook order, with its issues and scores (the shape of a WorkbookReport), its to-dos
   * apart.
   */
  sheets: LiveSheet[];
  /** Visible, non-empty sheets that hold no recognisable form. */
  unrecognized: string[];
  /** The form sheet edited or added last: the one the person is working on. */
  lastEdited: string | null;
  /** The last host failure, as a code the pane turns into catalog text; null once a re-check succeeds. */
  error: HostErrorCode | null;
  /** Increases with every new state. */
  revision: number;
  stats: LiveStats;
}

export interface LiveChecksOptions {
  settingsFor: (meta: MetaEntry | null) => EngineSettings;
  debounceMs?: number;
  scheduler?: Scheduler;
  /** Milliseconds, for the latency figure. */
  now?: () => number;
}

export type SeverityCounts = Record<Severity, number>;

export function severityCounts(sheets: readonly SheetReport[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, info: 0 };
  for (const sheet of sheets) for (const issue of sheet.issues) counts[issue.severity] += 1;
  return counts;
}

/** Required cells still to fill (待填写) over the given sheets. */
export function todoCount(sheets: readonly LiveSheet[]): number {
  return sheets.reduce((n, sheet) => n + sheet.todo.length, 0);
}

interface SheetEntry {
  name: string;
  kind: 'form' | 'unrecognized' | 'skipped';
  visible: boolean;
  session: FormSession | null;
  /** The goal form the session compares against (cross-stage check), to notice when it changes. */
  goals: ParsedForm | null;
}

/** A port that counts its round trips. */
class CountingPort implements WorkbookPort {
  trips = 0;
  constructor(private readonly inner: WorkbookPort) {}
  get capabilities() {
    return this.inner.capabilities;
  }
  listSheets() {
    this.trips += 1;
    return this.inner.listSheets();
  }
  applyPlan(plan: Parameters<WorkbookPort['applyPlan']>[0]) {
    this.trips += 1;
    return this.inner.applyPlan(plan);
  }
  readBlock(sheet: string, range?: string) {
    this.trips += 1;
    return this.inner.readBlock(sheet, range);
  }
  readBlocks(requests: readonly { sheet: string; range?: string }[]) {
    this.trips += 1;
    return this.inner.readBlocks(requests);
  }
  select(sheet: string, cell: string) {
    this.trips += 1;
    return this.inner.select(sheet, cell);
  }
  getSelection() {
    this.trips += 1;
    return this.inner.getSelection();
  }
  onCellsChanged(listener: (change: CellsChanged) => void) {
    return this.inner.onCellsChanged(listener);
  }
}

export class LiveChecks {
  private readonly port: CountingPort;
  private readonly scheduler: Scheduler;
  private readonly debounceMs: number;
  private readonly now: () => number;
  private settingsFor: (meta: MetaEntry | null) => EngineSettings;
  private entries: SheetEntry[] = [];
  private meta: MetaEntry[] = [];
  private lastEdited: string | null = null;
  /** Sheets (upper case) whose every empty required cell is an error: 全部重新检查 was asked for. */
  private readonly strictSheets = new Set<string>();
  private pending: CellsChanged[] = [];
  private pendingSince: number | null = null;
  private timer: unknown = null;
  /** A re-check of the pending changes is queued and has not started: new changes will be part of it. */
  private queued = false;
  private running: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<(state: LiveState) => void>();
  private unsubscribe: (() => void) | null = null;
  private current: LiveState = {
    status: 'starting',
    sheets: [],
    unrecognized: [],
    lastEdited: null,
    error: null,
    revision: 0,
    stats: { batches: 0, lastRoundTrips: 0, totalRoundTrips: 0, lastLatencyMs: 0 },
  };

  constructor(port: WorkbookPort, options: LiveChecksOptions) {
    this.port = new CountingPort(port);
    this.settingsFor = options.settingsFor;
    this.scheduler = options.scheduler ?? realScheduler;
    this.debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
    this.now = options.now ?? (() => Date.now());
  }

  get state(): LiveState {
    return this.current;
  }

  /** Reads the whole workbook once and starts listening. */
  start(): Promise<void> {
    if (this.unsubscribe === null) this.unsubscribe = this.port.onCellsChanged((c) => this.onChange(c));
    return this.enqueue(() => this.reloadAll());
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.timer !== null) this.scheduler.clearTimeout(this.timer);
    this.timer = null;
  }

  subscribe(listener: (state: LiveState) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** New profile or framework: every sheet is checked again with them. */
  setSettings(settingsFor: (meta: MetaEntry | null) => EngineSettings): Promise<void> {
    this.settingsFor = settingsFor;
    return this.enqueue(() => this.reloadAll());
  }

  /**
   * 全部重新检查: reads every sheet again and from now on lists every empty required cell of the forms there as
   * an error, started or not. New settings may come with it.
   */
  checkEverything(settingsFor?: (meta: MetaEntry | null) => EngineSettings): Promise<void> {
    if (settingsFor) this.settingsFor = settingsFor;
    return this.enqueue(async () => {
      const sheets = await this.port.listSheets();
      for (const info of sheets) this.strictSheets.add(info.name.toUpperCase());
      await this.reloadAll();
    });
  }

  /**
   * The sheets changed in a way the host may not report as a cell change (our own template insertion, a
   * sheet deleted or renamed): list them again and open or drop sessions; unchanged sheets are not re-read.
   */
  sheetsChanged(): Promise<void> {
    return this.enqueue(() => this.reconcile());
  }

  /**
   * Our own write to cells a person may also edit (an indicator from the library): hosts do not report our
   * writes as the user's, so the caller says which cells changed and they are re-checked at once.
   */
  wrote(sheet: string, range: string): Promise<void> {
    this.pending.push({ sheet, range, source: 'user' });
    this.pendingSince ??= this.now();
    return this.flush();
  }

  /** Re-checks what is waiting now instead of after the pause (tests, a "check now" button). */
  flush(): Promise<void> {
    if (this.timer !== null) this.scheduler.clearTimeout(this.timer);
    this.timer = null;
    return this.enqueue(() => this.processPending());
  }

  /** Resolves when everything started so far has finished. */
  idle(): Promise<void> {
    return this.running;
  }

  // ---------------------------------------------------------------- changes

  private onChange(change: CellsChanged): void {
    if (change.source === 'ours') return;
    if (this.pendingSince === null) this.pendingSince = this.now();
    this.pending.push(change);
    this.schedule();
  }

  private schedule(delayMs: number = this.debounceMs): void {
    // The first change of a batch sets the timer; later ones join it rather than push it back, so a steady
    // stream of edits is still re-checked at a steady pace.
    if (this.timer !== null || this.queued) return;
    this.timer = this.scheduler.setTimeout(() => {
      this.timer = null;
      this.queued = true;
      void this.enqueue(() => {
        this.queued = false;
        return this.processPending();
      });
    }, delayMs);
  }

  /** One piece of work at a time, in order, so that two batches never interleave their reads. */
  private enqueue(work: () => Promise<void>): Promise<void> {
    const next = this.running.then(async () => {
      const tripsBefore = this.port.trips;
      try {
        await work();
        this.current = { ...this.current, error: null };
      } catch (error) {
        // A host failure is shown as catalog text and the last good state stays; anything else is a bug
        // in the engine, and the pane says the checks stopped rather than show stale results as current.
        const code = error instanceof HostError ? error.code : 'unknown';
        const failedToStart = this.current.status === 'starting';
        const status = failedToStart || !(error instanceof HostError) ? 'error' : this.current.status;
        this.current = { ...this.current, error: code, status };
      }
      this.publish(this.port.trips - tripsBefore);
    });
    this.running = next;
    return next;
  }

  private async processPending(): Promise<void> {
    const batch = this.pending;
    const since = this.pendingSince;
    this.pending = [];
    this.pendingSince = null;
    if (batch.length === 0) return;
    try {
      await this.applyBatch(batch);
    } catch (error) {
      // Excel refuses to read while a person is still typing in a cell: try the same changes again after
      // the next pause instead of losing them.
      if (error instanceof HostError && error.code === 'host_busy') {
        this.pending = [...batch, ...this.pending];
        this.pendingSince ??= since;
        this.schedule(Math.max(this.debounceMs, BUSY_RETRY_MS));
      }
      throw error;
    }
    this.current = {
      ...this.current,
      stats: {
        ...this.current.stats,
        batches: this.current.stats.batches + 1,
        lastLatencyMs: since === null ? 0 : Math.max(0, this.now() - since),
      },
    };
  }

  private async applyBatch(batch: readonly CellsChanged[]): Promise<void> {
    const bySheet = new Map<string, CellsChanged[]>();
    for (const change of batch) {
      const key = change.sheet.toUpperCase();
      bySheet.set(key, [...(bySheet.get(key) ?? []), change]);
    }
    if (bySheet.has(META_SHEET.toUpperCase())) {
      await this.reloadAll();
      return;
    }
    const last = batch[batch.length - 1];
    if (last) this.lastEdited = last.sheet;
    let needsListing = false;
    for (const changes of bySheet.values()) {
      const first = changes[0];
      if (!first) continue;
      const entry = this.entryOf(first.sheet);
      if (!entry) {
        needsListing = true;
        continue;
      }
      try {
        if (entry.kind === 'form' && entry.session) await entry.session.applyChange(merged(changes));
        else await this.reclassify(entry);
      } catch (error) {
        if (error instanceof HostError && error.code === 'sheet_not_found') needsListing = true;
        else throw error;
      }
    }
    if (needsListing) await this.reconcile();
    await this.refreshGoals();
    this.collect();
  }

  // ---------------------------------------------------------------- loading

  private async reloadAll(): Promise<void> {
    const sheets = await this.port.listSheets();
    this.meta = await this.readMetaOf(sheets);
    this.entries = [];
    const blocks = await this.readCandidates(sheets);
    for (const info of sheets) this.entries.push(await this.entryFor(info, blocks.get(info.name) ?? null));
    await this.refreshGoals();
    this.current = { ...this.current, status: 'ready' };
    this.collect();
  }

  /** Lists the sheets again: opens new ones, drops gone ones, keeps the sessions of the others. */
  private async reconcile(): Promise<void> {
    const sheets = await this.port.listSheets();
    const known = new Map(this.entries.map((e) => [e.name, e] as const));
    const added = sheets.filter((s) => !known.has(s.name));
    if (sheets.some((s) => s.name === META_SHEET) && (added.length > 0 || this.meta.length === 0)) {
      this.meta = await this.readMetaOf(sheets);
    }
    const blocks = await this.readCandidates(added);
    const next: SheetEntry[] = [];
    for (const info of sheets) {
      const entry = known.get(info.name) ?? (await this.entryFor(info, blocks.get(info.name) ?? null));
      if (!known.has(info.name) && entry.kind === 'form') this.lastEdited = entry.name;
      next.push(entry);
    }
    this.entries = next;
    await this.refreshGoals();
    this.collect();
  }

  private async readMetaOf(sheets: readonly SheetInfo[]): Promise<MetaEntry[]> {
    if (!sheets.some((s) => s.name === META_SHEET)) return [];
    return readMeta(await this.port.readBlock(META_SHEET)).entries;
  }

  /** The blocks of the sheets that may hold a form, in one round trip. */
  private async readCandidates(sheets: readonly SheetInfo[]) {
    const wanted = sheets.filter((s) => this.isCandidate(s));
    const blocks =
      wanted.length === 0 ? [] : await this.port.readBlocks(wanted.map((s) => ({ sheet: s.name })));
    return new Map(wanted.map((s, i) => [s.name, blocks[i] ?? null] as const));
  }

  private isCandidate(info: SheetInfo): boolean {
    return (
      info.visibility === 'visible' &&
      info.usedRange !== null &&
      info.name !== META_SHEET &&
      !this.meta.some((m) => info.name === `${m.sheet}说明`)
    );
  }

  private async entryFor(info: SheetInfo, block: Block | null): Promise<SheetEntry> {
    const visible = info.visibility === 'visible';
    const skipped: SheetEntry = { name: info.name, kind: 'skipped', visible, session: null, goals: null };
    if (!this.isCandidate(info) || block === null) return skipped;
    const hint = this.hintOf(info.name);
    const read = readForm(block, info.name, hint);
    if (!read.ok) return { ...skipped, kind: read.reason === 'unrecognized' ? 'unrecognized' : 'skipped' };
    const session = await FormSession.open(this.port, info.name, this.settingsOf(info.name), hint, null);
    if (session) session.strict = this.strictSheets.has(info.name.toUpperCase());
    return session
      ? { name: info.name, kind: 'form', visible, session, goals: null }
      : { ...skipped, kind: 'unrecognized' };
  }

  /** A sheet that held no form was edited: it may hold one now. */
  private async reclassify(entry: SheetEntry): Promise<void> {
    if (!entry.visible) return;
    const block = await this.port.readBlock(entry.name);
    const usedRange = block.values.length === 0 ? null : toRangeA1(blockRange(block));
    const next = await this.entryFor({ name: entry.name, visibility: 'visible', usedRange }, block);
    Object.assign(entry, next);
  }

  /**
   * Self-evaluations and monitoring sheets are compared with the declared goals in the same workbook: when
   * those goals changed, the sessions that use them are opened again with the new ones.
   */
  private async refreshGoals(): Promise<void> {
    const forms = this.entries.flatMap((e) => (e.session ? [e.session.parsed] : []));
    for (const entry of this.entries) {
      if (!entry.session) continue;
      const wanted = goalsFor(entry.session.parsed, forms);
      if (wanted === entry.goals) continue;
      const session = await FormSession.open(
        this.port,
        entry.name,
        this.settingsOf(entry.name),
        this.hintOf(entry.name),
        wanted,
      );
      if (session) {
        session.strict = this.strictSheets.has(entry.name.toUpperCase());
        entry.session = session;
        entry.goals = wanted;
      }
    }
  }

  private entryOf(sheet: string): SheetEntry | undefined {
    const wanted = sheet.toUpperCase();
    return this.entries.find((e) => e.name.toUpperCase() === wanted);
  }

  private metaOf(sheet: string): MetaEntry | null {
    return this.meta.find((m) => m.sheet === sheet) ?? null;
  }

  private hintOf(sheet: string): FormHint | null {
    const meta = this.metaOf(sheet);
    return meta ? { template: meta.template, version: meta.version } : null;
  }

  private settingsOf(sheet: string): EngineSettings {
    return this.settingsFor(this.metaOf(sheet));
  }

  // ---------------------------------------------------------------- state

  /** The state's sheets from the sessions, in workbook order. */
  private collect(): void {
    const sheets: LiveSheet[] = this.entries.flatMap((e) => {
      const s = e.session;
      if (!s) return [];
      const form = s.parsed;
      const { issues, todo, scores } = s.view();
      return [{ sheet: e.name, template: form.template, source: form.source, form, issues, todo, scores }];
    });
    const unrecognized = this.entries.filter((e) => e.kind === 'unrecognized').map((e) => e.name);
    const lastEdited =
      sheets.find((s) => s.sheet.toUpperCase() === this.lastEdited?.toUpperCase())?.sheet ?? null;
    this.current = { ...this.current, sheets, unrecognized, lastEdited };
  }

  private publish(trips: number): void {
    const stats = this.current.stats;
    this.current = {
      ...this.current,
      revision: this.current.revision + 1,
      stats: { ...stats, lastRoundTrips: trips, totalRoundTrips: this.port.trips },
    };
    for (const listener of [...this.listeners]) listener(this.current);
  }
}

function blockRange(block: Block): CellRange {
  const width = block.values.reduce((w, row) => Math.max(w, row.length), 1);
  return {
    top: block.top,
    left: block.left,
    bottom: block.top + Math.max(1, block.values.length) - 1,
    right: block.left + width - 1,
  };
}

/**
 * Several changes to one sheet in one batch become one: structural changes win (the sheet is reloaded);
 * otherwise the rectangle that holds them all, which the session re-reads in one block when it lies inside
 * a table and reloads the sheet when it does not.
 */
function merged(changes: readonly CellsChanged[]): CellsChanged {
  const first = changes[0];
  if (!first) throw new Error('merged() needs at least one change');
  const structural = changes.find((c) => c.structural !== undefined);
  if (structural) return structural;
  if (changes.length === 1) return first;
  let box: CellRange | null = null;
  for (const change of changes) {
    let range: CellRange;
    try {
      range = parseRange(change.range);
    } catch {
      return { ...first, range: '' };
    }
    box =
      box === null
        ? range
        : {
            top: Math.min(box.top, range.top),
            left: Math.min(box.left, range.left),
            bottom: Math.max(box.bottom, range.bottom),
            right: Math.max(box.right, range.right),
          };
  }
  return { ...first, range: box === null ? '' : toRangeA1(box) };
}
