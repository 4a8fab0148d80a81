/**
 * Browser test harness: a production build of the pages (made once per source state, kept in the system's
 * temp folder), a tiny static server on 127.0.0.1, and headless Chromium (the system's, driven by
 * playwright-core) recording every request and every console error.
 *
 * The host the workbench runs over is a parameter: `BPA_BROWSER_HOST` (default `memory`) is passed as
 * `workbench.html?host=…`, and `BPA_BROWSER_HOST_INIT` names a script run in the page before the app
 * (a fake object model installed as a global, for instance).
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { wpsFakeInitScript } from '../fakes/wps/init-script';

export const ROOT = resolve(__dirname, '../..');
export const ARTIFACTS = join(ROOT, 'test-artifacts');

/** docs/platform.md §5: what headless Chromium needs in a container with no GPU and no network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function findChromium(): string | null {
  const candidates = [process.env.BPA_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  for (const candidate of candidates) if (candidate && existsSync(candidate)) return candidate;
  return null;
}

/**
 * The suite's `describe` when Chromium is here, else `describe.skip` after saying why (a skipped test always
 * prints its reason at run time).
 */
export function describeWhenChromium(suite: string, chromiumPath: string | null): jest.Describe {
  if (chromiumPath !== null) return describe;
  console.warn(
    `${suite} skipped: no Chromium at /usr/bin/chromium (install the Debian package "chromium" or set BPA_CHROMIUM)`,
  );
  return describe.skip;
}

export interface HostParameter {
  name: string;
  /** A script file run in the page before its own scripts. */
  initScript: string | null;
  /** The same, as text. */
  initScriptContent?: string;
}

export function hostParameter(): HostParameter {
  const init = process.env.BPA_BROWSER_HOST_INIT;
  return { name: process.env.BPA_BROWSER_HOST ?? 'memory', initScript: init ? resolve(init) : null };
}

/**
 * The hosts the workbench tests run over: the one named by `BPA_BROWSER_HOST` when set, otherwise the memory
 * host and the WPS host over the ET fake installed in the page (issue: the pane's browser tests also run
 * with the WPS fake injected).
 */
export function browserHosts(): HostParameter[] {
  if (process.env.BPA_BROWSER_HOST) return [hostParameter()];
  return [
    { name: 'memory', initScript: null },
    { name: 'wps', initScript: null, initScriptContent: wpsFakeInitScript({ build: 'properties' }) },
  ];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** A fingerprint of everything the build reads from this repository. */
function sourceHash(): string {
  const hash = createHash('sha256');
  const inputs = [
    ...filesUnder(join(ROOT, 'src')),
    ...filesUnder(join(ROOT, 'assets')),
    join(ROOT, 'webpack.config.js'),
    join(ROOT, 'scripts/content-security-policy.js'),
    join(ROOT, 'package-lock.json'),
    join(ROOT, 'tsconfig.json'),
  ].sort();
  for (const file of inputs) {
    hash.update(file.slice(ROOT.length));
    hash.update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}

interface WebpackStats {
  hasErrors(): boolean;
  toString(options: unknown): string;
}
interface WebpackCompiler {
  run(callback: (error: Error | null, stats?: WebpackStats) => void): void;
  close(callback: () => void): void;
}
type WebpackConfig = { name?: string; mode?: string; output: { path: string } };

let building: Promise<string> | null = null;

/**
 * The production build of the add-in pages, made in a temp folder unless one for these sources exists; one
 * build per test process.
 */
export function freshBuild(): Promise<string> {
  building ??= buildOnce();
  return building;
}

async function buildOnce(): Promise<string> {
  const dir = join(tmpdir(), `bpa-browser-dist-${sourceHash()}`);
  if (existsSync(join(dir, 'workbench.html'))) return dir;
  const partial = `${dir}.building-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const makeConfigs = require(join(ROOT, 'webpack.config.js')) as (
    env: object,
    argv: { mode: string },
  ) => WebpackConfig[];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const webpack = require('webpack') as (config: WebpackConfig) => WebpackCompiler;
  const config = makeConfigs({}, { mode: 'production' }).find((c) => c.name === 'addin');
  if (!config) throw new Error('webpack.config.js has no "addin" config');
  const compiler = webpack({ ...config, mode: 'production', output: { ...config.output, path: partial } });
  await new Promise<void>((done, fail) =>
    compiler.run((error, stats) => {
      compiler.close(() => undefined);
      if (error) fail(error);
      else if (stats?.hasErrors()) fail(new Error(stats.toString({ all: false, errors: true })));
      else done();
    }),
  );
  if (!existsSync(dir)) renameSync(partial, dir);
  else rmSync(partial, { recursive: true, force: true });
  return dir;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

export async function serve(folder: string): Promise<StaticServer> {
  const dir = resolve(folder);
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(dir, path === '/' ? 'workbench.html' : path));
    if (!file.startsWith(dir + sep) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

export interface PageWatch {
  page: Page;
  context: BrowserContext;
  /** Every URL the page asked for. */
  requests: string[];
  /** Console errors and uncaught exceptions. */
  errors: string[];
  outside(): string[];
}

export async function launch(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
}

/** A page that records its requests and errors; requests to any other origin are refused and recorded. */
export async function watchedPage(browser: Browser, origin: string, host: HostParameter): Promise<PageWatch> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  if (host.initScript) await context.addInitScript({ path: host.initScript });
  if (host.initScriptContent) await context.addInitScript({ content: host.initScriptContent });
  const requests: string[] = [];
  const errors: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    requests.push(url);
    if (url.startsWith(origin + '/') || url.startsWith('data:')) return route.continue();
    return route.abort();
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  return {
    page,
    context,
    requests,
    errors,
    outside: () => requests.filter((url) => !url.startsWith(origin + '/') && !url.startsWith('data:')),
  };
}

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}

export function writeArtifact(name: string, text: string): void {
  writeFileSync(artifactPath(name), text);
}
