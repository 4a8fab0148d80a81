/**
 * Editing in the workbench as a person with a Chinese input method does it: composing onto a selected cell
 * (real composition events through Chromium's IME protocol), Enter committing and moving down, Ctrl+Z undoing,
 * the 一级/二级 dropdowns of a self-evaluation, and an issue in a far column brought into view when it is
 * clicked in the pane. Over the memory host (the dropdowns read its validations).
 */
import type { Browser, Page } from 'playwright-core';
import { builtInSettings } from '../../src/app/engine-settings';
import { insertTemplate } from '../../src/app/insert-template';
import { readForm, type TableLayout } from '../../src/domain/forms/read-form';
import { columnLetter } from '../../src/domain/grid/address';
import { MemoryWorkbook } from '../../src/hosts/memory/memory-workbook';
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
const describeInChromium = describeWhenChromium('test/browser/workbench-editing', chromiumPath);
const SHEET = '项目支出绩效自评表';

/** Where the indicator table's columns are, read from the same template in this process. */
async function layoutOfTemplate(): Promise<TableLayout> {
  const settings = builtInSettings();
  if (!settings) throw new Error('test setup: built-in settings missing');
  const book = new MemoryWorkbook();
  const { sheet } = await insertTemplate(book, { template: 'project-self-evaluation', settings });
  const read = readForm(await book.readBlock(sheet), sheet, null);
  const layout = read.ok ? read.layout.tables.indicators : undefined;
  if (!layout) throw new Error('test setup: no indicator table');
  return layout;
}

async function clickCell(page: Page, a1: string): Promise<void> {
  await page.locator(`td[data-cell="${a1}"]`).dispatchEvent('mousedown');
  await page
    .locator('[data-testid="selected-cell"]')
    .filter({ hasText: `!${a1}` })
    .waitFor();
}

const cellText = (page: Page, a1: string) => page.locator(`td[data-cell="${a1}"]`).innerText();

describeInChromium('workbench editing in Chromium', () => {
  let browser: Browser;
  let server: StaticServer;
  let page: Page;
  let layout: TableLayout;
  const col = (key: keyof TableLayout['columns']): string => columnLetter(layout.columns[key] ?? 0);

  beforeAll(async () => {
    layout = await layoutOfTemplate();
    const dist = await freshBuild();
    server = await serve(dist);
    browser = await launch(chromiumPath ?? '');
    const watch = await watchedPage(browser, server.origin, { name: 'memory', initScript: null });
    page = watch.page;
    await page.setViewportSize({ width: 1100, height: 700 });
    await page.goto(`${server.origin}/workbench.html`);
    await page.locator('.wb-layout[data-status="ready"]').waitFor();
    await page.locator('button[data-template="project-self-evaluation"]').click();
    await page.locator(`.wb-grid[data-active-sheet="${SHEET}"]`).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('an input method composes onto the selected cell; Enter commits and moves down', async () => {
    const row = layout.firstDataRow + 1;
    const name = `${col('level3')}${row}`;
    await clickCell(page, name);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Input.imeSetComposition', { text: 'fwrc', selectionStart: 4, selectionEnd: 4 });
    await page.locator('.wb-sink-composing').waitFor();
    await page.screenshot({ path: artifactPath('workbench-ime-composing.png') });
    await cdp.send('Input.insertText', { text: '服务人次' });
    const editor = page.locator(`td[data-cell="${name}"] input`);
    await editor.waitFor();
    await expect(editor.inputValue()).resolves.toBe('服务人次');
    await editor.press('Enter');
    await page
      .locator('[data-testid="selected-cell"]')
      .filter({ hasText: `!${col('level3')}${row + 1}` })
      .waitFor();
    await expect(cellText(page, name)).resolves.toBe('服务人次');
  });

  test('Ctrl+Z puts back what the last edit replaced', async () => {
    const row = layout.firstDataRow + 2;
    const actual = `${col('actual')}${row}`;
    await clickCell(page, actual);
    await page.keyboard.type('95');
    await page.keyboard.press('Enter');
    await expect(cellText(page, actual)).resolves.toBe('95');
    await clickCell(page, actual);
    await page.keyboard.type('80');
    await page.keyboard.press('Enter');
    await expect(cellText(page, actual)).resolves.toBe('80');
    await page.keyboard.press('Control+z');
    await page.waitForFunction(
      (a1) => document.querySelector(`td[data-cell="${a1}"]`)?.textContent === '95',
      actual,
    );
    await page.keyboard.press('Control+z');
    await page.waitForFunction(
      (a1) => document.querySelector(`td[data-cell="${a1}"]`)?.textContent === '',
      actual,
    );
  });

  test('list validations show as dropdowns; the 二级 choices follow the 一级 chosen', async () => {
    const row = layout.firstDataRow + 3;
    const level1 = `${col('level1')}${row}`;
    const level2 = `${col('level2')}${row}`;
    await clickCell(page, level1);
    await page.locator('[data-testid="dropdown-button"]').waitFor();
    await page.keyboard.press('Alt+ArrowDown');
    const list = page.locator('[data-testid="dropdown-list"]');
    await list.waitFor();
    const level1Choices = await list.locator('[role="option"]').allInnerTexts();
    expect(level1Choices).toEqual(expect.arrayContaining(['产出指标', '效益指标', '满意度指标']));
    await page.screenshot({ path: artifactPath('workbench-dropdown.png') });
    await page.keyboard.press('Enter'); // the first choice
    await expect(cellText(page, level1)).resolves.toBe(level1Choices[0]);

    await clickCell(page, level2);
    await page.locator('[data-testid="dropdown-button"]').dispatchEvent('mousedown');
    await list.waitFor();
    const level2Choices = await list.locator('[role="option"]').allInnerTexts();
    expect(level2Choices).toEqual(expect.arrayContaining(['数量指标', '质量指标', '时效指标']));
    await list.locator('[role="option"]', { hasText: '质量指标' }).dispatchEvent('mousedown');
    await expect(cellText(page, level2)).resolves.toBe('质量指标');
  });

  test('an issue clicked in the pane brings its cell into view, however far it is', async () => {
    // A row far below the first screen, in the rightmost column of the table: an unknown 一级 there.
    const row = layout.firstDataRow + 1;
    const far = `${col('deviation')}${row}`;
    await page.setViewportSize({ width: 700, height: 420 });
    await page.locator('.wb-grid').evaluate((grid) => grid.scrollTo(0, 0));
    const level1 = `${col('level1')}${row}`;
    await clickCell(page, level1);
    await page.keyboard.type('不存在的一级');
    await page.keyboard.press('Enter');
    await page.getByRole('tab', { name: /^检查/ }).click();
    const issue = page.locator(`.bpa-issue[data-cell="${level1}"]`).first();
    await issue.waitFor();
    // Scroll the grid away to the far right and bottom, then ask for the issue's cell.
    await clickCell(page, far);
    await page.locator('.wb-grid').evaluate((grid) => grid.scrollTo(grid.scrollWidth, grid.scrollHeight));
    await issue.click();
    await page
      .locator('[data-testid="selected-cell"]')
      .filter({ hasText: `!${level1}` })
      .waitFor();
    const visible = await page.locator(`td[data-cell="${level1}"]`).evaluate((td) => {
      const grid = td.closest('.wb-grid');
      if (!grid) return false;
      const cell = td.getBoundingClientRect();
      const view = grid.getBoundingClientRect();
      return (
        cell.left >= view.left - 1 &&
        cell.right <= view.right + 1 &&
        cell.top >= view.top - 1 &&
        cell.bottom <= view.bottom + 1
      );
    });
    expect(visible).toBe(true);
    await page.screenshot({ path: artifactPath('workbench-issue-into-view.png') });
  });
});
