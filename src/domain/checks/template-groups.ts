/** Which forms a rule applies to, by the domain's seams. */
import { TEMPLATE_IDS, type TemplateId } from '../forms/form-model';

export const ALL_TEMPLATES: readonly TemplateId[] = TEMPLATE_IDS;
export const GOAL_TEMPLATES: readonly TemplateId[] = ['project-goals', 'department-goals'];
export const SELF_EVALUATIONS: readonly TemplateId[] = [
  'project-self-evaluation',
  'department-self-evaluation',
];
export const MONITORING: readonly TemplateId[] = ['project-monitoring'];
/** Forms whose indicators follow the 产出/效益/满意度 (成本) framework. */
export const FRAMEWORK_TEMPLATES: readonly TemplateId[] = [
  ...GOAL_TEMPLATES,
  ...MONITORING,
  ...SELF_EVALUATIONS,
];
/** Forms whose rows carry weights and scores that add up to a total. */
export const SCORED_TEMPLATES: readonly TemplateId[] = [
  ...SELF_EVALUATIONS,
  'ex-ante-assessment',
  'key-evaluation',
];
/** Forms with a funds block (项目资金 / 年度预算). */
export const FUNDS_TEMPLATES: readonly TemplateId[] = [...GOAL_TEMPLATES, ...MONITORING, ...SELF_EVALUATIONS];
export const EX_ANTE: readonly TemplateId[] = ['ex-ante-assessment'];
export const KEY_EVALUATION: readonly TemplateId[] = ['key-evaluation'];
