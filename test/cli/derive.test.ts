import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BatchReport } from '../../src/app/batch-report';
import { EXIT_OK, EXIT_USAGE, run } from '../../src/cli/run';
import { readMeta } from '../../src/domain/forms/read-meta';
import { XlsxWorkbook } from '../../src/hosts/xlsx-file/xlsx-workbook';
import { cleanMonitoringIndicators } from '../helpers/forms';
import { formFile, plainRows as plain, projectGoals } from './cycle-files';
import { captureIo, removeTempDirs, tempDir, writeFixture } from './workbooks';

afterAll(removeTempDirs);
// Several workbooks are written and read per test; a machine under load needs more than the default 5 s.
jest.setTimeout(60_000);

describe('bpa derive', () => {
  test('one file per goal form; an unreadable goal file is reported and the others go on', async () => {
    const goalsDir = await tempDir();
    const a = await writeFixture(
      goalsDir,
      'a.xlsx',
      await formFile('project-goals', projectGoals('农村饮水安全工程')),
    );
    const bad = await writeFixture(goalsDir, 'bad.xlsx', 'not a workbook');
    const b = await writeFixture(
      goalsDir,
      'b.xlsx',
      await formFile('project-goals', projectGoals('河道治理（二期）')),
    );
    const out = await tempDir();
    const io = captureIo();
    expect(await run(['derive', 'project-self-evaluation', a, bad, b, '-o', out], io)).toBe(EXIT_USAGE);
    expect(io.err()).toContain('bad.xlsx');
    expect((await readdir(out)).sort()).toEqual([
      'a-project-self-evaluation.xlsx',
      'b-project-self-evaluation.xlsx',
    ]);
    const book = await XlsxWorkbook.fromBuffer(await readFile(join(out, 'a-project-self-evaluation.xlsx')));
    const meta = readMeta(await book.readBlock('_meta')).entries;
    expect(meta.map((m) => [m.template, m.derivedFrom])).toEqual([
      ['project-self-evaluation', 'a.xlsx!项目支出绩效目标申报表'],
    ]);

    // The derived forms checked against the declarations: each finds its own, and nothing drifted.
    const check = captureIo();
    await run(['check', out, '--goals', goalsDir.replace(/$/, ''), '--format', 'json'], check);
    const report = JSON.parse(check.out()) as BatchReport;
    const checked = report.files.filter((f) => f.status === 'checked');
    expect(checked).toHaveLength(2);
    for (const file of checked) {
      const codes = file.sheets.flatMap((s) => s.issues.map((i) => i.code));
      expect(codes.filter((c) => c.startsWith('goal_'))).toEqual([]);
      expect(codes).not.toContain('weight_sum_not_100');
    }
    // The report shows names folded to half-width, as every report does.
    expect(checked.map((f) => f.sheets[0]?.project)).toEqual(['农村饮水安全工程', '河道治理(二期)']);
  });

  test('never writes over an existing file without --force', async () => {
    const goalsDir = await tempDir();
    const a = await writeFixture(
      goalsDir,
      'a.xlsx',
      await formFile('project-goals', projectGoals('农村饮水安全工程')),
    );
    const out = await tempDir();
    const kept = await writeFixture(out, 'a-project-monitoring.xlsx', 'kept');
    const io = captureIo();
    expect(await run(['derive', 'project-monitoring', a, '-o', out], io)).toBe(EXIT_USAGE);
    expect(io.err()).toContain('--force');
    expect(await readFile(kept, 'utf8')).toBe('kept');
    expect(await run(['derive', 'project-monitoring', a, '-o', out, '--force'], captureIo())).toBe(EXIT_OK);
    const book = await XlsxWorkbook.fromBuffer(await readFile(kept));
    expect(readMeta(await book.readBlock('_meta')).entries[0]?.template).toBe('project-monitoring');
  });

  test('--monitoring carries execution and expected completion of the same project', async () => {
    const dir = await tempDir();
    const goals = await writeFixture(
      dir,
      'goals.xlsx',
      await formFile('project-goals', projectGoals('农村饮水安全工程')),
    );
    const monitoring = await writeFixture(
      dir,
      'monitoring.xlsx',
      await formFile('project-monitoring', {
        header: { projectName: '农村饮水安全工程', department: '市水利局', monitoringMonth: 12 },
        funds: { total: { initialBudget: 100, executed: 97 } },
        goals: { progress: '全部完成' },
        indicators: plain(cleanMonitoringIndicators()).map((row, i) => ({
          ...row,
          progress: i === 0 ? 10 : 'x',
        })),
      }),
    );
    const out = await tempDir();
    const io = captureIo();
    expect(
      await run(['derive', 'project-self-evaluation', goals, '--monitoring', monitoring, '-o', out], io),
    ).toBe(EXIT_OK);
    const check = captureIo();
    await run(['check', join(out, 'goals-project-self-evaluation.xlsx'), '--format', 'json'], check);
    const report = JSON.parse(check.out()) as BatchReport;
    const scores = report.files[0]?.sheets[0]?.scores;
    expect(scores?.execution?.rate).toBeCloseTo(0.97, 9);
    expect(scores?.indicators[0]?.score).toBe(12.5);
  });

  test('usage errors: unknown form, no output, a goal file of the other kind', async () => {
    expect(await run(['derive', 'key-evaluation', 'x.xlsx', '-o', 'y'], captureIo())).toBe(EXIT_USAGE);
    expect(await run(['derive', 'project-monitoring', 'x.xlsx'], captureIo())).toBe(EXIT_USAGE);
    const dir = await tempDir();
    const goals = await writeFixture(dir, 'g.xlsx', await formFile('project-goals', projectGoals('项目甲')));
    const io = captureIo();
    expect(await run(['derive', 'department-self-evaluation', goals, '-o', dir], io)).toBe(EXIT_USAGE);
    expect(io.err()).toContain('部门整体支出绩效目标申报表');
  });
});
