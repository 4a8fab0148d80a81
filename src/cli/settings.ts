/**
 * `--profile` and `--framework` take a built-in id or a file. A file is validated strictly; its findings
 * are what the user reads, so a bad file is a usage error with reasons, never a stack trace.
 */
import { readFile } from 'node:fs/promises';
import type { Framework } from '../domain/framework/framework-schema';
import { getFramework, loadFramework } from '../domain/framework/frameworks';
import type { Profile } from '../domain/profiles/profile-schema';
import { BUILT_IN_PROFILES, getProfile, parseProfileJson } from '../domain/profiles/profiles';
import { BUILT_IN_FRAMEWORKS } from '../domain/framework/frameworks';

export type Resolved<T> = { ok: true; value: T } | { ok: false; errors: string[] };

export async function resolveProfile(nameOrFile: string): Promise<Resolved<Profile>> {
  const builtIn = getProfile(nameOrFile);
  if (builtIn !== null) return { ok: true, value: builtIn };
  const text = await readText(nameOrFile);
  if (text === null) {
    const known = BUILT_IN_PROFILES.map((p) => p.id).join(', ');
    return {
      ok: false,
      errors: [`未知的配置方案“${nameOrFile}”，也不是可读取的文件（内置：${known}） / unknown profile`],
    };
  }
  const loaded = parseProfileJson(text);
  if (loaded.ok) return { ok: true, value: loaded.profile };
  return { ok: false, errors: loaded.errors.map((e) => `${nameOrFile} ${e.path}: ${e.message}`) };
}

export async function resolveFramework(nameOrFile: string): Promise<Resolved<Framework>> {
  const builtIn = getFramework(nameOrFile);
  if (builtIn !== null) return { ok: true, value: builtIn };
  const text = await readText(nameOrFile);
  if (text === null) {
    const known = BUILT_IN_FRAMEWORKS.map((f) => f.id).join(', ');
    return {
      ok: false,
      errors: [`未知的指标框架“${nameOrFile}”，也不是可读取的文件（内置：${known}） / unknown framework`],
    };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, errors: [`${nameOrFile}: JSON 格式错误 (invalid JSON: ${detail})`] };
  }
  const loaded = loadFramework(data);
  if (loaded.ok) return { ok: true, value: loaded.framework };
  return { ok: false, errors: loaded.errors.map((e) => `${nameOrFile} ${e.path}: ${e.message}`) };
}

async function readText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
}
