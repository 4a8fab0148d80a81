/**
 * Rewrites the `initials` of every indicator in the bundled library from its name, so that search by pinyin
 * initials ('ywjy' for 义务教育巩固率) never drifts from the names. The domain cannot carry a pinyin
 * dictionary, so the initials are data, produced here with pinyin-pro.
 *
 *   npx tsx scripts/library-initials.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pinyin } from 'pinyin-pro';

const LIBRARY_FILE = resolve(__dirname, '../src/domain/framework/data/indicator-library.json');

/** Pinyin initials of the Chinese characters; letters and digits kept lower-cased; any other symbol dropped. */
export function initialsOf(name: string): string {
  const pieces = pinyin(name.normalize('NFKC'), { pattern: 'first', toneType: 'none', type: 'array' });
  return pieces
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

function isEntry(value: unknown): value is { name: string; initials?: unknown } {
  return (
    typeof value === 'object' && value !== null && typeof (value as { name?: unknown }).name === 'string'
  );
}

function main(): void {
  const entries: unknown = JSON.parse(readFileSync(LIBRARY_FILE, 'utf8'));
  if (!Array.isArray(entries)) throw new Error('指标库文件应为数组 / the library file must be an array');
  const list: unknown[] = entries;
  let changed = 0;
  for (const entry of list) {
    if (!isEntry(entry)) continue;
    const initials = initialsOf(entry.name);
    if (entry.initials !== initials) changed += 1;
    entry.initials = initials;
  }
  writeFileSync(LIBRARY_FILE, `${JSON.stringify(list, null, 2)}\n`, 'utf8');
  console.log(
    `已更新 ${changed} 条拼音首字母（共 ${list.length} 条） / updated ${changed} of ${list.length} initials`,
  );
}

main();
