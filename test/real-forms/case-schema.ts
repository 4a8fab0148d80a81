/**
 * The format of one real-form case (`cases/<id>.json`), validated strictly: a misspelt key is a failing case,
 * never an expectation that is silently ignored. The format is described in README.md.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { TEMPLATE_IDS } from '../../src/domain/forms/form-model';

const A1 = /^[A-Z]{1,3}[1-9][0-9]*$/;
const RANGE = /^[A-Z]{1,3}[1-9][0-9]*:[A-Z]{1,3}[1-9][0-9]*$/;
/** `<prov>-<place>-<topic>-<kind>-<year>`; `undated` where the stored copy gives no year. */
export const CASE_ID = /^[a-z0-9]+(-[a-z0-9]+)*-(pse|dse|goals|dgoals|mon|exante|keyeval)-(\d{4}|undated)$/;

const text = z.string().min(1);
const sheetRow = z.number().int().positive();

export const OPERATORS = ['≥', '≤', '=', '>', '<', '定性'] as const;
export const OPERATOR_SOURCES = ['column', 'value', 'wording', 'assumed', 'qualitative'] as const;
export const NON_INDICATOR_KINDS = [
  'placeholder',
  'breakdown',
  'not-applicable',
  'header',
  'group-label',
  'footer',
  'blank',
  'truncated',
] as const;

const indicatorSchema = z
  .strictObject({
    row: sheetRow,
    l1: z.string().nullable(),
    l2: z.string().nullable(),
    name: z.string().nullable(),
    operator: z.enum(OPERATORS).nullable(),
    /** Where the operator comes from; null when there is no operator. */
    operatorSource: z.enum(OPERATOR_SOURCES).nullable(),
    target: z.number().nullable(),
    unit: z.string().nullable(),
    actual: z.number().nullable(),
    weight: z.number().nullable(),
    statedScore: z.number().nullable(),
    /** Worked out by hand from the rules with the case's profile; null when the rules cannot score the row. */
    ruleScore: z.number().nullable(),
    why: text.optional(),
    notes: text.optional(),
  })
  .refine((i) => (i.operator === null) === (i.operatorSource === null), {
    message: 'operator and operatorSource are both given or both null',
  });

const executionSchema = z.strictObject({
  budget: z.number().nullable(),
  executed: z.number().nullable(),
  weight: z.number().nullable(),
  /** Percent points (98 for 98 %). */
  ruleRate: z.number().nullable(),
  ruleScore: z.number().nullable(),
  statedRate: z.number().nullable(),
  statedScore: z.number().nullable(),
  notes: text.optional(),
});

const findingSchema = z.strictObject({
  cell: z.string().regex(A1),
  what: text,
  /** Optional: the issue code a checker is expected to give (for reading the results; matching is by cell/row). */
  code: z
    .string()
    .regex(/^[a-z0-9_]+$/)
    .optional(),
});

const allowedSchema = z
  .strictObject({
    /** The cell of the issue; null for an issue about the whole form (a section the copy does not have). */
    cell: z.string().regex(A1).nullable(),
    why: text,
    /** Optional: only an issue with this code is allowed (required when cell is null). */
    code: z
      .string()
      .regex(/^[a-z0-9_]+$/)
      .optional(),
    /** Optional: only an issue one of whose parameters is this text (the label of a missing column: "总分"). */
    param: text.optional(),
  })
  .refine((a) => a.cell !== null || a.code !== undefined, {
    message: 'an allowed issue without a cell names its code',
  });

/** Templates whose indicator rows are scored. */
const SCORED: readonly string[] = [
  'project-self-evaluation',
  'department-self-evaluation',
  'key-evaluation',
  'ex-ante-assessment',
];

const cellValue = z.union([z.string(), z.number(), z.null()]);

/**
 * Where the stored copy stops. A string when the cut reaches the form itself; an object when only text below or
 * beside the form is lost (a footnote, 注/说明/备注, the prose after the table) and the form body — every part
 * its layout has — is in the copy (`bodyComplete: true`).
 */
const truncationSchema = z.union([
  text,
  z.strictObject({
    where: text,
    /** The form body is whole in the copy: its whole-form "part missing" issues count like on a whole copy. */
    bodyComplete: z.literal(true),
  }),
]);

export const realFormCaseSchema = z
  .strictObject({
    id: z.string().regex(CASE_ID),
    template: z.enum(TEMPLATE_IDS),
    province: text,
    place: text,
    year: z.number().int().min(2000).max(2100).nullable(),
    source: z.strictObject({
      url: z.url().nullable(),
      title: text,
      publisher: text,
      note: text,
    }),
    truncated: truncationSchema.nullable(),
    profile: z.enum(['default', 'hubei']),
    framework: z.enum(['classic-2020', 'core-2021']),
    sheet: z
      .string()
      .min(1)
      .max(31)
      .regex(/^[^[\]:*?/\\]+$/),
    rows: z.array(z.array(cellValue)).min(1),
    merges: z.array(z.string().regex(RANGE)),
    judgements: z.array(text),
    notes: text.optional(),
    expect: z.strictObject({
      indicators: z.array(indicatorSchema),
      nonIndicatorRows: z.array(z.strictObject({ row: sheetRow, kind: z.enum(NON_INDICATOR_KINDS) })),
      execution: executionSchema.nullable(),
      findings: z.array(findingSchema),
      allowed: z.array(allowedSchema),
    }),
  })
  .superRefine((c, ctx) => {
    // Goal and monitoring forms have no indicator scores: there a missing rule score needs no reason.
    if (SCORED.includes(c.template)) {
      c.expect.indicators.forEach((i, n) => {
        if (i.ruleScore === null && i.why === undefined)
          ctx.addIssue({
            code: 'custom',
            path: ['expect', 'indicators', n, 'why'],
            message: 'a row without a rule score says why ("why")',
          });
      });
    }
    const seen = new Set<number>();
    for (const row of [
      ...c.expect.indicators.map((i) => i.row),
      ...c.expect.nonIndicatorRows.map((n) => n.row),
    ]) {
      if (seen.has(row)) ctx.addIssue({ code: 'custom', message: `row ${row} is listed twice in expect` });
      if (row > c.rows.length)
        ctx.addIssue({ code: 'custom', message: `row ${row} is below the grid (${c.rows.length} rows)` });
      seen.add(row);
    }
  });

export type RealFormCase = z.infer<typeof realFormCaseSchema>;
export type ExpectedIndicator = RealFormCase['expect']['indicators'][number];

/** Whether the stored copy lost part of the form body (not only a footnote below it). */
export function bodyCut(c: RealFormCase): boolean {
  return c.truncated !== null && typeof c.truncated === 'string';
}

export const CASES_DIR = join(__dirname, 'cases');

/** Every case file, sorted by id; a file that breaks the format throws with its name and the reasons. */
export function loadCases(dir = CASES_DIR): RealFormCase[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => loadCase(join(dir, file), file));
}

export function loadCase(path: string, file: string): RealFormCase {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: not valid JSON (${error instanceof Error ? error.message : String(error)})`, {
      cause: error,
    });
  }
  const parsed = realFormCaseSchema.safeParse(data);
  if (!parsed.success) {
    const reasons = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(case)'}: ${i.message}`);
    throw new Error(`${file}: not a valid real-form case\n${reasons.join('\n')}`);
  }
  if (`${parsed.data.id}.json` !== file) throw new Error(`${file}: the file name must be "<id>.json"`);
  return parsed.data;
}
