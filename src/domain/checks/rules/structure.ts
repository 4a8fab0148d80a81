/** Structure: the form as a whole — sections and columns the reader could not find, an empty table. */
import { fieldOf } from '../../forms/form-model';
import { isBlankRow } from '../cells';
import { formRule, mainTableKey, type Rule } from '../rule';
import { ALL_TEMPLATES, FRAMEWORK_TEMPLATES, SCORED_TEMPLATES } from '../template-groups';

export const requiredColumnMissing = formRule({
  code: 'required_column_missing',
  severity: 'error',
  templates: ALL_TEMPLATES,
  scope: 'form',
  params: ['label'],
  check: (form) => [...new Set(form.missing)].map((label) => ({ cell: null, params: { label } })),
});

/**
 * Parts a form in hand does not have because the layout it follows never had them (form.absentByLayout): the
 * province's or county's form, not a slip of the unit, so they are named once, as information.
 */
export const layoutPartAbsent = formRule({
  code: 'layout_part_absent',
  severity: 'info',
  templates: ALL_TEMPLATES,
  scope: 'form',
  params: ['labels'],
  check: (form) => {
    const labels = [...new Set(form.absentByLayout ?? [])];
    return labels.length === 0 ? [] : [{ cell: null, params: { labels: labels.join('、') } }];
  },
});

/** A header read as the label it nearly matches (主管主管部门 → 主管部门): said, so a person can confirm it. */
export const labelNearMatch = formRule({
  code: 'label_near_match',
  severity: 'info',
  templates: ALL_TEMPLATES,
  scope: 'form',
  params: ['text', 'label'],
  check: (form) =>
    (form.labelGuesses ?? []).map((guess) => ({
      cell: guess.cell,
      params: { text: guess.text, label: guess.label },
    })),
});

export const tableEmpty = formRule({
  code: 'table_empty',
  emptyRequired: true,
  severity: 'error',
  templates: [...new Set([...FRAMEWORK_TEMPLATES, ...SCORED_TEMPLATES])],
  scope: 'form',
  params: ['label'],
  check: (form) => {
    const key = mainTableKey(form);
    const rows = form.tables[key];
    // An absent table is a missing section, already reported by required_column_missing.
    if (rows === undefined) return [];
    if (rows.some((row) => !isBlankRow(row))) return [];
    const first = rows[0];
    const cell = first ? fieldOf(first, 'level3').cell : null;
    const label = key === 'criteria' ? '评估要点' : '绩效指标';
    return [{ cell, params: { label } }];
  },
});

export const STRUCTURE_RULES: readonly Rule[] = [
  requiredColumnMissing,
  layoutPartAbsent,
  labelNearMatch,
  tableEmpty,
];
