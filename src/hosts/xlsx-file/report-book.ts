/**
 * Writes a report workbook from plain tables (the layout of each sheet: report-sheet.ts). The caller has
 * already made every text inert (no leading formula character) and short enough for a cell.
 *
 * Rows are streamed: each is committed as soon as it is added, so only the compressed file is held, never
 * every row of a large batch.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ReportBook } from '../../app/report-book';
import { sheetOptions, writeReportTable } from './report-sheet';

export async function writeReportBook(book: ReportBook): Promise<Uint8Array> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((done, fail) => {
    stream.on('end', done);
    stream.on('error', fail);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true });
  for (const table of book.sheets) {
    const ws = workbook.addWorksheet(table.name, sheetOptions());
    writeReportTable(ws, table, true);
    ws.commit();
  }
  await workbook.commit();
  await ended;
  return new Uint8Array(Buffer.concat(chunks));
}
