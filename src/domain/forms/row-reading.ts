/**
 * The one reading of a table row. The reader hands every table's rows here once; scores, checks, formula
 * twins, the live session and every report take what a row means from this reading and never read the row's
 * cells for it again (docs/domain.md §5, docs/real-forms.md "Rows that are not indicators").
 *
 * A reading is in two parts. `readTable` works from the cells alone: the row's kind (indicator, template
 * slot, 其中 breakdown, not applicable, header, group label, footer, blank), its levels with merged cells
 * carried down, name, the operator as written and where, target, actual and unit on one scale (percent
 * decided once for both), weight, stated score and tier text. `meaningOf` adds what needs a profile: the
 * qualitative tier, and with it the operator when none is written (定性, or a bound assumed from the
 * indicator's wording).
 */
import {
  cellText,
  displayText,
  labelKey,
  numberOf,
  parseOperator,
  readCell,
  readTarget,
  toPercentPoints,
  type Operator,
  type Reading,
} from '../grid/parse';
import type { CellScalar } from '../grid/cell';
import type { Profile, QualitativeTierSetting } from '../profiles/profile-schema';
import {
  ABSENT,
  type ColumnKey,
  type Field,
  type RowKind,
  type RowReading,
  type TableKey,
  type TableRow,
  type TextNumber,
} from './form-model';
import { isFooterKey, labelIndex, readerKey } from './label-index';
import OPERATOR_MEANING from './operator-meaning.json';

export type { OperatorSource, RowKind, RowReading, TextNumber } from './form-model';
import type { OperatorSource } from './form-model';

export interface RowMeaning {
  operator: Operator | null;
  source: OperatorSource | null;
  /** The tier the row names, when the profile knows it. */
  tier: QualitativeTierSetting | null;
}

// ---------------------------------------------------------------------------------------------------------
// Tiers

/** The profile's tier whose name or alias the text is, or null. */
export function findTier(text: string | null, profile: Profile): QualitativeTierSetting | null {
  if (text === null) return null;
  const key = labelKey(text);
  if (key === '') return null;
  return tiersByKey(profile).get(key) ?? null;
}

const tierIndexes = new WeakMap<Profile, Map<string, QualitativeTierSetting>>();

function tiersByKey(profile: Profile): Map<string, QualitativeTierSetting> {
  let index = tierIndexes.get(profile);
  if (index === undefined) {
    index = new Map();
    for (const tier of profile.qualitativeTiers) {
      for (const word of [tier.tier, ...tier.aliases])
        if (!index.has(labelKey(word))) index.set(labelKey(word), tier);
    }
    tierIndexes.set(profile, index);
  }
  return index;
}

// ---------------------------------------------------------------------------------------------------------
// Cells

function fieldOf(row: TableRow, key: ColumnKey): Field {
  return row.fields[key] ?? ABSENT;
}

function textOf(row: TableRow, key: ColumnKey): string | null {
  return cellText(fieldOf(row, key).raw);
}

/** The cell as written, for messages; matching uses `textOf`. */
function shownOf(row: TableRow, key: ColumnKey): string | null {
  return displayText(fieldOf(row, key).raw);
}

/** A number a person typed (not the value of a formula), else null. */
function typedNumber(field: Field): number | null {
  return field.formula === null ? numberOf(readCell(field.raw)) : null;
}

/** Columns whose content (typed, not our formula) makes a row more than a level label. */
const CONTENT_COLUMNS: readonly ColumnKey[] = [
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
  'taskName',
  'taskContent',
  'taskProjects',
  'taskBudget',
];

function hasContent(row: TableRow): boolean {
  for (const key of CONTENT_COLUMNS) {
    const field = row.fields[key];
    if (field !== undefined && field.formula === null && cellText(field.raw) !== null) return true;
  }
  return false;
}

/** Whether a row holds nothing but levels (or nothing at all): no indicator, no task, no criterion. */
export function isContentless(row: TableRow): boolean {
  return !hasContent(row);
}

const PERCENT_UNITS: ReadonlySet<string> = new Set(['%', '％', '百分比', '百分率']);

export function isPercentUnit(unit: string | null): boolean {
  return unit !== null && PERCENT_UNITS.has(unit);
}

/** 万 / 亿 glued to a number ("3万人次", "1.2亿元"). */
function multiplierOf(unit: string | null): number {
  if (unit === null) return 1;
  if (unit.startsWith('万')) return 1e4;
  if (unit.startsWith('亿')) return 1e8;
  return 1;
}

function quantities(
  unit: string | null,
  target: Reading,
  actual: Reading,
): { percent: boolean; target: number | null; actual: number | null } {
  const percentReading = (r: Reading): boolean => r.kind === 'number' && (r.percent || isPercentUnit(r.unit));
  const percent = isPercentUnit(unit) || percentReading(target) || percentReading(actual);
  if (percent) return { percent, target: toPercentPoints(target), actual: toPercentPoints(actual) };
  let t = numberOf(target);
  let a = numberOf(actual);
  // "3万人次" against "32000人次": both carry a unit, so the 万 is part of the number.
  if (t !== null && a !== null && target.kind === 'number' && actual.kind === 'number') {
    if (target.unit !== null && actual.unit !== null) {
      const mt = multiplierOf(target.unit);
      const ma = multiplierOf(actual.unit);
      if (mt !== ma) {
        t = Number((t * mt).toPrecision(15));
        a = Number((a * ma).toPrecision(15));
      }
    }
  }
  return { percent, target: t, actual: a };
}

// ---------------------------------------------------------------------------------------------------------
// Operators assumed from wording

const UPPER_WORDS: readonly string[] = OPERATOR_MEANING.upperBound;
const LOWER_WORDS: readonly string[] = OPERATOR_MEANING.lowerBound;

function firstWordIn(text: string | null, words: readonly string[]): string | null {
  if (text === null) return null;
  for (const word of words) if (text.includes(word)) return word;
  return null;
}

/** The bound an indicator's wording suggests (成本 → ≤, 完成率 → ≥), ≥ when nothing matches. */
export function assumedOperator(
  name: string | null,
  level2: string | null,
): { operator: '≥' | '≤'; word: string | null } {
  const lower = firstWordIn(name, LOWER_WORDS);
  if (lower !== null) return { operator: '≥', word: lower };
  const upper = firstWordIn(name, UPPER_WORDS) ?? firstWordIn(level2, UPPER_WORDS);
  if (upper !== null) return { operator: '≤', word: upper };
  return { operator: '≥', word: null };
}

// ---------------------------------------------------------------------------------------------------------
// Kinds

/** 指标1：, 指标 2:, ……, …, a dash: a slot of the form left as shipped. */
const SLOT_NAME = /^(?:指标\s*\d+\s*[:：]?|[…．.。·]+|[-—–―_]+)$/;
const GROUP_WEIGHT = /[(（]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]/;

/** Stand-ins that say "does not apply" (a bare * or 略 is a value left out, reported as such). */
const NOT_APPLICABLE: ReadonlySet<string> = new Set([
  '/',
  '//',
  '\\',
  '无',
  '-',
  '--',
  '—',
  '——',
  '不适用',
  '无此项',
  'n/a',
  'na',
]);

function isStandIn(reading: Reading): boolean {
  return reading.kind === 'blank' || reading.kind === 'placeholder';
}

function isNil(reading: Reading): boolean {
  return isStandIn(reading) || (reading.kind === 'number' && reading.value === 0);
}

function hasNumber(reading: Reading): boolean {
  return reading.kind === 'number';
}

/** Every non-blank cell of the row names a column: a header repeated after a page break, or its second row. */
function isHeaderRow(row: TableRow): boolean {
  let labels = 0;
  const index = labelIndex();
  for (const field of Object.values(row.fields)) {
    if (field === undefined || field.formula !== null) continue;
    const raw = field.raw;
    if (cellText(raw) === null) continue;
    if (typeof raw !== 'string') return false;
    if (index.lookup(readerKey(raw)).column === undefined) return false;
    labels++;
  }
  return labels >= 2;
}

function isFooterRow(row: TableRow): boolean {
  for (const key of ['level1', 'level2', 'level3', 'taskName'] as const) {
    const raw = fieldOf(row, key).raw;
    if (cellText(raw) === null) continue;
    return typeof raw === 'string' && isFooterKey(readerKey(raw));
  }
  return false;
}

function kindOf(
  row: TableRow,
  table: TableKey,
  name: string | null,
  target: Reading,
  actual: Reading,
  weight: Reading,
): RowKind {
  const own = textOf(row, 'level1') ?? textOf(row, 'level2');
  if (!hasContent(row)) return own === null ? 'blank' : 'group';
  if (isFooterRow(row)) return 'footer';
  if (isHeaderRow(row)) return 'header';
  if (table === 'tasks') return 'indicator';
  const score = readCell(fieldOf(row, 'score').raw);
  if (name !== null && labelKey(name).startsWith('其中')) return 'breakdown';
  const noValues = !hasNumber(target) && !hasNumber(actual) && !hasNumber(score);
  if (name !== null && SLOT_NAME.test(name) && noValues) return 'placeholder';
  // A monitoring row that reports progress (先后举办…活动5场) is an indicator even with its name lost.
  const progress = readCell(fieldOf(row, 'progress').raw);
  if (
    name === null &&
    noValues &&
    isStandIn(target) &&
    isStandIn(actual) &&
    isStandIn(progress) &&
    isNil(weight)
  ) {
    // Levels and dashes only: a spare row of the form, or a label row carrying the group's points.
    return own !== null && GROUP_WEIGHT.test(own) ? 'group' : 'placeholder';
  }
  const notApplicable = target.kind === 'placeholder' && NOT_APPLICABLE.has(target.text.toLowerCase());
  // An operator written next to a "/" declares an indicator whose value is missing, not one that does not apply.
  const operatorWritten = parseOperator(fieldOf(row, 'operator').raw) !== null;
  if (notApplicable && !operatorWritten && isStandIn(actual) && isNil(weight) && isNil(score))
    return 'not-applicable';
  return 'indicator';
}

// ---------------------------------------------------------------------------------------------------------
// Numbers stored as text

/** Columns where a number belongs (a formula's own cell is computed, never typed). */
const NUMBER_COLUMNS: readonly ColumnKey[] = [
  'target',
  'actual',
  'weight',
  'qualitativeScore',
  'score',
  'numerator',
  'denominator',
];

/** Whether a formula of ours reads the row: then the sheet computes with numbers only. */
function hasOurFormula(row: TableRow): boolean {
  return Object.values(row.fields).some((field) => field !== undefined && field.formula !== null);
}

/**
 * The number a text cell probably is: the target with its operator taken off, else the cell as read (which
 * already takes full-width digits, spaces, separators and a leading apostrophe). Null when it is no number.
 */
function probableNumber(key: ColumnKey, raw: string): { value: number; bare: boolean } | null {
  const target = key === 'target' ? readTarget(raw) : null;
  const reading = target?.reading ?? readCell(raw);
  if (reading.kind !== 'number') return null;
  const bare = (target?.operator ?? null) === null && !reading.percent && reading.unit === null;
  return { value: reading.value, bare };
}

function textNumbersOf(row: TableRow): TextNumber[] {
  const counted = !hasOurFormula(row);
  const found: TextNumber[] = [];
  for (const column of NUMBER_COLUMNS) {
    const field = row.fields[column];
    if (field === undefined || field.formula !== null || typeof field.raw !== 'string') continue;
    const probable = probableNumber(column, field.raw);
    if (probable === null) continue;
    found.push({
      column,
      cell: field.cell,
      text: field.raw,
      value: probable.value,
      counted,
      bare: probable.bare,
    });
  }
  return found;
}

/** Whether the sheet leaves this column of the row uncounted because it holds a number as text. */
export function uncountedText(reading: RowReading, column: ColumnKey): boolean {
  return reading.textNumbers.some((t) => t.column === column && !t.counted);
}

// ---------------------------------------------------------------------------------------------------------
// Reading

interface Carried {
  level1: string | null;
  level2: string | null;
  /** The same levels as written, for messages. */
  shown1: string | null;
  shown2: string | null;
  /** The 指标性质 cell of the row or of the merge covering it (null when blank). */
  operator: CellScalar;
}

type OwnLevels = readonly [string | null, string | null, string | null, string | null];

/**
 * The 一级/二级 texts a row writes itself, as read and as written, worked out once per row (a live edit walks
 * every row).
 */
const ownLevels = new WeakMap<TableRow, OwnLevels>();

function ownLevelsOf(row: TableRow): OwnLevels {
  let own = ownLevels.get(row);
  if (own === undefined) {
    own = [textOf(row, 'level1'), textOf(row, 'level2'), shownOf(row, 'level1'), shownOf(row, 'level2')];
    ownLevels.set(row, own);
  }
  return own;
}

/**
 * Carries 一级/二级 over one row; a new first level starts a new merge of the second level too. The 指标性质
 * cell is carried only inside its merge: a blank cell that no merge covers means nothing was written.
 */
function carry(levels: Carried, row: TableRow): Carried {
  const [own1, own2, ownShown1, ownShown2] = ownLevelsOf(row);
  let { level1, level2, shown1, shown2 } = levels;
  if (own1 !== null && own1 !== level1) {
    level1 = own1;
    level2 = null;
    shown2 = null;
  }
  // A row that writes its level again is quoted as it writes it, even when it reads the same.
  if (own1 !== null) shown1 = ownShown1;
  if (own2 !== null) {
    level2 = own2;
    shown2 = ownShown2;
  }
  const field = fieldOf(row, 'operator');
  const operator = field.covered === true ? levels.operator : field.raw;
  return sameCarried(levels, { level1, level2, shown1, shown2, operator })
    ? levels
    : { level1, level2, shown1, shown2, operator };
}

function sameCarried(a: Carried, b: Carried): boolean {
  return (
    a.level1 === b.level1 &&
    a.level2 === b.level2 &&
    a.shown1 === b.shown1 &&
    a.shown2 === b.shown2 &&
    a.operator === b.operator
  );
}

const START: Carried = { level1: null, level2: null, shown1: null, shown2: null, operator: null };

/**
 * The actual value as written. Forms copy the target's sign into the result ("≥90%" for a rate that reached
 * 90 %, "≥50厘米"): the number after the sign is what was achieved, so it is read without the sign.
 */
function readActual(raw: Field['raw']): Reading {
  const plain = readCell(raw);
  if (plain.kind !== 'text') return plain;
  const signed = readTarget(raw);
  return signed.operator !== null && signed.reading.kind === 'number' ? signed.reading : plain;
}

function readOne(row: TableRow, table: TableKey, index: number, levels: Carried): RowReading {
  const nameKey: ColumnKey = table === 'tasks' ? 'taskName' : 'level3';
  const name = textOf(row, nameKey);
  const columnOperator = parseOperator(levels.operator);
  const targetRead = readTarget(fieldOf(row, 'target').raw);
  const written =
    columnOperator !== null
      ? { operator: columnOperator, source: 'column' as const }
      : targetRead.operator !== null
        ? {
            operator: targetRead.operator,
            source: targetRead.spelling === 'word' ? ('wording' as const) : ('value' as const),
          }
        : null;
  const actualReading = readActual(fieldOf(row, 'actual').raw);
  const targetReading = targetRead.reading;
  const unitColumn = textOf(row, 'unit');
  const unit = unitColumn ?? (targetReading.kind === 'number' ? targetReading.unit : null);
  const scale = quantities(unitColumn, targetReading, actualReading);
  const weightReading = readCell(fieldOf(row, 'weight').raw);
  const statedScore = typedNumber(fieldOf(row, 'score'));
  const level1Text = textOf(row, 'level1') ?? textOf(row, 'level2');
  const groupWeight = level1Text === null ? null : Number(GROUP_WEIGHT.exec(level1Text)?.[1] ?? NaN);
  return {
    row: row.row,
    index,
    kind: kindOf(row, table, name, targetReading, actualReading, weightReading),
    cells: row,
    level1: levels.level1,
    level2: levels.level2,
    name,
    shown: { level1: levels.shown1, level2: levels.shown2, name: shownOf(row, nameKey) },
    operatorText: cellText(levels.operator),
    written,
    assumed: assumedOperator(name, levels.level2),
    operatorRequired: fieldOf(row, 'score').formula !== null,
    targetReading,
    actualReading,
    unit,
    percent: scale.percent,
    target: scale.target,
    actual: scale.actual,
    weightReading,
    weight: numberOf(weightReading),
    statedScore,
    qualitativeScore: numberOf(readCell(fieldOf(row, 'qualitativeScore').raw)) ?? statedScore,
    tierText: textOf(row, 'tier') ?? cellText(fieldOf(row, 'actual').raw),
    groupWeight: groupWeight !== null && Number.isFinite(groupWeight) ? groupWeight : null,
    textNumbers: textNumbersOf(row),
  };
}

/**
 * A reading depends on the row, its place and the levels carried into it. Rows are immutable values (a live
 * edit replaces the rows it touched), so an unchanged row keeps its reading.
 */
const known = new WeakMap<
  TableRow,
  { table: TableKey; index: number; levels: Carried; reading: RowReading }
>();

/** The reading of every row of a table, in sheet order. */
export function readTable(rows: readonly TableRow[], table: TableKey): RowReading[] {
  const readings: RowReading[] = [];
  let levels: Carried = START;
  rows.forEach((row, index) => {
    levels = carry(levels, row);
    const last = known.get(row);
    if (
      last !== undefined &&
      last.table === table &&
      last.index === index &&
      sameCarried(last.levels, levels)
    ) {
      readings.push(last.reading);
      return;
    }
    const reading = readOne(row, table, index, levels);
    known.set(row, { table, index, levels, reading });
    readings.push(reading);
  });
  markNumberedBreakdowns(readings);
  return readings;
}

/** 一、 二、 （一）: a heading numbered in Chinese. */
const CHINESE_NUMBERED = /^[（(]?[一二三四五六七八九十]+[、.．)）]/u;
/** 1、 2. （1）: an item numbered in Arabic digits. */
const ARABIC_NUMBERED = /^[（(]?\d+[、.．)）]/u;

/** The points a row carries: its weight, else its stated score. */
function pointsOf(reading: RowReading): number | null {
  return reading.weight ?? reading.statedScore;
}

const asBreakdown = new WeakMap<RowReading, RowReading>();

function breakdownOf(reading: RowReading): RowReading {
  let made = asBreakdown.get(reading);
  if (made === undefined) {
    made = { ...reading, kind: 'breakdown' };
    asBreakdown.set(reading, made);
  }
  return made;
}

/**
 * Items numbered 1、2、… right under an indicator numbered 一、 (一、示范区建立 15 → 1、水稻… 5, 2、玉米… 5,
 * 3、配方肥 5) break that indicator down when their points add up to its own: they are 其中 rows in all but
 * name, and counting them too would count the points twice.
 */
function markNumberedBreakdowns(readings: RowReading[]): void {
  for (let i = 0; i < readings.length; i++) {
    const parent = readings[i];
    if (parent?.kind !== 'indicator' || parent.name === null || !CHINESE_NUMBERED.test(parent.name)) continue;
    const total = pointsOf(parent);
    if (total === null) continue;
    let j = i + 1;
    let sum = 0;
    for (; j < readings.length; j++) {
      const item = readings[j];
      if (item?.kind !== 'indicator' || item.name === null || !ARABIC_NUMBERED.test(item.name)) break;
      const points = pointsOf(item);
      if (points === null) break;
      sum += points;
    }
    if (j === i + 1 || Math.abs(sum - total) > 0.005) continue;
    for (let k = i + 1; k < j; k++) {
      const item = readings[k];
      if (item !== undefined) readings[k] = breakdownOf(item);
    }
    i = j - 1;
  }
}

/** The readings of every table of a form. */
export function readTables(
  tables: Partial<Record<TableKey, readonly TableRow[]>>,
): Partial<Record<TableKey, RowReading[]>> {
  const readings: Partial<Record<TableKey, RowReading[]>> = {};
  for (const key of Object.keys(tables) as TableKey[]) {
    const rows = tables[key];
    if (rows !== undefined) readings[key] = readTable(rows, key);
  }
  return readings;
}

/** A row read on its own, with nothing above it. */
export function readRow(row: TableRow, table: TableKey = 'indicators'): RowReading {
  return readOne(row, table, 0, carry(START, row));
}

// ---------------------------------------------------------------------------------------------------------
// Meaning

const meanings = new WeakMap<RowReading, { profile: Profile; meaning: RowMeaning }>();

/**
 * The operator and tier of a row under a profile. Written operators win; else a tier named in the row makes
 * it 定性; else, when the target is a number and no formula of ours needs the column, the bound the wording
 * suggests is assumed. Null when none applies: the row cannot be scored and says so.
 */
export function meaningOf(reading: RowReading, profile: Profile): RowMeaning {
  const last = meanings.get(reading);
  if (last !== undefined && last.profile === profile) return last.meaning;
  const tier = findTier(reading.tierText, profile);
  let meaning: RowMeaning;
  if (reading.written !== null) {
    meaning = { operator: reading.written.operator, source: reading.written.source, tier };
  } else if (tier !== null) {
    meaning = { operator: '定性', source: 'qualitative', tier };
  } else if (!reading.operatorRequired && reading.targetReading.kind === 'number') {
    const { operator } = reading.assumed;
    meaning = { operator, source: operator === '≤' ? 'assumed-upper' : 'assumed-lower', tier };
  } else {
    meaning = { operator: null, source: null, tier };
  }
  meanings.set(reading, { profile, meaning });
  return meaning;
}

/** Whether a row is scored on numbers (an operator other than 定性). */
export function isQuantitative(meaning: RowMeaning): boolean {
  return meaning.operator !== null && meaning.operator !== '定性';
}

/** The reading at a sheet row (rows in sheet order), or null. */
export function readingAt(readings: readonly RowReading[], sheetRow: number): RowReading | null {
  let lo = 0;
  let hi = readings.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = readings[mid]?.row ?? Number.POSITIVE_INFINITY;
    if (at === sheetRow) return readings[mid] ?? null;
    if (at < sheetRow) lo = mid + 1;
    else hi = mid - 1;
  }
  return null;
}
