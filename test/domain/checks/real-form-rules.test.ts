/**
 * The check rules on forms as departments send them (hand-made layouts read by their headers, not our
 * templates): what a reviewer is told, and what is not an alarm, for the patterns of the real-form set.
 */
import { readForm } from '../../../src/domain/forms/read-form';
import type { ParsedForm } from '../../../src/domain/forms/form-model';
import type { CellScalar } from '../../../src/domain/grid/cell';
import type { Issue } from '../../../src/domain/checks/issue';
import { blockOf } from '../../helpers/grid';
import { check, contextFor } from './context';

const N = null;

function read(grid: CellScalar[][], sheet = '自评表'): ParsedForm {
  const result = readForm(blockOf(grid), sheet, null);
  if (!result.ok) throw new Error(result.reason);
  return result.form;
}

function issuesOf(grid: CellScalar[][], options: Parameters<typeof check>[1] = {}): Issue[] {
  return check(read(grid), options);
}

const at = (issues: readonly Issue[], code: string): (string | null)[] =>
  issues.filter((i) => i.code === code).map((i) => i.cell);

/** A 四川-style self-evaluation: the funds row is 总额, 调整后预算数 and 预算执行数, 权重 and 得分. */
function sichuan(score: CellScalar): CellScalar[][] {
  return [
    ['部门预算项目支出绩效自评表(2023年度)', N, N, N, N, N, N, N, N, N],
    ['项目名称', '工资性支出', N, N, N, N, N, N, N, N],
    ['主管部门', '县发展和改革局', N, N, N, '实施单位', '县发展和改革局', N, N, N],
    ['项目年度目标', N, N, N, N, '年度目标完成情况', N, N, N, N],
    ['保障工资及时足额发放', N, N, N, N, '工资已及时足额发放', N, N, N, N],
    ['年度预算数(万元)', '年初预算', '调整后预算数', '预算执行数', '预算执行率', '权重', '得分', N, N, N],
    ['总额', 238.93, 251.89, 251.89, '100.00%', 10, score, N, N, N],
    ['其中:财政资金', 238.93, 251.89, 251.89, '100.00%', '/', '/', N, N, N],
    [
      '一级指标',
      '二级指标',
      '三级指标',
      '指标性质',
      '指标值',
      '度量单位',
      '完成值',
      '权重',
      '得分',
      '未完成原因分析',
    ],
    ['产出指标', '数量指标', '发放覆盖率', '=', 100, '%', 100, 50, 50, N],
    ['效益指标', '社会效益指标', '足额保障率', '=', 100, '%', 100, 30, 30, N],
    ['满意度指标', '服务对象满意度指标', '职工满意度', '≥', 90, '%', 95, 10, 10, N],
    ['合计', N, N, N, N, N, N, 100, 100, N],
  ];
}

describe('预算执行 score', () => {
  it('is computed from a funds row written 总额 / 调整后预算数 / 预算执行数', () => {
    const form = read(sichuan(10));
    const { scores } = contextFor(form);
    expect(scores.execution).toMatchObject({ budget: 251.89, executed: 251.89, score: 10 });
  });

  it('left empty while 执行率 is 100 %: flagged at the empty 得分, saying what the rule gives', () => {
    const issues = issuesOf(sichuan(N));
    expect(issues.filter((i) => i.code === 'budget_score_missing')).toEqual([
      expect.objectContaining({ cell: 'G7', severity: 'error', params: { computed: 10 } }),
    ]);
  });

  it('stated: no issue about it', () => {
    const issues = issuesOf(sichuan(10));
    expect(at(issues, 'budget_score_missing')).toEqual([]);
    expect(at(issues, 'budget_score_mismatch')).toEqual([]);
  });
});

/** A 10号 self-evaluation funds block with 年初预算数 0 and the one amount under 全年执行数. */
function transferFunds(annualBudget: CellScalar, executed: CellScalar): CellScalar[][] {
  return [
    ['项目支出绩效自评表', N, N, N, N, N, N, N, N],
    ['项目名称', '国家基本公共卫生服务', N, N, N, N, N, N, N],
    ['主管部门', '县卫生健康局', N, N, '实施单位', '镇卫生院', N, N, N],
    ['项目资金(万元)', N, '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分', N],
    [N, '年度资金总额', 0, annualBudget, executed, 10, '100%', 10, N],
    [N, '其中:当年财政拨款', 0, annualBudget, executed, '—', '100%', '—', N],
    ['年度总体目标', '预期目标', N, N, '实际完成情况', N, N, N, N],
    [N, '完成基本公共卫生服务', N, N, '已完成', N, N, N, N],
    [
      '一级指标',
      '二级指标',
      '三级指标',
      '年度指标值',
      '实际完成值',
      '分值',
      '得分',
      '偏差原因分析及改进措施',
      N,
    ],
    ['产出指标', '数量指标', '建立预防接种证', '221人', '221人', 50, 50, N, N],
    ['效益指标', '社会效益指标', '儿童健康管理率', '≥90%', '95%', 30, 30, N, N],
    ['满意度指标', '服务对象满意度指标', '群众满意度', '≥90%', '95%', 10, 10, N, N],
    ['总分', N, N, N, N, 100, 100, N, N],
  ];
}

describe('execution above budget', () => {
  it('is not told against a 年初预算数 of 0 when 全年预算数 is left blank', () => {
    expect(at(issuesOf(transferFunds(N, 207.4538)), 'executed_over_budget')).toEqual([]);
  });

  it('is not told against a 年初预算数 of 0 when 全年预算数 covers it', () => {
    expect(at(issuesOf(transferFunds(207.4538, 207.4538)), 'executed_over_budget')).toEqual([]);
  });

  it('is told against the 全年预算数 it exceeds', () => {
    expect(at(issuesOf(transferFunds(200, 207.4538)), 'executed_over_budget')).toEqual(['E5', 'E6']);
  });
});

/** A department goal form with the 年度履职目标 block of budget lines (部门职能 | 年度目标任务 | 支出项目名称 | 预算金额). */
function dutyLines(basic: CellScalar): CellScalar[][] {
  return [
    ['部门整体支出绩效目标表', N, N, N, N],
    ['部门(单位)名称', '市地方志研究室', N, N, N],
    ['年度预算安排(万元)', '资金总额', 171.41, N, N],
    [N, '项目支出', 60.8, N, N],
    [N, '基本支出', 110.61, N, N],
    ['年度总体目标', '保障志鉴地情工作开展，确保日常运转', N, N, N],
    ['年度履职目标', '部门职能', '年度目标任务', '支出项目名称', '预算金额(万元)'],
    [N, '编纂地方志、年鉴', '完成2019年度志鉴任务', '市志编纂与年鉴出版经费', 60.8],
    [N, '确保日常工作正常运行', '按时发放人员工资', '基本支出', basic],
    ['一级指标', '二级指标', '三级指标', '指标解释', '目标值'],
    ['产出指标', '数量指标', '年鉴出版册数', '计划标准', '≥1册'],
    ['效益指标', '社会效益指标', '志鉴利用人次', '历史标准', '≥500人次'],
    ['满意度指标', '服务对象满意度指标', '读者满意度', '计划标准', '≥90%'],
  ];
}

describe('the budget lines of a department’s 年度履职目标', () => {
  it('are read as its task table, with no column reported missing', () => {
    const form = read(dutyLines(110.61), '目标表');
    expect(form.template).toBe('department-goals');
    expect(form.tables.tasks?.map((row) => row.fields.taskBudget?.raw)).toEqual([60.8, 110.61]);
    expect(form.missing).toEqual([]);
  });

  it('adding up to more than 资金总额: told at the line that repeats the total', () => {
    const issues = issuesOf(dutyLines(171.41));
    expect(issues.filter((i) => i.code === 'task_budgets_over_total')).toEqual([
      expect.objectContaining({ cell: 'E9', params: { sum: 232.21, total: 171.41 } }),
    ]);
  });

  it('sharing it out: quiet', () => {
    expect(at(issuesOf(dutyLines(110.61)), 'task_budgets_over_total')).toEqual([]);
  });
});

/** A 湖南 2023 goal form: its own wording for funds and goals, satisfaction filed under 效益 (88号). */
const HUNAN_GOALS: CellScalar[][] = [
  ['2023年项目支出绩效目标申报表', N, N, N, N, N],
  ['项目支出名称', '雾炮车降尘抑尘服务', N, '预算部门', '市环境卫生管理处', N],
  ['年度本级预算金额', '250万', N, '该项目支出上级资金', 0, N],
  ['项目支出实施期', '2023.07-2024.01', N, N, N, N],
  ['实施期绩效目标', '采购降尘抑尘服务，全市空气质量达到优良', N, N, N, N],
  ['本年度绩效目标', '采购降尘抑尘服务，全市空气质量达到优良', N, N, N, N],
  ['本年度绩效指标', '一级指标', '二级指标', '三级指标', '指标值及单位', '绩效标准'],
  [N, '产出指标', '数量指标', '配备车辆数', '10辆', '计划标准'],
  [N, '效益指标', '社会效益指标', '空气质量改善程度', '≥85%', '计划标准'],
  [N, N, '社会公众或服务对象满意度指标', '市民满意度', '≥90%', '计划标准'],
];

describe('a goal form in its province’s words, on the 88号 framework', () => {
  it('has its funds and goals read and its satisfaction group found under 效益', () => {
    const form = read(HUNAN_GOALS, '目标表');
    expect(form.template).toBe('project-goals');
    expect(form.missing).toEqual([]);
    expect(form.goals.annual?.raw).toBe('采购降尘抑尘服务，全市空气质量达到优良');
    const issues = check(form);
    expect(at(issues, 'level1_group_missing')).toEqual([]);
    expect(at(issues, 'level2_not_under_level1')).toEqual([]);
    expect(at(issues, 'required_column_missing')).toEqual([]);
  });
});

describe('a 满意度 row whose 一级 cell writes the 二级 name across both columns (湖南 goal tables)', () => {
  const grid: CellScalar[][] = [
    ['项目绩效目标表(2021年度)', N, N, N, N],
    ['项目名称', '镇域内基础设施建设', N, N, N],
    ['年度绩效指标', '一级指标', '二级指标', '指标内容', '指标值'],
    [N, '产出指标', '数量指标', '新建道路', '≥10公里'],
    [N, '效益指标', '社会效益指标', '群众出行条件', '改善'],
    [N, '社会公众或服务对象满意度指标', N, '群众满意度', '≥90%'],
  ];
  const blockWithMerge = (): ParsedForm => {
    const block = blockOf(grid);
    const result = readForm({ ...block, merges: [{ top: 5, left: 1, bottom: 5, right: 2 }] }, '目标表', null);
    if (!result.ok) throw new Error(result.reason);
    return result.form;
  };

  it('reads the label as the 满意度 group and its 二级 as named: no unknown 一级, no empty 二级', () => {
    const issues = check(blockWithMerge());
    expect(at(issues, 'unknown_level1')).toEqual([]);
    expect(at(issues, 'level_empty')).toEqual([]);
    expect(issues.filter((i) => i.code === 'level1_group_missing').map((i) => i.params)).toEqual([]);
  });

  it('still tells a 一级 cell that is no level of the framework', () => {
    const other = grid.map((row) => [...row]);
    other[5] = [N, '群众评价', N, '群众满意度', '≥90%'];
    expect(at(issuesOf(other), 'unknown_level1')).toEqual(['B6']);
  });
});

describe('a department score sheet on the provincial department framework (部门决策 / 综合管理)', () => {
  const grid: CellScalar[][] = [
    ['2017 年部门整体支出绩效评价得分表', N, N, N],
    ['一级指标', '二级指标', '三级指标', '得分'],
    ['部门决 策(25 分)', '目标任务(15 分)', '相关性(5 分)', 5],
    [N, '预算编制(10 分)', '测算依据(5 分)', 2],
    ['综合管 理(30 分)', '专项资金分配时限(2 分)', '省级财力专项预算分配时限(1 分)', 1],
  ];

  it('is a department self-evaluation whose first levels are known', () => {
    const form = read(grid, '得分表');
    expect(form.template).toBe('department-self-evaluation');
    expect(at(check(form), 'unknown_level1')).toEqual([]);
  });
});
