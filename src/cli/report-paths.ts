/**
 * How the command line's reports name and link the checked files: a path relative to the folder checked that
 * holds it (as given when it was named by itself), and a link from the report's folder, both with forward
 * slashes as Excel, WPS and browsers expect.
 */
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { PathShown } from '../app/report-summary';

/** A file's path relative to the checked folder that holds it; as given when it was named by itself. */
export function displayPath(file: string, roots: readonly string[]): string {
  const full = resolve(file);
  for (const root of roots) {
    const rel = relative(resolve(root), full);
    if (rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)) return rel.split(sep).join('/');
  }
  return file.split(sep).join('/');
}

export function shownUnder(roots: readonly string[]): PathShown {
  return (file) => displayPath(file, roots);
}

/** A link from the report's folder to the checked file. */
export function fileLink(file: string, reportPath: string): string {
  return relative(dirname(resolve(reportPath)), resolve(file))
    .split(sep)
    .join('/');
}
