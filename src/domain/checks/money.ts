/** Reading the funds block in 万元, shared by the money and monitoring rules. */
import type { Field, FundsColKey, FundsRowKey, ParsedForm } from '../forms/form-model';
import { readAmount } from '../grid/parse';
import { readingOf } from './cells';

export const AMOUNT_COLUMNS: readonly FundsColKey[] = [
  'midTerm',
  'annual',
  'initialBudget',
  'annualBudget',
  'executed',
  'forecast',
];
export const FUNDS_ROWS: readonly FundsRowKey[] = [
  'total',
  'fiscal',
  'carryover',
  'other',
  'basic',
  'project',
];

/** An amount in 万元; stand-ins for nothing (无, /) count as no amount. */
export function amountIn(field: Field): number | null {
  const kind = readingOf(field).kind;
  if (kind === 'blank' || kind === 'placeholder' || kind === 'error') return null;
  return readAmount(field.raw, '万元')?.wan ?? null;
}

/**
 * True when one amount is the other typed in 元 where 万元 was meant (or the reverse): off by a factor of
 * 10,000 within 1 %.
 */
export function offByTenThousand(a: number, b: number): boolean {
  if (a <= 0 || b <= 0) return false;
  const ratio = a > b ? a / b : b / a;
  return Math.abs(ratio / 10000 - 1) <= 0.01;
}

export function fundsField(form: ParsedForm, row: FundsRowKey, col: FundsColKey): Field | null {
  return form.funds[row]?.cols[col] ?? null;
}
