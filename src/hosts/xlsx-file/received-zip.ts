/**
 * The zip layer of a received workbook. The directory is walked here, and a part is inflated when the reader
 * first asks for it, once, with its output capped at the size the directory declares; its length and
 * checksum are compared with the declared ones. Inflating is done by an `Inflater` handed in (Node's zlib in
 * the command line, see node-inflater.ts), so this module imports nothing from Node and the task pane can
 * plug in its own.
 */

/** Raw DEFLATE and CRC-32, as the platform provides them. */
export interface Inflater {
  /**
   * The inflated bytes, or 'too_large' as soon as the output would pass `maxOutputLength`. Throws for data
   * that is not valid DEFLATE.
   */
  inflateRaw(data: Uint8Array, maxOutputLength: number): Uint8Array | 'too_large';
  crc32(data: Uint8Array): number;
}

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

/** The parts of a zip by name, each inflated (and checked) the first time it is asked for. */
export interface ZipParts {
  has(name: string): boolean;
  get(name: string): Uint8Array | undefined;
  names(): string[];
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
 * The parts, inflated on first use and kept. Each inflation stops as soon as it would pass the declared size,
 * so a part that lies about its size costs at most that size plus one chunk; with the declared total already
 * capped, so is the memory of the whole file.
 */
export function zipParts(buffer: Uint8Array, entries: readonly ZipEntry[], inflater: Inflater): ZipParts {
  const files = new Map<string, ZipEntry>();
  for (const entry of entries) if (!isDirectory(entry)) files.set(entry.name, entry);
  const inflated = new Map<string, Uint8Array>();
  return {
    has: (name) => files.has(name),
    names: () => [...files.keys()],
    get: (name) => {
      const done = inflated.get(name);
      if (done !== undefined) return done;
      const entry = files.get(name);
      if (entry === undefined) return undefined;
      const content = inflateEntry(buffer, entry, inflater);
      inflated.set(name, content);
      return content;
    },
  };
}

/** Every part inflated at once, in directory order (what a test or a second reader compares against). */
export function inflateAll(
  buffer: Uint8Array,
  entries: readonly ZipEntry[],
  inflater: Inflater,
): Map<string, Uint8Array> {
  const parts = zipParts(buffer, entries, inflater);
  return new Map(parts.names().map((name) => [name, parts.get(name) as Uint8Array]));
}

/**
 * The stored (compressed) bytes of an entry, after its local header. Throws ZipRejected for a damaged or
 * encrypted entry, or one that runs past the end of the file.
 */
export function entryData(buffer: Uint8Array, entry: ZipEntry): Uint8Array {
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
  return buffer.subarray(dataStart, dataEnd);
}

/** Whether an entry is stored with DEFLATE, so that reading it needs the inflater. */
export const isDeflated = (entry: ZipEntry): boolean => entry.method === METHOD_DEFLATED;

function inflateEntry(buffer: Uint8Array, entry: ZipEntry, inflater: Inflater): Uint8Array {
  const compressed = entryData(buffer, entry);
  let content: Uint8Array;
  if (entry.method === METHOD_STORED) {
    content = compressed;
  } else if (entry.method === METHOD_DEFLATED) {
    content = inflateCapped(compressed, entry, inflater);
  } else {
    throw new ZipRejected(
      'corrupt',
      `${entry.name} 使用不支持的压缩方式 ${entry.method} / ${entry.name} uses compression method ${entry.method}`,
    );
  }
  if (content.length !== entry.uncompressedSize || inflater.crc32(content) >>> 0 !== entry.crc32) {
    throw new ZipRejected('corrupt', `${entry.name} 校验失败 / ${entry.name} fails its size or CRC check`);
  }
  return content;
}

function inflateCapped(compressed: Uint8Array, entry: ZipEntry, inflater: Inflater): Uint8Array {
  let out: Uint8Array | 'too_large';
  try {
    // One byte over the declared size is enough to know the part lies about it.
    out = inflater.inflateRaw(compressed, entry.uncompressedSize + 1);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ZipRejected(
      'corrupt',
      `无法解压 ${entry.name} / cannot inflate ${entry.name}: ${reason.slice(0, 120)}`,
    );
  }
  if (out === 'too_large') {
    // Inflating past the declared size is how a bomb slips by the directory check.
    throw new ZipRejected(
      'zip_bomb',
      `${entry.name} 解压后超过声明的大小 / ${entry.name} inflates past its declared ${entry.uncompressedSize} bytes`,
    );
  }
  return out;
}
