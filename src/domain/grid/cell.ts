/**
 * What a host hands the engine for one cell: the displayed value as a plain scalar. Excel error values
 * arrive as their text ("#DIV/0!"), blanks as null, '' or whitespace depending on the host.
 */
export type CellScalar = string | number | boolean | null;

/** A formula as written into a sheet, always starting with '='. Classic functions only. */
export interface FormulaCell {
  formula: string;
}

/** What a plan writes into one cell. */
export type CellInput = CellScalar | FormulaCell;

export function isFormulaCell(input: CellInput): input is FormulaCell {
  return typeof input === 'object' && input !== null && 'formula' in input;
}

/** A rectangular read: values[r][c] and, where the cell holds one, its formula text (else null). */
export interface Block {
  /** 0-based sheet row of values[0]. */
  top: number;
  /** 0-based sheet column of values[r][0]. */
  left: number;
  values: CellScalar[][];
  formulas: (string | null)[][];
  /**
   * The merged ranges that overlap the block, in sheet coordinates (0-based, inclusive), when the host knows
   * them. A merge's value sits in its top-left cell; the other cells of the merge read as blank.
   */
  merges?: readonly { top: number; left: number; bottom: number; right: number }[];
}

/** A bug: an invariant of the engine was broken. Never caught in domain code. */
export class EngineInvariantError extends Error {
  override readonly name = 'EngineInvariantError';
}
