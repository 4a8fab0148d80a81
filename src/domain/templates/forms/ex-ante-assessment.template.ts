import { FORM_TITLES, RATINGS } from '../../forms/vocabulary';
import { conclusionFormula, exAnteScoreFormula, totalFormula } from '../../scoring/formulas';
import type { PrefilledRow, TemplateSpec } from '../template-spec';
import {
  AMOUNT_FORMAT,
  WARNING_FILL,
  WARNING_FONT,
  headerField,
  input,
  scoreFormat,
  totalFormat,
  weightsAddUpTo100,
} from './common';

/**
 * The five aspects of 中发〔2018〕34号, 20 points each, every 评估要点 worth 5 (docs/domain.md §2.1–2.2).
 * [一级, 二级, [评估要点 …]]
 */
const CRITERIA: readonly (readonly [string, string, readonly string[]])[] = [
  ['立项必要性', '明确相关性', ['项目立项目的明确、具体', '与国家和地方政策规划、部门职责相符']],
  [
    '立项必要性',
    '必要可行性',
    ['与现有项目不重复、不交叉', '经过可行性研究、专家论证或风险评估，并集体决策'],
  ],
  ['投入经济性', '预算科学性', ['预算事项与部门职能、项目内容相匹配', '预算明细清晰，测算依据充分']],
  ['投入经济性', '经济合理性', ['遵循厉行节约原则，成本控制措施有效', '单位成本符合支出标准或市场价格']],
  ['绩效目标合理性', '完整性', ['绩效目标申报表要素完整，无缺项', '指标覆盖产出、效益和满意度']],
  [
    '绩效目标合理性',
    '明确性',
    ['绩效目标具体、可衡量，反映主要产出和效果', '指标值设定有依据，与资金量相匹配'],
  ],
  ['实施方案可行性', '方案完整性', ['实施内容、步骤和时间安排清晰可行', '组织机构、人员和职责明确']],
  ['实施方案可行性', '保障条件', ['项目和资金管理制度健全，措施到位', '风险识别充分，有应对措施']],
  [
    '筹资合规性',
    '筹资合法性',
    ['资金来源符合法律法规和政策规定', '财政支持方式恰当，符合事权与支出责任划分'],
  ],
  ['筹资合规性', '筹资可行性', ['各渠道资金来源稳定、可落实', '不新增隐性债务，筹资风险可控']],
];

const POINTS_PER_CHECK = 5;

const prefilled: PrefilledRow[] = CRITERIA.flatMap(([level1, level2, checks]) =>
  checks.map((level3) => ({ values: { level1, level2, level3, weight: POINTS_PER_CHECK } })),
);

/** 事前绩效评估评分表 (新增重大项目、政策). */
export const exAnteAssessment: TemplateSpec = {
  id: 'ex-ante-assessment',
  version: 2,
  title: FORM_TITLES['ex-ante-assessment'].canonical,
  description:
    '新增重大项目或政策在申请预算前，从立项必要性、投入经济性、绩效目标合理性、实施方案可行性、筹资合规性五方面评级打分，得出评估结论。',
  sections: [
    {
      kind: 'fields',
      rows: [
        [headerField('projectName', '填写拟申请的项目（政策）全称。')],
        [
          headerField('department', '填写项目的主管部门。'),
          headerField('implementingUnit', '填写拟实施项目的单位。'),
        ],
        [
          headerField(
            'projectAmount',
            '填写申请的项目资金总额（万元）。',
            input({ kind: 'decimal', min: 0 }, AMOUNT_FORMAT),
          ),
          headerField('evaluator', '填写组织评估的部门或受托评估机构。'),
        ],
      ],
    },
    {
      kind: 'table',
      table: 'criteria',
      label: '评估指标',
      columns: [
        { key: 'level1', width: 12, content: input(), help: '评估的五个方面，已预填。' },
        { key: 'level2', width: 12, content: input(), help: '二级评估指标，已预填，可按本地办法调整。' },
        { key: 'level3', width: 36, content: input(), help: '评估要点，已预填，可按本地办法调整。' },
        {
          key: 'weight',
          width: 7,
          content: input({ kind: 'decimal', min: 0 }),
          help: '各评估要点的分值，合计 100。',
        },
        {
          key: 'rating',
          width: 7,
          content: input({ kind: 'list', values: RATINGS }),
          help: '逐项评定：优、良、中、差。',
        },
        {
          key: 'score',
          width: 8,
          content: {
            kind: 'formula',
            formula: (r) =>
              exAnteScoreFormula({ weight: r.cell('weight'), rating: r.cell('rating') }, r.profile),
            numberFormat: scoreFormat,
          },
          help: '自动计算：分值 × 评级折算比例。',
        },
        { key: 'remark', width: 24, content: input(), help: '评级理由或需要说明的问题。' },
      ],
      prefilled,
      mergeRepeated: ['level1', 'level2'],
      blankRows: 0,
      freezeBelowHeader: true,
      total: {
        weight: {
          kind: 'formula',
          formula: (r) => `=SUM(${r.columnRange('criteria', 'weight')})`,
          highlights: [weightsAddUpTo100('criteria')],
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
            label: { summary: 'conclusion' },
            name: 'conclusion',
            content: {
              kind: 'input',
              validation: {
                kind: 'list',
                values: (profile) => profile.exAnte.conclusions.map((c) => c.conclusion),
              },
              highlights: [
                {
                  when: (r) =>
                    `AND(${r.named('conclusion')}<>"",${r.named('suggested')}<>"",${r.named('conclusion')}<>${r.named('suggested')})`,
                  fill: WARNING_FILL,
                  fontColor: WARNING_FONT,
                },
              ],
            },
            help: '评估组给出的结论；与按总分得出的建议结论不同时需说明理由。',
          },
          {
            label: { text: '建议结论' },
            name: 'suggested',
            content: {
              kind: 'formula',
              formula: (r) => conclusionFormula(r.totalCell('criteria', 'score'), r.profile),
            },
            help: '按总分自动给出的结论。',
          },
        ],
      ],
    },
  ],
  rules: ['exAnte', 'rounding'],
  checks: [
    '必填项：项目名称、主管部门、实施单位、项目资金总额、评估机构。',
    '评级：每个评估要点都须评级；分值合计应为 100。',
    '结论：评估结论应与总分对应的结论一致。',
  ],
};
