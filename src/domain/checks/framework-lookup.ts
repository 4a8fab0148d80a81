/**
 * The rules' view of the indicator framework: canonical names by the framework module's own matching, so a
 * level the dropdown offers and a level a check accepts are always the same.
 */
import { nearness } from '../forms/near-label';
import type { Framework } from '../framework/framework-schema';
import { levelKey } from '../framework/text-key';
import { findLevel2Anywhere, level2FiledUnder, matchLevel1, matchLevel2 } from '../framework/frameworks';

/** The canonical first-level name the text stands for, or null. */
export function canonicalLevel1(framework: Framework, text: string | null): string | null {
  if (text === null) return null;
  return matchLevel1(framework, text)?.name ?? null;
}

/** The canonical second-level name under a first level, or null. */
export function canonicalLevel2(framework: Framework, level1: string, text: string | null): string | null {
  if (text === null) return null;
  return matchLevel2(framework, level1, text)?.name ?? null;
}

/** The first level a second-level text belongs to anywhere in the framework, or null. */
export function ownerOfLevel2(framework: Framework, text: string | null): string | null {
  if (text === null) return null;
  return findLevel2Anywhere(framework, text)?.level1.name ?? null;
}

export function requiredLevel1Names(framework: Framework): string[] {
  return framework.level1.filter((l) => l.required).map((l) => l.name);
}

/**
 * The first level a second level counts for when the form files it under another one by an older framework
 * (88号: 满意度 under 效益), or null.
 */
export function filedUnderOwner(
  framework: Framework,
  level1: string | null,
  text: string | null,
): string | null {
  if (level1 === null || text === null) return null;
  return level2FiledUnder(framework, level1, text)?.name ?? null;
}

/** The name among these whose level key the text's key nearly matches (near-label.ts), closest first; or null. */
function nearestName(
  text: string,
  candidates: readonly { name: string; keys: readonly string[] }[],
): string | null {
  const key = levelKey(text);
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    for (const known of candidate.keys) {
      const distance = nearness(key, known);
      if (distance !== null && distance < bestDistance) {
        best = candidate.name;
        bestDistance = distance;
      }
    }
  }
  return best;
}

/** The first level a text not in the framework nearly matches (产出类指标 → 产出指标), or null. */
export function nearLevel1(framework: Framework, text: string | null): string | null {
  if (text === null) return null;
  return nearestName(
    text,
    framework.level1.map((l) => ({ name: l.name, keys: [l.name, ...l.aliases].map(levelKey) })),
  );
}

/** The second level under `level1` a text not in the framework nearly matches (社会效益效益指标), or null. */
export function nearLevel2(framework: Framework, level1: string, text: string | null): string | null {
  if (text === null) return null;
  const parent = matchLevel1(framework, level1);
  if (parent === null) return null;
  return nearestName(
    text,
    parent.level2.map((l) => ({ name: l.name, keys: [l.name, ...l.aliases].map(levelKey) })),
  );
}
