import { FORM_TITLES } from '../../forms/vocabulary';
import type { TemplateSpec } from '../template-spec';
import { headerField } from './common';
import { SELF_EVALUATION_CHECKS, selfEvaluationBody, selfEvaluationFunds } from './self-evaluation-parts';

/** 部门整体支出绩效自评表: the department's whole budget, split into 基本支出 and 项目支出. */
export const departmentSelfEvaluation: TemplateSpec = {
  id: 'department-self-evaluation',
  version: 1,
  title: FORM_TITLES['department-self-evaluation'].canonical,
  description:
    '年度结束后由部门（单位）对整体支出自评：填写基本支出、项目支出的预算执行和部门整体绩效指标完成情况，表内自动计算得分和等级。',
  subtitle: '单位：万元',
  sections: [
    {
      kind: 'fields',
      rows: [
        [
          headerField('departmentName', '填写部门（单位）全称。'),
          headerField('year', '填写自评年度，如 2024。'),
        ],
      ],
    },
    ...selfEvaluationBody(
      selfEvaluationFunds('年度预算（万元）', ['total', 'basic', 'project'], ['basic', 'project']),
    ),
  ],
  rules: ['weights', 'budget', 'quantitative', 'qualitative', 'rounding', 'grades', 'recommendations'],
  checks: SELF_EVALUATION_CHECKS,
};
