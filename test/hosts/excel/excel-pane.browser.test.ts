/**
 * The pane's Office entry end to end in headless Chromium: the real `src/taskpane/main.tsx` (bundled with
 * esbuild) starts with an `Office` whose onReady says Excel and an `Excel.run` over the Office.js fake, so the
 * entry picks the Excel adapter; a click on 插入 writes the form through it, cell for cell what the reference
 * host holds for the same template; the ribbon's 检查 opens the check section.
 */
import { build } from 'esbuild';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { findChromium, launch } from '../../browser/harness';
import { builtInSettings } from '../../../src/app/engine-settings';
import { insertTemplate } from '../../../src/app/insert-template';
import type { Block } from '../../../src/domain/grid/cell';
import { listTemplates } from '../../../src/domain/templates/registry';
import { MemoryWorkbook } from '../../../src/hosts/memory/memory-workbook';

const ROOT = path.resolve(__dirname, '../../..');
const CHROMIUM = findChromium();
const ORIGIN = 'https://addin.test';

/** Runs in the page before the entry: the fake workbook, and Office and Excel globals over it. */
const INIT = `
  const fake = new BpaFake.FakeExcel({ excelApi: '1.14' });
  window.__fake = fake;
  window.__ribbon = {};
  window.__office = { shown: 0, startup: [] };
  fake.book.applyPlan({ formSheet: 'Sheet1', ops: [{ kind: 'ensureSheet', sheet: 'Sheet1', visibility: 'visible', ifExists: 'fail' }] });
  window.Excel = { run: (options, batch) => fake.api.run(options, batch) };
  window.Office = {
    HostType: { Excel: 'Excel' },
    StartupBehavior: { load: 'Load', none: 'None' },
    onReady: async () => ({ host: 'Excel', platform: 'OfficeOnline' }),
    context: {
      displayLanguage: 'zh-CN',
      officeTheme: { isDarkTheme: false },
      requirements: {
        isSetSupported: (name, version) => name === 'SharedRuntime' ? version === '1.1' : fake.api.isSetSupported(name, version),
      },
    },
    addin: {
      showAsTaskpane: async () => { window.__office.shown += 1; },
      setStartupBehavior: async (b) => { window.__office.startup.push(b); },
    },
    actions: { associate: (name, action) => { window.__ribbon[name] = action; } },
  };
`;

async function bundles(): Promise<{ fake: string; main: string }> {
  const common = {
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    logLevel: 'silent',
  } as const;
  const fake = await build({
    ...common,
    globalName: 'BpaFake',
    stdin: {
      contents: "export { FakeExcel } from './fake/excel-fake';",
      resolveDir: __dirname,
      loader: 'ts',
    },
  });
  const main = await build({
    ...common,
    entryPoints: [path.join(ROOT, 'src/taskpane/main.tsx')],
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  return { fake: fake.outputFiles[0]?.text ?? '', main: main.outputFiles[0]?.text ?? '' };
}

const describeInBrowser = CHROMIUM === null ? describe.skip : describe;
if (CHROMIUM === null)
  console.warn(
    'excel-pane.browser.test: skipped, no Chromium at /usr/bin/chromium (install the Debian package "chromium" or set BPA_CHROMIUM)',
  );

describeInBrowser('pane in Excel (headless Chromium, Office.js fake)', () => {
  let browser: Browser;
  let code: { fake: string; main: string };

  beforeAll(async () => {
    code = await bundles();
    browser = await launch(CHROMIUM ?? '');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('inserts a form through the Excel adapter, equal to the reference host, and runs the ribbon’s 检查', async () => {
    const page = await browser.newPage();
    const outside: string[] = [];
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.route('**/*', async (route) => {
      const url = route.request().url();
      if (!url.startsWith(ORIGIN)) {
        outside.push(url);
        await route.abort();
        return;
      }
      const files: Record<string, { body: string; type: string }> = {
        '/taskpane.html': {
          type: 'text/html',
          body: '<!doctype html><meta charset="utf-8"><div id="root"></div><script src="fake.js"></script><script src="init.js"></script><script src="main.js"></script>',
        },
        '/fake.js': { type: 'text/javascript', body: code.fake },
        '/init.js': { type: 'text/javascript', body: INIT },
        '/main.js': { type: 'text/javascript', body: code.main },
      };
      const file = files[new URL(url).pathname];
      if (file === undefined) await route.fulfill({ status: 404, body: '' });
      else await route.fulfill({ status: 200, contentType: file.type, body: file.body });
    });
    await page.goto(`${ORIGIN}/taskpane.html#templates`);
    await page.getByText('Microsoft Excel').waitFor({ timeout: 15_000 });

    const template = listTemplates()[0];
    if (template === undefined) throw new Error('no template');
    const title = new RegExp(template.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    await page.getByRole('button', { name: title }).first().click();
    await page.getByText('已插入工作表', { exact: false }).waitFor({ timeout: 15_000 });

    const inExcel = (await page.evaluate(async () => {
      const fake = (window as unknown as { __fake: { book: MemoryWorkbook } }).__fake;
      const sheets = await fake.book.listSheets();
      const form = sheets.find(
        (s) => s.visibility === 'visible' && s.name !== 'Sheet1' && !s.name.endsWith('说明'),
      );
      return { sheets, block: form ? await fake.book.readBlock(form.name) : null, name: form?.name ?? null };
    })) as { sheets: unknown; block: Block | null; name: string | null };

    const reference = new MemoryWorkbook();
    await reference.applyPlan({
      formSheet: 'Sheet1',
      ops: [{ kind: 'ensureSheet', sheet: 'Sheet1', visibility: 'visible', ifExists: 'fail' }],
    });
    const settings = builtInSettings();
    if (!settings) throw new Error('built-in settings missing');
    const { sheet } = await insertTemplate(reference, { template: template.id, settings });
    expect(inExcel.name).toBe(sheet);
    expect(inExcel.sheets).toEqual(await reference.listSheets());
    expect(inExcel.block).toEqual(await reference.readBlock(sheet));

    const office = await page.evaluate(async () => {
      const w = window as unknown as {
        __ribbon: Record<string, (event: { completed(): void }) => void>;
        __office: { shown: number; startup: unknown[] };
      };
      const check = w.__ribbon.checkWorkbook;
      if (check === undefined) return null;
      await new Promise<void>((resolve) => check({ completed: resolve }));
      return { ribbon: Object.keys(w.__ribbon).sort(), ...w.__office, hash: window.location.hash };
    });
    expect(office).toEqual({
      ribbon: ['checkWorkbook', 'openLibrary', 'openTemplates'],
      shown: 1,
      startup: ['Load'],
      hash: '#check',
    });
    expect(errors).toEqual([]);
    expect(outside).toEqual([]);
    await page.close();
  }, 60_000);
});
