/**
 * The task pane as a person sees it in a narrow Office pane: at 320 and 400 px wide no tab is cut and nothing
 * scrolls sideways, in either language and theme; `?lang=` and `?theme=` on the page's address are honoured;
 * in English no product text is left in Chinese except official form names in brackets. Screenshots go to
 * test-artifacts/ to be looked at.
 */
import type { Browser, Page } from 'playwright-core';
import {
  artifactPath,
  describeWhenChromium,
  findChromium,
  freshBuild,
  launch,
  serve,
  watchedPage,
  type StaticServer,
} from './harness';

jest.setTimeout(600_000);

const chromiumPath = findChromium();
const describeInChromium = describeWhenChromium('test/browser/pane-layout', chromiumPath);

/** The task pane's width in Excel and WPS: about 320 px by default, often widened to 400. */
const PANE_WIDTHS = [320, 400] as const;
/**
 * taskpane.html loads office.js (Office needs it there); in a plain browser office.js tries to frame its
 * telemetry page, which the page's policy refuses. That refusal is the policy working, not a fault of the pane.
 */
const OFFICE_JS_OUTSIDE_OFFICE = /^Framing 'https:\/\/telemetryservice\.firstpartyapps\.oaspapps\.com\//;
const SECTIONS = ['templates', 'check', 'scores', 'library', 'batch', 'settings'] as const;

/** Chinese characters outside brackets: what an English pane must not show (official names may follow in brackets). */
function untranslated(text: string): string[] {
  const withoutBrackets = text.replace(/[（(][^（）()]*[）)]/g, '');
  return [...withoutBrackets.matchAll(/[\u3400-\u9fff][^\n]{0,20}/g)].map((m) => m[0]);
}

async function open(
  page: Page,
  origin: string,
  query: string,
  width: number = PANE_WIDTHS[0],
): Promise<void> {
  await page.setViewportSize({ width, height: 720 });
  await page.goto(`${origin}/taskpane.html?${query}`);
  await page.locator('[role="tablist"]').waitFor();
}

async function showSection(page: Page, index: number): Promise<void> {
  await page.locator('[role="tab"]').nth(index).click();
  await page.locator(`[data-section="${SECTIONS[index] ?? ''}"]`).waitFor();
  // 批量审核 comes in its own chunk: measure the section, not its loading text.
  if (SECTIONS[index] === 'batch') await page.locator('[data-testid="batch-section"]').waitFor();
}

/** Widths that matter for "nothing scrolls sideways" and "no tab is cut". */
async function measure(page: Page) {
  return page.evaluate(() => {
    const tabs = Array.from(document.querySelectorAll('[role="tab"]')).map((tab) => {
      const box = tab.getBoundingClientRect();
      return { text: tab.textContent ?? '', left: box.left, right: box.right };
    });
    return {
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
      tabs,
    };
  });
}

describeInChromium('task pane at 320 and 400 px', () => {
  let browser: Browser;
  let server: StaticServer;

  beforeAll(async () => {
    const dist = await freshBuild();
    server = await serve(dist);
    browser = await launch(chromiumPath ?? '');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const [lang, width] of (['zh-CN', 'en'] as const).flatMap((l) =>
    PANE_WIDTHS.map((w) => [l, w] as const),
  )) {
    test(`${lang}: every section fits ${width} px; every tab is whole`, async () => {
      const watch = await watchedPage(browser, server.origin, { name: 'memory', initScript: null });
      const { page } = watch;
      await open(page, server.origin, `lang=${lang}`, width);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
      for (let i = 0; i < SECTIONS.length; i++) {
        await showSection(page, i);
        await page.screenshot({
          path: artifactPath(`pane-${width}-${lang}-${SECTIONS[i]}.png`),
          fullPage: true,
        });
        const m = await measure(page);
        expect({ section: SECTIONS[i], scrollWidth: m.scrollWidth }).toEqual({
          section: SECTIONS[i],
          scrollWidth: m.clientWidth,
        });
        for (const tab of m.tabs) {
          expect({ tab: tab.text, cut: tab.left < 0 || tab.right > m.clientWidth }).toEqual({
            tab: tab.text,
            cut: false,
          });
        }
      }
      expect(watch.errors.filter((e) => !OFFICE_JS_OUTSIDE_OFFICE.test(e))).toEqual([]);
      expect(watch.outside()).toEqual([]);
      await watch.context.close();
    });
  }

  test('English: no product text left in Chinese on any section', async () => {
    const watch = await watchedPage(browser, server.origin, { name: 'memory', initScript: null });
    const { page } = watch;
    await open(page, server.origin, 'lang=en');
    const found: Record<string, string[]> = {};
    for (let i = 0; i < SECTIONS.length; i++) {
      await showSection(page, i);
      // Text marked as Chinese content (the library's indicators, which go into the Chinese form) is left out.
      const text = await page.locator('main').evaluate((main) => {
        const parts: string[] = [];
        const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const marked = node.parentElement?.closest('[lang]');
          if (marked?.getAttribute('lang') !== 'zh-CN') parts.push(node.textContent ?? '');
        }
        return parts.join('\n');
      });
      const left = untranslated(text);
      if (left.length > 0) found[SECTIONS[i] ?? ''] = left;
    }
    expect(found).toEqual({});
    await watch.context.close();
  });

  test('?theme=dark gives the dark theme, light by default', async () => {
    const watch = await watchedPage(browser, server.origin, { name: 'memory', initScript: null });
    const { page } = watch;
    const background = () =>
      page.evaluate(
        () =>
          getComputedStyle(document.querySelector('.fui-FluentProvider') ?? document.body).backgroundColor,
      );
    await open(page, server.origin, 'theme=dark');
    const dark = await background();
    // The themed pane fills the page edge to edge: no light frame of the browser's body margin around it.
    const box = await page.evaluate(() => {
      const provider = document.querySelector('.fui-FluentProvider')?.getBoundingClientRect();
      return { left: provider?.left, top: provider?.top, width: provider?.width };
    });
    expect(box).toEqual({ left: 0, top: 0, width: PANE_WIDTHS[0] });
    await page.screenshot({ path: artifactPath('pane-320-dark.png') });
    await open(page, server.origin, '');
    const light = await background();
    const luminance = (rgb: string) =>
      (rgb.match(/\d+/g) ?? []).slice(0, 3).reduce((sum, v) => sum + Number(v), 0);
    expect(luminance(dark)).toBeLessThan(200);
    expect(luminance(light)).toBeGreaterThan(600);
    await watch.context.close();
  });
});
