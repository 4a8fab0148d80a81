/**
 * Opening a workbook someone else sent (docs/product.md §6, §8; docs/platform.md §3). Reviewers run `bpa check` over
 * hundreds of received files, so one hostile or broken file must cost little and say plainly what is wrong:
 * the checks run cheapest first and exceljs only ever sees a file that passed all of them.
 */
import { parseRange } from '../../domain/grid/address';
import {
  checkDeclaredSizes,
  readZipDirectory,
  unpackZip,
  ZipRejected,
  type UnpackedZip,
} from './received-zip';
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

  const { stored, parts } = unpackReceivedZip(buffer, limits);
  checkSheetDimensions(parts, limits);
  // exceljs gets the parts already inflated and checked, stored without compression: nothing is inflated twice.
  return loadWithTimeout(stored, limits);
}

function unpackReceivedZip(buffer: Uint8Array, limits: ReceivedLimits): UnpackedZip {
  try {
    const entries = readZipDirectory(buffer);
    checkDeclaredSizes(entries, buffer.byteLength, limits);
    if (!entries.some((e) => e.name === 'xl/workbook.xml')) {
      throw new Unreadable('not_xlsx', '压缩包中没有 xl/workbook.xml / the zip has no xl/workbook.xml');
    }
    return unpackZip(buffer, entries);
  } catch (error) {
    if (error instanceof ZipRejected) throw new Unreadable(error.code, error.detail);
    throw error;
  }
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

// ---------------------------------------------------------------- sheet dimensions

/**
 * A sheet declares its extent in <dimension ref> near the top; a tiny file claiming A1:XFD1048576 would
 * make exceljs walk a million rows. Only each sheet's head is decoded here.
 */
function checkSheetDimensions(parts: ReadonlyMap<string, Uint8Array>, limits: ReceivedLimits): void {
  let cells = 0;
  const decoder = new TextDecoder('utf-8');
  for (const [name, part] of parts) {
    if (!SHEET_ENTRY.test(name)) continue;
    const text = decoder.decode(part.subarray(0, SHEET_HEAD_BYTES));
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
