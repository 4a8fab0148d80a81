/** Weights: every row has a positive weight, weights add up to 100 and follow the profile's groups. */
import { fieldOf, fundsCell } from '../../forms/form-model';
import { readingOf, shown } from '../cells';
import { canonicalLevel1 } from '../framework-lookup';
import { formRule, mainTableKey, rowRule, type Finding, type Rule } from '../rule';
import { SCORED_TEMPLATES, SELF_EVALUATIONS } from '../template-groups';
import { rowViews } from '../views';
import { budgetWeight, rowWeights, tidySum, WEIGHT_EPSILON } from '../weights';

export const weightMissing = rowRule({
  code: 'weight_missing',
  emptyRequired: true,
  severity: 'error',
  templates: SCORED_TEMPLATES,
  scope: 'row',
  table: 'main',
  params: ['name'],
  check: (view) => {
    const field = fieldOf(view.row, 'weight');
    const kind = view.reading.weightReading.kind;
    return field.cell !== null && (kind === 'blank' || kind === 'placeholder')
      ? [{ cell: field.cell, params: { name: view.name } }]
      : [];
  },
});

export const weightNotNumber = rowRule({
  code: 'weight_not_number',
  severity: 'error',
  templates: SCORED_TEMPLATES,
  scope: 'row',
  table: 'main',
  params: ['value', 'name'],
  check: (view) => {
    const field = fieldOf(view.row, 'weight');
    return view.reading.weightReading.kind === 'text'
      ? [{ cell: field.cell, params: { value: shown(field), name: view.name } }]
      : [];
  },
});

export const weightNotPositive = rowRule({
  code: 'weight_not_positive',
  severity: 'error',
  templates: SCORED_TEMPLATES,
  scope: 'row',
  table: 'main',
  params: ['value', 'name'],
  check: (view) => {
    const field = fieldOf(view.row, 'weight');
    const reading = view.reading.weightReading;
    return reading.kind === 'number' && reading.value <= 0
      ? [{ cell: field.cell, params: { value: reading.value, name: view.name } }]
      : [];
  },
});

export const weightSumNot100 = formRule({
  code: 'weight_sum_not_100',
  severity: 'error',
  templates: SCORED_TEMPLATES,
  scope: 'form',
  params: ['sum', 'budget'],
  check: (form, ctx) => {
    const views = rowViews(form, mainTableKey(form), ctx);
    const weights = rowWeights(views);
    if (weights === null || weights.length === 0) return [];
    const budget = budgetWeight(form, ctx.profile);
    const sum = tidySum([budget, ...weights.map((w) => w.weight)]);
    if (Math.abs(sum - 100) <= WEIGHT_EPSILON) return [];
    const cell = weights[0] ? fieldOf(weights[0].view.row, 'weight').cell : null;
    return [{ cell, params: { sum, budget } }];
  },
});

export const level1WeightOffProfile = formRule({
  code: 'level1_weight_off_profile',
  severity: 'warning',
  templates: SELF_EVALUATIONS,
  scope: 'form',
  params: ['level1', 'sum', 'expected'],
  check: (form, ctx) => {
    const weights = rowWeights(rowViews(form, mainTableKey(form), ctx));
    if (weights === null) return [];
    const findings: Finding<'level1' | 'sum' | 'expected'>[] = [];
    for (const group of ctx.profile.weights.groups) {
      const names = new Set(group.levels.map((name) => canonicalLevel1(ctx.framework, name) ?? name));
      const members = weights.filter((w) => {
        const level1 = canonicalLevel1(ctx.framework, w.view.level1);
        return level1 !== null && names.has(level1);
      });
      // A group with no rows at all is a missing group, reported by level1_group_missing.
      if (members.length === 0) continue;
      const sum = tidySum(members.map((m) => m.weight));
      if (Math.abs(sum - group.weight) <= WEIGHT_EPSILON) continue;
      const cell = members[0] ? fieldOf(members[0].view.row, 'weight').cell : null;
      findings.push({ cell, params: { level1: group.levels.join('+'), sum, expected: group.weight } });
    }
    return findings;
  },
});

export const budgetWeightOffProfile = formRule({
  code: 'budget_weight_off_profile',
  severity: 'warning',
  templates: SELF_EVALUATIONS,
  scope: 'form',
  params: ['stated', 'expected'],
  check: (form, ctx) => {
    const field = fundsCell(form, 'total', 'weight');
    const reading = readingOf(field);
    if (reading.kind !== 'number' || Math.abs(reading.value - ctx.profile.weights.budget) <= WEIGHT_EPSILON)
      return [];
    return [{ cell: field.cell, params: { stated: reading.value, expected: ctx.profile.weights.budget } }];
  },
});

export const WEIGHT_RULES: readonly Rule[] = [
  weightMissing,
  weightNotNumber,
  weightNotPositive,
  weightSumNot100,
  level1WeightOffProfile,
  budgetWeightOffProfile,
];
