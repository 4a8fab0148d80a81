/**
 * A live form: the task pane keeps one per form sheet and hands it every change the host reports. An edit
 * inside a table re-reads only the edited rows (one block read) and re-runs only their row rules; the
 * form-level rules (sums, totals) and the scores are brought up to date after every edit. Anything else
 * (a header, the funds block, inserted rows) re-reads the sheet.
 */
import type { Issue } from '../domain/checks/issue';
import { checkFormLevel, checkRow, sortIssues } from '../domain/checks/registry';
import type { ParsedForm, TableKey, TableRow } from '../domain/forms/form-model';
import { readingAt, readTable } from '../domain/forms/row-reading';
import {
  readForm,
  readTableRow,
  type FormHint,
  type FormLayout,
  type TableLayout,
} from '../domain/forms/read-form';
import { parseRange, toRangeA1, type CellRange } from '../domain/grid/address';
import { scoreForm, settleScores } from '../domain/scoring/score';
import type { FormScores } from '../domain/scoring/score-types';
import type { EngineSettings } from './engine-settings';
import { splitProgress, type Progress } from './form-progress';
import type { CellsChanged, WorkbookPort } from './workbook-port';

export type ChangeEffect = 'ignored' | 'rows' | 'reloaded';

interface TableState {
  key: TableKey;
  layout: TableLayout;
  /** Row issues by sheet row, so an edit replaces only its rows' issues. */
  rowIssues: Map<number, Issue[]>;
}

export class FormSession {
  private form: ParsedForm;
  private layout: FormLayout;
  private tables: TableState[] = [];
  private formIssues: Issue[] = [];
  private currentScores: FormScores;
  /** Round trips to the host since the session opened (benchmarks count them). */
  readCount = 0;
  /**
   * Every empty required cell is an error, started or not (全部重新检查). Otherwise those of a part of the form
   * nobody has started are to-dos (form-progress.ts).
   */
  strict = false;

  private constructor(
    private readonly port: WorkbookPort,
    readonly sheet: string,
    private readonly settings: EngineSettings,
    private readonly hint: FormHint | null,
    private readonly goals: ParsedForm | null,
    form: ParsedForm,
    layout: FormLayout,
  ) {
    this.form = form;
    this.layout = layout;
    this.currentScores = scoreForm(form, settings.profile);
    this.recheckAll();
  }

  /** Opens a session on a sheet; null when the sheet holds no recognisable form. */
  static async open(
    port: WorkbookPort,
    sheet: string,
    settings: EngineSettings,
    hint: FormHint | null,
    goals: ParsedForm | null = null,
  ): Promise<FormSession | null> {
    const block = await port.readBlock(sheet);
    const result = readForm(block, sheet, hint);
    if (!result.ok) return null;
    const session = new FormSession(port, sheet, settings, hint, goals, result.form, result.layout);
    session.readCount = 1;
    return session;
  }

  get parsed(): ParsedForm {
    return this.form;
  }

  /**
   * The scores as shown: provisional (暂定, no grade) while an error or a to-do remains or a row has no score.
   */
  get scores(): FormScores {
    return this.view().scores;
  }

  /** Issues, to-dos and scores as the pane shows them, worked out once. */
  view(): Progress & { scores: FormScores } {
    const progress = this.progress;
    return {
      ...progress,
      scores: settleScores(this.currentScores, progress.issues, progress.todo.length),
    };
  }

  /** The issues as the pane lists them: errors and the rest, and apart from them the cells still to fill. */
  get progress(): Progress {
    return splitProgress(this.form, this.issues, this.strict);
  }

  /** All issues of the form in sheet order, as a full check reports them (to-dos among them, as errors). */
  get issues(): Issue[] {
    const rowIssues = this.tables.flatMap((t) =>
      [...t.rowIssues.entries()].sort(([a], [b]) => a - b).flatMap(([, issues]) => issues),
    );
    return sortIssues([...this.formIssues, ...rowIssues]);
  }

  async applyChange(change: CellsChanged): Promise<ChangeEffect> {
    if (change.sheet !== this.sheet || change.source === 'ours') return 'ignored';
    const range = safeRange(change.range);
    const table = range && !change.structural ? this.tableHolding(range) : null;
    if (!range || !table) {
      await this.reload();
      return 'reloaded';
    }
    await this.rereadRows(table, range);
    return 'rows';
  }

  private async reload(): Promise<void> {
    const block = await this.port.readBlock(this.sheet);
    this.readCount += 1;
    const result = readForm(block, this.sheet, this.hint);
    if (!result.ok) return; // The sheet was emptied: keep the last reading rather than lose the issue list.
    this.form = result.form;
    this.layout = result.layout;
    this.currentScores = scoreForm(this.form, this.settings.profile);
    this.recheckAll();
  }

  private recheckAll(): void {
    const ctx = this.context();
    this.tables = (Object.keys(this.layout.tables) as TableKey[]).flatMap((key) => {
      const layout = this.layout.tables[key];
      if (!layout) return [];
      const rowIssues = new Map<number, Issue[]>();
      for (const row of this.form.tables[key] ?? [])
        rowIssues.set(row.row, checkRow(this.form, key, row.row, ctx));
      return [{ key, layout, rowIssues }];
    });
    this.formIssues = checkFormLevel(this.form, ctx);
  }

  /** The table whose data rows hold the whole changed range. */
  private tableHolding(range: CellRange): TableState | null {
    return (
      this.tables.find((t) => range.top >= t.layout.firstDataRow && range.bottom < t.layout.endRow) ?? null
    );
  }

  private async rereadRows(table: TableState, range: CellRange): Promise<void> {
    const { layout, key } = table;
    const block = await this.port.readBlock(
      this.sheet,
      toRangeA1({ top: range.top, bottom: range.bottom, left: layout.left, right: layout.right }),
    );
    this.readCount += 1;
    const rows = [...(this.form.tables[key] ?? [])];
    const changed = new Set<number>();
    for (let r = range.top; r <= range.bottom; r++) {
      const i = r - block.top;
      replaceRow(
        rows,
        r,
        readTableRow(layout, block.values[i] ?? [], block.formulas[i] ?? [], r, block.merges),
      );
      changed.add(r);
    }
    // The one reading carries merged levels down: rows whose reading changed (an edited 一级 reaches the
    // rows under it) are checked again; unchanged rows keep their reading and their issues.
    const before = this.form.readings[key] ?? [];
    const readings = readTable(rows, key);
    if (readings.length === before.length) {
      readings.forEach((reading, i) => {
        if (reading !== before[i]) changed.add(reading.row);
      });
    } else {
      const kept = new Set(before);
      for (const reading of readings) if (!kept.has(reading)) changed.add(reading.row);
    }
    this.form = {
      ...this.form,
      tables: { ...this.form.tables, [key]: rows },
      readings: { ...this.form.readings, [key]: readings },
    };
    this.currentScores = scoreForm(this.form, this.settings.profile);
    const ctx = this.context();
    for (const r of changed) {
      if (readingAt(readings, r) !== null) table.rowIssues.set(r, checkRow(this.form, key, r, ctx));
      else table.rowIssues.delete(r);
    }
    this.formIssues = checkFormLevel(this.form, ctx);
  }

  private context() {
    return {
      profile: this.settings.profile,
      framework: this.settings.framework,
      scores: this.currentScores,
      goals: this.goals,
    };
  }
}

function safeRange(text: string): CellRange | null {
  try {
    return parseRange(text);
  } catch {
    return null;
  }
}

/** Index of the first row below sheet row `r` (rows are sorted by sheet row). */
function indexAfter(rows: readonly TableRow[], r: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((rows[mid]?.row ?? Infinity) <= r) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function replaceRow(rows: TableRow[], r: number, next: TableRow | null): void {
  const i = indexAfter(rows, r - 1);
  const present = rows[i]?.row === r;
  if (next === null) {
    if (present) rows.splice(i, 1);
  } else if (present) rows[i] = next;
  else rows.splice(i, 0, next);
}
