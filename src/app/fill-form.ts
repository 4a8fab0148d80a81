/**
 * Use case: type values into a form sheet by field — header, funds, goals, then the indicator rows — as a
 * person would, through the port. The sheet is read back (with the template as a hint) to learn where each
 * field and column is, so a fill never names a cell. A cell holding a formula is never typed over, and a
 * field the form does not have is skipped and reported.
 */
import type { FormFill } from '../domain/cycle/derive';
import type {
  ColumnKey,
  Field,
  FundsColKey,
  FundsRowKey,
  GoalKey,
  HeaderKey,
  ParsedForm,
  TemplateId,
} from '../domain/forms/form-model';
import { readForm, type FormLayout } from '../domain/forms/read-form';
import { toA1 } from '../domain/grid/address';
import type { Block, CellScalar } from '../domain/grid/cell';
import type { PlanOp } from '../domain/plan/plan';
import type { WorkbookPort } from './workbook-port';

export interface FillResult {
  /** Cells written. */
  written: number;
  /** Fields the form has no cell for, or whose cell holds a formula: `header.projectPeriod`, `indicators[3].weight`. */
  skipped: string[];
}

interface Write {
  cell: string;
  value: CellScalar;
}

interface Reading {
  block: Block;
  form: ParsedForm;
  layout: FormLayout;
}

async function readBack(port: WorkbookPort, sheet: string, template: TemplateId): Promise<Reading> {
  const block = await port.readBlock(sheet);
  const result = readForm(block, sheet, { template, version: null });
  if (!result.ok) throw new Error(`the ${template} sheet ${sheet} cannot be read back: ${result.reason}`);
  return { block, form: result.form, layout: result.layout };
}

function collect(
  writes: Write[],
  skipped: string[],
  field: Field | undefined,
  value: CellScalar,
  what: string,
) {
  if (field === undefined || field.cell === null || field.formula !== null) skipped.push(what);
  else writes.push({ cell: field.cell, value });
}

function fieldWrites(form: ParsedForm, fill: FormFill, skipped: string[]): Write[] {
  const writes: Write[] = [];
  for (const [key, value] of Object.entries(fill.header) as [HeaderKey, CellScalar][]) {
    collect(writes, skipped, form.header[key], value, `header.${key}`);
  }
  for (const [row, cols] of Object.entries(fill.funds) as [FundsRowKey, Record<FundsColKey, CellScalar>][]) {
    for (const [col, value] of Object.entries(cols) as [FundsColKey, CellScalar][]) {
      collect(writes, skipped, form.funds[row]?.cols[col], value, `funds.${row}.${col}`);
    }
  }
  for (const [key, value] of Object.entries(fill.goals) as [GoalKey, CellScalar][]) {
    collect(writes, skipped, form.goals[key], value, `goals.${key}`);
  }
  return writes;
}

/** Rows are placed from the table's first data row down (a blank row is not in the parsed form). */
function tableWrites({ block, layout }: Reading, fill: FormFill, skipped: string[]): Write[] {
  const writes: Write[] = [];
  const table = layout.tables.indicators;
  // A table at the bottom of the sheet ends where the used range ends: blank rows below it are still its own.
  const open = table !== undefined && table.endRow >= block.top + block.values.length;
  fill.indicators.forEach((values, index) => {
    const row = table === undefined ? -1 : table.firstDataRow + index;
    for (const [key, value] of Object.entries(values) as [ColumnKey, CellScalar][]) {
      const col = table?.columns[key];
      const inside = table !== undefined && col !== undefined && (open || row < table.endRow);
      const cell = inside ? toA1({ row, col }) : null;
      const formula = inside ? (block.formulas[row - block.top]?.[col - block.left] ?? null) : null;
      collect(writes, skipped, { raw: null, cell, formula }, value, `indicators[${index}].${key}`);
    }
  });
  return writes;
}

async function apply(port: WorkbookPort, sheet: string, writes: readonly Write[]): Promise<void> {
  if (writes.length === 0) return;
  const ops: PlanOp[] = writes.map((w) => ({
    kind: 'writeBlock',
    sheet,
    topLeft: w.cell,
    values: [[w.value]],
  }));
  await port.applyPlan({ formSheet: sheet, ops });
}

/**
 * Fills a fresh form sheet. The indicator table must have at least as many rows as the fill has indicators
 * (insert the template with that many rows); rows beyond the table are skipped and reported.
 */
export async function fillForm(
  port: WorkbookPort,
  sheet: string,
  template: TemplateId,
  fill: FormFill,
): Promise<FillResult> {
  const skipped: string[] = [];
  const first = await readBack(port, sheet, template);
  const fields = fieldWrites(first.form, fill, skipped);
  await apply(port, sheet, fields);
  // The tables are found again after the fields are in: what a reader sees depends on the whole sheet.
  const second = await readBack(port, sheet, template);
  const rows = tableWrites(second, fill, skipped);
  await apply(port, sheet, rows);
  return { written: fields.length + rows.length, skipped };
}
