/**
 * The formulas a template writes, evaluated cell by cell over a filled sheet, give the scores the TypeScript
 * computes for the same sheet: execution, every indicator, total and grade. This checks the wiring between
 * template specs and score functions (which cell feeds which formula); a real spreadsheet engine re-checks
 * the same formulas in the file-host tests.
 */
import fc from 'fast-check';
import { builtInSettings } from '../../src/app/engine-settings';
import { insertTemplate } from '../../src/app/insert-template';
import type { ColumnKey, TemplateId } from '../../src/domain/forms/form-model';
import { readForm } from '../../src/domain/forms/read-form';
import { columnLetter, toA1 } from '../../src/domain/grid/address';
import type { Block, CellScalar } from '../../src/domain/grid/cell';
import { gradeOf, scoreForm } from '../../src/domain/scoring/score';
import { MemoryWorkbook } from '../../src/hosts/memory/memory-workbook';
import { evaluateFormula, isError, type CellValue } from '../domain/scoring/formula-eval';

const ROWS = 6;

const indicator = fc.record({
  level1: fc.constantFrom('产出指标', '效益指标', '满意度指标'),
  level3: fc.constantFrom('完成人次', '达标率', '满意度'),
  operator: fc.constantFrom('≥', '>', '=', '≤', '<', '定性'),
  target: fc.oneof(fc.integer({ min: 0, max: 200 }), fc.constantFrom(0.95, 98.5)),
  unit: fc.constantFrom('%', '人次', '天'),
  actual: fc.oneof(fc.integer({ min: -10, max: 300 }), fc.constantFrom(0.9, 99.99), fc.constant(null)),
  tier: fc.constantFrom('达成年度指标', '部分达成年度指标并具有一定效果', '未达成年度指标且效果较差', null),
  qualitativeScore: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.constant(7.5), fc.constant(null)),
  weight: fc.oneof(fc.integer({ min: 1, max: 30 }), fc.constant(12.5)),
});

const funds = fc.record({
  initialBudget: fc.oneof(fc.integer({ min: 0, max: 500 }), fc.constant(null)),
  annualBudget: fc.oneof(fc.integer({ min: 0, max: 500 }), fc.constant(null)),
  executed: fc.oneof(fc.integer({ min: 0, max: 600 }), fc.constant(null)),
});

/** Every formula cell of the block evaluated against the others, in passes until nothing changes. */
function calculate(block: Block): Map<string, CellValue> {
  const cells: Record<string, CellValue> = {};
  const formulas: [string, string][] = [];
  block.values.forEach((row, r) =>
    row.forEach((raw, c) => {
      const a1 = toA1({ row: block.top + r, col: block.left + c });
      const formula = block.formulas[r]?.[c] ?? null;
      if (formula) formulas.push([a1, formula]);
      else cells[a1] = raw;
    }),
  );
  for (let pass = 0; pass < 8; pass++) {
    let changed = false;
    for (const [a1, formula] of formulas) {
      const value = evaluateFormula(formula, cells);
      const next: CellValue = isError(value) ? value.error : value;
      if (cells[a1] !== next) {
        cells[a1] = next;
        changed = true;
      }
    }
    if (!changed) break;
  }
  return new Map(Object.entries(cells));
}

const asScore = (value: CellValue | undefined): number | string | null =>
  value === '' || value === null || value === undefined
    ? null
    : typeof value === 'number'
      ? Number(value.toFixed(6))
      : String(value);
const fixed = (value: number | null): number | null => (value === null ? null : Number(value.toFixed(6)));

describe.each<[TemplateId, string]>([
  ['project-self-evaluation', 'default'],
  ['project-self-evaluation', 'hubei'],
  ['department-self-evaluation', 'default'],
])('%s with the %s profile', (template, profileId) => {
  test('formula results equal the TypeScript scores', async () => {
    const settings = builtInSettings(profileId);
    if (!settings) throw new Error('test setup: built-in settings missing');
    await fc.assert(
      fc.asyncProperty(funds, fc.array(indicator, { minLength: 1, maxLength: ROWS }), async (money, rows) => {
        const book = new MemoryWorkbook();
        const { sheet } = await insertTemplate(book, { template, settings, indicatorRows: ROWS });
        const first = readForm(await book.readBlock(sheet), sheet, { template, version: null });
        if (!first.ok) throw new Error('template not readable');
        const layout = first.layout.tables.indicators;
        if (!layout) throw new Error('no indicator table');
        for (const [col, value] of Object.entries(money) as [string, CellScalar][]) {
          const cell = first.form.funds.total?.cols[col as 'executed']?.cell;
          if (cell && value !== null) await book.setValues(sheet, cell, [[value]]);
        }
        for (const [i, row] of rows.entries()) {
          for (const [key, value] of Object.entries(row) as [ColumnKey, CellScalar][]) {
            const col = layout.columns[key];
            if (col === undefined || value === null) continue;
            await book.setValues(sheet, `${columnLetter(col)}${layout.firstDataRow + i + 1}`, [[value]]);
          }
        }
        const block = await book.readBlock(sheet);
        const read = readForm(block, sheet, { template, version: null });
        if (!read.ok) throw new Error('filled sheet not readable');
        const scores = scoreForm(read.form, settings.profile);
        const calculated = calculate(block);
        const at = (cell: string | null | undefined) => asScore(cell ? calculated.get(cell) : undefined);

        expect(at(read.form.funds.total?.cols.score?.cell)).toBe(fixed(scores.execution?.score ?? null));
        for (const row of read.form.tables.indicators ?? []) {
          const expected = scores.indicators.find((s) => s.row === row.row)?.score ?? null;
          expect([row.row, at(row.fields.score?.cell)]).toEqual([row.row, fixed(expected)]);
        }
        expect(at(read.form.total.cell)).toBe(fixed(scores.total));
        // The engine leaves a partial total ungraded; the sheet's grade formula sees only the total cell and
        // grades what it shows, with the same bands.
        const sheetGrade =
          scores.partial === null || scores.total === null
            ? scores.grade
            : gradeOf(scores.total, settings.profile);
        expect(at(read.form.grade.cell)).toBe(sheetGrade);
      }),
      { numRuns: 60 },
    );
  });
});
