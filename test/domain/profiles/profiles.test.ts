import {
  BUILT_IN_PROFILES,
  getProfile,
  loadProfile,
  parseProfileJson,
  type ProfileError,
} from '../../../src/domain/profiles/profiles';
import type { Profile } from '../../../src/domain/profiles/profile-schema';
import defaultData from '../../../src/domain/profiles/data/default.json';

function mustGet(id: string): Profile {
  const profile = getProfile(id);
  if (profile === null) throw new Error(`built-in profile ${id} missing`);
  return profile;
}

/** A deep copy of the default profile data, changed by `edit`. */
function variant(edit: (data: Record<string, unknown> & Profile) => void): unknown {
  const data = structuredClone(defaultData) as unknown as Record<string, unknown> & Profile;
  edit(data);
  return data;
}

function errorsOf(data: unknown): ProfileError[] {
  const result = loadProfile(data);
  if (result.ok) throw new Error('expected the profile to be rejected');
  return result.errors;
}

describe('built-in profiles', () => {
  it('has default first, then hubei', () => {
    expect(BUILT_IN_PROFILES.map((p) => p.id)).toEqual(['default', 'hubei']);
  });

  it.each(['default', 'hubei'])('%s loads through loadProfile without errors', (id) => {
    expect(loadProfile(mustGet(id))).toEqual({ ok: true, profile: mustGet(id) });
  });

  it('returns null for an unknown id', () => {
    expect(getProfile('beijing')).toBeNull();
  });

  it('default follows 财预〔2020〕10号', () => {
    const p = mustGet('default');
    expect(p.weights.budget).toBe(10);
    expect(p.weights.groups).toEqual([
      { levels: ['产出指标', '成本指标'], weight: 50 },
      { levels: ['效益指标'], weight: 30 },
      { levels: ['满意度指标'], weight: 10 },
    ]);
    expect(p.grades.map((g) => [g.grade, g.min])).toEqual([
      ['优', 90],
      ['良', 80],
      ['中', 60],
      ['差', 0],
    ]);
    expect(p.reverseRule).toBe('ratio');
    expect(p.gradeRequired).toBe(true);
    expect(p.qualitativeTiers.map((t) => [t.tier, t.min, t.max, t.maxInclusive])).toEqual([
      ['达成年度指标', 0.8, 1, true],
      ['部分达成年度指标并具有一定效果', 0.6, 0.8, false],
      ['未达成年度指标且效果较差', 0, 0.6, false],
    ]);
    expect(p.qualitativeTiers[0]?.aliases).toEqual(expect.arrayContaining(['达成', '达成预期指标']));
    expect(p.rounding).toEqual({ mode: 'round', scoreDigits: 2, totalDigits: 2 });
    expect(p.tolerances).toEqual({ score: 0.1, money: 0.01 });
    expect(p.monitoring).toEqual({ red: 60, yellow: 80 });
    expect(p.overAchievementRatio).toBe(1.2);
    expect(p.exAnte.ratingFactors).toEqual({ 优: 1, 良: 0.8, 中: 0.6, 差: 0.4 });
    expect(p.exAnte.conclusions.map((c) => [c.conclusion, c.min])).toEqual([
      ['予以支持', 80],
      ['调整完善后予以支持', 60],
      ['不予支持', 0],
    ]);
    expect(p.keyEvaluation.outputPlusOutcomeMin).toBe(60);
    expect(p.basis).toContain('1.2');
  });

  it('hubei joins 效益 and 满意度, weighs the budget 20 and uses bands 80/50', () => {
    const p = mustGet('hubei');
    expect(p.weights.budget).toBe(20);
    expect(p.weights.groups).toEqual([
      { levels: ['产出指标', '成本指标'], weight: 40 },
      { levels: ['效益指标', '满意度指标'], weight: 40 },
    ]);
    expect(p.gradeRequired).toBe(false);
    expect(p.reverseRule).toBe('ratio');
    expect(p.qualitativeTiers.map((t) => [t.tier, t.min, t.max])).toEqual([
      ['达成预期指标', 0.8, 1],
      ['部分达成预期指标并具有一定效果', 0.5, 0.8],
      ['未达成预期指标且效果较差', 0, 0.5],
    ]);
  });

  it.each(['default', 'hubei'])('%s has one recommendation per grade', (id) => {
    const p = mustGet(id);
    for (const grade of ['优', '良', '中', '差'] as const)
      expect(p.recommendations[grade].length).toBeGreaterThan(5);
  });
});

describe('loadProfile: schema errors with paths', () => {
  const cases: { name: string; data: unknown; path: string }[] = [
    {
      name: 'unknown top-level key',
      data: variant((d) => {
        d['roundng'] = {};
      }),
      path: 'roundng',
    },
    {
      name: 'unknown nested key',
      data: variant((d) => {
        (d.weights as unknown as Record<string, unknown>)['bonus'] = 5;
      }),
      path: 'weights.bonus',
    },
    {
      name: 'unknown key in an array item',
      data: variant((d) => {
        (d.qualitativeTiers[1] as unknown as Record<string, unknown>)['colour'] = 'yellow';
      }),
      path: 'qualitativeTiers[1].colour',
    },
    {
      name: 'wrong type',
      data: variant((d) => {
        (d.rounding as unknown as Record<string, unknown>)['scoreDigits'] = '2';
      }),
      path: 'rounding.scoreDigits',
    },
    {
      name: 'unknown reverse rule',
      data: variant((d) => {
        (d as Record<string, unknown>)['reverseRule'] = 'log';
      }),
      path: 'reverseRule',
    },
    {
      name: 'missing key',
      data: variant((d) => {
        delete (d as Record<string, unknown>)['monitoring'];
      }),
      path: 'monitoring',
    },
    {
      name: 'bad id',
      data: variant((d) => {
        d.id = 'Hu Bei';
      }),
      path: 'id',
    },
  ];

  it.each(cases)('$name -> $path', ({ data, path }) => {
    const errors = errorsOf(data);
    expect(errors.map((e) => e.path)).toContain(path);
    for (const error of errors) expect(error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('rejects what is not an object at the root', () => {
    expect(errorsOf(42).map((e) => e.path)).toEqual(['']);
    expect(errorsOf(null).map((e) => e.path)).toEqual(['']);
  });
});

describe('loadProfile: rules between settings', () => {
  const cases: { name: string; edit: (d: Profile) => void; path: string }[] = [
    {
      name: 'grade minimums not descending',
      edit: (d) => {
        d.grades[1] = { grade: '良', min: 95 };
      },
      path: 'grades[1].min',
    },
    {
      name: 'grade minimums equal',
      edit: (d) => {
        d.grades[2] = { grade: '中', min: 80 };
      },
      path: 'grades[2].min',
    },
    {
      name: 'last grade not at 0',
      edit: (d) => {
        d.grades[3] = { grade: '差', min: 10 };
      },
      path: 'grades[3].min',
    },
    {
      name: 'duplicate grade',
      edit: (d) => {
        d.grades[1] = { grade: '优', min: 80 };
      },
      path: 'grades[1].grade',
    },
    {
      name: 'gap between tier bands',
      edit: (d) => {
        const t = d.qualitativeTiers[1];
        if (t) t.max = 0.7;
      },
      path: 'qualitativeTiers[1].max',
    },
    {
      name: 'tier band with min above max',
      edit: (d) => {
        const t = d.qualitativeTiers[2];
        if (t) t.min = 0.7;
      },
      path: 'qualitativeTiers[2]',
    },
    {
      name: 'top tier not reaching 1',
      edit: (d) => {
        const t = d.qualitativeTiers[0];
        if (t) t.max = 0.95;
      },
      path: 'qualitativeTiers[0]',
    },
    {
      name: 'top tier excluding the full weight',
      edit: (d) => {
        const t = d.qualitativeTiers[0];
        if (t) t.maxInclusive = false;
      },
      path: 'qualitativeTiers[0]',
    },
    {
      name: 'lowest tier not starting at 0',
      edit: (d) => {
        const t = d.qualitativeTiers[2];
        if (t) t.min = 0.1;
      },
      path: 'qualitativeTiers[2].min',
    },
    {
      name: 'two tiers including the same edge',
      edit: (d) => {
        const t = d.qualitativeTiers[1];
        if (t) t.maxInclusive = true;
      },
      path: 'qualitativeTiers[1].maxInclusive',
    },
    {
      name: 'alias shared by two tiers',
      edit: (d) => {
        d.qualitativeTiers[2]?.aliases.push('达成');
      },
      path: 'qualitativeTiers[2]',
    },
    {
      name: 'weights not adding up to 100',
      edit: (d) => {
        d.weights.budget = 20;
      },
      path: 'weights',
    },
    {
      name: 'a first level in two groups',
      edit: (d) => {
        d.weights.groups[1]?.levels.push('产出指标');
      },
      path: 'weights.groups[1].levels',
    },
    {
      name: 'red not below yellow',
      edit: (d) => {
        d.monitoring = { red: 80, yellow: 80 };
      },
      path: 'monitoring',
    },
    {
      name: 'conclusions not descending',
      edit: (d) => {
        d.exAnte.conclusions[1] = { conclusion: '调整完善后予以支持', min: 85 };
      },
      path: 'exAnte.conclusions[1].min',
    },
    {
      name: 'last conclusion not at 0',
      edit: (d) => {
        d.exAnte.conclusions[2] = { conclusion: '不予支持', min: 30 };
      },
      path: 'exAnte.conclusions[2].min',
    },
    {
      name: 'rating factor above 1',
      edit: (d) => {
        d.exAnte.ratingFactors.优 = 1.2;
      },
      path: 'exAnte.ratingFactors.优',
    },
  ];

  it.each(cases)('$name -> $path', ({ edit, path }) => {
    const errors = errorsOf(variant(edit));
    expect(errors.map((e) => e.path)).toContain(path);
  });

  it('accepts weights that add up to 100 up to binary noise', () => {
    const result = loadProfile(
      variant((d) => {
        // 10.2 + (30.1 + 49.7 + 10) is 100.00000000000001 in binary floating point.
        d.weights.budget = 10.2;
        d.weights.groups = [
          { levels: ['产出指标'], weight: 30.1 },
          { levels: ['效益指标'], weight: 49.7 },
          { levels: ['满意度指标'], weight: 10 },
        ];
      }),
    );
    expect(result.ok).toBe(true);
  });
});

describe('parseProfileJson', () => {
  it('turns a JSON syntax error into an error entry', () => {
    const result = parseProfileJson('{ "id": "x", ');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]?.path).toBe('');
      expect(result.errors[0]?.message).toContain('JSON');
    }
  });

  it('loads a valid file', () => {
    const result = parseProfileJson(JSON.stringify(defaultData));
    expect(result.ok && result.profile.id).toBe('default');
  });

  it('reports schema errors of a parsed file', () => {
    const result = parseProfileJson(JSON.stringify({ ...defaultData, extra: true }));
    expect(result.ok ? [] : result.errors.map((e) => e.path)).toEqual(['extra']);
  });
});
