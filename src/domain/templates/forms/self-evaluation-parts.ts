/**
 * The body both self-evaluation forms share (10号 附件1 layout): funds with the budget execution score,
 * 年度总体目标 as 预期目标 / 实际完成情况, the indicator table, 总分, 等级 and 结果应用建议. The two specs differ
 * in their header fields and funds rows.
 */
import type { FundsRowKey } from '../../forms/form-model';
import {
  budgetScoreFormula,
  gradeFormula,
  recommendationFormula,
  totalFormula,
} from '../../scoring/formulas';
import type { FundsSection, SectionSpec } from '../template-spec';
import {
  amountColumn,
  budgetExpression,
  executedAbove,
  levelColumns,
  notApplicable,
  operatorColumn,
  rateColumn,
  scoreFormat,
  selfEvaluationResultColumns,
  targetColumn,
  totalFormat,
  unitColumn,
  weightsAddUpTo100,
} from './common';

export function selfEvaluationFunds(
  label: string,
  rows: readonly FundsRowKey[],
  parts: readonly FundsRowKey[],
): FundsSection {
  return {
    kind: 'funds',
    label,
    rows,
    columns: [
      amountColumn('initialBudget', '年初批复的预算数（万元）。'),
      amountColumn('annualBudget', '年中调整后的全年预算数（万元）；未调整的与年初预算数相同。'),
      amountColumn('executed', '全年实际支出数（万元），不应超过全年预算数。', [
        executedAbove('annualBudget'),
      ]),
      {
        key: 'weight',
        width: 7,
        content: notApplicable,
        help: '预算执行率的分值，按本地区规定固定，不需填写。',
      },
      { ...rateColumn('annualBudget'), content: notApplicable },
      { key: 'score', width: 8, content: notApplicable, help: '自动计算：分值 × 执行率，最高为分值。' },
    ],
    overrides: {
      total: {
        weight: { kind: 'value', value: (profile) => profile.weights.budget },
        rate: rateColumn('annualBudget').content,
        score: {
          kind: 'formula',
          formula: (r) =>
            budgetScoreFormula(
              {
                budget: budgetExpression((k) => r.cell(k), 'annualBudget'),
                executed: r.cell('executed'),
                weight: r.cell('weight'),
              },
              r.profile,
            ),
          numberFormat: scoreFormat,
        },
      },
    },
    partsOf: { total: 'total', parts },
  };
}

export function selfEvaluationBody(funds: FundsSection): SectionSpec[] {
  return [
    funds,
    {
      kind: 'goalColumns',
      label: 'overall',
      columns: [
        { key: 'expected', help: '照抄批复的年度总体目标。' },
        { key: 'achieved', help: '对照预期目标，写明全年实际完成情况。' },
      ],
      rowHeight: 60,
    },
    {
      kind: 'table',
      table: 'indicators',
      label: '绩效指标',
      columns: [
        ...levelColumns(),
        operatorColumn,
        targetColumn,
        unitColumn,
        ...selfEvaluationResultColumns(),
      ],
      blankRows: 'indicatorRows',
      freezeBelowHeader: true,
      total: {
        weight: {
          kind: 'formula',
          formula: (r) => `=SUM(${r.funds('total', 'weight')},${r.columnRange('indicators', 'weight')})`,
          highlights: [weightsAddUpTo100('indicators')],
        },
        score: {
          kind: 'formula',
          formula: (r) =>
            totalFormula([r.funds('total', 'score'), r.columnRange('indicators', 'score')], r.profile),
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
            name: 'grade',
            content: {
              kind: 'formula',
              formula: (r) => gradeFormula(r.totalCell('indicators', 'score'), r.profile),
            },
            help: '自动按总分评定等级。',
          },
        ],
        [
          {
            label: { text: '结果应用建议' },
            content: { kind: 'formula', formula: (r) => recommendationFormula(r.named('grade'), r.profile) },
            help: '按等级给出的结果应用建议，供编制下年预算参考。',
          },
        ],
      ],
    },
  ];
}

/** Checks both self-evaluations get. */
export const SELF_EVALUATION_CHECKS = [
  '必填项：名称、主管部门、实施单位、资金数额、年度总体目标。',
  '资金：总额应等于各分项之和；执行数不应超过预算数；金额不能为负。',
  '指标：一级、二级指标须属于指标框架；三级指标不能为空；各一级指标均应有指标。',
  '数值：指标性质须为 ≥ > = ≤ < 定性；定量指标值须为数字并有计量单位。',
  '分值：指标分值与预算执行率分值合计应为 100；各一级指标分值应符合本地区规定。',
  '得分：填写的得分与按规则计算的得分不一致、得分超过分值、总分不等于各项之和、等级与总分不符。',
  '说明：得分低于分值或超额完成较多的指标须填写偏差原因；定性指标须选完成档次，得分须在档次区间内。',
] as const;
