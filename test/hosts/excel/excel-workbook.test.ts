/**
 * The Excel adapter against the Office.js fake: round trips (syncs) per use, every template equal to the
 * reference host cell for cell and format for format, our own writes never taken for the user's, structural
 * changes, the 5 MB request limit, and Office errors as HostError codes.
 */
import { builtInSettings, type EngineSettings } from '../../../src/app/engine-settings';
import { insertTemplate } from '../../../src/app/insert-template';
import { type CellsChanged, HostError, type HostErrorCode } from '../../../src/app/workbook-port';
import { parseRange, toA1 } from '../../../src/domain/grid/address';
import type { Plan, PlanOp } from '../../../src/domain/plan/plan';
import { listTemplates } from '../../../src/domain/templates/registry';
import { toHostError } from '../../../src/hosts/excel/excel-errors';
import { columnWidthPoints, needsTextPrefix } from '../../../src/hosts/excel/excel-plan';
import { ExcelWorkbook, mergedAreasOf, SHEET_SNAPSHOT_TTL_MS } from '../../../src/hosts/excel/excel-workbook';
import { MemoryWorkbook } from '../../../src/hosts/memory/memory-workbook';
import { FakeExcel, FakeOfficeError } from './fake/excel-fake';

const NOW = new Date('2025-03-01T08:00:00Z');

function settings(): EngineSettings {
  const found = builtInSettings();
  if (!found) throw new Error('built-in settings missing');
  return found;
}

async function withSheet1(book: MemoryWorkbook): Promise<void> {
  await book.applyPlan({
    formSheet: 'Sheet1',
    ops: [{ kind: 'ensureSheet', sheet: 'Sheet1', visibility: 'visible', ifExists: 'fail' }],
  });
}

async function excelOn(
  excelApi: string,
  clock?: () => number,
): Promise<{ fake: FakeExcel; book: ExcelWorkbook }> {
  const fake = new FakeExcel({ excelApi });
  await withSheet1(fake.book);
  const book = new ExcelWorkbook(fake.api, clock === undefined ? {} : { now: clock });
  return { fake, book };
}

/** Syncs, commands and proxies that `work` costs. */
async function counted<T>(
  fake: FakeExcel,
  work: () => Promise<T>,
): Promise<{ result: T; syncs: number; commands: number; proxies: number }> {
  fake.resetStats();
  const result = await work();
  return { result, syncs: fake.stats.syncs, commands: fake.stats.commands, proxies: fake.stats.proxies };
}

async function hostErrorCode(work: () => Promise<unknown>): Promise<HostErrorCode | 'no error'> {
  try {
    await work();
  } catch (error) {
    if (error instanceof HostError) return error.code;
    throw error;
  }
  return 'no error';
}

/** Everything the memory host records of a sheet, cell by cell over `area`. */
function sheetState(book: MemoryWorkbook, sheet: string, area: string): unknown {
  const range = parseRange(area);
  const cells: unknown[] = [];
  for (let row = range.top; row <= range.bottom; row += 1) {
    for (let col = range.left; col <= range.right; col += 1) {
      const a1 = toA1({ row, col });
      cells.push({
        a1,
        cell: book.getCell(sheet, a1),
        style: book.styleAt(sheet, a1),
        format: book.numberFormatAt(sheet, a1),
        locked: book.isLocked(sheet, a1),
        validation: book.validationAt(sheet, a1),
      });
    }
  }
  return {
    visibility: book.sheetVisibility(sheet),
    tabColor: book.tabColorOf(sheet),
    merges: book.mergesOf(sheet).sort(),
    columnWidths: [...book.columnWidthsOf(sheet)].sort((a, b) => a[0] - b[0]),
    rowHeights: [...book.rowHeightsOf(sheet)].sort((a, b) => a[0] - b[0]),
    highlights: book.highlightsOf(sheet),
    protection: book.protectionOf(sheet),
    freeze: book.freezePanesOf(sheet),
    print: book.printSetupOf(sheet),
    cells,
  };
}

async function expectSameWorkbook(actual: MemoryWorkbook, expected: MemoryWorkbook): Promise<void> {
  expect(await actual.listSheets()).toEqual(await expected.listSheets());
  expect(actual.names().sort((a, b) => a.name.localeCompare(b.name))).toEqual(
    expected.names().sort((a, b) => a.name.localeCompare(b.name)),
  );
  for (const info of await expected.listSheets()) {
    if (info.usedRange === null) continue;
    const end = parseRange(info.usedRange);
    // Two columns and rows beyond the used range: formats and validations reach past the written cells.
    const area = `A1:${toA1({ row: end.bottom + 2, col: end.right + 2 })}`;
    expect({ sheet: info.name, state: sheetState(actual, info.name, area) }).toEqual({
      sheet: info.name,
      state: sheetState(expected, info.name, area),
    });
  }
}

describe('ExcelWorkbook: every template', () => {
  const templates = listTemplates();

  it.each(templates.map((t) => [t.id] as const))(
    '%s: one sync for the plan, and the workbook equals the reference host',
    async (template) => {
      const { fake, book } = await excelOn('1.14');
      const reference = new MemoryWorkbook();
      await withSheet1(reference);
      let planSyncs = -1;
      const applyPlan = book.applyPlan.bind(book);
      book.applyPlan = async (plan: Plan) => {
        const before = fake.stats.syncs;
        await applyPlan(plan);
        planSyncs = fake.stats.syncs - before;
      };
      const whole = await counted(fake, () =>
        insertTemplate(book, { template, settings: settings(), now: NOW }),
      );
      await insertTemplate(reference, { template, settings: settings(), now: NOW });
      expect(planSyncs).toBe(1);
      // listSheets: one sync for the sheets, one for their used ranges; then the plan.
      expect(whole.syncs).toBe(3);
      expect(fake.stats.delayForCellEdit.every((d) => d)).toBe(true);
      await expectSameWorkbook(fake.book, reference);
    },
  );

  it('inserts a second form beside the first in one plan sync, reusing the helper sheets and names', async () => {
    const { fake, book } = await excelOn('1.14');
    const reference = new MemoryWorkbook();
    await withSheet1(reference);
    for (const target of [book, reference]) {
      await insertTemplate(target, { template: 'project-self-evaluation', settings: settings(), now: NOW });
    }
    const second = await counted(fake, () =>
      insertTemplate(book, { template: 'project-self-evaluation', settings: settings(), now: NOW }),
    );
    await insertTemplate(reference, { template: 'project-self-evaluation', settings: settings(), now: NOW });
    // listSheets (2) + the `_meta` read for the next free line (1) + the plan (1).
    expect(second.syncs).toBe(4);
    await expectSameWorkbook(fake.book, reference);
  });

  it('queues a bounded number of commands per insert (figures for the benchmark)', async () => {
    const { fake, book } = await excelOn('1.14');
    const { commands, proxies } = await counted(fake, () =>
      insertTemplate(book, { template: 'project-self-evaluation', settings: settings(), now: NOW }),
    );
    expect(commands).toBeGreaterThan(50);
    expect(commands).toBeLessThan(5000);
    expect(proxies).toBeLessThan(5000);
  });
});

describe('mergedAreasOf', () => {
  it('splits a RangeAreas address at the commas outside quoted sheet names', () => {
    expect(mergedAreasOf("'表, 甲'!$A$1:$C$1, '表, 甲'!A2:A3,'x''y'!B2, Sheet1!b4:c5")).toEqual([
      { top: 0, left: 0, bottom: 0, right: 2 },
      { top: 1, left: 0, bottom: 2, right: 0 },
      { top: 3, left: 1, bottom: 4, right: 2 },
    ]);
    expect(mergedAreasOf('')).toEqual([]);
    expect(mergedAreasOf('Sheet1!#REF!')).toEqual([]);
  });
});

describe('ExcelWorkbook: round trips', () => {
  it('reads several blocks, used ranges included, in one sync', async () => {
    const { fake, book } = await excelOn('1.14');
    await book.applyPlan({
      formSheet: '表',
      ops: [
        { kind: 'ensureSheet', sheet: '表', visibility: 'visible', ifExists: 'fail' },
        {
          kind: 'writeBlock',
          sheet: '表',
          topLeft: 'A1',
          values: [
            ['a', 1],
            ['b', { formula: '=B1*2' }],
          ],
        },
      ],
    });
    const { result, syncs } = await counted(fake, () =>
      book.readBlocks([
        { sheet: '表', range: 'A1:B2' },
        { sheet: '表' },
        { sheet: 'Sheet1' },
        { sheet: '表', range: 'C9' },
      ]),
    );
    expect(syncs).toBe(1);
    expect(result[0]).toEqual({
      top: 0,
      left: 0,
      values: [
        ['a', 1],
        ['b', null],
      ],
      formulas: [
        [null, null],
        [null, '=B1*2'],
      ],
    });
    expect(result[2]).toEqual({ top: 0, left: 0, values: [], formulas: [] });
  });

  it('lists the merged areas of each block in the same sync (ExcelApi 1.13), none on older hosts', async () => {
    const plan = {
      formSheet: '表',
      ops: [
        {
          kind: 'ensureSheet' as const,
          sheet: '表',
          visibility: 'visible' as const,
          ifExists: 'fail' as const,
        },
        {
          kind: 'writeBlock' as const,
          sheet: '表',
          topLeft: 'A1',
          values: [
            ['绩效指标', null, null],
            ['定量', '数量指标', '次数'],
            [null, null, '人数'],
          ],
        },
        { kind: 'merge' as const, sheet: '表', range: 'A1:C1' },
        { kind: 'merge' as const, sheet: '表', range: 'A2:A3' },
        { kind: 'merge' as const, sheet: '表', range: 'B2:B3' },
      ],
    };
    const { fake, book } = await excelOn('1.13');
    await book.applyPlan(plan);
    const { result, syncs } = await counted(fake, () =>
      book.readBlocks([{ sheet: '表' }, { sheet: '表', range: 'B3:C3' }, { sheet: '表', range: 'C2' }]),
    );
    expect(syncs).toBe(1);
    expect(result[0]?.merges).toEqual([
      { top: 0, left: 0, bottom: 0, right: 2 },
      { top: 1, left: 0, bottom: 2, right: 0 },
      { top: 1, left: 1, bottom: 2, right: 1 },
    ]);
    expect(result[1]?.merges).toEqual([{ top: 1, left: 1, bottom: 2, right: 1 }]);
    expect(result[2]?.merges).toBeUndefined();

    const older = await excelOn('1.12');
    await older.book.applyPlan(plan);
    const plain = await counted(older.fake, () => older.book.readBlock('表'));
    expect(plain.syncs).toBe(1);
    expect(plain.result.merges).toBeUndefined();
    expect(plain.result.values).toEqual(result[0]?.values);
  });

  it('reads the cells again without merges when Office refuses them (over 512 merged areas)', async () => {
    const { fake, book } = await excelOn('1.14');
    const merges = Array.from({ length: 513 }, (_, i) => ({
      kind: 'merge' as const,
      sheet: '表',
      range: `A${2 * i + 1}:A${2 * i + 2}`,
    }));
    await book.applyPlan({
      formSheet: '表',
      ops: [
        { kind: 'ensureSheet', sheet: '表', visibility: 'visible', ifExists: 'fail' },
        { kind: 'writeBlock', sheet: '表', topLeft: 'B1', values: [['x']] },
        ...merges,
      ],
    });
    const { result, syncs } = await counted(fake, () => book.readBlock('表', 'A1:B1026'));
    expect(syncs).toBe(2);
    expect(result.merges).toBeUndefined();
    expect(result.values[0]).toEqual([null, 'x']);
  });

  it('pads a used range that starts below and right of A1, so the sheet reads from A1', async () => {
    const { book } = await excelOn('1.14');
    await book.applyPlan({
      formSheet: '表',
      ops: [
        { kind: 'ensureSheet', sheet: '表', visibility: 'visible', ifExists: 'fail' },
        { kind: 'writeBlock', sheet: '表', topLeft: 'C3', values: [['x']] },
      ],
    });
    expect(await book.readBlock('表')).toEqual({
      top: 0,
      left: 0,
      values: [
        [null, null, null],
        [null, null, null],
        [null, null, 'x'],
      ],
      formulas: [
        [null, null, null],
        [null, null, null],
        [null, null, null],
      ],
    });
  });

  it('reads the sheet names again when the last read is older than the snapshot window', async () => {
    let now = 1_000;
    const { fake, book } = await excelOn('1.14', () => now);
    await book.listSheets();
    const plan = (sheet: string): Plan => ({
      formSheet: sheet,
      ops: [{ kind: 'ensureSheet', sheet, visibility: 'visible', ifExists: 'fail' }],
    });
    expect((await counted(fake, () => book.applyPlan(plan('甲')))).syncs).toBe(1);
    now += SHEET_SNAPSHOT_TTL_MS + 1;
    expect((await counted(fake, () => book.applyPlan(plan('乙')))).syncs).toBe(2);
  });

  it('refuses a sheet the user added since the names were read, before writing any cell', async () => {
    const { fake, book } = await excelOn('1.14');
    await book.listSheets();
    // The user adds a sheet of the same name between the read and the insert.
    await fake.book.applyPlan({
      formSheet: '新表',
      ops: [{ kind: 'ensureSheet', sheet: '新表', visibility: 'visible', ifExists: 'fail' }],
    });
    const code = await hostErrorCode(() =>
      book.applyPlan({
        formSheet: '新表',
        ops: [
          { kind: 'ensureSheet', sheet: '新表', visibility: 'visible', ifExists: 'fail' },
          { kind: 'writeBlock', sheet: '新表', topLeft: 'A1', values: [['不应出现']] },
        ],
      }),
    );
    expect(code).toBe('sheet_exists');
    expect(fake.book.getCell('新表', 'A1')).toBeNull();
  });

  it('keeps text that Excel would read as a number, date, boolean or formula as text', async () => {
    const { book } = await excelOn('1.14');
    const texts = ['001', '2024年3月', 'TRUE', '=', '+86', '50%', '项目'];
    await book.applyPlan({
      formSheet: '表',
      ops: [
        { kind: 'ensureSheet', sheet: '表', visibility: 'visible', ifExists: 'fail' },
        { kind: 'writeBlock', sheet: '表', topLeft: 'A1', values: [texts] },
      ],
    });
    expect((await book.readBlock('表', 'A1:G1')).values).toEqual([texts]);
    expect(needsTextPrefix('项目')).toBe(false);
  });

  it('converts column widths in characters to points as Excel renders them (14 characters = 98 px)', () => {
    expect(columnWidthPoints(14)).toBe(73.5);
    expect(columnWidthPoints(10)).toBe(52.5);
  });

  it('lifts the protection of a protected sheet it writes to and restores it with the same allowances', async () => {
    const { fake, book } = await excelOn('1.14');
    const allow = { insertRows: true, deleteRows: false, formatColumns: true, formatRows: true };
    await book.applyPlan({
      formSheet: '表',
      ops: [
        { kind: 'ensureSheet', sheet: '表', visibility: 'visible', ifExists: 'fail' },
        { kind: 'writeBlock', sheet: '表', topLeft: 'A1', values: [['=1+1 不是公式', { formula: '=1+1' }]] },
        { kind: 'protectSheet', sheet: '表', allow },
      ],
    });
    expect(fake.isProtected('表')).toBe(true);
    await book.listSheets();
    await book.applyPlan({
      formSheet: '表',
      ops: [{ kind: 'writeBlock', sheet: '表', topLeft: 'B1', values: [[{ formula: '=2+2' }]] }],
    });
    expect(fake.book.getCell('表', 'B1')?.formula).toBe('=2+2');
    expect(fake.isProtected('表')).toBe(true);
    expect(fake.book.protectionOf('表')).toEqual({ allow });
  });

  it('splits a plan over 5 MB into several requests, none over the limit, a single huge block included', async () => {
    const { fake, book } = await excelOn('1.14');
    const row = Array.from({ length: 20 }, (_v, i) => `第${i}列的一段较长的说明文字，用来撑大请求`);
    // One block of about 12 MB in UTF-8, then two more of the same size further down.
    const values = Array.from({ length: 9000 }, () => row);
    const ops: PlanOp[] = [{ kind: 'ensureSheet', sheet: '大表', visibility: 'visible', ifExists: 'fail' }];
    for (let i = 0; i < 3; i += 1)
      ops.push({ kind: 'writeBlock', sheet: '大表', topLeft: `A${1 + i * 9000}`, values });
    const { syncs } = await counted(fake, () => book.applyPlan({ formSheet: '大表', ops }));
    expect(syncs).toBeGreaterThan(6);
    expect(fake.stats.largestRequestBytes).toBeLessThanOrEqual(5 * 1024 * 1024);
    expect(fake.book.getCell('大表', 'T27000')?.value).toBe(row[19]);
    expect(fake.book.getCell('大表', 'A9001')?.value).toBe(row[0]);
  });

  it('selects a cell and reports the active cell back', async () => {
    const { book } = await excelOn('1.14');
    await book.select('Sheet1', 'c7');
    await expect(book.getSelection()).resolves.toEqual({ sheet: 'Sheet1', cell: 'C7' });
  });
});

describe('ExcelWorkbook: change events', () => {
  async function watched(excelApi: string) {
    const { fake, book } = await excelOn(excelApi);
    await book.applyPlan({
      formSheet: '表',
      ops: [
        { kind: 'ensureSheet', sheet: '表', visibility: 'visible', ifExists: 'fail' },
        { kind: 'writeBlock', sheet: '表', topLeft: 'A1', values: [['项目', '值']] },
      ],
    });
    const changes: CellsChanged[] = [];
    book.onCellsChanged((change) => changes.push(change));
    await book.whenListening();
    return { fake, book, changes };
  }

  it('ExcelApi 1.14: our writes arrive marked ThisLocalAddin and are reported as ours, never the user’s', async () => {
    const { fake, book, changes } = await watched('1.14');
    await book.applyPlan({
      formSheet: '表',
      ops: [{ kind: 'writeBlock', sheet: '表', topLeft: 'B2', values: [[1, 2]] }],
    });
    await fake.deliver();
    expect(changes).toEqual([{ sheet: '表', range: 'B2:C2', source: 'ours' }]);
    expect(fake.eventsEnabled).toBe(true);
  });

  it('ExcelApi 1.9: events are off while we write and on again afterwards, also when the batch fails', async () => {
    const { fake, book, changes } = await watched('1.9');
    await book.applyPlan({
      formSheet: '表',
      ops: [{ kind: 'writeBlock', sheet: '表', topLeft: 'B2', values: [[1, 2]] }],
    });
    await fake.deliver();
    expect(changes).toEqual([]);
    expect(fake.eventsEnabled).toBe(true);
    await book.listSheets();
    // The user adds a sheet the plan is about to create: Office refuses the batch after events went off.
    await fake.book.applyPlan({
      formSheet: '抢先',
      ops: [{ kind: 'ensureSheet', sheet: '抢先', visibility: 'visible', ifExists: 'fail' }],
    });
    const code = await hostErrorCode(() =>
      book.applyPlan({
        formSheet: '抢先',
        ops: [
          { kind: 'ensureSheet', sheet: '抢先', visibility: 'visible', ifExists: 'fail' },
          { kind: 'writeBlock', sheet: '抢先', topLeft: 'A1', values: [[1]] },
        ],
      }),
    );
    expect(code).toBe('sheet_exists');
    expect(fake.eventsEnabled).toBe(true);
    await fake.userEdit('表', 'A2', [['用户']]);
    expect(changes.map((c) => c.source)).toEqual(['user']);
  });

  it('without muting, the same write under ExcelApi 1.9 would reach the handler (the check above can fail)', async () => {
    const { fake, changes } = await watched('1.9');
    // The fake fires for a write made with events on and no triggerSource, as Excel 1.9 does.
    await fake.api.run({ delayForCellEdit: true }, async (context) => {
      context.workbook.worksheets.getItem('表').getRange('C3').formulas = [[5]];
      await context.sync();
    });
    await fake.deliver();
    expect(changes.map((c) => c.source)).toEqual(['user']);
  });

  it('reports a paste as one change over the pasted block, from the user', async () => {
    const { fake, changes } = await watched('1.14');
    await fake.userEdit('表', 'B3', [
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(changes).toEqual([{ sheet: '表', range: 'B3:D4', source: 'user' }]);
  });

  it('reports inserted and deleted rows as structural changes over whole rows', async () => {
    const { fake, changes } = await watched('1.14');
    await fake.userInsertRows('表', 1, 2);
    await fake.userDeleteRows('表', 1, 1);
    expect(changes).toEqual([
      { sheet: '表', range: 'A2:XFD3', source: 'user', structural: 'rowsInserted' },
      { sheet: '表', range: 'A2:XFD2', source: 'user', structural: 'rowsDeleted' },
    ]);
  });

  it('reports a co-author’s edit as other', async () => {
    const { fake, changes } = await watched('1.14');
    await fake.userEdit('表', 'A3', [['别人']], 'Remote');
    expect(changes.map((c) => c.source)).toEqual(['other']);
  });

  it('ExcelApi 1.8: one handler per sheet instead of the collection’s', async () => {
    const { fake, changes } = await watched('1.8');
    expect(fake.handlerCount()).toBe(2);
    await fake.userEdit('Sheet1', 'A1', [[1]]);
    await fake.userEdit('表', 'A2', [[2]]);
    expect(changes.map((c) => c.sheet)).toEqual(['Sheet1', '表']);
  });

  it('ExcelApi 1.8: a sheet a plan creates after subscribing gets its handler in the plan’s batch', async () => {
    const { fake, book, changes } = await watched('1.8');
    await book.listSheets();
    const { syncs } = await counted(fake, () =>
      book.applyPlan({
        formSheet: '新表',
        ops: [{ kind: 'ensureSheet', sheet: '新表', visibility: 'visible', ifExists: 'fail' }],
      }),
    );
    // The plan's own batch, plus switching events back on (no triggerSource before ExcelApi 1.14).
    expect(syncs).toBe(2);
    await fake.userEdit('新表', 'B2', [[1]]);
    expect(changes).toEqual([{ sheet: '新表', range: 'B2', source: 'user' }]);
  });

  it('names a sheet it has not seen yet with one lookup', async () => {
    const { fake, book, changes } = await watched('1.14');
    await fake.book.applyPlan({
      formSheet: '别处',
      ops: [{ kind: 'ensureSheet', sheet: '别处', visibility: 'visible', ifExists: 'fail' }],
    });
    const { syncs } = await counted(fake, () => fake.userEdit('别处', 'A1', [[1]]));
    expect(syncs).toBe(1);
    expect(changes).toEqual([{ sheet: '别处', range: 'A1', source: 'user' }]);
    expect(book.capabilities).toEqual({ hasChangeEvents: true, hasTriggerSource: true, calculates: true });
  });
});

describe('ExcelWorkbook: Office errors', () => {
  it.each([
    ['ItemAlreadyExists', 'sheet_exists'],
    ['ItemNotFound', 'sheet_not_found'],
    ['InvalidArgument', 'invalid_range'],
    ['AccessDenied', 'protected'],
    ['ActivityLimitReached', 'host_busy'],
    ['RequestPayloadSizeLimitExceeded', 'host_busy'],
    ['ApiNotFound', 'unsupported'],
    ['GeneralException', 'unknown'],
    ['SomethingNew', 'unknown'],
  ] as const)('%s becomes %s with Chinese and English text', (officeCode, code) => {
    const error = toHostError(new FakeOfficeError(officeCode, 'raw message'), 'test');
    expect(error.code).toBe(code);
    expect(error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(error.message).toMatch(/[A-Za-z]{4,}/);
    expect(error.message).not.toContain('raw message');
  });

  it('passes its own HostError through unchanged', () => {
    const own = new HostError('invalid_range', 'x');
    expect(toHostError(own, 'test')).toBe(own);
  });

  it('maps a failed batch to HostError: an unknown sheet, a bad range, a protected cell typed by the user', async () => {
    const { fake, book } = await excelOn('1.14');
    expect(await hostErrorCode(() => book.readBlock('没有', 'A1'))).toBe('sheet_not_found');
    expect(await hostErrorCode(() => book.readBlock('Sheet1', 'A0'))).toBe('invalid_range');
    expect(await hostErrorCode(() => book.select('没有', 'A1'))).toBe('sheet_not_found');
    await book.applyPlan({
      formSheet: '表',
      ops: [
        { kind: 'ensureSheet', sheet: '表', visibility: 'visible', ifExists: 'fail' },
        { kind: 'protectSheet', sheet: '表' },
      ],
    });
    await expect(fake.userEdit('表', 'A1', [['x']])).rejects.toMatchObject({ code: 'protected' });
  });
});
