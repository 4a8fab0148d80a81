import type { ColumnKey, Field, TableRow } from '../../../src/domain/forms/form-model';
import { assumedOperator, meaningOf, readTable } from '../../../src/domain/forms/row-reading';
import type { CellScalar } from '../../../src/domain/grid/cell';
import { scoreIndicatorReading } from '../../../src/domain/scoring/score';
import { DEFAULT } from '../scoring/helpers';

const COLUMNS: Partial<Record<ColumnKey, string>> = {
  level1: 'A',
  level2: 'B',
  level3: 'C',
  operator: 'D',
  target: 'E',
  unit: 'F',
  actual: 'G',
  weight: 'H',
  score: 'I',
};

/** A row of a hand-made form (no formulas), at sheet row `row`. */
function row(values: Partial<Record<ColumnKey, CellScalar>>, at = 10): TableRow {
  const fields: Partial<Record<ColumnKey, Field>> = {};
  for (const [key, col] of Object.entries(COLUMNS) as [ColumnKey, string][])
    fields[key] = { raw: values[key] ?? null, cell: `${col}${at + 1}`, formula: null };
  return { row: at, fields };
}

function readOne(values: Partial<Record<ColumnKey, CellScalar>>) {
  const reading = readTable([row(values)], 'indicators')[0];
  if (reading === undefined) throw new Error('no reading');
  return reading;
}

describe('row kinds', () => {
  it.each([
    ['an indicator', { level3: '培训人次', target: 500, actual: 450, weight: 10 }, 'indicator'],
    ['a template slot 指标1：', { level3: '指标1：' }, 'placeholder'],
    ['a template slot ……', { level3: '……', target: '', weight: null }, 'placeholder'],
    ['a row of dashes', { level3: '-', target: '-', actual: '-' }, 'placeholder'],
    ['a 其中 breakdown', { level3: '其中：新建水厂', target: 2, actual: 2 }, 'breakdown'],
    ['a "/" row', { level3: '项目收益', target: '/', actual: '/' }, 'not-applicable'],
    ['a 不适用 row', { level3: '项目收益', target: '不适用' }, 'not-applicable'],
    [
      'a "/" with an operator: a value missing',
      { level3: '覆盖率', operator: '≥', target: '/' },
      'indicator',
    ],
    ['a "/" with a weight: a value missing', { level3: '覆盖率', target: '/', weight: 10 }, 'indicator'],
    [
      'a repeated header',
      { level1: '一级指标', level2: '二级指标', level3: '三级指标', target: '指标值' },
      'header',
    ],
    ['a group label with points', { level1: '产出指标(50分)' }, 'group'],
    ['a level only', { level1: '产出指标', level2: '数量指标' }, 'group'],
    ['a footer', { level1: '填报人：张三', level3: '联系电话：123' }, 'footer'],
    ['nothing', {}, 'blank'],
  ] as const)('%s', (_name, values, kind) => {
    expect(readOne(values).kind).toBe(kind);
  });

  it('reads the points a group label carries', () => {
    expect(readOne({ level1: '产出指标（50分）' }).groupWeight).toBe(50);
    expect(readOne({ level1: '产出指标' }).groupWeight).toBeNull();
  });
});

describe('levels', () => {
  it('carries merged 一级/二级 down, and a new 一级 starts a new 二级', () => {
    const readings = readTable(
      [
        row({ level1: '产出指标', level2: '数量指标', level3: '甲', target: 1 }, 10),
        row({ level3: '乙', target: 1 }, 11),
        row({ level2: '质量指标', level3: '丙', target: 1 }, 12),
        row({ level1: '效益指标', level3: '丁', target: 1 }, 13),
      ],
      'indicators',
    );
    expect(readings.map((r) => [r.level1, r.level2, r.name])).toEqual([
      ['产出指标', '数量指标', '甲'],
      ['产出指标', '数量指标', '乙'],
      ['产出指标', '质量指标', '丙'],
      ['效益指标', null, '丁'],
    ]);
  });

  it('keeps the reading of an unchanged row', () => {
    const rows = [
      row({ level1: '产出指标', level3: '甲', target: 1 }, 10),
      row({ level3: '乙', target: 1 }, 11),
    ];
    const first = readTable(rows, 'indicators');
    const again = readTable([...rows], 'indicators');
    expect(again[1]).toBe(first[1]);
  });
});

describe('operators', () => {
  it.each([
    ['the 指标性质 column', { operator: '≤', target: 3 }, '≤', 'column'],
    ['a sign in the value', { target: '≥95%' }, '≥', 'value'],
    ['a look-alike sign', { target: '﹦300天' }, '=', 'value'],
    ['words in the value', { target: '不低于95%' }, '≥', 'wording'],
    ['words after the value', { target: '95%以上' }, '≥', 'wording'],
    ['达到', { target: '达到100%' }, '≥', 'wording'],
    ['written nowhere, a cost', { level3: '单位成本', target: 45 }, '≤', 'assumed-upper'],
    [
      'written nowhere, under 成本指标',
      { level2: '成本指标', level3: '设备购置', target: 45 },
      '≤',
      'assumed-upper',
    ],
    ['written nowhere, a completion rate', { level3: '投诉处理完成率', target: 95 }, '≥', 'assumed-lower'],
    ['written nowhere, nothing telling', { level3: '受益人口', target: 500 }, '≥', 'assumed-lower'],
    ['a tier named', { level3: '群众满意', target: '满意', actual: '达成' }, '定性', 'qualitative'],
    ['no number, no tier', { level3: '群众满意', target: '满意', actual: '较好' }, null, null],
  ] as const)('%s', (_name, values, operator, source) => {
    const meaning = meaningOf(readOne({ level3: '指标', ...values }), DEFAULT);
    expect([meaning.operator, meaning.source]).toEqual([operator, source]);
  });

  it('reads the word lists as data: a rate of completion beats 成本 in the name', () => {
    expect(assumedOperator('成本节约率', '成本指标')).toEqual({ operator: '≥', word: '节约率' });
    expect(assumedOperator('事故率', null)).toEqual({ operator: '≤', word: '事故率' });
    expect(assumedOperator('新建里程', '数量指标')).toEqual({ operator: '≥', word: null });
  });

  it('does not assume where our formula scores the row from the 指标性质 column', () => {
    const values = row({ level3: '受益人口', target: 500, actual: 400, weight: 10 });
    const score = values.fields.score;
    if (score === undefined) throw new Error('no score field');
    const withFormula: TableRow = {
      ...values,
      fields: { ...values.fields, score: { ...score, formula: '=X1' } },
    };
    const reading = readTable([withFormula], 'indicators')[0];
    if (reading === undefined) throw new Error('no reading');
    expect(meaningOf(reading, DEFAULT).operator).toBeNull();
  });
});

describe('one scale for target and actual', () => {
  it('unit 百分比, target 95, actual 0.9: both in points, and scored so', () => {
    const reading = readOne({
      level3: '合格率',
      operator: '≥',
      target: 95,
      unit: '百分比',
      actual: 0.9,
      weight: 10,
    });
    expect([reading.percent, reading.target, reading.actual]).toEqual([true, 95, 90]);
    expect(scoreIndicatorReading(reading, DEFAULT).score).toBe(9.47);
  });

  it('a % typed on either value makes both percentages', () => {
    const reading = readOne({ level3: '合格率', target: 0.95, actual: '90%' });
    expect([reading.percent, reading.target, reading.actual]).toEqual([true, 95, 90]);
  });

  it('万 applies when both values carry a unit', () => {
    const reading = readOne({ level3: '服务人次', target: '>3万人次', actual: '32000人次' });
    expect([reading.target, reading.actual]).toEqual([30000, 32000]);
    const same = readOne({ level3: '资金', target: '45万', actual: '43.5万' });
    expect([same.target, same.actual]).toEqual([45, 43.5]);
  });

  it('an actual written with the sign of its target is read as its number', () => {
    const reading = readOne({ level3: '及时开工率', target: '≥90%', actual: '≥90%', weight: 10 });
    expect([reading.actualReading.kind, reading.actual]).toEqual(['number', 90]);
    expect(scoreIndicatorReading(reading, DEFAULT).score).toBe(10);
    expect(readOne({ level3: '水标尺宽度', target: '≥50厘米', actual: '≥50厘米' }).actual).toBe(50);
    expect(readOne({ level3: '验收情况', target: '合格', actual: '已完成' }).actualReading.kind).toBe('text');
  });

  it('the unit column, else the unit glued to the target', () => {
    expect(readOne({ target: '735人次' }).unit).toBe('人次');
    expect(readOne({ target: 735, unit: '人' }).unit).toBe('人');
  });
});

describe('items numbered 1、2、 under an indicator numbered 一、', () => {
  const kinds = (rows: Partial<Record<ColumnKey, CellScalar>>[]): string[] =>
    readTable(
      rows.map((values, i) => row(values, 10 + i)),
      'indicators',
    ).map((r) => r.kind);

  it('are its breakdown when their points add up to its own', () => {
    expect(
      kinds([
        { level3: '一、示范区建立', target: '≧20000亩', actual: '20000亩', score: 15 },
        { level3: '1、水稻侧深施肥', target: '≧500亩', actual: '500亩', score: 5 },
        { level3: '2、玉米种肥同播', target: '≧1000亩', actual: '1000亩', score: 5 },
        { level3: '3、施用配方肥', target: '≧18500亩', actual: '18500亩', score: 5 },
        { level3: '二、土样植株化验', target: '≧60个', actual: '105个', score: 5 },
      ]),
    ).toEqual(['indicator', 'breakdown', 'breakdown', 'breakdown', 'indicator']);
  });

  it('are indicators of their own when their points do not add up', () => {
    expect(
      kinds([
        { level3: '一、示范区建立', target: '≧20000亩', actual: '20000亩', score: 15 },
        { level3: '1、水稻侧深施肥', target: '≧500亩', actual: '500亩', score: 5 },
        { level3: '2、玉米种肥同播', target: '≧1000亩', actual: '1000亩', score: 5 },
      ]),
    ).toEqual(['indicator', 'indicator', 'indicator']);
  });
});
