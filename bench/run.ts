/**
 * Engine benchmark. Prints one table of figures and, because these machines are noisy, the ratios measured
 * within this one run, plus counts that do not depend on timing (round trips per edit).
 *
 *   npm run bench
 */
import { performance } from 'node:perf_hooks';
import { builtInSettings, type EngineSettings } from '../src/app/engine-settings';
import { analyseForm } from '../src/app/analyse-form';
import { FormSession } from '../src/app/form-session';
import { insertTemplate } from '../src/app/insert-template';
import { readForm } from '../src/domain/forms/read-form';
import { MemoryWorkbook } from '../src/hosts/memory/memory-workbook';
import { fillSelfEvaluation } from './fill';
import { cliBench, type BenchRow } from './cli';
import { paneBench } from './pane';
import { excelBench } from './excel';
import { batchPaneBench } from './batch-pane';

type Row = BenchRow;

const gc = (globalThis as { gc?: () => void }).gc;
function collectGarbage(): void {
  gc?.();
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

async function workbookWith(
  indicators: number,
  settings: EngineSettings,
): Promise<{ book: MemoryWorkbook; sheet: string }> {
  const book = new MemoryWorkbook();
  const { sheet } = await insertTemplate(book, {
    template: 'project-self-evaluation',
    settings,
    indicatorRows: indicators,
  });
  await fillSelfEvaluation(book, sheet, indicators);
  return { book, sheet };
}

interface FullCheck {
  /** The memory host handing over the sheet's block (host work, not the engine's). */
  hostRead: number;
  /** readForm + scores + checks on that block: the engine's work. */
  engine: number;
}

/** Medians of a whole check of the sheet, split into the host's block read and the engine's work. */
async function fullCheckMs(
  book: MemoryWorkbook,
  sheet: string,
  settings: EngineSettings,
  runs: number,
): Promise<FullCheck> {
  const host: number[] = [];
  const engine: number[] = [];
  for (let i = 0; i < runs; i++) {
    // Each sample starts from a collected heap, so it pays for its own garbage and not for the last one's.
    collectGarbage();
    const t0 = performance.now();
    const block = await book.readBlock(sheet);
    const t1 = performance.now();
    const read = readForm(block, sheet, { template: 'project-self-evaluation', version: null });
    if (!read.ok) throw new Error('benchmark sheet not recognised');
    analyseForm(read.form, settings);
    engine.push(performance.now() - t1);
    host.push(t1 - t0);
  }
  return { hostRead: median(host), engine: median(engine) };
}

async function main(): Promise<void> {
  const settings = builtInSettings();
  if (!settings) throw new Error('built-in settings missing');
  const rows: Row[] = [];

  const small = await workbookWith(1000, settings);
  const session = await FormSession.open(small.book, small.sheet, settings, {
    template: 'project-self-evaluation',
    version: null,
  });
  if (!session) throw new Error('benchmark sheet not recognised');
  const indicatorRows = session.parsed.tables.indicators ?? [];
  const actualColumn = indicatorRows[0]?.fields.actual?.cell?.replace(/[0-9]+/, '');
  if (!actualColumn) throw new Error('no 实际完成值 column');

  // Warm up the JIT before timing, as a person's session would be warm after the first few edits.
  const editSamples: number[] = [];
  const readsBefore = session.readCount;
  const edits = 300;
  for (let i = 0; i < edits + 50; i++) {
    const target = indicatorRows[(i * 37) % indicatorRows.length];
    if (!target) continue;
    const cell = `${actualColumn}${target.row + 1}`;
    await small.book.setValues(small.sheet, cell, [[80 + (i % 30)]], 'user');
    const t0 = performance.now();
    await session.applyChange({ sheet: small.sheet, range: cell, source: 'user' });
    if (i >= 50) editSamples.push(performance.now() - t0);
  }
  const roundTripsPerEdit = (session.readCount - readsBefore) / (edits + 50);
  const recheck = median(editSamples);
  rows.push({
    measure: 're-check after a one-cell edit, 1,000 indicators (median)',
    value: `${recheck.toFixed(3)} ms`,
    budget: '≤ 2 ms',
    verdict: recheck <= 2 ? 'ok' : 'OVER',
  });
  rows.push({
    measure: 'host round trips per edit',
    value: roundTripsPerEdit.toFixed(2),
    budget: '1',
    verdict: roundTripsPerEdit <= 1 ? 'ok' : 'OVER',
  });

  await fullCheckMs(small.book, small.sheet, settings, 5);
  const small1k = await fullCheckMs(small.book, small.sheet, settings, 21);
  const full1k = small1k.engine;
  rows.push({
    measure: 'read + check + score, 1,000 indicators (median, engine)',
    value: `${full1k.toFixed(2)} ms`,
    budget: '≤ 50 ms',
    verdict: full1k <= 50 ? 'ok' : 'OVER',
  });

  const large = await workbookWith(10000, settings);
  await fullCheckMs(large.book, large.sheet, settings, 2);
  const large10k = await fullCheckMs(large.book, large.sheet, settings, 11);
  const full10k = large10k.engine;
  rows.push({
    measure: 'read + check + score, 10,000 indicators (median, engine)',
    value: `${full10k.toFixed(2)} ms`,
    budget: '',
    verdict: '',
  });
  const ratio = full10k / full1k;
  rows.push({
    measure: 'ratio 10,000 / 1,000 rows (engine)',
    value: `${ratio.toFixed(2)}×`,
    budget: '≤ 12×',
    verdict: ratio <= 12 ? 'ok' : 'OVER',
  });
  rows.push({
    measure: 'memory host block read, 1,000 / 10,000 rows (median)',
    value: `${small1k.hostRead.toFixed(1)} / ${large10k.hostRead.toFixed(1)} ms`,
    budget: '',
    verdict: '',
  });
  const withHost = (large10k.engine + large10k.hostRead) / (small1k.engine + small1k.hostRead);
  rows.push({
    measure: 'ratio 10,000 / 1,000 rows, host read included',
    value: `${withHost.toFixed(2)}×`,
    budget: '',
    verdict: '',
  });
  const speedup = full1k / recheck;
  rows.push({
    measure: 'full check ÷ incremental re-check (same run)',
    value: `${speedup.toFixed(1)}×`,
    budget: '',
    verdict: '',
  });

  await cliBench(rows);
  await paneBench(rows);
  await excelBench(rows);
  await batchPaneBench(rows);

  const width = Math.max(...rows.map((r) => r.measure.length));
  console.log(`\n${'measure'.padEnd(width)}  ${'value'.padStart(12)}  ${'budget'.padEnd(8)}  verdict`);
  for (const r of rows)
    console.log(`${r.measure.padEnd(width)}  ${r.value.padStart(12)}  ${r.budget.padEnd(8)}  ${r.verdict}`);
  if (rows.some((r) => r.verdict === 'OVER')) process.exitCode = 1;
}

void main();
