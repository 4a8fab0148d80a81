/**
 * Small readers shared by the rules. They lean on grid/parse for every interpretation of typed text, so a
 * rule and the scorer read a cell the same way.
 */
import {
  ABSENT,
  fieldOf,
  type ColumnKey,
  type Field,
  type FundsColKey,
  type FundsRowKey,
  type ParsedForm,
  type TableRow,
} from '../forms/form-model';
import { COLUMN_LABELS, FUNDS_COL_LABELS, FUNDS_ROW_LABELS } from '../forms/vocabulary';
import {
  cellText,
  numberOf,
  parseOperator,
  readCell,
  readTarget,
  toPercentPoints,
  type Operator,
  type Reading,
} from '../grid/parse';
import type { Profile } from '../profiles/profile-schema';
import { findTier } from '../scoring/score';

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

/** How a value is shown inside a message: the text as typed. */
export function shown(field: Field): string {
  return textOf(field) ?? '';
}

/**
 * Columns that make a row an indicator row. 一级/二级 are left out because a reader may carry a merged
 * label down into spare rows, and our own formula cells are left out because a template's spare rows carry
 * them.
 */
const CONTENT_COLUMNS: readonly ColumnKey[] = [
  'level3',
  'operator',
  'target',
  'unit',
  'basis',
  'progress',
  'forecast',
  'cause',
  'likelihood',
  'actual',
  'tier',
  'qualitativeScore',
  'weight',
  'rating',
  'numerator',
  'denominator',
  'rate',
  'score',
  'deviation',
  'taskName',
  'taskContent',
  'taskProjects',
];

export function isBlankRow(row: TableRow): boolean {
  return CONTENT_COLUMNS.every((key) => {
    const field = fieldOf(row, key);
    return isFormula(field) || textOf(field) === null;
  });
}

/**
 * The operator of a row: its own column, else written in front of the target ("≥95%"), else 定性 when the
 * row names a tier — read exactly as the scorer reads it.
 */
export function operatorOf(row: TableRow, profile: Profile): Operator | null {
  const written =
    parseOperator(fieldOf(row, 'operator').raw) ?? readTarget(fieldOf(row, 'target').raw).operator;
  if (written !== null) return written;
  const tierText = textOf(fieldOf(row, 'tier')) ?? textOf(fieldOf(row, 'actual'));
  return findTier(tierText, profile) === null ? null : '定性';
}

/** The target reading without its operator. */
export function targetReading(row: TableRow): Reading {
  return readTarget(fieldOf(row, 'target').raw).reading;
}

function isPercentRow(row: TableRow, target: Reading, actual: Reading): boolean {
  const unit = textOf(fieldOf(row, 'unit'));
  const percentUnit = unit !== null && /^(%|％|百分比|百分率)$/.test(unit);
  const percentReading = (r: Reading): boolean => r.kind === 'number' && r.percent;
  return percentUnit || percentReading(target) || percentReading(actual);
}

/** Target and actual on one scale (percent points when either is a percentage), null where not a number. */
export function quantities(row: TableRow): {
  target: number | null;
  actual: number | null;
  percent: boolean;
} {
  const target = targetReading(row);
  const actual = readingOf(fieldOf(row, 'actual'));
  if (isPercentRow(row, target, actual)) {
    return { target: toPercentPoints(target), actual: toPercentPoints(actual), percent: true };
  }
  return { target: numberOf(target), actual: numberOf(actual), percent: false };
}

/** The first cell among these that exists in the sheet. */
export function firstCell(...fields: Field[]): string | null {
  for (const field of fields) if (field.cell !== null) return field.cell;
  return null;
}

export function fieldOrAbsent(field: Field | undefined): Field {
  return field ?? ABSENT;
}

/** Rows of a table that carry content, with their index in the table. */
export function filledRows(
  form: ParsedForm,
  key: 'indicators' | 'criteria' | 'tasks',
): { row: TableRow; index: number }[] {
  const rows = form.tables[key] ?? [];
  return rows.flatMap((row, index) => (isBlankRow(row) ? [] : [{ row, index }]));
}

/** Values are compared after folding spaces and full-width forms, so "满意度 " equals "满意度". */
export function sameText(a: string | null, b: string | null): boolean {
  return a !== null && b !== null && a.replace(/\s+/g, '') === b.replace(/\s+/g, '');
}
