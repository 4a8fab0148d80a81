/**
 * What one stage of the cycle hands to the next (目标 → 监控 → 自评): the declared goals of a goal form, and
 * the progress of a monitoring form, as plain values. This is the one place that reads a ParsedForm for the
 * cycle; what an indicator row declares (levels, operator, target, unit) is taken from the row's one reading
 * (forms/row-reading.ts), never from its cells again.
 */
import {
  fieldOf,
  type FundsRowKey,
  type ParsedForm,
  type RowReading,
  type TemplateId,
} from '../forms/form-model';
import { cellText, readAmount, type Operator } from '../grid/parse';
import type { CellScalar } from '../grid/cell';

export type GoalTemplate = 'project-goals' | 'department-goals';

export function isGoalTemplate(template: TemplateId): template is GoalTemplate {
  return template === 'project-goals' || template === 'department-goals';
}

/** One declared indicator, its target split from the operator as a person would type it into the next form. */
export interface StageIndicator {
  /** 0-based sheet row of the indicator on its own form. */
  row: number;
  level1: string | null;
  level2: string | null;
  level3: string;
  operator: Operator | null;
  /** The target value without its operator: a number, or text ("95%", "长期有效"); null when blank. */
  target: CellScalar;
  unit: string | null;
  /** Monitoring only: 1–N月执行情况 and 全年预计完成情况 as typed. */
  progress: CellScalar;
  forecast: CellScalar;
}

export interface StageHeader {
  projectName: string | null;
  department: string | null;
  implementingUnit: string | null;
  departmentName: string | null;
  projectPeriod: string | null;
  year: string | null;
}

export interface GoalDeclaration {
  template: GoalTemplate;
  sheet: string;
  header: StageHeader;
  /** Annual amounts in 万元 by funds row (年度资金总额, 财政拨款, 其他资金, 基本支出, 项目支出). */
  annualFunds: Partial<Record<FundsRowKey, number>>;
  /** 年度目标 (project) or 年度总体目标 (department). */
  annualGoal: string | null;
  indicators: StageIndicator[];
}

export interface MonitoringProgress {
  sheet: string;
  header: StageHeader;
  /** 监控月份 1–12, null when not stated. */
  month: number | null;
  /** 1–N月执行数 and 全年预计执行数 of each funds row, in 万元. */
  executed: Partial<Record<FundsRowKey, number>>;
  forecast: Partial<Record<FundsRowKey, number>>;
  /** 1–N月执行情况 of the annual goal. */
  goalProgress: string | null;
  indicators: StageIndicator[];
}

const FUNDS_ROWS: readonly FundsRowKey[] = ['total', 'fiscal', 'carryover', 'other', 'basic', 'project'];

/** Text as the person typed it (only trimmed), so a carried name is the declared one, character for character. */
function typed(raw: CellScalar | undefined): string | null {
  if (cellText(raw) === null) return null;
  return typeof raw === 'string' ? raw.trim() : String(raw);
}

function text(form: ParsedForm, key: keyof StageHeader): string | null {
  return typed(form.header[key]?.raw);
}

function headerOfForm(form: ParsedForm): StageHeader {
  return {
    projectName: text(form, 'projectName'),
    department: text(form, 'department'),
    implementingUnit: text(form, 'implementingUnit'),
    departmentName: text(form, 'departmentName'),
    projectPeriod: text(form, 'projectPeriod'),
    year: text(form, 'year'),
  };
}

/** The target as a person would type it into the next form, without its operator. */
function typedTarget(reading: RowReading): CellScalar {
  const target = reading.targetReading;
  switch (target.kind) {
    case 'number':
      // "≥95%" → 95 under the unit %; "不少于500人次" → 500 under 人次. A percentage of at most 1 is written
      // as a fraction (0.5% → 0.005), as a cell formatted as % holds it, because a bare number up to 1 under
      // the unit % is read as a fraction.
      return target.percent && Math.abs(target.value) <= 1 ? target.value / 100 : target.value;
    case 'text':
    case 'placeholder':
      // A text target is carried as typed ("达到预期", "≧ %"): the cross-stage check compares texts whole.
      return typed(fieldOf(reading.cells, 'target').raw);
    default:
      return null;
  }
}

/**
 * A declared indicator as the next stage needs it, from the row's one reading: its levels carried down over
 * merged cells, the operator as written (in its column, before the value, or in words), the target and the
 * unit. Null for a row that is not an indicator (a template slot, a 其中 breakdown, a "/" row, a header or
 * group label) or that has no 三级指标 name.
 */
export function indicatorOf(reading: RowReading): StageIndicator | null {
  if (reading.kind !== 'indicator' || reading.name === null) return null;
  const unit = reading.unit ?? (reading.percent ? '%' : null);
  return {
    row: reading.row,
    level1: reading.level1,
    level2: reading.level2,
    level3: reading.name,
    operator: reading.written?.operator ?? null,
    target: typedTarget(reading),
    unit,
    progress: fieldOf(reading.cells, 'progress').raw,
    forecast: fieldOf(reading.cells, 'forecast').raw,
  };
}

function indicatorsOf(form: ParsedForm): StageIndicator[] {
  const indicators: StageIndicator[] = [];
  for (const reading of form.readings.indicators ?? []) {
    const indicator = indicatorOf(reading);
    if (indicator !== null) indicators.push(indicator);
  }
  return indicators;
}

function amountsOf(
  form: ParsedForm,
  pick: (row: FundsRowKey) => CellScalar,
): Partial<Record<FundsRowKey, number>> {
  const amounts: Partial<Record<FundsRowKey, number>> = {};
  for (const key of FUNDS_ROWS) {
    if (form.funds[key] === undefined) continue;
    const amount = readAmount(pick(key));
    if (amount !== null) amounts[key] = amount.wan;
  }
  return amounts;
}

/** The declared goals of a goal form (ours or a hand-made official one); null for any other form. */
export function declarationOf(form: ParsedForm): GoalDeclaration | null {
  if (!isGoalTemplate(form.template)) return null;
  const annual = (key: FundsRowKey): CellScalar => {
    const cols = form.funds[key]?.cols;
    // A hand-made form may carry only one amount column, named 资金总额 or 年度资金.
    return (cols?.annual ?? cols?.initialBudget ?? cols?.annualBudget ?? cols?.midTerm)?.raw ?? null;
  };
  const goal = form.goals.annual ?? form.goals.overall ?? form.goals.expected;
  return {
    template: form.template,
    sheet: form.sheet,
    header: headerOfForm(form),
    annualFunds: amountsOf(form, annual),
    annualGoal: typed(goal?.raw),
    indicators: indicatorsOf(form),
  };
}

/** The progress a monitoring form states; null for any other form. */
export function monitoringOf(form: ParsedForm): MonitoringProgress | null {
  if (form.template !== 'project-monitoring') return null;
  const monthText = cellText(form.header.monitoringMonth?.raw);
  const month = monthText === null ? null : Number.parseInt(monthText.replace(/[^0-9]/g, ''), 10);
  return {
    sheet: form.sheet,
    header: headerOfForm(form),
    month: month !== null && Number.isInteger(month) && month >= 1 && month <= 12 ? month : null,
    executed: amountsOf(form, (key) => form.funds[key]?.cols.executed?.raw ?? null),
    forecast: amountsOf(form, (key) => form.funds[key]?.cols.forecast?.raw ?? null),
    goalProgress: typed(form.goals.progress?.raw),
    indicators: indicatorsOf(form),
  };
}
