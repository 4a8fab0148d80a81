/**
 * The choices of a dropdown (list validation) as the workbench shows them. The templates write three kinds
 * of source (src/domain/templates/build-plan.ts): an inline list, a defined name or range (一级指标), and the
 * dependent 二级 list `=INDIRECT("<prefix>"&MATCH($A5,<一级 name>,0))`, whose cell reference is relative to the
 * validation's top-left cell. Only these shapes are resolved; any other formula gives no dropdown (the cell
 * can still be typed into), since the workbench is not a formula engine.
 */
import { parseA1, parseRange, toA1 } from '../domain/grid/address';
import type { CellScalar } from '../domain/grid/cell';

export interface ListValidation {
  range: string;
  source: string | readonly string[];
}

export interface ListContext {
  /** The defined names of the workbook, by name (case-insensitive). */
  refersTo(name: string): string | null;
  /** The values of a range: 'Sheet!$A$2:$A$5' or, on the validation's own sheet, 'A5'. */
  values(sheet: string, range: string): CellScalar[];
}

const SHEET_RANGE = /^(?:'((?:[^']|'')+)'|([^!'"]+))!(.+)$/;
const INDIRECT_MATCH = /^INDIRECT\("([^"]*)"&MATCH\((\$?[A-Z]+\$?\d+),([^,()]+),0\)\)$/i;

function textOf(value: CellScalar): string | null {
  if (value === null || value === '') return null;
  return String(value);
}

function rangeValues(ref: string, sheet: string, ctx: ListContext, depth = 0): string[] | null {
  if (depth > 3) return null;
  const match = SHEET_RANGE.exec(ref);
  if (match) {
    const target = match[1]?.replace(/''/g, "'") ?? match[2] ?? '';
    return ctx.values(target, (match[3] ?? '').replace(/\$/g, '')).flatMap((v) => textOf(v) ?? []);
  }
  const named = ctx.refersTo(ref);
  if (named !== null) return rangeValues(named.replace(/^=/, ''), sheet, ctx, depth + 1);
  return null;
}

/** The dropdown's choices for one cell, or null when the source is not one of the shapes above. */
export function listOptions(
  validation: ListValidation,
  sheet: string,
  cell: string,
  ctx: ListContext,
): string[] | null {
  const { source } = validation;
  if (typeof source !== 'string') return [...source];
  const formula = source.replace(/^=/, '').trim();
  const dependent = INDIRECT_MATCH.exec(formula);
  if (!dependent) return rangeValues(formula, sheet, ctx);
  const [, prefix = '', reference = '', listName = ''] = dependent;
  // The reference is written for the validation's top-left cell: move it by as many rows as this cell is below.
  const top = parseRange(validation.range).top;
  const here = parseA1(cell).row;
  const anchored = parseA1(reference.replace(/\$/g, ''));
  const rowFixed = /\$\d/.test(reference);
  const at = toA1({ row: rowFixed ? anchored.row : anchored.row + (here - top), col: anchored.col });
  const chosen = textOf(ctx.values(sheet, at)[0] ?? null);
  if (chosen === null) return [];
  const level1 = rangeValues(listName, sheet, ctx) ?? [];
  const index = level1.indexOf(chosen);
  if (index < 0) return [];
  return rangeValues(`${prefix}${index + 1}`, sheet, ctx) ?? [];
}
