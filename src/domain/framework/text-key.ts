/**
 * Keys for comparing what people type with the names in frameworks and the library. Kept local to the
 * framework folder because level matching needs more than a label key (the 指标 suffix, numbering, trailing
 * notes such as "（50分）"), and search needs the same width folding on every keystroke.
 */
import { memoizeText } from '../grid/memo';

/**
 * Width-folded (NFKC: full-width letters, digits and brackets become half-width), lower-cased, with white
 * space, punctuation and symbols removed. "ＰＭ２.５ 年均浓度" and "pm2.5年均浓度" give the same key.
 */
export const compactKey: (text: string) => string = memoizeText(compactKeyOnce);

function compactKeyOnce(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** "一、" "（二）" "3." written before a level name in hand-made forms. */
const LEADING_NUMBERING = /^\s*\(?\s*(?:[一二三四五六七八九十]+|\d+)\s*[)、.:]/u;
/**
 * A remark after the name: "产出指标（50分）", "满意度指标(%)", "成本指标(0-20)分". Only when a name precedes it.
 */
const TRAILING_REMARK = /(?<=\S)\s*\([^()]*\)\s*分?\s*$/u;
const SUFFIX = '指标';

/**
 * The key of a first- or second-level name: numbering and a trailing remark dropped, compacted, and the
 * 指标 suffix removed, so 产出, 产出指标, "一、产出指标（50分）" and ＂产出指标 ＂ all meet. '' when nothing is left.
 */
export const levelKey: (text: string) => string = memoizeText(levelKeyOnce);

function levelKeyOnce(text: string): string {
  const folded = text.normalize('NFKC').replace(LEADING_NUMBERING, '').replace(TRAILING_REMARK, '');
  const key = compactKey(folded);
  return key.endsWith(SUFFIX) && key.length > SUFFIX.length ? key.slice(0, -SUFFIX.length) : key;
}
