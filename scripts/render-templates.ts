/**
 * Prints every template as LibreOffice lays it out, to look at column widths, wrapping, print area and
 * orientation without Excel: one .xlsx per template, its PDF, and PNG pages (pdftoppm, 80 dpi).
 * Run with `npx tsx scripts/render-templates.ts [outDir] [profile]`; needs libreoffice-calc, fonts-noto-cjk
 * (Chinese glyphs) and poppler-utils.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { builtInSettings } from '../src/app/engine-settings';
import { insertTemplate } from '../src/app/insert-template';
import { TEMPLATE_IDS } from '../src/domain/forms/form-model';
import { XlsxWorkbook } from '../src/hosts/xlsx-file/xlsx-workbook';
import { findSoffice, toPdfAll } from '../test/helpers/libreoffice';

const RESOLUTION_DPI = '80';

async function main(): Promise<void> {
  const outDir = resolve(process.argv[2] ?? join(tmpdir(), 'bpa-template-render'));
  const profileId = process.argv[3] ?? 'default';
  const settings = builtInSettings(profileId);
  if (!settings) throw new Error(`没有内置配置 / no built-in profile: ${profileId}`);
  if (findSoffice() === null) throw new Error('未找到 soffice，请安装 libreoffice-calc / soffice not found');
  mkdirSync(outDir, { recursive: true });

  const files = await Promise.all(
    TEMPLATE_IDS.map(async (template) => {
      const book = XlsxWorkbook.create();
      await insertTemplate(book, { template, settings, now: new Date('2026-01-01T00:00:00Z') });
      const xlsx = await book.toBuffer();
      writeFileSync(join(outDir, `${template}.xlsx`), xlsx);
      return xlsx;
    }),
  );
  // One LibreOffice start for all templates: it is the slow part.
  const pdfs = await toPdfAll(files);
  pdfs.forEach((pdf, i) => {
    const template = TEMPLATE_IDS[i];
    if (template === undefined) return;
    const pdfPath = join(outDir, `${template}.pdf`);
    writeFileSync(pdfPath, pdf);
    execFileSync('pdftoppm', ['-png', '-r', RESOLUTION_DPI, pdfPath, join(outDir, template)]);
    console.log(`${template}: ${pdfPath} (+ PNG 页面 / pages)`);
  });
  console.log(`输出目录 / output: ${outDir}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
