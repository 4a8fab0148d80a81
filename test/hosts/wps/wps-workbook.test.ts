/**
 * What the WPS host does beyond the port contract: the ET it speaks (numbers, BGR colours, 2-D writes), what it
 * costs in calls across the process boundary, its guard against its own writes, and that a template comes out
 * in WPS cell for cell as in the reference host.
 */
import { builtInSettings } from '../../../src/app/engine-settings';
import { insertTemplate } from '../../../src/app/insert-template';
import { type CellsChanged, HostError, type HostErrorCode } from '../../../src/app/workbook-port';
import { TEMPLATE_IDS } from '../../../src/domain/forms/form-model';
import type { Plan, PlanOp } from '../../../src/domain/plan/plan';
import { buildTemplatePlan } from '../../../src/domain/templates/build-plan';
import { MemoryWorkbook } from '../../../src/hosts/memory/memory-workbook';
import { bgrToHex, hexToBgr } from '../../../src/hosts/wps/et-access';
import { createWpsWorkbook, findPluginStorage, findWpsApplication } from '../../../src/hosts/wps/index';
import { MERGE_PROBE_BUDGET, WpsWorkbook } from '../../../src/hosts/wps/wps-workbook';
import { FakeEt, type FakeBuild } from '../../fakes/wps/fake-et';

const FORM = '自评表';
const BUILDS: FakeBuild[] = ['properties', 'methods'];

function plan(...ops: PlanOp[]): Plan {
  return { formSheet: FORM, ops };
}

const ensureForm: PlanOp = { kind: 'ensureSheet', sheet: FORM, visibility: 'visible', ifExists: 'fail' };

async function hostErrorCode(run: () => Promise<unknown>): Promise<HostErrorCode | 'no error'> {
  try {
    await run();
  } catch (error) {
    if (error instanceof HostError) return error.code;
    throw error;
  }
  return 'no error';
}

function settings() {
  const found = builtInSettings();
  if (found === null) throw new Error('test setup: built-in settings missing');
  return found;
}

describe.each(BUILDS)('WPS host, %s build', (build) => {
  let fake: FakeEt;
  let book: WpsWorkbook;

  beforeEach(() => {
    fake = new FakeEt({ build });
    book = new WpsWorkbook(fake.application);
  });

  afterEach(() => {
    // A misspelt member reads as undefined in ET and would pass silently; the fake records it instead.
    expect(fake.unknownMembers).toEqual([]);
  });

  it('writes a block with one Range and one 2-D Formula assignment: 2 calls per block', async () => {
    await book.applyPlan(plan(ensureForm));
    const block = (row: number): PlanOp => ({
      kind: 'writeBlock',
      sheet: FORM,
      topLeft: `A${row}`,
      values: [
        ['项目名称', { formula: '=B2' }, 3],
        [true, null, '说明'],
      ],
    });
    const reuse: PlanOp = { kind: 'ensureSheet', sheet: FORM, visibility: 'visible', ifExists: 'reuse' };
    fake.calls.reset();
    await book.applyPlan(plan(reuse, block(1)));
    const one = fake.calls.total;
    fake.calls.reset();
    await book.applyPlan(plan(reuse, block(1), block(4), block(7), block(10), block(13)));
    const five = fake.calls.total;
    expect((five - one) / 4).toBe(2);
    expect(fake.calls.of('Range.Formula')).toBe(5);
    expect(fake.calls.of('Range.Value2')).toBe(0);
  });

  it('writes no more than 3 calls per block in every template plan', async () => {
    for (const template of TEMPLATE_IDS) {
      const { plan: templatePlan } = buildTemplatePlan(template, {
        ...settings(),
        metaRow: 1,
        createdAt: '2026-01-15T08:00:00.000Z',
      });
      const costs = await writeBlockCosts(templatePlan, build);
      expect(costs.length).toBeGreaterThan(0);
      expect({ template, over: costs.filter((calls) => calls > 3) }).toEqual({ template, over: [] });
    }
  });

  it('creates _meta very hidden (Visible = 2) and a hidden sheet with 0', async () => {
    await book.applyPlan(
      plan(
        ensureForm,
        { kind: 'ensureSheet', sheet: '_lists', visibility: 'hidden', ifExists: 'reuse' },
        { kind: 'ensureSheet', sheet: '_meta', visibility: 'veryHidden', ifExists: 'reuse' },
      ),
    );
    expect(fake.sheetModel('_meta').visible).toBe(2);
    expect(fake.sheetModel('_lists').visible).toBe(0);
    expect(fake.sheetModel(FORM).visible).toBe(-1);
    expect(fake.sheetNames()).toEqual(['Sheet1', FORM, '_lists', '_meta']);
    expect(fake.activeSheet()).toBe(FORM);
  });

  it('speaks BGR colours and numeric enums to ET', async () => {
    await book.applyPlan(
      plan(
        { ...ensureForm, tabColor: '#2F5597' } as PlanOp,
        {
          kind: 'style',
          sheet: FORM,
          range: 'A1:C2',
          style: { bold: true, fill: '#FFF2CC', fontColor: '#9C0006', horizontal: 'center', vertical: 'top' },
        },
        { kind: 'style', sheet: FORM, range: 'A3', style: { border: 'thin', horizontal: 'right' } },
        {
          kind: 'highlight',
          sheet: FORM,
          range: 'B4:B9',
          formula: '=B4<0.6',
          fill: '#FFC7CE',
          fontColor: '#006100',
        },
      ),
    );
    const sheet = fake.sheetModel(FORM);
    expect(sheet.tabColor).toBe(0x97552f);
    expect(fake.formatAt(FORM, 'B2', 'Interior.Color')).toBe(0xccf2ff);
    expect(fake.formatAt(FORM, 'B2', 'Font.Color')).toBe(0x06009c);
    expect(fake.formatAt(FORM, 'B2', 'Font.Bold')).toBe(true);
    expect(fake.formatAt(FORM, 'B2', 'HorizontalAlignment')).toBe(-4108);
    expect(fake.formatAt(FORM, 'B2', 'VerticalAlignment')).toBe(-4160);
    expect(fake.formatAt(FORM, 'A3', 'HorizontalAlignment')).toBe(-4152);
    expect(fake.formatAt(FORM, 'A3', 'Borders.LineStyle')).toBe(1);
    expect(fake.formatAt(FORM, 'A3', 'Borders.Weight')).toBe(2);
    expect(sheet.conditions).toEqual([
      {
        range: { top: 3, left: 1, bottom: 8, right: 1 },
        type: 2,
        formula1: '=B4<0.6',
        interiorColor: 0xcec7ff,
        fontColor: 0x006100,
      },
    ]);
  });

  it('adds validations through Validation.Add with ET numbers, replacing an earlier rule', async () => {
    await book.applyPlan(
      plan(
        ensureForm,
        {
          kind: 'listValidation',
          sheet: FORM,
          range: 'E2:E9',
          source: ['是', '否'],
          allowBlank: false,
          prompt: '请选择',
          error: '只能选择是或否',
        },
        {
          kind: 'listValidation',
          sheet: FORM,
          range: 'E2:E9',
          source: '=_lists!$A$1:$A$4',
          allowBlank: true,
        },
        {
          kind: 'customValidation',
          sheet: FORM,
          range: 'D2',
          formula: '=AND(D2>=2000,D2<=2100)',
          error: '年度不合法',
        },
        { kind: 'decimalValidation', sheet: FORM, range: 'B3:D3', min: 0, error: '金额不能为负' },
        { kind: 'decimalValidation', sheet: FORM, range: 'F3:F9', min: 0, max: 100 },
      ),
    );
    const rules = fake.sheetModel(FORM).validations.map((v) => ({
      type: v.type,
      alert: v.alertStyle,
      operator: v.operator,
      formula1: v.formula1,
      formula2: v.formula2,
      ignoreBlank: v.ignoreBlank,
      error: v.errorMessage,
    }));
    expect(rules).toEqual([
      {
        type: 3,
        alert: 1,
        operator: 1,
        formula1: '=_lists!$A$1:$A$4',
        formula2: undefined,
        ignoreBlank: true,
        error: '',
      },
      {
        type: 7,
        alert: 1,
        operator: 1,
        formula1: '=AND(D2>=2000,D2<=2100)',
        formula2: undefined,
        ignoreBlank: true,
        error: '年度不合法',
      },
      {
        type: 2,
        alert: 1,
        operator: 7,
        formula1: '0',
        formula2: undefined,
        ignoreBlank: true,
        error: '金额不能为负',
      },
      { type: 2, alert: 1, operator: 1, formula1: '0', formula2: '100', ignoreBlank: true, error: '' },
    ]);
  });

  it('writes an inline list as one comma-separated source', async () => {
    await book.applyPlan(
      plan(ensureForm, {
        kind: 'listValidation',
        sheet: FORM,
        range: 'F2:F5',
        source: ['是', '否'],
        allowBlank: false,
        prompt: '请选择',
      }),
    );
    const [rule] = fake.sheetModel(FORM).validations;
    expect(rule).toMatchObject({
      type: 3,
      formula1: '是,否',
      ignoreBlank: false,
      inputMessage: '请选择',
      showInput: true,
    });
  });

  it('keeps text that ET would read as a formula, number, date or truth value as the same text', async () => {
    const texts = ['=', '001', '2024-01-05', 'TRUE', '-', '12%', '+86 0478', '@备注', "'引号", '普通文字'];
    await book.applyPlan(
      plan(ensureForm, { kind: 'writeBlock', sheet: FORM, topLeft: 'A1', values: [texts] }),
    );
    const block = await book.readBlock(FORM, 'A1:J1');
    expect(block.values).toEqual([texts]);
    expect(block.formulas).toEqual([texts.map(() => null)]);
  });

  it('(the fake does coerce such text when it is assigned bare, as ET does)', () => {
    fake.typeAsUser('Sheet1', 'A1', [['001', '2024-01-05', 'TRUE', '=A1']]);
    expect([
      fake.cell('Sheet1', 'A1'),
      fake.cell('Sheet1', 'B1'),
      fake.cell('Sheet1', 'C1'),
      fake.cell('Sheet1', 'D1'),
    ]).toEqual([
      { value: 1, formula: null },
      { value: 45296, formula: null },
      { value: true, formula: null },
      { value: undefined, formula: '=A1' },
    ]);
  });

  it('groups equal column widths into one range and sets row heights by whole rows', async () => {
    await book.applyPlan(
      plan(
        ensureForm,
        { kind: 'columnWidths', sheet: FORM, firstCol: 1, widths: [10, 10, 10, 24, 8] },
        { kind: 'rowHeight', sheet: FORM, row: 0, height: 32 },
      ),
    );
    const sheet = fake.sheetModel(FORM);
    expect([...sheet.columnWidths]).toEqual([
      [1, 10],
      [2, 10],
      [3, 10],
      [4, 24],
      [5, 8],
    ]);
    expect([...sheet.rowHeights]).toEqual([[0, 32]]);
    expect(fake.calls.of('Range.ColumnWidth')).toBe(3);
  });

  it('protects, freezes, sets print setup and defines names', async () => {
    await book.applyPlan(
      plan(
        ensureForm,
        { kind: 'lock', sheet: FORM, range: 'B2:D3', locked: false },
        {
          kind: 'protectSheet',
          sheet: FORM,
          allow: { insertRows: true, deleteRows: true, formatColumns: false, formatRows: true },
        },
        { kind: 'freezePanes', sheet: FORM, rows: 3, cols: 1 },
        {
          kind: 'printSetup',
          sheet: FORM,
          orientation: 'landscape',
          fitToWidth: true,
          printArea: 'A1:D5',
          titleRows: { first: 3, last: 4 },
        },
        { kind: 'defineName', name: 'bpa_operators', refersTo: '=_lists!$A$1:$A$4' },
      ),
    );
    const sheet = fake.sheetModel(FORM);
    expect(sheet.protection).toMatchObject({
      allowInsertingRows: true,
      allowDeletingRows: true,
      allowFormattingColumns: false,
      allowFormattingRows: true,
    });
    expect(fake.lockedAt(FORM, 'C3')).toBe(false);
    expect(fake.lockedAt(FORM, 'A1')).toBe(true);
    expect(sheet.freeze).toEqual({ rows: 3, cols: 1 });
    expect(sheet.pageSetup).toEqual({
      Orientation: 2,
      Zoom: false,
      FitToPagesWide: 1,
      FitToPagesTall: false,
      PrintArea: '$A$1:$D$5',
      PrintTitleRows: '$4:$5',
    });
    expect(fake.names()).toEqual([{ name: 'bpa_operators', refersTo: '=_lists!$A$1:$A$4' }]);
    expect(fake.displayAlerts()).toBe(true);
  });

  it('writes into a protected sheet by lifting its protection and putting the same back', async () => {
    await book.applyPlan(
      plan(
        ensureForm,
        { kind: 'writeBlock', sheet: FORM, topLeft: 'A1', values: [['锁定的标题']] },
        {
          kind: 'protectSheet',
          sheet: FORM,
          allow: { insertRows: true, deleteRows: false, formatColumns: true, formatRows: false },
        },
      ),
    );
    await book.applyPlan({
      formSheet: FORM,
      ops: [{ kind: 'writeBlock', sheet: FORM, topLeft: 'A1', values: [['新标题']] }],
    });
    expect(fake.cell(FORM, 'A1')).toEqual({ value: '新标题', formula: null });
    expect(fake.sheetModel(FORM).protection).toMatchObject({
      allowInsertingRows: true,
      allowDeletingRows: false,
      allowFormattingColumns: true,
      allowFormattingRows: false,
    });
  });

  it('merges cells holding data without stopping on ET’s dialog', async () => {
    await book.applyPlan(
      plan(
        ensureForm,
        { kind: 'writeBlock', sheet: FORM, topLeft: 'A1', values: [['标题', '多余']] },
        { kind: 'merge', sheet: FORM, range: 'A1:B1' },
      ),
    );
    expect(fake.sheetModel(FORM).merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 1 }]);
    expect(fake.cell(FORM, 'B1')).toBeNull();
    expect(fake.displayAlerts()).toBe(true);
  });

  it('leaves no half-built sheet behind when ET refuses an op, and says so with a HostError', async () => {
    const failing = plan(
      ensureForm,
      { kind: 'ensureSheet', sheet: '_meta', visibility: 'veryHidden', ifExists: 'reuse' },
      { kind: 'writeBlock', sheet: FORM, topLeft: 'A1', values: [['x']] },
      // ET refuses a condition formula without '=' (the plan checks leave highlight formulas to the host).
      { kind: 'highlight', sheet: FORM, range: 'A1', formula: 'A1>0', fill: '#FF0000' },
    );
    expect(await hostErrorCode(() => book.applyPlan(failing))).toBe('unknown');
    expect(fake.sheetNames()).toEqual(['Sheet1']);
    expect(fake.displayAlerts()).toBe(true);
  });

  it('refuses a bad colour before touching the workbook', async () => {
    const bad = plan(ensureForm, {
      kind: 'style',
      sheet: FORM,
      range: 'A1',
      style: { fill: '#FFF' as `#${string}` },
    });
    expect(await hostErrorCode(() => book.applyPlan(bad))).toBe('unsupported');
    expect(fake.sheetNames()).toEqual(['Sheet1']);
  });

  it('reports inserted rows as a change of whole rows, from the user', async () => {
    await book.applyPlan(
      plan(ensureForm, { kind: 'writeBlock', sheet: FORM, topLeft: 'A1', values: [['a'], ['b']] }),
    );
    const changes: CellsChanged[] = [];
    book.onCellsChanged((c) => changes.push(c));
    fake.insertRowsAsUser(FORM, 4, 2);
    expect(changes).toEqual([{ sheet: FORM, range: 'A5:XFD6', source: 'user' }]);
  });

  it('knows its own writes when ET delivers the event after the write returns', async () => {
    let now = 1_000_000;
    fake = new FakeEt({ build, events: 'deferred' });
    book = new WpsWorkbook(fake.application, { now: () => now });
    const changes: CellsChanged[] = [];
    book.onCellsChanged((c) => changes.push(c));
    await book.applyPlan(
      plan(ensureForm, { kind: 'writeBlock', sheet: FORM, topLeft: 'B2', values: [[1, 2]] }),
    );
    fake.flushEvents();
    fake.typeAsUser(FORM, 'B2', [[5, 6]]);
    now += 10_000;
    fake.flushEvents();
    expect(changes).toEqual([
      { sheet: FORM, range: 'B2:C2', source: 'ours' },
      { sheet: FORM, range: 'B2:C2', source: 'user' },
    ]);
  });

  it('shares its own writes with the add-in’s other page through PluginStorage', async () => {
    const pane = new WpsWorkbook(fake.application, { sharedStorage: fake.pluginStorage });
    const session = new WpsWorkbook(fake.application, { sharedStorage: fake.pluginStorage });
    const seen: CellsChanged[] = [];
    session.onCellsChanged((c) => seen.push(c));
    await pane.applyPlan(
      plan(ensureForm, { kind: 'writeBlock', sheet: FORM, topLeft: 'A1', values: [['标题']] }),
    );
    fake.typeAsUser(FORM, 'B2', [['用户']]);
    expect(seen).toEqual([
      { sheet: FORM, range: 'A1', source: 'ours' },
      { sheet: FORM, range: 'B2', source: 'user' },
    ]);
  });

  it('removes its SheetChange listener when the last subscriber leaves', () => {
    const off1 = book.onCellsChanged(() => undefined);
    const off2 = book.onCellsChanged(() => undefined);
    expect(fake.listenerCount).toBe(1);
    off1();
    expect(fake.listenerCount).toBe(1);
    off2();
    expect(fake.listenerCount).toBe(0);
  });

  it('keeps notifying the other listeners when one throws', () => {
    const seen: string[] = [];
    book.onCellsChanged(() => {
      throw new Error('listener bug');
    });
    book.onCellsChanged((c) => seen.push(c.range));
    fake.typeAsUser('Sheet1', 'C3', [['x']]);
    expect(seen).toEqual(['C3']);
  });

  it('inserts every template cell for cell as the reference host does', async () => {
    for (const template of TEMPLATE_IDS) {
      const wpsFake = new FakeEt({ build });
      const wps = new WpsWorkbook(wpsFake.application);
      const memory = new MemoryWorkbook();
      const now = new Date('2026-01-15T08:00:00Z');
      const inWps = await insertTemplate(wps, { template, settings: settings(), now });
      const inMemory = await insertTemplate(memory, { template, settings: settings(), now });
      expect(inWps.sheet).toBe(inMemory.sheet);
      const wpsSheets = (await wps.listSheets()).filter((s) => s.name !== 'Sheet1');
      const memorySheets = await memory.listSheets();
      expect(wpsSheets.map((s) => [s.name, s.visibility])).toEqual(
        memorySheets.map((s) => [s.name, s.visibility]),
      );
      for (const { name } of memorySheets) {
        const range = memorySheets.find((s) => s.name === name)?.usedRange ?? 'A1';
        // The blocks list the same merges too (found by probing MergeCells / MergeArea).
        const expected = await memory.readBlock(name, range);
        expect({ name, block: await wps.readBlock(name, range) }).toEqual({ name, block: expected });
        expect(wpsFake.sheetModel(name).validations).toHaveLength(memory.validationsOf(name).length);
        expect(wpsFake.sheetModel(name).conditions).toHaveLength(memory.highlightsOf(name).length);
        expect(wpsFake.sheetModel(name).merges).toHaveLength(memory.mergesOf(name).length);
        expect(wpsFake.sheetModel(name).protection !== null).toBe(memory.isProtected(name));
      }
      expect(wpsFake.names()).toEqual(memory.names());
      expect(wpsFake.unknownMembers).toEqual([]);
    }
  });
});

/** The calls each writeBlock op of a plan costs: a plan up to and with the op, less the plan up to it. */
async function writeBlockCosts(full: Plan, build: FakeBuild): Promise<number[]> {
  const callsFor = async (length: number): Promise<number> => {
    const fake = new FakeEt({ build });
    await new WpsWorkbook(fake.application).applyPlan({
      formSheet: full.formSheet,
      ops: full.ops.slice(0, length),
    });
    return fake.calls.total;
  };
  const costs: number[] = [];
  for (let i = 1; i <= full.ops.length; i += 1) {
    if (full.ops[i - 1]?.kind === 'writeBlock') costs.push((await callsFor(i)) - (await callsFor(i - 1)));
  }
  return costs;
}

describe('WPS host: merged ranges in a block', () => {
  async function sheetWith(merges: string[], rows = 400): Promise<{ fake: FakeEt; book: WpsWorkbook }> {
    const fake = new FakeEt();
    const book = new WpsWorkbook(fake.application);
    fake.application.DisplayAlerts = false;
    const values = Array.from({ length: rows }, (_, r) => [`指标${r + 1}`, r, null, 'x']);
    await book.applyPlan(
      plan(
        { kind: 'ensureSheet', sheet: '表', visibility: 'visible', ifExists: 'fail' },
        { kind: 'writeBlock', sheet: '表', topLeft: 'A1', values },
        ...merges.map((range): PlanOp => ({ kind: 'merge', sheet: '表', range })),
      ),
    );
    return { fake, book };
  }

  it('lists them whole, in order, at a cost that grows with the merges and not with the cells', async () => {
    const { fake, book } = await sheetWith(['A1:D1', 'C5:C9', 'B300:C301']);
    fake.calls.reset();
    const block = await book.readBlock('表');
    expect(block.merges).toEqual([
      { top: 0, left: 0, bottom: 0, right: 3 },
      { top: 4, left: 2, bottom: 8, right: 2 },
      { top: 299, left: 1, bottom: 300, right: 2 },
    ]);
    const withMerges = fake.calls.total;
    const plain = await sheetWith([]);
    plain.fake.calls.reset();
    expect((await plain.book.readBlock('表')).merges).toBeUndefined();
    // No merge: one Range and one MergeCells more than the cells themselves.
    expect(plain.fake.calls.of('Range.MergeCells')).toBe(1);
    // Each merge is found by halving the 400×4 block: some 30 probes each, against 1 600 cells.
    expect(fake.calls.of('Range.MergeCells')).toBeLessThan(120);
    expect(withMerges - plain.fake.calls.total).toBeLessThan(300);
  });

  it('lists a merge that reaches beyond a sub-range whole, and none outside it', async () => {
    const { book } = await sheetWith(['A1:D1', 'C5:C9']);
    expect((await book.readBlock('表', 'C7:D8')).merges).toEqual([{ top: 4, left: 2, bottom: 8, right: 2 }]);
    expect((await book.readBlock('表', 'A2:D4')).merges).toBeUndefined();
  });

  it('lists a merge on every other row of a long table, within its budget of calls', async () => {
    const many = Array.from({ length: 200 }, (_, i) => `A${2 * i + 1}:B${2 * i + 1}`);
    const { fake, book } = await sheetWith(many);
    fake.calls.reset();
    const block = await book.readBlock('表');
    expect(block.values).toHaveLength(400);
    expect(block.merges).toHaveLength(200);
    expect(fake.calls.of('Range.MergeCells')).toBeLessThan(MERGE_PROBE_BUDGET);
  });
});

describe('WPS host edges', () => {
  it('converts #RRGGBB to BGR and back', () => {
    expect(hexToBgr('#FF0000')).toBe(0x0000ff);
    expect(hexToBgr('#0000FF')).toBe(0xff0000);
    expect(hexToBgr('#123456')).toBe(0x563412);
    expect(bgrToHex(0x563412)).toBe('#123456');
    expect(() => hexToBgr('red' as `#${string}`)).toThrow(HostError);
  });

  it('finds ET only where WPS injected a spreadsheet Application', () => {
    const fake = new FakeEt();
    expect(findWpsApplication({ Application: fake.application, wps: fake.wps })).toBe(fake.application);
    expect(findWpsApplication({ wps: fake.wps })).toBe(fake.wps);
    expect(findWpsApplication({})).toBeNull();
    expect(findWpsApplication(null)).toBeNull();
    expect(findWpsApplication({ Office: {}, Excel: {} })).toBeNull();
    // WPS 文字 injects an Application with documents, not workbooks.
    expect(findWpsApplication({ Application: { ActiveDocument: {} } })).toBeNull();
    expect(findPluginStorage({ wps: fake.wps })).toBe(fake.pluginStorage);
    expect(findPluginStorage({})).toBeNull();
  });

  it('says no workbook is open instead of failing obscurely', async () => {
    const app = { ActiveWorkbook: null };
    const book = createWpsWorkbook(app, null);
    await expect(book.listSheets()).rejects.toMatchObject({ code: 'unsupported' });
  });

  it('reads a missing sheet as sheet_not_found in both builds', async () => {
    for (const build of BUILDS) {
      const book = new WpsWorkbook(new FakeEt({ build }).application);
      await expect(book.readBlock('没有', 'A1')).rejects.toMatchObject({ code: 'sheet_not_found' });
    }
  });
});
