/** Profiles and rows for the scoring tests. */
import type { CellScalar } from '../../../src/domain/grid/cell';
import type { ColumnKey, Field, TableRow } from '../../../src/domain/forms/form-model';
import type { Profile } from '../../../src/domain/profiles/profile-schema';
import { getProfile } from '../../../src/domain/profiles/profiles';

export function profile(id: 'default' | 'hubei'): Profile {
  const found = getProfile(id);
  if (found === null) throw new Error(`built-in profile ${id} missing`);
  return found;
}

export const DEFAULT = profile('default');
export const HUBEI = profile('hubei');
export const BOTH: readonly (readonly [string, Profile])[] = [
  ['default', DEFAULT],
  ['hubei', HUBEI],
];

export function withRounding(base: Profile, rounding: Partial<Profile['rounding']>): Profile {
  return { ...base, rounding: { ...base.rounding, ...rounding } };
}

export function withReverse(base: Profile, reverseRule: Profile['reverseRule']): Profile {
  return { ...base, reverseRule };
}

export function field(raw: CellScalar, formula: string | null = null): Field {
  return { raw, cell: null, formula };
}

/** A table row from plain values; a `{ formula }` value marks a cell that holds one of our formulas. */
export function tableRow(
  values: Partial<Record<ColumnKey, CellScalar | { formula: string; value?: CellScalar }>>,
  row = 10,
): TableRow {
  const fields: Partial<Record<ColumnKey, Field>> = {};
  for (const [key, value] of Object.entries(values) as [
    ColumnKey,
    CellScalar | { formula: string; value?: CellScalar },
  ][]) {
    fields[key] =
      value !== null && typeof value === 'object' ? field(value.value ?? null, value.formula) : field(value);
  }
  return { row, fields };
}
