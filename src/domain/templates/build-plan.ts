/**
 * Turns a template spec into a plan (the ops a host applies to insert the form) and the ParsedForm that
 * reading the freshly inserted sheet gives. One generic interpreter for every spec: rows and columns are
 * decided here, what the form holds is decided by the spec.
 *
 * Layout (shared with the reader, see forms/form-model.ts): row 0 title, row 1 subtitle, sections from row 2
 * on without gaps; column A holds section labels; a field's value sits right of its label; a table's data
 * rows sit under its header row, its 总分 row right below them.
 */
import { readTable } from '../forms/row-reading';
import type {
  ColumnKey,
  Field,
  FundsColKey,
  FundsRowKey,
  GoalKey,
  HeaderKey,
  ParsedForm,
  TableKey,
  TableRow,
  TemplateId,
} from '../forms/form-model';
import { ABSENT } from '../forms/form-model';
import {
  COLUMN_LABELS,
  FUNDS_COL_LABELS,
  FUNDS_ROW_LABELS,
  GOAL_LABELS,
  HEADER_LABELS,
  TOTAL_LABELS,
} from '../forms/vocabulary';
import type { Framework } from '../framework/framework-schema';
import type { CellRange } from '../grid/address';
import { columnLetter, parseA1, sheetRef, toA1, toRangeA1 } from '../grid/address';
import type { CellInput, CellScalar } from '../grid/cell';
import { EngineInvariantError } from '../grid/cell';
import type { CellStyle, Plan, PlanOp } from '../plan/plan';
import type { Profile } from '../profiles/profile-schema';
import { ERROR_FILL, ERROR_FONT } from './forms/common';
import { helpSheetRows } from './help-sheet';
import { getTemplateSpec } from './registry';
import type {
  CellContent,
  FieldLabel,
  FieldSpec,
  FieldsSection,
  FundsSection,
  GoalColumnsSection,
  HighlightSpec,
  NumberFormatSpec,
  RowRefs,
  SheetRefs,
  TableColumnSpec,
  TableSection,
  TemplateSpec,
  ValidationSpec,
} from './template-spec';

export interface TemplatePlanOptions {
  profile: Profile;
  framework: Framework;
  /** Defaults to the form's title. */
  sheetName?: string;
  /** 0-based row of the `_meta` sheet this form's line goes to (row 0 holds the headers). */
  metaRow: number;
  /** Blank rows of an indicator table; 20 when omitted. */
  indicatorRows?: number;
  /** ISO timestamp recorded in `_meta`. */
  createdAt: string;
  /** The sheet the new form goes right after (its goal sheet, for a derived form); last when omitted. */
  after?: string;
}

export interface TemplatePlan {
  plan: Plan;
  emptyForm: ParsedForm;
}

/** What the builder put in a cell of the form sheet (top-left cell of a merge). */
export type CellRole = 'title' | 'label' | 'input' | 'formula' | 'value' | 'none';

export interface TemplateLayout extends TemplatePlan {
  /** Role of every cell the form uses, by A1 address. */
  roles: ReadonlyMap<string, CellRole>;
  helpSheet: string;
  /** The framework's dropdown sheet, null when the form has no 一级/二级 dropdown. */
  listsSheet: string | null;
}

export const META_SHEET = '_meta';
export const META_HEADERS = ['sheet', 'template', 'version', 'profile', 'framework', 'created'] as const;
export const DEFAULT_INDICATOR_ROWS = 20;

const MAX_SHEET_NAME = 31;
const HELP_SUFFIX = '说明';
const FORBIDDEN_IN_SHEET_NAME = /[[\]:*?/\\]/;

/**
 * The font of every cell a template writes. 等线 is the Chinese default of Excel 2016 and later and ships with
 * Windows 10; a file names one font only, so the .xlsx host stores it with the GB2312 character set, by which
 * Windows picks a Chinese substitute (宋体) where 等线 is missing. LibreOffice knows neither name and draws the
 * Chinese text from its CJK fallback (Noto Sans CJK with fonts-noto-cjk; see docs/platform.md §4). Calibri,
 * the exceljs default, has no Chinese glyphs at all.
 */
export const FORM_FONT: CellStyle = { fontName: '等线' };

const LABEL_STYLE: CellStyle = { bold: true, fill: '#F2F2F2', horizontal: 'center' };
const NOT_APPLICABLE_STYLE: CellStyle = { fill: '#EDEDED' };
const TITLE_STYLE: CellStyle = {
  bold: true,
  fontSize: 16,
  horizontal: 'center',
  vertical: 'middle',
  border: 'none',
};
const BODY_STYLE: CellStyle = { border: 'thin', vertical: 'middle', wrap: true };
const SECTION_COLUMN_WIDTH = 14;
const FUNDS_LABEL_WIDTH = 18;
const DEFAULT_COLUMN_WIDTH = 10;
const TITLE_ROW_HEIGHT = 32;
const LIST_ERROR = '请从下拉列表中选择。Please choose a value from the list.';

/** Excel's rules for a sheet name: 1–31 characters, none of []:*?/\, no leading or trailing apostrophe. */
export function isValidSheetName(name: string): boolean {
  return (
    name.length > 0 &&
    name.length <= MAX_SHEET_NAME &&
    !FORBIDDEN_IN_SHEET_NAME.test(name) &&
    !name.startsWith("'") &&
    !name.endsWith("'") &&
    name.toLowerCase() !== 'history' &&
    name !== META_SHEET
  );
}

/** The 填表说明 sheet of a form sheet: `${sheet}说明`, the form's name shortened to fit 31 characters. */
/** Width of the 填表说明 text column, in the units of a column width (one Latin character). */
const HELP_TEXT_WIDTH = 72;

/** Display width of a text: a Chinese character takes two Latin character widths. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += (ch.codePointAt(0) ?? 0) > 0x2e7f ? 2 : 1;
  return width;
}

/** Height of one line of 10–11 pt text, in points. */
const LINE_HEIGHT = 14;

/**
 * Spreadsheets do not grow a row for wrapped text a program wrote (LibreOffice prints such text over the
 * rows below), so every row whose fixed text needs more than one line at its cell's width gets the height
 * for it. A cell merged across rows is left alone: its rows share the height.
 */
function fitRowsToText(
  draft: FormDraft,
  widths: readonly number[],
  heights: Map<number, number>,
): Map<number, number> {
  const fitted = new Map(heights);
  const mergeAt = new Map(draft.merges.map((m) => [key(m.top, m.left), m]));
  for (const [at, slot] of draft.slots) {
    if (typeof slot.input !== 'string') continue;
    const { row, col } = parseA1(at);
    const merge = mergeAt.get(at);
    if (merge && merge.bottom > merge.top) continue;
    let cellWidth = 0;
    for (let c = col; c <= (merge?.right ?? col); c++) cellWidth += widths[c] ?? 0;
    const lines = Math.ceil(displayWidth(slot.input) / Math.max(1, cellWidth - 1));
    if (lines <= 1) continue;
    fitted.set(row, Math.max(fitted.get(row) ?? 0, LINE_HEIGHT * lines + 2));
  }
  return fitted;
}

/**
 * A4 landscape inside the margins spreadsheets default to (0.7" left and right, 0.75" top and bottom), in
 * points: 297 × 210 mm is 842 × 595 pt.
 */
const PRINT_WIDTH_PT = 842 - 2 * 0.7 * 72;
const PRINT_HEIGHT_PT = 595 - 2 * 0.75 * 72;
/** Excel's default row height for 11 pt text; LibreOffice's is lower, so an estimate with it is safe. */
const DEFAULT_ROW_HEIGHT_PT = 15;
/** A column `chars` wide is chars × 7 + 5 pixels at 96 dpi (Excel's rule for an 11 pt default font). */
const columnPoints = (chars: number): number => ((chars * 7 + 5) * 72) / 96;
/** Never more than this: a form with few columns and many fixed rows stays readable on screen. */
const MAX_WIDENING = 1.6;

/**
 * The forms print fitted to the page width, which shrinks a wide form but never a narrow one: a narrow,
 * long form would run onto a second page at full size. So the columns right of the section labels are
 * widened until the empty form, with the default number of indicator rows, is no taller for its width
 * than the page. Wider cells wrap less, so the row heights are fitted again each time.
 */
function fitOnePage(
  draft: FormDraft,
  widths: number[],
  lastRow: number,
  extraRows: number,
): Map<number, number> {
  const fixed = new Map(draft.rowHeights);
  let heights = fitRowsToText(draft, widths, fixed);
  const base = [...widths];
  for (let attempt = 0; attempt < 4; attempt += 1) {
    let height = -extraRows * DEFAULT_ROW_HEIGHT_PT;
    for (let row = 0; row <= lastRow; row += 1) height += heights.get(row) ?? DEFAULT_ROW_HEIGHT_PT;
    const width = widths.reduce((sum, chars) => sum + columnPoints(chars), 0);
    const needed = (height * PRINT_WIDTH_PT) / PRINT_HEIGHT_PT;
    if (width >= needed) break;
    const labelWidth = columnPoints(widths[0] ?? 0);
    const factor = Math.min(MAX_WIDENING, (needed - labelWidth) / (width - labelWidth));
    for (let col = 1; col < widths.length; col += 1) {
      widths[col] = Math.max(widths[col] ?? 0, Math.ceil((base[col] ?? 0) * factor));
    }
    heights = fitRowsToText(draft, widths, fixed);
    if (factor === MAX_WIDENING) break;
  }
  return heights;
}

export function helpSheetName(sheet: string): string {
  return `${sheet.slice(0, MAX_SHEET_NAME - HELP_SUFFIX.length)}${HELP_SUFFIX}`;
}

/** The very hidden sheet holding a framework's 一级 → 二级 lists. */
export function listsSheetName(framework: Framework): string {
  return `_lists_${framework.id}`.slice(0, MAX_SHEET_NAME);
}

function frameworkNamePrefix(framework: Framework): string {
  return `bpa_${framework.id.replace(/[^A-Za-z0-9]/g, '_')}`;
}

export function buildTemplatePlan(id: TemplateId, options: TemplatePlanOptions): TemplatePlan {
  const { plan, emptyForm } = layoutTemplate(getTemplateSpec(id), options);
  return { plan, emptyForm };
}

// ---------------------------------------------------------------------------------------------------------
// Pass 1: where everything goes.

interface PlacedPair {
  spec: FieldSpec;
  labelCol: number;
  valueCol: number;
  valueEnd: number;
}
interface PlacedFields {
  kind: 'fields';
  spec: FieldsSection;
  rows: { row: number; pairs: PlacedPair[] }[];
}
interface PlacedFunds {
  kind: 'funds';
  spec: FundsSection;
  headerRow: number;
  /** Sheet row of each funds row. */
  rowOf: Map<FundsRowKey, number>;
  colOf: Map<FundsColKey, number>;
}
interface PlacedGoalColumns {
  kind: 'goalColumns';
  spec: GoalColumnsSection;
  labelRow: number;
  cols: { key: GoalKey; help: string; start: number; end: number }[];
}
interface PlacedColumn {
  spec: TableColumnSpec;
  start: number;
  end: number;
}
interface PlacedTable {
  kind: 'table';
  spec: TableSection;
  headerRow: number;
  firstRow: number;
  lastRow: number;
  prefilledCount: number;
  totalRow: number | null;
  cols: PlacedColumn[];
}
type PlacedSection = PlacedFields | PlacedFunds | PlacedGoalColumns | PlacedTable;

/**
 * The rows every printed page repeats: the header of the indicator table (the table that grows with the
 * indicator rows; failing that, the longest table), so that page 2 on still names its columns. Only the
 * table's header, not the title and funds blocks above it, as printed official forms do. Taken from where the
 * layout placed the header, so it follows the template.
 */
function printTitles(sections: readonly PlacedSection[]): { titleRows?: { first: number; last: number } } {
  const tables = sections.filter((section): section is PlacedTable => section.kind === 'table');
  const grows = tables.filter((table) => table.spec.blankRows === 'indicatorRows');
  const longest = (grows.length > 0 ? grows : tables).reduce<PlacedTable | undefined>(
    (best, table) =>
      best === undefined || table.lastRow - table.headerRow > best.lastRow - best.headerRow ? table : best,
    undefined,
  );
  return longest === undefined ? {} : { titleRows: { first: longest.headerRow, last: longest.headerRow } };
}

function gridWidth(spec: TemplateSpec): number {
  let width = 2;
  for (const section of spec.sections) {
    switch (section.kind) {
      case 'fields':
        for (const row of section.rows) {
          width = Math.max(
            width,
            row.reduce((sum, pair) => sum + 1 + (pair.span ?? 1), 0),
          );
        }
        break;
      case 'funds':
        width = Math.max(width, 2 + section.columns.length);
        break;
      case 'goalColumns':
        width = Math.max(width, 1 + section.columns.length);
        break;
      case 'table':
        width = Math.max(width, 1 + section.columns.reduce((sum, column) => sum + (column.span ?? 1), 0));
        break;
    }
  }
  return width;
}

function placePairs(row: readonly FieldSpec[], width: number): PlacedPair[] {
  const fixed = row.reduce((sum, pair) => sum + (pair.span === undefined ? 0 : 1 + pair.span), 0);
  const free = row.filter((pair) => pair.span === undefined).length;
  const room = width - fixed;
  if (free > 0 && room < 2 * free) throw new EngineInvariantError('fields row wider than the form');
  const share = free > 0 ? Math.floor(room / free) : 0;
  let freeSeen = 0;
  let col = 0;
  return row.map((spec) => {
    let size: number;
    if (spec.span !== undefined) {
      size = 1 + spec.span;
    } else {
      freeSeen += 1;
      size = freeSeen === free ? room - share * (free - 1) : share;
    }
    const placed = { spec, labelCol: col, valueCol: col + 1, valueEnd: col + size - 1 };
    col += size;
    return placed;
  });
}

function blankRowCount(section: TableSection, indicatorRows: number): number {
  return section.blankRows === 'indicatorRows' ? indicatorRows : section.blankRows;
}

function place(
  spec: TemplateSpec,
  width: number,
  indicatorRows: number,
): { sections: PlacedSection[]; lastRow: number } {
  let row = 2;
  const sections: PlacedSection[] = [];
  for (const section of spec.sections) {
    switch (section.kind) {
      case 'fields': {
        const rows = section.rows.map((pairs) => ({ row: row++, pairs: placePairs(pairs, width) }));
        sections.push({ kind: 'fields', spec: section, rows });
        break;
      }
      case 'funds': {
        const headerRow = row++;
        const rowOf = new Map<FundsRowKey, number>();
        for (const key of section.rows) rowOf.set(key, row++);
        const colOf = new Map<FundsColKey, number>();
        section.columns.forEach((column, index) => colOf.set(column.key, 2 + index));
        sections.push({ kind: 'funds', spec: section, headerRow, rowOf, colOf });
        break;
      }
      case 'goalColumns': {
        const labelRow = row;
        row += 2;
        const room = width - 1;
        const count = section.columns.length;
        const share = Math.floor(room / count);
        const cols = section.columns.map((column, index) => {
          const start = 1 + index * share;
          const end = index === count - 1 ? width - 1 : start + share - 1;
          return { key: column.key, help: column.help, start, end };
        });
        sections.push({ kind: 'goalColumns', spec: section, labelRow, cols });
        break;
      }
      case 'table': {
        const headerRow = row++;
        const prefilledCount = section.prefilled?.length ?? 0;
        const count = prefilledCount + blankRowCount(section, indicatorRows);
        if (count < 1) throw new EngineInvariantError(`table ${section.table} has no rows`);
        const firstRow = row;
        row += count;
        const totalRow = section.total === undefined ? null : row++;
        let col = 1;
        const cols = section.columns.map((column) => {
          const start = col;
          col += column.span ?? 1;
          return { spec: column, start, end: col - 1 };
        });
        sections.push({
          kind: 'table',
          spec: section,
          headerRow,
          firstRow,
          lastRow: firstRow + count - 1,
          prefilledCount,
          totalRow,
          cols,
        });
        break;
      }
    }
  }
  return { sections, lastRow: row - 1 };
}

// ---------------------------------------------------------------------------------------------------------
// Pass 2: what goes there.

interface Slot {
  role: CellRole;
  input: CellInput | null;
}

const key = (row: number, col: number): string => toA1({ row, col });

function mustGet<K, V>(map: ReadonlyMap<K, V>, mapKey: K): V {
  const value = map.get(mapKey);
  if (value === undefined) throw new EngineInvariantError(`nothing placed for ${String(mapKey)}`);
  return value;
}

function fieldLabelText(label: FieldLabel): string {
  if ('header' in label) return HEADER_LABELS[label.header].canonical;
  if ('goal' in label) return GOAL_LABELS[label.goal].canonical;
  if ('summary' in label) return TOTAL_LABELS[label.summary].canonical;
  return label.text;
}

function asFormula(text: string): string {
  const trimmed = text.trim();
  return trimmed.startsWith('=') ? trimmed : `=${trimmed}`;
}

/** '$B11': the column fixed, the row following the validated cell. */
function fixColumn(a1: string): string {
  return a1.startsWith('$') ? a1 : `$${a1}`;
}

class FormDraft {
  readonly slots = new Map<string, Slot>();
  readonly merges: CellRange[] = [];
  readonly styles: { range: CellRange; style: CellStyle }[] = [];
  readonly formats: { range: CellRange; format: string }[] = [];
  readonly rules: PlanOp[] = [];
  readonly unlocked: CellRange[] = [];
  readonly rowHeights = new Map<number, number>();
  needsFrameworkLists = false;

  constructor(
    readonly sheet: string,
    readonly profile: Profile,
    readonly frameworkNames: { level1: string; level2Prefix: string },
  ) {}

  put(row: number, col: number, role: CellRole, input: CellInput | null): void {
    const at = key(row, col);
    if (this.slots.has(at)) throw new EngineInvariantError(`two things placed in ${at}`);
    this.slots.set(at, { role, input });
  }

  label(row: number, col: number, text: string, endCol = col, endRow = row): void {
    this.put(row, col, 'label', text);
    const range = { top: row, left: col, bottom: endRow, right: endCol };
    if (endCol > col || endRow > row) this.merges.push(range);
    this.styles.push({ range, style: LABEL_STYLE });
  }

  /**
   * One column-wide run of rows holding the same content: one cell per row (merged across the span), and the
   * validation, format, highlights and unlocking once for the whole run.
   */
  run<K extends string>(
    content: CellContent<K>,
    area: CellRange,
    refsOf: (row: number) => RowRefs<K>,
    prefillOf: (row: number) => CellScalar | undefined,
    level1Of?: (row: number) => string,
  ): Map<number, Field> {
    const fields = new Map<number, Field>();
    const topRefs = refsOf(area.top);
    for (let row = area.top; row <= area.bottom; row += 1) {
      const prefill = prefillOf(row);
      if (area.right > area.left)
        this.merges.push({ top: row, left: area.left, bottom: row, right: area.right });
      const at = key(row, area.left);
      switch (content.kind) {
        case 'input':
          this.put(row, area.left, 'input', prefill ?? null);
          fields.set(row, { raw: prefill ?? null, cell: at, formula: null });
          break;
        case 'formula': {
          if (prefill !== undefined)
            throw new EngineInvariantError(`prefilled value over the formula in ${at}`);
          const formula = asFormula(content.formula(refsOf(row)));
          this.put(row, area.left, 'formula', { formula });
          fields.set(row, { raw: null, cell: at, formula });
          break;
        }
        case 'value': {
          if (prefill !== undefined)
            throw new EngineInvariantError(`prefilled value over the fixed value in ${at}`);
          const value = content.value(this.profile);
          this.put(row, area.left, 'value', value);
          fields.set(row, { raw: value, cell: at, formula: null });
          break;
        }
        case 'none':
          if (prefill !== undefined) throw new EngineInvariantError(`prefilled value in the n/a cell ${at}`);
          this.put(row, area.left, 'none', null);
          fields.set(row, { raw: null, cell: at, formula: null });
          break;
      }
    }
    if (content.kind === 'none') {
      this.styles.push({ range: area, style: NOT_APPLICABLE_STYLE });
      return fields;
    }
    const range = toRangeA1(area);
    if (content.numberFormat !== undefined)
      this.formats.push({ range: area, format: this.numberFormat(content.numberFormat) });
    if (content.kind === 'input') {
      this.unlocked.push(area);
      if (content.validation !== undefined) {
        this.rules.push(this.validation(content.validation, range, area, level1Of?.(area.top)));
      }
    }
    for (const highlight of content.highlights ?? [])
      this.rules.push(this.highlight(highlight, range, topRefs));
    return fields;
  }

  private numberFormat(format: NumberFormatSpec): string {
    return typeof format === 'string' ? format : format(this.profile);
  }

  private highlight<K extends string>(spec: HighlightSpec<K>, range: string, refs: RowRefs<K>): PlanOp {
    return {
      kind: 'highlight',
      sheet: this.sheet,
      range,
      formula: asFormula(spec.when(refs)),
      fill: spec.fill,
      ...(spec.fontColor === undefined ? {} : { fontColor: spec.fontColor }),
    };
  }

  private validation(
    spec: ValidationSpec,
    range: string,
    area: CellRange,
    level1Cell: string | undefined,
  ): PlanOp {
    const sheet = this.sheet;
    switch (spec.kind) {
      case 'list': {
        const values = typeof spec.values === 'function' ? spec.values(this.profile) : spec.values;
        for (const value of values) {
          if (value.includes(',')) throw new EngineInvariantError(`list value with a comma: ${value}`);
        }
        return {
          kind: 'listValidation',
          sheet,
          range,
          source: values,
          allowBlank: true,
          error: LIST_ERROR,
          ...(spec.prompt === undefined ? {} : { prompt: spec.prompt }),
        };
      }
      case 'level1':
        this.needsFrameworkLists = true;
        return {
          kind: 'listValidation',
          sheet,
          range,
          source: `=${this.frameworkNames.level1}`,
          allowBlank: true,
          error: LIST_ERROR,
        };
      case 'level2': {
        if (level1Cell === undefined) throw new EngineInvariantError('二级 dropdown without a 一级 column');
        this.needsFrameworkLists = true;
        const { level1, level2Prefix } = this.frameworkNames;
        return {
          kind: 'listValidation',
          sheet,
          range,
          source: `=INDIRECT("${level2Prefix}"&MATCH(${fixColumn(level1Cell)},${level1},0))`,
          allowBlank: true,
          prompt: '先选一级指标，再选其下的二级指标。',
          error: LIST_ERROR,
        };
      }
      case 'decimal':
        return {
          kind: 'decimalValidation',
          sheet,
          range,
          min: spec.min,
          ...(spec.max === undefined ? {} : { max: spec.max }),
          error:
            spec.max === undefined
              ? `请输入不小于 ${spec.min} 的数字。Please enter a number of at least ${spec.min}.`
              : `请输入 ${spec.min} 到 ${spec.max} 之间的数字。Please enter a number from ${spec.min} to ${spec.max}.`,
        };
      case 'text':
        return {
          kind: 'customValidation',
          sheet,
          range,
          formula: `=LEN(${toA1({ row: area.top, col: area.left })})<=${spec.maxLength}`,
          prompt: spec.prompt,
          error: `不超过 ${spec.maxLength} 个字。At most ${spec.maxLength} characters.`,
        };
    }
  }
}

/**
 * The runs of prefilled rows to merge in each `mergeRepeated` column: two or more consecutive rows with the
 * same non-blank value there and in every merged column before it (a 二级 run stops where its 一级 changes).
 */
function repeatedRuns(
  table: TableSection,
  firstRow: number,
): Map<ColumnKey, { top: number; bottom: number }[]> {
  const runs = new Map<ColumnKey, { top: number; bottom: number }[]>();
  const prefilled = table.prefilled ?? [];
  const keys = table.mergeRepeated ?? [];
  keys.forEach((columnKey, index) => {
    const groupOf = (i: number): string | null => {
      const parts = keys.slice(0, index + 1).map((k) => prefilled[i]?.values[k]);
      if (parts.some((part) => part === undefined || part === null || part === '')) return null;
      return JSON.stringify(parts);
    };
    const found: { top: number; bottom: number }[] = [];
    let start = 0;
    for (let i = 1; i <= prefilled.length; i += 1) {
      const group = groupOf(start);
      if (i < prefilled.length && group !== null && groupOf(i) === group) continue;
      if (i - 1 > start) found.push({ top: firstRow + start, bottom: firstRow + i - 1 });
      start = i;
    }
    runs.set(columnKey, found);
  });
  return runs;
}

/**
 * Splits rows top..bottom into runs of consecutive rows holding the same content object, so that a column's
 * validation, format and highlights go on one range per run rather than on every cell.
 */
function eachRun<C>(
  top: number,
  bottom: number,
  contentOf: (row: number) => C,
  emit: (content: C, top: number, bottom: number) => void,
): void {
  let runStart = top;
  for (let row = top; row <= bottom; row += 1) {
    const content = contentOf(row);
    if (row < bottom && contentOf(row + 1) === content) continue;
    emit(content, runStart, row);
    runStart = row + 1;
  }
}

/** Writes as few blocks as the filled cells allow: one per horizontal run of written cells. */
function writeOps(sheet: string, slots: ReadonlyMap<string, Slot>, lastRow: number, width: number): PlanOp[] {
  const ops: PlanOp[] = [];
  for (let row = 0; row <= lastRow; row += 1) {
    let start = -1;
    let values: CellInput[] = [];
    const flush = (): void => {
      if (start >= 0)
        ops.push({ kind: 'writeBlock', sheet, topLeft: toA1({ row, col: start }), values: [values] });
      start = -1;
      values = [];
    };
    for (let col = 0; col < width; col += 1) {
      const input = slots.get(key(row, col))?.input ?? null;
      if (input === null) {
        flush();
        continue;
      }
      if (start < 0) start = col;
      values.push(input);
    }
    flush();
  }
  return ops;
}

function frameworkListOps(
  framework: Framework,
  sheet: string,
  names: { level1: string; level2Prefix: string },
): PlanOp[] {
  const level1 = framework.level1;
  const ops: PlanOp[] = [
    { kind: 'ensureSheet', sheet, visibility: 'veryHidden', ifExists: 'reuse' },
    {
      kind: 'writeBlock',
      sheet,
      topLeft: 'A1',
      values: [['一级指标'], ...level1.map((entry) => [entry.name])],
    },
    {
      kind: 'defineName',
      name: names.level1,
      refersTo: `=${sheetRef(sheet, `$A$2:$A$${level1.length + 1}`)}`,
    },
  ];
  level1.forEach((entry, index) => {
    const col = columnLetter(index + 1);
    ops.push(
      {
        kind: 'writeBlock',
        sheet,
        topLeft: `${col}1`,
        values: [[entry.name], ...entry.level2.map((level2) => [level2.name])],
      },
      {
        kind: 'defineName',
        name: `${names.level2Prefix}${index + 1}`,
        refersTo: `=${sheetRef(sheet, `$${col}$2:$${col}$${entry.level2.length + 1}`)}`,
      },
    );
  });
  return ops;
}

function columnWidths(sections: readonly PlacedSection[], width: number): number[] {
  const widths: number[] = Array.from({ length: width }, (_, col) => (col === 0 ? SECTION_COLUMN_WIDTH : 0));
  const widen = (col: number, chars: number): void => {
    widths[col] = Math.max(widths[col] ?? 0, chars);
  };
  for (const section of sections) {
    if (section.kind === 'table') {
      for (const column of section.cols) {
        const span = column.end - column.start + 1;
        for (let col = column.start; col <= column.end; col += 1)
          widen(col, Math.ceil(column.spec.width / span));
      }
    } else if (section.kind === 'funds') {
      widen(1, FUNDS_LABEL_WIDTH);
      section.spec.columns.forEach((column, index) => widen(2 + index, column.width));
    }
  }
  return widths.map((chars) => (chars === 0 ? DEFAULT_COLUMN_WIDTH : chars));
}

export function layoutTemplate(spec: TemplateSpec, options: TemplatePlanOptions): TemplateLayout {
  const { profile, framework, metaRow, createdAt } = options;
  const indicatorRows = options.indicatorRows ?? DEFAULT_INDICATOR_ROWS;
  if (!Number.isInteger(metaRow) || metaRow < 1) throw new EngineInvariantError(`bad _meta row ${metaRow}`);
  if (!Number.isInteger(indicatorRows) || indicatorRows < 1)
    throw new EngineInvariantError(`bad indicator row count ${indicatorRows}`);
  const sheet = options.sheetName ?? spec.title;
  if (!isValidSheetName(sheet)) throw new EngineInvariantError(`bad sheet name ${sheet}`);
  const helpSheet = helpSheetName(sheet);
  const listsSheet = listsSheetName(framework);
  const namePrefix = frameworkNamePrefix(framework);
  const frameworkNames = { level1: `${namePrefix}_l1`, level2Prefix: `${namePrefix}_l2_` };

  const width = gridWidth(spec);
  const { sections, lastRow } = place(spec, width, indicatorRows);
  const lastCol = width - 1;

  // Where formulas point.
  const headerCells = new Map<HeaderKey, string>();
  const fundsCells = new Map<string, string>();
  const namedCells = new Map<string, string>();
  const tables = new Map<TableKey, PlacedTable>();
  for (const section of sections) {
    if (section.kind === 'fields') {
      for (const { pairs, row } of section.rows) {
        for (const pair of pairs) {
          const at = key(row, pair.valueCol);
          if ('header' in pair.spec.label) headerCells.set(pair.spec.label.header, at);
          if (pair.spec.name !== undefined) namedCells.set(pair.spec.name, at);
        }
      }
    } else if (section.kind === 'funds') {
      for (const [rowKey, row] of section.rowOf) {
        for (const [colKey, col] of section.colOf) fundsCells.set(`${rowKey}|${colKey}`, key(row, col));
      }
    } else if (section.kind === 'table') {
      tables.set(section.spec.table, section);
    }
  }
  const found = (value: string | undefined, what: string): string => {
    if (value === undefined)
      throw new EngineInvariantError(`${spec.id}: formula refers to ${what}, which the form does not have`);
    return value;
  };
  const tableColumn = (table: TableKey, column: ColumnKey): { placed: PlacedTable; col: number } => {
    const placed = tables.get(table);
    const col = placed?.cols.find((candidate) => candidate.spec.key === column)?.start;
    if (placed === undefined || col === undefined)
      throw new EngineInvariantError(`${spec.id}: no column ${table}.${column}`);
    return { placed, col };
  };
  const sheetRefs: SheetRefs = {
    profile,
    funds: (row, col) => found(fundsCells.get(`${row}|${col}`), `funds ${row}.${col}`),
    header: (headerKey) => found(headerCells.get(headerKey), `header ${headerKey}`),
    named: (name) => found(namedCells.get(name), `field ${name}`),
    columnRange: (table, column) => {
      const { placed, col } = tableColumn(table, column);
      return toRangeA1({ top: placed.headerRow, left: col, bottom: placed.lastRow, right: col });
    },
    totalCell: (table, column) => {
      const { placed, col } = tableColumn(table, column);
      if (placed.totalRow === null)
        throw new EngineInvariantError(`${spec.id}: table ${table} has no 总分 row`);
      return key(placed.totalRow, col);
    },
  };
  const noRowRefs: RowRefs<never> = {
    ...sheetRefs,
    cell: () => {
      throw new EngineInvariantError(`${spec.id}: a field formula has no row`);
    },
  };

  const draft = new FormDraft(sheet, profile, frameworkNames);
  const form: ParsedForm = {
    template: spec.id,
    templateVersion: spec.version,
    sheet,
    source: 'meta',
    header: {},
    funds: {},
    goals: {},
    tables: {},
    readings: {},
    total: ABSENT,
    grade: ABSENT,
    conclusion: ABSENT,
    missing: [],
  };

  // Title and subtitle.
  draft.put(0, 0, 'title', spec.title);
  draft.merges.push({ top: 0, left: 0, bottom: 0, right: lastCol });
  draft.styles.push({ range: { top: 0, left: 0, bottom: lastRow, right: lastCol }, style: FORM_FONT });
  draft.styles.push({ range: { top: 0, left: 0, bottom: 0, right: lastCol }, style: TITLE_STYLE });
  draft.rowHeights.set(0, TITLE_ROW_HEIGHT);
  if (spec.subtitle !== undefined) {
    draft.put(1, lastCol, 'label', spec.subtitle);
    draft.styles.push({
      range: { top: 1, left: lastCol, bottom: 1, right: lastCol },
      style: { horizontal: 'right' },
    });
  }
  draft.styles.push({ range: { top: 2, left: 0, bottom: lastRow, right: lastCol }, style: BODY_STYLE });

  let freezeRows = 0;
  for (const section of sections) {
    switch (section.kind) {
      case 'fields':
        for (const { row, pairs } of section.rows) {
          if (section.spec.rowHeight !== undefined) draft.rowHeights.set(row, section.spec.rowHeight);
          for (const pair of pairs) {
            draft.label(row, pair.labelCol, fieldLabelText(pair.spec.label));
            const fields = draft.run(
              pair.spec.content,
              { top: row, left: pair.valueCol, bottom: row, right: pair.valueEnd },
              () => noRowRefs,
              () => undefined,
            );
            const field = fields.get(row) ?? ABSENT;
            const label = pair.spec.label;
            if ('header' in label) form.header[label.header] = field;
            else if ('goal' in label) form.goals[label.goal] = field;
            else if ('summary' in label) form[label.summary] = field;
          }
          const used = pairs.at(-1)?.valueEnd ?? -1;
          if (used + 1 < lastCol)
            draft.merges.push({ top: row, left: used + 1, bottom: row, right: lastCol });
        }
        break;
      case 'funds': {
        const { spec: funds, headerRow, rowOf, colOf } = section;
        const lastFundsRow = headerRow + funds.rows.length;
        draft.label(headerRow, 0, funds.label, 0, lastFundsRow);
        const rowKeyAt = (row: number): FundsRowKey => {
          const rowKey = funds.rows[row - headerRow - 1];
          if (rowKey === undefined) throw new EngineInvariantError(`row ${row} is not a funds row`);
          return rowKey;
        };
        const refsOf = (row: number): RowRefs<FundsColKey> => {
          const rowKey = rowKeyAt(row);
          return { ...sheetRefs, cell: (colKey) => sheetRefs.funds(rowKey, colKey) };
        };
        for (const rowKey of funds.rows) {
          const row = mustGet(rowOf, rowKey);
          const labelText = FUNDS_ROW_LABELS[rowKey].canonical;
          draft.put(row, 1, 'label', labelText);
          draft.styles.push({
            range: { top: row, left: 1, bottom: row, right: 1 },
            style: { ...LABEL_STYLE, horizontal: 'left' },
          });
          form.funds[rowKey] = { row, label: { raw: labelText, cell: key(row, 1), formula: null }, cols: {} };
        }
        for (const column of funds.columns) {
          const col = mustGet(colOf, column.key);
          draft.label(headerRow, col, column.label ?? FUNDS_COL_LABELS[column.key].canonical);
          const contentOf = (row: number): CellContent<FundsColKey> =>
            funds.overrides?.[rowKeyAt(row)]?.[column.key] ?? column.content;
          eachRun(headerRow + 1, lastFundsRow, contentOf, (content, top, bottom) => {
            const fields = draft.run(
              content,
              { top, left: col, bottom, right: col },
              refsOf,
              () => undefined,
            );
            for (const [row, field] of fields) {
              const fundsRow = form.funds[rowKeyAt(row)];
              if (fundsRow !== undefined) fundsRow.cols[column.key] = field;
            }
          });
          const partsOf = funds.partsOf;
          if (partsOf !== undefined && contentOf(mustGet(rowOf, partsOf.total)).kind === 'input') {
            const total = sheetRefs.funds(partsOf.total, column.key);
            const parts = partsOf.parts.map((part) => sheetRefs.funds(part, column.key)).join(',');
            // Blank parts count as 0 (上年结转资金 is often left empty), but nothing shows until a part is typed.
            draft.rules.push({
              kind: 'highlight',
              sheet,
              range: total,
              formula: `=AND(ISNUMBER(${total}),COUNT(${parts})>0,ABS(${total}-SUM(${parts}))>${profile.tolerances.money})`,
              fill: ERROR_FILL,
              fontColor: ERROR_FONT,
            });
          }
        }
        const fundsEnd = 1 + funds.columns.length;
        if (fundsEnd + 1 < lastCol) {
          for (let row = headerRow; row <= lastFundsRow; row += 1) {
            draft.merges.push({ top: row, left: fundsEnd + 1, bottom: row, right: lastCol });
          }
        }
        break;
      }
      case 'goalColumns': {
        const { spec: goals, labelRow, cols } = section;
        draft.label(labelRow, 0, GOAL_LABELS[goals.label].canonical, 0, labelRow + 1);
        draft.rowHeights.set(labelRow + 1, goals.rowHeight);
        for (const column of cols) {
          // The header spans its text below, as on the printed form; the reader finds the text under the
          // header's first cell, which is where a merge keeps it.
          draft.label(labelRow, column.start, GOAL_LABELS[column.key].canonical, column.end);
          const fields = draft.run(
            { kind: 'input' },
            { top: labelRow + 1, left: column.start, bottom: labelRow + 1, right: column.end },
            () => noRowRefs,
            () => undefined,
          );
          form.goals[column.key] = fields.get(labelRow + 1) ?? ABSENT;
        }
        break;
      }
      case 'table': {
        const {
          spec: table,
          headerRow,
          firstRow,
          lastRow: tableLast,
          totalRow,
          cols,
          prefilledCount,
        } = section;
        draft.label(headerRow, 0, table.label, 0, tableLast);
        if (table.freezeBelowHeader === true && freezeRows === 0) freezeRows = headerRow + 1;
        const colOf = new Map<ColumnKey, number>(cols.map((column) => [column.spec.key, column.start]));
        const cellOf =
          (row: number) =>
          (column: ColumnKey): string => {
            const col = colOf.get(column);
            if (col === undefined)
              throw new EngineInvariantError(`${spec.id}: no column ${table.table}.${column}`);
            return key(row, col);
          };
        const refsOf = (row: number): RowRefs<ColumnKey> => ({ ...sheetRefs, cell: cellOf(row) });
        const level1Col = colOf.get('level1');
        const level1Of = level1Col === undefined ? undefined : (row: number): string => key(row, level1Col);
        const rows = new Map<number, TableRow>();
        for (let row = firstRow; row < firstRow + prefilledCount; row += 1)
          rows.set(row, { row, fields: {} });
        const merged = repeatedRuns(table, firstRow);
        for (const column of cols) {
          const columnKey = column.spec.key;
          draft.label(headerRow, column.start, COLUMN_LABELS[columnKey].canonical, column.end);
          const runs = merged.get(columnKey) ?? [];
          if (runs.length > 0 && column.end > column.start)
            throw new EngineInvariantError(`${spec.id}: merged column ${columnKey} spans several columns`);
          /** Rows below the first of a merged run: their cell is inside the merge and stays blank. */
          const insideRun = new Set<number>();
          for (const run of runs) for (let row = run.top + 1; row <= run.bottom; row += 1) insideRun.add(row);
          const contentOf = (row: number): CellContent<ColumnKey> =>
            table.prefilled?.[row - firstRow]?.cells?.[columnKey] ?? column.spec.content;
          const prefillOf = (row: number): CellScalar | undefined =>
            insideRun.has(row) ? undefined : table.prefilled?.[row - firstRow]?.values[columnKey];
          eachRun(firstRow, tableLast, contentOf, (content, top, bottom) => {
            const area = { top, left: column.start, bottom, right: column.end };
            const fields = draft.run(content, area, refsOf, prefillOf, level1Of);
            for (const [fieldRow, field] of fields) {
              const tableRow = rows.get(fieldRow);
              if (tableRow !== undefined) tableRow.fields[columnKey] = field;
            }
          });
          // The rows below a merge's first keep their own blank cell: the row reading carries 一级/二级 down.
          for (const run of runs) {
            draft.merges.push({ top: run.top, left: column.start, bottom: run.bottom, right: column.start });
          }
        }
        const tableRows = [...rows.values()];
        form.tables[table.table] = tableRows;
        form.readings[table.table] = readTable(tableRows, table.table);
        if (totalRow !== null && table.total !== undefined) {
          draft.label(totalRow, 0, TOTAL_LABELS.total.canonical);
          const totals = table.total;
          for (const column of cols) {
            const content = totals[column.spec.key] ?? { kind: 'none' };
            const fields = draft.run(
              content,
              { top: totalRow, left: column.start, bottom: totalRow, right: column.end },
              refsOf,
              () => undefined,
            );
            if (column.spec.key === 'score') form.total = fields.get(totalRow) ?? ABSENT;
          }
        }
        break;
      }
    }
  }

  const roles = new Map<string, CellRole>([...draft.slots].map(([at, slot]) => [at, slot.role]));
  const area = toRangeA1({ top: 0, left: 0, bottom: lastRow, right: lastCol });
  const widths = columnWidths(sections, width);
  // Rows past the default count are the caller's choice to print on more pages; they do not widen the form.
  const extraRows =
    Math.max(0, indicatorRows - DEFAULT_INDICATOR_ROWS) *
    sections.filter((section) => section.kind === 'table' && section.spec.blankRows === 'indicatorRows')
      .length;
  const rowHeights = fitOnePage(draft, widths, lastRow, extraRows);
  const formOps: PlanOp[] = [
    { kind: 'columnWidths', sheet, firstCol: 0, widths },
    ...writeOps(sheet, draft.slots, lastRow, width),
    ...draft.merges.map((range): PlanOp => ({ kind: 'merge', sheet, range: toRangeA1(range) })),
    ...draft.styles.map((entry): PlanOp => ({
      kind: 'style',
      sheet,
      range: toRangeA1(entry.range),
      style: entry.style,
    })),
    ...draft.formats.map((entry): PlanOp => ({
      kind: 'numberFormat',
      sheet,
      range: toRangeA1(entry.range),
      format: entry.format,
    })),
    ...[...rowHeights].map(([row, height]): PlanOp => ({ kind: 'rowHeight', sheet, row, height })),
    ...draft.rules,
    { kind: 'lock', sheet, range: area, locked: true },
    ...draft.unlocked.map((range): PlanOp => ({
      kind: 'lock',
      sheet,
      range: toRangeA1(range),
      locked: false,
    })),
    ...(freezeRows > 0 ? [{ kind: 'freezePanes', sheet, rows: freezeRows, cols: 0 } satisfies PlanOp] : []),
    {
      kind: 'printSetup',
      sheet,
      orientation: 'landscape',
      fitToWidth: true,
      printArea: area,
      ...printTitles(sections),
    },
    {
      kind: 'protectSheet',
      sheet,
      allow: { insertRows: true, deleteRows: true, formatColumns: true, formatRows: true },
    },
  ];

  const help = helpSheetRows(spec, profile);
  const helpOps: PlanOp[] = [
    // Two columns that fit an A4 page in portrait; the text column wraps.
    { kind: 'columnWidths', sheet: helpSheet, firstCol: 0, widths: [18, HELP_TEXT_WIDTH] },
    {
      kind: 'printSetup',
      sheet: helpSheet,
      orientation: 'portrait',
      fitToWidth: true,
      printArea: `A1:B${help.rows.length}`,
    },
    ...help.rows.map(([item, text], row): PlanOp => ({
      kind: 'writeBlock',
      sheet: helpSheet,
      topLeft: toA1({ row, col: 0 }),
      values: [text === null ? [item] : [item, text]],
    })),
    // Spreadsheets do not grow a row for wrapped text written by a program; give long texts their lines.
    ...help.rows.flatMap(([, text], row): PlanOp[] => {
      const lines = text === null ? 1 : Math.ceil(displayWidth(text) / HELP_TEXT_WIDTH);
      return lines > 1 ? [{ kind: 'rowHeight', sheet: helpSheet, row, height: 15 * lines }] : [];
    }),
    { kind: 'merge', sheet: helpSheet, range: 'A1:B1' },
    { kind: 'style', sheet: helpSheet, range: `A1:B${help.rows.length}`, style: FORM_FONT },
    {
      kind: 'style',
      sheet: helpSheet,
      range: 'A1:B1',
      style: { bold: true, fontSize: 14, horizontal: 'center' },
    },
    {
      kind: 'style',
      sheet: helpSheet,
      range: `A2:B${help.rows.length}`,
      style: { wrap: true, vertical: 'top' },
    },
    ...help.headingRows.map((row): PlanOp => ({
      kind: 'style',
      sheet: helpSheet,
      range: `A${row + 1}:B${row + 1}`,
      style: { bold: true, fill: '#F2F2F2' },
    })),
  ];

  const metaOps: PlanOp[] = [
    { kind: 'ensureSheet', sheet: META_SHEET, visibility: 'veryHidden', ifExists: 'reuse' },
    { kind: 'writeBlock', sheet: META_SHEET, topLeft: 'A1', values: [[...META_HEADERS]] },
    {
      kind: 'writeBlock',
      sheet: META_SHEET,
      topLeft: toA1({ row: metaRow, col: 0 }),
      values: [[sheet, spec.id, spec.version, profile.id, framework.id, createdAt]],
    },
  ];

  const ops: PlanOp[] = [
    {
      kind: 'ensureSheet',
      sheet,
      visibility: 'visible',
      ifExists: 'fail',
      ...(options.after === undefined ? {} : { after: options.after }),
    },
    { kind: 'ensureSheet', sheet: helpSheet, visibility: 'visible', ifExists: 'reuse', after: sheet },
    ...(draft.needsFrameworkLists ? frameworkListOps(framework, listsSheet, frameworkNames) : []),
    ...formOps,
    ...helpOps,
    ...metaOps,
  ];

  return {
    plan: { formSheet: sheet, ops },
    emptyForm: form,
    roles,
    helpSheet,
    listsSheet: draft.needsFrameworkLists ? listsSheet : null,
  };
}
