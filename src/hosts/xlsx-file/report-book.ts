/**
 * Writes a report workbook from plain tables: one sheet per table, a bold header row that stays in view and
 * carries an autofilter, A4 landscape pages one page wide, and cells that may link to a file. The caller has
 * already made every text inert (no leading formula character) and short enough for a cell.
 *
 * Rows are streamed: each is committed as soon as it is added, so only the compressed file is held, never
 * every row of a large batch.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ReportBook } from '../../app/report-book';

function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

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
    const ws = workbook.addWorksheet(table.name, {
      views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
      pageSetup: {
        paperSize: 9,
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        printTitlesRow: '1:1',
      },
    });
    table.widths.forEach((width, col) => {
      ws.getColumn(col + 1).width = width;
    });
    const header = ws.getRow(1);
    table.header.forEach((text, col) => {
      const cell = header.getCell(col + 1);
      cell.value = text;
      cell.font = { bold: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
    });
    header.commit();
    let count = 0;
    for (const values of table.rows) {
      const row = ws.getRow(count + 2);
      values.forEach((value, col) => {
        if (value === null) return;
        const cell = row.getCell(col + 1);
        if (typeof value === 'object') {
          cell.value = { text: value.text, hyperlink: value.link };
          cell.font = { color: { argb: 'FF0563C1' }, underline: true };
        } else cell.value = value;
      });
      row.commit();
      count++;
    }
    ws.autoFilter = `A1:${columnName(table.header.length - 1)}${count + 1}`;
    ws.commit();
  }
  await workbook.commit();
  await ended;
  return new Uint8Array(Buffer.concat(chunks));
}
