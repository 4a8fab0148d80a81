/**
 * `--jurisdiction <file>`: the profile, framework and library of a jurisdiction package. A bad package is a
 * usage error listing the path of each error; nothing runs with part of it.
 */
import { readFile } from 'node:fs/promises';
import { parseJurisdictionJson, type Jurisdiction } from '../domain/profiles/jurisdiction';
import type { Resolved } from './settings';

export async function resolveJurisdiction(path: string): Promise<Resolved<Jurisdiction>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return { ok: false, errors: [`无法读取地区口径包 / cannot read the jurisdiction package: ${path}`] };
  }
  const loaded = parseJurisdictionJson(text);
  if (loaded.ok) return { ok: true, value: loaded.jurisdiction };
  return {
    ok: false,
    errors: [
      `地区口径包无效，未使用 / the jurisdiction package is invalid and was not used: ${path}`,
      ...loaded.errors.map((e) => `  ${e.path}: ${e.message}`),
    ],
  };
}
