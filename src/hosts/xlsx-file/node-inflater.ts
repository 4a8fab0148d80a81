/**
 * Inflating zip parts with Node's zlib, for the command line. The reader itself imports nothing from Node;
 * a browser gives it another `Inflater`.
 */
import * as zlib from 'node:zlib';
import type { Inflater } from './received-zip';

// zlib.crc32 arrived in Node 20.15; the table below serves older Node 20 releases.
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
  if (typeof zlib.crc32 === 'function') return zlib.crc32(data) >>> 0;
  let c = 0xffffffff;
  for (const byte of data) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export const nodeInflater: Inflater = {
  inflateRaw(data, maxOutputLength) {
    try {
      return zlib.inflateRawSync(data, { maxOutputLength });
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') return 'too_large';
      throw error;
    }
  },
  crc32,
};
