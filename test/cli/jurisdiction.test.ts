import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run } from '../../src/cli/run';
import { getFramework } from '../../src/domain/framework/frameworks';
import { BUILT_IN_LIBRARY } from '../../src/domain/framework/library';
import { readMeta } from '../../src/domain/forms/read-meta';
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
    const self = await XlsxWorkbook.fromBuffer(
      await readFile(join(derived, 'g-project-self-evaluation.xlsx')),
    );
    expect(readMeta(await self.readBlock('_meta')).entries[0]?.profile).toBe('hubei-2025');

    const search = captureIo();
    expect(await run(['library', 'search', '', '--jurisdiction', pkg], search)).toBe(0);
    expect(search.out().trim().split('\n')).toHaveLength(3);
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
