/**
 * Runs the engine on each real-form case the way `bpa check` does (recognise → read → check → score, one
 * workbook per form, the case's profile and framework as if given with --profile / --framework) and measures
 * the result against the by-hand expectations of the case. Used by real-forms.test.ts and by
 * `npm run real-forms`.
 */
import { checkWorkbook, type SheetReport, type WorkbookReport } from '../../src/app/check-workbook';
import { builtInSettings, type EngineSettings } from '../../src/app/engine-settings';
import type { Issue } from '../../src/domain/checks/issue';
import { mainTableKey } from '../../src/domain/checks/rule';
import { rowViews } from '../../src/domain/checks/views';
import { parseA1 } from '../../src/domain/grid/address';
import type { IndicatorScore } from '../../src/domain/scoring/score-types';
import { MemoryWorkbook } from '../../src/hosts/memory/memory-workbook';
import { bodyCut, type RealFormCase } from './case-schema';

/** A rule score equals the by-hand one when it is this close (scores are kept to 2 decimals). */
export const SCORE_MATCH = 0.05;

export function settingsOf(c: RealFormCase): EngineSettings {
  const settings = builtInSettings(c.profile, c.framework);
  if (settings === null)
    throw new Error(`${c.id}: unknown profile or framework ${c.profile} / ${c.framework}`);
  return settings;
}

/** The form as a received workbook: one sheet holding the grid from A1, with the merges of the source. */
export async function buildWorkbook(c: RealFormCase): Promise<MemoryWorkbook> {
  const workbook = new MemoryWorkbook();
  await workbook.applyPlan({
    formSheet: c.sheet,
    ops: [
      { kind: 'ensureSheet', sheet: c.sheet, visibility: 'visible', ifExists: 'fail' },
      { kind: 'writeBlock', sheet: c.sheet, topLeft: 'A1', values: c.rows },
      ...c.merges.map((range) => ({ kind: 'merge' as const, sheet: c.sheet, range })),
    ],
  });
  return workbook;
}

export async function checkCase(c: RealFormCase): Promise<WorkbookReport> {
  const settings = settingsOf(c);
  return checkWorkbook(await buildWorkbook(c), { settingsFor: () => settings });
}

/** 1-based sheet row of an A1 address. */
function rowOfCell(cell: string): number {
  return parseA1(cell).row + 1;
}

/**
 * The sheet rows (1-based) the engine treats as indicators: the rows it scores and the rows its row checks
 * walk in the form's main table.
 */
export function rowsReadAsIndicators(
  sheet: SheetReport,
  settings: EngineSettings,
): Map<number, IndicatorScore | null> {
  const rows = new Map<number, IndicatorScore | null>();
  const views = rowViews(sheet.form, mainTableKey(sheet.form), {
    profile: settings.profile,
    framework: settings.framework,
    scores: sheet.scores,
    goals: null,
  });
  for (const view of views) rows.set(view.row.row + 1, view.score);
  for (const score of sheet.scores.indicators) rows.set(score.row + 1, score);
  return rows;
}

export interface RowProblem {
  row: number;
  what: string;
}

export interface CaseMeasure {
  id: string;
  template: string;
  /** The template the engine recognised the case's sheet as, or null. */
  recognisedAs: string | null;
  recognised: boolean;
  indicators: number;
  indicatorsRead: number;
  notRead: RowProblem[];
  /** Rows read as indicators that are not (truncated fragments excluded: either reading is acceptable). */
  nonIndicatorsRead: RowProblem[];
  scorable: number;
  scoresEqual: number;
  scoreProblems: RowProblem[];
  /** Execution score: null when the case has no by-hand execution score. */
  executionEqual: boolean | null;
  executionProblem: string | null;
  deviations: number;
  deviationsFlagged: number;
  deviationProblems: RowProblem[];
  findings: number;
  findingsFlagged: number;
  findingProblems: string[];
  falseAlarms: Issue[];
  /**
   * On a copy cut inside the form body, whole-form "part missing" issues, and on any truncated copy issues on
   * the row fragment the cut left: what the cut produced, not counted as false alarms.
   */
  truncationMissing: Issue[];
}

/**
 * Issues that say a part of the form is not there (a column, a section, a group of indicators). On a copy the
 * stored page cut short inside the form body they are what the cut produced, and a checker is right to raise
 * them on that file; they are listed apart rather than counted as false alarms. On a whole copy, and on a copy
 * cut only in a footnote below a complete body (`truncated.bodyComplete`), they count like any other issue.
 */
const MISSING_PART_CODES: ReadonlySet<string> = new Set([
  'required_column_missing',
  'required_field_missing',
  'level1_group_missing',
]);

const isAlarm = (issue: Issue): boolean => issue.severity === 'error' || issue.severity === 'warning';

/** code@cell, with the issue's parameters when it has no cell (which column or section it is about). */
function describeIssue(issue: Issue): string {
  const params = Object.values(issue.params).join('/');
  return issue.cell === null && params !== ''
    ? `${issue.code}(${params})`
    : `${issue.code}@${issue.cell ?? '-'}`;
}

export async function measureCase(c: RealFormCase): Promise<CaseMeasure> {
  const settings = settingsOf(c);
  const report = await checkCase(c);
  const sheet = report.sheets.find((s) => s.sheet === c.sheet) ?? null;
  const recognisedAs = sheet?.template ?? null;
  const read =
    sheet === null ? new Map<number, IndicatorScore | null>() : rowsReadAsIndicators(sheet, settings);
  const issues = (sheet?.issues ?? []).filter(isAlarm);
  const tolerance = settings.profile.tolerances.score;
  const expect = c.expect;

  const indicatorRows = new Set(expect.indicators.map((i) => i.row));
  const kindOf = new Map(expect.nonIndicatorRows.map((n) => [n.row, n.kind] as const));
  const notRead = expect.indicators
    .filter((i) => !read.has(i.row))
    .map((i) => ({ row: i.row, what: `not read (${i.name ?? '-'})` }));
  const nonIndicatorsRead = [...read.keys()]
    .filter((row) => !indicatorRows.has(row) && kindOf.get(row) !== 'truncated')
    .sort((a, b) => a - b)
    .map((row) => ({
      row,
      what: `read as an indicator (${kindOf.get(row) ?? 'outside the indicator table'})`,
    }));

  const scorable = expect.indicators.filter((i) => i.ruleScore !== null);
  const scoreProblems: RowProblem[] = [];
  for (const i of scorable) {
    const got = read.get(i.row) ?? null;
    const score = got?.score ?? null;
    if (score !== null && i.ruleScore !== null && Math.abs(score - i.ruleScore) <= SCORE_MATCH) continue;
    const engine =
      got === null ? 'no score' : score === null ? `unscorable: ${got.unscorable ?? '?'}` : String(score);
    scoreProblems.push({ row: i.row, what: `rule score ${engine}, by hand ${i.ruleScore}` });
  }

  let executionEqual: boolean | null = null;
  let executionProblem: string | null = null;
  const handExecution = expect.execution?.ruleScore ?? null;
  if (handExecution !== null) {
    const got = sheet?.scores.execution?.score ?? null;
    executionEqual = got !== null && Math.abs(got - handExecution) <= SCORE_MATCH;
    if (!executionEqual) executionProblem = `execution score ${got ?? 'none'}, by hand ${handExecution}`;
  }

  const alarmRows = new Set(issues.filter((i) => i.cell !== null).map((i) => rowOfCell(i.cell ?? 'A1')));
  const deviationRows = expect.indicators
    .filter((i) => i.statedScore !== null && i.ruleScore !== null)
    .filter((i) => Math.abs((i.statedScore ?? 0) - (i.ruleScore ?? 0)) > tolerance + 1e-9)
    .map((i) => i.row);
  const deviationProblems = deviationRows
    .filter((row) => !alarmRows.has(row))
    .map((row) => ({ row, what: 'stated score departs from the rule; no error or warning on the row' }));

  const findingRows = new Set(expect.findings.map((f) => rowOfCell(f.cell)));
  const findingProblems = expect.findings
    .filter(
      (f) =>
        !issues.some(
          (i) => i.cell === f.cell || (i.cell !== null && rowOfCell(i.cell) === rowOfCell(f.cell)),
        ),
    )
    .map((f) => `${f.cell}: not flagged (${f.what})`);

  // Each allowed entry excuses one issue: the same message repeated on one cell is noise a reviewer has to read.
  const unused = [...expect.allowed];
  const allowedIssue = (issue: Issue): boolean => {
    const at = unused.findIndex(
      (a) =>
        a.cell === issue.cell &&
        (a.code === undefined || a.code === issue.code) &&
        (a.param === undefined || Object.values(issue.params).includes(a.param)),
    );
    if (at < 0) return false;
    unused.splice(at, 1);
    return true;
  };
  // A row the stored copy cut mid-way (kind truncated) is not the published row: what a checker says about
  // the fragment is what the cut produced, like a missing part of the form.
  // A copy cut only below the form (a footnote) has the whole body: a part said to be missing there is not
  // what the cut produced, and counts.
  const cutShort = (issue: Issue): boolean =>
    issue.cell === null
      ? bodyCut(c) && MISSING_PART_CODES.has(issue.code)
      : c.truncated !== null && kindOf.get(rowOfCell(issue.cell)) === 'truncated';
  const truncationMissing = issues.filter((issue) => cutShort(issue));
  const falseAlarms = issues.filter((issue) => {
    if (cutShort(issue)) return false;
    if (allowedIssue(issue)) return false;
    if (issue.cell === null) return true;
    const row = rowOfCell(issue.cell);
    return !findingRows.has(row) && !deviationRows.includes(row);
  });

  return {
    id: c.id,
    template: c.template,
    recognisedAs,
    recognised: recognisedAs === c.template,
    indicators: expect.indicators.length,
    indicatorsRead: expect.indicators.length - notRead.length,
    notRead,
    nonIndicatorsRead,
    scorable: scorable.length,
    scoresEqual: scorable.length - scoreProblems.length,
    scoreProblems,
    executionEqual,
    executionProblem,
    deviations: deviationRows.length,
    deviationsFlagged: deviationRows.length - deviationProblems.length,
    deviationProblems,
    findings: expect.findings.length,
    findingsFlagged: expect.findings.length - findingProblems.length,
    findingProblems,
    falseAlarms,
    truncationMissing,
  };
}

export interface Totals {
  forms: number;
  recognised: number;
  indicators: number;
  indicatorsRead: number;
  nonIndicatorsRead: number;
  scorable: number;
  scoresEqual: number;
  executions: number;
  executionsEqual: number;
  deviations: number;
  deviationsFlagged: number;
  findings: number;
  findingsFlagged: number;
  falseAlarms: number;
}

export function totalsOf(measures: readonly CaseMeasure[]): Totals {
  const sum = (f: (m: CaseMeasure) => number): number => measures.reduce((acc, m) => acc + f(m), 0);
  return {
    forms: measures.length,
    recognised: sum((m) => (m.recognised ? 1 : 0)),
    indicators: sum((m) => m.indicators),
    indicatorsRead: sum((m) => m.indicatorsRead),
    nonIndicatorsRead: sum((m) => m.nonIndicatorsRead.length),
    scorable: sum((m) => m.scorable),
    scoresEqual: sum((m) => m.scoresEqual),
    executions: sum((m) => (m.executionEqual === null ? 0 : 1)),
    executionsEqual: sum((m) => (m.executionEqual === true ? 1 : 0)),
    deviations: sum((m) => m.deviations),
    deviationsFlagged: sum((m) => m.deviationsFlagged),
    findings: sum((m) => m.findings),
    findingsFlagged: sum((m) => m.findingsFlagged),
    falseAlarms: sum((m) => m.falseAlarms.length),
  };
}

/** A share in [0, 1]; nothing to get right counts as all right. */
export function share(part: number, whole: number): number {
  return whole === 0 ? 1 : part / whole;
}

/** The figures the thresholds are about. */
export interface Figures {
  recognised: number;
  indicatorRowsRead: number;
  nonIndicatorRowsRead: number;
  ruleScoresEqual: number;
  deviationsFlagged: number;
  findingsFlagged: number;
  falseAlarmsPerForm: number;
}

export function figuresOf(t: Totals): Figures {
  return {
    recognised: share(t.recognised, t.forms),
    indicatorRowsRead: share(t.indicatorsRead, t.indicators),
    nonIndicatorRowsRead: t.nonIndicatorsRead,
    ruleScoresEqual: share(t.scoresEqual, t.scorable),
    deviationsFlagged: share(t.deviationsFlagged, t.deviations),
    findingsFlagged: share(t.findingsFlagged, t.findings),
    falseAlarmsPerForm: t.forms === 0 ? 0 : t.falseAlarms / t.forms,
  };
}

export async function measureAll(cases: readonly RealFormCase[]): Promise<CaseMeasure[]> {
  const measures: CaseMeasure[] = [];
  for (const c of cases) measures.push(await measureCase(c));
  return measures;
}

export { describeIssue };
