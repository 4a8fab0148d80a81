/** Ex-ante assessment (事前评估) and key evaluation (重点评价): ratings, conclusion, 产出+效益 weight floor. */
import { fieldOf } from '../../forms/form-model';
import { RATINGS } from '../../forms/vocabulary';
import { exAnteConclusionOf, roundPer } from '../../scoring/score';
import { isEmptyish, isFormula, numberIn, sameText, shown, textOf } from '../cells';
import { formRule, mainTableKey, rowRule, type Rule } from '../rule';
import { EX_ANTE, KEY_EVALUATION } from '../template-groups';
import { rowViews } from '../views';
import { rowWeights, tidySum, WEIGHT_EPSILON } from '../weights';

export const ratingMissing = rowRule({
  code: 'rating_missing',
  emptyRequired: true,
  severity: 'error',
  templates: EX_ANTE,
  scope: 'row',
  table: 'main',
  params: ['name'],
  check: (view) => {
    const field = fieldOf(view.row, 'rating');
    return field.cell !== null && isEmptyish(field)
      ? [{ cell: field.cell, params: { name: view.name } }]
      : [];
  },
});

export const ratingInvalid = rowRule({
  code: 'rating_invalid',
  severity: 'error',
  templates: EX_ANTE,
  scope: 'row',
  table: 'main',
  params: ['value', 'name'],
  check: (view) => {
    const field = fieldOf(view.row, 'rating');
    const text = textOf(field);
    if (field.cell === null || isEmptyish(field) || (RATINGS as readonly string[]).includes(text ?? ''))
      return [];
    return [{ cell: field.cell, params: { value: shown(field), name: view.name } }];
  },
});

export const conclusionMissing = formRule({
  code: 'conclusion_missing',
  emptyRequired: true,
  severity: 'error',
  templates: EX_ANTE,
  scope: 'form',
  params: [],
  check: (form) =>
    form.conclusion.cell !== null && !isFormula(form.conclusion) && isEmptyish(form.conclusion)
      ? [{ cell: form.conclusion.cell, params: {} }]
      : [],
});

export const conclusionInconsistent = formRule({
  code: 'conclusion_inconsistent',
  severity: 'error',
  templates: EX_ANTE,
  scope: 'form',
  params: ['stated', 'expected', 'total'],
  check: (form, ctx) => {
    const stated = textOf(form.conclusion);
    // The conclusion follows the total the sheet states; a wrong total is its own finding.
    const total = numberIn(form.total) ?? ctx.scores.total;
    if (isFormula(form.conclusion) || stated === null || isEmptyish(form.conclusion) || total === null)
      return [];
    const rounded = roundPer(total, ctx.profile.rounding.totalDigits, ctx.profile);
    const expected = exAnteConclusionOf(rounded, ctx.profile);
    if (sameText(stated, expected)) return [];
    return [
      { cell: form.conclusion.cell, params: { stated: shown(form.conclusion), expected, total: rounded } },
    ];
  },
});

function isOutputOrOutcome(level1: string | null): boolean {
  return level1 !== null && /产出|效益/.test(level1);
}

export const outputOutcomeBelowMin = formRule({
  code: 'output_outcome_below_min',
  severity: 'error',
  templates: KEY_EVALUATION,
  scope: 'form',
  params: ['sum', 'min'],
  check: (form, ctx) => {
    const weights = rowWeights(rowViews(form, mainTableKey(form), ctx));
    if (weights === null || weights.length === 0) return [];
    const members = weights.filter((w) => isOutputOrOutcome(w.view.level1));
    const sum = tidySum(members.map((m) => m.weight));
    const min = ctx.profile.keyEvaluation.outputPlusOutcomeMin;
    if (sum >= min - WEIGHT_EPSILON) return [];
    const anchor = members[0] ?? weights[0];
    return [{ cell: anchor ? fieldOf(anchor.view.row, 'weight').cell : null, params: { sum, min } }];
  },
});

export const EX_ANTE_KEY_EVALUATION_RULES: readonly Rule[] = [
  ratingMissing,
  ratingInvalid,
  conclusionMissing,
  conclusionInconsistent,
  outputOutcomeBelowMin,
];
