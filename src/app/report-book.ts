/**
 * A report workbook as plain tables, for a host that writes xlsx files: the host adds the header style, an
 * autofilter, a frozen header row and A4 landscape pages one page wide. Rows are read once, in order, so a
 * table can be produced a file at a time without holding every row.
 */

/** A cell of a report table: a value, or a text that links to a file (a path relative to the report). */
export type ReportCell = string | number | null | { text: string; link: string };

export interface ReportTable {
  name: string;
  header: string[];
  rows: Iterable<ReportCell[]>;
  widths: number[];
}

export interface ReportBook {
  sheets: ReportTable[];
}
