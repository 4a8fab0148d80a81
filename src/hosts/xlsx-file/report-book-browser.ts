/**
 * Writes a report workbook from plain tables in a browser (the task pane's 导出报告 and the new workbook of
 * 写入汇总表 in Excel), with the same sheet layout as the command line's (report-sheet.ts). The workbook is
 * built in memory: a pane's batch is small enough, and the browser has no stream to write to. Loaded only
 * when a report is exported (its own chunk).
 */
import ExcelJS from 'exceljs';
import type { ReportBook } from '../../app/report-book';
import { sheetOptions, writeReportTable } from './report-sheet';

export async function writeReportBookInBrowser(book: ReportBook): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  for (const table of book.sheets) {
    writeReportTable(workbook.addWorksheet(table.name, sheetOptions()), table, false);
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
