/**
 * 批量审核 in the pane: what it adds to the pane's first load (nothing: its code and reader come in their own
 * chunks, loaded when the section is opened; their sizes are printed apart), and the time to check 200
 * received workbooks through the pane's file input and Web Worker in headless Chromium against
 * `bpa check --jobs 1` on the same files in this process (the same per-file step, read by Node).
 *
 *   npx tsx --expose-gc bench/batch-pane.ts     (this part alone)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { checkFiles } from '../src/cli/batch';
import type { CheckOptions } from '../src/cli/check-file';
import { findChromium, freshBuild, launch, serve } from '../test/browser/harness';
import { gradedSelfEvaluation, selfEvaluationFile, testHost } from '../test/cli/workbooks';
import type { BenchRow } from './cli';

const FILES = 200;
const ROUNDS = 3;
/** Text only the batch section's chunk and the browser's reader carry. */
const BATCH_MARKERS = ['写入汇总表', 'deflate-raw'];

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const gzipped = (dist: string, file: string): number =>
  gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

function initialScripts(dist: string): string[] {
  const html = readFileSync(join(dist, 'taskpane.html'), 'utf8');
  return [...html.matchAll(/<script[^>]*\ssrc="?([^"\s>]+)"?/g)]
    .map((m) => m[1] ?? '')
    .filter((s) => !s.startsWith('office-js/'));
}

/** A realistic mix, repeated: every grade, a wrong stated total, a wrong stated grade, a web page. */
async function receivedFolder(): Promise<{ dir: string; files: string[] }> {
  const kinds: (Uint8Array | string)[] = [
    await gradedSelfEvaluation('优', 'A'),
    await gradedSelfEvaluation('良', 'B'),
    await gradedSelfEvaluation('中', 'C'),
    await gradedSelfEvaluation('差', 'D'),
    await selfEvaluationFile({ statedTotal: 75 }),
    await selfEvaluationFile({ statedGrade: '差' }),
    await selfEvaluationFile({ department: '市教育局' }),
    '<html><table><tr><td>1</td></tr></table></html>',
  ];
  const dir = await mkdtemp(join(tmpdir(), 'bpa-bench-batch-'));
  const files: string[] = [];
  for (let i = 0; i < FILES; i++) {
    const file = join(dir, `${String(i).padStart(3, '0')}.xlsx`);
    await writeFile(file, kinds[i % kinds.length] ?? '');
    files.push(file);
  }
  return { dir, files };
}

export async function batchPaneBench(rows: BenchRow[]): Promise<void> {
  const dist = await freshBuild();
  const initial = initialScripts(dist);
  const initialBytes = initial.reduce((sum, f) => sum + gzipped(dist, f), 0);
  const leaked = initial.filter((f) => {
    const text = readFileSync(join(dist, f), 'utf8');
    return BATCH_MARKERS.some((m) => text.includes(m));
  });
  rows.push({
    measure: `pane initial JS gzipped (${initial.length} files), batch code in it`,
    value: `${kb(initialBytes)}, ${leaked.length === 0 ? 'none' : leaked.join(' ')}`,
    budget: 'none',
    verdict: leaked.length === 0 ? 'ok' : 'OVER',
  });
  const chunks = readdirSync(dist).filter((f) => /^batch(-check|-xlsx)?\.[0-9a-f]+\.js$/.test(f));
  for (const chunk of chunks) {
    rows.push({
      measure: `batch chunk ${chunk.replace(/\.[0-9a-f]+\.js$/, '')} gzipped (${
        chunk.startsWith('batch-xlsx')
          ? 'loaded on the first xlsx report or new workbook'
          : 'loaded on opening 批量审核'
      })`,
      value: kb(gzipped(dist, chunk)),
      budget: '',
      verdict: '',
    });
  }

  const chromiumPath = findChromium();
  if (!chromiumPath) {
    rows.push({ measure: '批量审核 in Chromium', value: 'skipped', budget: '', verdict: 'no Chromium' });
    return;
  }
  const { dir, files } = await receivedFolder();
  const server = await serve(dist);
  const browser = await launch(chromiumPath);
  const options: CheckOptions = { lang: 'zh-CN', profile: null, framework: null, goals: [] };
  try {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/taskpane.html`);
    await page.getByRole('tab', { name: /^批量审核/ }).click();
    const input = page.locator('[data-testid="batch-files"]');
    await input.waitFor({ state: 'attached' });
    const browserRun = async (): Promise<number> => {
      const t0 = performance.now();
      await input.setInputFiles(files);
      await page
        .locator('[data-testid="batch-progress"]')
        .filter({ hasText: `${FILES} / ${FILES}` })
        .waitFor({ timeout: 600_000 });
      return performance.now() - t0;
    };
    const cliRun = async (): Promise<number> => {
      const t0 = performance.now();
      await checkFiles(files, options, { jobs: 1, host: testHost(false) });
      return performance.now() - t0;
    };
    // One of each first (the worker's code compiled, Node's warm), then rounds taken in turn.
    await browserRun();
    await cliRun();
    const inBrowser: number[] = [];
    const inNode: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      inBrowser.push(await browserRun());
      inNode.push(await cliRun());
    }
    const b = median(inBrowser);
    const c = median(inNode);
    rows.push({
      measure: `批量审核 in Chromium, ${FILES} workbooks through the Web Worker (median of ${ROUNDS})`,
      value: `${(b / 1000).toFixed(2)} s`,
      budget: '',
      verdict: '',
    });
    rows.push({
      measure: `bpa check --jobs 1 in process, the same ${FILES} workbooks (median of ${ROUNDS})`,
      value: `${(c / 1000).toFixed(2)} s`,
      budget: '',
      verdict: '',
    });
    rows.push({
      measure: 'ratio pane worker ÷ bpa check --jobs 1',
      value: `${(b / c).toFixed(2)}×`,
      budget: '',
      verdict: '',
    });
  } finally {
    await browser.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const rows: BenchRow[] = [];
  void batchPaneBench(rows).then(() => {
    for (const r of rows) console.log(`${r.measure}  ${r.value}  ${r.budget}  ${r.verdict}`);
  });
}
