/** Weights: every row has a positive weight, weights add up to 100 and follow the profile's groups. */
import { fieldOf, fundsCell, type ParsedForm } from '../../forms/form-model';
import { readingOf, shown } from '../cells';
import { canonicalLevel1 } from '../framework-lookup';
import { formRule, mainTableKey, rowRule, type CheckContext, type Rule } from '../rule';
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

/** One first-level group of the profile and what the form's rows give it. */
interface GroupWeight {
  label: string;
  sum: number;
  expected: number;
  /** The weight cell of the group's first row; null when the form has no row in the group. */
  cell: string | null;
}

/** The weight the form gives each group of the profile, or null when some row's weight cannot be read. */
function groupWeights(form: ParsedForm, ctx: CheckContext): GroupWeight[] | null {
  const weights = rowWeights(rowViews(form, mainTableKey(form), ctx));
  if (weights === null) return null;
  return ctx.profile.weights.groups.map((group) => {
    const names = new Set(group.levels.map((name) => canonicalLevel1(ctx.framework, name) ?? name));
    const members = weights.filter((w) => {
      const level1 = canonicalLevel1(ctx.framework, w.view.level1);
      return level1 !== null && names.has(level1);
    });
    const first = members[0];
    return {
      label: group.levels.join('+'),
      sum: tidySum(members.map((m) => m.weight)),
      expected: group.weight,
      cell: first ? fieldOf(first.view.row, 'weight').cell : null,
    };
  });
}

/** Whether every weighted row falls in a group of the profile. */
function allRowsGrouped(form: ParsedForm, ctx: CheckContext): boolean {
  const names = new Set(
    ctx.profile.weights.groups.flatMap((g) => g.levels.map((n) => canonicalLevel1(ctx.framework, n) ?? n)),
  );
  const views = rowViews(form, mainTableKey(form), ctx);
  return (
    views.length > 0 &&
    views.every((v) => {
      const level1 = canonicalLevel1(ctx.framework, v.level1);
      return level1 !== null && names.has(level1);
    })
  );
}

const isOff = (group: GroupWeight): boolean => Math.abs(group.sum - group.expected) > WEIGHT_EPSILON;

/**
 * On a form made from our template the profile's group weights are the rule, and each group off them is told
 * where its rows are. A form in hand (read by its headers) follows the scheme of the province that published
 * it: see level1_weights_own_scheme.
 */
export const level1WeightOffProfile = formRule({
  code: 'level1_weight_off_profile',
  severity: 'warning',
  templates: SELF_EVALUATIONS,
  scope: 'form',
  params: ['level1', 'sum', 'expected'],
  check: (form, ctx) => {
    if (form.source !== 'meta') return [];
    const groups = groupWeights(form, ctx);
    if (groups === null) return [];
    // A group with no rows at all is a missing group, reported by level1_group_missing.
    return groups
      .filter((g) => g.cell !== null && isOff(g))
      .map((g) => ({ cell: g.cell, params: { level1: g.label, sum: g.sum, expected: g.expected } }));
  },
});

/**
 * A form in hand whose group weights (and 预算执行 weight) differ from the profile's: provinces publish their own
 * schemes (湖北 20/40/40, 四川 10 + 90 by 权重, a 云南 form 40/30/20), so this is said once for the form, as
 * information, with both splits. Whether the weights add up to 100 is weight_sum_not_100's finding.
 */
export const level1WeightsOwnScheme = formRule({
  code: 'level1_weights_own_scheme',
  severity: 'info',
  templates: SELF_EVALUATIONS,
  scope: 'form',
  params: ['split', 'expected'],
  check: (form, ctx) => {
    if (form.source === 'meta') return [];
    const groups = groupWeights(form, ctx);
    // Rows outside every group (a 一级 the framework does not know, "(50分)" with no name) would make the
    // split wrong: their own issues come first.
    if (groups === null || !allRowsGrouped(form, ctx)) return [];
    const budget = { stated: budgetWeight(form, ctx.profile), expected: ctx.profile.weights.budget };
    const budgetOff = Math.abs(budget.stated - budget.expected) > WEIGHT_EPSILON;
    const off = groups.filter(isOff);
    if (off.length === 0 && !budgetOff) return [];
    const cell =
      off.find((g) => g.cell !== null)?.cell ??
      (budgetOff ? (fundsCell(form, 'total', 'weight').cell ?? form.fundsPoints?.cell ?? null) : null) ??
      groups.find((g) => g.cell !== null)?.cell ??
      null;
    const split = [`预算执行 ${budget.stated}`, ...groups.map((g) => `${g.label} ${g.sum}`)].join(' / ');
    const expected = [`预算执行 ${budget.expected}`, ...groups.map((g) => `${g.label} ${g.expected}`)].join(
      ' / ',
    );
    return [{ cell, params: { split, expected } }];
  },
});

export const budgetWeightOffProfile = formRule({
  code: 'budget_weight_off_profile',
  severity: 'warning',
  templates: SELF_EVALUATIONS,
  scope: 'form',
  params: ['stated', 'expected'],
  check: (form, ctx) => {
    // A form in hand states its own 预算执行 weight: level1_weights_own_scheme says so once.
    if (form.source !== 'meta') return [];
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
  level1WeightsOwnScheme,
  budgetWeightOffProfile,
];
