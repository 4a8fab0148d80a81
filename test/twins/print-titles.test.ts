/**
 * A long form printed as LibreOffice lays it out (a program other than the one that wrote the file, as a
 * person opening a template without the add-in would): with 120 indicator rows each form runs over several
 * pages (the forms whose indicator table grows; the fixed tables of 事前评估 and 重点评价 fit one page), and
 * every page after the first starts with the indicator table's header row again (the plan's print
 * title rows, written as the sheet's `_xlnm.Print_Titles`), while the form's title prints once.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtInSettings } from '../../src/app/engine-settings';
import { insertTemplate } from '../../src/app/insert-template';
import { TEMPLATE_IDS } from '../../src/domain/forms/form-model';
import type { Plan } from '../../src/domain/plan/plan';
import { getTemplateSpec } from '../../src/domain/templates/registry';
import { XlsxWorkbook } from '../../src/hosts/xlsx-file/xlsx-workbook';
import { findSoffice, toPdfAll } from '../helpers/libreoffice';
import { onlySheetVisible } from './print-pages';

const soffice = findSoffice();
if (soffice === null) {
  console.warn(
    '跳过 LibreOffice 打印标题行测试：未找到 soffice（请安装 libreoffice-calc）/ ' +
      'skipping the LibreOffice print titles test: soffice not found (install libreoffice-calc)',
  );
}
const maybe = soffice ? describe : describe.skip;

const NOW = new Date('2026-01-01T00:00:00Z');
const ROWS = 120;
/** The forms whose indicator table grows with the number of indicator rows (the others have fixed tables). */
const GROWING = TEMPLATE_IDS.filter((id) =>
  getTemplateSpec(id).sections.some(
    (section) => section.kind === 'table' && section.blankRows === 'indicatorRows',
  ),
);

interface Printed {
  id: string;
  /** Each page's text, spaces and line breaks removed (a narrow cell wraps its words). */
  pages: string[];
  /** The texts of the header row the plan repeats, read back from the written sheet. */
  header: string[];
  title: string;
}

/** The text of every page of a PDF, page by page (pdftotext ends each page with a form feed). */
function pageTexts(pdf: Uint8Array): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'bpa-titles-'));
  try {
    const file = join(dir, 'form.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    return text
      .split('\f')
      .map((page) => page.replace(/\s+/g, ''))
      .filter((page) => page.length > 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

maybe('LibreOffice repeats the indicator table header on every printed page', () => {
  let printed: Printed[] = [];

  beforeAll(async () => {
    const settings = builtInSettings();
    if (settings === null) throw new Error('test setup: built-in settings missing');
    const built = await Promise.all(
      GROWING.map(async (id) => {
        const book = XlsxWorkbook.create();
        let plan: Plan | undefined;
        const apply = book.applyPlan.bind(book);
        book.applyPlan = (given: Plan) => {
          plan = given;
          return apply(given);
        };
        const { sheet } = await insertTemplate(book, {
          template: id,
          settings,
          indicatorRows: ROWS,
          now: NOW,
        });
        const setup = plan?.ops.find((op) => op.kind === 'printSetup' && op.sheet === sheet);
        const titleRows = setup?.kind === 'printSetup' ? setup.titleRows : undefined;
        if (titleRows === undefined) throw new Error(`${id}: the plan sets no print title rows`);
        const [header, title] = await book.readBlocks([
          // Column A holds the table's label, merged down the whole table: not a column name.
          { sheet, range: `B${String(titleRows.first + 1)}:Z${String(titleRows.last + 1)}` },
          { sheet, range: 'A1' },
        ]);
        const words = (header?.values ?? [])
          .flat()
          .filter((v): v is string => typeof v === 'string' && v.trim() !== '')
          .map((v) => v.replace(/\s+/g, ''));
        return {
          id,
          header: [...new Set(words)],
          title: String(title?.values[0]?.[0] ?? '').replace(/\s+/g, ''),
          file: await onlySheetVisible(await book.toBuffer(), sheet),
        };
      }),
    );
    const pdfs = await toPdfAll(built.map((b) => b.file));
    printed = built.map((b, i) => ({
      id: b.id,
      header: b.header,
      title: b.title,
      pages: pageTexts(pdfs[i] ?? new Uint8Array()),
    }));
  }, 240_000);

  it.each(GROWING.map((id, i) => [id, i] as const))('%s', (id, index) => {
    const form = printed[index];
    if (form === undefined) throw new Error(`${id}: not printed`);
    expect(form.pages.length).toBeGreaterThan(1);
    expect(form.header.length).toBeGreaterThan(1);
    form.pages.forEach((page, n) => {
      const missing = form.header.filter((word) => !page.includes(word));
      expect({ id, page: n + 1, missing }).toEqual({ id, page: n + 1, missing: [] });
    });
    // The form's title prints once, on page 1: only the table's header repeats.
    expect(form.title.length).toBeGreaterThan(0);
    expect(form.pages.filter((page) => page.includes(form.title)).length).toBe(1);
  });

  it('names the self-evaluation columns on page 2 and later', () => {
    const form = printed.find((p) => p.id === 'project-self-evaluation');
    if (form === undefined) throw new Error('project-self-evaluation: not printed');
    for (const page of form.pages.slice(1)) {
      for (const word of ['一级指标', '二级指标', '三级指标', '指标值']) expect(page).toContain(word);
    }
  });
});
