/**
 * Results a workbook stores for its formulas against the recomputation. A spreadsheet keeps the last result
 * of each formula in the file; where that result is not what the rules give for the row as it stands (a value
 * changed where nothing recalculated, an edited formula) or where a typed number has replaced our formula,
 * the cell is reported: neither number is picked silently. A formula cell without a stored number (a file
 * never recalculated, or a result of "") is not compared.
 */
import { fieldOf, fundsCell, type Field, type ParsedForm } from '../../forms/form-model';
import { isFormula, numberIn } from '../cells';
import { formRule, rowRule, type Rule } from '../rule';
import { SCORED_TEMPLATES, SELF_EVALUATIONS } from '../template-groups';

/** The spreadsheet shows results to a few decimals; differences below this are binary noise. */
const SAME = 1e-6;

function storedNumber(field: Field): number | null {
  return isFormula(field) && typeof field.raw === 'number' ? field.raw : null;
}

function differs(stored: number, computed: number | null): boolean {
  return computed === null || Math.abs(stored - computed) > SAME;
}

/** A dash when the rules give no score (the sheet shows an empty cell). */
function shownScore(computed: number | null): string | number {
  return computed ?? '—';
}

export const formulaResultDiffers = rowRule({
  code: 'formula_result_differs',
  severity: 'warning',
  templates: SCORED_TEMPLATES,
  scope: 'row',
  table: 'main',
  params: ['name', 'stored', 'computed'],
  check: (view) => {
    const field = fieldOf(view.row, 'score');
    const stored = storedNumber(field);
    if (field.cell === null || stored === null || view.reading.kind !== 'indicator') return [];
    const computed = view.score?.score ?? null;
    if (!differs(stored, computed)) return [];
    return [{ cell: field.cell, params: { name: view.name, stored, computed: shownScore(computed) } }];
  },
});

export const formTotalResultDiffers = formRule({
  code: 'formula_total_differs',
  severity: 'warning',
  templates: SCORED_TEMPLATES,
  scope: 'form',
  params: ['label', 'stored', 'computed'],
  check: (form, ctx) => {
    const found: { cell: string; params: { label: string; stored: number; computed: string | number } }[] =
      [];
    const total = storedNumber(form.total);
    if (form.total.cell !== null && total !== null && differs(total, ctx.scores.total))
      found.push({
        cell: form.total.cell,
        params: { label: '总分', stored: total, computed: shownScore(ctx.scores.total) },
      });
    const budget = fundsCell(form, 'total', 'score');
    const budgetStored = storedNumber(budget);
    const budgetComputed = ctx.scores.execution?.score ?? null;
    if (budget.cell !== null && budgetStored !== null && differs(budgetStored, budgetComputed))
      found.push({
        cell: budget.cell,
        params: { label: '预算执行得分', stored: budgetStored, computed: shownScore(budgetComputed) },
      });
    return found;
  },
});

/**
 * Where the other indicators' 得分 are formulas (our template), a typed number in one of them has replaced
 * the formula: the sheet no longer computes that row.
 */
export const scoreFormulaReplaced = rowRule({
  code: 'score_formula_replaced',
  severity: 'warning',
  templates: SELF_EVALUATIONS,
  scope: 'row',
  table: 'main',
  params: ['name', 'stated', 'computed'],
  check: (view, form) => {
    if (view.reading.kind !== 'indicator') return [];
    const field = fieldOf(view.row, 'score');
    const stated = isFormula(field) ? null : numberIn(field);
    if (field.cell === null || stated === null || !scoresAreFormulas(form)) return [];
    return [
      {
        cell: field.cell,
        params: { name: view.name, stated, computed: shownScore(view.score?.score ?? null) },
      },
    ];
  },
});

const formulaTables = new WeakMap<ParsedForm, boolean>();

function scoresAreFormulas(form: ParsedForm): boolean {
  let known = formulaTables.get(form);
  if (known === undefined) {
    known = (form.tables.indicators ?? []).some((row) => fieldOf(row, 'score').formula !== null);
    formulaTables.set(form, known);
  }
  return known;
}

export const FORMULA_RESULT_RULES: readonly Rule[] = [
  formulaResultDiffers,
  formTotalResultDiffers,
  scoreFormulaReplaced,
];
