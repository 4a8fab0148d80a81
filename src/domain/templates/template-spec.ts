/**
 * The template spec language: a form is data, laid out by one generic builder (build-plan.ts). A spec says
 * what the official form holds, top to bottom; the builder decides rows and columns, so a spec never names a
 * cell. Whatever is peculiar to one form (which budget column the execution rate divides by, which rows of a
 * criteria table carry formulas) is said here, in the form's spec, never in the builder.
 *
 * Grid convention shared by every spec: column A holds the section labels (项目资金（万元）, 绩效指标, 总分 …);
 * tables, funds and fields start in column B.
 */
import type {
  ColumnKey,
  FundsColKey,
  FundsRowKey,
  GoalKey,
  HeaderKey,
  TableKey,
  TemplateId,
} from '../forms/form-model';
import type { CellScalar } from '../grid/cell';
import type { HexColor } from '../plan/plan';
import type { Profile } from '../profiles/profile-schema';

/** References a formula may use, resolved once the layout is known. All are relative A1 ('D6', 'K10:K30'). */
export interface SheetRefs {
  readonly profile: Profile;
  /** A cell of the funds block. */
  funds(row: FundsRowKey, col: FundsColKey): string;
  /** The value cell of a header field. */
  header(key: HeaderKey): string;
  /**
   * A table column from its header row down to its last data row: the header text is ignored by SUM and
   * COUNT, and a row inserted anywhere below the header stays inside the range.
   */
  columnRange(table: TableKey, column: ColumnKey): string;
  /** The cell of a column on a table's 总分 row. */
  totalCell(table: TableKey, column: ColumnKey): string;
  /** The value cell of a field given a `name` in its spec. */
  named(name: string): string;
}

/** Inside a row (a table row, a funds row, a total row): the same row's cell of another column. */
export interface RowRefs<K extends string> extends SheetRefs {
  cell(key: K): string;
}

/** A conditional format: `when` is the condition without the leading '=' (the builder adds it). */
export interface HighlightSpec<K extends string> {
  when: (refs: RowRefs<K>) => string;
  fill: HexColor;
  fontColor?: HexColor;
}

/** What a person may type into an input cell. */
export type ValidationSpec =
  /** A fixed dropdown; values must contain no ASCII comma. */
  | { kind: 'list'; values: readonly string[] | ((profile: Profile) => readonly string[]); prompt?: string }
  /** 一级指标 from the framework. */
  | { kind: 'level1' }
  /** 二级指标 of the row's 一级, from the framework. */
  | { kind: 'level2' }
  | { kind: 'decimal'; min: number; max?: number }
  /** Any text up to a length; the prompt offers the usual values (units). */
  | { kind: 'text'; maxLength: number; prompt: string };

/** Excel number format, fixed or following the profile (score decimals). */
export type NumberFormatSpec = string | ((profile: Profile) => string);

/** What one cell holds. */
export type CellContent<K extends string = never> =
  /** Typed by a person: unlocked. */
  | {
      kind: 'input';
      validation?: ValidationSpec;
      numberFormat?: NumberFormatSpec;
      highlights?: readonly HighlightSpec<K>[];
    }
  /** Our formula: locked. */
  | {
      kind: 'formula';
      formula: (refs: RowRefs<K>) => string;
      numberFormat?: NumberFormatSpec;
      highlights?: readonly HighlightSpec<K>[];
    }
  /** A value the profile fixes (the budget weight): locked. */
  | {
      kind: 'value';
      value: (profile: Profile) => CellScalar;
      numberFormat?: NumberFormatSpec;
      highlights?: readonly HighlightSpec<K>[];
    }
  /** Not applicable on this row: blank and locked. */
  | { kind: 'none' };

/** The label of a label/value field. */
export type FieldLabel =
  | { header: HeaderKey }
  | { goal: GoalKey }
  /** 等级 / 评估结论: what the reader takes as the stated grade or conclusion. */
  | { summary: 'grade' | 'conclusion' }
  /** A label the reader does not need (结果应用建议, 执行进度预警, 建议结论). */
  | { text: string };

export interface FieldSpec {
  label: FieldLabel;
  content: CellContent;
  /** Lets formulas elsewhere point at the value cell (`refs.named`). */
  name?: string;
  /** Columns the value cell spans (label excluded); the fields of a row share the width otherwise. */
  span?: number;
  /** What to write, for the 填表说明 sheet. */
  help: string;
}

/** Rows of label/value pairs: header fields, goals written label → value, summary lines. */
export interface FieldsSection {
  kind: 'fields';
  rows: readonly (readonly FieldSpec[])[];
  /** Row height for long text (goals). */
  rowHeight?: number;
}

export interface FundsColumnSpec {
  key: FundsColKey;
  /**
   * Header text when the form words it differently from the canonical label (the monitoring form's
   * 1-N月执行数). It must be a word the reader's vocabulary knows for this column.
   */
  label?: string;
  width: number;
  /** What every funds row holds in this column unless the section overrides it. */
  content: CellContent<FundsColKey>;
  help: string;
}

/** The funds block: a header row of column labels, one row per funds row. */
export interface FundsSection {
  kind: 'funds';
  /** Section label in column A (e.g. 项目资金（万元）). */
  label: string;
  rows: readonly FundsRowKey[];
  columns: readonly FundsColumnSpec[];
  /** Cells that differ from their column's content (the score on the total row only). */
  overrides?: Partial<Record<FundsRowKey, Partial<Record<FundsColKey, CellContent<FundsColKey>>>>>;
  /** The total row equals the sum of the part rows, shown by a highlight on each total cell. */
  partsOf?: { total: FundsRowKey; parts: readonly FundsRowKey[] };
}

/** A goal with its parts as column headers and the text below them (年度总体目标: 预期目标 | 实际完成情况). */
export interface GoalColumnsSection {
  kind: 'goalColumns';
  label: GoalKey;
  columns: readonly { key: GoalKey; help: string }[];
  rowHeight: number;
}

export interface TableColumnSpec {
  key: ColumnKey;
  /** Width in characters of the whole column (shared among the spanned sheet columns). */
  width: number;
  /** Sheet columns the column spans (wide text such as 主要内容). */
  span?: number;
  content: CellContent<ColumnKey>;
  help: string;
}

/** A row the template writes in advance (criteria of an evaluation). */
export interface PrefilledRow {
  values: Partial<Record<ColumnKey, CellScalar>>;
  /** Cells of this row that differ from their column's content (formula indicators of a key evaluation). */
  cells?: Partial<Record<ColumnKey, CellContent<ColumnKey>>>;
}

export interface TableSection {
  kind: 'table';
  table: TableKey;
  /** Section label in column A (绩效指标, 年度主要任务 …). */
  label: string;
  columns: readonly TableColumnSpec[];
  prefilled?: readonly PrefilledRow[];
  /** Blank input rows after the prefilled ones: the caller's indicator row count, or a fixed number. */
  blankRows: 'indicatorRows' | number;
  /** The 总分 row: its cells under the table's columns (the score column holds the form's total). */
  total?: Partial<Record<ColumnKey, CellContent<ColumnKey>>>;
  /** Freeze the panes under this table's header row. */
  freezeBelowHeader?: boolean;
  /**
   * Columns (一级, 二级) whose repeated prefilled values are written once and merged down, as on the printed
   * form; a 二级 run never crosses a change of the column before it. The reader gives each merged row the
   * value above it.
   */
  mergeRepeated?: readonly ColumnKey[];
}

/** Scoring rules the 填表说明 sheet explains, with the profile's numbers. */
export type RuleTopic =
  | 'weights' // 一级指标分值
  | 'budget' // 预算执行率得分
  | 'quantitative' // 定量指标计分
  | 'qualitative' // 定性档次与分值区间
  | 'grades' // 等级
  | 'rounding'
  | 'recommendations' // 结果应用
  | 'exAnte' // 评级折算与评估结论
  | 'keyEvaluation' // 重点评价权重与公式指标
  | 'monitoring'; // 执行进度预警

export type SectionSpec = FieldsSection | FundsSection | GoalColumnsSection | TableSection;

export interface TemplateSpec {
  id: TemplateId;
  /** Raised whenever the layout changes, so a reader of an older sheet knows what it is reading. */
  version: number;
  /** The canonical form title (FORM_TITLES); also the default sheet name. */
  title: string;
  /** What the form is for, shown in the pane's gallery. */
  description: string;
  /** Right-hand text of row 1 (单位：万元). */
  subtitle?: string;
  sections: readonly SectionSpec[];
  /** Scoring rules the 填表说明 sheet spells out. */
  rules: readonly RuleTopic[];
  /** What the add-in checks on this form, for the 填表说明 sheet. */
  checks: readonly string[];
}
