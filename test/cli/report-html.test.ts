import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  escapeHtml,
  gradeDistribution,
  htmlReport,
  htmlReportChunks,
  REPORT_CSP,
  REPORT_SCRIPT,
  REPORT_SCRIPT_SHA256,
} from '../../src/cli/report-html';
import { gradeStatus } from '../../src/app/report-summary';
import { EXIT_USAGE, run } from '../../src/cli/run';
import type { BatchReport } from '../../src/app/batch-report';
import {
  captureIo,
  goalsFile,
  gradedSelfEvaluation,
  selfEvaluationFile,
  tempDir,
  writeFixture,
  removeTempDirs,
} from './workbooks';

afterAll(removeTempDirs);

test('escapeHtml escapes every character that could open markup or an attribute', () => {
  expect(escapeHtml(`<b onclick="x">'&'</b>`)).toBe(
    '&lt;b onclick=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/b&gt;',
  );
});

/** The page's text with tags and attributes removed: what a reader sees. */
const visibleText = (html: string): string =>
  html
    .replace(/<script>[\s\S]*?<\/script>/g, '')
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]*>/g, ' ');

test('the html report is one self-contained page: one fixed script allowed by hash, no outside resource, text escaped', async () => {
  const dir = await tempDir();
  await writeFixture(
    dir,
    'tagged.xlsx',
    await selfEvaluationFile({
      sheetName: '<b>',
      project: '<script>alert(1)</script>',
      department: '" onmouseover="alert(1)',
      statedTotal: 75,
    }),
  );
  await mkdir(join(dir, '区县'));
  await writeFixture(join(dir, '区县'), 'good.xlsx', await gradedSelfEvaluation('良', '乡村道路'));
  const out = join(await tempDir(), 'report.html');
  await run(['check', dir, '--format', 'html', '-o', out], captureIo());
  const html = await readFile(out, 'utf8');

  const scripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => m[1]);
  expect(scripts).toEqual([REPORT_SCRIPT]);
  const hash = createHash('sha256').update(REPORT_SCRIPT).digest('base64');
  expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`);
  expect(REPORT_CSP).toContain(`script-src 'sha256-${hash}'`);
  // The hash is written in src/app/report-html.ts (the browser hashes asynchronously): it must be the script's.
  expect(REPORT_SCRIPT_SHA256).toBe(hash);
  expect(REPORT_CSP).toContain("default-src 'none'");
  // No inline event handler, no outside resource: the only links are anchors within the page.
  expect(html).not.toMatch(/<[^>]*\son[a-z]+\s*=[^>]*>/i);
  expect(html).not.toMatch(/<[^>]*\bsrc\s*=[^>]*>/i);
  expect([...html.matchAll(/\bhref="([^"]*)"/g)].map((m) => m[1]).every((h) => h?.startsWith('#'))).toBe(
    true,
  );
  expect(html).not.toContain('<b>');
  expect(html).toContain('<h3>&lt;b&gt;</h3>');
  expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  expect(html).toContain('&quot; onmouseover=&quot;alert(1)');
  expect(html).toMatch(/<svg[^>]*>.*<rect/s);
  expect(html).toContain('<meta name="viewport"');
  expect(html).toContain('@media print');

  // The summary opens the page, in the order the issue asks for.
  const summaryHead = /<table id="summary"><thead><tr>(.*?)<\/tr>/.exec(html)?.[1] ?? '';
  const headers = [...summaryHead.matchAll(/<button type="button">(.*?)<\/button>/g)].map((m) => m[1]);
  expect(headers).toEqual([
    '文件',
    '单位',
    '项目',
    '表格',
    '自评总分',
    '复算总分',
    '差异',
    '自评等级',
    '复算等级',
    '错误',
    '警告',
  ]);
  expect(html.indexOf('id="summary"')).toBeLessThan(html.indexOf('<section>'));
  // Paths relative to the folder checked.
  expect(html).toContain('>区县/good.xlsx</h2>'.replace('</h2>', ' <small>'));
  expect(html).not.toContain(dir);
  // Messages in Chinese; internal codes only in title attributes.
  const text = visibleText(html);
  expect(text).toContain('总分 75 与各项得分之和 100 不一致');
  expect(text).not.toMatch(/total_mismatch|[a-z]+_[a-z]+/);
  expect(html).toContain('title="total_mismatch"');
  // The per-indicator table shows stated beside recomputed, with the operator.
  expect(html).toContain('<table class="indicators">');
  expect(html).toMatch(/<th>运算符（来源）<\/th>/);
  // The sheet with an error is not graded, the clean one is.
  const rows = [...html.matchAll(/<tr data-ungraded="(\d)" data-errors="(\d+)">(.*?)<\/tr>/g)];
  expect(rows).toHaveLength(2);
  const tagged = rows.find((r) => r[3]?.includes('tagged.xlsx'));
  const good = rows.find((r) => r[3]?.includes('good.xlsx'));
  expect(tagged?.[1]).toBe('1');
  expect(tagged?.[3]).toContain('未评级');
  expect(good?.[1]).toBe('0');
  expect(good?.[3]).toContain('<td data-label="复算等级">良</td>');
});

test('the grade chart counts only fully recomputed, graded sheets without errors', async () => {
  const dir = await tempDir();
  await writeFixture(dir, 'a.xlsx', await gradedSelfEvaluation('优', 'A'));
  await writeFixture(dir, 'b.xlsx', await gradedSelfEvaluation('良', 'B'));
  await writeFixture(dir, 'c.xlsx', await gradedSelfEvaluation('良', 'C'));
  await writeFixture(dir, 'd.xlsx', await gradedSelfEvaluation('差', 'D'));
  await writeFixture(dir, 'e.xlsx', await selfEvaluationFile({ statedTotal: 75 }));
  const io = captureIo();
  await run(['check', dir, '--format', 'json'], io);
  const report = JSON.parse(io.out()) as BatchReport;
  expect(gradeDistribution(report.files)).toEqual([
    { grade: '优', count: 1 },
    { grade: '良', count: 2 },
    { grade: '中', count: 0 },
    { grade: '差', count: 1 },
  ]);
  // A partial total is not graded even when a grade was computed from it.
  const partial: BatchReport = JSON.parse(JSON.stringify(report)) as BatchReport;
  const first = partial.files[0]?.sheets[0];
  if (first) {
    first.scores.partial = { scored: 9, of: 10 };
    first.scores.status = { kind: 'provisional', errors: 0, unscored: 1 };
  }
  expect(gradeDistribution(partial.files)[0]).toEqual({ grade: '优', count: 0 });
});

test('a sheet with an unscored row is 未评级 with what blocks it, and the reason is in words, not a code', async () => {
  const dir = await tempDir();
  await writeFixture(dir, 'a.xlsx', await gradedSelfEvaluation('优', 'A'));
  const io = captureIo();
  await run(['check', dir, '--format', 'json'], io);
  const report = JSON.parse(io.out()) as BatchReport;
  const sheet = report.files[0]?.sheets[0];
  const row = sheet?.rows.find((r) => r.kind === 'indicator');
  if (!sheet || !row) throw new Error('no indicator row read');
  expect(gradeStatus(sheet)).toEqual({ applies: true, graded: true, errors: 0, unscored: 0 });
  expect(gradeDistribution(report.files)[0]).toEqual({ grade: '优', count: 1 });
  // The row as the checker leaves it when the actual is missing, and the status the score model settles on.
  row.score = null;
  row.unscorable = 'missing_actual';
  sheet.scores.status = { kind: 'provisional', errors: 0, unscored: 1 };
  expect(gradeStatus(sheet)).toEqual({ applies: true, graded: false, errors: 0, unscored: 1 });
  expect(gradeDistribution(report.files)[0]).toEqual({ grade: '优', count: 0 });
  const html = htmlReport(report, 'zh-CN', [dir]);
  expect(html).toContain('未评级<br><small>1 行未计分</small>');
  expect(html).toContain('未计分：未填实际完成值');
  expect(visibleText(html)).not.toMatch(/[a-z]+_[a-z]+/);
  // The same page, written a piece at a time from results read twice.
  let reads = 0;
  const chunks = [
    ...htmlReportChunks(
      () => {
        reads++;
        return report.files;
      },
      report.summary,
      'zh-CN',
      [dir],
    ),
  ];
  expect(reads).toBe(2);
  expect(chunks.length).toBeGreaterThan(2);
  expect(chunks.join('')).toBe(html);
});

test('a goals form has no grade: shown as —, not filtered as 未评级, counted apart from the chart', async () => {
  const dir = await tempDir();
  await writeFixture(dir, 'goals.xlsx', await goalsFile());
  const out = join(await tempDir(), 'report.html');
  await run(['check', dir, '--format', 'html', '-o', out], captureIo());
  const html = await readFile(out, 'utf8');
  expect(html).toMatch(/<tr data-ungraded="0"[^>]*>.*<td data-label="复算等级" class="muted">—<\/td>/);
  expect(html).toContain('目标表和监控表不评等级 1 个');
  expect(html).toContain('此表不评等级');
});

test('an empty folder is a usage error, not a clean run', async () => {
  const dir = await tempDir();
  await writeFixture(dir, 'notes.txt', 'no workbook here');
  const io = captureIo();
  expect(await run(['check', dir, '--format', 'html', '-o', join(dir, 'r.html')], io)).toBe(EXIT_USAGE);
  expect(io.err()).toContain('未找到 .xlsx 工作簿');
  expect(io.err()).toContain('no .xlsx workbook found');
});

test('the English report labels the summary in English and says "not graded"', async () => {
  const dir = await tempDir();
  await writeFixture(dir, 'off.xlsx', await selfEvaluationFile({ statedTotal: 75 }));
  const out = join(await tempDir(), 'report.html');
  await run(['check', dir, '--format', 'html', '-o', out, '--lang', 'en'], captureIo());
  const html = await readFile(out, 'utf8');
  expect(html).toContain('<html lang="en">');
  expect(html).toContain('<button type="button">Recomputed grade</button>');
  expect(html).toContain(
    '<td data-label="Recomputed grade" class="muted">not graded<br><small>1 error(s)</small></td>',
  );
  expect(html).not.toContain('未评级');
});
