/**
 * Office.js round trips, counted (not timed) through the Excel adapter over the Office.js fake
 * (test/hosts/excel/fake): each `context.sync()` is one round trip to Excel, which on Excel on the web is a
 * network request, so these counts are what the add-in's speed in Excel depends on.
 */
import { builtInSettings } from '../src/app/engine-settings';
import { insertTemplate } from '../src/app/insert-template';
import { LiveChecks } from '../src/app/live-checks';
import { parseRange, toA1 } from '../src/domain/grid/address';
import type { Plan } from '../src/domain/plan/plan';
import { listTemplates } from '../src/domain/templates/registry';
import { ExcelWorkbook } from '../src/hosts/excel/excel-workbook';
import { FakeExcel } from '../test/hosts/excel/fake/excel-fake';
import type { BenchRow } from './cli';

const NOW = new Date('2025-03-01T08:00:00Z');

async function newExcel(excelApi: string): Promise<{ fake: FakeExcel; book: ExcelWorkbook }> {
  const fake = new FakeExcel({ excelApi });
  await fake.book.applyPlan({
    formSheet: 'Sheet1',
    ops: [{ kind: 'ensureSheet', sheet: 'Sheet1', visibility: 'visible', ifExists: 'fail' }],
  });
  return { fake, book: new ExcelWorkbook(fake.api) };
}

interface InsertCounts {
  planSyncs: number;
  insertSyncs: number;
  commands: number;
  proxies: number;
  ops: number;
}

async function countInsert(
  template: ReturnType<typeof listTemplates>[number]['id'],
  excelApi: string,
): Promise<InsertCounts> {
  const settings = builtInSettings();
  if (!settings) throw new Error('built-in settings missing');
  const { fake, book } = await newExcel(excelApi);
  let planSyncs = 0;
  let planCommands = 0;
  let planProxies = 0;
  const applyPlan = book.applyPlan.bind(book);
  book.applyPlan = async (plan: Plan) => {
    const before = { ...fake.stats };
    await applyPlan(plan);
    planSyncs = fake.stats.syncs - before.syncs;
    planCommands = fake.stats.commands - before.commands;
    planProxies = fake.stats.proxies - before.proxies;
  };
  fake.resetStats();
  const { opCount } = await insertTemplate(book, { template, settings, now: NOW });
  return {
    planSyncs,
    insertSyncs: fake.stats.syncs,
    commands: planCommands,
    proxies: planProxies,
    ops: opCount,
  };
}

/** Syncs from a person's edit to the re-checked result, through the live checks the pane runs. */
async function syncsPerEdit(excelApi: string): Promise<{ first: number; median: number }> {
  const settings = builtInSettings();
  if (!settings) throw new Error('built-in settings missing');
  const { fake, book } = await newExcel(excelApi);
  const { sheet } = await insertTemplate(book, { template: 'project-self-evaluation', settings, now: NOW });
  const live = new LiveChecks(book, { settingsFor: () => settings, debounceMs: 60_000 });
  await live.start();
  await book.whenListening();
  // Cells a person may type into: the unlocked ones of the protected form.
  const used = (await book.listSheets()).find((s) => s.name === sheet)?.usedRange ?? 'A1';
  const area = parseRange(used);
  const inputs: string[] = [];
  for (let row = area.top; row <= area.bottom && inputs.length < 10; row += 1) {
    for (let col = area.left; col <= area.right && inputs.length < 10; col += 1) {
      const a1 = toA1({ row, col });
      if (!fake.book.isLocked(sheet, a1)) inputs.push(a1);
    }
  }
  if (inputs.length === 0) throw new Error('no input cell in the form');
  const counts: number[] = [];
  for (let i = 0; i < 21; i += 1) {
    const before = fake.stats.syncs;
    // Sequential on purpose: each edit is measured on its own.
    await fake.userEdit(sheet, inputs[i % inputs.length] ?? 'A1', [[80 + i]]);
    await live.flush();
    counts.push(fake.stats.syncs - before);
  }
  live.stop();
  const sorted = [...counts].sort((a, b) => a - b);
  return { first: counts[0] ?? 0, median: sorted[sorted.length >> 1] ?? 0 };
}

export async function excelBench(rows: BenchRow[]): Promise<void> {
  for (const template of listTemplates()) {
    const c = await countInsert(template.id, '1.14');
    rows.push({
      measure: `Excel: insert ${template.id} (syncs plan / whole insert)`,
      value: `${c.planSyncs} / ${c.insertSyncs}`,
      budget: 'plan 1',
      verdict: c.planSyncs <= 1 ? 'ok' : 'OVER',
    });
    rows.push({
      measure: `Excel: insert ${template.id} (commands / proxies / plan ops)`,
      value: `${c.commands} / ${c.proxies} / ${c.ops}`,
      budget: '',
      verdict: '',
    });
  }
  const older = await countInsert('project-self-evaluation', '1.9');
  rows.push({
    measure: 'Excel 1.9 (no triggerSource): plan syncs, events muted',
    value: `${older.planSyncs}`,
    budget: '2',
    verdict: older.planSyncs <= 2 ? 'ok' : 'OVER',
  });
  const edit = await syncsPerEdit('1.14');
  rows.push({
    measure: 'Excel: syncs per user edit re-check (event → readBlock)',
    value: `${edit.median} (first ${edit.first})`,
    budget: '1',
    verdict: edit.median <= 1 ? 'ok' : 'OVER',
  });
}
