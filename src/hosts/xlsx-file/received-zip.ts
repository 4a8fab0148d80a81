/**
 * The zip layer of a received workbook, read once. The directory is walked here, every part is inflated by
 * Node's zlib with its output capped at the size the directory declares, its length and checksum are
 * compared with the declared ones, and the parts are handed on as a second zip that stores them without
 * compression. exceljs then only unpacks stored bytes, so no part is inflated twice, and no part it reads can
 * be larger than what was checked here.
 */
import * as zlib from 'node:zlib';

export type ZipRejection = 'truncated' | 'corrupt' | 'zip_bomb';

export class ZipRejected extends Error {
  constructor(
    readonly code: ZipRejection,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
  }
}

export interface ZipEntry {
  name: string;
  /** The name as stored, written back unchanged into the stored copy. */
  nameBytes: Uint8Array;
  flags: number;
  method: number;
  dosTime: number;
  dosDate: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

export interface ZipLimits {
  maxUncompressedBytes: number;
  maxCompressionRatio: number;
}

export interface UnpackedZip {
  /** The same parts in the same order, stored without compression: what exceljs is given to load. */
  stored: Uint8Array;
  /** Each part's inflated bytes (views into `stored`), by name. */
  parts: ReadonlyMap<string, Uint8Array>;
}

const LOCAL_SIGNATURE = 0x04034b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const END_SIGNATURE = 0x06054b50;
const ZIP64_END_SIGNATURE = 0x06064b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const END_LENGTH = 22;
const ZIP64_LOCATOR_LENGTH = 20;
const LOCAL_HEADER_LENGTH = 30;
const CENTRAL_HEADER_LENGTH = 46;
const MAX_ZIP_COMMENT = 0xffff;
const ZIP64_EXTRA_ID = 0x0001;
const MARKER_32 = 0xffffffff;
const MARKER_16 = 0xffff;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_UTF8_NAME = 0x0800;
const METHOD_STORED = 0;
const METHOD_DEFLATED = 8;

const viewOf = (buffer: Uint8Array): DataView =>
  new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);

/** Offset of a complete end-of-central-directory record, or null when the file was cut before its end. */
export function findEndRecord(buffer: Uint8Array): number | null {
  if (buffer.byteLength < END_LENGTH) return null;
  const view = viewOf(buffer);
  const lowest = Math.max(0, buffer.byteLength - END_LENGTH - MAX_ZIP_COMMENT);
  for (let at = buffer.byteLength - END_LENGTH; at >= lowest; at -= 1) {
    if (view.getUint32(at, true) !== END_SIGNATURE) continue;
    const commentLength = view.getUint16(at + 20, true);
    if (at + END_LENGTH + commentLength <= buffer.byteLength) return at;
  }
  return null;
}

interface DirectoryPlace {
  count: number;
  offset: number;
}

/** Where the central directory starts and how many entries it holds, from the end record (or its ZIP64 twin). */
function directoryPlace(view: DataView, end: number): DirectoryPlace {
  const count = view.getUint16(end + 10, true);
  const offset = view.getUint32(end + 16, true);
  if (count !== MARKER_16 && offset !== MARKER_32) return { count, offset };
  const locator = end - ZIP64_LOCATOR_LENGTH;
  if (locator < 0 || view.getUint32(locator, true) !== ZIP64_LOCATOR_SIGNATURE) return { count, offset };
  const zip64End = Number(view.getBigUint64(locator + 8, true));
  if (zip64End + 56 > end || view.getUint32(zip64End, true) !== ZIP64_END_SIGNATURE) {
    throw new ZipRejected('corrupt', 'ZIP64 目录记录损坏 / damaged ZIP64 end record');
  }
  return {
    count: Number(view.getBigUint64(zip64End + 32, true)),
    offset: Number(view.getBigUint64(zip64End + 48, true)),
  };
}

/**
 * Every entry the central directory lists, read without inflating anything. A file whose end record is
 * missing was cut short; one whose directory does not hold together is damaged.
 */
export function readZipDirectory(buffer: Uint8Array): ZipEntry[] {
  const end = findEndRecord(buffer);
  if (end === null)
    throw new ZipRejected('truncated', '找不到压缩包目录，文件不完整 / no end of central directory');
  const view = viewOf(buffer);
  const { count, offset } = directoryPlace(view, end);
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder('utf-8');
  let at = offset;
  for (let i = 0; i < count; i += 1) {
    if (at + CENTRAL_HEADER_LENGTH > end || view.getUint32(at, true) !== CENTRAL_SIGNATURE) {
      throw new ZipRejected(
        'corrupt',
        `压缩包目录损坏（第 ${i + 1} 项）/ damaged zip directory at entry ${i + 1}`,
      );
    }
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const nameStart = at + CENTRAL_HEADER_LENGTH;
    if (nameStart + nameLength + extraLength > end) {
      throw new ZipRejected('corrupt', '压缩包目录越界 / the zip directory runs past its end');
    }
    const nameBytes = buffer.subarray(nameStart, nameStart + nameLength);
    const name = decoder.decode(nameBytes);
    const sizes = zip64Fields(view, nameStart + nameLength, extraLength, {
      uncompressed: view.getUint32(at + 24, true),
      compressed: view.getUint32(at + 20, true),
      localOffset: view.getUint32(at + 42, true),
    });
    entries.push({
      name: name.startsWith('/') ? name.slice(1) : name,
      nameBytes,
      flags: view.getUint16(at + 8, true),
      method: view.getUint16(at + 10, true),
      dosTime: view.getUint16(at + 12, true),
      dosDate: view.getUint16(at + 14, true),
      crc32: view.getUint32(at + 16, true),
      compressedSize: sizes.compressed,
      uncompressedSize: sizes.uncompressed,
      localOffset: sizes.localOffset,
    });
    at = nameStart + nameLength + extraLength + commentLength;
  }
  return entries;
}

interface EntryFields {
  uncompressed: number;
  compressed: number;
  localOffset: number;
}

/** A 0xFFFFFFFF field means the real value sits in the ZIP64 extra field, in this order. */
function zip64Fields(
  view: DataView,
  extraStart: number,
  extraLength: number,
  fields: EntryFields,
): EntryFields {
  if (
    fields.uncompressed !== MARKER_32 &&
    fields.compressed !== MARKER_32 &&
    fields.localOffset !== MARKER_32
  ) {
    return fields;
  }
  let at = extraStart;
  while (at + 4 <= extraStart + extraLength) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === ZIP64_EXTRA_ID) {
      let field = at + 4;
      const limit = at + 4 + size;
      const next = (current: number): number => {
        if (current !== MARKER_32 || field + 8 > limit) return current;
        const value = Number(view.getBigUint64(field, true));
        field += 8;
        return value;
      };
      const uncompressed = next(fields.uncompressed);
      const compressed = next(fields.compressed);
      const localOffset = next(fields.localOffset);
      return { uncompressed, compressed, localOffset };
    }
    at += 4 + size;
  }
  return fields;
}

const isDirectory = (entry: ZipEntry): boolean => entry.name.endsWith('/');

/** The cheap bomb check: what the directory itself declares, before a byte is inflated. */
export function checkDeclaredSizes(entries: readonly ZipEntry[], fileBytes: number, limits: ZipLimits): void {
  const total = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  const ratio = total / fileBytes;
  if (total > limits.maxUncompressedBytes || ratio > limits.maxCompressionRatio) {
    throw new ZipRejected(
      'zip_bomb',
      `解压后 ${total} 字节，压缩比 ${ratio.toFixed(0)} / ${total} bytes uncompressed, ratio ${ratio.toFixed(0)}`,
    );
  }
}

/**
 * Inflates every part once, into a stored (uncompressed) copy of the zip. Each inflation stops as soon as
 * it would pass the declared size, so a part that lies about its size costs at most that size plus one
 * zlib chunk; with the declared total already capped, so is the memory of the whole file.
 */
export function unpackZip(buffer: Uint8Array, entries: readonly ZipEntry[]): UnpackedZip {
  const files = entries.filter((e) => !isDirectory(e));
  if (files.length > MARKER_16) {
    throw new ZipRejected('corrupt', `压缩包含 ${files.length} 个部件 / the zip holds ${files.length} parts`);
  }
  const directoryBytes = files.reduce((sum, e) => sum + CENTRAL_HEADER_LENGTH + e.nameBytes.length, 0);
  const dataBytes = files.reduce(
    (sum, e) => sum + LOCAL_HEADER_LENGTH + e.nameBytes.length + e.uncompressedSize,
    0,
  );
  const stored = Buffer.alloc(dataBytes + directoryBytes + END_LENGTH);
  const parts = new Map<string, Uint8Array>();
  const offsets: number[] = [];
  let at = 0;
  for (const entry of files) {
    const content = inflateEntry(buffer, entry);
    offsets.push(at);
    at = writeLocalHeader(stored, at, entry);
    stored.set(content, at);
    parts.set(entry.name, stored.subarray(at, at + content.length));
    at += content.length;
  }
  const directoryStart = at;
  files.forEach((entry, i) => {
    at = writeCentralHeader(stored, at, entry, offsets[i] ?? 0);
  });
  stored.writeUInt32LE(END_SIGNATURE, at);
  stored.writeUInt16LE(files.length, at + 8);
  stored.writeUInt16LE(files.length, at + 10);
  stored.writeUInt32LE(at - directoryStart, at + 12);
  stored.writeUInt32LE(directoryStart, at + 16);
  return { stored, parts };
}

function inflateEntry(buffer: Uint8Array, entry: ZipEntry): Uint8Array {
  const view = viewOf(buffer);
  const local = entry.localOffset;
  if (local + LOCAL_HEADER_LENGTH > buffer.byteLength || view.getUint32(local, true) !== LOCAL_SIGNATURE) {
    throw new ZipRejected('corrupt', `${entry.name} 的本地头损坏 / ${entry.name} has a damaged local header`);
  }
  if ((entry.flags & FLAG_ENCRYPTED) !== 0) {
    throw new ZipRejected('corrupt', `${entry.name} 经过加密 / ${entry.name} is encrypted inside the zip`);
  }
  const dataStart =
    local + LOCAL_HEADER_LENGTH + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
  const dataEnd = dataStart + entry.compressedSize;
  if (dataEnd > buffer.byteLength) {
    throw new ZipRejected(
      'corrupt',
      `${entry.name} 超出文件末尾 / ${entry.name} runs past the end of the file`,
    );
  }
  const compressed = buffer.subarray(dataStart, dataEnd);
  let content: Uint8Array;
  if (entry.method === METHOD_STORED) {
    content = compressed;
  } else if (entry.method === METHOD_DEFLATED) {
    content = inflateCapped(compressed, entry);
  } else {
    throw new ZipRejected(
      'corrupt',
      `${entry.name} 使用不支持的压缩方式 ${entry.method} / ${entry.name} uses compression method ${entry.method}`,
    );
  }
  if (content.length !== entry.uncompressedSize || crc32(content) !== entry.crc32) {
    throw new ZipRejected('corrupt', `${entry.name} 校验失败 / ${entry.name} fails its size or CRC check`);
  }
  return content;
}

function inflateCapped(compressed: Uint8Array, entry: ZipEntry): Uint8Array {
  try {
    // One byte over the declared size is enough to know the part lies about it.
    return zlib.inflateRawSync(compressed, { maxOutputLength: entry.uncompressedSize + 1 });
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') {
      // Inflating past the declared size is how a bomb slips by the directory check.
      throw new ZipRejected(
        'zip_bomb',
        `${entry.name} 解压后超过声明的大小 / ${entry.name} inflates past its declared ${entry.uncompressedSize} bytes`,
      );
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new ZipRejected(
      'corrupt',
      `无法解压 ${entry.name} / cannot inflate ${entry.name}: ${reason.slice(0, 120)}`,
    );
  }
}

function writeLocalHeader(out: Buffer, at: number, entry: ZipEntry): number {
  out.writeUInt32LE(LOCAL_SIGNATURE, at);
  out.writeUInt16LE(20, at + 4);
  out.writeUInt16LE(entry.flags & FLAG_UTF8_NAME, at + 6);
  out.writeUInt16LE(METHOD_STORED, at + 8);
  out.writeUInt16LE(entry.dosTime, at + 10);
  out.writeUInt16LE(entry.dosDate, at + 12);
  out.writeUInt32LE(entry.crc32, at + 14);
  out.writeUInt32LE(entry.uncompressedSize, at + 18);
  out.writeUInt32LE(entry.uncompressedSize, at + 22);
  out.writeUInt16LE(entry.nameBytes.length, at + 26);
  out.writeUInt16LE(0, at + 28);
  out.set(entry.nameBytes, at + LOCAL_HEADER_LENGTH);
  return at + LOCAL_HEADER_LENGTH + entry.nameBytes.length;
}

function writeCentralHeader(out: Buffer, at: number, entry: ZipEntry, localOffset: number): number {
  out.writeUInt32LE(CENTRAL_SIGNATURE, at);
  out.writeUInt16LE(20, at + 4);
  out.writeUInt16LE(20, at + 6);
  out.writeUInt16LE(entry.flags & FLAG_UTF8_NAME, at + 8);
  out.writeUInt16LE(METHOD_STORED, at + 10);
  out.writeUInt16LE(entry.dosTime, at + 12);
  out.writeUInt16LE(entry.dosDate, at + 14);
  out.writeUInt32LE(entry.crc32, at + 16);
  out.writeUInt32LE(entry.uncompressedSize, at + 20);
  out.writeUInt32LE(entry.uncompressedSize, at + 24);
  out.writeUInt16LE(entry.nameBytes.length, at + 28);
  out.writeUInt32LE(localOffset, at + 42);
  out.set(entry.nameBytes, at + CENTRAL_HEADER_LENGTH);
  return at + CENTRAL_HEADER_LENGTH + entry.nameBytes.length;
}

// zlib.crc32 arrived in Node 20.15; the table below serves older Node 20 releases.
const nativeCrc32: ((data: Uint8Array) => number) | undefined =
  typeof zlib.crc32 === 'function' ? (data) => zlib.crc32(data) : undefined;

const CRC_TABLE = ((): Uint32Array => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(data: Uint8Array): number {
  if (nativeCrc32 !== undefined) return nativeCrc32(data) >>> 0;
  let c = 0xffffffff;
  for (const byte of data) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
