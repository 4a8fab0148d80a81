/**
 * A bounded cache for pure functions of a string. Forms repeat the same few texts thousands of times
 * (level names, units, operators, tiers), and a live check re-reads them on every edit, so reading each
 * distinct text once pays off. Results are shared between callers and must be treated as immutable.
 *
 * Two generations keep it bounded without dropping the hot texts: when the young map is full it becomes the
 * old one, and a text found only in the old map moves back to the young. A sheet of 10,000 distinct
 * indicator names therefore does not flush 产出指标 or % out of the cache.
 */
export function memoizeText<T>(fn: (text: string) => T, limit = 32768): (text: string) => T {
  let young = new Map<string, T>();
  let old = new Map<string, T>();
  const remember = (text: string, value: T): T => {
    if (young.size >= limit) {
      old = young;
      young = new Map();
    }
    young.set(text, value);
    return value;
  };
  return (text: string): T => {
    const hit = young.get(text);
    if (hit !== undefined || young.has(text)) return hit as T;
    const aged = old.get(text);
    if (aged !== undefined || old.has(text)) return remember(text, aged as T);
    return remember(text, fn(text));
  };
}
