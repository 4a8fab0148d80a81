import fc from 'fast-check';
import libraryData from '../../../src/domain/framework/data/indicator-library.json';
import { IndicatorSchema, SECTORS, type Indicator } from '../../../src/domain/framework/framework-schema';
import { getFramework, matchLevel2 } from '../../../src/domain/framework/frameworks';
import { BUILT_IN_LIBRARY, loadLibrary, searchLibrary } from '../../../src/domain/framework/library';

const classic = getFramework('classic-2020');
const core = getFramework('core-2021');

function entry(overrides: Partial<Indicator> = {}): Indicator {
  return {
    id: 'test-001',
    name: '培训人次',
    level1: '产出指标',
    level2: '数量指标',
    operator: '≥',
    reference: '500',
    unit: '人次',
    explanation: '反映培训人员数量的情况',
    sector: 'common',
    initials: 'pxrc',
    ...overrides,
  };
}

describe('the bundled library', () => {
  it('validates entry by entry against IndicatorSchema and loads', () => {
    expect(Array.isArray(libraryData)).toBe(true);
    for (const item of libraryData) expect(IndicatorSchema.safeParse(item).error).toBeUndefined();
    const loaded = loadLibrary(libraryData);
    expect(loaded.ok && loaded.library.length).toBe(libraryData.length);
  });

  it('has at least 180 indicators, 40 common and 15 in every sector', () => {
    expect(BUILT_IN_LIBRARY.length).toBeGreaterThanOrEqual(180);
    const perSector = new Map<string, number>();
    for (const indicator of BUILT_IN_LIBRARY)
      perSector.set(indicator.sector, (perSector.get(indicator.sector) ?? 0) + 1);
    expect(perSector.get('common')).toBeGreaterThanOrEqual(40);
    const short = SECTORS.filter((sector) => sector !== 'common' && (perSector.get(sector) ?? 0) < 15);
    expect(short).toEqual([]);
  });

  it('files every indicator under a level pair of classic-2020, or of core-2021 for cost', () => {
    if (!classic || !core) throw new Error('built-in frameworks missing');
    const misplaced = BUILT_IN_LIBRARY.filter((indicator) => {
      const inClassic = matchLevel2(classic, indicator.level1, indicator.level2)?.name === indicator.level2;
      const isCost = indicator.level1 === '成本指标' || indicator.level2 === '成本指标';
      const inCore =
        isCost && matchLevel2(core, indicator.level1, indicator.level2)?.name === indicator.level2;
      return !inClassic && !inCore;
    });
    expect(misplaced.map((i) => i.id)).toEqual([]);
  });

  it('covers every second level of classic-2020', () => {
    if (!classic) throw new Error('built-in framework missing');
    const used = new Set(BUILT_IN_LIBRARY.map((i) => `${i.level1}/${i.level2}`));
    const missing = classic.level1
      .flatMap((l1) => l1.level2.map((l2) => `${l1.name}/${l2.name}`))
      .filter((pair) => !used.has(pair));
    expect(missing).toEqual([]);
  });

  it('has a unit exactly when the indicator is quantitative', () => {
    const wrong = BUILT_IN_LIBRARY.filter((i) => (i.unit === '') !== (i.operator === '定性'));
    expect(wrong.map((i) => i.id)).toEqual([]);
  });

  it('gives quantitative indicators a numeric reference and rates the unit %', () => {
    const quantitative = BUILT_IN_LIBRARY.filter((i) => i.operator !== '定性');
    expect(quantitative.filter((i) => !/^\d+(\.\d+)?$/.test(i.reference)).map((i) => i.id)).toEqual([]);
    const rates = quantitative.filter((i) => /(率|比例|占比)$/.test(i.name) && !i.name.endsWith('死亡率'));
    expect(rates.filter((i) => i.unit !== '%').map((i) => i.id)).toEqual([]);
  });

  it('never asks a cost indicator to be at least something', () => {
    const costs = BUILT_IN_LIBRARY.filter((i) => i.level2 === '成本指标');
    expect(costs.length).toBeGreaterThan(0);
    expect(costs.filter((i) => i.operator === '≥' || i.operator === '>').map((i) => i.id)).toEqual([]);
  });

  it('explains every indicator on one line in the official style', () => {
    const odd = BUILT_IN_LIBRARY.filter(
      (i) => !/^反映.+(情况|程度)$/.test(i.explanation) || /\n/.test(i.explanation),
    );
    expect(odd.map((i) => i.id)).toEqual([]);
  });

  it('has unique ids and unique names within each sector', () => {
    const ids = BUILT_IN_LIBRARY.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    const names = BUILT_IN_LIBRARY.map((i) => `${i.sector}/${i.name}`);
    expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([]);
  });
});

describe('loadLibrary', () => {
  it('rejects repeated ids at the later entry', () => {
    const result = loadLibrary([
      entry(),
      entry({ name: '培训班次', initials: 'pxbc' }),
      entry({ id: 'test-002' }),
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([{ path: '$[1].id', message: expect.stringContaining('$[0]') }]);
  });

  it('rejects unknown keys and bad values with their paths', () => {
    const result = loadLibrary([
      entry(),
      { ...entry({ id: 'test-002' }), weight: 10 },
      entry({ id: 'test-003', operator: '>=' as never }),
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path).sort()).toEqual(['$[1].weight', '$[2].operator']);
  });

  it('rejects anything that is not an array, without throwing', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const result = loadLibrary(value);
        expect(result.ok).toBe(Array.isArray(value) && value.length === 0);
      }),
    );
  });
});

describe('searchLibrary', () => {
  const names = (results: readonly Indicator[]): string[] => results.map((i) => i.name);

  it('finds by Chinese text: 巩固率 puts 义务教育巩固率 first', () => {
    expect(names(searchLibrary(BUILT_IN_LIBRARY, '巩固率'))[0]).toBe('义务教育巩固率');
  });

  it('finds by Chinese text: 满意度 returns satisfaction indicators first, earliest and shortest match on top', () => {
    const results = searchLibrary(BUILT_IN_LIBRARY, '满意度', { limit: 10 });
    expect(results).toHaveLength(10);
    for (const indicator of results) expect(indicator.level1).toBe('满意度指标');
    // No name is exactly 满意度 and none starts with it; the best have two characters before it.
    expect(results[0]?.name).toMatch(/^.{2}满意度$/);
  });

  it('finds by initials: ywjy starts 义务教育巩固率', () => {
    expect(names(searchLibrary(BUILT_IN_LIBRARY, 'ywjy'))).toEqual(['义务教育巩固率']);
  });

  it('finds by initials: fwdx puts 服务对象满意度 first', () => {
    expect(names(searchLibrary(BUILT_IN_LIBRARY, 'fwdx'))[0]).toBe('服务对象满意度');
  });

  it('ranks exact name, then prefix, then containment', () => {
    const library = [
      entry({ id: 'a', name: '群众满意度提升', initials: 'qzmydts' }),
      entry({ id: 'b', name: '受益群众满意度', initials: 'syqzmyd' }),
      entry({ id: 'c', name: '群众满意度', initials: 'qzmyd' }),
    ];
    expect(searchLibrary(library, '群众满意度').map((i) => i.id)).toEqual(['c', 'a', 'b']);
  });

  it('ranks name matches above initials matches above explanation matches', () => {
    const library = [
      entry({ id: 'by-explanation', name: '覆盖率', initials: 'fgl', explanation: '反映pxrc的情况' }),
      entry({ id: 'initials-inside', name: '年度培训人次', initials: 'ndpxrc' }),
      entry({ id: 'initials-start', name: '培训人次', initials: 'pxrc' }),
      entry({ id: 'by-name', name: 'PXRC系统', initials: 'pxrcxt' }),
    ];
    expect(searchLibrary(library, 'pxrc').map((i) => i.id)).toEqual([
      'by-name',
      'initials-start',
      'initials-inside',
      'by-explanation',
    ]);
  });

  it('ignores case, width and spacing in the query', () => {
    const expected = names(searchLibrary(BUILT_IN_LIBRARY, 'pm2.5'));
    expect(expected[0]).toBe('PM2.5年均浓度');
    expect(names(searchLibrary(BUILT_IN_LIBRARY, 'ＰＭ２.５'))).toEqual(expected);
    expect(names(searchLibrary(BUILT_IN_LIBRARY, ' YWJY '))).toEqual(['义务教育巩固率']);
    expect(names(searchLibrary(BUILT_IN_LIBRARY, '义务 教育'))[0]).toBe('义务教育巩固率');
  });

  it('searches explanations last', () => {
    const results = searchLibrary(BUILT_IN_LIBRARY, '控辍保学');
    expect(names(results)).toEqual(['义务教育巩固率']);
  });

  it('lists the first entries for an empty query, honouring the limit', () => {
    expect(searchLibrary(BUILT_IN_LIBRARY, '', { limit: 5 })).toEqual(BUILT_IN_LIBRARY.slice(0, 5));
    expect(searchLibrary(BUILT_IN_LIBRARY, '  ')).toHaveLength(BUILT_IN_LIBRARY.length);
    expect(searchLibrary(BUILT_IN_LIBRARY, '满意度', { limit: 0 })).toEqual([]);
  });

  it('filters by sector and by first level written as a form would', () => {
    const health = searchLibrary(BUILT_IN_LIBRARY, '率', { sector: 'health' });
    expect(health.length).toBeGreaterThan(0);
    for (const indicator of health) expect(indicator.sector).toBe('health');

    const both = searchLibrary(BUILT_IN_LIBRARY, '满意度', { sector: ['education', 'common'] });
    expect(new Set(both.map((i) => i.sector))).toEqual(new Set(['education', 'common']));

    const outputs = searchLibrary(BUILT_IN_LIBRARY, '', { level1: '产出', sector: 'transport' });
    expect(outputs.length).toBeGreaterThan(0);
    for (const indicator of outputs)
      expect([indicator.level1, indicator.sector]).toEqual(['产出指标', 'transport']);
  });

  it('returns nothing for text found nowhere', () => {
    expect(searchLibrary(BUILT_IN_LIBRARY, '火星探测器')).toEqual([]);
  });

  it('returns only entries that contain the query somewhere, for any query', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 4 }), (query) => {
        const folded = query
          .normalize('NFKC')
          .toLowerCase()
          .replace(/[^\p{L}\p{N}]/gu, '');
        for (const indicator of searchLibrary(BUILT_IN_LIBRARY, query)) {
          const haystack = [indicator.name, indicator.initials, indicator.explanation]
            .map((text) =>
              text
                .normalize('NFKC')
                .toLowerCase()
                .replace(/[^\p{L}\p{N}]/gu, ''),
            )
            .join('\u0000');
          expect(haystack.includes(folded)).toBe(true);
        }
      }),
    );
  });
});
