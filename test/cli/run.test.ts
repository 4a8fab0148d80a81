import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { BatchReport } from '../../src/app/batch-report';
import { readForm } from '../../src/domain/forms/read-form';
import { readMeta } from '../../src/domain/forms/read-meta';
import { TEMPLATE_IDS } from '../../src/domain/forms/form-model';
import { templateFileName } from '../../src/domain/templates/registry';
import { EXIT_ISSUES, EXIT_OK, EXIT_USAGE, run } from '../../src/cli/run';
import { XlsxWorkbook } from '../../src/hosts/xlsx-file/xlsx-workbook';
import { cleanGoalIndicators } from '../helpers/forms';
import { captureIo, goalsFile, selfEvaluationFile, tempDir, writeFixture, removeTempDirs } from './workbooks';

afterAll(removeTempDirs);

const sha256 = async (path: string) =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex');

function parseReport(text: string): BatchReport {
  return JSON.parse(text) as BatchReport;
}

describe('bpa templates', () => {
  test('lists the seven templates with id, 表名 and version', async () => {
    const io = captureIo();
    expect(await run(['templates'], io)).toBe(EXIT_OK);
    const lines = io.out().trim().split('\n');
    expect(lines).toHaveLength(7);
    expect(lines.map((l) => l.split('\t')[0])).toEqual([...TEMPLATE_IDS]);
    expect(io.out()).toContain('项目支出绩效自评表');
    expect(lines.every((l) => /\tv\d+\t/.test(l))).toBe(true);
  });
});

describe('bpa template', () => {
  // Seven workbooks written and read back: 2–3 s alone, more on a loaded machine.
  test('--all writes seven workbooks that read back as their templates', async () => {
    const dir = await tempDir();
    const io = captureIo();
    expect(await run(['template', '--all', '-o', dir], io)).toBe(EXIT_OK);
    const written = (await readdir(dir)).sort();
    expect(written).toEqual([...TEMPLATE_IDS].map((id) => templateFileName(id)).sort());
    expect(written).toContain('项目支出绩效自评表.xlsx');
    for (const id of TEMPLATE_IDS) {
      const book = await XlsxWorkbook.fromBuffer(await readFile(join(dir, templateFileName(id))));
      const meta = readMeta(await book.readBlock('_meta')).entries;
      expect(meta.map((m) => m.template)).toEqual([id]);
      const sheet = meta[0]?.sheet ?? '';
      const read = readForm(await book.readBlock(sheet), sheet, null);
      expect(read.ok && read.form.template).toBe(id);
    }
  }, 20_000);

  test('records the chosen profile and framework', async () => {
    const dir = await tempDir();
    const args = ['template', 'project-goals', '-o', dir, '--profile', 'hubei', '--framework', 'core-2021'];
    expect(await run(args, captureIo())).toBe(EXIT_OK);
    const book = await XlsxWorkbook.fromBuffer(await readFile(join(dir, '项目支出绩效目标申报表.xlsx')));
    const [entry] = readMeta(await book.readBlock('_meta')).entries;
    expect(entry?.profile).toBe('hubei');
    expect(entry?.framework).toBe('core-2021');
  });

  test('never overwrites an existing file unless --force', async () => {
    const dir = await tempDir();
    const target = await writeFixture(dir, '项目支出绩效目标申报表.xlsx', 'kept');
    const io = captureIo();
    expect(await run(['template', 'project-goals', '-o', dir], io)).toBe(EXIT_USAGE);
    expect(await readFile(target, 'utf8')).toBe('kept');
    expect(io.err()).toContain('--force');
    expect(await run(['template', 'project-goals', '-o', dir, '--force'], captureIo())).toBe(EXIT_OK);
    expect((await stat(target)).size).toBeGreaterThan(1000);
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  test('an unknown template id, a missing -o or a bad profile is a usage error', async () => {
    const dir = await tempDir();
    expect(await run(['template', 'no-such-form', '-o', dir], captureIo())).toBe(EXIT_USAGE);
    expect(await run(['template', 'project-goals'], captureIo())).toBe(EXIT_USAGE);
    const badProfile = await writeFixture(dir, 'bad-profile.json', '{"id": "x", "surprise": 1}');
    const io = captureIo();
    expect(await run(['template', 'project-goals', '-o', dir, '--profile', badProfile], io)).toBe(EXIT_USAGE);
    expect(io.err()).toContain('bad-profile.json');
  });
});

describe('bpa check', () => {
  test('exit 0 for clean workbooks, with the file listed as checked', async () => {
    const dir = await tempDir();
    const file = await writeFixture(dir, 'clean.xlsx', await selfEvaluationFile());
    const io = captureIo();
    expect(await run(['check', file], io)).toBe(EXIT_OK);
    expect(io.out()).toContain(`[已检查] ${file}：错误 0，警告 0`);
    expect(io.out()).toContain('检查 1 个文件：1 个已检查，0 个无法读取；错误 0，警告 0');
  });

  test('exit 1 when errors are found; text names sheet!cell, severity and message', async () => {
    const dir = await tempDir();
    await writeFixture(dir, 'clean.xlsx', await selfEvaluationFile());
    await writeFixture(dir, 'off.xlsx', await selfEvaluationFile({ statedTotal: 75 }));
    const io = captureIo();
    expect(await run(['check', dir], io)).toBe(EXIT_ISSUES);
    expect(io.out()).toMatch(/项目支出绩效自评表!L\d+ \[错误\] 总分 75 与各项得分之和 100 不一致/);
    expect(io.out()).toContain('错误 1，警告 0');
  });

  test('json follows the report model: files, status, sheets, issues, scores and summary', async () => {
    const dir = await tempDir();
    const off = await writeFixture(
      dir,
      'off.xlsx',
      await selfEvaluationFile({ statedTotal: 75, statedGrade: '中' }),
    );
    const io = captureIo();
    expect(await run(['check', dir, '--format', 'json'], io)).toBe(EXIT_ISSUES);
    const report = parseReport(io.out());
    expect(report.summary).toEqual({
      files: 1,
      checked: 1,
      unreadable: 0,
      unrecognized: 0,
      errors: 1,
      warnings: 0,
      infos: 0,
      mismatches: 1,
      ungraded: 1,
    });
    const [file] = report.files;
    expect(file?.file).toBe(off);
    expect(file?.status).toBe('checked');
    const sheet = file?.sheets[0];
    expect(sheet?.template).toBe('project-self-evaluation');
    expect(sheet?.project).toBe('农村饮水安全巩固提升工程');
    expect(sheet?.issues.map((i) => [i.code, i.severity])).toEqual([['total_mismatch', 'error']]);
    expect(sheet?.scores).toMatchObject({ total: 100, grade: null, statedTotal: 75, statedGrade: '中' });
    expect(sheet?.scores.status).toEqual({ kind: 'provisional', errors: 1, unscored: 0 });
    expect(sheet?.scores.indicators).toHaveLength(7);
    expect(io.err()).toContain('检查 1 个文件');
  });

  test('an unreadable file gives exit 2 while the good files are still checked', async () => {
    const dir = await tempDir();
    await writeFixture(dir, 'a-good.xlsx', await selfEvaluationFile());
    await writeFixture(dir, 'b-table.xlsx', '项目名称,得分\n供水工程,95\n');
    await writeFixture(dir, '~$a-good.xlsx', 'lock file');
    const io = captureIo();
    expect(await run(['check', dir, '--format', 'json'], io)).toBe(EXIT_USAGE);
    const report = parseReport(io.out());
    expect(report.files.map((f) => f.status)).toEqual(['checked', 'unreadable']);
    expect(report.files[1]?.error?.code).toBe('csv_or_text');
    expect(report.files[1]?.error?.message).toContain('另存为 .xlsx');
    expect(report.summary).toMatchObject({ files: 2, checked: 1, unreadable: 1 });
  });

  test('a path that does not exist is reported and gives exit 2', async () => {
    const dir = await tempDir();
    const good = await writeFixture(dir, 'good.xlsx', await selfEvaluationFile());
    const io = captureIo();
    expect(await run(['check', good, join(dir, 'missing.xlsx')], io)).toBe(EXIT_USAGE);
    expect(io.err()).toContain('missing.xlsx');
    expect(io.out()).toContain('[已检查]');
  });

  test('input files are byte for byte the same after a check, in every format', async () => {
    const dir = await tempDir();
    const files = [
      await writeFixture(dir, 'clean.xlsx', await selfEvaluationFile()),
      await writeFixture(dir, 'off.xlsx', await selfEvaluationFile({ statedTotal: 75 })),
    ];
    const before = await Promise.all(files.map(sha256));
    const out = await tempDir();
    for (const format of ['text', 'json', 'html', 'xlsx']) {
      await run(['check', dir, '--format', format, '-o', join(out, `report.${format}`)], captureIo());
    }
    expect(await Promise.all(files.map(sha256))).toEqual(before);
    expect((await readdir(dir)).sort()).toEqual(['clean.xlsx', 'off.xlsx']);
  });

  test('html and xlsx need -o; a report never replaces an existing file without --force', async () => {
    const dir = await tempDir();
    await writeFixture(dir, 'clean.xlsx', await selfEvaluationFile());
    expect(await run(['check', dir, '--format', 'html'], captureIo())).toBe(EXIT_USAGE);
    const out = await tempDir();
    const existing = await writeFixture(out, 'report.html', 'old report');
    expect(await run(['check', dir, '--format', 'html', '-o', existing], captureIo())).toBe(EXIT_USAGE);
    expect(await readFile(existing, 'utf8')).toBe('old report');
    expect(await run(['check', dir, '--format', 'html', '-o', existing, '--force'], captureIo())).toBe(
      EXIT_OK,
    );
    expect(await readFile(existing, 'utf8')).toContain('<!DOCTYPE html>');
  });

  test('--goals brings the declared goals into the cross-stage check', async () => {
    const dir = await tempDir();
    const declared = cleanGoalIndicators().map((row, i) => (i === 0 ? { ...row, target: 12 } : row));
    const goals = await writeFixture(await tempDir(), 'goals.xlsx', await goalsFile(declared));
    await writeFixture(dir, 'self.xlsx', await selfEvaluationFile());
    const without = captureIo();
    await run(['check', dir, '--format', 'json'], without);
    const withGoals = captureIo();
    await run(['check', dir, '--format', 'json', '--goals', goals], withGoals);
    const codes = (io: typeof without) =>
      parseReport(io.out()).files.flatMap((f) => f.sheets.flatMap((s) => s.issues.map((i) => i.code)));
    expect(codes(without)).toEqual([]);
    expect(codes(withGoals).length).toBeGreaterThan(0);
  });

  test('--lang en gives English messages and labels', async () => {
    const dir = await tempDir();
    await writeFixture(dir, 'off.xlsx', await selfEvaluationFile({ statedTotal: 75 }));
    const io = captureIo();
    await run(['check', dir, '--lang', 'en'], io);
    expect(io.out()).toContain('[Error]');
    expect(io.out()).toContain(
      'Checked 1 files: 1 checked, 0 unreadable, 1 sheets not graded; 1 errors, 0 warnings',
    );
  });

  test('a progress bar on a terminal, nothing on stderr when piped', async () => {
    const dir = await tempDir();
    await writeFixture(dir, 'a.xlsx', await selfEvaluationFile());
    await writeFixture(dir, 'b.xlsx', await selfEvaluationFile());
    const terminal = captureIo({ tty: true });
    await run(['check', dir], terminal);
    expect(terminal.err()).toContain('2/2');
    const piped = captureIo();
    await run(['check', dir], piped);
    expect(piped.err()).toBe('');
  });

  test('usage errors: unknown command, unknown option, bad --jobs, no files', async () => {
    for (const args of [
      ['frobnicate'],
      ['check', '--colour'],
      ['check', 'x.xlsx', '--jobs', '0'],
      ['check'],
    ]) {
      const io = captureIo();
      expect(await run(args, io)).toBe(EXIT_USAGE);
      expect(io.err()).toContain('用法 / usage');
    }
  });
});
