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
    // 湖北 2020 layout: a 自评表 whose title has no 绩效
    ['2020年度长江禁捕项目自评表', 'project-self-evaluation'],
    // A department's evaluation sheets are its self-evaluation (the key evaluation is a project's)
    ['2017 年部门整体支出绩效评价得分表', 'department-self-evaluation'],
    ['部门整体支出绩效评价基础数据表', 'department-self-evaluation'],
    ['部门整体支出绩效评价报告', 'department-self-evaluation'],
    ['项目支出绩效评价报告', 'key-evaluation'],
  ])('%s', (text, template) => {
    expect(detectTemplate(blockOf(title(text)))).toBe(template);
  });

  it('reads a title printed over two lines as one', () => {
    const rows: CellScalar[][] = [
      ['岳阳市2018年度部门整体支出'],
      ['绩效评价自评报告'],
      ['部门(单位)名称:  城管中心'],
    ];
    expect(detectTemplate(blockOf(rows))).toBe('department-self-evaluation');
    // the line above says nothing more: the second line decides alone
    expect(detectTemplate(blockOf([['附件2'], ['项目支出绩效自评表']]))).toBe('project-self-evaluation');
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

  it('takes month words from headers only: a target 1-12月 or a name 12月底前完成 makes no monitoring form', () => {
    const rows: CellScalar[][] = [
      ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '得分'],
      ['产出指标', '时效指标', '12月底之前完成', '1-12月', '100%', 10],
    ];
    expect(detectTemplate(blockOf(rows))).toBe('project-self-evaluation');
  });

  it('reads a 实施进度 column beside the targets as a monitoring table', () => {
    const rows: CellScalar[][] = [
      ['绩效指标', '一级指标', '二级指标', '三级指标', '指标值', '实施进度'],
      [N, '产出指标', '数量指标', '宣传次数', '至少全年完成2次宣传', '已完成100%'],
    ];
    expect(detectTemplate(blockOf(rows))).toBe('project-monitoring');
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
