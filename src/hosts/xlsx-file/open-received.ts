/**
 * Opening a received workbook on Node: the reader with Node's zlib as its inflater.
 */
import { nodeInflater } from './node-inflater';
import { openReceived, type ReceivedLimits, type ReceivedResult } from './received';
import type { Clock } from './xlsx-reader';

export async function openReceivedWorkbook(
  buffer: Uint8Array,
  limits: Partial<ReceivedLimits> = {},
  clock?: Clock,
): Promise<ReceivedResult> {
  return openReceived(buffer, nodeInflater, limits, clock);
}
