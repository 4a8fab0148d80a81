/**
 * The words of the forms as data (`data/vocabulary.json`): labels of header fields, funds rows and columns,
 * goals, table columns and totals; section names, footer words and title words; and the normalisation rules
 * that turn what a person typed into the key the reader compares. A jurisdiction adds its own wording with
 * an extension file (same shape, every part optional, lists appended) instead of code; see README.md.
 * Both shapes are validated strictly: an unknown key is an error, so a misspelt part never silently does
 * nothing.
 */
import { z } from 'zod';
import {
  TEMPLATE_IDS,
  type ColumnKey,
  type FundsColKey,
  type FundsRowKey,
  type GoalKey,
  type HeaderKey,
} from './form-model';

export const HEADER_KEYS = [
  'projectName',
  'department',
  'implementingUnit',
  'departmentName',
  'projectAttribute',
  'projectPeriod',
  'year',
  'monitoringMonth',
  'projectAmount',
  'evaluator',
] as const satisfies readonly HeaderKey[];

export const FUNDS_ROW_KEYS = [
  'total',
  'fiscal',
  'carryover',
  'other',
  'basic',
  'project',
] as const satisfies readonly FundsRowKey[];

export const FUNDS_COL_KEYS = [
  'midTerm',
  'annual',
  'initialBudget',
  'annualBudget',
  'executed',
  'forecast',
  'weight',
  'rate',
  'score',
] as const satisfies readonly FundsColKey[];

export const GOAL_KEYS = [
  'overall',
  'midTerm',
  'annual',
  'expected',
  'achieved',
  'progress',
] as const satisfies readonly GoalKey[];

export const COLUMN_KEYS = [
  'level1',
  'level2',
  'level3',
  'operator',
  'target',
  'unit',
  'basis',
  'progress',
  'forecast',
  'cause',
  'likelihood',
  'actual',
  'tier',
  'qualitativeScore',
  'weight',
  'rating',
  'numerator',
  'denominator',
  'rate',
  'score',
  'deviation',
  'remark',
  'taskName',
  'taskContent',
  'taskProjects',
  'taskBudget',
] as const satisfies readonly ColumnKey[];

export const SUMMARY_KEYS = ['total', 'grade', 'conclusion'] as const;
export type SummaryKey = (typeof SUMMARY_KEYS)[number];

// Every key of each union is listed above: a key added to form-model without a label fails to compile here.
type Exhaustive<Union extends string, Listed extends string> = [Union] extends [Listed] ? true : never;
const exhaustive: [
  Exhaustive<HeaderKey, (typeof HEADER_KEYS)[number]>,
  Exhaustive<FundsRowKey, (typeof FUNDS_ROW_KEYS)[number]>,
  Exhaustive<FundsColKey, (typeof FUNDS_COL_KEYS)[number]>,
  Exhaustive<GoalKey, (typeof GOAL_KEYS)[number]>,
  Exhaustive<ColumnKey, (typeof COLUMN_KEYS)[number]>,
] = [true, true, true, true, true];
void exhaustive;

const text = z.string().min(1);
const texts = z.array(text);

/** A regular expression written as a string; it must compile. */
const pattern = text.refine(
  (source) => {
    try {
      new RegExp(source, 'u');
      return true;
    } catch {
      return false;
    }
  },
  { message: '不是有效的正则表达式 (not a valid regular expression)' },
);

const label = z.strictObject({ canonical: text, synonyms: texts });
const moreSynonyms = z.strictObject({ synonyms: texts.min(1) });

function labelsOf<const K extends readonly string[], S extends z.ZodType>(keys: K, entry: S) {
  const shape = Object.fromEntries(keys.map((key) => [key, entry])) as { [P in K[number]]: S };
  return z.strictObject(shape);
}

function partialLabelsOf<const K extends readonly string[], S extends z.ZodType>(keys: K, entry: S) {
  const shape = Object.fromEntries(keys.map((key) => [key, entry.optional()])) as {
    [P in K[number]]: z.ZodOptional<S>;
  };
  return z.strictObject(shape);
}

const templateId = z.enum(TEMPLATE_IDS);

const replacement = z.strictObject({ pattern, with: z.string() });

/**
 * How a cell's text becomes a key, in this order: characters mapped; white space removed; a text matching an
 * `ignore` pattern is no label at all; then, until nothing changes, leading list numbering, bracketed groups
 * whose content is an annotation (a word or a pattern) and trailing suffixes are removed; then punctuation
 * and stars are dropped, letters lower-cased, and the `replacements` applied to the key. `dropPrefixes` and
 * `unitSuffixes` are tried at look-up when the whole key is no label.
 */
const normalisation = z.strictObject({
  characters: z.record(z.string().length(1), z.string()),
  ignore: z.array(pattern),
  numbering: z.array(pattern),
  bracketed: z.strictObject({ words: texts, patterns: z.array(pattern) }),
  suffixes: texts,
  replacements: z.array(replacement),
  dropPrefixes: texts,
  unitSuffixes: texts,
});

const titleRule = z.strictObject({
  /** Every word must occur in the title's key. */
  words: texts.min(1),
  template: templateId,
  /** The template when the title also names a department as a whole (部门整体). */
  departmentTemplate: templateId.optional(),
});

const titleWords = z.strictObject({
  /** A title cell holds one of these (表, 报告) after normalisation... */
  marks: texts.min(1),
  /** ...and contains every one of these. */
  required: texts,
  /** Words that make a title a department-wide form. */
  department: texts,
  /** Tried in order; the first rule whose words all occur decides. */
  rules: z.array(titleRule).min(1),
});

export const VocabularySchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: text,
  normalisation,
  header: labelsOf(HEADER_KEYS, label),
  fundsRows: labelsOf(FUNDS_ROW_KEYS, label),
  fundsColumns: labelsOf(FUNDS_COL_KEYS, label),
  goals: labelsOf(GOAL_KEYS, label),
  columns: labelsOf(COLUMN_KEYS, label),
  totals: labelsOf(SUMMARY_KEYS, label),
  /**
   * Headers of side-by-side target columns (长期/中期/年度): each is a target column of its own, and the
   * annual one is the target that is scored.
   */
  valuePeriods: z.strictObject({ annual: texts, midTerm: texts, longTerm: texts }),
  /** First-level names of a level above 产出/效益/满意度 (实施效果指标): the 一级 is then the next column. */
  levelsAbove: texts,
  /**
   * First-level names (产出指标, 效益指标 …) as forms write them in the rows. A form whose header names one
   * level less than it fills (绩效指标 over the 一级 names, 一级指标 over the 二级 ones) is read by them.
   */
  firstLevels: texts,
  /** Labels of fields and columns the reader knows but does not use (得分计算方法, 指标解释, 项目负责人 …). */
  extraLabels: texts,
  /** Section names that open a new part of a form; a table ends where one of them starts a row. */
  sections: texts,
  /** Words that start the notes and signatures under a form, compared as key prefixes. */
  footers: texts,
  /** Words of a summary row under a table besides the 总分 labels (合计). */
  tableTotals: texts,
  /** Sub-columns of a split 偏差原因 header in hand-made monitoring forms. */
  monitoringCauses: texts,
  /** Full titles of the official forms; the first of each is the one our templates print. */
  titles: labelsOf(TEMPLATE_IDS, label),
  titleWords,
});

export type Vocabulary = z.infer<typeof VocabularySchema>;
export type VocabularyLabel = z.infer<typeof label>;
export type Normalisation = z.infer<typeof normalisation>;
export type TitleRule = z.infer<typeof titleRule>;
export type ValuePeriod = keyof Vocabulary['valuePeriods'];

/** A jurisdiction's additions: every part optional; synonyms and lists are appended, title rules go first. */
export const VocabularyExtensionSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: text,
  /** Where the wording comes from (the province's form, its document number). */
  basis: text.optional(),
  normalisation: z
    .strictObject({
      characters: z.record(z.string().length(1), z.string()).optional(),
      ignore: z.array(pattern).optional(),
      numbering: z.array(pattern).optional(),
      bracketed: z
        .strictObject({ words: texts.optional(), patterns: z.array(pattern).optional() })
        .optional(),
      suffixes: texts.optional(),
      replacements: z.array(replacement).optional(),
      dropPrefixes: texts.optional(),
      unitSuffixes: texts.optional(),
    })
    .optional(),
  header: partialLabelsOf(HEADER_KEYS, moreSynonyms).optional(),
  fundsRows: partialLabelsOf(FUNDS_ROW_KEYS, moreSynonyms).optional(),
  fundsColumns: partialLabelsOf(FUNDS_COL_KEYS, moreSynonyms).optional(),
  goals: partialLabelsOf(GOAL_KEYS, moreSynonyms).optional(),
  columns: partialLabelsOf(COLUMN_KEYS, moreSynonyms).optional(),
  totals: partialLabelsOf(SUMMARY_KEYS, moreSynonyms).optional(),
  valuePeriods: z
    .strictObject({ annual: texts.optional(), midTerm: texts.optional(), longTerm: texts.optional() })
    .optional(),
  levelsAbove: texts.optional(),
  firstLevels: texts.optional(),
  extraLabels: texts.optional(),
  sections: texts.optional(),
  footers: texts.optional(),
  tableTotals: texts.optional(),
  monitoringCauses: texts.optional(),
  titles: partialLabelsOf(TEMPLATE_IDS, moreSynonyms).optional(),
  titleWords: z
    .strictObject({
      marks: texts.optional(),
      department: texts.optional(),
      rules: z.array(titleRule).optional(),
    })
    .optional(),
});

export type VocabularyExtension = z.infer<typeof VocabularyExtensionSchema>;
