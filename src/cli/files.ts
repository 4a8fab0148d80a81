/**
 * Finding the workbooks a command was given, and writing output files atomically: a reader of the output
 * directory sees either no file or a whole one, never a half-written report or template.
 */
import { randomBytes } from 'node:crypto';
import { link, readdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface FoundFiles {
  files: string[];
  /** Paths given that do not exist. */
  missing: string[];
}

/** Excel and WPS leave `~$name.xlsx` lock files next to an open workbook; they are not workbooks. */
export function isWorkbookName(name: string): boolean {
  return name.toLowerCase().endsWith('.xlsx') && !name.startsWith('~$');
}

/** Files are taken as given (whatever their extension); directories are walked for workbooks, sorted. */
export async function findWorkbooks(paths: readonly string[]): Promise<FoundFiles> {
  const files: string[] = [];
  const missing: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (info === null) missing.push(path);
    else if (info.isDirectory()) files.push(...(await walk(path)));
    else files.push(path);
  }
  return { files: [...new Set(files)], missing };
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const found: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await walk(path)));
    else if (entry.isFile() && isWorkbookName(entry.name)) found.push(path);
  }
  return found;
}

export class FileExistsError extends Error {
  override readonly name = 'FileExistsError';
  constructor(readonly path: string) {
    super(`文件已存在 / file exists: ${path}`);
  }
}

/**
 * Writes through a temporary file in the same directory, then moves it into place. Without `overwrite` the
 * move is a hard link, which fails rather than replace a file that appeared meanwhile.
 */
export async function writeFileAtomically(target: string, data: Uint8Array | string, overwrite: boolean) {
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  await writeFile(temp, data, { flag: 'wx' });
  try {
    if (overwrite) {
      await rename(temp, target);
      return;
    }
    try {
      await link(temp, target);
    } catch (error) {
      if (isCode(error, 'EEXIST')) throw new FileExistsError(target);
      if (!isCode(error, 'EPERM') && !isCode(error, 'ENOTSUP') && !isCode(error, 'EXDEV')) throw error;
      // A file system without hard links: check, then rename (a small window, but never a partial file).
      if (await stat(target).catch(() => null)) throw new FileExistsError(target);
      await rename(temp, target);
    }
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

/** Duck-typed: errors from another realm (a worker, a test sandbox) fail `instanceof Error`. */
function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === code;
}
