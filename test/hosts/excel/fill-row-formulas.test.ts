/**
 * Rows a person inserts inside a protected table get the table's formulas: the use case against the memory
 * host (reference) and through the Excel adapter over the Office.js fake (protected sheet, own writes).
 */
import { builtInSettings, type EngineSettings } from '../../../src/app/engine-settings';
import { fillInsertedRowFormulas, tableFormulaColumns } from '../../../src/app/fill-row-formulas';
import { insertTemplate } from '../../../src/app/insert-template';
import type { CellsChanged, WorkbookPort } from '../../../src/app/workbook-port';
import { toA1 } from '../../../src/domain/grid/address';
import { listTemplates } from '../../../src/domain/templates/registry';
import { ExcelWorkbook } from '../../../src/hosts/excel/excel-workbook';
import { MemoryWorkbook } from '../../../src/hosts/memory/memory-workbook';
import { FakeExcel } from './fake/excel-fake';

const NOW = new Date('2025-03-01T08:00:00Z');

function settings(): EngineSettings {
  const found = builtInSettings();
  if (!found) throw new Error('built-in settings missing');
  return found;
}

/** Rows of the 绩效指标 table holding the score formula in a fresh project self-evaluation. */
async function scoreRows(book: MemoryWorkbook, sheet: string): Promise<number[]> {
  const [column] = tableFormulaColumns('project-self-evaluation', settings().profile);
  if (column === undefined) throw new Error('no formula column');
  const block = await book.readBlock(sheet);
  const rows: number[] = [];
  block.formulas.forEach((row, r) => {
    if (row[column.col] === column.formulaAt(r)) rows.push(r);
  });
  return rows;
}

describe('fill-row-formulas', () => {
  it.each(listTemplates().map((t) => [t.id] as const))(
    '%s: the spec gives, row by row, the formulas the template itself writes in its tables',
    async (template) => {
      const book = new MemoryWorkbook();
      const { sheet } = await insertTemplate(book, {
        template,
        settings: settings(),
        indicatorRows: 5,
        now: NOW,
      });
      const block = await book.readBlock(sheet);
      const columns = tableFormulaColumns(template, settings().profile);
      for (const column of columns) {
        const rows = block.formulas.filter((row, r) => row[column.col] === column.formulaAt(r)).length;
        // Every table formula column holds the spec's formula on each blank row of its table (5, or the
        // table's fixed count).
        expect({ column: column.key, atLeastOne: rows >= 1 }).toEqual({
          column: column.key,
          atLeastOne: true,
        });
      }
      // Every formula the template writes in a formula column's cells of a table row is the spec's for its row:
      // a column where some rows differ would show up as fewer matches than formula cells in that column.
      for (const column of columns) {
        const own = block.formulas.filter((row, r) => row[column.col] === column.formulaAt(r)).length;
        const sameShape = block.formulas.filter((row) => {
          const f = row[column.col];
          return (
            typeof f === 'string' && f.length > 40 && f.slice(0, 12) === column.formulaAt(0).slice(0, 12)
          );
        }).length;
        expect({ column: column.key, own }).toEqual({ column: column.key, own: sameShape });
      }
    },
  );

  it('memory host: rows inserted inside the 绩效指标 table get the score formula for their own row', async () => {
    const book = new MemoryWorkbook();
    const { sheet } = await insertTemplate(book, {
      template: 'project-self-evaluation',
      settings: settings(),
      indicatorRows: 5,
      now: NOW,
    });
    const rows = await scoreRows(book, sheet);
    expect(rows).toHaveLength(5);
    const changes: CellsChanged[] = [];
    book.onCellsChanged((c) => changes.push(c));
    const before = rows[2] ?? 0;
    book.insertRows(sheet, before, 2, 'user');
    const [change] = changes;
    if (change === undefined) throw new Error('no change');
    const result = await fillInsertedRowFormulas(book, change, () => settings());
    const [column] = tableFormulaColumns('project-self-evaluation', settings().profile);
    if (column === undefined) throw new Error('no formula column');
    expect(result.cells).toEqual([
      toA1({ row: before, col: column.col }),
      toA1({ row: before + 1, col: column.col }),
    ]);
    expect(book.getCell(sheet, toA1({ row: before, col: column.col }))?.formula).toBe(
      column.formulaAt(before),
    );
    expect(book.isLocked(sheet, toA1({ row: before, col: column.col }))).toBe(true);
  });

  it('leaves rows inserted outside any table, and other changes, alone', async () => {
    const book = new MemoryWorkbook();
    const { sheet } = await insertTemplate(book, {
      template: 'project-self-evaluation',
      settings: settings(),
      indicatorRows: 5,
      now: NOW,
    });
    const changes: CellsChanged[] = [];
    book.onCellsChanged((c) => changes.push(c));
    book.insertRows(sheet, 1, 1, 'user');
    book.setValues(sheet, 'Z1', [['x']], 'other');
    const results = await Promise.all(changes.map((c) => fillInsertedRowFormulas(book, c, () => settings())));
    expect(results.map((r) => r.cells)).toEqual([[], []]);
  });

  it('Excel: fills the inserted rows of the protected form and keeps the sheet protected', async () => {
    const fake = new FakeExcel({ excelApi: '1.14' });
    await fake.book.applyPlan({
      formSheet: 'Sheet1',
      ops: [{ kind: 'ensureSheet', sheet: 'Sheet1', visibility: 'visible', ifExists: 'fail' }],
    });
    const book: WorkbookPort = new ExcelWorkbook(fake.api);
    const { sheet } = await insertTemplate(book, {
      template: 'project-self-evaluation',
      settings: settings(),
      indicatorRows: 5,
      now: NOW,
    });
    expect(fake.isProtected(sheet)).toBe(true);
    const rows = await scoreRows(fake.book, sheet);
    const changes: CellsChanged[] = [];
    book.onCellsChanged((c) => changes.push(c));
    await (book as ExcelWorkbook).whenListening();
    const last = rows[rows.length - 1] ?? 0;
    // A row inserted below the last indicator row (above the 总分 row), as people add one more indicator.
    await fake.userInsertRows(sheet, last + 1, 1);
    const change = changes.find((c) => c.structural === 'rowsInserted');
    if (change === undefined) throw new Error('no structural change');
    fake.resetStats();
    const result = await fillInsertedRowFormulas(book, change, () => settings());
    const [column] = tableFormulaColumns('project-self-evaluation', settings().profile);
    if (column === undefined) throw new Error('no formula column');
    expect(result.cells).toEqual([toA1({ row: last + 1, col: column.col })]);
    expect(fake.book.getCell(sheet, toA1({ row: last + 1, col: column.col }))?.formula).toBe(
      column.formulaAt(last + 1),
    );
    expect(fake.isProtected(sheet)).toBe(true);
    // listSheets (2), the sheet and `_meta` in one read (1), the plan (1).
    expect(fake.stats.syncs).toBe(4);
  });
});
