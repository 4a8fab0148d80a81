/**
 * Pieces several specs share: the usual indicator columns with their dropdowns and error highlights, and the
 * money columns. Each factory returns plain spec data; the spec that uses it stays the one place that says
 * what its form holds.
 */
import type { ColumnKey, FundsColKey, HeaderKey, TableKey } from '../../forms/form-model';
import { OPERATORS } from '../../grid/parse';
import type { HexColor } from '../../plan/plan';
import type { Profile } from '../../profiles/profile-schema';
import { executionRateFormula, indicatorScoreFormula } from '../../scoring/formulas';
import type {
  CellContent,
  FieldSpec,
  FundsColumnSpec,
  HighlightSpec,
  RowRefs,
  TableColumnSpec,
  ValidationSpec,
} from '../template-spec';

/** Red: a value breaks a rule. */
export const ERROR_FILL: HexColor = '#FFC7CE';
export const ERROR_FONT: HexColor = '#9C0006';
/** Amber: worth a second look. */
export const WARNING_FILL: HexColor = '#FFEB9C';
export const WARNING_FONT: HexColor = '#9C5700';

export const AMOUNT_FORMAT = '#,##0.00';
export const PERCENT_FORMAT = '0.00%';

/** Score cells show as many decimals as the profile keeps. */
export function scoreFormat(profile: Profile): string {
  const digits = profile.rounding.scoreDigits;
  return digits === 0 ? '0' : `0.${'0'.repeat(digits)}`;
}

export function totalFormat(profile: Profile): string {
  const digits = profile.rounding.totalDigits;
  return digits === 0 ? '0' : `0.${'0'.repeat(digits)}`;
}

/** Units people use most; any other text is accepted too. */
export const COMMON_UNITS = [
  '%',
  '人',
  '人次',
  '个',
  '件',
  '次',
  '天',
  '万元',
  '元',
  '公里',
  '平方米',
  '户',
  '所',
  '项',
  '分',
  '套',
  '台',
  '小时',
] as const;

export const PROJECT_ATTRIBUTES = ['新增项目', '延续项目'] as const;
export const TARGET_BASES = ['计划标准', '行业标准', '历史标准', '其他标准'] as const;
export const MONTHS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'] as const;

/** What the monitoring light formula yields. */
export const LIGHTS = { red: '红', yellow: '黄', green: '绿' } as const;

const nonNegative: ValidationSpec = { kind: 'decimal', min: 0 };

export const input = (validation?: ValidationSpec, numberFormat?: string): CellContent<never> => ({
  kind: 'input',
  ...(validation === undefined ? {} : { validation }),
  ...(numberFormat === undefined ? {} : { numberFormat }),
});

export const amountInput: CellContent<FundsColKey> = {
  kind: 'input',
  validation: nonNegative,
  numberFormat: AMOUNT_FORMAT,
};

export const notApplicable: CellContent<never> = { kind: 'none' };

const quantitative = (r: RowRefs<ColumnKey>): string =>
  `${r.cell('operator')}<>"",${r.cell('operator')}<>"定性"`;

const targetNotNumber: HighlightSpec<ColumnKey> = {
  when: (r) => `AND(${quantitative(r)},TRIM(${r.cell('target')})<>"",NOT(ISNUMBER(${r.cell('target')})))`,
  fill: ERROR_FILL,
  fontColor: ERROR_FONT,
};

const unitMissing: HighlightSpec<ColumnKey> = {
  when: (r) => `AND(${quantitative(r)},TRIM(${r.cell('unit')})="")`,
  fill: ERROR_FILL,
  fontColor: ERROR_FONT,
};

/** 一级 / 二级 / 三级 of an indicator table, with the framework's dependent dropdowns. */
export function levelColumns(): TableColumnSpec[] {
  return [
    {
      key: 'level1',
      width: 12,
      content: input({ kind: 'level1' }),
      help: '从下拉列表选择一级指标（指标框架中的一级指标）。',
    },
    {
      key: 'level2',
      width: 14,
      content: input({ kind: 'level2' }),
      help: '先选一级指标，再从下拉列表选择其下的二级指标。',
    },
    {
      key: 'level3',
      width: 24,
      content: input(),
      help: '填写三级指标名称，一个指标一行；需要更多行时在表格中间插入行。',
    },
  ];
}

export const operatorColumn: TableColumnSpec = {
  key: 'operator',
  width: 8,
  content: input({ kind: 'list', values: OPERATORS }),
  help: '选择指标性质：≥ > 为正向指标，≤ < 为反向指标，= 为等于，定性指标选“定性”。',
};

export const targetColumn: TableColumnSpec = {
  key: 'target',
  width: 11,
  content: { kind: 'input', highlights: [targetNotNumber] },
  help: '定量指标填数字（不含单位与符号，百分比可填 95 或 95%）；定性指标填文字描述。',
};

export const unitColumn: TableColumnSpec = {
  key: 'unit',
  width: 8,
  content: {
    kind: 'input',
    validation: {
      kind: 'text',
      maxLength: 10,
      prompt: `常用单位：${COMMON_UNITS.join(' ')}；也可填其他单位。`,
    },
    highlights: [unitMissing],
  },
  help: `定量指标必填计量单位，常用：${COMMON_UNITS.join(' ')}；定性指标可不填。`,
};

export const basisColumn: TableColumnSpec = {
  key: 'basis',
  width: 12,
  content: input({ kind: 'list', values: TARGET_BASES }),
  help: '选择指标值设定依据：计划标准、行业标准、历史标准或其他标准。',
};

export function weightColumn(help: string): TableColumnSpec {
  return { key: 'weight', width: 7, content: input(nonNegative), help };
}

/** Self-evaluation: actual, tier, typed qualitative score, weight, rule score, deviation. */
export function selfEvaluationResultColumns(): TableColumnSpec[] {
  return [
    {
      key: 'actual',
      width: 11,
      content: input(),
      help: '定量指标填实际完成的数字（与年度指标值口径、单位一致）；定性指标填完成情况。',
    },
    {
      key: 'tier',
      width: 14,
      content: {
        kind: 'input',
        validation: { kind: 'list', values: (profile) => profile.qualitativeTiers.map((tier) => tier.tier) },
        highlights: [
          {
            when: (r) => `AND(${r.cell('operator')}="定性",TRIM(${r.cell('tier')})="")`,
            fill: ERROR_FILL,
            fontColor: ERROR_FONT,
          },
        ],
      },
      help: '定性指标必选完成档次；定量指标不填。',
    },
    {
      key: 'qualitativeScore',
      width: 8,
      content: input(nonNegative),
      help: '定性指标填所选档次分值区间内的得分；定量指标不填，得分由公式计算。',
    },
    weightColumn('填写各指标分值；全部指标分值与预算执行率分值合计为 100。'),
    {
      key: 'score',
      width: 8,
      content: {
        kind: 'formula',
        formula: (r) =>
          indicatorScoreFormula(
            {
              operator: r.cell('operator'),
              target: r.cell('target'),
              unit: r.cell('unit'),
              actual: r.cell('actual'),
              weight: r.cell('weight'),
              tier: r.cell('tier'),
              qualitativeScore: r.cell('qualitativeScore'),
            },
            r.profile,
          ),
        numberFormat: scoreFormat,
      },
      help: '自动计算，不需填写。',
    },
    {
      key: 'deviation',
      width: 24,
      content: {
        kind: 'input',
        highlights: [
          {
            when: (r) =>
              `AND(ISNUMBER(${r.cell('score')}),ISNUMBER(${r.cell('weight')}),${r.cell('score')}<${r.cell('weight')},TRIM(${r.cell('deviation')})="")`,
            fill: ERROR_FILL,
            fontColor: ERROR_FONT,
          },
        ],
      },
      help: '得分低于分值的指标必须说明偏差原因及改进措施；超额完成较多的也应说明。',
    },
  ];
}

/** Total-row highlight: the weights of a table (plus any extra weight cells) must add up to 100. */
export function weightsAddUpTo100(table: TableKey): HighlightSpec<ColumnKey> {
  return {
    when: (r) => `AND(COUNT(${r.columnRange(table, 'weight')})>0,ROUND(${r.cell('weight')},4)<>100)`,
    fill: ERROR_FILL,
    fontColor: ERROR_FONT,
  };
}

/** Executed above the budget it is measured against. */
export function executedAbove(budget: FundsColKey): HighlightSpec<FundsColKey> {
  return {
    when: (r) =>
      `AND(ISNUMBER(${r.cell('executed')}),ISNUMBER(${r.cell(budget)}),${r.cell('executed')}-${r.cell(budget)}>${r.profile.tolerances.money})`,
    fill: ERROR_FILL,
    fontColor: ERROR_FONT,
  };
}

export function amountColumn(
  key: FundsColKey,
  help: string,
  highlights?: readonly HighlightSpec<FundsColKey>[],
): FundsColumnSpec {
  return {
    key,
    width: 12,
    content: { ...amountInput, ...(highlights === undefined ? {} : { highlights }) },
    help,
  };
}

/**
 * The budget an execution rate divides by: 全年预算数 when it is a number, else 年初预算数, as the scores
 * read it (a form left at its opening budget has no adjusted one).
 */
export function budgetExpression(cell: (key: FundsColKey) => string, budget: FundsColKey): string {
  if (budget !== 'annualBudget') return cell(budget);
  const annual = cell('annualBudget');
  return `IF(ISNUMBER(${annual}),${annual},${cell('initialBudget')})`;
}

export function rateColumn(budget: FundsColKey): FundsColumnSpec {
  return {
    key: 'rate',
    width: 10,
    content: {
      kind: 'formula',
      formula: (r) =>
        executionRateFormula({
          budget: budgetExpression((k) => r.cell(k), budget),
          executed: r.cell('executed'),
        }),
      numberFormat: PERCENT_FORMAT,
    },
    help: '自动计算：执行数 ÷ 预算数。',
  };
}

export function headerField(key: HeaderKey, help: string, content: CellContent = input()): FieldSpec {
  return { label: { header: key }, content, help };
}
