/**
 * Which jurisdiction package a workbook was made with, as its `_meta` sheet records it: in the header row, after
 * the columns of the form lines, the labels `jurisdiction`, `jurisdictionVersion` and `jurisdictionHash` each
 * followed by its value. The header row is the one line of `_meta` about the whole workbook, and readers of the
 * form lines skip cells whose header they do not know, so older readers are not disturbed.
 */
import type { Block, CellScalar } from '../grid/cell';
import { cellText, isBlank } from '../grid/parse';

export interface JurisdictionRecord {
  name: string;
  version: string;
  /** The package's content hash (content-hash.ts); identical packages have identical hashes. */
  hash: string;
}

export const RECORD_LABELS = {
  name: 'jurisdiction',
  version: 'jurisdictionVersion',
  hash: 'jurisdictionHash',
} as const;

/** 0-based column of the first label when `_meta` has none yet (I1): a blank column after the form-line columns. */
export const RECORD_FIRST_COLUMN = 8;

/** Where each label sits in the header row (0-based columns); null for a label not there. */
export function recordLabelColumns(
  block: Block | null,
): Record<keyof JurisdictionRecord, number | null> | null {
  if (block === null || block.top !== 0) return null;
  const row = block.values[0] ?? [];
  const found: Record<keyof JurisdictionRecord, number | null> = { name: null, version: null, hash: null };
  row.forEach((raw, c) => {
    const text = cellText(raw)?.toLowerCase();
    for (const key of Object.keys(RECORD_LABELS) as (keyof JurisdictionRecord)[]) {
      if (text === RECORD_LABELS[key].toLowerCase() && found[key] === null) found[key] = block.left + c;
    }
  });
  return found;
}

/** The record in a `_meta` block (its used range); null when there is none or it is incomplete. */
export function readJurisdictionRecord(block: Block | null): JurisdictionRecord | null {
  const columns = recordLabelColumns(block);
  if (block === null || columns === null) return null;
  const row = block.values[0] ?? [];
  const valueAfter = (column: number | null): string | null => {
    if (column === null) return null;
    const raw: CellScalar | undefined = row[column + 1 - block.left];
    return isBlank(raw) ? null : cellText(raw);
  };
  const name = valueAfter(columns.name);
  const version = valueAfter(columns.version);
  const hash = valueAfter(columns.hash);
  if (name === null || version === null || hash === null) return null;
  return { name, version, hash: hash.toLowerCase() };
}

export function recordOf(pkg: JurisdictionRecord): JurisdictionRecord {
  return { name: pkg.name, version: pkg.version, hash: pkg.hash };
}

/** The same package: the content decides, not the name (two editions may share a name and a version). */
export function samePackage(a: JurisdictionRecord, b: JurisdictionRecord): boolean {
  return a.hash.toLowerCase() === b.hash.toLowerCase();
}

/**
 * How a workbook's recorded package stands against the one at hand (remembered on the machine, or given on
 * the command line): none recorded, the same, none at hand, or a different one.
 */
export type JurisdictionStanding =
  | { kind: 'unrecorded' }
  | { kind: 'same'; recorded: JurisdictionRecord }
  | { kind: 'missing'; recorded: JurisdictionRecord }
  | { kind: 'different'; recorded: JurisdictionRecord; atHand: JurisdictionRecord };

export function jurisdictionStanding(
  recorded: JurisdictionRecord | null,
  atHand: JurisdictionRecord | null,
): JurisdictionStanding {
  if (recorded === null) return { kind: 'unrecorded' };
  if (atHand === null) return { kind: 'missing', recorded };
  return samePackage(recorded, atHand) ? { kind: 'same', recorded } : { kind: 'different', recorded, atHand };
}
