/**
 * What each form holds, per template: the header fields, the funds block, the goals, the row tables and the
 * summary. The reader fills a ParsedForm from these shapes, and `required` decides which absent parts are
 * reported as "required section or column missing". Hand-made official forms differ a lot from each other:
 * for them a header field is required only when it is `core` (what names the form: 项目名称, 部门名称); any
 * other field a province's layout never had (项目属性, 项目期 …) is absent by design, not missing. A field
 * the layout has but left empty is reported by the required-fields rule either way.
 */
import type {
  ColumnKey,
  FundsColKey,
  FundsRowKey,
  GoalKey,
  HeaderKey,
  TableKey,
  TemplateId,
} from './form-model';

export interface Part<K extends string> {
  key: K;
  required: boolean;
  /** When one of these is present, this required part is not reported as missing. */
  satisfiedBy?: readonly K[];
  /** Required in hand-made forms too (header fields only; see above). */
  core?: boolean;
}

export type GoalPart = Part<GoalKey>;

export interface FundsShape {
  /** Canonical name of the whole block, reported when no funds block is found at all. */
  section: string;
  rows: readonly Part<FundsRowKey>[];
  cols: readonly Part<FundsColKey>[];
}

export interface TableShape {
  key: TableKey;
  /** Canonical name of the table, reported when its header row is not found. */
  section: string;
  required: boolean;
  /** Columns in the canonical order of our templates. */
  columns: readonly Part<ColumnKey>[];
  /** A row is this table's header row when it holds every column of one of these sets. */
  anchors: readonly (readonly ColumnKey[])[];
  /** Labels that hand-made forms put in a column of their own beside every row (merged); never data. */
  groupLabels: readonly string[];
}

export interface SummaryShape {
  total: boolean;
  grade: boolean;
  conclusion: boolean;
  /** Whether the 总分 row is required. */
  required: boolean;
}

export interface FormShape {
  template: TemplateId;
  header: readonly Part<HeaderKey>[];
  funds: FundsShape | null;
  goals: readonly GoalPart[];
  tables: readonly TableShape[];
  summary: SummaryShape | null;
}

const req = <K extends string>(...keys: K[]): Part<K>[] => keys.map((key) => ({ key, required: true }));
const opt = <K extends string>(...keys: K[]): Part<K>[] => keys.map((key) => ({ key, required: false }));

const INDICATOR_GROUP_LABELS = ['绩效指标', '年度绩效指标', '中期绩效指标', '年度绩效指标完成情况', '指标'];
const INDICATOR_ANCHORS: readonly (readonly ColumnKey[])[] = [
  ['level1', 'level2', 'level3'],
  ['level1', 'level3'],
  ['level3', 'target'],
];
const CRITERIA_ANCHORS: readonly (readonly ColumnKey[])[] = [
  ['level1', 'level2', 'level3'],
  ['level1', 'level2', 'weight'],
  ['level1', 'level3', 'weight'],
];

/** Indicator columns of both self-evaluations, in the order of our template. */
const SELF_EVALUATION_INDICATORS: TableShape = {
  key: 'indicators',
  section: '绩效指标',
  required: true,
  columns: [
    ...req<ColumnKey>('level1', 'level2', 'level3'),
    ...opt<ColumnKey>('operator'),
    ...req<ColumnKey>('target'),
    ...opt<ColumnKey>('unit'),
    ...req<ColumnKey>('actual'),
    ...opt<ColumnKey>('tier', 'qualitativeScore'),
    // A form whose rows carry their 得分 and no 分值 column (湖北 2020 项目自评表) has no weights by design.
    { key: 'weight', required: true, satisfiedBy: ['score'] },
    ...opt<ColumnKey>('score', 'deviation'),
  ],
  anchors: INDICATOR_ANCHORS,
  groupLabels: INDICATOR_GROUP_LABELS,
};

const GOAL_INDICATORS: TableShape = {
  key: 'indicators',
  section: '绩效指标',
  required: true,
  columns: [
    ...req<ColumnKey>('level1', 'level2', 'level3'),
    ...opt<ColumnKey>('operator'),
    ...req<ColumnKey>('target'),
    ...opt<ColumnKey>('unit', 'basis'),
  ],
  anchors: INDICATOR_ANCHORS,
  groupLabels: INDICATOR_GROUP_LABELS,
};

const core = <K extends string>(...keys: K[]): Part<K>[] =>
  keys.map((key) => ({ key, required: true, core: true }));

/** Forms with 年初预算数 and no 全年预算数 divide by the one they have (their 执行率(B/A) header says so). */
const SELF_EVALUATION_FUNDS_COLS: Part<FundsColKey>[] = [
  ...opt<FundsColKey>('initialBudget'),
  { key: 'annualBudget', required: true, satisfiedBy: ['initialBudget'] },
  ...req<FundsColKey>('executed'),
  ...opt<FundsColKey>('weight', 'rate', 'score'),
];

/** Self-evaluations state the goals as 预期目标 / 实际完成情况 (or as two cells of a 年度总体目标 row). */
const SELF_EVALUATION_GOALS: GoalPart[] = req<GoalKey>('expected', 'achieved');

export const FORM_SHAPES: Record<TemplateId, FormShape> = {
  'project-self-evaluation': {
    template: 'project-self-evaluation',
    header: [
      ...core<HeaderKey>('projectName'),
      ...req<HeaderKey>('department', 'implementingUnit'),
      ...opt<HeaderKey>('year'),
    ],
    funds: {
      section: '项目资金',
      rows: [...req<FundsRowKey>('total'), ...opt<FundsRowKey>('fiscal', 'carryover', 'other')],
      cols: SELF_EVALUATION_FUNDS_COLS,
    },
    goals: SELF_EVALUATION_GOALS,
    tables: [SELF_EVALUATION_INDICATORS],
    summary: { total: true, grade: true, conclusion: false, required: true },
  },
  'department-self-evaluation': {
    template: 'department-self-evaluation',
    header: [...core<HeaderKey>('departmentName'), ...opt<HeaderKey>('year')],
    funds: {
      section: '年度预算',
      rows: [...req<FundsRowKey>('total', 'basic', 'project'), ...opt<FundsRowKey>('fiscal', 'other')],
      cols: SELF_EVALUATION_FUNDS_COLS,
    },
    goals: SELF_EVALUATION_GOALS,
    tables: [SELF_EVALUATION_INDICATORS],
    summary: { total: true, grade: true, conclusion: false, required: true },
  },
  'project-goals': {
    template: 'project-goals',
    header: [
      ...core<HeaderKey>('projectName'),
      ...req<HeaderKey>('department', 'implementingUnit', 'projectAttribute', 'projectPeriod'),
    ],
    funds: {
      section: '项目资金',
      rows: [...req<FundsRowKey>('total'), ...opt<FundsRowKey>('fiscal', 'other')],
      cols: [...opt<FundsColKey>('midTerm'), ...req<FundsColKey>('annual')],
    },
    goals: [
      { key: 'midTerm', required: false },
      { key: 'annual', required: true, satisfiedBy: ['overall'] },
      { key: 'overall', required: false },
    ],
    tables: [GOAL_INDICATORS],
    summary: null,
  },
  'department-goals': {
    template: 'department-goals',
    header: core<HeaderKey>('departmentName'),
    funds: {
      section: '年度部门整体支出预算',
      rows: [...req<FundsRowKey>('total'), ...opt<FundsRowKey>('basic', 'project')],
      cols: req<FundsColKey>('annual'),
    },
    goals: req<GoalKey>('overall'),
    tables: [
      {
        key: 'tasks',
        section: '年度主要任务',
        required: true,
        columns: [
          ...req<ColumnKey>('taskName'),
          // The 年度履职目标 layout (部门职能 | 年度目标任务 | 支出项目名称 | 预算金额) states each task's budget
          // line instead of its content.
          { key: 'taskContent', required: true, satisfiedBy: ['taskBudget'] },
          ...opt<ColumnKey>('taskProjects', 'taskBudget'),
        ],
        anchors: [
          ['taskName', 'taskContent'],
          ['taskName', 'taskProjects'],
        ],
        groupLabels: ['年度主要任务', '主要任务', '年度履职目标'],
      },
      GOAL_INDICATORS,
    ],
    summary: null,
  },
  'project-monitoring': {
    template: 'project-monitoring',
    header: [
      ...core<HeaderKey>('projectName'),
      ...req<HeaderKey>('department', 'implementingUnit'),
      ...opt<HeaderKey>('monitoringMonth'),
    ],
    funds: {
      section: '项目资金',
      rows: [...req<FundsRowKey>('total'), ...opt<FundsRowKey>('fiscal', 'other')],
      cols: [
        { key: 'initialBudget', required: true, satisfiedBy: ['annualBudget'] },
        ...req<FundsColKey>('executed'),
        ...opt<FundsColKey>('annualBudget', 'rate', 'forecast'),
      ],
    },
    goals: [...req<GoalKey>('overall'), ...opt<GoalKey>('progress')],
    tables: [
      {
        key: 'indicators',
        section: '绩效指标',
        required: true,
        columns: [
          ...req<ColumnKey>('level1', 'level2', 'level3'),
          ...opt<ColumnKey>('operator'),
          ...req<ColumnKey>('target'),
          ...opt<ColumnKey>('unit'),
          ...req<ColumnKey>('progress'),
          ...opt<ColumnKey>('forecast', 'cause', 'likelihood', 'remark'),
        ],
        anchors: INDICATOR_ANCHORS,
        groupLabels: INDICATOR_GROUP_LABELS,
      },
    ],
    summary: null,
  },
  'ex-ante-assessment': {
    template: 'ex-ante-assessment',
    header: [
      ...core<HeaderKey>('projectName'),
      ...req<HeaderKey>('department', 'implementingUnit'),
      ...opt<HeaderKey>('projectAmount', 'evaluator'),
    ],
    funds: null,
    goals: [],
    tables: [
      {
        key: 'criteria',
        section: '评估指标',
        required: true,
        columns: [
          ...req<ColumnKey>('level1'),
          ...opt<ColumnKey>('level2'),
          ...req<ColumnKey>('level3', 'weight', 'rating'),
          ...opt<ColumnKey>('score', 'remark'),
        ],
        anchors: CRITERIA_ANCHORS,
        groupLabels: ['评估指标', '评估内容'],
      },
    ],
    summary: { total: true, grade: false, conclusion: true, required: true },
  },
  'key-evaluation': {
    template: 'key-evaluation',
    header: [
      ...core<HeaderKey>('projectName'),
      ...req<HeaderKey>('department', 'implementingUnit'),
      ...opt<HeaderKey>('evaluator'),
    ],
    funds: null,
    goals: [],
    tables: [
      {
        key: 'criteria',
        section: '评价指标',
        required: true,
        columns: [
          ...req<ColumnKey>('level1', 'level2', 'level3', 'weight'),
          ...opt<ColumnKey>('remark', 'numerator', 'denominator', 'rate'),
          ...req<ColumnKey>('score'),
        ],
        anchors: CRITERIA_ANCHORS,
        groupLabels: ['评价指标', '指标体系'],
      },
    ],
    summary: { total: true, grade: true, conclusion: false, required: true },
  },
};

export function shapeOf(template: TemplateId): FormShape {
  return FORM_SHAPES[template];
}
