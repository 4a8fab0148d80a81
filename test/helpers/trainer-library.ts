/** A trainer's spreadsheet of indicators, as rows: the library import tests read it as data and as a workbook. */
import type { CellScalar } from '../../src/domain/grid/cell';

const N = null;

/** A trainer's sheet: a title, the header in row 2 (columns in their own order), good and bad rows. */
export const TRAINER_ROWS: CellScalar[][] = [
  ['培训类共性指标', N, N, N, N, N, N, N, N],
  ['序号', '一级指标', '二级指标', '三级指标', '指标值', '指标性质', '计量单位', '指标解释', '行业'],
  [1, '产出指标', '数量指标', '培训人次', 500, '≥', '人次', '反映培训的人次', '共性'],
  [2, N, '质量指标', '培训合格率', '95%', '≥', N, '反映培训合格的比例', '教育'],
  [3, '产出指标', '时效指标', '按时完成率', 100, '大约', '%', '反映按时完成的情况', N],
  [4, '效益指标', '数量指标', '错放的指标', 1, '≥', '个', '二级指标不属于效益指标', N],
  [5, '满意度指标', '服务对象满意度指标', '学员满意度', '九十', '≥', '%', '反映学员满意的程度', N],
  [N, N, N, N, N, N, N, N, N],
  [6, '效益指标', '社会效益指标', '群众知晓率', '明显提升', '定性', N, '反映群众知晓的程度', '航天'],
  [7, '效益指标', '可持续影响指标', '长效机制建立', '长期有效', '定性', N, '反映长效机制的建立', N],
  [8, '产出指标', '成本指标', '人均培训成本', 300, '≤', '元/人', N, '共性'],
];
