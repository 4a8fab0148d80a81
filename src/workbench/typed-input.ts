/** Turning what a person types or pastes into cell values, as a spreadsheet does. */
import type { CellScalar } from '../domain/grid/cell';

const PLAIN_NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
/** Digits grouped by thousands with ASCII commas, as Excel accepts them on entry: 1,234 and 1,234,567.5. */
const GROUPED_NUMBER = /^([-+]?)(\d{1,3}(?:,\d{3})+)(\.\d*)?$/;
const PERCENT = /^([-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|[-+]?\.\d+)%$/;

/** What a person types: a number when it reads as one, a formula when it starts with '=', else text. */
export function typedValue(text: string): CellScalar {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (PLAIN_NUMBER.test(trimmed)) return Number(trimmed);
  return text;
}

/** A typed entry: the value stored and the number format the spreadsheet gives the cell with it (null: none). */
export interface TypedEntry {
  value: CellScalar;
  numberFormat: string | null;
}

function decimalsOf(digits: string): number {
  const point = digits.indexOf('.');
  return point === -1 ? 0 : digits.length - point - 1;
}

/**
 * What a person types into one cell, read as Excel reads an entry: "96%" is the number 0.96 formatted as a
 * percentage, "1,234" the number 1234 with thousands separators, a leading apostrophe keeps the rest as text
 * ('93 is the text 93). Full-width digits (９３, as an input method can leave them) are not converted: they stay
 * text, and the checks say so (number_as_text). Pasted blocks are read with typedValue, cell by cell.
 */
export function typedEntry(text: string): TypedEntry {
  const trimmed = text.trim();
  if (text.startsWith("'")) {
    const rest = text.slice(1);
    return { value: rest === '' ? null : rest, numberFormat: null };
  }
  const percent = PERCENT.exec(trimmed);
  if (percent) {
    const digits = (percent[1] ?? '').replace(/,/g, '');
    const value = Number((Number(digits) / 100).toPrecision(15));
    const decimals = decimalsOf(digits);
    return { value, numberFormat: decimals === 0 ? '0%' : `0.${'0'.repeat(decimals)}%` };
  }
  const grouped = GROUPED_NUMBER.exec(trimmed);
  if (grouped) {
    const digits = `${grouped[1] ?? ''}${(grouped[2] ?? '').replace(/,/g, '')}${grouped[3] ?? ''}`;
    const decimals = decimalsOf(digits);
    return {
      value: Number(digits),
      numberFormat: decimals === 0 ? '#,##0' : `#,##0.${'0'.repeat(decimals)}`,
    };
  }
  return { value: typedValue(text), numberFormat: null };
}

/** A number as a cell with that number format shows it: the percent and thousands formats typedEntry gives. */
export function formattedNumber(value: number, numberFormat: string | null): string {
  if (numberFormat === null) return String(value);
  const decimals = /\.(0+)/.exec(numberFormat)?.[1]?.length ?? 0;
  if (numberFormat.endsWith('%')) return `${(value * 100).toFixed(decimals)}%`;
  if (numberFormat.startsWith('#,##0'))
    return value.toLocaleString('en-US', {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    });
  return String(value);
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
