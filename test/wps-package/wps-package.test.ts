/**
 * The built WPS package: built once here with the config `npm run build` uses (into a temporary folder, so a
 * build running beside the tests is not disturbed), then checked as files, as ES2017, as an offline zip, and
 * as pages in headless Chromium with the ET fake in place of WPS: no office.js, no request outside the
 * package's own origin, the ribbon callbacks on the hidden page, the pane on an engine without the library
 * functions newer than ES2017.
 */
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import * as acorn from 'acorn';
import JSZip from 'jszip';
import type { Browser, Page } from 'playwright-core';
import { findChromium, launch } from '../browser/harness';
import webpack, { type Configuration } from 'webpack';
import { builtInSettings } from '../../src/app/engine-settings';
import { insertTemplate } from '../../src/app/insert-template';
import { WpsWorkbook } from '../../src/hosts/wps/wps-workbook';
import { FakeEt } from '../fakes/wps/fake-et';
import { wpsFakeInitScript } from '../fakes/wps/init-script';
import { spawnSync } from 'child_process';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the CommonJS helper the WPS config uses
const { findSevenZip } = require('../../scripts/wps/seven-zip.js') as { findSevenZip(): string | null };
const SEVEN_ZIP = findSevenZip();
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the floor the WPS build compiles for
const { MIN_CHROME } = require('../../scripts/wps/targets.js') as { MIN_CHROME: number };

/**
 * What Chromium added, with the version each arrived in: library functions core-js supplies, and web APIs a
 * page might reach for. Those newer than the floor are removed before any page script runs, so the pages run
 * as on the oldest WPS Chromium they promise to support. (globalThis and BigInt64Array are never removed:
 * Playwright's own page-side code needs them.)
 */
const NEWER_THAN_FLOOR: readonly [string, number][] = [
  ['Array.prototype.flat', 69],
  ['Array.prototype.flatMap', 69],
  ['Array.prototype.at', 92],
  ['Array.prototype.findLast', 97],
  ['Array.prototype.findLastIndex', 97],
  ['Array.prototype.toSorted', 110],
  ['Array.prototype.toReversed', 110],
  ['Array.prototype.with', 110],
  ['Object.fromEntries', 73],
  ['Object.hasOwn', 93],
  ['Object.groupBy', 117],
  ['String.prototype.trimStart', 66],
  ['String.prototype.trimEnd', 66],
  ['String.prototype.matchAll', 73],
  ['String.prototype.replaceAll', 85],
  ['String.prototype.at', 92],
  ['Promise.prototype.finally', 63],
  ['Promise.allSettled', 76],
  ['Promise.any', 85],
  ['Symbol.prototype.description', 70],
  ['Crypto.prototype.randomUUID', 92],
  ['window.BigInt', 67],
  ['window.queueMicrotask', 71],
  ['window.structuredClone', 98],
  ['window.AggregateError', 85],
  ['window.WeakRef', 84],
  ['window.FinalizationRegistry', 84],
];
/**
 * Syntax in a script that Chromium 84 (the floor) cannot parse: the script must parse as ES2022 (84 has its
 * class fields and private methods) and contain none of logical assignment (85), `#x in obj` (91), static
 * blocks (94) or the regular-expression flags d (90) and v (112).
 */
function syntaxNewerThanFloor(code: string): string[] {
  const found: string[] = [];
  let ast: acorn.Node;
  try {
    ast = acorn.parse(code, { ecmaVersion: 2022, sourceType: 'script' });
  } catch (error) {
    return [String(error)];
  }
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    const n = node as {
      type?: string;
      operator?: string;
      left?: { type?: string };
      regex?: { flags: string };
    };
    if (n.type === 'AssignmentExpression' && ['&&=', '||=', '??='].includes(n.operator ?? ''))
      found.push(n.operator ?? '');
    if (n.type === 'StaticBlock') found.push('static block');
    if (n.type === 'BinaryExpression' && n.operator === 'in' && n.left?.type === 'PrivateIdentifier')
      found.push('#x in');
    if (n.regex !== undefined && /[dv]/.test(n.regex.flags)) found.push(`regex flags ${n.regex.flags}`);
    for (const [key, value] of Object.entries(node)) if (key !== 'type') visit(value);
  };
  visit(ast);
  return [...new Set(found)];
}

const FLOOR_SCRIPT = NEWER_THAN_FLOOR.filter(([, since]) => since > MIN_CHROME)
  .map(([feature]) => `delete ${feature};`)
  .join('\n');

const ROOT = path.resolve(__dirname, '../..');
const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
};
const FOLDER = `budget-performance_${version}`;
const CHROMIUM = findChromium() ?? undefined;
if (CHROMIUM === undefined) {
  console.warn(
    'WPS pages not opened in a browser: no Chromium at /usr/bin/chromium (install "chromium" or set BPA_CHROMIUM)',
  );
}
const describeInChromium = CHROMIUM === undefined ? describe.skip : describe;

let outDir = '';
let jsFiles: string[] = [];

async function buildPackage(into: string): Promise<void> {
  const modulePath = path.join(ROOT, 'webpack.wps.config.js');
  const makeConfig = ((await import(modulePath)) as { default: (env: object, argv: object) => Configuration })
    .default;
  const config = makeConfig({}, { mode: 'production' });
  config.mode = 'production';
  config.output = { ...config.output, path: into };
  await new Promise<void>((resolve, reject) => {
    webpack(config, (error, stats) => {
      if (error) reject(error);
      else if (stats?.hasErrors()) reject(new Error(stats.toString({ all: false, errors: true })));
      else resolve();
    });
  });
}

beforeAll(async () => {
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bpa-wps-'));
  await buildPackage(outDir);
  jsFiles = fs.readdirSync(outDir).filter((f) => f.endsWith('.js'));
}, 600_000);

afterAll(() => {
  if (outDir !== '') fs.rmSync(outDir, { recursive: true, force: true });
});

const read = (file: string) => fs.readFileSync(path.join(outDir, file), 'utf8');

describe('the WPS package as files', () => {
  it('holds ribbon.xml, the hidden page, the pane page, the install examples and the offline package', () => {
    for (const file of [
      'ribbon.xml',
      'index.html',
      'main.js',
      'taskpane.html',
      'publish.xml',
      'jsplugins.xml',
      'assets/icon-32.png',
      'publish.html',
      `offline/${FOLDER}.zip`,
    ]) {
      expect({ file, exists: fs.existsSync(path.join(outDir, file)) }).toEqual({ file, exists: true });
    }
    // The .7z beside the .zip exactly when the build machine has 7-Zip (.ci/run installs it).
    expect(fs.existsSync(path.join(outDir, `offline/${FOLDER}.7z`))).toBe(SEVEN_ZIP !== null);
  });

  it('has a ribbon.xml that starts with <customUI and names callbacks main.js defines', () => {
    const ribbon = read('ribbon.xml');
    expect(ribbon.startsWith('<customUI')).toBe(true);
    const callbacks = [...ribbon.matchAll(/\b(?:onLoad|onAction|getImage|getLabel)="([^"]+)"/g)].map(
      (m) => m[1],
    );
    expect(new Set(callbacks)).toEqual(new Set(['OnAddinLoad', 'OnAction', 'GetImage', 'GetLabel']));
  });

  it('loads main.js from index.html and the pane bundle from taskpane.html, office.js from neither', () => {
    const index = read('index.html');
    const pane = read('taskpane.html');
    expect(index).toMatch(/<script src=["']?main\.js["']?>/);
    expect(pane).toMatch(/<script defer(?:="defer")? src=["']?taskpane\.[0-9a-f]{8}\.js/);
    for (const html of [index, pane]) {
      expect(html.toLowerCase()).not.toContain('office');
      expect(html).toContain('Content-Security-Policy');
      expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
    }
  });

  it(`has no syntax Chromium ${MIN_CHROME} lacks (Babel compiles for it) and calls no crypto.randomUUID`, () => {
    expect(jsFiles.length).toBeGreaterThanOrEqual(3);
    for (const file of jsFiles) {
      const code = read(file);
      expect({ file, newer: syntaxNewerThanFloor(code) }).toEqual({ file, newer: [] });
      // Missing where WPS serves pages without a secure context, and core-js has no stand-in.
      expect({ file, randomUUID: code.includes('randomUUID') }).toEqual({ file, randomUUID: false });
    }
  });

  it('is compiled by Babel with core-js, not by hand: polyfills are present, the old fallbacks gone', () => {
    const pane = read(jsFiles.find((f) => f.startsWith('taskpane.')) ?? '');
    // core-js marks its shared store with its version.
    expect(pane).toMatch(/core-js/);
    for (const file of jsFiles) expect(read(file)).not.toContain('needs a global RegExp');
  });

  it('fills the install examples with the version and the package, and names the install folders', () => {
    const publish = read('publish.xml');
    const plugins = read('jsplugins.xml');
    for (const xml of [publish, plugins]) {
      expect(xml).not.toContain('{{');
      expect(xml).toContain(version);
    }
    expect(publish).toContain(
      `<jsplugin name="budget-performance" type="et" url="${FOLDER}" version="${version}"`,
    );
    expect(publish).toContain('%APPDATA%\\kingsoft\\wps\\jsaddons');
    expect(publish).toContain('~/.local/share/Kingsoft/wps/jsaddons');
    // The tab is 绩效管理, as ribbon.xml names it.
    expect(read('ribbon.xml')).toContain('<tab id="bpaTab" label="绩效管理">');
    expect(publish).toContain('绩效管理 tab');
    expect(publish).not.toContain('预算绩效 tab');
    expect(plugins).toContain('JSPluginsServer=');
    expect(plugins).toContain(`offline/${FOLDER}.${SEVEN_ZIP === null ? 'zip' : '7z'}`);
  });

  it('packs every other file into one folder <name>_<version> of the offline zip', async () => {
    const zip = await JSZip.loadAsync(fs.readFileSync(path.join(outDir, `offline/${FOLDER}.zip`)));
    const inZip = Object.values(zip.files)
      .filter((f) => !f.dir)
      .map((f) => f.name)
      .sort();
    const built = listFiles(outDir)
      .filter((f) => !f.startsWith('offline/') && !isInstallPage(f))
      .map((f) => `${FOLDER}/${f}`)
      .sort();
    expect(built).toContain(`${FOLDER}/main.js`);
    expect(inZip).toEqual(built);
    expect(await zip.file(`${FOLDER}/ribbon.xml`)?.async('string')).toBe(read('ribbon.xml'));
  });

  it('packs the same files into the .7z, which 7-Zip tests as sound', () => {
    if (SEVEN_ZIP === null) {
      expect(fs.existsSync(path.join(outDir, `offline/${FOLDER}.7z`))).toBe(false);
      return;
    }
    const archive = path.join(outDir, `offline/${FOLDER}.7z`);
    expect(fs.readFileSync(archive).subarray(0, 6)).toEqual(
      Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]),
    );
    expect(spawnSync(SEVEN_ZIP, ['t', archive], { encoding: 'utf8' }).status).toBe(0);
    const listing = spawnSync(SEVEN_ZIP, ['l', '-slt', archive], { encoding: 'utf8' }).stdout;
    // After the archive's own block, one block per entry; folders are marked "Attributes = D…" (7-Zip) or
    // "Folder = +" (p7zip).
    const entries = listing
      .slice(listing.indexOf('\n----------\n'))
      .split(/\n\s*\n/)
      .filter((block) => !/^Attributes = D/m.test(block) && !/^Folder = \+/m.test(block))
      .map((block) => /^Path = (.+)$/m.exec(block)?.[1])
      .filter((name) => name !== undefined)
      .sort();
    const built = listFiles(outDir)
      .filter((f) => !f.startsWith('offline/') && !isInstallPage(f))
      .map((f) => `${FOLDER}/${f}`)
      .sort();
    expect(entries).toEqual(built);
    const ribbon = spawnSync(SEVEN_ZIP, ['e', '-so', archive, `${FOLDER}/ribbon.xml`], { encoding: 'utf8' });
    expect(ribbon.stdout).toBe(read('ribbon.xml'));
  });
});

/** The install page and its script: served beside the package, not part of it. */
function isInstallPage(file: string): boolean {
  return /^publish\.(html|[0-9a-f]{8}\.js(\.LICENSE\.txt)?)$/.test(file);
}

function listFiles(dir: string, prefix = ''): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory()
        ? listFiles(path.join(dir, entry.name), `${prefix}${entry.name}/`)
        : [`${prefix}${entry.name}`],
    );
}

/** Serves the built package on 127.0.0.1, as an intranet server would. */
function serve(root: string): Promise<{ origin: string; close(): Promise<void> }> {
  const types: Record<string, string> = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.css': 'text/css',
    '.png': 'image/png',
    '.xml': 'application/xml',
  };
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const file = path.normalize(path.join(root, decodeURIComponent(url.pathname)));
    if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      response.writeHead(404);
      response.end();
      return;
    }
    response.writeHead(200, { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(response);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      resolve({
        origin: `http://127.0.0.1:${port}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

/** The hidden page's globals: the ribbon callbacks and the fake's test handle. */
interface AddinPage {
  OnAddinLoad(ribbon: object): unknown;
  OnAction(control: object): unknown;
  GetImage(control: object): unknown;
  GetLabel(control: object): unknown;
  __wpsFake: {
    listenerCount: number;
    taskPanes: { url: string; visible: boolean }[];
    typeAsUser(sheet: string, a1: string, values: unknown[][]): void;
    pluginStorage: { getItem(key: string): string | null };
    calls: { total: number };
    sheetNames(): string[];
    sheetModel(name: string): { visible: number };
  };
}

/** Inserts a form from the pane's gallery and returns the sheets and `_meta`'s visibility in the fake. */
async function insertFromGallery(page: Page): Promise<{ sheets: string[]; meta: number }> {
  await page.locator('button[data-template="project-goals"]').click();
  await page.waitForFunction(() => (window as unknown as AddinPage).__wpsFake.sheetNames().includes('_meta'));
  return page.evaluate(() => {
    const fake = (window as unknown as AddinPage).__wpsFake;
    return { sheets: fake.sheetNames(), meta: fake.sheetModel('_meta').visible };
  });
}

/** What the same insertion gives in Node, through the adapter over a fresh fake. */
async function insertedInNode(): Promise<{ sheets: string[]; meta: number }> {
  const fake = new FakeEt();
  const settings = builtInSettings();
  if (settings === null) throw new Error('test setup: built-in settings missing');
  await insertTemplate(new WpsWorkbook(fake.application), { template: 'project-goals', settings });
  return { sheets: fake.sheetNames(), meta: fake.sheetModel('_meta').visible };
}

interface Visit {
  page: Page;
  requests: string[];
  errors: string[];
}

describeInChromium('the WPS pages in Chromium, with the ET fake in place of WPS', () => {
  let browser: Browser;
  let server: { origin: string; close(): Promise<void> };

  beforeAll(async () => {
    server = await serve(outDir);
    browser = await launch(CHROMIUM ?? '');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function visit(file: string, before: string[] = []): Promise<Visit> {
    const page = await browser.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => errors.push(e.message));
    for (const script of before) await page.addInitScript({ content: script });
    await page.addInitScript({ content: wpsFakeInitScript() });
    await page.goto(`${server.origin}/${file}`, { waitUntil: 'load' });
    return { page, requests, errors };
  }

  function outside(requests: string[]): string[] {
    return requests.filter((url) => !url.startsWith(`${server.origin}/`) && !url.startsWith('data:'));
  }

  it('hidden page: answers the ribbon, opens the pane, keeps listening, loads nothing from elsewhere', async () => {
    const { page, requests, errors } = await visit('index.html');
    const result = await page.evaluate(() => {
      const w = window as unknown as AddinPage;
      const answers = [
        w.OnAddinLoad({ InvalidateControl: () => undefined }),
        w.OnAction({ Id: 'bpaTemplates' }),
        w.GetImage({ Id: 'bpaTemplates' }),
        w.GetLabel({ Id: 'bpaCheck' }),
      ];
      return {
        thenables: answers.filter((a) => typeof (a as { then?: unknown } | null)?.then === 'function').length,
        answers,
        listeners: w.__wpsFake.listenerCount,
        panes: w.__wpsFake.taskPanes.map((p) => ({ url: p.url, visible: p.visible })),
        office: typeof (window as unknown as { Office?: unknown }).Office,
      };
    });
    expect(result).toEqual({
      thenables: 0,
      answers: [true, true, 'assets/icon-32.png', '检查'],
      listeners: 1,
      panes: [{ url: `${server.origin}/taskpane.html#templates`, visible: true }],
      office: 'undefined',
    });
    expect(errors).toEqual([]);
    expect(outside(requests)).toEqual([]);
    expect(requests.filter((url) => /office/i.test(url))).toEqual([]);
    await page.close();
  });

  it('hidden page: puts the counts of the live checks in PluginStorage after the user types', async () => {
    const { page, errors } = await visit('index.html');
    await page.evaluate(() => {
      const w = window as unknown as AddinPage;
      w.OnAddinLoad({});
      w.__wpsFake.typeAsUser('Sheet1', 'A1', [['项目名称', '乡村道路']]);
    });
    await page.waitForFunction(() => {
      const w = window as unknown as AddinPage;
      const raw = w.__wpsFake.pluginStorage.getItem('bpa.wps.live');
      return raw !== null && (JSON.parse(raw) as { status: string }).status === 'ready';
    });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('pane page: renders the pane over the ET fake and inserts a form into it, with no office.js and nothing from elsewhere', async () => {
    const { page, requests, errors } = await visit('taskpane.html#templates');
    await page.waitForFunction(() => (document.getElementById('root')?.childElementCount ?? 0) > 0);
    // The pane asks the host for its sheets once it starts: calls reach the fake when it picked WPS.
    await page.waitForFunction(() => (window as unknown as AddinPage).__wpsFake.calls.total > 0);
    const office = await page.evaluate(() => typeof (window as unknown as { Office?: unknown }).Office);
    expect(office).toBe('undefined');
    const inserted = await insertFromGallery(page);
    expect(inserted).toEqual(await insertedInNode());
    expect(inserted.meta).toBe(2);
    expect(errors).toEqual([]);
    expect(outside(requests)).toEqual([]);
    expect(requests.filter((url) => /office/i.test(url))).toEqual([]);
    await page.close();
  });

  it(`the floor script removes what Chromium added after ${MIN_CHROME}`, async () => {
    const { page } = await visit('ribbon.xml', [FLOOR_SCRIPT]);
    const left = await page.evaluate(
      (features) =>
        features.filter((feature) => {
          const parts = feature.split('.');
          let owner: unknown = window;
          for (const part of parts.slice(parts[0] === 'window' ? 1 : 0, -1)) {
            owner = (owner as Record<string, unknown>)[part];
          }
          return owner !== undefined && (parts[parts.length - 1] ?? '') in (owner as object);
        }),
      NEWER_THAN_FLOOR.filter(([, since]) => since > MIN_CHROME).map(([feature]) => feature),
    );
    expect(left).toEqual([]);
    await page.close();
  });

  it(`hidden page on Chromium ${MIN_CHROME}'s library: answers the ribbon and runs the live checks`, async () => {
    const { page, errors } = await visit('index.html', [FLOOR_SCRIPT]);
    const answers = await page.evaluate(() => {
      const w = window as unknown as AddinPage;
      return [w.OnAddinLoad({ InvalidateControl: () => undefined }), w.GetLabel({ Id: 'bpaCheck' })];
    });
    expect(answers).toEqual([true, '检查']);
    await page.evaluate(() =>
      (window as unknown as AddinPage).__wpsFake.typeAsUser('Sheet1', 'A1', [['项目名称', '乡村道路']]),
    );
    await page.waitForFunction(() => {
      const raw = (window as unknown as AddinPage).__wpsFake.pluginStorage.getItem('bpa.wps.live');
      return raw !== null && (JSON.parse(raw) as { status: string }).status === 'ready';
    });
    expect(errors).toEqual([]);
    await page.close();
  }, 30_000);

  it(`pane page on Chromium ${MIN_CHROME}'s library: starts and inserts a form`, async () => {
    const { page, errors } = await visit('taskpane.html#templates', [FLOOR_SCRIPT]);
    await page.waitForFunction(() => (document.getElementById('root')?.childElementCount ?? 0) > 0);
    const missing = await page.evaluate(
      () => typeof (window as unknown as { structuredClone?: unknown }).structuredClone,
    );
    expect(missing).toBe('undefined');
    expect(await insertFromGallery(page)).toEqual(await insertedInNode());
    expect(errors).toEqual([]);
    await page.close();
  }, 30_000);

  it(`install page on Chromium ${MIN_CHROME}'s library: shows the entry to install`, async () => {
    const { page, errors } = await visit('publish.html', [FLOOR_SCRIPT]);
    await page.waitForFunction(() => (document.getElementById('installed')?.textContent ?? '') !== '');
    expect(await page.locator('#manual').textContent()).toContain(
      '<jspluginonline name="budget-performance"',
    );
    expect(errors).toEqual([]);
    await page.close();
  }, 30_000);

  /** Stands in for WPS's service on 127.0.0.1:58890, recording the decoded commands. */
  async function fakeWpsService(page: Page, options: { refuse: number }) {
    const state = {
      list: '[]',
      commands: [] as Record<string, unknown>[],
      refused: 0,
      calls: [] as string[],
    };
    await page.route('http://127.0.0.1:58890/**', async (route) => {
      const pathname = new URL(route.request().url()).pathname;
      state.calls.push(pathname);
      if (pathname === '/deployaddons/runParams' && state.refused < options.refuse) {
        state.refused += 1;
        await route.abort('connectionrefused');
        return;
      }
      const headers = { 'Access-Control-Allow-Origin': '*' };
      if (pathname === '/publishlist') {
        await route.fulfill({ status: 200, headers, body: state.list });
        return;
      }
      const body = route.request().postData() ?? '';
      state.commands.push(
        JSON.parse(Buffer.from(body, 'base64').toString('utf8')) as Record<string, unknown>,
      );
      await route.fulfill({ status: 200, headers, body: 'OK' });
    });
    return state;
  }

  it('install page: one click asks the WPS service to write the publish.xml entry, online or offline', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) errors.push(m.text());
    });
    page.on('request', (r) => requests.push(r.url()));
    // The first command finds the service asleep: the page starts it and tries again.
    const wps = await fakeWpsService(page, { refuse: 1 });
    await page.goto(`${server.origin}/publish.html`, { waitUntil: 'load' });
    await page.waitForFunction(() =>
      (document.getElementById('installed')?.textContent ?? '').includes('尚未安装'),
    );
    expect(await page.locator('#version').textContent()).toBe(version);

    await page.locator('#install').click();
    await page.waitForFunction(() =>
      (document.getElementById('status')?.textContent ?? '').includes('已写入'),
    );
    expect(wps.refused).toBe(1);
    // …having asked the browser to start the service through WPS's link, in a hidden frame.
    const startLink = await page.evaluate(
      () => document.querySelector<HTMLIFrameElement>('iframe[data-wps-start]')?.src ?? '',
    );
    expect(startLink.toLowerCase()).toBe('ksowpscloudsvr://start=relayhttpserver');
    expect(wps.commands).toHaveLength(1);
    expect(wps.commands[0]).toEqual({
      cmd: 'enable',
      name: 'budget-performance',
      addonType: 'et',
      online: 'true',
      url: `${server.origin}/`,
      version,
      time: expect.any(Number),
    });

    expect(errors).toEqual([]);
    await page.close();

    // A second visit, the service running and our entry listed: install the offline package, then remove it.
    const second = await browser.newPage();
    second.on('pageerror', (e) => errors.push(e.message));
    second.on('request', (r) => requests.push(r.url()));
    const running = await fakeWpsService(second, { refuse: 0 });
    running.list = JSON.stringify([
      {
        name: 'budget-performance',
        addonType: 'et',
        online: 'true',
        url: `${server.origin}/`,
        enable: 'true',
      },
    ]);
    await second.goto(`${server.origin}/publish.html`, { waitUntil: 'load' });
    await second.waitForFunction(() =>
      (document.getElementById('installed')?.textContent ?? '').includes('已安装'),
    );
    await second.locator('#mode-offline').check();
    expect(await second.locator('#manual').textContent()).toContain(
      `url="${server.origin}/offline/${FOLDER}.7z"`,
    );
    await second.locator('#install').click();
    await second.waitForFunction(() =>
      (document.getElementById('status')?.textContent ?? '').includes('已写入'),
    );
    expect(running.commands[0]).toMatchObject({
      cmd: 'enable',
      online: 'false',
      url: `${server.origin}/offline/${FOLDER}.7z`,
    });
    // The package the entry names is served, and is a 7z archive.
    const packageBytes = await second.evaluate(async (url) => {
      const response = await fetch(url);
      return Array.from(new Uint8Array(await response.arrayBuffer()).slice(0, 2));
    }, `${server.origin}/offline/${FOLDER}.7z`);
    expect(packageBytes).toEqual([0x37, 0x7a]);

    await second.locator('#remove').click();
    await second.waitForFunction(() =>
      (document.getElementById('status')?.textContent ?? '').includes('停用'),
    );
    expect(running.commands[1]).toMatchObject({ cmd: 'disable', name: 'budget-performance' });
    expect(errors).toEqual([]);
    expect(
      requests.filter(
        (url) =>
          !url.startsWith(`${server.origin}/`) &&
          !url.startsWith('http://127.0.0.1:58890/') &&
          !url.toLowerCase().startsWith('ksowpscloudsvr://'),
      ),
    ).toEqual([]);
    await second.close();
  }, 60_000);

  it('install page: without the WPS service, says so in Chinese and English and shows the line to add by hand', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const wps = await fakeWpsService(page, { refuse: 99 });
    await page.goto(`${server.origin}/publish.html`, { waitUntil: 'load' });
    await page.locator('#install').click();
    await page.waitForFunction(
      () => (document.getElementById('status')?.textContent ?? '').includes('未能连接'),
      null,
      {
        timeout: 20_000,
      },
    );
    const status = (await page.locator('#status').textContent()) ?? '';
    expect(status).toContain('Could not reach the WPS service');
    expect(wps.refused).toBe(3);
    expect(await page.locator('#manual').textContent()).toBe(
      `<jspluginonline name="budget-performance" type="et" url="${server.origin}/" enable="enable" install="null"/>`,
    );
    expect(errors).toEqual([]);
    await page.close();
  }, 30_000);

  it('install examples are well-formed XML', async () => {
    const page = await browser.newPage();
    const results = await page.evaluate(
      (xmls) =>
        xmls.map((xml) => {
          const doc = new DOMParser().parseFromString(xml, 'application/xml');
          return {
            error: doc.getElementsByTagName('parsererror').length,
            root: doc.documentElement.nodeName,
          };
        }),
      [read('publish.xml'), read('jsplugins.xml'), read('ribbon.xml')],
    );
    expect(results).toEqual([
      { error: 0, root: 'jsplugins' },
      { error: 0, root: 'jsplugins' },
      { error: 0, root: 'customUI' },
    ]);
    await page.close();
  });
});
