/**
 * Writes a report workbook from plain tables: one sheet per table, a bold header row that stays in view and
 * carries an autofilter, A4 landscape pages one page wide, and cells that may link to a file. The caller has
 * already made every text inert (no leading formula character) and short enough for a cell.
 */
import ExcelJS from 'exceljs';
import type { ReportBook } from '../../app/report-book';

function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

export async function writeReportBook(book: ReportBook): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
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
    table.header.forEach((text, col) => {
      const cell = ws.getCell(1, col + 1);
      cell.value = text;
      cell.font = { bold: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
    });
    table.rows.forEach((row, r) => {
      row.forEach((value, col) => {
        if (value === null) return;
        const cell = ws.getCell(r + 2, col + 1);
        if (typeof value === 'object') {
          cell.value = { text: value.text, hyperlink: value.link };
          cell.font = { color: { argb: 'FF0563C1' }, underline: true };
        } else cell.value = value;
      });
    });
    table.widths.forEach((width, col) => {
      ws.getColumn(col + 1).width = width;
    });
    const last = columnName(table.header.length - 1);
    ws.autoFilter = `A1:${last}${table.rows.length + 1}`;
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
