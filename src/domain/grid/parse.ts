/**
 * Tolerant reading of what people type into budget-performance forms (domain.md §10.6).
 * Every function here is total: it never throws on any input, and unreadable text comes back as a
 * `text` reading for the checks to report.
 */
import type { CellScalar } from './cell';

export type ExcelErrorCode = '#NULL!' | '#DIV/0!' | '#VALUE!' | '#REF!' | '#NAME?' | '#NUM!' | '#N/A' | '#GETTING_DATA' | '#SPILL!' | '#CALC!';

export type Reading =
  | { kind: 'blank' }
  /** `percent` when written with a % sign ("98%" -> value 98, percent true, unit '%'). */
  | { kind: 'number'; value: number; percent: boolean; unit: string | null }
  | { kind: 'text'; text: string }
  /** Stand-ins people type for "nothing": `*`, `/`, `无`, `-`, `—`, `略`, `暂无`, `N/A`. */
  | { kind: 'placeholder'; text: string }
  | { kind: 'error'; code: ExcelErrorCode };

/** 指标性质 / 计算符号. 正向/反向 are accepted as ≥/≤. */
export type Operator = '≥' | '>' | '=' | '≤' | '<' | '定性';
export const OPERATORS: readonly Operator[] = ['≥', '>', '=', '≤', '<', '定性'];

export type MoneyUnit = '元' | '万元';

export interface Amount {
  /** Always in 万元, whatever was typed. */
  wan: number;
  /** The unit the person wrote, or the default when none was written. */
  unit: MoneyUnit;
  explicitUnit: boolean;
}

const NOT_IMPLEMENTED = 'parse.ts: not implemented yet';

/** Full-width ASCII and spaces to half-width, NBSP and ideographic space to space, trimmed, runs of space folded. */
export function normalizeText(_text: string): string {
  throw new Error(NOT_IMPLEMENTED);
}

/** True for null, undefined-ish, '' and whitespace-only strings. */
export function isBlank(_raw: CellScalar | undefined): boolean {
  throw new Error(NOT_IMPLEMENTED);
}

/** Normalized text of a cell, or null when blank. Numbers and booleans become their text. */
export function cellText(_raw: CellScalar | undefined): string | null {
  throw new Error(NOT_IMPLEMENTED);
}

/**
 * A key for matching labels and headers: normalized, with all white space, required-field stars and
 * punctuation such as （）()：:，,、 removed. '年度 指标值（万元）：' and '年度指标值万元' get the same key.
 */
export function labelKey(_raw: CellScalar | undefined): string {
  throw new Error(NOT_IMPLEMENTED);
}

/**
 * One cell as a reading: numbers (full-width digits, thousands separators, unicode minus, a trailing % or a
 * glued unit such as "735人次"), placeholders, Excel error values, text.
 */
export function readCell(_raw: CellScalar | undefined): Reading {
  throw new Error(NOT_IMPLEMENTED);
}

/** The number of a reading, or null. */
export function numberOf(_reading: Reading): number | null {
  throw new Error(NOT_IMPLEMENTED);
}

/**
 * An operator typed alone or as a word: ≥ ≧ >= ＞＝ 不少于 不低于 正向 → '≥'; ≤ ≦ <= 不超过 不高于 反向 → '≤';
 * = ═ ＝ == 等于 → '='; > ＞ 大于 高于 → '>'; < ＜ 小于 低于 → '<'; 定性 → '定性'. Null when not one of these.
 */
export function parseOperator(_raw: CellScalar | undefined): Operator | null {
  throw new Error(NOT_IMPLEMENTED);
}

/** A target typed with its operator in one cell ("≥95%", "≦ 3天", "不少于500人次"), or just a value. */
export function readTarget(_raw: CellScalar | undefined): { operator: Operator | null; reading: Reading } {
  throw new Error(NOT_IMPLEMENTED);
}

/**
 * A percentage in points whatever way it was typed: "98%" -> 98, 98 -> 98, 0.98 -> 98 (a value whose
 * magnitude is at most 1 is read as a fraction, as Excel stores a cell formatted as %). Null if not a number.
 */
export function toPercentPoints(_reading: Reading): number | null {
  throw new Error(NOT_IMPLEMENTED);
}

/** A money amount: "12,345.6元" -> 1.23456 万元; "3.5万元", "3.5万" and 3.5 (with default 万元) -> 3.5. */
export function readAmount(_raw: CellScalar | undefined, _defaultUnit: MoneyUnit = '万元'): Amount | null {
  throw new Error(NOT_IMPLEMENTED);
}
