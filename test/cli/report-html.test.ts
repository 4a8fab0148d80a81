import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { escapeHtml, gradeDistribution } from '../../src/cli/report-html';
import { run } from '../../src/cli/run';
import type { BatchReport } from '../../src/app/batch-report';
import {
  captureIo,
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

test('the html report is one self-contained file: no script, no outside resource, text escaped', async () => {
  const dir = await tempDir();
  await writeFixture(
    dir,
    'tagged.xlsx',
    await selfEvaluationFile({ sheetName: '<b>', project: '<script>alert(1)</script>', statedTotal: 75 }),
  );
  await writeFixture(dir, 'good.xlsx', await gradedSelfEvaluation('良', '乡村道路'));
  const out = join(await tempDir(), 'report.html');
  await run(['check', dir, '--format', 'html', '-o', out], captureIo());
  const html = await readFile(out, 'utf8');
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/\b(?:src|href)\s*=/i);
  expect(html).not.toContain('<b>');
  expect(html).toContain('<h3>&lt;b&gt;</h3>');
  expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  expect(html).toContain('<style>');
  expect(html).toMatch(/<svg[^>]*>.*<rect/s);
  expect(html).toContain('总分 75 与各项得分之和 100 不一致');
});

test('the grade distribution counts recomputed grades of scored sheets', async () => {
  const dir = await tempDir();
  await writeFixture(dir, 'a.xlsx', await gradedSelfEvaluation('优', 'A'));
  await writeFixture(dir, 'b.xlsx', await gradedSelfEvaluation('良', 'B'));
  await writeFixture(dir, 'c.xlsx', await gradedSelfEvaluation('良', 'C'));
  await writeFixture(dir, 'd.xlsx', await gradedSelfEvaluation('差', 'D'));
  const io = captureIo();
  await run(['check', dir, '--format', 'json'], io);
  const report = JSON.parse(io.out()) as BatchReport;
  expect(gradeDistribution(report)).toEqual([
    { grade: '优', count: 1 },
    { grade: '良', count: 2 },
    { grade: '中', count: 0 },
    { grade: '差', count: 1 },
  ]);
});
