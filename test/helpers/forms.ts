/**
 * Builders of ParsedForm objects for tests: every value gets a plausible cell address in the layout of our
 * templates, and a form left unspecified comes out complete and consistent, so a test changes only what it
 * is about.
 */
import { readTables } from '../../src/domain/forms/row-reading';
import type {
  ColumnKey,
  Field,
  FundsColKey,
  FundsRow,
  FundsRowKey,
  GoalKey,
  HeaderKey,
  ParsedForm,
  TableKey,
  TableRow,
  TemplateId,
} from '../../src/domain/forms/form-model';
import { FORM_SHAPES } from '../../src/domain/forms/form-shapes';
import type { CellScalar } from '../../src/domain/grid/cell';
import { columnLetter } from '../../src/domain/grid/address';

/** A cell holding one of our formulas, with the value it last computed. */
export interface FormulaValue {
  formula: string;
  value: CellScalar;
}

export type CellValue = CellScalar | FormulaValue;

export function formula(value: CellScalar, text = '=ROUND(1,2)'): FormulaValue {
  return { formula: text, value };
}

function isFormulaValue(value: CellValue): value is FormulaValue {
  return typeof value === 'object' && value !== null && 'formula' in value;
}

export function field(value: CellValue | undefined, cell: string | null): Field {
  if (value !== undefined && isFormulaValue(value)) return { raw: value.value, cell, formula: value.formula };
  return { raw: value ?? null, cell, formula: null };
}

export type RowSpec = Partial<Record<ColumnKey, CellValue>>;

/** Column orders as the form shapes define them, so test forms follow the real layouts. */
function indicatorColumns(template: TemplateId): readonly ColumnKey[] {
  return FORM_SHAPES[template].tables.find((t) => t.key !== 'tasks')?.columns.map((c) => c.key) ?? [];
}

const TASK_COLUMNS: readonly ColumnKey[] =
  FORM_SHAPES['department-goals'].tables.find((t) => t.key === 'tasks')?.columns.map((c) => c.key) ?? [];

function fundsColumns(template: TemplateId): readonly FundsColKey[] {
  return FORM_SHAPES[template].funds?.cols.map((c) => c.key) ?? [];
}

const FUNDS_ROW_ORDER: readonly FundsRowKey[] = ['total', 'fiscal', 'carryover', 'other', 'basic', 'project'];

const HEADER_CELLS: Record<HeaderKey, string> = {
  projectName: 'B2',
  department: 'D2',
  implementingUnit: 'F2',
  departmentName: 'B2',
  projectAttribute: 'B3',
  projectPeriod: 'D3',
  year: 'H2',
  monitoringMonth: 'F3',
  projectAmount: 'H3',
  evaluator: 'H3',
};

const GOAL_CELLS: Record<GoalKey, string> = {
  overall: 'B11',
  midTerm: 'B11',
  annual: 'D11',
  expected: 'B11',
  achieved: 'E11',
  progress: 'E11',
};

const DEFAULT_HEADER: Record<TemplateId, Partial<Record<HeaderKey, CellValue>>> = {
  'project-self-evaluation': {
    projectName: '农村饮水安全工程',
    department: '市水利局',
    implementingUnit: '市水利工程建设中心',
  },
  'department-self-evaluation': { departmentName: '市水利局' },
  'project-goals': {
    projectName: '农村饮水安全工程',
    department: '市水利局',
    implementingUnit: '市水利工程建设中心',
    projectAttribute: '延续项目',
    projectPeriod: '2023-2025年',
  },
  'department-goals': { departmentName: '市水利局' },
  'project-monitoring': {
    projectName: '农村饮水安全工程',
    department: '市水利局',
    implementingUnit: '市水利工程建设中心',
    monitoringMonth: 6,
  },
  'ex-ante-assessment': {
    projectName: '河套灌区节水改造',
    department: '市水利局',
    implementingUnit: '市水利工程建设中心',
  },
  'key-evaluation': {
    projectName: '农村饮水安全工程',
    department: '市水利局',
    implementingUnit: '市水利工程建设中心',
  },
};

const DEFAULT_GOALS: Record<TemplateId, Partial<Record<GoalKey, CellValue>>> = {
  'project-self-evaluation': {
    expected: '新建供水工程10处，受益人口5000人',
    achieved: '完成供水工程10处，受益人口5200人',
  },
  'department-self-evaluation': { expected: '完成年度水利建设任务', achieved: '已完成' },
  'project-goals': { midTerm: '三年内解决农村饮水安全问题', annual: '新建供水工程10处' },
  'department-goals': { overall: '完成年度水利建设任务' },
  'project-monitoring': { overall: '新建供水工程10处', progress: '已开工8处' },
  'ex-ante-assessment': {},
  'key-evaluation': {},
};

export type FundsSpec = Partial<Record<FundsRowKey, Partial<Record<FundsColKey, CellValue>>>>;

const DEFAULT_FUNDS: Record<TemplateId, FundsSpec> = {
  'project-self-evaluation': {
    total: { initialBudget: 100, annualBudget: 100, executed: 100, weight: 10, score: 10 },
    fiscal: { initialBudget: 80, annualBudget: 80, executed: 80 },
    other: { initialBudget: 20, annualBudget: 20, executed: 20 },
  },
  'department-self-evaluation': {
    total: { initialBudget: 500, annualBudget: 500, executed: 500, weight: 10, score: 10 },
    basic: { initialBudget: 300, annualBudget: 300, executed: 300 },
    project: { initialBudget: 200, annualBudget: 200, executed: 200 },
  },
  'project-goals': {
    total: { midTerm: 300, annual: 100 },
    fiscal: { midTerm: 240, annual: 80 },
    other: { midTerm: 60, annual: 20 },
  },
  'department-goals': { total: { annual: 500 }, basic: { annual: 300 }, project: { annual: 200 } },
  'project-monitoring': {
    total: { initialBudget: 100, executed: 50, forecast: 100 },
    fiscal: { initialBudget: 100, executed: 50, forecast: 100 },
  },
  'ex-ante-assessment': {},
  'key-evaluation': {},
};

/** A complete, consistent self-evaluation under the default profile: weights 10 + 50 + 30 + 10, total 100. */
export function cleanSelfEvaluationIndicators(): RowSpec[] {
  return [
    {
      level1: '产出指标',
      level2: '数量指标',
      level3: '新建供水工程',
      operator: '≥',
      target: 10,
      unit: '处',
      actual: 10,
      weight: 20,
      score: 20,
    },
    {
      level1: '产出指标',
      level2: '质量指标',
      level3: '工程验收合格率',
      operator: '≥',
      target: 95,
      unit: '%',
      actual: 100,
      weight: 15,
      score: 15,
    },
    {
      level1: '产出指标',
      level2: '时效指标',
      level3: '按期完工率',
      operator: '=',
      target: 100,
      unit: '%',
      actual: 100,
      weight: 10,
      score: 10,
    },
    {
      level1: '产出指标',
      level2: '成本指标',
      level3: '单位供水成本',
      operator: '≤',
      target: 3,
      unit: '元/吨',
      actual: 2.8,
      weight: 5,
      score: 5,
    },
    {
      level1: '效益指标',
      level2: '社会效益指标',
      level3: '受益人口',
      operator: '≥',
      target: 5000,
      unit: '人',
      actual: 5200,
      weight: 15,
      score: 15,
    },
    {
      level1: '效益指标',
      level2: '可持续影响指标',
      level3: '工程持续发挥效益',
      operator: '定性',
      target: '长期有效',
      tier: '达成',
      qualitativeScore: 15,
      actual: '运行良好',
      weight: 15,
      score: 15,
    },
    {
      level1: '满意度指标',
      level2: '服务对象满意度指标',
      level3: '受益群众满意度',
      operator: '≥',
      target: 90,
      unit: '%',
      actual: 95,
      weight: 10,
      score: 10,
    },
  ];
}

const GOAL_KEYS: readonly ColumnKey[] = ['level1', 'level2', 'level3', 'operator', 'target', 'unit'];

function pick(row: RowSpec, keys: readonly ColumnKey[]): RowSpec {
  const picked: RowSpec = {};
  for (const key of keys) {
    const value = row[key];
    if (value !== undefined) picked[key] = value;
  }
  return picked;
}

/** The same indicators as declared goals (no actuals, weights or scores). */
export function cleanGoalIndicators(): RowSpec[] {
  return cleanSelfEvaluationIndicators().map((row) => ({ ...pick(row, GOAL_KEYS), basis: '计划标准' }));
}

export function cleanMonitoringIndicators(): RowSpec[] {
  return cleanGoalIndicators().map((row) => ({
    ...pick(row, GOAL_KEYS),
    progress: '按计划推进',
    forecast: '能够完成',
    likelihood: '确定能',
  }));
}

/** Ex-ante criteria: 5 criteria × 20, all rated 优 (total 100, 予以支持). */
export function cleanExAnteCriteria(): RowSpec[] {
  const names = ['立项必要性', '投入经济性', '绩效目标合理性', '实施方案可行性', '筹资合规性'];
  return names.flatMap((level1) => [
    { level1, level2: `${level1}一`, level3: `${level1}要点一`, weight: 10, rating: '优', score: 10 },
    { level1, level2: `${level1}二`, level3: `${level1}要点二`, weight: 10, rating: '优', score: 10 },
  ]);
}

/** Key-evaluation criteria: 决策 15, 过程 20, 产出 35, 效益 30, all at full score. */
export function cleanKeyCriteria(): RowSpec[] {
  return [
    { level1: '决策', level2: '项目立项', level3: '立项依据充分性', weight: 15, score: 15 },
    { level1: '过程', level2: '资金管理', level3: '资金使用合规性', weight: 20, score: 20 },
    { level1: '产出', level2: '产出数量', level3: '实际完成率', weight: 35, score: 35 },
    { level1: '效益', level2: '项目效益', level3: '实施效益', weight: 30, score: 30 },
  ];
}

export interface FormSpec {
  sheet?: string;
  header?: Partial<Record<HeaderKey, CellValue>>;
  funds?: FundsSpec;
  goals?: Partial<Record<GoalKey, CellValue>>;
  /** Rows of the indicator (or criteria) table; `null` stands for a blank row. */
  indicators?: (RowSpec | null)[];
  tasks?: (RowSpec | null)[];
  /** Columns the indicator table has, in order (default: our template's). */
  columns?: readonly ColumnKey[];
  total?: CellValue;
  grade?: CellValue;
  conclusion?: CellValue;
  /** Whether the form has a 总分/等级/结论 row at all (default: yes for scored forms). */
  summary?: boolean;
  missing?: string[];
}

export const INDICATOR_TOP = 13;

function tableRows(spec: (RowSpec | null)[], columns: readonly ColumnKey[], top: number): TableRow[] {
  return spec.map((rowSpec, i) => {
    const row = top + i;
    const fields: Partial<Record<ColumnKey, Field>> = {};
    columns.forEach((key, col) => {
      fields[key] = field(rowSpec?.[key], `${columnLetter(col)}${row + 1}`);
    });
    return { row, fields };
  });
}

function fundsRows(template: TemplateId, spec: FundsSpec): Partial<Record<FundsRowKey, FundsRow>> {
  const columns = fundsColumns(template);
  const rows: Partial<Record<FundsRowKey, FundsRow>> = {};
  FUNDS_ROW_ORDER.forEach((key, i) => {
    const values = spec[key];
    if (values === undefined) return;
    const row = 4 + i;
    const cols: Partial<Record<FundsColKey, Field>> = {};
    columns.forEach((col, c) => {
      cols[col] = field(values[col], `${columnLetter(c + 2)}${row + 1}`);
    });
    rows[key] = { row, label: field(key, `B${row + 1}`), cols };
  });
  return rows;
}

export function buildForm(template: TemplateId, spec: FormSpec = {}): ParsedForm {
  const header: Partial<Record<HeaderKey, Field>> = {};
  for (const [key, value] of Object.entries(spec.header ?? DEFAULT_HEADER[template]) as [
    HeaderKey,
    CellValue,
  ][]) {
    header[key] = field(value, HEADER_CELLS[key]);
  }
  const goals: Partial<Record<GoalKey, Field>> = {};
  for (const [key, value] of Object.entries(spec.goals ?? DEFAULT_GOALS[template]) as [
    GoalKey,
    CellValue,
  ][]) {
    goals[key] = field(value, GOAL_CELLS[key]);
  }
  const tableKey: TableKey =
    template === 'ex-ante-assessment' || template === 'key-evaluation' ? 'criteria' : 'indicators';
  const indicatorSpec = spec.indicators ?? [];
  const columns = spec.columns ?? indicatorColumns(template);
  const tables: Partial<Record<TableKey, TableRow[]>> = {
    [tableKey]: tableRows(indicatorSpec, columns, INDICATOR_TOP),
  };
  if (template === 'department-goals')
    tables.tasks = tableRows(
      spec.tasks ?? [{ taskName: '水利建设', taskContent: '新建供水工程' }],
      TASK_COLUMNS,
      11,
    );

  const summaryRow = INDICATOR_TOP + indicatorSpec.length + 1;
  const scored = [
    'project-self-evaluation',
    'department-self-evaluation',
    'ex-ante-assessment',
    'key-evaluation',
  ].includes(template);
  const hasSummary = spec.summary ?? scored;
  const summaryField = (value: CellValue | undefined, col: string): Field =>
    hasSummary ? field(value, `${col}${summaryRow + 1}`) : { raw: null, cell: null, formula: null };

  return {
    template,
    templateVersion: 1,
    sheet: spec.sheet ?? '表1',
    source: 'meta',
    header,
    funds: fundsRows(template, spec.funds ?? DEFAULT_FUNDS[template]),
    goals,
    tables,
    readings: readTables(tables),
    total: summaryField(spec.total, 'C'),
    grade: template === 'ex-ante-assessment' ? summaryField(undefined, 'E') : summaryField(spec.grade, 'E'),
    conclusion:
      template === 'ex-ante-assessment'
        ? summaryField(spec.conclusion, 'G')
        : { raw: null, cell: null, formula: null },
    missing: spec.missing ?? [],
  };
}

export function selfEvaluation(spec: FormSpec = {}): ParsedForm {
  return buildForm('project-self-evaluation', {
    indicators: cleanSelfEvaluationIndicators(),
    total: 100,
    grade: '优',
    ...spec,
  });
}

export function goalsForm(spec: FormSpec = {}): ParsedForm {
  return buildForm('project-goals', { indicators: cleanGoalIndicators(), sheet: '绩效目标', ...spec });
}

export function monitoringForm(spec: FormSpec = {}): ParsedForm {
  return buildForm('project-monitoring', { indicators: cleanMonitoringIndicators(), ...spec });
}

export function exAnteForm(spec: FormSpec = {}): ParsedForm {
  return buildForm('ex-ante-assessment', {
    indicators: cleanExAnteCriteria(),
    total: 100,
    conclusion: '予以支持',
    ...spec,
  });
}

export function keyEvaluationForm(spec: FormSpec = {}): ParsedForm {
  return buildForm('key-evaluation', { indicators: cleanKeyCriteria(), total: 100, grade: '优', ...spec });
}

/** Replace some cells of one row of a row list (by index), keeping the others. */
export function withRow(rows: (RowSpec | null)[], index: number, patch: RowSpec): (RowSpec | null)[] {
  return rows.map((row, i) => (i === index ? { ...(row ?? {}), ...patch } : row));
}

/** The A1 address of a column of the n-th row of the indicator table (0-based n) in the default layout. */
export function cellOf(template: TemplateId, key: ColumnKey, n: number): string {
  const col = indicatorColumns(template).indexOf(key);
  return `${columnLetter(col)}${INDICATOR_TOP + n + 1}`;
}
