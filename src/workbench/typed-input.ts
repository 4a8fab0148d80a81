/** Turning what a person types or pastes into cell values, as a spreadsheet does. */
import type { CellScalar } from '../domain/grid/cell';

/** What a person types: a number when it reads as one, a formula when it starts with '=', else text. */
export function typedValue(text: string): CellScalar {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(trimmed)) return Number(trimmed);
  return text;
}

/**
 * A TSV block as spreadsheets put it on the clipboard: cells split by tabs, rows by line breaks (the last one
 * ends the block), and a cell holding a tab, a line break or a quote written in quotes with quotes doubled.
 */
export function parseTsv(text: string): CellScalar[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  const input = text.replace(/\r\n?/g, '\n');
  while (i < input.length) {
    const ch = input[i];
    if (ch === '"' && cell === '') {
      const end = closingQuote(input, i + 1);
      if (end !== -1) {
        cell = input.slice(i + 1, end).replace(/""/g, '"');
        i = end + 1;
        continue;
      }
    }
    if (ch === '\t') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else {
      cell += ch;
    }
    i += 1;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows.map((r) => r.map(typedValue));
}

/** Index of the quote that closes a quoted cell opened before `from`, or -1 when the cell is not quoted. */
function closingQuote(text: string, from: number): number {
  for (let i = from; i < text.length; i += 1) {
    if (text[i] !== '"') continue;
    if (text[i + 1] === '"') {
      i += 1;
      continue;
    }
    const next = text[i + 1];
    return next === undefined || next === '\t' || next === '\n' ? i : -1;
  }
  return -1;
}
