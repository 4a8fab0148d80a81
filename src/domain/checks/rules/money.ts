/** Money: amounts are numbers, not negative, parts add up to the total, execution within budget, 元 vs 万元. */
import type { FundsColKey, FundsRowKey, ParsedForm } from '../../forms/form-model';
import { fundsLabel, readingOf, shown } from '../cells';
import { AMOUNT_COLUMNS, amountIn, FUNDS_ROWS, fundsField, offByTenThousand } from '../money';
import { formRule, type Finding, type Rule } from '../rule';
import { FUNDS_TEMPLATES } from '../template-groups';

interface AmountCell {
  row: FundsRowKey;
  col: FundsColKey;
  cell: string | null;
  text: string;
  wan: number | null;
  readable: boolean;
}

/**
 * A computation several rules make on the same form, made once per form: the rules of one check all get
 * the same form object, which nothing changes once it is read. The result is shared and only read.
 */
function oncePerForm<T>(compute: (form: ParsedForm) => T): (form: ParsedForm) => T {
  const made = new WeakMap<ParsedForm, T>();
  return (form) => {
    if (made.has(form)) return made.get(form) as T;
    const value = compute(form);
    made.set(form, value);
    return value;
  };
}

const amountCells = oncePerForm((form): readonly AmountCell[] => {
  const cells: AmountCell[] = [];
  for (const row of FUNDS_ROWS) {
    for (const col of AMOUNT_COLUMNS) {
      const field = fundsField(form, row, col);
      if (field === null || field.cell === null) continue;
      const kind = readingOf(field).kind;
      const blankish = kind === 'blank' || kind === 'placeholder';
      const wan = amountIn(field);
      cells.push({ row, col, cell: field.cell, text: shown(field), wan, readable: blankish || wan !== null });
    }
  }
  return cells;
});

export const amountNotNumber = formRule({
  code: 'amount_not_number',
  severity: 'error',
  templates: FUNDS_TEMPLATES,
  scope: 'form',
  params: ['label', 'value'],
  check: (form) =>
    amountCells(form)
      .filter((c) => !c.readable)
      .map((c) => ({ cell: c.cell, params: { label: fundsLabel(c.row, c.col), value: c.text } })),
});

export const negativeAmount = formRule({
  code: 'negative_amount',
  severity: 'error',
  templates: FUNDS_TEMPLATES,
  scope: 'form',
  params: ['label', 'value'],
  check: (form) =>
    amountCells(form)
      .filter((c) => c.wan !== null && c.wan < 0)
      .map((c) => ({ cell: c.cell, params: { label: fundsLabel(c.row, c.col), value: c.text } })),
});

interface Partition {
  parts: readonly FundsRowKey[];
  label: string;
}

const PARTITIONS: readonly Partition[] = [
  { parts: ['fiscal', 'carryover', 'other'], label: '财政拨款、上年结转资金与其他资金' },
  { parts: ['basic', 'project'], label: '基本支出与项目支出' },
];

interface PartsComparison {
  col: FundsColKey;
  total: number;
  totalCell: string | null;
  sum: number;
  partition: Partition;
  /** The part with the largest amount, the likeliest cell typed in the wrong unit when the parts are off. */
  largestPartCell: string | null;
  /** Each part's cell and amount. */
  parts: readonly { cell: string | null; wan: number }[];
}

const partsComparisons = oncePerForm((form): readonly PartsComparison[] => {
  const comparisons: PartsComparison[] = [];
  for (const col of AMOUNT_COLUMNS) {
    const totalField = fundsField(form, 'total', col);
    if (totalField === null) continue;
    const total = amountIn(totalField);
    // A blank total is a required field (or an optional column left empty), not a wrong sum.
    if (total === null) continue;
    for (const partition of PARTITIONS) {
      const parts = partition.parts.flatMap((row) => {
        const field = fundsField(form, row, col);
        const wan = field === null ? null : amountIn(field);
        return field === null || wan === null ? [] : [{ cell: field.cell, wan }];
      });
      if (parts.length === 0) continue;
      const sum = parts.reduce((a, p) => a + p.wan, 0);
      const largest = parts.reduce((a, p) => (p.wan > a.wan ? p : a));
      comparisons.push({
        col,
        total,
        totalCell: totalField.cell,
        sum,
        partition,
        largestPartCell: largest.cell,
        parts,
      });
    }
  }
  return comparisons;
});

const round4 = (n: number): number => Math.round(n * 10000) / 10000;

/**
 * Where a wrong sum is to be fixed: the total, unless one part alone exceeds it while the other parts, not
 * nothing, fit within it (a part cannot be larger than the whole: 基本支出 7242318 beside 项目支出 243.96 under a
 * total of 968.19 is that part's slip).
 */
function wrongCellOf(c: PartsComparison, tolerance: number): string | null {
  const over = c.parts.filter((p) => p.wan > c.total + tolerance + 1e-9);
  const only = over[0];
  if (over.length !== 1 || only === undefined) return c.totalCell;
  // With nothing else beside it, the part is the money and the total the slip (a 总额 left at 0).
  const others = c.sum - only.wan;
  return others > 0 && others <= c.total + tolerance + 1e-9 ? (only.cell ?? c.totalCell) : c.totalCell;
}

export const fundsPartsMismatch = formRule({
  code: 'funds_parts_mismatch',
  severity: 'error',
  templates: FUNDS_TEMPLATES,
  scope: 'form',
  params: ['column', 'total', 'parts', 'partsLabel', 'tolerance'],
  check: (form, ctx) =>
    partsComparisons(form)
      .filter(
        (c) =>
          Math.abs(c.total - c.sum) > ctx.profile.tolerances.money + 1e-9 &&
          !offByTenThousand(c.total, c.sum),
      )
      .map((c) => ({
        cell: wrongCellOf(c, ctx.profile.tolerances.money),
        params: {
          column: fundsLabel('total', c.col),
          total: round4(c.total),
          parts: round4(c.sum),
          partsLabel: c.partition.label,
          tolerance: ctx.profile.tolerances.money,
        },
      })),
});

/** Execution columns, each measured against the budget of its row (budgetColumn). */
const SPENT_COLUMNS: readonly FundsColKey[] = ['executed', 'forecast'];

/**
 * The budget an execution is measured against (docs/domain.md §5.1.2): the column the form's own 执行率(B/A)
 * header divides by; else 全年预算数 (调整后) when the form has that column — left blank, there is nothing to
 * compare with, and the blank is the required-field rule's finding; else 年初预算数; else 年度资金 (goal forms).
 * A 年初预算数 of 0 is money not yet budgeted at the start of the year (transfers arrive during the year), not
 * a ceiling: spending above it is no overspending.
 */
function budgetColumnOf(form: ParsedForm, row: FundsRowKey): FundsColKey | null {
  const has = (col: FundsColKey): boolean => {
    const field = fundsField(form, row, col);
    return field !== null && field.cell !== null;
  };
  const basis = form.budgetBasis?.column;
  if (basis !== undefined) return has(basis) ? basis : null;
  if (has('annualBudget')) return 'annualBudget';
  if (has('initialBudget')) return 'initialBudget';
  return has('annual') ? 'annual' : null;
}

interface ExecutionComparison {
  row: FundsRowKey;
  spent: FundsColKey;
  spentWan: number;
  spentCell: string | null;
  budget: FundsColKey;
  budgetWan: number;
  budgetCell: string | null;
}

const executionComparisons = oncePerForm((form): readonly ExecutionComparison[] => {
  const comparisons: ExecutionComparison[] = [];
  for (const row of FUNDS_ROWS) {
    const budget = budgetColumnOf(form, row);
    const budgetField = budget === null ? null : fundsField(form, row, budget);
    const budgetWan = budgetField === null ? null : amountIn(budgetField);
    if (budget === null || budgetField === null || budgetWan === null) continue;
    if (budget === 'initialBudget' && budgetWan === 0) continue;
    for (const spent of SPENT_COLUMNS) {
      const spentField = fundsField(form, row, spent);
      const spentWan = spentField === null ? null : amountIn(spentField);
      if (spentField === null || spentWan === null) continue;
      comparisons.push({
        row,
        spent,
        spentWan,
        spentCell: spentField.cell,
        budget,
        budgetWan,
        budgetCell: budgetField.cell,
      });
    }
  }
  return comparisons;
});

export const executedOverBudget = formRule({
  code: 'executed_over_budget',
  severity: 'warning',
  templates: FUNDS_TEMPLATES,
  scope: 'form',
  params: ['label', 'executed', 'budgetLabel', 'budget'],
  check: (form, ctx) =>
    executionComparisons(form)
      .filter(
        (c) =>
          c.spentWan > c.budgetWan + ctx.profile.tolerances.money + 1e-9 &&
          c.budgetWan >= 0 &&
          !offByTenThousand(c.spentWan, c.budgetWan),
      )
      .map((c) => ({
        cell: c.spentCell,
        params: {
          label: fundsLabel(c.row, c.spent),
          executed: round4(c.spentWan),
          budgetLabel: fundsLabel(c.row, c.budget),
          budget: round4(c.budgetWan),
        },
      })),
});

export const amountUnitMismatch = formRule({
  code: 'amount_unit_mismatch',
  severity: 'error',
  templates: FUNDS_TEMPLATES,
  scope: 'form',
  params: ['label', 'value', 'otherLabel', 'other'],
  check: (form) => {
    const findings: Finding<'label' | 'value' | 'otherLabel' | 'other'>[] = [];
    const seen = new Set<string>();
    const push = (
      cell: string | null,
      label: string,
      value: number,
      otherLabel: string,
      other: number,
    ): void => {
      const key = cell ?? label;
      if (seen.has(key)) return;
      seen.add(key);
      findings.push({ cell, params: { label, value: round4(value), otherLabel, other: round4(other) } });
    };
    for (const c of partsComparisons(form)) {
      if (!offByTenThousand(c.total, c.sum)) continue;
      const totalLabel = fundsLabel('total', c.col);
      if (c.total > c.sum) push(c.totalCell, totalLabel, c.total, c.partition.label, c.sum);
      else push(c.largestPartCell, c.partition.label, c.sum, totalLabel, c.total);
    }
    for (const c of executionComparisons(form)) {
      if (!offByTenThousand(c.spentWan, c.budgetWan)) continue;
      const spentLabel = fundsLabel(c.row, c.spent);
      const budgetLabel = fundsLabel(c.row, c.budget);
      // The budget is fixed first and copied from the approval; the larger figure is the one typed in 元.
      if (c.spentWan > c.budgetWan) push(c.spentCell, spentLabel, c.spentWan, budgetLabel, c.budgetWan);
      else push(c.budgetCell, budgetLabel, c.budgetWan, spentLabel, c.spentWan);
    }
    return findings;
  },
});

/**
 * The budget lines of a department's 年度履职目标 (年度主要任务) share out its 年度资金总额: together they may not
 * exceed it. The line to fix is one that repeats the whole total beside other lines (a 基本支出 line filled with
 * 资金总额), else the largest line.
 */
export const taskBudgetsOverTotal = formRule({
  code: 'task_budgets_over_total',
  severity: 'error',
  templates: ['department-goals'],
  scope: 'form',
  params: ['sum', 'total'],
  check: (form, ctx) => {
    const totalField = fundsField(form, 'total', 'annual');
    const total = totalField === null ? null : amountIn(totalField);
    if (total === null) return [];
    const lines = (form.tables.tasks ?? []).flatMap((row) => {
      const field = row.fields.taskBudget;
      const wan = field === undefined ? null : amountIn(field);
      return field === undefined || wan === null ? [] : [{ cell: field.cell, wan }];
    });
    const tolerance = ctx.profile.tolerances.money;
    const sum = lines.reduce((a, l) => a + l.wan, 0);
    if (lines.length < 2 || sum <= total + tolerance + 1e-9) return [];
    const whole = lines.find((l) => Math.abs(l.wan - total) <= tolerance + 1e-9);
    const largest = lines.reduce((a, l) => (l.wan > a.wan ? l : a));
    return [{ cell: (whole ?? largest).cell, params: { sum: round4(sum), total: round4(total) } }];
  },
});

export const MONEY_RULES: readonly Rule[] = [
  amountNotNumber,
  negativeAmount,
  fundsPartsMismatch,
  executedOverBudget,
  amountUnitMismatch,
  taskBudgetsOverTotal,
];
