/**
 * Across stages: the indicators of a self-evaluation or a monitoring sheet against the goals declared for
 * the same project (the goal sheet in the same workbook, or given alongside). Approved goals may only be
 * changed by procedure (条例 art. 18), so every difference is worth a reviewer's look.
 */
import { fieldOf, type ParsedForm, type RowReading, type TableRow } from '../../forms/form-model';
import { meaningOf } from '../../forms/row-reading';
import { numberOf, toPercentPoints, type Operator } from '../../grid/parse';
import { shown, textOf } from '../cells';
import { formRule, mainTableKey, type CheckContext, type Finding, type Rule, type RowView } from '../rule';
import { MONITORING, SELF_EVALUATIONS } from '../template-groups';
import { rowViews } from '../views';

const CROSS_STAGE_TEMPLATES = [...SELF_EVALUATIONS, ...MONITORING];

function indicatorKey(view: RowView): string | null {
  const name = view.reading.name;
  return name === null ? null : name.replace(/\s+/g, '');
}

function byName(form: ParsedForm, ctx: CheckContext): Map<string, RowView> {
  const map = new Map<string, RowView>();
  for (const view of rowViews(form, mainTableKey(form), ctx)) {
    const key = indicatorKey(view);
    if (key !== null && !map.has(key)) map.set(key, view);
  }
  return map;
}

/** An operator the row writes or names (定性); one assumed from wording is a guess, not a declaration. */
function declaredOperator(reading: RowReading, ctx: CheckContext): Operator | null {
  const { operator, source } = meaningOf(reading, ctx.profile);
  return source === 'assumed-lower' || source === 'assumed-upper' ? null : operator;
}

/** Same operator and the same value (on one scale), or the same text for a non-number. */
function sameTarget(declared: RowReading, stated: RowReading, ctx: CheckContext): boolean {
  const op1 = declaredOperator(declared, ctx);
  const op2 = declaredOperator(stated, ctx);
  if (op1 !== null && op2 !== null && op1 !== op2) return false;
  const r1 = declared.targetReading;
  const r2 = stated.targetReading;
  const percent = declared.percent || stated.percent;
  const n1 = percent ? toPercentPoints(r1) : numberOf(r1);
  const n2 = percent ? toPercentPoints(r2) : numberOf(r2);
  if (n1 !== null && n2 !== null) return Math.abs(n1 - n2) <= 1e-9 * Math.max(1, Math.abs(n1));
  // Nothing but the operator ("＞" in the value on one side, in the 指标性质 column on the other).
  if (r1.kind === 'blank' && r2.kind === 'blank') return true;
  const t1 = textOf(fieldOf(declared.cells, 'target'));
  const t2 = textOf(fieldOf(stated.cells, 'target'));
  return (t1 ?? '').replace(/\s+/g, '') === (t2 ?? '').replace(/\s+/g, '');
}

function goalsWithIndicators(ctx: CheckContext): ParsedForm | null {
  const goals = ctx.goals;
  return goals !== null && (goals.tables.indicators ?? []).length > 0 ? goals : null;
}

export const goalIndicatorRemoved = formRule({
  code: 'goal_indicator_removed',
  severity: 'warning',
  templates: CROSS_STAGE_TEMPLATES,
  scope: 'form',
  params: ['name', 'goalSheet'],
  check: (form, ctx) => {
    const goals = goalsWithIndicators(ctx);
    if (goals === null) return [];
    const here = byName(form, ctx);
    const findings: Finding<'name' | 'goalSheet'>[] = [];
    for (const [key, view] of byName(goals, ctx)) {
      if (!here.has(key)) findings.push({ cell: null, params: { name: view.name, goalSheet: goals.sheet } });
    }
    return findings;
  },
});

export const goalIndicatorAdded = formRule({
  code: 'goal_indicator_added',
  severity: 'warning',
  templates: CROSS_STAGE_TEMPLATES,
  scope: 'form',
  params: ['name', 'goalSheet'],
  check: (form, ctx) => {
    const goals = goalsWithIndicators(ctx);
    if (goals === null) return [];
    const declared = byName(goals, ctx);
    const findings: Finding<'name' | 'goalSheet'>[] = [];
    for (const [key, view] of byName(form, ctx)) {
      if (!declared.has(key)) {
        findings.push({
          cell: fieldOf(view.row, 'level3').cell,
          params: { name: view.name, goalSheet: goals.sheet },
        });
      }
    }
    return findings;
  },
});

export const goalTargetChanged = formRule({
  code: 'goal_target_changed',
  severity: 'warning',
  templates: CROSS_STAGE_TEMPLATES,
  scope: 'form',
  params: ['name', 'declared', 'stated', 'goalSheet'],
  check: (form, ctx) => {
    const goals = goalsWithIndicators(ctx);
    if (goals === null) return [];
    const declared = byName(goals, ctx);
    const findings: Finding<'name' | 'declared' | 'stated' | 'goalSheet'>[] = [];
    for (const [key, view] of byName(form, ctx)) {
      const goal = declared.get(key);
      if (goal === undefined || sameTarget(goal.reading, view.reading, ctx)) continue;
      findings.push({
        cell: fieldOf(view.row, 'target').cell,
        params: {
          name: view.name,
          declared: describeTarget(goal.row),
          stated: describeTarget(view.row),
          goalSheet: goals.sheet,
        },
      });
    }
    return findings;
  },
});

function describeTarget(row: TableRow): string {
  const operator = shown(fieldOf(row, 'operator'));
  const target = shown(fieldOf(row, 'target'));
  const unit = shown(fieldOf(row, 'unit'));
  return [operator, target, unit !== '' && !target.endsWith(unit) ? unit : ''].join('');
}

export const CROSS_STAGE_RULES: readonly Rule[] = [
  goalIndicatorRemoved,
  goalIndicatorAdded,
  goalTargetChanged,
];
