/**
 * Inserting a library indicator into the selected row: only into an indicator row, only into empty cells.
 */
import { builtInSettings } from '../../src/app/engine-settings';
import { insertTemplate } from '../../src/app/insert-template';
import { BUILT_IN_LIBRARY, searchLibrary } from '../../src/domain/framework/library';
import { readForm } from '../../src/domain/forms/read-form';
import { columnLetter } from '../../src/domain/grid/address';
import { MemoryWorkbook } from '../../src/hosts/memory/memory-workbook';
import { insertIndicatorIntoSelection } from '../../src/taskpane/insert-indicator';

const settings = builtInSettings();
if (!settings) throw new Error('test setup: built-in settings missing');
const satisfaction = searchLibrary(BUILT_IN_LIBRARY, 'myd', { limit: 1 })[0];
const training = searchLibrary(BUILT_IN_LIBRARY, '培训', { limit: 1 })[0];
if (!satisfaction || !training) throw new Error('test setup: library search found nothing');

async function selfEvaluation() {
  if (!settings) throw new Error('unreachable');
  const book = new MemoryWorkbook();
  const { sheet } = await insertTemplate(book, { template: 'project-self-evaluation', settings });
  const read = readForm(await book.readBlock(sheet), sheet, null);
  const table = read.ok ? read.layout.tables.indicators : undefined;
  if (!table) throw new Error('test setup: no indicator table');
  const cell = (key: 'level1' | 'level3' | 'unit' | 'actual' | 'weight', row: number) =>
    `${columnLetter(table.columns[key] ?? 0)}${table.firstDataRow + row + 1}`;
  return { book, sheet, table, cell };
}

test('fills the empty row the person selected, level by level, and touches no other cell', async () => {
  const { book, sheet, cell } = await selfEvaluation();
  book.setValues(sheet, cell('weight', 2), [[20]], 'user');
  await book.select(sheet, cell('actual', 2));
  const before = await book.readBlock(sheet);
  const result = await insertIndicatorIntoSelection(book, satisfaction, () => null);
  expect(result).toMatchObject({ ok: true, sheet });
  expect(book.getCell(sheet, cell('level1', 2))?.value).toBe(satisfaction.level1);
  expect(book.getCell(sheet, cell('level3', 2))?.value).toBe(satisfaction.name);
  expect(book.getCell(sheet, cell('unit', 2))?.value).toBe(satisfaction.unit);
  expect(book.getCell(sheet, cell('weight', 2))?.value).toBe(20);
  const after = await book.readBlock(sheet);
  const changed: string[] = [];
  after.values.forEach((row, r) =>
    row.forEach((value, c) => {
      if (value !== (before.values[r]?.[c] ?? null)) changed.push(`${columnLetter(c)}${r + 1}`);
    }),
  );
  expect(changed.every((a1) => a1.endsWith(String(Number(cell('level1', 2).replace(/^[A-Z]+/, '')))))).toBe(
    true,
  );
  expect(changed.length).toBeGreaterThanOrEqual(5);
});

test('refuses a row where a person already typed something different, and writes nothing', async () => {
  const { book, sheet, cell } = await selfEvaluation();
  book.setValues(sheet, cell('level3', 0), [['自拟指标']], 'user');
  await book.select(sheet, cell('level1', 0));
  const before = await book.readBlock(sheet);
  const result = await insertIndicatorIntoSelection(book, training, () => null);
  expect(result).toEqual({ ok: false, reason: 'row_not_empty', cells: [cell('level3', 0)] });
  expect(await book.readBlock(sheet)).toEqual(before);
});

test('outside an indicator table, with no selection, or outside a form: nothing is written', async () => {
  const { book, sheet } = await selfEvaluation();
  expect(await insertIndicatorIntoSelection(book, training, () => null)).toEqual({
    ok: false,
    reason: 'no_selection',
  });
  await book.select(sheet, 'B3');
  expect(await insertIndicatorIntoSelection(book, training, () => null)).toEqual({
    ok: false,
    reason: 'not_indicator_row',
  });
  await book.applyPlan({
    formSheet: '草稿',
    ops: [{ kind: 'ensureSheet', sheet: '草稿', visibility: 'visible', ifExists: 'fail' }],
  });
  book.setValues('草稿', 'A1', [['随手记']]);
  await book.select('草稿', 'A1');
  expect(await insertIndicatorIntoSelection(book, training, () => null)).toEqual({
    ok: false,
    reason: 'not_a_form',
  });
});
