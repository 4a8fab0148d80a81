/**
 * Applying a template's plan to the memory host and reading the sheet back gives that template's empty form:
 * the plan builder and the reader agree on every cell, for every template, profile and framework.
 */
import fc from 'fast-check';
import { builtInSettings } from '../../src/app/engine-settings';
import { insertTemplate } from '../../src/app/insert-template';
import { TEMPLATE_IDS } from '../../src/domain/forms/form-model';
import { readForm } from '../../src/domain/forms/read-form';
import { readMeta } from '../../src/domain/forms/read-meta';
import { buildTemplatePlan } from '../../src/domain/templates/build-plan';
import { MemoryWorkbook } from '../../src/hosts/memory/memory-workbook';

const PROFILES = ['default', 'hubei'] as const;
const FRAMEWORKS = ['classic-2020', 'core-2021'] as const;

test('every template reads back as its empty form (property over template, profile, framework, row count)', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...TEMPLATE_IDS),
      fc.constantFrom(...PROFILES),
      fc.constantFrom(...FRAMEWORKS),
      fc.integer({ min: 1, max: 60 }),
      async (template, profileId, frameworkId, indicatorRows) => {
        const settings = builtInSettings(profileId, frameworkId);
        if (!settings) throw new Error('test setup: built-in settings missing');
        const book = new MemoryWorkbook();
        const now = new Date('2026-01-15T08:00:00Z');
        const { sheet } = await insertTemplate(book, { template, settings, indicatorRows, now });
        const { emptyForm } = buildTemplatePlan(template, {
          ...settings,
          sheetName: sheet,
          metaRow: 1,
          indicatorRows,
          createdAt: now.toISOString(),
        });
        const meta = readMeta(await book.readBlock('_meta')).entries.find((e) => e.sheet === sheet);
        expect(meta?.template).toBe(template);
        const read = readForm(await book.readBlock(sheet), sheet, {
          template,
          version: meta?.version ?? null,
        });
        if (!read.ok) throw new Error(`${template}: read back failed (${read.reason})`);
        expect(read.form).toEqual(emptyForm);
      },
    ),
    { numRuns: 120 },
  );
});

test('a template is recognised by its headers alone when _meta is gone', async () => {
  const settings = builtInSettings();
  if (!settings) throw new Error('test setup: built-in settings missing');
  for (const template of TEMPLATE_IDS) {
    const book = new MemoryWorkbook();
    const { sheet } = await insertTemplate(book, { template, settings });
    const read = readForm(await book.readBlock(sheet), sheet, null);
    expect(read.ok && read.form.template).toBe(template);
  }
});

test('inserting the same template twice keeps both sheets and both _meta lines', async () => {
  const settings = builtInSettings();
  if (!settings) throw new Error('test setup: built-in settings missing');
  const book = new MemoryWorkbook();
  const first = await insertTemplate(book, { template: 'project-self-evaluation', settings });
  const second = await insertTemplate(book, { template: 'project-self-evaluation', settings });
  expect(second.sheet).not.toBe(first.sheet);
  const entries = readMeta(await book.readBlock('_meta')).entries;
  expect(entries.map((e) => e.sheet)).toEqual([first.sheet, second.sheet]);
});
