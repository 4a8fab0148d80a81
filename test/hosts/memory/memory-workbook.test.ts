import fc from 'fast-check';
import { toA1 } from '../../../src/domain/grid/address';
import type { CellScalar } from '../../../src/domain/grid/cell';
import type { Plan, PlanOp } from '../../../src/domain/plan/plan';
import { type CellsChanged, HostError, type HostErrorCode } from '../../../src/app/workbook-port';
import { MemoryWorkbook } from '../../../src/hosts/memory/memory-workbook';

const SHEET = '自评表';

function plan(...ops: PlanOp[]): Plan {
  return { formSheet: SHEET, ops };
}

const ensure = (sheet = SHEET, ifExists: 'fail' | 'reuse' = 'fail'): PlanOp => ({
  kind: 'ensureSheet',
  sheet,
  visibility: 'visible',
  ifExists,
});

async function workbookWithSheet(...ops: PlanOp[]): Promise<MemoryWorkbook> {
  const wb = new MemoryWorkbook();
  await wb.applyPlan(plan(ensure(), ...ops));
  return wb;
}

async function hostErrorCode(run: () => Promise<unknown> | unknown): Promise<HostErrorCode | 'no error'> {
  try {
    await run();
  } catch (error) {
    if (error instanceof HostError) return error.code;
    throw error;
  }
  return 'no error';
}

describe('MemoryWorkbook: capabilities and empty state', () => {
  it('says it has change events and trigger sources but does not calculate', () => {
    expect(new MemoryWorkbook().capabilities).toEqual({
      hasChangeEvents: true,
      hasTriggerSource: true,
      calculates: false,
    });
  });

  it('starts with no sheets, no names, no selection', async () => {
    const wb = new MemoryWorkbook();
    expect(await wb.listSheets()).toEqual([]);
    expect(wb.names()).toEqual([]);
    expect(wb.selection()).toBeNull();
  });
});

describe('MemoryWorkbook: sheets', () => {
  it('keeps sheets in creation order with visibility and tab colour', async () => {
    const wb = new MemoryWorkbook();
    await wb.applyPlan(
      plan(
        { kind: 'ensureSheet', sheet: 'B表', visibility: 'visible', ifExists: 'fail', tabColor: '#FF0000' },
        { kind: 'ensureSheet', sheet: 'A表', visibility: 'hidden', ifExists: 'fail' },
        { kind: 'ensureSheet', sheet: '_meta', visibility: 'veryHidden', ifExists: 'reuse' },
      ),
    );
    expect(wb.sheetNames()).toEqual(['B表', 'A表', '_meta']);
    expect(wb.sheetVisibility('A表')).toBe('hidden');
    expect(wb.sheetVisibility('_meta')).toBe('veryHidden');
    expect(wb.tabColorOf('B表')).toBe('#FF0000');
    expect(wb.tabColorOf('A表')).toBeNull();
  });

  it('treats sheet names case-insensitively, as Excel does', async () => {
    const wb = new MemoryWorkbook();
    await wb.applyPlan(plan(ensure('Sheet1')));
    expect(await hostErrorCode(() => wb.applyPlan(plan(ensure('SHEET1'))))).toBe('sheet_exists');
    expect(wb.hasSheet('sheet1')).toBe(true);
    expect((await wb.readBlock('sheet1')).values).toEqual([]);
  });

  it('reuse applies the requested visibility to an existing sheet', async () => {
    const wb = new MemoryWorkbook();
    await wb.applyPlan(
      plan(ensure(), { kind: 'ensureSheet', sheet: '_meta', visibility: 'hidden', ifExists: 'reuse' }),
    );
    await wb.applyPlan(
      plan({ kind: 'ensureSheet', sheet: '_meta', visibility: 'veryHidden', ifExists: 'reuse' }),
    );
    expect(wb.sheetVisibility('_meta')).toBe('veryHidden');
    expect(wb.sheetNames()).toEqual([SHEET, '_meta']);
  });

  it.each(['', 'a'.repeat(32), '表[1]', '表:1', '表/1', '表\\1', '表?', '表*', "'表"])(
    'refuses the sheet name %j',
    async (name) => {
      const wb = new MemoryWorkbook();
      expect(await hostErrorCode(() => wb.applyPlan(plan(ensure(name))))).toBe('unsupported');
      expect(wb.sheetNames()).toEqual([]);
    },
  );

  it('refuses a plan that would leave no visible sheet', async () => {
    const wb = new MemoryWorkbook();
    const onlyHidden = plan({
      kind: 'ensureSheet',
      sheet: '_meta',
      visibility: 'veryHidden',
      ifExists: 'reuse',
    });
    expect(await hostErrorCode(() => wb.applyPlan(onlyHidden))).toBe('unsupported');
    const hidingTheLast = plan({
      kind: 'ensureSheet',
      sheet: SHEET,
      visibility: 'hidden',
      ifExists: 'reuse',
    });
    const withSheet = await workbookWithSheet();
    expect(await hostErrorCode(() => withSheet.applyPlan(hidingTheLast))).toBe('unsupported');
    expect(withSheet.sheetVisibility(SHEET)).toBe('visible');
  });

  it('lists the used range from A1 to the last cell with content', async () => {
    const wb = await workbookWithSheet({
      kind: 'writeBlock',
      sheet: SHEET,
      topLeft: 'C4',
      values: [['x', 1]],
    });
    await wb.applyPlan(plan({ kind: 'ensureSheet', sheet: '空', visibility: 'visible', ifExists: 'fail' }));
    expect(await wb.listSheets()).toEqual([
      { name: SHEET, visibility: 'visible', usedRange: 'A1:D4' },
      { name: '空', visibility: 'visible', usedRange: null },
    ]);
  });
});

describe('MemoryWorkbook: applyPlan is all or nothing', () => {
  it('refuses an existing sheet with ifExists fail before applying anything', async () => {
    const wb = await workbookWithSheet({
      kind: 'writeBlock',
      sheet: SHEET,
      topLeft: 'A1',
      values: [['原值']],
    });
    const refused = plan(
      ensure('新表'),
      { kind: 'writeBlock', sheet: SHEET, topLeft: 'A1', values: [['新值']] },
      { kind: 'defineName', name: 'x_name', refersTo: '=A1' },
      ensure(SHEET),
    );
    expect(await hostErrorCode(() => wb.applyPlan(refused))).toBe('sheet_exists');
    expect(wb.sheetNames()).toEqual([SHEET]);
    expect(wb.getCell(SHEET, 'A1')).toEqual({ value: '原值', formula: null });
    expect(wb.names()).toEqual([]);
    expect(wb.stats.planOps).toBe(2);
  });

  it.each<[string, PlanOp, HostErrorCode]>([
    [
      'a missing sheet',
      { kind: 'writeBlock', sheet: '无此表', topLeft: 'A1', values: [[1]] },
      'sheet_not_found',
    ],
    ['a bad top-left', { kind: 'writeBlock', sheet: SHEET, topLeft: 'A0', values: [[1]] }, 'invalid_range'],
    ['a bad range', { kind: 'merge', sheet: SHEET, range: 'A1:B' }, 'invalid_range'],
    [
      'a range past XFD',
      { kind: 'style', sheet: SHEET, range: 'XFE1', style: { bold: true } },
      'invalid_range',
    ],
    [
      'a block past the last row',
      { kind: 'writeBlock', sheet: SHEET, topLeft: 'A1048576', values: [[1], [2]] },
      'invalid_range',
    ],
    [
      'a formula without =',
      { kind: 'writeBlock', sheet: SHEET, topLeft: 'A1', values: [[{ formula: 'SUM(A2)' }]] },
      'unsupported',
    ],
    ['NaN', { kind: 'writeBlock', sheet: SHEET, topLeft: 'A1', values: [[Number.NaN]] }, 'unsupported'],
    [
      'a negative column',
      { kind: 'columnWidths', sheet: SHEET, firstCol: -1, widths: [10] },
      'invalid_range',
    ],
    ['a negative width', { kind: 'columnWidths', sheet: SHEET, firstCol: 0, widths: [-1] }, 'unsupported'],
    ['a fractional row', { kind: 'rowHeight', sheet: SHEET, row: 1.5, height: 20 }, 'invalid_range'],
    ['negative freeze', { kind: 'freezePanes', sheet: SHEET, rows: -1, cols: 0 }, 'invalid_range'],
    [
      'a bad print area',
      { kind: 'printSetup', sheet: SHEET, orientation: 'portrait', fitToWidth: true, printArea: 'x' },
      'invalid_range',
    ],
    [
      'print title rows last before first',
      {
        kind: 'printSetup',
        sheet: SHEET,
        orientation: 'portrait',
        fitToWidth: true,
        titleRows: { first: 5, last: 4 },
      },
      'invalid_range',
    ],
    [
      'negative print title rows',
      {
        kind: 'printSetup',
        sheet: SHEET,
        orientation: 'portrait',
        fitToWidth: true,
        titleRows: { first: -1, last: 0 },
      },
      'invalid_range',
    ],
    [
      'fractional print title rows',
      {
        kind: 'printSetup',
        sheet: SHEET,
        orientation: 'portrait',
        fitToWidth: true,
        titleRows: { first: 1.5, last: 2 },
      },
      'invalid_range',
    ],
    [
      'print title rows below the sheet',
      {
        kind: 'printSetup',
        sheet: SHEET,
        orientation: 'portrait',
        fitToWidth: true,
        titleRows: { first: 0, last: 1048576 },
      },
      'invalid_range',
    ],
    ['a name like a cell', { kind: 'defineName', name: 'AB12', refersTo: '=A1' }, 'unsupported'],
    ['a name with a space', { kind: 'defineName', name: 'a name', refersTo: '=A1' }, 'unsupported'],
  ])('refuses %s and changes nothing', async (_label, badOp, code) => {
    const wb = await workbookWithSheet({
      kind: 'writeBlock',
      sheet: SHEET,
      topLeft: 'A1',
      values: [['原值']],
    });
    const refused = plan({ kind: 'writeBlock', sheet: SHEET, topLeft: 'A1', values: [['新值']] }, badOp);
    expect(await hostErrorCode(() => wb.applyPlan(refused))).toBe(code);
    expect(wb.getCell(SHEET, 'A1')).toEqual({ value: '原值', formula: null });
  });

  it('accepts ops on a sheet the same plan creates, even ensured twice', async () => {
    const wb = new MemoryWorkbook();
    await wb.applyPlan(
      plan(
        ensure(),
        { kind: 'writeBlock', sheet: SHEET, topLeft: 'A1', values: [['a']] },
        ensure(SHEET, 'fail'),
      ),
    );
    expect(wb.getCell(SHEET, 'A1')).toEqual({ value: 'a', formula: null });
  });

  it('counts plan ops and block reads', async () => {
    const wb = await workbookWithSheet({ kind: 'writeBlock', sheet: SHEET, topLeft: 'A1', values: [['a']] });
    expect(wb.stats.planOps).toBe(2);
    await wb.readBlock(SHEET);
    await wb.readBlocks([{ sheet: SHEET }, { sheet: SHEET, range: 'A1' }]);
    expect(wb.stats.blocksRead).toBe(3);
  });
});

describe('MemoryWorkbook: cells', () => {
  it('stores values and formulas; formulas are not computed', async () => {
    const wb = await workbookWithSheet({
      kind: 'writeBlock',
      sheet: SHEET,
      topLeft: 'B2',
      values: [
        ['文本', 12.5, true],
        [{ formula: '=B2&C2' }, null, '=不是公式'],
      ],
    });
    expect(wb.getCell(SHEET, 'B2')).toEqual({ value: '文本', formula: null });
    expect(wb.getCell(SHEET, 'C2')).toEqual({ value: 12.5, formula: null });
    expect(wb.getCell(SHEET, 'D2')).toEqual({ value: true, formula: null });
    expect(wb.getCell(SHEET, 'B3')).toEqual({ value: null, formula: '=B2&C2' });
    expect(wb.getCell(SHEET, 'C3')).toBeNull();
    // A plan's plain string is text even when it starts with '='; only FormulaCell is a formula.
    expect(wb.getCell(SHEET, 'D3')).toEqual({ value: '=不是公式', formula: null });
  });

  it('clears a cell written with null or an empty string', async () => {
    const wb = await workbookWithSheet({
      kind: 'writeBlock',
      sheet: SHEET,
      topLeft: 'A1',
      values: [['a', 'b', 'c']],
    });
    await wb.applyPlan(plan({ kind: 'writeBlock', sheet: SHEET, topLeft: 'A1', values: [[null, '']] }));
    expect(wb.getCell(SHEET, 'A1')).toBeNull();
    expect(wb.getCell(SHEET, 'B1')).toBeNull();
    expect(wb.getCell(SHEET, 'C1')).toEqual({ value: 'c', formula: null });
  });

  it('reads an empty sheet as a 0x0 block at A1', async () => {
    const wb = await workbookWithSheet();
    expect(await wb.readBlock(SHEET)).toEqual({ top: 0, left: 0, values: [], formulas: [] });
  });

  it('reads the used range from A1, blanks as null', async () => {
    const wb = await workbookWithSheet({
      kind: 'writeBlock',
      sheet: SHEET,
      topLeft: 'B2',
      values: [[1, { formula: '=B2' }]],
    });
    expect(await wb.readBlock(SHEET)).toEqual({
      top: 0,
      left: 0,
      values: [
        [null, null, null],
        [null, 1, null],
      ],
      formulas: [
        [null, null, null],
        [null, null, '=B2'],
      ],
    });
  });

  it.each<[string, HostErrorCode]>([
    ['A', 'invalid_range'],
    ['A1:B2:C3', 'invalid_range'],
    ['Sheet1!A1', 'invalid_range'],
    ['A1:XFE1', 'invalid_range'],
  ])('readBlock with range %j fails with %s', async (range, code) => {
    const wb = await workbookWithSheet();
    expect(await hostErrorCode(() => wb.readBlock(SHEET, range))).toBe(code);
  });

  it('fails a whole batch of reads when one names an unknown sheet, counting none', async () => {
    const wb = await workbookWithSheet();
    expect(await hostErrorCode(() => wb.readBlocks([{ sheet: SHEET }, { sheet: '无' }]))).toBe(
      'sheet_not_found',
    );
    expect(wb.stats.blocksRead).toBe(0);
  });

  it('matches a simple model after any sequence of writes', async () => {
    const scalar: fc.Arbitrary<CellScalar> = fc.oneof(
      fc.constant(null),
      fc.constant(''),
      fc.string({ minLength: 1, maxLength: 4 }).filter((s) => !s.startsWith('=')),
      fc.integer(),
      fc.boolean(),
    );
    const write = fc.record({
      row: fc.integer({ min: 0, max: 8 }),
      col: fc.integer({ min: 0, max: 5 }),
      values: fc.array(fc.array(scalar, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
      byUser: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(write, { maxLength: 8 }), async (writes) => {
        const wb = await workbookWithSheet();
        const model = new Map<string, CellScalar>();
        for (const w of writes) {
          const topLeft = toA1({ row: w.row, col: w.col });
          if (w.byUser) wb.setValues(SHEET, topLeft, w.values);
          else await wb.applyPlan(plan({ kind: 'writeBlock', sheet: SHEET, topLeft, values: w.values }));
          w.values.forEach((row, r) =>
            row.forEach((v, c) => {
              const key = toA1({ row: w.row + r, col: w.col + c });
              if (v === null || v === '') model.delete(key);
              else model.set(key, v);
            }),
          );
        }
        const block = await wb.readBlock(SHEET, 'A1:J12');
        block.values.forEach((row, r) =>
          row.forEach((v, c) => {
            expect(v).toEqual(model.get(toA1({ row: r, col: c })) ?? null);
          }),
        );
      }),
      { numRuns: 150 },
    );
  });
});

describe('MemoryWorkbook: formatting, validation and protection are stored as given', () => {
  let wb: MemoryWorkbook;

  beforeEach(async () => {
    wb = await workbookWithSheet(
      { kind: 'writeBlock', sheet: SHEET, topLeft: 'A1', values: [['标题', '残留']] },
      { kind: 'merge', sheet: SHEET, range: 'A1:D1' },
      { kind: 'style', sheet: SHEET, range: 'A1:D5', style: { border: 'thin', fontSize: 11 } },
      { kind: 'style', sheet: SHEET, range: 'A1:D1', style: { bold: true, fontSize: 14 } },
      { kind: 'numberFormat', sheet: SHEET, range: 'B2:B5', format: '0.00' },
      { kind: 'numberFormat', sheet: SHEET, range: 'B5', format: '0.00%' },
      { kind: 'columnWidths', sheet: SHEET, firstCol: 1, widths: [20, 8] },
      { kind: 'rowHeight', sheet: SHEET, row: 0, height: 30 },
      {
        kind: 'listValidation',
        sheet: SHEET,
        range: 'C2:C5',
        source: ['是', '否'],
        allowBlank: true,
        prompt: '请选择',
      },
      { kind: 'customValidation', sheet: SHEET, range: 'D2:D5', formula: '=LEN(D2)<=200' },
      { kind: 'decimalValidation', sheet: SHEET, range: 'B2:B5', min: 0, max: 100, error: '0-100' },
      { kind: 'highlight', sheet: SHEET, range: 'B2:B5', formula: '=B2>100', fill: '#FFC7CE' },
      { kind: 'lock', sheet: SHEET, range: 'B2:C5', locked: false },
      { kind: 'protectSheet', sheet: SHEET },
      { kind: 'defineName', name: 'bpa_template', refersTo: "='自评表'!$A$1" },
      { kind: 'freezePanes', sheet: SHEET, rows: 1, cols: 2 },
      {
        kind: 'printSetup',
        sheet: SHEET,
        orientation: 'landscape',
        fitToWidth: true,
        printArea: 'A1:D5',
        titleRows: { first: 1, last: 2 },
      },
    );
  });

  it('merges keep only the top-left content', () => {
    expect(wb.mergesOf(SHEET)).toEqual(['A1:D1']);
    expect(wb.getCell(SHEET, 'A1')).toEqual({ value: '标题', formula: null });
    expect(wb.getCell(SHEET, 'B1')).toBeNull();
  });

  it('replaces a merge that a new one overlaps and ignores one-cell merges', async () => {
    await wb.applyPlan(
      plan({ kind: 'merge', sheet: SHEET, range: 'C1:E2' }, { kind: 'merge', sheet: SHEET, range: 'F6' }),
    );
    expect(wb.mergesOf(SHEET)).toEqual(['C1:E2']);
  });

  it('combines styles, later ops winning', () => {
    expect(wb.styleAt(SHEET, 'B1')).toEqual({ border: 'thin', fontSize: 14, bold: true });
    expect(wb.styleAt(SHEET, 'B2')).toEqual({ border: 'thin', fontSize: 11 });
    expect(wb.styleAt(SHEET, 'F9')).toEqual({});
  });

  it('keeps number formats, widths and heights', () => {
    expect(wb.numberFormatAt(SHEET, 'B2')).toBe('0.00');
    expect(wb.numberFormatAt(SHEET, 'B5')).toBe('0.00%');
    expect(wb.numberFormatAt(SHEET, 'A2')).toBeNull();
    expect([...wb.columnWidthsOf(SHEET)]).toEqual([
      [1, 20],
      [2, 8],
    ]);
    expect([...wb.rowHeightsOf(SHEET)]).toEqual([[0, 30]]);
  });

  it('keeps validations and highlights as given', () => {
    expect(wb.validationsOf(SHEET)).toEqual([
      {
        kind: 'listValidation',
        sheet: SHEET,
        range: 'C2:C5',
        source: ['是', '否'],
        allowBlank: true,
        prompt: '请选择',
      },
      { kind: 'customValidation', sheet: SHEET, range: 'D2:D5', formula: '=LEN(D2)<=200' },
      { kind: 'decimalValidation', sheet: SHEET, range: 'B2:B5', min: 0, max: 100, error: '0-100' },
    ]);
    expect(wb.validationAt(SHEET, 'C3')?.kind).toBe('listValidation');
    expect(wb.validationAt(SHEET, 'A3')).toBeNull();
    expect(wb.highlightsOf(SHEET)).toEqual([
      { kind: 'highlight', sheet: SHEET, range: 'B2:B5', formula: '=B2>100', fill: '#FFC7CE' },
    ]);
  });

  it('lets a new validation replace an old one it covers', async () => {
    await wb.applyPlan(
      plan({
        kind: 'listValidation',
        sheet: SHEET,
        range: 'C1:C9',
        source: '=_lists!$A$1:$A$3',
        allowBlank: false,
      }),
    );
    expect(wb.validationsOf(SHEET).map((v) => `${v.kind} ${v.range}`)).toEqual([
      'customValidation D2:D5',
      'decimalValidation B2:B5',
      'listValidation C1:C9',
    ]);
  });

  it('locks cells by default and protects the sheet', () => {
    expect(wb.isLocked(SHEET, 'A2')).toBe(true);
    expect(wb.isLocked(SHEET, 'B3')).toBe(false);
    expect(wb.isLocked(SHEET, 'Z100')).toBe(true);
    expect(wb.isProtected(SHEET)).toBe(true);
    expect(wb.protectionOf(SHEET)).toEqual({ allow: null });
  });

  it('keeps names, freeze panes and print setup', () => {
    expect(wb.names()).toEqual([{ name: 'bpa_template', refersTo: "='自评表'!$A$1" }]);
    expect(wb.freezePanesOf(SHEET)).toEqual({ rows: 1, cols: 2 });
    expect(wb.printSetupOf(SHEET)).toEqual({
      orientation: 'landscape',
      fitToWidth: true,
      printArea: 'A1:D5',
      titleRows: { first: 1, last: 2 },
    });
  });

  it('keeps the print area and title rows on the rows they name when rows move, as Excel does', () => {
    // Title rows 2:3 and print area A1:D5 (0-based titleRows 1–2).
    wb.insertRows(SHEET, 4, 10, 'ours'); // inside the area, below the titles: the area grows
    expect(wb.printSetupOf(SHEET)).toMatchObject({ printArea: 'A1:D15', titleRows: { first: 1, last: 2 } });
    wb.insertRows(SHEET, 0, 2, 'ours'); // above both: both move down
    expect(wb.printSetupOf(SHEET)).toMatchObject({ printArea: 'A3:D17', titleRows: { first: 3, last: 4 } });
    wb.deleteRows(SHEET, 3, 1, 'ours'); // one title row deleted: one is left
    expect(wb.printSetupOf(SHEET)).toMatchObject({ printArea: 'A3:D16', titleRows: { first: 3, last: 3 } });
    wb.deleteRows(SHEET, 3, 1, 'ours'); // the last title row deleted: no rows repeat
    expect(wb.printSetupOf(SHEET)?.titleRows).toBeUndefined();
    expect(wb.printSetupOf(SHEET)).toMatchObject({ orientation: 'landscape', printArea: 'A3:D15' });
  });

  it('redefines a name whatever its case', async () => {
    await wb.applyPlan(plan({ kind: 'defineName', name: 'BPA_TEMPLATE', refersTo: '=B2' }));
    expect(wb.names()).toEqual([{ name: 'BPA_TEMPLATE', refersTo: '=B2' }]);
  });

  it('refuses a person typing over a locked cell of the protected sheet', async () => {
    expect(await hostErrorCode(() => wb.setValues(SHEET, 'A2', [['x']]))).toBe('protected');
    expect(await hostErrorCode(() => wb.setValues(SHEET, 'B2', [['x', 'y', 'z']]))).toBe('protected');
    expect(wb.getCell(SHEET, 'B2')).toBeNull();
    wb.setValues(SHEET, 'B2', [['x', 'y']]);
    expect(wb.getCell(SHEET, 'C2')).toEqual({ value: 'y', formula: null });
    wb.setValues(SHEET, 'A2', [['ours']], 'ours');
    expect(wb.getCell(SHEET, 'A2')).toEqual({ value: 'ours', formula: null });
  });

  it('refuses row insertion on a protected sheet unless allowed', async () => {
    expect(await hostErrorCode(() => wb.insertRows(SHEET, 2, 1))).toBe('protected');
    await wb.applyPlan(
      plan({
        kind: 'protectSheet',
        sheet: SHEET,
        allow: { insertRows: true, deleteRows: false, formatColumns: false, formatRows: true },
      }),
    );
    expect(await hostErrorCode(() => wb.insertRows(SHEET, 2, 1))).toBe('no error');
    expect(await hostErrorCode(() => wb.deleteRows(SHEET, 2, 1))).toBe('protected');
  });
});

describe('MemoryWorkbook: a person at the keyboard', () => {
  it('types text, numbers and formulas, firing one change per call', async () => {
    const wb = await workbookWithSheet();
    const changes: CellsChanged[] = [];
    wb.onCellsChanged((c) => changes.push(c));
    wb.setValues(SHEET, 'B2', [
      ['=SUM(C2:C3)', 5],
      ['x', null, true],
    ]);
    expect(changes).toEqual([{ sheet: SHEET, range: 'B2:D3', source: 'user' }]);
    expect(wb.getCell(SHEET, 'B2')).toEqual({ value: null, formula: '=SUM(C2:C3)' });
    expect(wb.getCell(SHEET, 'D3')).toEqual({ value: true, formula: null });
    wb.setValues(SHEET, 'B2', [['=']], 'other');
    expect(wb.getCell(SHEET, 'B2')).toEqual({ value: '=', formula: null });
    expect(changes[1]).toEqual({ sheet: SHEET, range: 'B2', source: 'other' });
  });

  it('fires nothing for an empty paste', async () => {
    const wb = await workbookWithSheet();
    const listener = jest.fn();
    wb.onCellsChanged(listener);
    wb.setValues(SHEET, 'A1', []);
    wb.setValues(SHEET, 'A1', [[]]);
    expect(listener).not.toHaveBeenCalled();
  });

  it('reports errors with host codes', async () => {
    const wb = await workbookWithSheet();
    expect(await hostErrorCode(() => wb.setValues('无', 'A1', [[1]]))).toBe('sheet_not_found');
    expect(await hostErrorCode(() => wb.setValues(SHEET, '1A', [[1]]))).toBe('invalid_range');
    expect(await hostErrorCode(() => wb.setValues(SHEET, 'XFD1', [[1, 2]]))).toBe('invalid_range');
    expect(await hostErrorCode(() => wb.getCell('无', 'A1'))).toBe('sheet_not_found');
    expect(await hostErrorCode(() => wb.isLocked(SHEET, 'A0'))).toBe('invalid_range');
  });

  it('does not report plan writes as changes', async () => {
    const wb = await workbookWithSheet();
    const listener = jest.fn();
    wb.onCellsChanged(listener);
    await wb.applyPlan(plan({ kind: 'writeBlock', sheet: SHEET, topLeft: 'A1', values: [[1]] }));
    expect(listener).not.toHaveBeenCalled();
  });

  it('keeps two subscriptions of one function apart', async () => {
    const wb = await workbookWithSheet();
    const listener = jest.fn();
    const off = wb.onCellsChanged(listener);
    wb.onCellsChanged(listener);
    wb.setValues(SHEET, 'A1', [[1]]);
    off();
    wb.setValues(SHEET, 'A1', [[2]]);
    expect(listener).toHaveBeenCalledTimes(3);
  });

  it('lets a listener unsubscribe while being notified', async () => {
    const wb = await workbookWithSheet();
    const seen: string[] = [];
    const off = wb.onCellsChanged(() => {
      seen.push('first');
      off();
    });
    wb.onCellsChanged(() => seen.push('second'));
    wb.setValues(SHEET, 'A1', [[1]]);
    wb.setValues(SHEET, 'A1', [[2]]);
    expect(seen).toEqual(['first', 'second', 'second']);
  });

  it('records the selection, with the sheet name as stored', async () => {
    const wb = await workbookWithSheet();
    await wb.select('自评表', '$c$5');
    expect(wb.selection()).toEqual({ sheet: SHEET, cell: 'C5' });
    expect(await hostErrorCode(() => wb.select(SHEET, '不是单元格'))).toBe('invalid_range');
    expect(await hostErrorCode(() => wb.select('无', 'A1'))).toBe('sheet_not_found');
    expect(wb.selection()).toEqual({ sheet: SHEET, cell: 'C5' });
  });
});

describe('MemoryWorkbook: inserting and deleting rows', () => {
  async function table(): Promise<MemoryWorkbook> {
    return workbookWithSheet(
      {
        kind: 'writeBlock',
        sheet: SHEET,
        topLeft: 'A1',
        values: [['表头'], ['行2'], ['行3'], ['行4'], ['行5'], ['行6']],
      },
      { kind: 'merge', sheet: SHEET, range: 'B1:C1' },
      { kind: 'merge', sheet: SHEET, range: 'B5:C5' },
      { kind: 'listValidation', sheet: SHEET, range: 'D2:D4', source: ['是', '否'], allowBlank: true },
      { kind: 'highlight', sheet: SHEET, range: 'E5:E6', formula: '=E5<0', fill: '#FF0000' },
      { kind: 'rowHeight', sheet: SHEET, row: 4, height: 40 },
    );
  }

  const column = async (wb: MemoryWorkbook): Promise<CellScalar[]> =>
    (await wb.readBlock(SHEET, 'A1:A8')).values.map((row) => row[0] ?? null);

  it('moves cells and ranges down, growing ranges that span the insertion', async () => {
    const wb = await table();
    const changes: CellsChanged[] = [];
    wb.onCellsChanged((c) => changes.push(c));
    wb.insertRows(SHEET, 2, 2);
    expect(await column(wb)).toEqual(['表头', '行2', null, null, '行3', '行4', '行5', '行6']);
    expect(wb.mergesOf(SHEET)).toEqual(['B1:C1', 'B7:C7']);
    expect(wb.validationsOf(SHEET).map((v) => v.range)).toEqual(['D2:D6']);
    expect(wb.highlightsOf(SHEET).map((h) => h.range)).toEqual(['E7:E8']);
    expect([...wb.rowHeightsOf(SHEET)]).toEqual([[6, 40]]);
    expect(changes).toEqual([{ sheet: SHEET, range: 'A3:XFD4', source: 'user', structural: 'rowsInserted' }]);
  });

  it('moves cells and ranges up, shrinking or dropping what the deletion covers', async () => {
    const wb = await table();
    const changes: CellsChanged[] = [];
    wb.onCellsChanged((c) => changes.push(c));
    wb.deleteRows(SHEET, 2, 3);
    expect(await column(wb)).toEqual(['表头', '行2', '行6', null, null, null, null, null]);
    expect(wb.mergesOf(SHEET)).toEqual(['B1:C1']);
    expect(wb.validationsOf(SHEET).map((v) => v.range)).toEqual(['D2']);
    expect(wb.highlightsOf(SHEET).map((h) => h.range)).toEqual(['E3']);
    expect([...wb.rowHeightsOf(SHEET)]).toEqual([]);
    expect(changes).toEqual([{ sheet: SHEET, range: 'A3:XFD5', source: 'user', structural: 'rowsDeleted' }]);
  });

  it('drops a range the deletion covers entirely', async () => {
    const wb = await table();
    wb.deleteRows(SHEET, 1, 3);
    expect(wb.validationsOf(SHEET)).toEqual([]);
    expect(wb.mergesOf(SHEET)).toEqual(['B1:C1', 'B2:C2']);
  });

  it.each<[number, number]>([
    [-1, 1],
    [0, 0],
    [1.5, 1],
    [0, -2],
  ])('refuses rows %p + %p', async (row, count) => {
    const wb = await table();
    expect(await hostErrorCode(() => wb.insertRows(SHEET, row, count))).toBe('invalid_range');
    expect(await hostErrorCode(() => wb.deleteRows(SHEET, row, count))).toBe('invalid_range');
  });
});
