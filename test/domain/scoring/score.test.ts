import fc from 'fast-check';
import {
  bandTop,
  excelRound,
  exAnteConclusionOf,
  findTier,
  gradeOf,
  keyRate,
  keyRateKindOf,
  keyScore,
  monitoringLight,
  roundPer,
  scoreBudget,
  scoreExAnte,
  scoreIndicatorRow,
  scoreQualitative,
  scoreQuantitative,
  tierBand,
  totalOf,
} from '../../../src/domain/scoring/score';
import type { Operator } from '../../../src/domain/grid/parse';
import type { Profile, QualitativeTierSetting } from '../../../src/domain/profiles/profile-schema';
import { BOTH, DEFAULT, HUBEI, tableRow, withReverse, withRounding } from './helpers';

type Quantitative = Exclude<Operator, '定性'>;

function tier(p: Profile, index: number): QualitativeTierSetting {
  const found = p.qualitativeTiers[index];
  if (found === undefined) throw new Error(`tier ${index} missing`);
  return found;
}

describe('roundPer / excelRound: Excel ROUND and ROUNDDOWN', () => {
  const TRUNCATE = withRounding(DEFAULT, { mode: 'truncate' });
  it.each([
    [2.675, 2, 2.68],
    [1.005, 2, 1.01],
    [-2.675, 2, -2.68],
    [89.995, 2, 90],
    [0.125, 2, 0.13],
    [8.5, 0, 9],
    [-8.5, 0, -9],
    [1234.5678, 3, 1234.568],
    [0.1 + 0.2, 2, 0.3],
  ])('round %p to %p digits -> %p', (value, digits, expected) => {
    expect(roundPer(value, digits, DEFAULT)).toBe(expected);
  });

  it.each([
    [2.679, 2, 2.67],
    [89.995, 2, 89.99],
    [99.1, 0, 99],
    [-2.679, 2, -2.67],
    // 4.35 × 100 is 434.99999999999994 in binary; Excel shows and truncates 435.
    [4.35 * 100, 0, 435],
    [0.1 + 0.2, 1, 0.3],
  ])('truncate %p to %p digits -> %p', (value, digits, expected) => {
    expect(roundPer(value, digits, TRUNCATE)).toBe(expected);
  });

  it('never returns -0', () => {
    expect(Object.is(excelRound(-0.001, 2, 'round'), 0)).toBe(true);
    expect(Object.is(excelRound(-0.009, 2, 'truncate'), 0)).toBe(true);
  });

  it('leaves huge and non-finite values alone', () => {
    expect(excelRound(1e20, 2, 'round')).toBe(1e20);
    expect(excelRound(Infinity, 2, 'round')).toBe(Infinity);
  });
});

describe('scoreQuantitative (w = 10)', () => {
  // [operator, target, actual, default (R1), hubei (R1)]
  const cases: [Quantitative, number, number, number, number][] = [
    ['≥', 100, 80, 8, 8],
    ['≥', 100, 100, 10, 10],
    ['≥', 100, 150, 10, 10], // over-achievement: full marks, never more
    ['≥', 3, 1, 3.33, 3.33],
    ['≥', 3, 2, 6.67, 6.67],
    ['≥', 100, -5, 0, 0], // negative actual counts as 0
    ['≥', 0, 0, 10, 10], // T = 0: any A ≥ 0 meets it
    ['≥', 0, 5, 10, 10],
    ['≥', 0, -5, 10, 10],
    ['≥', -10, 0, 10, 10],
    ['>', 100, 50, 5, 5],
    ['>', 100, 100, 10, 10],
    ['=', 100, 90, 9, 9],
    ['=', 100, 110, 10, 10],
    ['=', 0, 0, 10, 10],
    ['=', 0, 1, 0, 0],
    ['=', 0, -3, 10, 10],
    ['≤', 100, 80, 10, 10],
    ['≤', 100, 100, 10, 10],
    ['≤', 100, 150, 6.67, 6.67], // R1: w·T/A
    ['≤', 100, 200, 5, 5],
    ['≤', 100, 400, 2.5, 2.5],
    ['≤', 0, 0, 10, 10],
    ['≤', 0, 5, 0, 0],
    ['≤', 100, -5, 10, 10],
    ['<', 3, 4, 7.5, 7.5],
  ];
  it.each(cases)(
    '%s T=%p A=%p -> default %p, hubei %p',
    (operator, target, actual, expectedDefault, expectedHubei) => {
      expect(scoreQuantitative({ operator, target, actual, weight: 10 }, DEFAULT)).toBe(expectedDefault);
      expect(scoreQuantitative({ operator, target, actual, weight: 10 }, HUBEI)).toBe(expectedHubei);
    },
  );

  // The reverse rule is a setting: R1 (ratio) and R2 (linear) disagree at A = 1.5T.
  const reverse: [number, number, number, number][] = [
    // [T, A, ratio, linear]
    [100, 150, 6.67, 5],
    [100, 120, 8.33, 8],
    [100, 200, 5, 0],
    [100, 300, 3.33, 0],
    [100, 100, 10, 10],
    [100, 50, 10, 10],
    [0, 5, 0, 0],
    [0, 0, 10, 10],
  ];
  it.each(BOTH)('%s: reverse R1 vs R2', (_name, p) => {
    for (const [target, actual, ratio, linear] of reverse) {
      expect(scoreQuantitative({ operator: '≤', target, actual, weight: 10 }, withReverse(p, 'ratio'))).toBe(
        ratio,
      );
      expect(scoreQuantitative({ operator: '≤', target, actual, weight: 10 }, withReverse(p, 'linear'))).toBe(
        linear,
      );
    }
  });

  it.each(BOTH)('%s: weight 0 or negative scores 0', (_name, p) => {
    expect(scoreQuantitative({ operator: '≥', target: 10, actual: 10, weight: 0 }, p)).toBe(0);
    expect(scoreQuantitative({ operator: '≥', target: 10, actual: 10, weight: -5 }, p)).toBe(0);
  });

  it('rounds per the profile', () => {
    const truncate = withRounding(DEFAULT, { mode: 'truncate' });
    expect(scoreQuantitative({ operator: '≥', target: 3, actual: 2, weight: 10 }, truncate)).toBe(6.66);
    const integer = withRounding(DEFAULT, { scoreDigits: 0 });
    expect(scoreQuantitative({ operator: '≥', target: 100, actual: 86.2, weight: 10 }, integer)).toBe(9);
  });

  it('never rounds a full score above a weight with more decimals than the profile keeps', () => {
    expect(scoreQuantitative({ operator: '≥', target: 1, actual: 1, weight: 3.145 }, DEFAULT)).toBe(3.145);
  });
});

describe('property: every score lies within [0, weight]', () => {
  const finite = fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer({ min: -1000, max: 1000 }),
    fc.constantFrom(0, -0, 1, -1, 0.5, 100),
  );
  const profiles = [
    DEFAULT,
    HUBEI,
    withReverse(DEFAULT, 'linear'),
    withRounding(HUBEI, { mode: 'truncate' }),
  ];
  const operators: Quantitative[] = ['≥', '>', '=', '≤', '<'];

  it('quantitative, any operator, target, actual and weight, both profiles and both reverse rules', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...operators),
        finite,
        finite,
        finite,
        fc.constantFrom(...profiles),
        (operator, target, actual, weight, p) => {
          const score = scoreQuantitative({ operator, target, actual, weight }, p);
          expect(Number.isNaN(score)).toBe(false);
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(Math.max(weight, 0));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('qualitative, any stated score and weight: inside the tier band and [0, weight]', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 }),
        finite,
        finite,
        fc.constantFrom(...profiles),
        (index, stated, weight, p) => {
          const t = tier(p, index);
          const score = scoreQualitative({ tier: t, stated, weight }, p);
          expect(Number.isNaN(score)).toBe(false);
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(Math.max(weight, 0));
          if (weight > 0 && weight < 1e6) {
            const band = tierBand(t, weight, p);
            expect(score).toBeGreaterThanOrEqual(Math.min(band.min, weight));
            expect(score).toBeLessThanOrEqual(bandTop(band, p));
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('whole rows with arbitrary cell content never give NaN or a score outside [0, weight]', () => {
    const cell = fc.oneof(
      finite,
      fc.constantFrom(null, '', '95%', '≥90%', '≤3天', '达成', '部分达成', '*', 'abc', '#DIV/0!'),
    );
    fc.assert(
      fc.property(
        fc.constantFrom('≥', '>', '=', '≤', '<', '定性', '', '正向', '反向'),
        cell,
        fc.constantFrom('%', '人次', '', null),
        cell,
        finite,
        cell,
        cell,
        fc.constantFrom(...profiles),
        (operator, target, unit, actual, weight, tierCell, qualitativeScore, p) => {
          const result = scoreIndicatorRow(
            tableRow({ operator, target, unit, actual, weight, tier: tierCell, qualitativeScore }),
            p,
          );
          if (result.score === null) {
            expect(result.unscorable).not.toBeNull();
          } else {
            expect(Number.isNaN(result.score)).toBe(false);
            expect(result.score).toBeGreaterThanOrEqual(0);
            expect(result.score).toBeLessThanOrEqual(Math.max(weight, 0));
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('scoreBudget', () => {
  it.each(BOTH)('%s: rate × weight, capped, unscorable without a budget', (_name, p) => {
    const w = p.weights.budget;
    expect(scoreBudget({ budget: 100, executed: 95, weight: w }, p)).toEqual({
      kind: 'scored',
      score: 0.95 * w,
    });
    // Executed above budget: full marks, never more.
    expect(scoreBudget({ budget: 100, executed: 120, weight: w }, p)).toEqual({ kind: 'scored', score: w });
    expect(scoreBudget({ budget: 0, executed: 5, weight: w }, p)).toEqual({
      kind: 'unscorable',
      reason: 'zero_budget',
    });
    expect(scoreBudget({ budget: null, executed: 5, weight: w }, p)).toEqual({
      kind: 'unscorable',
      reason: 'zero_budget',
    });
    expect(scoreBudget({ budget: -10, executed: 5, weight: w }, p)).toEqual({
      kind: 'unscorable',
      reason: 'zero_budget',
    });
    expect(scoreBudget({ budget: 100, executed: null, weight: w }, p)).toEqual({
      kind: 'unscorable',
      reason: 'missing_actual',
    });
    expect(scoreBudget({ budget: 100, executed: -3, weight: w }, p)).toEqual({ kind: 'scored', score: 0 });
  });

  it('matches published examples: 98 % of 20 is 19.6 (湖北); 86.2 % of 10 is 8.62; integer rounding gives 9', () => {
    expect(scoreBudget({ budget: 100, executed: 98, weight: 20 }, HUBEI)).toEqual({
      kind: 'scored',
      score: 19.6,
    });
    expect(scoreBudget({ budget: 1000, executed: 862, weight: 10 }, DEFAULT)).toEqual({
      kind: 'scored',
      score: 8.62,
    });
    const integer = withRounding(DEFAULT, { scoreDigits: 0 });
    expect(scoreBudget({ budget: 1000, executed: 862, weight: 10 }, integer)).toEqual({
      kind: 'scored',
      score: 9,
    });
    const truncate = withRounding(integer, { mode: 'truncate' });
    expect(scoreBudget({ budget: 1000, executed: 991, weight: 10 }, truncate)).toEqual({
      kind: 'scored',
      score: 9,
    });
  });
});

describe('qualitative tiers', () => {
  it.each([
    ['达成', 0],
    ['达成年度指标', 0],
    [' 达成预期指标 ', 0],
    ['部分达成', 1],
    ['部分达成年度指标并具有一定效果', 1],
    ['未达成', 2],
    ['未达成预期指标', 2],
  ])('default reads %p as tier %p', (text, index) => {
    expect(findTier(text, DEFAULT)).toBe(tier(DEFAULT, index));
  });

  it.each([
    ['达成预期指标', 0],
    ['达成年度指标', 0],
    ['部分达成预期指标并具有一定效果', 1],
    ['未达成', 2],
  ])('hubei reads %p as tier %p', (text, index) => {
    expect(findTier(text, HUBEI)).toBe(tier(HUBEI, index));
  });

  it('reads nothing else as a tier', () => {
    expect(findTier(null, DEFAULT)).toBeNull();
    expect(findTier('', DEFAULT)).toBeNull();
    expect(findTier('按时完成', DEFAULT)).toBeNull();
    expect(findTier('达', DEFAULT)).toBeNull();
  });

  it('bands in points: default 8–10 / 6–8 / 0–6, hubei 8–10 / 5–8 / 0–5 for w = 10', () => {
    expect(tierBand(tier(DEFAULT, 0), 10, DEFAULT)).toEqual({ min: 8, max: 10, maxInclusive: true });
    expect(tierBand(tier(DEFAULT, 1), 10, DEFAULT)).toEqual({ min: 6, max: 8, maxInclusive: false });
    expect(tierBand(tier(HUBEI, 1), 10, HUBEI)).toEqual({ min: 5, max: 8, maxInclusive: false });
    expect(tierBand(tier(DEFAULT, 0), 7, DEFAULT)).toEqual({ min: 5.6, max: 7, maxInclusive: true });
    expect(tierBand(tier(DEFAULT, 1), 3.33, DEFAULT)).toEqual({ min: 2, max: 2.66, maxInclusive: false });
  });

  // [tier index, stated, default, hubei] for w = 10
  const cases: [number, number, number, number][] = [
    [0, 9, 9, 9],
    [0, 8, 8, 8], // exactly 80 % of the weight is still 达成
    [0, 7.99, 8, 8], // just below: lifted into the band
    [0, 12, 10, 10],
    [1, 7.99, 7.99, 7.99],
    [1, 8, 7.99, 7.99], // the band's top is open
    [1, 6, 6, 6],
    [1, 5.5, 6, 5.5],
    [1, 4, 6, 5],
    [2, 6, 5.99, 4.99],
    [2, 5, 5, 4.99],
    [2, 5.99, 5.99, 4.99],
    [2, -1, 0, 0],
    [2, 3.456, 3.46, 3.46],
  ];
  it.each(cases)(
    'tier %p stated %p -> default %p, hubei %p',
    (index, stated, expectedDefault, expectedHubei) => {
      expect(scoreQualitative({ tier: tier(DEFAULT, index), stated, weight: 10 }, DEFAULT)).toBe(
        expectedDefault,
      );
      expect(scoreQualitative({ tier: tier(HUBEI, index), stated, weight: 10 }, HUBEI)).toBe(expectedHubei);
    },
  );

  it('with whole-number scores the open top is one point below', () => {
    const integer = withRounding(DEFAULT, { scoreDigits: 0 });
    expect(scoreQualitative({ tier: tier(integer, 1), stated: 8, weight: 10 }, integer)).toBe(7);
  });
});

describe('grades, totals, conclusions', () => {
  it.each(BOTH)('%s: grade edges', (_name, p) => {
    const table: [number, string][] = [
      [100, '优'],
      [90, '优'],
      [89.99, '良'],
      [80, '良'],
      [79.99, '中'],
      [60, '中'],
      [59.99, '差'],
      [0, '差'],
      [-5, '差'],
    ];
    for (const [total, grade] of table) expect(gradeOf(total, p)).toBe(grade);
  });

  it('takes the grade from the rounded total: 89.995 is 90.00 (优) when rounding, 89.99 (良) when truncating', () => {
    const threeDigits = withRounding(DEFAULT, { scoreDigits: 3 });
    const total = totalOf([9.995, 80], threeDigits);
    expect(total).toBe(90);
    expect(gradeOf(total ?? -1, threeDigits)).toBe('优');
    const truncate = withRounding(threeDigits, { mode: 'truncate' });
    const truncated = totalOf([9.995, 80], truncate);
    expect(truncated).toBe(89.99);
    expect(gradeOf(truncated ?? -1, truncate)).toBe('良');
  });

  it('totals: null without any score, sums the scored parts, removes binary noise', () => {
    expect(totalOf([], DEFAULT)).toBeNull();
    expect(totalOf([null, null], DEFAULT)).toBeNull();
    expect(totalOf([0.1, 0.2, null], DEFAULT)).toBe(0.3);
    expect(totalOf([9.5, 50, 30, 10], DEFAULT)).toBe(99.5);
  });

  it.each(BOTH)('%s: ex-ante conclusions', (_name, p) => {
    expect(exAnteConclusionOf(100, p)).toBe('予以支持');
    expect(exAnteConclusionOf(80, p)).toBe('予以支持');
    expect(exAnteConclusionOf(79.99, p)).toBe('调整完善后予以支持');
    expect(exAnteConclusionOf(60, p)).toBe('调整完善后予以支持');
    expect(exAnteConclusionOf(59.99, p)).toBe('不予支持');
  });

  it('ex-ante scores: weight × factor; null for an unknown rating', () => {
    expect(scoreExAnte({ weight: 5, rating: '优' }, DEFAULT)).toBe(5);
    expect(scoreExAnte({ weight: 5, rating: '良' }, DEFAULT)).toBe(4);
    expect(scoreExAnte({ weight: 5, rating: '中' }, DEFAULT)).toBe(3);
    expect(scoreExAnte({ weight: 5, rating: '差' }, DEFAULT)).toBe(2);
    expect(scoreExAnte({ weight: 3.33, rating: '良' }, DEFAULT)).toBe(2.66);
    expect(scoreExAnte({ weight: 5, rating: '好' }, DEFAULT)).toBeNull();
    expect(scoreExAnte({ weight: 5, rating: null }, DEFAULT)).toBeNull();
  });
});

describe('key evaluation', () => {
  it('rates', () => {
    expect(keyRate('funds-in-place', 90, 100)).toBe(0.9);
    expect(keyRate('budget-execution', 100, 80)).toBe(1.25);
    expect(keyRate('cost-saving', 90, 100)).toBe(0.1);
    expect(keyRate('cost-saving', 110, 100)).toBe(-0.1);
    expect(keyRate('completion', 5, 0)).toBeNull();
    expect(keyRate('quality', null, 10)).toBeNull();
  });

  it('scores', () => {
    expect(keyScore({ kind: 'completion', weight: 10, rate: 1.2 }, DEFAULT)).toBe(10);
    expect(keyScore({ kind: 'completion', weight: 10, rate: 0.8534 }, DEFAULT)).toBe(8.53);
    expect(keyScore({ kind: 'quality', weight: 10, rate: -0.2 }, DEFAULT)).toBe(0);
    expect(keyScore({ kind: 'cost-saving', weight: 10, rate: 0.1 }, DEFAULT)).toBe(10);
    expect(keyScore({ kind: 'cost-saving', weight: 10, rate: 0 }, DEFAULT)).toBe(10);
    expect(keyScore({ kind: 'cost-saving', weight: 10, rate: -0.1 }, DEFAULT)).toBe(9);
    expect(keyScore({ kind: 'cost-saving', weight: 10, rate: -3 }, DEFAULT)).toBe(0);
  });

  it('recognises the formula indicators by their 三级 name', () => {
    expect(keyRateKindOf('资金到位率')).toBe('funds-in-place');
    expect(keyRateKindOf('预算执行率（%）')).toBe('budget-execution');
    expect(keyRateKindOf('实际完成率')).toBe('completion');
    expect(keyRateKindOf('质量达标率')).toBe('quality');
    expect(keyRateKindOf('成本节约率')).toBe('cost-saving');
    expect(keyRateKindOf('立项依据充分性')).toBeNull();
    expect(keyRateKindOf(null)).toBeNull();
  });
});

describe('monitoringLight', () => {
  it.each(BOTH)('%s: red below 60, yellow below 80, else green', (_name, p) => {
    expect(monitoringLight({ budget: 100, executed: 30, month: 6 }, p)).toBe('黄');
    expect(monitoringLight({ budget: 100, executed: 29.99, month: 6 }, p)).toBe('红');
    expect(monitoringLight({ budget: 100, executed: 40, month: 6 }, p)).toBe('绿');
    expect(monitoringLight({ budget: 100, executed: 39.99, month: 6 }, p)).toBe('黄');
    // 35 / 100 ÷ 7/12 is 60.00000000000001 in binary; the spreadsheet shows 60.
    expect(monitoringLight({ budget: 100, executed: 35, month: 7 }, p)).toBe('黄');
    expect(monitoringLight({ budget: 0, executed: 30, month: 6 }, p)).toBeNull();
    expect(monitoringLight({ budget: 100, executed: 30, month: 0 }, p)).toBeNull();
    expect(monitoringLight({ budget: 100, executed: null, month: 6 }, p)).toBeNull();
  });
});

describe('scoreIndicatorRow', () => {
  const base = { level1: '产出指标', level3: '培训人次', weight: 10 };
  // [cells, default score, hubei score, unscorable reason]
  const cases: [string, Parameters<typeof tableRow>[0], number | null, number | null, string | null][] = [
    ['operator column, % typed on both', { operator: '≥', target: '95%', actual: '98%' }, 10, 10, null],
    ['operator in the target, % unit', { target: '≥95%', unit: '%', actual: 0.9 }, 9.47, 9.47, null],
    ['% unit, fraction actual', { operator: '≥', target: 95, unit: '%', actual: 0.98 }, 10, 10, null],
    ['% unit, fraction target', { operator: '≥', target: 0.95, unit: '%', actual: 90 }, 9.47, 9.47, null],
    ['full-width % unit', { operator: '≥', target: 0.95, unit: '％', actual: 90 }, 9.47, 9.47, null],
    ['glued units, reverse in the target', { target: '≤3天', actual: '4天' }, 7.5, 7.5, null],
    ['正向 as ≥', { operator: '正向', target: 100, actual: 50 }, 5, 5, null],
    ['反向 as ≤', { operator: '反向', target: 100, actual: 200 }, 5, 5, null],
    ['negative actual on ≥', { operator: '≥', target: 100, actual: -5 }, 0, 0, null],
    ['negative actual on ≤', { operator: '≤', target: 100, actual: -5 }, 10, 10, null],
    ['定性 tier and typed score', { operator: '定性', tier: '达成', qualitativeScore: 9 }, 9, 9, null],
    [
      '定性 score above the open top',
      { operator: '定性', tier: '部分达成', qualitativeScore: 9 },
      7.99,
      7.99,
      null,
    ],
    [
      '定性 score below the band',
      { operator: '定性', tier: '部分达成', qualitativeScore: 5.5 },
      6,
      5.5,
      null,
    ],
    [
      '定性 tier from the actual, score column typed',
      { operator: '定性', actual: '达成年度指标', score: 8.5 },
      8.5,
      8.5,
      null,
    ],
    [
      '定性 without operator, tier column',
      { target: '有效提升', tier: '未达成', qualitativeScore: 5 },
      5,
      4.99,
      null,
    ],
    [
      '定性 without a tier',
      { operator: '定性', actual: '按计划推进', qualitativeScore: 9 },
      null,
      null,
      'missing_tier',
    ],
    [
      '定性 score only from our formula',
      { operator: '定性', tier: '达成', score: { formula: '=X1', value: 9 } },
      null,
      null,
      'missing_score',
    ],
    // Written nowhere: a lower bound is assumed (the row says so in an info issue).
    ['no operator anywhere', { target: 95, actual: 90 }, 9.47, 9.47, null],
    ['no operator and a text target', { target: '按计划完成', actual: 90 }, null, null, 'missing_operator'],
    [
      'no operator while our formula needs the column',
      { target: 95, actual: 90, score: { formula: '=X1' } },
      null,
      null,
      'missing_operator',
    ],
    ['target blank', { operator: '≥', actual: 90 }, null, null, 'missing_target'],
    ['target placeholder', { operator: '≥', target: '*', actual: 90 }, null, null, 'missing_target'],
    ['target text', { operator: '≥', target: '较好', actual: 90 }, null, null, 'not_a_number'],
    ['actual blank', { operator: '≥', target: 95 }, null, null, 'missing_actual'],
    ['actual error value', { operator: '≥', target: 95, actual: '#DIV/0!' }, null, null, 'not_a_number'],
  ];
  it.each(cases)('%s', (_name, cells, expectedDefault, expectedHubei, reason) => {
    const row = tableRow({ ...base, ...cells });
    const fromDefault = scoreIndicatorRow(row, DEFAULT);
    const fromHubei = scoreIndicatorRow(row, HUBEI);
    expect(fromDefault.score).toBe(expectedDefault);
    expect(fromHubei.score).toBe(expectedHubei);
    expect(fromDefault.unscorable).toBe(reason);
    expect(fromDefault.level1).toBe('产出指标');
    expect(fromDefault.name).toBe('培训人次');
    expect(fromDefault.weight).toBe(10);
  });

  it('weight missing or not a number', () => {
    expect(scoreIndicatorRow(tableRow({ operator: '≥', target: 1, actual: 1 }), DEFAULT).unscorable).toBe(
      'missing_weight',
    );
    expect(
      scoreIndicatorRow(tableRow({ operator: '≥', target: 1, actual: 1, weight: '十' }), DEFAULT).unscorable,
    ).toBe('not_a_number');
  });

  it('states the score a person typed, not the value of our formula', () => {
    const typed = scoreIndicatorRow(
      tableRow({ operator: '≥', target: 100, actual: 90, weight: 10, score: 10 }),
      DEFAULT,
    );
    expect(typed.statedScore).toBe(10);
    expect(typed.score).toBe(9);
    const computed = scoreIndicatorRow(
      tableRow({ operator: '≥', target: 100, actual: 90, weight: 10, score: { formula: '=X1', value: 9 } }),
      DEFAULT,
    );
    expect(computed.statedScore).toBeNull();
    expect(computed.row).toBe(10);
  });
});

describe('rounding takes the decimal a spreadsheet shows before rounding', () => {
  it.each([
    [28.999999999999996, 0, 'truncate', 29],
    [0.1 + 0.7, 1, 'truncate', 0.8],
    [2.675, 2, 'round', 2.68],
    [1.005, 2, 'round', 1.01],
    [4.35, 1, 'truncate', 4.3],
    [89.995, 2, 'round', 90],
    [-2.675, 2, 'round', -2.68],
  ] as const)('%p to %p digits (%s) is %p', (value, digits, mode, expected) => {
    expect(excelRound(value, digits, mode)).toBe(expected);
  });
});

describe('fast rounding agrees with rounding the shown decimal', () => {
  /** The reference: shift the 15-significant-digit decimal text, as a spreadsheet does. */
  function reference(value: number, digits: number, mode: 'round' | 'truncate'): number {
    const shown = Number(Math.abs(value).toPrecision(15));
    const scaled = Number((shown * 10 ** digits).toPrecision(15));
    const whole = mode === 'round' ? Math.floor(scaled + 0.5) : Math.floor(scaled);
    const result = Number((whole / 10 ** digits).toPrecision(15));
    return value < 0 && result !== 0 ? -result : result;
  }

  it('for any finite value, 0–4 digits, both modes', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ min: -1e6, max: 1e6, noNaN: true }),
          fc.integer({ min: -10_000_000, max: 10_000_000 }).map((n) => n / 1000),
          fc.integer({ min: -10_000_000, max: 10_000_000 }).map((n) => n / 1000 + 0.0005),
        ),
        fc.integer({ min: 0, max: 4 }),
        fc.constantFrom('round' as const, 'truncate' as const),
        (value, digits, mode) => {
          expect(excelRound(value, digits, mode)).toBe(reference(value, digits, mode));
        },
      ),
      { numRuns: 20000 },
    );
  });
});
