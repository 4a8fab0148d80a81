/**
 * Self-evaluation (自评): actual values, stated scores against the rules, deviation reasons, qualitative tiers
 * and bands, total and grade. Stated and computed values are compared with the profile's tolerance, and a
 * cell that holds our formula is computed, not stated, so it is never compared.
 */
import { fieldOf, fundsCell, type Field, type ParsedForm, type RowReading } from '../../forms/form-model';
import { isQuantitative, meaningOf } from '../../forms/row-reading';
import { formatBand } from '../../messages/format';
import type { Grade, Profile } from '../../profiles/profile-schema';
import { gradeOf, roundPer, tierBand } from '../../scoring/score';
import { isEmptyish, isFormula, numberIn, readingOf, shown, textOf } from '../cells';
import { offByTenThousand } from '../money';
import { formRule, mainTableKey, rowRule, type CheckContext, type Rule, type RowView } from '../rule';
import { KEY_EVALUATION, SCORED_TEMPLATES, SELF_EVALUATIONS } from '../template-groups';
import { rowViews } from '../views';
import { budgetWeight } from '../weights';

const EPSILON = 1e-9;

function isQuantitativeRow(reading: RowReading, profile: Profile): boolean {
  return isQuantitative(meaningOf(reading, profile));
}

function isQualitativeRow(reading: RowReading, profile: Profile): boolean {
  return meaningOf(reading, profile).operator === '定性';
}

/** The score a person typed for the row: the 定性得分 cell of our template, else the 得分 cell when not ours. */
function typedScoreField(reading: RowReading, profile: Profile): Field | null {
  const qualitative = fieldOf(reading.cells, 'qualitativeScore');
  if (qualitative.cell !== null && !isFormula(qualitative) && isQualitativeRow(reading, profile))
    return qualitative;
  const score = fieldOf(reading.cells, 'score');
  if (score.cell !== null && !isFormula(score)) return score;
  return null;
}

function typedScore(reading: RowReading, profile: Profile): number | null {
  const field = typedScoreField(reading, profile);
  return field === null ? null : numberIn(field);
}

function isOverWeight(reading: RowReading, ctx: CheckContext): boolean {
  const stated = typedScore(reading, ctx.profile);
  const weight = reading.weight;
  return stated !== null && weight !== null && stated > weight + ctx.profile.tolerances.score + EPSILON;
}

export const actualMissing = rowRule({
  code: 'actual_missing',
  emptyRequired: true,
  severity: 'error',
  templates: SELF_EVALUATIONS,
  scope: 'row',
  table: 'main',
  params: ['name'],
  check: (view, _form, ctx) => {
    const field = fieldOf(view.row, 'actual');
    if (
      field.cell === null ||
      !isQuantitativeRow(view.reading, ctx.profile) ||
      view.reading.actualReading.kind !== 'blank'
    )
      return [];
    return [{ cell: field.cell, params: { name: view.name } }];
  },
});

export const actualNotNumber = rowRule({
  code: 'actual_not_number',
  severity: 'error',
  templates: SELF_EVALUATIONS,
  scope: 'row',
  table: 'main',
  params: ['value', 'name'],
  check: (view, _form, ctx) => {
    const field = fieldOf(view.row, 'actual');
    if (!isQuantitativeRow(view.reading, ctx.profile) || view.reading.actualReading.kind !== 'text')
      return [];
    return [{ cell: field.cell, params: { value: shown(field), name: view.name } }];
  },
});

export const actualNegative = rowRule({
  code: 'actual_negative',
  severity: 'warning',
  templates: SELF_EVALUATIONS,
  scope: 'row',
  table: 'main',
  params: ['value', 'name'],
  check: (view, _form, ctx) => {
    const field = fieldOf(view.row, 'actual');
    const reading = view.reading.actualReading;
    if (!isQuantitativeRow(view.reading, ctx.profile) || reading.kind !== 'number' || reading.value >= 0)
      return [];
    return [{ cell: field.cell, params: { value: reading.value, name: view.name } }];
  },
});

export const scoreNotNumber = rowRule({
  code: 'score_not_number',
  severity: 'error',
  templates: SCORED_TEMPLATES,
  scope: 'row',
  table: 'main',
  params: ['value', 'name'],
  check: (view, _form, ctx) => {
    const field = typedScoreField(view.reading, ctx.profile);
    if (field === null || readingOf(field).kind !== 'text') return [];
    return [{ cell: field.cell, params: { value: shown(field), name: view.name } }];
  },
});

export const scoreMissing = rowRule({
  code: 'score_missing',
  emptyRequired: true,
  severity: 'error',
  templates: SCORED_TEMPLATES,
  scope: 'row',
  table: 'main',
  params: ['name'],
  check: (view, form, ctx) => {
    const field = typedScoreField(view.reading, ctx.profile);
    if (field === null || readingOf(field).kind !== 'blank') return [];
    const qualitative =
      SELF_EVALUATIONS.includes(form.template) && isQualitativeRow(view.reading, ctx.profile);
    // A quantitative row is only incomplete when the rules could score it; otherwise its missing input is the finding.
    const scorable =
      view.score !== null && (view.score.score !== null || view.score.unscorable === 'missing_score');
    if (!qualitative && !scorable) return [];
    return [{ cell: field.cell, params: { name: view.name } }];
  },
});

export const scoreOverWeight = rowRule({
  code: 'score_over_weight',
  severity: 'error',
  templates: SCORED_TEMPLATES,
  scope: 'row',
  table: 'main',
  params: ['stated', 'weight', 'name'],
  check: (view, _form, ctx) => {
    const stated = typedScore(view.reading, ctx.profile);
    const weight = view.reading.weight;
    if (stated === null || weight === null || !isOverWeight(view.reading, ctx)) return [];
    return [
      {
        cell: typedScoreField(view.reading, ctx.profile)?.cell ?? null,
        params: { stated, weight, name: view.name },
      },
    ];
  },
});

export const scoreMismatch = rowRule({
  code: 'score_mismatch',
  severity: 'error',
  templates: SCORED_TEMPLATES,
  scope: 'row',
  table: 'main',
  params: ['name', 'stated', 'computed', 'tolerance'],
  check: (view, form, ctx) => {
    // 定性 scores are the scorer's choice inside a band: qualitative_score_out_of_band judges them.
    if (SELF_EVALUATIONS.includes(form.template) && !isQuantitativeRow(view.reading, ctx.profile)) return [];
    const field = fieldOf(view.row, 'score');
    if (field.cell === null || isFormula(field)) return [];
    const stated = numberIn(field);
    const computed = view.score?.score ?? null;
    if (stated === null || computed === null || isOverWeight(view.reading, ctx)) return [];
    const tolerance = ctx.profile.tolerances.score;
    if (Math.abs(stated - computed) <= tolerance + EPSILON) return [];
    return [{ cell: field.cell, params: { name: view.name, stated, computed, tolerance } }];
  },
});

function needsExplanation(field: Field): boolean {
  return field.cell !== null && isEmptyish(field);
}

export const deviationReasonMissing = rowRule({
  code: 'deviation_reason_missing',
  severity: 'error',
  templates: SELF_EVALUATIONS,
  scope: 'row',
  table: 'main',
  params: ['name', 'score', 'weight'],
  check: (view, _form, ctx) => {
    const field = fieldOf(view.row, 'deviation');
    const weight = view.reading.weight;
    const score = typedScore(view.reading, ctx.profile) ?? view.score?.score ?? null;
    if (!needsExplanation(field) || weight === null || score === null || score >= weight - EPSILON) return [];
    return [{ cell: field.cell, params: { name: view.name, score, weight } }];
  },
});

export const overAchievementUnexplained = rowRule({
  code: 'over_achievement_unexplained',
  severity: 'warning',
  templates: SELF_EVALUATIONS,
  scope: 'row',
  table: 'main',
  params: ['name', 'actual', 'target', 'ratio', 'threshold'],
  check: (view, _form, ctx) => {
    const operator = meaningOf(view.reading, ctx.profile).operator;
    if (operator !== '≥' && operator !== '>') return [];
    const { target, actual } = view.reading;
    if (target === null || actual === null || target <= 0) return [];
    const ratio = actual / target;
    if (ratio <= ctx.profile.overAchievementRatio + EPSILON) return [];
    // A form whose layout has no 偏差原因 column gives no place to explain; the missing explanation is not
    // the filler's omission (docs/real-forms.md: fields a form never had are absent by design).
    const deviation = fieldOf(view.row, 'deviation');
    if (deviation.cell === null || !isEmptyish(deviation)) return [];
    return [
      {
        cell: deviation.cell,
        params: {
          name: view.name,
          actual,
          target,
          ratio: Math.round(ratio * 100),
          threshold: Math.round(ctx.profile.overAchievementRatio * 100),
        },
      },
    ];
  },
});

/** Where the tier is written: its own column, else (hand-made forms) 实际完成值. */
function tierField(row: RowReading['cells']): { field: Field; ownColumn: boolean } {
  const tier = fieldOf(row, 'tier');
  return tier.cell !== null
    ? { field: tier, ownColumn: true }
    : { field: fieldOf(row, 'actual'), ownColumn: false };
}

export const qualitativeTierMissing = rowRule({
  code: 'qualitative_tier_missing',
  emptyRequired: true,
  severity: 'error',
  templates: SELF_EVALUATIONS,
  scope: 'row',
  table: 'main',
  params: ['name'],
  check: (view, _form, ctx) => {
    if (!isQualitativeRow(view.reading, ctx.profile)) return [];
    const { field, ownColumn } = tierField(view.row);
    const missing = ownColumn ? isEmptyish(field) : meaningOf(view.reading, ctx.profile).tier === null;
    return missing ? [{ cell: field.cell, params: { name: view.name } }] : [];
  },
});

export const qualitativeTierInvalid = rowRule({
  code: 'qualitative_tier_invalid',
  severity: 'error',
  templates: SELF_EVALUATIONS,
  scope: 'row',
  table: 'main',
  params: ['value', 'name', 'tiers'],
  check: (view, _form, ctx) => {
    if (!isQualitativeRow(view.reading, ctx.profile)) return [];
    const { field, ownColumn } = tierField(view.row);
    if (!ownColumn || isEmptyish(field) || meaningOf(view.reading, ctx.profile).tier !== null) return [];
    const tiers = ctx.profile.qualitativeTiers.map((t) => t.tier).join('／');
    return [{ cell: field.cell, params: { value: shown(field), name: view.name, tiers } }];
  },
});

export const qualitativeScoreOutOfBand = rowRule({
  code: 'qualitative_score_out_of_band',
  severity: 'error',
  templates: SELF_EVALUATIONS,
  scope: 'row',
  table: 'main',
  params: ['name', 'stated', 'tier', 'band'],
  check: (view, _form, ctx) => {
    if (!isQualitativeRow(view.reading, ctx.profile) || isOverWeight(view.reading, ctx)) return [];
    const tier = meaningOf(view.reading, ctx.profile).tier;
    const weight = view.reading.weight;
    const stated = typedScore(view.reading, ctx.profile);
    if (tier === null || weight === null || weight <= 0 || stated === null) return [];
    const band = tierBand(tier, weight, ctx.profile);
    const inside =
      stated >= band.min - EPSILON && (band.maxInclusive ? stated <= band.max + EPSILON : stated < band.max);
    if (inside) return [];
    return [
      {
        cell: typedScoreField(view.reading, ctx.profile)?.cell ?? null,
        params: { name: view.name, stated, tier: tier.tier, band: formatBand(band) },
      },
    ];
  },
});

export const budgetScoreMismatch = formRule({
  code: 'budget_score_mismatch',
  severity: 'error',
  templates: SELF_EVALUATIONS,
  scope: 'form',
  params: ['stated', 'computed', 'tolerance'],
  check: (form, ctx) => {
    const field = fundsCell(form, 'total', 'score');
    const execution = ctx.scores.execution;
    const computed = execution?.score ?? null;
    if (field.cell === null || isFormula(field) || execution === null || computed === null) return [];
    // An amount typed in 元 is the finding (amount_unit_mismatch); the score computed from it would mislead.
    if (
      execution.budget !== null &&
      execution.executed !== null &&
      offByTenThousand(execution.budget, execution.executed)
    ) {
      return [];
    }
    const stated = numberIn(field);
    const tolerance = ctx.profile.tolerances.score;
    if (stated === null || Math.abs(stated - computed) <= tolerance + EPSILON) return [];
    return [{ cell: field.cell, params: { stated, computed, tolerance } }];
  },
});

/**
 * 预算执行 得分 left empty while the rule gives one (docs/domain.md §5.1.2): the score is part of the total, and
 * the form's own 执行率 already says what it is.
 */
export const budgetScoreMissing = formRule({
  code: 'budget_score_missing',
  severity: 'error',
  templates: SELF_EVALUATIONS,
  scope: 'form',
  params: ['computed'],
  check: (form, ctx) => {
    const field = fundsCell(form, 'total', 'score');
    const execution = ctx.scores.execution;
    const computed = execution?.score ?? null;
    if (field.cell === null || isFormula(field) || !isEmptyish(field) || execution === null) return [];
    if (computed === null) return [];
    // An amount typed in 元 is the finding (amount_unit_mismatch); the score computed from it would mislead.
    if (
      execution.budget !== null &&
      execution.executed !== null &&
      offByTenThousand(execution.budget, execution.executed)
    ) {
      return [];
    }
    return [{ cell: field.cell, params: { computed } }];
  },
});

export const totalMissing = formRule({
  code: 'total_missing',
  emptyRequired: true,
  severity: 'error',
  templates: SCORED_TEMPLATES,
  scope: 'form',
  params: [],
  check: (form) =>
    form.total.cell !== null && !isFormula(form.total) && isEmptyish(form.total)
      ? [{ cell: form.total.cell, params: {} }]
      : [],
});

/**
 * The parts a total should add up to, each as stated where a person typed it (else as computed): a wrong
 * row score is reported on its row, so the total is compared with what the sheet itself says.
 */
function statedParts(form: ParsedForm, views: readonly RowView[], ctx: CheckContext): number[] | null {
  const parts: number[] = [];
  if (SELF_EVALUATIONS.includes(form.template) && budgetWeight(form, ctx.profile) > 0) {
    const field = fundsCell(form, 'total', 'score');
    const budget = (isFormula(field) ? null : numberIn(field)) ?? ctx.scores.execution?.score ?? null;
    if (budget === null) return null;
    parts.push(budget);
  }
  for (const view of views) {
    const scoreField = fieldOf(view.row, 'score');
    const part = (isFormula(scoreField) ? null : numberIn(scoreField)) ?? view.score?.score ?? null;
    if (part === null) return null;
    parts.push(part);
  }
  return parts;
}

export const totalMismatch = formRule({
  code: 'total_mismatch',
  severity: 'error',
  templates: SCORED_TEMPLATES,
  scope: 'form',
  params: ['stated', 'computed', 'tolerance'],
  check: (form, ctx) => {
    if (form.total.cell === null || isFormula(form.total)) return [];
    const stated = numberIn(form.total);
    const views = rowViews(form, mainTableKey(form), ctx);
    const parts = statedParts(form, views, ctx);
    if (stated === null || parts === null || views.length === 0) return [];
    const sum = Math.round(parts.reduce((a, b) => a + b, 0) * 10000) / 10000;
    const rounded = roundPer(sum, ctx.profile.rounding.totalDigits, ctx.profile);
    const tolerance = ctx.profile.tolerances.score;
    if (Math.abs(stated - sum) <= tolerance + EPSILON || Math.abs(stated - rounded) <= tolerance + EPSILON)
      return [];
    return [{ cell: form.total.cell, params: { stated, computed: rounded, tolerance } }];
  },
});

/** A Map, not an object: a cell reading `constructor` or `__proto__` must not find Object's own members. */
const GRADE_WORDS: ReadonlyMap<string, Grade> = new Map<string, Grade>([
  ['优', '优'],
  ['优秀', '优'],
  ['良', '良'],
  ['良好', '良'],
  ['中', '中'],
  ['中等', '中'],
  ['一般', '中'],
  ['差', '差'],
  ['较差', '差'],
]);

export function gradeFromText(text: string | null): Grade | null {
  if (text === null) return null;
  return GRADE_WORDS.get(text.replace(/\s+/g, '')) ?? null;
}

const GRADED_TEMPLATES = [...SELF_EVALUATIONS, ...KEY_EVALUATION];

export const gradeMissing = formRule({
  code: 'grade_missing',
  emptyRequired: true,
  severity: 'error',
  templates: GRADED_TEMPLATES,
  scope: 'form',
  params: [],
  check: (form, ctx) => {
    // 湖北: a self-evaluation may be scored without a grade (可以不评级).
    if (!ctx.profile.gradeRequired || form.grade.cell === null || isFormula(form.grade)) return [];
    return isEmptyish(form.grade) ? [{ cell: form.grade.cell, params: {} }] : [];
  },
});

export const gradeInvalid = formRule({
  code: 'grade_invalid',
  severity: 'error',
  templates: GRADED_TEMPLATES,
  scope: 'form',
  params: ['value'],
  check: (form) => {
    const text = textOf(form.grade);
    if (isFormula(form.grade) || isEmptyish(form.grade) || gradeFromText(text) !== null) return [];
    return [{ cell: form.grade.cell, params: { value: shown(form.grade) } }];
  },
});

export const gradeMismatch = formRule({
  code: 'grade_mismatch',
  severity: 'error',
  templates: GRADED_TEMPLATES,
  scope: 'form',
  params: ['stated', 'expected', 'total'],
  check: (form, ctx) => {
    if (isFormula(form.grade)) return [];
    const stated = gradeFromText(textOf(form.grade));
    // The grade follows the total the sheet states; a wrong total is its own finding.
    // A partial recomputation is not graded, so it cannot say which grade is right.
    const total = numberIn(form.total) ?? (ctx.scores.partial === null ? ctx.scores.total : null);
    if (stated === null || total === null) return [];
    const rounded = roundPer(total, ctx.profile.rounding.totalDigits, ctx.profile);
    const expected = gradeOf(rounded, ctx.profile);
    if (expected === stated) return [];
    return [{ cell: form.grade.cell, params: { stated, expected, total: rounded } }];
  },
});

export const SELF_EVALUATION_RULES: readonly Rule[] = [
  actualMissing,
  actualNotNumber,
  actualNegative,
  scoreNotNumber,
  scoreMissing,
  scoreOverWeight,
  scoreMismatch,
  deviationReasonMissing,
  overAchievementUnexplained,
  qualitativeTierMissing,
  qualitativeTierInvalid,
  qualitativeScoreOutOfBand,
  budgetScoreMismatch,
  budgetScoreMissing,
  totalMissing,
  totalMismatch,
  gradeMissing,
  gradeInvalid,
  gradeMismatch,
];
