/**
 * manifest.xml: parsed with office-addin-manifest's XML handler (the parser `npx office-addin-manifest info`
 * uses; its package entry loads an ES module jest cannot require, so the handler is imported directly),
 * then checked for what Office needs from it and what the product promises: the 绩效管理 tab with its four
 * buttons, Chinese and English strings, icons on disk at their pixel sizes, every URL on the add-in's origin,
 * and the shared runtime that keeps checks running with the pane closed.
 */
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { ManifestHandlerXml } from 'office-addin-manifest/lib/manifestHandler/manifestHandlerXml';
import {
  RIBBON_FUNCTIONS,
  registerRibbonActions,
  type CommandEvent,
  type RibbonSection,
} from '../../src/commands/ribbon-actions';

// office-addin-manifest's XML handler imports uuid (for rewriting ids, not used here), whose current release is
// an ES module jest cannot require; the handler's parsing does not touch it.
jest.mock('../../node_modules/office-addin-manifest/node_modules/uuid/dist-node/index.js', () => ({
  v4: () => 'not-used',
}));

const ROOT = path.resolve(__dirname, '../..');
const MANIFEST = path.join(ROOT, 'manifest.xml');

/** xml2js's shape: every child is an array of nodes; attributes under `$`. */
interface XmlNode {
  $?: Record<string, string>;
  _?: string;
  [child: string]: XmlNode[] | Record<string, string> | string | undefined;
}

function children(node: XmlNode | undefined, name: string): XmlNode[] {
  const found = node?.[name];
  return Array.isArray(found) ? found : [];
}

function child(node: XmlNode | undefined, name: string): XmlNode {
  const [first] = children(node, name);
  if (first === undefined) throw new Error(`no <${name}>`);
  return first;
}

function attr(node: XmlNode, name: string): string {
  const value = node.$?.[name];
  if (value === undefined) throw new Error(`no ${name}=`);
  return value;
}

function text(node: XmlNode): string {
  return typeof node === 'string' ? node : (node._ ?? '');
}

/** Every node in document order. */
function walk(node: XmlNode, visit: (name: string, node: XmlNode) => void): void {
  for (const [name, value] of Object.entries(node)) {
    if (name === '$' || name === '_' || !Array.isArray(value)) continue;
    for (const item of value) {
      if (typeof item === 'object') {
        visit(name, item);
        walk(item, visit);
      } else {
        visit(name, { _: item });
      }
    }
  }
}

function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

const HAS_CHINESE = /[\u4e00-\u9fff]/;

let app: XmlNode;
let overrides: XmlNode;
let host: XmlNode;
let resources: XmlNode;
const strings = new Map<string, { zh: string; en: string | null }>();
const urls = new Map<string, string>();
const images = new Map<string, string>();

beforeAll(async () => {
  const xml = (await new ManifestHandlerXml(MANIFEST).parseXmlAsync()) as { OfficeApp: XmlNode };
  app = xml.OfficeApp;
  overrides = child(app, 'VersionOverrides');
  host = child(child(overrides, 'Hosts'), 'Host');
  resources = child(overrides, 'Resources');
  for (const group of ['bt:ShortStrings', 'bt:LongStrings']) {
    for (const s of children(child(resources, group), 'bt:String')) {
      const en = children(s, 'bt:Override').find((o) => attr(o, 'Locale') === 'en-US');
      strings.set(attr(s, 'id'), {
        zh: attr(s, 'DefaultValue'),
        en: en === undefined ? null : attr(en, 'Value'),
      });
    }
  }
  for (const u of children(child(resources, 'bt:Urls'), 'bt:Url'))
    urls.set(attr(u, 'id'), attr(u, 'DefaultValue'));
  for (const i of children(child(resources, 'bt:Images'), 'bt:Image'))
    images.set(attr(i, 'id'), attr(i, 'DefaultValue'));
});

describe('manifest.xml', () => {
  it('parses with office-addin-manifest as an Excel task-pane add-in in Chinese by default', async () => {
    const info = await new ManifestHandlerXml(MANIFEST).parseManifest();
    expect(info).toMatchObject({
      officeAppType: 'TaskPaneApp',
      hosts: ['Workbook'],
      defaultLocale: 'zh-CN',
      displayName: '预算绩效管理',
      permissions: 'ReadWriteDocument',
    });
    expect(info.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('requires ExcelApi 1.8, and SharedRuntime 1.1 for the ribbon', () => {
    const set = child(child(child(app, 'Requirements'), 'Sets'), 'Set');
    expect(set.$).toEqual({ Name: 'ExcelApi', MinVersion: '1.8' });
    const shared = child(child(child(overrides, 'Requirements'), 'bt:Sets'), 'bt:Set');
    expect(shared.$).toEqual({ Name: 'SharedRuntime', MinVersion: '1.1' });
  });

  it('runs the ribbon and the pane in one long-lived runtime: the function file is the pane page', () => {
    const runtime = child(child(host, 'Runtimes'), 'Runtime');
    expect(attr(runtime, 'lifetime')).toBe('long');
    const runtimeId = attr(runtime, 'resid');
    expect(runtimeId.length).toBeLessThanOrEqual(32);
    const form = child(host, 'DesktopFormFactor');
    expect(attr(child(form, 'FunctionFile'), 'resid')).toBe(runtimeId);
    expect(new URL(urls.get(runtimeId) ?? '').pathname).toBe('/taskpane.html');
    // A ShowTaskpane action in a shared runtime must open the runtime's own page.
    walk(host, (name, node) => {
      if (name === 'Action' && attr(node, 'xsi:type') === 'ShowTaskpane') {
        expect(attr(child(node, 'SourceLocation'), 'resid')).toBe(runtimeId);
      }
    });
  });

  it('has the 绩效管理 tab with 插入模板, 检查, 指标库, 面板, each labelled in Chinese and English', () => {
    const tab = child(child(child(host, 'DesktopFormFactor'), 'ExtensionPoint'), 'CustomTab');
    expect(strings.get(attr(child(tab, 'Label'), 'resid'))).toEqual({ zh: '绩效管理', en: 'Performance' });
    const controls = children(child(tab, 'Group'), 'Control');
    const labels = controls.map((c) => strings.get(attr(child(c, 'Label'), 'resid')));
    expect(labels.map((l) => l?.zh)).toEqual(['插入模板', '检查', '指标库', '面板']);
    expect(labels.every((l) => l?.en !== null && (l?.en ?? '').length > 0)).toBe(true);
    for (const control of controls) {
      const tip = child(child(control, 'Supertip'), 'Description');
      expect(strings.get(attr(tip, 'resid'))?.en).toBeTruthy();
    }
  });

  it('names in <FunctionName> exactly the ribbon functions the page registers', () => {
    const names: string[] = [];
    walk(host, (name, node) => {
      if (name === 'FunctionName') names.push(text(node));
    });
    expect(names.sort()).toEqual(Object.keys(RIBBON_FUNCTIONS).sort());
  });

  it('gives every string a Chinese default and an English override, and every resid a resource', () => {
    for (const [id, s] of strings) {
      expect({ id, chinese: HAS_CHINESE.test(s.zh) }).toEqual({ id, chinese: true });
      expect({ id, english: s.en !== null && /[A-Za-z]/.test(s.en) }).toEqual({ id, english: true });
    }
    const display = child(app, 'DisplayName');
    expect(attr(child(display, 'Override'), 'Locale')).toBe('en-US');
    walk(overrides, (_name, node) => {
      const resid = node.$?.resid;
      if (resid === undefined) return;
      expect({ resid, known: strings.has(resid) || urls.has(resid) || images.has(resid) }).toEqual({
        resid,
        known: true,
      });
    });
  });

  it('points every icon at a PNG in assets/ of the size it claims', () => {
    const icons = [
      ...[...images].map(([id, url]) => ({ url, size: Number(/(\d+)x\1$/.exec(id)?.[1]) })),
      { url: attr(child(app, 'IconUrl'), 'DefaultValue'), size: 32 },
      { url: attr(child(app, 'HighResolutionIconUrl'), 'DefaultValue'), size: 64 },
    ];
    expect(icons.map((i) => i.size).sort((a, b) => a - b)).toEqual([16, 32, 32, 64, 80]);
    for (const icon of icons) {
      const file = path.join(ROOT, new URL(icon.url).pathname);
      expect({ file: path.relative(ROOT, file), exists: existsSync(file) }).toEqual({
        file: path.relative(ROOT, file),
        exists: true,
      });
      expect(pngSize(file)).toEqual({ width: icon.size, height: icon.size });
    }
  });

  it('uses only the add-in’s own origin for every URL, over https', () => {
    const origin = new URL(attr(child(child(app, 'DefaultSettings'), 'SourceLocation'), 'DefaultValue'))
      .origin;
    expect(origin.startsWith('https://')).toBe(true);
    const found: string[] = [];
    walk(app, (_name, node) => {
      for (const value of [...Object.values(node.$ ?? {}), text(node)]) {
        if (
          /^https?:\/\//.test(value) &&
          !value.startsWith('http://schemas.') &&
          !value.startsWith('http://www.w3.org')
        ) {
          found.push(value);
        }
      }
    });
    expect(found.length).toBeGreaterThan(5);
    expect(found.filter((url) => new URL(url).origin !== origin)).toEqual([]);
    expect(children(child(app, 'AppDomains'), 'AppDomain').map(text)).toEqual([origin]);
  });
});

describe('ribbon commands', () => {
  function setup(failing: boolean) {
    const calls: string[] = [];
    const actions = new Map<string, (event: CommandEvent) => void>();
    const reported: unknown[] = [];
    registerRibbonActions((name, action) => actions.set(name, action), {
      openSection: (section: RibbonSection) => calls.push(`section:${section}`),
      showPane: async () => {
        calls.push('show');
        if (failing) throw new Error('no pane');
      },
      checkWorkbook: async () => {
        calls.push('check');
        return { error: 2, warning: 1, info: 0 };
      },
      report: (error) => reported.push(error),
    });
    const run = (name: string) =>
      new Promise<void>((resolve) => {
        const action = actions.get(name);
        if (action === undefined) throw new Error(`no action ${name}`);
        action({ completed: () => resolve() });
      });
    return { calls, reported, run, actions };
  }

  it('opens the pane on the section of the button; 检查 also checks the workbook', async () => {
    const { calls, run, actions } = setup(false);
    expect([...actions.keys()].sort()).toEqual(['checkWorkbook', 'openLibrary', 'openTemplates']);
    await run('openTemplates');
    await run('openLibrary');
    await run('checkWorkbook');
    expect(calls).toEqual([
      'section:templates',
      'show',
      'section:library',
      'show',
      'section:check',
      'show',
      'check',
    ]);
  });

  it('completes the command and reports the failure when the pane cannot open', async () => {
    const { reported, run } = setup(true);
    await run('checkWorkbook');
    expect(reported).toHaveLength(1);
  });
});
