/**
 * The indicator library (docs/domain.md §7): 共性 and 分行业 indicators with levels, operator, reference value,
 * unit and explanation, searchable by Chinese text and by pinyin initials.
 */
import { z } from 'zod';
import libraryData from './data/indicator-library.json';
import { IndicatorSchema, type Indicator, type Sector } from './framework-schema';
import { formatPath, parseStrictly, type LoadError } from './load-result';
import { compactKey, levelKey } from './text-key';

export type IndicatorLibrary = readonly Indicator[];

export type LibraryLoadResult = { ok: true; library: IndicatorLibrary } | { ok: false; errors: LoadError[] };

const LibrarySchema = z.array(IndicatorSchema);

/** Validates a library file (an array of indicators; unknown keys and repeated ids rejected). Never throws. */
export function loadLibrary(data: unknown): LibraryLoadResult {
  const parsed = parseStrictly(LibrarySchema, data);
  if (!parsed.ok) return parsed;
  const errors: LoadError[] = [];
  const firstIndexOfId = new Map<string, number>();
  parsed.value.forEach((indicator, index) => {
    const first = firstIndexOfId.get(indicator.id);
    if (first === undefined) firstIndexOfId.set(indicator.id, index);
    else {
      errors.push({
        path: formatPath([index, 'id']),
        message: `指标编码“${indicator.id}”与 ${formatPath([first])} 重复 / duplicate id "${indicator.id}", first used at ${formatPath([first])}`,
      });
    }
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, library: parsed.value };
}

function builtInLibrary(): IndicatorLibrary {
  const result = loadLibrary(libraryData);
  if (result.ok) return result.library;
  const details = result.errors.map((e) => `${e.path}: ${e.message}`).join('; ');
  throw new Error(`内置指标库无效 / the built-in indicator library is invalid: ${details}`);
}

export const BUILT_IN_LIBRARY: IndicatorLibrary = builtInLibrary();

export interface LibrarySearchOptions {
  /** One sector, or several (a sector's own indicators together with the 共性 ones). */
  sector?: Sector | readonly Sector[] | undefined;
  /** A first-level name, matched like a form's 一级指标 cell (产出 = 产出指标). */
  level1?: string | undefined;
  /** At most this many results; all when absent. */
  limit?: number | undefined;
}

/** Best first; the order of the search contract. */
const Rank = {
  ExactName: 0,
  NameStartsWith: 1,
  NameContains: 2,
  InitialsStartWith: 3,
  InitialsContain: 4,
  ExplanationContains: 5,
} as const;
type Rank = (typeof Rank)[keyof typeof Rank];

interface SearchKeys {
  name: string;
  initials: string;
  explanation: string;
  level1: string;
}

// The pane searches on every keystroke: fold each library's texts once, not once per query.
const keysCache = new WeakMap<IndicatorLibrary, readonly SearchKeys[]>();

function searchKeysOf(library: IndicatorLibrary): readonly SearchKeys[] {
  const cached = keysCache.get(library);
  if (cached) return cached;
  const keys = library.map((indicator) => ({
    name: compactKey(indicator.name),
    initials: compactKey(indicator.initials),
    explanation: compactKey(indicator.explanation),
    level1: levelKey(indicator.level1),
  }));
  keysCache.set(library, keys);
  return keys;
}

const PINYIN_QUERY = /^[a-z0-9]+$/;

function rankOf(
  keys: SearchKeys,
  query: string,
  mayBeInitials: boolean,
): { rank: Rank; position: number } | null {
  if (keys.name === query) return { rank: Rank.ExactName, position: 0 };
  const inName = keys.name.indexOf(query);
  if (inName === 0) return { rank: Rank.NameStartsWith, position: 0 };
  if (inName > 0) return { rank: Rank.NameContains, position: inName };
  if (mayBeInitials) {
    const inInitials = keys.initials.indexOf(query);
    if (inInitials === 0) return { rank: Rank.InitialsStartWith, position: 0 };
    if (inInitials > 0) return { rank: Rank.InitialsContain, position: inInitials };
  }
  const inExplanation = keys.explanation.indexOf(query);
  return inExplanation >= 0 ? { rank: Rank.ExplanationContains, position: inExplanation } : null;
}

/**
 * Indicators matching `query`, best first: exact name, name starting with it, name containing it, pinyin
 * initials starting with it, initials containing it, explanation containing it. Within a rank an earlier
 * match, then a shorter name, then library order wins. The query is compared case-insensitively after
 * width folding, ignoring spaces and punctuation; an empty query lists the library in order.
 */
export function searchLibrary(
  library: IndicatorLibrary,
  query: string,
  options: LibrarySearchOptions = {},
): Indicator[] {
  const limit =
    options.limit !== undefined && Number.isFinite(options.limit)
      ? Math.max(0, Math.floor(options.limit))
      : Infinity;
  if (limit === 0) return [];
  const sectors =
    options.sector === undefined
      ? null
      : new Set<Sector>(typeof options.sector === 'string' ? [options.sector] : options.sector);
  const level1 = options.level1 === undefined ? null : levelKey(options.level1);
  const keys = searchKeysOf(library);
  const wanted = (index: number, indicator: Indicator): boolean =>
    (sectors === null || sectors.has(indicator.sector)) &&
    (level1 === null || keys[index]?.level1 === level1);

  const folded = compactKey(query);
  if (folded === '') {
    const listed: Indicator[] = [];
    for (let i = 0; i < library.length && listed.length < limit; i += 1) {
      const indicator = library[i];
      if (indicator && wanted(i, indicator)) listed.push(indicator);
    }
    return listed;
  }

  const mayBeInitials = PINYIN_QUERY.test(folded);
  const hits: { indicator: Indicator; rank: Rank; position: number; length: number; order: number }[] = [];
  library.forEach((indicator, order) => {
    const indicatorKeys = keys[order];
    if (!indicatorKeys || !wanted(order, indicator)) return;
    const found = rankOf(indicatorKeys, folded, mayBeInitials);
    if (found) hits.push({ indicator, ...found, length: indicatorKeys.name.length, order });
  });
  hits.sort((a, b) => a.rank - b.rank || a.position - b.position || a.length - b.length || a.order - b.order);
  return hits.slice(0, limit).map((hit) => hit.indicator);
}
