/**
 * Turns the text of a cell into the key the reader compares with the vocabulary, following the normalisation
 * rules of the vocabulary (data, see vocabulary-schema.ts): 全年预算数（A）, 实施单位（盖章）：, （一）项目资金（万元）
 * and "1—9月执行数" become 全年预算数, 实施单位, 项目资金 and 1N月执行数.
 */
import { labelKey, normalizeText } from '../grid/parse';
import { memoizeText } from '../grid/memo';
import type { Normalisation } from './vocabulary-schema';

const WHITE = /\s+/gu;
const GROUP = /\(([^()]*)\)/gu;
/** Steps of the strip loop; a text never needs more (each step removes at least one character). */
const MAX_PASSES = 8;

export type KeyOf = (text: string) => string;

/** The key function of a set of rules; results are cached per distinct text. */
export function compileNormaliser(rules: Normalisation): KeyOf {
  const characters = new Map(Object.entries(rules.characters));
  const ignore = rules.ignore.map((source) => new RegExp(source, 'u'));
  const numbering = rules.numbering.map((source) => new RegExp(source, 'u'));
  const words = new Set(
    rules.bracketed.words.map((word) => mapCharacters(word.replace(WHITE, ''), characters)),
  );
  const patterns = rules.bracketed.patterns.map((source) => new RegExp(source, 'u'));
  const suffixes = rules.suffixes.map((suffix) => mapCharacters(suffix.replace(WHITE, ''), characters));
  const replacements = rules.replacements.map((r) => ({ pattern: new RegExp(r.pattern, 'u'), with: r.with }));

  const isAnnotation = (content: string): boolean =>
    words.has(content) || patterns.some((p) => p.test(content));

  const strip = (text: string): string => {
    let current = text;
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      let next = current;
      for (const p of numbering) next = next.replace(p, '');
      next = next.replace(GROUP, (group, content: string) => (isAnnotation(content) ? '' : group));
      for (const suffix of suffixes) {
        if (next.length > suffix.length && next.endsWith(suffix)) next = next.slice(0, -suffix.length);
      }
      if (next === current) break;
      current = next;
    }
    return current;
  };

  return memoizeText((raw: string): string => {
    const text = mapCharacters(normalizeText(raw), characters).replace(WHITE, '');
    if (text === '' || ignore.some((p) => p.test(text))) return '';
    let key = labelKey(strip(text));
    for (const r of replacements) key = key.replace(r.pattern, r.with);
    return key;
  });
}

function mapCharacters(text: string, characters: ReadonlyMap<string, string>): string {
  if (characters.size === 0) return text;
  let out = '';
  for (const ch of text) out += characters.get(ch) ?? ch;
  return out;
}
