/**
 * Opening a received workbook in a browser (the task pane's 批量审核, in a Web Worker): the same reader and
 * zip safety pass as the command line, with the platform's `DecompressionStream('deflate-raw')` as the
 * inflater. That stream is asynchronous and the reader asks for parts synchronously, so the XML parts the
 * directory lists are inflated first (each capped one byte past its declared size, after the directory's
 * declared sizes passed the bomb check), then the reader runs over them; sizes and checksums are checked by
 * the shared zip layer as on the command line.
 *
 * Browsers before Chromium 103 (some WPS builds embed an older one) have DecompressionStream without
 * 'deflate-raw'; there each part is wrapped as a one-member gzip stream (the DEFLATE data is the same) with
 * the CRC-32 and size the zip directory declares, so a part that does not match them fails as 'corrupt', the
 * code the shared zip layer gives such a part.
 */
import { crc32Table } from './crc32';
import { openReceived, DEFAULT_RECEIVED_LIMITS, type ReceivedLimits, type ReceivedResult } from './received';
import { checkDeclaredSizes, entryData, isDeflated, readZipDirectory, type Inflater } from './received-zip';
import type { Clock } from './xlsx-reader';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** The parts the reader may ask for: workbook, relationships, styles, shared strings and sheets. */
const isXmlPart = (name: string): boolean => name.endsWith('.xml') || name.endsWith('.rels');

let rawSupported: boolean | undefined;

/** Whether this browser's DecompressionStream reads raw DEFLATE (Chromium 103 and later). */
export function hasRawDeflate(): boolean {
  if (rawSupported === undefined) {
    try {
      new DecompressionStream('deflate-raw');
      rawSupported = true;
    } catch {
      rawSupported = false;
    }
  }
  return rawSupported;
}

const GZIP_HEADER = [0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff];

/** Raw DEFLATE data as a gzip member whose trailer carries the CRC-32 and size the directory declares. */
export function asGzip(data: Uint8Array, declared: { crc32: number; size: number }): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(GZIP_HEADER.length + data.byteLength + 8);
  out.set(GZIP_HEADER, 0);
  out.set(data, GZIP_HEADER.length);
  const trailer = new DataView(out.buffer, GZIP_HEADER.length + data.byteLength, 8);
  trailer.setUint32(0, declared.crc32 >>> 0, true);
  trailer.setUint32(4, declared.size >>> 0, true);
  return out;
}

/**
 * Raw DEFLATE through the platform's stream, stopping as soon as the output passes `maxOutputLength`. Where
 * the browser has no 'deflate-raw', `declared` (the part's CRC-32 and size) lets it go through 'gzip'.
 */
export async function inflateRawStream(
  data: Uint8Array,
  maxOutputLength: number,
  declared?: { crc32: number; size: number },
  raw: boolean = hasRawDeflate(),
): Promise<Uint8Array | 'too_large'> {
  if (!raw && declared === undefined) {
    throw new Error('此浏览器无法解压 / this browser cannot inflate raw DEFLATE');
  }
  // The bytes are written straight into the decompressor. Going through a Blob's stream instead costs a
  // round trip to the browser's blob store for every part: 25 ms a workbook in Chromium, measured.
  const decompressor = new DecompressionStream(raw ? 'deflate-raw' : 'gzip');
  const writer = decompressor.writable.getWriter();
  // Settled by reading below; a corrupt part rejects the read, and these with it.
  writer.write(raw ? data.slice() : asGzip(data, declared ?? { crc32: 0, size: 0 })).catch(() => undefined);
  writer.close().catch(() => undefined);
  const reader = decompressor.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxOutputLength) {
      await reader.cancel().catch(() => undefined);
      return 'too_large';
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/**
 * Never throws: every outcome comes back as a result, as with the command line's opener. `raw` says whether
 * to inflate with 'deflate-raw' (where the browser has it) or through 'gzip'.
 */
export async function openReceivedInBrowser(
  buffer: Uint8Array,
  limits: Partial<ReceivedLimits> = {},
  clock?: Clock,
  raw: boolean = hasRawDeflate(),
): Promise<ReceivedResult> {
  const effective: ReceivedLimits = { ...DEFAULT_RECEIVED_LIMITS, ...limits };
  // Inflated parts by where their stored bytes start in the file (a part's data is a view into `buffer`).
  const prepared = new Map<number, Uint8Array | 'too_large' | Error>();
  const isZip = buffer.byteLength <= effective.maxFileBytes && ZIP_MAGIC.every((b, i) => buffer[i] === b);
  if (isZip) {
    try {
      const entries = readZipDirectory(buffer);
      checkDeclaredSizes(entries, buffer.byteLength, effective);
      for (const entry of entries) {
        if (!isDeflated(entry) || !isXmlPart(entry.name)) continue;
        const data = entryData(buffer, entry);
        const declared = { crc32: entry.crc32, size: entry.uncompressedSize };
        const inflated = await inflateRawStream(data, entry.uncompressedSize + 1, declared, raw).catch(
          (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
        );
        prepared.set(data.byteOffset, inflated);
      }
    } catch {
      // The synchronous pass below meets the same fault and names it as the command line does.
    }
  }
  const inflater: Inflater = {
    inflateRaw(data) {
      const got = prepared.get(data.byteOffset);
      if (got === undefined) throw new Error('部件未解压 / part not inflated');
      if (got instanceof Error) throw got;
      return got;
    },
    crc32: crc32Table,
  };
  return openReceived(buffer, inflater, limits, clock);
}
