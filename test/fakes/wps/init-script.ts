/**
 * The ET fake as one script for a browser page, for `page.addInitScript({ content })`: it runs before any of
 * the page's own scripts, so the pane finds `Application` and `wps` as it would inside WPS.
 */
import * as path from 'path';
import { buildSync } from 'esbuild';
import type { FakeEtOptions } from './fake-et';

/** A TypeScript entry bundled into one classic script for a page (ES2017, as the oldest WPS Chromium). */
export function bundleForPage(entry: string): string {
  const result = buildSync({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    target: 'es2017',
    write: false,
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  if (output === undefined) throw new Error(`esbuild produced no bundle for ${entry}`);
  return output.text;
}

let bundled: string | null = null;

export function wpsFakeInitScript(options: FakeEtOptions = {}): string {
  bundled ??= bundleForPage(path.join(__dirname, 'inject.ts'));
  return `window.__wpsFakeOptions = ${JSON.stringify(options)};\n${bundled}`;
}
