import { FORM_TITLES } from '../../forms/vocabulary';
import type { TemplateSpec } from '../template-spec';
import { headerField } from './common';
import { SELF_EVALUATION_CHECKS, selfEvaluationBody, selfEvaluationFunds } from './self-evaluation-parts';

/** 项目支出绩效自评表 (财预〔2020〕10号 附件1). */
export const projectSelfEvaluation: TemplateSpec = {
  id: 'project-self-evaluation',
  version: 1,
  title: FORM_TITLES['project-self-evaluation'].canonical,
  description:
    '年度结束后由项目实施单位对照批复的绩效目标自评：填写预算执行和各项指标完成情况，表内自动计算得分、总分和等级。',
  subtitle: '单位：万元',
  sections: [
    {
      kind: 'fields',
      rows: [
        [headerField('projectName', '填写与预算批复一致的项目全称。')],
        [
          headerField('department', '填写项目的主管部门（可加部门代码）。'),
          headerField('implementingUnit', '填写具体实施项目的单位。'),
          headerField('year', '填写自评年度，如 2024。'),
        ],
      ],
    },
    ...selfEvaluationBody(
      selfEvaluationFunds(
        '项目资金（万元）',
        ['total', 'fiscal', 'carryover', 'other'],
        ['fiscal', 'carryover', 'other'],
      ),
    ),
  ],
  rules: ['weights', 'budget', 'quantitative', 'qualitative', 'rounding', 'grades', 'recommendations'],
  checks: SELF_EVALUATION_CHECKS,
};
