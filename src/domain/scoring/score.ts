/**
 * Score functions (docs/domain.md §5). Each has a formula twin in formulas.ts: for the same cell values the
 * sheet's formula and the function here give the same number, rounding included, so a workbook and the
 * engine never disagree about a score.
 *
 * Every score lies in [0, max(weight, 0)] and is never NaN; what cannot be computed is a value with a reason.
 */
import {
  cellText,
  labelKey,
  numberOf,
  parseOperator,
  readAmount,
  readCell,
  readTarget,
  toPercentPoints,
  type Operator,
  type Reading,
} from '../grid/parse';
import type { CellScalar } from '../grid/cell';
import { fieldOf, fundsCell, type ColumnKey, type ParsedForm, type TableRow } from '../forms/form-model';
import { RATINGS, type Rating } from '../forms/vocabulary';
import type { Grade, Profile, QualitativeTierSetting } from '../profiles/profile-schema';
import type {
  ExecutionScore,
  FormScores,
  IndicatorScore,
  LevelScore,
  ScoreResult,
  UnscorableReason,
} from './score-types';
import type { KeyRateKind } from './formulas';

// ---------------------------------------------------------------------------------------------------------
// Rounding

/**
 * value × 10^places done on the decimal text of the value rounded to 15 significant digits, which is what a
 * spreadsheet shows and rounds: 2.675 is stored as 2.67499999…, yet ROUND(2.675, 2) is 2.68 in Excel.
 */
function shiftDecimal(value: number, places: number): number {
  // First the decimal a spreadsheet shows (15 significant digits: 0.7999999999999994 is 0.8), then the
  // shift; scaling a double by a power of ten is off by at most an ulp, and taking 15 significant digits
  // again removes that (267.49999999999997 becomes 267.5). Same result as shifting the decimal text.
  const shown = Number(value.toPrecision(15));
  return Number((places >= 0 ? shown * 10 ** places : shown / 10 ** -places).toPrecision(15));
}

/**
 * The number of whole steps of 10^-digits a rounding keeps. Plain arithmetic decides it when the scaled
 * value is clearly away from the edge where rounding changes (x.5 for ROUND, a whole number for ROUNDDOWN);
 * only near an edge is the decimal a spreadsheet shows worked out, which is slower but exact.
 */
function wholeSteps(magnitude: number, digits: number, mode: 'round' | 'truncate'): number {
  if (digits >= 0) {
    const scaled = magnitude * 10 ** digits;
    const edge = mode === 'round' ? Math.floor(scaled) + 0.5 : Math.round(scaled);
    if (Math.abs(scaled - edge) > Math.max(1, scaled) * 1e-9) {
      return mode === 'round' ? Math.floor(scaled + 0.5) : Math.floor(scaled);
    }
  }
  const shown = shiftDecimal(magnitude, digits);
  return mode === 'round' ? Math.floor(shown + 0.5) : Math.floor(shown);
}

/** Excel ROUND ('round', half away from zero) or ROUNDDOWN ('truncate', toward zero). */
export function excelRound(value: number, digits: number, mode: 'round' | 'truncate'): number {
  if (!Number.isFinite(value)) return value;
  // Most scores are whole numbers (full marks); they need no rounding work on a live check's hot path.
  if (Number.isInteger(value) && digits >= 0) return value === 0 ? 0 : value;
  const magnitude = Math.abs(value);
  // From 10^15 on a double has no decimals left that a spreadsheet would show.
  if (magnitude >= 1e15) return value;
  const whole = wholeSteps(magnitude, digits, mode);
  // whole and 10^digits are exact doubles, and division rounds correctly: the result is the double nearest
  // the decimal, the same one the decimal text would give.
  const result = digits >= 0 ? whole / 10 ** digits : shiftDecimal(whole, -digits);
  // Never hand back -0: it prints as "-0" in some hosts.
  return value < 0 && result !== 0 ? -result : result;
}

/** Round per the profile's mode ('round' half away from zero as Excel ROUND; 'truncate' as ROUNDDOWN). */
export function roundPer(value: number, digits: number, profile: Profile): number {
  return excelRound(value, digits, profile.rounding.mode);
}

function finiteOrZero(value: number): number {
  return Number.isFinite(value) ? value : 0;
}

/**
 * The last step of every score: within [0, w], rounded per the profile, and within [0, w] again because
 * rounding a full score can pass a weight that has more decimals than the profile keeps.
 */
export function clampScore(raw: number, weight: number, profile: Profile): number {
  const inRange = Math.max(0, Math.min(weight, finiteOrZero(raw)));
  return Math.max(0, Math.min(weight, roundPer(inRange, profile.rounding.scoreDigits, profile)));
}

// ---------------------------------------------------------------------------------------------------------
// 定量, 预算执行

/**
 * 定量: target and actual already normalised to the same scale; negative actual counts as 0. Rounded.
 *
 * Edge choices (docs/domain.md §5.1.3): ≥ / > with T ≤ 0 gives full marks for any A ≥ 0, because an actual that
 * cannot be negative always meets such a target; = with T ≤ 0 uses the "equal to zero" rule (A ≤ 0 → w,
 * else 0); reverse with A = 0 is always full marks (nothing was spent or happened, so nothing exceeded).
 */
export function scoreQuantitative(
  input: { operator: Exclude<Operator, '定性'>; target: number; actual: number; weight: number },
  profile: Profile,
): number {
  const weight = finiteOrZero(input.weight);
  const target = finiteOrZero(input.target);
  const actual = Math.max(0, finiteOrZero(input.actual));
  return clampScore(rawQuantitative(input.operator, target, actual, weight, profile), weight, profile);
}

function rawQuantitative(
  operator: Exclude<Operator, '定性'>,
  target: number,
  actual: number,
  weight: number,
  profile: Profile,
): number {
  // Inside `weight * (actual / target)` the target is positive: actual ≥ 0 and actual < target.
  const positive = (): number => (actual >= target ? weight : weight * (actual / target));
  switch (operator) {
    case '≥':
    case '>':
      return positive();
    case '=':
      if (target > 0) return positive();
      return actual <= 0 ? weight : 0;
    case '≤':
    case '<':
      if (actual <= target) return weight;
      if (profile.reverseRule === 'ratio') return actual === 0 ? weight : weight * (target / actual);
      // Linear (R2): here target < actual < 2·target implies target > 0.
      return actual >= 2 * target ? 0 : weight * (1 - (actual - target) / target);
  }
}

/** 执行率 as a fraction, null when the budget is missing or not positive or nothing executed is known. */
export function executionRate(budget: number | null, executed: number | null): number | null {
  if (budget === null || executed === null || !(budget > 0)) return null;
  return executed / budget;
}

/** 预算执行: min(executed / budget, 1) × weight, rounded; unscorable when budget is 0 or missing. */
export function scoreBudget(
  input: { budget: number | null; executed: number | null; weight: number },
  profile: Profile,
): ScoreResult {
  if (input.budget === null || !(input.budget > 0)) return { kind: 'unscorable', reason: 'zero_budget' };
  const rate = executionRate(input.budget, input.executed);
  if (rate === null) return { kind: 'unscorable', reason: 'missing_actual' };
  const weight = finiteOrZero(input.weight);
  return { kind: 'scored', score: clampScore(Math.min(1, Math.max(0, rate)) * weight, weight, profile) };
}

// ---------------------------------------------------------------------------------------------------------
// 定性

/** The profile's tier whose name or alias the text is, or null. */
export function findTier(text: string | null, profile: Profile): QualitativeTierSetting | null {
  if (text === null) return null;
  const key = labelKey(text);
  if (key === '') return null;
  return tiersByKey(profile).get(key) ?? null;
}

const tierIndexes = new WeakMap<Profile, Map<string, QualitativeTierSetting>>();

/** Tier names and aliases by label key, built once per profile. */
function tiersByKey(profile: Profile): Map<string, QualitativeTierSetting> {
  let index = tierIndexes.get(profile);
  if (index === undefined) {
    index = new Map();
    for (const tier of profile.qualitativeTiers) {
      for (const word of [tier.tier, ...tier.aliases])
        if (!index.has(labelKey(word))) index.set(labelKey(word), tier);
    }
    tierIndexes.set(profile, index);
  }
  return index;
}

/** The smallest score step the profile keeps (0.01 for two digits), parsed as a spreadsheet parses it. */
export function scoreStep(profile: Profile): number {
  return Number(`1e-${profile.rounding.scoreDigits}`);
}

/** The band of a tier in points for a weight, bounds rounded as the profile rounds scores. */
export function tierBand(
  tier: QualitativeTierSetting,
  weight: number,
  profile: Profile,
): { min: number; max: number; maxInclusive: boolean } {
  const digits = profile.rounding.scoreDigits;
  return {
    min: roundPer(weight * tier.min, digits, profile),
    max: roundPer(weight * tier.max, digits, profile),
    maxInclusive: tier.maxInclusive,
  };
}

/** The highest score a band allows: an open upper edge is one score step below it. */
export function bandTop(band: { min: number; max: number; maxInclusive: boolean }, profile: Profile): number {
  if (band.maxInclusive) return band.max;
  const digits = profile.rounding.scoreDigits;
  return Math.max(band.min, roundPer(band.max - scoreStep(profile), digits, profile));
}

/** 定性: the stated score, rounded, clamped into the tier's band and then into [0, weight]. */
export function scoreQualitative(
  input: { tier: QualitativeTierSetting; stated: number; weight: number },
  profile: Profile,
): number {
  const weight = finiteOrZero(input.weight);
  const band = tierBand(input.tier, weight, profile);
  const rounded = roundPer(finiteOrZero(input.stated), profile.rounding.scoreDigits, profile);
  const inBand = Math.max(band.min, Math.min(bandTop(band, profile), rounded));
  return Math.max(0, Math.min(weight, inBand));
}

// ---------------------------------------------------------------------------------------------------------
// Grades, conclusions, key evaluation, monitoring

export function gradeOf(total: number, profile: Profile): Grade {
  const band = profile.grades.find((g) => total >= g.min) ?? profile.grades[profile.grades.length - 1];
  // A validated profile has four grades; '差' only guards a hand-built one.
  return band?.grade ?? '差';
}

export function exAnteConclusionOf(total: number, profile: Profile): string {
  const conclusions = profile.exAnte.conclusions;
  const band = conclusions.find((c) => total >= c.min) ?? conclusions[conclusions.length - 1];
  return band?.conclusion ?? '';
}

/** Ex-ante 得分 of a sub-criterion: weight × the rating's factor; null when the rating is not 优/良/中/差. */
export function scoreExAnte(
  input: { weight: number; rating: string | null },
  profile: Profile,
): number | null {
  const rating = RATINGS.find((r): r is Rating => r === input.rating);
  if (rating === undefined) return null;
  const weight = finiteOrZero(input.weight);
  return clampScore(weight * profile.exAnte.ratingFactors[rating], weight, profile);
}

/** Key-evaluation 得分率 as a fraction, null when not computable. */
export function keyRate(
  kind: KeyRateKind,
  numerator: number | null,
  denominator: number | null,
): number | null {
  if (numerator === null || denominator === null || !(denominator > 0)) return null;
  if (kind === 'cost-saving') return (denominator - numerator) / denominator;
  return numerator / denominator;
}

/**
 * 得分 of a key-evaluation formula indicator: weight × rate within [0, 1]. 成本节约率 is a saving, not a
 * completion: any saving (rate ≥ 0) earns full marks, and an overrun loses marks in proportion to it
 * (10 % over plan keeps 90 %) — the framework gives no scale for overruns, so this is our choice [L].
 */
export function keyScore(
  input: { kind: KeyRateKind; weight: number; rate: number },
  profile: Profile,
): number {
  const weight = finiteOrZero(input.weight);
  const rate = finiteOrZero(input.rate);
  const factor = input.kind === 'cost-saving' ? 1 + rate : rate;
  return clampScore(weight * Math.min(1, Math.max(0, factor)), weight, profile);
}

const KEY_RATE_NAMES: readonly (readonly [string, KeyRateKind])[] = [
  ['资金到位率', 'funds-in-place'],
  ['预算执行率', 'budget-execution'],
  ['实际完成率', 'completion'],
  ['质量达标率', 'quality'],
  ['成本节约率', 'cost-saving'],
];

/** The formula indicator a 三级 name is ("资金到位率（%）" included), or null. */
export function keyRateKindOf(name: string | null): KeyRateKind | null {
  if (name === null) return null;
  const key = labelKey(name);
  const found = KEY_RATE_NAMES.find(([label]) => key.startsWith(label));
  return found ? found[1] : null;
}

export type MonitoringLight = '红' | '黄' | '绿';

/**
 * Monitoring light (docs/domain.md §4.3): execution rate ÷ time progress × 100 against the profile's thresholds.
 * The ratio is rounded to 6 decimals first so that 59.99999999 from binary arithmetic is read as the 60 a
 * spreadsheet shows.
 */
export function monitoringLight(
  input: { budget: number | null; executed: number | null; month: number | null },
  profile: Profile,
): MonitoringLight | null {
  const { budget, executed, month } = input;
  if (budget === null || executed === null || month === null || !(budget > 0) || !(month > 0)) return null;
  const progress = excelRound((executed / budget / (month / 12)) * 100, 6, 'round');
  if (progress < profile.monitoring.red) return '红';
  if (progress < profile.monitoring.yellow) return '黄';
  return '绿';
}

/** 总分 of parts: null when no part has a score, else their sum rounded to the profile's total digits. */
export function totalOf(parts: readonly (number | null)[], profile: Profile): number | null {
  const scored = parts.filter((p): p is number => p !== null);
  if (scored.length === 0) return null;
  const sum = scored.reduce((acc, p) => acc + p, 0);
  return roundPer(sum, profile.rounding.totalDigits, profile);
}

// ---------------------------------------------------------------------------------------------------------
// Reading rows

function missingOr(reading: Reading, missing: UnscorableReason): UnscorableReason {
  return reading.kind === 'blank' || reading.kind === 'placeholder' ? missing : 'not_a_number';
}

function numberIn(raw: CellScalar): number | null {
  return numberOf(readCell(raw));
}

/** A number a person typed (not the value of a formula), else null. */
function typedNumber(field: { raw: CellScalar; formula: string | null }): number | null {
  return field.formula === null ? numberIn(field.raw) : null;
}

function isPercentUnit(unit: string | null): boolean {
  return unit === '%' || unit === '％';
}

function isPercentReading(reading: Reading): boolean {
  return reading.kind === 'number' && reading.percent;
}

/**
 * Score one indicator row of a self-evaluation (reads and normalises its cells).
 *
 * The operator comes from the operator column, else from the target ("≥95%"); a row with neither whose tier
 * column or actual names a tier is read as 定性. Percentages are compared in points on both sides whenever
 * the unit is % or either value was typed with %.
 */
export function scoreIndicatorRow(row: TableRow, profile: Profile): IndicatorScore {
  const weightReading = readCell(fieldOf(row, 'weight').raw);
  const weight = numberOf(weightReading);
  const base = {
    row: row.row,
    level1: cellText(fieldOf(row, 'level1').raw),
    name: cellText(fieldOf(row, 'level3').raw),
    weight,
    statedScore: typedNumber(fieldOf(row, 'score')),
  };
  const unscorable = (reason: UnscorableReason): IndicatorScore => ({
    ...base,
    score: null,
    unscorable: reason,
  });
  const scored = (score: number): IndicatorScore => ({ ...base, score, unscorable: null });

  if (weight === null) return unscorable(missingOr(weightReading, 'missing_weight'));

  const targetRead = readTarget(fieldOf(row, 'target').raw);
  const actualRaw = fieldOf(row, 'actual').raw;
  const tierText = cellText(fieldOf(row, 'tier').raw);
  const tier = findTier(tierText ?? cellText(actualRaw), profile);
  const operator =
    parseOperator(fieldOf(row, 'operator').raw) ?? targetRead.operator ?? (tier ? '定性' : null);
  if (operator === null) return unscorable('missing_operator');

  if (operator === '定性') {
    if (tier === null) return unscorable('missing_tier');
    const stated = numberIn(fieldOf(row, 'qualitativeScore').raw) ?? base.statedScore;
    if (stated === null) return unscorable('missing_score');
    return scored(scoreQualitative({ tier, stated, weight }, profile));
  }

  const targetReading = targetRead.reading;
  const actualReading = readCell(actualRaw);
  if (numberOf(targetReading) === null) return unscorable(missingOr(targetReading, 'missing_target'));
  if (numberOf(actualReading) === null) return unscorable(missingOr(actualReading, 'missing_actual'));
  const percent =
    isPercentUnit(cellText(fieldOf(row, 'unit').raw)) ||
    isPercentReading(targetReading) ||
    isPercentReading(actualReading);
  const target = percent ? toPercentPoints(targetReading) : numberOf(targetReading);
  const actual = percent ? toPercentPoints(actualReading) : numberOf(actualReading);
  if (target === null) return unscorable('not_a_number');
  if (actual === null) return unscorable('not_a_number');
  return scored(scoreQuantitative({ operator, target, actual, weight }, profile));
}

/** An ex-ante criterion row. A missing or unknown 评级 is reported as 'missing_tier' (the rating is its tier). */
function scoreExAnteRow(row: TableRow, profile: Profile): IndicatorScore {
  const weightReading = readCell(fieldOf(row, 'weight').raw);
  const weight = numberOf(weightReading);
  const base = {
    row: row.row,
    level1: cellText(fieldOf(row, 'level1').raw),
    name: cellText(fieldOf(row, 'level3').raw),
    weight,
    statedScore: typedNumber(fieldOf(row, 'score')),
  };
  if (weight === null)
    return { ...base, score: null, unscorable: missingOr(weightReading, 'missing_weight') };
  const score = scoreExAnte({ weight, rating: cellText(fieldOf(row, 'rating').raw) }, profile);
  return score === null
    ? { ...base, score: null, unscorable: 'missing_tier' }
    : { ...base, score, unscorable: null };
}

/**
 * A key-evaluation row: a formula indicator (by its 三级 name) with a 分子 or 分母 filled is scored from its
 * rate; every other row keeps the score the evaluator gave, capped to the weight.
 */
function scoreKeyRow(row: TableRow, profile: Profile): IndicatorScore {
  const weightReading = readCell(fieldOf(row, 'weight').raw);
  const weight = numberOf(weightReading);
  const name = cellText(fieldOf(row, 'level3').raw);
  const scoreField = fieldOf(row, 'score');
  const base = {
    row: row.row,
    level1: cellText(fieldOf(row, 'level1').raw),
    name,
    weight,
    statedScore: typedNumber(scoreField),
  };
  const unscorable = (reason: UnscorableReason): IndicatorScore => ({
    ...base,
    score: null,
    unscorable: reason,
  });
  if (weight === null) return unscorable(missingOr(weightReading, 'missing_weight'));

  const kind = keyRateKindOf(name);
  const numeratorReading = readCell(fieldOf(row, 'numerator').raw);
  const denominatorReading = readCell(fieldOf(row, 'denominator').raw);
  const hasRateInputs = numeratorReading.kind !== 'blank' || denominatorReading.kind !== 'blank';
  if (kind !== null && hasRateInputs) {
    const numerator = numberOf(numeratorReading);
    const denominator = numberOf(denominatorReading);
    if (numerator === null) return unscorable(missingOr(numeratorReading, 'missing_actual'));
    if (denominator === null) return unscorable(missingOr(denominatorReading, 'missing_target'));
    const rate = keyRate(kind, numerator, denominator);
    if (rate === null) return unscorable('zero_budget');
    return { ...base, score: keyScore({ kind, weight, rate }, profile), unscorable: null };
  }

  const scoreReading = readCell(scoreField.raw);
  const stated = numberOf(scoreReading);
  if (stated === null) return unscorable(missingOr(scoreReading, 'missing_score'));
  return { ...base, score: clampScore(stated, weight, profile), unscorable: null };
}

// ---------------------------------------------------------------------------------------------------------
// Forms

/** Columns whose content makes a row an indicator rather than a group label (一级/二级 alone) or a blank. */
const ROW_CONTENT: readonly ColumnKey[] = [
  'level3',
  'operator',
  'target',
  'actual',
  'weight',
  'tier',
  'qualitativeScore',
  'score',
  'rating',
  'numerator',
  'denominator',
];

/**
 * The rows of a table that carry an indicator, each with its 一级 name: merged 一级 cells reach the reader
 * as one value on the first row (sometimes a label row of their own), and the rows below inherit it.
 */
function indicatorRows(rows: readonly TableRow[] | undefined): { row: TableRow; level1: string | null }[] {
  const result: { row: TableRow; level1: string | null }[] = [];
  let level1: string | null = null;
  for (const row of rows ?? []) {
    level1 = cellText(fieldOf(row, 'level1').raw) ?? level1;
    if (ROW_CONTENT.some((key) => cellText(fieldOf(row, key).raw) !== null)) result.push({ row, level1 });
  }
  return result;
}

function scoreRows(
  rows: readonly TableRow[] | undefined,
  scoreRow: (row: TableRow, profile: Profile) => IndicatorScore,
  profile: Profile,
): IndicatorScore[] {
  return indicatorRows(rows).map(({ row, level1 }) => scoredOnce(row, scoreRow, profile, level1));
}

/**
 * A row's score depends only on the row and the profile. Rows are immutable values (a live edit replaces
 * the rows it touched), so the score of an unchanged row is kept instead of being worked out on every edit.
 */
const rowScores = new WeakMap<TableRow, { profile: Profile; scoreRow: unknown; score: IndicatorScore }>();

/** The row's score with the first level it sits under (carried down from a merged cell above). */
function scoredOnce(
  row: TableRow,
  scoreRow: (row: TableRow, profile: Profile) => IndicatorScore,
  profile: Profile,
  level1: string | null,
): IndicatorScore {
  const known = rowScores.get(row);
  if (known && known.profile === profile && known.scoreRow === scoreRow && known.score.level1 === level1) {
    return known.score;
  }
  const score = { ...scoreRow(row, profile), level1 };
  rowScores.set(row, { profile, scoreRow, score });
  return score;
}

function levelScores(indicators: readonly IndicatorScore[], profile: Profile): LevelScore[] {
  const byName = new Map<string, { weight: number; score: number }>();
  for (const indicator of indicators) {
    if (indicator.level1 === null) continue;
    const entry = byName.get(indicator.level1) ?? { weight: 0, score: 0 };
    entry.weight += indicator.weight ?? 0;
    entry.score += indicator.score ?? 0;
    byName.set(indicator.level1, entry);
  }
  // Sums of rounded parts carry binary noise (0.1 + 0.2); a spreadsheet shows the decimal sum.
  const digits = profile.rounding.scoreDigits;
  return [...byName].map(([level1, entry]) => ({
    level1,
    weight: excelRound(entry.weight, 6, 'round'),
    score: roundPer(entry.score, digits, profile),
  }));
}

function weightSumOf(indicators: readonly IndicatorScore[], extra: number): number {
  const sum = indicators.reduce((acc, indicator) => acc + (indicator.weight ?? 0), extra);
  return excelRound(sum, 6, 'round');
}

function scoreExecution(form: ParsedForm, profile: Profile): ExecutionScore | null {
  if (form.funds.total === undefined) return null;
  const amount = (raw: CellScalar): number | null => readAmount(raw)?.wan ?? null;
  // The form's own 执行率(B/A) header names the divisor when it has letters (ParsedForm.budgetBasis).
  const basis = form.budgetBasis?.column;
  const budget =
    basis !== undefined
      ? amount(fundsCell(form, 'total', basis).raw)
      : (amount(fundsCell(form, 'total', 'annualBudget').raw) ??
        amount(fundsCell(form, 'total', 'initialBudget').raw));
  const executed = amount(fundsCell(form, 'total', 'executed').raw);
  const weight = numberIn(fundsCell(form, 'total', 'weight').raw) ?? profile.weights.budget;
  const result = scoreBudget({ budget, executed, weight }, profile);
  return {
    budget,
    executed,
    rate: executionRate(budget, executed),
    weight,
    score: result.kind === 'scored' ? result.score : null,
    statedScore: typedNumber(fundsCell(form, 'total', 'score')),
  };
}

function emptyScores(form: ParsedForm): FormScores {
  const weights = indicatorRows(form.tables.indicators).map(
    ({ row }) => numberIn(fieldOf(row, 'weight').raw) ?? 0,
  );
  const weightSum = excelRound(
    weights.reduce((acc, w) => acc + w, 0),
    6,
    'round',
  );
  return {
    execution: null,
    indicators: [],
    byLevel1: [],
    weightSum,
    total: null,
    grade: null,
    conclusion: null,
    statedTotal: null,
    statedGrade: null,
    statedConclusion: null,
    recommendation: null,
  };
}

/** Every score of a form: execution, indicators, per first level, total, grade, conclusion, recommendation. */
export function scoreForm(form: ParsedForm, profile: Profile): FormScores {
  const statedTotal = typedNumber(form.total);
  const statedGrade = form.grade.formula === null ? cellText(form.grade.raw) : null;
  const statedConclusion = form.conclusion.formula === null ? cellText(form.conclusion.raw) : null;

  switch (form.template) {
    case 'project-goals':
    case 'department-goals':
    case 'project-monitoring':
      return emptyScores(form);

    case 'project-self-evaluation':
    case 'department-self-evaluation': {
      const execution = scoreExecution(form, profile);
      const indicators = scoreRows(form.tables.indicators, scoreIndicatorRow, profile);
      const total = totalOf([execution?.score ?? null, ...indicators.map((i) => i.score)], profile);
      const grade = total === null ? null : gradeOf(total, profile);
      return {
        execution,
        indicators,
        byLevel1: levelScores(indicators, profile),
        weightSum: weightSumOf(indicators, execution?.weight ?? 0),
        total,
        grade,
        conclusion: null,
        statedTotal,
        statedGrade,
        statedConclusion: null,
        recommendation: grade === null ? null : profile.recommendations[grade],
      };
    }

    case 'ex-ante-assessment': {
      const indicators = scoreRows(form.tables.criteria, scoreExAnteRow, profile);
      const total = totalOf(
        indicators.map((i) => i.score),
        profile,
      );
      return {
        execution: null,
        indicators,
        byLevel1: levelScores(indicators, profile),
        weightSum: weightSumOf(indicators, 0),
        total,
        grade: null,
        conclusion: total === null ? null : exAnteConclusionOf(total, profile),
        statedTotal,
        statedGrade: null,
        statedConclusion,
        recommendation: null,
      };
    }

    case 'key-evaluation': {
      const indicators = scoreRows(form.tables.criteria, scoreKeyRow, profile);
      const total = totalOf(
        indicators.map((i) => i.score),
        profile,
      );
      const grade = total === null ? null : gradeOf(total, profile);
      return {
        execution: null,
        indicators,
        byLevel1: levelScores(indicators, profile),
        weightSum: weightSumOf(indicators, 0),
        total,
        grade,
        conclusion: null,
        statedTotal,
        statedGrade,
        statedConclusion: null,
        recommendation: grade === null ? null : profile.recommendations[grade],
      };
    }
  }
}
