import { FORM_TITLES } from '../../forms/vocabulary';
import type { ColumnKey } from '../../forms/form-model';
import { gradeFormula, keyRateFormula, keyScoreFormula, totalFormula } from '../../scoring/formulas';
import type { KeyRateKind } from '../../scoring/formulas';
import type { CellContent, PrefilledRow, TemplateSpec } from '../template-spec';
import {
  ERROR_FILL,
  ERROR_FONT,
  PERCENT_FORMAT,
  WARNING_FILL,
  WARNING_FONT,
  headerField,
  input,
  notApplicable,
  scoreFormat,
  totalFormat,
  weightsAddUpTo100,
} from './common';

const OUTPUT = '产出';
const OUTCOME = '效益';

interface Criterion {
  level1: string;
  level2: string;
  level3: string;
  weight: number;
  remark: string;
  /** A formula indicator: rate and score are computed from 分子 / 分母. */
  rate?: KeyRateKind;
}

/**
 * 项目支出绩效评价指标体系框架（参考）, 财预〔2020〕10号 (docs/domain.md §5.3). Weights 15/20/35/30: 产出 + 效益 = 65.
 */
const CRITERIA: readonly Criterion[] = [
  {
    level1: '决策',
    level2: '项目立项',
    level3: '立项依据充分性',
    weight: 3,
    remark: '符合法规、规划和部门职责，属公共财政支持范围，与其他项目不重复',
  },
  {
    level1: '决策',
    level2: '项目立项',
    level3: '立项程序规范性',
    weight: 2,
    remark: '按规定程序申请、设立，审批文件和材料齐全',
  },
  {
    level1: '决策',
    level2: '绩效目标',
    level3: '绩效目标合理性',
    weight: 3,
    remark: '目标与实际工作内容相关，与预算资金量匹配',
  },
  {
    level1: '决策',
    level2: '绩效目标',
    level3: '绩效指标明确性',
    weight: 2,
    remark: '目标细化为可衡量的指标，与任务数相对应',
  },
  {
    level1: '决策',
    level2: '资金投入',
    level3: '预算编制科学性',
    weight: 3,
    remark: '预算经过论证，内容与项目相匹配，测算依据充分',
  },
  {
    level1: '决策',
    level2: '资金投入',
    level3: '资金分配合理性',
    weight: 2,
    remark: '分配依据充分，额度与项目单位实际相适应',
  },
  {
    level1: '过程',
    level2: '资金管理',
    level3: '资金到位率',
    weight: 4,
    remark: '资金到位率 = 实际到位资金 ÷ 预算资金 × 100%（分子填实际到位资金，分母填预算资金）',
    rate: 'funds-in-place',
  },
  {
    level1: '过程',
    level2: '资金管理',
    level3: '预算执行率',
    weight: 4,
    remark: '预算执行率 = 实际支出资金 ÷ 实际到位资金 × 100%（分子填实际支出，分母填实际到位资金）',
    rate: 'budget-execution',
  },
  {
    level1: '过程',
    level2: '资金管理',
    level3: '资金使用合规性',
    weight: 4,
    remark: '符合财务管理制度和资金管理办法，无截留、挤占、挪用',
  },
  {
    level1: '过程',
    level2: '组织实施',
    level3: '管理制度健全性',
    weight: 4,
    remark: '已制定相应的业务和财务管理制度，制度合法、合规、完整',
  },
  {
    level1: '过程',
    level2: '组织实施',
    level3: '制度执行有效性',
    weight: 4,
    remark: '遵守相关法律法规和管理规定，调整及支出手续完备',
  },
  {
    level1: OUTPUT,
    level2: '产出数量',
    level3: '实际完成率',
    weight: 12,
    remark: '实际完成率 = 实际产出数 ÷ 计划产出数 × 100%',
    rate: 'completion',
  },
  {
    level1: OUTPUT,
    level2: '产出质量',
    level3: '质量达标率',
    weight: 10,
    remark: '质量达标率 = 质量达标产出数 ÷ 实际产出数 × 100%',
    rate: 'quality',
  },
  {
    level1: OUTPUT,
    level2: '产出时效',
    level3: '完成及时性',
    weight: 7,
    remark: '实际完成时间与计划完成时间比较',
  },
  {
    level1: OUTPUT,
    level2: '产出成本',
    level3: '成本节约率',
    weight: 6,
    remark: '成本节约率 = (计划成本 − 实际成本) ÷ 计划成本 × 100%（分子填实际成本，分母填计划成本）',
    rate: 'cost-saving',
  },
  {
    level1: OUTCOME,
    level2: '项目效益',
    level3: '实施效益',
    weight: 20,
    remark: '经济效益、社会效益、生态效益和可持续影响',
  },
  {
    level1: OUTCOME,
    level2: '项目效益',
    level3: '满意度',
    weight: 10,
    remark: '服务对象或社会公众满意度调查结果',
  },
];

const scoreAboveWeight = {
  when: (r: { cell(key: ColumnKey): string }) =>
    `AND(ISNUMBER(${r.cell('score')}),ISNUMBER(${r.cell('weight')}),${r.cell('score')}>${r.cell('weight')})`,
  fill: ERROR_FILL,
  fontColor: ERROR_FONT,
};

function formulaCells(kind: KeyRateKind): Partial<Record<ColumnKey, CellContent<ColumnKey>>> {
  return {
    numerator: input({ kind: 'decimal', min: 0 }),
    denominator: input({ kind: 'decimal', min: 0 }),
    rate: {
      kind: 'formula',
      formula: (r) =>
        keyRateFormula(kind, { numerator: r.cell('numerator'), denominator: r.cell('denominator') }),
      numberFormat: PERCENT_FORMAT,
    },
    score: {
      kind: 'formula',
      formula: (r) => keyScoreFormula(kind, { weight: r.cell('weight'), rate: r.cell('rate') }, r.profile),
      numberFormat: scoreFormat,
    },
  };
}

const prefilled: PrefilledRow[] = CRITERIA.map(({ level1, level2, level3, weight, remark, rate }) => ({
  values: { level1, level2, level3, weight, remark },
  ...(rate === undefined ? {} : { cells: formulaCells(rate) }),
}));

/** 项目支出绩效评价评分表: 部门评价 / 财政重点评价. */
export const keyEvaluation: TemplateSpec = {
  id: 'key-evaluation',
  version: 2,
  title: FORM_TITLES['key-evaluation'].canonical,
  description:
    '部门评价或财政重点评价用的评分表：按决策、过程、产出、效益四方面逐项打分，公式类指标由分子分母自动计算，得出总分和等级。',
  sections: [
    {
      kind: 'fields',
      rows: [
        [headerField('projectName', '填写被评价项目的全称。')],
        [
          headerField('department', '填写项目的主管部门。'),
          headerField('implementingUnit', '填写具体实施项目的单位。'),
        ],
        [headerField('evaluator', '填写组织评价的部门或受托的第三方机构。')],
      ],
    },
    {
      kind: 'table',
      table: 'criteria',
      label: '评价指标',
      columns: [
        { key: 'level1', width: 8, content: input(), help: '决策、过程、产出、效益，已预填。' },
        { key: 'level2', width: 10, content: input(), help: '二级指标，已预填。' },
        { key: 'level3', width: 16, content: input(), help: '三级指标，已预填，可按评价方案调整。' },
        {
          key: 'weight',
          width: 7,
          content: input({ kind: 'decimal', min: 0 }),
          help: '按评价方案设定分值，合计 100，产出与效益合计不低于本地区规定。',
        },
        { key: 'remark', width: 36, content: input(), help: '评分标准或计算公式。' },
        {
          key: 'numerator',
          width: 10,
          content: notApplicable,
          help: '公式类指标填分子（见评分标准），其他指标不填。',
        },
        {
          key: 'denominator',
          width: 10,
          content: notApplicable,
          help: '公式类指标填分母（见评分标准），其他指标不填。',
        },
        { key: 'rate', width: 9, content: notApplicable, help: '公式类指标自动计算。' },
        {
          key: 'score',
          width: 8,
          content: {
            kind: 'input',
            validation: { kind: 'decimal', min: 0 },
            numberFormat: scoreFormat,
            highlights: [scoreAboveWeight],
          },
          help: '公式类指标自动计算；其他指标由评价人按评分标准打分，不超过分值。',
        },
      ],
      prefilled,
      mergeRepeated: ['level1', 'level2'],
      blankRows: 0,
      freezeBelowHeader: true,
      total: {
        weight: {
          kind: 'formula',
          formula: (r) => `=SUM(${r.columnRange('criteria', 'weight')})`,
          highlights: [
            weightsAddUpTo100('criteria'),
            {
              when: (r) => {
                const levels = r.columnRange('criteria', 'level1');
                const weights = r.columnRange('criteria', 'weight');
                // 一级 is merged down its group, so only a group's first row names it: 产出 and 效益 are the
                // last groups, and their weights run from the first of them to the end of the table.
                const at = (name: string): string =>
                  `IF(ISNUMBER(MATCH("${name}",${levels},0)),MATCH("${name}",${levels},0),ROWS(${levels})+1)`;
                const from = `INDEX(${weights},MIN(${at(OUTPUT)},${at(OUTCOME)}))`;
                const to = `INDEX(${weights},ROWS(${weights}))`;
                return `SUM(${from}:${to})<${r.profile.keyEvaluation.outputPlusOutcomeMin}`;
              },
              fill: WARNING_FILL,
              fontColor: WARNING_FONT,
            },
          ],
        },
        score: {
          kind: 'formula',
          formula: (r) => totalFormula([r.columnRange('criteria', 'score')], r.profile),
          numberFormat: totalFormat,
        },
      },
    },
    {
      kind: 'fields',
      rows: [
        [
          {
            label: { summary: 'grade' },
            content: {
              kind: 'formula',
              formula: (r) => gradeFormula(r.totalCell('criteria', 'score'), r.profile),
            },
            help: '自动按总分评定等级。',
          },
        ],
      ],
    },
  ],
  rules: ['keyEvaluation', 'rounding', 'grades'],
  checks: [
    '必填项：项目名称、主管部门、实施单位、评价机构。',
    '分值：合计应为 100；产出与效益合计不低于本地区规定。',
    '得分：每项都须打分，得分不超过分值；总分与等级一致。',
  ],
};
