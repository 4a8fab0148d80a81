/**
 * One golden case: its files (input.json, expected.issues.json, expected.scores.json), validated strictly so
 * that a misspelt key in a case is a failing case rather than a silently ignored expectation, and the
 * workbook the case describes, built in the memory host the way a person would fill it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { builtInSettings, type EngineSettings } from '../../src/app/engine-settings';
import { insertTemplate } from '../../src/app/insert-template';
import {
  TEMPLATE_IDS,
  type ColumnKey,
  type Field,
  type FundsColKey,
  type FundsRowKey,
  type GoalKey,
  type HeaderKey,
  type ParsedForm,
  type TableKey,
  type TemplateId,
} from '../../src/domain/forms/form-model';
import { readForm, type FormLayout } from '../../src/domain/forms/read-form';
import { parseA1, toA1 } from '../../src/domain/grid/address';
import type { Block, CellScalar } from '../../src/domain/grid/cell';
import { MemoryWorkbook } from '../../src/hosts/memory/memory-workbook';

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const values = z.record(z.string(), scalar);

const fillSchema = z.strictObject({
  header: values.optional(),
  funds: z.record(z.string(), values).optional(),
  goals: values.optional(),
  tables: z
    .strictObject({
      indicators: z.array(values).optional(),
      tasks: z.array(values).optional(),
      /** Each entry edits the prefilled criteria row at `row` (index among the table's rows). */
      criteria: z.array(z.record(z.string(), scalar)).optional(),
    })
    .optional(),
  total: scalar.optional(),
  grade: scalar.optional(),
  conclusion: scalar.optional(),
});

export type Fill = z.infer<typeof fillSchema>;

const formSchema = z.strictObject({
  template: z.enum(TEMPLATE_IDS),
  fill: fillSchema,
  /** Blank indicator rows the template is inserted with; the number of filled rows when omitted. */
  indicatorRows: z.number().int().positive().optional(),
});

const common = {
  description: z.string().min(1),
  profile: z.enum(['default', 'hubei']),
  framework: z.enum(['classic-2020', 'core-2021']),
};

const templateInput = z.strictObject({
  ...common,
  kind: z.literal('template'),
  template: z.enum(TEMPLATE_IDS),
  fill: fillSchema,
  indicatorRows: z.number().int().positive().optional(),
  /** Forms inserted into the same workbook before the case's own (the declared goals of a cross-stage case). */
  others: z.array(formSchema).optional(),
});

const gridInput = z.strictObject({
  ...common,
  kind: z.literal('grid'),
  sheets: z.array(z.strictObject({ name: z.string().min(1), rows: z.array(z.array(scalar)) })).min(1),
});

export const caseInputSchema = z.discriminatedUnion('kind', [templateInput, gridInput]);
export type CaseInput = z.infer<typeof caseInputSchema>;

export const expectedIssuesSchema = z.array(
  z.strictObject({
    code: z.string().regex(/^[a-z0-9_]+$/),
    cell: z
      .string()
      .regex(/^[A-Z]+[0-9]+$/)
      .nullable(),
    /** Omitted: the case's main sheet. */
    sheet: z.string().optional(),
  }),
);
export type ExpectedIssue = z.infer<typeof expectedIssuesSchema>[number];

export const expectedScoresSchema = z.strictObject({
  total: z.number().nullable(),
  grade: z.enum(['优', '良', '中', '差']).nullable(),
  /** 执行率 in percent (95 for 95 %) and the budget score. */
  execution: z.strictObject({ rate: z.number(), score: z.number() }).nullable().optional(),
  /** Every scored row of the main table, in sheet order. */
  indicators: z.array(z.strictObject({ name: z.string(), score: z.number().nullable() })).optional(),
  conclusion: z.string().nullable().optional(),
  /** Rows scored out of the parts of the total, when some part has no score (the total is then not graded). */
  partial: z.strictObject({ scored: z.number(), of: z.number() }).nullable().optional(),
});
export type ExpectedScores = z.infer<typeof expectedScoresSchema>;

export interface GoldenCase {
  name: string;
  input: CaseInput;
  issues: ExpectedIssue[];
  scores: ExpectedScores;
}

function readJson(dir: string, file: string): unknown {
  return JSON.parse(readFileSync(join(dir, file), 'utf8'));
}

export function loadCase(dir: string, name: string): GoldenCase {
  return {
    name,
    input: caseInputSchema.parse(readJson(dir, 'input.json')),
    issues: expectedIssuesSchema.parse(readJson(dir, 'expected.issues.json')),
    scores: expectedScoresSchema.parse(readJson(dir, 'expected.scores.json')),
  };
}

export function settingsOf(input: CaseInput): EngineSettings {
  const settings = builtInSettings(input.profile, input.framework);
  if (settings === null)
    throw new Error(`unknown profile or framework: ${input.profile} / ${input.framework}`);
  return settings;
}

/** A fixed creation time, so that `_meta` is the same on every run. */
const CREATED = new Date(Date.UTC(2024, 0, 1));

export interface BuiltWorkbook {
  workbook: MemoryWorkbook;
  /** The sheet whose issues an expected issue without `sheet` refers to, and whose scores are compared. */
  mainSheet: string;
}

/** A case's fault, not the engine's: the case asks for something the form does not have. */
export class CaseError extends Error {
  override readonly name = 'CaseError';
}

export async function buildWorkbook(input: CaseInput): Promise<BuiltWorkbook> {
  const workbook = new MemoryWorkbook();
  if (input.kind === 'grid') {
    await workbook.applyPlan({
      formSheet: input.sheets[0]?.name ?? '',
      ops: input.sheets.flatMap((sheet) => [
        {
          kind: 'ensureSheet' as const,
          sheet: sheet.name,
          visibility: 'visible' as const,
          ifExists: 'fail' as const,
        },
        { kind: 'writeBlock' as const, sheet: sheet.name, topLeft: 'A1', values: sheet.rows },
      ]),
    });
    const last = input.sheets[input.sheets.length - 1];
    return { workbook, mainSheet: last?.name ?? '' };
  }
  const settings = settingsOf(input);
  const forms = [
    ...(input.others ?? []),
    { template: input.template, fill: input.fill, indicatorRows: input.indicatorRows },
  ];
  let mainSheet = '';
  for (const form of forms) {
    const rows = form.indicatorRows ?? Math.max(1, form.fill.tables?.indicators?.length ?? 0);
    const { sheet } = await insertTemplate(workbook, {
      template: form.template,
      settings,
      indicatorRows: rows,
      now: CREATED,
    });
    await fillForm(workbook, sheet, form.template, form.fill);
    mainSheet = sheet;
  }
  return { workbook, mainSheet };
}

interface Write {
  cell: string;
  value: CellScalar;
  what: string;
}

function formulaAt(block: Block, cell: string): string | null {
  const { row, col } = parseA1(cell);
  return block.formulas[row - block.top]?.[col - block.left] ?? null;
}

function fieldCell(field: Field | undefined, what: string): string {
  if (field === undefined || field.cell === null) throw new CaseError(`the form has no ${what}`);
  return field.cell;
}

interface Reading {
  block: Block;
  form: ParsedForm;
  layout: FormLayout;
}

async function readBack(workbook: MemoryWorkbook, sheet: string, template: TemplateId): Promise<Reading> {
  const block = await workbook.readBlock(sheet);
  const result = readForm(block, sheet, { template, version: null });
  if (!result.ok) throw new CaseError(`the inserted ${template} sheet cannot be read back: ${result.reason}`);
  return { block, form: result.form, layout: result.layout };
}

function typeIn(workbook: MemoryWorkbook, sheet: string, block: Block, writes: readonly Write[]): void {
  for (const write of writes) {
    const formula = formulaAt(block, write.cell);
    if (formula !== null) {
      throw new CaseError(
        `refused: ${write.what} would type over the formula ${formula} in ${sheet}!${write.cell}`,
      );
    }
    workbook.setValues(sheet, write.cell, [[write.value]]);
  }
}

/**
 * Reads the freshly inserted sheet back (with the `_meta` hint, as the add-in does) to learn where each field
 * and column is, then types the fill into those cells, top to bottom as a person does: the fields first, then,
 * read back again, the tables. A cell holding our formula is never typed over.
 */
async function fillForm(
  workbook: MemoryWorkbook,
  sheet: string,
  template: TemplateId,
  fill: Fill,
): Promise<void> {
  const first = await readBack(workbook, sheet, template);
  typeIn(workbook, sheet, first.block, fieldWrites(first.form, fill));
  const second = await readBack(workbook, sheet, template);
  typeIn(workbook, sheet, second.block, tableWrites(second, fill));
}

function fieldWrites(form: ParsedForm, fill: Fill): Write[] {
  const writes: Write[] = [];
  const add = (cell: string, value: CellScalar, what: string): void => {
    writes.push({ cell, value, what });
  };
  for (const [key, value] of Object.entries(fill.header ?? {})) {
    add(fieldCell(form.header[key as HeaderKey], `header field ${key}`), value, `header ${key}`);
  }
  for (const [key, value] of Object.entries(fill.goals ?? {})) {
    add(fieldCell(form.goals[key as GoalKey], `goal ${key}`), value, `goal ${key}`);
  }
  for (const [rowKey, cols] of Object.entries(fill.funds ?? {})) {
    const row = form.funds[rowKey as FundsRowKey];
    if (row === undefined) throw new CaseError(`the form has no funds row ${rowKey}`);
    for (const [colKey, value] of Object.entries(cols)) {
      add(
        fieldCell(row.cols[colKey as FundsColKey], `funds cell ${rowKey}.${colKey}`),
        value,
        `funds ${rowKey}.${colKey}`,
      );
    }
  }
  if (fill.total !== undefined) add(fieldCell(form.total, '总分'), fill.total, 'total');
  if (fill.grade !== undefined) add(fieldCell(form.grade, '等级'), fill.grade, 'grade');
  if (fill.conclusion !== undefined)
    add(fieldCell(form.conclusion, '评估结论'), fill.conclusion, 'conclusion');
  return writes;
}

function tableWrites({ block, form, layout }: Reading, fill: Fill): Write[] {
  const writes: Write[] = [];
  for (const key of ['indicators', 'tasks'] as const) {
    const rows = fill.tables?.[key];
    if (rows === undefined) continue;
    rows.forEach((rowValues, i) => {
      const sheetRow = firstDataRow(layout, key) + i;
      for (const [column, value] of Object.entries(rowValues)) {
        writes.push({
          cell: tableCell(block, layout, key, column, sheetRow),
          value,
          what: `${key}[${i}].${column}`,
        });
      }
    });
  }
  for (const edit of fill.tables?.criteria ?? []) {
    const { row: index, ...cells } = edit;
    if (typeof index !== 'number')
      throw new CaseError('a criteria edit needs the index of its prefilled row in "row"');
    const target = form.tables.criteria?.[index];
    if (target === undefined) throw new CaseError(`the form has no criteria row ${index}`);
    for (const [column, value] of Object.entries(cells)) {
      writes.push({
        cell: tableCell(block, layout, 'criteria', column, target.row),
        value,
        what: `criteria[${index}].${column}`,
      });
    }
  }
  return writes;
}

function firstDataRow(layout: FormLayout, key: TableKey): number {
  const table = layout.tables[key];
  if (table === undefined) throw new CaseError(`the form has no ${key} table`);
  return table.firstDataRow;
}

/**
 * The cell of a table column in a sheet row. The column must carry a label in the table's header row: a column
 * the reader placed anywhere else is reported rather than typed into, since the case would then test a
 * different sheet than it describes.
 */
function tableCell(
  block: Block,
  layout: FormLayout,
  key: TableKey,
  column: string,
  sheetRow: number,
): string {
  const table = layout.tables[key];
  const col = table?.columns[column as ColumnKey];
  if (table === undefined || col === undefined)
    throw new CaseError(`the ${key} table has no column ${column}`);
  const headerCell = toA1({ row: table.headerRow, col });
  const label = block.values[table.headerRow - block.top]?.[col - block.left] ?? null;
  // Our templates write every column label in one header row.
  if (label === null || label === '') {
    throw new CaseError(
      `the reader put the ${key} column ${column} at ${headerCell}, which has no header label`,
    );
  }
  // A table that runs to the end of the sheet (goal forms) has room below; one followed by 总分 does not.
  const sheetEnd = block.top + block.values.length;
  if (sheetRow >= table.endRow && table.endRow < sheetEnd) {
    throw new CaseError(`row ${sheetRow + 1} is below the ${key} table (insert more rows)`);
  }
  return toA1({ row: sheetRow, col });
}
