/**
 * Which changes may be rows people inserted: Excel says rows were inserted; WPS only reports a change of whole
 * rows, which may be an insertion, a deletion or whole rows typed over (test/hosts/wps/fill-rows.test.ts).
 */
import {
  fillRowsPeopleInsert,
  mayBeInsertedRows,
  tableFormulaColumns,
} from '../../src/app/fill-row-formulas';
import { insertTemplate } from '../../src/app/insert-template';
import type { CellsChanged } from '../../src/app/workbook-port';
import { toA1 } from '../../src/domain/grid/address';
import { MemoryWorkbook } from '../../src/hosts/memory/memory-workbook';

function settings(): EngineSettings {
  const found = builtInSettings();
  if (!found) throw new Error('built-in settings missing');
  return found;
}

const change = (range: string, structural?: CellsChanged['structural']): CellsChanged => ({
  sheet: 'S',
  range,
  source: 'user',
  ...(structural ? { structural } : {}),
});

test('which changes may be inserted rows', () => {
  expect(mayBeInsertedRows(change('A5:XFD6', 'rowsInserted'))).toBe(true);
  expect(mayBeInsertedRows(change('A5:XFD6', 'rowsDeleted'))).toBe(false);
  expect(mayBeInsertedRows(change('A5:XFD6'))).toBe(true);
  expect(mayBeInsertedRows(change('A5:L6'))).toBe(false);
  expect(mayBeInsertedRows(change('B7'))).toBe(false);
});
