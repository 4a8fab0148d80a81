/**
 * Deriving the next form of the cycle from a goal declaration (docs/domain.md §3–§5): the monitoring form or the
 * self-evaluation starts with what was declared — header, annual funds, the annual goal and every indicator
 * with its levels, operator, target and unit — so nobody retypes it and the indicators cannot drift. A
 * self-evaluation gets weights proposed from the profile's first-level weights, and, given a monitoring form,
 * its execution and the indicators' expected completion as a first draft of the actuals.
 */
import type {
  ColumnKey,
  FundsColKey,
  FundsRowKey,
  GoalKey,
  HeaderKey,
  TemplateId,
} from '../forms/form-model';
import type { Framework } from '../framework/framework-schema';
import { matchLevel1 } from '../framework/frameworks';
import type { CellScalar } from '../grid/cell';
import type { Profile } from '../profiles/profile-schema';
import type { GoalDeclaration, GoalTemplate, MonitoringProgress, StageIndicator } from './stage-reading';

export type DerivedTemplate = 'project-monitoring' | 'project-self-evaluation' | 'department-self-evaluation';

export const DERIVED_TEMPLATES: readonly DerivedTemplate[] = [
  'project-monitoring',
  'project-self-evaluation',
  'department-self-evaluation',
];

/** The goal form each derived form starts from. */
export const SOURCE_OF: Record<DerivedTemplate, GoalTemplate> = {
  'project-monitoring': 'project-goals',
  'project-self-evaluation': 'project-goals',
  'department-self-evaluation': 'department-goals',
};

export function isDerivedTemplate(text: string): text is DerivedTemplate {
  return (DERIVED_TEMPLATES as readonly string[]).includes(text);
}

/** The forms a goal form can be carried into. */
export function derivableFrom(template: TemplateId): DerivedTemplate[] {
  return DERIVED_TEMPLATES.filter((target) => SOURCE_OF[target] === template);
}

/** What to type into a fresh form, by field: the fill step finds the cells. */
export interface FormFill {
  header: Partial<Record<HeaderKey, CellScalar>>;
  funds: Partial<Record<FundsRowKey, Partial<Record<FundsColKey, CellScalar>>>>;
  goals: Partial<Record<GoalKey, CellScalar>>;
  /** One entry per indicator row, top to bottom. */
  indicators: Partial<Record<ColumnKey, CellScalar>>[];
}

export interface DeriveOptions {
  profile: Profile;
  framework: Framework;
  /** A monitoring form of the same project: execution and expected completion for a self-evaluation. */
  monitoring?: MonitoringProgress | null;
}

/** Weights below this many decimals are not worth proposing. */
const MAX_WEIGHT_DIGITS = 2;

function roundTo(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/**
 * The profile's first-level weights spread evenly over the indicators of each group; the rounding remainder
 * goes to the last indicator of the group, so the group adds up exactly. An indicator whose 一级 is in no group
 * of the profile gets no weight (null): the weight check then says what is missing.
 */
export function proposeWeights(
  level1s: readonly (string | null)[],
  profile: Profile,
  framework: Framework,
): (number | null)[] {
  const digits = Math.min(profile.rounding.scoreDigits, MAX_WEIGHT_DIGITS);
  const canonical = (text: string | null) =>
    text === null ? null : (matchLevel1(framework, text)?.name ?? text);
  const groupOf = level1s.map((text) => {
    const name = canonical(text);
    if (name === null) return -1;
    return profile.weights.groups.findIndex((g) => g.levels.some((level) => canonical(level) === name));
  });
  const weights: (number | null)[] = level1s.map(() => null);
  profile.weights.groups.forEach((group, g) => {
    const members = groupOf.flatMap((owner, index) => (owner === g ? [index] : []));
    if (members.length === 0) return;
    const share = roundTo(group.weight / members.length, digits);
    let given = 0;
    members.forEach((index, i) => {
      const weight = i === members.length - 1 ? roundTo(group.weight - given, digits) : share;
      weights[index] = weight;
      given += weight;
    });
  });
  return weights;
}

/** Indicators are matched across stages by their 三级指标 name, as the cross-stage checks match them. */
function indicatorKey(name: string): string {
  return name.replace(/\s+/g, '');
}

function headerFill(target: DerivedTemplate, declaration: GoalDeclaration): FormFill['header'] {
  const { header } = declaration;
  const fill: FormFill['header'] = {};
  const put = (key: HeaderKey, value: string | null) => {
    if (value !== null) fill[key] = value;
  };
  if (target === 'department-self-evaluation') {
    put('departmentName', header.departmentName ?? header.department);
  } else {
    put('projectName', header.projectName);
    put('department', header.department);
    put('implementingUnit', header.implementingUnit);
    put('projectPeriod', header.projectPeriod);
  }
  put('year', header.year);
  return fill;
}

function fundsFill(
  target: DerivedTemplate,
  declaration: GoalDeclaration,
  monitoring: MonitoringProgress | null,
): FormFill['funds'] {
  const fill: FormFill['funds'] = {};
  for (const [row, amount] of Object.entries(declaration.annualFunds) as [FundsRowKey, number][]) {
    fill[row] =
      target === 'project-monitoring'
        ? { initialBudget: amount }
        : { initialBudget: amount, annualBudget: amount };
  }
  if (target !== 'project-monitoring' && monitoring !== null) {
    // A monitoring form of December states the year's execution; earlier ones, the expected year's.
    const source = monitoring.month === 12 ? monitoring.executed : monitoring.forecast;
    const fallback = monitoring.month === 12 ? monitoring.forecast : monitoring.executed;
    const rows = new Set([...Object.keys(source), ...Object.keys(fallback)] as FundsRowKey[]);
    for (const row of rows) {
      const executed = source[row] ?? fallback[row];
      if (executed !== undefined) fill[row] = { ...fill[row], executed };
    }
  }
  return fill;
}

function goalsFill(
  target: DerivedTemplate,
  declaration: GoalDeclaration,
  monitoring: MonitoringProgress | null,
): FormFill['goals'] {
  const fill: FormFill['goals'] = {};
  if (declaration.annualGoal === null) return fill;
  if (target === 'project-monitoring') fill.overall = declaration.annualGoal;
  else {
    fill.expected = declaration.annualGoal;
    if (monitoring?.goalProgress) fill.achieved = monitoring.goalProgress;
  }
  return fill;
}

/** The actual a monitoring form suggests: the year's expected completion, else the progress so far. */
function actualFrom(progress: StageIndicator, month: number | null): CellScalar {
  const blank = (value: CellScalar) => value === null || (typeof value === 'string' && value.trim() === '');
  const first = month === 12 ? progress.progress : progress.forecast;
  const second = month === 12 ? progress.forecast : progress.progress;
  return !blank(first) ? first : !blank(second) ? second : null;
}

export function deriveFill(
  target: DerivedTemplate,
  declaration: GoalDeclaration,
  options: DeriveOptions,
): FormFill {
  const monitoring = target === 'project-monitoring' ? null : (options.monitoring ?? null);
  const scored = target !== 'project-monitoring';
  const weights = scored
    ? proposeWeights(
        declaration.indicators.map((i) => i.level1),
        options.profile,
        options.framework,
      )
    : [];
  const progressByName = new Map<string, StageIndicator>();
  for (const indicator of monitoring?.indicators ?? []) {
    const key = indicatorKey(indicator.level3);
    if (!progressByName.has(key)) progressByName.set(key, indicator);
  }
  const indicators = declaration.indicators.map((indicator, index) => {
    const row: Partial<Record<ColumnKey, CellScalar>> = {
      level1: indicator.level1,
      level2: indicator.level2,
      level3: indicator.level3,
      operator: indicator.operator,
      target: indicator.target,
      unit: indicator.unit,
    };
    if (scored) {
      row.weight = weights[index] ?? null;
      const progress = progressByName.get(indicatorKey(indicator.level3));
      if (progress !== undefined && monitoring !== null) row.actual = actualFrom(progress, monitoring.month);
    }
    for (const key of Object.keys(row) as ColumnKey[]) if (row[key] === null) delete row[key];
    return row;
  });
  return {
    header: headerFill(target, declaration),
    funds: fundsFill(target, declaration, monitoring),
    goals: goalsFill(target, declaration, monitoring),
    indicators,
  };
}
