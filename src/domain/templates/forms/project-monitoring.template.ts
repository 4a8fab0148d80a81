import { FORM_TITLES, LIKELIHOODS, MONITORING_CAUSES } from '../../forms/vocabulary';
import { monitoringLightFormula } from '../../scoring/formulas';
import type { HighlightSpec, TemplateSpec } from '../template-spec';
import {
  ERROR_FILL,
  ERROR_FONT,
  LIGHTS,
  MONTHS,
  amountColumn,
  executedAbove,
  headerField,
  input,
  levelColumns,
  operatorColumn,
  rateColumn,
  targetColumn,
  unitColumn,
} from './common';

const light = (text: string, fill: `#${string}`, fontColor: `#${string}`): HighlightSpec<never> => ({
  when: (r) => `${r.named('light')}="${text}"`,
  fill,
  fontColor,
});

/** 项目支出绩效目标执行监控表 (财预〔2019〕136号, "双监控"). */
export const projectMonitoring: TemplateSpec = {
  id: 'project-monitoring',
  version: 2,
  title: FORM_TITLES['project-monitoring'].canonical,
  description: '年度执行中对照绩效目标监控预算执行进度和指标完成进度，分析偏差原因，判断能否完成全年目标。',
  subtitle: '单位：万元',
  sections: [
    {
      kind: 'fields',
      rows: [
        [headerField('projectName', '填写与预算批复一致的项目全称。')],
        [
          headerField('department', '填写项目的主管部门（可加部门代码）。'),
          headerField('implementingUnit', '填写具体实施项目的单位。'),
          headerField(
            'monitoringMonth',
            '选择监控截至的月份（1–12），用于计算时间进度。',
            input({ kind: 'list', values: MONTHS }),
          ),
        ],
      ],
    },
    {
      kind: 'funds',
      label: '项目资金（万元）',
      rows: ['total', 'fiscal', 'other'],
      columns: [
        amountColumn('initialBudget', '年初预算数（万元）。'),
        {
          ...amountColumn('executed', '1 月至监控月份的累计执行数（万元）。', [
            executedAbove('initialBudget'),
          ]),
          label: '1-N月执行数',
        },
        { ...rateColumn('initialBudget'), label: '1-N月执行率' },
        amountColumn('forecast', '预计全年执行数（万元）。'),
      ],
      partsOf: { total: 'total', parts: ['fiscal', 'other'] },
    },
    {
      kind: 'fields',
      rows: [
        [
          {
            label: { text: '执行进度预警' },
            name: 'light',
            span: 2,
            content: {
              kind: 'formula',
              formula: (r) =>
                monitoringLightFormula(
                  {
                    budget: r.funds('total', 'initialBudget'),
                    executed: r.funds('total', 'executed'),
                    month: r.header('monitoringMonth'),
                  },
                  r.profile,
                ),
              highlights: [
                light(LIGHTS.red, '#F8696B', '#FFFFFF'),
                light(LIGHTS.yellow, '#FFEB84', '#7F6000'),
                light(LIGHTS.green, '#63BE7B', '#FFFFFF'),
              ],
            },
            help: '自动计算：执行率与时间进度（监控月份 ÷ 12）之比，显示红、黄、绿灯。',
          },
        ],
      ],
    },
    {
      kind: 'fields',
      rowHeight: 48,
      rows: [
        [{ label: { goal: 'overall' }, content: input(), help: '照抄批复的年度总体目标。' }],
        [{ label: { goal: 'progress' }, content: input(), help: '写明截至监控月份目标的完成情况。' }],
      ],
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
        { key: 'progress', width: 12, content: input(), help: '截至监控月份的指标完成值。' },
        { key: 'forecast', width: 12, content: input(), help: '预计全年的指标完成值。' },
        {
          key: 'cause',
          width: 12,
          content: {
            kind: 'input',
            validation: { kind: 'list', values: MONITORING_CAUSES },
            highlights: [
              {
                when: (r) =>
                  `AND(OR(${r.cell('likelihood')}="${LIKELIHOODS[1]}",${r.cell('likelihood')}="${LIKELIHOODS[2]}"),TRIM(${r.cell('cause')})="")`,
                fill: ERROR_FILL,
                fontColor: ERROR_FONT,
              },
            ],
          },
          help: `预计不能完成目标的，选择偏差原因：${MONITORING_CAUSES.join('、')}。`,
        },
        {
          key: 'likelihood',
          width: 12,
          content: input({ kind: 'list', values: LIKELIHOODS }),
          help: `选择完成全年目标的可能性：${LIKELIHOODS.join('、')}。`,
        },
        { key: 'remark', width: 20, content: input(), help: '需要说明的其他情况及拟采取的纠偏措施。' },
      ],
      blankRows: 'indicatorRows',
      freezeBelowHeader: true,
    },
  ],
  rules: ['monitoring'],
  checks: [
    '必填项：项目名称、主管部门、实施单位、监控月份、资金数额、年度总体目标。',
    '资金：总额应等于各分项之和；执行数不应超过预算数。',
    '进度：执行进度落后于时间进度时按红、黄、绿灯提示。',
    '指标：须填写完成目标可能性；可能完不成的须选择偏差原因。',
  ],
};
