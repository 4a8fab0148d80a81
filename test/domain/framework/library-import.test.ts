import { getFramework } from '../../../src/domain/framework/frameworks';
import { loadLibrary } from '../../../src/domain/framework/library';
import { importLibrary, sectorOf } from '../../../src/domain/framework/library-import';
import type { CellScalar } from '../../../src/domain/grid/cell';
import { TRAINER_ROWS } from '../../helpers/trainer-library';

const framework = getFramework('classic-2020');
if (framework === null) throw new Error('test setup: classic-2020 missing');

const initialsOf = (name: string) => (name === '培训人次' ? 'pxrc' : 'x');

describe('importLibrary', () => {
  test('keeps the good rows and reports each bad one with its sheet row', () => {
    const result = importLibrary(TRAINER_ROWS, { framework, initialsOf });
    if (!result.ok) throw new Error(result.message);
    expect(result.headerRow).toBe(2);
    expect(
      result.library.map((i) => [i.name, i.level1, i.level2, i.operator, i.reference, i.unit, i.sector]),
    ).toEqual([
      ['培训人次', '产出指标', '数量指标', '≥', '500', '人次', 'common'],
      ['培训合格率', '产出指标', '质量指标', '≥', '95%', '%', 'education'],
      ['长效机制建立', '效益指标', '可持续影响指标', '定性', '长期有效', '', 'common'],
    ]);
    expect(result.problems.map((p) => p.row)).toEqual([5, 6, 7, 9, 11]);
    expect(result.problems[0]?.message).toContain('指标性质');
    expect(result.problems[1]?.message).toContain('二级指标');
    expect(result.problems[2]?.message).toContain('不是数字');
    expect(result.problems[3]?.message).toContain('行业');
    expect(result.problems[4]?.message).toContain('指标解释');
    // Ids are stable (from the sheet row) and the result is a valid library file.
    expect(result.library.map((i) => i.id)).toEqual(['imp-0003', 'imp-0004', 'imp-0010']);
    expect(result.library[0]?.initials).toBe('pxrc');
    expect(loadLibrary(JSON.parse(JSON.stringify(result.library))).ok).toBe(true);
  });

  test('a sheet without the three level headers is refused', () => {
    const result = importLibrary([['名称', '数值']], { framework, initialsOf });
    expect(result.ok).toBe(false);
  });

  test('uses the sheet’s own codes and reports a repeated one', () => {
    const rows: CellScalar[][] = [
      ['指标编码', '一级指标', '二级指标', '三级指标', '指标性质', '指标值', '计量单位', '指标解释'],
      ['GX-01', '产出指标', '数量指标', '甲', '≥', 1, '个', '说明'],
      ['GX-01', '产出指标', '数量指标', '乙', '≥', 1, '个', '说明'],
    ];
    const result = importLibrary(rows, { framework, initialsOf });
    if (!result.ok) throw new Error(result.message);
    expect(result.library.map((i) => i.id)).toEqual(['gx-01']);
    expect(result.problems).toEqual([{ row: 3, message: expect.stringContaining('重复') }]);
  });

  test('sector words', () => {
    expect(sectorOf(null)).toBe('common');
    expect(sectorOf('卫生健康')).toBe('health');
    expect(sectorOf('农业农村')).toBe('agriculture-water');
    expect(sectorOf('火星')).toBeNull();
  });
});
