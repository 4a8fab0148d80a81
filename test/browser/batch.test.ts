/**
 * 批量审核 in headless Chromium, driven through the file input as a reviewer would: 5 good, 2 faulty and 1
 * unreadable received workbook are listed with the verdicts and totals `bpa check --format json` gives for
 * the same files (computed in this process by the command line's own function), the issues of a file are
 * shown, 取消 stops a run, 写入汇总表 writes 审核汇总 and 问题清单 into the workbook (read back through the
 * workbench's grid, over the memory host and over the WPS host on the ET fake), and the page asks nothing of
 * any other origin. The batch code is not loaded before the section is opened. With goal declarations
 * (目标申报表) chosen beside the files, the checks and 全覆盖 equal `bpa check --goals --format json`, and
 * 写入汇总表 adds the 全覆盖 sheet. Screenshots at 320 px and at a normal width go to test-artifacts/.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import type { FileResult } from '../../src/app/batch-report';
import { summaryRows, issueRows, count, coverageSheetRows } from '../../src/app/batch-sheets';
import { describeEntry, type CoverageEntry, type CoverageReport } from '../../src/app/coverage';
import { run } from '../../src/cli/run';
import { formatNumber } from '../../src/domain/messages/format';
import { getTemplateSpec } from '../../src/domain/templates/registry';
import {
  captureIo,
  gradedSelfEvaluation,
  removeTempDirs,
  selfEvaluationFile,
  tempDir,
  writeFixture,
} from '../cli/workbooks';
import { formFile, projectGoals } from '../cli/cycle-files';
import {
  artifactPath,
  browserHosts,
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
const describeInChromium = describeWhenChromium('test/browser/batch', chromiumPath);

/** office.js in a plain browser tries to frame its telemetry page; the page's policy refuses it (not a fault). */
const OFFICE_JS_OUTSIDE_OFFICE = /^Framing 'https:\/\/telemetryservice\.firstpartyapps\.oaspapps\.com\//;

interface Received {
  name: string;
  path: string;
}

/** 5 good (every grade, two departments), 2 faulty (stated total, stated grade), 1 unreadable (a web page). */
async function receivedFiles(): Promise<Received[]> {
  const dir = await tempDir();
  const made: [string, Uint8Array | string][] = [
    ['01-水利局-优.xlsx', await gradedSelfEvaluation('优', '农村饮水安全巩固提升工程')],
    ['02-水利局-良.xlsx', await gradedSelfEvaluation('良', '小型水库除险加固')],
    ['03-水利局-中.xlsx', await gradedSelfEvaluation('中', '河道综合治理')],
    ['04-水利局-差.xlsx', await gradedSelfEvaluation('差', '灌区续建配套')],
    ['05-教育局.xlsx', await selfEvaluationFile({ department: '市教育局', project: '义务教育薄弱环节改善' })],
    ['06-总分不符.xlsx', await selfEvaluationFile({ project: '山洪灾害防治', statedTotal: 75 })],
    ['07-等级不符.xlsx', await selfEvaluationFile({ project: '水土保持', statedGrade: '差' })],
    ['08-网页另存.xlsx', '<html><body><table><tr><td>项目</td><td>12</td></tr></table></body></html>'],
  ];
  return Promise.all(
    made.map(async ([name, bytes]) => ({ name, path: await writeFixture(dir, name, bytes) })),
  );
}

/**
 * Goal declarations in a folder of their own: one answered by 01 (the same project and department), one that
 * nobody evaluated (the known gap), and a web page saved as .xlsx that cannot be read.
 */
async function goalFiles(): Promise<{ dir: string; files: Received[] }> {
  const dir = await tempDir();
  const made: [string, Uint8Array | string][] = [
    ['目标-饮水.xlsx', await formFile('project-goals', projectGoals('农村饮水安全巩固提升工程'))],
    ['目标-管网.xlsx', await formFile('project-goals', projectGoals('城区供水管网改造', '市住建局'))],
    ['目标-网页.xlsx', '<html><body>目标</body></html>'],
  ];
  const files = await Promise.all(
    made.map(async ([name, bytes]) => ({ name, path: await writeFixture(dir, name, bytes) })),
  );
  return { dir, files };
}

/** `bpa check --format json --jobs 1` on the files, with each file named as the browser names it. */
async function cliReport(
  files: readonly Received[],
  goalsDir?: string,
): Promise<{ files: FileResult[]; coverage?: CoverageReport }> {
  const io = captureIo();
  await run(
    [
      'check',
      ...files.map((f) => f.path),
      ...(goalsDir === undefined ? [] : ['--goals', goalsDir]),
      '--format',
      'json',
      '--jobs',
      '1',
    ],
    io,
  );
  const report = JSON.parse(io.out()) as { files: FileResult[]; coverage?: CoverageReport };
  const named = (e: CoverageEntry): CoverageEntry => ({ ...e, file: basename(e.file) });
  const coverage = report.coverage;
  return {
    files: report.files.map((f) => ({ ...f, file: basename(f.file) })),
    ...(coverage === undefined
      ? {}
      : {
          coverage: {
            ...coverage,
            goalsWithoutSelfEvaluation: coverage.goalsWithoutSelfEvaluation.map(named),
            selfEvaluationsWithoutGoals: coverage.selfEvaluationsWithoutGoals.map(named),
          },
        }),
  };
}

async function cliResults(files: readonly Received[]): Promise<FileResult[]> {
  return (await cliReport(files)).files;
}

const num = (value: number | null): string => (value === null ? '—' : formatNumber(value));

/** What the results table must show for a file: the pane's columns, from the command line's result. */
function expectedRow(result: FileResult): string[] {
  const sheet = result.sheets.find((s) => s.scores.total !== null) ?? result.sheets[0] ?? null;
  return [
    result.file,
    sheet?.department ?? '',
    sheet?.project ?? '',
    sheet === null
      ? result.status === 'unreadable'
        ? '无法读取'
        : '未识别表格'
      : getTemplateSpec(sheet.template).title,
    sheet === null ? '' : `${num(sheet.scores.statedTotal)} / ${num(sheet.scores.total)}`,
    // A scored form whose grade is withheld (by an error) says 未评级 rather than nothing.
    sheet === null ? '' : (sheet.scores.grade ?? (sheet.scores.total === null ? '' : '未评级')),
    // An unreadable file was never checked: a dash, not 0 / 0.
    result.status === 'unreadable' ? '—' : `${count(result, 'error')} / ${count(result, 'warning')}`,
  ];
}

async function tableRows(page: Page): Promise<string[][]> {
  return page
    .locator('[data-testid="batch-results"] tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => Array.from(row.querySelectorAll('td'), (td) => td.textContent ?? '')),
    );
}

async function openBatch(page: Page): Promise<void> {
  await page.getByRole('tab', { name: /^批量审核/ }).click();
  await page.locator('[data-testid="batch-files"]').waitFor({ state: 'attached' });
}

async function checkAll(page: Page, files: readonly Received[]): Promise<void> {
  await page.locator('[data-testid="batch-files"]').setInputFiles(files.map((f) => f.path));
  await page
    .locator('[data-testid="batch-progress"]')
    .filter({ hasText: `${files.length} / ${files.length}` })
    .waitFor();
  await page.locator('[data-testid="batch-write"]').waitFor();
}

/** The values of the active sheet of the workbench's grid, row by row, trailing empty cells left out. */
async function gridValues(page: Page, sheet: string): Promise<string[][]> {
  await page.locator(`[data-sheet-tab="${sheet}"]`).click();
  await page.locator(`.wb-grid[data-active-sheet="${sheet}"]`).waitFor();
  const rows = await page
    .locator('.wb-grid tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent ?? '')),
    );
  const trimmed = rows.map((row) => {
    let end = row.length;
    while (end > 0 && row[end - 1] === '') end -= 1;
    return row.slice(0, end);
  });
  while (trimmed.length > 0 && trimmed[trimmed.length - 1]?.length === 0) trimmed.pop();
  return trimmed;
}

/** `bpa check <folder> --goals <folder> --format html|xlsx -o …`: the report the pane's 导出报告 must equal. */
async function cliReportFile(folder: string, goalsDir: string, format: 'html' | 'xlsx'): Promise<Buffer> {
  const out = join(await tempDir(), `report.${format}`);
  await run(
    ['check', folder, '--goals', goalsDir, '--format', format, '-o', out, '--jobs', '1'],
    captureIo(),
  );
  return readFileSync(out);
}

/** Every sheet's values, row by row (a linked cell as its text), with the folders' paths taken out. */
async function bookValues(bytes: Buffer, folders: readonly string[]): Promise<Record<string, unknown[][]>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const strip = (text: string) => folders.reduce((t, f) => t.split(`${f}/`).join(''), text);
  const sheets: Record<string, unknown[][]> = {};
  book.eachSheet((ws) => {
    const rows: unknown[][] = [];
    ws.eachRow({ includeEmpty: true }, (row) => {
      const cells: unknown[] = [];
      row.eachCell({ includeEmpty: true }, (cell) => {
        const v = cell.value;
        const value = v !== null && typeof v === 'object' && 'text' in v ? v.text : v;
        cells.push(typeof value === 'string' ? strip(value) : (value ?? null));
      });
      rows.push(cells);
    });
    sheets[ws.name] = rows;
  });
  return sheets;
}

async function download(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [saved] = await Promise.all([
    page.waitForEvent('download'),
    page.locator(`[data-testid="${testId}"]`).click(),
  ]);
  return { name: saved.suggestedFilename(), bytes: readFileSync(await saved.path()) };
}

const asText = (rows: readonly (readonly unknown[])[]): string[][] =>
  rows.map((row) => {
    const cells = row.map((v) => (v === null || v === undefined ? '' : String(v)));
    let end = cells.length;
    while (end > 0 && cells[end - 1] === '') end -= 1;
    return cells.slice(0, end);
  });

describeInChromium('批量审核 in Chromium', () => {
  let browser: Browser;
  let server: StaticServer;
  let dist: string;
  let files: Received[];
  let expected: FileResult[];
  let goals: { dir: string; files: Received[] };
  let withGoals: { files: FileResult[]; coverage?: CoverageReport };

  beforeAll(async () => {
    dist = await freshBuild();
    server = await serve(dist);
    browser = await launch(chromiumPath ?? '');
    files = await receivedFiles();
    expected = await cliResults(files);
    goals = await goalFiles();
    withGoals = await cliReport(files, goals.dir);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await removeTempDirs();
  });

  test('the command line sees 5 good, 2 faulty and 1 unreadable file (the fixture is what it claims)', () => {
    expect(expected.map((r) => r.status)).toEqual([...Array(7).fill('checked'), 'unreadable']);
    expect(expected.slice(0, 5).map((r) => count(r, 'error'))).toEqual([0, 0, 0, 0, 0]);
    expect(expected.slice(5, 7).map((r) => count(r, 'error') > 0)).toEqual([true, true]);
    expect(expected.map((r) => r.sheets[0]?.scores.grade ?? null).slice(0, 5)).toEqual([
      '优',
      '良',
      '中',
      '差',
      '优',
    ]);
  });

  test('the command line with --goals sees one goal answered and the known gaps (the fixture is what it claims)', () => {
    const coverage = withGoals.coverage;
    expect(coverage).toBeDefined();
    expect([coverage?.goals, coverage?.selfEvaluations, coverage?.covered]).toEqual([2, 7, 1]);
    expect(coverage?.goalsWithoutSelfEvaluation.map((e) => [e.file, e.project])).toEqual([
      ['目标-管网.xlsx', '城区供水管网改造'],
    ]);
    expect(coverage?.selfEvaluationsWithoutGoals.map((e) => e.file)).toEqual(
      expected.slice(1, 7).map((r) => r.file),
    );
  });

  test('taskpane.html: the batch code loads only when 批量审核 is opened; results equal bpa check', async () => {
    const watch = await watchedPage(browser, server.origin, { name: 'memory', initScript: null });
    const { page } = watch;
    await page.goto(`${server.origin}/taskpane.html`);
    await page.locator('[role="tablist"]').waitFor();
    const batchScripts = (urls: readonly string[]) =>
      urls.filter((u) => /\/(batch|batch-check)\.[0-9a-f]+\.js$/.test(u));
    expect(batchScripts(watch.requests)).toEqual([]);
    // Nothing of the reader in what the page loaded first.
    for (const url of watch.requests.filter((u) => u.endsWith('.js') && !u.includes('/office-js/'))) {
      const text = readFileSync(join(dist, new URL(url).pathname));
      expect({ url, reader: text.includes('deflate-raw') }).toEqual({ url, reader: false });
    }

    await openBatch(page);
    expect(batchScripts(watch.requests).length).toBe(1);
    await checkAll(page, files);
    // The worker's script came from the page's own origin.
    expect(batchScripts(watch.requests).length).toBe(2);

    expect(await tableRows(page)).toEqual(expected.map(expectedRow));
    const statuses = await page
      .locator('[data-testid="batch-results"] tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')));
    expect(statuses).toEqual(expected.map((r) => r.status));

    // A faulty file's issues are the command line's, message for message.
    await page.locator('[data-testid="batch-results"] tbody tr').nth(5).click();
    const shown = await page.locator('[data-testid="batch-issues"] li').allTextContents();
    const faulty = expected[5];
    expect(shown).toEqual(
      faulty?.sheets.flatMap((s) =>
        s.issues.map((i) => `${s.sheet}${i.cell === null ? '' : `!${i.cell}`}：${i.message}`),
      ),
    );
    // The unreadable file says why.
    await page.locator('[data-testid="batch-results"] tbody tr').nth(7).click();
    expect(await page.locator('[data-testid="batch-issues"] li').allTextContents()).toEqual([
      expected[7]?.error?.message,
    ]);

    // 抽审 as `bpa sample --rate 0.5 --seed 7` on the same files.
    await page.locator('[data-testid="batch-rate"]').fill('0.5');
    await page.locator('[data-testid="batch-seed"]').fill('7');
    await page.locator('[data-testid="batch-sample"]').click();
    const picked = await page.locator('[data-testid="batch-picks"] li').allTextContents();
    const io = captureIo();
    await run(
      ['sample', ...files.map((f) => f.path), '--rate', '0.5', '--seed', '7', '--format', 'json'],
      io,
    );
    const sample = JSON.parse(io.out()) as { picks: { file: string; grade: string; reasons: string[] }[] };
    expect(picked).toEqual(
      sample.picks.map((p) => `${basename(p.file)}（${p.grade}）：${p.reasons.join('；')}`),
    );
    // The picks are marked in the results; the chosen file is the one selected.
    const marks = await page.locator('[data-testid="batch-results"] tbody tr').evaluateAll((rows) =>
      rows.map((r) => ({
        picked: r.querySelector('td')?.getAttribute('data-picked') ?? null,
        selected: r.getAttribute('aria-selected'),
      })),
    );
    const pickedNames = new Set(sample.picks.map((p) => basename(p.file)));
    expect(marks).toEqual(
      expected.map((r, i) => ({
        picked: pickedNames.has(r.file) ? '抽审' : null,
        selected: String(i === 7),
      })),
    );

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: artifactPath('batch-1280.png'), fullPage: true });
    await page.setViewportSize({ width: 320, height: 720 });
    await page.screenshot({ path: artifactPath('batch-320.png'), fullPage: true });
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(widths.scroll).toBe(widths.client);
    // At 320 px each file is a card: 单位 and 表格 get the card's width, not one character per line.
    const cellWidths = await page
      .locator('[data-testid="batch-results"] tbody tr')
      .first()
      .evaluate((row) =>
        Array.from(row.querySelectorAll('td'), (td) => Math.round(td.getBoundingClientRect().width)),
      );
    for (const width of cellWidths) expect(width).toBeGreaterThan(200);

    expect(watch.errors.filter((e) => !OFFICE_JS_OUTSIDE_OFFICE.test(e))).toEqual([]);
    expect(watch.outside()).toEqual([]);
    await watch.context.close();
  });

  test('取消 stops a run: no file is listed after it', async () => {
    const watch = await watchedPage(browser, server.origin, { name: 'memory', initScript: null });
    const { page } = watch;
    await page.goto(`${server.origin}/taskpane.html`);
    await openBatch(page);
    const many = Array.from({ length: 30 }, () => files).flat();
    await page.locator('[data-testid="batch-files"]').setInputFiles(many.map((f) => f.path));
    await page.locator('[data-testid="batch-results"] tbody tr').first().waitFor();
    await page.getByRole('button', { name: '取消' }).click();
    await page.locator('[data-testid="batch-status"]').filter({ hasText: '已取消' }).waitFor();
    const listed = await page.locator('[data-testid="batch-results"] tbody tr').count();
    expect(listed).toBeLessThan(many.length);
    await page.waitForTimeout(1000);
    expect(await page.locator('[data-testid="batch-results"] tbody tr').count()).toBe(listed);
    expect(await page.locator('[data-testid="batch-progress"]').textContent()).toBe(
      `已检查 ${listed} / ${many.length}`,
    );
    expect(watch.outside()).toEqual([]);
    await watch.context.close();
  });

  for (const host of browserHosts()) {
    test(`workbench (host: ${host.name}): 写入汇总表 writes 审核汇总 and 问题清单 as bpa check's results`, async () => {
      const watch = await watchedPage(browser, server.origin, host);
      const { page } = watch;
      await page.goto(`${server.origin}/workbench.html?host=${encodeURIComponent(host.name)}`);
      await page.locator('.wb-layout[data-status="ready"]').waitFor();
      await openBatch(page);
      await checkAll(page, files);
      expect(await tableRows(page)).toEqual(expected.map(expectedRow));

      // Goal declarations chosen after the files: the same files are checked again, with the goals.
      await page.locator('[data-testid="batch-goals"]').setInputFiles(goals.files.map((f) => f.path));
      const card = page.locator('[data-testid="batch-coverage"]');
      await page.locator('[data-testid="batch-coverage-summary"]').waitFor();
      expect(await tableRows(page)).toEqual(withGoals.files.map(expectedRow));
      const coverage = withGoals.coverage as CoverageReport;
      expect({
        goals: await card.getAttribute('data-goals'),
        selfEvaluations: await card.getAttribute('data-self-evaluations'),
        covered: await card.getAttribute('data-covered'),
      }).toEqual({
        goals: String(coverage.goals),
        selfEvaluations: String(coverage.selfEvaluations),
        covered: String(coverage.covered),
      });
      expect(await page.locator('[data-testid="coverage-goals-without"] li').allTextContents()).toEqual(
        coverage.goalsWithoutSelfEvaluation.map(describeEntry),
      );
      expect(await page.locator('[data-testid="coverage-self-without"] li').allTextContents()).toEqual(
        coverage.selfEvaluationsWithoutGoals.map(describeEntry),
      );
      // The goal file that cannot be read is named, the others are used.
      expect(await page.locator('[data-testid="batch-goal-problem"]').allTextContents()).toEqual([
        expect.stringContaining('目标-网页.xlsx'),
      ]);
      await card.scrollIntoViewIfNeeded();
      await page.screenshot({ path: artifactPath(`batch-coverage-${host.name}.png`) });

      await page.locator('[data-testid="batch-write"]').click();
      await page.locator('[data-testid="batch-status"]').filter({ hasText: '全覆盖' }).waitFor();
      expect(await gridValues(page, '审核汇总')).toEqual(asText(summaryRows(withGoals.files)));
      expect(await gridValues(page, '问题清单')).toEqual(asText(issueRows(withGoals.files)));
      expect(await gridValues(page, '全覆盖')).toEqual(asText(coverageSheetRows(coverage)));

      // 导出报告: the page and the workbook `bpa check --goals --format html|xlsx` writes for the same files
      // (the command line names files by their path; the pane knows only their names).
      const folders = [dirname(files[0]?.path ?? ''), goals.dir];
      const html = await download(page, 'batch-export-html');
      expect(html.name).toMatch(/^审核报告-\d{8}-\d{4}\.html$/);
      const cliHtml = (await cliReportFile(folders[0] ?? '', goals.dir, 'html')).toString('utf8');
      expect(html.bytes.toString('utf8')).toBe(folders.reduce((t, f) => t.split(`${f}/`).join(''), cliHtml));
      const xlsx = await download(page, 'batch-export-xlsx');
      expect(xlsx.name).toMatch(/^审核报告-\d{8}-\d{4}\.xlsx$/);
      const paneBook = await bookValues(xlsx.bytes, []);
      expect(Object.keys(paneBook)).toEqual(['汇总', '指标明细', '问题清单', '全覆盖']);
      expect(paneBook).toEqual(
        await bookValues(await cliReportFile(folders[0] ?? '', goals.dir, 'xlsx'), folders),
      );
      await page.locator('[data-testid="batch-status"]').filter({ hasText: '报告已保存' }).waitFor();

      // Without goals again: no 全覆盖, the results as without --goals.
      await page.getByRole('button', { name: '清除' }).click();
      await page
        .locator('[data-testid="batch-progress"]')
        .filter({ hasText: `${files.length} / ${files.length}` })
        .waitFor();
      await page.locator('[data-testid="batch-write"]').waitFor();
      expect(await page.locator('[data-testid="batch-coverage"]').count()).toBe(0);
      expect(await tableRows(page)).toEqual(expected.map(expectedRow));

      // A second write never goes over the first: new sheets under free names.
      await page.locator('[data-testid="batch-write"]').click();
      await page.locator('[data-testid="batch-status"]').filter({ hasText: '审核汇总(2)' }).waitFor();
      expect(await page.locator('[data-testid="batch-status"]').textContent()).toBe(
        '已写入工作表 审核汇总(2)、问题清单(2)',
      );
      expect(await gridValues(page, '审核汇总(2)')).toEqual(asText(summaryRows(expected)));
      await page.screenshot({ path: artifactPath(`batch-workbench-${host.name}.png`) });

      // Where the host can make a new workbook (WPS: Workbooks.Add), it is offered beside this workbook; the
      // sheets go there and this workbook keeps the sheets it had.
      const tabs = () =>
        page
          .locator('[data-sheet-tab]')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-sheet-tab')));
      const writeNew = page.locator('[data-testid="batch-write-new"]');
      if (host.name === 'wps') {
        expect(await page.locator('[data-testid="batch-write"]').textContent()).toBe('写入当前工作簿');
        const before = await tabs();
        await writeNew.click();
        await page
          .locator('[data-testid="batch-status"]')
          .filter({ hasText: '已新建工作簿，写入工作表 审核汇总、问题清单' })
          .waitFor();
        expect(await tabs()).toEqual(before);
      } else {
        expect(await writeNew.count()).toBe(0);
        expect(await page.locator('[data-testid="batch-write"]').textContent()).toBe('写入汇总表');
      }

      expect(watch.errors).toEqual([]);
      expect(watch.outside()).toEqual([]);
      await watch.context.close();
    });
  }
});
