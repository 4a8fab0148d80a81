/**
 * WPS reports an inserted row only as a change of whole rows; the rows still get the table's formulas, as
 * in Excel, through the same use case the add-in's session page runs.
 */
import { builtInSettings, type EngineSettings } from '../../../src/app/engine-settings';
import { fillRowsPeopleInsert, tableFormulaColumns } from '../../../src/app/fill-row-formulas';
import { insertTemplate } from '../../../src/app/insert-template';
import type { CellsChanged } from '../../../src/app/workbook-port';
import { toA1 } from '../../../src/domain/grid/address';
import { WpsWorkbook } from '../../../src/hosts/wps/wps-workbook';
import { FakeEt } from '../../fakes/wps/fake-et';

function settings(): EngineSettings {
  const found = builtInSettings();
  if (!found) throw new Error('built-in settings missing');
  return found;
}

test('a row inserted inside the 绩效指标 table gets its score formula and the live checks hear of it', async () => {
  const fake = new FakeEt();
  const book = new WpsWorkbook(fake.application);
  const { sheet } = await insertTemplate(book, {
    template: 'project-self-evaluation',
    settings: settings(),
    indicatorRows: 5,
    now: new Date('2025-03-01T08:00:00Z'),
  });
  const [column] = tableFormulaColumns('project-self-evaluation', settings().profile);
  if (column === undefined) throw new Error('no formula column');
  const formulas = (await book.readBlock(sheet)).formulas;
  const first = formulas.findIndex((r, i) => r[column.col] === column.formulaAt(i));
  expect(first).toBeGreaterThan(0);
  const row = first + 2;

  const changes: CellsChanged[] = [];
  book.onCellsChanged((c) => changes.push(c));
  const wrote: string[] = [];
  const settled = new Promise<void>((done, fail) => {
    fillRowsPeopleInsert(
      book,
      { wrote: async (_s, range) => void (wrote.push(range), done()) },
      settings,
      fail,
    );
  });
  fake.insertRowsAsUser(sheet, row, 1);
  await settled;

  // WPS told nothing about an insertion: a plain change of whole rows.
  expect(changes[0]).toMatchObject({ sheet, source: 'user' });
  expect(changes[0]?.structural).toBeUndefined();
  const a1 = toA1({ row, col: column.col });
  expect(wrote).toEqual([a1]);
  expect((await book.readBlock(sheet, a1)).formulas[0]?.[0]).toBe(column.formulaAt(row));
});
