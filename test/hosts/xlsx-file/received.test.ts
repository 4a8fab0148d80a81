/**
 * Received files: a corpus of bad files, each built here, must each come back with the code that tells the
 * reviewer what is wrong, without throwing and without hanging; readable files must still open.
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import JSZip from 'jszip';
import {
  DEFAULT_RECEIVED_LIMITS,
  type ReceivedLimits,
  type UnreadableCode,
} from '../../../src/hosts/xlsx-file/received';
import { openReceivedWorkbook } from '../../../src/hosts/xlsx-file/open-received';
import { UNREADABLE_MESSAGES, unreadableMessage } from '../../../src/domain/messages/file-messages';

jest.setTimeout(20_000);

/** Small enough that every case stays fast; the corpus files are sized against these. */
const TEST_LIMITS: Partial<ReceivedLimits> = {
  maxFileBytes: 2 * 1024 * 1024,
  maxUncompressedBytes: 8 * 1024 * 1024,
  maxCompressionRatio: 200,
  maxRows: 5_000,
  maxCols: 200,
  maxCells: 200_000,
  timeoutMs: 4_000,
};

const ascii = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf8'));

async function goodWorkbook(configure?: (book: ExcelJS.Workbook) => void | Promise<void>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('项目支出');
  ws.addRow(['指标名称', '年度指标值', '实际完成值']);
  ws.addRow(['培训人次', 1200, 1180]);
  ws.addRow(['满意度', '≥90%', '93%']);
  if (configure !== undefined) await configure(book);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Rebuilds a zip with some entries replaced (a string or bytes) or removed (null). */
async function rezip(
  source: Uint8Array,
  changes: Record<string, string | Uint8Array | null>,
): Promise<Buffer> {
  const zip = await JSZip.loadAsync(source);
  for (const [name, content] of Object.entries(changes)) {
    if (content === null) zip.remove(name);
    else zip.file(name, content);
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

async function zipOf(files: Record<string, string | Uint8Array>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(files)) zip.file(name, content);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

async function entryText(file: Uint8Array, name: string): Promise<string> {
  const zip = await JSZip.loadAsync(file);
  const entry = zip.file(name);
  if (entry === null) throw new Error(`test setup: no ${name}`);
  return entry.async('string');
}

/** Offset of the central directory record of `name`, walking the directory from the end record. */
function centralRecordOf(file: Buffer, name: string): number {
  const end = file.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = file.readUInt16LE(end + 10);
  let at = file.readUInt32LE(end + 16);
  for (let i = 0; i < count; i += 1) {
    const nameLength = file.readUInt16LE(at + 28);
    const entryName = file.toString('utf8', at + 46, at + 46 + nameLength);
    if (entryName === name) return at;
    at += 46 + nameLength + file.readUInt16LE(at + 30) + file.readUInt16LE(at + 32);
  }
  throw new Error(`test setup: ${name} not in the directory`);
}

function withBadCrc(file: Buffer, name: string): Buffer {
  const copy = Buffer.from(file);
  const central = centralRecordOf(copy, name);
  const local = copy.readUInt32LE(central + 42);
  const wrong = (copy.readUInt32LE(central + 16) ^ 0x5a5a5a5a) >>> 0;
  copy.writeUInt32LE(wrong, central + 16);
  copy.writeUInt32LE(wrong, local + 14);
  return copy;
}

function withDeclaredSize(file: Buffer, name: string, size: number): Buffer {
  const copy = Buffer.from(file);
  const central = centralRecordOf(copy, name);
  const local = copy.readUInt32LE(central + 42);
  copy.writeUInt32LE(size, central + 24);
  copy.writeUInt32LE(size, local + 22);
  return copy;
}

/** Overwrites the middle of an entry's deflated bytes, as a bad disk or transfer would. */
function withDamagedData(file: Buffer, name: string): Buffer {
  const copy = Buffer.from(file);
  const central = centralRecordOf(copy, name);
  const local = copy.readUInt32LE(central + 42);
  const dataStart = local + 30 + copy.readUInt16LE(local + 26) + copy.readUInt16LE(local + 28);
  const compressed = copy.readUInt32LE(central + 20);
  copy.fill(0xff, dataStart + Math.floor(compressed / 3), dataStart + Math.floor((compressed * 2) / 3));
  return copy;
}

/** Sets a 16-bit field of an entry in both its central and its local header. */
function withEntryField(file: Buffer, name: string, field: 'flags' | 'method', value: number): Buffer {
  const copy = Buffer.from(file);
  const central = centralRecordOf(copy, name);
  const local = copy.readUInt32LE(central + 42);
  const [centralAt, localAt] = field === 'flags' ? [8, 6] : [10, 8];
  copy.writeUInt16LE(value, central + centralAt);
  copy.writeUInt16LE(value, local + localAt);
  return copy;
}

function withEntryCount(file: Buffer, delta: number): Buffer {
  const copy = Buffer.from(file);
  const end = copy.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  copy.writeUInt16LE(copy.readUInt16LE(end + 8) + delta, end + 8);
  copy.writeUInt16LE(copy.readUInt16LE(end + 10) + delta, end + 10);
  return copy;
}

function withBrokenDirectoryOffset(file: Buffer): Buffer {
  const copy = Buffer.from(file);
  const end = copy.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  copy.writeUInt32LE(copy.readUInt32LE(end + 16) + 7, end + 16);
  return copy;
}

/** A minimal OLE compound file: header, one FAT sector, one directory sector naming the given streams. */
function compoundFile(streams: readonly string[]): Uint8Array {
  const sector = 512;
  const file = Buffer.alloc(sector * 3);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(file, 0);
  file.writeUInt16LE(0x003e, 24);
  file.writeUInt16LE(3, 26);
  file.writeUInt16LE(0xfffe, 28);
  file.writeUInt16LE(9, 30);
  file.writeUInt16LE(6, 32);
  file.writeUInt32LE(1, 44);
  file.writeUInt32LE(1, 48);
  file.writeUInt32LE(4096, 56);
  file.writeUInt32LE(0xfffffffe, 60);
  file.writeUInt32LE(0xfffffffe, 68);
  for (let i = 0; i < 109; i += 1) file.writeUInt32LE(i === 0 ? 0 : 0xffffffff, 76 + i * 4);
  const fat = sector;
  for (let i = 0; i < sector / 4; i += 1) file.writeUInt32LE(0xffffffff, fat + i * 4);
  file.writeUInt32LE(0xfffffffd, fat);
  file.writeUInt32LE(0xfffffffe, fat + 4);
  const directory = sector * 2;
  ['Root Entry', ...streams].forEach((name, i) => {
    const at = directory + i * 128;
    Buffer.from(`${name}\u0000`, 'utf16le').copy(file, at);
    file.writeUInt16LE((name.length + 1) * 2, at + 64);
    file[at + 66] = i === 0 ? 5 : 2;
  });
  return new Uint8Array(file);
}

/** Deterministic noise that is clearly binary. */
function noise(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let state = seed;
  for (let i = 0; i < length; i += 1) {
    state = (state * 1103515245 + 12345) >>> 0;
    out[i] = state >>> 24;
  }
  out[3] = 0x00;
  return out;
}

function sheetWithDimension(xml: string, ref: string): string {
  return /<dimension\b/.test(xml)
    ? xml.replace(/<dimension ref="[^"]*"\/>/, `<dimension ref="${ref}"/>`)
    : xml.replace(/(<worksheet[^>]*>)/, `$1<dimension ref="${ref}"/>`);
}

interface Case {
  kind: string;
  build: () => Promise<Uint8Array> | Uint8Array;
  expected: UnreadableCode | 'ok';
  limits?: Partial<ReceivedLimits>;
}

const CORPUS: Case[] = [
  { kind: 'empty file', build: () => new Uint8Array(0), expected: 'empty_file' },
  { kind: 'one byte', build: () => ascii('A'), expected: 'not_xlsx' },
  { kind: 'random bytes', build: () => noise(4096, 7), expected: 'not_xlsx' },
  { kind: 'plain text', build: () => ascii('这是一份说明文字\n请查收\n'), expected: 'csv_or_text' },
  {
    kind: 'CSV with commas',
    build: () => ascii('项目名称,预算金额,完成率\n培训,120.5,98%\n'),
    expected: 'csv_or_text',
  },
  {
    kind: 'CSV with tabs',
    build: () => ascii('项目名称\t预算金额\n培训\t120.5\n'),
    expected: 'csv_or_text',
  },
  {
    kind: 'CSV in GBK bytes',
    // "项目,金额" then a newline, as a GBK export writes it.
    build: () =>
      new Uint8Array([0xcf, 0xee, 0xc4, 0xbf, 0x2c, 0xbd, 0xf0, 0xb6, 0xee, 0x0d, 0x0a, 0x31, 0x2c, 0x32]),
    expected: 'csv_or_text',
  },
  {
    kind: 'UTF-16 text with a byte order mark',
    build: () =>
      new Uint8Array(
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('项目\t金额\r\n培训\t12\r\n', 'utf16le')]),
      ),
    expected: 'csv_or_text',
  },
  {
    kind: 'HTML renamed to .xlsx',
    build: () => ascii('<html><body><table><tr><td>项目</td></tr></table></body></html>'),
    expected: 'html',
  },
  {
    kind: 'HTML with a doctype',
    build: () => ascii('<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"></head></html>'),
    expected: 'html',
  },
  {
    kind: 'HTML table export with BOM and leading blank lines',
    build: () => ascii('\uFEFF\r\n\r\n<table border="1"><tr><td>项目</td></tr></table>'),
    expected: 'html',
  },
  {
    kind: 'JSON',
    build: () => ascii('{\n  "项目": "培训",\n  "金额": 120\n}\n'),
    expected: 'csv_or_text',
  },
  {
    kind: 'XML without a zip',
    build: () =>
      ascii('<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>'),
    expected: 'not_xlsx',
  },
  {
    kind: 'PDF header',
    build: () =>
      new Uint8Array(
        Buffer.concat([Buffer.from('%PDF-1.7\n%'), Buffer.from([0xe2, 0xe3, 0xcf, 0xd3, 0x0a])]),
      ),
    expected: 'not_xlsx',
  },
  {
    kind: 'PNG header',
    build: () =>
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
    expected: 'not_xlsx',
  },
  {
    kind: 'legacy .xls (OLE)',
    build: () => compoundFile(['Workbook', '\u0005SummaryInformation']),
    expected: 'xls_format',
  },
  {
    kind: 'encrypted OOXML (OLE with EncryptionInfo)',
    build: () => compoundFile(['EncryptionInfo', 'EncryptedPackage', '\u0006DataSpaces']),
    expected: 'encrypted',
  },
  {
    kind: 'file over the size limit',
    build: () => goodWorkbook(),
    limits: { maxFileBytes: 1000 },
    expected: 'file_too_large',
  },
  { kind: 'empty zip', build: () => zipOf({}), expected: 'not_xlsx' },
  {
    kind: 'zip truncated after 10 bytes',
    build: async () => (await goodWorkbook()).subarray(0, 10),
    expected: 'truncated',
  },
  {
    kind: 'zip truncated at 40%',
    build: async () => {
      const good = await goodWorkbook();
      return good.subarray(0, Math.floor(good.length * 0.4));
    },
    expected: 'truncated',
  },
  {
    kind: 'zip truncated at 90%',
    build: async () => {
      const good = await goodWorkbook();
      return good.subarray(0, Math.floor(good.length * 0.9));
    },
    expected: 'truncated',
  },
  {
    kind: 'zip missing its last byte',
    build: async () => {
      const good = await goodWorkbook();
      return good.subarray(0, good.length - 1);
    },
    expected: 'truncated',
  },
  {
    kind: 'zip with a broken directory offset',
    build: async () => withBrokenDirectoryOffset(await goodWorkbook()),
    expected: 'corrupt',
  },
  {
    kind: 'zip with a bad CRC',
    build: async () => withBadCrc(await goodWorkbook(), 'xl/worksheets/sheet1.xml'),
    expected: 'corrupt',
  },
  {
    kind: 'zip with damaged deflate data',
    build: async () => withDamagedData(await goodWorkbook(), 'xl/worksheets/sheet1.xml'),
    expected: 'corrupt',
  },
  {
    kind: 'part with an unknown compression method',
    build: async () => withEntryField(await goodWorkbook(), 'xl/styles.xml', 'method', 99),
    expected: 'corrupt',
  },
  {
    kind: 'part flagged as encrypted inside the zip',
    build: async () => withEntryField(await goodWorkbook(), 'xl/workbook.xml', 'flags', 0x0001),
    expected: 'corrupt',
  },
  {
    kind: 'part declaring more bytes than it inflates to',
    build: async () => {
      const good = await goodWorkbook();
      const size = (await entryText(good, 'xl/styles.xml')).length;
      return withDeclaredSize(good, 'xl/styles.xml', size + 10);
    },
    expected: 'corrupt',
  },
  {
    kind: 'directory counting more entries than it lists',
    build: async () => withEntryCount(await goodWorkbook(), 1),
    expected: 'corrupt',
  },
  { kind: 'zip without workbook.xml', build: () => zipOf({ 'readme.txt': '说明' }), expected: 'not_xlsx' },
  {
    kind: 'a .docx',
    build: () =>
      zipOf({
        '[Content_Types].xml': '<?xml version="1.0"?><Types/>',
        'word/document.xml': '<?xml version="1.0"?><w:document/>',
      }),
    expected: 'not_xlsx',
  },
  {
    kind: 'zip bomb (a long run of zeros)',
    build: () => zipOf({ 'xl/workbook.xml': '<workbook/>', 'zeros.bin': new Uint8Array(6 * 1024 * 1024) }),
    expected: 'zip_bomb',
  },
  {
    kind: 'zip bomb declaring a small size',
    build: async () =>
      withDeclaredSize(
        await rezip(await goodWorkbook(), {
          'xl/worksheets/sheet1.xml': new Uint8Array(4 * 1024 * 1024),
        }),
        'xl/worksheets/sheet1.xml',
        100,
      ),
    expected: 'zip_bomb',
  },
  {
    // A part the checks never read is never inflated, so its lie costs nothing.
    kind: 'lying part that nothing reads',
    build: async () =>
      withDeclaredSize(
        await rezip(await goodWorkbook(), { 'xl/media/zeros.bin': new Uint8Array(4 * 1024 * 1024) }),
        'xl/media/zeros.bin',
        100,
      ),
    expected: 'ok',
  },
  {
    // Limits are counted while parsing; what <dimension> claims is never believed.
    kind: 'huge <dimension> with tiny content',
    build: async () => {
      const good = await goodWorkbook();
      const sheet = await entryText(good, 'xl/worksheets/sheet1.xml');
      return rezip(good, { 'xl/worksheets/sheet1.xml': sheetWithDimension(sheet, 'A1:XFD1048576') });
    },
    expected: 'ok',
  },
  {
    kind: 'more <row> elements than allowed and no dimension',
    build: () =>
      goodWorkbook((book) => {
        const ws = book.getWorksheet('项目支出');
        for (let r = 0; r < 80; r += 1) ws?.addRow([r]);
      }).then(async (file) => {
        const sheet = await entryText(file, 'xl/worksheets/sheet1.xml');
        return rezip(file, { 'xl/worksheets/sheet1.xml': sheet.replace(/<dimension ref="[^"]*"\/>/, '') });
      }),
    limits: { maxRows: 50 },
    expected: 'too_many_cells',
  },
  {
    kind: 'workbook.xml pointing at a missing sheet',
    build: async () => rezip(await goodWorkbook(), { 'xl/worksheets/sheet1.xml': null }),
    expected: 'no_sheets',
  },
  {
    kind: 'malformed XML in a sheet',
    build: async () =>
      rezip(await goodWorkbook(), {
        'xl/worksheets/sheet1.xml':
          '<?xml version="1.0"?><worksheet><sheetData><row r="1"><c r="A1"><v>1</c></row>',
      }),
    expected: 'corrupt',
  },
  {
    kind: '0-byte sheet XML',
    build: async () => rezip(await goodWorkbook(), { 'xl/worksheets/sheet1.xml': '' }),
    expected: 'corrupt',
  },
  {
    kind: 'workbook with no sheets at all',
    build: async () => {
      const good = await goodWorkbook();
      const workbook = await entryText(good, 'xl/workbook.xml');
      return rezip(good, {
        'xl/worksheets/sheet1.xml': null,
        'xl/workbook.xml': workbook.replace(/<sheets>.*<\/sheets>/s, '<sheets/>'),
      });
    },
    expected: 'no_sheets',
  },
  {
    kind: 'only sheet hidden',
    build: () =>
      goodWorkbook((book) => {
        const ws = book.getWorksheet('项目支出');
        if (ws !== undefined) ws.state = 'hidden';
      }),
    expected: 'ok',
  },
  {
    kind: 'whole-column data validation and conditional format (A:XFD)',
    build: async () => {
      const good = await goodWorkbook();
      const sheet = await entryText(good, 'xl/worksheets/sheet1.xml');
      const hostile =
        '<conditionalFormatting sqref="A1:XFD1048576"><cfRule type="expression" priority="1"><formula>TRUE</formula></cfRule></conditionalFormatting>' +
        '<dataValidations count="1"><dataValidation type="list" allowBlank="1" sqref="A1:XFD1048576"><formula1>"是,否"</formula1></dataValidation></dataValidations>';
      return rezip(good, { 'xl/worksheets/sheet1.xml': sheet.replace(/(<pageMargins\b)/, `${hostile}$1`) });
    },
    expected: 'ok',
  },
  {
    kind: 'password-protected sheet',
    build: () => goodWorkbook(async (book) => book.getWorksheet('项目支出')?.protect('secret', {})),
    expected: 'ok',
  },
  { kind: 'good file', build: () => goodWorkbook(), expected: 'ok' },
  {
    kind: 'good file saved without compression',
    build: async () =>
      (await JSZip.loadAsync(await goodWorkbook())).generateAsync({
        type: 'nodebuffer',
        compression: 'STORE',
      }),
    expected: 'ok',
  },
  {
    kind: 'good file inside a larger buffer',
    build: async () => {
      const good = await goodWorkbook();
      const padded = new Uint8Array(good.length + 64);
      padded.set(good, 32);
      return padded.subarray(32, 32 + good.length);
    },
    expected: 'ok',
  },
];

describe('openReceivedWorkbook: the bad-file corpus', () => {
  it('holds at least 30 kinds of file', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(30);
    expect(new Set(CORPUS.map((c) => c.kind)).size).toBe(CORPUS.length);
  });

  it.each(CORPUS.map((c) => [c.kind, c] as const))('%s', async (_kind, c) => {
    const file = await c.build();
    const before = Uint8Array.from(file);
    const result = await openReceivedWorkbook(file, { ...TEST_LIMITS, ...c.limits });
    expect(result.ok ? 'ok' : result.code).toBe(c.expected);
    if (!result.ok) expect(result.detail.length).toBeGreaterThan(0);
    expect(Buffer.from(file).equals(Buffer.from(before))).toBe(true);
  });
});

describe('openReceivedWorkbook: readable files', () => {
  it('reads the cells of a good file', async () => {
    const result = await openReceivedWorkbook(await goodWorkbook(), TEST_LIMITS);
    if (!result.ok) throw new Error(`expected ok, got ${result.code}: ${result.detail}`);
    const block = await result.workbook.readBlock('项目支出');
    expect(block.values[1]).toEqual(['培训人次', 1200, 1180]);
  });

  it('keeps a hidden only sheet visible to the checks as hidden', async () => {
    const file = await goodWorkbook((book) => {
      const ws = book.getWorksheet('项目支出');
      if (ws !== undefined) ws.state = 'hidden';
    });
    const result = await openReceivedWorkbook(file, TEST_LIMITS);
    if (!result.ok) throw new Error(`expected ok, got ${result.code}`);
    expect(await result.workbook.listSheets()).toEqual([
      { name: '项目支出', visibility: 'hidden', usedRange: 'A1:C3' },
    ]);
  });

  it('still reads the cells of a sheet whose whole-column validation was skipped', async () => {
    const c = CORPUS.find((k) => k.kind.startsWith('whole-column'));
    if (c === undefined) throw new Error('test setup: case missing');
    const result = await openReceivedWorkbook(await c.build(), TEST_LIMITS);
    if (!result.ok) throw new Error(`expected ok, got ${result.code}`);
    const block = await result.workbook.readBlock('项目支出', 'A2:C2');
    expect(block.values).toEqual([['培训人次', 1200, 1180]]);
  });

  it('gives up with timeout when reading takes longer than allowed', async () => {
    const big = await goodWorkbook((book) => {
      const ws = book.getWorksheet('项目支出');
      for (let r = 0; r < 3000; r += 1) ws?.addRow([`项目${r}`, r, r * 2, '说明文字']);
    });
    const result = await openReceivedWorkbook(big, { ...TEST_LIMITS, timeoutMs: 1 });
    expect(result.ok ? 'ok' : result.code).toBe('timeout');
  });

  it('uses limits sized for hundreds of received workbooks by default', () => {
    expect(DEFAULT_RECEIVED_LIMITS).toEqual({
      maxFileBytes: 50 * 1024 * 1024,
      maxUncompressedBytes: 300 * 1024 * 1024,
      maxCompressionRatio: 200,
      maxRows: 100_000,
      maxCols: 500,
      maxCells: 2_000_000,
      maxMerges: 200_000,
      maxStrings: 2_000_000,
      maxChars: 100_000_000,
      timeoutMs: 20_000,
    });
  });
});

describe('openReceivedWorkbook: a batch', () => {
  it('reads the good files of a batch that mixes them with bad ones', async () => {
    const files = await Promise.all(CORPUS.map(async (c) => ({ c, file: await c.build() })));
    const results = await Promise.all(
      files.map(({ c, file }) => openReceivedWorkbook(file, { ...TEST_LIMITS, ...c.limits })),
    );
    const codes = results.map((r) => (r.ok ? 'ok' : r.code));
    expect(codes).toEqual(CORPUS.map((c) => c.expected));
    for (const r of results) {
      if (!r.ok) continue;
      const sheets = await r.workbook.listSheets();
      expect(sheets.map((s) => s.name)).toEqual(['项目支出']);
      const block = await r.workbook.readBlock('项目支出', 'A1');
      expect(block.values).toEqual([['指标名称']]);
    }
  });

  it('never throws on any cut of a good file', async () => {
    const good = await goodWorkbook();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: good.length - 1 }), async (length) => {
        const result = await openReceivedWorkbook(good.subarray(0, length), TEST_LIMITS);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(['truncated', 'corrupt', 'not_xlsx']).toContain(result.code);
      }),
      { numRuns: 40 },
    );
  });

  it('never throws on arbitrary bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 600 }), async (bytes) => {
        const result = await openReceivedWorkbook(bytes, TEST_LIMITS);
        expect(result.ok).toBe(false);
      }),
      { numRuns: 100 },
    );
  });
});

describe('unreadableMessage', () => {
  const codes: UnreadableCode[] = [
    'empty_file',
    'file_too_large',
    'not_xlsx',
    'xls_format',
    'csv_or_text',
    'html',
    'encrypted',
    'truncated',
    'corrupt',
    'zip_bomb',
    'too_many_cells',
    'no_sheets',
    'timeout',
  ];

  it.each(codes)('has Chinese and English text for %s', (code) => {
    expect(Object.keys(UNREADABLE_MESSAGES)).toContain(code);
    expect(unreadableMessage(code, 'zh-CN')).toMatch(/[\u4e00-\u9fff]/);
    expect(unreadableMessage(code, 'en')).toMatch(/^[\x20-\x7e]+$/);
  });

  it('tells the sender what to do with an encrypted file', () => {
    expect(unreadableMessage('encrypted', 'zh-CN')).toBe('文件已加密，请去除密码后重新提交');
  });

  it('falls back to a general text for an unknown code', () => {
    expect(unreadableMessage('no_such_code', 'zh-CN')).toContain('无法读取');
    expect(unreadableMessage('toString', 'en')).toContain('cannot be read');
  });
});
