/**
 * What a rule is: metadata the registry, the message catalog and the tests read (code, severity, templates,
 * scope, params), and one check function. A check returns findings (cell and params); the registry turns them
 * into issues, so code, severity and sheet can never disagree with the rule's metadata.
 */
import type { TemplateId, ParsedForm, RowReading, TableKey, TableRow } from '../forms/form-model';
import type { Framework } from '../framework/framework-schema';
import type { Profile } from '../profiles/profile-schema';
import type { FormScores, IndicatorScore } from '../scoring/score-types';
import type { Severity } from './issue';

export interface CheckContext {
  profile: Profile;
  framework: Framework;
  /** Scores computed once by the caller (scoreForm); checks read them and never recompute them. */
  scores: FormScores;
  /** The declared goals (项目/部门绩效目标申报表) a self-evaluation or a monitoring sheet is compared with. */
  goals: ParsedForm | null;
}

export interface Finding<P extends string = string> {
  /** A1 address of the cell to fix; null for a missing section or a whole-form finding. */
  cell: string | null;
  params: Readonly<Record<P, string | number>>;
}

interface RuleMeta<P extends string> {
  /** lower_snake, stable once published: reports and catalogs are keyed by it. */
  code: string;
  severity: Severity;
  templates: readonly TemplateId[];
  /** Every param each finding carries; the message catalog may use exactly these placeholders. */
  params: readonly P[];
  /**
   * Each finding is a required cell left empty (or a table with no rows yet): the form is unfinished there rather
   * than wrong. A form being filled in may list such findings as 待填写 (to fill) until someone starts the part of
   * the form they are in; a received file reports them as they are (docs/product.md, progressive checking).
   */
  emptyRequired?: true;
}

/** One table row as a row rule sees it. */
export interface RowView {
  /** The row's cells, for the addresses of the cells an issue points at. */
  row: TableRow;
  /** What the row holds and means, read once (row-reading.ts); rules read values from here. */
  reading: RowReading;
  /** Index of the row in its table. */
  index: number;
  /**
   * 一级/二级 as read for matching, or carried down from the rows above (a merged cell is read only in its first
   * row). Messages quote `reading.shown.level1` / `level2`, the levels as written.
   */
  level1: string | null;
  level2: string | null;
  /**
   * 三级指标 as written (reading.shown.name), or 第N行 when it is blank: for messages only. Matching uses
   * `reading.name`.
   */
  name: string;
  /** The row's score from ctx.scores, when scoring produced one for this row. */
  score: IndicatorScore | null;
}

/**
 * Looks at one row only, so a live edit re-checks just that row. 'main' is the form's indicator or criteria
 * table (see mainTableKey).
 */
export interface RowRule<P extends string = string> extends RuleMeta<P> {
  scope: 'row';
  table: TableKey | 'main';
  check(view: RowView, form: ParsedForm, ctx: CheckContext): Finding<P>[];
}

/** Sums, totals, sections, cross-row comparisons. */
export interface FormRule<P extends string = string> extends RuleMeta<P> {
  scope: 'form';
  check(form: ParsedForm, ctx: CheckContext): Finding<P>[];
}

export type Rule = RowRule | FormRule;

export function rowRule<P extends string>(rule: RowRule<P>): Rule {
  return rule;
}

export function formRule<P extends string>(rule: FormRule<P>): Rule {
  return rule;
}

/** The table whose rows are indicators (or criteria) for this template. */
export function mainTableKey(form: ParsedForm): TableKey {
  return form.template === 'ex-ante-assessment' || form.template === 'key-evaluation'
    ? 'criteria'
    : 'indicators';
}
