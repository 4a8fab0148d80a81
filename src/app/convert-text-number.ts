/**
 * 改为数字: the pane writes the number a text cell probably is (a `number_as_text` / `number_as_text_plain`
 * issue) into that one cell, and only when the person asks. The cell is read again first: when it no longer
 * holds the text the issue was raised on (someone typed over it, a formula is there now), nothing is written.
 */
import { TEXT_NUMBER_CODES, visibleText } from '../domain/checks/rules/text-numbers';
import type { Issue } from '../domain/checks/issue';
import { parseRange } from '../domain/grid/address';
import type { WorkbookPort } from './workbook-port';

export type ConvertTextNumberResult = { ok: true } | { ok: false; reason: 'changed' };

/** The conversion an issue offers: its cell, its text as shown and the number; null when it offers none. */
export function textNumberFix(
  issue: Issue,
): { sheet: string; cell: string; expectedText: string; value: number } | null {
  if (!TEXT_NUMBER_CODES.includes(issue.code) || issue.cell === null) return null;
  const { value: shown, number } = issue.params;
  if (typeof shown !== 'string' || number === undefined || String(number).trim() === '') return null;
  const value = Number(number);
  if (!Number.isFinite(value)) return null;
  return { sheet: issue.sheet, cell: issue.cell, expectedText: shown, value };
}

/**
 * Writes `value` into `cell` of `sheet` when the cell still holds `expectedText` (the text as the issue shows
 * it, spaces made visible) and no formula. One write of one cell; no other cell is touched.
 */
export async function convertTextNumber(
  port: WorkbookPort,
  sheet: string,
  cell: string,
  expectedText: string,
  value: number,
): Promise<ConvertTextNumberResult> {
  const range = parseRange(cell);
  if (range.top !== range.bottom || range.left !== range.right) return { ok: false, reason: 'changed' };
  const block = await port.readBlock(sheet, cell);
  const row = range.top - block.top;
  const col = range.left - block.left;
  const current = block.values[row]?.[col] ?? null;
  const formula = block.formulas[row]?.[col] ?? null;
  if (formula !== null || typeof current !== 'string' || visibleText(current) !== expectedText) {
    return { ok: false, reason: 'changed' };
  }
  await port.applyPlan({
    formSheet: sheet,
    ops: [{ kind: 'writeBlock', sheet, topLeft: cell, values: [[value]] }],
  });
  return { ok: true };
}
