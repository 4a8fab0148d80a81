/**
 * 全覆盖: a folder of goal declarations and a folder of self-evaluations with known gaps; every report format
 * lists exactly those gaps, matching names typed with other spacing, full-width forms and brackets.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BatchReport } from '../../src/app/batch-report';
import { run } from '../../src/cli/run';
import { COVERAGE_SHEET } from '../../src/cli/report-xlsx';
import { XlsxWorkbook } from '../../src/hosts/xlsx-file/xlsx-workbook';
import { formFile, projectGoals } from './cycle-files';
import { captureIo, removeTempDirs, tempDir, writeFixture } from './workbooks';

afterAll(removeTempDirs);
// Several workbooks are written and read per test; a machine under load needs more than the default 5 s.
jest.setTimeout(60_000);

async function selfEvaluation(project: string, department: string): Promise<Uint8Array> {
  return formFile('project-self-evaluation', {
    header: { projectName: project, department, implementingUnit: '实施单位' },
  });
}

let goalsDir = '';
let selfDir = '';

beforeAll(async () => {
  goalsDir = await tempDir();
  selfDir = await tempDir();
  // Declared: A, B (no self-evaluation), C (typed differently in its self-evaluation), the department D.
  await writeFixture(goalsDir, 'a.xlsx', await formFile('project-goals', projectGoals('农村饮水安全工程')));
  await writeFixture(goalsDir, 'b.xlsx', await formFile('project-goals', projectGoals('河道治理工程')));
  await writeFixture(
    goalsDir,
    'c.xlsx',
    await formFile('project-goals', projectGoals('高标准农田建设（二期）', '市农业农村局')),
  );
  await writeFixture(
    goalsDir,
    'd.xlsx',
    await formFile('department-goals', { header: { departmentName: '市水利局' } }),
  );
  // Evaluated: A, C with other spacing, full-width letters and brackets, E (declared nowhere), D.
  await writeFixture(selfDir, 'a.xlsx', await selfEvaluation('农村饮水安全工程', '市水利局'));
  await writeFixture(
    selfDir,
    'c.xlsx',
    await selfEvaluation(' 高标准农田 建设[二期] ', '市农业农村局（１０２）'),
  );
  await writeFixture(selfDir, 'e.xlsx', await selfEvaluation('城区供水管网改造', '市住建局'));
  await writeFixture(
    selfDir,
    'd.xlsx',
    await formFile('department-self-evaluation', { header: { departmentName: '市 水利局' } }),
  );
});

describe('bpa check --goals: 全覆盖', () => {
  test('json lists exactly the goal without a self-evaluation and the self-evaluation without goals', async () => {
    const io = captureIo();
    await run(['check', selfDir, '--goals', goalsDir, '--format', 'json'], io);
    const report = JSON.parse(io.out()) as BatchReport;
    const coverage = report.coverage;
    if (coverage === undefined) throw new Error('no coverage in the report');
    expect(coverage.goals).toBe(4);
    expect(coverage.selfEvaluations).toBe(4);
    expect(coverage.covered).toBe(3);
    expect(coverage.goalsWithoutSelfEvaluation.map((e) => [e.file, e.project])).toEqual([
      [join(goalsDir, 'b.xlsx'), '河道治理工程'],
    ]);
    expect(coverage.selfEvaluationsWithoutGoals.map((e) => [e.file, e.project, e.department])).toEqual([
      [join(selfDir, 'e.xlsx'), '城区供水管网改造', '市住建局'],
    ]);
  });

  test('without --goals there is no coverage section', async () => {
    const io = captureIo();
    await run(['check', selfDir, '--format', 'json'], io);
    expect((JSON.parse(io.out()) as BatchReport).coverage).toBeUndefined();
    const text = captureIo();
    await run(['check', selfDir], text);
    expect(text.out()).not.toContain('全覆盖');
  });

  test('text, html and xlsx reports list the same gaps', async () => {
    const text = captureIo();
    await run(['check', selfDir, '--goals', goalsDir], text);
    const out = text.out();
    expect(out).toContain('全覆盖：目标申报 4 份，自评 4 份，已对应 3 份');
    expect(out).toContain(`有目标申报、无自评：1\n    ${join(goalsDir, 'b.xlsx')}!`);
    expect(out).toContain(`有自评、无目标申报：1\n    ${join(selfDir, 'e.xlsx')}!`);

    const english = captureIo();
    await run(['check', selfDir, '--goals', goalsDir, '--lang', 'en'], english);
    expect(english.out()).toContain('Coverage: 4 goal declarations, 4 self-evaluations, 3 matched');

    const dir = await tempDir();
    const html = join(dir, 'r.html');
    await run(['check', selfDir, '--goals', goalsDir, '--format', 'html', '-o', html], captureIo());
    const page = await readFile(html, 'utf8');
    const section = page.slice(page.indexOf('data-section="coverage"'), page.indexOf('</section>'));
    expect(section).toContain('河道治理工程');
    expect(section).toContain('城区供水管网改造');
    expect(section).not.toContain('农村饮水安全工程');

    const xlsx = join(dir, 'r.xlsx');
    await run(['check', selfDir, '--goals', goalsDir, '--format', 'xlsx', '-o', xlsx], captureIo());
    const book = await XlsxWorkbook.fromBuffer(await readFile(xlsx));
    const rows = (await book.readBlock(COVERAGE_SHEET)).values;
    expect(rows.slice(1).map((r) => [r[0], r[1], r[5]])).toEqual([
      ['有目标申报、无自评', join(goalsDir, 'b.xlsx'), '河道治理工程'],
      ['有自评、无目标申报', join(selfDir, 'e.xlsx'), '城区供水管网改造'],
    ]);
  });
});
