/**
 * What the workbench grid shows: typed and pasted values as a spreadsheet reads them, the engine's results in
 * formula cells, and issue cells in the colour of the template's highlight rule over them.
 */
import { checkWorkbook } from '../../src/app/check-workbook';
import { builtInSettings } from '../../src/app/engine-settings';
import { insertTemplate } from '../../src/app/insert-template';
import { readForm } from '../../src/domain/forms/read-form';
import { columnLetter, parseA1, parseRange, rangeContains } from '../../src/domain/grid/address';
import { MemoryWorkbook } from '../../src/hosts/memory/memory-workbook';
import { computedCells, issueMarks, SEVERITY_FILL } from '../../src/workbench/cell-view';
import { formattedNumber, parseTsv, typedEntry, typedValue } from '../../src/workbench/typed-input';

const settings = builtInSettings();
if (!settings) throw new Error('test setup: built-in settings missing');

test.each([
  ['42', 42],
  [' -3.5 ', -3.5],
  ['1e3', 1000],
  ['96%', '96%'],
  ['≥', '≥'],
  ['', null],
  ['   ', null],
  ['=SUM(A1:A2)', '=SUM(A1:A2)'],
  ['0012', 12],
])('typed %j reads as %j', (text, value) => {
  expect(typedValue(text)).toBe(value);
});

test.each([
  // As Excel reads an entry: a percentage is the fraction, formatted as a percentage…
  ['96%', 0.96, '0%'],
  [' 96% ', 0.96, '0%'],
  ['12.5%', 0.125, '0.0%'],
  ['-5%', -0.05, '0%'],
  ['1,200%', 12, '0%'],
  // …digits grouped by thousands are the number, with the separator format…
  ['1,234', 1234, '#,##0'],
  ['-1,234,567.25', -1234567.25, '#,##0.00'],
  // …plain numbers and text as before, no format.
  ['93', 93, null],
  ['12,34', '12,34', null],
  ['1,2345', '1,2345', null],
  ['96 %', '96 %', null],
  ['%', '%', null],
  // Full-width digits as an input method leaves them stay text (the checks flag them as numbers stored as text).
  ['９３', '９３', null],
  ['９６％', '９６％', null],
  // A leading apostrophe keeps the rest as text, without the apostrophe.
  ["'93", '93', null],
  ["'", null, null],
  ['', null, null],
])('typed entry %j is %j with format %j', (text, value, numberFormat) => {
  expect(typedEntry(text)).toEqual({ value, numberFormat });
});

test('a typed percentage or grouped number shows as the spreadsheet shows it', () => {
  expect(formattedNumber(0.96, '0%')).toBe('96%');
  expect(formattedNumber(0.125, '0.0%')).toBe('12.5%');
  expect(formattedNumber(1234, '#,##0')).toBe('1,234');
  expect(formattedNumber(1234.5, '#,##0.00')).toBe('1,234.50');
  expect(formattedNumber(7, null)).toBe('7');
  expect(formattedNumber(7, 'General')).toBe('7');
});

test('a clipboard block splits into rows and cells; the last line break ends it', () => {
  expect(parseTsv('产出指标\t数量指标\t100\r\n效益指标\t\t95%\r\n')).toEqual([
    ['产出指标', '数量指标', 100],
    ['效益指标', null, '95%'],
  ]);
  expect(parseTsv('7')).toEqual([[7]]);
  expect(parseTsv('a\t\tb\n')).toEqual([['a', null, 'b']]);
});

test('quoted cells keep their line breaks, tabs and quotes', () => {
  expect(parseTsv('"经费不足\n已申请追加"\t"说""明"\r\n"x\ty"\t5\r\n')).toEqual([
    ['经费不足\n已申请追加', '说"明'],
    ['x\ty', 5],
  ]);
  // A quote inside an unquoted cell is just a character.
  expect(parseTsv('12"\t"ab"c')).toEqual([['12"', '"ab"c']]);
});

test('formula cells show the engine result; issue cells take the highlight rule colour over them', async () => {
  if (!settings) throw new Error('unreachable');
  const book = new MemoryWorkbook();
  const { sheet } = await insertTemplate(book, { template: 'project-self-evaluation', settings });
  const read = readForm(await book.readBlock(sheet), sheet, null);
  const table = read.ok ? read.layout.tables.indicators : undefined;
  if (!table) throw new Error('test setup: no indicator table');
  const at = (key: 'level1' | 'score', n = 0) =>
    `${columnLetter(table.columns[key] ?? 0)}${table.firstDataRow + n + 1}`;
  book.setValues(sheet, at('level1'), [
    ['产出指标', '数量指标', '服务人次', '≥', 100, '人次', 80, null, null, 30],
  ]);
  const report = (await checkWorkbook(book, { settingsFor: () => settings })).sheets[0] ?? null;
  if (!report) throw new Error('not checked');

  const computed = computedCells(report);
  expect(computed.get(at('score'))).toBe('24');
  expect(report.form.total.cell && computed.get(report.form.total.cell)).toBe(String(report.scores.total));

  const highlights = book.highlightsOf(sheet).map((h) => ({ range: h.range, fill: h.fill }));
  const marks = issueMarks(report, highlights);
  expect(marks.size).toBeGreaterThan(0);
  for (const [a1, mark] of marks) {
    const rule = highlights.find((h) => rangeContains(parseRange(h.range), parseA1(a1)));
    expect(mark.fill).toBe(rule ? rule.fill : SEVERITY_FILL[mark.severity]);
    expect(mark.issues.every((i) => i.cell?.startsWith(a1))).toBe(true);
  }
  // The 项目名称 cell is empty, an error, and the template has a highlight rule there.
  const projectName = report.form.header.projectName?.cell;
  expect(projectName && marks.get(projectName)?.severity).toBe('error');
});
