/**
 * The WPS add-in's own logic without a browser: the task pane toggled from the ribbon, callbacks that return
 * at once, and the session's live checks over the WPS host.
 */
import * as fs from 'fs';
import * as path from 'path';
import { builtInSettings } from '../../src/app/engine-settings';
import { insertTemplate } from '../../src/app/insert-template';
import { WpsWorkbook } from '../../src/hosts/wps/wps-workbook';
import { createRibbonCallbacks } from '../../src/wps-addin/ribbon';
import { checkLabel, LIVE_SUMMARY_KEY, readSummary, startSession } from '../../src/wps-addin/session';
import { PANE_ID_KEY, paneUrlBeside, togglePane, type WpsAddinRoot } from '../../src/wps-addin/task-pane';
import { FakeEt } from '../fakes/wps/fake-et';

const PANE_URL = 'https://intranet.example/bpa/wps/taskpane.html';

function rootOf(fake: FakeEt): WpsAddinRoot {
  return fake.wps as unknown as WpsAddinRoot;
}

test('the WPS ribbon offers what the Excel ribbon offers: tab 绩效管理 with 插入模板, 检查, 指标库, 面板', () => {
  const root = path.join(__dirname, '../..');
  const labelsIn = (xml: string, attribute: RegExp) => [...xml.matchAll(attribute)].map((m) => m[1]);
  const manifest = fs.readFileSync(path.join(root, 'manifest.xml'), 'utf8');
  const ribbon = fs.readFileSync(path.join(root, 'src/wps-addin/ribbon.xml'), 'utf8');
  const excel = ['Tab', 'Group', 'InsertTemplate', 'Check', 'Library', 'Pane'].map(
    (id) => labelsIn(manifest, new RegExp(`<bt:String id="${id}\\.Label" DefaultValue="([^"]+)"`, 'g'))[0],
  );
  const wps = [
    ...labelsIn(ribbon, /<(?:tab|group) [^>]*label="([^"]+)"/g),
    ...labelsIn(ribbon, /<button [^>]*?(?:label="([^"]+)"|getLabel="[^"]+")/g).map(
      (l) => l ?? checkLabel(null),
    ),
  ];
  expect(wps).toEqual(excel);
});

describe('task pane from the ribbon', () => {
  it('creates one pane docked right at the section, and remembers its id in PluginStorage', () => {
    const fake = new FakeEt();
    togglePane(rootOf(fake), PANE_URL, 'templates');
    expect(fake.taskPanes).toEqual([
      { id: 1000, url: `${PANE_URL}#templates`, visible: true, dockPosition: 2, width: 380, deleted: false },
    ]);
    expect(fake.pluginStorage.getItem(PANE_ID_KEY)).toBe('1000');
  });

  it('hides the pane when its section’s button is pressed again, and shows another section in the same pane', () => {
    const fake = new FakeEt();
    const root = rootOf(fake);
    togglePane(root, PANE_URL, 'check');
    togglePane(root, PANE_URL, 'check');
    expect(fake.taskPanes.map((p) => p.visible)).toEqual([false]);
    togglePane(root, PANE_URL, 'check');
    expect(fake.taskPanes.map((p) => p.visible)).toEqual([true]);
    togglePane(root, PANE_URL, 'scores');
    expect(fake.taskPanes).toHaveLength(1);
    expect(fake.taskPanes[0]).toMatchObject({ url: `${PANE_URL}#scores`, visible: true });
  });

  it('the 面板 button shows or hides the pane where it was, the gallery the first time', () => {
    const fake = new FakeEt();
    const root = rootOf(fake);
    togglePane(root, PANE_URL, null);
    expect(fake.taskPanes[0]).toMatchObject({ url: `${PANE_URL}#templates`, visible: true });
    togglePane(root, PANE_URL, 'library');
    togglePane(root, PANE_URL, null);
    expect(fake.taskPanes[0]).toMatchObject({ url: `${PANE_URL}#library`, visible: false });
    togglePane(root, PANE_URL, null);
    expect(fake.taskPanes).toHaveLength(1);
    expect(fake.taskPanes[0]).toMatchObject({ url: `${PANE_URL}#library`, visible: true });
  });

  it('creates a new pane when the remembered one is gone', () => {
    const fake = new FakeEt();
    const root = rootOf(fake);
    const first = togglePane(root, PANE_URL, 'library') as unknown as { Delete(): void };
    first.Delete();
    togglePane(root, PANE_URL, 'library');
    expect(fake.taskPanes.map((p) => [p.id, p.deleted, p.visible])).toEqual([
      [1000, true, false],
      [1001, false, true],
    ]);
  });

  it('finds the pane page beside the hidden page, without query or fragment', () => {
    expect(paneUrlBeside('https://intranet.example/bpa/wps/index.html?x=1#y')).toBe(PANE_URL);
    expect(
      paneUrlBeside('file:///home/u/.local/share/Kingsoft/wps/jsaddons/budget-performance_0.1.0/index.html'),
    ).toBe('file:///home/u/.local/share/Kingsoft/wps/jsaddons/budget-performance_0.1.0/taskpane.html');
  });
});

describe('ribbon callbacks', () => {
  it('answer synchronously, never with a promise', () => {
    const fake = new FakeEt();
    const reports: string[] = [];
    const callbacks = createRibbonCallbacks({
      root: rootOf(fake),
      paneUrl: PANE_URL,
      storage: fake.pluginStorage,
      report: (m) => reports.push(m),
    });
    const answers: unknown[] = [
      callbacks.OnAddinLoad({}),
      callbacks.OnAction({ Id: 'bpaTemplates' }),
      callbacks.OnAction({ Id: 'somethingElse' }),
      callbacks.GetImage({ Id: 'bpaTemplates' }),
      callbacks.GetLabel({ Id: 'bpaCheck' }),
    ];
    for (const answer of answers)
      expect(typeof (answer as { then?: unknown } | null)?.then).not.toBe('function');
    expect(answers).toEqual([true, true, true, 'assets/icon-32.png', '检查']);
    expect(fake.taskPanes).toHaveLength(1);
    expect(reports).toEqual([]);
  });

  it('says why when there is no WPS to open a pane in', () => {
    const reports: string[] = [];
    const callbacks = createRibbonCallbacks({
      root: null,
      paneUrl: PANE_URL,
      storage: null,
      report: (m) => reports.push(m),
    });
    expect(callbacks.OnAction({ Id: 'bpaCheck' })).toBe(true);
    expect(reports).toEqual(['未在 WPS 表格中运行 / not running inside WPS 表格']);
  });

  it('asks the ribbon to refresh the check button, and survives a ribbon without InvalidateControl', () => {
    const invalidated: string[] = [];
    const callbacks = createRibbonCallbacks({
      root: null,
      paneUrl: PANE_URL,
      storage: null,
      report: () => undefined,
    });
    callbacks.refreshCheckButton();
    callbacks.OnAddinLoad({ InvalidateControl: (id: string) => invalidated.push(id) });
    callbacks.refreshCheckButton();
    expect(invalidated).toEqual(['bpaCheck']);
  });

  it('labels the check button with the counts', () => {
    expect(checkLabel(null)).toBe('检查');
    expect(checkLabel({ status: 'ready', forms: 2, errors: 3, warnings: 1 })).toBe('检查：3 错 1 警');
    expect(checkLabel({ status: 'ready', forms: 1, errors: 0, warnings: 0 })).toBe('检查：无问题');
    expect(checkLabel({ status: 'error', forms: 0, errors: 0, warnings: 0 })).toBe('检查：出错');
  });
});

describe('the session page’s live checks', () => {
  it('checks a form inserted from the pane and edits typed afterwards, and puts the counts on the ribbon', async () => {
    const fake = new FakeEt();
    const settings = builtInSettings();
    if (settings === null) throw new Error('test setup: built-in settings missing');
    const sessionPort = new WpsWorkbook(fake.application, { sharedStorage: fake.pluginStorage });
    const panePort = new WpsWorkbook(fake.application, { sharedStorage: fake.pluginStorage });
    let refreshed = 0;
    const session = startSession(sessionPort, fake.pluginStorage, () => (refreshed += 1), { debounceMs: 0 });
    await session.live.start();
    expect(fake.listenerCount).toBe(1);
    const { sheet } = await insertTemplate(panePort, { template: 'project-goals', settings });
    await session.live.sheetsChanged();
    await waitFor(() => session.live.state.sheets.some((s) => s.sheet === sheet));
    const before = readSummary(fake.pluginStorage);
    expect(before).toMatchObject({ status: 'ready', forms: 1 });
    fake.typeAsUser(sheet, 'B3', [['一个项目']]);
    await waitFor(() => session.live.state.stats.batches > 0);
    expect(readSummary(fake.pluginStorage)?.status).toBe('ready');
    expect(fake.pluginStorage.getItem(LIVE_SUMMARY_KEY)).not.toBeNull();
    expect(refreshed).toBeGreaterThan(0);
    session.stop();
    expect(fake.listenerCount).toBe(0);
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
  if (!condition()) throw new Error('condition not reached');
}
