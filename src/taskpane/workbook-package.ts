/**
 * Which jurisdiction package the pane uses on a workbook: the one remembered on this machine, unless the
 * workbook's `_meta` names another (or one this machine does not have) — then none, and the pane says so.
 */
import {
  jurisdictionStanding,
  recordOf,
  type JurisdictionRecord,
  type JurisdictionStanding,
} from '../domain/profiles/jurisdiction-record';
import type { Jurisdiction } from '../domain/profiles/jurisdiction';
import type { UiStrings } from './strings';

/** Null while the workbook's record has not been read. */
export function standingOf(
  recorded: JurisdictionRecord | null | undefined,
  machine: Jurisdiction | null,
): JurisdictionStanding | null {
  if (recorded === undefined) return null;
  return jurisdictionStanding(recorded, machine === null ? null : recordOf(machine));
}

/** The package to use: the machine's when the workbook names none or the same one; else none. */
export function packageInUse(
  standing: JurisdictionStanding | null,
  machine: Jurisdiction | null,
): Jurisdiction | null {
  return standing !== null && (standing.kind === 'unrecorded' || standing.kind === 'same') ? machine : null;
}

/** What 设置 and the notice say about the workbook's package; null when it names none. */
export function standingText(t: UiStrings, standing: JurisdictionStanding | null): string | null {
  if (standing === null) return null;
  switch (standing.kind) {
    case 'unrecorded':
      return null;
    case 'same':
      return t.workbookPackageSame(standing.recorded.name, standing.recorded.version);
    case 'missing':
      return t.workbookPackageMissing(standing.recorded.name, standing.recorded.version);
    case 'different':
      return t.workbookPackageDifferent(
        standing.recorded.name,
        standing.recorded.version,
        standing.atHand.name,
        standing.atHand.version,
      );
  }
}
