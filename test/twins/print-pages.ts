/**
 * Counting printed pages of one sheet: LibreOffice prints every visible sheet into one PDF, so the other
 * sheets are hidden first. Shared by the print-layout twin test and scripts/render-templates.ts.
 */
import ExcelJS from 'exceljs';

/** The workbook with every sheet but `sheet` hidden, so that a PDF of it holds that sheet's pages alone. */
export async function onlySheetVisible(xlsx: Uint8Array, sheet: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(xlsx as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
  if (book.getWorksheet(sheet) === undefined) throw new Error(`no sheet ${sheet}`);
  for (const ws of book.worksheets) {
    if (ws.name !== sheet && ws.state === 'visible') ws.state = 'hidden';
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Pages of a PDF as LibreOffice writes it: one uncompressed page object per page. */
export function pdfPageCount(pdf: Uint8Array): number {
  return (
    Buffer.from(pdf)
      .toString('latin1')
      .match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0
  );
}
