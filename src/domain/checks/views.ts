/** Row views: what a row rule sees of a row, with merged 一级/二级 labels carried down. */
import { fieldOf, type ParsedForm, type TableKey } from '../forms/form-model';
import { isBlankRow, textOf } from './cells';
import type { CheckContext, RowView } from './rule';

export function rowViews(form: ParsedForm, key: TableKey, ctx: CheckContext): RowView[] {
  const rows = form.tables[key] ?? [];
  const views: RowView[] = [];
  let level1: string | null = null;
  let level2: string | null = null;
  rows.forEach((row, index) => {
    const own1 = textOf(fieldOf(row, 'level1'));
    const own2 = textOf(fieldOf(row, 'level2'));
    if (own1 !== null && own1 !== level1) {
      level1 = own1;
      // A new first level starts a new merge of the second level too.
      level2 = null;
    }
    if (own2 !== null) level2 = own2;
    if (isBlankRow(row)) return;
    const level3 = textOf(fieldOf(row, key === 'tasks' ? 'taskName' : 'level3'));
    views.push({
      row,
      index,
      level1,
      level2,
      name: level3 ?? `第${row.row + 1}行`,
      score: ctx.scores.indicators.find((s) => s.row === row.row) ?? null,
    });
  });
  return views;
}
