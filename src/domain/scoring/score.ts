/**
 * Score functions (domain.md §5). Each has a formula twin in formulas.ts.
 */
import type { Operator } from '../grid/parse';
import type { ParsedForm, TableRow } from '../forms/form-model';
import type { Grade, Profile, QualitativeTierSetting } from '../profiles/profile-schema';
import type { FormScores, IndicatorScore, ScoreResult } from './score-types';
import type { KeyRateKind } from './formulas';

const NOT_IMPLEMENTED = 'score.ts: not implemented yet';

/** Round per the profile's mode ('round' half away from zero as Excel ROUND; 'truncate' as ROUNDDOWN). */
export function roundPer(_value: number, _digits: number, _profile: Profile): number {
  throw new Error(NOT_IMPLEMENTED);
}

/** 定量: target and actual already normalised to the same scale; negative actual counts as 0. Rounded. */
export function scoreQuantitative(
  _input: { operator: Exclude<Operator, '定性'>; target: number; actual: number; weight: number },
  _profile: Profile,
): number {
  throw new Error(NOT_IMPLEMENTED);
}

/** 预算执行: min(executed / budget, 1) × weight, rounded; unscorable when budget is 0 or missing. */
export function scoreBudget(_input: { budget: number | null; executed: number | null; weight: number }, _profile: Profile): ScoreResult {
  throw new Error(NOT_IMPLEMENTED);
}

/** The profile's tier whose name or alias the text is, or null. */
export function findTier(_text: string | null, _profile: Profile): QualitativeTierSetting | null {
  throw new Error(NOT_IMPLEMENTED);
}

/** The band of a tier in points for a weight, bounds rounded as the profile rounds scores. */
export function tierBand(_tier: QualitativeTierSetting, _weight: number, _profile: Profile): { min: number; max: number; maxInclusive: boolean } {
  throw new Error(NOT_IMPLEMENTED);
}

export function gradeOf(_total: number, _profile: Profile): Grade {
  throw new Error(NOT_IMPLEMENTED);
}

export function exAnteConclusionOf(_total: number, _profile: Profile): string {
  throw new Error(NOT_IMPLEMENTED);
}

/** Key-evaluation 得分率 as a fraction, null when not computable. */
export function keyRate(_kind: KeyRateKind, _numerator: number | null, _denominator: number | null): number | null {
  throw new Error(NOT_IMPLEMENTED);
}

/** Score one indicator row of a self-evaluation (reads and normalises its cells). */
export function scoreIndicatorRow(_row: TableRow, _profile: Profile): IndicatorScore {
  throw new Error(NOT_IMPLEMENTED);
}

/** Every score of a form: execution, indicators, per first level, total, grade, conclusion, recommendation. */
export function scoreForm(_form: ParsedForm, _profile: Profile): FormScores {
  throw new Error(NOT_IMPLEMENTED);
}
