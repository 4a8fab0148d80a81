/**
 * Label lookup for the form reader: every canonical label and synonym of the vocabulary, keyed by `labelKey`
 * with the spellings hand-made forms add on top (a month range "1-7月" for "1-N月", a unit suffix such as
 * 万元 or 分, a leading 其中). The index is built on first use, not at import, and each sheet cell is
 * keyed at most once per read through `SheetKeys`.
 */
import type { Block, CellScalar } from '../grid/cell';
import { isBlank, labelKey } from '../grid/parse';
import type { ColumnKey, FundsColKey, FundsRowKey, GoalKey, HeaderKey, TemplateId } from './form-model';
import {
  COLUMN_LABELS,
  FORM_TITLES,
  FUNDS_COL_LABELS,
  FUNDS_ROW_LABELS,
  GOAL_LABELS,
  HEADER_LABELS,
  MONITORING_CAUSES,
  TOTAL_LABELS,
  type Label,
} from './vocabulary';

/** Cells longer than this are sentences, never labels; skipping them keeps reading linear and cheap. */
const MAX_LABEL_LENGTH = 60;

/** "1-7月", "1—12月", "1至6月" (after labelKey) all stand for the "1-N月" of the vocabulary. */
const MONTH_RANGE = /^1[^0-9月]?(?:[0-9]{1,2}|[Nn])月/;
const UNIT_SUFFIXES = ['万元', '元', '分', '百分比'];

function normalizeKey(key: string): string {
  return MONTH_RANGE.test(key) ? key.replace(MONTH_RANGE, '1N月') : key;
}

/** The key of a cell as the reader compares it, or '' for blanks and non-text. */
export function readerKey(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_LABEL_LENGTH) return '';
  return normalizeKey(labelKey(raw));
}

/** Section names that open a new part of a form; a table ends where one of them starts a row. */
const SECTION_TEXTS = [
  '项目资金',
  '项目资金情况',
  '年度预算',
  '年度预算情况',
  '年度部门整体支出预算',
  '部门整体支出预算',
  '年度主要任务',
  '绩效指标',
  '年度绩效指标',
  '中期绩效指标',
  '评估指标',
  '评价指标',
  '其他需要说明事项',
  '其他需要说明的事项',
  '其他需要说明的问题',
  '其他说明事项',
];

/** Words that start the notes and signatures under a form. Compared as key prefixes. */
export const FOOTER_PREFIXES = [
  '填表说明',
  '填报说明',
  '填表人',
  '填报人',
  '填报单位',
  '填报日期',
  '填表日期',
  '联系人',
  '联系电话',
  '审核人',
  '单位负责人',
  '财务负责人',
  '项目负责人',
  '评估人员',
  '评价人员',
];

/** The summary row under a table may also be worded 合计 (a 序号 column then holds numbers above it). */
export const TABLE_TOTAL_WORDS: readonly string[] = ['合计'];

/** Money columns of a funds block: a funds header needs at least one (分值/得分 alone are indicator headers). */
export const MONEY_COLUMNS: ReadonlySet<FundsColKey> = new Set<FundsColKey>([
  'midTerm',
  'annual',
  'initialBudget',
  'annualBudget',
  'executed',
  'forecast',
]);

export type SummaryKey = keyof typeof TOTAL_LABELS;

/** Every meaning a cell's text has as a label; most cells have none. */
export interface LabelHit {
  header?: HeaderKey;
  goal?: GoalKey;
  summary?: SummaryKey;
  fundsRow?: FundsRowKey;
  fundsCol?: FundsColKey;
  column?: ColumnKey;
  /** 经费保障 … 其他: sub-columns of a split 偏差原因 header in hand-made monitoring forms. */
  cause?: string;
  /** A section name (项目资金, 绩效指标, 其他需要说明事项 …). */
  section?: true;
}

type HitKind = keyof LabelHit;

export const NO_LABEL: LabelHit = Object.freeze({});

export interface LabelIndex {
  /** What a reader key means as a label: exact first, then without a unit suffix, then without 其中. */
  lookup(key: string): LabelHit;
  /** Title keys with their template, longest first so a specific title wins over a shorter one inside it. */
  titles: readonly { key: string; template: TemplateId }[];
  /** Shortest title key: shorter keys are no title. */
  minTitleLength: number;
  /** First characters of every label key and footer word: a cell starting with another ideograph is no label. */
  firstChars: ReadonlySet<string>;
}

let cached: LabelIndex | null = null;

export function labelIndex(): LabelIndex {
  if (cached) return cached;
  const exact = new Map<string, LabelHit>();
  const add = <K extends HitKind>(kind: K, text: string, value: NonNullable<LabelHit[K]>): void => {
    const key = normalizeKey(labelKey(text));
    if (key === '') return;
    const hit: LabelHit = exact.get(key) ?? {};
    if (hit[kind] === undefined) hit[kind] = value;
    exact.set(key, hit);
  };
  const addLabels = <K extends HitKind>(kind: K, labels: Record<string, Label>): void => {
    for (const [value, label] of Object.entries(labels)) {
      for (const text of [label.canonical, ...label.synonyms])
        add(kind, text, value as NonNullable<LabelHit[K]>);
    }
  };
  addLabels('header', HEADER_LABELS);
  addLabels('goal', GOAL_LABELS);
  addLabels('summary', TOTAL_LABELS);
  addLabels('fundsRow', FUNDS_ROW_LABELS);
  addLabels('fundsCol', FUNDS_COL_LABELS);
  addLabels('column', COLUMN_LABELS);
  for (const name of MONITORING_CAUSES) add('cause', name, name);
  for (const text of SECTION_TEXTS) add('section', text, true);
  for (const hit of exact.values()) Object.freeze(hit);

  const lookup = (key: string): LabelHit => {
    if (key === '') return NO_LABEL;
    let hit = exact.get(key);
    const widen = (variant: string): void => {
      const more = exact.get(variant);
      if (more === undefined) return;
      hit = hit === undefined ? more : { ...more, ...hit };
    };
    for (const suffix of UNIT_SUFFIXES) {
      if (key.length > suffix.length && key.endsWith(suffix)) widen(key.slice(0, -suffix.length));
    }
    if (key.length > 2 && key.startsWith('其中')) widen(key.slice(2));
    return hit ?? NO_LABEL;
  };

  const titles: { key: string; template: TemplateId }[] = [];
  for (const template of Object.keys(FORM_TITLES) as TemplateId[]) {
    const title = FORM_TITLES[template];
    for (const text of [title.canonical, ...title.synonyms])
      titles.push({ key: normalizeKey(labelKey(text)), template });
  }
  titles.sort((a, b) => b.key.length - a.key.length);
  const firstChars = new Set<string>();
  for (const key of [...exact.keys(), ...FOOTER_PREFIXES, '注', ...TABLE_TOTAL_WORDS])
    firstChars.add(key.charAt(0));
  const minTitleLength = Math.min(...titles.map((t) => t.key.length));
  cached = { lookup, titles, minTitleLength, firstChars };
  return cached;
}

/** The template whose title the key contains, or null. */
export function titleTemplate(key: string): TemplateId | null {
  const index = labelIndex();
  if (key.length < index.minTitleLength || key.includes('说明')) return null;
  for (const title of index.titles) if (key.includes(title.key)) return title.template;
  return null;
}

const IDEOGRAPH_FIRST = 0x4e00;
const IDEOGRAPH_LAST = 0x9fff;

/**
 * False when a text cannot be a label because it starts with an ideograph no label starts with (its key then
 * starts with the same ideograph); saves keying most data cells of a long table.
 */
export function mayBeLabel(raw: string, extraFirstChars: ReadonlySet<string>): boolean {
  const code = raw.charCodeAt(0);
  if (code < IDEOGRAPH_FIRST || code > IDEOGRAPH_LAST) return true;
  const first = raw.charAt(0);
  return labelIndex().firstChars.has(first) || extraFirstChars.has(first);
}

/** A blank test that settles the common case, a text starting with a visible character, without normalising it. */
const STARTS_INVISIBLE = /^[\s\u200b-\u200d\u2060\ufeff\u00ad]/;
export function isBlankCell(raw: CellScalar | undefined): boolean {
  if (raw === null || raw === undefined) return true;
  if (typeof raw !== 'string') return false;
  if (raw.length > 0 && !STARTS_INVISIBLE.test(raw)) return false;
  return isBlank(raw);
}

export function isFooterKey(key: string): boolean {
  for (const prefix of FOOTER_PREFIXES) if (key.startsWith(prefix)) return true;
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
  private readonly index = labelIndex();

  constructor(readonly block: Block) {
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
    const computed = readerKey(this.block.values[row]?.[col]);
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
