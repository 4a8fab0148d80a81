import { memoizeText } from '../../../src/domain/grid/memo';

describe('memoizeText', () => {
  it('computes each text once while it stays in the cache, and stays bounded', () => {
    const calls: string[] = [];
    const upper = memoizeText((t: string) => {
      calls.push(t);
      return t.toUpperCase();
    }, 4);
    expect(upper('a')).toBe('A');
    expect(upper('a')).toBe('A');
    expect(calls).toEqual(['a']);
    // Many distinct texts pass through; 'a' is used all along and is never computed again.
    for (let i = 0; i < 50; i++) {
      expect(upper(`x${i}`)).toBe(`X${i}`);
      expect(upper('a')).toBe('A');
    }
    expect(calls.filter((t) => t === 'a')).toHaveLength(1);
    // An old text was dropped and is computed again.
    expect(upper('x0')).toBe('X0');
    expect(calls.filter((t) => t === 'x0')).toHaveLength(2);
  });

  it('remembers results that are undefined or null', () => {
    let count = 0;
    const nothing = memoizeText(() => {
      count += 1;
      return null;
    });
    nothing('q');
    nothing('q');
    expect(count).toBe(1);
  });
});
