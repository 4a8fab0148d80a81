/**
 * Progressive checking of a form being filled in (docs/product.md): a required cell left empty in a part of the
 * form nobody has started yet is 待填写 (to fill), not an error. A part is started as soon as a person has put a
 * value in any cell of it that a person fills; from then on its empty required cells are errors. Wrong values
 * and wrong sums are errors at once, whatever the part. Which findings are "empty required" is the rule's to
 * say (isEmptyRequired); which parts are started is decided here, from the form as read.
 */
import { isEmptyish } from '../domain/checks/cells';
import type { Issue } from '../domain/checks/issue';
import { isEmptyRequired } from '../domain/checks/registry';
import { mainTableKey } from '../domain/checks/rule';
import type { ColumnKey, Field, FundsColKey, ParsedForm, TableKey } from '../domain/forms/form-model';
import { parseA1, isA1 } from '../domain/grid/address';

/** The parts of a form that are started one by one: the fields above the tables, the goals, the funds, each table. */
export type FormPart = 'header' | 'goals' | 'funds' | TableKey;

/**
 * In a criteria table (事前评估, 重点评价) the template ships the criteria, their weights and scoring notes: the
 * table is started when an answer is given, not because its criteria are written.
 */
const CRITERIA_ANSWERS: readonly ColumnKey[] = [
  'rating',
  'numerator',
  'denominator',
  'rate',
  'score',
  'actual',
  'tier',
  'qualitativeScore',
  'deviation',
];

/** 分值 of the budget row is the profile's, written by the template: not a sign that anyone started. */
const FUNDS_SHIPPED: readonly FundsColKey[] = ['weight'];

/** A value a person put there: not our formula, not blank, not a template placeholder (……, 指标1：). */
function filled(field: Field | undefined): boolean {
  return field !== undefined && field.cell !== null && field.formula === null && !isEmptyish(field);
}

/**
 * The cells of each part that a person fills and that count as starting it: not our formulas; in a criteria
 * table only the answers; not the budget row's 分值. The one definition of "started", shared by the pane
 * (startedParts) and the templates' 待填写 fill (todo-highlights.ts).
 */
export function partFields(form: ParsedForm): Map<FormPart, Field[]> {
  const parts = new Map<FormPart, Field[]>();
  const add = (part: FormPart, field: Field | undefined) => {
    if (field === undefined || field.cell === null || field.formula !== null) return;
    const list = parts.get(part) ?? [];
    list.push(field);
    parts.set(part, list);
  };
  for (const field of Object.values(form.header)) add('header', field);
  for (const field of Object.values(form.goals)) add('goals', field);
  for (const row of Object.values(form.funds)) {
    if (row === undefined) continue;
    for (const [key, field] of Object.entries(row.cols))
      if (!FUNDS_SHIPPED.includes(key as FundsColKey)) add('funds', field);
  }
  for (const key of Object.keys(form.tables) as TableKey[]) {
    const readings = form.readings[key] ?? [];
    const countsAsContent = new Set(
      readings.filter((r) => r.kind !== 'header' && r.kind !== 'footer').map((r) => r.row),
    );
    const columns = key === 'criteria' ? CRITERIA_ANSWERS : null;
    for (const row of form.tables[key] ?? []) {
      if (!countsAsContent.has(row.row)) continue;
      for (const [column, field] of Object.entries(row.fields))
        if (columns === null || columns.includes(column as ColumnKey)) add(key, field);
    }
    if (key === mainTableKey(form)) {
      add(key, form.total);
      add(key, form.grade);
      add(key, form.conclusion);
    }
  }
  return parts;
}

/** The parts of the form in which a person has written something. */
export function startedParts(form: ParsedForm): Set<FormPart> {
  const started = new Set<FormPart>();
  for (const [part, fields] of partFields(form)) if (fields.some(filled)) started.add(part);
  return started;
}

/**
 * The part a cell belongs to. The total, the grade and the conclusion sum up the main table and belong to it;
 * a cell in a table's rows belongs to that table.
 */
export function partOfCell(form: ParsedForm, cell: string): FormPart | null {
  const sameCell = (field: Field | undefined) => field?.cell === cell;
  if (Object.values(form.header).some(sameCell)) return 'header';
  if (Object.values(form.goals).some(sameCell)) return 'goals';
  if (Object.values(form.funds).some((row) => row !== undefined && Object.values(row.cols).some(sameCell)))
    return 'funds';
  if (sameCell(form.total) || sameCell(form.grade) || sameCell(form.conclusion)) return mainTableKey(form);
  if (!isA1(cell)) return null;
  const { row } = parseA1(cell);
  for (const key of Object.keys(form.tables) as TableKey[]) {
    if ((form.tables[key] ?? []).some((r) => r.row === row)) return key;
  }
  return null;
}

export interface Progress {
  /** What is shown as errors, warnings and notes. */
  issues: Issue[];
  /** Required cells still empty in parts nobody has started (待填写). */
  todo: Issue[];
}

/**
 * Splits a form's issues: empty required cells of parts nobody has started are to-dos; everything else stays as
 * it is. `strict` (全部重新检查, a received file) lists them all as they are.
 */
export function splitProgress(form: ParsedForm, issues: readonly Issue[], strict: boolean): Progress {
  if (strict) return { issues: [...issues], todo: [] };
  let started: Set<FormPart> | null = null;
  const shown: Issue[] = [];
  const todo: Issue[] = [];
  for (const issue of issues) {
    if (isEmptyRequired(issue)) {
      started ??= startedParts(form);
      // Without a cell, an empty required finding is a table with no row at all: the form's main table.
      const part = issue.cell === null ? mainTableKey(form) : partOfCell(form, issue.cell);
      if (part !== null && !started.has(part)) {
        todo.push(issue);
        continue;
      }
    }
    shown.push(issue);
  }
  return { issues: shown, todo };
}
