/**
 * 导出报告: the HTML and xlsx reports `bpa check --format html|xlsx` writes, built in the pane from the
 * batch's results (src/app/report-html.ts, report-xlsx.ts) and saved through the browser's download. The
 * xlsx writer (exceljs) is its own chunk, loaded when an xlsx report or workbook is first asked for.
 */
import { summarize, type BatchReport, type FileResult } from '../../app/batch-report';
import type { CoverageReport } from '../../app/coverage';
import { htmlReport } from '../../app/report-html';
import type { ReportBook } from '../../app/report-book';
import { nameAsGiven } from '../../app/report-summary';
import { xlsxReportBook } from '../../app/report-xlsx';
import type { Lang } from '../../domain/messages/catalog';

export function batchReport(results: readonly FileResult[], coverage: CoverageReport | null): BatchReport {
  return {
    files: [...results],
    summary: summarize(results),
    ...(coverage === null ? {} : { coverage }),
  };
}

/** The page the command line writes with --format html: one self-contained file under its own CSP. */
export function htmlReportBlob(report: BatchReport, lang: Lang): Blob {
  return new Blob([htmlReport(report, lang, nameAsGiven)], { type: 'text/html;charset=utf-8' });
}

/** A report workbook from its tables, by the report writer (its own chunk, loaded on first use). */
export async function writeXlsx(book: ReportBook): Promise<Uint8Array> {
  const { writeReportBookInBrowser } = await import(
    /* webpackChunkName: "batch-xlsx" */ '../../hosts/xlsx-file/report-book-browser'
  );
  return writeReportBookInBrowser(book);
}

/** The workbook the command line writes with --format xlsx (files named, not linked: their folder is unknown). */
export async function xlsxReportBytes(report: BatchReport, lang: Lang): Promise<Uint8Array> {
  return writeXlsx(
    xlsxReportBook(() => report.files, lang, {
      shown: nameAsGiven,
      ...(report.coverage === undefined ? {} : { coverage: report.coverage }),
    }),
  );
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 审核报告-20261206-0930: the local date and time the report was made. */
export function reportName(now: Date, extension: 'html' | 'xlsx'): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const date = `${now.getFullYear()}${two(now.getMonth() + 1)}${two(now.getDate())}`;
  return `审核报告-${date}-${two(now.getHours())}${two(now.getMinutes())}.${extension}`;
}

/** Saves through the browser's download (a link to the data, clicked, then let go). */
export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
