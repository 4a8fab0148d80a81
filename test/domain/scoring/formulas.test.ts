/**
 * Formula twins: for random cell values each formula, evaluated by the test evaluator, gives what its
 * TypeScript twin computes ("" where the twin cannot score).
 */
import fc from 'fast-check';
import {
  budgetScoreFormula,
  conclusionFormula,
  exAnteScoreFormula,
  executionRateFormula,
  gradeFormula,
  indicatorScoreFormula,
  keyRateFormula,
  keyScoreFormula,
  monitoringLightFormula,
  recommendationFormula,
  totalFormula,
  type KeyRateKind,
} from '../../../src/domain/scoring/formulas';
import {
  exAnteConclusionOf,
  executionRate,
  gradeOf,
  keyRate,
  keyScore,
  monitoringLight,
  scoreBudget,
  scoreExAnte,
  scoreIndicatorRow,
  totalOf,
} from '../../../src/domain/scoring/score';
import type { Profile } from '../../../src/domain/profiles/profile-schema';
import { evaluateFormula, type CellMap, type CellValue, type Value } from './formula-eval';
import { DEFAULT, HUBEI, tableRow, withReverse, withRounding } from './helpers';

const PROFILES: readonly Profile[] = [
  DEFAULT,
  HUBEI,
  withReverse(DEFAULT, 'linear'),
  withRounding(HUBEI, { mode: 'truncate' }),
  withRounding(DEFAULT, { scoreDigits: 0, totalDigits: 0 }),
  withRounding(withReverse(HUBEI, 'linear'), { mode: 'truncate', scoreDigits: 3, totalDigits: 1 }),
];
const profileArb = fc.constantFrom(...PROFILES);

/**
 * Spreadsheets hold no subnormal doubles (Excel's smallest magnitude is about 2.2e-308 and smaller values
 * become 0), so a typed cell never carries one; 5e-324 × 0 style arithmetic is no case to compare.
 */
const SPREADSHEET_MIN_MAGNITUDE = 2.2250738585072014e-308;
const storable = (x: number): number => (Math.abs(x) < SPREADSHEET_MIN_MAGNITUDE ? 0 : x);

/** Numbers people type: integers, two-decimal values, fractions for % cells, and anything else finite. */
const number = fc.oneof(
  fc.integer({ min: -200, max: 200 }),
  fc.integer({ min: -20000, max: 20000 }).map((n) => n / 100),
  fc.double({ min: -1, max: 1, noNaN: true }).map(storable),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }).map(storable),
  fc.constantFrom(0, 1, 100, 0.8, 0.6, 0.5),
);
const numberOrBlank = fc.oneof(number, fc.constant(null));

/** A formula result as a cell holds it; "" where the formula gave up. */
function cellOf(value: number | string | null): number | string {
  return value ?? '';
}

function evaluate(formula: string, cells: CellMap): Value {
  const value = evaluateFormula(formula, cells);
  if (typeof value === 'object')
    throw new Error(`${formula} gave ${value.error} for ${JSON.stringify(cells)}`);
  return value;
}

const RUNS = { numRuns: 3000 };

describe('indicatorScoreFormula ↔ scoreIndicatorRow', () => {
  const refs = {
    operator: 'C5',
    target: 'D5',
    unit: 'E5',
    actual: 'F5',
    weight: 'G5',
    tier: 'H5',
    qualitativeScore: 'I5',
  };

  it.each(PROFILES.map((p, i) => [i, p] as const))('profile variant %p', (_i, p) => {
    const tierWords = p.qualitativeTiers.flatMap((t) => [t.tier, ...t.aliases]);
    const formula = indicatorScoreFormula(refs, p);
    expect(formula.startsWith('=')).toBe(true);
    expect(formula.length).toBeLessThan(8192);
    fc.assert(
      fc.property(
        fc.constantFrom('≥', '>', '=', '≤', '<', '定性', ''),
        numberOrBlank,
        fc.constantFrom('%', '人次', '', null),
        fc.oneof(numberOrBlank, fc.constantFrom(...tierWords), fc.constant('按计划完成')),
        numberOrBlank,
        fc.oneof(fc.constantFrom(null, '', '其他'), fc.constantFrom(...tierWords)),
        numberOrBlank,
        (operator, target, unit, actual, weight, tier, qualitativeScore) => {
          const cells: Record<string, CellValue> = {
            C5: operator,
            D5: target,
            E5: unit,
            F5: actual,
            G5: weight,
            H5: tier,
            I5: qualitativeScore,
          };
          const row = tableRow({
            operator,
            target,
            unit,
            actual,
            weight,
            tier,
            qualitativeScore,
            score: { formula },
          });
          expect(evaluate(formula, cells)).toBe(cellOf(scoreIndicatorRow(row, p).score));
        },
      ),
      RUNS,
    );
  });

  it('agrees on the edges named in the rules', () => {
    const edges: [string, number, string, number, number][] = [
      ['≤', 100, '', 150, 10],
      ['≤', 100, '', 200, 10],
      ['≥', 0, '', 0, 10],
      ['=', 0, '', 0, 10],
      ['=', 0, '', 1, 10],
      ['≥', 0.95, '%', 98, 10],
      ['≥', 95, '%', 0.9, 10],
      ['≥', 100, '', -5, 10],
      ['≤', 100, '', -5, 10],
      ['≥', 3, '', 2, 10],
    ];
    for (const p of PROFILES) {
      const formula = indicatorScoreFormula(refs, p);
      for (const [operator, target, unit, actual, weight] of edges) {
        const cells = { C5: operator, D5: target, E5: unit, F5: actual, G5: weight };
        const row = tableRow({ operator, target, unit, actual, weight, score: { formula } });
        expect(evaluate(formula, cells)).toBe(cellOf(scoreIndicatorRow(row, p).score));
      }
    }
  });
});

describe('funds formulas', () => {
  it('executionRateFormula ↔ executionRate', () => {
    const formula = executionRateFormula({ budget: 'B2', executed: 'C2' });
    fc.assert(
      fc.property(numberOrBlank, numberOrBlank, (budget, executed) => {
        expect(evaluate(formula, { B2: budget, C2: executed })).toBe(cellOf(executionRate(budget, executed)));
      }),
      RUNS,
    );
  });

  it('budgetScoreFormula ↔ scoreBudget', () => {
    fc.assert(
      fc.property(numberOrBlank, numberOrBlank, number, profileArb, (budget, executed, weight, p) => {
        const formula = budgetScoreFormula({ budget: 'B2', executed: 'C2', weight: 'D2' }, p);
        const result = scoreBudget({ budget, executed, weight }, p);
        const expected = result.kind === 'scored' ? result.score : '';
        expect(evaluate(formula, { B2: budget, C2: executed, D2: weight })).toBe(expected);
      }),
      RUNS,
    );
  });
});

describe('totals, grades, recommendations', () => {
  it('totalFormula ↔ totalOf, with cells and a range', () => {
    const part = fc.oneof(
      fc.integer({ min: 0, max: 5000 }).map((n) => n / 100),
      fc.integer({ min: 0, max: 50000 }).map((n) => n / 1000),
      fc.constant(null),
      fc.constant(''),
    );
    fc.assert(
      fc.property(fc.array(part, { minLength: 5, maxLength: 5 }), profileArb, (parts, p) => {
        const formula = totalFormula(['B1', 'B2:B4', 'B5'], p);
        const cells: Record<string, CellValue> = {};
        parts.forEach((value, i) => {
          cells[`B${i + 1}`] = value;
        });
        const numbers = parts.map((v) => (typeof v === 'number' ? v : null));
        expect(evaluate(formula, cells)).toBe(cellOf(totalOf(numbers, p)));
      }),
      RUNS,
    );
  });

  it('gradeFormula ↔ gradeOf', () => {
    const total = fc.oneof(
      fc.integer({ min: -1000, max: 11000 }).map((n) => n / 100),
      fc.constantFrom(90, 80, 60, 0, 89.99, 79.99, 59.99),
      fc.constant(null),
    );
    fc.assert(
      fc.property(total, profileArb, (value, p) => {
        expect(evaluate(gradeFormula('F30', p), { F30: value })).toBe(
          value === null ? '' : gradeOf(value, p),
        );
      }),
      RUNS,
    );
  });

  it('recommendationFormula ↔ the profile', () => {
    for (const p of PROFILES) {
      const formula = recommendationFormula('G30', p);
      for (const grade of ['优', '良', '中', '差'] as const) {
        expect(evaluate(formula, { G30: grade })).toBe(p.recommendations[grade]);
      }
      expect(evaluate(formula, { G30: '' })).toBe('');
      expect(evaluate(formula, { G30: null })).toBe('');
    }
  });
});

describe('ex-ante formulas', () => {
  it('exAnteScoreFormula ↔ scoreExAnte', () => {
    fc.assert(
      fc.property(
        numberOrBlank,
        fc.constantFrom('优', '良', '中', '差', '', null, '好'),
        profileArb,
        (weight, rating, p) => {
          const formula = exAnteScoreFormula({ weight: 'E7', rating: 'F7' }, p);
          const expected =
            weight === null ? null : scoreExAnte({ weight, rating: rating === '' ? null : rating }, p);
          expect(evaluate(formula, { E7: weight, F7: rating })).toBe(cellOf(expected));
        },
      ),
      RUNS,
    );
  });

  it('conclusionFormula ↔ exAnteConclusionOf', () => {
    const total = fc.oneof(
      fc.integer({ min: 0, max: 10000 }).map((n) => n / 100),
      fc.constantFrom(80, 60, 79.99),
      fc.constant(null),
    );
    fc.assert(
      fc.property(total, profileArb, (value, p) => {
        expect(evaluate(conclusionFormula('F20', p), { F20: value })).toBe(
          value === null ? '' : exAnteConclusionOf(value, p),
        );
      }),
      RUNS,
    );
  });
});

describe('key-evaluation formulas', () => {
  const kinds: KeyRateKind[] = ['funds-in-place', 'budget-execution', 'completion', 'quality', 'cost-saving'];

  it('keyRateFormula ↔ keyRate', () => {
    fc.assert(
      fc.property(fc.constantFrom(...kinds), numberOrBlank, numberOrBlank, (kind, numerator, denominator) => {
        const formula = keyRateFormula(kind, { numerator: 'F9', denominator: 'G9' });
        expect(evaluate(formula, { F9: numerator, G9: denominator })).toBe(
          cellOf(keyRate(kind, numerator, denominator)),
        );
      }),
      RUNS,
    );
  });

  it('keyScoreFormula ↔ keyScore', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...kinds),
        numberOrBlank,
        numberOrBlank,
        profileArb,
        (kind, weight, rate, p) => {
          const formula = keyScoreFormula(kind, { weight: 'E9', rate: 'H9' }, p);
          const expected = weight === null || rate === null ? null : keyScore({ kind, weight, rate }, p);
          expect(evaluate(formula, { E9: weight, H9: rate })).toBe(cellOf(expected));
        },
      ),
      RUNS,
    );
  });
});

describe('monitoringLightFormula ↔ monitoringLight', () => {
  it('agrees for any budget, execution and month', () => {
    const month = fc.oneof(fc.integer({ min: -1, max: 12 }), fc.constant(null));
    fc.assert(
      fc.property(numberOrBlank, numberOrBlank, month, profileArb, (budget, executed, m, p) => {
        const formula = monitoringLightFormula({ budget: 'B4', executed: 'C4', month: 'D2' }, p);
        expect(evaluate(formula, { B4: budget, C4: executed, D2: m })).toBe(
          cellOf(monitoringLight({ budget, executed, month: m }, p)),
        );
      }),
      RUNS,
    );
  });

  it('agrees at the thresholds', () => {
    const formula = monitoringLightFormula({ budget: 'B4', executed: 'C4', month: 'D2' }, DEFAULT);
    for (const [executed, month] of [
      [30, 6],
      [35, 7],
      [40, 6],
      [29.99, 6],
    ] as const) {
      expect(evaluate(formula, { B4: 100, C4: executed, D2: month })).toBe(
        cellOf(monitoringLight({ budget: 100, executed, month }, DEFAULT)),
      );
    }
  });
});
