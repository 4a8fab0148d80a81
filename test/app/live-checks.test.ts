/**
 * The live checks controller on the memory host with a hand-driven clock: edits are gathered into batches, our own
 * writes are ignored, each edit costs one block read, and after any sequence of edits the live state equals a
 * full check of the same workbook.
 */
import fc from 'fast-check';
import { checkWorkbook, type WorkbookReport } from '../../src/app/check-workbook';
import { builtInSettings, type EngineSettings } from '../../src/app/engine-settings';
import { insertTemplate } from '../../src/app/insert-template';
import {
  LiveChecks,
  severityCounts,
  todoCount,
  type LiveState,
  type Scheduler,
} from '../../src/app/live-checks';
import { HostError, type SheetInfo, type WorkbookPort } from '../../src/app/workbook-port';
import type { TemplateId } from '../../src/domain/forms/form-model';
import { readForm, type TableLayout } from '../../src/domain/forms/read-form';
import { columnLetter } from '../../src/domain/grid/address';
import type { CellScalar } from '../../src/domain/grid/cell';
import { MemoryWorkbook } from '../../src/hosts/memory/memory-workbook';
import type { Issue } from '../../src/domain/checks/issue';
import { sortIssues } from '../../src/domain/checks/registry';
import type { FormScores } from '../../src/domain/scoring/score-types';

const maybeSettings = builtInSettings();
if (!maybeSettings) throw new Error('test setup: built-in settings missing');
const settings: EngineSettings = maybeSettings;
const settingsFor = () => settings;

/** Timers that run only when the test moves the clock. */
class ManualScheduler implements Scheduler {
  time = 0;
  private timers = new Map<number, { at: number; run: () => void }>();
  private nextId = 1;
  setTimeout(run: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + ms, run });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  get waiting(): number {
    return this.timers.size;
  }
  advance(ms: number): void {
    this.time += ms;
    for (const [id, timer] of [...this.timers]) {
      if (timer.at <= this.time) {
        this.timers.delete(id);
        timer.run();
      }
    }
  }
}

async function bookWith(templates: readonly TemplateId[], rows = 8) {
  const book = new MemoryWorkbook();
  const sheets: string[] = [];
  for (const template of templates) {
    sheets.push((await insertTemplate(book, { template, settings, indicatorRows: rows })).sheet);
  }
  return { book, sheets };
}

async function indicatorLayout(book: MemoryWorkbook, sheet: string): Promise<TableLayout> {
  const read = readForm(await book.readBlock(sheet), sheet, null);
  const layout = read.ok ? (read.layout.tables.indicators ?? read.layout.tables.criteria) : undefined;
  if (!layout) throw new Error(`test setup: no table on ${sheet}`);
  return layout;
}

function cellIn(layout: TableLayout, key: 'actual' | 'weight' | 'level3' | 'target', n: number): string {
  const col = layout.columns[key];
  if (col === undefined) throw new Error(`test setup: no ${key} column`);
  return `${columnLetter(col)}${layout.firstDataRow + n + 1}`;
}

/**
 * A live sheet lists the empty required cells of parts nobody has started as to-dos, apart from its errors; a full
 * check counts them as errors. Put back together, the two say the same.
 */
function comparable(report: {
  sheets: readonly (WorkbookReport['sheets'][number] & { todo?: Issue[] })[];
  unrecognized: string[];
}) {
  return {
    sheets: report.sheets.map((s) => ({
      sheet: s.sheet,
      template: s.template,
      source: s.source,
      issues: sortIssues([...s.issues, ...(s.todo ?? [])]),
      scores: withTodoAsErrors(s.scores),
      form: s.form,
    })),
    unrecognized: report.unrecognized,
  };
}

function withTodoAsErrors(scores: FormScores): FormScores {
  const { todo = 0, ...status } = scores.status;
  return { ...scores, status: { ...status, errors: status.errors + todo } };
}

async function expectEqualsFullCheck(book: WorkbookPort, state: LiveState): Promise<void> {
  const full = await checkWorkbook(book, { settingsFor });
  expect(comparable(state)).toEqual(comparable(full));
}

async function started(book: WorkbookPort) {
  const scheduler = new ManualScheduler();
  const live = new LiveChecks(book, { settingsFor, scheduler, debounceMs: 200, now: () => scheduler.time });
  await live.start();
  return { live, scheduler };
}

test('the first state is a full check of the workbook', async () => {
  const { book } = await bookWith(['project-goals', 'project-self-evaluation', 'project-monitoring']);
  const { live } = await started(book);
  expect(live.state.status).toBe('ready');
  expect(live.state.sheets.map((s) => s.template)).toEqual([
    'project-goals',
    'project-self-evaluation',
    'project-monitoring',
  ]);
  await expectEqualsFullCheck(book, live.state);
});

test('an edit waits for the pause, then costs one block read and notifies', async () => {
  const { book, sheets } = await bookWith(['project-self-evaluation']);
  const sheet = sheets[0] ?? '';
  const layout = await indicatorLayout(book, sheet);
  const level1 = layout.columns.level1 ?? 0;
  book.setValues(sheet, `${columnLetter(level1)}${layout.firstDataRow + 1}`, [
    ['产出指标', '数量指标', '服务人次', '≥', 100, '人次', 100],
  ]);
  const { live, scheduler } = await started(book);
  const seen: LiveState[] = [];
  live.subscribe((state) => seen.push(state));
  const before = live.state;

  const actual = cellIn(layout, 'actual', 0);
  expect(before.sheets[0]?.issues.some((i) => i.cell === actual)).toBe(false);
  book.setValues(sheet, actual, [['很多']], 'user');
  book.setValues(sheet, cellIn(layout, 'actual', 1), [[7]], 'user');
  scheduler.advance(150);
  await live.idle();
  expect(seen).toHaveLength(0);
  expect(live.state).toBe(before);

  scheduler.advance(60); // 200 ms after the last edit
  await live.idle();
  expect(seen).toHaveLength(1);
  expect(live.state.stats.lastRoundTrips).toBe(1);
  expect(live.state.stats.lastLatencyMs).toBe(210);
  expect(live.state.sheets[0]?.issues.some((i) => i.cell === actual)).toBe(true);
  await expectEqualsFullCheck(book, live.state);
});

test('our own writes are ignored; a user paste over many rows is one re-check', async () => {
  const { book, sheets } = await bookWith(['project-self-evaluation']);
  const sheet = sheets[0] ?? '';
  const layout = await indicatorLayout(book, sheet);
  const { live, scheduler } = await started(book);
  book.setValues(sheet, cellIn(layout, 'actual', 0), [['x']], 'ours');
  expect(scheduler.waiting).toBe(0);

  const level3 = layout.columns.level3 ?? 0;
  const paste: CellScalar[][] = [
    ['服务人次', '≥', 100, '人次'],
    ['合格率', '≥', 95, '%'],
    ['完成时间', '≤', 12, '月'],
  ];
  const topLeft = `${columnLetter(level3)}${layout.firstDataRow + 1}`;
  book.setValues(sheet, topLeft, paste, 'user');
  scheduler.advance(200);
  await live.idle();
  expect(live.state.stats.lastRoundTrips).toBe(1);
  expect(live.state.sheets[0]?.form.tables.indicators?.[1]?.fields.level3?.raw).toBe('合格率');
  await expectEqualsFullCheck(book, live.state);
});

test('inserted and deleted rows reload the sheet', async () => {
  const { book, sheets } = await bookWith(['project-self-evaluation']);
  const sheet = sheets[0] ?? '';
  const layout = await indicatorLayout(book, sheet);
  const { live, scheduler } = await started(book);
  book.insertRows(sheet, layout.firstDataRow + 2, 2, 'user');
  book.setValues(sheet, cellIn(layout, 'level3', 2), [['新增指标']], 'user');
  scheduler.advance(200);
  await live.idle();
  await expectEqualsFullCheck(book, live.state);
  book.deleteRows(sheet, layout.firstDataRow, 3, 'user');
  scheduler.advance(200);
  await live.idle();
  expect(live.state.stats.lastRoundTrips).toBe(1);
  await expectEqualsFullCheck(book, live.state);
});

test('a template just inserted appears; a form typed into a blank sheet is recognised', async () => {
  const { book } = await bookWith(['project-goals']);
  const { live, scheduler } = await started(book);
  await insertTemplate(book, { template: 'project-self-evaluation', settings, indicatorRows: 4 });
  await live.sheetsChanged();
  expect(live.state.sheets.map((s) => s.template)).toEqual(['project-goals', 'project-self-evaluation']);
  await expectEqualsFullCheck(book, live.state);

  // A plain sheet with a few words is not a form; the full check calls it unrecognized too.
  await book.applyPlan({
    formSheet: '草稿',
    ops: [{ kind: 'ensureSheet', sheet: '草稿', visibility: 'visible', ifExists: 'fail' }],
  });
  book.setValues('草稿', 'A1', [['随手记']], 'user');
  scheduler.advance(200);
  await live.idle();
  expect(live.state.unrecognized).toEqual(['草稿']);
  await expectEqualsFullCheck(book, live.state);
});

/** The memory host cannot rename or delete sheets; this port hides and renames them the way Excel would. */
class RenamingPort implements WorkbookPort {
  private renamed = new Map<string, string>();
  private deleted = new Set<string>();
  constructor(private readonly book: MemoryWorkbook) {}
  get capabilities() {
    return this.book.capabilities;
  }
  rename(from: string, to: string) {
    this.renamed.set(to, from);
  }
  remove(name: string) {
    this.deleted.add(name);
  }
  private inner(name: string): string {
    if (this.deleted.has(name) || [...this.renamed.values()].includes(name)) {
      throw new HostError('sheet_not_found', name);
    }
    return this.renamed.get(name) ?? name;
  }
  async listSheets(): Promise<SheetInfo[]> {
    const outer = new Map([...this.renamed].map(([to, from]) => [from, to] as const));
    return (await this.book.listSheets())
      .filter((s) => !this.deleted.has(s.name))
      .map((s) => ({ ...s, name: outer.get(s.name) ?? s.name }));
  }
  applyPlan: WorkbookPort['applyPlan'] = (plan) => this.book.applyPlan(plan);
  readBlock: WorkbookPort['readBlock'] = async (sheet, range) => {
    const block = await this.book.readBlock(this.inner(sheet), range);
    return block;
  };
  readBlocks: WorkbookPort['readBlocks'] = async (requests) =>
    Promise.all(requests.map((r) => this.readBlock(r.sheet, r.range)));
  select: WorkbookPort['select'] = (sheet, cell) => this.book.select(this.inner(sheet), cell);
  getSelection: WorkbookPort['getSelection'] = () => this.book.getSelection();
  onCellsChanged: WorkbookPort['onCellsChanged'] = (listener) =>
    this.book.onCellsChanged((c) => {
      const outer = [...this.renamed].find(([, from]) => from === c.sheet)?.[0];
      listener({ ...c, sheet: outer ?? c.sheet });
    });
}

test('a deleted or renamed sheet leaves the state; the new name comes in', async () => {
  const { book, sheets } = await bookWith(['project-goals', 'project-self-evaluation']);
  const [goals = '', selfEval = ''] = sheets;
  const port = new RenamingPort(book);
  const { live, scheduler } = await started(port);
  const layout = await indicatorLayout(book, selfEval);

  port.remove(goals);
  book.setValues(goals, 'A1', [['已删除']], 'ours');
  await live.sheetsChanged();
  expect(live.state.sheets.map((s) => s.sheet)).toEqual([selfEval]);
  await expectEqualsFullCheck(port, live.state);

  port.rename(selfEval, '自评表（终稿）');
  book.setValues(selfEval, cellIn(layout, 'actual', 0), [[3]], 'user');
  scheduler.advance(200);
  await live.idle();
  expect(live.state.error).toBeNull();
  expect(live.state.sheets.map((s) => s.sheet)).toEqual(['自评表（终稿）']);
  await expectEqualsFullCheck(port, live.state);
});

test('a busy host is asked again after the next pause; the edit is not lost', async () => {
  const { book, sheets } = await bookWith(['project-self-evaluation']);
  const sheet = sheets[0] ?? '';
  const layout = await indicatorLayout(book, sheet);
  let busy = 0;
  const port: WorkbookPort = {
    capabilities: book.capabilities,
    listSheets: () => book.listSheets(),
    applyPlan: (plan) => book.applyPlan(plan),
    readBlock: (name, range) => {
      if (busy > 0) {
        busy -= 1;
        return Promise.reject(new HostError('host_busy', 'cell edit in progress'));
      }
      return book.readBlock(name, range);
    },
    readBlocks: (requests) => book.readBlocks(requests),
    select: (name, cell) => book.select(name, cell),
    getSelection: () => book.getSelection(),
    onCellsChanged: (listener) => book.onCellsChanged(listener),
  };
  const { live, scheduler } = await started(port);
  busy = 1;
  book.setValues(sheet, cellIn(layout, 'level3', 0), [['服务人次']], 'user');
  scheduler.advance(200);
  await live.idle();
  expect(live.state.error).toBe('host_busy');
  expect(scheduler.waiting).toBe(1);
  scheduler.advance(200);
  await live.idle();
  expect(live.state.error).toBeNull();
  expect(live.state.sheets[0]?.form.tables.indicators?.[0]?.fields.level3?.raw).toBe('服务人次');
  await expectEqualsFullCheck(book, live.state);
});

test('with no fixed pause an edit is checked on the next turn; edits during a re-check join the next batch', async () => {
  const { book, sheets } = await bookWith(['project-self-evaluation']);
  const sheet = sheets[0] ?? '';
  const layout = await indicatorLayout(book, sheet);
  // Reads wait at a gate the test opens, so that edits can arrive while a re-check is under way.
  let open: () => void = () => undefined;
  let gate: Promise<void> | null = null;
  const probe = { reading: false };
  const port: WorkbookPort = {
    capabilities: book.capabilities,
    listSheets: () => book.listSheets(),
    applyPlan: (plan) => book.applyPlan(plan),
    readBlock: async (name, range) => {
      probe.reading = true;
      if (gate) await gate;
      return book.readBlock(name, range);
    },
    readBlocks: (requests) => book.readBlocks(requests),
    select: (name, cell) => book.select(name, cell),
    getSelection: () => book.getSelection(),
    onCellsChanged: (listener) => book.onCellsChanged(listener),
  };
  const scheduler = new ManualScheduler();
  const live = new LiveChecks(port, { settingsFor, scheduler, now: () => scheduler.time });
  await live.start();
  const seen: LiveState[] = [];
  live.subscribe((state) => seen.push(state));

  gate = new Promise<void>((resolve) => (open = resolve));
  probe.reading = false;
  book.setValues(sheet, cellIn(layout, 'actual', 0), [['很多']], 'user');
  expect(scheduler.waiting).toBe(1);
  scheduler.advance(0);
  while (!probe.reading) await Promise.resolve();
  // The first re-check is reading; three more edits arrive: one timer, one more batch.
  book.setValues(sheet, cellIn(layout, 'actual', 1), [[1]], 'user');
  book.setValues(sheet, cellIn(layout, 'actual', 2), [[2]], 'user');
  book.setValues(sheet, cellIn(layout, 'actual', 3), [[3]], 'user');
  expect(scheduler.waiting).toBe(1);
  gate = null;
  open();
  await live.idle();
  expect(seen).toHaveLength(1);
  scheduler.advance(0);
  await live.idle();
  expect(seen).toHaveLength(2);
  expect(live.state.stats.batches).toBe(2);
  expect(live.state.stats.lastLatencyMs).toBe(0);
  await expectEqualsFullCheck(book, live.state);
});

test('severity counts add up the issues of every sheet', async () => {
  const { book } = await bookWith(['project-self-evaluation', 'project-monitoring']);
  const { live } = await started(book);
  // Blank forms: their empty required cells are to-dos, counted apart from the issues.
  expect(severityCounts(live.state.sheets).error).toBe(0);
  expect(todoCount(live.state.sheets)).toBe(live.state.sheets.flatMap((s) => s.todo).length);
  expect(todoCount(live.state.sheets)).toBeGreaterThan(0);
  await live.checkEverything();
  const counts = severityCounts(live.state.sheets);
  const all = live.state.sheets.flatMap((s) => s.issues);
  expect(counts.error + counts.warning + counts.info).toBe(all.length);
  expect(counts.error).toBe(all.filter((i) => i.severity === 'error').length);
  expect(all.length).toBeGreaterThan(0);
  expect(todoCount(live.state.sheets)).toBe(0);
});

// ---------------------------------------------------------------- the property

type Action =
  | { kind: 'type'; sheet: number; row: number; col: number; values: CellScalar[][] }
  | { kind: 'insertRows'; sheet: number; row: number; count: number }
  | { kind: 'deleteRows'; sheet: number; row: number; count: number }
  | { kind: 'insertTemplate'; template: TemplateId }
  | { kind: 'pause' };

const typed: fc.Arbitrary<CellScalar> = fc.oneof(
  fc.constantFrom(
    '产出指标',
    '效益指标',
    '满意度指标',
    '数量指标',
    '质量指标',
    '社会效益指标',
    '≥',
    '≤',
    '定性',
    '%',
    '人次',
    '达成年度指标',
    '部分达成',
    '*',
    '',
    '原因已分析',
    '市水利局',
    '农村饮水工程',
    '优',
  ),
  fc.integer({ min: -5, max: 150 }),
  fc.double({ min: 0, max: 1000, noNaN: true }),
  fc.constant(null),
);

const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('type' as const),
      sheet: fc.nat(3),
      row: fc.nat(30),
      col: fc.nat(14),
      values: fc.array(fc.array(typed, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('insertRows' as const),
      sheet: fc.nat(3),
      row: fc.nat(7),
      count: fc.integer({ min: 1, max: 2 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('deleteRows' as const),
      sheet: fc.nat(3),
      row: fc.nat(5),
      count: fc.integer({ min: 1, max: 2 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('insertTemplate' as const),
      template: fc.constantFrom<TemplateId>('project-goals', 'department-self-evaluation', 'key-evaluation'),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'pause' as const }) },
);

test('after any sequence of edits, the live state equals a full check of the same workbook', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 12 }), async (actions) => {
      const { book } = await bookWith(['project-goals', 'project-self-evaluation', 'project-monitoring'], 6);
      const { live, scheduler } = await started(book);
      for (const a of actions) {
        const forms = live.state.sheets.map((s) => s.sheet);
        const sheet =
          a.kind === 'pause' || a.kind === 'insertTemplate' ? '' : (forms[a.sheet % forms.length] ?? '');
        try {
          if (a.kind === 'type') {
            book.setValues(sheet, `${columnLetter(a.col)}${a.row + 1}`, a.values, 'user');
          } else if (a.kind === 'insertRows' || a.kind === 'deleteRows') {
            // People insert and delete rows inside the indicator table, not through its header.
            const layout = await indicatorLayout(book, sheet);
            const row = layout.firstDataRow + a.row;
            if (a.kind === 'insertRows') book.insertRows(sheet, row, a.count, 'user');
            else if (row + a.count <= layout.endRow) book.deleteRows(sheet, row, a.count, 'user');
          } else if (a.kind === 'insertTemplate') {
            await insertTemplate(book, { template: a.template, settings, indicatorRows: 4 });
            await live.sheetsChanged();
          } else {
            scheduler.advance(250);
            await live.idle();
          }
        } catch (error) {
          // The host refuses typing over a locked formula cell, as Excel does; the edit simply did not happen.
          if (!(error instanceof HostError && error.code === 'protected')) throw error;
        }
        scheduler.advance(50);
      }
      scheduler.advance(250);
      await live.idle();
      expect(live.state.error).toBeNull();
      await expectEqualsFullCheck(book, live.state);
    }),
    { numRuns: 60 },
  );
});
