/**
 * Task pane figures: the pane's initial JavaScript gzipped against its 350 KB budget, the time to the first
 * render of taskpane.html in headless Chromium (median of several cold loads), and in the workbench the time
 * from a one-cell edit (the host's change event) to the pane's updated state on a 50-row self-evaluation,
 * against its 60 ms budget.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { builtInSettings } from '../src/app/engine-settings';
import { insertTemplate } from '../src/app/insert-template';
import { readForm } from '../src/domain/forms/read-form';
import { columnLetter } from '../src/domain/grid/address';
import { MemoryWorkbook } from '../src/hosts/memory/memory-workbook';
import { findChromium, freshBuild, launch, serve } from '../test/browser/harness';
import type { BenchRow } from './cli';

const BUDGET_BYTES = 350 * 1024;
const LOADS = 7;
const EDITS = 9;
const LATENCY_BUDGET_MS = 60;
/** Indicator rows of the form the edits are timed on. */
const FORM_ROWS = 50;

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

/** Clicks 插入行 inside the indicator table `count` times (the live checks reload the sheet after each). */
function insertRows(count: number): string {
  return `new Promise(function (done) {
    var button = Array.prototype.find.call(document.querySelectorAll('.wb-toolbar button'), function (b) {
      return b.textContent.indexOf('插入行') === 0;
    });
    var left = ${count};
    function step() {
      if (left <= 0) return done(true);
      button.click();
      left -= 1;
      setTimeout(step, 20);
    }
    step();
  })`;
}

/** Pastes `rows` filled indicator rows (一级 … 实际完成值, then 分值) at the selected cell. */
function pasteRows(rows: number, weightGap: number): string {
  const lines = Array.from({ length: rows }, (_, i) =>
    [
      '产出指标',
      '数量指标',
      `指标${i + 1}`,
      '≥',
      100,
      '人次',
      90 + (i % 20),
      ...Array(weightGap).fill(''),
      2,
    ].join('\t'),
  );
  return `(function () {
    var data = new DataTransfer();
    data.setData('text/plain', ${JSON.stringify(lines.join('\n') + '\n')});
    document.querySelector('.wb-grid').dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  })()`;
}

/** The self-evaluation template's indicator table as the workbench inserts it: first data row, rows, columns. */
async function selfEvaluationTable() {
  const settings = builtInSettings();
  if (!settings) throw new Error('built-in settings missing');
  const book = new MemoryWorkbook();
  const { sheet } = await insertTemplate(book, { template: 'project-self-evaluation', settings });
  const read = readForm(await book.readBlock(sheet), sheet, null);
  const table = read.ok ? read.layout.tables.indicators : undefined;
  if (!table) throw new Error('no indicator table in the self-evaluation template');
  return table;
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
    // Grow the table to FORM_ROWS filled indicator rows, as a person would: insert rows inside it, paste.
    const table = await selfEvaluationTable();
    const col = (key: 'level1' | 'actual' | 'weight'): string => columnLetter(table.columns[key] ?? 0);
    const firstRow = table.firstDataRow + 1;
    await page.locator(`td[data-cell="${col('level1')}${firstRow + 1}"]`).dispatchEvent('mousedown');
    await page.evaluate(insertRows(FORM_ROWS - (table.endRow - table.firstDataRow)));
    await page.locator(`td[data-cell="${col('level1')}${firstRow}"]`).dispatchEvent('mousedown');
    const gap = (table.columns.weight ?? 0) - (table.columns.actual ?? 0) - 1;
    await page.evaluate(pasteRows(FORM_ROWS, gap));
    await page.locator(`td[data-cell="${col('actual')}${firstRow}"]`).dispatchEvent('mousedown');
    // The last pasted row is there: the edits below are timed on a form of FORM_ROWS indicators.
    await page.locator('td', { hasText: new RegExp(`^指标${FORM_ROWS}$`) }).waitFor();
    const latencies: number[] = [];
    for (let i = 0; i < EDITS; i++) {
      latencies.push(Number(await page.evaluate(pasteAndWait(90 + i))));
    }
    const latency = median(latencies);
    rows.push({
      measure: `workbench one-cell edit → pane updated, ${FORM_ROWS}-row form (median of ${EDITS})`,
      value: `${latency.toFixed(0)} ms`,
      budget: `${LATENCY_BUDGET_MS} ms`,
      verdict: latency <= LATENCY_BUDGET_MS ? 'ok' : 'OVER',
    });
  } finally {
    await browser.close();
    await server.close();
  }
}
