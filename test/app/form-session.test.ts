/**
 * A live session re-reads only the edited rows; after any sequence of edits its issues and scores must be
 * exactly those of a fresh read and check of the whole sheet.
 */
import fc from 'fast-check';
import { analyseForm } from '../../src/app/analyse-form';
import { builtInSettings } from '../../src/app/engine-settings';
import { FormSession } from '../../src/app/form-session';
import { insertTemplate } from '../../src/app/insert-template';
import type { ColumnKey } from '../../src/domain/forms/form-model';
import { readForm, type TableLayout } from '../../src/domain/forms/read-form';
import { columnLetter } from '../../src/domain/grid/address';
import type { CellScalar } from '../../src/domain/grid/cell';
import { MemoryWorkbook } from '../../src/hosts/memory/memory-workbook';

const settings = builtInSettings();
if (!settings) throw new Error('test setup: built-in settings missing');
const HINT = { template: 'project-self-evaluation', version: null } as const;
const INPUT_COLUMNS: readonly ColumnKey[] = [
  'level1',
  'level2',
  'level3',
  'operator',
  'target',
  'unit',
  'actual',
  'tier',
  'qualitativeScore',
  'weight',
  'deviation',
];
const ROWS = 12;

const typed: fc.Arbitrary<CellScalar> = fc.oneof(
  fc.constantFrom(
    '产出指标',
    '效益指标',
    '满意度指标',
    '数量指标',
    '社会效益指标',
    '服务对象满意度指标',
    '≥',
    '≦',
    '定性',
    '%',
    '人次',
    '98%',
    '达成年度指标',
    '部分达成',
    '*',
    '',
    '原因已分析',
  ),
  fc.integer({ min: -5, max: 150 }),
  fc.constant(null),
);

interface Edit {
  row: number;
  column: number;
  height: number;
  values: CellScalar[][];
}

const edit: fc.Arbitrary<Edit> = fc
  .record({
    row: fc.nat(ROWS - 1),
    column: fc.nat(INPUT_COLUMNS.length - 1),
    height: fc.integer({ min: 1, max: 3 }),
  })
  .chain(({ row, column, height }) =>
    fc
      .array(fc.array(typed, { minLength: 1, maxLength: 1 }), { minLength: height, maxLength: height })
      .map((values) => ({ row, column, height, values })),
  );

async function freshSession(): Promise<{
  book: MemoryWorkbook;
  sheet: string;
  layout: TableLayout;
  session: FormSession;
}> {
  if (!settings) throw new Error('unreachable');
  const book = new MemoryWorkbook();
  const { sheet } = await insertTemplate(book, {
    template: 'project-self-evaluation',
    settings,
    indicatorRows: ROWS,
  });
  const read = readForm(await book.readBlock(sheet), sheet, HINT);
  const layout = read.ok ? read.layout.tables.indicators : undefined;
  const session = await FormSession.open(book, sheet, settings, HINT);
  if (!layout || !session) throw new Error('test setup: template not readable');
  return { book, sheet, layout, session };
}

test('after any sequence of edits, the session equals a fresh full check', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 8 }), async (edits) => {
      if (!settings) throw new Error('unreachable');
      const { book, sheet, layout, session } = await freshSession();
      // 全部重新检查: every empty required cell is an error, as in a full check (to-dos: form-progress tests).
      session.strict = true;
      for (const e of edits) {
        const key = INPUT_COLUMNS[e.column];
        const col = key === undefined ? undefined : layout.columns[key];
        if (col === undefined) continue;
        const top = layout.firstDataRow + e.row;
        const bottom = Math.min(top + e.values.length, layout.firstDataRow + ROWS) - 1;
        const values = e.values.slice(0, bottom - top + 1);
        const cell = `${columnLetter(col)}${top + 1}`;
        await book.setValues(sheet, cell, values, 'user');
        const range = `${cell}:${columnLetter(col)}${bottom + 1}`;
        expect(await session.applyChange({ sheet, range, source: 'user' })).toBe('rows');
      }
      const read = readForm(await book.readBlock(sheet), sheet, HINT);
      if (!read.ok) throw new Error('sheet no longer readable');
      const fresh = analyseForm(read.form, settings);
      expect(session.parsed.tables.indicators).toEqual(read.form.tables.indicators);
      expect(session.scores).toEqual(fresh.scores);
      expect(session.issues).toEqual(fresh.issues);
    }),
    { numRuns: 80 },
  );
});

test('an edit re-reads one block; a header edit or inserted rows re-read the sheet', async () => {
  const { book, sheet, layout, session } = await freshSession();
  const actual = layout.columns.actual;
  if (actual === undefined) throw new Error('no 实际完成值 column');
  const before = session.readCount;
  const cell = `${columnLetter(actual)}${layout.firstDataRow + 1}`;
  await book.setValues(sheet, cell, [[5]], 'user');
  expect(await session.applyChange({ sheet, range: cell, source: 'user' })).toBe('rows');
  expect(session.readCount - before).toBe(1);

  const projectName = session.parsed.header.projectName?.cell;
  if (!projectName) throw new Error('no 项目名称 cell');
  await book.setValues(sheet, projectName, [['乡村道路养护']], 'user');
  expect(await session.applyChange({ sheet, range: projectName, source: 'user' })).toBe('reloaded');
  expect(session.parsed.header.projectName?.raw).toBe('乡村道路养护');

  expect(await session.applyChange({ sheet, range: cell, source: 'ours' })).toBe('ignored');
  expect(await session.applyChange({ sheet: 'other', range: cell, source: 'user' })).toBe('ignored');
});
