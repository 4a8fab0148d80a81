/**
 * WPS's SheetChange carries no flag for the add-in's own writes (docs/platform.md §2), so the adapter keeps its own
 * record: a flag while a plan is being applied, and the ranges the plan writes for a short while after, for a
 * build that delivers the event after the write returns. The add-in's pages (the hidden session page and the
 * task pane) are separate scripts; when they share `wps.PluginStorage` the record is kept there, so the
 * session page's listener also knows the pane's writes as ours.
 */

/** The part of `wps.PluginStorage` used here (localStorage-shaped, in memory for the WPS session). */
export interface SharedStorage {
  getItem(key: string): unknown;
  setItem(key: string, value: string): unknown;
  removeItem(key: string): unknown;
}

interface WriteRecord {
  /** Upper-cased sheet name and the A1 range written. */
  sheet: string;
  range: string;
  until: number;
}

const WRITING_KEY = 'bpa.wps.writing';
const WRITTEN_KEY = 'bpa.wps.written';
/** How long a written range still counts as ours when its event arrives after the write. */
export const OWN_WRITE_GRACE_MS = 3000;
/** The longest a plan is taken to run; past it, the shared "writing" mark no longer counts. */
const MAX_PLAN_MS = 60000;

export class OwnWrites {
  private writing = 0;
  private recent: WriteRecord[] = [];

  constructor(
    private readonly shared: SharedStorage | null,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Runs `apply` as our own writing; `ranges` are the ranges it writes, recorded for late events. */
  run<T>(ranges: readonly { sheet: string; range: string }[], apply: () => T): T {
    const until = this.now() + OWN_WRITE_GRACE_MS;
    const records = ranges.map((r) => ({ sheet: r.sheet.toUpperCase(), range: r.range, until }));
    this.recent = [...this.recent.filter((r) => r.until > this.now()), ...records];
    this.writing += 1;
    this.share(records);
    try {
      return apply();
    } finally {
      this.writing -= 1;
      if (this.writing === 0) this.safely(() => this.shared?.removeItem(WRITING_KEY));
    }
  }

  /** Whether a change of `range` on `sheet` is one of our writes. */
  isOurs(sheet: string, range: string): boolean {
    if (this.writing > 0) return true;
    const now = this.now();
    const key = sheet.toUpperCase();
    const matches = (r: WriteRecord) => r.until > now && r.sheet === key && r.range === range;
    if (this.recent.some(matches)) return true;
    if (this.shared === null) return false;
    const writingUntil = Number(this.safely(() => this.shared?.getItem(WRITING_KEY)));
    if (Number.isFinite(writingUntil) && writingUntil > now) return true;
    return this.sharedRecords().some(matches);
  }

  private share(records: WriteRecord[]): void {
    if (this.shared === null) return;
    const now = this.now();
    const kept = this.sharedRecords().filter((r) => r.until > now);
    this.safely(() => this.shared?.setItem(WRITTEN_KEY, JSON.stringify([...kept, ...records])));
    // A deadline rather than a flag: a page closed in the middle of a plan must not silence the user's edits.
    this.safely(() => this.shared?.setItem(WRITING_KEY, String(now + MAX_PLAN_MS)));
  }

  private sharedRecords(): WriteRecord[] {
    const raw = this.safely(() => this.shared?.getItem(WRITTEN_KEY));
    if (typeof raw !== 'string') return [];
    try {
      const parsed: unknown = JSON.parse(raw);
      return Array.isArray(parsed) ? parsed.filter(isWriteRecord) : [];
    } catch {
      // Storage written by an older version of the add-in: nothing there counts as ours.
      return [];
    }
  }

  /** Shared storage is a convenience: when a build lacks it or refuses a call, the local record still holds. */
  private safely<T>(call: () => T): T | undefined {
    try {
      return call();
    } catch {
      return undefined;
    }
  }
}

function isWriteRecord(value: unknown): value is WriteRecord {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return typeof r.sheet === 'string' && typeof r.range === 'string' && typeof r.until === 'number';
}
