import fc from 'fast-check';
import classic2020 from '../../../src/domain/framework/data/classic-2020.json';
import core2021 from '../../../src/domain/framework/data/core-2021.json';
import { FrameworkSchema, type Framework } from '../../../src/domain/framework/framework-schema';
import {
  BUILT_IN_FRAMEWORKS,
  findLevel2Anywhere,
  getFramework,
  loadFramework,
  level2FiledUnder,
  matchLevel1,
  matchLevel2,
} from '../../../src/domain/framework/frameworks';

function builtIn(id: string): Framework {
  const framework = getFramework(id);
  if (!framework) throw new Error(`missing built-in framework ${id}`);
  return framework;
}

const classic = builtIn('classic-2020');
const core = builtIn('core-2021');

/** A deep copy of the bundled data that a test may break. */
function classicCopy(): Record<string, unknown> & { level1: Record<string, unknown>[] } {
  return JSON.parse(JSON.stringify(classic2020));
}

describe('a second level filed under another first level by an older framework', () => {
  it('88号: 满意度 under 效益 counts for 满意度, in both frameworks', () => {
    for (const framework of [classic, core]) {
      expect(level2FiledUnder(framework, '效益指标', '社会公众或服务对象满意度指标')?.name).toBe(
        '满意度指标',
      );
      expect(level2FiledUnder(framework, '产出指标', '社会公众或服务对象满意度指标')).toBeNull();
      expect(level2FiledUnder(framework, '效益指标', '数量指标')).toBeNull();
      expect(level2FiledUnder(framework, '满意度指标', '服务对象满意度指标')).toBeNull();
    }
  });

  it('must name a first level of the framework', () => {
    const data = classicCopy();
    const level2 = (data.level1[2] as { level2: Record<string, unknown>[] }).level2[0];
    if (level2 === undefined) throw new Error('test setup');
    level2.alsoUnder = ['投入指标'];
    const result = loadFramework(data);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]?.path).toBe('$.level1[2].level2[0].alsoUnder[0]');
  });
});

describe('bundled frameworks', () => {
  it.each([
    ['classic-2020', classic2020],
    ['core-2021', core2021],
  ])('%s validates against FrameworkSchema and loads', (id, data) => {
    expect(FrameworkSchema.safeParse(data).success).toBe(true);
    const result = loadFramework(data);
    expect(result.ok && result.framework.id).toBe(id);
  });

  it('lists both built-ins and finds them by id', () => {
    expect(BUILT_IN_FRAMEWORKS.map((f) => f.id)).toEqual(['classic-2020', 'core-2021']);
    expect(getFramework('nope')).toBeNull();
  });

  it('classic-2020 has the 10号 three groups, all required', () => {
    expect(classic.level1.map((l) => [l.name, l.required, l.level2.map((l2) => l2.name)])).toEqual([
      ['产出指标', true, ['数量指标', '质量指标', '时效指标', '成本指标']],
      ['效益指标', true, ['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标']],
      ['满意度指标', true, ['服务对象满意度指标']],
    ]);
  });

  it('core-2021 puts 成本指标 first as a required first level', () => {
    expect(core.level1.map((l) => [l.name, l.required, l.level2.map((l2) => l2.name)])).toEqual([
      ['成本指标', true, ['经济成本指标', '社会成本指标', '生态环境成本指标']],
      ['产出指标', true, ['数量指标', '质量指标', '时效指标']],
      ['效益指标', true, ['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标']],
      ['满意度指标', true, ['服务对象满意度指标']],
    ]);
    expect(core.basis).toContain('财预〔2021〕101号');
  });
});

describe('loadFramework', () => {
  it('rejects unknown keys, one finding per key at its own path', () => {
    const data = classicCopy();
    data['version'] = 2;
    const first = data.level1[0];
    if (!first) throw new Error('fixture');
    first['weight'] = 50;
    const result = loadFramework(data);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path).sort()).toEqual(['$.level1[0].weight', '$.version']);
    expect(result.errors[0]?.message).toMatch(/未知的字段/);
  });

  it('reports schema problems with their paths, Chinese first', () => {
    const data = classicCopy();
    const second = data.level1[1];
    if (!second) throw new Error('fixture');
    second['required'] = 'yes';
    data['id'] = 'Classic 2020';
    const result = loadFramework(data);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path).sort()).toEqual(['$.id', '$.level1[1].required']);
    for (const error of result.errors) expect(error.message).toMatch(/^[\u4e00-\u9fff]/);
  });

  it('rejects two first levels with the same name, comparing as a form would', () => {
    const data = classicCopy();
    const third = data.level1[2];
    if (!third) throw new Error('fixture');
    third['name'] = '产出';
    const result = loadFramework(data);
    expect(result).toEqual({
      ok: false,
      errors: [
        expect.objectContaining({ path: '$.level1[2].name', message: expect.stringContaining('重复') }),
      ],
    });
  });

  it('rejects a second level repeated anywhere in the framework, including through an alias', () => {
    const data = classicCopy();
    const satisfaction = data.level1[2] as { level2: { name: string; aliases: string[] }[] };
    satisfaction.level2.push({ name: '满意程度', aliases: ['社会效益'] });
    const result = loadFramework(data);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path)).toEqual(['$.level1[2].level2[1].aliases[0]']);
  });

  it('rejects a name with no text in it', () => {
    const data = classicCopy();
    const first = data.level1[0] as { aliases: string[] };
    first.aliases.push('（）');
    const result = loadFramework(data);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]?.path).toBe('$.level1[0].aliases[2]');
  });

  it('accepts an alias that only repeats its own name', () => {
    const data = classicCopy();
    const first = data.level1[0] as { aliases: string[] };
    first.aliases.push('产出指标');
    expect(loadFramework(data).ok).toBe(true);
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const result = loadFramework(value);
        expect(typeof result.ok).toBe('boolean');
      }),
    );
    expect(loadFramework(null)).toEqual({ ok: false, errors: [expect.objectContaining({ path: '$' })] });
  });
});

describe('matchLevel1', () => {
  it.each<[string, string, string, string | null]>([
    ['the name', 'classic-2020', '产出指标', '产出指标'],
    ['without 指标', 'classic-2020', '产出', '产出指标'],
    ['full-width quotes and a trailing space', 'classic-2020', '＂产出指标 ＂', '产出指标'],
    ['inner spaces', 'classic-2020', ' 效 益 指 标 ', '效益指标'],
    ['ideographic space', 'classic-2020', '\u3000满意度指标\u3000', '满意度指标'],
    ['line break inside a merged cell', 'classic-2020', '满意度\n指标', '满意度指标'],
    ['numbered', 'classic-2020', '一、产出指标', '产出指标'],
    ['numbered in brackets', 'classic-2020', '（二）效益指标', '效益指标'],
    ['with its weight in brackets', 'classic-2020', '产出指标（50分）', '产出指标'],
    ['trailing colon', 'classic-2020', '效益指标：', '效益指标'],
    ['an alias', 'classic-2020', '项目效益', '效益指标'],
    ['a second level is not a first level', 'classic-2020', '数量指标', null],
    ['成本 is only a second level in classic-2020', 'classic-2020', '成本指标', null],
    ['成本 is a first level in core-2021', 'core-2021', '成本', '成本指标'],
    ['unknown text', 'classic-2020', '决策指标', null],
    ['blank', 'classic-2020', '   ', null],
    ['the suffix alone', 'classic-2020', '指标', null],
  ])('%s: %s %j', (_case, id, text, expected) => {
    expect(matchLevel1(builtIn(id), text)?.name ?? null).toBe(expected);
  });
});

describe('matchLevel2', () => {
  it.each<[string, string, string, string, string | null]>([
    ['the name', 'classic-2020', '产出指标', '数量指标', '数量指标'],
    ['short forms on both levels', 'classic-2020', '产出', '数量', '数量指标'],
    ['10号 evaluation wording', 'classic-2020', '产出指标', '产出时效', '时效指标'],
    ['full-width and spaces', 'classic-2020', '产出指标', '　质量 指标 ', '质量指标'],
    ['生态环境效益指标 is 生态效益指标', 'classic-2020', '效益指标', '生态环境效益指标', '生态效益指标'],
    ['生态环境效益 without 指标', 'classic-2020', '效益', '生态环境效益', '生态效益指标'],
    [
      '社会公众或服务对象满意度指标',
      'classic-2020',
      '满意度指标',
      '社会公众或服务对象满意度指标',
      '服务对象满意度指标',
    ],
    ['满意度 as the second level', 'classic-2020', '满意度指标', '满意度', '服务对象满意度指标'],
    ['可持续影响', 'classic-2020', '效益指标', '可持续影响', '可持续影响指标'],
    ['wrong parent', 'classic-2020', '产出指标', '社会效益指标', null],
    ['wrong parent the other way', 'classic-2020', '效益指标', '成本指标', null],
    ['unknown parent', 'classic-2020', '决策', '数量指标', null],
    ['cost under cost in core-2021', 'core-2021', '成本指标', '经济成本', '经济成本指标'],
    ['cost under output in core-2021 is gone', 'core-2021', '产出指标', '成本指标', null],
    ['blank', 'classic-2020', '产出指标', '', null],
  ])('%s: %s %j / %j', (_case, id, level1, text, expected) => {
    expect(matchLevel2(builtIn(id), level1, text)?.name ?? null).toBe(expected);
  });
});

describe('findLevel2Anywhere', () => {
  it.each<[string, string, [string, string] | null]>([
    ['classic-2020', '社会效益指标', ['效益指标', '社会效益指标']],
    ['classic-2020', '成本', ['产出指标', '成本指标']],
    ['classic-2020', '服务对象满意度', ['满意度指标', '服务对象满意度指标']],
    ['classic-2020', '生态环境效益指标', ['效益指标', '生态效益指标']],
    ['core-2021', '生态环境成本', ['成本指标', '生态环境成本指标']],
    ['core-2021', '成本指标', null],
    ['classic-2020', '产出指标', null],
  ])('%s: %j', (id, text, expected) => {
    const found = findLevel2Anywhere(builtIn(id), text);
    expect(found ? [found.level1.name, found.level2.name] : null).toEqual(expected);
  });
});
