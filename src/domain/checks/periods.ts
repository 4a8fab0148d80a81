/**
 * Dates as people write them in goal tables: '2025年12月底前', '2024年1月-2025年6月', '2023-2025年',
 * '2025.06'. Only a four-digit year counts as a date, so targets such as '≤12' (months) or '100%' never do.
 */

/** A year with, when written, a month (1–12). */
export interface YearMonth {
  year: number;
  month: number | null;
}

const YEAR_MONTH =
  /(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])(?:\s*(?:年|[-./—–－~～至到])\s*([0-9]{1,2})(?![0-9])(?!\s*年))?/g;

/** Every year (and month) written in a text, in order. */
export function datesIn(text: string): YearMonth[] {
  const found: YearMonth[] = [];
  for (const match of text.matchAll(YEAR_MONTH)) {
    const year = Number(match[1]);
    const monthText = match[2];
    const month = monthText === undefined ? null : Number(monthText);
    found.push({ year, month: month !== null && month >= 1 && month <= 12 ? month : null });
  }
  return found;
}

/** The latest date written in a text (the end of a period such as '2023-2025年'), or null. */
export function latestDateIn(text: string): YearMonth | null {
  let latest: YearMonth | null = null;
  for (const date of datesIn(text)) {
    if (latest === null || isLater(date, latest)) latest = date;
  }
  return latest;
}

/**
 * Whether `a` is certainly later than `b`. A date with no month covers the whole year, so '2025' is not
 * later than '2025年6月', and '2025年12月' is not later than '2025'.
 */
export function isLater(a: YearMonth, b: YearMonth): boolean {
  if (a.year !== b.year) return a.year > b.year;
  return a.month !== null && b.month !== null && a.month > b.month;
}
