/**
 * Opening a received workbook in a browser (the task pane's 批量审核, in a Web Worker): the same reader and
 * zip safety pass as the command line, with the platform's `DecompressionStream('deflate-raw')` as the
 * inflater. That stream is asynchronous and the reader asks for parts synchronously, so the XML parts the
 * directory lists are inflated first (each capped one byte past its declared size, after the directory's
 * declared sizes passed the bomb check), then the reader runs over them; sizes and checksums are checked by
 * the shared zip layer as on the command line.
 */
import { crc32Table } from './crc32';
import { openReceived, DEFAULT_RECEIVED_LIMITS, type ReceivedLimits, type ReceivedResult } from './received';
import { checkDeclaredSizes, entryData, isDeflated, readZipDirectory, type Inflater } from './received-zip';
import type { Clock } from './xlsx-reader';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** The parts the reader may ask for: workbook, relationships, styles, shared strings and sheets. */
const isXmlPart = (name: string): boolean => name.endsWith('.xml') || name.endsWith('.rels');

/** Raw DEFLATE through the platform's stream, stopping as soon as the output passes `maxOutputLength`. */
export async function inflateRawStream(
  data: Uint8Array,
  maxOutputLength: number,
): Promise<Uint8Array | 'too_large'> {
  const stream = new Blob([data.slice()]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  const reader = stream.getReader();
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

/** Never throws: every outcome comes back as a result, as with the command line's opener. */
export async function openReceivedInBrowser(
  buffer: Uint8Array,
  limits: Partial<ReceivedLimits> = {},
  clock?: Clock,
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
        const inflated = await inflateRawStream(data, entry.uncompressedSize + 1).catch((error: unknown) =>
          error instanceof Error ? error : new Error(String(error)),
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
