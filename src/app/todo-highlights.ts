/**
 * The 待填写 fill drawn by the template itself, so that Excel and WPS show it too (and a template file opened
 * where the add-in is not installed): a conditional format on each required cell of a blank form, true while the
 * cell is blank and its part of the form is still empty. Which cells are required is what the rules report as
 * empty required on the blank form (isEmptyRequired); which cells start a part is partFields (form-progress.ts),
 * the same definition the pane uses — so the fill and the pane's 待填写 count agree.
 */
import { checkForm } from '../domain/checks/registry';
import type { TemplateId } from '../domain/forms/form-model';
import { readForm } from '../domain/forms/read-form';
import type { Block, CellScalar } from '../domain/grid/cell';
import { isFormulaCell } from '../domain/grid/cell';
import { type CellPosition, parseA1, parseRange, toA1, toRangeA1 } from '../domain/grid/address';
import type { HexColor, Plan, PlanOp } from '../domain/plan/plan';
import { scoreForm } from '../domain/scoring/score';
import type { EngineSettings } from './engine-settings';
import { partFields, partOfCell, splitProgress } from './form-progress';

/** The light fill of a cell still to fill (the workbench draws the same). */
export const TODO_FILL: HexColor = '#EEF3FA';

type HighlightOp = Extract<PlanOp, { kind: 'highlight' }>;

/** Whether a highlight op is the 待填写 fill (its condition starts with ISBLANK of its own cell). */
export function isTodoHighlight(op: PlanOp): op is HighlightOp {
  return op.kind === 'highlight' && op.fill === TODO_FILL && op.formula.startsWith('=AND(ISBLANK(');
}

/** The form sheet as the plan writes it: values, formulas and merges, before any host has applied it. */
export function blockFromPlan(plan: Plan, sheet: string): Block {
  const cells = new Map<string, { pos: CellPosition; value: CellScalar; formula: string | null }>();
  const merges: { top: number; left: number; bottom: number; right: number }[] = [];
  let bottom = 0;
  let right = 0;
  for (const op of plan.ops) {
    if (op.kind === 'merge' && op.sheet === sheet) merges.push(parseRange(op.range));
    if (op.kind !== 'writeBlock' || op.sheet !== sheet) continue;
    const origin = parseA1(op.topLeft);
    op.values.forEach((line, r) =>
      line.forEach((input, c) => {
        const pos = { row: origin.row + r, col: origin.col + c };
        const formula = isFormulaCell(input) ? input.formula : null;
        const value = isFormulaCell(input) ? null : input;
        cells.set(toA1(pos), { pos, value, formula });
        bottom = Math.max(bottom, pos.row);
        right = Math.max(right, pos.col);
      }),
    );
  }
  const values: CellScalar[][] = Array.from({ length: bottom + 1 }, () =>
    Array.from({ length: right + 1 }, () => null),
  );
  const formulas: (string | null)[][] = Array.from({ length: bottom + 1 }, () =>
    Array.from({ length: right + 1 }, () => null),
  );
  for (const { pos, value, formula } of cells.values()) {
    values[pos.row]![pos.col] = value;
    formulas[pos.row]![pos.col] = formula;
  }
  return { top: 0, left: 0, values, formulas, merges };
}

/**
 * The 待填写 conditional formats of a blank form: one per run of to-do cells of one part down one column, lit
 * while the cell is blank and none of the part's person-filled cells holds anything. Cells the template ships
 * with a value (a placeholder) are left out of that count, since Excel would count them as content.
 */
export function todoHighlightOps(
  block: Block,
  sheet: string,
  template: TemplateId,
  settings: EngineSettings,
): HighlightOp[] {
  const read = readForm(block, sheet, { template, version: null });
  if (!read.ok) return [];
  const form = read.form;
  const ctx = {
    profile: settings.profile,
    framework: settings.framework,
    scores: scoreForm(form, settings.profile),
    goals: null,
  };
  const { todo } = splitProgress(form, checkForm(form, ctx), false);
  const fields = partFields(form);
  const byPart = new Map<string, CellPosition[]>();
  for (const issue of todo) {
    if (issue.cell === null) continue;
    const part = partOfCell(form, issue.cell);
    if (part === null) continue;
    const list = byPart.get(part) ?? [];
    list.push(parseA1(issue.cell));
    byPart.set(part, list);
  }
  const ops: HighlightOp[] = [];
  for (const [part, targets] of byPart) {
    const inputs = (fields.get(part as never) ?? [])
      .filter((f) => f.covered !== true && (f.raw === null || f.raw === ''))
      .map((f) => parseA1(f.cell ?? 'A1'));
    const counted = columnRuns(inputs)
      .map((range) => toRangeA1(range, true))
      .join(',');
    for (const run of columnRuns(targets)) {
      const first = toA1({ row: run.top, col: run.left });
      const parts = counted === '' ? `ISBLANK(${first})` : `ISBLANK(${first}),COUNTA(${counted})=0`;
      ops.push({
        kind: 'highlight',
        sheet,
        range: toRangeA1(run),
        formula: `=AND(${parts})`,
        fill: TODO_FILL,
      });
    }
  }
  return ops;
}

/** Cells as ranges: each column's consecutive rows together. */
function columnRuns(cells: readonly CellPosition[]) {
  const unique = [...new Map(cells.map((c) => [toA1(c), c])).values()].sort(
    (a, b) => a.col - b.col || a.row - b.row,
  );
  const runs: { top: number; left: number; bottom: number; right: number }[] = [];
  for (const cell of unique) {
    const last = runs[runs.length - 1];
    if (last !== undefined && last.left === cell.col && last.bottom === cell.row - 1) last.bottom = cell.row;
    else runs.push({ top: cell.row, left: cell.col, bottom: cell.row, right: cell.col });
  }
  return runs;
}
