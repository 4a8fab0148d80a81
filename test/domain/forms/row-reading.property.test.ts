/**
 * Scores, checks and formula twins take a row's operator, target, percent and weight from its one reading.
 * For random rows: the score carries what the reading says; the view the checks see is that same reading; and
 * the score formula of our template, fed the raw cells, gives what it gives when fed the reading's operator,
 * target, actual and weight with no unit — so the formula decides percent and operator as the reading does.
 */
import fc from 'fast-check';
import { rowViews } from '../../../src/domain/checks/views';
import { meaningOf, readTable } from '../../../src/domain/forms/row-reading';
import type { ColumnKey, Field, ParsedForm, TableRow } from '../../../src/domain/forms/form-model';
import { ABSENT } from '../../../src/domain/forms/form-model';
import type { CellScalar } from '../../../src/domain/grid/cell';
import { BUILT_IN_FRAMEWORKS } from '../../../src/domain/framework/frameworks';
import { indicatorScoreFormula } from '../../../src/domain/scoring/formulas';
import { scoreForm } from '../../../src/domain/scoring/score';
import { evaluateFormula, type CellMap } from '../scoring/formula-eval';
import { DEFAULT, HUBEI } from '../scoring/helpers';

const REFS = {
  operator: 'C5',
  target: 'D5',
  unit: 'E5',
  actual: 'F5',
  weight: 'G5',
  tier: 'H5',
  qualitativeScore: 'I5',
};

const number = fc.oneof(
  fc.integer({ min: 0, max: 200 }),
  fc.integer({ min: 0, max: 20000 }).map((n) => n / 100),
  fc.integer({ min: 0, max: 100 }).map((n) => n / 100),
  fc.constantFrom(0, 1, 100, 0.95, 0.9),
);
const unit = fc.constantFrom('%', '％', '百分比', '百分率', '人次', '万元', null);
/** The operators of our template's dropdown: the formula compares the cell with exactly these. */
const operator = fc.constantFrom('≥', '>', '=', '≤', '<');
const profile = fc.constantFrom(DEFAULT, HUBEI);

const ROW = 4;

function field(raw: CellScalar, col: string, formula: string | null = null): Field {
  return { raw, cell: `${col}${ROW + 1}`, formula };
}

const framework = BUILT_IN_FRAMEWORKS[0];
if (framework === undefined) throw new Error('no built-in framework');

/** A form holding one indicator row, read as the reader reads it. */
function formOf(row: TableRow): ParsedForm {
  const tables = { indicators: [row] };
  return {
    template: 'project-self-evaluation',
    templateVersion: 1,
    sheet: '表1',
    source: 'meta',
    header: {},
    funds: {},
    goals: {},
    tables,
    readings: { indicators: readTable(tables.indicators, 'indicators') },
    total: ABSENT,
    grade: ABSENT,
    conclusion: ABSENT,
    missing: [],
  };
}

function evaluate(formula: string, cells: CellMap): number | string {
  const value = evaluateFormula(formula, cells);
  if (typeof value !== 'number' && typeof value !== 'string')
    throw new Error(`${formula}: ${JSON.stringify(value)}`);
  return value;
}

describe('one reading: scores, checks and formula twins agree', () => {
  it('on operator, target, percent and weight of rows of our template', () => {
    fc.assert(
      fc.property(
        operator,
        number,
        unit,
        number,
        fc.integer({ min: 0, max: 40 }),
        profile,
        (op, target, unitText, actual, weight, p) => {
          const formula = indicatorScoreFormula(REFS, p);
          const fields: Partial<Record<ColumnKey, Field>> = {
            level1: field('产出指标', 'A'),
            level3: field('培训人次', 'B'),
            operator: field(op, 'C'),
            target: field(target, 'D'),
            unit: field(unitText, 'E'),
            actual: field(actual, 'F'),
            weight: field(weight, 'G'),
            score: field(null, 'J', formula),
          };
          const form = formOf({ row: ROW, fields });
          const reading = form.readings.indicators?.[0];
          if (reading === undefined) throw new Error('row not read');
          const meaning = meaningOf(reading, p);
          const scores = scoreForm(form, p);
          const score = scores.indicators[0];
          const views = rowViews(form, 'indicators', {
            profile: p,
            framework: framework,
            scores,
            goals: null,
          });

          // Scores: what the reading says.
          expect(score).toMatchObject({
            operator: meaning.operator,
            target: reading.target,
            actual: reading.actual,
            percent: reading.percent,
            weight: reading.weight,
          });
          // Checks: the view is the same reading, with the same score.
          expect(views).toHaveLength(1);
          expect(views[0]?.reading).toBe(reading);
          expect(views[0]?.score).toBe(score);

          // Formula twin: the raw cells, and the reading's values with no unit, give the same score.
          const raw = evaluate(formula, { C5: op, D5: target, E5: unitText, F5: actual, G5: weight });
          const normalised = evaluate(formula, {
            C5: meaning.operator,
            D5: reading.target,
            E5: null,
            F5: reading.actual,
            G5: reading.weight,
          });
          expect(normalised).toBe(raw);
          expect(raw).toBe(score?.score ?? '');
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('on rows people type: operator in the value or in words, or written nowhere', () => {
    const target = fc.oneof(
      number.map((n) => `≥${n}%`),
      number.map((n) => `不超过${n}万元`),
      number.map((n) => `${n}%以上`),
      number.map((n) => `${n}人次`),
      number,
    );
    const name = fc.constantFrom('培训人次', '单位成本', '完成率', '投诉率', '成本节约率', '受益人口');
    fc.assert(
      fc.property(
        name,
        target,
        unit,
        number,
        fc.integer({ min: 0, max: 40 }),
        profile,
        (n, t, u, a, w, p) => {
          const fields: Partial<Record<ColumnKey, Field>> = {
            level1: field('产出指标', 'A'),
            level2: field('数量指标', 'B'),
            level3: field(n, 'C'),
            target: field(t, 'D'),
            unit: field(u, 'E'),
            actual: field(a, 'F'),
            weight: field(w, 'G'),
            score: field(w, 'H'),
          };
          const form = formOf({ row: ROW, fields });
          const reading = form.readings.indicators?.[0];
          if (reading === undefined) throw new Error('row not read');
          const meaning = meaningOf(reading, p);
          const scores = scoreForm(form, p);
          const views = rowViews(form, 'indicators', {
            profile: p,
            framework: framework,
            scores,
            goals: null,
          });
          // Every such row has an operator (written or assumed) and is scored: nothing leaves the total silently.
          expect(meaning.operator).not.toBeNull();
          expect(scores.indicators[0]?.score).not.toBeNull();
          expect(scores.partial).toBeNull();
          expect(scores.indicators[0]).toMatchObject({
            operator: meaning.operator,
            operatorSource: meaning.source,
            target: reading.target,
            percent: reading.percent,
            weight: reading.weight,
          });
          expect(views[0]?.reading).toBe(reading);
          expect(scores.rows[0]).toMatchObject({ kind: 'indicator', operator: meaning.operator });
        },
      ),
      { numRuns: 1000 },
    );
  });
});
