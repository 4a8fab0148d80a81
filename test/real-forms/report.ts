/**
 * The measurement table of the real-form set (one line per form and a total line), the figures against the
 * targets of the issue, what went wrong per form, and the sources table of README.md.
 */
import { describeIssue, figuresOf, totalsOf, type CaseMeasure, type Figures } from './measure';
import type { RealFormCase } from './case-schema';

/** What the set must show when the engine reads real forms well. */
export const ISSUE_TARGETS: Readonly<Record<keyof Figures, { target: number; higherIsBetter: boolean }>> = {
  recognised: { target: 1, higherIsBetter: true },
  indicatorRowsRead: { target: 0.98, higherIsBetter: true },
  nonIndicatorRowsRead: { target: 0, higherIsBetter: false },
  ruleScoresEqual: { target: 0.95, higherIsBetter: true },
  deviationsFlagged: { target: 1, higherIsBetter: true },
  findingsFlagged: { target: 1, higherIsBetter: true },
  falseAlarmsPerForm: { target: 1, higherIsBetter: false },
};

const LABELS: Readonly<Record<keyof Figures, string>> = {
  recognised: 'recognised with the right template',
  indicatorRowsRead: 'indicator rows read',
  nonIndicatorRowsRead: 'non-indicator rows read as indicators',
  ruleScoresEqual: 'rule scores equal to the by-hand ones (±0.05)',
  deviationsFlagged: 'stated scores off the rule flagged',
  findingsFlagged: 'inconsistent totals/grades/funds flagged',
  falseAlarmsPerForm: 'false alarms per form',
};

const COUNTS: ReadonlySet<keyof Figures> = new Set(['nonIndicatorRowsRead', 'falseAlarmsPerForm']);

function fraction(part: number, whole: number): string {
  return whole === 0 ? '–' : `${part}/${whole}`;
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '–' : `${part}/${whole} (${((100 * part) / whole).toFixed(1)} %)`;
}

export function formatFigure(key: keyof Figures, value: number): string {
  if (key === 'falseAlarmsPerForm') return value.toFixed(2);
  if (COUNTS.has(key)) return String(value);
  return `${(100 * value).toFixed(1)} %`;
}

export function measurementTable(measures: readonly CaseMeasure[]): string {
  const lines = [
    '| form | recognised | indicator rows read | non-indicator rows read as one | rule scores = by hand | execution score | deviations flagged | findings flagged | false alarms |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const m of measures) {
    const recognised = m.recognised ? 'yes' : `no (${m.recognisedAs ?? 'not recognised'})`;
    const execution = m.executionEqual === null ? '–' : m.executionEqual ? 'yes' : 'no';
    lines.push(
      `| ${m.id} | ${recognised} | ${fraction(m.indicatorsRead, m.indicators)} | ${m.nonIndicatorsRead.length} | ${fraction(m.scoresEqual, m.scorable)} | ${execution} | ${fraction(m.deviationsFlagged, m.deviations)} | ${fraction(m.findingsFlagged, m.findings)} | ${m.falseAlarms.length} |`,
    );
  }
  const t = totalsOf(measures);
  lines.push(
    `| **total (${t.forms} forms)** | ${percent(t.recognised, t.forms)} | ${percent(t.indicatorsRead, t.indicators)} | ${t.nonIndicatorsRead} | ${percent(t.scoresEqual, t.scorable)} | ${fraction(t.executionsEqual, t.executions)} | ${fraction(t.deviationsFlagged, t.deviations)} | ${fraction(t.findingsFlagged, t.findings)} | ${t.falseAlarms} (${(t.forms === 0 ? 0 : t.falseAlarms / t.forms).toFixed(2)} per form) |`,
  );
  return lines.join('\n');
}

/** Achieved figures beside the issue's targets and, when given, the floors the test holds the engine to. */
export function targetsTable(
  measures: readonly CaseMeasure[],
  floors?: Readonly<Record<keyof Figures, number>>,
): string {
  const totals = totalsOf(measures);
  const figures = figuresOf(totals);
  const wholes: Partial<Record<keyof Figures, number>> = {
    recognised: totals.forms,
    indicatorRowsRead: totals.indicators,
    ruleScoresEqual: totals.scorable,
    deviationsFlagged: totals.deviations,
    findingsFlagged: totals.findings,
  };
  const lines = [
    floors
      ? '| measure | achieved | floor (test fails below) | issue target |'
      : '| measure | achieved | issue target |',
    floors ? '| --- | --- | --- | --- |' : '| --- | --- | --- |',
  ];
  for (const key of Object.keys(ISSUE_TARGETS) as (keyof Figures)[]) {
    const { target, higherIsBetter } = ISSUE_TARGETS[key];
    const none = wholes[key] === 0;
    const met = !none && (higherIsBetter ? figures[key] >= target - 1e-9 : figures[key] <= target + 1e-9);
    const goal = `${higherIsBetter ? '≥' : '≤'} ${formatFigure(key, target)}${met ? ' (met)' : ''}`;
    const achieved = none ? '– (none in the set)' : formatFigure(key, figures[key]);
    lines.push(
      floors
        ? `| ${LABELS[key]} | ${achieved} | ${higherIsBetter ? '≥' : '≤'} ${formatFigure(key, floors[key])} | ${goal} |`
        : `| ${LABELS[key]} | ${achieved} | ${goal} |`,
    );
  }
  return lines.join('\n');
}

/** Per form, what went wrong: rows, codes and cells, so that the cause can be looked up. */
export function problemsList(measures: readonly CaseMeasure[]): string {
  const out: string[] = [];
  for (const m of measures) {
    const items: string[] = [];
    if (!m.recognised) items.push(`recognised as ${m.recognisedAs ?? 'nothing'}, expected ${m.template}`);
    for (const p of m.notRead) items.push(`row ${p.row}: indicator ${p.what}`);
    for (const p of m.nonIndicatorsRead) items.push(`row ${p.row}: ${p.what}`);
    for (const p of m.scoreProblems) items.push(`row ${p.row}: ${p.what}`);
    if (m.executionProblem !== null) items.push(m.executionProblem);
    for (const p of m.deviationProblems) items.push(`row ${p.row}: ${p.what}`);
    for (const f of m.findingProblems) items.push(`finding ${f}`);
    if (m.falseAlarms.length > 0) items.push(`false alarms: ${m.falseAlarms.map(describeIssue).join(', ')}`);
    if (m.truncationMissing.length > 0)
      items.push(`parts the cut removed (not counted): ${m.truncationMissing.map(describeIssue).join(', ')}`);
    if (items.length === 0) continue;
    out.push(`- ${m.id}`);
    for (const item of items) out.push(`  - ${item}`);
  }
  return out.length === 0 ? '(nothing went wrong)' : out.join('\n');
}

export function fullReport(
  measures: readonly CaseMeasure[],
  floors?: Readonly<Record<keyof Figures, number>>,
): string {
  return [
    '## Real-form golden set',
    '',
    measurementTable(measures),
    '',
    targetsTable(measures, floors),
    '',
    '### What went wrong, per form',
    '',
    problemsList(measures),
    '',
  ].join('\n');
}

const KIND: Readonly<Record<string, string>> = {
  'project-self-evaluation': 'project self-evaluation',
  'department-self-evaluation': 'department self-evaluation',
  'project-goals': 'project goals',
  'department-goals': 'department goals',
  'project-monitoring': 'project monitoring',
  'ex-ante-assessment': 'ex-ante assessment',
  'key-evaluation': 'key evaluation',
};

const cellText = (text: string): string => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();

/** The sources table of README.md, from the case files. */
export function sourcesTable(cases: readonly RealFormCase[]): string {
  const lines = [
    '| id | kind | province | place | year | publisher | url | truncated |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const c of cases) {
    const url = c.source.url ?? '(none kept)';
    lines.push(
      `| \`${c.id}\` | ${KIND[c.template] ?? c.template} | ${cellText(c.province)} | ${cellText(c.place)} | ${c.year} | ${cellText(c.source.publisher)} | ${cellText(url)} | ${c.truncated === null ? 'no' : typeof c.truncated === 'string' ? 'yes' : 'below the form'} |`,
    );
  }
  const counts = new Map<string, number>();
  for (const c of cases) counts.set(c.template, (counts.get(c.template) ?? 0) + 1);
  const summary = Object.keys(KIND)
    .map((t) => `${KIND[t]} ${counts.get(t) ?? 0}`)
    .join(' · ');
  return `${lines.join('\n')}\n\n${cases.length} forms: ${summary}.`;
}
