/** Random ParsedForms from random cell contents, for property tests of everything that reads a form. */
import { readTables } from '../../src/domain/forms/row-reading';
import fc from 'fast-check';
import { COLUMN_LABELS } from '../../src/domain/forms/vocabulary';
import {
  TEMPLATE_IDS,
  type ColumnKey,
  type Field,
  type FundsColKey,
  type FundsRow,
  type FundsRowKey,
  type GoalKey,
  type HeaderKey,
  type ParsedForm,
  type TableKey,
  type TableRow,
} from '../../src/domain/forms/form-model';
import type { CellScalar } from '../../src/domain/grid/cell';

const TYPICAL_TEXT = [
  '≥',
  '≧',
  '＞＝',
  '>',
  '=',
  '≤',
  '<',
  '定性',
  '正向',
  '达成',
  '部分达成',
  '未达成',
  '很好',
  '*',
  '/',
  '无',
  '-',
  '—',
  '95%',
  '0.95',
  '１００',
  '735人次',
  '1,000元',
  '3.5万元',
  '-5',
  '#DIV/0!',
  '#N/A',
  '优',
  '良',
  '中',
  '差',
  '优秀',
  '合格',
  '确定能',
  '有可能',
  '完全不可能',
  '经费保障',
  '予以支持',
  '不予支持',
  '产出指标',
  '效益',
  '满意度指标',
  '社会效益指标',
  '数量指标',
  '成本指标',
  '决策',
  '过程',
  '7月',
  '1-6月',
  '',
  '   ',
];

export const cellScalar: fc.Arbitrary<CellScalar> = fc.oneof(
  fc.constant(null),
  fc.constantFrom(...TYPICAL_TEXT),
  fc.string({ maxLength: 8 }),
  fc.integer({ min: -1000, max: 1_000_000 }),
  fc.double(),
  fc.boolean(),
);

/** Every column the form model knows, as the vocabulary lists them. */
const COLUMN_KEYS = Object.keys(COLUMN_LABELS) as ColumnKey[];
const FUNDS_ROWS: readonly FundsRowKey[] = ['total', 'fiscal', 'carryover', 'other', 'basic', 'project'];
const FUNDS_COLS: readonly FundsColKey[] = [
  'midTerm',
  'annual',
  'initialBudget',
  'annualBudget',
  'executed',
  'forecast',
  'weight',
  'rate',
  'score',
];
const GOAL_KEYS: readonly GoalKey[] = ['overall', 'midTerm', 'annual', 'expected', 'achieved', 'progress'];
const HEADER_KEYS: readonly HeaderKey[] = [
  'projectName',
  'department',
  'implementingUnit',
  'departmentName',
  'projectAttribute',
  'projectPeriod',
  'year',
  'monitoringMonth',
  'projectAmount',
  'evaluator',
];

const address = fc.oneof(
  fc.constant(null),
  fc
    .tuple(fc.constantFrom('A', 'B', 'C', 'D', 'K', 'AB'), fc.integer({ min: 1, max: 300 }))
    .map(([c, r]) => `${c}${r}`),
);

const fieldArb: fc.Arbitrary<Field> = fc.record({
  raw: cellScalar,
  cell: address,
  formula: fc.oneof(
    { weight: 4, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constant('=ROUND(A1,2)') },
  ),
});

function recordOf<K extends string>(
  keys: readonly K[],
  value: fc.Arbitrary<Field>,
): fc.Arbitrary<Partial<Record<K, Field>>> {
  return fc.subarray([...keys]).chain((chosen) =>
    fc.tuple(...chosen.map(() => value)).map((values) => {
      const out: Partial<Record<K, Field>> = {};
      chosen.forEach((key, i) => {
        const v = values[i];
        if (v !== undefined) out[key] = v;
      });
      return out;
    }),
  );
}

const tableRow = (row: number): fc.Arbitrary<TableRow> =>
  recordOf(COLUMN_KEYS, fieldArb).map((fields) => ({ row, fields }));

const table: fc.Arbitrary<TableRow[]> = fc
  .integer({ min: 0, max: 6 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => tableRow(12 + i))));

const fundsRowArb = (row: number): fc.Arbitrary<FundsRow> =>
  fc.record({ row: fc.constant(row), label: fieldArb, cols: recordOf(FUNDS_COLS, fieldArb) });

const funds: fc.Arbitrary<Partial<Record<FundsRowKey, FundsRow>>> = fc
  .subarray([...FUNDS_ROWS])
  .chain((rows) =>
    fc.tuple(...rows.map((_, i) => fundsRowArb(4 + i))).map((values) => {
      const out: Partial<Record<FundsRowKey, FundsRow>> = {};
      rows.forEach((key, i) => {
        const v = values[i];
        if (v !== undefined) out[key] = v;
      });
      return out;
    }),
  );

const tables: fc.Arbitrary<Partial<Record<TableKey, TableRow[]>>> = fc.record(
  { indicators: table, criteria: table, tasks: table },
  { requiredKeys: [] },
);

export const parsedForm: fc.Arbitrary<ParsedForm> = fc
  .record({
    template: fc.constantFrom(...TEMPLATE_IDS),
    templateVersion: fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 3 })),
    sheet: fc.string({ minLength: 1, maxLength: 6 }),
    source: fc.constantFrom('meta' as const, 'headers' as const),
    header: recordOf(HEADER_KEYS, fieldArb),
    funds,
    goals: recordOf(GOAL_KEYS, fieldArb),
    tables,
    total: fieldArb,
    grade: fieldArb,
    conclusion: fieldArb,
    missing: fc.array(fc.constantFrom('绩效指标', '项目资金', '偏差原因分析及改进措施'), { maxLength: 2 }),
  })
  .map((form) => ({ ...form, readings: readTables(form.tables) }));
