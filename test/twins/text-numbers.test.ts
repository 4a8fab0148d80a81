/**
 * Numbers stored as text (full-width digits, spaces and non-breaking spaces, an apostrophe, thousands
 * separators, "93%" typed as text) in filled templates: LibreOffice recalculates the sheet's own formulas,
 * which do not count text (ISNUMBER is false), and `bpa check`'s way of reading a received file must flag
 * every such cell at its address and give the same row scores and total as the sheet.
 */
import ExcelJS from 'exceljs';
import { builtInSettings } from '../../src/app/engine-settings';
import { checkWorkbook } from '../../src/app/check-workbook';
import { insertTemplate } from '../../src/app/insert-template';
import type { ColumnKey, TemplateId } from '../../src/domain/forms/form-model';
import { readForm } from '../../src/domain/forms/read-form';
import { columnLetter } from '../../src/domain/grid/address';
import type { CellScalar } from '../../src/domain/grid/cell';
import { openReceivedWorkbook } from '../../src/hosts/xlsx-file/open-received';
import { XlsxWorkbook } from '../../src/hosts/xlsx-file/xlsx-workbook';
import { findSoffice, recalculateAll } from '../helpers/libreoffice';

const soffice = findSoffice();
const maybe = soffice ? describe : describe.skip;
if (soffice === null) {
  console.warn('跳过文本数字对照测试：未找到 soffice / skipping the text-number twins: soffice not found');
}

const NOW = new Date('2026-03-01T08:00:00Z');
const NBSP = '\u00a0';

type Row = Partial<Record<ColumnKey, CellScalar>>;

/**
 * One indicator per row; the cells typed as text are listed in `text` (column keys). Every style of
 * number-as-text appears at least once, in target, actual, weight and 定性指标得分.
 */
const ROWS: readonly { row: Row; text: readonly ColumnKey[] }[] = [
  { row: { operator: '≥', unit: '人次', target: 100, actual: '９３', weight: 20 }, text: ['actual'] },
  { row: { operator: '≥', unit: '%', target: 95, actual: '93%', weight: 15 }, text: ['actual'] },
  { row: { operator: '≥', unit: '个', target: 1000, actual: '1,200', weight: 10 }, text: ['actual'] },
  { row: { operator: '≤', unit: '天', target: 30, actual: '28 ', weight: 10 }, text: ['actual'] },
  { row: { operator: '≥', unit: '人次', target: 50, actual: 60, weight: '２０' }, text: ['weight'] },
  { row: { operator: '≥', unit: '个', target: `${NBSP}80`, actual: 85, weight: 5 }, text: ['target'] },
  {
    row: { operator: '≥', unit: '个', target: "'80", actual: `90${NBSP}`, weight: 5 },
    text: ['target', 'actual'],
  },
  // What an apostrophe leaves in the cell: the digits, stored as text.
  { row: { operator: '≥', unit: '个', target: 80, actual: '79', weight: 5 }, text: ['actual'] },
  { row: { operator: '≥', unit: '个', target: 10, actual: 12, weight: 10 }, text: [] },
];

interface Made {
  template: TemplateId;
  sheet: string;
  file: Buffer;
  /** A1 addresses of the cells typed as text. */
  textCells: string[];
  scoreCells: string[];
  totalCell: string;
}

async function make(template: TemplateId): Promise<Made> {
  const settings = builtInSettings('default', 'classic-2020');
  if (!settings) throw new Error('test setup: no default settings');
  const book = XlsxWorkbook.create();
  const { sheet } = await insertTemplate(book, {
    template,
    settings,
    indicatorRows: ROWS.length + 1,
    now: NOW,
  });
  const read = readForm(await book.readBlock(sheet), sheet, { template, version: null });
  if (!read.ok) throw new Error(`test setup: ${template} not readable`);
  const { form, layout } = read;
  for (const [key, value] of [
    ['annualBudget', 100],
    ['initialBudget', 100],
    ['executed', 90],
  ] as const) {
    const cell = form.funds.total?.cols[key]?.cell;
    if (cell) book.writeValuesAsUser(sheet, cell, [[value]]);
  }
  const table = layout.tables.indicators;
  if (!table) throw new Error('test setup: no indicator table');
  const at = (key: ColumnKey, row: number): string => {
    const col = table.columns[key];
    if (col === undefined) throw new Error(`test setup: no ${key} column`);
    return `${columnLetter(col)}${row + 1}`;
  };
  const level1 = settings.framework.level1[0];
  const level2 = level1?.level2[0];
  if (!level1 || !level2) throw new Error('test setup: empty framework');
  const textCells: string[] = [];
  const scoreCells: string[] = [];
  const tier = settings.profile.qualitativeTiers[0]?.tier ?? '优';
  // A 定性 row whose 定性指标得分 is typed with a non-breaking space.
  const all: { row: Row; text: readonly ColumnKey[] }[] = [
    ...ROWS,
    { row: { operator: '定性', tier, qualitativeScore: `9${NBSP}`, weight: 10 }, text: ['qualitativeScore'] },
  ];
  all.forEach(({ row, text }, i) => {
    const sheetRow = table.firstDataRow + i;
    const cells: Row = { level1: level1.name, level2: level2.name, level3: `指标${i + 1}号`, ...row };
    for (const [key, value] of Object.entries(cells) as [ColumnKey, CellScalar][]) {
      book.writeValuesAsUser(sheet, at(key, sheetRow), [[value]]);
    }
    for (const key of text) textCells.push(at(key, sheetRow));
    scoreCells.push(at('score', sheetRow));
  });
  if (!form.total.cell) throw new Error('test setup: no total cell');
  return { template, sheet, file: await book.toBuffer(), textCells, scoreCells, totalCell: form.total.cell };
}

function resultAt(ws: ExcelJS.Worksheet, address: string): number | null {
  const cell = ws.getCell(address);
  const result: unknown = cell.type === ExcelJS.ValueType.Formula ? cell.result : cell.value;
  return typeof result === 'number' ? result : null;
}

maybe('numbers stored as text: the engine agrees with the sheet and flags every cell', () => {
  const TEMPLATES = ['project-self-evaluation', 'department-self-evaluation'] as const;
  let made: Made[] = [];
  let recalculated: Buffer[] = [];

  beforeAll(async () => {
    made = await Promise.all(TEMPLATES.map((t) => make(t)));
    recalculated = await recalculateAll(made.map((m) => m.file));
  }, 300_000);

  test.each(TEMPLATES.map((t, i) => [t, i] as const))('%s', async (_template, index) => {
    const m = made[index];
    const bytes = recalculated[index];
    if (!m || !bytes) throw new Error('test setup: case not prepared');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
    const ws = book.getWorksheet(m.sheet);
    if (!ws) throw new Error('LibreOffice lost the sheet');

    // The received file as `bpa check` opens and checks it.
    const opened = await openReceivedWorkbook(new Uint8Array(bytes));
    if (!opened.ok) throw new Error(`the recalculated file did not open: ${opened.code}`);
    const settings = builtInSettings('default', 'classic-2020');
    if (!settings) throw new Error('test setup: no default settings');
    const report = await checkWorkbook(opened.workbook, { settingsFor: () => settings, goals: [] });
    const sheet = report.sheets.find((s) => s.sheet === m.sheet);
    if (!sheet) throw new Error('the filled form was not checked');

    const flagged = sheet.issues.filter((i) => i.code === 'number_as_text').map((i) => i.cell);
    expect(flagged.slice().sort()).toEqual(m.textCells.slice().sort());
    expect(sheet.issues.find((i) => i.code === 'number_as_text')?.severity).toBe('error');

    for (const cell of m.scoreCells) {
      const row = Number(/\d+$/.exec(cell)?.[0]) - 1;
      const ours = sheet.scores.indicators.find((s) => s.row === row)?.score ?? null;
      expect({ cell, score: ours }).toEqual({ cell, score: resultAt(ws, cell) });
    }
    const theirs = resultAt(ws, m.totalCell);
    expect(theirs).not.toBeNull();
    expect(sheet.scores.total).toBeCloseTo(theirs ?? NaN, 9);
    // Two rows count: the clean one and the budget row; every row with a text number is left out.
    expect(sheet.scores.partial).toEqual({ scored: 2, of: 11 });
    // The results LibreOffice stored are the recomputed ones: nothing to report.
    const stale = sheet.issues.filter((i) => i.code.startsWith('formula_'));
    expect(stale).toEqual([]);
  });

  test('a value changed where nothing recalculated: the stored results are reported, not trusted', async () => {
    const m = made[0];
    const bytes = recalculated[0];
    if (!m || !bytes) throw new Error('test setup: case not prepared');
    const book = await XlsxWorkbook.fromBuffer(new Uint8Array(bytes));
    // The clean last-but-one row: its actual goes from 12 to 5, its stored 得分 stays LibreOffice's.
    const scoreCell = m.scoreCells[ROWS.length - 1] ?? '';
    const row = Number(/\d+$/.exec(scoreCell)?.[0]);
    const form = readForm(await book.readBlock(m.sheet), m.sheet, { template: m.template, version: null });
    if (!form.ok) throw new Error('test setup: not readable');
    const actualCol = form.layout.tables.indicators?.columns.actual;
    if (actualCol === undefined) throw new Error('test setup: no actual column');
    book.writeValuesAsUser(m.sheet, `${columnLetter(actualCol)}${row}`, [[5]]);
    const settings = builtInSettings('default', 'classic-2020');
    if (!settings) throw new Error('test setup: no default settings');
    const opened = await openReceivedWorkbook(new Uint8Array(await book.toBuffer()));
    if (!opened.ok) throw new Error(`the edited file did not open: ${opened.code}`);
    const report = await checkWorkbook(opened.workbook, { settingsFor: () => settings, goals: [] });
    const sheet = report.sheets.find((s) => s.sheet === m.sheet);
    const found = (sheet?.issues ?? []).filter((i) => i.code.startsWith('formula_'));
    expect(found.map((i) => [i.code, i.cell, i.severity])).toEqual(
      expect.arrayContaining([
        ['formula_result_differs', scoreCell, 'warning'],
        ['formula_total_differs', m.totalCell, 'warning'],
      ]),
    );
  });
});
