/**
 * The workbench in headless Chromium: the task pane beside an in-memory workbook, driven as a person would
 * (clicks, typing, pasting, the keyboard). Expected issues and scores are computed by the engine in this
 * process from the same edits on a memory workbook, so the page must show what a full check says.
 *
 * By default the workbench runs over the memory host and over the WPS host on the ET fake. Run over one
 * other host: BPA_BROWSER_HOST=<name> [BPA_BROWSER_HOST_INIT=<script.js>] npx jest test/browser
 */
import type { Browser, Page } from 'playwright-core';
import { checkWorkbook } from '../../src/app/check-workbook';
import { textNumberFix } from '../../src/app/convert-text-number';
import { deriveFromSheet } from '../../src/app/derive-form';
import { builtInSettings } from '../../src/app/engine-settings';
import { insertTemplate } from '../../src/app/insert-template';
import { partOfCell } from '../../src/app/form-progress';
import { LiveChecks, severityCounts, todoCount } from '../../src/app/live-checks';
import { readForm, type TableLayout } from '../../src/domain/forms/read-form';
import { columnLetter } from '../../src/domain/grid/address';
import type { CellScalar } from '../../src/domain/grid/cell';
import { renderIssue } from '../../src/domain/messages/catalog';
import { formatNumber } from '../../src/domain/messages/format';
import { getFramework } from '../../src/domain/framework/frameworks';
import { getProfile } from '../../src/domain/profiles/profiles';
import { listTemplates } from '../../src/domain/templates/registry';
import { MemoryWorkbook } from '../../src/hosts/memory/memory-workbook';
import { TODO_FILL } from '../../src/workbench/cell-view';
import {
  artifactPath,
  browserHosts,
  describeWhenChromium,
  findChromium,
  freshBuild,
  hostParameter,
  launch,
  serve,
  watchedPage,
  type PageWatch,
  type StaticServer,
} from './harness';

// The first test of a run builds the pages (about a minute alone, several on a busy machine).
jest.setTimeout(600_000);

const chromiumPath = findChromium();
const describeInChromium = describeWhenChromium('test/browser', chromiumPath);
const host = hostParameter();
const settings = builtInSettings();
if (!settings) throw new Error('test setup: built-in settings missing');
const SELF_EVALUATION = '项目支出绩效自评表';

/** The engine's view of the same workbook, edited the same way. */
class Mirror {
  readonly book = new MemoryWorkbook();
  layout: TableLayout | null = null;
  async insert(template: Parameters<typeof insertTemplate>[1]['template']): Promise<string> {
    if (!settings) throw new Error('unreachable');
    const { sheet } = await insertTemplate(this.book, { template, settings });
    return sheet;
  }
  async indicatorLayout(sheet: string): Promise<TableLayout> {
    const read = readForm(await this.book.readBlock(sheet), sheet, null);
    const layout = read.ok ? read.layout.tables.indicators : undefined;
    if (!layout) throw new Error(`no indicator table on ${sheet}`);
    return layout;
  }
  /** What the pane shows of the workbook as it is now, before anyone asks for 全部重新检查. */
  async paneView() {
    if (!settings) throw new Error('unreachable');
    const live = new LiveChecks(this.book, { settingsFor: () => settings });
    await live.start();
    live.stop();
    return live.state;
  }
  async report(sheet: string) {
    if (!settings) throw new Error('unreachable');
    const full = await checkWorkbook(this.book, { settingsFor: () => settings });
    const found = full.sheets.find((s) => s.sheet === sheet);
    if (!found) throw new Error(`${sheet} not checked`);
    return found;
  }
}

/** A #RRGGBB colour as the browser computes it. */
function rgb(hex: string): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}

function toTsv(rows: CellScalar[][]): string {
  return rows.map((r) => r.map((v) => (v === null ? '' : String(v))).join('\t')).join('\n') + '\n';
}

async function clickCell(page: Page, a1: string): Promise<void> {
  await page.locator(`td[data-cell="${a1}"]`).dispatchEvent('mousedown');
  await page
    .locator('[data-testid="selected-cell"]')
    .filter({ hasText: `!${a1}` })
    .waitFor();
}

/** Types into a cell as a person does: select, Enter to edit, type, Enter. */
async function typeInto(page: Page, a1: string, text: string): Promise<void> {
  await clickCell(page, a1);
  await page.locator('.wb-grid').press('Enter');
  const input = page.locator(`td[data-cell="${a1}"] input`);
  await input.fill(text);
  await input.press('Enter');
}

/** A paste from the clipboard, as Excel puts a block on it (TSV). */
async function pasteAt(page: Page, a1: string, rows: CellScalar[][]): Promise<void> {
  await clickCell(page, a1);
  await page.locator('.wb-grid').evaluate((grid, text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    grid.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, toTsv(rows));
}

async function openSheet(page: Page, sheet: string): Promise<void> {
  await page.locator(`[data-sheet-tab="${sheet}"]`).click();
  await page.locator(`.wb-grid[data-active-sheet="${sheet}"]`).waitFor();
}

async function showSection(page: Page, label: string): Promise<void> {
  await page.getByRole('tab', { name: new RegExp(`^${label}`) }).click();
}

/** Waits until the live checks have finished a re-check newer than `after`. */
async function settled(page: Page, after: number): Promise<number> {
  await page.waitForFunction(
    (n) => Number(document.querySelector('.wb-layout')?.getAttribute('data-revision') ?? 0) > n,
    after,
  );
  return Number(await page.locator('.wb-layout').getAttribute('data-revision'));
}

async function revision(page: Page): Promise<number> {
  return Number(await page.locator('.wb-layout').getAttribute('data-revision'));
}

/** What a person types to clear each error the score test meets. */
const FIXES: Partial<Record<string, CellScalar>> = {
  number_as_text: 96,
  required_field_missing: '已填写',
  deviation_reason_missing: '受益人口少于预期，已调整服务计划',
};

/** The pane's 等级 while the total is provisional: what blocks the grade. */
function ungraded(status: { errors: number; unscored: number; todo?: number }): string {
  const todo = status.todo ?? 0;
  const parts = [
    ...(status.errors > 0 ? [`错误 ${status.errors} 项`] : []),
    ...(todo > 0 ? [`待填写 ${todo} 项`] : []),
    ...(status.unscored > 0 ? [`${status.unscored} 行未计分`] : []),
  ];
  return `未评级：${parts.join('，')}`;
}

type EngineScores = Awaited<ReturnType<Mirror['report']>>['scores'];

/** The pane's 总分 for the engine's scores: 暂定 before a provisional total, the part scored when partial. */
function shownTotal(scores: EngineScores): string {
  const partial =
    scores.partial === null ? '' : `（部分重算：${scores.partial.scored}/${scores.partial.of} 行可计分）`;
  const provisional = scores.status.kind === 'provisional' ? '暂定 ' : '';
  const total = scores.total === null ? '—' : `${formatNumber(scores.total)} 分`;
  return `${provisional}${total}${partial}`;
}

/** The pane's 等级 for the engine's scores. */
const shownGrade = (scores: EngineScores): string => scores.grade ?? ungraded(scores.status);

for (const host of browserHosts()) {
  const shot = (name: string): string => artifactPath(host.name === 'memory' ? name : `${host.name}-${name}`);

  describeInChromium(`workbench in Chromium (host: ${host.name})`, () => {
    let browser: Browser;
    let server: StaticServer;
    let watch: PageWatch;
    let page: Page;
    const mirror = new Mirror();

    beforeAll(async () => {
      const dist = await freshBuild();
      server = await serve(dist);
      browser = await launch(chromiumPath ?? '');
      watch = await watchedPage(browser, server.origin, host);
      page = watch.page;
      await page.goto(`${server.origin}/workbench.html?host=${encodeURIComponent(host.name)}`);
      await page.locator('.wb-layout[data-status="ready"]').waitFor();
    });

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    test('every template is inserted from the gallery and checked live', async () => {
      for (const [index, template] of listTemplates().entries()) {
        const before = await revision(page);
        await page.locator(`button[data-template="${template.id}"]`).click();
        await settled(page, before);
        const sheet = await mirror.insert(template.id);
        await page.locator(`[data-sheet-tab="${sheet}"]`).waitFor();
        await page.locator(`.wb-grid[data-active-sheet="${sheet}"]`).waitFor();
        if (index === 0) {
          // The insertion's notice names the sheet and can be closed (it also goes by itself after a while).
          const notice = page.getByText(`已插入工作表：${sheet}`);
          await notice.waitFor();
          await page.getByRole('button', { name: '关闭提示' }).click();
          await notice.waitFor({ state: 'detached' });
        }
      }
      await page.screenshot({ path: shot('workbench-templates.png') });
      await showSection(page, '检查');
      // Blank forms nobody has started: no error, their empty required cells are to fill (待填写).
      const counts = page.locator('[data-testid="issue-counts"] [data-severity="error"]');
      const view = await mirror.paneView();
      expect(severityCounts(view.sheets).error).toBe(0);
      const todo = todoCount(view.sheets);
      expect(todo).toBeGreaterThan(20);
      await expect(counts.getAttribute('data-count')).resolves.toBe('0');
      const todoBadge = page.locator('[data-testid="issue-counts"] [data-todo-count]');
      await expect(todoBadge.getAttribute('data-todo-count')).resolves.toBe(String(todo));
      await expect(todoBadge.textContent()).resolves.toBe(`待填写 ${todo}`);
      // A light fill on the cells to fill, on the sheet shown.
      const active = await page.locator('.wb-grid').getAttribute('data-active-sheet');
      const first = view.sheets.find((s) => s.sheet === active)?.todo.find((i) => i.cell !== null);
      if (!first?.cell) throw new Error('no cell to fill on the sheet shown');
      const cell = page.locator(`td[data-cell="${first.cell}"]`);
      await expect(cell.getAttribute('data-todo')).resolves.toBe('true');
      await expect(cell.getAttribute('data-issue')).resolves.toBeNull();
      await expect(cell.evaluate((td) => getComputedStyle(td).backgroundColor)).resolves.toBe(rgb(TODO_FILL));
      await page.screenshot({ path: shot('workbench-todo.png') });
    });

    test('typing one value in a part makes its empty required cells errors; 全部重新检查 makes them all errors', async () => {
      const EX_ANTE = '事前绩效评估表';
      await openSheet(page, EX_ANTE);
      const read = readForm(await mirror.book.readBlock(EX_ANTE), EX_ANTE, null);
      const criteria = read.ok ? read.layout.tables.criteria : undefined;
      const projectName = read.ok ? read.form.header.projectName?.cell : undefined;
      if (!read.ok || !criteria || criteria.columns.rating === undefined || !projectName)
        throw new Error('no criteria table');
      const rating = (n: number) =>
        `${columnLetter(criteria.columns.rating ?? 0)}${criteria.firstDataRow + n + 1}`;
      await expect(page.locator(`td[data-cell="${rating(1)}"]`).getAttribute('data-todo')).resolves.toBe(
        'true',
      );

      let before = await revision(page);
      await typeInto(page, rating(0), '优');
      mirror.book.setValues(EX_ANTE, rating(0), [['优']], 'user');
      before = await settled(page, before);

      // The criteria table is started: its ratings still empty, and the conclusion, are errors now…
      const view = await mirror.paneView();
      const sheet = view.sheets.find((s) => s.sheet === EX_ANTE);
      if (!sheet) throw new Error('unreachable');
      const errors = sheet.issues.filter((i) => i.severity === 'error');
      expect(errors.length).toBeGreaterThan(10);
      expect(errors.every((i) => partOfCell(sheet.form, i.cell ?? '') === 'criteria')).toBe(true);
      const counts = page.locator('[data-testid="issue-counts"] [data-severity="error"]');
      await expect(counts.getAttribute('data-count')).resolves.toBe(
        String(severityCounts(view.sheets).error),
      );
      await expect(page.locator(`td[data-cell="${rating(1)}"]`).getAttribute('data-issue')).resolves.toBe(
        'error',
      );
      await page.locator(`.bpa-issue[data-cell="${rating(1)}"][data-code="rating_missing"]`).waitFor();
      // …while the header nobody has touched is still to fill.
      await expect(page.locator(`td[data-cell="${projectName}"]`).getAttribute('data-todo')).resolves.toBe(
        'true',
      );
      const todoBadge = page.locator('[data-testid="issue-counts"] [data-todo-count]');
      await expect(todoBadge.getAttribute('data-todo-count')).resolves.toBe(String(todoCount(view.sheets)));
      await page.screenshot({ path: shot('workbench-todo-started.png') });

      // 全部重新检查: every empty required cell is an error, as in a received file.
      await page.getByRole('button', { name: '全部重新检查' }).click();
      await settled(page, before);
      await todoBadge.waitFor({ state: 'detached' });
      if (!settings) throw new Error('unreachable');
      const full = await checkWorkbook(mirror.book, { settingsFor: () => settings });
      const all = full.sheets.flatMap((s) => s.issues).filter((i) => i.severity === 'error').length;
      await expect(counts.getAttribute('data-count')).resolves.toBe(String(all));
      await expect(page.locator(`td[data-cell="${projectName}"]`).getAttribute('data-issue')).resolves.toBe(
        'error',
      );
    });

    test('a bad value shows an issue and its highlight; fixing it clears both', async () => {
      const layout = await mirror.indicatorLayout(SELF_EVALUATION);
      mirror.layout = layout;
      await openSheet(page, SELF_EVALUATION);
      const row = layout.firstDataRow + 1;
      const level1 = `${columnLetter(layout.columns.level1 ?? 1)}${row}`;
      const operator = `${columnLetter(layout.columns.operator ?? 4)}${row}`;
      const rowValues: CellScalar[][] = [
        ['产出指标', '数量指标', '服务人次', '≈', 100, '人次', 100, null, null, 30],
      ];
      let before = await revision(page);
      await pasteAt(page, level1, rowValues);
      mirror.book.setValues(SELF_EVALUATION, level1, rowValues, 'user');
      before = await settled(page, before);

      const expected = (await mirror.report(SELF_EVALUATION)).issues.filter((i) => i.cell === operator);
      expect(expected.map((i) => i.code)).toContain('operator_invalid');
      await showSection(page, '检查');
      const item = page.locator(`.bpa-issue[data-cell="${operator}"][data-code="operator_invalid"]`);
      await item.waitFor();
      const operatorIssue = expected.find((i) => i.code === 'operator_invalid');
      if (!operatorIssue) throw new Error('unreachable');
      await expect(item.textContent()).resolves.toContain(renderIssue(operatorIssue, 'zh-CN'));
      const cell = page.locator(`td[data-cell="${operator}"]`);
      await expect(cell.getAttribute('data-issue')).resolves.toBe('error');
      const fill = await cell.evaluate((td) => getComputedStyle(td).backgroundColor);
      expect(fill).not.toBe('rgba(0, 0, 0, 0)');
      await page.screenshot({ path: shot('workbench-issue.png') });

      await typeInto(page, operator, '≥');
      mirror.book.setValues(SELF_EVALUATION, operator, [['≥']], 'user');
      await settled(page, before);
      await item.waitFor({ state: 'detached' });
      await expect(cell.getAttribute('data-issue')).resolves.toBeNull();
      const after = (await mirror.report(SELF_EVALUATION)).issues.filter((i) => i.cell === operator);
      expect(after).toEqual([]);
    });

    test('pasting blocks moves the score; the grade is withheld while an error remains and appears once fixed', async () => {
      const layout = mirror.layout ?? (await mirror.indicatorLayout(SELF_EVALUATION));
      const at = (key: keyof TableLayout['columns'], n: number) =>
        `${columnLetter(layout.columns[key] ?? 0)}${layout.firstDataRow + n + 1}`;
      const funds: CellScalar[][] = [[100, 100, 90]];
      // ９６ in full-width digits stays text in every host (a spreadsheet turns "96" or "96%" into a number on
      // entry, not ９６): an error at its cell, and the sheet's formulas give that row no points.
      const indicators: CellScalar[][] = [
        ['产出指标', '质量指标', '验收合格率', '≥', 95, '%', '９６', null, null, 20],
        ['效益指标', '社会效益指标', '受益人口', '≥', 1000, '人', 1000, null, null, 30],
        ['满意度指标', '服务对象满意度指标', '群众满意度', '≥', 90, '%', 95, null, null, 10],
      ];
      const total = page.locator('[data-testid="total"]');
      const grade = page.locator('[data-testid="grade"]');
      const recommendation = page.locator('[data-testid="recommendation"]');
      await showSection(page, '得分');
      let before = await revision(page);
      await pasteAt(page, 'C6', funds);
      mirror.book.setValues(SELF_EVALUATION, 'C6', funds, 'user');
      before = await settled(page, before);
      await pasteAt(page, at('level1', 1), indicators);
      mirror.book.setValues(SELF_EVALUATION, at('level1', 1), indicators, 'user');
      before = await settled(page, before);

      // Errors remain (the text number, the blank header fields): the total is 暂定 and there is no grade and
      // no 结果应用建议, with what blocks the grade.
      const open = (await mirror.report(SELF_EVALUATION)).scores;
      expect(open.status.kind).toBe('provisional');
      expect(open.status.errors).toBeGreaterThan(0);
      expect(open.grade).toBeNull();
      await expect(page.locator('[data-testid="scores"] h3').textContent()).resolves.toBe(SELF_EVALUATION);
      await expect(total.getAttribute('data-status')).resolves.toBe('provisional');
      await expect(total.textContent()).resolves.toBe(shownTotal(open));
      await expect(grade.textContent()).resolves.toBe(shownGrade(open));
      await expect(recommendation.count()).resolves.toBe(0);
      await page.screenshot({ path: shot('workbench-scores-provisional.png') });

      // Fixing every error the engine reports, cell by cell, makes the total final and the grade appear.
      const fixAll = async (): Promise<void> => {
        const errors = (await mirror.report(SELF_EVALUATION)).issues.filter((i) => i.severity === 'error');
        for (const issue of errors) {
          const value = FIXES[issue.code];
          if (issue.cell === null || value === undefined) {
            throw new Error(`no fix for ${issue.code} at ${issue.cell ?? '—'}`);
          }
          await pasteAt(page, issue.cell, [[value]]);
          mirror.book.setValues(SELF_EVALUATION, issue.cell, [[value]], 'user');
          before = await settled(page, before);
        }
      };
      await fixAll();
      const high = (await mirror.report(SELF_EVALUATION)).scores;
      expect(high.status.kind).toBe('final');
      expect(high.grade).not.toBeNull();
      expect(high.total).toBeGreaterThan(open.total ?? 0);
      await expect(total.getAttribute('data-status')).resolves.toBe('final');
      await expect(total.textContent()).resolves.toBe(shownTotal(high));
      await expect(grade.textContent()).resolves.toBe(high.grade);
      await expect(recommendation.textContent()).resolves.toBe(high.recommendation);
      await page.screenshot({ path: shot('workbench-scores-high.png') });

      // Half the people served: the first indicator loses half its points, and the shortfall asks for its
      // reason (an error), so the lower total is 暂定 until the reason is written; then the lower grade shows.
      const lower: CellScalar[][] = [[50]];
      await pasteAt(page, at('actual', 0), lower);
      mirror.book.setValues(SELF_EVALUATION, at('actual', 0), lower, 'user');
      before = await settled(page, before);
      const short = (await mirror.report(SELF_EVALUATION)).scores;
      expect(short.status.kind).toBe('provisional');
      await expect(total.textContent()).resolves.toBe(shownTotal(short));
      await expect(grade.textContent()).resolves.toBe(shownGrade(short));
      await fixAll();
      const low = (await mirror.report(SELF_EVALUATION)).scores;
      expect(low.status.kind).toBe('final');
      expect(low.total).toBe(short.total);
      expect(low.grade).not.toBeNull();
      expect(low.grade).not.toBe(high.grade);
      await expect(total.textContent()).resolves.toBe(shownTotal(low));
      await expect(grade.textContent()).resolves.toBe(low.grade);
      await expect(page.locator('svg[role="img"] g').count()).resolves.toBeGreaterThanOrEqual(3);
      // The score formula cell shows the engine's result.
      const score = low.indicators.find((i) => i.row === layout.firstDataRow);
      await expect(page.locator(`td[data-cell="${at('score', 0)}"]`).textContent()).resolves.toBe(
        formatNumber(score?.score ?? NaN),
      );
      await page.screenshot({ path: shot('workbench-scores-low.png') });
    });

    test('９３ typed as an actual value: the issue offers 改为数字, one click writes 93 and the score follows', async () => {
      const layout = mirror.layout ?? (await mirror.indicatorLayout(SELF_EVALUATION));
      const actual = `${columnLetter(layout.columns.actual ?? 0)}${layout.firstDataRow + 4}`;
      await openSheet(page, SELF_EVALUATION);
      await showSection(page, '检查');
      const finalTotal = (await mirror.report(SELF_EVALUATION)).scores.total;
      let before = await revision(page);
      await typeInto(page, actual, '９３');
      mirror.book.setValues(SELF_EVALUATION, actual, [['９３']], 'user');
      before = await settled(page, before);

      // Full-width digits stay text, as in a spreadsheet: the sheet's formulas give the row no points.
      const typed = await mirror.report(SELF_EVALUATION);
      const issue = typed.issues.find((i) => i.cell === actual && textNumberFix(i) !== null);
      if (!issue) throw new Error(`no text-number issue at ${actual}`);
      expect(typed.scores.total).toBeLessThan(finalTotal ?? 0);
      const item = page.locator(`.bpa-issue[data-cell="${actual}"][data-code="${issue.code}"]`);
      await item.waitFor();
      await expect(item.textContent()).resolves.toContain(renderIssue(issue, 'zh-CN'));
      const convert = page.locator('li', { has: item }).locator('[data-fix="convert-to-number"]');
      await expect(convert.textContent()).resolves.toBe('改为数字');
      await page.screenshot({ path: shot('workbench-convert-number.png') });

      await convert.click();
      mirror.book.setValues(SELF_EVALUATION, actual, [[93]], 'user');
      await settled(page, before);
      await item.waitFor({ state: 'detached' });
      await page.getByText(`已将 ${actual} 改为数字 93。`).waitFor();
      await expect(page.locator(`td[data-cell="${actual}"]`).textContent()).resolves.toBe('93');
      const fixed = await mirror.report(SELF_EVALUATION);
      expect(fixed.issues.filter((i) => i.cell === actual)).toEqual([]);
      expect(fixed.scores.total).toBe(finalTotal);
      await showSection(page, '得分');
      await expect(page.locator('[data-testid="total"]').textContent()).resolves.toBe(
        shownTotal(fixed.scores),
      );
      await expect(page.locator('[data-testid="grade"]').textContent()).resolves.toBe(
        shownGrade(fixed.scores),
      );
    });

    test('96% typed is the number 0.96 shown as 96%, as a spreadsheet stores it', async () => {
      const layout = mirror.layout ?? (await mirror.indicatorLayout(SELF_EVALUATION));
      // 验收合格率 (≥ 95 %), whose actual was pasted as 96. Not the cell 改为数字 just wrote: WPS takes a change
      // of a cell the add-in wrote a moment ago for the add-in's own (hosts/wps/own-writes.ts).
      const actual = `${columnLetter(layout.columns.actual ?? 0)}${layout.firstDataRow + 2}`;
      const previous = await mirror.report(SELF_EVALUATION);
      await openSheet(page, SELF_EVALUATION);
      const before = await revision(page);
      await typeInto(page, actual, '96%');
      mirror.book.setValues(SELF_EVALUATION, actual, [[0.96]], 'user');
      await settled(page, before);
      // The memory host takes the percent format with the entry; the WPS fake has no formats to show.
      await expect(page.locator(`td[data-cell="${actual}"]`).textContent()).resolves.toBe(
        host.name === 'memory' ? '96%' : '0.96',
      );
      const report = await mirror.report(SELF_EVALUATION);
      expect(report.issues.filter((i) => i.cell === actual)).toEqual([]);
      await expect(page.locator(`td[data-cell="${actual}"]`).getAttribute('data-issue')).resolves.toBeNull();
      // 0.96 in a percent row is 96 %, the value it replaced: the score stays.
      expect(report.scores.total).toBe(previous.scores.total);
      await showSection(page, '得分');
      await expect(page.locator('[data-testid="total"]').textContent()).resolves.toBe(
        shownTotal(report.scores),
      );
    });

    test('an issue chosen with the keyboard moves the grid selection', async () => {
      await showSection(page, '检查');
      const items = page.locator('button.bpa-issue');
      const first = items.first();
      const [sheet, cell] = await Promise.all([
        first.getAttribute('data-sheet'),
        first.getAttribute('data-cell'),
      ]);
      await first.focus();
      await page.keyboard.press('Enter');
      await expect(page.locator('[data-testid="selected-cell"]').textContent()).resolves.toBe(
        `${sheet}!${cell}`,
      );
      await expect(page.locator(`td[data-cell="${cell}"]`).getAttribute('aria-selected')).resolves.toBe(
        'true',
      );

      const second = items.nth(1);
      const target = await second.getAttribute('data-cell');
      await second.focus();
      await page.keyboard.press('Space');
      await page.locator(`td[data-cell="${target}"][aria-selected="true"]`).waitFor();
      // Focus is visible on the item chosen with the keyboard.
      await second.focus();
      const outline = await second.evaluate((el) => getComputedStyle(el).outlineStyle);
      expect(outline).not.toBe('none');
    });

    test('an indicator from the library fills the selected empty row and never overwrites typed cells', async () => {
      const layout = mirror.layout ?? (await mirror.indicatorLayout(SELF_EVALUATION));
      await showSection(page, '指标库');
      await page.locator('[data-testid="library-search"]').fill('myd');
      const first = page.locator('[data-testid="library-results"] li').first();
      await expect(first.textContent()).resolves.toContain('满意度');

      await openSheet(page, SELF_EVALUATION);
      const emptyRow = layout.firstDataRow + 6;
      const level3 = `${columnLetter(layout.columns.level3 ?? 3)}${emptyRow}`;
      await clickCell(page, level3);
      let before = await revision(page);
      await first.getByRole('button').click();
      before = await settled(page, before);
      await expect(page.locator(`td[data-cell="${level3}"]`).textContent()).resolves.toContain('满意度');

      // The same row again: it now holds entries, so nothing is written and the pane says why.
      await clickCell(page, level3);
      await page.locator('[data-testid="library-results"] li').nth(1).getByRole('button').click();
      await page.getByRole('alert').filter({ hasText: '为避免覆盖' }).waitFor();
      await expect(revision(page)).resolves.toBe(before);
    });

    test('inserting and deleting rows in the grid keeps the checks current', async () => {
      const layout = mirror.layout ?? (await mirror.indicatorLayout(SELF_EVALUATION));
      // Inside the table, below its first row: the row above holds the template's formulas.
      const row = layout.firstDataRow + 2; // 1-based: the second indicator row
      const scoreColumn = columnLetter(layout.columns.score ?? 11);
      const errorCount = page.locator('[data-testid="issue-counts"] [data-severity="error"]');
      await showSection(page, '检查');
      await openSheet(page, SELF_EVALUATION);
      await clickCell(page, `B${row}`);
      const errorsBefore = await errorCount.getAttribute('data-count');
      let before = await revision(page);
      await page.getByRole('button', { name: /插入行/ }).click();
      await settled(page, before);
      await expect(page.locator(`td[data-cell="B${row + 1}"]`).textContent()).resolves.toBe('产出指标');
      // The inserted row gets the table's score formula, as the pane's entry does in Excel.
      await page.waitForFunction(
        (a1) => document.querySelector(`td[data-cell="${a1}"]`)?.classList.contains('wb-formula') === true,
        `${scoreColumn}${row}`,
      );
      await expect(
        page.locator(`td[data-cell="${scoreColumn}${row}"]`).getAttribute('title'),
      ).resolves.toMatch(/^=/);
      before = await revision(page);
      await page.getByRole('button', { name: /删除行/ }).click();
      await settled(page, before);
      await expect(page.locator(`td[data-cell="B${row}"]`).textContent()).resolves.toBe('产出指标');
      await expect(errorCount.getAttribute('data-count')).resolves.toBe(errorsBefore);
    });

    test('a goal sheet → 生成自评表 → a new sheet, filled; typing actuals makes scores appear', async () => {
      if (!settings) throw new Error('unreachable');
      const GOALS = '项目支出绩效目标申报表';
      const goalRead = readForm(await mirror.book.readBlock(GOALS), GOALS, null);
      if (!goalRead.ok) throw new Error('goal sheet not read');
      const goalTable = goalRead.layout.tables.indicators;
      const nameCell = goalRead.form.header.projectName?.cell;
      const annualCell = goalRead.form.funds.total?.cols.annual?.cell;
      if (!goalTable || !nameCell || !annualCell) throw new Error('goal sheet layout');
      const declared: CellScalar[][] = [
        ['产出指标', '数量指标', '新建供水工程', '≥', 10, '处'],
        ['效益指标', '社会效益指标', '受益人口', '≥', 5000, '人'],
        ['满意度指标', '服务对象满意度指标', '受益群众满意度', '≥', 90, '%'],
      ];
      await showSection(page, '模板');
      await openSheet(page, GOALS);
      let before = await revision(page);
      await typeInto(page, nameCell, '农村饮水安全工程');
      mirror.book.setValues(GOALS, nameCell, [['农村饮水安全工程']], 'user');
      before = await settled(page, before);
      await typeInto(page, annualCell, '100');
      mirror.book.setValues(GOALS, annualCell, [[100]], 'user');
      before = await settled(page, before);
      const firstRow = `${columnLetter(goalTable.columns.level1 ?? 1)}${goalTable.firstDataRow + 1}`;
      await pasteAt(page, firstRow, declared);
      mirror.book.setValues(GOALS, firstRow, declared, 'user');
      before = await settled(page, before);

      // The card offers what the goal sheet can become; the self-evaluation is made right after the goal
      // sheet, which has other sheets after it.
      const tabs = () =>
        page
          .locator('[data-sheet-tab]')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-sheet-tab')));
      const tabsBefore = await tabs();
      expect(tabsBefore.indexOf(GOALS)).toBeGreaterThanOrEqual(0);
      expect(tabsBefore.indexOf(GOALS)).toBeLessThan(tabsBefore.length - 1);
      const card = page.locator(`[data-testid="derive"][data-source="${GOALS}"]`);
      await card.waitFor();
      await expect(card.locator('button[data-derive]').count()).resolves.toBe(2);
      await card.locator('button[data-derive="project-self-evaluation"]').click();
      await settled(page, before);
      const expected = await deriveFromSheet(mirror.book, {
        source: GOALS,
        target: 'project-self-evaluation',
        settingsFor: () => settings,
      });
      if (!expected.ok) throw new Error('the engine refused to derive');
      await page.locator(`.wb-grid[data-active-sheet="${expected.sheet}"]`).waitFor();
      await page.getByText(`已生成工作表：${expected.sheet}`).waitFor();
      const tabsAfter = await tabs();
      expect(tabsAfter.indexOf(expected.sheet)).toBe(tabsAfter.indexOf(GOALS) + 1);
      expect(tabsAfter.filter((t) => t !== expected.sheet && !t?.startsWith(expected.sheet))).toEqual(
        tabsBefore,
      );

      // Filled: every declared indicator with its target, and the proposed weights 50 / 30 / 10.
      const derived = await mirror.indicatorLayout(expected.sheet);
      const cellOf = (key: keyof TableLayout['columns'], n: number) =>
        `${columnLetter(derived.columns[key] ?? 0)}${derived.firstDataRow + n + 1}`;
      const text = (a1: string) => page.locator(`td[data-cell="${a1}"]`).textContent();
      for (const [n, row] of declared.entries()) {
        await expect(text(cellOf('level3', n))).resolves.toBe(row[2]);
        await expect(text(cellOf('target', n))).resolves.toBe(formatNumber(Number(row[4])));
      }
      await expect(text(cellOf('weight', 0))).resolves.toBe('50');
      await expect(text(cellOf('weight', 1))).resolves.toBe('30');
      await expect(text(cellOf('weight', 2))).resolves.toBe('10');
      await page.screenshot({ path: shot('workbench-derived.png') });

      // Typing the actuals and the execution makes the scores appear, as the engine computes them.
      const derivedRead = readForm(await mirror.book.readBlock(expected.sheet), expected.sheet, null);
      const executedCell = derivedRead.ok ? derivedRead.form.funds.total?.cols.executed?.cell : undefined;
      if (!executedCell) throw new Error('no executed cell');
      await showSection(page, '得分');
      const typed: [string, string, CellScalar][] = [
        [executedCell, '100', 100],
        [cellOf('actual', 0), '8', 8],
        [cellOf('actual', 1), '5200', 5200],
        [cellOf('actual', 2), '95', 95],
      ];
      for (const [a1, input, value] of typed) {
        before = await revision(page);
        await typeInto(page, a1, input);
        mirror.book.setValues(expected.sheet, a1, [[value]], 'user');
        await settled(page, before);
      }
      // The new sheet was made after 全部重新检查: parts of it nobody has started are still to fill.
      expect((await mirror.report(expected.sheet)).scores.total).toBe(90);
      const scores = (await mirror.paneView()).sheets.find((s) => s.sheet === expected.sheet)?.scores;
      if (!scores) throw new Error('the derived sheet is not in the pane');
      expect(scores.total).toBe(90);
      await expect(page.locator('[data-testid="scores"] h3').textContent()).resolves.toBe(expected.sheet);
      await expect(page.locator('[data-testid="total"]').textContent()).resolves.toBe(shownTotal(scores));
      await expect(page.locator('[data-testid="grade"]').textContent()).resolves.toBe(shownGrade(scores));
      await page.screenshot({ path: shot('workbench-derived-scores.png') });
    });

    test('设置 → 指标库 loads a library file the library section then searches; a bad file changes nothing', async () => {
      const indicator = {
        id: 'pt-001',
        name: '培训班期数',
        level1: '产出指标',
        level2: '数量指标',
        operator: '≥',
        reference: '4',
        unit: '期',
        explanation: '反映举办培训班的期数',
        sector: 'common',
        initials: 'pxbqs',
      };
      await showSection(page, '设置');
      const input = page.locator('[data-testid="library-file"]');
      await input.setInputFiles({
        name: 'bad.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify([{ ...indicator, id: 'BAD' }])),
      });
      await page.getByRole('alert').filter({ hasText: '$[0].id' }).waitFor();
      await expect(page.locator('[data-testid="library-name"]').textContent()).resolves.toContain(
        '内置指标库',
      );
      await input.setInputFiles({
        name: '培训指标.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify([indicator])),
      });
      await page
        .locator('[data-testid="library-name"]')
        .filter({ hasText: '培训指标.json（1 项）' })
        .waitFor();
      await showSection(page, '指标库');
      await expect(page.locator('[data-testid="library-results"] li').count()).resolves.toBe(1);
      await page.locator('[data-testid="library-search"]').fill('pxb');
      await expect(
        page.locator('[data-testid="library-results"] li').first().getAttribute('data-indicator'),
      ).resolves.toBe('pt-001');
      await page.locator('[data-testid="library-search"]').fill('');
      // Back to the built-in library for the tests that follow.
      await showSection(page, '设置');
      await page.getByRole('button', { name: '恢复内置指标库' }).click();
      await page.locator('[data-testid="library-name"]').filter({ hasText: '内置指标库' }).waitFor();

      // A jurisdiction package: a bad one is refused with the path of its error and changes nothing.
      const pkg = {
        format: 'bpa-jurisdiction',
        name: '湖北口径',
        version: '2025.1',
        profile: getProfile('hubei'),
        framework: getFramework('classic-2020'),
      };
      const packageInput = page.locator('[data-testid="jurisdiction-file"]');
      await packageInput.setInputFiles({
        name: 'bad-package.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify({ ...pkg, profile: { ...pkg.profile, gradeRequired: 'yes' } })),
      });
      await page.getByRole('alert').filter({ hasText: '$.profile.gradeRequired' }).waitFor();
      await expect(page.locator('[data-testid="jurisdiction-name"]').textContent()).resolves.toContain(
        '未载入',
      );
      await packageInput.setInputFiles({
        name: 'package.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(pkg)),
      });
      await page
        .locator('[data-testid="jurisdiction-name"]')
        .filter({ hasText: '湖北口径（版本 2025.1）' })
        .waitFor();
      // The workbook remembers it too, and the pane says the one in use is the one the workbook names.
      await page
        .locator('[data-testid="jurisdiction-workbook"]')
        .filter({ hasText: '本工作簿按地区口径包 湖北口径（版本 2025.1）制作，正在使用' })
        .waitFor();
      await page.getByRole('button', { name: '不使用地区口径包' }).click();
      await page.locator('[data-testid="jurisdiction-name"]').filter({ hasText: '未载入' }).waitFor();
      await page.locator('[data-testid="jurisdiction-workbook"]').waitFor({ state: 'detached' });
    });

    test('the pane switches to English, issue texts included', async () => {
      await showSection(page, '设置');
      await page.getByRole('combobox', { name: '界面语言' }).click();
      await page.getByRole('option', { name: 'English' }).click();
      await page.getByRole('tab', { name: /^Check/ }).click();
      if (!settings) throw new Error('unreachable');
      // The self-evaluation was completed above; the other forms still carry issues.
      const full = await checkWorkbook(mirror.book, { settingsFor: () => settings });
      const issue = full.sheets.flatMap((s) => s.issues).find((i) => i.cell !== null);
      if (!issue) throw new Error('no issue to look at');
      await page.getByText(renderIssue(issue, 'en'), { exact: false }).first().waitFor();
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
      await page.screenshot({ path: shot('workbench-english.png') });
    });

    test('no request left the origin and no console error appeared', () => {
      expect(watch.outside()).toEqual([]);
      expect(watch.errors).toEqual([]);
      expect(watch.requests.length).toBeGreaterThan(0);
    });
  });
}

describeInChromium('task pane page in Chromium', () => {
  test('follows the dark Office theme and starts in English when asked', async () => {
    const dist = await freshBuild();
    const server = await serve(dist);
    const browser = await launch(chromiumPath ?? '');
    try {
      const watch = await watchedPage(browser, server.origin, host);
      await watch.page.goto(
        `${server.origin}/workbench.html?host=${encodeURIComponent(host.name)}&theme=dark&lang=en`,
      );
      await watch.page.getByRole('tab', { name: /^Forms/ }).waitFor();
      const background = await watch.page
        .locator('main.bpa-pane')
        .evaluate((el) => getComputedStyle(el.parentElement ?? el).backgroundColor);
      const [r = 255, g = 255, b = 255] = (background.match(/\d+/g) ?? []).map(Number);
      expect(r + g + b).toBeLessThan(3 * 80);
      expect(watch.outside()).toEqual([]);
      expect(watch.errors).toEqual([]);
      await watch.page.screenshot({ path: artifactPath('workbench-dark.png') });
    } finally {
      await browser.close();
      await server.close();
    }
  });

  test('loads office.js from its own origin and renders the pane, with no outside request', async () => {
    const dist = await freshBuild();
    const server = await serve(dist);
    const browser = await launch(chromiumPath ?? '');
    try {
      const watch = await watchedPage(browser, server.origin, { name: 'memory', initScript: null });
      await watch.page.goto(`${server.origin}/taskpane.html#check`);
      await watch.page.getByRole('tab', { name: /^检查/ }).waitFor();
      expect(watch.requests.some((url) => url.endsWith('/office-js/office.js'))).toBe(true);
      expect(watch.outside()).toEqual([]);
      expect(watch.errors).toEqual([]);
      await watch.page.screenshot({ path: artifactPath('taskpane.png') });
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
