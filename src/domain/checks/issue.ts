/**
 * Problems in what a person typed are values, not exceptions (docs/architecture.md §4).
 */
export type Severity = 'error' | 'warning' | 'info';

export type IssueParams = Readonly<Record<string, string | number>>;

export interface Issue {
  /** lower_snake code; its text is in the message catalog (messages/). */
  code: string;
  severity: Severity;
  sheet: string;
  /** A1 address of the cell to fix, null for a missing section or a whole-form issue. */
  cell: string | null;
  params: IssueParams;
}
