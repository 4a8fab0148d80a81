/**
 * The shape every data loader of this folder returns: data files come from users (a jurisdiction's own
 * framework, a library imported from a spreadsheet), so a bad file is a list of findings, never an exception.
 */
import type { z } from 'zod';
import { zhCN } from 'zod/locales';

export interface LoadError {
  /** Where in the file, JSONPath-like: '$', '$.level1[0].name', '$[12].id'. */
  path: string;
  /** Chinese first, then English. */
  message: string;
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : `${text}.${String(key)}`),
    '$',
  );
}

const chineseMessages = zhCN().localeError;

/**
 * Validates `data` against `schema`; on failure every issue becomes a LoadError. An unknown key is reported
 * at its own path, one finding per key, so a misspelt setting is pointed at rather than described.
 */
export function parseStrictly<T>(
  schema: z.ZodType<T>,
  data: unknown,
): { ok: true; value: T } | { ok: false; errors: LoadError[] } {
  const english = schema.safeParse(data);
  if (english.success) return { ok: true, value: english.data };
  // A second pass with the Chinese catalogue yields the same issues in the same order.
  const chinese = schema.safeParse(data, { error: chineseMessages });
  const chineseIssues = chinese.success ? [] : chinese.error.issues;
  const errors: LoadError[] = [];
  english.error.issues.forEach((issue, index) => {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        errors.push({
          path: formatPath([...issue.path, key]),
          message: `未知的字段“${key}” / unknown key "${key}"`,
        });
      }
      return;
    }
    const zh = chineseIssues[index]?.message;
    errors.push({ path: formatPath(issue.path), message: zh ? `${zh} / ${issue.message}` : issue.message });
  });
  return { ok: false, errors };
}
