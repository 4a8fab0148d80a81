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

// Speed is measured by `npm run bench`, never in a test: this one checks that a large sheet reads whole.
describe('a large sheet', () => {
  it('reads all 1,000 rows of a self-evaluation with merged 一级/二级 cells carried down', () => {
    const result = readForm(blockOf(largeSelfEvaluation(1000)), '表1', null);
    if (!result.ok) throw new Error('large sheet not recognised');
    const rows = result.form.tables.indicators ?? [];
    expect(rows).toHaveLength(1000);
    const readings = result.form.readings.indicators ?? [];
    expect(readings).toHaveLength(1000);
    expect(readings.every((r) => r.kind === 'indicator')).toBe(true);
    expect(readings.every((r) => typeof r.level1 === 'string' && typeof r.level2 === 'string')).toBe(true);
  });
});
