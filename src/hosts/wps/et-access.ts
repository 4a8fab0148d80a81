/**
 * The edge where the engine's words meet ET's: members that are properties in one build and methods in
 * another, BGR colours, ET addresses ('$A$1:$D$5', '$5:$6'), and cell values in both directions.
 */
import { columnLetter, parseRange, toRangeA1, type CellRange } from '../../domain/grid/address';
import { type CellInput, type CellScalar, isFormulaCell } from '../../domain/grid/cell';
import type { HexColor } from '../../domain/plan/plan';
import { MAX_COLS, MAX_ROWS } from '../../app/plan-checks';
import { HostError } from '../../app/workbook-port';
import type { EtBlockValue, EtScalar, Tolerant } from './et-model';

type Resolved<T> = T extends () => infer R ? R : T;

/**
 * Reads a member that some WPS builds expose as a property and others as a zero-argument method. The method
 * is called on its owner: ET methods need their receiver.
 */
export function readMember<O extends object, K extends keyof O>(owner: O, key: K): Resolved<O[K]> {
  const member = owner[key] as Tolerant<unknown>;
  return (typeof member === 'function' ? member.call(owner) : member) as Resolved<O[K]>;
}

/** '#RRGGBB' -> the BGR integer ET stores (blue in the high byte). */
export function hexToBgr(color: HexColor): number {
  const m = /^#([0-9a-fA-F]{2})([0-9a-fA-F]{2})([0-9a-fA-F]{2})$/.exec(color);
  if (m === null || m[1] === undefined || m[2] === undefined || m[3] === undefined) {
    throw new HostError('unsupported', `颜色不合法 / not a #RRGGBB colour: ${color}`);
  }
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => parseInt(h, 16)) as [number, number, number];
  return (b << 16) | (g << 8) | r;
}

/** The BGR integer ET reports -> '#RRGGBB'. */
export function bgrToHex(bgr: number): HexColor {
  const hex = (n: number) => n.toString(16).padStart(2, '0').toUpperCase();
  return `#${hex(bgr & 0xff)}${hex((bgr >> 8) & 0xff)}${hex((bgr >> 16) & 0xff)}`;
}

const ET_AREA = /^\$?([A-Za-z]{1,3})?\$?([0-9]+)?(?::\$?([A-Za-z]{1,3})?\$?([0-9]+)?)?$/;

/**
 * One area of an ET address -> a range. Whole rows ('$5:$6') span every column and whole columns ('$B:$C')
 * every row, so a caller can tell a row insertion or deletion (which WPS reports as a change of whole rows)
 * from an edit.
 */
export function parseEtArea(area: string): CellRange {
  const text = area.includes('!') ? area.slice(area.lastIndexOf('!') + 1) : area;
  const m = ET_AREA.exec(text.trim());
  if (m === null) throw new HostError('invalid_range', `无法识别的区域 / not an ET address: ${area}`);
  const [, col1, row1, col2, row2] = m;
  const twoParts = text.includes(':');
  if (!twoParts) {
    if (col1 === undefined || row1 === undefined) {
      throw new HostError('invalid_range', `无法识别的区域 / not an ET address: ${area}`);
    }
    return parseRange(`${col1}${row1}`);
  }
  if (col1 === undefined && col2 === undefined && row1 !== undefined && row2 !== undefined) {
    return rowsRange(Number(row1) - 1, Number(row2) - 1);
  }
  if (row1 === undefined && row2 === undefined && col1 !== undefined && col2 !== undefined) {
    const cols = parseRange(`${col1}1:${col2}1`);
    return { top: 0, bottom: MAX_ROWS - 1, left: cols.left, right: cols.right };
  }
  if (col1 === undefined || row1 === undefined || col2 === undefined || row2 === undefined) {
    throw new HostError('invalid_range', `无法识别的区域 / not an ET address: ${area}`);
  }
  return parseRange(`${col1}${row1}:${col2}${row2}`);
}

/** An ET address with one or more areas ('$A$1:$B$2,$D$4') -> one range per area. */
export function parseEtAddress(address: string): CellRange[] {
  return address
    .split(',')
    .filter((part) => part.trim().length > 0)
    .map(parseEtArea);
}

function rowsRange(first: number, last: number): CellRange {
  return { top: Math.min(first, last), bottom: Math.max(first, last), left: 0, right: MAX_COLS - 1 };
}

export function spansWholeRows(range: CellRange): boolean {
  return range.left === 0 && range.right === MAX_COLS - 1;
}

/** Columns first..last as ET wants them for a width: 'A:C'. */
export function columnsRef(first: number, last: number): string {
  return `${columnLetter(first)}:${columnLetter(last)}`;
}

/** A 0-based row as ET wants it for a height: '3:3'. */
export function rowRef(row: number): string {
  return `${row + 1}:${row + 1}`;
}

export function rangeRef(range: CellRange): string {
  return toRangeA1(range);
}

/**
 * Text ET would read as something else when assigned: a formula ('=…', '+…', '-…', '@…'), a number, a
 * percentage, a date or a truth value. Such text is written with a leading apostrophe, which ET keeps as the
 * cell's prefix and does not show, so the cell holds exactly the text the plan gave.
 */
const REINTERPRETED_TEXT = [
  /^[=+\-@']/,
  /^\s*[-+]?(\d[\d,]*\.?\d*|\.\d+)(e[-+]?\d+)?\s*%?\s*$/i,
  /^\s*(true|false)\s*$/i,
  /^\s*\d{1,4}[-/.]\d{1,2}([-/.]\d{1,4})?\s*$/,
  /^\s*\d{1,2}:\d{2}(:\d{2})?\s*$/,
];

export function toEtInput(input: CellInput): string | number | boolean {
  if (isFormulaCell(input)) return input.formula;
  if (input === null) return '';
  if (typeof input === 'string' && input.length > 0 && REINTERPRETED_TEXT.some((re) => re.test(input))) {
    return `'${input}`;
  }
  return input;
}

/** A cell value from ET -> the engine's scalar: empty is null, whatever the build hands back for it. */
export function fromEtScalar(value: EtScalar | unknown): CellScalar {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}

/**
 * ET's answer for a block -> rows × cols. One cell comes back as a scalar; some builds hand a single row back
 * as a flat list.
 */
export function toRows(value: EtBlockValue | unknown, rows: number, cols: number): unknown[][] {
  let grid: unknown[][];
  if (Array.isArray(value)) {
    grid = value.length > 0 && !Array.isArray(value[0]) ? [value] : (value as unknown[][]);
  } else {
    grid = [[value]];
  }
  const out: unknown[][] = [];
  for (let r = 0; r < rows; r += 1) {
    const source = grid[r] ?? [];
    const row: unknown[] = [];
    for (let c = 0; c < cols; c += 1) row.push(source[c]);
    out.push(row);
  }
  return out;
}

/**
 * A cell's formula from its `Formula` text and `Value2`: ET's `Formula` of a constant is the constant's text,
 * so a cell holds a formula when that text starts with '=' and is not simply what the cell shows (a text
 * cell '=' written with its apostrophe reads back as '=' in both).
 */
export function formulaOf(formulaText: unknown, value: unknown): string | null {
  if (typeof formulaText !== 'string' || formulaText.length < 2 || !formulaText.startsWith('=')) return null;
  return formulaText === value ? null : formulaText;
}
