/**
 * Every rule, table-driven: at least one form where it fires (code, severity, cell) and one where it does not.
 * Forms come from the builders in test/helpers/forms.ts, which give a complete and consistent form unless
 * told otherwise, so each case changes only what it is about.
 */
import type { FundsColKey, FundsRow, FundsRowKey, ParsedForm } from '../../../src/domain/forms/form-model';
import type { Severity } from '../../../src/domain/checks/issue';
import { RULES } from '../../../src/domain/checks/registry';
import { FORM_SHAPES } from '../../../src/domain/forms/form-shapes';
import {
  buildForm,
  cellOf,
  cleanExAnteCriteria,
  cleanGoalIndicators,
  cleanKeyCriteria,
  cleanMonitoringIndicators,
  cleanSelfEvaluationIndicators,
  exAnteForm,
  formula,
  goalsForm,
  keyEvaluationForm,
  monitoringForm,
  selfEvaluation,
  withRow,
  type FundsSpec,
  type RowSpec,
} from '../../helpers/forms';
import { check } from './context';

interface Options {
  profile?: string;
  framework?: string;
  goals?: ParsedForm | null;
}

interface FiresCase {
  name: string;
  form: ParsedForm;
  options?: Options;
  code: string;
  severity: Severity;
  cell: string | null;
  params?: Record<string, string | number>;
  /** When set, these are all the issues of the form: one root cause, one issue. */
  only?: string[];
}

interface QuietCase {
  name: string;
  form: ParsedForm;
  options?: Options;
  code: string;
}

const SE = 'project-self-evaluation';
const MON = 'project-monitoring';
const EX = 'ex-ante-assessment';
const KEY = 'key-evaluation';
const GOALS = 'project-goals';
const rows = cleanSelfEvaluationIndicators;
const se = (index: number, patch: RowSpec, more: Parameters<typeof selfEvaluation>[0] = {}): ParsedForm =>
  selfEvaluation({ indicators: withRow(rows(), index, patch), ...more });
const mon = (index: number, patch: RowSpec, more: Parameters<typeof monitoringForm>[0] = {}): ParsedForm =>
  monitoringForm({ indicators: withRow(cleanMonitoringIndicators(), index, patch), ...more });
const seFunds = (funds: FundsSpec, more: Parameters<typeof selfEvaluation>[0] = {}): ParsedForm =>
  selfEvaluation({ funds, ...more });
const monFunds = (executed: number, month: number | string = 6, budget = 100): ParsedForm =>
  monitoringForm({
    header: {
      projectName: '农村饮水安全工程',
      department: '市水利局',
      implementingUnit: '市水利工程建设中心',
      monitoringMonth: month,
    },
    funds: {
      total: { initialBudget: budget, executed, forecast: budget },
      fiscal: { initialBudget: budget, executed, forecast: budget },
    },
  });
/** A goal form with a 项目预算 block of three cost items and a 合计 in row 9 (columns C and E). */
const withSums = (executed2020: number): ParsedForm => {
  const cell = (raw: number | string, at: string) => ({ raw, cell: at, formula: null });
  return {
    ...goalsForm(),
    sums: [
      {
        totalLabel: cell('合计', 'B9'),
        items: [cell('保安服务费', 'B6'), cell('保洁服务费', 'B7'), cell('水电气、维修维护费', 'B8')],
        columns: [
          {
            header: '金额',
            items: [cell(191, 'C6'), cell(99, 'C7'), cell(524, 'C8')],
            total: cell(814, 'C9'),
          },
          {
            header: '2020年实际执行数',
            items: [cell(191, 'E6'), cell(99, 'E7'), cell(372.88, 'E8')],
            total: cell(executed2020, 'E9'),
          },
        ],
      },
    ],
  };
};
/** The form without one column of its funds block (a layout that never had it). */
function withoutFundsColumn(form: ParsedForm, col: FundsColKey): ParsedForm {
  const funds: ParsedForm['funds'] = {};
  for (const [key, row] of Object.entries(form.funds) as [FundsRowKey, FundsRow][]) {
    const cols = { ...row.cols };
    delete cols[col];
    funds[key] = { ...row, cols };
  }
  return { ...form, funds };
}
/** The form as read by its headers: a form in hand, not made from our template. */
function inHand(form: ParsedForm): ParsedForm {
  return { ...form, source: 'headers' };
}
/** The summary row of a self-evaluation with the clean seven indicators. */
const SE_TOTAL = 'C22';
const SE_GRADE = 'E22';
const EX_CONCLUSION = 'G25';

const FIRES: FiresCase[] = [
  // Structure
  {
    name: 'a column the reader did not find',
    form: selfEvaluation({ missing: ['偏差原因分析及改进措施'] }),
    code: 'required_column_missing',
    severity: 'error',
    cell: null,
    params: { label: '偏差原因分析及改进措施' },
  },
  {
    name: 'a form in hand whose layout has no 总体目标 block',
    form: { ...inHand(selfEvaluation()), absentByLayout: ['预期目标', '实际完成情况'] },
    code: 'layout_part_absent',
    severity: 'info',
    cell: null,
    params: { labels: '预期目标、实际完成情况' },
  },
  {
    name: 'a header read as the label it nearly matches',
    form: { ...selfEvaluation(), labelGuesses: [{ cell: 'A3', text: '主管主管部门', label: '主管部门' }] },
    code: 'label_near_match',
    severity: 'info',
    cell: 'A3',
    params: { text: '主管主管部门', label: '主管部门' },
  },
  {
    name: 'an indicator table of blank rows',
    form: selfEvaluation({ indicators: [null, null], total: null }),
    code: 'table_empty',
    severity: 'error',
    cell: 'C14',
  },
  // Required fields
  {
    name: 'blank 项目名称',
    form: selfEvaluation({
      header: { projectName: '  ', department: '市水利局', implementingUnit: '市水利工程建设中心' },
    }),
    code: 'required_field_missing',
    severity: 'error',
    cell: 'B2',
    params: { label: '项目名称' },
  },
  {
    name: 'blank 全年执行数',
    form: seFunds(
      { total: { initialBudget: 100, annualBudget: 100, executed: null, weight: 10 } },
      { total: null },
    ),
    code: 'required_field_missing',
    severity: 'error',
    cell: 'E5',
  },
  {
    name: 'blank 实际完成情况',
    form: selfEvaluation({ goals: { expected: '完成建设', achieved: '无' } }),
    code: 'required_field_missing',
    severity: 'error',
    cell: 'E11',
  },
  {
    name: 'a task without a name',
    form: buildForm('department-goals', {
      indicators: cleanGoalIndicators(),
      tasks: [{ taskContent: '新建供水工程' }],
    }),
    code: 'task_name_missing',
    severity: 'error',
    cell: 'A12',
  },
  // Framework
  {
    name: 'no 一级 on the first row',
    form: se(0, { level1: null }),
    code: 'level_empty',
    severity: 'error',
    cell: 'A14',
    params: { label: '一级指标', name: '新建供水工程' },
  },
  {
    name: 'unknown 一级',
    form: se(0, { level1: '产出类' }),
    code: 'unknown_level1',
    severity: 'error',
    cell: 'A14',
  },
  {
    name: 'unknown 一级 in a key evaluation',
    form: keyEvaluationForm({ indicators: withRow(cleanKeyCriteria(), 0, { level1: '结果' }) }),
    code: 'unknown_level1',
    severity: 'error',
    cell: 'A14',
  },
  {
    name: 'unknown 二级',
    form: se(0, { level2: '数目指标' }),
    code: 'unknown_level2',
    severity: 'error',
    cell: 'B14',
  },
  {
    name: 'a 二级 of a form in hand nearly written (社会效益效益指标)',
    form: inHand(se(4, { level2: '社会效益效益指标' })),
    code: 'level_near_match',
    severity: 'info',
    cell: 'B18',
    params: { text: '社会效益效益指标', level: '社会效益指标', name: expect.any(String) as string },
    only: ['level_near_match'],
  },
  {
    name: 'a 一级 of a form in hand nearly written (产出类指标)',
    form: inHand(se(0, { level1: '产出类指标' })),
    code: 'level_near_match',
    severity: 'info',
    cell: 'A14',
    params: { text: '产出类指标', level: '产出指标', name: '新建供水工程' },
  },
  {
    name: '二级 under the wrong 一级',
    form: se(0, { level2: '社会效益指标' }),
    code: 'level2_not_under_level1',
    severity: 'error',
    cell: 'B14',
    params: { level1: '产出指标', level2: '社会效益指标', expected: '效益指标', name: '新建供水工程' },
  },
  {
    name: '数量指标 filed under 效益指标 (only 满意度 may be, by 88号)',
    form: se(4, { level2: '数量指标' }),
    code: 'level2_not_under_level1',
    severity: 'error',
    cell: 'B18',
    params: {
      level1: '效益指标',
      level2: '数量指标',
      expected: '产出指标',
      name: expect.any(String) as string,
    },
  },
  {
    name: 'empty 三级',
    form: se(0, { level3: null }),
    code: 'level3_empty',
    severity: 'error',
    cell: 'C14',
    params: { row: 14 },
  },
  {
    name: 'a repeated indicator',
    form: selfEvaluation({ indicators: [...rows(), rows()[0] ?? null] }),
    code: 'duplicate_indicator',
    severity: 'warning',
    cell: 'C21',
    params: { name: '新建供水工程', firstRow: 14 },
  },
  {
    name: 'no 满意度 group',
    form: selfEvaluation({ indicators: rows().slice(0, 6) }),
    code: 'level1_group_missing',
    severity: 'error',
    cell: null,
    params: { level1: '满意度指标' },
  },
  {
    name: 'no 满意度 group in a self-evaluation in hand whose weights then add up to 90',
    form: inHand(selfEvaluation({ indicators: rows().slice(0, 6), total: 90, grade: '优' })),
    code: 'level1_group_missing',
    severity: 'error',
    cell: null,
    params: { level1: '满意度指标' },
  },
  {
    name: 'no 满意度 group in a goal form in hand',
    form: inHand(goalsForm({ indicators: cleanGoalIndicators().filter((r) => r.level1 !== '满意度指标') })),
    code: 'level1_group_missing',
    severity: 'error',
    cell: null,
    params: { level1: '满意度指标' },
  },
  {
    name: '湖北 profile on our template: no 满意度 group is still an error',
    form: selfEvaluation({ indicators: rows().slice(0, 6) }),
    options: { profile: 'hubei' },
    code: 'level1_group_missing',
    severity: 'error',
    cell: null,
    params: { level1: '满意度指标' },
  },
  {
    name: '湖北: a self-evaluation in hand whose 效益 rows fill the 效益 + 满意度 group',
    form: inHand(selfEvaluation({ indicators: rows().slice(0, 6), total: 90, grade: '优' })),
    options: { profile: 'hubei' },
    code: 'level1_group_shared',
    severity: 'info',
    cell: null,
    params: { level1: '满意度指标', present: '效益指标' },
  },
  {
    name: 'no 成本 group under core-2021',
    form: goalsForm({ indicators: cleanGoalIndicators().filter((r) => r.level2 !== '成本指标') }),
    options: { framework: 'core-2021' },
    code: 'level1_group_missing',
    severity: 'error',
    cell: null,
    params: { level1: '成本指标' },
  },
  // Values
  {
    name: 'an Excel error value',
    form: se(0, { target: '#DIV/0!' }),
    code: 'cell_error_value',
    severity: 'error',
    cell: cellOf(SE, 'target', 0),
  },
  {
    name: 'a stored formula result the row no longer gives',
    form: se(0, { score: formula(5) }),
    code: 'formula_result_differs',
    severity: 'warning',
    cell: cellOf(SE, 'score', 0),
    params: { name: '新建供水工程', stored: 5, computed: 20 },
  },
  {
    name: 'a stored total the rows do not add up to',
    form: selfEvaluation({ total: formula(98) }),
    code: 'formula_total_differs',
    severity: 'warning',
    cell: selfEvaluation({ total: formula(98) }).total.cell,
    params: { label: '总分', stored: 98, computed: 100 },
  },
  {
    name: 'a typed score among our score formulas',
    form: se(0, { score: formula(20) }),
    code: 'score_formula_replaced',
    severity: 'warning',
    cell: cellOf(SE, 'score', 1),
  },
  {
    name: 'full-width digits where our formula scores the row',
    form: se(0, { actual: '９３', score: formula('') }),
    code: 'number_as_text',
    severity: 'error',
    cell: cellOf(SE, 'actual', 0),
    params: { label: '实际完成值', value: '９３', number: '93', name: '新建供水工程' },
  },
  {
    name: 'a pasted number with a non-breaking space in a hand-made row',
    form: se(0, { weight: '20\u00a0' }),
    code: 'number_as_text_plain',
    severity: 'warning',
    cell: cellOf(SE, 'weight', 0),
    params: { label: '分值', value: '20␣', number: '20', name: '新建供水工程' },
  },
  {
    // Our template's score formula reads the 指标性质 column alone: it must be chosen.
    name: 'no operator where our formula scores the row',
    form: se(0, { operator: null, score: formula(null, '=IF(D14="","",1)') }),
    code: 'operator_missing',
    severity: 'error',
    cell: 'D14',
  },
  {
    name: 'no operator anywhere, a cost in the name',
    form: se(3, { operator: null }),
    code: 'operator_assumed',
    severity: 'info',
    cell: 'D17',
    params: { name: '单位供水成本', word: '成本', operator: '≤' },
  },
  {
    name: 'no operator anywhere, no telling word',
    form: se(0, { operator: null }),
    code: 'operator_assumed_default',
    severity: 'info',
    cell: 'D14',
    params: { name: '新建供水工程', operator: '≥' },
  },
  {
    name: 'no operator column and a text target with no tier',
    form: buildForm(SE, {
      indicators: withRow(rows(), 0, { target: '按计划完成', actual: '已完成' }),
      columns: (FORM_SHAPES[SE].tables[0]?.columns ?? []).map((c) => c.key).filter((k) => k !== 'operator'),
    }),
    code: 'indicator_unscored',
    severity: 'warning',
    cell: 'D14',
  },
  {
    name: 'a blank 指标性质 in a form in hand and a target with no number: the target is why',
    form: inHand(se(0, { operator: null, target: '到0次', actual: '43次', score: 20 })),
    code: 'indicator_unscored',
    severity: 'warning',
    cell: 'E14',
    params: {
      name: '新建供水工程',
      value: '到0次',
      tiers: '达成年度指标／部分达成年度指标并具有一定效果／未达成年度指标且效果较差',
    },
  },
  {
    name: 'an unreadable operator',
    form: se(0, { operator: '大约' }),
    code: 'operator_invalid',
    severity: 'error',
    cell: 'D14',
    params: { value: '大约', name: '新建供水工程' },
  },
  {
    name: '定性指标 scrambled by a copy in a form in hand (性标定指)',
    form: inHand(se(0, { operator: '性标定指' })),
    code: 'operator_near_match',
    severity: 'info',
    cell: 'D14',
    params: { value: '性标定指', word: '定性指标', name: '新建供水工程' },
  },
  {
    name: 'no target',
    form: se(0, { target: null }),
    code: 'target_missing',
    severity: 'error',
    cell: 'E14',
    only: ['target_missing'],
  },
  {
    name: 'a text target on a quantitative row',
    form: se(0, { target: '十处' }),
    code: 'target_not_number',
    severity: 'error',
    cell: 'E14',
  },
  {
    name: 'no unit',
    form: se(0, { unit: null }),
    code: 'unit_missing',
    severity: 'error',
    cell: 'F14',
    only: ['unit_missing'],
  },
  {
    name: 'a percentage above 100',
    form: se(1, { target: 120 }),
    code: 'percent_over_100',
    severity: 'warning',
    cell: 'E15',
    params: { value: 120, name: '工程验收合格率' },
  },
  {
    name: 'a placeholder target',
    form: se(0, { target: '*' }),
    code: 'placeholder_value',
    severity: 'error',
    cell: 'E14',
    only: ['placeholder_value'],
  },
  {
    name: 'a placeholder actual',
    form: se(0, { actual: '/' }),
    code: 'placeholder_value',
    severity: 'error',
    cell: 'G14',
    only: ['placeholder_value'],
  },
  {
    name: 'a cost indicator with ≥',
    form: se(3, { operator: '≥', actual: 3, score: 5 }),
    code: 'cost_indicator_operator',
    severity: 'warning',
    cell: 'D17',
    only: ['cost_indicator_operator'],
  },
  {
    name: 'a time indicator due after the project period ends',
    form: goalsForm({
      indicators: withRow(cleanGoalIndicators(), 2, {
        level3: '项目完工时间',
        operator: '≤',
        target: '2026年6月底前',
        unit: null,
      }),
    }),
    code: 'timeliness_after_project_end',
    severity: 'warning',
    cell: cellOf(GOALS, 'target', 2),
    params: { name: '项目完工时间', value: '2026年6月', period: '2023-2025年' },
  },
  {
    name: 'a time indicator given as a year with the unit 年',
    form: goalsForm({
      indicators: withRow(cleanGoalIndicators(), 2, {
        level3: '项目完工年份',
        operator: '≤',
        target: 2026,
        unit: '年',
      }),
      header: { projectName: '农村饮水安全工程', projectPeriod: '2024年1月—2025年12月' },
    }),
    code: 'timeliness_after_project_end',
    severity: 'warning',
    cell: cellOf(GOALS, 'target', 2),
    params: { name: '项目完工年份', value: '2026年', period: '2024年1月—2025年12月' },
  },
  // Weights
  {
    name: 'no weight',
    form: se(0, { weight: null }),
    code: 'weight_missing',
    severity: 'error',
    cell: 'J14',
  },
  {
    name: 'a text weight',
    form: se(0, { weight: '二十' }),
    code: 'weight_not_number',
    severity: 'error',
    cell: 'J14',
  },
  {
    name: 'a zero weight',
    form: se(0, { weight: 0, score: 0 }, { total: 80 }),
    code: 'weight_not_positive',
    severity: 'error',
    cell: 'J14',
  },
  {
    name: 'weights adding up to 105',
    form: se(0, { weight: 25, score: 25 }, { total: 105 }),
    code: 'weight_sum_not_100',
    severity: 'error',
    cell: 'J14',
    params: { sum: 105, budget: 10 },
  },
  {
    name: '产出 55 and 效益 25',
    form: selfEvaluation({
      indicators: withRow(withRow(rows(), 0, { weight: 25, score: 25 }), 4, { weight: 10, score: 10 }),
    }),
    code: 'level1_weight_off_profile',
    severity: 'warning',
    cell: 'J14',
    params: { level1: '产出指标+成本指标', sum: 55, expected: 50 },
  },
  {
    name: '湖北: 产出 50 where 40 is set',
    form: selfEvaluation(),
    options: { profile: 'hubei' },
    code: 'level1_weight_off_profile',
    severity: 'warning',
    cell: 'J14',
    params: { level1: '产出指标+成本指标', sum: 50, expected: 40 },
  },
  {
    name: 'a form in hand weighting its groups 40 / 40 / 10: once, as information',
    form: inHand(
      selfEvaluation({
        indicators: withRow(withRow(rows(), 0, { weight: 10, score: 10 }), 4, { weight: 25, score: 25 }),
      }),
    ),
    code: 'level1_weights_own_scheme',
    severity: 'info',
    cell: 'J14',
    params: {
      split: '预算执行 10 / 产出指标+成本指标 40 / 效益指标 40 / 满意度指标 10',
      expected: '预算执行 10 / 产出指标+成本指标 50 / 效益指标 30 / 满意度指标 10',
    },
    only: ['level1_weights_own_scheme'],
  },
  {
    name: '湖北: budget weight 10 where 20 is set',
    form: selfEvaluation(),
    options: { profile: 'hubei' },
    code: 'budget_weight_off_profile',
    severity: 'warning',
    cell: 'F5',
    params: { stated: 10, expected: 20 },
  },
  // Money
  {
    name: 'a text amount',
    form: seFunds({
      total: { initialBudget: 100, annualBudget: '一百', executed: 100, weight: 10, score: 10 },
    }),
    code: 'amount_not_number',
    severity: 'error',
    cell: 'D5',
  },
  {
    name: 'a negative amount',
    form: seFunds({
      total: { annualBudget: 100, executed: 100, weight: 10, score: 10 },
      fiscal: { annualBudget: 105, executed: 105 },
      other: { annualBudget: -5, executed: -5 },
    }),
    code: 'negative_amount',
    severity: 'error',
    cell: 'D8',
    only: ['negative_amount', 'negative_amount'],
  },
  {
    name: 'parts above the total',
    form: seFunds({
      total: { annualBudget: 100, executed: 100, weight: 10, score: 10 },
      fiscal: { annualBudget: 80, executed: 80 },
      other: { annualBudget: 30, executed: 20 },
    }),
    code: 'funds_parts_mismatch',
    severity: 'error',
    cell: 'D5',
    params: {
      column: '年度资金总额·全年预算数',
      total: 100,
      parts: 110,
      partsLabel: '财政拨款、上年结转资金与其他资金',
      tolerance: 0.01,
    },
  },
  {
    name: 'one part larger than the whole beside parts that fit: the part is the slip',
    form: buildForm('department-goals', {
      indicators: cleanGoalIndicators(),
      funds: { total: { annual: 968.1918 }, basic: { annual: 7242318 }, project: { annual: 243.96 } },
    }),
    code: 'funds_parts_mismatch',
    severity: 'error',
    cell: 'C9',
    params: {
      column: '年度资金总额·年度资金',
      total: 968.1918,
      parts: 7242561.96,
      partsLabel: '基本支出与项目支出',
      tolerance: 0.01,
    },
  },
  {
    name: 'task budget lines above the total, one repeating the whole total',
    form: buildForm('department-goals', {
      indicators: cleanGoalIndicators(),
      tasks: [
        { taskName: '志鉴编纂', taskContent: '完成年鉴出版', taskBudget: 200 },
        { taskName: '日常运转', taskContent: '保障人员工资', taskBudget: 500 },
      ],
    }),
    code: 'task_budgets_over_total',
    severity: 'error',
    cell: 'D13',
    params: { sum: 700, total: 500 },
  },
  {
    name: 'a 合计 of cost items that does not add up',
    form: withSums(662.98),
    code: 'sum_items_mismatch',
    severity: 'error',
    cell: 'E9',
    params: { column: '2020年实际执行数', total: 662.98, parts: 662.88, count: 3, tolerance: 0.01 },
  },
  {
    name: 'total left at zero, 财政拨款 filled',
    form: seFunds({
      total: { annualBudget: 0, executed: 0, weight: 10, score: 0 },
      fiscal: { annualBudget: 80, executed: 80 },
    }),
    code: 'funds_parts_mismatch',
    severity: 'error',
    cell: 'D5',
  },
  {
    name: 'execution above the budget',
    form: seFunds({
      total: { annualBudget: 100, executed: 120, weight: 10, score: 10 },
      fiscal: { annualBudget: 100, executed: 120 },
    }),
    code: 'executed_over_budget',
    severity: 'warning',
    cell: 'E5',
  },
  {
    name: 'execution above the 年初预算数 of a form without 全年预算数',
    form: withoutFundsColumn(
      seFunds({
        total: { initialBudget: 100, executed: 120, weight: 10, score: 10 },
        fiscal: { initialBudget: 100, executed: 120 },
      }),
      'annualBudget',
    ),
    code: 'executed_over_budget',
    severity: 'warning',
    cell: 'E5',
    params: {
      label: '年度资金总额·全年执行数',
      executed: 120,
      budgetLabel: '年度资金总额·年初预算数',
      budget: 100,
    },
  },
  {
    name: 'a total typed in 元',
    form: seFunds({
      total: { annualBudget: 1000000, executed: 100, weight: 10, score: 10 },
      fiscal: { annualBudget: 80, executed: 80 },
      other: { annualBudget: 20, executed: 20 },
    }),
    code: 'amount_unit_mismatch',
    severity: 'error',
    cell: 'D5',
    only: ['amount_unit_mismatch'],
  },
  {
    name: 'an execution typed in 元',
    form: seFunds({ total: { annualBudget: 100, executed: 1000000, weight: 10, score: 10 } }),
    code: 'amount_unit_mismatch',
    severity: 'error',
    cell: 'E5',
  },
  // Self-evaluation
  {
    name: 'no actual',
    form: se(0, { actual: null }),
    code: 'actual_missing',
    severity: 'error',
    cell: 'G14',
    only: ['actual_missing'],
  },
  {
    name: 'a text actual',
    form: se(0, { actual: '已完成' }),
    code: 'actual_not_number',
    severity: 'error',
    cell: 'G14',
    only: ['actual_not_number'],
  },
  {
    name: 'a negative actual',
    form: se(0, { actual: -3, score: 0, deviation: '工程未开工' }, { total: 80, grade: '良' }),
    code: 'actual_negative',
    severity: 'warning',
    cell: 'G14',
    only: ['actual_negative'],
  },
  {
    name: 'a text score',
    form: se(0, { score: '满分' }),
    code: 'score_not_number',
    severity: 'error',
    cell: 'K14',
  },
  {
    name: 'no score',
    form: se(0, { score: null }),
    code: 'score_missing',
    severity: 'error',
    cell: 'K14',
    only: ['score_missing'],
  },
  {
    name: 'no score for a key-evaluation criterion',
    form: keyEvaluationForm({ indicators: withRow(cleanKeyCriteria(), 0, { score: null }), total: 85 }),
    code: 'score_missing',
    severity: 'error',
    cell: 'I14',
  },
  {
    name: 'a score above the weight',
    form: se(0, { score: 25 }, { total: 105 }),
    code: 'score_over_weight',
    severity: 'error',
    cell: 'K14',
    params: { stated: 25, weight: 20, name: '新建供水工程' },
    only: ['score_over_weight'],
  },
  {
    name: 'a stated score off the rule',
    form: se(0, { actual: 8, deviation: '两处未完工' }),
    code: 'score_mismatch',
    severity: 'error',
    cell: 'K14',
    params: { name: '新建供水工程', stated: 20, computed: 16, tolerance: 0.1 },
    only: ['score_mismatch'],
  },
  {
    name: 'a met satisfaction target scored as weight × 95%',
    form: se(6, { score: 9.5, deviation: '满意度' }, { total: 99.5 }),
    code: 'score_mismatch',
    severity: 'error',
    cell: 'K20',
    only: ['score_mismatch'],
  },
  {
    name: '= with T = 0 missed',
    form: se(2, { target: 0, unit: '起', actual: 1 }),
    code: 'score_mismatch',
    severity: 'error',
    cell: 'K16',
    params: { name: '按期完工率', stated: 10, computed: 0, tolerance: 0.1 },
  },
  {
    name: 'a mismatch just beyond the tolerance',
    form: se(0, { actual: 8, score: 16.2, deviation: '两处未完工' }, { total: 96.2 }),
    code: 'score_mismatch',
    severity: 'error',
    cell: 'K14',
    only: ['score_mismatch'],
  },
  {
    name: 'a score below weight without a reason',
    form: se(0, { actual: 8, score: 16 }, { total: 96 }),
    code: 'deviation_reason_missing',
    severity: 'error',
    cell: 'L14',
    params: { name: '新建供水工程', score: 16, weight: 20 },
    only: ['deviation_reason_missing'],
  },
  {
    name: 'a reason of 无',
    form: se(0, { actual: 8, score: 16, deviation: '无' }, { total: 96 }),
    code: 'deviation_reason_missing',
    severity: 'error',
    cell: 'L14',
  },
  {
    name: 'over-achievement at 130%',
    form: se(0, { actual: 13 }),
    code: 'over_achievement_unexplained',
    severity: 'warning',
    cell: 'L14',
    params: { name: '新建供水工程', actual: 13, target: 10, ratio: 130, threshold: 120 },
    only: ['over_achievement_unexplained'],
  },
  {
    name: 'no tier',
    form: se(5, { tier: null }),
    code: 'qualitative_tier_missing',
    severity: 'error',
    cell: 'H19',
    only: ['qualitative_tier_missing'],
  },
  {
    name: 'an unknown tier',
    form: se(5, { tier: '很好' }),
    code: 'qualitative_tier_invalid',
    severity: 'error',
    cell: 'H19',
  },
  {
    name: 'a full score for 部分达成',
    form: se(5, { tier: '部分达成', deviation: '部分设施待完善' }),
    code: 'qualitative_score_out_of_band',
    severity: 'error',
    cell: 'I19',
    params: { name: '工程持续发挥效益', stated: 15, tier: '部分达成年度指标并具有一定效果', band: '[9, 12)' },
    only: ['qualitative_score_out_of_band'],
  },
  {
    name: '部分达成 at the open top edge',
    form: se(5, { tier: '部分达成', qualitativeScore: 12, score: 12, deviation: '待完善' }, { total: 97 }),
    code: 'qualitative_score_out_of_band',
    severity: 'error',
    cell: 'I19',
    only: ['qualitative_score_out_of_band'],
  },
  {
    name: '部分达成 just below the band',
    form: se(
      5,
      { tier: '部分达成', qualitativeScore: 8.99, score: 8.99, deviation: '待完善' },
      { total: 93.99 },
    ),
    code: 'qualitative_score_out_of_band',
    severity: 'error',
    cell: 'I19',
  },
  {
    name: '湖北: 部分达成 below 50%',
    form: se(5, { tier: '部分达成', qualitativeScore: 7, score: 7, deviation: '待完善' }, { total: 92 }),
    options: { profile: 'hubei' },
    code: 'qualitative_score_out_of_band',
    severity: 'error',
    cell: 'I19',
    params: {
      name: '工程持续发挥效益',
      stated: 7,
      tier: '部分达成预期指标并具有一定效果',
      band: '[7.5, 12)',
    },
  },
  {
    name: 'a budget score off the rate',
    form: seFunds(
      {
        total: { initialBudget: 100, annualBudget: 100, executed: 100, weight: 10, score: 9 },
        fiscal: { initialBudget: 80, annualBudget: 80, executed: 80 },
        other: { initialBudget: 20, annualBudget: 20, executed: 20 },
      },
      { total: 99 },
    ),
    code: 'budget_score_mismatch',
    severity: 'error',
    cell: 'H5',
    params: { stated: 9, computed: 10, tolerance: 0.1 },
    only: ['budget_score_mismatch'],
  },
  {
    name: 'a budget score left empty while the rate gives one',
    form: seFunds({
      total: { initialBudget: 100, annualBudget: 100, executed: 100, weight: 10, score: null },
      fiscal: { initialBudget: 80, annualBudget: 80, executed: 80 },
      other: { initialBudget: 20, annualBudget: 20, executed: 20 },
    }),
    code: 'budget_score_missing',
    severity: 'error',
    cell: 'H5',
    params: { computed: 10 },
    only: ['budget_score_missing'],
  },
  {
    name: 'no total',
    form: selfEvaluation({ total: null }),
    code: 'total_missing',
    severity: 'error',
    cell: SE_TOTAL,
    only: ['total_missing'],
  },
  {
    name: 'a total off the parts',
    form: selfEvaluation({ total: 98 }),
    code: 'total_mismatch',
    severity: 'error',
    cell: SE_TOTAL,
    params: { stated: 98, computed: 100, tolerance: 0.1 },
    only: ['total_mismatch'],
  },
  {
    name: 'no grade',
    form: selfEvaluation({ grade: null }),
    code: 'grade_missing',
    severity: 'error',
    cell: SE_GRADE,
    only: ['grade_missing'],
  },
  {
    name: 'an unknown grade',
    form: selfEvaluation({ grade: '合格' }),
    code: 'grade_invalid',
    severity: 'error',
    cell: SE_GRADE,
  },
  {
    name: 'a grade off the total',
    form: selfEvaluation({ grade: '良' }),
    code: 'grade_mismatch',
    severity: 'error',
    cell: SE_GRADE,
    params: { stated: '良', expected: '优', total: 100 },
    only: ['grade_mismatch'],
  },
  // Monitoring
  {
    name: 'month 13',
    form: monFunds(50, 13),
    code: 'monitoring_month_invalid',
    severity: 'error',
    cell: 'F3',
  },
  {
    name: 'red light',
    form: monFunds(20),
    code: 'execution_behind_schedule',
    severity: 'error',
    cell: 'D5',
    params: { rate: 20, progress: 50, ratio: 40 },
    only: ['execution_behind_schedule'],
  },
  {
    name: 'yellow light',
    form: monFunds(35),
    code: 'execution_lagging',
    severity: 'warning',
    cell: 'D5',
    params: { rate: 35, progress: 50, ratio: 70 },
    only: ['execution_lagging'],
  },
  {
    name: 'yellow at the red edge',
    form: monFunds(30),
    code: 'execution_lagging',
    severity: 'warning',
    cell: 'D5',
  },
  {
    name: 'red with the month written 1-6月',
    form: monFunds(20, '1-6月'),
    code: 'execution_behind_schedule',
    severity: 'error',
    cell: 'D5',
  },
  {
    name: 'no likelihood',
    form: mon(0, { likelihood: null }),
    code: 'likelihood_missing',
    severity: 'error',
    cell: cellOf(MON, 'likelihood', 0),
  },
  {
    name: 'an unknown likelihood',
    form: mon(0, { likelihood: '可能' }),
    code: 'likelihood_invalid',
    severity: 'error',
    cell: 'J14',
  },
  {
    name: 'no cause where the goal may fail',
    form: mon(0, { likelihood: '有可能' }),
    code: 'cause_missing',
    severity: 'error',
    cell: 'I14',
    params: { name: '新建供水工程', likelihood: '有可能' },
  },
  {
    name: 'no progress',
    form: mon(0, { progress: null }),
    code: 'progress_missing',
    severity: 'warning',
    cell: 'G14',
  },
  // Ex-ante and key evaluation
  {
    name: 'no rating',
    form: exAnteForm({
      indicators: withRow(cleanExAnteCriteria(), 0, { rating: null, score: null }),
      total: 90,
      conclusion: '予以支持',
    }),
    code: 'rating_missing',
    severity: 'error',
    cell: cellOf(EX, 'rating', 0),
    only: ['rating_missing'],
  },
  {
    name: 'an unknown rating',
    form: exAnteForm({ indicators: withRow(cleanExAnteCriteria(), 0, { rating: 'A' }) }),
    code: 'rating_invalid',
    severity: 'error',
    cell: 'E14',
  },
  {
    name: 'no conclusion',
    form: exAnteForm({ conclusion: null }),
    code: 'conclusion_missing',
    severity: 'error',
    cell: EX_CONCLUSION,
    only: ['conclusion_missing'],
  },
  {
    name: 'a conclusion off the total',
    form: exAnteForm({ conclusion: '不予支持' }),
    code: 'conclusion_inconsistent',
    severity: 'error',
    cell: EX_CONCLUSION,
    params: { stated: '不予支持', expected: '予以支持', total: 100 },
  },
  {
    name: '产出 + 效益 below 60',
    form: keyEvaluationForm({
      indicators: [
        { level1: '决策', level2: '项目立项', level3: '立项依据充分性', weight: 25, score: 25 },
        { level1: '过程', level2: '资金管理', level3: '资金使用合规性', weight: 25, score: 25 },
        { level1: '产出', level2: '产出数量', level3: '实际完成率', weight: 25, score: 25 },
        { level1: '效益', level2: '项目效益', level3: '实施效益', weight: 25, score: 25 },
      ],
    }),
    code: 'output_outcome_below_min',
    severity: 'error',
    cell: cellOf(KEY, 'weight', 2),
    params: { sum: 50, min: 60 },
  },
  // Across stages
  {
    name: 'a declared indicator left out',
    form: selfEvaluation({ indicators: rows().slice(0, 6) }),
    options: { goals: goalsForm() },
    code: 'goal_indicator_removed',
    severity: 'warning',
    cell: null,
    params: { name: '受益群众满意度', goalSheet: '绩效目标' },
  },
  {
    name: 'an indicator that was not declared',
    form: selfEvaluation(),
    options: { goals: goalsForm({ indicators: cleanGoalIndicators().slice(1) }) },
    code: 'goal_indicator_added',
    severity: 'warning',
    cell: 'C14',
  },
  {
    name: 'a target changed since the goals',
    form: se(0, { target: 8 }),
    options: { goals: goalsForm() },
    code: 'goal_target_changed',
    severity: 'warning',
    cell: 'E14',
    params: { name: '新建供水工程', declared: '≥10处', stated: '≥8处', goalSheet: '绩效目标' },
  },
  {
    name: 'an operator changed since the goals',
    form: mon(1, { operator: '>' }),
    options: { goals: goalsForm() },
    code: 'goal_target_changed',
    severity: 'warning',
    cell: 'E15',
  },
];

const QUIET: QuietCase[] = [
  // Structure
  { name: 'a complete self-evaluation', form: selfEvaluation(), code: 'required_column_missing' },
  { name: 'every header matches a label exactly', form: selfEvaluation(), code: 'label_near_match' },
  {
    name: 'a form with every part of its layout',
    form: inHand(selfEvaluation()),
    code: 'layout_part_absent',
  },
  {
    name: 'a table with blank rows in the middle',
    form: selfEvaluation({ indicators: [...rows().slice(0, 3), null, null, ...rows().slice(3)] }),
    code: 'table_empty',
  },
  // Required fields
  {
    name: 'a field the form does not have',
    form: selfEvaluation({ header: { projectName: '农村饮水安全工程', department: '市水利局' } }),
    code: 'required_field_missing',
  },
  {
    name: 'tasks with names',
    form: buildForm('department-goals', { indicators: cleanGoalIndicators() }),
    code: 'task_name_missing',
  },
  // Framework
  {
    name: '一级 carried down from a merged cell',
    form: selfEvaluation({
      indicators: rows().map((r, i) => (i === 1 || i === 2 ? { ...r, level1: null } : r)),
    }),
    code: 'level_empty',
  },
  { name: '一级 written as an alias', form: se(0, { level1: '产出' }), code: 'unknown_level1' },
  {
    name: '定量指标 in the 指标性质 column: quantitative, bound assumed',
    form: se(0, { operator: '定量指标' }),
    code: 'operator_invalid',
  },
  {
    name: 'the points of a group where the 一级 name would be',
    form: se(0, { level1: '(50分)' }),
    code: 'unknown_level1',
  },
  {
    name: 'a self-evaluation on the common evaluation framework (决策/过程)',
    form: se(0, { level1: '决策(10)' }),
    code: 'unknown_level1',
  },
  { name: 'a known 二级', form: selfEvaluation(), code: 'unknown_level2' },
  { name: '二级 under its 一级', form: selfEvaluation(), code: 'level2_not_under_level1' },
  {
    name: 'a nearly written 二级 in a form made from our template stays unknown',
    form: se(4, { level2: '社会效益效益指标' }),
    code: 'level_near_match',
  },
  {
    name: 'a nearly written 二级 in a form in hand is no unknown level',
    form: inHand(se(4, { level2: '社会效益效益指标' })),
    code: 'unknown_level2',
  },
  {
    name: 'a nearly written 一级 in a form in hand is no unknown level',
    form: inHand(se(0, { level1: '产出类指标' })),
    code: 'unknown_level1',
  },
  {
    name: 'a scrambled 定性指标 in a form in hand is no unreadable operator',
    form: inHand(se(0, { operator: '性标定指' })),
    code: 'operator_invalid',
  },
  {
    name: 'an operator that is no kind word',
    form: inHand(se(0, { operator: '大约' })),
    code: 'operator_near_match',
  },
  {
    name: '定量指标 written right is no near miss of 定性指标',
    form: inHand(se(0, { operator: '定量指标' })),
    code: 'operator_near_match',
  },
  {
    name: '88号: 社会公众或服务对象满意度指标 filed under 效益指标',
    form: se(6, { level1: '效益指标', level2: '社会公众或服务对象满意度指标' }),
    code: 'level2_not_under_level1',
  },
  { name: '三级 filled', form: selfEvaluation(), code: 'level3_empty' },
  {
    name: 'the same name under another 二级',
    form: selfEvaluation({ indicators: [...rows(), { ...rows()[1], level2: '时效指标', weight: 0 }] }),
    code: 'duplicate_indicator',
  },
  { name: 'every group present', form: selfEvaluation(), code: 'level1_group_missing' },
  {
    name: '湖北: a self-evaluation in hand whose 效益 rows fill the 效益 + 满意度 group',
    form: inHand(selfEvaluation({ indicators: rows().slice(0, 6), total: 90, grade: '优' })),
    options: { profile: 'hubei' },
    code: 'level1_group_missing',
  },
  {
    name: 'the default profile scores 满意度 on its own: a missing group, not a shared one',
    form: inHand(selfEvaluation({ indicators: rows().slice(0, 6), total: 90, grade: '优' })),
    code: 'level1_group_shared',
  },
  {
    name: '湖北 profile on our template: a missing group, not a shared one',
    form: selfEvaluation({ indicators: rows().slice(0, 6) }),
    options: { profile: 'hubei' },
    code: 'level1_group_shared',
  },
  {
    name: '88号: 满意度 filed as a 二级 of 效益 is the 满意度 group',
    form: se(6, { level1: '效益指标', level2: '社会公众或服务对象满意度指标' }),
    code: 'level1_group_missing',
  },
  {
    name: 'a self-evaluation in hand whose weights add up to 100 without 满意度',
    form: inHand(selfEvaluation({ indicators: withRow(rows(), 0, { weight: 30, score: 30 }).slice(0, 6) })),
    code: 'level1_group_missing',
  },
  { name: 'a key evaluation uses its own 一级', form: keyEvaluationForm(), code: 'unknown_level1' },
  // Values
  { name: 'no error values', form: selfEvaluation(), code: 'cell_error_value' },
  { name: 'numbers typed as numbers', form: selfEvaluation(), code: 'number_as_text' },
  {
    name: 'a stored result the row gives',
    form: se(0, { score: formula(20) }),
    code: 'formula_result_differs',
  },
  {
    name: 'a formula never calculated',
    form: se(0, { score: formula(null) }),
    code: 'formula_result_differs',
  },
  {
    name: 'a stored total the rows give',
    form: selfEvaluation({ total: formula(100) }),
    code: 'formula_total_differs',
  },
  { name: 'a hand-made form with typed scores', form: selfEvaluation(), code: 'score_formula_replaced' },
  {
    name: 'a value with its unit in a hand-made row is read, not reported',
    form: se(0, { actual: '93人次' }),
    code: 'number_as_text_plain',
  },
  {
    name: 'operator written in the target',
    form: se(0, { operator: null, target: '≥10' }),
    code: 'operator_missing',
  },
  {
    name: 'a form in hand: a blank 指标性质 beside a target with no number is the target’s issue',
    form: inHand(se(0, { operator: null, target: '到0次', actual: '43次', score: 20 })),
    code: 'operator_missing',
  },
  {
    name: 'a blank operator column on a hand-made row: assumed, not missing',
    form: se(0, { operator: null }),
    code: 'operator_missing',
  },
  { name: 'operators written', form: selfEvaluation(), code: 'operator_assumed' },
  { name: 'operators written', form: selfEvaluation(), code: 'operator_assumed_default' },
  {
    name: 'an operator in words in the value',
    form: se(0, { operator: null, target: '不少于10处' }),
    code: 'operator_assumed_default',
  },
  {
    name: 'a text target naming a tier is 定性',
    form: se(0, { operator: null, target: '按计划完成', actual: '达成', score: 18 }),
    code: 'indicator_unscored',
  },
  {
    name: 'look-alike operators',
    form: selfEvaluation({
      indicators: withRow(withRow(rows(), 0, { operator: '≧' }), 1, { operator: '＞＝' }),
    }),
    code: 'operator_invalid',
  },
  { name: 'a target present', form: selfEvaluation(), code: 'target_missing' },
  { name: 'a full-width target', form: se(0, { target: '１０' }), code: 'target_not_number' },
  { name: 'a 定性 row without unit', form: selfEvaluation(), code: 'unit_missing' },
  { name: 'a unit glued to the target', form: se(1, { unit: null, target: '95%' }), code: 'unit_missing' },
  {
    name: 'a percentage typed as a fraction',
    form: se(1, { target: 0.95, actual: 1 }),
    code: 'percent_over_100',
  },
  { name: 'a 定性 actual of 无', form: se(5, { actual: '无' }), code: 'placeholder_value' },
  { name: 'a cost indicator with ≤', form: selfEvaluation(), code: 'cost_indicator_operator' },
  {
    name: 'a time indicator due within the project period',
    form: goalsForm({
      indicators: withRow(cleanGoalIndicators(), 2, { operator: '≤', target: '2025年12月底前', unit: null }),
    }),
    code: 'timeliness_after_project_end',
  },
  {
    name: 'a month count is not a date',
    form: goalsForm({
      indicators: withRow(cleanGoalIndicators(), 2, { operator: '≤', target: 36, unit: '月' }),
    }),
    code: 'timeliness_after_project_end',
  },
  {
    name: 'a year-only period covers the whole year',
    form: goalsForm({
      indicators: withRow(cleanGoalIndicators(), 2, { operator: '≤', target: '2025年11月', unit: null }),
      header: { projectName: '农村饮水安全工程', projectPeriod: '2025年' },
    }),
    code: 'timeliness_after_project_end',
  },
  {
    name: 'a later year outside a time indicator',
    form: goalsForm({
      indicators: withRow(cleanGoalIndicators(), 0, { target: '2027年前完成', unit: null }),
    }),
    code: 'timeliness_after_project_end',
  },
  {
    name: 'no project period to compare with',
    form: selfEvaluation({ indicators: withRow(rows(), 2, { operator: '≤', target: '2030年', unit: null }) }),
    code: 'timeliness_after_project_end',
  },
  // Weights
  { name: 'weights present', form: selfEvaluation(), code: 'weight_missing' },
  { name: 'numeric weights', form: selfEvaluation(), code: 'weight_not_number' },
  { name: 'positive weights', form: selfEvaluation(), code: 'weight_not_positive' },
  { name: 'weights adding up to 100', form: selfEvaluation(), code: 'weight_sum_not_100' },
  {
    name: 'a weight missing is not also a wrong sum',
    form: se(0, { weight: null }),
    code: 'weight_sum_not_100',
  },
  {
    name: 'default weights under the default profile',
    form: selfEvaluation(),
    code: 'level1_weight_off_profile',
  },
  {
    name: '湖北 weights under 湖北',
    form: selfEvaluation({
      funds: { total: { annualBudget: 100, executed: 100, weight: 20, score: 20 } },
      indicators: withRow(rows(), 0, { weight: 10, score: 10 }),
    }),
    options: { profile: 'hubei' },
    code: 'level1_weight_off_profile',
  },
  { name: 'budget weight 10 by default', form: selfEvaluation(), code: 'budget_weight_off_profile' },
  {
    name: 'a form in hand weighting its groups its own way',
    form: inHand(
      selfEvaluation({
        indicators: withRow(withRow(rows(), 0, { weight: 10, score: 10 }), 4, { weight: 25, score: 25 }),
      }),
    ),
    code: 'level1_weight_off_profile',
  },
  {
    name: 'a form in hand with its own 预算执行 weight',
    form: inHand(selfEvaluation()),
    options: { profile: 'hubei' },
    code: 'budget_weight_off_profile',
  },
  {
    name: 'a form in hand on the profile’s weights',
    form: inHand(selfEvaluation()),
    code: 'level1_weights_own_scheme',
  },
  {
    name: 'a form made from our template (its groups are told one by one)',
    form: selfEvaluation({ indicators: withRow(rows(), 0, { weight: 25, score: 25 }) }),
    code: 'level1_weights_own_scheme',
  },
  // Money
  {
    name: 'amounts with their unit',
    form: seFunds({ total: { annualBudget: '1,000,000元', executed: '100万元', weight: 10, score: 10 } }),
    code: 'amount_not_number',
  },
  {
    name: 'other funds 无',
    form: seFunds({
      total: { annualBudget: 100, executed: 100, weight: 10, score: 10 },
      fiscal: { annualBudget: 100, executed: 100 },
      other: { annualBudget: '无', executed: '/' },
    }),
    code: 'negative_amount',
  },
  { name: 'cost items that add up to their 合计', form: withSums(662.88), code: 'sum_items_mismatch' },
  {
    name: 'parts within the money tolerance',
    form: seFunds({
      total: { annualBudget: 100, executed: 100, weight: 10, score: 10 },
      fiscal: { annualBudget: 80, executed: 80 },
      other: { annualBudget: 20.005, executed: 20 },
    }),
    code: 'funds_parts_mismatch',
  },
  {
    name: 'a unit slip is not also a wrong sum',
    form: seFunds({
      total: { annualBudget: 1000000, executed: 100, weight: 10, score: 10 },
      fiscal: { annualBudget: 80, executed: 80 },
      other: { annualBudget: 20, executed: 20 },
    }),
    code: 'funds_parts_mismatch',
  },
  { name: 'execution within the budget', form: selfEvaluation(), code: 'executed_over_budget' },
  {
    name: 'task budget lines sharing out the total',
    form: buildForm('department-goals', {
      indicators: cleanGoalIndicators(),
      tasks: [
        { taskName: '志鉴编纂', taskContent: '完成年鉴出版', taskBudget: 200 },
        { taskName: '日常运转', taskContent: '保障人员工资', taskBudget: 300 },
      ],
    }),
    code: 'task_budgets_over_total',
  },
  {
    name: 'a 年初预算数 of 0 under a 全年预算数 that covers the execution',
    form: seFunds({
      total: { initialBudget: 0, annualBudget: 120, executed: 120, weight: 10, score: 10 },
      fiscal: { initialBudget: 0, annualBudget: 120, executed: 120 },
    }),
    code: 'executed_over_budget',
  },
  {
    name: '全年预算数 left blank: nothing to compare with (年初 0)',
    form: seFunds({
      total: { initialBudget: 0, annualBudget: null, executed: 207.45, weight: 10, score: 10 },
      fiscal: { initialBudget: 0, annualBudget: null, executed: 207.45 },
    }),
    code: 'executed_over_budget',
  },
  {
    name: 'a form with 年初预算数 only, 0 at the start of the year',
    form: withoutFundsColumn(
      seFunds({ total: { initialBudget: 0, executed: 50, weight: 10, score: 10 } }),
      'annualBudget',
    ),
    code: 'executed_over_budget',
  },
  {
    name: '元 and 万元 written as such',
    form: seFunds({ total: { annualBudget: '1,000,000元', executed: 100, weight: 10, score: 10 } }),
    code: 'amount_unit_mismatch',
  },
  // Self-evaluation
  { name: 'a 定性 row without a number', form: selfEvaluation(), code: 'actual_missing' },
  { name: 'numeric actuals', form: selfEvaluation(), code: 'actual_not_number' },
  {
    name: 'a zero actual',
    form: se(0, { actual: 0, score: 0, deviation: '未开工' }, { total: 80, grade: '良' }),
    code: 'actual_negative',
  },
  { name: 'numeric scores', form: selfEvaluation(), code: 'score_not_number' },
  { name: 'a score our formula computes', form: se(0, { score: formula('') }), code: 'score_missing' },
  {
    name: 'no score where the actual is missing',
    form: se(0, { actual: null, score: null }),
    code: 'score_missing',
  },
  { name: 'a full score', form: selfEvaluation(), code: 'score_over_weight' },
  {
    name: 'a formula score is computed, not stated',
    form: se(0, { actual: 8, score: formula(20), deviation: '两处未完工' }),
    code: 'score_mismatch',
  },
  {
    name: 'a mismatch within the tolerance',
    form: se(0, { actual: 8, score: 16.1, deviation: '两处未完工' }, { total: 96.1 }),
    code: 'score_mismatch',
  },
  { name: '= with T = 0 met', form: se(2, { target: 0, unit: '起', actual: 0 }), code: 'score_mismatch' },
  {
    name: 'a score below weight with a reason',
    form: se(0, { actual: 8, score: 16, deviation: '两处因征地延期' }, { total: 96 }),
    code: 'deviation_reason_missing',
  },
  {
    name: 'over-achievement at exactly 120%',
    form: se(0, { actual: 12 }),
    code: 'over_achievement_unexplained',
  },
  {
    name: 'over-achievement explained',
    form: se(0, { actual: 13, deviation: '追加配套资金' }),
    code: 'over_achievement_unexplained',
  },
  {
    name: 'a reverse indicator far below its ceiling',
    form: se(3, { actual: 1 }),
    code: 'over_achievement_unexplained',
  },
  { name: 'a tier chosen', form: selfEvaluation(), code: 'qualitative_tier_missing' },
  {
    name: 'a tier by its full name',
    form: se(5, { tier: '达成年度指标' }),
    code: 'qualitative_tier_invalid',
  },
  {
    name: '达成 at the bottom of its band',
    form: se(5, { qualitativeScore: 12, score: 12, deviation: '个别设施待维护' }, { total: 97 }),
    code: 'qualitative_score_out_of_band',
  },
  {
    name: '部分达成 at the bottom of its band',
    form: se(5, { tier: '部分达成', qualitativeScore: 9, score: 9, deviation: '待完善' }, { total: 94 }),
    code: 'qualitative_score_out_of_band',
  },
  {
    name: '湖北: 部分达成 at 50%',
    form: se(
      5,
      { tier: '部分达成', qualitativeScore: 7.5, score: 7.5, deviation: '待完善' },
      { total: 92.5 },
    ),
    options: { profile: 'hubei' },
    code: 'qualitative_score_out_of_band',
  },
  {
    name: 'a budget score our formula computes',
    form: seFunds(
      {
        total: { annualBudget: 100, executed: 90, weight: 10, score: formula(9) },
        fiscal: { annualBudget: 100, executed: 90 },
      },
      { total: 99 },
    ),
    code: 'budget_score_mismatch',
  },
  { name: 'a budget score stated', form: selfEvaluation(), code: 'budget_score_missing' },
  {
    name: 'no budget score where the budget is blank',
    form: seFunds({
      total: { initialBudget: null, annualBudget: null, executed: 100, weight: 10, score: null },
    }),
    code: 'budget_score_missing',
  },
  { name: 'a total present', form: selfEvaluation(), code: 'total_missing' },
  {
    name: 'a total our formula computes',
    form: selfEvaluation({ total: formula(98) }),
    code: 'total_mismatch',
  },
  {
    name: 'a total off only through wrong row scores',
    form: se(0, { actual: 8, deviation: '两处未完工' }),
    code: 'total_mismatch',
  },
  {
    name: '湖北: no grade needed',
    form: selfEvaluation({ grade: null }),
    options: { profile: 'hubei' },
    code: 'grade_missing',
  },
  { name: 'grade written as 优秀', form: selfEvaluation({ grade: '优秀' }), code: 'grade_invalid' },
  {
    name: 'a grade our formula computes',
    form: selfEvaluation({ grade: formula('良') }),
    code: 'grade_mismatch',
  },
  // Monitoring
  { name: 'month written as 6月', form: monFunds(50, '6月'), code: 'monitoring_month_invalid' },
  { name: 'green light', form: monFunds(45), code: 'execution_behind_schedule' },
  { name: 'green at the yellow edge', form: monFunds(40), code: 'execution_lagging' },
  { name: 'a unit slip gives no light', form: monFunds(50, 6, 500000), code: 'execution_behind_schedule' },
  { name: 'likelihood given', form: monitoringForm(), code: 'likelihood_missing' },
  {
    name: 'likelihood from the list',
    form: mon(0, { likelihood: '完全不可能', cause: '经费保障' }),
    code: 'likelihood_invalid',
  },
  { name: 'a cause given', form: mon(0, { likelihood: '有可能', cause: '人员保障' }), code: 'cause_missing' },
  { name: 'progress given', form: monitoringForm(), code: 'progress_missing' },
  // Ex-ante and key evaluation
  { name: 'ratings given', form: exAnteForm(), code: 'rating_missing' },
  { name: 'ratings from the list', form: exAnteForm(), code: 'rating_invalid' },
  { name: 'a conclusion given', form: exAnteForm(), code: 'conclusion_missing' },
  {
    name: 'a conclusion at the 80 edge',
    form: exAnteForm({
      indicators: cleanExAnteCriteria().map((r) => ({ ...r, rating: '良', score: 8 })),
      total: 80,
    }),
    code: 'conclusion_inconsistent',
  },
  { name: '产出 + 效益 65', form: keyEvaluationForm(), code: 'output_outcome_below_min' },
  // Across stages
  {
    name: 'no goals given',
    form: selfEvaluation({ indicators: rows().slice(0, 6) }),
    code: 'goal_indicator_removed',
  },
  {
    name: 'the declared indicators',
    form: selfEvaluation(),
    options: { goals: goalsForm() },
    code: 'goal_indicator_added',
  },
  {
    name: 'a percentage typed as a fraction is the same target',
    form: se(1, { target: 0.95, actual: 1 }),
    options: { goals: goalsForm() },
    code: 'goal_target_changed',
  },
  {
    name: 'an operator alone, in the value of the goal and in the 指标性质 column of the self-evaluation',
    form: se(1, { operator: '>', target: null }),
    options: {
      goals: goalsForm({ indicators: withRow(cleanGoalIndicators(), 1, { operator: null, target: '>' }) }),
    },
    code: 'goal_target_changed',
  },
];

describe('a rule fires', () => {
  test.each(FIRES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const issues = check(c.form, c.options);
    const hit = issues.find((i) => i.code === c.code && i.cell === c.cell);
    expect(hit).toMatchObject({ code: c.code, severity: c.severity, cell: c.cell, sheet: c.form.sheet });
    if (c.params) expect(hit?.params).toEqual(c.params);
    if (c.only) expect(issues.map((i) => i.code)).toEqual(c.only);
  });
});

describe('a rule stays quiet', () => {
  test.each(QUIET.map((c) => [`${c.code}: ${c.name}`, c] as const))('%s', (_name, c) => {
    expect(check(c.form, c.options).filter((i) => i.code === c.code)).toEqual([]);
  });
});

describe('an empty level is one gap, not one issue per row', () => {
  test('一级 empty on the first three rows: one issue, at the first', () => {
    const form = selfEvaluation({
      indicators: rows().map((r, i) => (i < 3 ? { ...r, level1: null } : r)),
    });
    const found = check(form).filter((i) => i.code === 'level_empty');
    expect(found.map((i) => i.cell)).toEqual(['A14']);
  });

  test('二级 empty under a new 一级 on two rows: one issue', () => {
    const form = selfEvaluation({
      indicators: rows().map((r, i) => (i === 0 || i === 1 ? { ...r, level2: null } : r)),
    });
    const found = check(form).filter((i) => i.code === 'level_empty');
    expect(found).toHaveLength(1);
    expect(found[0]?.params).toMatchObject({ label: '二级指标' });
  });
});

describe('clean forms have no issue', () => {
  test.each([
    ['project self-evaluation', selfEvaluation()],
    [
      'department self-evaluation',
      buildForm('department-self-evaluation', { indicators: rows(), total: 100, grade: '优' }),
    ],
    ['project goals', goalsForm()],
    ['department goals', buildForm('department-goals', { indicators: cleanGoalIndicators() })],
    ['monitoring', monitoringForm()],
    ['ex-ante assessment', exAnteForm()],
    ['key evaluation', keyEvaluationForm()],
  ])('%s', (_name, form) => {
    expect(check(form)).toEqual([]);
  });

  test('the self-evaluation against its own goals', () => {
    expect(check(selfEvaluation(), { goals: goalsForm() })).toEqual([]);
  });
});

describe('grade edges after rounding', () => {
  test.each([
    [90, '优'],
    [89.99, '良'],
    [89.995, '优'],
    [80, '良'],
    [79.99, '中'],
    [60, '中'],
    [59.99, '差'],
  ])('total %p gives %s', (total, grade) => {
    const form = selfEvaluation({ total, grade });
    expect(check(form).filter((i) => i.code === 'grade_mismatch')).toEqual([]);
    const wrong = grade === '差' ? '中' : '差';
    const issues = check(selfEvaluation({ total, grade: wrong })).filter((i) => i.code === 'grade_mismatch');
    expect(issues).toEqual([
      expect.objectContaining({ params: expect.objectContaining({ expected: grade }) }),
    ]);
  });
});

test('every rule has a case where it fires and one where it stays quiet', () => {
  const ruleCodes = new Set(RULES.map((r) => r.code));
  expect(new Set(FIRES.map((c) => c.code))).toEqual(ruleCodes);
  expect(new Set(QUIET.map((c) => c.code))).toEqual(ruleCodes);
});
