/**
 * Builds a Block from a grid written in a test: rows of strings, numbers and nulls, read from sheet
 * position (top, left). `formulas` lists the cells that hold a formula, by block-relative row and column.
 */
import type { Block, CellScalar } from '../../src/domain/grid/cell';

export interface FormulaAt {
  row: number;
  col: number;
  formula: string;
}

export function blockOf(rows: CellScalar[][], top = 0, left = 0, formulas: readonly FormulaAt[] = []): Block {
  const values = rows.map((row) => [...row]);
  const formulaGrid = values.map((row) => row.map((): string | null => null));
  for (const { row, col, formula } of formulas) {
    const cells = formulaGrid[row];
    if (cells === undefined || col < 0 || col >= cells.length) {
      throw new Error(`formula outside the grid at row ${row}, column ${col}`);
    }
    cells[col] = formula;
  }
  return { top, left, values, formulas: formulaGrid };
}
