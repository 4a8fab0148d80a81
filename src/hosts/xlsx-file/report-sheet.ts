/**
 * One table of a report workbook as a worksheet: a bold header row that stays in view and carries an
 * autofilter, A4 landscape pages one page wide, and cells that may link to a file. The same layout whether
 * the rows are streamed (the command line) or the workbook is built in memory (the task pane).
 */
import type ExcelJS from 'exceljs';
import type { ReportTable } from '../../app/report-book';

function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** A report sheet's view and page setup (a new object each time: a worksheet keeps what it is given). */
export const sheetOptions = (): Partial<ExcelJS.AddWorksheetOptions> => ({
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

/** Writes the table into a new worksheet; `streamed` commits each row as soon as it is written. */
export function writeReportTable(ws: ExcelJS.Worksheet, table: ReportTable, streamed: boolean): void {
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
  if (streamed) header.commit();
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
    if (streamed) row.commit();
    count++;
  }
  ws.autoFilter = `A1:${columnName(table.header.length - 1)}${count + 1}`;
}
