/** Turning what a person types or pastes into cell values, as a spreadsheet does. */
import type { CellScalar } from '../domain/grid/cell';

/** What a person types: a number when it reads as one, a formula when it starts with '=', else text. */
export function typedValue(text: string): CellScalar {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(trimmed)) return Number(trimmed);
  return text;
}

/** A TSV block as spreadsheets put it on the clipboard (the last line break ends the block). */
export function parseTsv(text: string): CellScalar[][] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines.map((line) => line.split('\t').map(typedValue));
}
