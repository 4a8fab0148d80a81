import { readTableRow, type TableLayout } from '../../../src/domain/forms/read-form';
import type { TableRow } from '../../../src/domain/forms/form-model';
import { readTable } from '../../../src/domain/forms/row-reading';

const N = null;

/** Indicator table starting in sheet column C (a left margin of two columns). */
const layout: TableLayout = {
  table: 'indicators',
  headerTop: 9,
  headerRow: 9,
  columns: { level1: 3, level2: 4, level3: 5, target: 6, actual: 7, weight: 8, score: 9 },
  causeColumns: [],
  left: 2,
  right: 9,
  firstDataRow: 10,
  endRow: 20,
};

const first = readTableRow(layout, ['绩效指标', '产出指标', '数量指标', '里程', 100, 105, 20, 20], [], 10);

/** The levels the one reading gives a row read under `first`. */
function levelsUnderFirst(row: TableRow | null): { level1: string | null; level2: string | null } {
  if (first === null || row === null) throw new Error('row expected');
  const reading = readTable([first, row], 'indicators')[1];
  return { level1: reading?.level1 ?? null, level2: reading?.level2 ?? null };
}

describe('readTableRow', () => {
  it('reads every column of the layout at its sheet address', () => {
    expect(first).toEqual({
      row: 10,
      fields: {
        level1: { raw: '产出指标', cell: 'D11', formula: null },
        level2: { raw: '数量指标', cell: 'E11', formula: null },
        level3: { raw: '里程', cell: 'F11', formula: null },
        target: { raw: 100, cell: 'G11', formula: null },
        actual: { raw: 105, cell: 'H11', formula: null },
        weight: { raw: 20, cell: 'I11', formula: null },
        score: { raw: 20, cell: 'J11', formula: null },
      },
    });
  });

  it('keeps its own blank 一级 and 二级 cells; the reading carries the merged levels down', () => {
    const row = readTableRow(layout, [N, N, '', '合格率', 95, 98, 10, 10], [], 11);
    expect(row?.fields.level1).toEqual({ raw: null, cell: 'D12', formula: null });
    expect(row?.fields.level3?.cell).toBe('F12');
    expect(levelsUnderFirst(row)).toEqual({ level1: '产出指标', level2: '数量指标' });
  });

  it('does not carry 二级 across a new 一级', () => {
    const row = readTableRow(layout, [N, '效益指标', N, '就业率', 60, 65, 30, 30], [], 12);
    expect(levelsUnderFirst(row)).toEqual({ level1: '效益指标', level2: null });
  });

  it('carries 二级 when the same 一级 is written out again', () => {
    const row = readTableRow(layout, [N, '产出指标', N, '时效', 1, 1, 5, 5], [], 12);
    expect(levelsUnderFirst(row)).toEqual({ level1: '产出指标', level2: '数量指标' });
  });

  it('is null for a blank row and for a row of formulas only', () => {
    expect(readTableRow(layout, [N, N, '  ', N], [], 13)).toBeNull();
    expect(
      readTableRow(layout, [N, N, N, N, N, N, N, 0], [N, N, N, N, N, N, N, '=IF(H14="",0,I14)'], 13),
    ).toBeNull();
    expect(readTableRow(layout, [], [], 13)).toBeNull();
  });

  it('counts an input outside the level columns as a row, and keeps formulas', () => {
    const row = readTableRow(layout, [N, N, N, N, N, 98, N, 0], [N, N, N, N, N, N, N, '=H15'], 14);
    expect(row?.fields.actual?.raw).toBe(98);
    expect(row?.fields.score).toEqual({ raw: 0, cell: 'J15', formula: '=H15' });
    expect(row?.fields.level1).toEqual({ raw: null, cell: 'D15', formula: null });
  });

  it('reads a split 偏差原因 as the name of the ticked column', () => {
    const monitoring: TableLayout = {
      ...layout,
      columns: { level3: 0, cause: 1 },
      causeColumns: [
        { col: 1, cause: '经费保障' },
        { col: 2, cause: '制度保障' },
        { col: 3, cause: '其他' },
      ],
      left: 0,
      right: 3,
    };
    expect(readTableRow(monitoring, ['甲', N, '√', N], [], 4)?.fields.cause).toEqual({
      raw: '制度保障',
      cell: 'C5',
      formula: null,
    });
    expect(readTableRow(monitoring, ['乙', N, N, N], [], 5)?.fields.cause).toEqual({
      raw: null,
      cell: 'B6',
      formula: null,
    });
    expect(readTableRow(monitoring, [N, N, N, '√'], [], 6)?.fields.cause?.raw).toBe('其他');
  });
});
