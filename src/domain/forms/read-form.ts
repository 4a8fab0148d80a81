/**
 * Reads a sheet back into a form's data: our own templates (recognised by `_meta`) and hand-made official
 * forms (recognised by title and headers). Sections are found by their labels, never by fixed rows, because
 * people insert rows, add columns and re-order them (docs/domain.md §10.6).
 *
 * The reader walks the sheet once, top to bottom. Outside the tables it keys every cell to find labels;
 * inside a table it looks only at the first non-blank cell of each row (to see where the table ends) and at
 * the table's own columns, so reading stays linear in the number of cells.
 */
import { columnLetter, toA1 } from '../grid/address';
import type { Block, CellScalar } from '../grid/cell';
import { cellText, displayText, readAmount } from '../grid/parse';
import { detectWithKeys } from './detect';
import {
  ABSENT,
  type ColumnKey,
  type Field,
  type FundsColKey,
  type FundsPoints,
  type FundsRow,
  type FundsRowKey,
  type GoalKey,
  type BudgetBasis,
  type LabelGuess,
  type HeaderKey,
  type ParsedForm,
  type SumBlock,
  type SumColumn,
  type TableKey,
  type TableRow,
  type TemplateId,
} from './form-model';
import { FORM_SHAPES, type FormShape, type Part, type TableShape } from './form-shapes';
import { readTables } from './row-reading';
import {
  isBlankCell,
  isFooterKey,
  type LabelHit,
  labelIndex,
  mayBeLabel,
  MONEY_COLUMNS,
  NO_LABEL,
  readerKey,
  SheetKeys,
  type SummaryKey,
} from './label-index';
import { nearestLabel } from './near-label';
import type { Vocabulary } from './vocabulary';
import type { ValuePeriod } from './vocabulary-schema';

/** One of several side-by-side target columns (长期/中期/年度, or one per place). */
export interface TargetColumn {
  col: number;
  /** From the header: 长期, 中期 or 年度; null for a place or unit column. */
  period: ValuePeriod | null;
  /** The header text as written. */
  label: string;
}

/** Where a row table is on the sheet; all rows and columns are 0-based sheet positions. */
export interface TableLayout {
  table: TableKey;
  /** First row of the header band (a two-row header spans two rows). */
  headerTop: number;
  /** Last row of the header band. */
  headerRow: number;
  columns: Partial<Record<ColumnKey, number>>;
  /** Hand-made monitoring forms split 偏差原因 into one column per cause (经费保障 …), marked with a tick. */
  causeColumns: readonly { col: number; cause: string }[];
  /**
   * Side-by-side target columns when the form has several (sheet columns); `columns.target` is the one
   * scored (the annual one, else the first). Absent for the usual single target column.
   */
  targets?: readonly TargetColumn[];
  /** Sheet column of a first level above 产出/效益/满意度 (实施效果指标); 一级 is then the next column. */
  levelAbove?: number;
  /** Sheet column of `values[0]` when a row is handed to `readTableRow`. */
  left: number;
  /** Last sheet column `readTableRow` looks at. */
  right: number;
  firstDataRow: number;
  /** Row where the table stops (exclusive): its 总分 row, the next section, or the end of the sheet. */
  endRow: number;
}

export interface FundsLayout {
  headerRow: number;
  columns: Partial<Record<FundsColKey, number>>;
  rows: Partial<Record<FundsRowKey, number>>;
  /** Row after the block (exclusive). */
  endRow: number;
  /** The budget column 执行率 divides by (see ParsedForm.budgetBasis). */
  budgetBasis?: BudgetBasis;
  /**
   * Goal forms that write the funds as label/value pairs (项目资金 | 3.0 | 其中：财政拨款 | 3.0) have no
   * column header: `columns` is then empty and each row's amount is the cell right of its label.
   */
  inline?: true;
}

export interface FormLayout {
  template: TemplateId;
  source: 'meta' | 'headers';
  tables: Partial<Record<TableKey, TableLayout>>;
  funds: FundsLayout | null;
  /** The 总分 row, when there is one. */
  summaryRow: number | null;
}

export interface FormHint {
  template: TemplateId;
  version: number | null;
}

export type ReadFormResult =
  { ok: true; form: ParsedForm; layout: FormLayout } | { ok: false; reason: 'unrecognized' | 'empty' };

const NO_VALUES: readonly CellScalar[] = [];
/** 执行率(B/A), 执行率（B÷A）: the letter after the division sign names the divisor. */
const RATE_FORMULA = /[A-Za-z]\s*[/÷]\s*([A-Za-z])/u;
/** 年初预算数(A), 全年预算数【A】: the letter a column is called by. */
const LETTER_SUFFIX = /[(（【[]\s*([A-Za-z])\s*[)）】\]]\s*$/u;
const NO_FORMULAS: readonly (string | null)[] = [];
/**
 * Columns whose merged cell over several rows holds for each of them (指标性质 written once for a run of rows;
 * a 三级 name merged over the rows of its criteria, each with its own 分值). 一级/二级 are carried by the row
 * reading too, but also below a blank unmerged cell, as forms write them.
 */
const CARRIED_COLUMNS: ReadonlySet<ColumnKey> = new Set<ColumnKey>(['operator', 'level3']);
/** Rows under a header looked at to tell what a column of levels holds. */
const SHIFT_LOOKAHEAD = 12;
/** The level a level header's second merged column holds when the form prints no label for it. */
const NEXT_LEVEL: Partial<Record<ColumnKey, ColumnKey>> = { level1: 'level2', level2: 'level3' };
/** The table labels of a row that holds none. */
const NO_LABELS: ReadonlyMap<number, ColumnKey> = new Map();

export interface ReadOptions {
  /** The words of the forms; the built-in vocabulary when absent. */
  vocabulary?: Vocabulary | undefined;
}

export function readForm(
  block: Block,
  sheet: string,
  hint: FormHint | null,
  options: ReadOptions = {},
): ReadFormResult {
  if (blockIsBlank(block)) return { ok: false, reason: 'empty' };
  const keys = new SheetKeys(block, labelIndex(options.vocabulary));
  const template = hint ? hint.template : detectWithKeys(keys, sheet);
  if (template === null) return { ok: false, reason: 'unrecognized' };
  const reader = new FormReader(keys, FORM_SHAPES[template], hint ? 'meta' : 'headers');
  reader.read();
  return { ok: true, ...reader.result(sheet, hint?.version ?? null) };
}

interface ColumnPlan {
  key: ColumnKey;
  index: number;
  letters: string;
}

/** Per-layout work done once, not per row: column letters and value positions. */
const plans = new WeakMap<TableLayout, { columns: ColumnPlan[]; causes: ColumnPlan[] }>();

function planOf(layout: TableLayout): { columns: ColumnPlan[]; causes: ColumnPlan[] } {
  const known = plans.get(layout);
  if (known) return known;
  const columns: ColumnPlan[] = [];
  const splitCause = layout.causeColumns.length > 0;
  for (const key of Object.keys(layout.columns) as ColumnKey[]) {
    const col = layout.columns[key];
    if (col === undefined || (splitCause && key === 'cause')) continue;
    columns.push({ key, index: col - layout.left, letters: columnLetter(col) });
  }
  const causes = layout.causeColumns.map(({ col }) => ({
    key: 'cause' as const,
    index: col - layout.left,
    letters: columnLetter(col),
  }));
  const plan = { columns, causes };
  plans.set(layout, plan);
  return plan;
}

/**
 * One data row of a table, or null when every input cell of the row is blank (cells holding a formula are
 * not input). `values[i]` is the cell in sheet column `layout.left + i`; `row` is the sheet row. The row
 * keeps its own cells only: what a merged 一级 / 二级 cell above means for it is decided by the row reading
 * (row-reading.ts), in one place.
 */
export function readTableRow(
  layout: TableLayout,
  values: readonly CellScalar[],
  formulas: readonly (string | null)[],
  row: number,
  merges: Block['merges'] = undefined,
): TableRow | null {
  const plan = planOf(layout);
  const rowNumber = String(row + 1);
  const fields: Partial<Record<ColumnKey, Field>> = {};
  let hasInput = false;
  for (const column of plan.columns) {
    const raw = values[column.index] ?? null;
    const formula = formulas[column.index] ?? null;
    if (formula === null && !hasInput && !isBlankCell(raw)) hasInput = true;
    const field: Field = { raw, cell: column.letters + rowNumber, formula };
    if (merges !== undefined && CARRIED_COLUMNS.has(column.key) && isBlankCell(raw)) {
      const col = layout.left + column.index;
      if (merges.some((m) => m.top < row && m.bottom >= row && m.left <= col && m.right >= col))
        field.covered = true;
    }
    fields[column.key] = field;
  }
  const firstCause = plan.causes[0];
  if (firstCause !== undefined) {
    let cause: Field = { raw: null, cell: firstCause.letters + rowNumber, formula: null };
    for (let i = 0; i < plan.causes.length; i++) {
      const column = plan.causes[i];
      const name = layout.causeColumns[i]?.cause;
      if (column === undefined || name === undefined) continue;
      const raw = values[column.index] ?? null;
      const formula = formulas[column.index] ?? null;
      if (formula === null && !isBlankCell(raw)) {
        // The marked column says which cause it is; the tick itself carries no meaning.
        cause = { raw: name, cell: column.letters + rowNumber, formula: null };
        hasInput = true;
        break;
      }
    }
    fields.cause = cause;
  }
  if (!hasInput) return null;

  return { row, fields };
}

function blockIsBlank(block: Block): boolean {
  for (const row of block.values) for (const raw of row) if (!isBlankCell(raw)) return false;
  return true;
}

interface HeaderBand {
  top: number;
  bottom: number;
  columns: Partial<Record<ColumnKey, number>>;
  causeColumns: { col: number; cause: string }[];
  targets: TargetColumn[];
  guesses: LabelGuess[];
}

interface TableState {
  shape: TableShape;
  layout: TableLayout;
  rows: TableRow[];
  /** The 二级 column holds the first levels (a level above them in the 一级 column). */
  levelShifted: boolean;
}

/** An unlabelled short text where a label could be: a candidate for a near match. */
interface LabelCandidate {
  r: number;
  c: number;
  key: string;
}

/** Shortest and longest key of a cell that may be a near-miss header. */
const CANDIDATE_MIN = 2;
const CANDIDATE_MAX = 16;

/** Points in brackets: （20分）, (20 分*执行率). */
const FUNDS_POINTS = /\(\s*(\d+(?:\.\d+)?)\s*分\s*(?:[*×xX]\s*执行率\s*)?\)/u;

interface FundsHeader {
  row: number;
  /** Last header row (a funds header may take two rows). */
  bottom: number;
  firstCol: number;
  columns: Partial<Record<FundsColKey, number>>;
  guesses: LabelGuess[];
}

class FormReader {
  private readonly values: CellScalar[][];
  private readonly formulas: (string | null)[][];
  private readonly top: number;
  private readonly left: number;
  private readonly merges: Block['merges'];

  private readonly header: Partial<Record<HeaderKey, Field>> = {};
  private readonly goals: Partial<Record<GoalKey, Field>> = {};
  private readonly funds: Partial<Record<FundsRowKey, FundsRow>> = {};
  private fundsLayout: FundsLayout | null = null;
  private fundsPoints: FundsPoints | null = null;
  private readonly tables = new Map<TableKey, TableState>();
  private summaryRow: number | null = null;
  private summaryLabelCol = 0;
  private summaryTable: TableState | null = null;
  private grade: Field | null = null;
  private conclusion: Field | null = null;

  private readonly headerKeys: ReadonlySet<HeaderKey>;
  private readonly goalKeys: ReadonlySet<GoalKey>;
  private readonly fundsRowKeys: ReadonlySet<FundsRowKey>;
  private readonly fundsColKeys: ReadonlySet<FundsColKey>;
  private readonly groupKeys = new Map<TableKey, ReadonlySet<string>>();
  private readonly groupFirstChars = new Set<string>();
  private readonly labelRows = new Map<number, boolean>();
  private readonly vocabulary: Vocabulary;
  private readonly guesses: LabelGuess[] = [];
  /** Unlabelled short texts outside the tables, where a header field's label could be. */
  private readonly candidates: LabelCandidate[] = [];
  private readonly goalLabels: Partial<Record<GoalKey, { r: number; c: number }>> = {};
  /** Funds rows written as label/value pairs (goal forms without a funds header). */
  private readonly inlineFunds: Partial<Record<FundsRowKey, number>> = {};
  /** The one amount column of a goal form's funds block, read inline when the block has no header. */
  private readonly inlineColumn: FundsColKey | null;

  constructor(
    private readonly keys: SheetKeys,
    private readonly shape: FormShape,
    private readonly source: 'meta' | 'headers',
  ) {
    const block = keys.block;
    this.values = block.values;
    this.formulas = block.formulas;
    this.top = block.top;
    this.left = block.left;
    this.merges = block.merges;
    this.vocabulary = keys.index.vocabulary;
    this.headerKeys = new Set(shape.header.map((p) => p.key));
    this.goalKeys = new Set(shape.goals.map((p) => p.key));
    this.fundsRowKeys = new Set(shape.funds?.rows.map((p) => p.key) ?? []);
    this.fundsColKeys = new Set(shape.funds?.cols.map((p) => p.key) ?? []);
    const amountCols = shape.funds?.cols.filter((p) => p.required) ?? [];
    this.inlineColumn = amountCols.length === 1 ? (amountCols[0]?.key ?? null) : null;
    for (const table of shape.tables) {
      const keys = table.groupLabels.map((label) => readerKey(label, this.keys.index));
      this.groupKeys.set(table.key, new Set(keys));
      for (const key of keys) this.groupFirstChars.add(key.charAt(0));
    }
  }

  read(): void {
    let r = 0;
    while (r < this.keys.rowCount) r = this.readAt(r) ?? r + 1;
  }

  /** Reads the section starting at row r; returns the row to continue at, or null to go on with r + 1. */
  private readAt(r: number): number | null {
    if (this.rowIsBlank(r)) return null;
    for (const table of this.shape.tables) {
      if (this.tables.has(table.key)) continue;
      const band = this.headerBandAt(r, table);
      if (band) return this.readTable(table, band);
    }
    if (this.shape.funds && this.fundsLayout === null) {
      const header = this.fundsHeaderAt(r);
      if (header) return this.readFunds(header);
    }
    this.scanLabels(r);
    return null;
  }

  // ---- row tables ----

  /** The columns of table labels in row r, keyed by column. */
  private tableLabelsOf(r: number, table: TableShape): ReadonlyMap<number, ColumnKey> {
    // Most rows hold no label of the table: they share one empty map rather than each making its own.
    let found: Map<number, ColumnKey> | null = null;
    const width = this.values[r]?.length ?? 0;
    for (let c = 0; c < width; c++) {
      const key = this.columnOf(this.keys.hit(r, c), table);
      if (key !== undefined) (found ??= new Map()).set(c, key);
    }
    if (found === null) return NO_LABELS;
    if (this.merges !== undefined) this.addMergedLevels(r, found, table);
    return found;
  }

  /**
   * A level header merged over two columns with no label for the next level (二级指标 over B:C, no 三级指标):
   * the second column it covers is the next level, as a person reads the form.
   */
  private addMergedLevels(r: number, found: Map<number, ColumnKey>, table: TableShape): void {
    const present = new Set(found.values());
    for (const [c, key] of [...found]) {
      const next = NEXT_LEVEL[key];
      if (next === undefined || present.has(next) || !table.columns.some((p) => p.key === next)) continue;
      const row = this.top + r;
      const col = this.left + c;
      const merge = this.merges?.find((m) => m.top <= row && m.bottom >= row && m.left === col);
      if (merge === undefined || merge.right !== col + 1 || found.has(c + 1)) continue;
      found.set(c + 1, next);
      present.add(next);
    }
  }

  /** The first meaning of a label that is a column of this table (偏差原因: cause or deviation). */
  private columnOf(hit: LabelHit, table: TableShape): ColumnKey | undefined {
    if (hit.column === undefined) return undefined;
    const has = (key: ColumnKey): boolean => table.columns.some((p) => p.key === key);
    if (has(hit.column)) return hit.column;
    return hit.columns?.find(has);
  }

  private isTableHeader(r: number, table: TableShape): boolean {
    const labels = this.tableLabelsOf(r, table);
    // No label in the row: only an empty anchor could hold, as below.
    if (labels.size === 0) return table.anchors.some((anchor) => anchor.length === 0);
    const present = new Set(labels.values());
    return table.anchors.some((anchor) => anchor.every((k) => present.has(k)));
  }

  private headerBandAt(r: number, table: TableShape): HeaderBand | null {
    if (!this.isTableHeader(r, table)) return null;
    let top = r;
    while (top > 0 && top > r - 2 && this.isBandRow(top - 1, table)) top--;
    let bottom = r;
    while (bottom + 1 < this.keys.rowCount && bottom < r + 2 && this.isBandRow(bottom + 1, table)) bottom++;

    // Lower header rows are the more specific ones (a group label sits above its sub-columns).
    const labelAt = new Map<number, ColumnKey>();
    const periodAt = new Map<number, ValuePeriod>();
    const causeColumns: { col: number; cause: string }[] = [];
    const hasCause = table.columns.some((p) => p.key === 'cause');
    const hasTarget = table.columns.some((p) => p.key === 'target');
    for (let row = top; row <= bottom; row++) {
      const width = this.values[row]?.length ?? 0;
      for (const [c, key] of this.tableLabelsOf(row, table)) labelAt.set(c, key);
      for (let c = 0; c < width; c++) {
        const hit = this.keys.hit(row, c);
        if (hasTarget && hit.period !== undefined) periodAt.set(c, hit.period);
        if (hasCause && hit.cause !== undefined) causeColumns.push({ col: c, cause: hit.cause });
      }
    }
    const columns: Partial<Record<ColumnKey, number>> = {};
    for (const c of [...labelAt.keys()].sort((a, b) => a - b)) {
      const key = labelAt.get(c);
      if (key !== undefined && columns[key] === undefined) columns[key] = c;
    }
    causeColumns.sort((a, b) => a.col - b.col);
    const firstCause = causeColumns[0];
    if (firstCause !== undefined && columns.cause === undefined) columns.cause = firstCause.col;
    const unknown: LabelCandidate[] = [];
    for (let row = top; row <= bottom; row++) unknown.push(...this.candidatesIn(row));
    const guesses = this.guessParts(
      table.columns.filter((p) => p.required && columns[p.key] === undefined),
      unknown,
      (hit) => hit.column,
      (key, col) => {
        columns[key] = col;
      },
    );
    const targets = hasTarget ? this.targetColumns(bottom, columns, periodAt) : [];
    const causes = causeColumns.length >= 2 ? causeColumns : [];
    return { top, bottom, columns, causeColumns: causes, targets, guesses };
  }

  /** Unlabelled short texts of row r. */
  private candidatesIn(r: number): LabelCandidate[] {
    const found: LabelCandidate[] = [];
    const width = this.values[r]?.length ?? 0;
    for (let c = 0; c < width; c++) {
      const raw = this.values[r]?.[c];
      if (typeof raw !== 'string' || isBlankCell(raw)) continue;
      const key = this.keys.key(r, c);
      if (key.length < CANDIDATE_MIN || key.length > CANDIDATE_MAX) continue;
      if (this.keys.hitOf(key) !== NO_LABEL || this.keys.index.titleTemplate(key) !== null) continue;
      found.push({ r, c, key });
    }
    return found;
  }

  /**
   * For each missing part, the candidate cell that nearly matches one of its labels: `take` records it and
   * the guess is returned for the info issue. A cell is used for one part at most.
   */
  private guessParts<K extends string>(
    parts: readonly Part<K>[],
    candidates: readonly LabelCandidate[],
    kindOf: (hit: LabelHit) => string | undefined,
    take: (key: K, col: number, r: number) => void,
  ): LabelGuess[] {
    const guesses: LabelGuess[] = [];
    const used = new Set<LabelCandidate>();
    for (const part of parts) {
      const labels = this.keys.index.labels.filter((label) => kindOf(label.hit) === part.key);
      for (const candidate of candidates) {
        if (used.has(candidate)) continue;
        const label = nearestLabel(candidate.key, labels);
        if (label === null) continue;
        used.add(candidate);
        take(part.key, candidate.c, candidate.r);
        guesses.push({
          cell: toA1({ row: this.top + candidate.r, col: this.left + candidate.c }),
          text: displayText(this.values[candidate.r]?.[candidate.c]) ?? candidate.key,
          label: label.canonical,
        });
        break;
      }
    }
    return guesses;
  }

  /**
   * Side-by-side target columns: 长期/中期/年度 headers (the annual one is the scored target), or, when the
   * table has no target header at all, one column per place or unit right of the indicator names (the
   * first is scored). Fewer than two such columns is an ordinary layout and gives no list.
   */
  private targetColumns(
    bottom: number,
    columns: Partial<Record<ColumnKey, number>>,
    periodAt: ReadonlyMap<number, ValuePeriod>,
  ): TargetColumn[] {
    if (periodAt.size >= 2) {
      const targets = [...periodAt.entries()]
        .sort(([a], [b]) => a - b)
        .map(([col, period]) => ({ col, period, label: cellText(this.values[bottom]?.[col]) ?? period }));
      const annual = targets.find((t) => t.period === 'annual') ?? targets[0];
      if (annual !== undefined) columns.target = annual.col;
      return targets;
    }
    const names = columns.level3;
    if (columns.target !== undefined || names === undefined) return [];
    const taken = new Set(Object.values(columns));
    const row = this.values[bottom] ?? NO_VALUES;
    const places: TargetColumn[] = [];
    for (let c = names + 1; c < row.length; c++) {
      if (taken.has(c) || isBlankCell(row[c])) continue;
      if (this.keys.hit(bottom, c) !== NO_LABEL) continue;
      places.push({ col: c, period: null, label: cellText(row[c]) ?? '' });
    }
    const first = places[0];
    if (places.length < 2 || first === undefined) return [];
    columns.target = first.col;
    return places;
  }

  /** A header row above or below the anchor row: nothing but this table's labels, group labels and causes. */
  private isBandRow(r: number, table: TableShape): boolean {
    const width = this.values[r]?.length ?? 0;
    const groups = this.groupKeys.get(table.key);
    let periods = 0;
    for (let c = 0; c < width; c++) if (this.keys.hit(r, c).period !== undefined) periods++;
    let labels = 0;
    for (let c = 0; c < width; c++) {
      if (isBlankCell(this.values[r]?.[c])) continue;
      const key = this.keys.key(r, c);
      const hit = this.keys.hitOf(key);
      // A row of 长期目标 | 年度目标 under a merged 指标值 names target columns, not goals.
      if (periods >= 2 && hit.period !== undefined) {
        labels++;
        continue;
      }
      // A goal written just above the table (1-N月执行情况 in a monitoring form) is no header row of it.
      if (hit.goal !== undefined && this.goalKeys.has(hit.goal)) return false;
      if (this.columnOf(hit, table) !== undefined) labels++;
      else if (groups?.has(key) || hit.cause !== undefined) labels++;
      else if (hit.extra === undefined) return false;
    }
    return labels > 0;
  }

  /**
   * 实施效果指标 → 产出指标 → name: when the 一级 column holds a level above the first levels, that column is
   * the level above, the 二级 column holds the first levels and the form has no second level.
   */
  private shiftLevelAbove(band: HeaderBand): number | undefined {
    const level1 = band.columns.level1;
    const level2 = band.columns.level2;
    if (level1 === undefined || level2 === undefined) return undefined;
    for (let r = band.bottom + 1, seen = 0; r < this.keys.rowCount && seen < 3; r++) {
      if (isBlankCell(this.values[r]?.[level1])) continue;
      seen++;
      if (this.keys.hit(r, level1).levelAbove === undefined) continue;
      band.columns.level1 = level2;
      delete band.columns.level2;
      return level1;
    }
    return undefined;
  }

  /**
   * Rows below the header row that belong to the header: a column label merged down over them (三级指标 over
   * two rows, with 分值/评分 or one column per place under a label beside it). A data row never sits inside
   * a merge that starts on the header row.
   */
  private headerContinuation(band: HeaderBand): number {
    if (this.merges === undefined) return 0;
    const headerRow = this.top + band.bottom;
    let bottom = headerRow;
    for (const c of Object.values(band.columns)) {
      if (c === undefined) continue;
      const col = this.left + c;
      for (const m of this.merges) {
        if (m.left <= col && m.right >= col && m.top >= this.top + band.top && m.top <= headerRow)
          bottom = Math.max(bottom, m.bottom);
      }
    }
    return bottom - headerRow;
  }

  /**
   * A header that names one level less than the form fills: 绩效指标 (a group label) over a column of first
   * levels (产出指标, 效益指标), 一级指标 over the second levels (质量, 成本), no 二级指标. The column under
   * the group label is then the 一级, and the one labelled 一级 the 二级.
   */
  private shiftUnderGroupLabel(band: HeaderBand, table: TableShape): void {
    const { level1, level2, level3 } = band.columns;
    if (level1 === undefined || level2 !== undefined || level3 === undefined || level1 === 0) return;
    const g = level1 - 1;
    if (Object.values(band.columns).includes(g)) return;
    const groups = this.groupKeys.get(table.key);
    for (let r = band.top; r <= band.bottom; r++) {
      if (!isBlankCell(this.values[r]?.[g]) && groups?.has(this.keys.key(r, g)) !== true) return;
    }
    const firstLevels = this.keys.index.firstLevels;
    let named = 0;
    // 成本 is a first level in one framework and a second level under 产出 in another: the labelled column
    // must hold at least one name that is no first level.
    let secondLevels = 0;
    const last = Math.min(this.keys.rowCount, band.bottom + 1 + SHIFT_LOOKAHEAD);
    for (let r = band.bottom + 1; r < last; r++) {
      if (!isBlankCell(this.values[r]?.[level1]) && !firstLevels.has(this.keys.key(r, level1)))
        secondLevels++;
      if (isBlankCell(this.values[r]?.[g])) continue;
      if (!firstLevels.has(this.keys.key(r, g))) {
        // A text across the row under the table (偏差原因分析 …) ends the levels; beside a level it is data.
        if (isBlankCell(this.values[r]?.[level1])) break;
        return;
      }
      named++;
    }
    if (named === 0 || secondLevels === 0) return;
    band.columns.level2 = level1;
    band.columns.level1 = g;
  }

  private readTable(table: TableShape, band: HeaderBand): number {
    this.shiftUnderGroupLabel(band, table);
    const levelAbove = this.shiftLevelAbove(band);
    const continued = this.headerContinuation(band);
    const sheetColumns: Partial<Record<ColumnKey, number>> = {};
    let right = this.left;
    for (const key of Object.keys(band.columns) as ColumnKey[]) {
      const c = band.columns[key];
      if (c === undefined) continue;
      sheetColumns[key] = this.left + c;
      right = Math.max(right, this.left + c);
    }
    const causeColumns = band.causeColumns.map(({ col, cause }) => {
      right = Math.max(right, this.left + col);
      return { col: this.left + col, cause };
    });
    const targets = band.targets.map((target) => {
      right = Math.max(right, this.left + target.col);
      return { ...target, col: this.left + target.col };
    });
    const layout: TableLayout = {
      table: table.key,
      headerTop: this.top + band.top,
      headerRow: this.top + band.bottom,
      columns: sheetColumns,
      causeColumns,
      left: this.left,
      right,
      firstDataRow: this.top + band.bottom + 1 + continued,
      endRow: this.top + this.keys.rowCount,
    };
    if (targets.length > 0) layout.targets = targets;
    if (levelAbove !== undefined) layout.levelAbove = this.left + levelAbove;
    const state: TableState = { shape: table, layout, rows: [], levelShifted: levelAbove !== undefined };
    this.guesses.push(...band.guesses);
    this.tables.set(table.key, state);

    // Indicator names inside the table (二级 绩效目标 of the 10号 framework) may read like header or goal
    // labels; only in the table's first column, or left of it, does such a label start a new section.
    const firstCol = Math.min(...Object.values(band.columns).filter((c): c is number => c !== undefined));
    let r = band.bottom + 1 + continued;
    for (; r < this.keys.rowCount; r++) {
      const verdict = this.tableRowVerdict(r, table, firstCol);
      if (verdict === 'skip') continue;
      if (verdict !== 'data') {
        if (verdict === 'summary' && this.summaryRow === null) {
          this.summaryRow = r;
          this.summaryLabelCol = this.firstNonBlankCol(r);
          this.summaryTable = state;
        }
        break;
      }
      const row = readTableRow(
        layout,
        this.values[r] ?? NO_VALUES,
        this.formulas[r] ?? NO_FORMULAS,
        this.top + r,
        this.merges,
      );
      if (row !== null) state.rows.push(row);
    }
    layout.endRow = this.top + r;
    return r;
  }

  /** Whether row r of a table is data, the end of the table (a summary or another section), or a repeated header. */
  private tableRowVerdict(
    r: number,
    table: TableShape,
    firstCol: number,
  ): 'data' | 'skip' | 'end' | 'summary' {
    const row = this.values[r];
    if (row === undefined) return 'data';
    const groups = this.groupKeys.get(table.key);
    for (let c = 0; c < row.length; c++) {
      const raw = row[c];
      if (isBlankCell(raw)) continue;
      if (typeof raw !== 'string' || !mayBeLabel(raw, this.groupFirstChars, this.keys.index)) return 'data';
      const key = this.keys.key(r, c);
      if (key === '') return 'data';
      if (groups?.has(key)) continue;
      const hit = this.keys.hitOf(key);
      if (hit.summary === 'total' || this.keys.index.tableTotals.has(key)) return 'summary';
      if (hit.summary !== undefined) return 'end';
      if (this.isSectionStart(key, hit)) {
        const insideTable =
          c > firstCol && hit.section === undefined && (hit.header !== undefined || hit.goal !== undefined);
        if (!insideTable) return 'end';
        return 'data';
      }
      if (hit.column !== undefined || hit.fundsCol !== undefined || hit.fundsRow !== undefined) {
        if (this.startsOtherSection(r, table)) return 'end';
        if (this.isTableHeader(r, table)) return 'skip';
      }
      return 'data';
    }
    return 'data';
  }

  private isSectionStart(key: string, hit: LabelHit): boolean {
    return (
      hit.section !== undefined ||
      hit.header !== undefined ||
      hit.goal !== undefined ||
      isFooterKey(key, this.keys.index) ||
      this.keys.index.titleTemplate(key) !== null
    );
  }

  private startsOtherSection(r: number, table: TableShape): boolean {
    for (const other of this.shape.tables)
      if (other.key !== table.key && this.isTableHeader(r, other)) return true;
    return this.shape.funds !== null && this.fundsHeaderAt(r) !== null;
  }

  // ---- funds ----

  private fundsHeaderAt(r: number): FundsHeader | null {
    const width = this.values[r]?.length ?? 0;
    let count = 0;
    let money = false;
    let firstCol = Number.POSITIVE_INFINITY;
    const columns: Partial<Record<FundsColKey, number>> = {};
    for (let c = 0; c < width; c++) {
      const hit = this.keys.hit(r, c);
      const column = hit.column;
      if (column === 'level1' || column === 'level2' || column === 'level3') return null;
      const fundsCol = hit.fundsCol;
      if (fundsCol === undefined) continue;
      count++;
      if (MONEY_COLUMNS.has(fundsCol)) money = true;
      firstCol = Math.min(firstCol, c);
      if (this.fundsColKeys.has(fundsCol) && columns[fundsCol] === undefined) columns[fundsCol] = c;
    }
    if (!money) return null;
    // One money column is enough when the row below names a funds row left of it (a one-column block).
    if (count < 2 && this.fundsRowLabelAt(r + 1, firstCol) === null) return null;
    let bottom = r;
    const below = r + 1;
    if (below < this.keys.rowCount && this.fundsRowLabelAt(below, firstCol) === null) {
      const lower = this.fundsColumnsOf(below);
      if (lower.size > 0) {
        bottom = below;
        for (const [c, key] of lower) {
          if (this.fundsColKeys.has(key)) columns[key] = c;
          firstCol = Math.min(firstCol, c);
        }
      }
    }
    // A near-miss header may stand left of the first recognised column, but never in the label column.
    const labelCol = this.firstNonBlankCol(r);
    const unknown = this.candidatesIn(r).filter((candidate) => candidate.c > labelCol);
    const missingParts = (this.shape.funds?.cols ?? []).filter(
      (p) =>
        p.required && columns[p.key] === undefined && !p.satisfiedBy?.some((k) => columns[k] !== undefined),
    );
    const guesses = this.guessParts(
      missingParts,
      unknown,
      (hit) => hit.fundsCol,
      (key, col) => {
        columns[key] = col;
        firstCol = Math.min(firstCol, col);
      },
    );
    return { row: r, bottom, firstCol, columns, guesses };
  }

  private fundsColumnsOf(r: number): Map<number, FundsColKey> {
    const found = new Map<number, FundsColKey>();
    const width = this.values[r]?.length ?? 0;
    for (let c = 0; c < width; c++) {
      if (isBlankCell(this.values[r]?.[c])) continue;
      const key = this.keys.hit(r, c).fundsCol;
      if (key === undefined) return new Map();
      found.set(c, key);
    }
    return found;
  }

  /** The funds-row label nearest to the amounts, left of the first amount column. */
  private fundsRowLabelAt(r: number, firstCol: number): { key: FundsRowKey; col: number } | null {
    if (r >= this.keys.rowCount) return null;
    const width = Math.min(this.values[r]?.length ?? 0, firstCol);
    for (let c = width - 1; c >= 0; c--) {
      const key = this.keys.hit(r, c).fundsRow;
      if (key !== undefined) return { key, col: c };
    }
    return null;
  }

  private readFunds(header: FundsHeader): number {
    const rows: Partial<Record<FundsRowKey, number>> = {};
    let r = header.bottom + 1;
    for (; r < this.keys.rowCount; r++) {
      const label = this.fundsRowLabelAt(r, header.firstCol);
      if (label === null) {
        // A sub-heading such as 按支出性质分 between two parts of the block.
        if (this.amountsBlank(r, header.firstCol) && this.fundsRowLabelAt(r + 1, header.firstCol) !== null)
          continue;
        break;
      }
      if (!this.fundsRowKeys.has(label.key) || this.funds[label.key] !== undefined) continue;
      const cols: Partial<Record<FundsColKey, Field>> = {};
      for (const key of Object.keys(header.columns) as FundsColKey[]) {
        const c = header.columns[key];
        if (c !== undefined) cols[key] = this.field(r, c);
      }
      this.funds[label.key] = { row: this.top + r, label: this.field(r, label.col), cols };
      rows[label.key] = this.top + r;
    }
    const columns: Partial<Record<FundsColKey, number>> = {};
    for (const key of Object.keys(header.columns) as FundsColKey[]) {
      const c = header.columns[key];
      if (c !== undefined) columns[key] = this.left + c;
    }
    this.fundsLayout = { headerRow: this.top + header.row, columns, rows, endRow: this.top + r };
    if (header.columns.weight === undefined) this.fundsPoints = this.fundsPointsOf(header);
    const basis = this.budgetBasisOf(header);
    if (basis !== null) this.fundsLayout.budgetBasis = basis;
    this.guesses.push(...header.guesses);
    return r;
  }

  /**
   * The points of 预算执行 a funds block with no 分值 column writes in its header rows: in its label
   * (预算执行情况（万元）（20分）) or in its 得分 header (得分（20分*执行率）).
   */
  private fundsPointsOf(header: FundsHeader): FundsPoints | null {
    for (let r = header.row; r <= header.bottom; r++) {
      const width = this.values[r]?.length ?? 0;
      for (let c = 0; c < width; c++) {
        const raw = this.values[r]?.[c];
        if (typeof raw !== 'string') continue;
        const points = FUNDS_POINTS.exec(raw.normalize('NFKC'));
        if (points?.[1] !== undefined)
          return { points: Number(points[1]), cell: this.field(r, c).cell ?? '' };
      }
    }
    return null;
  }

  /**
   * What 执行率 divides by. A header 执行率(B/A) names the divisor by the letter written after a budget
   * column (年初预算数(A)); without letters the 全年预算数 is used when there is one, else the 年初预算数.
   */
  private budgetBasisOf(header: FundsHeader): BudgetBasis | null {
    const { initialBudget, annualBudget, rate } = header.columns;
    if (initialBudget === undefined && annualBudget === undefined) return null;
    const headerText = (c: number): string =>
      [header.row, header.bottom].map((r) => cellText(this.values[r]?.[c]) ?? '').join('');
    if (rate !== undefined) {
      const divisor = RATE_FORMULA.exec(headerText(rate))?.[1]?.toUpperCase();
      for (const column of ['annualBudget', 'initialBudget'] as const) {
        const c = header.columns[column];
        if (divisor === undefined || c === undefined) continue;
        if (LETTER_SUFFIX.exec(headerText(c))?.[1]?.toUpperCase() === divisor)
          return { column, source: 'rate-header' };
      }
    }
    if (annualBudget !== undefined) {
      return { column: 'annualBudget', source: initialBudget === undefined ? 'only-column' : 'default' };
    }
    return { column: 'initialBudget', source: 'only-column' };
  }

  private amountsBlank(r: number, firstCol: number): boolean {
    const row = this.values[r] ?? NO_VALUES;
    for (let c = firstCol; c < row.length; c++) if (!isBlankCell(row[c])) return false;
    return true;
  }

  // ---- label / value fields ----

  private scanLabels(r: number): void {
    const width = this.values[r]?.length ?? 0;
    for (let c = 0; c < width; c++) {
      const hit = this.keys.hit(r, c);
      if (hit === NO_LABEL) {
        const key = this.keys.key(r, c);
        // Header fields stand above the tables; what follows them (signatures, notes) is no candidate.
        const short = key.length >= CANDIDATE_MIN && key.length <= CANDIDATE_MAX;
        if (short && this.tables.size === 0 && typeof this.values[r]?.[c] === 'string')
          this.candidates.push({ r, c, key });
        continue;
      }
      const headerKey = hit.header;
      if (headerKey !== undefined && this.headerKeys.has(headerKey)) {
        const known = this.header[headerKey];
        // A stamp line (主管部门（盖章）： left blank) above the filled field does not hide it.
        if (known === undefined || (this.source === 'headers' && isBlankCell(known.raw))) {
          this.header[headerKey] = this.valueOf(r, c, false);
        }
        continue;
      }
      const goalKey = hit.goal;
      if (goalKey !== undefined) {
        this.goalLabels[goalKey] ??= { r, c };
        const columnHeader = goalKey === 'expected' || goalKey === 'achieved';
        // A label merged down over the row below names the block beside it (年度总体目标完成情况 over
        // 预期目标 | 实际完成情况 and their texts), not a column: the column header is further right.
        if (columnHeader && this.mergedDown(r, c)) continue;
        if (this.goalKeys.has(goalKey) && this.goals[goalKey] === undefined) {
          this.goals[goalKey] = columnHeader ? this.field(r + 1, c) : this.valueOf(r, c, true);
        }
        continue;
      }
      if (this.noteInlineFunds(hit, r, c)) continue;
      this.noteSummaryLabel(hit.summary, r, c);
    }
  }

  /** Whether the cell at (r, c) starts a merge that reaches the row below. */
  private mergedDown(r: number, c: number): boolean {
    const row = this.top + r;
    const col = this.left + c;
    return this.merges?.some((m) => m.top === row && m.left === col && m.bottom > row) ?? false;
  }

  /**
   * A funds row written as label and amount above the tables of a goal form (项目资金 | 3.0 | 其中：财政拨款 |
   * 3.0); the section label itself carries the total when a number follows it. True when the cell was used.
   */
  private noteInlineFunds(hit: LabelHit, r: number, c: number): boolean {
    const column = this.inlineColumn;
    if (column === null || this.fundsLayout !== null || this.tables.size > 0) return false;
    let rowKey = hit.fundsRow;
    if (rowKey === undefined && hit.section !== undefined) {
      const value = this.valueOf(r, c, false);
      if (typeof value.raw !== 'number' && readAmount(value.raw) === null) return false;
      rowKey = 'total';
    }
    if (rowKey === undefined || !this.fundsRowKeys.has(rowKey) || this.funds[rowKey] !== undefined)
      return false;
    const value = this.valueOf(r, c, false);
    // 资金总额 over a column of amounts (the row labels are left of them): a column header, no row.
    if (
      isBlankCell(value.raw) &&
      this.isAmount(r + 1, c) &&
      this.keys.hit(r + 1, c - 1).fundsRow !== undefined
    )
      return true;
    this.funds[rowKey] = { row: this.top + r, label: this.field(r, c), cols: { [column]: value } };
    this.inlineFunds[rowKey] = this.top + r;
    return true;
  }

  private isAmount(r: number, c: number): boolean {
    const raw = this.values[r]?.[c];
    return typeof raw === 'number' || (typeof raw === 'string' && readAmount(raw) !== null);
  }

  private noteSummaryLabel(key: SummaryKey | undefined, r: number, c: number): void {
    if (key === 'total' && this.summaryRow === null) {
      this.summaryRow = r;
      this.summaryLabelCol = c;
    } else if (key === 'grade' && this.grade === null) {
      this.grade = this.valueOf(r, c, false);
    } else if (key === 'conclusion' && this.conclusion === null) {
      this.conclusion = this.valueOf(r, c, true);
    }
  }

  /**
   * The value of a label: the first non-blank cell to its right (merged label cells leave blanks), unless
   * that is the next label, then the cell right of it. Hand-made forms also write a row of labels with the
   * values in the row below, and put long texts under their label.
   */
  private valueOf(r: number, c: number, mayBeBelow: boolean): Field {
    // Our own templates never merge a label across columns: the value is the next cell, even when it is
    // blank and another label (e.g. 建议结论) follows it.
    if (this.source === 'meta') return this.field(r, c + 1);
    const below = r + 1;
    const handMade = this.source === 'headers';
    const belowIsValue = handMade && this.isValueCell(below, c);
    if (
      handMade &&
      this.isLabelRow(r) &&
      (belowIsValue || (below < this.keys.rowCount && isBlankCell(this.values[below]?.[c])))
    ) {
      return this.field(below, c);
    }
    const width = this.values[r]?.length ?? 0;
    for (let cc = c + 1; cc < width; cc++) {
      const raw = this.values[r]?.[cc];
      if (isBlankCell(raw) || (typeof raw === 'string' && this.keys.index.isNote(raw))) continue;
      return this.isZoneLabel(this.keys.key(r, cc)) ? this.field(r, c + 1) : this.field(r, cc);
    }
    if (mayBeBelow && belowIsValue) return this.field(below, c);
    return this.field(r, c + 1);
  }

  /** A non-blank cell that is no label of any kind. */
  private isValueCell(r: number, c: number): boolean {
    if (r >= this.keys.rowCount || isBlankCell(this.values[r]?.[c])) return false;
    const key = this.keys.key(r, c);
    if (key === '') return true;
    const hit = this.keys.hitOf(key);
    return hit === NO_LABEL && this.keys.index.titleTemplate(key) === null;
  }

  private isZoneLabel(key: string): boolean {
    const hit = this.keys.hitOf(key);
    return (
      hit.header !== undefined ||
      hit.goal !== undefined ||
      hit.summary !== undefined ||
      hit.fundsRow !== undefined ||
      hit.extra !== undefined
    );
  }

  /** A row of at least two labels and nothing else: its values are in the row below. */
  private isLabelRow(r: number): boolean {
    const known = this.labelRows.get(r);
    if (known !== undefined) return known;
    const width = this.values[r]?.length ?? 0;
    let labels = 0;
    let onlyLabels = true;
    for (let c = 0; c < width && onlyLabels; c++) {
      if (isBlankCell(this.values[r]?.[c])) continue;
      if (this.isZoneLabel(this.keys.key(r, c))) labels++;
      else onlyLabels = false;
    }
    const result = onlyLabels && labels >= 2;
    this.labelRows.set(r, result);
    return result;
  }

  // ---- cells ----

  private field(r: number, c: number): Field {
    return {
      raw: this.values[r]?.[c] ?? null,
      cell: toA1({ row: this.top + r, col: this.left + c }),
      formula: this.formulas[r]?.[c] ?? null,
    };
  }

  private rowIsBlank(r: number): boolean {
    const row = this.values[r];
    if (row === undefined) return true;
    for (const raw of row) if (!isBlankCell(raw)) return false;
    return true;
  }

  private firstNonBlankCol(r: number): number {
    const row = this.values[r] ?? NO_VALUES;
    for (let c = 0; c < row.length; c++) if (!isBlankCell(row[c])) return c;
    return 0;
  }

  // ---- result ----

  result(sheet: string, version: number | null): { form: ParsedForm; layout: FormLayout } {
    const missing: string[] = [];
    const absent: string[] = [];
    const shape = this.shape;
    const handMade = this.source === 'headers';

    // A hand-made form is asked only for its core fields, so only those are worth a guess.
    const absentHeader = shape.header.filter(
      (p) => p.required && this.header[p.key] === undefined && (!handMade || p.core === true),
    );
    this.guesses.push(
      ...this.guessParts(
        absentHeader,
        this.candidates,
        (hit) => hit.header,
        (key, c, r) => {
          this.header[key] = this.valueOf(r, c, false);
        },
      ),
    );
    // A hand-made form whose province never printed a field (项目属性, 项目期) lacks it by design.
    for (const part of absentHeader) {
      if (this.header[part.key] === undefined) missing.push(this.vocabulary.header[part.key].canonical);
    }

    if (shape.funds) {
      if (this.fundsLayout === null && Object.keys(this.inlineFunds).length > 0) {
        const rows = Object.values(this.inlineFunds);
        this.fundsLayout = {
          headerRow: Math.min(...rows),
          columns: {},
          rows: { ...this.inlineFunds },
          endRow: Math.max(...rows) + 1,
          inline: true,
        };
      } else if (this.fundsLayout === null) missing.push(shape.funds.section);
      else {
        const columns = this.fundsLayout.columns;
        for (const part of shape.funds.rows) {
          if (part.required && this.funds[part.key] === undefined)
            missing.push(this.vocabulary.fundsRows[part.key].canonical);
        }
        for (const part of shape.funds.cols) {
          if (!part.required || columns[part.key] !== undefined) continue;
          if (part.satisfiedBy?.some((k) => columns[k] !== undefined)) continue;
          missing.push(this.vocabulary.fundsColumns[part.key].canonical);
        }
      }
    }

    this.goalsFromOverallRow();
    const goalsMissing: string[] = [];
    for (const part of shape.goals) {
      if (!part.required || this.goals[part.key] !== undefined) continue;
      if (part.satisfiedBy?.some((k) => this.goals[k] !== undefined)) continue;
      goalsMissing.push(this.vocabulary.goals[part.key].canonical);
    }
    // A form in hand whose body is there (funds block and tables) without one goal label anywhere follows a
    // layout that has no 总体目标 block (湖北 2020 项目自评表, 湖北 2019 监控表): the block is absent by design.
    // A label whose text is missing, or a sheet that has only some of a form, stays missing.
    const bodyThere = handMade && this.bodyThere(shape);
    if (bodyThere && Object.keys(this.goalLabels).length === 0) absent.push(...goalsMissing);
    else missing.push(...goalsMissing);

    // A self-evaluation in hand that scores nothing anywhere (no 分值 or 得分 column, no points in its funds
    // block, no 总分 row) follows a layout without scores (a county 绩效目标自评表 with 年度指标值 | 全年完成值 |
    // 未完成原因): its 分值 and 总分 are absent by design.
    const unscored = bodyThere && shape.summary?.required === true && this.scoresNothing();

    const tables: ParsedForm['tables'] = {};
    const tableLayouts: FormLayout['tables'] = {};
    for (const table of shape.tables) {
      const state = this.tables.get(table.key);
      if (!state) {
        if (table.required) missing.push(table.section);
        continue;
      }
      tables[table.key] = state.rows;
      tableLayouts[table.key] = state.layout;
      for (const part of table.columns) {
        if (!part.required || state.layout.columns[part.key] !== undefined) continue;
        if (part.satisfiedBy?.some((k) => state.layout.columns[k] !== undefined)) continue;
        // With a level above the first levels, the form has no second level by design.
        if (part.key === 'level2' && state.levelShifted) continue;
        const label = this.vocabulary.columns[part.key].canonical;
        if (part.key === 'weight' && unscored) absent.push(label);
        else missing.push(label);
      }
    }

    const summary = shape.summary;
    let total: Field = ABSENT;
    let grade: Field = ABSENT;
    let conclusion: Field = ABSENT;
    if (summary) {
      if (this.summaryRow === null) {
        if (summary.required) (unscored ? absent : missing).push(this.vocabulary.totals.total.canonical);
      } else {
        const totalCol = this.totalColumn();
        total = this.field(this.summaryRow, totalCol);
        if (summary.grade) grade = this.grade ?? this.gradeBeside(this.summaryRow, totalCol) ?? ABSENT;
        if (summary.conclusion) conclusion = this.conclusion ?? ABSENT;
      }
      if (this.summaryRow === null && summary.grade) grade = this.grade ?? ABSENT;
      if (this.summaryRow === null && summary.conclusion) conclusion = this.conclusion ?? ABSENT;
    }

    const form: ParsedForm = {
      template: shape.template,
      templateVersion: version,
      sheet,
      source: this.source,
      header: this.header,
      funds: this.funds,
      goals: this.goals,
      tables,
      readings: readTables(tables),
      total,
      grade,
      conclusion,
      missing,
    };
    if (this.guesses.length > 0) form.labelGuesses = this.guesses;
    if (absent.length > 0) form.absentByLayout = absent;
    const sums = this.sumBlocks();
    if (sums.length > 0) form.sums = sums;
    // Only a choice the form's own 执行率 header makes is passed on; otherwise scores divide by 全年预算数
    // when there is one, else by 年初预算数, which is what the layout records too.
    const basis = this.fundsLayout?.budgetBasis;
    if (basis?.source === 'rate-header') form.budgetBasis = basis;
    if (this.fundsPoints !== null) form.fundsPoints = this.fundsPoints;
    const layout: FormLayout = {
      template: shape.template,
      source: this.source,
      tables: tableLayouts,
      funds: this.fundsLayout,
      summaryRow: this.summaryRow === null ? null : this.top + this.summaryRow,
    };
    return { form, layout };
  }

  /**
   * Blocks of amounts above the tables whose item rows (no funds rows of the form: 保安服务费, 保洁服务费 …)
   * close with a 合计 row: each column where the 合计 and at least two items hold amounts, and no item holds
   * anything else, is one sum to check. Rates, points and scores (率, 分, %) are no sums.
   */
  private sumBlocks(): SumBlock[] {
    let limit = this.keys.rowCount;
    for (const state of this.tables.values()) limit = Math.min(limit, state.layout.headerTop - this.top);
    const blocks: SumBlock[] = [];
    for (let r = 1; r < limit; r++) {
      const labelCol = this.firstNonBlankCol(r);
      if (this.rowIsBlank(r) || !this.keys.index.tableTotals.has(this.keys.key(r, labelCol))) continue;
      let top = r;
      while (top > 0 && this.isSumItem(top - 1, labelCol)) top--;
      if (r - top < 2) continue;
      const items: number[] = [];
      for (let i = top; i < r; i++) items.push(i);
      const width = this.values[r]?.length ?? 0;
      const columns: SumColumn[] = [];
      for (let c = labelCol + 1; c < width; c++) {
        if (!this.isAmount(r, c) || !this.isSumColumn(top - 1, c)) continue;
        let amounts = 0;
        let other = false;
        for (const i of items) {
          if (this.isAmount(i, c)) amounts++;
          else if (!isBlankCell(this.values[i]?.[c])) other = true;
        }
        if (other || amounts < 2) continue;
        columns.push({
          header: displayText(this.values[top - 1]?.[c]) ?? columnLetter(this.left + c),
          items: items.map((i) => this.field(i, c)),
          total: this.field(r, c),
        });
      }
      if (columns.length === 0) continue;
      blocks.push({
        totalLabel: this.field(r, labelCol),
        items: items.map((i) => this.field(i, labelCol)),
        columns,
      });
    }
    return blocks;
  }

  /** An item row of a sum block: a text label that is no funds row nor 其中 part, and an amount right of it. */
  private isSumItem(r: number, labelCol: number): boolean {
    if (this.firstNonBlankCol(r) !== labelCol) return false;
    const label = this.values[r]?.[labelCol];
    if (typeof label !== 'string' || isBlankCell(label)) return false;
    const key = this.keys.key(r, labelCol);
    if (key === '' || key.startsWith('其中') || this.keys.hitOf(key) !== NO_LABEL) return false;
    const width = this.values[r]?.length ?? 0;
    for (let c = labelCol + 1; c < width; c++) if (this.isAmount(r, c)) return true;
    return false;
  }

  /** Whether the header over column c (row h, -1 for none) names something that adds up. */
  private isSumColumn(h: number, c: number): boolean {
    if (h < 0) return true;
    const text = cellText(this.values[h]?.[c]);
    if (text === null) return true;
    const fundsCol = this.keys.hit(h, c).fundsCol;
    if (fundsCol === 'rate' || fundsCol === 'score' || fundsCol === 'weight') return false;
    return !/[率分%％]/u.test(text);
  }

  /** The funds block (when the form has one) and every required table were found. */
  private bodyThere(shape: FormShape): boolean {
    if (shape.funds !== null && this.fundsLayout === null) return false;
    return shape.tables.every((table) => !table.required || this.tables.has(table.key));
  }

  /** No points anywhere: no 分值 or 得分 column in a table or the funds block, no points in a label, no 总分 row. */
  private scoresNothing(): boolean {
    if (this.summaryRow !== null || this.fundsPoints !== null) return false;
    const funds = this.fundsLayout?.columns ?? {};
    if (funds.weight !== undefined || funds.score !== undefined) return false;
    for (const state of this.tables.values()) {
      const columns = state.layout.columns;
      if (
        columns.weight !== undefined ||
        columns.score !== undefined ||
        columns.qualitativeScore !== undefined
      )
        return false;
    }
    return true;
  }

  /**
   * Self-evaluations that print 年度总体目标 | 预期目标 text | … | 实际完成情况 text without the two column
   * labels: the first text right of the label is the expected goal, the next one the achieved goal.
   */
  private goalsFromOverallRow(): void {
    if (!this.goalKeys.has('expected') || !this.goalKeys.has('achieved')) return;
    const at = this.goalLabels.overall;
    if (at === undefined || this.goals.expected !== undefined || this.goals.achieved !== undefined) return;
    const texts: number[] = [];
    const row = this.values[at.r] ?? NO_VALUES;
    for (let c = at.c + 1; c < row.length && texts.length < 2; c++) if (!isBlankCell(row[c])) texts.push(c);
    const [expected, achieved] = texts;
    if (expected === undefined) return;
    this.goals.expected = this.field(at.r, expected);
    if (achieved !== undefined) this.goals.achieved = this.field(at.r, achieved);
  }

  /** Block column of the total: under the table's 得分 column, else the last value right of the 总分 label. */
  private totalColumn(): number {
    const row = this.summaryRow ?? 0;
    const states = this.summaryTable ? [this.summaryTable] : [...this.tables.values()].reverse();
    for (const state of states) {
      const score = state.layout.columns.score;
      if (score !== undefined) return score - this.left;
    }
    const cells = this.values[row] ?? NO_VALUES;
    for (let c = cells.length - 1; c > this.summaryLabelCol; c--) if (!isBlankCell(cells[c])) return c;
    return this.summaryLabelCol + 1;
  }

  /** Provinces that print the grade without a label put it right of the total on the 总分 row. */
  private gradeBeside(r: number, totalCol: number): Field | null {
    const cells = this.values[r] ?? NO_VALUES;
    for (let c = totalCol + 1; c < cells.length; c++) {
      const raw = cells[c];
      if (typeof raw === 'string' && !isBlankCell(raw)) return this.field(r, c);
    }
    return null;
  }
}
