/**
 * Label lookup for the form reader: every canonical label and synonym of a vocabulary, keyed by its
 * normalisation rules (see normalise-label.ts), with the look-up tolerances of the rules on top (a leading
 * 其中, a unit suffix such as 万元 or 分). An index is built once per vocabulary, on first use, and each sheet
 * cell is keyed at most once per read through `SheetKeys`.
 */
import type { Block, CellScalar } from '../grid/cell';
import { isBlank, normalizeText } from '../grid/parse';
import type { ColumnKey, FundsColKey, FundsRowKey, GoalKey, HeaderKey, TemplateId } from './form-model';
import { compileNormaliser, type KeyOf } from './normalise-label';
import { BUILT_IN_VOCABULARY, type Vocabulary } from './vocabulary';
import type { SummaryKey, ValuePeriod, VocabularyLabel } from './vocabulary-schema';

export type { SummaryKey } from './vocabulary-schema';

/** Cells longer than this are sentences, never labels; skipping them keeps reading linear and cheap. */
const MAX_LABEL_LENGTH = 60;

/** Words that start the notes and signatures under a form (of the built-in vocabulary). */
export const FOOTER_PREFIXES: readonly string[] = BUILT_IN_VOCABULARY.footers;

/** The summary row under a table may also be worded 合计 (a 序号 column then holds numbers above it). */
export const TABLE_TOTAL_WORDS: readonly string[] = BUILT_IN_VOCABULARY.tableTotals;

/** Money columns of a funds block: a funds header needs at least one (分值/得分 alone are indicator headers). */
export const MONEY_COLUMNS: ReadonlySet<FundsColKey> = new Set<FundsColKey>([
  'midTerm',
  'annual',
  'initialBudget',
  'annualBudget',
  'executed',
  'forecast',
]);

/** Every meaning a cell's text has as a label; most cells have none. */
export interface LabelHit {
  header?: HeaderKey;
  goal?: GoalKey;
  summary?: SummaryKey;
  fundsRow?: FundsRowKey;
  fundsCol?: FundsColKey;
  /** The first column the text names; `columns` has every one (偏差原因 is a monitoring cause column and a self-evaluation deviation column). */
  column?: ColumnKey;
  columns?: readonly ColumnKey[];
  /** 经费保障 … 其他: sub-columns of a split 偏差原因 header in hand-made monitoring forms. */
  cause?: string;
  /** A section name (项目资金, 绩效指标, 其他需要说明事项 …). */
  section?: true;
  /** The period of a side-by-side target column (长期目标 / 中期指标值 / 年度指标值). */
  period?: ValuePeriod;
  /** A first level above 产出/效益/满意度 (实施效果指标). */
  levelAbove?: true;
  /** A label the reader knows but does not read (得分计算方法, 指标解释, 项目负责人 …). */
  extra?: true;
}

type HitKind = Exclude<keyof LabelHit, 'columns'>;

export const NO_LABEL: LabelHit = Object.freeze({});

/** A label of the vocabulary as the near-match search sees it. */
export interface KnownLabel {
  key: string;
  /** The canonical wording, for messages. */
  canonical: string;
  hit: LabelHit;
}

export interface LabelIndex {
  readonly vocabulary: Vocabulary;
  /** The key of a text as the reader compares it ('' for no label). */
  keyOf: KeyOf;
  /** What a reader key means as a label: exact first, then without a unit suffix, then without 其中. */
  lookup(key: string): LabelHit;
  /** Title keys with their template, longest first so a specific title wins over a shorter one inside it. */
  titles: readonly { key: string; template: TemplateId }[];
  /** Shortest title key: shorter keys are no title. */
  minTitleLength: number;
  /** First characters of every label key and footer word: a cell starting with another ideograph is no label. */
  firstChars: ReadonlySet<string>;
  /** Footer words as keys. */
  footers: readonly string[];
  tableTotals: ReadonlySet<string>;
  /** Every label with its canonical wording, for the near-match search. */
  labels: readonly KnownLabel[];
  /** The template a title names by its words, or null. */
  titleTemplate(key: string): TemplateId | null;
  /** First-level names (产出指标 …) as keys. */
  firstLevels: ReadonlySet<string>;
  /** Whether a key names a department as a whole (部门整体, 单位整体 …), the title words that say so. */
  namesDepartment(key: string): boolean;
  /** Title words that make a form a self-evaluation (自评), as keys. */
  selfEvaluationWords: readonly string[];
  /** A note such as 单位：万元 that is neither a label nor a value. */
  isNote(raw: string): boolean;
}

const indexes = new WeakMap<Vocabulary, LabelIndex>();

/** The index of a vocabulary (the built-in one by default), built once. */
export function labelIndex(vocabulary: Vocabulary = BUILT_IN_VOCABULARY): LabelIndex {
  const known = indexes.get(vocabulary);
  if (known) return known;
  const index = buildIndex(vocabulary);
  indexes.set(vocabulary, index);
  return index;
}

function buildIndex(vocabulary: Vocabulary): LabelIndex {
  const normalise = compileNormaliser(vocabulary.normalisation);
  const keyOf: KeyOf = (raw) => (raw.length > MAX_LABEL_LENGTH ? '' : normalise(raw));
  const exact = new Map<string, LabelHit>();
  const columnLists = new Map<string, ColumnKey[]>();
  const labels: KnownLabel[] = [];
  const add = <K extends HitKind>(kind: K, text: string, value: NonNullable<LabelHit[K]>): void => {
    const key = normalise(text);
    if (key === '') return;
    const hit: LabelHit = exact.get(key) ?? {};
    if (hit[kind] === undefined) hit[kind] = value;
    if (kind === 'column') {
      const list = columnLists.get(key) ?? [];
      if (!list.includes(value as ColumnKey)) list.push(value as ColumnKey);
      columnLists.set(key, list);
    }
    exact.set(key, hit);
  };
  const addLabels = <K extends HitKind>(kind: K, group: Record<string, VocabularyLabel>): void => {
    for (const [value, label] of Object.entries(group)) {
      for (const text of [label.canonical, ...label.synonyms]) {
        add(kind, text, value as NonNullable<LabelHit[K]>);
        labels.push({ key: normalise(text), canonical: label.canonical, hit: { [kind]: value } });
      }
    }
  };
  addLabels('header', vocabulary.header);
  addLabels('goal', vocabulary.goals);
  addLabels('summary', vocabulary.totals);
  addLabels('fundsRow', vocabulary.fundsRows);
  addLabels('fundsCol', vocabulary.fundsColumns);
  addLabels('column', vocabulary.columns);
  for (const name of vocabulary.monitoringCauses) add('cause', name, name);
  for (const text of vocabulary.sections) add('section', text, true);
  for (const text of vocabulary.extraLabels) add('extra', text, true);
  for (const period of ['annual', 'midTerm', 'longTerm'] as const) {
    for (const text of vocabulary.valuePeriods[period]) add('period', text, period);
  }
  for (const text of vocabulary.levelsAbove) add('levelAbove', text, true);
  for (const [key, list] of columnLists) {
    const hit = exact.get(key);
    if (hit !== undefined && list.length > 1) hit.columns = list;
  }
  for (const hit of exact.values()) Object.freeze(hit);

  const dropPrefixes = vocabulary.normalisation.dropPrefixes.map((p) => normalise(p)).filter((p) => p !== '');
  const unitSuffixes = vocabulary.normalisation.unitSuffixes.map((p) => normalise(p)).filter((p) => p !== '');
  const lookup = (key: string): LabelHit => {
    if (key === '') return NO_LABEL;
    let hit = exact.get(key);
    const widen = (variant: string): void => {
      const more = exact.get(variant);
      if (more === undefined) return;
      hit = hit === undefined ? more : { ...more, ...hit };
    };
    for (const suffix of unitSuffixes) {
      if (key.length > suffix.length && key.endsWith(suffix)) widen(key.slice(0, -suffix.length));
    }
    for (const prefix of dropPrefixes) {
      if (key.length > prefix.length && key.startsWith(prefix)) widen(key.slice(prefix.length));
    }
    return hit ?? NO_LABEL;
  };

  const titles: { key: string; template: TemplateId }[] = [];
  for (const template of Object.keys(vocabulary.titles) as TemplateId[]) {
    const title = vocabulary.titles[template];
    for (const text of [title.canonical, ...title.synonyms]) titles.push({ key: normalise(text), template });
  }
  titles.sort((a, b) => b.key.length - a.key.length);
  const footers = vocabulary.footers.map((word) => normalise(word)).filter((k) => k !== '');
  const tableTotals = new Set(vocabulary.tableTotals.map((word) => normalise(word)));
  const firstChars = new Set<string>();
  for (const key of [...exact.keys(), ...footers, '注', ...tableTotals]) firstChars.add(key.charAt(0));
  // List numbering (一、 （一）) is stripped from labels, so a label may start with a numeral.
  for (const ch of '一二三四五六七八九十') firstChars.add(ch);
  const minTitleLength = Math.min(...titles.map((t) => t.key.length));

  const words = vocabulary.titleWords;
  const marks = words.marks.map((w) => normalise(w));
  const required = words.required.map((w) => normalise(w));
  const departmentWords = words.department.map((w) => normalise(w));
  const rules = words.rules.map((rule) => ({ ...rule, words: rule.words.map((w) => normalise(w)) }));
  const namesDepartment = (key: string): boolean => departmentWords.some((w) => key.includes(w));
  const selfEvaluationWords = rules
    .filter((rule) => rule.template === 'project-self-evaluation' && rule.words.length === 1)
    .flatMap((rule) => rule.words);
  const titleTemplate = (key: string): TemplateId | null => {
    if (key.length < 2 || key.includes('说明')) return null;
    if (key.length >= minTitleLength) {
      for (const title of titles) if (key.includes(title.key)) return title.template;
    }
    if (!marks.some((mark) => key.includes(mark)) || !required.every((w) => key.includes(w))) return null;
    const department = namesDepartment(key);
    for (const rule of rules) {
      if (!rule.words.every((w) => key.includes(w))) continue;
      return department && rule.departmentTemplate !== undefined ? rule.departmentTemplate : rule.template;
    }
    return null;
  };

  const ignore = vocabulary.normalisation.ignore.map((source) => new RegExp(source, 'u'));
  const characters = vocabulary.normalisation.characters;
  const isNote = (raw: string): boolean => {
    if (raw.length > MAX_LABEL_LENGTH || ignore.length === 0) return false;
    let text = '';
    for (const ch of normalizeText(raw).replace(/\s+/gu, '')) text += characters[ch] ?? ch;
    return ignore.some((p) => p.test(text));
  };

  return {
    vocabulary,
    keyOf,
    isNote,
    lookup,
    titles,
    minTitleLength,
    firstChars,
    footers,
    tableTotals,
    labels,
    titleTemplate,
    namesDepartment,
    selfEvaluationWords,
    firstLevels: new Set(vocabulary.firstLevels.map((w) => normalise(w)).filter((k) => k !== '')),
  };
}

/** The key of a cell as the built-in reader compares it, or '' for blanks and non-text. */
export function readerKey(raw: unknown, index: LabelIndex = labelIndex()): string {
  if (typeof raw !== 'string' || raw.length === 0) return '';
  return index.keyOf(raw);
}

/** The template whose title the key names, or null. */
export function titleTemplate(key: string, index: LabelIndex = labelIndex()): TemplateId | null {
  return index.titleTemplate(key);
}

const IDEOGRAPH_FIRST = 0x4e00;
const IDEOGRAPH_LAST = 0x9fff;

/**
 * False when a text cannot be a label because it starts with an ideograph no label starts with (its key then
 * starts with the same ideograph); saves keying most data cells of a long table.
 */
export function mayBeLabel(
  raw: string,
  extraFirstChars: ReadonlySet<string>,
  index: LabelIndex = labelIndex(),
): boolean {
  const code = raw.charCodeAt(0);
  if (code < IDEOGRAPH_FIRST || code > IDEOGRAPH_LAST) return true;
  const first = raw.charAt(0);
  return index.firstChars.has(first) || extraFirstChars.has(first);
}

/** A blank test that settles the common case, a text starting with a visible character, without normalising it. */
const STARTS_INVISIBLE = /^[\s\u200b-\u200d\u2060\ufeff\u00ad]/;
export function isBlankCell(raw: CellScalar | undefined): boolean {
  if (raw === null || raw === undefined) return true;
  if (typeof raw !== 'string') return false;
  if (raw.length > 0 && !STARTS_INVISIBLE.test(raw)) return false;
  return isBlank(raw);
}

export function isFooterKey(key: string, index: LabelIndex = labelIndex()): boolean {
  for (const prefix of index.footers) if (key.startsWith(prefix)) return true;
  return key === '注';
}

/**
 * Reader keys of a block's cells, computed on demand and at most once per cell: the reader looks at every
 * cell of the header zones but only at the first cell of each table row.
 */
export class SheetKeys {
  readonly rowCount: number;
  readonly width: number;
  private readonly rows: (string[] | undefined)[];
  private readonly hits = new Map<string, LabelHit>();
  constructor(
    readonly block: Block,
    readonly index: LabelIndex = labelIndex(),
  ) {
    this.rowCount = block.values.length;
    let width = 0;
    for (const row of block.values) if (row.length > width) width = row.length;
    this.width = width;
    this.rows = new Array<string[] | undefined>(this.rowCount);
  }

  key(row: number, col: number): string {
    let keys = this.rows[row];
    if (keys === undefined) {
      keys = new Array<string>(this.block.values[row]?.length ?? 0);
      this.rows[row] = keys;
    }
    if (col >= keys.length) return '';
    const known = keys[col];
    if (known !== undefined) return known;
    const computed = readerKey(this.block.values[row]?.[col], this.index);
    keys[col] = computed;
    return computed;
  }

  /** What the cell means as a label (NO_LABEL for most cells). */
  hit(row: number, col: number): LabelHit {
    return this.hitOf(this.key(row, col));
  }

  hitOf(key: string): LabelHit {
    if (key === '') return NO_LABEL;
    let hit = this.hits.get(key);
    if (hit === undefined) {
      hit = this.index.lookup(key);
      this.hits.set(key, hit);
    }
    return hit;
  }
}
