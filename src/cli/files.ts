/**
 * Finding the workbooks a command was given, and writing output files atomically: a reader of the output
 * directory sees either no file or a whole one, never a half-written report or template.
 */
import { randomBytes } from 'node:crypto';
import { unlinkSync } from 'node:fs';
import { link, lstat, open, readdir, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface FoundFiles {
  files: string[];
  /** Paths given that do not exist. */
  missing: string[];
  /** Folders that could not be listed (no permission, gone meanwhile), with the system's reason. */
  unreadableFolders: { path: string; reason: string }[];
}

/** Excel and WPS leave `~$name.xlsx` lock files next to an open workbook; they are not workbooks. */
export function isWorkbookName(name: string): boolean {
  return name.toLowerCase().endsWith('.xlsx') && !name.startsWith('~$');
}

/**
 * Files are taken as given, whatever their extension or kind (a pipe or a device given by name is refused
 * with a code when it is checked, never read); directories are walked for workbooks, sorted. A symbolic link
 * is followed; one whose target is missing is still listed, so that its check says so. A folder that cannot
 * be listed is reported and the walk goes on.
 */
export async function findWorkbooks(paths: readonly string[]): Promise<FoundFiles> {
  const found: FoundFiles = { files: [], missing: [], unreadableFolders: [] };
  const visited = new Set<string>();
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (info === null) {
      // A link whose target is gone exists as a link: its check reports it.
      if (await lstat(path).catch(() => null)) found.files.push(path);
      else found.missing.push(path);
    } else if (info.isDirectory()) await walk(path, found, visited);
    else found.files.push(path);
  }
  return { ...found, files: [...new Set(found.files)] };
}

async function walk(dir: string, found: FoundFiles, visited: Set<string>): Promise<void> {
  // A link back up the tree would walk forever: each real folder is walked once.
  const real = await realpath(dir).catch(() => dir);
  if (visited.has(real)) return;
  visited.add(real);
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    found.unreadableFolders.push({ path: dir, reason: reasonOf(error) });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      await walk(path, found, visited);
    } else if (entry.isSymbolicLink()) {
      const target = await stat(path).catch(() => null);
      if (target?.isDirectory()) await walk(path, found, visited);
      else if (isWorkbookName(entry.name)) found.files.push(path);
    } else if (isWorkbookName(entry.name)) {
      // Regular files, and anything else named like a workbook (a pipe, a socket): the check refuses those.
      found.files.push(path);
    }
  }
}

function reasonOf(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const message = error instanceof Error ? error.message : String(error);
  return (code === '' ? message : code).slice(0, 200);
}

export class FileExistsError extends Error {
  override readonly name = 'FileExistsError';
  constructor(readonly path: string) {
    super(`文件已存在 / file exists: ${path}`);
  }
}

/** The longest file name most file systems take, in bytes. */
const MAX_NAME_BYTES = 255;
/** '.', '.', 12 hex digits and '.tmp' around the target's name. */
const TEMP_NAME_EXTRA = 18;

/** Temporary files being written now, removed if the process is interrupted. */
const temporaryFiles = new Set<string>();

/**
 * A temporary name beside `target`, within 255 bytes: a long target name is cut (at a character, never
 * inside one) to leave room for the random part.
 */
export function temporaryName(target: string): string {
  let name = basename(target);
  const encoder = new TextEncoder();
  while (encoder.encode(name).length > MAX_NAME_BYTES - TEMP_NAME_EXTRA)
    name = [...name].slice(0, -1).join('');
  return join(dirname(target), `.${name}.${randomBytes(6).toString('hex')}.tmp`);
}

/** Removes the temporary files being written (synchronously: it runs as the process is being stopped). */
export function removeTemporaryFiles(): void {
  for (const temp of temporaryFiles) {
    try {
      unlinkSync(temp);
    } catch {
      // Already moved into place or removed.
    }
  }
  temporaryFiles.clear();
}

/**
 * On SIGINT or SIGTERM, temporary files are removed before the process ends with the signal's usual code
 * (130, 143). Only the entry point calls this: a library has no business ending the process.
 */
export function removeTemporaryFilesOnSignals(): void {
  const stop = (signal: NodeJS.Signals, code: number) => {
    process.once(signal, () => {
      removeTemporaryFiles();
      process.exit(code);
    });
  };
  stop('SIGINT', 130);
  stop('SIGTERM', 143);
}

export type OutputChunks = Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>;

/**
 * Writes through a temporary file in the same directory, then moves it into place. Without `overwrite` the
 * move is a hard link, which fails rather than replace a file that appeared meanwhile. The data may come in
 * chunks, so a long report is never held whole.
 */
export async function writeFileAtomically(
  target: string,
  data: Uint8Array | string | OutputChunks,
  overwrite: boolean,
) {
  const temp = temporaryName(target);
  temporaryFiles.add(temp);
  try {
    const handle = await open(temp, 'wx');
    try {
      if (typeof data === 'string' || data instanceof Uint8Array) await handle.writeFile(data);
      else for await (const chunk of data) await handle.writeFile(chunk);
    } finally {
      await handle.close();
    }
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
    temporaryFiles.delete(temp);
  }
}

/** Duck-typed: errors from another realm (a worker, a test sandbox) fail `instanceof Error`. */
function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === code;
}
