/**
 * Opening a workbook someone else sent (product.md §6, §8; platform.md §3). Reviewers run `bpa check` over
 * hundreds of received files, so one hostile or broken file must cost little and say plainly what is wrong:
 * the checks run cheapest first and exceljs only ever sees a file that passed all of them.
 */
import JSZip from 'jszip';
import { parseRange } from '../../domain/grid/address';
import { XlsxWorkbook } from './xlsx-workbook';

export type UnreadableCode =
  | 'empty_file'
  | 'file_too_large'
  | 'not_xlsx'
  | 'xls_format'
  | 'csv_or_text'
  | 'html'
  | 'encrypted'
  | 'truncated'
  | 'corrupt'
  | 'zip_bomb'
  | 'too_many_cells'
  | 'no_sheets'
  | 'timeout';

export interface ReceivedLimits {
  maxFileBytes: number;
  maxUncompressedBytes: number;
  maxCompressionRatio: number;
  maxRows: number;
  maxCols: number;
  maxCells: number;
  timeoutMs: number;
}

export const DEFAULT_RECEIVED_LIMITS: ReceivedLimits = {
  maxFileBytes: 50 * 1024 * 1024,
  maxUncompressedBytes: 300 * 1024 * 1024,
  maxCompressionRatio: 200,
  maxRows: 100_000,
  maxCols: 500,
  maxCells: 2_000_000,
  timeoutMs: 20_000,
};

export type ReceivedResult =
  { ok: true; workbook: XlsxWorkbook } | { ok: false; code: UnreadableCode; detail: string };

/** Worksheet parts the checks never need and that can hang exceljs on whole-column ranges (#1842, #2929). */
const IGNORED_NODES = ['dataValidations', 'conditionalFormatting', 'extLst'] as const;

/** The sheet head that must hold <dimension>: it comes right after <sheetPr>. */
const SHEET_HEAD_BYTES = 16 * 1024;
const TEXT_SNIFF_BYTES = 4096;

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_ENTRY_SIGNATURE = 0x02014b50;
const EOCD_LENGTH = 22;
const MAX_ZIP_COMMENT = 0xffff;
const ZIP64_EXTRA_ID = 0x0001;
const SHEET_ENTRY = /^xl\/worksheets\/sheet\d+\.xml$/;

class Unreadable extends Error {
  constructor(
    readonly code: UnreadableCode,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
  }
}

const fail = (code: UnreadableCode, detail: string): ReceivedResult => ({ ok: false, code, detail });

/** Never throws: every outcome, including an unexpected bug, comes back as a result the caller can report. */
export async function openReceivedWorkbook(
  buffer: Uint8Array,
  limits: Partial<ReceivedLimits> = {},
): Promise<ReceivedResult> {
  const effective: ReceivedLimits = { ...DEFAULT_RECEIVED_LIMITS, ...limits };
  try {
    return await openChecked(buffer, effective);
  } catch (error) {
    if (error instanceof Unreadable) return fail(error.code, error.detail);
    return fail('corrupt', `无法读取 / cannot read: ${reasonOf(error)}`);
  }
}

async function openChecked(buffer: Uint8Array, limits: ReceivedLimits): Promise<ReceivedResult> {
  if (buffer.byteLength === 0) return fail('empty_file', '文件为空 / the file has no bytes');
  if (buffer.byteLength > limits.maxFileBytes) {
    return fail(
      'file_too_large',
      `${buffer.byteLength} 字节，上限 ${limits.maxFileBytes} / ${buffer.byteLength} bytes, limit ${limits.maxFileBytes}`,
    );
  }
  const notZip = sniffNonZip(buffer);
  if (notZip !== null) return notZip;

  const zip = await loadZipDirectory(buffer);
  const entries = readCentralDirectory(buffer);
  checkDeclaredSizes(entries, buffer.byteLength, limits);
  if (zip.file('xl/workbook.xml') === null) {
    return fail('not_xlsx', '压缩包中没有 xl/workbook.xml / the zip has no xl/workbook.xml');
  }
  await checkSheetDimensions(zip, limits);
  await verifyEntries(zip, entries, limits);
  return loadWithTimeout(buffer, limits);
}

// ---------------------------------------------------------------- magic bytes

function startsWith(buffer: Uint8Array, bytes: readonly number[]): boolean {
  return buffer.byteLength >= bytes.length && bytes.every((b, i) => buffer[i] === b);
}

function sniffNonZip(buffer: Uint8Array): ReceivedResult | null {
  if (startsWith(buffer, [0x50, 0x4b, 0x03, 0x04])) return null;
  // An empty zip starts with its end record; it holds no workbook either.
  if (startsWith(buffer, [0x50, 0x4b, 0x05, 0x06])) return fail('not_xlsx', '空的压缩包 / an empty zip');
  if (startsWith(buffer, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return sniffCompoundFile(buffer);
  if (startsWith(buffer, [0x25, 0x50, 0x44, 0x46])) return fail('not_xlsx', 'PDF 文件 / a PDF file');
  const text = textHead(buffer);
  if (text === null) return fail('not_xlsx', '未知的二进制格式 / unknown binary format');
  const head = text
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  // Web systems often export an HTML table under an .xls or .xlsx name.
  if (
    head.startsWith('<html') ||
    head.startsWith('<!doctype html') ||
    /^<(?:\?xml[^>]*>\s*)?<html/.test(head)
  ) {
    return fail('html', '网页 (HTML) 文件 / an HTML page');
  }
  if (head.startsWith('<') && /<(?:html|table)[\s>]/.test(head)) {
    return fail('html', '网页 (HTML) 文件 / an HTML page');
  }
  if (head.startsWith('<')) return fail('not_xlsx', 'XML 文本，不是 xlsx / XML text, not an xlsx');
  if (/[,\t;\n]/.test(head)) return fail('csv_or_text', '文本或 CSV 文件 / a text or CSV file');
  return fail('not_xlsx', '无法识别的文件 / unrecognised file');
}

/**
 * The first bytes as text, or null when they look binary. Bytes above 0x7F pass, so UTF-8 and GBK text
 * (what Chinese systems export) both count as text; only control bytes mark a binary file.
 */
function textHead(buffer: Uint8Array): string | null {
  const head = buffer.subarray(0, TEXT_SNIFF_BYTES);
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) {
    const decoded = new TextDecoder(head[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(head.subarray(2));
    for (let i = 0; i < decoded.length; i += 1) if (isControl(decoded.charCodeAt(i))) return null;
    return decoded;
  }
  for (const byte of head) if (isControl(byte)) return null;
  return new TextDecoder('utf-8').decode(head);
}

/** Tab, line feed and carriage return are what separate a text table's cells and rows. */
function isControl(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f;
}

/**
 * An OLE compound file is either a legacy .xls or an OOXML file Excel wrapped when a password was set; the
 * latter names its streams EncryptionInfo and EncryptedPackage (MS-OFFCRYPTO). The names are stored as
 * UTF-16LE in the directory, so finding them there is enough to tell the two apart.
 */
function sniffCompoundFile(buffer: Uint8Array): ReceivedResult {
  const bytes = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const encrypted = ['EncryptionInfo', 'EncryptedPackage'].some((name) =>
    bytes.includes(Buffer.from(name, 'utf16le')),
  );
  return encrypted
    ? fail('encrypted', '文件设置了打开密码 / the file is password-encrypted')
    : fail('xls_format', '旧版 Excel 97-2003 (.xls) 文件 / a legacy .xls file');
}

// ---------------------------------------------------------------- the zip directory

async function loadZipDirectory(buffer: Uint8Array): Promise<JSZip> {
  try {
    // Without CRC checking jszip reads the directory and keeps each entry compressed.
    return await JSZip.loadAsync(buffer, { checkCRC32: false });
  } catch (error) {
    if (findEndRecord(buffer) === null) {
      throw new Unreadable('truncated', `文件不完整 / the zip is cut short: ${reasonOf(error)}`);
    }
    throw new Unreadable('corrupt', `压缩包损坏 / the zip is damaged: ${reasonOf(error)}`);
  }
}

/** Offset of a complete end-of-central-directory record, or null when the file was cut before its end. */
function findEndRecord(buffer: Uint8Array): number | null {
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const lowest = Math.max(0, buffer.byteLength - EOCD_LENGTH - MAX_ZIP_COMMENT);
  for (let at = buffer.byteLength - EOCD_LENGTH; at >= lowest; at -= 1) {
    if (view.getUint32(at, true) !== EOCD_SIGNATURE) continue;
    const commentLength = view.getUint16(at + 20, true);
    if (at + EOCD_LENGTH + commentLength <= buffer.byteLength) return at;
  }
  return null;
}

interface CentralEntry {
  name: string;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
}

/**
 * The sizes and checksums the central directory declares, read without inflating anything. jszip keeps
 * these to itself, and the directory is simple enough to walk here: jszip has already accepted it.
 */
function readCentralDirectory(buffer: Uint8Array): CentralEntry[] {
  const end = findEndRecord(buffer);
  if (end === null) throw new Unreadable('truncated', '找不到压缩包目录 / no end of central directory');
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries: CentralEntry[] = [];
  const decoder = new TextDecoder('utf-8');
  try {
    for (let i = 0; i < count; i += 1) {
      if (view.getUint32(at, true) !== CENTRAL_ENTRY_SIGNATURE) break;
      const nameLength = view.getUint16(at + 28, true);
      const extraLength = view.getUint16(at + 30, true);
      const commentLength = view.getUint16(at + 32, true);
      const name = decoder.decode(buffer.subarray(at + 46, at + 46 + nameLength));
      const declared = zip64Sizes(view, at + 46 + nameLength, extraLength, {
        uncompressed: view.getUint32(at + 24, true),
        compressed: view.getUint32(at + 20, true),
      });
      entries.push({
        name: name.startsWith('/') ? name.slice(1) : name,
        crc32: view.getUint32(at + 16, true),
        compressedSize: declared.compressed,
        uncompressedSize: declared.uncompressed,
      });
      at += 46 + nameLength + extraLength + commentLength;
    }
  } catch (error) {
    throw new Unreadable('corrupt', `压缩包目录损坏 / damaged zip directory: ${reasonOf(error)}`);
  }
  return entries;
}

/** A 0xFFFFFFFF size means the real one sits in the ZIP64 extra field, uncompressed size first. */
function zip64Sizes(
  view: DataView,
  extraStart: number,
  extraLength: number,
  sizes: { uncompressed: number; compressed: number },
): { uncompressed: number; compressed: number } {
  const MARKER = 0xffffffff;
  if (sizes.uncompressed !== MARKER && sizes.compressed !== MARKER) return sizes;
  let at = extraStart;
  while (at + 4 <= extraStart + extraLength) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === ZIP64_EXTRA_ID) {
      let field = at + 4;
      const read64 = (): number => {
        const value = Number(view.getBigUint64(field, true));
        field += 8;
        return value;
      };
      const uncompressed = sizes.uncompressed === MARKER ? read64() : sizes.uncompressed;
      const compressed = sizes.compressed === MARKER ? read64() : sizes.compressed;
      return { uncompressed, compressed };
    }
    at += 4 + size;
  }
  return sizes;
}

function checkDeclaredSizes(
  entries: readonly CentralEntry[],
  fileBytes: number,
  limits: ReceivedLimits,
): void {
  const total = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  const ratio = total / fileBytes;
  if (total > limits.maxUncompressedBytes || ratio > limits.maxCompressionRatio) {
    throw new Unreadable(
      'zip_bomb',
      `解压后 ${total} 字节，压缩比 ${ratio.toFixed(0)} / ${total} bytes uncompressed, ratio ${ratio.toFixed(0)}`,
    );
  }
}

// ---------------------------------------------------------------- inflating with a cap

interface ReadOutcome {
  bytes: number;
  head: Uint8Array;
  crc32: number;
  /** Stopped early: the head was all that was wanted, or the entry grew past what it may hold. */
  stopped: boolean;
}

/**
 * Inflates one entry as a stream and stops once `stopAfter` bytes came out, so an entry that lies about its
 * size, or a sheet whose head is all we need, never costs more than that.
 */
function readEntry(file: JSZip.JSZipObject, stopAfter: number, headBytes: number): Promise<ReadOutcome> {
  return new Promise((resolve, reject) => {
    const stream = file.nodeStream('nodebuffer');
    const headParts: Buffer[] = [];
    let headLength = 0;
    let bytes = 0;
    let crc = 0xffffffff;
    let settled = false;
    const finish = (stopped: boolean): void => {
      if (settled) return;
      settled = true;
      resolve({ bytes, head: Buffer.concat(headParts), crc32: (crc ^ 0xffffffff) >>> 0, stopped });
    };
    stream.on('data', (chunk: Buffer) => {
      if (settled) return;
      bytes += chunk.length;
      crc = crc32Update(crc, chunk);
      if (headLength < headBytes) {
        const part = chunk.subarray(0, headBytes - headLength);
        headParts.push(part);
        headLength += part.length;
      }
      if (bytes >= stopAfter) {
        finish(true);
        stream.removeAllListeners('data');
        stream.pause();
      }
    });
    stream.on('end', () => finish(false));
    stream.on('error', (error: unknown) => {
      if (settled) return;
      settled = true;
      reject(
        new Unreadable('corrupt', `无法解压 ${file.name} / cannot inflate ${file.name}: ${reasonOf(error)}`),
      );
    });
  });
}

const CRC_TABLE = ((): Uint32Array => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32Update(crc: number, chunk: Uint8Array): number {
  let c = crc;
  for (const byte of chunk) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return c >>> 0;
}

/**
 * A sheet declares its extent in <dimension ref> near the top; a tiny file claiming A1:XFD1048576 would
 * make exceljs walk a million rows. Only each sheet's head is inflated here.
 */
async function checkSheetDimensions(zip: JSZip, limits: ReceivedLimits): Promise<void> {
  let cells = 0;
  for (const file of Object.values(zip.files)) {
    const name = file.name.startsWith('/') ? file.name.slice(1) : file.name;
    if (file.dir || !SHEET_ENTRY.test(name)) continue;
    const { head } = await readEntry(file, SHEET_HEAD_BYTES, SHEET_HEAD_BYTES);
    const text = new TextDecoder('utf-8').decode(head);
    const ref = /<(?:[\w-]+:)?dimension\b[^>]*?\bref\s*=\s*["']([^"']+)["']/.exec(text)?.[1];
    if (ref === undefined) continue;
    const extent = extentOf(ref);
    if (extent === null) continue;
    cells += extent.rows * extent.cols;
    if (extent.rows > limits.maxRows || extent.cols > limits.maxCols || cells > limits.maxCells) {
      throw new Unreadable(
        'too_many_cells',
        `${name} 的区域 ${ref} 过大 / ${name} spans ${ref}: ${extent.rows} rows × ${extent.cols} columns`,
      );
    }
  }
}

function extentOf(ref: string): { rows: number; cols: number } | null {
  try {
    const range = parseRange(ref.replace(/\$/g, ''));
    return { rows: range.bottom + 1, cols: range.right + 1 };
  } catch {
    // An unreadable dimension tells nothing; exceljs ignores it as well.
    return null;
  }
}

/**
 * Inflates every entry once, capped, before exceljs does: the declared sizes may lie, and a bad checksum
 * means the bytes are not what the sender saved (Excel itself would offer to repair such a file).
 */
async function verifyEntries(
  zip: JSZip,
  entries: readonly CentralEntry[],
  limits: ReceivedLimits,
): Promise<void> {
  const declared = new Map(entries.map((e) => [e.name, e] as const));
  let total = 0;
  for (const file of Object.values(zip.files)) {
    if (file.dir) continue;
    const name = file.name.startsWith('/') ? file.name.slice(1) : file.name;
    const entry = declared.get(name);
    if (entry === undefined) {
      throw new Unreadable('corrupt', `目录中缺少 ${name} / ${name} is missing from the directory`);
    }
    const budget = Math.min(entry.uncompressedSize, limits.maxUncompressedBytes - total);
    const read = await readEntry(file, budget + 1, 0);
    total += read.bytes;
    if (read.stopped) {
      // Inflating past the declared size is how a bomb slips by the directory check above.
      throw new Unreadable(
        'zip_bomb',
        `${name} 解压后超过声明的大小 / ${name} inflates past its declared ${entry.uncompressedSize} bytes`,
      );
    }
    if (read.bytes !== entry.uncompressedSize || read.crc32 !== entry.crc32) {
      throw new Unreadable('corrupt', `${name} 校验失败 / ${name} fails its size or CRC check`);
    }
  }
}

// ---------------------------------------------------------------- exceljs

async function loadWithTimeout(buffer: Uint8Array, limits: ReceivedLimits): Promise<ReceivedResult> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<ReceivedResult>((resolve) => {
    timer = setTimeout(
      () =>
        resolve(
          fail('timeout', `读取超过 ${limits.timeoutMs} 毫秒 / reading took over ${limits.timeoutMs} ms`),
        ),
      limits.timeoutMs,
    );
  });
  try {
    return await Promise.race([loadWorkbook(buffer, limits), timeout]);
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}

async function loadWorkbook(buffer: Uint8Array, limits: ReceivedLimits): Promise<ReceivedResult> {
  let workbook: XlsxWorkbook;
  try {
    workbook = await XlsxWorkbook.fromBuffer(buffer, {
      ignoreNodes: IGNORED_NODES,
      maxRows: limits.maxRows,
      maxCols: limits.maxCols,
    });
  } catch (error) {
    const reason = reasonOf(error);
    if (/Max .* count \(\d+\) exceeded/.test(reason)) {
      return fail('too_many_cells', `行或列过多 / too many rows or columns: ${reason}`);
    }
    return fail('corrupt', reason);
  }
  const sheets = await workbook.listSheets();
  if (sheets.length === 0) return fail('no_sheets', '工作簿中没有工作表 / the workbook has no sheets');
  return { ok: true, workbook };
}

function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.slice(0, 200);
}
