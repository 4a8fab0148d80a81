/**
 * Prints every template as LibreOffice lays it out, to look at column widths, wrapping, print area and
 * orientation without Excel: one .xlsx per template, its PDF, and PNG pages (pdftoppm, 80 dpi).
 * Run with `npx tsx scripts/render-templates.ts [outDir] [profile] [templateId...]` (all templates unless
 * some are named); needs libreoffice-calc, fonts-noto-cjk (Chinese glyphs) and poppler-utils. Each line
 * printed gives the pages of the form sheet alone, the number to watch when rows spill onto a second page.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { builtInSettings } from '../src/app/engine-settings';
import { insertTemplate } from '../src/app/insert-template';
import { isTemplateId, TEMPLATE_IDS, type TemplateId } from '../src/domain/forms/form-model';
import { XlsxWorkbook } from '../src/hosts/xlsx-file/xlsx-workbook';
import { findSoffice, toPdfAll } from '../test/helpers/libreoffice';
import { onlySheetVisible, pdfPageCount } from '../test/twins/print-pages';

const RESOLUTION_DPI = '80';

async function main(): Promise<void> {
  const outDir = resolve(process.argv[2] ?? join(tmpdir(), 'bpa-template-render'));
  const profileId = process.argv[3] ?? 'default';
  const settings = builtInSettings(profileId);
  if (!settings) throw new Error(`没有内置配置 / no built-in profile: ${profileId}`);
  const named = process.argv.slice(4);
  const unknown = named.filter((id) => !isTemplateId(id));
  if (unknown.length > 0) throw new Error(`未知模板 / unknown templates: ${unknown.join(', ')}`);
  const templates: readonly TemplateId[] = named.length > 0 ? named.filter(isTemplateId) : TEMPLATE_IDS;
  if (findSoffice() === null) throw new Error('未找到 soffice，请安装 libreoffice-calc / soffice not found');
  mkdirSync(outDir, { recursive: true });

  const files = await Promise.all(
    templates.map(async (template) => {
      const book = XlsxWorkbook.create();
      const { sheet } = await insertTemplate(book, {
        template,
        settings,
        now: new Date('2026-01-01T00:00:00Z'),
      });
      const xlsx = await book.toBuffer();
      writeFileSync(join(outDir, `${template}.xlsx`), xlsx);
      return [xlsx, await onlySheetVisible(xlsx, sheet)] as const;
    }),
  );
  // One LibreOffice start for all templates: it is the slow part.
  const pdfs = await toPdfAll(files.flat());
  templates.forEach((template, i) => {
    const pdf = pdfs[2 * i];
    const formOnly = pdfs[2 * i + 1];
    if (pdf === undefined || formOnly === undefined) return;
    const pdfPath = join(outDir, `${template}.pdf`);
    writeFileSync(pdfPath, pdf);
    for (const old of readdirSync(outDir).filter((f) => f.startsWith(`${template}-`) && f.endsWith('.png')))
      rmSync(join(outDir, old));
    execFileSync('pdftoppm', ['-png', '-r', RESOLUTION_DPI, pdfPath, join(outDir, template)]);
    console.log(
      `${template}: ${pdfPath} (+ PNG 页面 / pages)；表单页数 / form pages: ${pdfPageCount(formOnly)}`,
    );
  });
  console.log(`输出目录 / output: ${outDir}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
