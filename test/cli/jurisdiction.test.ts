import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run } from '../../src/cli/run';
import { getFramework } from '../../src/domain/framework/frameworks';
import { BUILT_IN_LIBRARY } from '../../src/domain/framework/library';
import type { BatchReport } from '../../src/app/batch-report';
import { readMeta } from '../../src/domain/forms/read-meta';
import { readJurisdictionRecord } from '../../src/domain/profiles/jurisdiction-record';
import { getProfile } from '../../src/domain/profiles/profiles';
import { templateFileName } from '../../src/domain/templates/registry';
import { XlsxWorkbook } from '../../src/hosts/xlsx-file/xlsx-workbook';
import { formFile, projectGoals } from './cycle-files';
import { captureIo, removeTempDirs, tempDir, writeFixture } from './workbooks';

afterAll(removeTempDirs);
// Several workbooks are written and read per test; a machine under load needs more than the default 5 s.
jest.setTimeout(60_000);

const PACKAGE = {
  format: 'bpa-jurisdiction',
  name: '湖北口径',
  version: '2025.1',
  profile: { ...getProfile('hubei'), id: 'hubei-2025' },
  framework: getFramework('core-2021'),
  library: BUILT_IN_LIBRARY.slice(0, 3),
};

describe('--jurisdiction', () => {
  test('template and derive use the package’s profile and framework', async () => {
    const dir = await tempDir();
    const pkg = await writeFixture(dir, 'pkg.json', JSON.stringify(PACKAGE));
    const out = join(dir, 'out');
    expect(await run(['template', 'project-goals', '-o', out, '--jurisdiction', pkg], captureIo())).toBe(0);
    const book = await XlsxWorkbook.fromBuffer(await readFile(join(out, templateFileName('project-goals'))));
    const [entry] = readMeta(await book.readBlock('_meta')).entries;
    expect([entry?.profile, entry?.framework]).toEqual(['hubei-2025', 'core-2021']);

    const goals = await writeFixture(dir, 'g.xlsx', await formFile('project-goals', projectGoals('项目甲')));
    const derived = join(dir, 'derived');
    expect(
      await run(
        ['derive', 'project-self-evaluation', goals, '-o', derived, '--jurisdiction', pkg],
        captureIo(),
      ),
    ).toBe(0);
    const self = await XlsxWorkbook.fromBuffer(await readFile(join(derived, 'g-项目支出绩效自评表.xlsx')));
    expect(readMeta(await self.readBlock('_meta')).entries[0]?.profile).toBe('hubei-2025');

    const search = captureIo();
    expect(await run(['library', 'search', '', '--jurisdiction', pkg], search)).toBe(0);
    expect(search.out().trim().split('\n')).toHaveLength(3);
  });

  test('the workbook remembers the package; check says when it is not given or another is', async () => {
    const dir = await tempDir();
    const pkg = await writeFixture(dir, 'pkg.json', JSON.stringify(PACKAGE));
    // The same package saved with other spacing is the same package.
    const same = await writeFixture(dir, 'same.json', JSON.stringify(PACKAGE, null, 2));
    const other = await writeFixture(dir, 'other.json', JSON.stringify({ ...PACKAGE, version: '2026.1' }));
    const out = join(dir, 'out');
    expect(await run(['template', 'project-goals', '-o', out, '--jurisdiction', pkg], captureIo())).toBe(0);
    const file = join(out, templateFileName('project-goals'));
    const book = await XlsxWorkbook.fromBuffer(await readFile(file));
    const recorded = readJurisdictionRecord(await book.readBlock('_meta'));
    expect(recorded).toMatchObject({ name: '湖北口径', version: '2025.1' });
    expect(recorded?.hash).toMatch(/^[0-9a-f]{64}$/);

    const infos = async (...args: string[]) => {
      const io = captureIo();
      await run(['check', file, '--format', 'json', ...args], io);
      const report = JSON.parse(io.out()) as BatchReport;
      return report.files
        .flatMap((f) => f.sheets.flatMap((s) => s.issues))
        .filter((i) => i.code.startsWith('jurisdiction_'));
    };
    const notGiven = await infos();
    expect(notGiven.map((i) => [i.code, i.severity])).toEqual([['jurisdiction_not_given', 'info']]);
    expect(notGiven[0]?.message).toContain('湖北口径');
    expect(await infos('--profile', 'hubei')).toHaveLength(1);
    expect(await infos('--jurisdiction', pkg)).toEqual([]);
    expect(await infos('--jurisdiction', same)).toEqual([]);
    const different = await infos('--jurisdiction', other, '--lang', 'en');
    expect(different.map((i) => i.code)).toEqual(['jurisdiction_different']);
    expect(different[0]?.message).toContain('version 2026.1');

    // A workbook made without a package is checked as before.
    const plain = join(dir, 'plain');
    expect(await run(['template', 'project-goals', '-o', plain], captureIo())).toBe(0);
    const io = captureIo();
    await run(['check', join(plain, templateFileName('project-goals')), '--format', 'json'], io);
    expect(io.out()).not.toContain('jurisdiction_');
  });

  test('a bad package is refused with the path of each error, and nothing is written', async () => {
    const dir = await tempDir();
    const pkg = await writeFixture(
      dir,
      'bad.json',
      JSON.stringify({ ...PACKAGE, extra: true, framework: { ...PACKAGE.framework, level1: [] } }),
    );
    const out = join(dir, 'out');
    const io = captureIo();
    expect(await run(['template', 'project-goals', '-o', out, '--jurisdiction', pkg], io)).toBe(2);
    expect(io.err()).toContain('$.extra');
    const check = captureIo();
    expect(await run(['check', dir, '--jurisdiction', pkg], check)).toBe(2);
    expect(check.err()).toContain('$.extra');
    await expect(readdir(out)).rejects.toThrow();
  });
});
