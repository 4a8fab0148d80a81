/**
 * Filled workbooks for the command-line tests, made the way a department makes them: insert our template
 * into an xlsx file, type values into its input cells, save. The file host never calculates, so score
 * formulas carry no cached value; a stated total is typed over the total cell where a test needs one.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtInSettings } from '../../src/app/engine-settings';
import { insertTemplate } from '../../src/app/insert-template';
import type { ColumnKey, Field, HeaderKey, ParsedForm, TemplateId } from '../../src/domain/forms/form-model';
import { readForm } from '../../src/domain/forms/read-form';
import type { CellScalar } from '../../src/domain/grid/cell';
import { toA1 } from '../../src/domain/grid/address';
import { writeReportBook } from '../../src/hosts/xlsx-file/report-book';
import { XlsxWorkbook } from '../../src/hosts/xlsx-file/xlsx-workbook';
import { cleanGoalIndicators, cleanSelfEvaluationIndicators, type RowSpec } from '../helpers/forms';
import type { CliHost, CliIo } from '../../src/cli/cli-host';
import { openReceivedWorkbook } from '../../src/hosts/xlsx-file/open-received';

export const MAIN_SCRIPT = join(__dirname, '../../src/cli/main.ts');

export function testHost(workers = false): CliHost {
  return {
    createWorkbook: () => XlsxWorkbook.create(),
    writeReportBook,
    openReceived: (buffer) => openReceivedWorkbook(buffer),
    workerScript: workers ? MAIN_SCRIPT : null,
  };
}

export interface CapturedIo extends CliIo {
  out: () => string;
  err: () => string;
}

export function captureIo(options: { workers?: boolean; tty?: boolean } = {}): CapturedIo {
  let out = '';
  let err = '';
  return {
    stdout: (text) => {
      out += text;
    },
    stderr: (text) => {
      err += text;
    },
    stderrIsTty: options.tty ?? false,
    cpuCount: 1,
    host: testHost(options.workers ?? false),
    out: () => out,
    err: () => err,
  };
}

const madeDirs: string[] = [];

export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'bpa-cli-'));
  madeDirs.push(dir);
  return dir;
}

export async function removeTempDirs(): Promise<void> {
  await Promise.all(madeDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

export interface FillSpec {
  sheetName?: string;
  project?: string;
  department?: string;
  indicators?: RowSpec[];
  /** Typed over the total formula: what the department says the score is. */
  statedTotal?: number;
  statedGrade?: string;
  executed?: number;
}

async function blankForm(template: TemplateId, sheetName: string | undefined, rows: number) {
  const settings = builtInSettings();
  if (settings === null) throw new Error('test setup: built-in settings missing');
  const book = XlsxWorkbook.create();
  const { sheet } = await insertTemplate(book, {
    template,
    settings,
    indicatorRows: rows,
    now: new Date('2026-01-15T08:00:00Z'),
    ...(sheetName === undefined ? {} : { sheetName }),
  });
  const read = readForm(await book.readBlock(sheet), sheet, { template, version: null });
  if (!read.ok) throw new Error(`test setup: ${template} does not read back`);
  return { book, sheet, form: read.form };
}

function typeInto(
  book: XlsxWorkbook,
  sheet: string,
  field: Field | undefined,
  value: CellScalar | undefined,
) {
  if (field?.cell === null || field === undefined || value === undefined) return;
  book.writeValuesAsUser(sheet, field.cell, [[value]]);
}

function fillHeader(
  book: XlsxWorkbook,
  sheet: string,
  form: ParsedForm,
  values: Partial<Record<HeaderKey, string>>,
) {
  for (const [key, value] of Object.entries(values) as [HeaderKey, string][])
    typeInto(book, sheet, form.header[key], value);
}

const COLUMN_HEADERS: Readonly<Record<string, ColumnKey>> = {
  一级指标: 'level1',
  二级指标: 'level2',
  三级指标: 'level3',
  指标性质: 'operator',
  年度指标值: 'target',
  计量单位: 'unit',
  实际完成值: 'actual',
  定性完成档次: 'tier',
  定性指标得分: 'qualitativeScore',
  分值: 'weight',
  偏差原因分析及改进措施: 'deviation',
  指标值设定依据: 'basis',
};

/** The blank template has no rows to read back, so its columns are found by their headers, as a person would. */
async function fillRows(book: XlsxWorkbook, sheet: string, rows: RowSpec[]) {
  const block = await book.readBlock(sheet);
  const headerRow = block.values.findIndex((row) => row.includes('一级指标'));
  const header = block.values[headerRow];
  if (header === undefined) throw new Error('test setup: no indicator header');
  rows.forEach((spec, i) => {
    header.forEach((label, col) => {
      const key = typeof label === 'string' ? COLUMN_HEADERS[label] : undefined;
      const value = key === undefined ? undefined : spec[key];
      if (value === undefined || (typeof value === 'object' && value !== null)) return;
      book.writeValuesAsUser(sheet, toA1({ row: block.top + headerRow + 1 + i, col: block.left + col }), [
        [value],
      ]);
    });
  });
}

/** A project self-evaluation, complete and consistent unless the spec says otherwise. */
export async function selfEvaluationFile(spec: FillSpec = {}): Promise<Buffer> {
  const indicators = spec.indicators ?? cleanSelfEvaluationIndicators();
  const { book, sheet, form } = await blankForm('project-self-evaluation', spec.sheetName, indicators.length);
  fillHeader(book, sheet, form, {
    projectName: spec.project ?? '农村饮水安全巩固提升工程',
    department: spec.department ?? '市水利局',
    implementingUnit: '市农村供水服务中心',
  });
  for (const rowKey of ['total', 'fiscal'] as const) {
    const funds = form.funds[rowKey];
    typeInto(book, sheet, funds?.cols.initialBudget, 100);
    typeInto(book, sheet, funds?.cols.annualBudget, 100);
    typeInto(book, sheet, funds?.cols.executed, spec.executed ?? 100);
  }
  typeInto(book, sheet, form.goals.expected, '完成全年供水工程建设任务');
  typeInto(book, sheet, form.goals.achieved, '已按期完成全部建设任务');
  await fillRows(book, sheet, indicators);
  const filled = readForm(await book.readBlock(sheet), sheet, {
    template: 'project-self-evaluation',
    version: null,
  });
  if (!filled.ok) throw new Error('test setup: filled form does not read back');
  if (spec.statedTotal !== undefined) typeInto(book, sheet, filled.form.total, spec.statedTotal);
  if (spec.statedGrade !== undefined) typeInto(book, sheet, filled.form.grade, spec.statedGrade);
  return book.toBuffer();
}

/** The declared goals of the same project. */
export async function goalsFile(indicators: RowSpec[] = cleanGoalIndicators()): Promise<Buffer> {
  const { book, sheet, form } = await blankForm('project-goals', undefined, indicators.length);
  fillHeader(book, sheet, form, {
    projectName: '农村饮水安全巩固提升工程',
    department: '市水利局',
    implementingUnit: '市农村供水服务中心',
  });
  await fillRows(book, sheet, indicators);
  return book.toBuffer();
}

export async function writeFixture(dir: string, name: string, bytes: Uint8Array | string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
}

/** Self-evaluations whose recomputed grade is the one named: lower actuals and execution cost points. */
export function gradedSelfEvaluation(grade: '优' | '良' | '中' | '差', project: string): Promise<Buffer> {
  const rows = cleanSelfEvaluationIndicators();
  const setActual = (index: number, actual: number) => {
    const row = rows[index];
    if (row !== undefined) rows[index] = { ...row, actual, deviation: '受天气影响，工期延后' };
  };
  if (grade === '良') setActual(0, 4); // 100 - 12 = 88
  if (grade === '中') {
    setActual(0, 0);
    setActual(4, 2500); // 100 - 20 - 7.5 = 72.5
  }
  if (grade === '差') {
    setActual(0, 0);
    setActual(1, 0);
    setActual(4, 0);
  }
  return selfEvaluationFile({ project, indicators: rows, ...(grade === '差' ? { executed: 0 } : {}) });
}
