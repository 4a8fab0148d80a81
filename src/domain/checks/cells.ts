/**
 * Small readers shared by the rules. They lean on grid/parse for every interpretation of typed text, so a
 * rule and the scorer read a cell the same way.
 */
import {
  ABSENT,
  type ColumnKey,
  type Field,
  type FundsColKey,
  type FundsRowKey,
  type RowReading,
  type TableRow,
} from '../forms/form-model';
import { isContentless, meaningOf } from '../forms/row-reading';
import { COLUMN_LABELS, FUNDS_COL_LABELS, FUNDS_ROW_LABELS } from '../forms/vocabulary';
import { cellText, displayText, numberOf, readCell, type Operator, type Reading } from '../grid/parse';
import type { Profile } from '../profiles/profile-schema';

export function textOf(field: Field): string | null {
  return cellText(field.raw);
}

export function readingOf(field: Field): Reading {
  return readCell(field.raw);
}

export function numberIn(field: Field): number | null {
  return numberOf(readCell(field.raw));
}

/** Blank or a stand-in for nothing (`*`, `/`, `无` …). */
export function isEmptyish(field: Field): boolean {
  const kind = readingOf(field).kind;
  return kind === 'blank' || kind === 'placeholder';
}

export function isFormula(field: Field): boolean {
  return field.formula !== null;
}

export function columnLabel(key: ColumnKey): string {
  return COLUMN_LABELS[key].canonical;
}

export function fundsLabel(row: FundsRowKey, col: FundsColKey): string {
  return `${FUNDS_ROW_LABELS[row].canonical}·${FUNDS_COL_LABELS[col].canonical}`;
}

/** How a value is shown inside a message: the text as typed (displayText), '' when blank. */
export function shown(field: Field): string {
  return displayText(field.raw) ?? '';
}

/** A row holding nothing but levels (a merged label carried down) or our formulas: no row to check. */
export function isBlankRow(row: TableRow): boolean {
  return isContentless(row);
}

/**
 * The operator of a row as its one reading gives it (row-reading.ts): written in its column or its value,
 * 定性 when it names a tier, else assumed from its wording — the same operator the scores use.
 */
export function operatorOf(reading: RowReading, profile: Profile): Operator | null {
  return meaningOf(reading, profile).operator;
}

/** The first cell among these that exists in the sheet. */
export function firstCell(...fields: Field[]): string | null {
  for (const field of fields) if (field.cell !== null) return field.cell;
  return null;
}

export function fieldOrAbsent(field: Field | undefined): Field {
  return field ?? ABSENT;
}

/** Values are compared after folding spaces and full-width forms, so "满意度 " equals "满意度". */
export function sameText(a: string | null, b: string | null): boolean {
  return a !== null && b !== null && a.replace(/\s+/g, '') === b.replace(/\s+/g, '');
}
