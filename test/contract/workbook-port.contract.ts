/**
 * The port contract: what every host adapter must do the same way (docs/architecture.md §3, §5). Each adapter
 * runs this suite with its own `makeHost`. Only what `WorkbookPort` promises is checked here; what a host
 * stores beyond that (styles, validations as objects) is for the host's own tests.
 */
import { parseA1, parseRange, rangeContains, toA1 } from '../../src/domain/grid/address';
import { type Block, type CellInput, type CellScalar, isFormulaCell } from '../../src/domain/grid/cell';
import { isBlank } from '../../src/domain/grid/parse';
import type { Plan, PlanOp, PlanOpKind } from '../../src/domain/plan/plan';
import {
  type CellsChanged,
  HostError,
  type HostErrorCode,
  type WorkbookPort,
} from '../../src/app/workbook-port';

/** The port plus what a test needs to play the person at the keyboard. */
export interface ContractHost extends WorkbookPort {
  /**
   * Type or paste `values` with `values[0][0]` at `topLeft`, as a person would. Resolves once the host has
   * delivered the change notifications this edit causes.
   */
  simulateUserEdit(sheet: string, topLeft: string, values: CellScalar[][]): Promise<void>;
  /**
   * False for a host that cannot list merged ranges (Excel before ExcelApi 1.13): its blocks carry none.
   * Every other host lists, with each block, the merged ranges that overlap it.
   */
  readonly listsMerges?: boolean;
}

const FORM = '自评表';
const LISTS = '_lists';
const META = '_meta';

/** Written at A1 of the form sheet; row 1 is merged A1:D1 so only its first cell holds a value. */
const FORM_CELLS: CellInput[][] = [
  ['项目支出绩效自评表', null, null, null],
  ['项目名称', '乡村道路维护', '年度', 2024],
  ['预算数', 120.5, '执行数', 98.25],
  ['执行率', { formula: '=D3/B3' }, '是否完成', true],
  ['得分', { formula: '=ROUND(MIN(D3/B3,1)*10,2)' }, '备注', false],
];
const LIST_CELLS: CellInput[][] = [['≥'], ['≤'], ['='], ['定性']];

/** Every kind of op, so that the compiler says so when a kind is added and this suite does not use it. */
const EVERY_KIND: Record<PlanOpKind, true> = {
  ensureSheet: true,
  writeBlock: true,
  merge: true,
  style: true,
  numberFormat: true,
  columnWidths: true,
  rowHeight: true,
  listValidation: true,
  customValidation: true,
  decimalValidation: true,
  highlight: true,
  lock: true,
  protectSheet: true,
  defineName: true,
  freezePanes: true,
  printSetup: true,
};

function fullPlan(): Plan {
  const ops: PlanOp[] = [
    { kind: 'ensureSheet', sheet: FORM, visibility: 'visible', ifExists: 'fail', tabColor: '#2F5597' },
    { kind: 'ensureSheet', sheet: LISTS, visibility: 'hidden', ifExists: 'reuse' },
    { kind: 'ensureSheet', sheet: META, visibility: 'veryHidden', ifExists: 'reuse' },
    { kind: 'writeBlock', sheet: FORM, topLeft: 'A1', values: FORM_CELLS },
    { kind: 'writeBlock', sheet: LISTS, topLeft: 'A1', values: LIST_CELLS },
    { kind: 'writeBlock', sheet: META, topLeft: 'A1', values: [['template', 'project-self-evaluation']] },
    { kind: 'merge', sheet: FORM, range: 'A1:D1' },
    { kind: 'style', sheet: FORM, range: 'A1:D1', style: { bold: true, fontSize: 14, horizontal: 'center' } },
    { kind: 'style', sheet: FORM, range: 'A2:D5', style: { border: 'thin', wrap: true, fill: '#FFF2CC' } },
    { kind: 'numberFormat', sheet: FORM, range: 'B3:D3', format: '#,##0.00' },
    { kind: 'numberFormat', sheet: FORM, range: 'B4', format: '0.00%' },
    { kind: 'columnWidths', sheet: FORM, firstCol: 0, widths: [14, 30, 12, 16] },
    { kind: 'rowHeight', sheet: FORM, row: 0, height: 28 },
    { kind: 'listValidation', sheet: FORM, range: 'E2:E5', source: '=_lists!$A$1:$A$4', allowBlank: true },
    {
      kind: 'listValidation',
      sheet: FORM,
      range: 'F2:F5',
      source: ['是', '否'],
      allowBlank: false,
      prompt: '请选择',
      error: '只能选择是或否',
    },
    {
      kind: 'customValidation',
      sheet: FORM,
      range: 'D2',
      formula: '=AND(D2>=2000,D2<=2100)',
      error: '年度不合法',
    },
    { kind: 'decimalValidation', sheet: FORM, range: 'B3:D3', min: 0, error: '金额不能为负' },
    {
      kind: 'highlight',
      sheet: FORM,
      range: 'B4',
      formula: '=B4<0.6',
      fill: '#FFC7CE',
      fontColor: '#9C0006',
    },
    { kind: 'lock', sheet: FORM, range: 'B2:D3', locked: false },
    { kind: 'protectSheet', sheet: FORM },
    { kind: 'defineName', name: 'bpa_operators', refersTo: '=_lists!$A$1:$A$4' },
    { kind: 'freezePanes', sheet: FORM, rows: 1, cols: 0 },
    { kind: 'printSetup', sheet: FORM, orientation: 'landscape', fitToWidth: true, printArea: 'A1:D5' },
  ];
  return { formSheet: FORM, ops };
}

async function expectHostError(promise: Promise<unknown>, code: HostErrorCode): Promise<void> {
  let caught: unknown = null;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(HostError);
  expect(caught).toMatchObject({ code });
}

/** The cell of a block at a sheet address, or undefined when the block does not cover it. */
function cellOf(block: Block, a1: string): { value: CellScalar; formula: string | null } | undefined {
  const { row, col } = parseA1(a1);
  const value = block.values[row - block.top]?.[col - block.left];
  const formula = block.formulas[row - block.top]?.[col - block.left];
  if (value === undefined || formula === undefined) return undefined;
  return { value, formula };
}

/** Checks that `block` holds `written` (placed at `topLeft`): formulas as text, values as written. */
function expectCells(block: Block, topLeft: string, written: CellInput[][], calculates: boolean): void {
  const origin = parseA1(topLeft);
  written.forEach((row, r) =>
    row.forEach((input, c) => {
      const a1 = toA1({ row: origin.row + r, col: origin.col + c });
      const cell = cellOf(block, a1);
      expect({ a1, covered: cell !== undefined }).toEqual({ a1, covered: true });
      if (cell === undefined) return;
      if (isFormulaCell(input)) {
        expect({ a1, formula: cell.formula }).toEqual({ a1, formula: input.formula });
        if (!calculates) expect({ a1, value: cell.value }).toEqual({ a1, value: null });
      } else if (input === null || input === '') {
        expect({ a1, blank: isBlank(cell.value), formula: cell.formula }).toEqual({
          a1,
          blank: true,
          formula: null,
        });
      } else {
        expect({ a1, value: cell.value, formula: cell.formula }).toEqual({ a1, value: input, formula: null });
      }
    }),
  );
}

function everyValueBlank(block: Block): boolean {
  return block.values.every((row) => row.every((v) => isBlank(v)));
}

export function runWorkbookPortContract(name: string, makeHost: () => Promise<ContractHost>): void {
  describe(`WorkbookPort contract: ${name}`, () => {
    let host: ContractHost;

    beforeEach(async () => {
      host = await makeHost();
    });

    describe('applyPlan', () => {
      it('uses every kind of plan op in the full plan', () => {
        const used = new Set(fullPlan().ops.map((op) => op.kind));
        expect([...used].sort()).toEqual(Object.keys(EVERY_KIND).sort());
      });

      it('writes every value and formula of the plan, read back cell for cell', async () => {
        await host.applyPlan(fullPlan());
        const [form, lists, meta] = await host.readBlocks([
          { sheet: FORM, range: 'A1:D5' },
          { sheet: LISTS, range: 'A1:A4' },
          { sheet: META, range: 'A1:B1' },
        ]);
        if (form === undefined || lists === undefined || meta === undefined)
          throw new Error('three blocks expected');
        expect(form.values).toHaveLength(5);
        expect(form.values.every((row) => row.length === 4)).toBe(true);
        expect(form.formulas).toHaveLength(5);
        expectCells(form, 'A1', FORM_CELLS, host.capabilities.calculates);
        expectCells(lists, 'A1', LIST_CELLS, host.capabilities.calculates);
        expectCells(meta, 'A1', [['template', 'project-self-evaluation']], host.capabilities.calculates);
      });

      it('creates sheets in plan order with their visibility, very hidden included', async () => {
        const before = (await host.listSheets()).map((s) => s.name);
        await host.applyPlan(fullPlan());
        const sheets = await host.listSheets();
        const ours = sheets.filter((s) => !before.includes(s.name));
        expect(ours.map((s) => [s.name, s.visibility])).toEqual([
          [FORM, 'visible'],
          [LISTS, 'hidden'],
          [META, 'veryHidden'],
        ]);
      });

      it('refuses to replace an existing sheet and leaves the workbook unchanged', async () => {
        await host.applyPlan(fullPlan());
        const sheetsBefore = await host.listSheets();
        const formBefore = await host.readBlock(FORM, 'A1:F6');
        const second: Plan = {
          formSheet: FORM,
          ops: [
            { kind: 'ensureSheet', sheet: '新表', visibility: 'visible', ifExists: 'fail' },
            { kind: 'writeBlock', sheet: '新表', topLeft: 'A1', values: [['不应出现']] },
            { kind: 'writeBlock', sheet: LISTS, topLeft: 'A1', values: [['已改']] },
            { kind: 'ensureSheet', sheet: FORM, visibility: 'visible', ifExists: 'fail' },
            { kind: 'writeBlock', sheet: FORM, topLeft: 'A2', values: [['已改', '已改']] },
          ],
        };
        await expectHostError(host.applyPlan(second), 'sheet_exists');
        expect(await host.listSheets()).toEqual(sheetsBefore);
        expect(await host.readBlock(FORM, 'A1:F6')).toEqual(formBefore);
        expectCells(await host.readBlock(LISTS, 'A1'), 'A1', [['≥']], host.capabilities.calculates);
      });

      it('reuses an existing sheet when asked, keeping the cells the plan does not write', async () => {
        await host.applyPlan(fullPlan());
        await host.applyPlan({
          formSheet: FORM,
          ops: [
            { kind: 'ensureSheet', sheet: '第二张', visibility: 'visible', ifExists: 'fail' },
            { kind: 'ensureSheet', sheet: META, visibility: 'veryHidden', ifExists: 'reuse' },
            { kind: 'writeBlock', sheet: META, topLeft: 'A2', values: [['template', 'monitoring']] },
          ],
        });
        const meta = await host.readBlock(META, 'A1:B2');
        expectCells(
          meta,
          'A1',
          [
            ['template', 'project-self-evaluation'],
            ['template', 'monitoring'],
          ],
          host.capabilities.calculates,
        );
        const visibility = (await host.listSheets()).find((s) => s.name === META)?.visibility;
        expect(visibility).toBe('veryHidden');
      });

      it('places a new sheet right after the sheet named by `after`, last when none is, and moves no sheet', async () => {
        const before = (await host.listSheets()).map((s) => s.name);
        const ensure = (sheet: string, extra: Partial<PlanOp> = {}): PlanOp =>
          ({ kind: 'ensureSheet', sheet, visibility: 'visible', ifExists: 'fail', ...extra }) as PlanOp;
        await host.applyPlan({
          formSheet: '甲',
          ops: [ensure('甲'), ensure('隐藏', { visibility: 'hidden' }), ensure('乙')],
        });
        await host.applyPlan({
          formSheet: '甲的自评',
          ops: [
            ensure('甲的自评', { after: '甲' }),
            // After a sheet of the same plan, and after a hidden one.
            ensure('甲的自评说明', { after: '甲的自评' }),
            ensure('乙的监控', { after: '乙' }),
            ensure('无处', { after: '没有这张表' }),
            // An existing sheet stays where it is.
            ensure('乙', { ifExists: 'reuse', after: '甲' }),
            { kind: 'writeBlock', sheet: '甲的自评', topLeft: 'A1', values: [['自评']] },
          ],
        });
        const ours = (await host.listSheets()).map((s) => s.name).filter((n) => !before.includes(n));
        expect(ours).toEqual(['甲', '甲的自评', '甲的自评说明', '隐藏', '乙', '乙的监控', '无处']);
        expectCells(await host.readBlock('甲的自评', 'A1'), 'A1', [['自评']], host.capabilities.calculates);
      });

      it('lets a plan create a sheet and then ensure it again', async () => {
        await host.applyPlan({
          formSheet: '表',
          ops: [
            { kind: 'ensureSheet', sheet: '表', visibility: 'visible', ifExists: 'fail' },
            { kind: 'writeBlock', sheet: '表', topLeft: 'B2', values: [['x']] },
            { kind: 'ensureSheet', sheet: '表', visibility: 'visible', ifExists: 'reuse' },
          ],
        });
        expectCells(await host.readBlock('表', 'B2'), 'B2', [['x']], host.capabilities.calculates);
      });
    });

    describe('reading', () => {
      beforeEach(async () => {
        await host.applyPlan(fullPlan());
      });

      it('reads a sub-range with its position', async () => {
        const block = await host.readBlock(FORM, 'B3:C4');
        expect({ top: block.top, left: block.left }).toEqual({ top: 2, left: 1 });
        expect(block.values).toHaveLength(2);
        expect(block.values.map((row) => row.length)).toEqual([2, 2]);
        expectCells(
          block,
          'B3',
          [
            [120.5, '执行数'],
            [{ formula: '=D3/B3' }, '是否完成'],
          ],
          host.capabilities.calculates,
        );
      });

      it('lists the merged ranges that overlap a block, whole, and only those', async () => {
        const whole = await host.readBlock(FORM);
        const across = await host.readBlock(FORM, 'C1:E2');
        const apart = await host.readBlock(FORM, 'B3:C4');
        const title = { top: 0, left: 0, bottom: 0, right: 3 };
        if (host.listsMerges === false) {
          expect([whole.merges, across.merges]).toEqual([undefined, undefined]);
        } else {
          expect(whole.merges).toEqual([title]);
          expect(across.merges).toEqual([title]);
        }
        expect(apart.merges).toBeUndefined();
      });

      it('reads one cell as a 1x1 block', async () => {
        const block = await host.readBlock(FORM, 'D2');
        expect(block).toMatchObject({ top: 1, left: 3, values: [[2024]], formulas: [[null]] });
      });

      it('reads blank cells outside what was written as blank', async () => {
        const block = await host.readBlock(FORM, 'G10:H11');
        expect(block.values).toHaveLength(2);
        expect(everyValueBlank(block)).toBe(true);
        expect(block.formulas.flat().every((f) => f === null)).toBe(true);
      });

      it('reads the used range when no range is given', async () => {
        const block = await host.readBlock(FORM);
        expectCells(block, 'A1', FORM_CELLS, host.capabilities.calculates);
        const rows = block.values.length;
        const cols = block.values[0]?.length ?? 0;
        expect(block.top + rows).toBeGreaterThanOrEqual(5);
        expect(block.left + cols).toBeGreaterThanOrEqual(4);
        expect(block.formulas).toHaveLength(rows);
      });

      it('reports the used range and visibility in listSheets', async () => {
        const form = (await host.listSheets()).find((s) => s.name === FORM);
        expect(form?.visibility).toBe('visible');
        const used = form?.usedRange;
        expect(typeof used).toBe('string');
        const range = parseRange(used ?? '');
        expect(rangeContains(range, parseA1('A1')) && rangeContains(range, parseA1('D5'))).toBe(true);
      });

      it('reads an empty sheet as blank, listed with no used range', async () => {
        await host.applyPlan({
          formSheet: '空表',
          ops: [{ kind: 'ensureSheet', sheet: '空表', visibility: 'visible', ifExists: 'fail' }],
        });
        expect(everyValueBlank(await host.readBlock('空表'))).toBe(true);
        const empty = (await host.listSheets()).find((s) => s.name === '空表');
        expect(empty).toEqual({ name: '空表', visibility: 'visible', usedRange: null });
      });

      it('returns batched reads in request order, equal to single reads', async () => {
        const requests = [
          { sheet: LISTS, range: 'A1:A4' },
          { sheet: FORM, range: 'C2:D3' },
          { sheet: FORM },
          { sheet: META, range: 'B1' },
        ];
        const batched = await host.readBlocks(requests);
        const single = [];
        for (const request of requests) single.push(await host.readBlock(request.sheet, request.range));
        expect(batched).toEqual(single);
        expect(batched[1]).toMatchObject({ top: 1, left: 2 });
      });

      it('fails with sheet_not_found for an unknown sheet', async () => {
        await expectHostError(host.readBlock('不存在的表', 'A1'), 'sheet_not_found');
        await expectHostError(host.readBlock('不存在的表'), 'sheet_not_found');
        await expectHostError(
          host.readBlocks([{ sheet: FORM, range: 'A1' }, { sheet: '不存在的表' }]),
          'sheet_not_found',
        );
      });

      it('fails with invalid_range for a range that is not one', async () => {
        await expectHostError(host.readBlock(FORM, '不是区域'), 'invalid_range');
        await expectHostError(host.readBlock(FORM, 'A1:B2:C3'), 'invalid_range');
      });

      it('selects a cell on an existing sheet and refuses an unknown sheet', async () => {
        await expect(host.select(FORM, 'B2')).resolves.toBeUndefined();
        await expectHostError(host.select('不存在的表', 'A1'), 'sheet_not_found');
      });

      it('reports the selected cell back', async () => {
        await host.select(FORM, 'c7');
        await expect(host.getSelection()).resolves.toEqual({ sheet: FORM, cell: 'C7' });
      });
    });

    describe('change notifications', () => {
      beforeEach(async () => {
        await host.applyPlan(fullPlan());
      });

      it('reports one user edit as exactly one change from the user', async () => {
        const changes: CellsChanged[] = [];
        host.onCellsChanged((change) => changes.push(change));
        await host.simulateUserEdit(FORM, 'B2', [
          ['新项目', 2025],
          [100, 90],
        ]);
        if (!host.capabilities.hasChangeEvents) {
          expect(changes).toEqual([]);
          return;
        }
        expect(changes).toHaveLength(1);
        const [change] = changes;
        expect(change?.sheet).toBe(FORM);
        expect(change?.source).toBe('user');
        const range = parseRange(change?.range ?? '');
        expect(rangeContains(range, parseA1('B2')) && rangeContains(range, parseA1('C3'))).toBe(true);
        expectCells(
          await host.readBlock(FORM, 'B2:C3'),
          'B2',
          [
            ['新项目', 2025],
            [100, 90],
          ],
          host.capabilities.calculates,
        );
      });

      it('never reports its own plan writes as the user’s', async () => {
        const changes: CellsChanged[] = [];
        host.onCellsChanged((change) => changes.push(change));
        await host.applyPlan({
          formSheet: FORM,
          ops: [{ kind: 'writeBlock', sheet: LISTS, topLeft: 'B1', values: [['是'], ['否']] }],
        });
        const fromUser = changes.filter((c) => c.source === 'user');
        expect(host.capabilities.hasTriggerSource ? fromUser : []).toEqual([]);
      });

      it('stops notifying after unsubscribe, and only that listener', async () => {
        const stopped: CellsChanged[] = [];
        const kept: CellsChanged[] = [];
        const unsubscribe = host.onCellsChanged((change) => stopped.push(change));
        host.onCellsChanged((change) => kept.push(change));
        await host.simulateUserEdit(FORM, 'B2', [['第一次']]);
        unsubscribe();
        await host.simulateUserEdit(FORM, 'B2', [['第二次']]);
        const expected = host.capabilities.hasChangeEvents ? 1 : 0;
        expect(stopped).toHaveLength(expected);
        expect(kept).toHaveLength(expected * 2);
        unsubscribe();
        await host.simulateUserEdit(FORM, 'B2', [['第三次']]);
        expect(stopped).toHaveLength(expected);
      });
    });
  });
}
