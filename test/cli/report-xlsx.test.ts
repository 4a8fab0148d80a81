import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EXIT_ISSUES, EXIT_USAGE, run } from '../../src/cli/run';
import { inertCell, ISSUES_SHEET, SUMMARY_SHEET } from '../../src/cli/report-xlsx';
import { XlsxWorkbook } from '../../src/hosts/xlsx-file/xlsx-workbook';
import { captureIo, selfEvaluationFile, tempDir, writeFixture, removeTempDirs } from './workbooks';

afterAll(removeTempDirs);

test('inertCell defuses text that a spreadsheet would take for a formula, and leaves numbers alone', () => {
  expect(inertCell('=1+1')).toBe("'=1+1");
  expect(inertCell('+86 123')).toBe("'+86 123");
  expect(inertCell('-5')).toBe("'-5");
  expect(inertCell('@SUM(A1)')).toBe("'@SUM(A1)");
  expect(inertCell('市水利局')).toBe('市水利局');
  expect(inertCell(-5)).toBe(-5);
  expect(inertCell(null)).toBeNull();
});

test('the xlsx report has 汇总 and 问题清单, and no cell of it starts a formula', async () => {
  const dir = await tempDir();
  await writeFixture(
    dir,
    'a.xlsx',
    await selfEvaluationFile({
      project: '+HYPERLINK("http://x.example","点我")',
      department: '@SUM(1)',
      statedTotal: 75,
    }),
  );
  await writeFixture(dir, '=b.xlsx', 'not a workbook');
  const out = join(await tempDir(), 'report.xlsx');
  expect(await run(['check', dir, '--format', 'xlsx', '-o', out], captureIo())).toBe(EXIT_USAGE);

  const book = await XlsxWorkbook.fromBuffer(await readFile(out));
  const sheets = (await book.listSheets()).map((s) => s.name);
  expect(sheets).toEqual([SUMMARY_SHEET, ISSUES_SHEET]);
  const summary = await book.readBlock(SUMMARY_SHEET);
  const issues = await book.readBlock(ISSUES_SHEET);
  for (const block of [summary, issues]) {
    expect(block.formulas.flat().filter((f) => f !== null)).toEqual([]);
    const texts = block.values.flat().filter((v): v is string => typeof v === 'string');
    expect(texts.filter((t) => /^[=+\-@]/.test(t))).toEqual([]);
  }
  expect(summary.values[0]).toEqual(
    expect.arrayContaining(['部门', '项目名称', '表格', '错误', '警告', '自评总分', '复算总分']),
  );
  const row = summary.values.find((r) => r.includes('a.xlsx') || String(r[0]).endsWith('a.xlsx'));
  expect(row).toEqual(
    expect.arrayContaining([
      '\'+HYPERLINK("http://x.example","点我")',
      "'@SUM(1)",
      '项目支出绩效自评表',
      75,
      100,
      '是',
    ]),
  );
  const issueCodes = issues.values.slice(1).map((r) => r[4]);
  expect(issueCodes).toEqual(expect.arrayContaining(['total_mismatch', 'not_xlsx']));
});

test('exit code of an xlsx report run follows the findings', async () => {
  const dir = await tempDir();
  await writeFixture(dir, 'off.xlsx', await selfEvaluationFile({ statedTotal: 75 }));
  const out = join(await tempDir(), 'r.xlsx');
  expect(await run(['check', dir, '--format', 'xlsx', '-o', out], captureIo())).toBe(EXIT_ISSUES);
});
