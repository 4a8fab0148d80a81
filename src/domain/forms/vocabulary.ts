/**
 * The words of the official forms. They live in `data/vocabulary.json` (validated here at load); templates
 * write the canonical label, the reader accepts the canonical label and every synonym after normalisation
 * (brackets such as （A） or （万元）, numbering such as （一）, spacing and full-width forms do not matter).
 * A jurisdiction adds its wording with an extension (`extendVocabulary`), never with code: see README.md.
 */
import { EngineInvariantError } from '../grid/cell';
import { schemaErrors, type ProfileError } from '../profiles/profiles';
import builtInData from './data/vocabulary.json';
import type { ColumnKey, FundsColKey, FundsRowKey, GoalKey, HeaderKey, TemplateId } from './form-model';
import { compileNormaliser } from './normalise-label';
import {
  VocabularyExtensionSchema,
  VocabularySchema,
  type SummaryKey,
  type Vocabulary,
  type VocabularyExtension,
  type VocabularyLabel,
} from './vocabulary-schema';

export type { Vocabulary, VocabularyExtension } from './vocabulary-schema';

export interface Label {
  canonical: string;
  synonyms: readonly string[];
}

/** Where in the file ('columns.target.synonyms[2]'; '' for the whole file), and what is wrong (Chinese first). */
export type VocabularyError = ProfileError;

export type VocabularyLoadResult =
  { ok: true; vocabulary: Vocabulary } | { ok: false; errors: VocabularyError[] };

const LABEL_GROUPS = ['header', 'fundsRows', 'fundsColumns', 'goals', 'columns', 'totals', 'titles'] as const;
type LabelGroup = (typeof LABEL_GROUPS)[number];

/**
 * Rules the schema cannot express: a label that normalises to nothing can never match, and one key spelt
 * the same as a label of another key in the same group would make the reader's choice arbitrary. Table
 * columns are the exception: each table takes the first meaning it has a column for (偏差原因 is the cause
 * column of a monitoring form and the deviation column of a self-evaluation).
 */
function semanticErrors(vocabulary: Vocabulary): VocabularyError[] {
  const errors: VocabularyError[] = [];
  const keyOf = compileNormaliser(vocabulary.normalisation);
  for (const group of LABEL_GROUPS) {
    const owners = new Map<string, string>();
    const labels = vocabulary[group] as Record<string, VocabularyLabel>;
    for (const [key, label] of Object.entries(labels)) {
      [label.canonical, ...label.synonyms].forEach((text, i) => {
        const path = i === 0 ? `${group}.${key}.canonical` : `${group}.${key}.synonyms[${i - 1}]`;
        const normalised = keyOf(text);
        if (normalised === '') {
          errors.push({ path, message: `“${text}”规范化后为空，无法匹配 (normalises to nothing)` });
          return;
        }
        const owner = owners.get(normalised);
        if (owner !== undefined && owner !== key && group !== 'columns') {
          errors.push({
            path,
            message: `“${text}”已是 ${group}.${owner} 的写法 (the same wording already belongs to ${group}.${owner})`,
          });
        }
        if (owner === undefined) owners.set(normalised, key);
      });
    }
  }
  return errors;
}

/** Validate a whole vocabulary given as data (parsed JSON). Never throws. */
export function loadVocabulary(data: unknown): VocabularyLoadResult {
  const parsed = VocabularySchema.safeParse(data);
  if (!parsed.success) return { ok: false, errors: schemaErrors(parsed.error.issues) };
  const errors = semanticErrors(parsed.data);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, vocabulary: parsed.data };
}

/** The vocabulary `base` plus a jurisdiction's additions (parsed JSON). Never throws. */
export function extendVocabulary(base: Vocabulary, data: unknown): VocabularyLoadResult {
  const parsed = VocabularyExtensionSchema.safeParse(data);
  if (!parsed.success) return { ok: false, errors: schemaErrors(parsed.error.issues) };
  return loadVocabulary(merge(base, parsed.data));
}

/** Validate an extension file's text against the built-in vocabulary. A JSON syntax error is an error entry. */
export function parseVocabularyExtensionJson(
  text: string,
  base: Vocabulary = BUILT_IN_VOCABULARY,
): VocabularyLoadResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, errors: [{ path: '', message: `JSON 格式错误 (invalid JSON: ${detail})` }] };
  }
  return extendVocabulary(base, data);
}

function merge(base: Vocabulary, extension: VocabularyExtension): Vocabulary {
  const more = extension.normalisation;
  const norm = base.normalisation;
  const mergeLabels = <G extends LabelGroup>(group: G): Vocabulary[G] => {
    const labels = { ...(base[group] as Record<string, VocabularyLabel>) };
    const added = (extension[group] ?? {}) as Record<string, { synonyms: string[] } | undefined>;
    for (const [key, entry] of Object.entries(added)) {
      const label = labels[key];
      if (entry === undefined || label === undefined) continue;
      labels[key] = { canonical: label.canonical, synonyms: [...label.synonyms, ...entry.synonyms] };
    }
    return labels as Vocabulary[G];
  };
  const words = extension.titleWords;
  return {
    id: extension.id,
    name: extension.name,
    normalisation: {
      characters: { ...norm.characters, ...more?.characters },
      ignore: [...norm.ignore, ...(more?.ignore ?? [])],
      numbering: [...norm.numbering, ...(more?.numbering ?? [])],
      bracketed: {
        words: [...norm.bracketed.words, ...(more?.bracketed?.words ?? [])],
        patterns: [...norm.bracketed.patterns, ...(more?.bracketed?.patterns ?? [])],
      },
      suffixes: [...norm.suffixes, ...(more?.suffixes ?? [])],
      replacements: [...norm.replacements, ...(more?.replacements ?? [])],
      dropPrefixes: [...norm.dropPrefixes, ...(more?.dropPrefixes ?? [])],
      unitSuffixes: [...norm.unitSuffixes, ...(more?.unitSuffixes ?? [])],
    },
    header: mergeLabels('header'),
    fundsRows: mergeLabels('fundsRows'),
    fundsColumns: mergeLabels('fundsColumns'),
    goals: mergeLabels('goals'),
    columns: mergeLabels('columns'),
    totals: mergeLabels('totals'),
    valuePeriods: {
      annual: [...base.valuePeriods.annual, ...(extension.valuePeriods?.annual ?? [])],
      midTerm: [...base.valuePeriods.midTerm, ...(extension.valuePeriods?.midTerm ?? [])],
      longTerm: [...base.valuePeriods.longTerm, ...(extension.valuePeriods?.longTerm ?? [])],
    },
    levelsAbove: [...base.levelsAbove, ...(extension.levelsAbove ?? [])],
    firstLevels: [...base.firstLevels, ...(extension.firstLevels ?? [])],
    extraLabels: [...base.extraLabels, ...(extension.extraLabels ?? [])],
    sections: [...base.sections, ...(extension.sections ?? [])],
    footers: [...base.footers, ...(extension.footers ?? [])],
    tableTotals: [...base.tableTotals, ...(extension.tableTotals ?? [])],
    monitoringCauses: [...base.monitoringCauses, ...(extension.monitoringCauses ?? [])],
    titles: mergeLabels('titles'),
    titleWords: {
      marks: [...base.titleWords.marks, ...(words?.marks ?? [])],
      required: base.titleWords.required,
      department: [...base.titleWords.department, ...(words?.department ?? [])],
      // A province's own title words are more specific than the general ones: they are tried first.
      rules: [...(words?.rules ?? []), ...base.titleWords.rules],
    },
  };
}

function builtIn(data: unknown): Vocabulary {
  const result = loadVocabulary(data);
  if (!result.ok) {
    const detail = result.errors.map((e) => `${e.path}: ${e.message}`).join('; ');
    throw new EngineInvariantError(`bundled vocabulary data/vocabulary.json is invalid: ${detail}`);
  }
  return result.vocabulary;
}

/** The vocabulary shipped with the engine: the 10号 forms and the wording seen in many provinces' forms. */
export const BUILT_IN_VOCABULARY: Vocabulary = builtIn(builtInData);

export const HEADER_LABELS: Readonly<Record<HeaderKey, Label>> = BUILT_IN_VOCABULARY.header;
export const FUNDS_ROW_LABELS: Readonly<Record<FundsRowKey, Label>> = BUILT_IN_VOCABULARY.fundsRows;
export const FUNDS_COL_LABELS: Readonly<Record<FundsColKey, Label>> = BUILT_IN_VOCABULARY.fundsColumns;
export const GOAL_LABELS: Readonly<Record<GoalKey, Label>> = BUILT_IN_VOCABULARY.goals;
export const COLUMN_LABELS: Readonly<Record<ColumnKey, Label>> = BUILT_IN_VOCABULARY.columns;
/** Labels of the summary rows below the tables. */
export const TOTAL_LABELS: Readonly<Record<SummaryKey, Label>> = BUILT_IN_VOCABULARY.totals;
/** Titles of the official forms; the reader also recognises a sheet by its title. */
export const FORM_TITLES: Readonly<Record<TemplateId, Label>> = BUILT_IN_VOCABULARY.titles;

/** Values of the dropdowns that are the same for every profile. */
export const MONITORING_CAUSES = ['经费保障', '制度保障', '人员保障', '硬件条件保障', '其他'] as const;
export const LIKELIHOODS = ['确定能', '有可能', '完全不可能'] as const;
export const RATINGS = ['优', '良', '中', '差'] as const;
export type Rating = (typeof RATINGS)[number];
