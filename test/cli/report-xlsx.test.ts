import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { EXIT_ISSUES, EXIT_USAGE, run } from '../../src/cli/run';
import {
  CELL_LIMIT,
  inertCell,
  INDICATORS_SHEET,
  ISSUES_SHEET,
  SUMMARY_SHEET,
} from '../../src/cli/report-xlsx';
import { captureIo, selfEvaluationFile, tempDir, writeFixture, removeTempDirs } from './workbooks';

afterAll(removeTempDirs);

test('inertCell defuses text that a spreadsheet would take for a formula, cuts overlong text, leaves numbers alone', () => {
  expect(inertCell('=1+1')).toBe("'=1+1");
  expect(inertCell('+86 123')).toBe("'+86 123");
  expect(inertCell('-5')).toBe("'-5");
  expect(inertCell('@SUM(A1)')).toBe("'@SUM(A1)");
  expect(inertCell('市水利局')).toBe('市水利局');
  expect(inertCell(-5)).toBe(-5);
  expect(inertCell(null)).toBeNull();
  const long = inertCell('项'.repeat(40000));
  expect(long.length).toBe(CELL_LIMIT);
  expect(long.endsWith('…')).toBe(true);
  expect(inertCell('=' + 'x'.repeat(40000)).startsWith("'=")).toBe(true);
});

function cellText(value: ExcelJS.CellValue): string | null {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object' && 'text' in value) return String(value.text);
  return null;
}

test('the xlsx report: summary with autofilter, frozen header, A4 landscape one page wide, links, indicator sheet, no formula, no overlong cell', async () => {
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
  await mkdir(join(dir, '区县'));
  await writeFixture(join(dir, '区县'), '=b.xlsx', 'not a workbook');
  const outDir = join(dir, '报告');
  await mkdir(outDir);
  const out = join(outDir, 'report.xlsx');
  expect(await run(['check', dir, '--format', 'xlsx', '-o', out], captureIo())).toBe(EXIT_USAGE);

  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await readFile(out)).buffer as ArrayBuffer);
  expect(book.worksheets.map((s) => s.name)).toEqual([SUMMARY_SHEET, INDICATORS_SHEET, ISSUES_SHEET]);
  for (const ws of book.worksheets) {
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    });
    const last = ws.getRow(1).cellCount;
    expect(ws.autoFilter).toBe(`A1:${ws.getColumn(last).letter}${ws.rowCount}`);
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        expect(cell.formula).toBeUndefined();
        const text = cellText(cell.value);
        if (text !== null) {
          expect(text).not.toMatch(/^[=+\-@]/);
          expect(text.length).toBeLessThanOrEqual(CELL_LIMIT);
        }
      }),
    );
  }
  const summary = book.getWorksheet(SUMMARY_SHEET);
  if (!summary) throw new Error('no summary');
  const header = (summary.getRow(1).values as ExcelJS.CellValue[]).slice(1);
  expect(header).toEqual([
    '文件',
    '状态',
    '工作表',
    '单位',
    '项目',
    '表格',
    '自评总分',
    '复算总分',
    '差异',
    '自评等级',
    '复算等级',
    '错误',
    '警告',
    '说明',
  ]);
  const rows = [2, 3].map((r) => (summary.getRow(r).values as ExcelJS.CellValue[]).slice(1));
  const a = rows.find((r) => cellText(r[0] ?? null) === 'a.xlsx');
  expect(a).toEqual(
    expect.arrayContaining([
      '\'+HYPERLINK("http://x.example","点我")',
      "'@SUM(1)",
      '项目支出绩效自评表',
      75,
      100,
      25,
      '未评级',
    ]),
  );
  // Each file is linked, relative to the report's own folder; shown relative to the folder checked.
  expect(a?.[0]).toEqual({ text: 'a.xlsx', hyperlink: '../a.xlsx' });
  const b = rows.find((r) => cellText(r[0] ?? null) === '区县/=b.xlsx');
  expect(b?.[0]).toEqual({ text: '区县/=b.xlsx', hyperlink: '../区县/=b.xlsx' });

  const indicators = book.getWorksheet(INDICATORS_SHEET);
  expect(indicators?.rowCount).toBe(8);
  expect((indicators?.getRow(2).values as ExcelJS.CellValue[]).slice(1)).toEqual(
    expect.arrayContaining(['a.xlsx', '新建供水工程', '≥', '运算符列', 10, 20]),
  );
  const issues = book.getWorksheet(ISSUES_SHEET);
  const codes: string[] = [];
  issues?.eachRow((row, n) => {
    if (n > 1) codes.push(String(row.getCell(6).value));
  });
  expect(codes).toEqual(expect.arrayContaining(['total_mismatch', 'not_xlsx']));
});

test('exit code of an xlsx report run follows the findings', async () => {
  const dir = await tempDir();
  await writeFixture(dir, 'off.xlsx', await selfEvaluationFile({ statedTotal: 75 }));
  const out = join(await tempDir(), 'r.xlsx');
  expect(await run(['check', dir, '--format', 'xlsx', '-o', out], captureIo())).toBe(EXIT_ISSUES);
});
