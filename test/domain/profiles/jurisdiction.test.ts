import { getFramework } from '../../../src/domain/framework/frameworks';
import { BUILT_IN_LIBRARY } from '../../../src/domain/framework/library';
import { loadJurisdiction, parseJurisdictionJson } from '../../../src/domain/profiles/jurisdiction';
import { getProfile } from '../../../src/domain/profiles/profiles';

function goodPackage(): Record<string, unknown> {
  return {
    format: 'bpa-jurisdiction',
    name: '湖北省口径',
    version: '2025.1',
    profile: { ...getProfile('hubei'), id: 'hubei-2025' },
    framework: getFramework('core-2021'),
    library: BUILT_IN_LIBRARY.slice(0, 5),
    vocabulary: { extends: 'zh-CN', headers: { projectName: ['项目全称'] } },
  };
}

describe('jurisdiction packages', () => {
  test('a good package carries its parts, the vocabulary passed through as given', () => {
    const result = loadJurisdiction(goodPackage());
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.jurisdiction.name).toBe('湖北省口径');
    expect(result.jurisdiction.profile.id).toBe('hubei-2025');
    expect(result.jurisdiction.framework.id).toBe('core-2021');
    expect(result.jurisdiction.library).toHaveLength(5);
    expect(result.jurisdiction.vocabulary).toEqual({
      extends: 'zh-CN',
      headers: { projectName: ['项目全称'] },
    });
    const { library: _library, ...withoutLibrary } = goodPackage();
    const bare = loadJurisdiction(withoutLibrary);
    expect(bare.ok && bare.jurisdiction.library).toBeNull();
  });

  test('a bad package is refused with the path of every error, in every part', () => {
    const pkg = goodPackage();
    const profile = pkg.profile as Record<string, unknown>;
    const result = loadJurisdiction({
      ...pkg,
      profile: { ...profile, rounding: { mode: 'round', scoreDigits: 9, totalDigits: 2 } },
      framework: { ...(pkg.framework as object), colour: 'red' },
      library: [{ ...BUILT_IN_LIBRARY[0], id: 'Bad Id' }],
    });
    if (result.ok) throw new Error('accepted a bad package');
    const paths = result.errors.map((e) => e.path);
    expect(paths).toContain('$.profile.rounding.scoreDigits');
    expect(paths).toContain('$.framework.colour');
    expect(paths).toContain('$.library[0].id');
  });

  test('the envelope is strict: unknown keys, a wrong format tag and bad JSON are refused', () => {
    const unknown = loadJurisdiction({ ...goodPackage(), extra: 1 });
    expect(unknown.ok ? [] : unknown.errors.map((e) => e.path)).toEqual(['$.extra']);
    const wrongFormat = loadJurisdiction({ ...goodPackage(), format: 'profile' });
    expect(wrongFormat.ok ? [] : wrongFormat.errors.map((e) => e.path)).toEqual(['$.format']);
    const broken = parseJurisdictionJson('{"format":');
    expect(broken.ok).toBe(false);
  });
});
