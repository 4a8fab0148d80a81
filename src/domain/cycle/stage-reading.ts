/**
 * What one stage of the cycle hands to the next (目标 → 监控 → 自评): the declared goals of a goal form, and
 * the progress of a monitoring form, as plain values. This is the one place that reads a ParsedForm for the
 * cycle; `indicatorOf` is the one place that reads an indicator row, so that reading rows another way (one
 * normalised reading per row) changes that function alone.
 */
import {
  fieldOf,
  type FundsRowKey,
  type ParsedForm,
  type TableRow,
  type TemplateId,
} from '../forms/form-model';
import { cellText, parseOperator, readAmount, readTarget, type Operator } from '../grid/parse';
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

/**
 * An indicator row as the next stage needs it, with 一级/二级 carried down from the rows above (merged cells);
 * null for a row without a 三级指标 name.
 */
export function indicatorOf(
  row: TableRow,
  carried: { level1: string | null; level2: string | null },
): StageIndicator | null {
  const level3 = cellText(fieldOf(row, 'level3').raw);
  if (level3 === null) return null;
  const rawTarget = fieldOf(row, 'target').raw;
  const inTarget = readTarget(rawTarget);
  const operator = parseOperator(fieldOf(row, 'operator').raw) ?? inTarget.operator;
  let target: CellScalar = rawTarget;
  let unit = cellText(fieldOf(row, 'unit').raw);
  if (typeof rawTarget === 'string') {
    const reading = inTarget.reading;
    if (reading.kind === 'number') {
      // "≥95%" → 95 with the unit %, the operator in its own column; "不少于500人次" → 500 and 人次. A
      // percentage of at most 1 is written as a fraction (0.5% → 0.005), as a cell formatted as % holds it,
      // because a bare number up to 1 under the unit % is read as a fraction.
      target = reading.percent && Math.abs(reading.value) <= 1 ? reading.value / 100 : reading.value;
      if (unit === null && reading.unit !== null && !reading.percent) unit = reading.unit;
      if (unit === null && reading.percent) unit = '%';
    } else if (reading.kind === 'text' || reading.kind === 'placeholder') {
      target = reading.text;
    } else if (reading.kind === 'blank') {
      target = null;
    }
  }
  return {
    row: row.row,
    level1: carried.level1,
    level2: carried.level2,
    level3,
    operator,
    target,
    unit,
    progress: fieldOf(row, 'progress').raw,
    forecast: fieldOf(row, 'forecast').raw,
  };
}

function indicatorsOf(form: ParsedForm): StageIndicator[] {
  const indicators: StageIndicator[] = [];
  let carried: { level1: string | null; level2: string | null } = { level1: null, level2: null };
  for (const row of form.tables.indicators ?? []) {
    const own1 = cellText(fieldOf(row, 'level1').raw);
    const own2 = cellText(fieldOf(row, 'level2').raw);
    if (own1 !== null && own1 !== carried.level1) carried = { level1: own1, level2: null };
    if (own2 !== null) carried = { ...carried, level2: own2 };
    const indicator = indicatorOf(row, carried);
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
