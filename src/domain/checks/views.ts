/**
 * Row views: what a row rule sees of a row. Each view is the row's one reading (row-reading.ts: kind, merged
 * 一级/二级 carried down, operator, target, weight …) with its score; only indicator rows get a view, so a
 * template slot, a 其中 row, a "/" row, a repeated header or a signature line is never checked as one.
 */
import type { ParsedForm, RowReading, TableKey } from '../forms/form-model';
import { readingAt } from '../forms/row-reading';
import type { FormScores, IndicatorScore } from '../scoring/score-types';
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

/** The last view of each reading: an edit elsewhere leaves it as it was, and rules keep per-view work. */
const lastViews = new WeakMap<RowReading, RowView>();

function viewOf(reading: RowReading, ctx: CheckContext): RowView {
  const score = scoreAt(ctx.scores, reading.row);
  const last = lastViews.get(reading);
  if (last !== undefined && last.score === score) return last;
  const view: RowView = {
    row: reading.cells,
    reading,
    index: reading.index,
    level1: reading.level1,
    level2: reading.level2,
    name: reading.shown.name ?? `第${reading.row + 1}行`,
    score,
  };
  lastViews.set(reading, view);
  return view;
}

/**
 * Several form rules walk the same views; readings and scores are immutable values, so the views of one
 * table are built once per (readings, scores) pair instead of once per rule.
 */
const viewCache = new WeakMap<readonly RowReading[], { scores: FormScores; views: RowView[] }>();

export function rowViews(form: ParsedForm, key: TableKey, ctx: CheckContext): RowView[] {
  const readings = form.readings[key];
  if (readings === undefined) return [];
  const known = viewCache.get(readings);
  if (known && known.scores === ctx.scores) return known.views;
  const views = readings.filter((r) => r.kind === 'indicator').map((r) => viewOf(r, ctx));
  viewCache.set(readings, { scores: ctx.scores, views });
  return views;
}

/** The view of one row (0-based sheet row), as rowViews would give it, without walking the whole table. */
export function rowViewAt(
  form: ParsedForm,
  key: TableKey,
  sheetRow: number,
  ctx: CheckContext,
): RowView | null {
  const reading = readingAt(form.readings[key] ?? [], sheetRow);
  return reading === null || reading.kind !== 'indicator' ? null : viewOf(reading, ctx);
}
