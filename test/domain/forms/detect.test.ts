import type { TemplateId } from '../../../src/domain/forms/form-model';
import { detectTemplate } from '../../../src/domain/forms/detect';
import type { CellScalar } from '../../../src/domain/grid/cell';
import { blockOf } from '../../helpers/grid';
import {
  centralSelfEvaluation,
  departmentSelfEvaluation,
  handMadeMonitoring,
  ourDepartmentGoals,
  ourExAnte,
  untitledKeyEvaluation,
  untitledSelfEvaluation,
} from './form-grids';

const N = null;
const title = (text: string): CellScalar[][] => [
  [N, N],
  [N, text],
];

describe('detectTemplate by title', () => {
  it.each<[string, TemplateId]>([
    ['项目支出绩效自评表', 'project-self-evaluation'],
    ['2024年度项目支出绩效自评表', 'project-self-evaluation'],
    ['部门整体支出绩效自评表', 'department-self-evaluation'],
    ['部门（单位）整体支出绩效自评表', 'department-self-evaluation'],
    ['项目支出绩效目标申报表', 'project-goals'],
    ['部门整体支出绩效目标申报表', 'department-goals'],
    ['项目支出绩效目标执行监控表（2024年1-7月）', 'project-monitoring'],
    ['事 前 绩 效 评 估 表', 'ex-ante-assessment'],
    ['项目支出绩效评价评分表', 'key-evaluation'],
  ])('%s', (text, template) => {
    expect(detectTemplate(blockOf(title(text)))).toBe(template);
  });

  it('looks for the title only in the first rows', () => {
    const rows: CellScalar[][] = Array.from({ length: 10 }, () => [N]);
    rows.push(['项目支出绩效自评表']);
    expect(detectTemplate(blockOf(rows))).toBeNull();
  });

  it('does not take an instructions sheet for the form it explains', () => {
    expect(detectTemplate(blockOf(title('项目支出绩效自评表填表说明')))).toBeNull();
  });
});

describe('detectTemplate by headers', () => {
  it.each<[string, CellScalar[][], TemplateId]>([
    ['实际完成值 + 分值 + 得分', untitledSelfEvaluation(), 'project-self-evaluation'],
    [
      'a central self-evaluation without its title',
      centralSelfEvaluation().slice(1),
      'project-self-evaluation',
    ],
    ['部门名称 and 基本支出', departmentSelfEvaluation(false), 'department-self-evaluation'],
    ['1-7月执行情况', handMadeMonitoring(), 'project-monitoring'],
    ['评级', ourExAnte(false), 'ex-ante-assessment'],
    ['决策 + 过程', untitledKeyEvaluation(), 'key-evaluation'],
    ['任务名称', ourDepartmentGoals(false), 'department-goals'],
    [
      '分子 / 分母',
      [
        ['一级指标', '二级指标', '三级指标', '分值', '分子', '分母', '得分'],
        ['产出', '产出数量', '实际完成率', 20, 9, 10, 18],
      ],
      'key-evaluation',
    ],
    [
      'indicator headers and nothing else: goals',
      [
        ['项目名称', '道路建设'],
        ['一级指标', '二级指标', '三级指标', '指标值'],
        ['产出指标', '数量指标', '道路长度', '≥10公里'],
      ],
      'project-goals',
    ],
  ])('%s', (_name, rows, template) => {
    expect(detectTemplate(blockOf(rows))).toBe(template);
  });

  it.each<[string, CellScalar[][]]>([
    ['random text', [['会议纪要'], ['时间', '三月'], ['分值', '得分', '实际完成值']]],
    [
      'numbers only',
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
    ],
    ['nothing', []],
  ])('no form in %s', (_name, rows) => {
    expect(detectTemplate(blockOf(rows))).toBeNull();
  });

  it('scans only a bounded window', () => {
    const rows: CellScalar[][] = Array.from({ length: 200 }, () => [N]);
    rows.push(['一级指标', '二级指标', '三级指标', '实际完成值', '得分']);
    expect(detectTemplate(blockOf(rows))).toBeNull();
  });
});
