/**
 * Golden suite: every folder under cases/ is one workbook with the issues and scores worked out by hand from
 * docs/domain.md §5 and the profile's numbers. Adding a case is adding a folder (see README.md).
 *
 * Issues are compared as sets of sheet!code@cell over every sheet of the workbook, info issues included (no
 * severity is left out, so an info finding that appears or disappears fails the case too). Scores are the
 * main sheet's, numbers compared to 2 decimals.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { checkWorkbook, type WorkbookReport } from '../../src/app/check-workbook';
import { unrecognizedFormIssue } from '../../src/domain/checks/registry';
import type { Issue } from '../../src/domain/checks/issue';
import type { FormScores } from '../../src/domain/scoring/score-types';
import {
  buildWorkbook,
  caseInputSchema,
  loadCase,
  settingsOf,
  type ExpectedIssue,
  type ExpectedScores,
  type GoldenCase,
} from './golden-case';

const CASES_DIR = join(__dirname, 'cases');
const CASE_NAME = /^\d{2}-[a-z0-9-]+$/;

function caseNames(): string[] {
  return readdirSync(CASES_DIR)
    .filter((name) => statSync(join(CASES_DIR, name)).isDirectory())
    .sort();
}

function issueKey(sheet: string, code: string, cell: string | null): string {
  return `${sheet}!${code}@${cell ?? '-'}`;
}

function actualIssues(report: WorkbookReport): Issue[] {
  return [
    ...report.sheets.flatMap((s) => s.issues),
    ...report.unrecognized.map((sheet) => unrecognizedFormIssue(sheet)),
  ];
}

/** What is expected and not given, and what is given and not expected; the latter with its params to explain it. */
function issueDifference(expected: readonly ExpectedIssue[], actual: readonly Issue[], mainSheet: string) {
  const want = new Set(expected.map((e) => issueKey(e.sheet ?? mainSheet, e.code, e.cell)));
  const got = new Map(actual.map((i) => [issueKey(i.sheet, i.code, i.cell), i] as const));
  return {
    missing: [...want].filter((key) => !got.has(key)).sort(),
    unexpected: [...got]
      .filter(([key]) => !want.has(key))
      .map(([key, issue]) => `${key} ${JSON.stringify(issue.params)}`)
      .sort(),
  };
}

const twoDecimals = (n: number | null | undefined): string | null =>
  n === null || n === undefined ? null : n.toFixed(2);

/** The scores in the shape of expected.scores.json, holding only the parts the case states. */
function scoresAsExpected(scores: FormScores, expected: ExpectedScores) {
  const shaped: Record<string, unknown> = { total: twoDecimals(scores.total), grade: scores.grade };
  if (expected.execution !== undefined) {
    const e = scores.execution;
    shaped.execution =
      e === null || e.rate === null || e.score === null
        ? null
        : { rate: twoDecimals(e.rate * 100), score: twoDecimals(e.score) };
  }
  if (expected.indicators !== undefined) {
    shaped.indicators = scores.indicators.map((i) => ({ name: i.name ?? '', score: twoDecimals(i.score) }));
  }
  if (expected.conclusion !== undefined) shaped.conclusion = scores.conclusion;
  shaped.partial = scores.partial;
  return shaped;
}

function expectedShape(expected: ExpectedScores) {
  const shaped: Record<string, unknown> = { total: twoDecimals(expected.total), grade: expected.grade };
  if (expected.execution !== undefined) {
    shaped.execution =
      expected.execution === null
        ? null
        : { rate: twoDecimals(expected.execution.rate), score: twoDecimals(expected.execution.score) };
  }
  if (expected.indicators !== undefined) {
    shaped.indicators = expected.indicators.map((i) => ({ name: i.name, score: twoDecimals(i.score) }));
  }
  if (expected.conclusion !== undefined) shaped.conclusion = expected.conclusion;
  shaped.partial = expected.partial ?? null;
  return shaped;
}

async function run(golden: GoldenCase) {
  const { workbook, mainSheet } = await buildWorkbook(golden.input);
  const settings = settingsOf(golden.input);
  const report = await checkWorkbook(workbook, { settingsFor: () => settings });
  return { report, mainSheet };
}

describe('golden cases', () => {
  const names = caseNames();

  it('has at least 32 cases, each named NN-short-name', () => {
    expect(names.length).toBeGreaterThanOrEqual(32);
    expect(names.filter((name) => !CASE_NAME.test(name))).toEqual([]);
  });

  it('refuses a case that types over one of our formulas', async () => {
    const input = caseInputSchema.parse({
      description: '得分列是模板公式，填写它的案例应被拒绝。',
      profile: 'default',
      framework: 'classic-2020',
      kind: 'template',
      template: 'project-self-evaluation',
      fill: { tables: { indicators: [{ level3: '养护里程', score: 20 }] } },
    });
    await expect(buildWorkbook(input)).rejects.toThrow(
      /refused: indicators\[0\]\.score would type over the formula/,
    );
  });

  it.each(names)('%s', async (name) => {
    const golden = loadCase(join(CASES_DIR, name), name);
    const { report, mainSheet } = await run(golden);
    const sheet = report.sheets.find((s) => s.sheet === mainSheet);
    // One comparison, so that a failing case shows every difference at once.
    expect({
      issues: issueDifference(golden.issues, actualIssues(report), mainSheet),
      scores:
        sheet === undefined
          ? `sheet ${mainSheet} not recognised`
          : scoresAsExpected(sheet.scores, golden.scores),
    }).toEqual({ issues: { missing: [], unexpected: [] }, scores: expectedShape(golden.scores) });
  });
});
