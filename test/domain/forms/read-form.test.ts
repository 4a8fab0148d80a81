import type { Block, CellScalar } from '../../../src/domain/grid/cell';
import type {
  ColumnKey,
  Field,
  ParsedForm,
  RowReading,
  TemplateId,
} from '../../../src/domain/forms/form-model';
import { readForm, type FormLayout, type FormHint } from '../../../src/domain/forms/read-form';
import { blockOf } from '../../helpers/grid';
import {
  centralSelfEvaluation,
  departmentSelfEvaluation,
  handMadeMonitoring,
  handMadeProjectGoals,
  ourDepartmentGoals,
  ourExAnte,
  ourKeyEvaluation,
  ourMonitoring,
  ourProjectGoals,
  ourProjectSelfEvaluation,
  untitledKeyEvaluation,
  untitledSelfEvaluation,
  yunnanSelfEvaluation,
} from './form-grids';

const N = null;

/** "B3=乡村道路养护": a field as one comparable string. */
function show(field: Field | undefined): string {
  if (field === undefined) return '(absent)';
  return `${field.cell ?? '-'}=${field.raw === null ? '' : String(field.raw)}`;
}

/** Levels as the one reading gives them (merged cells carried down), with the row's own 三级. */
function levels(reading: RowReading): string {
  const level3 = String(reading.cells.fields.level3?.raw ?? '');
  return `${reading.row + 1}:${reading.level1 ?? ''}/${reading.level2 ?? ''}/${level3}`;
}

function read(block: Block, hint: FormHint | null = null): { form: ParsedForm; layout: FormLayout } {
  const result = readForm(block, '表1', hint);
  if (!result.ok) throw new Error(`sheet not read: ${result.reason}`);
  return result;
}

interface Expectation {
  template: TemplateId;
  source: 'meta' | 'headers';
  header?: Record<string, string>;
  funds?: Record<string, Record<string, string>>;
  goals?: Record<string, string>;
  /** Rows of the main table as "sheetRow:一级/二级/三级". */
  rows?: string[];
  table?: 'indicators' | 'tasks' | 'criteria';
  /** Cells of particular rows: [row index in the table, column, "A1=raw"]. */
  cells?: [number, ColumnKey, string][];
  absentColumns?: ColumnKey[];
  total?: string;
  grade?: string;
  conclusion?: string;
  missing?: string[];
}

interface Case {
  name: string;
  block: Block;
  hint?: FormHint;
  expect: Expectation;
}

function withRows(rows: CellScalar[][], edit: (rows: CellScalar[][]) => void): CellScalar[][] {
  const copy = rows.map((row) => [...row]);
  edit(copy);
  return copy;
}

const ours = ourProjectSelfEvaluation();

const cases: Case[] = [
  {
    name: 'our project self-evaluation, recognised by _meta',
    block: blockOf(ours.rows, 0, 0, ours.formulas),
    hint: { template: 'project-self-evaluation', version: 3 },
    expect: {
      template: 'project-self-evaluation',
      source: 'meta',
      header: {
        projectName: 'B3=乡村道路养护',
        department: 'B4=交通运输局',
        implementingUnit: 'H4=公路养护中心',
        year: 'H3=2024',
      },
      funds: {
        total: {
          initialBudget: 'C6=100',
          annualBudget: 'D6=120',
          executed: 'E6=114',
          weight: 'F6=10',
          rate: 'G6=0.95',
          score: 'H6=9.5',
        },
        fiscal: { executed: 'E7=96' },
        carryover: { annualBudget: 'D8=10' },
        other: { executed: 'E9=9' },
      },
      goals: { expected: 'B11=完成道路养护200公里', achieved: 'G11=完成养护205公里' },
      rows: [
        '13:产出指标/数量指标/养护里程',
        '14:产出指标/质量指标/验收合格率',
        '15:产出指标/时效指标/按时完成率',
        '16:效益指标/社会效益指标/群众出行条件',
        '17:满意度指标/服务对象满意度指标/群众满意度',
      ],
      cells: [
        [0, 'operator', 'D13=≥'],
        [0, 'unit', 'F13=公里'],
        [3, 'tier', 'H16=达成'],
        [3, 'qualitativeScore', 'I16=30'],
        [4, 'deviation', 'L17='],
      ],
      total: 'K19=99.5',
      grade: 'B20=优',
      missing: [],
    },
  },
  {
    name: 'our project self-evaluation without _meta, recognised by its title',
    block: blockOf(ours.rows),
    expect: {
      template: 'project-self-evaluation',
      source: 'headers',
      total: 'K19=99.5',
      grade: 'B20=优',
      missing: [],
    },
  },
  {
    name: 'central (10号) style: 绩效指标 column, merged 一级/二级, operator inside the target, grade beside the total',
    block: blockOf(centralSelfEvaluation()),
    expect: {
      template: 'project-self-evaluation',
      source: 'headers',
      header: {
        projectName: 'B3=农村饮水安全工程',
        department: 'B4=水利局',
        implementingUnit: 'G4=农村供水站',
      },
      funds: {
        total: { annualBudget: 'D6=480', executed: 'E6=456', rate: 'G6=95%', score: 'H6=9.5' },
        carryover: { executed: 'E8=0' },
      },
      goals: { expected: 'B11=新建供水管网30公里', achieved: 'F11=完成32公里' },
      rows: [
        '13:产出指标/数量指标/新建管网长度',
        '14:产出指标/质量指标/工程验收合格率',
        '15:产出指标/质量指标/水质达标率',
        '16:效益指标/社会效益指标/受益人口',
        '17:满意度指标/服务对象满意度指标/群众满意度',
      ],
      cells: [
        [0, 'target', 'E13=≥30公里'],
        [2, 'level1', 'B15='],
        [2, 'level2', 'C15='],
        [2, 'deviation', 'I15=个别水样浊度超标，已整改'],
      ],
      absentColumns: ['operator', 'unit', 'tier', 'qualitativeScore'],
      total: 'H18=99.2',
      grade: 'I18=优',
      missing: [],
    },
  },
  {
    name: '云南 style: 指标性质, 指标值, 度量单位 and 备注 inserted; 其他需要说明事项 before 总分',
    block: blockOf(yunnanSelfEvaluation()),
    expect: {
      template: 'project-self-evaluation',
      source: 'headers',
      rows: [
        '11:产出指标/数量指标/培训人次',
        '12:产出指标/质量指标/取证率',
        '13:效益指标/社会效益指标/就业率',
        '14:满意度指标/服务对象满意度指标/学员满意度',
      ],
      cells: [
        [0, 'operator', 'E11=≥'],
        [0, 'target', 'F11=500'],
        [0, 'unit', 'G11=人次'],
        [1, 'actual', 'H12=78'],
        [1, 'weight', 'I12=20'],
        [1, 'score', 'J12=19.5'],
      ],
      total: 'J16=99',
      grade: 'L16=优',
      missing: [],
    },
  },
  {
    name: 'columns in another order',
    block: blockOf([
      ['项目支出绩效自评表', N, N, N, N, N, N, N],
      ['三级指标', '一级指标', '二级指标', '分值', '得分', '实际完成值', '年度指标值', '计量单位'],
      ['验收合格率', '产出指标', '质量指标', 20, 19, 95, 98, '%'],
      ['满意度', '满意度指标', '服务对象满意度指标', 10, 10, 95, 90, '%'],
    ]),
    expect: {
      template: 'project-self-evaluation',
      source: 'headers',
      rows: ['3:产出指标/质量指标/验收合格率', '4:满意度指标/服务对象满意度指标/满意度'],
      cells: [
        [0, 'weight', 'D3=20'],
        [0, 'score', 'E3=19'],
        [0, 'actual', 'F3=95'],
        [0, 'target', 'G3=98'],
        [1, 'unit', 'H4=%'],
      ],
      // 主管部门 and 实施单位 are fields this hand-made layout never had: absent by design, not missing.
      missing: ['项目名称', '项目资金', '预期目标', '实际完成情况', '总分'],
    },
  },
  {
    name: 'a left margin column and a block that does not start at A1',
    block: blockOf(
      centralSelfEvaluation().map((row) => [N, ...row]),
      4,
      2,
    ),
    expect: {
      template: 'project-self-evaluation',
      source: 'headers',
      header: { projectName: 'E7=农村饮水安全工程', implementingUnit: 'J8=农村供水站' },
      funds: { total: { annualBudget: 'G10=480' } },
      goals: { expected: 'E15=新建供水管网30公里' },
      rows: [
        '17:产出指标/数量指标/新建管网长度',
        '18:产出指标/质量指标/工程验收合格率',
        '19:产出指标/质量指标/水质达标率',
        '20:效益指标/社会效益指标/受益人口',
        '21:满意度指标/服务对象满意度指标/群众满意度',
      ],
      cells: [[0, 'score', 'K17=20']],
      total: 'K22=99.2',
      missing: [],
    },
  },
  {
    name: 'two-row headers: 项目资金（万元） over the funds header, a sub-header row under the indicator header',
    block: blockOf([
      ['项目支出绩效自评表', N, N, N, N, N, N, N, N],
      ['项目名称', '公共法律服务', N, N, N, N, N, N, N],
      ['主管部门', '司法局', N, N, '实施单位', '法律援助中心', N, N, N],
      ['项目资金（万元）', N, N, N, N, N, N, N, N],
      [N, N, '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分', N],
      [N, '年度资金总额', 50, 50, 45, 10, 0.9, 9, N],
      ['年度总体目标', '预期目标', N, N, '实际完成情况', N, N, N, N],
      [N, '提供法律援助300件', N, N, '完成320件', N, N, N, N],
      ['绩效指标', N, N, N, N, N, N, N, N],
      [
        '一级指标',
        '二级指标',
        '三级指标',
        '指标值',
        N,
        '实际完成值',
        '分值',
        '得分',
        '偏差原因分析及改进措施',
      ],
      [N, N, N, '指标性质', '年度指标值', N, N, N, N],
      ['产出指标', '数量指标', '法律援助案件数', '≥', 300, 320, 40, 40, N],
    ]),
    expect: {
      template: 'project-self-evaluation',
      source: 'headers',
      funds: { total: { initialBudget: 'C6=50', executed: 'E6=45', score: 'H6=9' } },
      rows: ['12:产出指标/数量指标/法律援助案件数'],
      cells: [
        [0, 'operator', 'D12=≥'],
        [0, 'target', 'E12=300'],
        [0, 'actual', 'F12=320'],
      ],
    },
  },
  {
    name: 'merged 一级 and 二级 cells inherit from above; a new 一级 does not inherit the old 二级',
    block: blockOf([
      ['项目支出绩效自评表', N, N, N, N, N, N],
      ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'],
      ['产出指标', '数量指标', '甲', 1, 1, 10, 10],
      [N, N, '乙', 1, 1, 10, 10],
      [N, '质量指标', '丙', 1, 1, 10, 10],
      ['效益指标', N, '丁', 1, 1, 10, 10],
    ]),
    expect: {
      template: 'project-self-evaluation',
      source: 'headers',
      rows: ['3:产出指标/数量指标/甲', '4:产出指标/数量指标/乙', '5:产出指标/质量指标/丙', '6:效益指标//丁'],
      cells: [
        [1, 'level1', 'A4='],
        [1, 'level2', 'B4='],
        [1, 'level3', 'C4=乙'],
        [3, 'level2', 'B6='],
      ],
    },
  },
  {
    name: 'empty rows in the middle of a table neither count nor end it',
    block: blockOf([
      ['项目支出绩效自评表', N, N, N, N, N, N],
      ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'],
      ['产出指标', '数量指标', '甲', 1, 1, 10, 10],
      [N, N, N, N, N, N, N],
      ['  ', '', N, N, N, N, N],
      [N, N, '乙', 1, 1, 10, 10],
      ['总分', N, N, N, N, 20, 20],
    ]),
    expect: {
      template: 'project-self-evaluation',
      source: 'headers',
      rows: ['3:产出指标/数量指标/甲', '6:产出指标/数量指标/乙'],
      total: 'G7=20',
    },
  },
  {
    name: 'labels with full-width spaces, line breaks, stars and units in brackets',
    block: blockOf([
      ['项 目 支 出 绩 效 自 评 表', N, N, N, N, N, N, N, N],
      ['*项目名称：', '档案数字化', N, N, N, N, N, N, N],
      ['主管部门（单位）', '档案局', N, N, '★实施单位', '档案馆', N, N, N],
      [
        '项目资金\n（万元）',
        N,
        '年初预算数（万元）',
        '全年预算数\n（万元）',
        '全年执行数（万元）',
        '分　值',
        '执行率（%）',
        '得　分',
        N,
      ],
      [N, '年度资金总额：', 30, 30, 27, 10, 90, 9, N],
      ['年度总体目标', '预期目标', N, N, '实际完成情况', N, N, N, N],
      [N, '数字化10万卷', N, N, '完成10.5万卷', N, N, N, N],
      [
        '一级\n指标',
        '二级\n指标',
        '三级\n指标',
        '年度\n指标值',
        '实际\n完成值',
        '分值（分）',
        '得分（分）',
        '偏差原因分析\n及改进措施',
        N,
      ],
      ['产出指标', '数量指标', '数字化卷数', '≥10万卷', '10.5万卷', 50, 50, N, N],
      ['总　分', N, N, N, N, 60, 59, N, N],
    ]),
    expect: {
      template: 'project-self-evaluation',
      source: 'headers',
      header: { projectName: 'B2=档案数字化', department: 'B3=档案局', implementingUnit: 'F3=档案馆' },
      funds: { total: { initialBudget: 'C5=30', rate: 'G5=90', weight: 'F5=10' } },
      goals: { expected: 'B7=数字化10万卷' },
      rows: ['9:产出指标/数量指标/数字化卷数'],
      cells: [
        [0, 'weight', 'F9=50'],
        [0, 'score', 'G9=50'],
      ],
      total: 'G10=59',
      missing: [],
    },
  },
  {
    name: 'a required column missing: the field is absent and its label is reported',
    block: blockOf(
      withRows(centralSelfEvaluation(), (rows) => {
        for (const row of rows.slice(11)) row.splice(5, 1);
      }),
    ),
    expect: {
      template: 'project-self-evaluation',
      source: 'headers',
      absentColumns: ['actual'],
      cells: [[0, 'weight', 'F13=20']],
      total: 'G18=99.2',
      missing: ['实际完成值'],
    },
  },
  {
    name: 'recognised by its headers only',
    block: blockOf(untitledSelfEvaluation()),
    expect: {
      template: 'project-self-evaluation',
      source: 'headers',
      header: { projectName: 'B1=社区养老服务', implementingUnit: 'E2=养老服务中心' },
      rows: [
        '4:产出指标/数量指标/服务老人人次',
        '5:效益指标/社会效益指标/老人生活质量',
        '6:满意度指标/服务对象满意度指标/老人满意度',
      ],
      total: 'G7=90',
      missing: ['项目资金', '预期目标', '实际完成情况'],
    },
  },
  {
    name: 'department self-evaluation by title: 部门名称, 基本支出 / 项目支出, a sub-heading inside the funds block',
    block: blockOf(departmentSelfEvaluation(true)),
    expect: {
      template: 'department-self-evaluation',
      source: 'headers',
      header: { departmentName: 'B2=县卫生健康局' },
      funds: {
        total: { annualBudget: 'D4=3200' },
        fiscal: { executed: 'E6=2900' },
        basic: { executed: 'E8=2080' },
        project: { executed: 'E9=1020' },
      },
      rows: [
        '13:产出指标/数量指标/家庭医生签约人数',
        '14:效益指标/社会效益指标/居民健康素养水平',
        '15:满意度指标/服务对象满意度指标/群众满意度',
      ],
      total: 'G16=99.69',
      missing: [],
    },
  },
  {
    name: 'department self-evaluation by its headers only',
    block: blockOf(departmentSelfEvaluation(false)),
    expect: { template: 'department-self-evaluation', source: 'headers', missing: [] },
  },
  {
    name: 'our project goals, by _meta',
    block: blockOf(ourProjectGoals()),
    hint: { template: 'project-goals', version: 1 },
    expect: {
      template: 'project-goals',
      source: 'meta',
      header: {
        projectName: 'B3=智慧校园建设',
        department: 'F3=教育局',
        implementingUnit: 'B4=第一中学',
        projectAttribute: 'F4=新增项目',
        projectPeriod: 'B5=3年',
      },
      funds: {
        total: { midTerm: 'C7=300', annual: 'D7=100' },
        fiscal: { annual: 'D8=100' },
        other: { midTerm: 'C9=0' },
      },
      goals: { midTerm: 'B10=三年内建成智慧校园', annual: 'F10=完成网络改造' },
      rows: [
        '12:产出指标/数量指标/改造教室数',
        '13:效益指标/社会效益指标/信息化教学覆盖率',
        '14:满意度指标/服务对象满意度指标/师生满意度',
      ],
      cells: [[0, 'basis', 'G12=建设方案']],
      total: '-=',
      missing: [],
    },
  },
  {
    name: '88号 project goals: goals as a row of labels with the texts below',
    block: blockOf(handMadeProjectGoals()),
    expect: {
      template: 'project-goals',
      source: 'headers',
      header: {
        department: 'B3=[101]住房和城乡建设局',
        projectAttribute: 'B4=延续项目',
        projectPeriod: 'E4=2年',
      },
      funds: { total: { midTerm: 'C6=800', annual: 'D6=400' }, fiscal: { annual: 'D7=300' } },
      goals: { overall: 'A10=', midTerm: 'B10=完成20个小区改造', annual: 'D10=完成10个小区改造' },
      rows: [
        '12:产出指标/数量指标/改造小区数',
        '13:产出指标/时效指标/完工时间',
        '14:满意度指标/服务对象满意度指标/居民满意度',
      ],
      cells: [[1, 'target', 'E13=≤12月底']],
      missing: [],
    },
  },
  {
    name: 'department goals: tasks with an empty row, a one-column funds block, goals and indicators',
    block: blockOf(ourDepartmentGoals(true)),
    hint: { template: 'department-goals', version: 1 },
    expect: {
      template: 'department-goals',
      source: 'meta',
      header: { departmentName: 'B2=县教育局' },
      funds: { total: { annual: 'C8=5000' }, basic: { annual: 'C9=3000' }, project: { annual: 'C10=2000' } },
      goals: { overall: 'B11=保障城乡义务教育均衡发展' },
      rows: ['13:产出指标/数量指标/维修校舍面积', '14:效益指标/社会效益指标/义务教育巩固率'],
      missing: [],
    },
  },
  {
    name: 'department goals tasks table',
    block: blockOf(ourDepartmentGoals(false)),
    expect: {
      template: 'department-goals',
      source: 'headers',
      table: 'tasks',
      cells: [
        [0, 'taskName', 'B4=义务教育保障'],
        [0, 'taskProjects', 'D4=义务教育经费保障'],
        [1, 'taskContent', 'C6=维修校舍2万平方米'],
      ],
      missing: [],
    },
  },
  {
    name: 'our monitoring, by _meta',
    block: blockOf(ourMonitoring()),
    hint: { template: 'project-monitoring', version: 2 },
    expect: {
      template: 'project-monitoring',
      source: 'meta',
      header: { monitoringMonth: 'L2=7', implementingUnit: 'I2=公路养护中心' },
      funds: { total: { initialBudget: 'C4=100', executed: 'D4=50', rate: 'E4=0.5', forecast: 'F4=100' } },
      goals: { overall: 'B7=完成道路养护200公里', progress: 'G7=已完成110公里' },
      rows: ['9:产出指标/数量指标/养护里程', '10:产出指标/质量指标/验收合格率'],
      cells: [
        [0, 'progress', 'G9=110'],
        [0, 'forecast', 'H9=200'],
        [1, 'cause', 'I10=制度保障'],
        [1, 'likelihood', 'J10=有可能'],
        [1, 'remark', 'K10=正在整改'],
      ],
      missing: [],
    },
  },
  {
    name: 'hand-made monitoring: 1-7月 labels, goals as column headers, 偏差原因 split into ticked columns',
    block: blockOf(handMadeMonitoring()),
    expect: {
      template: 'project-monitoring',
      source: 'headers',
      funds: { total: { executed: 'D4=50', rate: 'E4=50%', forecast: 'F4=100' } },
      goals: { overall: 'A8=培训500人次', progress: 'D8=已培训300人次' },
      rows: ['11:产出指标/数量指标/培训人次', '12:产出指标/数量指标/培训合格率'],
      cells: [
        [0, 'cause', 'G11='],
        [1, 'cause', 'H12=制度保障'],
        [1, 'likelihood', 'L12=有可能'],
        [1, 'remark', 'M12=考核制度待完善'],
      ],
      missing: [],
    },
  },
  {
    name: 'our ex-ante assessment: ratings, 总分 and 评估结论',
    block: blockOf(ourExAnte(true)),
    expect: {
      template: 'ex-ante-assessment',
      source: 'headers',
      table: 'criteria',
      header: { projectAmount: 'F3=300', evaluator: 'B4=专家组' },
      rows: [
        '6:立项必要性/政策相关性/是否符合国家和地方政策',
        '7:投入经济性/成本合理性/投入产出是否匹配',
        '8:绩效目标合理性/目标明确性/目标是否细化量化',
        '9:实施方案可行性/方案完整性/实施方案是否完备',
        '10:筹资合规性/资金来源/筹资是否合规',
      ],
      cells: [[1, 'rating', 'E7=良']],
      total: 'F11=84',
      conclusion: 'B12=调整完善后予以支持',
      missing: [],
    },
  },
  {
    name: 'ex-ante assessment recognised by its 评级 column',
    block: blockOf(ourExAnte(false)),
    expect: { template: 'ex-ante-assessment', source: 'headers', total: 'F11=84', missing: [] },
  },
  {
    name: 'our key evaluation: formula indicators, 总分 and 评价等级',
    block: blockOf(ourKeyEvaluation()),
    hint: { template: 'key-evaluation', version: 1 },
    expect: {
      template: 'key-evaluation',
      source: 'meta',
      table: 'criteria',
      header: { evaluator: 'E3=某会计师事务所' },
      rows: [
        '5:决策/项目立项/立项依据充分性',
        '6:过程/资金管理/资金到位率',
        '7:产出/产出数量/实际完成率',
        '8:效益/项目效益/实施效益',
      ],
      cells: [
        [1, 'numerator', 'F6=95'],
        [1, 'denominator', 'G6=100'],
        [1, 'rate', 'H6=0.95'],
        [1, 'remark', 'E6=到位率×分值'],
      ],
      total: 'I9=64.75',
      grade: 'B10=良',
      missing: [],
    },
  },
  {
    name: 'key evaluation recognised by 决策 and 过程 alone',
    block: blockOf(untitledKeyEvaluation()),
    expect: {
      template: 'key-evaluation',
      source: 'headers',
      table: 'criteria',
      absentColumns: ['numerator', 'denominator', 'rate', 'remark'],
      total: 'E7=90',
      missing: [],
    },
  },
  {
    name: 'a _meta hint wins over the title',
    block: blockOf(centralSelfEvaluation()),
    hint: { template: 'project-goals', version: 1 },
    expect: {
      template: 'project-goals',
      source: 'meta',
      rows: [
        '13:产出指标/数量指标/新建管网长度',
        '14:产出指标/质量指标/工程验收合格率',
        '15:产出指标/质量指标/水质达标率',
        '16:效益指标/社会效益指标/受益人口',
        '17:满意度指标/服务对象满意度指标/群众满意度',
      ],
    },
  },
];

describe('readForm', () => {
  it.each(cases)('$name', ({ block, hint, expect: want }) => {
    const { form, layout } = read(block, hint ?? null);
    expect(form.template).toBe(want.template);
    expect(form.source).toBe(want.source);
    expect(layout.template).toBe(want.template);
    expect(form.templateVersion).toBe(hint ? hint.version : null);
    for (const [key, value] of Object.entries(want.header ?? {})) {
      expect([key, show(form.header[key as keyof ParsedForm['header']])]).toEqual([key, value]);
    }
    for (const [rowKey, cols] of Object.entries(want.funds ?? {})) {
      const fundsRow = form.funds[rowKey as keyof ParsedForm['funds']];
      for (const [colKey, value] of Object.entries(cols)) {
        expect([
          rowKey,
          colKey,
          show(fundsRow?.cols[colKey as keyof NonNullable<typeof fundsRow>['cols']]),
        ]).toEqual([rowKey, colKey, value]);
      }
    }
    for (const [key, value] of Object.entries(want.goals ?? {})) {
      expect([key, show(form.goals[key as keyof ParsedForm['goals']])]).toEqual([key, value]);
    }
    const tableKey = want.table ?? 'indicators';
    const rows = form.tables[tableKey] ?? [];
    if (want.rows) expect((form.readings[tableKey] ?? []).map(levels)).toEqual(want.rows);
    for (const [index, key, value] of want.cells ?? []) {
      expect([index, key, show(rows[index]?.fields[key])]).toEqual([index, key, value]);
    }
    for (const key of want.absentColumns ?? []) {
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row.fields[key]).toBeUndefined();
    }
    if (want.total !== undefined) expect(show(form.total)).toBe(want.total);
    if (want.grade !== undefined) expect(show(form.grade)).toBe(want.grade);
    if (want.conclusion !== undefined) expect(show(form.conclusion)).toBe(want.conclusion);
    if (want.missing !== undefined) expect(form.missing).toEqual(want.missing);
  });
});

describe('readForm details', () => {
  it('keeps the formula of formula cells and drops rows that hold nothing but formulas', () => {
    const { form } = read(blockOf(ours.rows, 0, 0, ours.formulas), {
      template: 'project-self-evaluation',
      version: 3,
    });
    expect(form.funds.total?.cols.rate?.formula).toBe('=IF(D6>0,E6/D6,0)');
    expect(form.funds.total?.cols.executed?.formula).toBeNull();
    expect(form.tables.indicators?.[0]?.fields.score?.formula).toBe('=IF(G13="","",J13)');
    expect(form.tables.indicators?.map((r) => r.row)).not.toContain(17);
    expect(form.total.formula).toBe('=H6+SUM(K13:K18)');
  });

  it('records where every table, the funds block and the summary are', () => {
    const { layout } = read(
      blockOf(
        centralSelfEvaluation().map((row) => [N, ...row]),
        4,
        2,
      ),
    );
    const indicators = layout.tables.indicators;
    expect(indicators).toMatchObject({
      table: 'indicators',
      headerTop: 15,
      headerRow: 15,
      firstDataRow: 16,
      endRow: 21,
      left: 2,
      right: 11,
      columns: { level1: 4, level2: 5, level3: 6, target: 7, actual: 8, weight: 9, score: 10, deviation: 11 },
    });
    expect(layout.funds).toMatchObject({
      headerRow: 8,
      endRow: 13,
      rows: { total: 9, fiscal: 10, carryover: 11, other: 12 },
    });
    expect(layout.funds?.columns).toEqual({
      initialBudget: 5,
      annualBudget: 6,
      executed: 7,
      weight: 8,
      rate: 9,
      score: 10,
    });
    expect(layout.summaryRow).toBe(21);
  });

  it('reads the sheet position of a two-row header band', () => {
    const sheet = handMadeMonitoring();
    const { layout } = read(blockOf(sheet));
    expect(layout.tables.indicators).toMatchObject({ headerTop: 8, headerRow: 9, firstDataRow: 10 });
    expect(layout.tables.indicators?.causeColumns.map((c) => c.cause)).toEqual([
      '经费保障',
      '制度保障',
      '人员保障',
      '硬件条件保障',
      '其他',
    ]);
  });

  it('ends a table at the notes under the form', () => {
    const rows = withRows(untitledSelfEvaluation(), (grid) => {
      grid.splice(
        6,
        1,
        ['填表说明：1. 定性指标按档次评分。', N, N, N, N, N, N],
        ['填报人：张三', N, N, N, N, N, N],
      );
    });
    const { form } = read(blockOf(rows));
    expect(form.tables.indicators).toHaveLength(3);
    expect(form.missing).toContain('总分');
  });

  it('tells an empty sheet from a sheet that holds no form', () => {
    expect(readForm(blockOf([]), 'Sheet1', null)).toEqual({ ok: false, reason: 'empty' });
    expect(
      readForm(
        blockOf([
          [N, '  '],
          ['', N],
        ]),
        'Sheet1',
        null,
      ),
    ).toEqual({ ok: false, reason: 'empty' });
    expect(
      readForm(
        blockOf([
          ['会议纪要', N],
          ['时间', '2024年3月1日'],
          ['参会人员', '张三、李四'],
          [1, 2],
        ]),
        'Sheet2',
        null,
      ),
    ).toEqual({ ok: false, reason: 'unrecognized' });
  });

  it('reports every section of a form that is missing altogether', () => {
    const { form } = read(blockOf([['项目支出绩效自评表']]));
    expect(form.missing).toEqual(['项目名称', '项目资金', '预期目标', '实际完成情况', '绩效指标', '总分']);
    expect(form.tables).toEqual({});
    expect(form.total).toEqual({ raw: null, cell: null, formula: null });
  });
});
