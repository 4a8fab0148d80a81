/**
 * Every template, in the order of the performance cycle (docs/product.md §2).
 */
import type { TemplateId } from '../forms/form-model';
import { EngineInvariantError } from '../grid/cell';
import { departmentGoals } from './forms/department-goals.template';
import { departmentSelfEvaluation } from './forms/department-self-evaluation.template';
import { exAnteAssessment } from './forms/ex-ante-assessment.template';
import { keyEvaluation } from './forms/key-evaluation.template';
import { projectGoals } from './forms/project-goals.template';
import { projectMonitoring } from './forms/project-monitoring.template';
import { projectSelfEvaluation } from './forms/project-self-evaluation.template';
import type { TemplateSpec } from './template-spec';

export const TEMPLATE_SPECS: readonly TemplateSpec[] = [
  exAnteAssessment,
  projectGoals,
  departmentGoals,
  projectMonitoring,
  projectSelfEvaluation,
  departmentSelfEvaluation,
  keyEvaluation,
];

export function getTemplateSpec(id: TemplateId): TemplateSpec {
  const spec = TEMPLATE_SPECS.find((candidate) => candidate.id === id);
  if (spec === undefined) throw new EngineInvariantError(`no template spec for ${id}`);
  return spec;
}

/** The file a template is written to on its own: named by the form, as people name the form they hand out. */
export function templateFileName(id: TemplateId): string {
  return `${getTemplateSpec(id).title}.xlsx`;
}

export interface TemplateSummary {
  id: TemplateId;
  title: string;
  description: string;
  version: number;
}

export function listTemplates(): TemplateSummary[] {
  return TEMPLATE_SPECS.map(({ id, title, description, version }) => ({ id, title, description, version }));
}
