/**
 * The file host against the reference: every template's plan, applied to an .xlsx workbook, written to a
 * file and read back, gives the cells the memory host gives, and the file holds the validations, highlight
 * rules, names, protection and sheet states the plan asked for.
 */
import ExcelJS from 'exceljs';
import { HostError } from '../../../src/app/workbook-port';
import { TEMPLATE_IDS } from '../../../src/domain/forms/form-model';
import { readForm } from '../../../src/domain/forms/read-form';
import { getFramework } from '../../../src/domain/framework/frameworks';
import { parseRange, toA1, toRangeA1 } from '../../../src/domain/grid/address';
import type { PlanOp } from '../../../src/domain/plan/plan';
import { getProfile } from '../../../src/domain/profiles/profiles';
import { readMeta } from '../../../src/domain/forms/read-meta';
import { buildTemplatePlan } from '../../../src/domain/templates/build-plan';
import type { TemplatePlan } from '../../../src/domain/templates/build-plan';
import { MemoryWorkbook } from '../../../src/hosts/memory/memory-workbook';
import { XlsxWorkbook } from '../../../src/hosts/xlsx-file/xlsx-workbook';

type ValidationOp = Extract<PlanOp, { kind: 'listValidation' | 'customValidation' | 'decimalValidation' }>;

interface LoadedRule {
  type: string;
  formulae?: unknown[];
  operator?: string;
  allowBlank?: boolean;
  error?: string;
  prompt?: string;
}

interface LoadedSheetParts {
  dataValidations: { model: Record<string, LoadedRule | undefined> };
  conditionalFormattings: { ref: string; rules: { type: string; formulae?: string[] }[] }[];
}

/** The built-in settings pairs: the defaults, and hubei's weights with core-2021's first-level 成本指标. */
const SETTINGS = [
  ['default', 'classic-2020'],
  ['hubei', 'core-2021'],
] as const;

function templatePlan(
  id: (typeof TEMPLATE_IDS)[number],
  profileId: string,
  frameworkId: string,
): TemplatePlan {
  const profile = getProfile(profileId);
  const framework = getFramework(frameworkId);
  if (profile === null || framework === null) throw new Error('test setup: built-in settings missing');
  return buildTemplatePlan(id, { profile, framework, metaRow: 1, createdAt: '2024-03-01T08:00:00.000Z' });
}

async function reload(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(buffer as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
  return book;
}

function sheetOf(book: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = book.getWorksheet(name);
  if (ws === undefined) throw new Error(`sheet ${name} missing from the written file`);
  return ws;
}

const parts = (ws: ExcelJS.Worksheet): LoadedSheetParts => ws as unknown as LoadedSheetParts;

/** What the file's rule should say for a plan's validation: type and first formula, as exceljs reads them. */
function expectedRule(op: ValidationOp): { type: string; formula: unknown } {
  switch (op.kind) {
    case 'listValidation':
      return {
        type: 'list',
        formula: typeof op.source === 'string' ? op.source.slice(1) : `"${op.source.join(',')}"`,
      };
    case 'customValidation':
      return { type: 'custom', formula: op.formula.slice(1) };
    case 'decimalValidation':
      return { type: 'decimal', formula: op.min };
  }
}

/** "'Sheet'!$A$1:$A$1" and "Sheet!$A$1" name the same cells: sheet without quotes, range in short form. */
function normalisedRef(ref: string): string {
  const bang = ref.lastIndexOf('!');
  const sheet = ref
    .slice(0, bang)
    .replace(/^'(.*)'$/, '$1')
    .replace(/''/g, "'");
  return `${sheet}!${toRangeA1(parseRange(ref.slice(bang + 1).replace(/\$/g, '')))}`;
}

function cellsIn(ref: string): string[] {
  const range = parseRange(ref);
  const out: string[] = [];
  for (let row = range.top; row <= range.bottom; row += 1) {
    for (let col = range.left; col <= range.right; col += 1) out.push(toA1({ row, col }));
  }
  return out;
}

const CASES = TEMPLATE_IDS.flatMap((id) =>
  SETTINGS.map(([profile, framework]) => [id, profile, framework] as const),
);

describe.each(CASES)('template %s (%s, %s) through an .xlsx file', (id, profileId, frameworkId) => {
  const { plan, emptyForm } = templatePlan(id, profileId, frameworkId);
  const sheet = plan.formSheet;
  let memory: MemoryWorkbook;
  let file: XlsxWorkbook;
  let written: ExcelJS.Workbook;

  beforeAll(async () => {
    memory = new MemoryWorkbook();
    await memory.applyPlan(plan);
    const book = XlsxWorkbook.create();
    await book.applyPlan(plan);
    const buffer = await book.toBuffer();
    file = await XlsxWorkbook.fromBuffer(buffer);
    written = await reload(buffer);
  });

  it('reads every sheet back cell for cell as the memory host does, values and formulas', async () => {
    expect(await file.listSheets()).toEqual(await memory.listSheets());
    for (const { name } of await memory.listSheets()) {
      expect({ name, block: await file.readBlock(name) }).toEqual({
        name,
        block: await memory.readBlock(name),
      });
    }
    const form = await file.readBlock(sheet);
    expect(form.values.flat().filter((v) => v !== null).length).toBeGreaterThan(10);
  });

  it('reads the round-tripped form sheet as the plan’s empty form', async () => {
    const meta = readMeta(await file.readBlock('_meta')).entries.find((e) => e.sheet === sheet);
    expect(meta?.template).toBe(id);
    expect([meta?.profile, meta?.framework]).toEqual([profileId, frameworkId]);
    const read = readForm(await file.readBlock(sheet), sheet, {
      template: id,
      version: meta?.version ?? null,
    });
    if (!read.ok) throw new Error(`${id}: read back failed (${read.reason})`);
    expect(read.form).toEqual(emptyForm);
  });

  it('keeps sheet states in the file: _meta very hidden, the form visible', () => {
    const states = Object.fromEntries(written.worksheets.map((ws) => [ws.name, ws.state]));
    expect(states['_meta']).toBe('veryHidden');
    expect(states[sheet]).toBe('visible');
    for (const name of memory.sheetNames()) {
      expect({ name, state: states[name] }).toEqual({ name, state: memory.sheetVisibility(name) });
    }
  });

  it('writes each validation once per cell, the last one set over a cell winning', () => {
    const ws = sheetOf(written, sheet);
    const model = parts(ws).dataValidations.model;
    const validations = plan.ops.filter(
      (op): op is ValidationOp =>
        (op.kind === 'listValidation' || op.kind === 'customValidation' || op.kind === 'decimalValidation') &&
        op.sheet === sheet,
    );
    expect(validations.length).toBeGreaterThan(0);
    for (const op of validations) {
      for (const a1 of cellsIn(op.range)) {
        const reference = memory.validationAt(sheet, a1);
        if (reference === null) throw new Error(`memory host has no validation at ${a1}`);
        const rule = model[a1];
        expect({ a1, type: rule?.type, formula: rule?.formulae?.[0], error: rule?.error }).toEqual({
          a1,
          ...expectedRule(reference),
          error: reference.error,
        });
      }
    }
    const covered = new Set(validations.flatMap((op) => cellsIn(op.range)));
    const extra = Object.keys(model).filter((a1) => model[a1] !== undefined && !covered.has(a1));
    expect(extra).toEqual([]);
  });

  it('writes every highlight as an expression rule on its range', () => {
    const ws = sheetOf(written, sheet);
    const rules = parts(ws).conditionalFormattings.flatMap((cf) =>
      cf.rules.map((rule) => ({ ref: cf.ref, type: rule.type, formula: rule.formulae?.[0] })),
    );
    const expected = memory
      .highlightsOf(sheet)
      .map((h) => ({ ref: h.range, type: 'expression', formula: h.formula.slice(1) }));
    expect(rules).toEqual(expected);
  });

  it('writes merges, locks and sheet protection as the memory host holds them', () => {
    const ws = sheetOf(written, sheet);
    expect([...ws.model.merges].sort()).toEqual(memory.mergesOf(sheet).sort());
    const used = parseRange(ws.dimensions.range);
    for (let row = 0; row <= used.bottom; row += 1) {
      for (let col = 0; col <= used.right; col += 1) {
        const a1 = toA1({ row, col });
        const locked = ws.getCell(a1).protection?.locked !== false;
        expect({ a1, locked }).toEqual({ a1, locked: memory.isLocked(sheet, a1) });
      }
    }
    const protection = memory.protectionOf(sheet);
    expect(protection).not.toBeNull();
    const sheetProtection = (ws as unknown as { sheetProtection: Record<string, unknown> | null })
      .sheetProtection;
    expect(sheetProtection?.['sheet']).toBe(true);
    for (const [what, allowed] of Object.entries(protection?.allow ?? {})) {
      expect({ what, allowed: sheetProtection?.[what] === true }).toEqual({ what, allowed });
    }
  });

  it('writes the defined names the plan asks for', () => {
    const wanted = plan.ops
      .filter((op): op is Extract<PlanOp, { kind: 'defineName' }> => op.kind === 'defineName')
      .map((op) => ({ name: op.name, ranges: [normalisedRef(op.refersTo.slice(1))] }));
    const names = written.definedNames.model
      .filter((n) => !n.name.startsWith('_xlnm.'))
      .map((n) => ({ name: n.name, ranges: n.ranges.map(normalisedRef) }));
    expect(names).toEqual(wanted);
  });

  it('writes freeze panes and print setup', () => {
    const ws = sheetOf(written, sheet);
    const freeze = memory.freezePanesOf(sheet);
    const print = memory.printSetupOf(sheet);
    if (freeze !== null) {
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: freeze.rows, xSplit: freeze.cols });
    }
    if (print !== null) {
      expect(ws.pageSetup).toMatchObject({ orientation: print.orientation, paperSize: 9 });
      if (print.fitToWidth)
        expect(ws.pageSetup).toMatchObject({ fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
      if (print.printArea !== undefined) expect(ws.pageSetup.printArea).toBe(print.printArea);
      // Read back from the file's `_xlnm.Print_Titles` name.
      const titles = print.titleRows;
      expect(ws.pageSetup.printTitlesRow).toBe(
        titles === undefined ? undefined : `${String(titles.first + 1)}:${String(titles.last + 1)}`,
      );
    }
  });
});

test.each(TEMPLATE_IDS)(
  '%s: the second settings pair writes another template, not the same one twice',
  (id) => {
    const [first, second] = SETTINGS.map(([profile, framework]) =>
      templatePlan(id, profile, framework).plan.ops.map((op) => JSON.stringify(op)),
    );
    const firstOps = new Set(first);
    expect((second ?? []).filter((op) => !firstOps.has(op)).length).toBeGreaterThan(0);
  },
);

describe('XlsxWorkbook', () => {
  it('turns a file exceljs cannot read into io_failed', async () => {
    const caught = await XlsxWorkbook.fromBuffer(Buffer.from('not a zip file')).catch((e: unknown) => e);
    expect(caught).toBeInstanceOf(HostError);
    expect(caught).toMatchObject({ code: 'io_failed' });
  });

  it('refuses a file above the size limit before parsing it', async () => {
    const buffer = await XlsxWorkbook.create().toBuffer();
    const caught = await XlsxWorkbook.fromBuffer(buffer, { maxBytes: 10 }).catch((e: unknown) => e);
    expect(caught).toMatchObject({ code: 'io_failed' });
  });

  it('reads cached formula results, rich text, dates, errors and hyperlinks from a received file', async () => {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('收到的表');
    ws.getCell('A1').value = { formula: 'B1*2', result: 42, date1904: false };
    ws.getCell('B1').value = 21;
    ws.getCell('A2').value = { richText: [{ text: '乡村' }, { text: '道路', font: { bold: true } }] };
    ws.getCell('B2').value = new Date(Date.UTC(2024, 2, 1));
    ws.getCell('A3').value = { formula: '1/0', result: { error: '#DIV/0!' }, date1904: false };
    ws.getCell('B3').value = { text: '财政部', hyperlink: 'https://www.mof.gov.cn' };
    ws.getCell('A4').value = { formula: 'A1', date1904: false };
    const received = Buffer.from(await book.xlsx.writeBuffer());
    const host = await XlsxWorkbook.fromBuffer(received);
    const block = await host.readBlock('收到的表');
    expect(block.values).toEqual([
      [42, 21],
      ['乡村道路', '2024-03-01T00:00:00.000Z'],
      ['#DIV/0!', '财政部'],
      [null, null],
    ]);
    expect(block.formulas).toEqual([
      ['=B1*2', null],
      [null, null],
      ['=1/0', null],
      ['=A1', null],
    ]);
  });

  it('keeps one rule per cell when a later validation covers part of an earlier one', async () => {
    const book = XlsxWorkbook.create();
    await book.applyPlan({
      formSheet: '表',
      ops: [
        { kind: 'ensureSheet', sheet: '表', visibility: 'visible', ifExists: 'fail' },
        { kind: 'decimalValidation', sheet: '表', range: 'B2:B10', min: 0 },
        { kind: 'listValidation', sheet: '表', range: 'B4:C5', source: ['是', '否'], allowBlank: true },
      ],
    });
    const ws = sheetOf(await reload(await book.toBuffer()), '表');
    const model = parts(ws).dataValidations.model;
    const typeAt = (a1: string): string | undefined => model[a1]?.type;
    expect(['B2', 'B3', 'B4', 'C5', 'B6', 'B10', 'B11'].map(typeAt)).toEqual([
      'decimal',
      'decimal',
      'list',
      'list',
      'decimal',
      'decimal',
      undefined,
    ]);
  });

  it('replaces a defined name instead of adding cells to it', async () => {
    const book = XlsxWorkbook.create();
    await book.applyPlan({
      formSheet: '表',
      ops: [
        { kind: 'ensureSheet', sheet: '表', visibility: 'visible', ifExists: 'fail' },
        { kind: 'defineName', name: 'bpa_list', refersTo: '=表!$A$1:$A$4' },
        { kind: 'defineName', name: 'BPA_LIST', refersTo: '=表!$B$1:$B$2' },
      ],
    });
    const names = (await reload(await book.toBuffer())).definedNames.model;
    expect(names.map((n) => ({ name: n.name, ranges: n.ranges.map(normalisedRef) }))).toEqual([
      { name: 'BPA_LIST', ranges: ['表!B1:B2'] },
    ]);
  });

  it('refuses a defined name that is not a range, before writing anything', async () => {
    const book = XlsxWorkbook.create();
    const caught = await book
      .applyPlan({
        formSheet: '表',
        ops: [
          { kind: 'ensureSheet', sheet: '表', visibility: 'visible', ifExists: 'fail' },
          { kind: 'defineName', name: 'bpa_rate', refersTo: '=0.5' },
        ],
      })
      .catch((e: unknown) => e);
    expect(caught).toMatchObject({ code: 'unsupported' });
    expect(await book.listSheets()).toEqual([]);
  });

  it('records the selection', async () => {
    const book = XlsxWorkbook.create();
    await book.applyPlan({
      formSheet: '表',
      ops: [{ kind: 'ensureSheet', sheet: '表', visibility: 'visible', ifExists: 'fail' }],
    });
    await book.select('表', 'c3');
    expect(book.selection()).toEqual({ sheet: '表', cell: 'C3' });
  });
});

describe('formula results read back', () => {
  it('keeps a saved result of 0 (a score of zero is no blank)', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('表');
    sheet.getCell('A1').value = { formula: '1-1', result: 0 };
    sheet.getCell('A2').value = { formula: '1+1', result: 2 };
    const host = await XlsxWorkbook.fromBuffer(new Uint8Array(await book.xlsx.writeBuffer()));
    const block = await host.readBlock('表', 'A1:A2');
    expect(block.values).toEqual([[0], [2]]);
    expect(block.formulas).toEqual([['=1-1'], ['=1+1']]);
  });
});
