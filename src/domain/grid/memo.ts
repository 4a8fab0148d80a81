/**
 * A bounded cache for pure functions of a string. Forms repeat the same few texts thousands of times
 * (level names, units, operators, tiers), and a live check re-reads them on every edit, so reading each
 * distinct text once pays off. Results are shared between callers and must be treated as immutable.
 */
export function memoizeText<T>(fn: (text: string) => T, limit = 8192): (text: string) => T {
  const cache = new Map<string, T>();
  return (text: string): T => {
    const known = cache.get(text);
    if (known !== undefined || cache.has(text)) return known as T;
    const value = fn(text);
    // Dropping everything at the limit keeps the cache cheap; the next distinct texts refill it.
    if (cache.size >= limit) cache.clear();
    cache.set(text, value);
    return value;
  };
}
