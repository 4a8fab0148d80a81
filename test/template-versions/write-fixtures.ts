/**
 * Writes the fixture of every template's CURRENT version (see version-fixtures.ts): run it before a layout
 * change raises a version. `npx tsx test/template-versions/write-fixtures.ts`
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkWorkbook } from '../../src/app/check-workbook';
import { insertTemplate } from '../../src/app/insert-template';
import type { TemplateId } from '../../src/domain/forms/form-model';
import { columnLetter } from '../../src/domain/grid/address';
import { getTemplateSpec } from '../../src/domain/templates/registry';
import { XlsxWorkbook } from '../../src/hosts/xlsx-file/xlsx-workbook';
import { buildWorkbook, loadCase, settingsOf } from '../golden/golden-case';
import { FIXTURE_CASES, FIXTURES_DIR, recordOf, settingsFor, type FixtureRecord } from './version-fixtures';

const CASES_DIR = join(__dirname, '..', 'golden', 'cases');
/** The golden runner's creation time, so that both workbooks are laid out alike. */
const CREATED = new Date(Date.UTC(2024, 0, 1));

async function writeFixture(template: TemplateId): Promise<string | null> {
  const spec = getTemplateSpec(template);
  const dir = join(FIXTURES_DIR, `v${spec.version}`);
  const file = join(dir, `${template}.xlsx`);
  if (existsSync(file)) return null;
  const caseName = FIXTURE_CASES[template];
  const golden = loadCase(join(CASES_DIR, caseName), caseName);
  if (golden.input.kind !== 'template' || golden.input.others !== undefined) {
    throw new Error(`${caseName}: a fixture needs a single-form template case`);
  }
  // The golden runner fills a memory workbook; the same template inserted into an .xlsx workbook gets the
  // same cells typed.
  const { workbook: memory, mainSheet } = await buildWorkbook(golden.input);
  const book = XlsxWorkbook.create();
  const rows = golden.input.indicatorRows ?? Math.max(1, golden.input.fill.tables?.indicators?.length ?? 0);
  const { sheet } = await insertTemplate(book, {
    template,
    settings: settingsOf(golden.input),
    indicatorRows: rows,
    now: CREATED,
  });
  if (sheet !== mainSheet) throw new Error(`${caseName}: sheet ${sheet} is not ${mainSheet}`);
  const typed = await memory.readBlock(sheet);
  const blank = await book.readBlock(sheet);
  typed.values.forEach((line, r) => {
    line.forEach((value, c) => {
      const row = typed.top + r;
      const col = typed.left + c;
      if (typed.formulas[r]?.[c]) return;
      const before = blank.values[row - blank.top]?.[col - blank.left] ?? null;
      if (value === before) return;
      book.writeValuesAsUser(sheet, `${columnLetter(col)}${row + 1}`, [[value]]);
    });
  });
  const buffer = await book.toBuffer();

  const reopened = await XlsxWorkbook.fromBuffer(buffer);
  const report = await checkWorkbook(reopened, { settingsFor });
  const checked = report.sheets.find((s) => s.sheet === sheet);
  if (!checked) throw new Error(`${caseName}: the written sheet is not recognised`);
  const record: FixtureRecord = {
    ...recordOf(checked),
    version: spec.version,
    profile: golden.input.profile,
    framework: golden.input.framework,
    goldenCase: caseName,
  };
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, buffer);
  writeFileSync(join(dir, `${template}.expected.json`), `${JSON.stringify(record, null, 2)}\n`);
  return file;
}

async function main(): Promise<void> {
  for (const template of Object.keys(FIXTURE_CASES) as TemplateId[]) {
    const written = await writeFixture(template);
    console.log(written === null ? `${template}: kept` : `${template}: ${written}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
