/**
 * The command line's xlsx report: the host-neutral tables of src/app/report-xlsx.ts, with each checked file
 * named relative to the folder checked and linked from the report's folder, written by the host.
 */
import type { BatchReport, FileResult } from '../app/batch-report';
import type { CoverageReport } from '../app/coverage';
import { xlsxReportBook } from '../app/report-xlsx';
import type { Lang } from '../domain/messages/catalog';
import type { CliHost } from './cli-host';
import { fileLink, shownUnder } from './report-paths';

export {
  CELL_LIMIT,
  COVERAGE_SHEET,
  INDICATORS_SHEET,
  inertCell,
  ISSUES_SHEET,
  SUMMARY_SHEET,
  templateTitle,
} from '../app/report-xlsx';

interface Where {
  roots: readonly string[];
  output: string;
  coverage?: CoverageReport | undefined;
}

/** The whole report at once (tests, small batches). */
export function xlsxReport(
  report: BatchReport,
  lang: Lang,
  host: Pick<CliHost, 'writeReportBook'>,
  where: Where,
): Promise<Uint8Array> {
  return xlsxReportOf(() => report.files, lang, host, {
    ...where,
    coverage: where.coverage ?? report.coverage,
  });
}

/** The report from results read a file at a time, its rows streamed into the workbook. */
export function xlsxReportOf(
  files: () => Iterable<FileResult>,
  lang: Lang,
  host: Pick<CliHost, 'writeReportBook'>,
  where: Where,
): Promise<Uint8Array> {
  return host.writeReportBook(
    xlsxReportBook(files, lang, {
      shown: shownUnder(where.roots),
      link: (file) => fileLink(file, where.output),
      coverage: where.coverage,
    }),
  );
}
