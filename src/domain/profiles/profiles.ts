/**
 * Built-in profiles and the loader for user-supplied ones. A profile file is checked twice: by the schema
 * (shape, types, unknown keys) and by rules the schema cannot express (bands that leave gaps, weights that do
 * not add up to 100), so that a profile that loads is one the scores can trust.
 */
import type { z } from 'zod';
import { EngineInvariantError } from '../grid/cell';
import { ProfileSchema, type Profile } from './profile-schema';
import defaultData from './data/default.json';
import hubeiData from './data/hubei.json';

export interface ProfileError {
  /** Where in the file: 'weights.groups[1].weight'; '' for the whole file. */
  path: string;
  /** Chinese first, the English wording in brackets. */
  message: string;
}

export type ProfileLoadResult = { ok: true; profile: Profile } | { ok: false; errors: ProfileError[] };

/** Weights and band edges are decimals typed by people; compare them with room for binary rounding. */
const EPSILON = 1e-9;

function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text === '' ? String(part) : `.${String(part)}`;
  }
  return text;
}

function joinPath(base: string, key: string): string {
  return base === '' ? key : `${base}.${key}`;
}

/** Schema issues as one error per path, Chinese first; the vocabulary loader reports the same way. */
export function schemaErrors(issues: readonly z.core.$ZodIssue[]): ProfileError[] {
  const errors: ProfileError[] = [];
  for (const issue of issues) {
    const path = formatPath(issue.path);
    switch (issue.code) {
      case 'unrecognized_keys':
        // One entry per key, pointing at the key itself, so a misspelt setting is named where it is.
        for (const key of issue.keys) {
          errors.push({ path: joinPath(path, key), message: `未知的设置项 "${key}" (unknown key)` });
        }
        break;
      case 'invalid_type':
        errors.push({ path, message: `类型不对，应为 ${issue.expected} (${issue.message})` });
        break;
      case 'too_small':
        errors.push({ path, message: `值过小或条目过少（${issue.message}）` });
        break;
      case 'too_big':
        errors.push({ path, message: `值过大或条目过多（${issue.message}）` });
        break;
      case 'invalid_value':
        errors.push({ path, message: `取值不在允许范围内（${issue.message}）` });
        break;
      case 'invalid_format':
        errors.push({ path, message: `格式不对（${issue.message}）` });
        break;
      default:
        errors.push({ path, message: `设置无效（${issue.message}）` });
    }
  }
  return errors;
}

function checkDescending(
  mins: readonly number[],
  pathOf: (index: number) => string,
  what: string,
  errors: ProfileError[],
): void {
  mins.forEach((min, index) => {
    const previous = index > 0 ? mins[index - 1] : undefined;
    if (previous !== undefined && !(min < previous)) {
      errors.push({
        path: pathOf(index),
        message: `${what}的下限须从高到低严格递减（${what} minimums must strictly descend）`,
      });
    }
  });
  const last = mins[mins.length - 1];
  if (last !== undefined && last !== 0) {
    errors.push({
      path: pathOf(mins.length - 1),
      message: `${what}的最后一档下限须为 0 (the last ${what} minimum must be 0)`,
    });
  }
}

/** The rules that tie the settings together; run only on a profile that has the right shape. */
function semanticErrors(profile: Profile): ProfileError[] {
  const errors: ProfileError[] = [];

  checkDescending(
    profile.grades.map((g) => g.min),
    (i) => `grades[${i}].min`,
    '等级',
    errors,
  );
  const seenGrades = new Set<string>();
  profile.grades.forEach((g, i) => {
    if (seenGrades.has(g.grade)) {
      errors.push({ path: `grades[${i}].grade`, message: `等级 "${g.grade}" 重复 (duplicate grade)` });
    }
    seenGrades.add(g.grade);
  });

  checkDescending(
    profile.exAnte.conclusions.map((c) => c.min),
    (i) => `exAnte.conclusions[${i}].min`,
    '评估结论',
    errors,
  );

  // Tiers are listed best first; each band must start where the one below it ends, with no gap and no overlap.
  const tiers = profile.qualitativeTiers;
  tiers.forEach((tier, i) => {
    if (!(tier.min < tier.max)) {
      errors.push({
        path: `qualitativeTiers[${i}]`,
        message: '档次下限须小于上限 (a tier band needs min < max)',
      });
    }
    const below = tiers[i + 1];
    if (below !== undefined) {
      if (Math.abs(below.max - tier.min) > EPSILON) {
        errors.push({
          path: `qualitativeTiers[${i + 1}].max`,
          message: `档次须首尾相接：上限应为 ${tier.min} (tier bands must be contiguous)`,
        });
      }
      if (below.maxInclusive) {
        errors.push({
          path: `qualitativeTiers[${i + 1}].maxInclusive`,
          message: '上一档已包含此上限，本档上限不能再包含 (the band above already includes this edge)',
        });
      }
    }
  });
  const top = tiers[0];
  if (top !== undefined && (Math.abs(top.max - 1) > EPSILON || !top.maxInclusive)) {
    errors.push({
      path: 'qualitativeTiers[0]',
      message: '最高一档须包含满分（上限 1，含） (the top tier must include the full weight)',
    });
  }
  const bottom = tiers[tiers.length - 1];
  if (bottom !== undefined && bottom.min !== 0) {
    errors.push({
      path: `qualitativeTiers[${tiers.length - 1}].min`,
      message: '最低一档下限须为 0 (the lowest tier must start at 0)',
    });
  }
  const tierWords = new Map<string, number>();
  tiers.forEach((tier, i) => {
    for (const word of [tier.tier, ...tier.aliases]) {
      const owner = tierWords.get(word);
      if (owner !== undefined && owner !== i) {
        errors.push({
          path: `qualitativeTiers[${i}]`,
          message: `"${word}" 同时属于两个档次 (a tier name or alias is used by two tiers)`,
        });
      }
      tierWords.set(word, i);
    }
  });

  const weightSum = profile.weights.budget + profile.weights.groups.reduce((sum, g) => sum + g.weight, 0);
  if (Math.abs(weightSum - 100) > EPSILON) {
    errors.push({
      path: 'weights',
      message: `预算执行与各一级指标分值合计应为 100，现为 ${weightSum} (weights must add up to 100)`,
    });
  }
  const levelOwner = new Map<string, number>();
  profile.weights.groups.forEach((group, i) => {
    for (const level of group.levels) {
      if (levelOwner.has(level)) {
        errors.push({
          path: `weights.groups[${i}].levels`,
          message: `一级指标 "${level}" 出现在多个分组 (a first-level name is in two groups)`,
        });
      }
      levelOwner.set(level, i);
    }
  });

  if (!(profile.monitoring.red < profile.monitoring.yellow)) {
    errors.push({
      path: 'monitoring',
      message: '红灯阈值须小于黄灯阈值 (red must be below yellow)',
    });
  }

  for (const [rating, factor] of Object.entries(profile.exAnte.ratingFactors)) {
    if (factor < 0 || factor > 1) {
      errors.push({
        path: `exAnte.ratingFactors.${rating}`,
        message: '评级折算系数须在 0 到 1 之间 (a rating factor must lie in [0, 1])',
      });
    }
  }

  return errors;
}

/** Validate a profile given as data (parsed JSON). Never throws. */
export function loadProfile(data: unknown): ProfileLoadResult {
  const parsed = ProfileSchema.safeParse(data);
  if (!parsed.success) return { ok: false, errors: schemaErrors(parsed.error.issues) };
  const errors = semanticErrors(parsed.data);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, profile: parsed.data };
}

/** Validate a profile file's text. A JSON syntax error is an error entry, not an exception. */
export function parseProfileJson(text: string): ProfileLoadResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, errors: [{ path: '', message: `JSON 格式错误 (invalid JSON: ${detail})` }] };
  }
  return loadProfile(data);
}

function builtIn(data: unknown, file: string): Profile {
  const result = loadProfile(data);
  if (!result.ok) {
    const detail = result.errors.map((e) => `${e.path}: ${e.message}`).join('; ');
    throw new EngineInvariantError(`bundled profile ${file} is invalid: ${detail}`);
  }
  return result.profile;
}

/** The profiles shipped with the engine; `default` first. */
export const BUILT_IN_PROFILES: readonly Profile[] = [
  builtIn(defaultData, 'default.json'),
  builtIn(hubeiData, 'hubei.json'),
];

/** A built-in profile by id, or null. */
export function getProfile(id: string): Profile | null {
  return BUILT_IN_PROFILES.find((profile) => profile.id === id) ?? null;
}
