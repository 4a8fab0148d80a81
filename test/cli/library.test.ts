import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run } from '../../src/cli/run';
import { loadLibrary } from '../../src/domain/framework/library';
import { XlsxWorkbook } from '../../src/hosts/xlsx-file/xlsx-workbook';
import { TRAINER_ROWS } from '../helpers/trainer-library';
import { captureIo, removeTempDirs, tempDir, writeFixture } from './workbooks';

afterAll(removeTempDirs);
// Several workbooks are written and read per test; a machine under load needs more than the default 5 s.
jest.setTimeout(60_000);

async function trainerFile(): Promise<Uint8Array> {
  const book = XlsxWorkbook.create();
  await book.applyPlan({
    formSheet: '指标',
    ops: [
      { kind: 'ensureSheet', sheet: '说明', visibility: 'visible', ifExists: 'fail' },
      { kind: 'writeBlock', sheet: '说明', topLeft: 'A1', values: [['本表列出培训类指标']] },
      { kind: 'ensureSheet', sheet: '指标', visibility: 'visible', ifExists: 'fail' },
      { kind: 'writeBlock', sheet: '指标', topLeft: 'A1', values: TRAINER_ROWS },
    ],
  });
  return book.toBuffer();
}

describe('bpa library', () => {
  test('import keeps the good rows, reports the bad ones by row, and writes a valid library', async () => {
    const dir = await tempDir();
    const input = await writeFixture(dir, '指标.xlsx', await trainerFile());
    const output = join(dir, 'library.json');
    const io = captureIo();
    expect(await run(['library', 'import', input, '-o', output], io)).toBe(1);
    for (const row of [5, 6, 7, 9, 11]) expect(io.err()).toContain(`指标 第 ${row} 行`);
    expect(io.out()).toContain('已导入 3 项指标，5 行有问题未导入');
    const loaded = loadLibrary(JSON.parse(await readFile(output, 'utf8')));
    if (!loaded.ok) throw new Error('not a valid library');
    expect(loaded.library.map((i) => i.name)).toEqual(['培训人次', '培训合格率', '长效机制建立']);
    expect(loaded.library[0]?.initials).toBe('pxrc');

    // Not over an existing file without --force.
    expect(await run(['library', 'import', input, '-o', output], captureIo())).toBe(2);
    expect(await run(['library', 'import', input, '-o', output, '--force'], captureIo())).toBe(1);

    // The library file loads where a library is asked for.
    const search = captureIo();
    expect(await run(['library', 'search', 'pxrc', '--library', output], search)).toBe(0);
    expect(search.out().split('\n')[0]).toContain('培训人次');
  });

  test('a bad library file is refused with the path of each error', async () => {
    const dir = await tempDir();
    const bad = await writeFixture(dir, 'bad.json', JSON.stringify([{ id: 'X', name: '' }]));
    const io = captureIo();
    expect(await run(['library', 'search', '培训', '--library', bad], io)).toBe(2);
    expect(io.err()).toContain('$[0].id');
    expect(io.err()).toContain('$[0].name');
  });

  test('a workbook without an indicator header is a usage error', async () => {
    const dir = await tempDir();
    const book = XlsxWorkbook.create();
    await book.applyPlan({
      formSheet: 'a',
      ops: [
        { kind: 'ensureSheet', sheet: 'a', visibility: 'visible', ifExists: 'fail' },
        { kind: 'writeBlock', sheet: 'a', topLeft: 'A1', values: [['名称']] },
      ],
    });
    const input = await writeFixture(dir, 'x.xlsx', await book.toBuffer());
    const io = captureIo();
    expect(await run(['library', 'import', input, '-o', join(dir, 'o.json')], io)).toBe(2);
    expect(io.err()).toContain('三级指标');
  });
});
