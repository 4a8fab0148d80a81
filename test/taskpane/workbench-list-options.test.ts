/**
 * The workbench's dropdown choices, read from the validations the templates write: an inline list, a named
 * range, and the dependent 二级 list whose INDIRECT(MATCH()) reference moves with the cell's row.
 */
import { builtInSettings } from '../../src/app/engine-settings';
import { insertTemplate } from '../../src/app/insert-template';
import { readForm } from '../../src/domain/forms/read-form';
import { columnLetter } from '../../src/domain/grid/address';
import { memoryWorkbenchHost } from '../../src/workbench/workbench-host';
import { listOptions } from '../../src/workbench/list-options';
import { MemoryWorkbook } from '../../src/hosts/memory/memory-workbook';

const settings = builtInSettings();
if (!settings) throw new Error('test setup: built-in settings missing');

test('an inline list is its own choices; an unknown formula gives none', () => {
  const ctx = { refersTo: () => null, values: () => [] };
  expect(listOptions({ range: 'A1:A3', source: ['≥', '≤', '='] }, 'S', 'A2', ctx)).toEqual(['≥', '≤', '=']);
  expect(listOptions({ range: 'A1:A3', source: '=OFFSET(A1,0,0,3)' }, 'S', 'A2', ctx)).toBeNull();
});

test('the dependent 二级 list follows the 一级 typed in the same row, on every row of the table', async () => {
  const book = new MemoryWorkbook();
  const host = memoryWorkbenchHost(book);
  const { sheet } = await insertTemplate(book, { template: 'project-self-evaluation', settings });
  const read = readForm(await book.readBlock(sheet), sheet, null);
  const table = read.ok ? read.layout.tables.indicators : undefined;
  if (!table) throw new Error('test setup: no indicator table');
  const level1 = columnLetter(table.columns.level1 ?? 0);
  const level2 = columnLetter(table.columns.level2 ?? 0);
  const first = table.firstDataRow + 1;
  const dropdown = host.dropdownAt;
  if (!dropdown) throw new Error('the memory workbench host has dropdowns');

  const level1Choices = dropdown(sheet, `${level1}${first}`) ?? [];
  expect(level1Choices).toEqual(expect.arrayContaining(['产出指标', '效益指标', '满意度指标']));
  expect(dropdown(sheet, `${level2}${first + 3}`)).toEqual([]);

  book.setValues(sheet, `${level1}${first + 3}`, [['满意度指标']], 'user');
  expect(dropdown(sheet, `${level2}${first + 3}`)).toEqual(expect.arrayContaining(['服务对象满意度指标']));
  expect(dropdown(sheet, `${level2}${first + 2}`)).toEqual([]);
  book.setValues(sheet, `${level1}${first}`, [['产出指标']], 'user');
  expect(dropdown(sheet, `${level2}${first}`)).toEqual(
    expect.arrayContaining(['数量指标', '质量指标', '时效指标']),
  );
  // A cell without a list has no dropdown.
  expect(dropdown(sheet, `${columnLetter(table.columns.actual ?? 0)}${first}`)).toBeNull();
});
