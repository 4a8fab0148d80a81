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

/** Records when the pane's tab list first appears (performance.now(), from the start of navigation). */
const FIRST_RENDER_PROBE = `
  new MutationObserver(function () {
    if (window.firstRender === undefined && document.querySelector('[role="tablist"]')) {
      window.firstRender = performance.now();
    }
  }).observe(document, { childList: true, subtree: true });
`;

/** Pastes a value into the selected cell and resolves with the time until the live state changed. */
function pasteAndWait(value: number): string {
  return `new Promise(function (done) {
    var layout = document.querySelector('.wb-layout');
    var grid = document.querySelector('.wb-grid');
    var start = performance.now();
    new MutationObserver(function (records, observer) {
      observer.disconnect();
      done(performance.now() - start);
    }).observe(layout, { attributes: true, attributeFilter: ['data-revision'] });
    var data = new DataTransfer();
    data.setData('text/plain', '${value}');
    grid.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  })`;
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
      // Scripts for the page are plain text: the TypeScript runner may wrap functions in helpers the
      // page does not have.
      await context.addInitScript({ content: FIRST_RENDER_PROBE });
      const page = await context.newPage();
      await page.goto(`${server.origin}/taskpane.html`);
      await page.waitForFunction('window.firstRender !== undefined');
      renders.push(Number(await page.evaluate('window.firstRender')));
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
      latencies.push(Number(await page.evaluate(pasteAndWait(90 + i))));
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
