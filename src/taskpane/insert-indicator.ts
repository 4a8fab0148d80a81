/**
 * Writes a library indicator into the row the person selected in an indicator table. Only empty cells are
 * written: a row where someone already typed a level, name, operator, target or unit is refused, so nothing
 * a person typed is ever overwritten.
 */
import type { WorkbookPort } from '../app/workbook-port';
import type { Indicator } from '../domain/framework/framework-schema';
import type { ColumnKey } from '../domain/forms/form-model';
import { readForm, type FormHint } from '../domain/forms/read-form';
import { columnLetter, parseRange } from '../domain/grid/address';
import { isBlank } from '../domain/grid/parse';
import type { PlanOp } from '../domain/plan/plan';

export type InsertIndicatorResult =
  | { ok: true; sheet: string; row: number; range: string }
  | { ok: false; reason: 'no_selection' | 'not_a_form' | 'not_indicator_row' }
  | { ok: false; reason: 'row_not_empty'; cells: string[] };

const WRITTEN: readonly ColumnKey[] = ['level1', 'level2', 'level3', 'operator', 'target', 'unit'];

function valueFor(indicator: Indicator, key: ColumnKey): string {
  switch (key) {
    case 'level1':
      return indicator.level1;
    case 'level2':
      return indicator.level2;
    case 'level3':
      return indicator.name;
    case 'operator':
      return indicator.operator;
    case 'target':
      return indicator.reference;
    case 'unit':
      return indicator.unit;
    default:
      return '';
  }
}

export async function insertIndicatorIntoSelection(
  port: WorkbookPort,
  indicator: Indicator,
  hintFor: (sheet: string) => FormHint | null,
): Promise<InsertIndicatorResult> {
  const selection = await port.getSelection();
  if (selection === null) return { ok: false, reason: 'no_selection' };
  const row = parseRange(selection.cell).top;
  const block = await port.readBlock(selection.sheet);
  const read = readForm(block, selection.sheet, hintFor(selection.sheet));
  if (!read.ok) return { ok: false, reason: 'not_a_form' };
  const table = read.layout.tables.indicators;
  if (!table || row < table.firstDataRow || row >= table.endRow)
    return { ok: false, reason: 'not_indicator_row' };

  const cells: { col: number; value: string }[] = [];
  const occupied: string[] = [];
  for (const key of WRITTEN) {
    const col = table.columns[key];
    const value = valueFor(indicator, key);
    if (col === undefined || value === '') continue;
    const current = block.values[row - block.top]?.[col - block.left] ?? null;
    const formula = block.formulas[row - block.top]?.[col - block.left] ?? null;
    if (formula !== null || !isBlank(current)) {
      if (String(current).trim() !== value) occupied.push(`${columnLetter(col)}${row + 1}`);
      continue;
    }
    cells.push({ col, value });
  }
  if (occupied.length > 0) return { ok: false, reason: 'row_not_empty', cells: occupied };
  if (cells.length === 0) return { ok: false, reason: 'row_not_empty', cells: [] };

  // One block per run of adjacent columns, so that no cell between them is touched.
  cells.sort((a, b) => a.col - b.col);
  const ops: PlanOp[] = [];
  let run: { col: number; value: string }[] = [];
  const flush = () => {
    const first = run[0];
    if (first) {
      ops.push({
        kind: 'writeBlock',
        sheet: selection.sheet,
        topLeft: `${columnLetter(first.col)}${row + 1}`,
        values: [run.map((c) => c.value)],
      });
    }
    run = [];
  };
  for (const cell of cells) {
    const last = run[run.length - 1];
    if (last && cell.col !== last.col + 1) flush();
    run.push(cell);
  }
  flush();
  await port.applyPlan({ formSheet: selection.sheet, ops });
  const left = cells[0]?.col ?? 0;
  const right = cells[cells.length - 1]?.col ?? left;
  return {
    ok: true,
    sheet: selection.sheet,
    row: row + 1,
    range: `${columnLetter(left)}${row + 1}:${columnLetter(right)}${row + 1}`,
  };
}
