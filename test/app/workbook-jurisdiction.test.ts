/**
 * The jurisdiction package a workbook was made with, remembered in its `_meta`: written and read back over the
 * memory host, beside the form lines without disturbing them, and compared with the package at hand.
 */
import { checkWorkbook } from '../../src/app/check-workbook';
import { builtInSettings, type EngineSettings } from '../../src/app/engine-settings';
import { insertTemplate } from '../../src/app/insert-template';
import { readWorkbookJurisdiction, recordWorkbookJurisdiction } from '../../src/app/workbook-jurisdiction';
import { readMeta } from '../../src/domain/forms/read-meta';
import { jurisdictionStanding, type JurisdictionRecord } from '../../src/domain/profiles/jurisdiction-record';
import { MemoryWorkbook } from '../../src/hosts/memory/memory-workbook';

const settingsOrNull = builtInSettings();
if (settingsOrNull === null) throw new Error('test setup: built-in settings missing');
const settings: EngineSettings = settingsOrNull;

const HUBEI: JurisdictionRecord = { name: '湖北口径', version: '2025.1', hash: 'a'.repeat(64) };
const OTHER: JurisdictionRecord = { name: '湖北口径', version: '2025.1', hash: 'b'.repeat(64) };

describe('the workbook’s jurisdiction package', () => {
  test('a workbook without `_meta` names none; recording creates `_meta` very hidden, read back as written', async () => {
    const book = new MemoryWorkbook();
    // A workbook as a person opens it: one plain sheet.
    await book.applyPlan({
      formSheet: 'Sheet1',
      ops: [{ kind: 'ensureSheet', sheet: 'Sheet1', visibility: 'visible', ifExists: 'fail' }],
    });
    expect(await readWorkbookJurisdiction(book)).toBeNull();
    await recordWorkbookJurisdiction(book, null);
    expect(book.hasSheet('_meta')).toBe(false);
    await recordWorkbookJurisdiction(book, HUBEI);
    expect(book.sheetVisibility('_meta')).toBe('veryHidden');
    expect(await readWorkbookJurisdiction(book)).toEqual(HUBEI);
    // A form inserted afterwards keeps the record, and its own line reads as before.
    await insertTemplate(book, { template: 'project-goals', settings });
    expect(await readWorkbookJurisdiction(book)).toEqual(HUBEI);
    const meta = readMeta(await book.readBlock('_meta'));
    expect(meta.problems).toEqual([]);
    expect(meta.entries.map((e) => e.template)).toEqual(['project-goals']);
  });

  test('recorded beside the form lines, replaced in place, and cleared', async () => {
    const book = new MemoryWorkbook();
    const { sheet } = await insertTemplate(book, { template: 'project-goals', settings });
    await insertTemplate(book, { template: 'project-monitoring', settings });
    await recordWorkbookJurisdiction(book, HUBEI);
    expect(book.getCell('_meta', 'I1')?.value).toBe('jurisdiction');
    expect(book.getCell('_meta', 'J1')?.value).toBe('湖北口径');
    await recordWorkbookJurisdiction(book, { ...OTHER, version: '2026' });
    expect(await readWorkbookJurisdiction(book)).toEqual({ ...OTHER, version: '2026' });
    const meta = readMeta(await book.readBlock('_meta'));
    expect(meta.problems).toEqual([]);
    expect(meta.entries.map((e) => e.sheet)).toHaveLength(2);
    expect(meta.entries[0]?.sheet).toBe(sheet);
    await recordWorkbookJurisdiction(book, null);
    expect(await readWorkbookJurisdiction(book)).toBeNull();
    expect(readMeta(await book.readBlock('_meta')).entries).toHaveLength(2);
  });

  test('labels moved by hand are found and written where they are; an incomplete record is none', async () => {
    const book = new MemoryWorkbook();
    await insertTemplate(book, { template: 'project-goals', settings });
    book.setValues('_meta', 'M1', [['JurisdictionHash', 'C'.repeat(64), 'jurisdiction', '某市口径']]);
    expect(await readWorkbookJurisdiction(book)).toBeNull();
    book.setValues('_meta', 'Q1', [['jurisdictionVersion', 3]]);
    expect(await readWorkbookJurisdiction(book)).toEqual({
      name: '某市口径',
      version: '3',
      hash: 'c'.repeat(64),
    });
    await recordWorkbookJurisdiction(book, HUBEI);
    expect(book.getCell('_meta', 'P1')?.value).toBe('湖北口径');
    expect(book.getCell('_meta', 'I1')).toBeNull();
    expect(await readWorkbookJurisdiction(book)).toEqual(HUBEI);
  });

  test('standing: the content hash decides, not the name', () => {
    expect(jurisdictionStanding(null, HUBEI).kind).toBe('unrecorded');
    expect(jurisdictionStanding(HUBEI, null).kind).toBe('missing');
    expect(jurisdictionStanding(HUBEI, { ...HUBEI, name: '改名' }).kind).toBe('same');
    expect(jurisdictionStanding(HUBEI, OTHER)).toEqual({ kind: 'different', recorded: HUBEI, atHand: OTHER });
  });

  test('a check told which package it runs with says so on each form when the workbook names another', async () => {
    const book = new MemoryWorkbook();
    await insertTemplate(book, { template: 'project-goals', settings });
    await recordWorkbookJurisdiction(book, HUBEI);
    const infos = async (jurisdiction?: JurisdictionRecord | null) => {
      const report = await checkWorkbook(book, {
        settingsFor: () => settings,
        ...(jurisdiction === undefined ? {} : { jurisdiction }),
      });
      return report.sheets.flatMap((s) => s.issues.filter((i) => i.code.startsWith('jurisdiction_')));
    };
    expect(await infos()).toEqual([]);
    expect(await infos(HUBEI)).toEqual([]);
    const [notGiven] = await infos(null);
    expect(notGiven).toMatchObject({
      code: 'jurisdiction_not_given',
      severity: 'info',
      cell: null,
      params: { name: '湖北口径', version: '2025.1' },
    });
    const [different] = await infos({ ...OTHER, name: '某市口径', version: '1' });
    expect(different).toMatchObject({
      code: 'jurisdiction_different',
      severity: 'info',
      params: { name: '湖北口径', version: '2025.1', given: '某市口径', givenVersion: '1' },
    });
  });
});
