/**
 * Opening a workbook someone else sent (docs/product.md §6, §8; docs/platform.md §3). Reviewers run `bpa check` over
 * hundreds of received files, so one hostile or broken file must cost little and say plainly what is wrong:
 * the checks run cheapest first (magic bytes, the zip directory and its declared sizes), then the streaming
 * reader parses only the parts checking needs, counting its limits as it goes. No Node module is imported
 * here; the inflater comes in (open-received.ts gives Node's).
 */
import { checkDeclaredSizes, readZipDirectory, zipParts, ZipRejected, type Inflater } from './received-zip';
import { ReceivedWorkbook } from './received-workbook';
import { readWorkbook, ReadRejected, type Clock, type ReadLimits } from './xlsx-reader';

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
  | 'too_large'
  | 'no_sheets'
  | 'timeout';

export interface ReceivedLimits extends ReadLimits {
  maxFileBytes: number;
  maxUncompressedBytes: number;
  maxCompressionRatio: number;
}

export const DEFAULT_RECEIVED_LIMITS: ReceivedLimits = {
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
};

export type ReceivedResult =
  { ok: true; workbook: ReceivedWorkbook } | { ok: false; code: UnreadableCode; detail: string };

const TEXT_SNIFF_BYTES = 4096;

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
export function openReceived(
  buffer: Uint8Array,
  inflater: Inflater,
  limits: Partial<ReceivedLimits> = {},
  clock: Clock = Date.now,
): ReceivedResult {
  const effective: ReceivedLimits = { ...DEFAULT_RECEIVED_LIMITS, ...limits };
  try {
    return openChecked(buffer, inflater, effective, clock);
  } catch (error) {
    if (error instanceof Unreadable || error instanceof ZipRejected || error instanceof ReadRejected) {
      return fail(error.code, error.detail);
    }
    if (error instanceof RangeError) {
      // An allocation the engine refused: the file needs more memory than a check may take.
      return fail('too_large', `内存不足 / out of memory: ${reasonOf(error)}`);
    }
    return fail('corrupt', `无法读取 / cannot read: ${reasonOf(error)}`);
  }
}

function openChecked(
  buffer: Uint8Array,
  inflater: Inflater,
  limits: ReceivedLimits,
  clock: Clock,
): ReceivedResult {
  if (buffer.byteLength === 0) return fail('empty_file', '文件为空 / the file has no bytes');
  if (buffer.byteLength > limits.maxFileBytes) {
    return fail(
      'file_too_large',
      `${buffer.byteLength} 字节，上限 ${limits.maxFileBytes} / ${buffer.byteLength} bytes, limit ${limits.maxFileBytes}`,
    );
  }
  const notZip = sniffNonZip(buffer);
  if (notZip !== null) return notZip;
  const entries = readZipDirectory(buffer);
  checkDeclaredSizes(entries, buffer.byteLength, limits);
  if (!entries.some((e) => e.name === 'xl/workbook.xml')) {
    throw new Unreadable('not_xlsx', '压缩包中没有 xl/workbook.xml / the zip has no xl/workbook.xml');
  }
  const data = readWorkbook(zipParts(buffer, entries, inflater), limits, clock);
  return { ok: true, workbook: new ReceivedWorkbook(data) };
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
  const encrypted = ['EncryptionInfo', 'EncryptedPackage'].some((name) => includes(buffer, utf16le(name)));
  return encrypted
    ? fail('encrypted', '文件设置了打开密码 / the file is password-encrypted')
    : fail('xls_format', '旧版 Excel 97-2003 (.xls) 文件 / a legacy .xls file');
}

function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    out[i * 2] = code & 0xff;
    out[i * 2 + 1] = code >> 8;
  }
  return out;
}

function includes(haystack: Uint8Array, needle: Uint8Array): boolean {
  const first = needle[0];
  for (let at = haystack.indexOf(first ?? 0); at >= 0; at = haystack.indexOf(first ?? 0, at + 1)) {
    if (at + needle.length > haystack.length) return false;
    let i = 1;
    while (i < needle.length && haystack[at + i] === needle[i]) i += 1;
    if (i === needle.length) return true;
  }
  return false;
}

function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.slice(0, 200);
}
