/**
 * The data of one form as read from a sheet: the contract between the reader (templates/read),
 * the checks and the scores. Every value keeps its raw cell content and its address, so that an issue
 * can point at the cell a person has to fix.
 */
import type { CellScalar } from '../grid/cell';
import { readCell, type Operator, type Reading } from '../grid/parse';

export const TEMPLATE_IDS = [
  'ex-ante-assessment',
  'project-goals',
  'department-goals',
  'project-monitoring',
  'project-self-evaluation',
  'department-self-evaluation',
  'key-evaluation',
] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

export function isTemplateId(text: string): text is TemplateId {
  return (TEMPLATE_IDS as readonly string[]).includes(text);
}

/** One cell of a form. `cell` is the A1 address, null when the form has no such field or column. */
export interface Field {
  raw: CellScalar;
  cell: string | null;
  /** The formula in the cell (ours, in a template), else null. A formula's value is computed, not stated. */
  formula: string | null;
  /**
   * The cell lies inside a merge that starts in a row above: it reads blank, and what it holds is the merge's
   * value, carried down by the row reading.
   */
  covered?: true;
}

export const ABSENT: Field = Object.freeze({ raw: null, cell: null, formula: null });

/** Label/value fields above the tables. */
export type HeaderKey =
  | 'projectName' // 项目名称
  | 'department' // 主管部门(及代码)
  | 'implementingUnit' // 实施单位
  | 'departmentName' // 部门（单位）名称
  | 'projectAttribute' // 项目属性
  | 'projectPeriod' // 项目期
  | 'year' // 年度
  | 'monitoringMonth' // 监控月份 (1–12)
  | 'projectAmount' // 项目资金总额（万元）, ex-ante
  | 'evaluator'; // 评价机构 / 评估人

/** Rows of a funds block (项目资金 / 年度预算). */
export type FundsRowKey =
  | 'total' // 年度资金总额 / 资金总额
  | 'fiscal' // 其中：当年财政拨款 / 财政拨款
  | 'carryover' // 上年结转资金
  | 'other' // 其他资金
  | 'basic' // 基本支出
  | 'project'; // 项目支出

/** Columns of a funds block. */
export type FundsColKey =
  | 'midTerm' // 中期资金
  | 'annual' // 年度资金
  | 'initialBudget' // 年初预算数
  | 'annualBudget' // 全年预算数 (调整后)
  | 'executed' // 全年执行数 / 1–N月执行数
  | 'forecast' // 全年预计执行数
  | 'weight' // 分值
  | 'rate' // 执行率
  | 'score'; // 得分

export type GoalKey =
  | 'overall' // 年度总体目标 / 总体目标
  | 'midTerm' // 中期目标
  | 'annual' // 年度目标
  | 'expected' // 预期目标
  | 'achieved' // 实际完成情况
  | 'progress'; // 1–N月执行情况

/** Columns of the row tables (indicators, tasks, criteria). */
export type ColumnKey =
  | 'level1' // 一级指标
  | 'level2' // 二级指标
  | 'level3' // 三级指标 / 评估要点
  | 'operator' // 指标性质 / 计算符号
  | 'target' // 年度指标值 / 指标值
  | 'unit' // 计量单位 / 度量单位
  | 'basis' // 指标值设定依据
  | 'progress' // 1–N月执行情况 (monitoring)
  | 'forecast' // 全年预计完成情况 (monitoring)
  | 'cause' // 偏差原因 (monitoring: 经费/制度/人员/硬件条件保障/其他)
  | 'likelihood' // 完成目标可能性 (确定能/有可能/完全不可能)
  | 'actual' // 实际完成值
  | 'tier' // 定性完成档次 (达成/部分达成/未达成)
  | 'qualitativeScore' // 定性指标得分 (typed, our template)
  | 'weight' // 分值 / 权重
  | 'rating' // 评级 优/良/中/差 (ex-ante)
  | 'numerator' // 分子 (key evaluation formula indicators)
  | 'denominator' // 分母
  | 'rate' // 得分率 / 完成率
  | 'score' // 得分
  | 'deviation' // 偏差原因分析及改进措施
  | 'remark' // 备注 / 评分标准
  | 'taskName' // 任务名称
  | 'taskContent' // 主要内容
  | 'taskProjects' // 对应项目
  | 'taskBudget'; // 预算金额（万元）of a task line

export type TableKey = 'indicators' | 'tasks' | 'criteria';

export interface TableRow {
  /** 0-based sheet row. */
  row: number;
  fields: Partial<Record<ColumnKey, Field>>;
}

/** What a table row is and holds, read once (row-reading.ts). */
export type RowKind =
  | 'indicator'
  /** A template slot left as shipped: 指标1：, ……, a row of dashes. */
  | 'placeholder'
  /** 其中：… under a parent indicator. */
  | 'breakdown'
  /** "/", 无, —, 不适用 in place of the values. */
  | 'not-applicable'
  /** A repeated or second header row. */
  | 'header'
  /** Only a level written, such as 产出指标(50分). */
  | 'group'
  /** 填报人, 联系电话, 审核人, 单位负责人, 填报日期 … */
  | 'footer'
  | 'blank';

/**
 * Where the operator came from: the 指标性质 column, a sign in the value (≥95%), words in the value (不低于,
 * 95%以上), the tier the row names (定性), or assumed from the indicator's wording when written nowhere.
 */
export type OperatorSource =
  'column' | 'value' | 'wording' | 'qualitative' | 'assumed-lower' | 'assumed-upper';

export interface RowReading {
  /** 0-based sheet row. */
  row: number;
  /** Index of the row in its table. */
  index: number;
  kind: RowKind;
  /** The row's cells as read. */
  cells: TableRow;
  /** 一级/二级 as written, or carried down from the rows above (a merged cell is read only in its first row). */
  level1: string | null;
  level2: string | null;
  /**
   * 三级指标 (or 任务名称) as read for matching (cellText: full-width forms folded, spaces folded). Messages
   * quote `shown.name` instead.
   */
  name: string | null;
  /**
   * 一级, 二级 and the name as written, for messages (displayText: trimmed, line breaks shown as spaces, nothing
   * else changed), so a person finds the quoted text in the sheet. The levels are carried down as above.
   */
  shown: { level1: string | null; level2: string | null; name: string | null };
  /** The 指标性质 text of the row: its own, or carried down from a merged cell above. Null when blank. */
  operatorText: string | null;
  /** The operator written in the row, null when written nowhere. */
  written: { operator: Operator; source: 'column' | 'value' | 'wording' } | null;
  /** The bound the wording suggests when no operator is written: the word found, null when none matched. */
  assumed: { operator: '≥' | '≤'; word: string | null };
  /**
   * An operator may not be assumed: the row's score is a formula of ours, which reads the 指标性质 column
   * alone, so a blank there leaves the row unscored in the sheet too.
   */
  operatorRequired: boolean;
  /** The target without its operator, and the actual, as typed. */
  targetReading: Reading;
  actualReading: Reading;
  /** 计量单位 as written, else the unit glued to the target ("735人次"). */
  unit: string | null;
  /** Percent is decided once for target and actual: a % unit, or either value written with %. */
  percent: boolean;
  /** Target and actual on one scale (percent points when `percent`; 万/亿 applied when both carry a unit). */
  target: number | null;
  actual: number | null;
  weightReading: Reading;
  weight: number | null;
  /** 得分 typed by a person (a formula's value is computed, not stated). */
  statedScore: number | null;
  /** 定性指标得分 as typed, else the stated score. */
  qualitativeScore: number | null;
  /** Text naming the tier: the tier column, else the actual. */
  tierText: string | null;
  /** Points a group label carries, as in 产出指标(50分). */
  groupWeight: number | null;
  /**
   * Cells where a number belongs that hold it as text ("９３", "93 ", "1,200", "93%" typed as text). Where the
   * row's score is a formula of ours the sheet does not count them (ISNUMBER is false), so neither does the
   * recomputation; in a form without our formulas the probable number is read and the cell still reported.
   */
  textNumbers: readonly TextNumber[];
}

/** A number stored as text in a cell where a number belongs. */
export interface TextNumber {
  column: ColumnKey;
  /** A1 address of the cell. */
  cell: string | null;
  /** The text as typed. */
  text: string;
  /** The number it probably is (percent points when written with %). */
  value: number;
  /** Whether the sheet's formulas count it: false where a formula of ours reads the row. */
  counted: boolean;
  /** Only digits (and spacing, separators or an apostrophe): no unit, no %, no operator written with it. */
  bare: boolean;
}

export interface FundsRow {
  row: number;
  label: Field;
  cols: Partial<Record<FundsColKey, Field>>;
}

export interface ParsedForm {
  template: TemplateId;
  /** Version of the template the sheet was made with, when `_meta` says so. */
  templateVersion: number | null;
  sheet: string;
  /** How the form was recognised. */
  source: 'meta' | 'headers';
  header: Partial<Record<HeaderKey, Field>>;
  funds: Partial<Record<FundsRowKey, FundsRow>>;
  goals: Partial<Record<GoalKey, Field>>;
  tables: Partial<Record<TableKey, TableRow[]>>;
  /** The one reading of every table row (row-reading.ts), computed by the reader from `tables`. */
  readings: Partial<Record<TableKey, RowReading[]>>;
  /** 总分 as stated in the sheet (typed, or our formula's cached value). */
  total: Field;
  /** 等级 / 评价等级 as stated. */
  grade: Field;
  /** 评估结论 (ex-ante) as stated. */
  conclusion: Field;
  /** Required sections or columns the reader could not find, by their canonical label. */
  missing: string[];
  /**
   * Required parts a form in hand lacks because the layout it follows never had them (no label of the part
   * anywhere: a 湖北 自评表 without 总体目标 block, a county 自评表 that scores nothing), by their canonical label.
   * Said as information; never set on our own templates. Absent when there is none.
   */
  absentByLayout?: string[];
  /** Headers that only nearly match a label and were read as that label (info for the person to confirm). */
  labelGuesses?: LabelGuess[];
  /**
   * The funds column 执行率 divides by when the form's own 执行率(B/A) header names it (年初预算数(A)); absent
   * otherwise, and scores then divide by 全年预算数 when there is one, else by 年初预算数.
   */
  budgetBasis?: BudgetBasis;
  /**
   * Blocks of amounts outside the tables whose item rows close with a 合计 row (项目预算: 成本构成 | 金额 |
   * 2020年实际执行数 …, items that are no funds rows of the form's shape). Absent when there is none.
   */
  sums?: readonly SumBlock[];
  /**
   * The points of 预算执行 when the funds block has no 分值 column and writes them in its label or in the 得分
   * header instead (预算执行情况（20分）, 得分（20分*执行率）). Absent otherwise.
   */
  fundsPoints?: FundsPoints;
}

/** Points written in a funds block's label or score header, and the cell that says so. */
export interface FundsPoints {
  points: number;
  cell: string;
}

/** Item rows of amounts and the 合计 row under them; one column per amount column the block adds up. */
export interface SumBlock {
  /** The 合计 label cell. */
  totalLabel: Field;
  /** The label cell of each item row, top to bottom. */
  items: readonly Field[];
  columns: readonly SumColumn[];
}

export interface SumColumn {
  /** The column's header as written (金额, 2020年实际执行数), or its letter when it has none. */
  header: string;
  /** The item cells, in the order of `SumBlock.items`. */
  items: readonly Field[];
  /** The cell of the 合计 row. */
  total: Field;
}

export interface LabelGuess {
  /** A1 address of the header cell. */
  cell: string;
  /** The header as written. */
  text: string;
  /** The canonical label it was read as. */
  label: string;
}

export interface BudgetBasis {
  column: 'annualBudget' | 'initialBudget';
  /** 'rate-header': named by the letters of the 执行率 header; 'only-column': the one budget column there is. */
  source: 'rate-header' | 'only-column' | 'default';
}

/** A field of a row, ABSENT when the table has no such column. */
export function fieldOf(row: TableRow, key: ColumnKey): Field {
  return row.fields[key] ?? ABSENT;
}

export function headerOf(form: ParsedForm, key: HeaderKey): Field {
  return form.header[key] ?? ABSENT;
}

export function fundsCell(form: ParsedForm, row: FundsRowKey, col: FundsColKey): Field {
  return form.funds[row]?.cols[col] ?? ABSENT;
}

/**
 * The 预算执行 weight the form states: the number in its 分值 cell, else the points its funds block writes in
 * its label or 得分 header (ParsedForm.fundsPoints); null when it states none (the profile's weight applies).
 * Scores and checks both take the weight from here.
 */
export function statedBudgetWeight(form: ParsedForm): number | null {
  const reading = readCell(fundsCell(form, 'total', 'weight').raw);
  return reading.kind === 'number' ? reading.value : (form.fundsPoints?.points ?? null);
}
