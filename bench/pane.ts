/**
 * Task pane figures: the pane's initial JavaScript gzipped against its 350 KB budget, the time to the first
 * render of taskpane.html in headless Chromium (median of several cold loads), and in the workbench the time
 * from a pasted edit to the pane's updated state (the 200 ms pause for more typing included, since that is
 * what a person waits for).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { findChromium, freshBuild, launch, serve } from '../test/browser/harness';
import type { BenchRow } from './cli';

const BUDGET_BYTES = 350 * 1024;
const LOADS = 7;
const EDITS = 9;

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** The scripts taskpane.html loads before it can render, in order. */
function initialScripts(dist: string): string[] {
  const html = readFileSync(join(dist, 'taskpane.html'), 'utf8');
  return [...html.matchAll(/<script[^>]*\ssrc="?([^"\s>]+)"?/g)].map((m) => m[1] ?? '');
}

const gzipped = (dist: string, file: string) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;

export async function paneBench(rows: BenchRow[]): Promise<void> {
  const dist = await freshBuild();
  const scripts = initialScripts(dist);
  const ours = scripts.filter((s) => !s.startsWith('office-js/'));
  const paneBytes = ours.reduce((sum, file) => sum + gzipped(dist, file), 0);
  const officeBytes = scripts
    .filter((s) => s.startsWith('office-js/'))
    .reduce((sum, f) => sum + gzipped(dist, f), 0);
  rows.push({
    measure: `pane initial JS gzipped (${ours.length} files)`,
    value: `${(paneBytes / 1024).toFixed(1)} KB`,
    budget: '350 KB',
    verdict: paneBytes <= BUDGET_BYTES ? 'ok' : 'OVER',
  });
  rows.push({
    measure: 'office.js gzipped (loaded first, same origin)',
    value: `${(officeBytes / 1024).toFixed(1)} KB`,
    budget: '',
    verdict: '',
  });

  const chromiumPath = findChromium();
  if (!chromiumPath) {
    rows.push({
      measure: 'pane first render',
      value: 'skipped',
      budget: '',
      verdict: 'no Chromium at /usr/bin/chromium',
    });
    return;
  }
  const server = await serve(dist);
  const browser = await launch(chromiumPath);
  try {
    const renders: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      // A new context each time: nothing cached, as when Excel opens the pane.
      const context = await browser.newContext();
      await context.addInitScript(() => {
        const seen = () => {
          const w = window as unknown as { firstRender?: number };
          if (w.firstRender === undefined && document.querySelector('[role="tablist"]'))
            w.firstRender = performance.now();
        };
        new MutationObserver(seen).observe(document, { childList: true, subtree: true });
      });
      const page = await context.newPage();
      await page.goto(`${server.origin}/taskpane.html`);
      await page.waitForFunction(
        () => (window as unknown as { firstRender?: number }).firstRender !== undefined,
      );
      renders.push(await page.evaluate(() => (window as unknown as { firstRender: number }).firstRender));
      await context.close();
    }
    rows.push({
      measure: `pane first render, headless Chromium (median of ${LOADS})`,
      value: `${median(renders).toFixed(0)} ms`,
      budget: '',
      verdict: '',
    });

    const page = await browser.newPage();
    await page.goto(`${server.origin}/workbench.html`);
    await page.locator('.wb-layout[data-status="ready"]').waitFor();
    await page.locator('button[data-template="project-self-evaluation"]').click();
    await page.locator('.wb-grid[data-active-sheet="项目支出绩效自评表"]').waitFor();
    await page.locator('td[data-cell="H13"]').dispatchEvent('mousedown');
    const latencies: number[] = [];
    for (let i = 0; i < EDITS; i++) {
      latencies.push(
        await page.evaluate(
          (value) =>
            new Promise<number>((done) => {
              const layout = document.querySelector('.wb-layout');
              const grid = document.querySelector('.wb-grid');
              if (!layout || !grid) throw new Error('workbench not rendered');
              const start = performance.now();
              new MutationObserver((_records, observer) => {
                observer.disconnect();
                done(performance.now() - start);
              }).observe(layout, { attributes: true, attributeFilter: ['data-revision'] });
              const data = new DataTransfer();
              data.setData('text/plain', String(value));
              grid.dispatchEvent(
                new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
              );
            }),
          90 + i,
        ),
      );
    }
    rows.push({
      measure: `workbench edit → pane updated, 200 ms pause incl. (median of ${EDITS})`,
      value: `${median(latencies).toFixed(0)} ms`,
      budget: '',
      verdict: '',
    });
  } finally {
    await browser.close();
    await server.close();
  }
}
