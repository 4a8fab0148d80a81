/**
 * Inflating zip parts with Node's zlib, for the command line. The reader itself imports nothing from Node;
 * a browser gives it another `Inflater`.
 */
import * as zlib from 'node:zlib';
import { crc32Table } from './crc32';
import type { Inflater } from './received-zip';

// zlib.crc32 arrived in Node 20.15; older Node 20 releases use the table.
export function crc32(data: Uint8Array): number {
  if (typeof zlib.crc32 === 'function') return zlib.crc32(data) >>> 0;
  return crc32Table(data);
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
