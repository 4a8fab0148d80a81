/**
 * The deployment manifest: `ADDIN_URL=https://host/path/ npm run build` writes dist/manifest.xml through
 * productionManifest (scripts/manifest.js, the function the webpack config calls), and `npm run validate`
 * (scripts/validate-manifest.js) checks it offline. Here the rewrite runs on the repository's manifest.xml
 * into a folder laid out as dist/ is, and the validator runs on it as a command, office-addin-manifest
 * included. The full build with ADDIN_URL runs in .ci/run.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the CommonJS module webpack loads
const manifest = require('../../scripts/manifest.js') as {
  DEV_ORIGIN: string;
  parseAddinUrl(raw: string): { base: string; origin: string };
  manifestVersion(version: string): string;
  productionManifest(xml: string, addinUrl: string, version: string): string;
  manifestUrls(xml: string): string[];
  manifestProblems(
    xml: string,
    options?: { addinUrl?: string; exists?: (relative: string) => boolean },
  ): string[];
};

const ROOT = path.resolve(__dirname, '../..');
const SOURCE = readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');
const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
const ADDIN_URL = 'https://bpa.czj.example.gov.cn:8443/addin/';

let dist = '';

/** A folder holding what dist/ holds for the manifest's URLs: the pane page and the icons. */
function fakeDist(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'bpa-manifest-'));
  cpSync(path.join(ROOT, 'assets'), path.join(dir, 'assets'), { recursive: true });
  writeFileSync(path.join(dir, 'taskpane.html'), '<!doctype html><title>pane</title>');
  return dir;
}

function validate(file: string, env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, [path.join(ROOT, 'scripts/validate-manifest.js'), file], {
    encoding: 'utf8',
    env: { ...process.env, ADDIN_URL: '', ...env },
  });
  return { status: run.status, out: run.stdout, err: run.stderr };
}

beforeAll(() => {
  dist = fakeDist();
});

afterAll(() => {
  if (dist !== '') rmSync(dist, { recursive: true, force: true });
});

describe('productionManifest', () => {
  const xml = manifest.productionManifest(SOURCE, ADDIN_URL, version);

  it('names only ADDIN_URL: every URL under it, the AppDomain its origin, no localhost left', () => {
    const urls = manifest.manifestUrls(xml);
    expect(urls.length).toBe(manifest.manifestUrls(SOURCE).length);
    expect(urls.length).toBeGreaterThan(5);
    expect(urls.filter((u) => !u.startsWith(ADDIN_URL))).toEqual([]);
    expect(xml).not.toContain('localhost');
    expect([...xml.matchAll(/<AppDomain>([^<]*)<\/AppDomain>/g)].map((m) => m[1])).toEqual([
      'https://bpa.czj.example.gov.cn:8443',
    ]);
    expect(xml).toContain(`<SourceLocation DefaultValue="${ADDIN_URL}taskpane.html"/>`);
    expect(manifest.manifestProblems(xml, { addinUrl: ADDIN_URL })).toEqual([]);
  });

  it('changes nothing else, and sets the add-in version from package.json', () => {
    const back = xml
      .split(ADDIN_URL)
      .join(`${manifest.DEV_ORIGIN}/`)
      .replace('https://bpa.czj.example.gov.cn:8443', manifest.DEV_ORIGIN);
    expect(back).toBe(SOURCE.replace(/<Version>[^<]*</, `<Version>${manifest.manifestVersion(version)}<`));
    expect(manifest.manifestVersion('1.4.2')).toBe('1.4.2.0');
    expect(manifest.manifestVersion('2.0.0-rc.1')).toBe('2.0.0.0');
    // The development manifest carries the same version, so Office sees one add-in version per release.
    expect(SOURCE).toContain(`<Version>${manifest.manifestVersion(version)}</Version>`);
  });

  it('adds the trailing slash and keeps the path', () => {
    expect(manifest.parseAddinUrl('https://host.example/a/b')).toEqual({
      base: 'https://host.example/a/b/',
      origin: 'https://host.example',
    });
    const root = manifest.productionManifest(SOURCE, 'https://host.example', version);
    expect(root).toContain('<SourceLocation DefaultValue="https://host.example/taskpane.html"/>');
  });

  it('refuses an address Office cannot load from, in Chinese and English', () => {
    expect(() => manifest.parseAddinUrl('http://host.example/')).toThrow(
      /https:\/\/.*must start with https/s,
    );
    expect(() => manifest.parseAddinUrl('host.example/addin')).toThrow(/不是有效的网址.*not a valid URL/s);
    expect(() => manifest.parseAddinUrl('https://host.example/?v=1')).toThrow(/查询串.*query/s);
  });
});

describe('npm run validate', () => {
  it('passes the rewritten manifest: office-addin-manifest parses it and our rules hold', () => {
    const file = path.join(dist, 'manifest.xml');
    writeFileSync(file, manifest.productionManifest(SOURCE, ADDIN_URL, version));
    const run = validate(file, { ADDIN_URL });
    expect(run).toMatchObject({ status: 0 });
    expect(run.out).toContain('Name: 预算绩效管理');
    expect(run.out).toContain(`Source Location: ${ADDIN_URL}taskpane.html`);
    expect(run.out).toContain('manifest ready to deploy');
  });

  it('refuses the development manifest (localhost)', () => {
    const file = path.join(dist, 'dev.xml');
    writeFileSync(file, SOURCE);
    const run = validate(file);
    expect(run.status).toBe(1);
    expect(run.err).toContain('points at this machine: https://localhost:3000/taskpane.html');
  });

  it('refuses a second origin, plain http, a URL outside ADDIN_URL and an icon missing from dist', () => {
    const good = manifest.productionManifest(SOURCE, ADDIN_URL, version);
    const bad = good
      .replace(`${ADDIN_URL}assets/icon-16.png`, 'https://cdn.example.com/icon-16.png')
      .replace(`${ADDIN_URL}assets/icon-80.png`, `${ADDIN_URL}assets/icon-81.png`)
      .replace(
        `<SupportUrl DefaultValue="${ADDIN_URL}taskpane.html"`,
        '<SupportUrl DefaultValue="http://x.example/"',
      );
    const file = path.join(dist, 'bad.xml');
    writeFileSync(file, bad);
    const run = validate(file, { ADDIN_URL });
    expect(run.status).toBe(1);
    expect(run.err).toContain(
      'not under https://bpa.czj.example.gov.cn:8443/addin/: https://cdn.example.com/icon-16.png',
    );
    expect(run.err).toContain('dist/ has no assets/icon-81.png');
    expect(run.err).toContain('not https: http://x.example/');
    // Checked against the folder of the pane when ADDIN_URL is not given.
    expect(validate(file).err).toContain('https://cdn.example.com/icon-16.png');
  });

  it('refuses a manifest office-addin-manifest cannot parse, and says how to make one when it is missing', () => {
    const file = path.join(dist, 'broken.xml');
    writeFileSync(file, manifest.productionManifest(SOURCE, ADDIN_URL, version).slice(0, 400));
    const broken = validate(file, { ADDIN_URL });
    expect(broken.status).toBe(1);
    expect(broken.err).toContain('cannot parse');
    const missing = validate(path.join(dist, 'none.xml'));
    expect(missing.status).toBe(1);
    expect(missing.err).toContain('ADDIN_URL=https://server/path/ npm run build');
  });
});
