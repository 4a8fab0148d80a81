/**
 * The bad-file corpus against the built command line, as a reviewer runs it: one folder holding good
 * workbooks beside hostile ones (a far cell with no or a lying <dimension>, a merge over the whole sheet, a
 * defined name over the whole sheet, 100,000 merges, escapes and line breaks meant for the terminal, a
 * `constructor` grade), a named pipe, a link to a good file and one to nothing, a folder no one may read,
 * and /dev/zero named on the command line. Each file must come back with its code, the good ones checked,
 * the report written, within the time and under 1 GB of memory, with --jobs 1 and --jobs 2.
 */
import { execFile, spawn } from 'node:child_process';
import { chmod, mkdir, readFile, readdir, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { build } from 'esbuild';
import { temporaryName } from '../../src/cli/files';
import { gradedSelfEvaluation, removeTempDirs, selfEvaluationFile, tempDir } from './workbooks';

const exec = promisify(execFile);

jest.setTimeout(300_000);
afterAll(removeTempDirs);

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const R_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const WS_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet';

/** A workbook of one sheet, written part by part: what a hostile file is made of. */
async function handMade(sheetXml: string, workbookExtra = ''): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    'xl/workbook.xml',
    `<workbook ${NS} ${R_NS}><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets>${workbookExtra}</workbook>`,
  );
  zip.file(
    'xl/_rels/workbook.xml.rels',
    `<Relationships><Relationship Id="rId1" Type="${WS_TYPE}" Target="worksheets/sheet1.xml"/></Relationships>`,
  );
  zip.file('xl/worksheets/sheet1.xml', sheetXml);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** A good file with some of its parts' text replaced. */
async function edited(file: Buffer, edits: Record<string, (xml: string) => string>): Promise<Buffer> {
  const zip = await JSZip.loadAsync(file);
  for (const [name, edit] of Object.entries(edits)) {
    const xml = await zip.file(name)?.async('string');
    if (xml === undefined) throw new Error(`test setup: no ${name}`);
    const changed = edit(xml);
    if (changed === xml) throw new Error(`test setup: the edit of ${name} changed nothing`);
    zip.file(name, changed);
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

const FAR_CELL = '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>';
const ESCAPE = '_x001B_[2J_x001B_[31m';

/** The corpus folder; returns what each file must come back as, by path. */
async function corpus(root: string): Promise<Map<string, string>> {
  const expected = new Map<string, string>();
  const put = async (name: string, bytes: Buffer, code: string) => {
    const path = join(root, name);
    await writeFile(path, bytes);
    expected.set(path, code);
  };
  const good = await gradedSelfEvaluation('优', 'A');
  await put('good-1.xlsx', good, 'checked');
  await put('good-2.xlsx', await gradedSelfEvaluation('中', 'B'), 'checked');
  await put(
    'far-cell-no-dimension.xlsx',
    await handMade(`<worksheet ${NS}><sheetData>${FAR_CELL}</sheetData></worksheet>`),
    'too_many_cells',
  );
  await put(
    'far-cell-lying-dimension.xlsx',
    await handMade(`<worksheet ${NS}><dimension ref="A1:B2"/><sheetData>${FAR_CELL}</sheetData></worksheet>`),
    'too_many_cells',
  );
  await put(
    'merge-whole-sheet.xlsx',
    await handMade(
      `<worksheet ${NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>说明</t></is></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells></worksheet>`,
    ),
    'form_unrecognized',
  );
  await put(
    'name-whole-sheet.xlsx',
    await edited(good, {
      'xl/workbook.xml': (xml) =>
        xml.replace(
          '</sheets>',
          '</sheets><definedNames><definedName name="整表">项目支出绩效自评表!$A$1:$XFD$1048576</definedName></definedNames>',
        ),
    }),
    'checked',
  );
  const merges = Array.from({ length: 100_000 }, (_, i) => `<mergeCell ref="A${i + 1}:B${i + 1}"/>`).join('');
  await put(
    '100000-merges.xlsx',
    await handMade(
      `<worksheet ${NS}><sheetData/><mergeCells count="100000">${merges}</mergeCells></worksheet>`,
    ),
    'form_unrecognized',
  );
  await put(
    'terminal-escapes.xlsx',
    await edited(await selfEvaluationFile({ statedGrade: 'GRADE-TEXT' }), {
      'xl/sharedStrings.xml': (xml) => xml.replace('GRADE-TEXT', `优${ESCAPE}_x000A_[已检查] forged.xlsx`),
      'xl/workbook.xml': (xml) =>
        xml.replace(/name="([^"]*自评表[^"]*)"/, 'name="$1&#10;[已检查] forged-sheet.xlsx"'),
    }),
    'checked',
  );
  await put('constructor-grade.xlsx', await selfEvaluationFile({ statedGrade: 'constructor' }), 'checked');
  await put('proto-grade.xlsx', await selfEvaluationFile({ statedGrade: '__proto__' }), 'checked');
  await exec('mkfifo', [join(root, 'pipe.xlsx')]);
  expected.set(join(root, 'pipe.xlsx'), 'not_regular_file');
  await symlink(join(root, 'good-1.xlsx'), join(root, 'link-to-good.xlsx'));
  expected.set(join(root, 'link-to-good.xlsx'), 'checked');
  await symlink(join(root, 'gone.xlsx'), join(root, 'link-to-nothing.xlsx'));
  expected.set(join(root, 'link-to-nothing.xlsx'), 'broken_link');
  const locked = join(root, 'locked');
  await mkdir(locked);
  await writeFile(join(locked, 'inside.xlsx'), good);
  await chmod(locked, 0o000);
  expected.set(locked, 'folder_unreadable');
  expected.set('/dev/zero', 'not_regular_file');
  return expected;
}

let bundle = '';
let root = '';
let expected = new Map<string, string>();
let outDir = '';

beforeAll(async () => {
  const dir = await tempDir();
  await chmod(dir, 0o755);
  bundle = join(dir, 'bpa.js');
  // The command line as it ships: one JavaScript file that is also its own worker entry.
  await build({
    entryPoints: [join(__dirname, '../../src/cli/main.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    outfile: bundle,
    logLevel: 'silent',
  });
  await writeFile(
    join(dir, 'peak.js'),
    `process.on('exit', () => require('fs').writeFileSync(process.env.BPA_PEAK_FILE, String(process.resourceUsage().maxRSS)));`,
  );
  root = join(dir, 'received');
  await mkdir(root);
  expected = await corpus(root);
  outDir = join(dir, 'out');
  await mkdir(outDir);
  await chmod(outDir, 0o777);
  for (const name of await readdir(root)) {
    if (name !== 'locked') await chmod(join(root, name), 0o755).catch(() => undefined);
  }
});

/**
 * Runs the built command line. As root a folder without permissions is still readable, so the command
 * then runs as `nobody`, for whom it is not.
 */
function bpa(args: string[], peakFile?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  const preload = peakFile === undefined ? [] : ['-r', join(bundle, '../peak.js')];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...preload, bundle, ...args], {
      ...asNobody,
      env: { ...process.env, ...(peakFile === undefined ? {} : { BPA_PEAK_FILE: peakFile }) },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EACCES' && 'uid' in asNobody
          ? new Error(
              `${process.execPath} cannot be run by nobody: install Node outside a private home folder`,
            )
          : error,
      ),
    );
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

interface JsonReport {
  files: {
    file: string;
    status: string;
    error?: { code: string; message: string };
    sheets: { sheet: string; issues: { code: string; cell: string | null; message: string }[] }[];
  }[];
}

describe.each([1, 2])('bpa check --jobs %i over the bad-file corpus', (jobs) => {
  it('reports every file with its code, checks the good ones and writes the report, within its limits', async () => {
    const report = join(outDir, `report-${jobs}.json`);
    const peakFile = join(outDir, `peak-${jobs}.txt`);
    const started = Date.now();
    const result = await bpa(
      ['check', root, '/dev/zero', '--format', 'json', '--jobs', String(jobs), '-o', report],
      peakFile,
    );
    const seconds = (Date.now() - started) / 1000;
    expect(result.code).toBe(2);
    const json = JSON.parse(await readFile(report, 'utf8')) as JsonReport;
    const got = new Map(
      json.files.map((f) => [
        f.file,
        f.status === 'unreadable' || f.status === 'unrecognized' ? (f.error?.code ?? f.status) : f.status,
      ]),
    );
    expect(Object.fromEntries(got)).toEqual(Object.fromEntries(expected));
    // Every message has its text, in the language asked for (zh-CN by default).
    for (const f of json.files.filter((x) => x.error !== undefined))
      expect(f.error?.message).toMatch(/[\u4e00-\u9fff]/);
    // The `constructor` and `__proto__` grades are not grades.
    for (const name of ['constructor-grade.xlsx', 'proto-grade.xlsx']) {
      const file = json.files.find((f) => f.file.endsWith(name));
      expect(file?.sheets[0]?.issues.map((i) => i.code)).toContain('grade_invalid');
    }
    // Limits: the whole batch in well under a minute (each hostile file costs its limit at most), and memory.
    expect(seconds).toBeLessThan(90);
    const peakMb = Number(await readFile(peakFile, 'utf8')) / 1024;
    expect(peakMb).toBeGreaterThan(20);
    expect(peakMb).toBeLessThan(1024);
  });
});

describe('the text report and the terminal', () => {
  it('show escapes and line breaks from a workbook as visible escapes, one issue per line', async () => {
    const files = [...expected.keys()].filter(
      (f) => f.endsWith('terminal-escapes.xlsx') || f.endsWith('good-1.xlsx'),
    );
    const result = await bpa(['check', ...files, '--jobs', '1']);
    // eslint-disable-next-line no-control-regex -- no control character may reach the terminal
    expect(result.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(result.stdout).toContain('等级“优\\x1B[2J\\x1B[31m');
    const lines = result.stdout.trimEnd().split('\n');
    // Every line is a file's status line, an issue (indented) or the summary: nothing forged.
    for (const line of lines.slice(0, -1)) expect(line).toMatch(/^(\[(已检查|无法读取|未识别)\] \/| {2}\S)/);
    expect(lines.filter((l) => l.startsWith('[已检查]'))).toHaveLength(2);
    expect(result.stdout).toContain('\\n[已检查] forged-sheet.xlsx');
  });
});

describe('-o', () => {
  it('never names a file being checked, even with --force', async () => {
    const input = [...expected.keys()].find((f) => f.endsWith('good-2.xlsx')) ?? '';
    const before = await readFile(input);
    const viaLink = [...expected.keys()].find((f) => f.endsWith('link-to-good.xlsx')) ?? '';
    for (const target of [input, viaLink]) {
      const result = await bpa(['check', root, '--format', 'json', '-o', target, '--force']);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/-o 指向被检查的文件/);
    }
    expect((await readFile(input)).equals(before)).toBe(true);
  });

  it('in a missing folder, or naming a folder, is refused before any file is checked', async () => {
    const missing = await bpa(['check', root, '-o', join(outDir, 'no-such-folder', 'r.txt')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/报告所在的文件夹不存在/);
    const folder = await bpa(['check', root, '-o', outDir]);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/-o 是一个文件夹/);
    // Nothing was checked: no summary line was printed.
    expect(missing.stderr + folder.stderr).not.toMatch(/检查 \d+ 个文件/);
  });
});

describe('temporary report files', () => {
  it('stay within 255 bytes, however long the report name', () => {
    const long = join('/tmp', `${'绩效报告'.repeat(30)}.json`);
    const temp = temporaryName(long);
    const name = temp.slice(temp.lastIndexOf('/') + 1);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
    expect(name).toMatch(/^\.绩效报告.*\.[0-9a-f]{12}\.tmp$/);
  });

  it.each(['SIGINT', 'SIGTERM'] as const)('are removed when the process gets %s', async (signal) => {
    const dir = await tempDir();
    const target = join(dir, 'report.txt');
    // A report still being written (its chunks never end) when the signal comes.
    const script = `
      const { removeTemporaryFilesOnSignals, writeFileAtomically } = require(${JSON.stringify(join(__dirname, '../../src/cli/files.ts'))});
      removeTemporaryFilesOnSignals();
      async function* chunks() { yield 'first line\\n'; await new Promise(() => setInterval(() => {}, 1000)); }
      void writeFileAtomically(${JSON.stringify(target)}, chunks(), false);
    `;
    const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), '-e', script]);
    let temp: string | undefined;
    for (let i = 0; i < 200 && temp === undefined; i += 1) {
      await new Promise((r) => setTimeout(r, 100));
      temp = (await readdir(dir)).find((n) => n.endsWith('.tmp'));
    }
    expect(temp).toBeDefined();
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill(signal);
    expect(await exited).toBe(signal === 'SIGINT' ? 130 : 143);
    expect(await readdir(dir)).toEqual([]);
    await expect(stat(target)).rejects.toThrow();
  });
});
