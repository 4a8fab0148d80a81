/**
 * Indicator frameworks (一级 → 二级) as validated data, and the tolerant matching the reader and the checks use
 * to recognise what a form wrote in its 一级指标 / 二级指标 columns (docs/domain.md §3.2, §10.6).
 *
 * Which first levels are required:
 * - classic-2020: 产出, 效益 and 满意度 are all required; review practice flags a goal or self-evaluation that
 *   lacks any of the three groups (docs/domain.md §3.5).
 * - core-2021: 成本指标 is required as well. 101号 promoted cost to a first level so that every project states
 *   its unit cost or itemised cost control, and the same review practice flags a missing 成本 group under
 *   101号 (docs/domain.md §3.2(b), §3.5). Its 社会成本 / 生态环境成本 二级 apply only to projects with negative
 *   externalities, which is why `required` sits on the first level and not on each second level.
 */
import classic2020 from './data/classic-2020.json';
import core2021 from './data/core-2021.json';
import { FrameworkSchema, type Framework } from './framework-schema';
import { parseStrictly, formatPath, type LoadError } from './load-result';
import { levelKey } from './text-key';

export type FrameworkLevel1 = Framework['level1'][number];
export type FrameworkLevel2 = FrameworkLevel1['level2'][number];

export type FrameworkLoadResult = { ok: true; framework: Framework } | { ok: false; errors: LoadError[] };

/**
 * Validates a framework file: schema (unknown keys rejected), then names. Two first levels may not share a
 * name or alias, and no second-level name or alias may appear twice anywhere in the framework — otherwise
 * "which 一级 does this 二级 belong to" would have two answers. Names are compared as level keys, so
 * 产出 and 产出指标 count as the same name. Never throws.
 */
export function loadFramework(data: unknown): FrameworkLoadResult {
  const parsed = parseStrictly(FrameworkSchema, data);
  if (!parsed.ok) return parsed;
  const errors = [...duplicateLevelNames(parsed.value), ...unknownParents(parsed.value)];
  return errors.length > 0 ? { ok: false, errors } : { ok: true, framework: parsed.value };
}

/** An `alsoUnder` must name another first level of the framework. */
function unknownParents(framework: Framework): LoadError[] {
  const names = new Set(framework.level1.flatMap((l) => [l.name, ...l.aliases].map(levelKey)));
  return framework.level1.flatMap((level1, i) =>
    level1.level2.flatMap((level2, j) =>
      (level2.alsoUnder ?? []).flatMap((parent, k) =>
        names.has(levelKey(parent))
          ? []
          : [
              {
                path: formatPath(['level1', i, 'level2', j, 'alsoUnder', k]),
                message: `一级指标“${parent}”不在框架中 / first level "${parent}" is not in the framework`,
              },
            ],
      ),
    ),
  );
}

function duplicateLevelNames(framework: Framework): LoadError[] {
  const errors: LoadError[] = [];
  // Level key -> the level that holds it ('0' for a first level, '0.2' for a second level).
  const holders = { level1: new Map<string, string>(), level2: new Map<string, string>() };
  const words = {
    level1: { zh: '一级指标名称', en: 'first-level name' },
    level2: { zh: '二级指标名称', en: 'second-level name' },
  };

  const claim = (
    kind: 'level1' | 'level2',
    holder: string,
    name: string,
    path: (string | number)[],
  ): void => {
    const { zh, en } = words[kind];
    const key = levelKey(name);
    if (key === '') {
      errors.push({
        path: formatPath(path),
        message: `${zh}“${name}”不含文字 / ${en} "${name}" has no text`,
      });
      return;
    }
    const previous = holders[kind].get(key);
    if (previous === undefined) holders[kind].set(key, holder);
    else if (previous !== holder) {
      errors.push({ path: formatPath(path), message: `${zh}“${name}”重复 / duplicate ${en} "${name}"` });
    }
  };

  framework.level1.forEach((level1, i) => {
    claim('level1', `${i}`, level1.name, ['level1', i, 'name']);
    level1.aliases.forEach((alias, a) => claim('level1', `${i}`, alias, ['level1', i, 'aliases', a]));
    level1.level2.forEach((level2, j) => {
      claim('level2', `${i}.${j}`, level2.name, ['level1', i, 'level2', j, 'name']);
      level2.aliases.forEach((alias, a) =>
        claim('level2', `${i}.${j}`, alias, ['level1', i, 'level2', j, 'aliases', a]),
      );
    });
  });
  return errors;
}

function builtIn(data: unknown, file: string): Framework {
  const result = loadFramework(data);
  if (result.ok) return result.framework;
  const details = result.errors.map((e) => `${e.path}: ${e.message}`).join('; ');
  throw new Error(`内置指标框架 ${file} 无效 / built-in framework ${file} is invalid: ${details}`);
}

export const BUILT_IN_FRAMEWORKS: readonly Framework[] = [
  builtIn(classic2020, 'classic-2020.json'),
  builtIn(core2021, 'core-2021.json'),
];

export function getFramework(id: string): Framework | null {
  return BUILT_IN_FRAMEWORKS.find((framework) => framework.id === id) ?? null;
}

interface LevelIndex {
  level1: Map<string, FrameworkLevel1>;
  level2ByLevel1: Map<FrameworkLevel1, Map<string, FrameworkLevel2>>;
  level2: Map<string, { level1: FrameworkLevel1; level2: FrameworkLevel2 }>;
}

// Frameworks are immutable once loaded, and the reader matches every indicator row against one.
const indexCache = new WeakMap<Framework, LevelIndex>();

function indexOf(framework: Framework): LevelIndex {
  const cached = indexCache.get(framework);
  if (cached) return cached;
  const index: LevelIndex = { level1: new Map(), level2ByLevel1: new Map(), level2: new Map() };
  // The first holder of a key keeps it, should an unvalidated framework repeat one.
  const put = <V>(map: Map<string, V>, name: string, value: V): void => {
    const key = levelKey(name);
    if (key !== '' && !map.has(key)) map.set(key, value);
  };
  for (const level1 of framework.level1) {
    put(index.level1, level1.name, level1);
    level1.aliases.forEach((alias) => put(index.level1, alias, level1));
    const own = new Map<string, FrameworkLevel2>();
    for (const level2 of level1.level2) {
      for (const name of [level2.name, ...level2.aliases]) {
        put(own, name, level2);
        put(index.level2, name, { level1, level2 });
      }
    }
    index.level2ByLevel1.set(level1, own);
  }
  indexCache.set(framework, index);
  return index;
}

/** The first level written as `text` (name or alias; width, spacing and the 指标 suffix do not matter), or null. */
export function matchLevel1(framework: Framework, text: string): FrameworkLevel1 | null {
  return indexOf(framework).level1.get(levelKey(text)) ?? null;
}

/** The second level `text` under the first level `level1Name` (itself matched tolerantly), or null. */
export function matchLevel2(framework: Framework, level1Name: string, text: string): FrameworkLevel2 | null {
  const index = indexOf(framework);
  const level1 = index.level1.get(levelKey(level1Name));
  if (!level1) return null;
  return index.level2ByLevel1.get(level1)?.get(levelKey(text)) ?? null;
}

/**
 * The second level `text` wherever it sits, with its first level — for telling a form that wrote it under
 * the wrong parent where it belongs ("二级 社会效益指标 belongs under 一级 效益指标").
 */
export function findLevel2Anywhere(
  framework: Framework,
  text: string,
): { level1: FrameworkLevel1; level2: FrameworkLevel2 } | null {
  return indexOf(framework).level2.get(levelKey(text)) ?? null;
}

/**
 * The first level a second-level text belongs to when a form files it under `level1Name` by an older framework
 * (`alsoUnder`: 满意度 under 效益 in 88号 forms), or null when it is not filed there that way.
 */
export function level2FiledUnder(
  framework: Framework,
  level1Name: string,
  text: string,
): FrameworkLevel1 | null {
  const found = findLevel2Anywhere(framework, text);
  const parent = matchLevel1(framework, level1Name);
  if (found === null || parent === null || found.level1 === parent) return null;
  const allowed = (found.level2.alsoUnder ?? []).some((name) => matchLevel1(framework, name) === parent);
  return allowed ? found.level1 : null;
}
