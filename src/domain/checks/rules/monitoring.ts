/** Monitoring (双监控): execution against time progress, likelihood of meeting the goal, causes, progress. */
import { fieldOf, headerOf, type ColumnKey, type ParsedForm } from '../../forms/form-model';
import { LIKELIHOODS } from '../../forms/vocabulary';
import { columnLabel, isEmptyish, readingOf, shown, textOf } from '../cells';
import { amountIn, fundsField, offByTenThousand } from '../money';
import { formRule, rowRule, type Finding, type Rule } from '../rule';
import { MONITORING } from '../template-groups';

/** 监控月份 as a whole month 1–12, else null. */
export function monitoringMonth(form: ParsedForm): number | null {
  const reading = readingOf(headerOf(form, 'monitoringMonth'));
  if (reading.kind === 'number')
    return Number.isInteger(reading.value) && reading.value >= 1 && reading.value <= 12
      ? reading.value
      : null;
  if (reading.kind === 'text') {
    // "7月", "1-7月", "1—7月": the last month named.
    const match = /(\d{1,2})\s*月?\s*$/.exec(reading.text.replace(/份/g, ''));
    const month = match?.[1] === undefined ? NaN : Number(match[1]);
    return month >= 1 && month <= 12 ? month : null;
  }
  return null;
}

export const monitoringMonthInvalid = formRule({
  code: 'monitoring_month_invalid',
  severity: 'error',
  templates: MONITORING,
  scope: 'form',
  params: ['value'],
  check: (form) => {
    const field = headerOf(form, 'monitoringMonth');
    if (field.cell === null || isEmptyish(field) || monitoringMonth(form) !== null) return [];
    return [{ cell: field.cell, params: { value: shown(field) } }];
  },
});

interface Execution {
  cell: string | null;
  /** 执行率, percent. */
  rate: number;
  /** 时间进度, percent. */
  progress: number;
  /** 执行率 ÷ 时间进度 × 100. */
  ratio: number;
}

function execution(form: ParsedForm): Execution | null {
  const month = monitoringMonth(form);
  const executedField = fundsField(form, 'total', 'executed');
  const budgetField = fundsField(form, 'total', 'initialBudget') ?? fundsField(form, 'total', 'annualBudget');
  if (month === null || executedField === null || budgetField === null) return null;
  const executed = amountIn(executedField);
  const budget = amountIn(budgetField);
  if (executed === null || budget === null || budget <= 0 || executed < 0) return null;
  // An amount typed in the wrong unit is reported by the money rules; a light computed from it would mislead.
  if (offByTenThousand(executed, budget)) return null;
  const rate = (executed / budget) * 100;
  const progress = (month / 12) * 100;
  return { cell: executedField.cell, rate, progress, ratio: (rate / progress) * 100 };
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

function lightFinding(e: Execution): Finding<'rate' | 'progress' | 'ratio'> {
  return {
    cell: e.cell,
    params: { rate: round1(e.rate), progress: round1(e.progress), ratio: round1(e.ratio) },
  };
}

export const executionBehindSchedule = formRule({
  code: 'execution_behind_schedule',
  severity: 'error',
  templates: MONITORING,
  scope: 'form',
  params: ['rate', 'progress', 'ratio'],
  check: (form, ctx) => {
    const e = execution(form);
    return e !== null && e.ratio < ctx.profile.monitoring.red ? [lightFinding(e)] : [];
  },
});

export const executionLagging = formRule({
  code: 'execution_lagging',
  severity: 'warning',
  templates: MONITORING,
  scope: 'form',
  params: ['rate', 'progress', 'ratio'],
  check: (form, ctx) => {
    const e = execution(form);
    const { red, yellow } = ctx.profile.monitoring;
    return e !== null && e.ratio >= red && e.ratio < yellow ? [lightFinding(e)] : [];
  },
});

function likelihoodOf(text: string | null): (typeof LIKELIHOODS)[number] | null {
  if (text === null) return null;
  const bare = text.replace(/\s+/g, '');
  return LIKELIHOODS.find((l) => l === bare) ?? null;
}

export const likelihoodMissing = rowRule({
  code: 'likelihood_missing',
  emptyRequired: true,
  severity: 'error',
  templates: MONITORING,
  scope: 'row',
  table: 'main',
  params: ['name'],
  check: (view) => {
    const field = fieldOf(view.row, 'likelihood');
    return field.cell !== null && isEmptyish(field)
      ? [{ cell: field.cell, params: { name: view.name } }]
      : [];
  },
});

export const likelihoodInvalid = rowRule({
  code: 'likelihood_invalid',
  severity: 'error',
  templates: MONITORING,
  scope: 'row',
  table: 'main',
  params: ['value', 'name'],
  check: (view) => {
    const field = fieldOf(view.row, 'likelihood');
    if (field.cell === null || isEmptyish(field) || likelihoodOf(textOf(field)) !== null) return [];
    return [{ cell: field.cell, params: { value: shown(field), name: view.name } }];
  },
});

export const causeMissing = rowRule({
  code: 'cause_missing',
  severity: 'error',
  templates: MONITORING,
  scope: 'row',
  table: 'main',
  params: ['name', 'likelihood'],
  check: (view) => {
    const likelihood = likelihoodOf(textOf(fieldOf(view.row, 'likelihood')));
    const cause = fieldOf(view.row, 'cause');
    if (likelihood === null || likelihood === '确定能' || cause.cell === null || !isEmptyish(cause))
      return [];
    return [{ cell: cause.cell, params: { name: view.name, likelihood } }];
  },
});

const PROGRESS_COLUMNS: readonly ColumnKey[] = ['progress', 'forecast'];

export const progressMissing = rowRule({
  code: 'progress_missing',
  emptyRequired: true,
  severity: 'warning',
  templates: MONITORING,
  scope: 'row',
  table: 'main',
  params: ['label', 'name'],
  check: (view) =>
    PROGRESS_COLUMNS.flatMap((key) => {
      const field = fieldOf(view.row, key);
      return field.cell !== null && isEmptyish(field)
        ? [{ cell: field.cell, params: { label: columnLabel(key), name: view.name } }]
        : [];
    }),
});

export const MONITORING_RULES: readonly Rule[] = [
  monitoringMonthInvalid,
  executionBehindSchedule,
  executionLagging,
  likelihoodMissing,
  likelihoodInvalid,
  causeMissing,
  progressMissing,
];
