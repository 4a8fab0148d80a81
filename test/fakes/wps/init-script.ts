/**
 * The ET fake as one script for a browser page, for `page.addInitScript({ content })`: it runs before any of
 * the page's own scripts, so the pane finds `Application` and `wps` as it would inside WPS.
 */
import * as path from 'path';
import { buildSync } from 'esbuild';
import type { FakeEtOptions } from './fake-et';

let bundled: string | null = null;

export function wpsFakeInitScript(options: FakeEtOptions = {}): string {
  if (bundled === null) {
    const result = buildSync({
      entryPoints: [path.join(__dirname, 'inject.ts')],
      bundle: true,
      format: 'iife',
      target: 'es2017',
      write: false,
      logLevel: 'silent',
    });
    const [output] = result.outputFiles;
    if (output === undefined) throw new Error('esbuild produced no bundle for the WPS fake');
    bundled = output.text;
  }
  return `window.__wpsFakeOptions = ${JSON.stringify(options)};\n${bundled}`;
}
