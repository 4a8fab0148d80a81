/**
 * A workbook made with a jurisdiction package, checked without that package: its forms were scored here by
 * other rules than the ones they were made for. Not an error in the form, so an info issue on each form.
 */
import type { Issue } from '../checks/issue';
import { jurisdictionStanding, type JurisdictionRecord } from './jurisdiction-record';

/** The params each code's message may use (registered with the engine's own issue codes). */
export const JURISDICTION_ISSUE_CODES = {
  jurisdiction_not_given: ['name', 'version'],
  jurisdiction_different: ['name', 'version', 'given', 'givenVersion'],
} as const satisfies Readonly<Record<string, readonly string[]>>;

export function jurisdictionIssue(
  sheet: string,
  recorded: JurisdictionRecord | null,
  given: JurisdictionRecord | null,
): Issue | null {
  const standing = jurisdictionStanding(recorded, given);
  switch (standing.kind) {
    case 'unrecorded':
    case 'same':
      return null;
    case 'missing':
      return {
        code: 'jurisdiction_not_given',
        severity: 'info',
        sheet,
        cell: null,
        params: { name: standing.recorded.name, version: standing.recorded.version },
      };
    case 'different':
      return {
        code: 'jurisdiction_different',
        severity: 'info',
        sheet,
        cell: null,
        params: {
          name: standing.recorded.name,
          version: standing.recorded.version,
          given: standing.atHand.name,
          givenVersion: standing.atHand.version,
        },
      };
  }
}
