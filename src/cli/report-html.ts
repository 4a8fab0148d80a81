/**
 * The command line's HTML report: the host-neutral page of src/app/report-html.ts, with each checked file
 * named relative to the folder checked.
 */
import type { BatchReport, BatchSummary, FileResult } from '../app/batch-report';
import type { CoverageReport } from '../app/coverage';
import * as page from '../app/report-html';
import type { Lang } from '../domain/messages/catalog';
import { shownUnder } from './report-paths';

export {
  escapeHtml,
  gradeDistribution,
  REPORT_CSP,
  REPORT_SCRIPT,
  REPORT_SCRIPT_SHA256,
} from '../app/report-html';

/** The whole page as one string (tests, small batches). */
export function htmlReport(report: BatchReport, lang: Lang, roots: readonly string[] = []): string {
  return page.htmlReport(report, lang, shownUnder(roots));
}

/** The page a piece at a time. */
export function htmlReportChunks(
  files: () => Iterable<FileResult>,
  summary: BatchSummary,
  lang: Lang,
  roots: readonly string[] = [],
  coverage?: CoverageReport,
): Generator<string> {
  return page.htmlReportChunks(files, summary, lang, shownUnder(roots), coverage);
}
