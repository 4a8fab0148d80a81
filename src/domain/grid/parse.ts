/**
 * Tolerant reading of what people type into budget-performance forms (docs/domain.md §10.6).
 * Every function here is total: it never throws on any input, and unreadable text comes back as a
 * `text` reading for the checks to report.
 */
import type { CellScalar } from './cell';
import { memoizeText } from './memo';

export type ExcelErrorCode =
  | '#NULL!'
  | '#DIV/0!'
  | '#VALUE!'
  | '#REF!'
  | '#NAME?'
  | '#NUM!'
  | '#N/A'
  | '#GETTING_DATA'
  | '#SPILL!'
  | '#CALC!';

export const EXCEL_ERROR_CODES: readonly ExcelErrorCode[] = [
  '#NULL!',
  '#DIV/0!',
  '#VALUE!',
  '#REF!',
  '#NAME?',
  '#NUM!',
  '#N/A',
  '#GETTING_DATA',
  '#SPILL!',
  '#CALC!',
];

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

const FULL_WIDTH_FIRST = 0xff01;
const FULL_WIDTH_LAST = 0xff5e;
const FULL_WIDTH_OFFSET = 0xfee0;
/** Characters that render as nothing; people paste them in from web pages and Word. */
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
/** \s covers NBSP, the ideographic space and the other Unicode spaces, as well as line breaks inside a cell. */
const WHITE_RUN = /\s+/g;

/** Full-width ASCII and spaces to half-width, NBSP and ideographic space to space, trimmed, runs of space folded. */
export const normalizeText: (text: string) => string = memoizeText(normalizeTextOnce);

function normalizeTextOnce(text: string): string {
  let halfWidth = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    halfWidth +=
      code >= FULL_WIDTH_FIRST && code <= FULL_WIDTH_LAST
        ? String.fromCharCode(code - FULL_WIDTH_OFFSET)
        : ch;
  }
  return halfWidth.replace(INVISIBLE, '').replace(WHITE_RUN, ' ').trim();
}

/** True for null, undefined-ish, '' and whitespace-only strings. */
export function isBlank(raw: CellScalar | undefined): boolean {
  if (raw === null || raw === undefined) return true;
  return typeof raw === 'string' && normalizeText(raw) === '';
}

/**
 * A number a host should never hand over (NaN, ±Infinity) reads as Excel's #NUM!, the error Excel itself
 * shows for a result it cannot represent, so that it reaches the checks as an error and never as a value.
 */
const NON_FINITE_CODE: ExcelErrorCode = '#NUM!';

/** Normalized text of a cell, or null when blank. Numbers and booleans become their text. */
export function cellText(raw: CellScalar | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number') return Number.isFinite(raw) ? String(raw) : NON_FINITE_CODE;
  if (typeof raw === 'boolean') return raw ? 'TRUE' : 'FALSE';
  const text = normalizeText(raw);
  return text === '' ? null : text;
}

/** A line break inside a cell (Alt+Enter, a pasted paragraph): CR LF, CR, LF, NEL, line and paragraph separators. */
const LINE_BREAK = /\r\n|[\r\n\u0085\u2028\u2029]/g;

/**
 * A cell's text as the person wrote it, for quoting in a message: trimmed, each line break inside shown as a
 * space, nothing else changed, so full-width punctuation, brackets and digits stay as typed and the quote can
 * be searched for in the sheet. Null when `cellText` is null (blank); numbers and booleans read as there.
 * Matching never uses this: it compares `cellText` or `labelKey`.
 */
export function displayText(raw: CellScalar | undefined): string | null {
  return typeof raw === 'string' ? displayOfText(raw) : cellText(raw);
}

const displayOfText = memoizeText((raw: string): string | null =>
  normalizeText(raw) === '' ? null : raw.replace(LINE_BREAK, ' ').trim(),
);

/** Stars mark required fields; they are not part of a label. */
const LABEL_NOISE = /[\s\p{P}★☆※]/gu;

/**
 * A key for matching labels and headers: normalized, with all white space, required-field stars and
 * punctuation such as （）()：:，,、 removed. '年度 指标值（万元）：' and '年度指标值万元' get the same key.
 */
export function labelKey(raw: CellScalar | undefined): string {
  return typeof raw === 'string' ? labelKeyOfText(raw) : labelKeyOnce(raw);
}

const labelKeyOfText = memoizeText(labelKeyOnce);

function labelKeyOnce(raw: CellScalar | undefined): string {
  const text = cellText(raw);
  if (text === null) return '';
  return text.replace(LABEL_NOISE, '').toLowerCase();
}

const PLACEHOLDERS: ReadonlySet<string> = new Set([
  '*',
  '**',
  '***',
  '/',
  '//',
  '\\',
  '无',
  '-',
  '--',
  '---',
  '—',
  '——',
  '–',
  '―',
  '略',
  '暂无',
  'n/a',
  'na',
  '不适用',
  '无此项',
]);

const ERROR_BY_TEXT: ReadonlyMap<string, ExcelErrorCode> = new Map(
  EXCEL_ERROR_CODES.map((code) => [code.toUpperCase(), code]),
);

/** Minus signs other than '-' that show up in pasted text: − (U+2212), ﹣, ‒ and –. */
const OTHER_MINUS = /^[\u2212\ufe63\u2012\u2013]/;

/**
 * sign, number (plain digits, or digits grouped by thousands, with an optional fraction and exponent),
 * then whatever follows (a % sign or a unit).
 */
const NUMBER_HEAD =
  /^([+-]?) ?((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)(.*)$/;

/**
 * A unit glued after a number: short, no digits, no operators or separators. Longer tails are prose
 * ("3个月内完成验收") and stay text.
 */
const UNIT = /^[^\d\s%,;:<>=≥≤≧≦+\-()[\]{}'"!?#]{1,6}$/u;

function readNumberText(text: string): Reading | null {
  const unified = text.replace(OTHER_MINUS, '-').replace(/(\d)。(\d)/g, '$1.$2');
  const match = NUMBER_HEAD.exec(unified);
  if (!match) return null;
  const [, sign = '', digits = '', tail = ''] = match;
  const value = Number(sign + digits.replace(/,/g, ''));
  if (!Number.isFinite(value)) return null;
  const unit = tail.trim();
  if (unit === '') return { kind: 'number', value, percent: false, unit: null };
  if (unit === '%') return { kind: 'number', value, percent: true, unit: '%' };
  if (UNIT.test(unit)) return { kind: 'number', value, percent: false, unit };
  return null;
}

/**
 * One cell as a reading: numbers (full-width digits, thousands separators, unicode minus, a trailing % or a
 * glued unit such as "735人次"), placeholders, Excel error values, text.
 */
export function readCell(raw: CellScalar | undefined): Reading {
  if (raw === null || raw === undefined) return { kind: 'blank' };
  if (typeof raw === 'number') {
    return Number.isFinite(raw)
      ? { kind: 'number', value: raw, percent: false, unit: null }
      : { kind: 'error', code: NON_FINITE_CODE };
  }
  if (typeof raw === 'boolean') return { kind: 'text', text: raw ? 'TRUE' : 'FALSE' };
  return readText(raw);
}

const readText = memoizeText(readTextOnce);

function readTextOnce(raw: string): Reading {
  const text = normalizeText(raw);
  if (text === '') return { kind: 'blank' };
  const error = ERROR_BY_TEXT.get(text.toUpperCase());
  if (error !== undefined) return { kind: 'error', code: error };
  if (PLACEHOLDERS.has(text.toLowerCase())) return { kind: 'placeholder', text };
  // A leading apostrophe is how a spreadsheet is told to keep a number as text ('93).
  const unquoted = text.startsWith("'") ? text.slice(1).trim() : text;
  return readNumberText(unquoted) ?? { kind: 'text', text };
}

/** The number of a reading, or null. */
export function numberOf(reading: Reading): number | null {
  return reading.kind === 'number' ? reading.value : null;
}

/** Longest spellings first, so that '>=' is not read as '>' followed by '='. */
const OPERATOR_SPELLINGS: readonly (readonly [string, Operator])[] = (
  [
    ['≥', '≥'],
    ['≧', '≥'],
    ['达到', '≥'],
    ['⩾', '≥'],
    ['>=', '≥'],
    ['=>', '≥'],
    ['不少于', '≥'],
    ['不低于', '≥'],
    ['不小于', '≥'],
    ['大于等于', '≥'],
    ['大于或等于', '≥'],
    ['高于等于', '≥'],
    ['高于或等于', '≥'],
    ['正向', '≥'],
    ['正向指标', '≥'],
    ['≤', '≤'],
    ['≦', '≤'],
    ['⩽', '≤'],
    ['<=', '≤'],
    ['=<', '≤'],
    ['不超过', '≤'],
    ['不高于', '≤'],
    ['不大于', '≤'],
    ['不多于', '≤'],
    ['小于等于', '≤'],
    ['小于或等于', '≤'],
    ['低于等于', '≤'],
    ['低于或等于', '≤'],
    ['反向', '≤'],
    ['反向指标', '≤'],
    ['=', '='],
    ['==', '='],
    ['═', '='],
    ['﹦', '='],
    ['等于', '='],
    ['>', '>'],
    ['﹥', '>'],
    ['大于', '>'],
    ['高于', '>'],
    ['<', '<'],
    ['﹤', '<'],
    ['小于', '<'],
    ['低于', '<'],
    ['定性', '定性'],
    ['定性指标', '定性'],
  ] as const
)
  .slice()
  .sort((a, b) => b[0].length - a[0].length);

const OPERATOR_BY_SPELLING: ReadonlyMap<string, Operator> = new Map(OPERATOR_SPELLINGS);

/** Spaces between the characters of a symbolic operator ("> =") do not change it. */
function compactOperatorText(text: string): string {
  return text.replace(/([<>=]) (?=[<>=])/g, '$1');
}

/**
 * An operator typed alone or as a word: ≥ ≧ >= ＞＝ 不少于 不低于 正向 → '≥'; ≤ ≦ <= 不超过 不高于 反向 → '≤';
 * = ═ ＝ == 等于 → '='; > ＞ 大于 高于 → '>'; < ＜ 小于 低于 → '<'; 定性 → '定性'. Null when not one of these.
 */
export function parseOperator(raw: CellScalar | undefined): Operator | null {
  return typeof raw === 'string' ? parseOperatorText(raw) : null;
}

const parseOperatorText = memoizeText(parseOperatorOnce);

function parseOperatorOnce(raw: string): Operator | null {
  const text = compactOperatorText(normalizeText(raw)).replace(/ /g, '');
  return OPERATOR_BY_SPELLING.get(text) ?? null;
}

/** "95%以上", "3天以内": the direction written after the value. */
const TRAILING_DIRECTION: readonly (readonly [string, Operator])[] = [
  ['及以上', '≥'],
  ['以上', '≥'],
  ['及以下', '≤'],
  ['以下', '≤'],
  ['及以内', '≤'],
  ['以内', '≤'],
];

/** How an operator was written in a value: a sign (≥95%) or words (不低于95%, 95%以上). */
export type OperatorSpelling = 'symbol' | 'word';

export interface TargetReading {
  operator: Operator | null;
  /** Null when no operator was written. */
  spelling: OperatorSpelling | null;
  reading: Reading;
}

const SYMBOLIC = /^[<>=≥≤≧≦⩾⩽═﹦﹥﹤]+$/;

/** A target typed with its operator in one cell ("≥95%", "≦ 3天", "不少于500人次", "95%以上"), or just a value. */
export function readTarget(raw: CellScalar | undefined): TargetReading {
  return typeof raw === 'string'
    ? readTargetText(raw)
    : { operator: null, spelling: null, reading: readCell(raw) };
}

const readTargetText = memoizeText(readTargetOnce);

function readTargetOnce(raw: string): TargetReading {
  const text = compactOperatorText(normalizeText(raw));
  for (const [spelling, operator] of OPERATOR_SPELLINGS) {
    if (text.startsWith(spelling)) {
      const rest = text.slice(spelling.length).replace(/^[ :]+/, '');
      return { operator, spelling: SYMBOLIC.test(spelling) ? 'symbol' : 'word', reading: readCell(rest) };
    }
  }
  // Before the whole text: "3天以内" would otherwise read as 3 with the unit "天以内".
  for (const [suffix, operator] of TRAILING_DIRECTION) {
    if (!text.endsWith(suffix)) continue;
    const value = readCell(text.slice(0, -suffix.length));
    if (value.kind === 'number') return { operator, spelling: 'word', reading: value };
  }
  return { operator: null, spelling: null, reading: readCell(text) };
}

/** Float noise such as 0.07 × 100 = 7.000000000000001 would show in messages and break equality checks. */
function clean(value: number): number {
  return Number(value.toPrecision(15));
}

/**
 * A percentage in points whatever way it was typed: "98%" -> 98, 98 -> 98, 0.98 -> 98 (a value whose
 * magnitude is at most 1 is read as a fraction, as Excel stores a cell formatted as %). Null if not a number.
 */
export function toPercentPoints(reading: Reading): number | null {
  if (reading.kind !== 'number') return null;
  if (reading.percent) return reading.value;
  return Math.abs(reading.value) <= 1 ? clean(reading.value * 100) : reading.value;
}

const YUAN_PER_WAN = 10000;
const MONEY_UNITS: ReadonlyMap<string, MoneyUnit> = new Map([
  ['元', '元'],
  ['万元', '万元'],
  ['万', '万元'],
]);
const CURRENCY_SIGN = /^[¥￥] ?/;

/** A money amount: "12,345.6元" -> 1.23456 万元; "3.5万元", "3.5万" and 3.5 (with default 万元) -> 3.5. */
export function readAmount(raw: CellScalar | undefined, defaultUnit: MoneyUnit = '万元'): Amount | null {
  let reading: Reading;
  let signUnit: MoneyUnit | null = null;
  if (typeof raw === 'string') {
    const text = normalizeText(raw);
    // A currency sign means 元 unless a 万元 written after the value says otherwise.
    if (CURRENCY_SIGN.test(text)) signUnit = '元';
    reading = readCell(text.replace(CURRENCY_SIGN, ''));
  } else {
    reading = readCell(raw);
  }
  if (reading.kind !== 'number' || reading.percent) return null;
  let unit: MoneyUnit;
  let explicitUnit: boolean;
  if (reading.unit === null) {
    unit = signUnit ?? defaultUnit;
    explicitUnit = signUnit !== null;
  } else {
    const written = MONEY_UNITS.get(reading.unit);
    if (written === undefined) return null;
    unit = written;
    explicitUnit = true;
  }
  const wan = unit === '元' ? clean(reading.value / YUAN_PER_WAN) : reading.value;
  return { wan, unit, explicitUnit };
}
