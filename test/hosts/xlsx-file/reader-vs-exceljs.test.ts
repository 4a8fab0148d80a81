/**
 * The streaming reader of received workbooks against the exceljs path it replaces, cell by cell: every
 * template under both profiles (as we write it, and as LibreOffice saves it back with its calculated
 * results), and the workbook of every golden case. While both readers exist, they must read the same.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { builtInSettings } from '../../../src/app/engine-settings';
import { insertTemplate } from '../../../src/app/insert-template';
import { checkWorkbook } from '../../../src/app/check-workbook';
import type { WorkbookPort } from '../../../src/app/workbook-port';
import { TEMPLATE_IDS } from '../../../src/domain/forms/form-model';
import type { CellInput } from '../../../src/domain/grid/cell';
import { openReceivedWorkbook } from '../../../src/hosts/xlsx-file/open-received';
import { XlsxWorkbook } from '../../../src/hosts/xlsx-file/xlsx-workbook';
import { buildWorkbook, loadCase, settingsOf } from '../../golden/golden-case';
import { findSoffice, recalculateAll } from '../../helpers/libreoffice';

jest.setTimeout(180_000);

const PROFILES = ['default', 'hubei'] as const;

async function templateFiles(): Promise<{ name: string; file: Buffer }[]> {
  const out: { name: string; file: Buffer }[] = [];
  for (const profile of PROFILES) {
    const settings = builtInSettings(profile);
    if (settings === null) throw new Error(`profile ${profile} missing`);
    for (const template of TEMPLATE_IDS) {
      const book = XlsxWorkbook.create();
      await insertTemplate(book, {
        template,
        settings,
        indicatorRows: 4,
        now: new Date(Date.UTC(2024, 0, 1)),
      });
      out.push({ name: `${template}/${profile}`, file: await book.toBuffer() });
    }
  }
  return out;
}

/** Every sheet and every cell of its used range, as the port hands them out. */
async function everything(port: WorkbookPort) {
  const sheets = await port.listSheets();
  const blocks = await port.readBlocks(sheets.map((s) => ({ sheet: s.name })));
  return { sheets, blocks };
}

async function expectSameReading(file: Buffer): Promise<void> {
  const viaExceljs = await XlsxWorkbook.fromBuffer(file);
  const opened = await openReceivedWorkbook(file);
  if (!opened.ok) throw new Error(`the reader refused the file: ${opened.code} ${opened.detail}`);
  const expected = await everything(viaExceljs);
  const actual = await everything(opened.workbook);
  expect(actual.sheets).toEqual(expected.sheets);
  // Cell by cell, so that a difference names its sheet and cell.
  const differences: string[] = [];
  expected.blocks.forEach((block, b) => {
    const other = actual.blocks[b];
    const sheet = expected.sheets[b]?.name ?? '?';
    block.values.forEach((row, r) =>
      row.forEach((value, c) => {
        const formula = block.formulas[r]?.[c] ?? null;
        const gotValue = other?.values[r]?.[c];
        const gotFormula = other?.formulas[r]?.[c] ?? null;
        if (!Object.is(gotValue, value) || gotFormula !== formula) {
          differences.push(
            `${sheet} r${r + 1}c${c + 1}: exceljs ${JSON.stringify([value, formula])}, reader ${JSON.stringify([gotValue, gotFormula])}`,
          );
        }
      }),
    );
  });
  expect(differences).toEqual([]);
}

describe('the streaming reader reads what exceljs reads', () => {
  it.each(['as written', 'as LibreOffice saves them'] as const)(
    'on every template under both profiles, %s',
    async (how) => {
      let files = await templateFiles();
      expect(files).toHaveLength(TEMPLATE_IDS.length * PROFILES.length);
      if (how === 'as LibreOffice saves them') {
        if (findSoffice() === null) throw new Error('LibreOffice (soffice) is needed for this test');
        const saved = await recalculateAll(files.map((f) => f.file));
        files = files.map((f, i) => ({ name: f.name, file: saved[i] as Buffer }));
      }
      for (const { file } of files) await expectSameReading(file);
    },
  );

  const casesDir = join(__dirname, '../../golden/cases');
  const names = readdirSync(casesDir)
    .filter((n) => statSync(join(casesDir, n)).isDirectory())
    .sort();

  it.each(names)('on the workbook of golden case %s, and checks it the same', async (name) => {
    const golden = loadCase(join(casesDir, name), name);
    const { workbook } = await buildWorkbook(golden.input);
    // The case's workbook saved as a file: every sheet with its state, values and formulas.
    const file = XlsxWorkbook.create();
    for (const info of await workbook.listSheets()) {
      const block = await workbook.readBlock(info.name);
      const values: CellInput[][] = block.values.map((row, r) =>
        row.map((value, c) => {
          const formula = block.formulas[r]?.[c] ?? null;
          return formula === null ? value : { formula };
        }),
      );
      await file.applyPlan({
        formSheet: info.name,
        ops: [
          { kind: 'ensureSheet', sheet: info.name, visibility: info.visibility, ifExists: 'fail' },
          ...(values.length === 0
            ? []
            : [{ kind: 'writeBlock' as const, sheet: info.name, topLeft: 'A1', values }]),
        ],
      });
    }
    const bytes = await file.toBuffer();
    await expectSameReading(bytes);
    const opened = await openReceivedWorkbook(bytes);
    if (!opened.ok) throw new Error(opened.code);
    const settings = settingsOf(golden.input);
    const inMemory = await checkWorkbook(workbook, { settingsFor: () => settings });
    const fromFile = await checkWorkbook(opened.workbook, { settingsFor: () => settings });
    expect(fromFile).toEqual(inMemory);
  });
});
