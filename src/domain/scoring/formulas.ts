/**
 * Excel formula text for every score, each the twin of a TypeScript function in this folder: given the same
 * inputs a spreadsheet computes with these formulas exactly what the TypeScript computes (rounding included).
 * Classic functions only (IF, AND, OR, NOT, ISNUMBER, MIN, MAX, ABS, ROUND, ROUNDDOWN, SUM, COUNT), so the
 * same text works in Excel, WPS and LibreOffice with no add-in. Refs are A1 references ('F12', '$C$5') as
 * seen from the cell that holds the formula. Every formula yields "" (empty text) when an input is missing,
 * where the TypeScript twin returns an unscorable result.
 *
 * The formulas read the cells of our templates: the operator from its dropdown column, numbers as numbers.
 * The TypeScript side also reads what people type in other forms ("≥95%" in one cell, "735人次").
 *
 * Twins: indicatorScoreFormula ↔ scoreIndicatorRow; executionRateFormula ↔ executionRate;
 * budgetScoreFormula ↔ scoreBudget; totalFormula ↔ totalOf; gradeFormula ↔ gradeOf;
 * recommendationFormula ↔ profile.recommendations; exAnteScoreFormula ↔ scoreExAnte;
 * conclusionFormula ↔ exAnteConclusionOf; keyRateFormula ↔ keyRate; keyScoreFormula ↔ keyScore;
 * monitoringLightFormula ↔ monitoringLight.
 */
import type { Profile, QualitativeTierSetting } from '../profiles/profile-schema';

export interface IndicatorRefs {
  operator: string; // 指标性质 cell (≥ > = ≤ < 定性)
  target: string; // 年度指标值 (number)
  unit: string; // 计量单位 (%, ％, 百分比 or 百分率 turn on percent normalisation of target and actual)
  actual: string; // 实际完成值 (number)
  weight: string; // 分值
  tier: string; // 定性完成档次
  qualitativeScore: string; // 定性指标得分 (typed)
}

/** A string literal in a formula ("" doubles a quote). */
function text(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

/** A number literal; String() of the band edges and factors a profile holds is plain decimal text. */
function num(value: number): string {
  return String(value);
}

function notNumber(ref: string): string {
  return `NOT(ISNUMBER(${ref}))`;
}

function anyNotNumber(...refs: string[]): string {
  return `OR(${refs.map(notNumber).join(',')})`;
}

function roundFn(profile: Profile): string {
  return profile.rounding.mode === 'round' ? 'ROUND' : 'ROUNDDOWN';
}

function roundScore(expr: string, profile: Profile): string {
  return `${roundFn(profile)}(${expr},${profile.rounding.scoreDigits})`;
}

/** Twin of clampScore: within [0, w], rounded, within [0, w] again. */
function clampScore(raw: string, weight: string, profile: Profile): string {
  return `MAX(0,MIN(${weight},${roundScore(`MAX(0,MIN(${weight},${raw}))`, profile)}))`;
}

/** The units the row reading takes as percent (isPercentUnit in forms/row-reading.ts). */
const PERCENT_UNIT_TEXTS = ['%', '％', '百分比', '百分率'] as const;

/** Percent normalisation as toPercentPoints does it for a number in a cell whose unit is a percent unit. */
function percentPoints(ref: string, unit: string): string {
  return `IF(AND(${isOneOf(unit, PERCENT_UNIT_TEXTS)},ABS(${ref})<=1),${ref}*100,${ref})`;
}

/** One of the values, compared as the spreadsheet compares text. */
function isOneOf(expr: string, values: readonly string[]): string {
  return `OR(${values.map((v) => `${expr}=${text(v)}`).join(',')})`;
}

function quantitativeScore(refs: IndicatorRefs, profile: Profile): string {
  const w = refs.weight;
  const t = percentPoints(refs.target, refs.unit);
  const a = `MAX(0,${percentPoints(refs.actual, refs.unit)})`;
  const positive = `IF(${a}>=${t},${w},${w}*(${a}/${t}))`;
  const equalZero = `IF(${a}<=0,${w},0)`;
  const reverse =
    profile.reverseRule === 'ratio'
      ? `IF(OR(${a}<=${t},${a}=0),${w},${w}*(${t}/${a}))`
      : `IF(${a}<=${t},${w},IF(${a}>=2*${t},0,${w}*(1-(${a}-${t})/${t})))`;
  const op = refs.operator;
  const raw = `IF(OR(${op}="≥",${op}=">",AND(${op}="=",${t}>0)),${positive},IF(${op}="=",${equalZero},${reverse}))`;
  return `IF(${anyNotNumber(refs.target, refs.actual)},"",${clampScore(raw, w, profile)})`;
}

/** Twin of bandTop / tierBand for one tier. */
function qualitativeBandScore(tier: QualitativeTierSetting, refs: IndicatorRefs, profile: Profile): string {
  const w = refs.weight;
  const low = roundScore(`${w}*${num(tier.min)}`, profile);
  const high = roundScore(`${w}*${num(tier.max)}`, profile);
  const top = tier.maxInclusive
    ? high
    : `MAX(${low},${roundScore(`${high}-${num(Number(`1e-${profile.rounding.scoreDigits}`))}`, profile)})`;
  const inBand = `MAX(${low},MIN(${top},${roundScore(refs.qualitativeScore, profile)}))`;
  return `IF(${notNumber(refs.qualitativeScore)},"",MAX(0,MIN(${w},${inBand})))`;
}

function qualitativeScore(refs: IndicatorRefs, profile: Profile): string {
  // The tier column, else the actual when the tier column is blank.
  const tierText = `IF(${refs.tier}="",${refs.actual},${refs.tier})`;
  let formula = '""';
  for (const tier of [...profile.qualitativeTiers].reverse()) {
    formula = `IF(${isOneOf(tierText, [tier.tier, ...tier.aliases])},${qualitativeBandScore(tier, refs, profile)},${formula})`;
  }
  return formula;
}

/** 得分 of one self-evaluation indicator row (quantitative rule per operator and profile; 定性: typed score clamped into the tier's band). */
export function indicatorScoreFormula(refs: IndicatorRefs, profile: Profile): string {
  const op = refs.operator;
  const quantitative = isOneOf(op, ['≥', '>', '=', '≤', '<']);
  return `=IF(${notNumber(refs.weight)},"",IF(${quantitative},${quantitativeScore(refs, profile)},${qualitativeScore(refs, profile)}))`;
}

/** 执行率 as a fraction: executed / budget, "" when budget is blank or 0. */
export function executionRateFormula(refs: { budget: string; executed: string }): string {
  const { budget: b, executed: e } = refs;
  return `=IF(${anyNotNumber(b, e)},"",IF(${b}<=0,"",${e}/${b}))`;
}

/** 预算执行 得分 = min(rate, 1) × weight, rounded per profile. */
export function budgetScoreFormula(
  refs: { budget: string; executed: string; weight: string },
  profile: Profile,
): string {
  const { budget: b, executed: e, weight: w } = refs;
  const raw = `MIN(1,MAX(0,${e}/${b}))*${w}`;
  return `=IF(${anyNotNumber(b, e, w)},"",IF(${b}<=0,"",${clampScore(raw, w, profile)}))`;
}

/** 总分: sum of the parts (cells or ranges), rounded to the profile's total digits; "" when every part is blank. */
export function totalFormula(parts: readonly string[], profile: Profile): string {
  const list = parts.join(',');
  return `=IF(COUNT(${list})=0,"",${roundFn(profile)}(SUM(${list}),${profile.rounding.totalDigits}))`;
}

/** Highest band first: IF(x>=min1,label1,IF(x>=min2,label2,…,lastLabel)). */
function bands(ref: string, entries: readonly { label: string; min: number }[]): string {
  const last = entries[entries.length - 1];
  let formula = last === undefined ? '""' : text(last.label);
  for (const entry of entries.slice(0, -1).reverse()) {
    formula = `IF(${ref}>=${num(entry.min)},${text(entry.label)},${formula})`;
  }
  return formula;
}

/** 等级 of a total cell per the profile's bands; "" when the total is blank. */
export function gradeFormula(totalRef: string, profile: Profile): string {
  const entries = profile.grades.map((g) => ({ label: g.grade, min: g.min }));
  return `=IF(${notNumber(totalRef)},"",${bands(totalRef, entries)})`;
}

/** 结果应用建议 for a grade cell. */
export function recommendationFormula(gradeRef: string, profile: Profile): string {
  let formula = '""';
  for (const grade of ['差', '中', '良', '优'] as const) {
    formula = `IF(${gradeRef}=${text(grade)},${text(profile.recommendations[grade])},${formula})`;
  }
  return `=${formula}`;
}

/** Ex-ante 得分 of a sub-criterion: weight × rating factor (优/良/中/差). */
export function exAnteScoreFormula(refs: { weight: string; rating: string }, profile: Profile): string {
  const { weight: w, rating: r } = refs;
  let formula = '""';
  for (const rating of ['差', '中', '良', '优'] as const) {
    const raw = `${w}*${num(profile.exAnte.ratingFactors[rating])}`;
    formula = `IF(${r}=${text(rating)},${clampScore(raw, w, profile)},${formula})`;
  }
  return `=IF(${notNumber(w)},"",${formula})`;
}

/** Ex-ante 评估结论 from the total per the profile's thresholds. */
export function conclusionFormula(totalRef: string, profile: Profile): string {
  const entries = profile.exAnte.conclusions.map((c) => ({ label: c.conclusion, min: c.min }));
  return `=IF(${notNumber(totalRef)},"",${bands(totalRef, entries)})`;
}

/** Key-evaluation formula indicators (10号 框架). */
export type KeyRateKind =
  | 'funds-in-place' // 资金到位率 = 实际到位 / 预算
  | 'budget-execution' // 预算执行率 = 实际支出 / 实际到位
  | 'completion' // 实际完成率 = 实际产出 / 计划产出
  | 'quality' // 质量达标率 = 达标产出 / 实际产出
  | 'cost-saving'; // 成本节约率 = (计划成本 − 实际成本) / 计划成本; numerator = 实际成本, denominator = 计划成本

/** 得分率 of a formula indicator, as a fraction. */
export function keyRateFormula(kind: KeyRateKind, refs: { numerator: string; denominator: string }): string {
  const { numerator: n, denominator: d } = refs;
  const rate = kind === 'cost-saving' ? `(${d}-${n})/${d}` : `${n}/${d}`;
  return `=IF(${anyNotNumber(n, d)},"",IF(${d}<=0,"",${rate}))`;
}

/** 得分 of a key-evaluation row from its 得分率: weight × rate capped to [0, 1] (cost saving: full when ≥ 0). */
export function keyScoreFormula(
  kind: KeyRateKind,
  refs: { weight: string; rate: string },
  profile: Profile,
): string {
  const { weight: w, rate: r } = refs;
  const factor = kind === 'cost-saving' ? `1+${r}` : r;
  return `=IF(${anyNotNumber(w, r)},"",${clampScore(`${w}*MIN(1,MAX(0,${factor}))`, w, profile)})`;
}

/** Monitoring light 红/黄/绿: (executed / budget) ÷ (month / 12) × 100 against the profile's thresholds. */
export function monitoringLightFormula(
  refs: { budget: string; executed: string; month: string },
  profile: Profile,
): string {
  const { budget: b, executed: e, month: m } = refs;
  const progress = `ROUND(${e}/${b}/(${m}/12)*100,6)`;
  const light = `IF(${progress}<${num(profile.monitoring.red)},"红",IF(${progress}<${num(profile.monitoring.yellow)},"黄","绿"))`;
  return `=IF(${anyNotNumber(b, e, m)},"",IF(OR(${b}<=0,${m}<=0),"",${light}))`;
}
