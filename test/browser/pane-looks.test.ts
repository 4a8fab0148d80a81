/**
 * What a person sees, state by state: the workbench at 1280×800 with the pane as a narrow panel, and the pane
 * itself at 320 and 400 px (the widths of an Excel or WPS task pane), in the states people meet — the
 * template gallery, 检查 with a blank form (待填写), with errors after wrong values and with a long list,
 * 得分 of a complete self-evaluation, 指标库 search results, 设置, and 批量审核 with ten received files
 * (two unreadable) and their goal declarations (全覆盖). At each state nothing scrolls sideways or sticks
 * out of the pane, no template id or message code shows in the Chinese pane, and the state's own words are
 * there. Screenshots go to test-artifacts/looks-*.png, to be looked at (not compared pixel by pixel).
 */
import type { Browser, Page } from 'playwright-core';
import { builtInSettings } from '../../src/app/engine-settings';
import { checkWorkbook } from '../../src/app/check-workbook';
import { insertTemplate } from '../../src/app/insert-template';
import { TEMPLATE_IDS, type TemplateId } from '../../src/domain/forms/form-model';
import { readForm, type TableLayout } from '../../src/domain/forms/read-form';
import { columnLetter, toA1 } from '../../src/domain/grid/address';
import type { CellScalar } from '../../src/domain/grid/cell';
import { formatNumber } from '../../src/domain/messages/format';
import { getTemplateSpec } from '../../src/domain/templates/registry';
import { MemoryWorkbook } from '../../src/hosts/memory/memory-workbook';
import { formFile, projectGoals } from '../cli/cycle-files';
import {
  gradedSelfEvaluation,
  removeTempDirs,
  selfEvaluationFile,
  tempDir,
  writeFixture,
} from '../cli/workbooks';
import { cleanSelfEvaluationIndicators, type RowSpec } from '../helpers/forms';
import {
  artifactPath,
  describeWhenChromium,
  findChromium,
  freshBuild,
  launch,
  serve,
  watchedPage,
  type PageWatch,
  type StaticServer,
} from './harness';

jest.setTimeout(600_000);

const chromiumPath = findChromium();
const describeInChromium = describeWhenChromium('test/browser/pane-looks', chromiumPath);
const settings = builtInSettings();
if (!settings) throw new Error('test setup: built-in settings missing');

const PANE_WIDTHS = [320, 400] as const;
const SELF_EVALUATION: TemplateId = 'project-self-evaluation';
const EX_ANTE: TemplateId = 'ex-ante-assessment';

/** What a Chinese pane must not show: template ids and message codes are for programs, not people. */
const LEAKS = [...TEMPLATE_IDS.map((id) => new RegExp(`\\b${id}\\b`)), /\b[a-z]+(?:_[a-z]+)+\b/];

interface Look {
  scrollWidth: number;
  clientWidth: number;
  /** Elements drawn past the pane's right edge. */
  outside: string[];
  /** Texts cut by their own box (more text than room, shown clipped). */
  cut: string[];
  /** The browser's own file inputs left visible: their button speaks the browser's language, not the pane's. */
  nativeFileInputs: number;
  text: string;
}

/** Layout facts of the pane as drawn now. */
function lookAtPane(page: Page): Promise<Look> {
  return page.evaluate(() => {
    const pane = document.querySelector('.wb-pane');
    if (!pane) throw new Error('no pane');
    const edge = pane.getBoundingClientRect().right;
    // Visually hidden helpers (the file inputs, the table head of the cards) are 1 px boxes clipped away.
    const hidden = (el: Element): boolean => {
      for (let e: Element | null = el; e !== null && e !== pane; e = e.parentElement) {
        const style = getComputedStyle(e);
        if (style.clip !== 'auto' || style.display === 'none' || style.visibility === 'hidden') return true;
      }
      return false;
    };
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}.${String(el.className).split(' ')[0] ?? ''}: ${(el.textContent ?? '').trim().slice(0, 40)}`;
    const outside: string[] = [];
    const cut: string[] = [];
    for (const el of Array.from(pane.querySelectorAll('*'))) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || hidden(el)) continue;
      if (box.right > edge + 0.5) outside.push(describe(el));
      const style = getComputedStyle(el);
      const clips = style.overflowX === 'hidden' || style.overflowX === 'clip';
      const hasText = Array.from(el.childNodes).some(
        (n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '',
      );
      if (clips && hasText && el.scrollWidth > el.clientWidth + 1) cut.push(describe(el));
    }
    const nativeFileInputs = Array.from(pane.querySelectorAll('input[type="file"]')).filter(
      (input) => !hidden(input) && getComputedStyle(input).opacity !== '0',
    ).length;
    return {
      scrollWidth: pane.scrollWidth,
      clientWidth: pane.clientWidth,
      outside,
      cut,
      nativeFileInputs,
      text: (pane as HTMLElement).innerText,
    };
  });
}

const PANE_STYLE_ID = 'looks-pane-width';

/** The workbench's pane at a given width; the whole pane shown (the page grows instead of the pane scrolling). */
async function setPaneWidth(page: Page, width: number | null): Promise<void> {
  await page.evaluate(
    ({ id, width }) => {
      document.getElementById(id)?.remove();
      if (width === null) return;
      const style = document.createElement('style');
      style.id = id;
      style.textContent =
        `.wb-pane { width: ${width}px !important; overflow: visible !important; }` +
        '.wb-layout { height: auto !important; min-height: 100vh; align-items: flex-start; }' +
        '.wb-book { height: 100vh; position: sticky; top: 0; }';
      document.head.append(style);
    },
    { id: PANE_STYLE_ID, width },
  );
  // Two frames: the style is applied and the layout settled (container queries included); then the tab
  // indicator's slide is over, so that the picture shows where things stay.
  await page.evaluate(
    () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(null)))),
  );
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => !(a instanceof CSSTransition) || a.playState !== 'running'),
  );
}

/**
 * Looks at the pane at 320 and 400 px and the whole workbench at 1280×800, saving the pictures; what must
 * hold at every state is asserted here, what the state must show by the caller (`expectShown`).
 */
async function look(page: Page, name: string, expectShown: (text: string) => void): Promise<Look[]> {
  const looks: Look[] = [];
  for (const width of PANE_WIDTHS) {
    await setPaneWidth(page, width);
    await page.locator('.wb-pane').screenshot({ path: artifactPath(`looks-${name}-${width}.png`) });
    const seen = await lookAtPane(page);
    expect({ state: name, width, sideways: seen.scrollWidth > seen.clientWidth }).toEqual({
      state: name,
      width,
      sideways: false,
    });
    expect({
      state: name,
      width,
      outside: seen.outside,
      cut: seen.cut,
      nativeFileInputs: seen.nativeFileInputs,
    }).toEqual({ state: name, width, outside: [], cut: [], nativeFileInputs: 0 });
    expect({ state: name, leaks: LEAKS.flatMap((re) => seen.text.match(re) ?? []) }).toEqual({
      state: name,
      leaks: [],
    });
    expectShown(seen.text);
    looks.push(seen);
  }
  await setPaneWidth(page, null);
  await page.screenshot({ path: artifactPath(`looks-${name}-workbench.png`) });
  return looks;
}

async function showSection(page: Page, label: string): Promise<void> {
  await page.getByRole('tab', { name: new RegExp(`^${label}`) }).click();
}

async function revision(page: Page): Promise<number> {
  return Number(await page.locator('.wb-layout').getAttribute('data-revision'));
}

async function settled(page: Page, after: number): Promise<number> {
  await page.waitForFunction(
    (n) => Number(document.querySelector('.wb-layout')?.getAttribute('data-revision') ?? 0) > n,
    after,
  );
  return revision(page);
}

async function clickCell(page: Page, a1: string): Promise<void> {
  await page.locator(`td[data-cell="${a1}"]`).dispatchEvent('mousedown');
  await page
    .locator('[data-testid="selected-cell"]')
    .filter({ hasText: `!${a1}` })
    .waitFor();
}

/** A block pasted as Excel puts it on the clipboard (TSV). */
async function pasteAt(page: Page, a1: string, rows: CellScalar[][]): Promise<void> {
  await clickCell(page, a1);
  const tsv = rows.map((r) => r.map((v) => (v === null ? '' : String(v))).join('\t')).join('\n') + '\n';
  await page.locator('.wb-grid').evaluate((grid, text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    grid.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, tsv);
}

/** The engine's copy of the workbook, edited as the page is, to know cells and expected results. */
class Mirror {
  readonly book = new MemoryWorkbook();
  async insert(template: TemplateId): Promise<string> {
    if (!settings) throw new Error('unreachable');
    return (await insertTemplate(this.book, { template, settings })).sheet;
  }
  async form(sheet: string) {
    const read = readForm(await this.book.readBlock(sheet), sheet, null);
    if (!read.ok) throw new Error(`${sheet} does not read`);
    return read;
  }
  async report(sheet: string) {
    if (!settings) throw new Error('unreachable');
    const found = (await checkWorkbook(this.book, { settingsFor: () => settings })).sheets.find(
      (s) => s.sheet === sheet,
    );
    if (!found) throw new Error(`${sheet} not checked`);
    return found;
  }
}

/** The edits that make a complete, consistent project self-evaluation of the freshly inserted sheet. */
async function selfEvaluationEdits(mirror: Mirror, sheet: string): Promise<[string, CellScalar][]> {
  const { form, layout } = await mirror.form(sheet);
  const edits: [string, CellScalar][] = [];
  const put = (cell: string | null | undefined, value: CellScalar) => {
    if (cell) edits.push([cell, value]);
  };
  put(form.header.projectName?.cell, '农村饮水安全巩固提升工程');
  put(form.header.department?.cell, '市水利局');
  put(form.header.implementingUnit?.cell, '市农村供水服务中心');
  for (const row of ['total', 'fiscal'] as const) {
    const cols = form.funds[row]?.cols;
    put(cols?.initialBudget?.cell, 1280);
    put(cols?.annualBudget?.cell, 1280);
    put(cols?.executed?.cell, 1216.5);
  }
  put(form.goals.expected?.cell, '完成 12 处农村供水工程建设，提升农村自来水普及率');
  put(form.goals.achieved?.cell, '已完成 12 处工程建设，自来水普及率达 96%');
  const table: TableLayout | undefined = layout.tables.indicators;
  if (!table) throw new Error('no indicator table');
  cleanSelfEvaluationIndicators().forEach((spec: RowSpec, i) => {
    for (const [key, value] of Object.entries(spec)) {
      const col = table.columns[key as keyof TableLayout['columns']];
      if (key === 'score' || col === undefined || value === undefined) continue;
      if (typeof value === 'object' && value !== null) continue;
      put(toA1({ row: table.firstDataRow + i, col }), value as CellScalar);
    }
  });
  return edits;
}

/** Ten received workbooks as a reviewer gets them: graded, faulty, and two that cannot be read. */
async function receivedFiles(): Promise<string[]> {
  const dir = await tempDir();
  const made: [string, Uint8Array | string][] = [
    ['01-水利局-农村饮水安全巩固提升工程.xlsx', await gradedSelfEvaluation('优', '农村饮水安全巩固提升工程')],
    ['02-水利局-良.xlsx', await gradedSelfEvaluation('良', '小型水库除险加固')],
    ['03-水利局-中.xlsx', await gradedSelfEvaluation('中', '河道综合治理')],
    ['04-水利局-差.xlsx', await gradedSelfEvaluation('差', '灌区续建配套')],
    ['05-教育局.xlsx', await selfEvaluationFile({ department: '市教育局', project: '义务教育薄弱环节改善' })],
    [
      '06-卫健委.xlsx',
      await selfEvaluationFile({ department: '市卫生健康委员会', project: '基层医疗卫生机构能力提升' }),
    ],
    ['07-总分不符.xlsx', await selfEvaluationFile({ project: '山洪灾害防治', statedTotal: 75 })],
    ['08-等级不符.xlsx', await selfEvaluationFile({ project: '水土保持', statedGrade: '差' })],
    ['09-网页另存.xlsx', '<html><body><table><tr><td>项目</td><td>12</td></tr></table></body></html>'],
    ['10-损坏.xlsx', 'PK\u0003\u0004 not really a zip'],
  ];
  return Promise.all(made.map(([name, bytes]) => writeFixture(dir, name, bytes)));
}

async function goalFiles(): Promise<string[]> {
  const dir = await tempDir();
  const made: [string, Uint8Array | string][] = [
    ['目标-饮水.xlsx', await formFile('project-goals', projectGoals('农村饮水安全巩固提升工程'))],
    ['目标-管网.xlsx', await formFile('project-goals', projectGoals('城区供水管网改造', '市住建局'))],
    ['目标-网页.xlsx', '<html><body>目标</body></html>'],
  ];
  return Promise.all(made.map(([name, bytes]) => writeFixture(dir, name, bytes)));
}

/** How the batch results are drawn: a table, or a card per file. */
function batchLayout(page: Page): Promise<'table' | 'cards'> {
  return page
    .locator('[data-testid="batch-results"] tbody tr')
    .first()
    .evaluate((tr) => (getComputedStyle(tr).display === 'table-row' ? 'table' : 'cards'));
}

describeInChromium('what a person sees in the pane and the workbench', () => {
  let browser: Browser;
  let server: StaticServer;
  let watch: PageWatch;
  let page: Page;
  const mirror = new Mirror();

  beforeAll(async () => {
    const dist = await freshBuild();
    server = await serve(dist);
    browser = await launch(chromiumPath ?? '');
    watch = await watchedPage(browser, server.origin, { name: 'memory', initScript: null });
    page = watch.page;
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${server.origin}/workbench.html`);
    await page.locator('.wb-layout[data-status="ready"]').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await removeTempDirs();
  });

  test('模板 and 检查 of an empty workbook say what to do', async () => {
    // The line under the title names the workbook in the pane's language only.
    await expect(page.locator('.bpa-header p').textContent()).resolves.toBe('工作台 · 内存工作簿');
    await look(page, 'templates', (text) => {
      for (const id of TEMPLATE_IDS) expect(text).toContain(getTemplateSpec(id).title);
    });
    // Each card starts with its title, not with a heading's empty margin.
    const gaps = await page.locator('.wb-pane .fui-Card').evaluateAll((cards) =>
      cards.map((card) => {
        const title = card.querySelector('h3')?.getBoundingClientRect().top ?? Infinity;
        return title - card.getBoundingClientRect().top;
      }),
    );
    expect(gaps).toHaveLength(TEMPLATE_IDS.length);
    expect(gaps.filter((gap) => gap > 16)).toEqual([]);
    await showSection(page, '检查');
    await look(page, 'check-empty', (text) => expect(text).toContain('还没有可识别的绩效表格'));
    await showSection(page, '得分');
    await look(page, 'scores-empty', (text) => expect(text).toContain('还没有可识别的绩效表格'));
  });

  test('检查 of a blank self-evaluation counts the cells to fill', async () => {
    await showSection(page, '模板');
    const before = await revision(page);
    await page.locator(`button[data-template="${SELF_EVALUATION}"]`).click();
    await settled(page, before);
    const sheet = await mirror.insert(SELF_EVALUATION);
    await page.locator(`.wb-grid[data-active-sheet="${sheet}"]`).waitFor();
    await showSection(page, '检查');
    const todo = page.locator('[data-testid="issue-counts"] [data-todo-count]');
    await todo.waitFor();
    const count = Number(await todo.getAttribute('data-todo-count'));
    expect(count).toBeGreaterThan(5);
    // Opened, as a person does to see which cells to fill.
    await page.locator('[data-testid="todo"] summary').click();
    await look(page, 'check-blank', (text) => {
      expect(text).toContain(`待填写 ${count}`);
      expect(text).toContain(`查看待填写单元格（${count} 项）`);
    });
  });

  test('得分 of a complete self-evaluation: chart, total, grade and recommendation fit the pane', async () => {
    const sheet = getTemplateSpec(SELF_EVALUATION).title;
    const edits = await selfEvaluationEdits(mirror, sheet);
    let before = await revision(page);
    for (const [cell, value] of edits) {
      await pasteAt(page, cell, [[value]]);
      mirror.book.setValues(sheet, cell, [[value]], 'user');
      before = await settled(page, before);
    }
    const report = await mirror.report(sheet);
    expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(report.scores.grade).not.toBeNull();
    await showSection(page, '得分');
    await page.locator('[data-testid="recommendation"]').waitFor();
    const looks = await look(page, 'scores-final', (text) => {
      expect(text).toContain(formatNumber(report.scores.total ?? NaN));
      expect(text).toContain(report.scores.grade ?? '?');
    });
    expect(looks).toHaveLength(PANE_WIDTHS.length);
    // The chart is as wide as the pane allows, never wider.
    for (const width of PANE_WIDTHS) {
      await setPaneWidth(page, width);
      const chart = await page.locator('[data-testid="scores"] svg[role="img"]').boundingBox();
      expect(chart?.width ?? 0).toBeGreaterThan(width * 0.6);
      expect(chart?.width ?? Infinity).toBeLessThanOrEqual(width);
    }
    await setPaneWidth(page, null);
  });

  test('检查 with errors after wrong values, then a long list after 全部重新检查', async () => {
    await showSection(page, '模板');
    let before = await revision(page);
    await page.locator(`button[data-template="${EX_ANTE}"]`).click();
    before = await settled(page, before);
    const sheet = await mirror.insert(EX_ANTE);
    await page.locator(`.wb-grid[data-active-sheet="${sheet}"]`).waitFor();
    const { layout } = await mirror.form(sheet);
    const criteria = layout.tables.criteria;
    if (!criteria || criteria.columns.rating === undefined) throw new Error('no criteria table');
    const rating = (n: number) =>
      `${columnLetter(criteria.columns.rating ?? 0)}${criteria.firstDataRow + n + 1}`;
    for (const [n, value] of [
      [0, '优'],
      [1, '很好'],
      [2, '９'],
    ] as const) {
      await pasteAt(page, rating(n), [[value]]);
      before = await settled(page, before);
    }
    await showSection(page, '检查');
    const errors = page.locator('[data-testid="issue-counts"] [data-severity="error"]');
    expect(Number(await errors.getAttribute('data-count'))).toBeGreaterThan(0);
    await look(page, 'check-errors', (text) => {
      expect(text).toContain('错误');
      expect(text).toContain(rating(1));
    });
    await page.getByRole('button', { name: '全部重新检查' }).click();
    await settled(page, before);
    const many = Number(await errors.getAttribute('data-count'));
    expect(many).toBeGreaterThan(15);
    expect(await page.locator('.wb-pane .bpa-issue').count()).toBeGreaterThan(15);
    await look(page, 'check-many', (text) => expect(text).toContain(`错误 ${many}`));
  });

  test('指标库 search results and 设置', async () => {
    await showSection(page, '指标库');
    await page.locator('[data-testid="library-search"]').fill('满意度');
    await page.locator('[data-testid="library-results"] li').first().waitFor();
    await look(page, 'library', (text) => expect(text).toContain('满意度'));
    await showSection(page, '设置');
    await look(page, 'settings', (text) => {
      expect(text).toContain('地区口径');
      expect(text).toContain('界面语言');
      // The pickers' own buttons, in the pane's language (not the browser's "Choose File").
      expect(text.match(/选择 \.json 文件/g)).toHaveLength(2);
      expect(text).not.toMatch(/Choose File|No file chosen/);
    });
  });

  test('批量审核 of ten files and three goal declarations: cards in a narrow pane, a table in a wide one', async () => {
    const files = await receivedFiles();
    const goals = await goalFiles();
    await showSection(page, '批量审核');
    await page.locator('[data-testid="batch-goals"]').waitFor({ state: 'attached' });
    await page.locator('[data-testid="batch-goals"]').setInputFiles(goals);
    await page.locator('[data-testid="batch-files"]').setInputFiles(files);
    await page.locator('[data-testid="batch-progress"]').filter({ hasText: '10 / 10' }).waitFor();
    await page.locator('[data-testid="batch-coverage-summary"]').waitFor();
    await page.locator('[data-testid="batch-results"] tbody tr[data-status="unreadable"]').first().click();
    await page.locator('[data-testid="batch-issues"]').waitFor();
    // The chosen file's issues sit right below the results, not after the 全覆盖 card.
    const top = async (id: string): Promise<number> =>
      (await page.locator(`[data-testid="${id}"]`).boundingBox())?.y ?? Number.NaN;
    expect(await top('batch-issues')).toBeGreaterThan(await top('batch-results'));
    expect(await top('batch-issues')).toBeLessThan(await top('batch-coverage'));
    await look(page, 'batch', (text) => {
      expect(text).toContain('无法读取');
      expect(text).toContain('全覆盖');
      // 07 and 08 carry an error: their grade is withheld, and the card says so instead of leaving it out.
      expect(text.match(/未评级/g)).toHaveLength(2);
    });
    // The pane's own width decides (the page is 1280 px wide throughout).
    for (const width of PANE_WIDTHS) {
      await setPaneWidth(page, width);
      expect({ width, layout: await batchLayout(page) }).toEqual({ width, layout: 'cards' });
    }
    await setPaneWidth(page, null);
    expect(await batchLayout(page)).toBe('cards');
    await setPaneWidth(page, 760);
    expect(await batchLayout(page)).toBe('table');
    await page.locator('.wb-pane').screenshot({ path: artifactPath('looks-batch-760.png') });
    await setPaneWidth(page, null);
  });

  test('the narrow-pane cards have the same rules with and without container queries', async () => {
    // Chromium before 105 (in some WPS builds) reads only the @supports-not block; both must say the same.
    const blocks = await page.evaluate(() => {
      const sheets = Array.from(document.styleSheets).filter((s) => (s.href ?? '').endsWith('pane.css'));
      const rules = sheets.flatMap((s) => Array.from(s.cssRules));
      const container = rules.find(
        (r) => r.constructor.name === 'CSSContainerRule' && r.cssText.includes('bpa-batch'),
      ) as CSSGroupingRule | undefined;
      const supports = rules.find((r) => r instanceof CSSSupportsRule && r.conditionText.includes('not')) as
        CSSSupportsRule | undefined;
      const media = supports?.cssRules[0] as CSSMediaRule | undefined;
      const texts = (group: CSSGroupingRule | undefined) =>
        Array.from(group?.cssRules ?? [], (r) => r.cssText);
      return {
        container: texts(container),
        media: texts(media),
        condition: media?.conditionText ?? '',
        containerText: container?.cssText.slice(0, container.cssText.indexOf('{')) ?? '',
      };
    });
    expect(blocks.container.length).toBeGreaterThan(5);
    expect(blocks.media).toEqual(blocks.container);
    expect(blocks.condition).toBe('(max-width: 599px)');
    expect(blocks.containerText).toContain('(max-width: 599px)');
  });

  test('the grid keeps its row numbers above cells scrolled under them', async () => {
    const sheet = getTemplateSpec(SELF_EVALUATION).title;
    await page.locator(`[data-sheet-tab="${sheet}"]`).click();
    await page.locator(`.wb-grid[data-active-sheet="${sheet}"]`).waitFor();
    await page.locator('.wb-grid').evaluate((grid) => {
      grid.scrollLeft = 60;
      grid.scrollTop = 0;
    });
    // Row 1 holds the title, merged across the form: scrolled left, it runs under row number 1.
    const covered = await page.evaluate(() => {
      const headers = Array.from(document.querySelectorAll('.wb-grid tbody th')).slice(0, 6);
      return headers.map((th) => {
        const box = th.getBoundingClientRect();
        const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        return { row: th.textContent, on: hit?.closest('th') === th };
      });
    });
    expect(covered.every((c) => c.on)).toBe(true);
    // Wide enough for the numbers: the columns of a wide form do not squeeze the row numbers to a sliver.
    const numbers = await page.locator('.wb-grid tbody th').evaluateAll((ths) =>
      ths.map((th) => ({
        row: th.textContent,
        width: th.getBoundingClientRect().width,
        cut: th.scrollWidth > th.clientWidth,
      })),
    );
    expect(numbers.filter((n) => n.width < 36 || n.cut)).toEqual([]);
    await page.screenshot({ path: artifactPath('looks-grid-scrolled.png') });
    await page.locator('.wb-grid').evaluate((grid) => {
      grid.scrollLeft = 0;
    });
  });

  test('no console error and no request outside the page', () => {
    expect(watch.errors).toEqual([]);
    expect(watch.outside()).toEqual([]);
  });
});
