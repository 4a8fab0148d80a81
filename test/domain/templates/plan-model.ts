/**
 * A minimal reading of a plan for the template tests: what each sheet ends up holding, which cells are
 * locked, and every formula the plan carries.
 */
import { parseA1, parseRange, toA1 } from '../../../src/domain/grid/address';
import type { CellRange } from '../../../src/domain/grid/address';
import type { CellInput } from '../../../src/domain/grid/cell';
import { isFormulaCell } from '../../../src/domain/grid/cell';
import type { Plan, PlanOp } from '../../../src/domain/plan/plan';

export type OpOf<K extends PlanOp['kind']> = Extract<PlanOp, { kind: K }>;

export function opsOf<K extends PlanOp['kind']>(plan: Plan, kind: K, sheet?: string): OpOf<K>[] {
  return plan.ops.filter(
    (op): op is OpOf<K> =>
      op.kind === kind && (sheet === undefined || !('sheet' in op) || op.sheet === sheet),
  );
}

/** Cells written per sheet, by A1; a second write to a cell is recorded in `duplicates`. */
export function writtenCells(plan: Plan): {
  cells: Map<string, Map<string, CellInput>>;
  duplicates: string[];
} {
  const cells = new Map<string, Map<string, CellInput>>();
  const duplicates: string[] = [];
  for (const op of opsOf(plan, 'writeBlock')) {
    const sheet = cells.get(op.sheet) ?? new Map<string, CellInput>();
    cells.set(op.sheet, sheet);
    const origin = parseA1(op.topLeft);
    op.values.forEach((row, r) =>
      row.forEach((value, c) => {
        const at = toA1({ row: origin.row + r, col: origin.col + c });
        if (sheet.has(at)) duplicates.push(`${op.sheet}!${at}`);
        sheet.set(at, value);
      }),
    );
  }
  return { cells, duplicates };
}

/** Locked state of a cell after the plan's lock ops (cells start locked, as in every host). */
export function isLocked(plan: Plan, sheet: string, a1: string): boolean {
  const pos = parseA1(a1);
  let locked = true;
  for (const op of opsOf(plan, 'lock', sheet)) {
    const range = parseRange(op.range);
    if (pos.row >= range.top && pos.row <= range.bottom && pos.col >= range.left && pos.col <= range.right) {
      locked = op.locked;
    }
  }
  return locked;
}

export function overlaps(a: CellRange, b: CellRange): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

/** Every formula text in the plan: cell formulas, validation sources, highlights, defined names. */
export function formulasOf(plan: Plan): string[] {
  const formulas: string[] = [];
  for (const op of plan.ops) {
    switch (op.kind) {
      case 'writeBlock':
        for (const row of op.values)
          for (const value of row) if (isFormulaCell(value)) formulas.push(value.formula);
        break;
      case 'listValidation':
        if (typeof op.source === 'string') formulas.push(op.source);
        break;
      case 'customValidation':
      case 'highlight':
        formulas.push(op.formula);
        break;
      case 'defineName':
        formulas.push(op.refersTo);
        break;
      default:
        break;
    }
  }
  return formulas;
}

/** Every A1 range an op names. */
export function rangesOf(plan: Plan): string[] {
  const ranges: string[] = [];
  for (const op of plan.ops) {
    if ('range' in op) ranges.push(op.range);
    if (op.kind === 'printSetup' && op.printArea !== undefined) ranges.push(op.printArea);
    if (op.kind === 'writeBlock') ranges.push(op.topLeft);
  }
  return ranges;
}

/** Functions a formula calls, with string literals removed first. */
export function functionsCalled(formula: string): string[] {
  const code = formula.replace(/"(?:[^"]|"")*"/g, '""');
  return [...code.matchAll(/([A-Za-z_][A-Za-z0-9_.]*)\s*\(/g)].map((match) => match[1] ?? '');
}
