/**
 * A plan: what inserting a template does to a workbook, as a list of declarative operations. Each host
 * applies a whole plan in its own batching (docs/architecture.md §3). Ranges are A1 text on the op's sheet;
 * colours are '#RRGGBB'; rows and columns are 0-based where numbers are used.
 */
import type { CellInput } from '../grid/cell';

export type SheetVisibility = 'visible' | 'hidden' | 'veryHidden';
export type HexColor = `#${string}`;

export interface CellStyle {
  /** Font family. A file stores one name per font, with no fallback list. */
  fontName?: string;
  bold?: boolean;
  fontSize?: number;
  fontColor?: HexColor;
  fill?: HexColor;
  horizontal?: 'left' | 'center' | 'right';
  vertical?: 'top' | 'middle' | 'bottom';
  wrap?: boolean;
  border?: 'thin' | 'none';
}

/** What stays allowed on a protected sheet. */
export interface ProtectionAllowances {
  insertRows: boolean;
  deleteRows: boolean;
  formatColumns: boolean;
  formatRows: boolean;
}

export type PlanOp =
  /**
   * Create the sheet. A form sheet uses ifExists 'fail' (inserting a template never replaces a sheet);
   * shared helper sheets (`_meta`, dropdown lists) use 'reuse' and are written idempotently. A new sheet
   * goes right after the sheet named by `after` (a form derived from a goal sheet sits beside it); at the
   * end when `after` is omitted or names no sheet. A sheet that exists already is never moved.
   */
  | {
      kind: 'ensureSheet';
      sheet: string;
      visibility: SheetVisibility;
      ifExists: 'fail' | 'reuse';
      tabColor?: HexColor;
      after?: string;
    }
  /** Write values and formulas with `values[0][0]` at `topLeft`. */
  | { kind: 'writeBlock'; sheet: string; topLeft: string; values: CellInput[][] }
  | { kind: 'merge'; sheet: string; range: string }
  | { kind: 'style'; sheet: string; range: string; style: CellStyle }
  | { kind: 'numberFormat'; sheet: string; range: string; format: string }
  /** Column widths in characters, from column `firstCol` (0-based) on. */
  | { kind: 'columnWidths'; sheet: string; firstCol: number; widths: number[] }
  | { kind: 'rowHeight'; sheet: string; row: number; height: number }
  /**
   * A dropdown. `source` is a formula ('=_lists!$A$1:$A$6', '=INDIRECT(...)') or an inline list of
   * values (each without commas).
   */
  | {
      kind: 'listValidation';
      sheet: string;
      range: string;
      source: string | readonly string[];
      allowBlank: boolean;
      prompt?: string;
      error?: string;
    }
  /**
   * Custom validation formula relative to the range's top-left cell. `prompt` is the input message shown
   * when the cell is selected (e.g. the common units, where any text is accepted).
   */
  | {
      kind: 'customValidation';
      sheet: string;
      range: string;
      formula: string;
      error?: string;
      prompt?: string;
    }
  /** Decimal validation (amounts, weights). */
  | { kind: 'decimalValidation'; sheet: string; range: string; min: number; max?: number; error?: string }
  /** Conditional format by formula, relative to the range's top-left cell. */
  | { kind: 'highlight'; sheet: string; range: string; formula: string; fill: HexColor; fontColor?: HexColor }
  /** Locked state of cells; takes effect when the sheet is protected. */
  | { kind: 'lock'; sheet: string; range: string; locked: boolean }
  /**
   * Protect the sheet with no password: locked cells (our formulas) cannot be typed over. `allow` lists what
   * a person may still do on the protected sheet (tables grow, so inserting rows must stay possible);
   * omitted, the host's defaults apply.
   */
  | { kind: 'protectSheet'; sheet: string; allow?: ProtectionAllowances }
  | { kind: 'defineName'; name: string; refersTo: string }
  | { kind: 'freezePanes'; sheet: string; rows: number; cols: number }
  | {
      kind: 'printSetup';
      sheet: string;
      orientation: 'portrait' | 'landscape';
      fitToWidth: boolean;
      printArea?: string;
      /**
       * Rows printed again at the top of every page (0-based, inclusive): a long table's header, so that page 2
       * on still names its columns. Omitted, no rows repeat.
       */
      titleRows?: { first: number; last: number };
    };

export type PlanOpKind = PlanOp['kind'];

export interface Plan {
  /** The form's sheet (the one the user fills). */
  formSheet: string;
  ops: PlanOp[];
}
