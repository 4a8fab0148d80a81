import fc from 'fast-check';
import type { CellScalar } from '../../../src/domain/grid/cell';
import {
  type Amount,
  type MoneyUnit,
  type Operator,
  type Reading,
  cellText,
  isBlank,
  labelKey,
  normalizeText,
  numberOf,
  parseOperator,
  readAmount,
  readCell,
  readTarget,
  toPercentPoints,
} from '../../../src/domain/grid/parse';

const num = (value: number, unit: string | null = null): Reading => ({
  kind: 'number',
  value,
  percent: false,
  unit,
});
const pct = (value: number): Reading => ({ kind: 'number', value, percent: true, unit: '%' });
const text = (t: string): Reading => ({ kind: 'text', text: t });
const placeholder = (t: string): Reading => ({ kind: 'placeholder', text: t });
const blank: Reading = { kind: 'blank' };

/** The full-width form of every ASCII character that has one, as an IME in full-width mode types it. */
function toFullWidth(s: string): string {
  return s.replace(/[!-~]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
}

describe('normalizeText', () => {
  it.each<[string, string]>([
    ['１２３', '123'],
    ['ＡＢＣ ａｂｃ', 'ABC abc'],
    ['（万元）', '(万元)'],
    ['  a\u3000\u3000b\u00a0c  ', 'a b c'],
    ['年度\n指标值', '年度 指标值'],
    ['\u200b项目\ufeff名称', '项目名称'],
    ['９８．５％', '98.5%'],
    ['', ''],
  ])('%j -> %j', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });
});

describe('isBlank and cellText', () => {
  it.each<[CellScalar | undefined, boolean]>([
    [null, true],
    [undefined, true],
    ['', true],
    ['   ', true],
    ['\u3000\u00a0', true],
    ['\u200b', true],
    [0, false],
    [false, false],
    ['0', false],
    ['无', false],
  ])('isBlank(%j) is %s', (raw, expected) => {
    expect(isBlank(raw)).toBe(expected);
  });

  it.each<[CellScalar | undefined, string | null]>([
    [null, null],
    ['  ', null],
    [' 项目 名称 ', '项目 名称'],
    [12.5, '12.5'],
    [-0.25, '-0.25'],
    [true, 'TRUE'],
    [false, 'FALSE'],
    ['ＡＢ', 'AB'],
    [Number.NaN, '#NUM!'],
    [Number.POSITIVE_INFINITY, '#NUM!'],
  ])('cellText(%j) is %j', (raw, expected) => {
    expect(cellText(raw)).toBe(expected);
  });
});

describe('labelKey', () => {
  it('gives the documented pair the same key', () => {
    expect(labelKey('年度 指标值（万元）：')).toBe(labelKey('年度指标值万元'));
  });

  it.each<[CellScalar | undefined, string]>([
    ['* 项目名称', '项目名称'],
    ['★项目名称：', '项目名称'],
    ['部门（单位）名称', '部门单位名称'],
    ['部门(单位)名称', '部门单位名称'],
    ['一级、二级，三级', '一级二级三级'],
    ['ＫＰＩ', 'kpi'],
    [null, ''],
    [2024, '2024'],
  ])('labelKey(%j) is %j', (raw, expected) => {
    expect(labelKey(raw)).toBe(expected);
  });

  it('keeps different labels apart', () => {
    expect(labelKey('一级指标')).not.toBe(labelKey('二级指标'));
  });
});

describe('readCell', () => {
  it.each<[CellScalar | undefined, Reading]>([
    // blanks
    [null, blank],
    [undefined, blank],
    ['', blank],
    ['\u3000 \u00a0', blank],
    // host numbers
    [42, num(42)],
    [-3.5, num(-3.5)],
    [0, num(0)],
    [Number.NaN, { kind: 'error', code: '#NUM!' }],
    [Number.NEGATIVE_INFINITY, { kind: 'error', code: '#NUM!' }],
    // booleans
    [true, text('TRUE')],
    [false, text('FALSE')],
    // typed numbers
    ['42', num(42)],
    [' 42 ', num(42)],
    ['+7', num(7)],
    ['-7', num(-7)],
    ['−7', num(-7)],
    ['－７', num(-7)],
    ['﹣7', num(-7)],
    ['- 7', num(-7)],
    ['1,234.5', num(1234.5)],
    ['1，234', num(1234)],
    ['12,345,678', num(12345678)],
    ['１２３４．５', num(1234.5)],
    ['.5', num(0.5)],
    ['5.', num(5)],
    ['1e3', num(1000)],
    ['2.5E-3', num(0.0025)],
    ['12。5', num(12.5)],
    // a leading apostrophe keeps a number as text in a spreadsheet; the number is still what was meant
    ["'93", num(93)],
    ["' 1,200", num(1200)],
    ['93\u00a0', num(93)],
    // percentages
    ['98%', pct(98)],
    ['98 %', pct(98)],
    ['９８％', pct(98)],
    ['100 %', pct(100)],
    ['-2.5%', pct(-2.5)],
    ['0.5%', pct(0.5)],
    // glued units
    ['735人次', num(735, '人次')],
    ['735 人次', num(735, '人次')],
    ['3天', num(3, '天')],
    ['12.5万元', num(12.5, '万元')],
    ['1,200元', num(1200, '元')],
    ['20元/人', num(20, '元/人')],
    ['2024年', num(2024, '年')],
    // not numbers
    ['约100', text('约100')],
    ['人次735', text('人次735')],
    ['¥100', text('¥100')],
    ['1,2', text('1,2')],
    ['1,2345', text('1,2345')],
    ['3-5天', text('3-5天')],
    ['2023-01-01', text('2023-01-01')],
    ['1.2.3', text('1.2.3')],
    ['98%以上', text('98%以上')],
    ['3个月内完成全部验收工作', text('3个月内完成全部验收工作')],
    ['1' + '0'.repeat(400), text('1' + '0'.repeat(400))],
    ['良好', text('良好')],
    ['+', text('+')],
    ['%', text('%')],
    // placeholders
    ['*', placeholder('*')],
    ['/', placeholder('/')],
    ['／', placeholder('/')],
    ['无', placeholder('无')],
    ['-', placeholder('-')],
    ['—', placeholder('—')],
    ['——', placeholder('——')],
    ['略', placeholder('略')],
    ['暂无', placeholder('暂无')],
    ['N/A', placeholder('N/A')],
    ['n/a', placeholder('n/a')],
    ['不适用', placeholder('不适用')],
    [' 无 ', placeholder('无')],
    // errors
    ['#DIV/0!', { kind: 'error', code: '#DIV/0!' }],
    ['#N/A', { kind: 'error', code: '#N/A' }],
    ['#VALUE!', { kind: 'error', code: '#VALUE!' }],
    ['#REF!', { kind: 'error', code: '#REF!' }],
    ['#NAME?', { kind: 'error', code: '#NAME?' }],
    ['#NUM!', { kind: 'error', code: '#NUM!' }],
    ['#NULL!', { kind: 'error', code: '#NULL!' }],
    ['#SPILL!', { kind: 'error', code: '#SPILL!' }],
    ['#CALC!', { kind: 'error', code: '#CALC!' }],
    ['#GETTING_DATA', { kind: 'error', code: '#GETTING_DATA' }],
    ['＃ＤＩＶ／０！', { kind: 'error', code: '#DIV/0!' }],
    ['#div/0!', { kind: 'error', code: '#DIV/0!' }],
  ])('readCell(%j)', (raw, expected) => {
    expect(readCell(raw)).toEqual(expected);
  });

  it('keeps a negative zero typed as text a zero', () => {
    expect(numberOf(readCell('-0'))).toBe(-0);
  });
});

describe('numberOf', () => {
  it.each<[Reading, number | null]>([
    [num(3), 3],
    [pct(98), 98],
    [text('3'), null],
    [blank, null],
    [placeholder('无'), null],
    [{ kind: 'error', code: '#N/A' }, null],
  ])('numberOf(%j) is %j', (reading, expected) => {
    expect(numberOf(reading)).toBe(expected);
  });
});

describe('parseOperator', () => {
  it.each<[CellScalar | undefined, Operator | null]>([
    ['≥', '≥'],
    ['≧', '≥'],
    ['>=', '≥'],
    ['＞＝', '≥'],
    ['> =', '≥'],
    ['不少于', '≥'],
    ['不低于', '≥'],
    ['正向', '≥'],
    ['正向指标', '≥'],
    ['大于等于', '≥'],
    ['≤', '≤'],
    ['≦', '≤'],
    ['<=', '≤'],
    ['＜＝', '≤'],
    ['不超过', '≤'],
    ['不高于', '≤'],
    ['反向', '≤'],
    ['=', '='],
    ['═', '='],
    ['＝', '='],
    ['==', '='],
    ['等于', '='],
    ['>', '>'],
    ['＞', '>'],
    ['大于', '>'],
    ['高于', '>'],
    ['<', '<'],
    ['＜', '<'],
    ['小于', '<'],
    ['低于', '<'],
    ['定性', '定性'],
    ['定性指标', '定性'],
    [' ≥ ', '≥'],
    ['定量', null],
    ['≥95', null],
    ['', null],
    [null, null],
    [5, null],
    [true, null],
  ])('parseOperator(%j) is %j', (raw, expected) => {
    expect(parseOperator(raw)).toBe(expected);
  });
});

describe('readTarget', () => {
  it.each<[CellScalar | undefined, Operator | null, Reading]>([
    ['≥95%', '≥', pct(95)],
    ['≦ 3天', '≤', num(3, '天')],
    ['不少于500人次', '≥', num(500, '人次')],
    ['＞＝９８％', '≥', pct(98)],
    ['> = 98%', '≥', pct(98)],
    ['大于等于90%', '≥', pct(90)],
    ['═100%', '=', pct(100)],
    ['＜5', '<', num(5)],
    ['≤-1', '≤', num(-1)],
    ['95%以上', '≥', pct(95)],
    ['90%及以上', '≥', pct(90)],
    ['3天以内', '≤', num(3, '天')],
    ['5%以下', '≤', pct(5)],
    ['定性', '定性', blank],
    ['定性：优', '定性', text('优')],
    ['≥', '≥', blank],
    ['高于上年', '>', text('上年')],
    ['98%', null, pct(98)],
    [0.95, null, num(0.95)],
    ['明显提升', null, text('明显提升')],
    ['无', null, placeholder('无')],
    [null, null, blank],
  ])('readTarget(%j)', (raw, operator, reading) => {
    const { spelling, ...read } = readTarget(raw);
    expect(read).toEqual({ operator, reading });
    expect(spelling === null).toBe(operator === null);
  });

  it.each([
    ['≥95%', '≥', 'symbol'],
    ['﹦300天', '=', 'symbol'],
    ['﹥3万人次', '>', 'symbol'],
    ['≤620万/月', '≤', 'symbol'],
    ['达到95%', '≥', 'word'],
    ['不低于95%', '≥', 'word'],
    ['不超过100万元', '≤', 'word'],
    ['不高于5%', '≤', 'word'],
    ['95%以上', '≥', 'word'],
    ['3天及以内', '≤', 'word'],
    ['98%', null, null],
  ])('readTarget(%j) says how the operator was written', (raw, operator, spelling) => {
    const read = readTarget(raw);
    expect(read.operator).toBe(operator);
    expect(read.spelling).toBe(spelling);
    expect(read.reading.kind).toBe('number');
  });
});

describe('toPercentPoints', () => {
  it.each<[Reading, number | null]>([
    [pct(98), 98],
    [pct(0.5), 0.5],
    [num(98), 98],
    [num(0.98), 98],
    [num(1), 100],
    [num(0.07), 7],
    [num(-0.29), -29],
    [num(1.1), 1.1],
    [num(0), 0],
    [text('98'), null],
    [blank, null],
  ])('toPercentPoints(%j) is %j', (reading, expected) => {
    expect(toPercentPoints(reading)).toBe(expected);
  });

  it('reads the ways a 98% target is typed alike', () => {
    const points = ['98%', '９８％', '98 %', 98, 0.98].map((raw) => toPercentPoints(readCell(raw)));
    expect(new Set(points)).toEqual(new Set([98]));
  });
});

describe('readAmount', () => {
  it.each<[CellScalar | undefined, MoneyUnit | undefined, Amount | null]>([
    ['12,345.6元', undefined, { wan: 1.23456, unit: '元', explicitUnit: true }],
    ['3.5万元', undefined, { wan: 3.5, unit: '万元', explicitUnit: true }],
    ['3.5万', undefined, { wan: 3.5, unit: '万元', explicitUnit: true }],
    ['3.5 万元', '元', { wan: 3.5, unit: '万元', explicitUnit: true }],
    [3.5, undefined, { wan: 3.5, unit: '万元', explicitUnit: false }],
    [35000, '元', { wan: 3.5, unit: '元', explicitUnit: false }],
    ['35,000', '元', { wan: 3.5, unit: '元', explicitUnit: false }],
    ['１２０万元', undefined, { wan: 120, unit: '万元', explicitUnit: true }],
    ['¥35,000', undefined, { wan: 3.5, unit: '元', explicitUnit: true }],
    ['￥3.5万元', undefined, { wan: 3.5, unit: '万元', explicitUnit: true }],
    ['-1,000元', undefined, { wan: -0.1, unit: '元', explicitUnit: true }],
    ['3.5亿元', undefined, null],
    ['35人次', undefined, null],
    ['98%', undefined, null],
    ['无', undefined, null],
    ['', undefined, null],
    [null, undefined, null],
    [true, undefined, null],
    [Number.NaN, undefined, null],
    ['三万元', undefined, null],
  ])('readAmount(%j, %j)', (raw, unit, expected) => {
    expect(readAmount(raw, unit)).toEqual(expected);
  });
});

describe('properties', () => {
  const anyString = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.string({ unit: 'grapheme' }),
    fc.stringMatching(
      /^[≥≤><=＞＜＝≧≦═ 不少于低超过高正反向定性以上下内]{0,4}[-+−]?[0-9０-９,，.．]{0,12}[%％ 万元人次天]{0,3}$/,
    ),
  );
  const anyNumber = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(Number.NaN, Infinity, -Infinity, -0));
  const anyCell: fc.Arbitrary<CellScalar | undefined> = fc.oneof(
    anyString,
    anyNumber,
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
  );

  it('never throws, whatever a cell holds', () => {
    fc.assert(
      fc.property(anyCell, (raw) => {
        readCell(raw);
        readTarget(raw);
        parseOperator(raw);
        readAmount(raw);
        readAmount(raw, '元');
        labelKey(raw);
        cellText(raw);
        isBlank(raw);
      }),
      { numRuns: 2000 },
    );
  });

  it('never lets NaN or an infinity out as a number', () => {
    fc.assert(
      fc.property(anyCell, (raw) => {
        const values = [
          numberOf(readCell(raw)),
          numberOf(readTarget(raw).reading),
          readAmount(raw)?.wan ?? 0,
        ];
        return values.every((v) => v === null || Number.isFinite(v));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads back every finite number from its text', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        const reading = readCell(String(n));
        return reading.kind === 'number' && reading.value === n && !reading.percent && reading.unit === null;
      }),
    );
  });

  it('reads a full-width number as the half-width one', () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.constantFrom('', '%', '人次'),
        (n, unit) => {
          const half = String(n) + unit;
          expect(readCell(toFullWidth(half))).toEqual(readCell(half));
          expect(readTarget(toFullWidth('>=' + half))).toEqual(readTarget('>=' + half));
        },
      ),
    );
  });

  it('reads numbers grouped by thousands as the plain ones', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => {
        const grouped = n.toLocaleString('en-US');
        return numberOf(readCell(grouped)) === n;
      }),
    );
  });

  it('gives the same key whatever spacing and brackets a label carries', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[\u4e00-\u9fa5]{1,8}$/),
        fc.constantFrom(' ', '\u3000', '（', ')', '：', '*'),
        (label, noise) => {
          const noisy = noise + [...label].join(noise) + noise;
          return labelKey(noisy) === labelKey(label);
        },
      ),
    );
  });
});
