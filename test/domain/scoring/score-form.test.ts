import { readTables } from '../../../src/domain/forms/row-reading';
import {
  ABSENT,
  type FundsColKey,
  type ParsedForm,
  type TableRow,
  type TemplateId,
} from '../../../src/domain/forms/form-model';
import type { CellScalar } from '../../../src/domain/grid/cell';
import { scoreForm } from '../../../src/domain/scoring/score';
import { DEFAULT, HUBEI, field, tableRow } from './helpers';

function form(template: TemplateId, parts: Partial<Omit<ParsedForm, 'readings'>> = {}): ParsedForm {
  const tables = parts.tables ?? {};
  return {
    template,
    templateVersion: 1,
    sheet: 'Sheet1',
    source: 'meta',
    header: {},
    funds: {},
    goals: {},
    tables: {},
    total: ABSENT,
    grade: ABSENT,
    conclusion: ABSENT,
    missing: [],
    ...parts,
    readings: readTables(tables),
  };
}

function fundsTotal(
  cols: Partial<Record<FundsColKey, CellScalar | { formula: string; value?: CellScalar }>>,
): ParsedForm['funds'] {
  const fields: Partial<Record<FundsColKey, ReturnType<typeof field>>> = {};
  for (const [key, value] of Object.entries(cols) as [
    FundsColKey,
    CellScalar | { formula: string; value?: CellScalar },
  ][]) {
    fields[key] =
      value !== null && typeof value === 'object' ? field(value.value ?? null, value.formula) : field(value);
  }
  return { total: { row: 4, label: field('年度资金总额'), cols: fields } };
}

/** 产出 50 (30 + 20), 效益 30, 满意度 10; 一级 merged, so only the first row of each group names it. */
function indicators(): TableRow[] {
  return [
    tableRow({ level1: '产出指标' }, 9), // a label row of its own: no indicator in it
    tableRow(
      {
        level2: '数量指标',
        level3: '培训人次',
        operator: '≥',
        target: 500,
        unit: '人次',
        actual: 450,
        weight: 30,
      },
      10,
    ),
    tableRow({ level3: '验收合格率', operator: '=', target: 100, unit: '%', actual: 100, weight: 20 }, 11),
    tableRow(
      {
        level1: '效益指标',
        level3: '带动就业',
        operator: '≥',
        target: 200,
        unit: '人',
        actual: 250,
        weight: 30,
      },
      12,
    ),
    tableRow(
      {
        level1: '满意度指标',
        level3: '服务对象满意度',
        operator: '定性',
        tier: '达成',
        qualitativeScore: 9,
        weight: 10,
      },
      13,
    ),
    tableRow({}, 14),
  ];
}

describe('scoreForm: self-evaluation', () => {
  it('scores execution, indicators, first levels, total, grade and recommendation', () => {
    const scores = scoreForm(
      form('project-self-evaluation', {
        funds: fundsTotal({ initialBudget: 90, annualBudget: 100, executed: 95, weight: 10, score: 9.5 }),
        tables: { indicators: indicators() },
        total: field(94),
        grade: field('优'),
      }),
      DEFAULT,
    );
    expect(scores.execution).toEqual({
      budget: 100,
      executed: 95,
      rate: 0.95,
      weight: 10,
      score: 9.5,
      statedScore: 9.5,
    });
    expect(scores.indicators.map((i) => [i.row, i.level1, i.score])).toEqual([
      [10, '产出指标', 27],
      [11, '产出指标', 20],
      [12, '效益指标', 30],
      [13, '满意度指标', 9],
    ]);
    expect(scores.byLevel1).toEqual([
      { level1: '产出指标', weight: 50, score: 47 },
      { level1: '效益指标', weight: 30, score: 30 },
      { level1: '满意度指标', weight: 10, score: 9 },
    ]);
    expect(scores.weightSum).toBe(100);
    expect(scores.total).toBe(95.5);
    expect(scores.grade).toBe('优');
    expect(scores.recommendation).toBe(DEFAULT.recommendations.优);
    expect(scores.statedTotal).toBe(94);
    expect(scores.statedGrade).toBe('优');
    expect(scores.conclusion).toBeNull();
  });

  it('falls back to 年初预算数 and to the profile budget weight (湖北 20)', () => {
    const scores = scoreForm(
      form('department-self-evaluation', {
        funds: fundsTotal({ initialBudget: 200, executed: 196 }),
        tables: { indicators: indicators() },
      }),
      HUBEI,
    );
    expect(scores.execution?.budget).toBe(200);
    expect(scores.execution?.weight).toBe(20);
    expect(scores.execution?.score).toBe(19.6);
    expect(scores.weightSum).toBe(110); // the indicators were weighted for the default profile
    expect(scores.total).toBe(105.6);
    expect(scores.grade).toBe('优');
  });

  it('reads amounts written with 元 and keeps executed above budget at full marks', () => {
    const scores = scoreForm(
      form('project-self-evaluation', {
        funds: fundsTotal({ annualBudget: '1,000,000元', executed: '120万元', weight: 10 }),
      }),
      DEFAULT,
    );
    expect(scores.execution?.budget).toBe(100);
    expect(scores.execution?.rate).toBe(1.2);
    expect(scores.execution?.score).toBe(10);
    expect(scores.total).toBe(10);
    expect(scores.grade).toBe('差');
  });

  it('budget 0: execution unscorable, total from the indicators', () => {
    const scores = scoreForm(
      form('project-self-evaluation', {
        funds: fundsTotal({ annualBudget: 0, executed: 5, weight: 10, score: { formula: '=X1', value: 10 } }),
        tables: { indicators: indicators() },
        total: field(86, '=SUM(X1:X9)'),
        grade: field('良', '=X1'),
      }),
      DEFAULT,
    );
    expect(scores.execution?.rate).toBeNull();
    expect(scores.execution?.score).toBeNull();
    expect(scores.execution?.statedScore).toBeNull();
    // The budget row has no score: the total of the rest is partial and not graded.
    expect(scores.total).toBe(86);
    expect(scores.partial).toEqual({ scored: 4, of: 5 });
    expect(scores.grade).toBeNull();
    expect(scores.statedTotal).toBeNull();
    expect(scores.statedGrade).toBeNull();
  });

  it('nothing scorable: total and grade null', () => {
    const scores = scoreForm(form('project-self-evaluation'), DEFAULT);
    expect(scores.execution).toBeNull();
    expect(scores.total).toBeNull();
    expect(scores.grade).toBeNull();
    expect(scores.recommendation).toBeNull();
  });
});

describe('scoreForm: ex-ante assessment', () => {
  it('weight × rating factor, total and conclusion', () => {
    const criteria = [
      tableRow({ level1: '立项必要性', level3: '明确相关性', weight: 10, rating: '优' }, 5),
      tableRow({ level3: '必要可行性', weight: 10, rating: '良' }, 6),
      tableRow({ level1: '投入经济性', level3: '预算科学性', weight: 20, rating: '中' }, 7),
      tableRow({ level3: '经济合理性', weight: 20, rating: '' }, 8),
    ];
    const scores = scoreForm(
      form('ex-ante-assessment', { tables: { criteria }, conclusion: field('予以支持'), total: field(40) }),
      DEFAULT,
    );
    expect(scores.indicators.map((i) => i.score)).toEqual([10, 8, 12, null]);
    expect(scores.indicators[3]?.unscorable).toBe('missing_tier');
    expect(scores.byLevel1).toEqual([
      { level1: '立项必要性', weight: 20, score: 18 },
      { level1: '投入经济性', weight: 40, score: 12 },
    ]);
    expect(scores.total).toBe(30);
    expect(scores.partial).toEqual({ scored: 3, of: 4 });
    expect(scores.conclusion).toBeNull();
    expect(scores.statedConclusion).toBe('予以支持');
    expect(scores.statedTotal).toBe(40);
    expect(scores.grade).toBeNull();
    expect(scores.weightSum).toBe(60);
  });
});

describe('scoreForm: key evaluation', () => {
  it('formula indicators from 分子/分母, other rows from the stated score capped to the weight', () => {
    const criteria = [
      tableRow({ level1: '决策', level3: '立项依据充分性', weight: 15, score: 14 }, 5),
      tableRow({ level1: '过程', level3: '资金到位率', weight: 10, numerator: 90, denominator: 100 }, 6),
      tableRow({ level3: '预算执行率', weight: 10, numerator: 80, denominator: 0 }, 7),
      tableRow({ level1: '产出', level3: '成本节约率', weight: 10, numerator: 110, denominator: 100 }, 8),
      tableRow({ level3: '实际完成率', weight: 25, score: 30 }, 9),
      tableRow({ level1: '效益', level3: '满意度', weight: 30, score: '' }, 10),
    ];
    const scores = scoreForm(form('key-evaluation', { tables: { criteria }, grade: field('良') }), DEFAULT);
    expect(scores.indicators.map((i) => [i.score, i.unscorable])).toEqual([
      [14, null],
      [9, null],
      [null, 'zero_budget'],
      [9, null],
      [25, null], // no 分子/分母: the stated score, capped
      [null, 'missing_score'],
    ]);
    expect(scores.total).toBe(57);
    expect(scores.partial).toEqual({ scored: 4, of: 6 });
    expect(scores.grade).toBeNull();
    expect(scores.recommendation).toBeNull();
    expect(scores.statedGrade).toBe('良');
    expect(scores.weightSum).toBe(100);
  });
});

describe('scoreForm: goals and monitoring', () => {
  it.each(['project-goals', 'department-goals', 'project-monitoring'] as const)(
    '%s has no scores',
    (template) => {
      const scores = scoreForm(
        form(template, {
          tables: { indicators: indicators() },
          funds: fundsTotal({ annualBudget: 100, executed: 50 }),
        }),
        DEFAULT,
      );
      expect(scores.indicators).toEqual([]);
      expect(scores.execution).toBeNull();
      expect(scores.total).toBeNull();
      expect(scores.grade).toBeNull();
      expect(scores.recommendation).toBeNull();
      expect(scores.weightSum).toBe(90);
    },
  );
});
