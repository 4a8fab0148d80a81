import { EngineInvariantError } from './cell';

/** 0-based row and column. */
export interface CellPosition {
  row: number;
  col: number;
}

/** Inclusive rectangle, 0-based. */
export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** 0 -> 'A', 25 -> 'Z', 26 -> 'AA'. */
export function columnLetter(col: number): string {
  if (!Number.isInteger(col) || col < 0) throw new EngineInvariantError(`bad column index ${col}`);
  let n = col + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** 'A' -> 0, 'AA' -> 26; case-insensitive. */
export function columnIndex(letters: string): number {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) throw new EngineInvariantError(`bad column letters ${letters}`);
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** {row: 0, col: 0} -> 'A1'; absolute -> '$A$1'. */
export function toA1(pos: CellPosition, absolute = false): string {
  const d = absolute ? '$' : '';
  return `${d}${columnLetter(pos.col)}${d}${pos.row + 1}`;
}

const A1_PATTERN = /^\$?([A-Za-z]{1,3})\$?([1-9][0-9]{0,6})$/;

/** 'B3' or '$B$3' -> {row: 2, col: 1}. */
export function parseA1(a1: string): CellPosition {
  const m = A1_PATTERN.exec(a1.trim());
  if (!m || m[1] === undefined || m[2] === undefined) throw new EngineInvariantError(`bad A1 address ${a1}`);
  return { row: Number(m[2]) - 1, col: columnIndex(m[1]) };
}

export function isA1(text: string): boolean {
  return A1_PATTERN.test(text.trim());
}

/** 'A1:C3' (or a single cell 'B2') -> range. */
export function parseRange(ref: string): CellRange {
  const parts = ref.split(':');
  const [first, second] = parts;
  if (first === undefined || parts.length > 2) throw new EngineInvariantError(`bad range ${ref}`);
  const a = parseA1(first);
  const b = second === undefined ? a : parseA1(second);
  return {
    top: Math.min(a.row, b.row),
    left: Math.min(a.col, b.col),
    bottom: Math.max(a.row, b.row),
    right: Math.max(a.col, b.col),
  };
}

export function toRangeA1(range: CellRange, absolute = false): string {
  const a = toA1({ row: range.top, col: range.left }, absolute);
  const b = toA1({ row: range.bottom, col: range.right }, absolute);
  return a === b ? a : `${a}:${b}`;
}

export function rangeContains(range: CellRange, pos: CellPosition): boolean {
  return pos.row >= range.top && pos.row <= range.bottom && pos.col >= range.left && pos.col <= range.right;
}

/** Quote a sheet name for use in a formula reference: 'Sheet 1'!A1. */
export function sheetRef(sheet: string, ref: string): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_]*$/.test(sheet) && !looksLikeReference(sheet);
  return plain ? `${sheet}!${ref}` : `'${sheet.replace(/'/g, "''")}'!${ref}`;
}

/** Excel reads an unquoted 'B2' or 'R1C1' before '!' as a reference, so such sheet names need quotes. */
function looksLikeReference(sheet: string): boolean {
  return (
    /^[A-Za-z]{1,3}[0-9]+$/.test(sheet) ||
    /^[Rr][0-9]*([Cc][0-9]*)?$/.test(sheet) ||
    /^[Cc][0-9]*$/.test(sheet)
  );
}
