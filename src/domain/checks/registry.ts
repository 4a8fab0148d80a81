/**
 * The registry of every rule and the three ways to run them: the whole form, one row after a live edit,
 * or only the form-level rules (sums and totals) after any edit.
 */
import type { ParsedForm, TableKey } from '../forms/form-model';
import { isA1, parseA1 } from '../grid/address';
import type { Issue } from './issue';
import {
  mainTableKey,
  type CheckContext,
  type FormRule,
  type Rule,
  type RowRule,
  type RowView,
} from './rule';
import { CROSS_STAGE_RULES } from './rules/cross-stage';
import { EX_ANTE_KEY_EVALUATION_RULES } from './rules/ex-ante-key-evaluation';
import { FRAMEWORK_RULES } from './rules/framework';
import { MONEY_RULES } from './rules/money';
import { MONITORING_RULES } from './rules/monitoring';
import { REQUIRED_FIELD_RULES } from './rules/required-fields';
import { SELF_EVALUATION_RULES } from './rules/self-evaluation';
import { STRUCTURE_RULES } from './rules/structure';
import { SUM_RULES } from './rules/sums';
import { FORMULA_RESULT_RULES } from './rules/formula-results';
import { TEXT_NUMBER_RULES } from './rules/text-numbers';
import { VALUE_RULES } from './rules/values';
import { WEIGHT_RULES } from './rules/weights';
import { rowViewAt, rowViews } from './views';
import { JURISDICTION_ISSUE_CODES } from '../profiles/jurisdiction-issue';

export type { CheckContext, Rule } from './rule';

export const RULES: readonly Rule[] = [
  ...STRUCTURE_RULES,
  ...REQUIRED_FIELD_RULES,
  ...FRAMEWORK_RULES,
  ...VALUE_RULES,
  ...TEXT_NUMBER_RULES,
  ...FORMULA_RESULT_RULES,
  ...WEIGHT_RULES,
  ...MONEY_RULES,
  ...SUM_RULES,
  ...SELF_EVALUATION_RULES,
  ...MONITORING_RULES,
  ...EX_ANTE_KEY_EVALUATION_RULES,
  ...CROSS_STAGE_RULES,
];

/** Issues the engine raises outside the rules (a sheet that is no form), with their params. */
export const ENGINE_ISSUE_CODES: Readonly<Record<string, readonly string[]>> = {
  form_unrecognized: ['sheet'],
  ...JURISDICTION_ISSUE_CODES,
};

/** A visible sheet that holds no recognisable form. */
export function unrecognizedFormIssue(sheet: string): Issue {
  return { code: 'form_unrecognized', severity: 'warning', sheet, cell: null, params: { sheet } };
}

const RULE_BY_CODE: ReadonlyMap<string, Rule> = new Map(RULES.map((rule) => [rule.code, rule]));

/**
 * Whether an issue says that a required cell is still empty (its rule's `emptyRequired`), as opposed to a wrong
 * value or a wrong sum: the finding a form being filled in may show as 待填写 rather than as an error.
 */
export function isEmptyRequired(issue: Issue): boolean {
  return RULE_BY_CODE.get(issue.code)?.emptyRequired === true;
}

function applies(rule: Rule, form: ParsedForm): boolean {
  return rule.templates.includes(form.template);
}

function resolveTable(rule: RowRule, form: ParsedForm): TableKey {
  return rule.table === 'main' ? mainTableKey(form) : rule.table;
}

function toIssues(rule: Rule, form: ParsedForm, findings: ReturnType<Rule['check']>): Issue[] {
  return findings.map((f) => ({
    code: rule.code,
    severity: rule.severity,
    sheet: form.sheet,
    cell: f.cell,
    params: f.params,
  }));
}

function runRowRule(rule: RowRule, views: readonly RowView[], form: ParsedForm, ctx: CheckContext): Issue[] {
  return views.flatMap((view) => toIssues(rule, form, rule.check(view, form, ctx)));
}

/** Adds a rule's findings to `issues` as issues (most checks find nothing: then nothing is allocated). */
function pushIssues(
  issues: Issue[],
  rule: Rule,
  form: ParsedForm,
  findings: ReturnType<Rule['check']>,
): void {
  for (const f of findings) {
    issues.push({
      code: rule.code,
      severity: rule.severity,
      sheet: form.sheet,
      cell: f.cell,
      params: f.params,
    });
  }
}

function runFormRule(rule: FormRule, form: ParsedForm, ctx: CheckContext): Issue[] {
  return toIssues(rule, form, rule.check(form, ctx));
}

/** Every rule for the form, issues in sheet order (row, then column); whole-form issues first. */
export function checkForm(form: ParsedForm, ctx: CheckContext): Issue[] {
  const views = new Map<TableKey, RowView[]>();
  const viewsOf = (key: TableKey): RowView[] => {
    let cached = views.get(key);
    if (cached === undefined) {
      cached = rowViews(form, key, ctx);
      views.set(key, cached);
    }
    return cached;
  };
  // Rule by rule, row by row, into one list: the order the issues had when each rule's were concatenated.
  const issues: Issue[] = [];
  for (const rule of RULES) {
    if (!applies(rule, form)) continue;
    if (rule.scope === 'row') {
      for (const view of viewsOf(resolveTable(rule, form)))
        pushIssues(issues, rule, form, rule.check(view, form, ctx));
    } else {
      pushIssues(issues, rule, form, rule.check(form, ctx));
    }
  }
  return sortIssues(issues);
}

/** The row-scoped rules for one table row (0-based sheet row), after a live edit of that row. */
export function checkRow(form: ParsedForm, table: TableKey, row: number, ctx: CheckContext): Issue[] {
  const view = rowViewAt(form, table, row, ctx);
  if (view === null) return [];
  const issues = RULES.filter(
    (rule): rule is RowRule =>
      rule.scope === 'row' && applies(rule, form) && resolveTable(rule, form) === table,
  ).flatMap((rule) => runRowRule(rule, [view], form, ctx));
  return sortIssues(issues);
}

/** Only the form-scoped rules: sums, totals, sections, cross-row and cross-stage comparisons. */
export function checkFormLevel(form: ParsedForm, ctx: CheckContext): Issue[] {
  const issues = RULES.filter(
    (rule): rule is FormRule => rule.scope === 'form' && applies(rule, form),
  ).flatMap((rule) => runFormRule(rule, form, ctx));
  return sortIssues(issues);
}

function position(cell: string | null): { row: number; col: number } {
  if (cell === null) return { row: -1, col: -1 };
  // An address the engine cannot read is a reader bug; sort it last rather than lose the issue.
  return isA1(cell) ? parseA1(cell) : { row: Number.MAX_SAFE_INTEGER, col: 0 };
}

/** Rule order breaks ties, so a whole-form check and a live session list the same issues in the same order. */
const RULE_ORDER = new Map(RULES.map((rule, i) => [rule.code, i]));

export function sortIssues(issues: readonly Issue[]): Issue[] {
  return issues
    .map((issue, order) => ({
      issue,
      order,
      pos: position(issue.cell),
      rule: RULE_ORDER.get(issue.code) ?? RULES.length,
    }))
    .sort((a, b) => a.pos.row - b.pos.row || a.pos.col - b.pos.col || a.rule - b.rule || a.order - b.order)
    .map((x) => x.issue);
}
