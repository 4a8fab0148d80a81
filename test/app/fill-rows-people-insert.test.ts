/**
 * Which changes may be rows people inserted: Excel says rows were inserted; WPS only reports a change of whole
 * rows, which may be an insertion, a deletion or whole rows typed over (test/hosts/wps/fill-rows.test.ts).
 */
import { mayBeInsertedRows } from '../../src/app/fill-row-formulas';
import type { CellsChanged } from '../../src/app/workbook-port';

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
