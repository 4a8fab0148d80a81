/**
 * Workbooks made with earlier template versions, kept so that a layout change cannot strand the workbooks
 * already handed out. Each fixture is a filled golden case (test/golden/cases) written to .xlsx by the template
 * version current at the time, next to what checking it gave then: `v<version>/<template>.xlsx` and
 * `v<version>/<template>.expected.json`.
 *
 * Write the fixtures of the current versions BEFORE changing a template's layout (and raising its version):
 *
 *     npx tsx test/template-versions/write-fixtures.ts
 *
 * Existing files are never overwritten: a saved version is what people hold, and stays as it is.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { builtInSettings, type EngineSettings } from '../../src/app/engine-settings';
import type { SheetReport } from '../../src/app/check-workbook';
import { TEMPLATE_IDS, type TemplateId } from '../../src/domain/forms/form-model';
import type { MetaEntry } from '../../src/domain/forms/read-meta';

export const FIXTURES_DIR = join(__dirname, '..', 'fixtures', 'template-versions');

/** The golden case each template's fixture is filled like: a clean form, with scores worked out by hand. */
export const FIXTURE_CASES: Record<TemplateId, string> = {
  'ex-ante-assessment': '21-ea-clean',
  'project-goals': '14-pg-clean-core',
  'department-goals': '16-dg-clean-hubei-core',
  'project-monitoring': '18-pm-clean-green',
  'project-self-evaluation': '01-pse-clean-default',
  'department-self-evaluation': '12-dse-clean',
  'key-evaluation': '24-ke-clean-formulas',
};

const scored = z.strictObject({ name: z.string(), score: z.number().nullable() });

/** What checking a fixture gave when it was written; numbers rounded to 2 decimals. */
export const fixtureRecordSchema = z.strictObject({
  template: z.enum(TEMPLATE_IDS),
  version: z.number().int().positive(),
  profile: z.string(),
  framework: z.string(),
  sheet: z.string(),
  goldenCase: z.string(),
  issues: z.array(z.strictObject({ code: z.string(), cell: z.string().nullable() })),
  scores: z.strictObject({
    total: z.number().nullable(),
    grade: z.string().nullable(),
    conclusion: z.string().nullable(),
    /** 执行率 in percent and the budget score. */
    execution: z.strictObject({ rate: z.number().nullable(), score: z.number().nullable() }).nullable(),
    indicators: z.array(scored),
  }),
  /** What the reader found: every funds amount by row and column, and the table rows by their 三级 name. */
  read: z.strictObject({
    funds: z.record(
      z.string(),
      z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
    ),
    rows: z.record(z.string(), z.array(z.string())),
  }),
});
export type FixtureRecord = z.infer<typeof fixtureRecordSchema>;

const round2 = (n: number | null): number | null => (n === null ? null : Math.round(n * 100) / 100);

export function settingsFor(meta: MetaEntry | null): EngineSettings {
  const settings = builtInSettings(meta?.profile ?? undefined, meta?.framework ?? undefined);
  if (settings === null) throw new Error(`no built-in settings for ${meta?.profile} / ${meta?.framework}`);
  return settings;
}

/** The record of one checked sheet, in the shape of `<template>.expected.json` (less the case's own facts). */
export function recordOf(
  report: SheetReport,
): Omit<FixtureRecord, 'version' | 'profile' | 'framework' | 'goldenCase'> {
  const { form, scores } = report;
  const funds: FixtureRecord['read']['funds'] = {};
  for (const [rowKey, row] of Object.entries(form.funds)) {
    const cols: Record<string, string | number | boolean | null> = {};
    for (const [colKey, field] of Object.entries(row?.cols ?? {})) {
      if (field && field.formula === null) cols[colKey] = field.raw;
    }
    funds[rowKey] = cols;
  }
  const rows: FixtureRecord['read']['rows'] = {};
  for (const [tableKey, tableRows] of Object.entries(form.tables)) {
    rows[tableKey] = (tableRows ?? []).map((row) => {
      const name = row.fields.level3?.raw ?? row.fields.taskName?.raw ?? null;
      return name === null ? '' : String(name);
    });
  }
  return {
    template: report.template,
    sheet: report.sheet,
    issues: report.issues
      .map((issue) => ({ code: issue.code, cell: issue.cell }))
      .sort((a, b) => `${a.code}@${a.cell}`.localeCompare(`${b.code}@${b.cell}`)),
    scores: {
      total: round2(scores.total),
      grade: scores.grade,
      conclusion: scores.conclusion,
      execution:
        scores.execution === null
          ? null
          : {
              rate: scores.execution.rate === null ? null : round2(scores.execution.rate * 100),
              score: round2(scores.execution.score),
            },
      indicators: scores.indicators.map((i) => ({ name: i.name ?? '', score: round2(i.score) })),
    },
    read: { funds, rows },
  };
}
