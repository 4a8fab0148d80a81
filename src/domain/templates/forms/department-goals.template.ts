import { FORM_TITLES } from '../../forms/vocabulary';
import type { TemplateSpec } from '../template-spec';
import {
  amountColumn,
  basisColumn,
  headerField,
  input,
  levelColumns,
  operatorColumn,
  targetColumn,
  unitColumn,
} from './common';

/** 部门（单位）整体支出绩效目标申报表. */
export const departmentGoals: TemplateSpec = {
  id: 'department-goals',
  version: 1,
  title: FORM_TITLES['department-goals'].canonical,
  description: '编报部门预算时同步申报部门（单位）整体的年度主要任务、预算和绩效目标、指标。',
  subtitle: '单位：万元',
  sections: [
    { kind: 'fields', rows: [[headerField('departmentName', '填写部门（单位）全称。')]] },
    {
      kind: 'table',
      table: 'tasks',
      label: '年度主要任务',
      columns: [
        { key: 'taskName', width: 26, span: 2, content: input(), help: '填写本年度的主要任务名称。' },
        { key: 'taskContent', width: 42, span: 3, content: input(), help: '简述任务的主要内容。' },
        { key: 'taskProjects', width: 24, span: 2, content: input(), help: '列出支撑该任务的预算项目。' },
      ],
      blankRows: 5,
    },
    {
      kind: 'funds',
      label: '年度部门整体支出预算（万元）',
      rows: ['total', 'basic', 'project'],
      columns: [amountColumn('annual', '本年度预算资金（万元）。')],
      partsOf: { total: 'total', parts: ['basic', 'project'] },
    },
    {
      kind: 'fields',
      rowHeight: 60,
      rows: [
        [{ label: { goal: 'overall' }, content: input(), help: '概括部门本年度整体要达到的产出和效果。' }],
      ],
    },
    {
      kind: 'table',
      table: 'indicators',
      label: '绩效指标',
      columns: [...levelColumns(), operatorColumn, targetColumn, unitColumn, basisColumn],
      blankRows: 'indicatorRows',
      freezeBelowHeader: true,
    },
  ],
  rules: [],
  checks: [
    '必填项：部门（单位）名称、资金数额、年度总体目标。',
    '资金：资金总额应等于基本支出与项目支出之和。',
    '指标：一级、二级指标须属于指标框架；必需的一级指标均应有指标；不应重复。',
    '数值：指标性质须为 ≥ > = ≤ < 定性；定量指标值须为数字并有计量单位；百分比不超过 100；不用 * / 无 等占位。',
  ],
};
