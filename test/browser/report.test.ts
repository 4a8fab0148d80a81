/**
 * The HTML report of `bpa check` in headless Chromium: the summary sorts when a header is clicked and filters
 * by text and by 未评级 / 有错误; the page asks for nothing but itself (its Content-Security-Policy would
 * report a blocked script or style as a console error); at phone width the rows are cards and nothing
 * scrolls sideways. Screenshots at desktop and phone width go to test-artifacts/.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { run } from '../../src/cli/run';
import {
  captureIo,
  gradedSelfEvaluation,
  removeTempDirs,
  selfEvaluationFile,
  tempDir,
  writeFixture,
} from '../cli/workbooks';
import {
  artifactPath,
  describeWhenChromium,
  findChromium,
  launch,
  serve,
  watchedPage,
  type StaticServer,
} from './harness';

jest.setTimeout(300_000);

const chromiumPath = findChromium();
const describeInChromium = describeWhenChromium('test/browser/report', chromiumPath);

describeInChromium('the html report in Chromium', () => {
  let browser: Browser;
  let server: StaticServer;

  beforeAll(async () => {
    const dir = await tempDir();
    await mkdir(join(dir, '城区'));
    await mkdir(join(dir, '郊县'));
    await writeFixture(join(dir, '城区'), '道路.xlsx', await gradedSelfEvaluation('优', '城区道路养护'));
    await writeFixture(join(dir, '城区'), '路灯.xlsx', await gradedSelfEvaluation('良', '城区路灯改造'));
    await writeFixture(join(dir, '郊县'), '饮水.xlsx', await gradedSelfEvaluation('良', '乡村饮水工程'));
    await writeFixture(join(dir, '郊县'), '校舍.xlsx', await gradedSelfEvaluation('差', '乡村校舍维修'));
    await writeFixture(
      join(dir, '郊县'),
      '合计不符.xlsx',
      await selfEvaluationFile({ project: '乡村公路<script>alert(1)</script>', statedTotal: 75 }),
    );
    await writeFixture(dir, '损坏.xlsx', 'not a workbook');
    const out = join(await tempDir(), 'report.html');
    await run(['check', dir, '--format', 'html', '-o', out], captureIo());
    const site = await tempDir();
    const { readFile } = await import('node:fs/promises');
    await writeFile(join(site, 'report.html'), await readFile(out));
    server = await serve(site);
    browser = await launch(chromiumPath ?? '');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await removeTempDirs();
  });

  const visibleRows = (page: Page) => page.locator('#summary tbody tr:visible').count();
  const column = (page: Page, n: number) =>
    page.$$eval(`#summary tbody tr`, (rows, col) => rows.map((r) => r.children[col]?.textContent ?? ''), n);

  test('sorts, filters, asks for nothing outside, no console error; desktop screenshot', async () => {
    const watch = await watchedPage(browser, server.origin, { name: 'memory', initScript: null });
    const { page } = watch;
    await page.goto(`${server.origin}/report.html`);
    expect(await visibleRows(page)).toBe(6);
    expect(await page.locator('#shown').textContent()).toBe('6');

    // Sort by 复算总分 (column 6): ascending, then descending; empty totals stay last.
    const totals = async () => (await column(page, 5)).map((t) => (t === '' ? null : Number(t)));
    await page.getByRole('button', { name: '复算总分' }).click();
    const up = await totals();
    const upNumbers = up.filter((n): n is number => n !== null);
    expect(upNumbers).toEqual([...upNumbers].sort((a, b) => a - b));
    expect(up[up.length - 1]).toBeNull();
    await page.getByRole('button', { name: '复算总分' }).click();
    const down = (await totals()).filter((n): n is number => n !== null);
    expect(down).toEqual([...down].sort((a, b) => b - a));
    expect(await page.locator('th[aria-sort=descending]').textContent()).toContain('复算总分');
    // Sort by 项目 (text).
    await page.getByRole('button', { name: '项目' }).click();
    const projects = (await column(page, 2)).filter((p) => p !== '');
    expect(projects).toEqual([...projects].sort((a, b) => a.localeCompare(b, 'zh-CN')));

    // Filter by text, then by 未评级 and 有错误.
    await page.fill('#q', '乡村');
    expect(await visibleRows(page)).toBe(3);
    expect(await page.locator('#shown').textContent()).toBe('3');
    await page.fill('#q', '');
    await page.selectOption('#only', 'ungraded');
    expect(await visibleRows(page)).toBe(2);
    await page.selectOption('#only', 'errors');
    expect(await visibleRows(page)).toBe(2);
    await page.fill('#q', '城区');
    expect(await visibleRows(page)).toBe(0);
    await page.fill('#q', '');
    await page.selectOption('#only', '');
    expect(await visibleRows(page)).toBe(6);

    // The project typed with a script tag shows as text and never ran.
    expect(await page.getByText('乡村公路<script>alert(1)</script>').first().isVisible()).toBe(true);
    expect(await page.locator('body script').count()).toBe(1);

    await page.screenshot({ path: artifactPath('report-desktop.png'), fullPage: true });
    expect(watch.outside()).toEqual([]);
    expect(watch.requests).toEqual([`${server.origin}/report.html`]);
    expect(watch.errors).toEqual([]);
    await watch.context.close();
  });

  test('at 375 px the summary and indicator rows are cards and nothing scrolls sideways; phone screenshot', async () => {
    const watch = await watchedPage(browser, server.origin, { name: 'memory', initScript: null });
    const { page } = watch;
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`${server.origin}/report.html`);
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      view: document.documentElement.clientWidth,
      box: document.querySelector('.scroll')?.clientWidth ?? 0,
      table: document.querySelector('#summary')?.scrollWidth ?? 0,
    }));
    expect(widths.page).toBe(widths.view);
    // Rows become cards: the summary fits its box, nothing scrolls sideways at all.
    expect(widths.table).toBeLessThanOrEqual(widths.box);
    const indicators = await page.evaluate(() =>
      Array.from(document.querySelectorAll('.indicators')).map(
        (t) => t.scrollWidth <= (t.parentElement?.clientWidth ?? 0),
      ),
    );
    expect(indicators.length).toBeGreaterThan(0);
    expect(indicators.every(Boolean)).toBe(true);
    // Each card names its fields, and the sort buttons stay usable above the cards.
    expect(await page.locator('#summary tbody tr').first().locator('td[data-label="复算等级"]').count()).toBe(
      1,
    );
    await page.getByRole('button', { name: '错误' }).click();
    expect(await page.locator('th[aria-sort=ascending]').textContent()).toContain('错误');
    await page.screenshot({ path: artifactPath('report-phone.png'), fullPage: false });
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.controls').isVisible()).toBe(false);
    expect(watch.errors).toEqual([]);
    expect(watch.outside()).toEqual([]);
    await watch.context.close();
  });
});
