/**
 * Fills a freshly inserted self-evaluation with a realistic mix of indicators, found through the reader's
 * layout (never by fixed row numbers), in one block write.
 */
import type { CellScalar } from '../src/domain/grid/cell';
import { columnLetter } from '../src/domain/grid/address';
import { readForm } from '../src/domain/forms/read-form';
import type { ColumnKey } from '../src/domain/forms/form-model';
import type { MemoryWorkbook } from '../src/hosts/memory/memory-workbook';

const LEVELS: readonly [string, string][] = [
  ['产出指标', '数量指标'],
  ['产出指标', '质量指标'],
  ['产出指标', '时效指标'],
  ['产出指标', '成本指标'],
  ['效益指标', '社会效益指标'],
  ['效益指标', '可持续影响指标'],
  ['满意度指标', '服务对象满意度指标'],
];

function indicatorRow(i: number, count: number): Partial<Record<ColumnKey, CellScalar>> {
  const [level1, level2] = LEVELS[i % LEVELS.length] ?? ['产出指标', '数量指标'];
  const weight = Math.round((90 / count) * 100) / 100;
  const base = { level1, level2, level3: `指标${i + 1}`, weight };
  switch (i % 4) {
    case 0:
      return { ...base, operator: '≥', target: 100, unit: '人次', actual: 90 + (i % 15) };
    case 1:
      return { ...base, operator: '≤', target: 5, unit: '天', actual: 4 + (i % 3) };
    case 2:
      return {
        ...base,
        operator: '≥',
        target: 95,
        unit: '%',
        actual: '96%',
        deviation: i % 8 === 2 ? null : '已分析',
      };
    default:
      return {
        ...base,
        operator: '定性',
        target: '达到预期',
        unit: null,
        tier: '达成年度指标',
        qualitativeScore: weight,
      };
  }
}

export async function fillSelfEvaluation(book: MemoryWorkbook, sheet: string, count: number): Promise<void> {
  const read = readForm(await book.readBlock(sheet), sheet, {
    template: 'project-self-evaluation',
    version: null,
  });
  if (!read.ok) throw new Error('inserted template not recognised');
  const layout = read.layout.tables.indicators;
  if (!layout) throw new Error('no indicator table');
  const rows = Array.from({ length: count }, (_, i) => indicatorRow(i, count));
  // One block per input column: the table's other columns hold locked labels and formulas.
  const keys = new Set(rows.flatMap((row) => Object.keys(row) as ColumnKey[]));
  for (const key of keys) {
    const col = layout.columns[key];
    if (col === undefined) continue;
    const values: CellScalar[][] = rows.map((row) => [row[key] ?? null]);
    await book.setValues(sheet, `${columnLetter(col)}${layout.firstDataRow + 1}`, values, 'user');
  }
  const funds = read.form.funds.total;
  for (const [col, value] of [
    ['initialBudget', 100],
    ['annualBudget', 120],
    ['executed', 110],
  ] as const) {
    const cell = funds?.cols[col]?.cell;
    if (cell) await book.setValues(sheet, cell, [[value]], 'user');
  }
}
