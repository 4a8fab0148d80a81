/**
 * The key-evaluation form merges each 一级 down its group, so only the group's first row holds 产出 / 效益. The
 * 产出 + 效益 highlight of its weight total must still add the whole groups: LibreOffice evaluates the rule's
 * condition on the written workbook, with the profile's minimum met and then missed.
 */
import ExcelJS from 'exceljs';
import { builtInSettings } from '../../src/app/engine-settings';
import { insertTemplate } from '../../src/app/insert-template';
import { readForm } from '../../src/domain/forms/read-form';
import { readTable } from '../../src/domain/forms/row-reading';
import { buildTemplatePlan } from '../../src/domain/templates/build-plan';
import { XlsxWorkbook } from '../../src/hosts/xlsx-file/xlsx-workbook';
import { findSoffice, recalculate } from '../helpers/libreoffice';

const soffice = findSoffice();
if (soffice === null) {
  console.warn(
    '跳过合并一级指标的条件格式对照：未找到 soffice / skipping the merged-levels highlight check: soffice not found',
  );
}
const maybe = soffice ? test : test.skip;

async function outputPlusOutcome(lowerOutputTo: number | null): Promise<unknown> {
  const settings = builtInSettings();
  if (!settings) throw new Error('test setup: built-in settings missing');
  const book = XlsxWorkbook.create();
  const { sheet } = await insertTemplate(book, { template: 'key-evaluation', settings });
  const read = readForm(await book.readBlock(sheet), sheet, { template: 'key-evaluation', version: null });
  if (!read.ok) throw new Error('test setup: the inserted form does not read back');
  const rows = read.form.tables.criteria ?? [];
  const readings = readTable(rows, 'criteria');
  const output = rows.filter((_, i) => readings[i]?.level1 === '产出');
  expect(output.length).toBeGreaterThan(1);
  // Rows below the first of the group hold no 一级 text of their own: the cell is merged, and the row reading
  // carries the group's name down.
  expect(output.filter((row) => row.fields.level1?.raw === '产出')).toHaveLength(1);
  if (lowerOutputTo !== null) {
    for (const row of output)
      book.writeValuesAsUser(sheet, row.fields.weight?.cell ?? 'A1', [[lowerOutputTo]]);
  }
  const { plan } = buildTemplatePlan('key-evaluation', {
    ...settings,
    sheetName: sheet,
    metaRow: 1,
    createdAt: '2026-01-01T00:00:00Z',
  });
  const rule = plan.ops.find((op) => op.kind === 'highlight' && op.formula.includes('产出'));
  if (rule?.kind !== 'highlight') throw new Error('test setup: no 产出 + 效益 highlight');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await book.toBuffer()) as unknown as ExcelJS.Buffer);
  const sum = rule.formula.slice(1).replace(/<\d+(\.\d+)?$/, '');
  const ws = workbook.getWorksheet(sheet);
  if (!ws) throw new Error('test setup: sheet missing');
  ws.getCell('AA1').value = { formula: sum } as ExcelJS.CellFormulaValue;
  const recalculated = new ExcelJS.Workbook();
  await recalculated.xlsx.load(
    (await recalculate(Buffer.from(await workbook.xlsx.writeBuffer()))) as unknown as ExcelJS.Buffer,
  );
  const cell = recalculated.getWorksheet(sheet)?.getCell('AA1').value;
  return typeof cell === 'object' && cell !== null && 'result' in cell ? cell.result : cell;
}

maybe(
  'adds the whole merged 产出 and 效益 groups (65 as shipped, 34 with every 产出 weight at 1)',
  async () => {
    const settings = builtInSettings();
    expect(settings?.profile.keyEvaluation.outputPlusOutcomeMin).toBe(60);
    expect(await outputPlusOutcome(null)).toBe(65);
    // 产出 rows: 12 + 10 + 7 + 6 = 35 as shipped; at 1 each the group gives 4, so 4 + 30 = 34.
    expect(await outputPlusOutcome(1)).toBe(34);
  },
  120_000,
);
