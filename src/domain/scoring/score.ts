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
  readAmount,
  readCell,
  type Operator,
  type Reading,
} from '../grid/parse';
import type { CellScalar } from '../grid/cell';
import {
  fieldOf,
  fundsCell,
  statedBudgetWeight,
  type ParsedForm,
  type RowReading,
  type TableKey,
  type TableRow,
} from '../forms/form-model';
import { meaningOf, readRow, uncountedText } from '../forms/row-reading';
import { RATINGS, type Rating } from '../forms/vocabulary';
import type { Grade, Profile, QualitativeTierSetting } from '../profiles/profile-schema';

export { findTier } from '../forms/row-reading';
import type {
  ExecutionScore,
  FormScores,
  IndicatorScore,
  LevelScore,
  RowScore,
  ScoreStatus,
  ScoreResult,
  UnscorableReason,
} from './score-types';
import type { KeyRateKind } from './formulas';
import type { Issue } from '../checks/issue';

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
// Rows: every score is taken from the row's one reading (forms/row-reading.ts)

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

type RowScorer = (reading: RowReading, profile: Profile) => IndicatorScore;

function baseOf(reading: RowReading, profile: Profile): Omit<IndicatorScore, 'score' | 'unscorable'> {
  const meaning = meaningOf(reading, profile);
  return {
    row: reading.row,
    level1: reading.level1,
    name: reading.shown.name,
    weight: reading.weight,
    statedScore: reading.statedScore,
    operator: meaning.operator,
    operatorSource: meaning.source,
    target: reading.target,
    actual: reading.actual,
    unit: reading.unit,
    percent: reading.percent,
  };
}

/**
 * Score one indicator row of a self-evaluation from its reading: the operator as written, else 定性 when the
 * row names a tier, else the bound its wording suggests (meaningOf); target and actual on the one scale the
 * reading decided (percent points for both, or neither).
 */
export function scoreIndicatorReading(reading: RowReading, profile: Profile): IndicatorScore {
  const base = baseOf(reading, profile);
  const unscorable = (reason: UnscorableReason): IndicatorScore => ({
    ...base,
    score: null,
    unscorable: reason,
  });
  const scored = (score: number): IndicatorScore => ({ ...base, score, unscorable: null });
  const weight = reading.weight;
  if (weight === null) return unscorable(missingOr(reading.weightReading, 'missing_weight'));
  // indicatorScoreFormula: IF(NOT(ISNUMBER(weight)),"",…) and likewise for target, actual and 定性指标得分.
  if (uncountedText(reading, 'weight')) return unscorable('text_number');
  const { operator, tier } = meaningOf(reading, profile);
  if (operator === null) return unscorable('missing_operator');

  if (operator === '定性') {
    if (tier === null) return unscorable('missing_tier');
    if (uncountedText(reading, 'qualitativeScore')) return unscorable('text_number');
    const stated = reading.qualitativeScore;
    if (stated === null) return unscorable('missing_score');
    return scored(scoreQualitative({ tier, stated, weight }, profile));
  }

  if (numberOf(reading.targetReading) === null)
    return unscorable(missingOr(reading.targetReading, 'missing_target'));
  if (numberOf(reading.actualReading) === null)
    return unscorable(missingOr(reading.actualReading, 'missing_actual'));
  if (uncountedText(reading, 'target') || uncountedText(reading, 'actual')) return unscorable('text_number');
  const { target, actual } = reading;
  if (target === null || actual === null) return unscorable('not_a_number');
  return scored(scoreQuantitative({ operator, target, actual, weight }, profile));
}

/** Score one indicator row of a self-evaluation read on its own (the twin of indicatorScoreFormula). */
export function scoreIndicatorRow(row: TableRow, profile: Profile): IndicatorScore {
  return scoreIndicatorReading(readRow(row), profile);
}

/** An ex-ante criterion row. A missing or unknown 评级 is reported as 'missing_tier' (the rating is its tier). */
function scoreExAnteRow(reading: RowReading, profile: Profile): IndicatorScore {
  const base = baseOf(reading, profile);
  const weight = reading.weight;
  if (weight === null)
    return { ...base, score: null, unscorable: missingOr(reading.weightReading, 'missing_weight') };
  if (uncountedText(reading, 'weight')) return { ...base, score: null, unscorable: 'text_number' };
  const score = scoreExAnte({ weight, rating: cellText(fieldOf(reading.cells, 'rating').raw) }, profile);
  return score === null
    ? { ...base, score: null, unscorable: 'missing_tier' }
    : { ...base, score, unscorable: null };
}

/**
 * A key-evaluation row: a formula indicator (by its 三级 name) with a 分子 or 分母 filled is scored from its
 * rate; every other row keeps the score the evaluator gave, capped to the weight.
 */
function scoreKeyRow(reading: RowReading, profile: Profile): IndicatorScore {
  const base = baseOf(reading, profile);
  const row = reading.cells;
  const unscorable = (reason: UnscorableReason): IndicatorScore => ({
    ...base,
    score: null,
    unscorable: reason,
  });
  const weight = reading.weight;
  if (weight === null) return unscorable(missingOr(reading.weightReading, 'missing_weight'));
  if (uncountedText(reading, 'weight')) return unscorable('text_number');

  const kind = keyRateKindOf(reading.name);
  const numeratorReading = readCell(fieldOf(row, 'numerator').raw);
  const denominatorReading = readCell(fieldOf(row, 'denominator').raw);
  const hasRateInputs = numeratorReading.kind !== 'blank' || denominatorReading.kind !== 'blank';
  if (kind !== null && hasRateInputs) {
    const numerator = numberOf(numeratorReading);
    const denominator = numberOf(denominatorReading);
    if (uncountedText(reading, 'numerator') || uncountedText(reading, 'denominator'))
      return unscorable('text_number');
    if (numerator === null) return unscorable(missingOr(numeratorReading, 'missing_actual'));
    if (denominator === null) return unscorable(missingOr(denominatorReading, 'missing_target'));
    const rate = keyRate(kind, numerator, denominator);
    if (rate === null) return unscorable('zero_budget');
    return { ...base, score: keyScore({ kind, weight, rate }, profile), unscorable: null };
  }

  const scoreReading = readCell(fieldOf(row, 'score').raw);
  const stated = numberOf(scoreReading);
  if (stated === null) return unscorable(missingOr(scoreReading, 'missing_score'));
  return { ...base, score: clampScore(stated, weight, profile), unscorable: null };
}

// ---------------------------------------------------------------------------------------------------------
// Forms

/** The readings of a table that are indicators (template slots, 其中 rows, "/" rows, headers … are not). */
function indicatorReadings(readings: readonly RowReading[] | undefined): RowReading[] {
  return (readings ?? []).filter((r) => r.kind === 'indicator');
}

/**
 * A row's score depends only on its reading and the profile. Readings of unchanged rows are kept across a
 * live edit, so their scores are too instead of being worked out on every edit.
 */
const rowScores = new WeakMap<RowReading, { profile: Profile; scoreRow: RowScorer; score: IndicatorScore }>();

function scoredOnce(reading: RowReading, scoreRow: RowScorer, profile: Profile): IndicatorScore {
  const known = rowScores.get(reading);
  if (known && known.profile === profile && known.scoreRow === scoreRow) return known.score;
  const score = scoreRow(reading, profile);
  rowScores.set(reading, { profile, scoreRow, score });
  return score;
}

function scoreRows(
  readings: readonly RowReading[] | undefined,
  scoreRow: RowScorer,
  profile: Profile,
): IndicatorScore[] {
  return indicatorReadings(readings).map((reading) => scoredOnce(reading, scoreRow, profile));
}

/** The report row of each reading, kept while its reading, profile and score stay the same (live edits). */
const reportRows = new WeakMap<
  RowReading,
  { profile: Profile; table: TableKey; scored: IndicatorScore | undefined; row: RowScore }
>();

function rowScoreOf(
  reading: RowReading,
  table: TableKey,
  scored: IndicatorScore | undefined,
  profile: Profile,
): RowScore {
  const known = reportRows.get(reading);
  if (known && known.profile === profile && known.table === table && known.scored === scored)
    return known.row;
  const meaning = meaningOf(reading, profile);
  const row: RowScore = {
    table,
    row: reading.row,
    kind: reading.kind,
    level1: reading.level1,
    level2: reading.level2,
    name: reading.shown.name,
    operator: meaning.operator,
    operatorSource: meaning.source,
    target: reading.target,
    unit: reading.unit,
    actual: reading.actual,
    percent: reading.percent,
    weight: reading.weight,
    score: scored?.score ?? null,
    statedScore: reading.statedScore,
    unscorable: scored?.unscorable ?? null,
  };
  reportRows.set(reading, { profile, table, scored, row });
  return row;
}

/** What every row of every table was read as, with its score where it has one (reports list them). */
function rowScoresOf(form: ParsedForm, indicators: readonly IndicatorScore[], profile: Profile): RowScore[] {
  const main = mainTableOf(form);
  const rows: RowScore[] = [];
  for (const table of Object.keys(form.readings) as TableKey[]) {
    // The scores of the main table are its indicator readings' scores, in the same (sheet) order.
    let next = 0;
    for (const reading of form.readings[table] ?? []) {
      let scored: IndicatorScore | undefined;
      if (table === main && reading.kind === 'indicator' && indicators[next]?.row === reading.row) {
        scored = indicators[next];
        next++;
      }
      rows.push(rowScoreOf(reading, table, scored, profile));
    }
  }
  return rows;
}

function mainTableOf(form: ParsedForm): TableKey {
  return form.template === 'ex-ante-assessment' || form.template === 'key-evaluation'
    ? 'criteria'
    : 'indicators';
}

/** Partial when some part of the total has no score: n of m rows (the budget row counts as one). */
function partialOf(parts: readonly (number | null)[]): { scored: number; of: number } | null {
  const scored = parts.filter((p) => p !== null).length;
  return scored > 0 && scored < parts.length ? { scored, of: parts.length } : null;
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
  const weight = statedBudgetWeight(form) ?? profile.weights.budget;
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

function emptyScores(form: ParsedForm, profile: Profile): FormScores {
  const weights = indicatorReadings(form.readings.indicators).map((r) => r.weight ?? 0);
  const weightSum = excelRound(
    weights.reduce((acc, w) => acc + w, 0),
    6,
    'round',
  );
  return {
    execution: null,
    indicators: [],
    rows: rowScoresOf(form, [], profile),
    byLevel1: [],
    weightSum,
    total: null,
    partial: null,
    grade: null,
    conclusion: null,
    statedTotal: null,
    statedGrade: null,
    statedConclusion: null,
    recommendation: null,
    status: { kind: 'none', errors: 0, unscored: 0 },
  };
}

/** The status scoring alone can give: provisional while some part has no score (errors come in settleScores). */
function statusOf(parts: readonly (number | null)[]): ScoreStatus {
  const unscored = parts.filter((p) => p === null).length;
  return { kind: unscored > 0 ? 'provisional' : 'final', errors: 0, unscored };
}

/**
 * Every score of a form: execution, indicators, per first level, total, grade, conclusion, recommendation.
 * A total that misses the score of some part is partial (n of m) and gets no grade, conclusion or
 * recommendation: a grade of part of a form would mislead.
 */
export function scoreForm(form: ParsedForm, profile: Profile): FormScores {
  const statedTotal = typedNumber(form.total);
  const statedGrade = form.grade.formula === null ? cellText(form.grade.raw) : null;
  const statedConclusion = form.conclusion.formula === null ? cellText(form.conclusion.raw) : null;

  switch (form.template) {
    case 'project-goals':
    case 'department-goals':
    case 'project-monitoring':
      return emptyScores(form, profile);

    case 'project-self-evaluation':
    case 'department-self-evaluation': {
      const execution = scoreExecution(form, profile);
      const indicators = scoreRows(form.readings.indicators, scoreIndicatorReading, profile);
      const parts = [...(execution ? [execution.score] : []), ...indicators.map((i) => i.score)];
      const total = totalOf(parts, profile);
      const partial = partialOf(parts);
      const grade = total === null || partial !== null ? null : gradeOf(total, profile);
      return {
        execution,
        indicators,
        rows: rowScoresOf(form, indicators, profile),
        byLevel1: levelScores(indicators, profile),
        weightSum: weightSumOf(indicators, execution?.weight ?? 0),
        total,
        partial,
        grade,
        conclusion: null,
        statedTotal,
        statedGrade,
        statedConclusion: null,
        recommendation: grade === null ? null : profile.recommendations[grade],
        status: statusOf(parts),
      };
    }

    case 'ex-ante-assessment': {
      const indicators = scoreRows(form.readings.criteria, scoreExAnteRow, profile);
      const parts = indicators.map((i) => i.score);
      const total = totalOf(parts, profile);
      const partial = partialOf(parts);
      return {
        execution: null,
        indicators,
        rows: rowScoresOf(form, indicators, profile),
        byLevel1: levelScores(indicators, profile),
        weightSum: weightSumOf(indicators, 0),
        total,
        partial,
        grade: null,
        conclusion: total === null || partial !== null ? null : exAnteConclusionOf(total, profile),
        statedTotal,
        statedGrade: null,
        statedConclusion,
        recommendation: null,
        status: statusOf(parts),
      };
    }

    case 'key-evaluation': {
      const indicators = scoreRows(form.readings.criteria, scoreKeyRow, profile);
      const parts = indicators.map((i) => i.score);
      const total = totalOf(parts, profile);
      const partial = partialOf(parts);
      const grade = total === null || partial !== null ? null : gradeOf(total, profile);
      return {
        execution: null,
        indicators,
        rows: rowScoresOf(form, indicators, profile),
        byLevel1: levelScores(indicators, profile),
        weightSum: weightSumOf(indicators, 0),
        total,
        partial,
        grade,
        conclusion: null,
        statedTotal,
        statedGrade,
        statedConclusion: null,
        recommendation: grade === null ? null : profile.recommendations[grade],
        status: statusOf(parts),
      };
    }
  }
}

/**
 * The scores as every surface shows them once the form's checks have run: while an error remains or a part
 * has no score, the total is provisional (暂定) and carries no grade, conclusion or recommendation — a grade
 * of an unfinished form would be read as the result. Checks see the scores before this (they compare the
 * stated grade with the grade of the total). `todo` counts required cells a live form lists as 待填写 apart from
 * its errors: they withhold the grade just as errors do.
 */
export function settleScores(scores: FormScores, issues: readonly Issue[], todo = 0): FormScores {
  if (scores.status.kind === 'none') return scores;
  const errors = issues.reduce((n, issue) => (issue.severity === 'error' ? n + 1 : n), 0);
  const unscored = scores.status.unscored;
  if (errors === 0 && unscored === 0 && todo === 0) return scores;
  return {
    ...scores,
    status: { kind: 'provisional', errors, unscored, ...(todo > 0 ? { todo } : {}) },
    grade: null,
    conclusion: null,
    recommendation: null,
  };
}
