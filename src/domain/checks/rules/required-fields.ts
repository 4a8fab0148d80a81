/** Required fields: header fields, goals, the amounts a form cannot do without, task names. */
import {
  fieldOf,
  type Field,
  type FundsColKey,
  type GoalKey,
  type HeaderKey,
  type TemplateId,
} from '../../forms/form-model';
import { shapeOf } from '../../forms/form-shapes';
import { FUNDS_COL_LABELS, FUNDS_ROW_LABELS, GOAL_LABELS, HEADER_LABELS } from '../../forms/vocabulary';
import { isEmptyish } from '../cells';
import { formRule, rowRule, type Finding, type Rule } from '../rule';
import { ALL_TEMPLATES } from '../template-groups';

/** Header fields a form cannot do without: the reader's required ones, plus the month a monitoring light needs. */
function requiredHeader(template: TemplateId): HeaderKey[] {
  const keys = shapeOf(template)
    .header.filter((part) => part.required)
    .map((part) => part.key);
  return template === 'project-monitoring' ? [...keys, 'monitoringMonth'] : keys;
}

/** Each entry is one requirement met by the first of its keys the form has (forms word the goal differently). */
const GOALS_REQUIRED: Record<TemplateId, readonly (readonly GoalKey[])[]> = {
  'ex-ante-assessment': [],
  'project-goals': [['annual', 'overall']],
  'department-goals': [['overall', 'annual']],
  'project-monitoring': [['overall', 'annual'], ['progress']],
  'project-self-evaluation': [['expected'], ['achieved']],
  'department-self-evaluation': [['expected'], ['achieved']],
  'key-evaluation': [],
};

/** Amounts of the 资金总额 row; again the first column the form has counts. */
const AMOUNTS_REQUIRED: Record<TemplateId, readonly (readonly FundsColKey[])[]> = {
  'ex-ante-assessment': [],
  'project-goals': [['annual']],
  'department-goals': [['annual']],
  'project-monitoring': [['initialBudget', 'annualBudget'], ['executed']],
  'project-self-evaluation': [['annualBudget', 'initialBudget'], ['executed']],
  'department-self-evaluation': [['annualBudget', 'initialBudget'], ['executed']],
  'key-evaluation': [],
};

/** A field that is there but left blank; one the reader could not find at all is reported as missing by the reader. */
function blankField(field: Field | undefined, label: string): Finding<'label'>[] {
  if (field === undefined || field.cell === null || field.formula !== null) return [];
  return isEmptyish(field) ? [{ cell: field.cell, params: { label } }] : [];
}

export const requiredFieldMissing = formRule({
  code: 'required_field_missing',
  emptyRequired: true,
  severity: 'error',
  templates: ALL_TEMPLATES,
  scope: 'form',
  params: ['label'],
  check: (form) => {
    const findings: Finding<'label'>[] = [];
    for (const key of requiredHeader(form.template)) {
      findings.push(...blankField(form.header[key], HEADER_LABELS[key].canonical));
    }
    for (const options of GOALS_REQUIRED[form.template]) {
      const key = options.find((k) => form.goals[k] !== undefined) ?? options[0];
      if (key !== undefined) findings.push(...blankField(form.goals[key], GOAL_LABELS[key].canonical));
    }
    const totalRow = form.funds.total;
    // Without a 资金总额 row the funds block is a missing section, reported by structure.
    if (totalRow !== undefined) {
      for (const options of AMOUNTS_REQUIRED[form.template]) {
        const key = options.find((k) => totalRow.cols[k] !== undefined);
        if (key === undefined) continue;
        const label = `${FUNDS_ROW_LABELS.total.canonical}·${FUNDS_COL_LABELS[key].canonical}`;
        findings.push(...blankField(totalRow.cols[key], label));
      }
    }
    return findings;
  },
});

export const taskNameMissing = rowRule({
  code: 'task_name_missing',
  emptyRequired: true,
  severity: 'error',
  templates: ['department-goals'],
  scope: 'row',
  table: 'tasks',
  params: ['name'],
  check: (view) => {
    const field = fieldOf(view.row, 'taskName');
    return field.cell !== null && isEmptyish(field)
      ? [{ cell: field.cell, params: { name: view.name } }]
      : [];
  },
});

export const REQUIRED_FIELD_RULES: readonly Rule[] = [requiredFieldMissing, taskNameMissing];
