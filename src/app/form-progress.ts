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

/** The parts of the form in which a person has written something. */
export function startedParts(form: ParsedForm): Set<FormPart> {
  const started = new Set<FormPart>();
  if (Object.values(form.header).some(filled)) started.add('header');
  if (Object.values(form.goals).some(filled)) started.add('goals');
  const fundsFilled = Object.values(form.funds).some(
    (row) =>
      row !== undefined &&
      Object.entries(row.cols).some(
        ([key, field]) => !FUNDS_SHIPPED.includes(key as FundsColKey) && filled(field),
      ),
  );
  if (fundsFilled) started.add('funds');
  for (const key of Object.keys(form.tables) as TableKey[]) {
    const readings = form.readings[key] ?? [];
    const countsAsContent = new Set(
      readings.filter((r) => r.kind !== 'header' && r.kind !== 'footer').map((r) => r.row),
    );
    const columns = key === 'criteria' ? CRITERIA_ANSWERS : null;
    const any = (form.tables[key] ?? []).some(
      (row) =>
        countsAsContent.has(row.row) &&
        Object.entries(row.fields).some(
          ([column, field]) => (columns === null || columns.includes(column as ColumnKey)) && filled(field),
        ),
    );
    const summaryFilled =
      key === mainTableKey(form) && (filled(form.total) || filled(form.grade) || filled(form.conclusion));
    if (any || summaryFilled) started.add(key);
  }
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
