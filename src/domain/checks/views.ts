/** Row views: what a row rule sees of a row, with merged 一级/二级 labels carried down. */
import { fieldOf, type ParsedForm, type TableKey, type TableRow } from '../forms/form-model';
import type { FormScores, IndicatorScore } from '../scoring/score-types';
import { isBlankRow, textOf } from './cells';
import type { CheckContext, RowView } from './rule';

/** Scores by sheet row, built once per scoring result: a live edit looks up one row, not all of them. */
const scoreIndexes = new WeakMap<FormScores, Map<number, IndicatorScore>>();

function scoreAt(scores: FormScores, row: number): IndicatorScore | null {
  let index = scoreIndexes.get(scores);
  if (index === undefined) {
    index = new Map(scores.indicators.map((s) => [s.row, s]));
    scoreIndexes.set(scores, index);
  }
  return index.get(row) ?? null;
}

interface Carried {
  level1: string | null;
  level2: string | null;
}

/** Carries 一级/二级 over one row; returns the levels in force at that row. */
function carry(levels: Carried, row: TableRow): Carried {
  const own1 = textOf(fieldOf(row, 'level1'));
  const own2 = textOf(fieldOf(row, 'level2'));
  let { level1, level2 } = levels;
  if (own1 !== null && own1 !== level1) {
    level1 = own1;
    // A new first level starts a new merge of the second level too.
    level2 = null;
  }
  if (own2 !== null) level2 = own2;
  return { level1, level2 };
}

/** The last view of each row: an edit elsewhere leaves it as it was, and rules keep per-view work. */
const lastViews = new WeakMap<TableRow, RowView>();

function viewOf(row: TableRow, index: number, levels: Carried, key: TableKey, ctx: CheckContext): RowView {
  const score = scoreAt(ctx.scores, row.row);
  const last = lastViews.get(row);
  if (
    last !== undefined &&
    last.index === index &&
    last.level1 === levels.level1 &&
    last.level2 === levels.level2 &&
    last.score === score
  ) {
    return last;
  }
  const level3 = textOf(fieldOf(row, key === 'tasks' ? 'taskName' : 'level3'));
  const view = { row, index, ...levels, name: level3 ?? `第${row.row + 1}行`, score };
  lastViews.set(row, view);
  return view;
}

/**
 * Several form rules walk the same views; rows and scores are immutable values, so the views of one table
 * are built once per (rows, scores) pair instead of once per rule.
 */
const viewCache = new WeakMap<readonly TableRow[], { scores: FormScores; views: RowView[] }>();

export function rowViews(form: ParsedForm, key: TableKey, ctx: CheckContext): RowView[] {
  const rows = form.tables[key];
  if (rows === undefined) return [];
  const known = viewCache.get(rows);
  if (known && known.scores === ctx.scores) return known.views;
  const views = buildViews(rows, key, ctx);
  viewCache.set(rows, { scores: ctx.scores, views });
  return views;
}

function buildViews(rows: readonly TableRow[], key: TableKey, ctx: CheckContext): RowView[] {
  const views: RowView[] = [];
  let levels: Carried = { level1: null, level2: null };
  rows.forEach((row, index) => {
    levels = carry(levels, row);
    if (!isBlankRow(row)) views.push(viewOf(row, index, levels, key, ctx));
  });
  return views;
}

/**
 * The view of one row (0-based sheet row), as rowViews would give it, without walking the whole table:
 * the carry starts at the nearest row above that writes both its 一级 and 二级 (where nothing from further
 * up can reach), so a live edit costs what its merged block costs.
 */
export function rowViewAt(
  form: ParsedForm,
  key: TableKey,
  sheetRow: number,
  ctx: CheckContext,
): RowView | null {
  const rows = form.tables[key] ?? [];
  const index = indexOfRow(rows, sheetRow);
  const target = rows[index];
  if (target === undefined || isBlankRow(target)) return null;
  let start = index;
  while (start > 0) {
    const row = rows[start];
    if (row && textOf(fieldOf(row, 'level1')) !== null && textOf(fieldOf(row, 'level2')) !== null) break;
    start -= 1;
  }
  let levels: Carried = { level1: null, level2: null };
  for (let i = start; i <= index; i++) {
    const row = rows[i];
    if (row) levels = carry(levels, row);
  }
  return viewOf(target, index, levels, key, ctx);
}

/** Index of the row with this sheet row (rows are in sheet order), or -1. */
function indexOfRow(rows: readonly TableRow[], sheetRow: number): number {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = rows[mid]?.row ?? Number.POSITIVE_INFINITY;
    if (at === sheetRow) return mid;
    if (at < sheetRow) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
