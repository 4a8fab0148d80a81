/**
 * Printing as LibreOffice lays it out: every template's empty form, with the default number of indicator
 * rows, prints on one A4 landscape page (the plan widens narrow forms so that fitting the width also fits
 * the height; test/domain/templates/layouts.test.ts checks the estimate, this checks a real renderer).
 */
import { builtInSettings } from '../../src/app/engine-settings';
import { insertTemplate } from '../../src/app/insert-template';
import { TEMPLATE_IDS } from '../../src/domain/forms/form-model';
import { XlsxWorkbook } from '../../src/hosts/xlsx-file/xlsx-workbook';
import { findSoffice, toPdfAll } from '../helpers/libreoffice';
import { onlySheetVisible, pdfPageCount } from './print-pages';

const soffice = findSoffice();
if (soffice === null) {
  console.warn(
    '跳过 LibreOffice 打印版式测试：未找到 soffice（请安装 libreoffice-calc）/ ' +
      'skipping the LibreOffice print layout test: soffice not found (install libreoffice-calc)',
  );
}
const maybe = soffice ? describe : describe.skip;

const SETTINGS = [
  ['default', 'classic-2020'],
  ['hubei', 'core-2021'],
] as const;
const CASES = TEMPLATE_IDS.flatMap((id) =>
  SETTINGS.map(([profile, framework]) => ({ id, profile, framework })),
);

maybe('LibreOffice prints each empty form on one A4 landscape page', () => {
  let pages: number[] = [];

  beforeAll(async () => {
    const files = await Promise.all(
      CASES.map(async ({ id, profile, framework }) => {
        const settings = builtInSettings(profile, framework);
        if (settings === null) throw new Error('test setup: built-in settings missing');
        const book = XlsxWorkbook.create();
        const { sheet } = await insertTemplate(book, {
          template: id,
          settings,
          now: new Date('2026-01-01T00:00:00Z'),
        });
        return onlySheetVisible(await book.toBuffer(), sheet);
      }),
    );
    pages = (await toPdfAll(files)).map(pdfPageCount);
  }, 180_000);

  it.each(CASES.map((c, i) => [c.id, c.profile, c.framework, i] as const))(
    '%s (%s, %s)',
    (id, profile, framework, index) => {
      expect({ id, profile, framework, pages: pages[index] }).toEqual({ id, profile, framework, pages: 1 });
    },
  );

  it('counts the pages of a form that does not fit', async () => {
    const settings = builtInSettings();
    if (settings === null) throw new Error('test setup: built-in settings missing');
    const book = XlsxWorkbook.create();
    const { sheet } = await insertTemplate(book, {
      template: 'department-goals',
      settings,
      indicatorRows: 120,
      now: new Date('2026-01-01T00:00:00Z'),
    });
    const [pdf] = await toPdfAll([await onlySheetVisible(await book.toBuffer(), sheet)]);
    expect(pdfPageCount(pdf ?? new Uint8Array())).toBeGreaterThan(1);
  }, 120_000);
});
