/**
 * Real-form golden set: published, filled forms transcribed verbatim (cases/*.json, format in README.md), run
 * through the engine as `bpa check` runs them, and measured against expectations worked out by hand.
 *
 * The floors below are what the engine achieves today; the test fails when a change makes any figure worse.
 * Raise a floor when the engine gets better (the issue's targets are printed beside each figure).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseA1, parseRange } from '../../src/domain/grid/address';
import { loadCases, realFormCaseSchema, type RealFormCase } from './case-schema';
import { figuresOf, measureAll, measureCase, totalsOf, type CaseMeasure, type Figures } from './measure';
import { fullReport, ISSUE_TARGETS } from './report';

/** The threshold table: the least the engine must achieve on the set (a most, for the two counts of errors). */
const FLOORS: Readonly<Record<keyof Figures, number>> = {
  /** Share of forms recognised with the right template (issue target: all). */
  recognised: 45 / 45,
  /** Share of by-hand indicator rows the engine reads as indicators (issue target: ≥ 98 %). */
  indicatorRowsRead: 301 / 301,
  /** Rows that are not indicators but read as ones, at most (issue target: none). */
  nonIndicatorRowsRead: 0,
  /** Share of scorable rows whose rule score equals the by-hand one within 0.05 (issue target: ≥ 95 %). */
  ruleScoresEqual: 81 / 81,
  /** Share of stated scores off the rule (beyond the profile's tolerance) with an error or warning on their row. */
  deviationsFlagged: 17 / 17,
  /** Share of inconsistent totals, grades and funds (findings) with an error or warning on their cell or row. */
  findingsFlagged: 25 / 25,
  /** False alarms per form, at most (issue target: ≤ 1). */
  falseAlarmsPerForm: 4 / 45,
};

const EPSILON = 1e-9;

const cases = loadCases();
let measures: CaseMeasure[] = [];

beforeAll(async () => {
  measures = await measureAll(cases);
  const report = fullReport(measures, FLOORS);
  const dir = join(__dirname, '..', '..', 'test-artifacts');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'real-forms.md'), report);
  console.log(report);
});

describe('real-form cases', () => {
  it('are there', () => {
    expect(cases.length).toBeGreaterThanOrEqual(12);
  });

  it.each(cases.map((c) => [c.id, c] as const))(
    '%s: expected rows match the grid',
    (_id, c: RealFormCase) => {
      // What a row shows: its own cells, plus the text of a merged cell reaching down over it (a second
      // criterion row under a merged 三级 name).
      const shownIn = (sheetRow: number): unknown[] => {
        const own = c.rows[sheetRow - 1] ?? [];
        const carried = c.merges
          .map((m) => parseRange(m))
          .filter((r) => r.top < sheetRow - 1 && r.bottom >= sheetRow - 1)
          .map((r) => c.rows[r.top]?.[r.left] ?? null);
        return [...own, ...carried];
      };
      for (const indicator of c.expect.indicators) {
        // The 三级 name as expected is shown in the indicator's own row (a wrong row number is caught here).
        if (indicator.name !== null)
          expect({ row: indicator.row, cells: shownIn(indicator.row) }).toEqual({
            row: indicator.row,
            cells: expect.arrayContaining([indicator.name]),
          });
      }
      // Merges cover more than one cell, start and end in order, and do not overlap (a later one would undo
      // an earlier one in Excel too).
      const ranges = c.merges.map((m) => ({ m, r: parseRange(m) }));
      for (const { m, r } of ranges) {
        const [from, to] = m.split(':').map((a) => parseA1(a));
        const ordered = from !== undefined && to !== undefined && from.row <= to.row && from.col <= to.col;
        expect({ m, ordered }).toEqual({ m, ordered: true });
        expect({ m, single: r.top === r.bottom && r.left === r.right }).toEqual({ m, single: false });
      }
      const overlapping = ranges.flatMap((a, i) =>
        ranges
          .slice(i + 1)
          .filter(
            ({ r: b }) =>
              a.r.top <= b.bottom && b.top <= a.r.bottom && a.r.left <= b.right && b.left <= a.r.right,
          )
          .map((b) => `${a.m} ∩ ${b.m}`),
      );
      expect(overlapping).toEqual([]);
    },
  );
});

describe('real-form set against the threshold table', () => {
  const figure = (key: keyof Figures): number => figuresOf(totalsOf(measures))[key];

  it.each(Object.keys(FLOORS) as (keyof Figures)[])('%s holds its threshold (achieved today)', (key) => {
    const achieved = figure(key);
    if (ISSUE_TARGETS[key].higherIsBetter) expect(achieved).toBeGreaterThanOrEqual(FLOORS[key] - EPSILON);
    else expect(achieved).toBeLessThanOrEqual(FLOORS[key] + EPSILON);
  });
});

describe('the measurement itself', () => {
  const jinan = (): RealFormCase => {
    const c = cases.find((x) => x.id === 'sd-jinan-licheng-whg-pse-2019');
    if (c === undefined) throw new Error('the 济南 2019 case is missing');
    return structuredClone(c);
  };

  it('counts an expected indicator the engine does not read', async () => {
    const c = jinan();
    // Row 7 is the overall-goal text, outside the indicator table: no engine reads it as an indicator.
    c.expect.indicators.push({ ...c.expect.indicators[0]!, row: 7, name: null });
    const m = await measureCase(c);
    expect(m.notRead.map((p) => p.row)).toEqual([7]);
    expect(m.indicatorsRead).toBe(m.indicators - 1);
  });

  it('counts a stated score off the rule as a deviation, flagged by an error or warning on its row', async () => {
    const c = jinan();
    c.rows[12]![6] = 20; // G13: 20 stated on a weight of 12.5, where the rule gives 12.5
    c.expect.indicators.find((i) => i.row === 13)!.statedScore = 20;
    const m = await measureCase(c);
    expect(m.deviations).toBe(1);
    expect(m.deviationsFlagged).toBe(1);
    expect(m.falseAlarms.filter((i) => i.cell === 'G13')).toEqual([]);
  });

  it('does not count a score within the tolerance as a deviation', async () => {
    const c = jinan();
    c.expect.indicators.find((i) => i.row === 13)!.statedScore = 12.45;
    expect((await measureCase(c)).deviations).toBe(0);
  });

  it('excuses one issue per allowed entry, and a finding excuses the issues on its row', async () => {
    const c = jinan();
    c.rows[12]![6] = 20; // G13 above its weight: always an error there
    const base = await measureCase(c);
    const onRow = base.falseAlarms.filter((i) => i.cell !== null && /^[A-Z]+13$/.test(i.cell));
    expect(onRow.map((i) => i.cell)).toContain('G13');
    const allowed = [...c.expect.allowed, { cell: 'G13', why: 'test' }];
    const excused = await measureCase({ ...c, expect: { ...c.expect, allowed } });
    expect(excused.falseAlarms.length).toBe(base.falseAlarms.length - 1);
    const findings = [{ cell: 'G13', what: 'test' }];
    const found = await measureCase({ ...c, expect: { ...c.expect, findings } });
    expect([found.findings, found.findingsFlagged]).toEqual([1, 1]);
    expect(found.falseAlarms.length).toBe(base.falseAlarms.length - onRow.length);
  });

  it('a wrong by-hand score is a score problem', async () => {
    const c = jinan();
    c.expect.indicators.find((i) => i.row === 13)!.ruleScore = 11;
    const m = await measureCase(c);
    expect(m.scoreProblems.map((p) => p.row)).toContain(13);
  });
});

describe('the case format', () => {
  const valid = (): unknown => structuredClone(cases[0]);

  it('accepts a case as written', () => {
    expect(realFormCaseSchema.safeParse(valid()).success).toBe(true);
  });

  it('rejects an unknown key', () => {
    const c = valid() as Record<string, unknown>;
    c.extra = 1;
    expect(realFormCaseSchema.safeParse(c).success).toBe(false);
  });

  it('rejects a row without a rule score that does not say why', () => {
    const c = valid() as RealFormCase;
    const indicator = c.expect.indicators[0];
    if (indicator === undefined) throw new Error('the first case has no indicator');
    indicator.ruleScore = null;
    delete indicator.why;
    expect(realFormCaseSchema.safeParse(c).success).toBe(false);
  });

  it('rejects an operator without its source, and a row listed twice', () => {
    const c = valid() as RealFormCase;
    const indicator = c.expect.indicators[0]!;
    expect(
      realFormCaseSchema.safeParse({
        ...c,
        expect: { ...c.expect, indicators: [{ ...indicator, operatorSource: null }] },
      }).success,
    ).toBe(false);
    expect(
      realFormCaseSchema.safeParse({
        ...c,
        expect: { ...c.expect, nonIndicatorRows: [{ row: indicator.row, kind: 'placeholder' }] },
      }).success,
    ).toBe(false);
  });

  it('rejects an allowed issue with neither a cell nor a code', () => {
    const c = valid() as RealFormCase;
    const bad = { ...c, expect: { ...c.expect, allowed: [{ cell: null, why: 'x' }] } };
    expect(realFormCaseSchema.safeParse(bad).success).toBe(false);
  });
});
