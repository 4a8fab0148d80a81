/**
 * The checks every host makes on a plan before applying any of it, so that a plan is all or nothing and every
 * host refuses the same things with the same HostError codes: ranges outside the sheet, names a spreadsheet
 * cannot hold, formulas without '=', non-finite numbers, inline list items with separators.
 */
import { parseRange, type CellRange } from '../domain/grid/address';
import { isFormulaCell, type CellInput } from '../domain/grid/cell';
import type { Plan, PlanOp, SheetVisibility } from '../domain/plan/plan';
import { HostError } from './workbook-port';

export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;
const MAX_SHEET_NAME = 31;
const FORBIDDEN_IN_SHEET_NAME = /[[\]:*?/\\]/;

export function parseRangeOrThrow(ref: string): CellRange {
  let range: CellRange;
  try {
    range = parseRange(ref);
  } catch {
    throw new HostError('invalid_range', `无法识别的区域 / not a range: ${ref}`);
  }
  if (range.bottom >= MAX_ROWS || range.right >= MAX_COLS) {
    throw new HostError('invalid_range', `区域超出工作表 / range outside the sheet: ${ref}`);
  }
  return range;
}

export function checkSheetName(name: string): void {
  const bad =
    name.length === 0 ||
    name.length > MAX_SHEET_NAME ||
    FORBIDDEN_IN_SHEET_NAME.test(name) ||
    name.startsWith("'") ||
    name.endsWith("'");
  if (bad) throw new HostError('unsupported', `工作表名称不合法 / invalid sheet name: ${name}`);
}

/** Excel's rule for names, loosely: starts with a letter, _ or \, no spaces, and not a cell address. */
export function checkDefinedName(name: string): void {
  const shaped = /^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(name);
  const looksLikeCell = /^[A-Za-z]{1,3}[0-9]+$/.test(name) || /^[Rr][0-9]*([Cc][0-9]*)?$/.test(name);
  if (!shaped || looksLikeCell || /^[Cc]$/.test(name)) {
    throw new HostError('unsupported', `名称不合法 / invalid defined name: ${name}`);
  }
}

/** What no spreadsheet can hold: a formula not starting with '=', or a number that is not finite. */
export function checkInput(input: CellInput): void {
  if (isFormulaCell(input)) {
    if (!input.formula.startsWith('=') || input.formula.length < 2) {
      throw new HostError(
        'unsupported',
        `公式必须以 = 开头 / a formula must start with '=': ${input.formula}`,
      );
    }
    return;
  }
  if (typeof input === 'number' && !Number.isFinite(input)) {
    throw new HostError('unsupported', `无法写入非有限数值 / cannot write ${input}`);
  }
}

/** Print title rows: whole 0-based rows, first before last, inside the sheet. */
function checkTitleRows(rows: { first: number; last: number }): void {
  const { first, last } = rows;
  if (!Number.isInteger(first) || !Number.isInteger(last) || first < 0 || last < first || last >= MAX_ROWS) {
    // Shown as the sheet numbers its rows (from 1).
    const rows = `${String(first + 1)}:${String(last + 1)}`;
    throw new HostError('invalid_range', `打印标题行不合法（${rows}）/ bad print title rows ${rows}`);
  }
}

/** The checks of one op on a sheet (sheet existence and names are checked by the host, which knows them). */
export function validateSheetOp(op: Exclude<PlanOp, { kind: 'ensureSheet' | 'defineName' }>): void {
  switch (op.kind) {
    case 'writeBlock': {
      const start = parseRangeOrThrow(op.topLeft);
      const width = op.values.reduce((w, row) => Math.max(w, row.length), 0);
      if (start.top + op.values.length > MAX_ROWS || start.left + width > MAX_COLS) {
        throw new HostError('invalid_range', `写入区域超出工作表 / block outside the sheet at ${op.topLeft}`);
      }
      for (const row of op.values) for (const input of row) checkInput(input);
      return;
    }
    case 'columnWidths':
      if (!Number.isInteger(op.firstCol) || op.firstCol < 0 || op.firstCol + op.widths.length > MAX_COLS) {
        throw new HostError('invalid_range', `列号不合法 / bad column ${op.firstCol}`);
      }
      if (op.widths.some((w) => !Number.isFinite(w) || w < 0)) {
        throw new HostError('unsupported', `列宽不合法 / bad column width`);
      }
      return;
    case 'rowHeight':
      if (!Number.isInteger(op.row) || op.row < 0 || op.row >= MAX_ROWS) {
        throw new HostError('invalid_range', `行号不合法 / bad row ${op.row}`);
      }
      if (!Number.isFinite(op.height) || op.height < 0) {
        throw new HostError('unsupported', `行高不合法 / bad row height`);
      }
      return;
    case 'freezePanes':
      if (![op.rows, op.cols].every((n) => Number.isInteger(n) && n >= 0)) {
        throw new HostError('invalid_range', `冻结窗格不合法 / bad freeze panes`);
      }
      return;
    case 'printSetup':
      if (op.printArea !== undefined) parseRangeOrThrow(op.printArea);
      if (op.titleRows !== undefined) checkTitleRows(op.titleRows);
      return;
    case 'protectSheet':
      return;
    case 'listValidation':
      parseRangeOrThrow(op.range);
      if (
        typeof op.source !== 'string' &&
        op.source.some((item) => item.includes(',') || item.includes('"'))
      ) {
        throw new HostError('unsupported', `下拉选项不能含逗号或引号 / list items cannot hold ',' or '"'`);
      }
      return;
    case 'merge':
    case 'style':
    case 'numberFormat':
    case 'customValidation':
    case 'decimalValidation':
    case 'highlight':
    case 'lock':
      parseRangeOrThrow(op.range);
      return;
  }
}

/** What a host checks beyond the shared rules: what it alone cannot store. */
export interface HostPlanChecks {
  /** A defined name (default: `checkDefinedName`). */
  definedName?: (op: Extract<PlanOp, { kind: 'defineName' }>) => void;
  /** An op on a sheet, after the shared checks (colours a host must convert, for instance). */
  sheetOp?: (op: Exclude<PlanOp, { kind: 'ensureSheet' | 'defineName' }>) => void;
}

/**
 * Every refusal a plan can meet, decided before the first write against the sheets as they will be when each
 * op runs, so that a refused plan leaves the workbook untouched: names, ranges, values, 'fail' on an existing
 * sheet, a sheet that does not exist, a workbook left without a visible sheet. Sheet names compare without
 * case, as in Excel. Returns the upper-cased names of the sheets the plan creates.
 */
export function checkPlan(
  plan: Plan,
  existing: readonly { name: string; visibility: SheetVisibility }[],
  host: HostPlanChecks = {},
): Set<string> {
  const existingKeys = new Set(existing.map((s) => s.name.toUpperCase()));
  const created = new Set<string>();
  const visibility = new Map(existing.map((s) => [s.name.toUpperCase(), s.visibility] as const));
  for (const op of plan.ops) {
    if (op.kind === 'defineName') {
      (host.definedName ?? ((named) => checkDefinedName(named.name)))(op);
      continue;
    }
    const key = op.sheet.toUpperCase();
    if (op.kind === 'ensureSheet') {
      checkSheetName(op.sheet);
      if (existingKeys.has(key) && op.ifExists === 'fail') {
        throw new HostError('sheet_exists', `工作表已存在 / sheet already exists: ${op.sheet}`);
      }
      if (!existingKeys.has(key)) created.add(key);
      visibility.set(key, op.visibility);
      continue;
    }
    if (!existingKeys.has(key) && !created.has(key)) {
      throw new HostError(
        'sheet_not_found',
        `计划引用了不存在的工作表 / plan uses a missing sheet: ${op.sheet}`,
      );
    }
    validateSheetOp(op);
    host.sheetOp?.(op);
  }
  const states = [...visibility.values()];
  if (states.length > 0 && !states.includes('visible')) {
    throw new HostError('unsupported', '工作簿至少要有一个可见工作表 / a workbook needs a visible sheet');
  }
  return created;
}
