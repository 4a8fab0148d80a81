/**
 * Excel formula text for every score, each the twin of a TypeScript function in this folder: given the same
 * inputs a spreadsheet computes with these formulas exactly what the TypeScript computes (rounding included).
 * Classic functions only (IF, AND, OR, MIN, MAX, ROUND, ROUNDDOWN, SUM, SUMPRODUCT, INDEX, MATCH), so the
 * same text works in Excel, WPS and LibreOffice with no add-in. Refs are A1 references ('F12', '$C$5') as
 * seen from the cell that holds the formula. Every formula yields "" (empty text) when an input is missing,
 * where the TypeScript twin returns an unscorable result.
 */
import type { Profile } from '../profiles/profile-schema';

const NOT_IMPLEMENTED = 'formulas.ts: not implemented yet';

export interface IndicatorRefs {
  operator: string; // 指标性质 cell (≥ > = ≤ < 定性)
  target: string; // 年度指标值 (number)
  unit: string; // 计量单位 ('%' turns on percent normalisation of target and actual)
  actual: string; // 实际完成值 (number)
  weight: string; // 分值
  tier: string; // 定性完成档次
  qualitativeScore: string; // 定性指标得分 (typed)
}

/** 得分 of one self-evaluation indicator row (quantitative rule per operator and profile; 定性: typed score clamped into the tier's band). */
export function indicatorScoreFormula(_refs: IndicatorRefs, _profile: Profile): string {
  throw new Error(NOT_IMPLEMENTED);
}

/** 执行率 as a fraction: executed / budget, "" when budget is blank or 0. */
export function executionRateFormula(_refs: { budget: string; executed: string }): string {
  throw new Error(NOT_IMPLEMENTED);
}

/** 预算执行 得分 = min(rate, 1) × weight, rounded per profile. */
export function budgetScoreFormula(_refs: { budget: string; executed: string; weight: string }, _profile: Profile): string {
  throw new Error(NOT_IMPLEMENTED);
}

/** 总分: sum of the parts (cells or ranges), rounded to the profile's total digits; "" when every part is blank. */
export function totalFormula(_parts: readonly string[], _profile: Profile): string {
  throw new Error(NOT_IMPLEMENTED);
}

/** 等级 of a total cell per the profile's bands; "" when the total is blank. */
export function gradeFormula(_totalRef: string, _profile: Profile): string {
  throw new Error(NOT_IMPLEMENTED);
}

/** 结果应用建议 for a grade cell. */
export function recommendationFormula(_gradeRef: string, _profile: Profile): string {
  throw new Error(NOT_IMPLEMENTED);
}

/** Ex-ante 得分 of a sub-criterion: weight × rating factor (优/良/中/差). */
export function exAnteScoreFormula(_refs: { weight: string; rating: string }, _profile: Profile): string {
  throw new Error(NOT_IMPLEMENTED);
}

/** Ex-ante 评估结论 from the total per the profile's thresholds. */
export function conclusionFormula(_totalRef: string, _profile: Profile): string {
  throw new Error(NOT_IMPLEMENTED);
}

/** Key-evaluation formula indicators (10号 框架). */
export type KeyRateKind =
  | 'funds-in-place' // 资金到位率 = 实际到位 / 预算
  | 'budget-execution' // 预算执行率 = 实际支出 / 实际到位
  | 'completion' // 实际完成率 = 实际产出 / 计划产出
  | 'quality' // 质量达标率 = 达标产出 / 实际产出
  | 'cost-saving'; // 成本节约率 = (计划成本 − 实际成本) / 计划成本; numerator = 实际成本, denominator = 计划成本

/** 得分率 of a formula indicator, as a fraction. */
export function keyRateFormula(_kind: KeyRateKind, _refs: { numerator: string; denominator: string }): string {
  throw new Error(NOT_IMPLEMENTED);
}

/** 得分 of a key-evaluation row from its 得分率: weight × rate capped to [0, 1] (cost saving: full when ≥ 0). */
export function keyScoreFormula(_kind: KeyRateKind, _refs: { weight: string; rate: string }, _profile: Profile): string {
  throw new Error(NOT_IMPLEMENTED);
}

/** Monitoring light 红/黄/绿: (executed / budget) ÷ (month / 12) × 100 against the profile's thresholds. */
export function monitoringLightFormula(_refs: { budget: string; executed: string; month: string }, _profile: Profile): string {
  throw new Error(NOT_IMPLEMENTED);
}
