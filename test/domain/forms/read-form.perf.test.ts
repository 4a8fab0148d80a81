import { readForm } from '../../../src/domain/forms/read-form';
import type { CellScalar } from '../../../src/domain/grid/cell';
import { blockOf } from '../../helpers/grid';
import { ourProjectSelfEvaluation } from './form-grids';

const LEVELS: [string, string][] = [
  ['产出指标', '数量指标'],
  ['产出指标', '质量指标'],
  ['效益指标', '社会效益指标'],
  ['满意度指标', '服务对象满意度指标'],
];

/** Our self-evaluation with 1,000 indicator rows, as a large department's sheet would be. */
function largeSelfEvaluation(rowCount: number): CellScalar[][] {
  const { rows } = ourProjectSelfEvaluation();
  const header = rows.slice(0, 12);
  const footer = rows.slice(-2);
  const body: CellScalar[][] = [];
  for (let i = 0; i < rowCount; i++) {
    const [level1, level2] = LEVELS[i % LEVELS.length] ?? ['产出指标', '数量指标'];
    const merged = i % 3 !== 0;
    body.push([
      merged ? null : level1,
      merged ? null : level2,
      `指标${i}`,
      '≥',
      90 + (i % 10),
      '%',
      95,
      null,
      null,
      0.1,
      0.1,
      null,
    ]);
  }
  return [...header, ...body, ...footer];
}

describe('readForm speed', () => {
  it('reads a 1,000-row self-evaluation in well under 10 ms once warm', () => {
    const block = blockOf(largeSelfEvaluation(1000));
    for (let i = 0; i < 10; i++) readForm(block, '表1', null);
    const times: number[] = [];
    for (let i = 0; i < 15; i++) {
      const start = performance.now();
      const result = readForm(block, '表1', null);
      times.push(performance.now() - start);
      expect(result.ok && result.form.tables.indicators?.length).toBe(1000);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)] ?? Infinity;
    expect(median).toBeLessThan(10);
  });
});
