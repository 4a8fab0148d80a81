/**
 * Progressive checking: a form nobody has started shows its empty required cells as to-dos (待填写), not errors;
 * a part of the form becomes strict as soon as someone types in it; 全部重新检查 makes every one an error; wrong
 * values and wrong sums are errors at once; a received file (checkWorkbook) is always strict.
 */
import { checkWorkbook } from '../../src/app/check-workbook';
import { builtInSettings, type EngineSettings } from '../../src/app/engine-settings';
import { partOfCell, splitProgress, startedParts } from '../../src/app/form-progress';
import { FormSession } from '../../src/app/form-session';
import { insertTemplate } from '../../src/app/insert-template';
import { LiveChecks, severityCounts, todoCount } from '../../src/app/live-checks';
import { isEmptyRequired } from '../../src/domain/checks/registry';
import { TEMPLATE_IDS, type TemplateId } from '../../src/domain/forms/form-model';
import { readForm } from '../../src/domain/forms/read-form';
import { columnLetter } from '../../src/domain/grid/address';
import { MemoryWorkbook } from '../../src/hosts/memory/memory-workbook';

const maybeSettings = builtInSettings();
if (!maybeSettings) throw new Error('test setup: built-in settings missing');
const settings: EngineSettings = maybeSettings;

async function blank(template: TemplateId) {
  const book = new MemoryWorkbook();
  const { sheet } = await insertTemplate(book, { template, settings, indicatorRows: 6 });
  const session = await FormSession.open(book, sheet, settings, { template, version: null });
  if (!session) throw new Error(`test setup: ${template} not read`);
  return { book, sheet, session };
}

/** The cell of a criteria table column in the table's n-th row. */
async function criteriaCell(book: MemoryWorkbook, sheet: string, column: 'rating' | 'weight', n: number) {
  const read = readForm(await book.readBlock(sheet), sheet, null);
  const layout = read.ok ? read.layout.tables.criteria : undefined;
  const col = layout?.columns[column];
  if (!layout || col === undefined) throw new Error(`test setup: no ${column} column`);
  return `${columnLetter(col)}${layout.firstDataRow + n + 1}`;
}

describe('which findings are empty required cells: the rule says so', () => {
  const at = (code: string) => ({ code, severity: 'error' as const, sheet: 'S', cell: 'A1', params: {} });
  it.each(['rating_missing', 'required_field_missing', 'actual_missing', 'table_empty', 'weight_missing'])(
    '%s is one',
    (code) => expect(isEmptyRequired(at(code))).toBe(true),
  );
  it.each(['rating_invalid', 'weight_sum_not_100', 'total_mismatch', 'number_as_text', 'actual_not_number'])(
    '%s is not',
    (code) => expect(isEmptyRequired(at(code))).toBe(false),
  );
});

describe('a form nobody has started', () => {
  it.each(TEMPLATE_IDS)('%s: no error, its empty required cells are to-dos', async (template) => {
    const { session } = await blank(template);
    const { issues, todo } = session.progress;
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(todo.length).toBeGreaterThan(0);
    expect(todo.every(isEmptyRequired)).toBe(true);
    // Put together they are exactly the full check's issues.
    expect(todo.length + issues.length).toBe(session.issues.length);
    expect(startedParts(session.parsed).size).toBe(0);
  });

  it('the fresh 事前绩效评估表 lists its ratings, conclusion and header fields to fill', async () => {
    const { session } = await blank('ex-ante-assessment');
    const codes = new Set(session.progress.todo.map((i) => i.code));
    expect(codes).toEqual(new Set(['rating_missing', 'conclusion_missing', 'required_field_missing']));
    expect(session.scores.status.kind).toBe('provisional');
    expect(session.scores.status.todo).toBe(session.progress.todo.length);
    expect(session.scores.status.errors).toBe(0);
  });
});

describe('a part someone has started', () => {
  it('one rating typed: the criteria table and its conclusion are errors, the header still to fill', async () => {
    const { book, sheet, session } = await blank('ex-ante-assessment');
    const cell = await criteriaCell(book, sheet, 'rating', 0);
    await book.setValues(sheet, cell, [['优']], 'user');
    await session.applyChange({ sheet, range: cell, source: 'user' });
    expect(startedParts(session.parsed)).toEqual(new Set(['criteria']));
    const { issues, todo } = session.progress;
    const errors = issues.filter((i) => i.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((i) => partOfCell(session.parsed, i.cell ?? '') === 'criteria')).toBe(true);
    expect(errors.some((i) => i.code === 'conclusion_missing')).toBe(true);
    expect(new Set(todo.map((i) => i.code))).toEqual(new Set(['required_field_missing']));
    expect(todo.every((i) => partOfCell(session.parsed, i.cell ?? '') === 'header')).toBe(true);
  });

  it('a header field typed starts the header only', async () => {
    const { book, sheet, session } = await blank('project-self-evaluation');
    const name = session.parsed.header.projectName?.cell;
    if (!name) throw new Error('test setup: no 项目名称');
    await book.setValues(sheet, name, [['乡村道路养护']], 'user');
    await session.applyChange({ sheet, range: name, source: 'user' });
    expect(startedParts(session.parsed)).toEqual(new Set(['header']));
    const errors = session.progress.issues.filter((i) => i.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((i) => partOfCell(session.parsed, i.cell ?? '') === 'header')).toBe(true);
    expect(session.progress.todo.some((i) => partOfCell(session.parsed, i.cell ?? '') === 'funds')).toBe(
      true,
    );
  });

  it('the budget row weight the template writes is not a start; an amount typed is', async () => {
    const { book, sheet, session } = await blank('project-self-evaluation');
    expect(startedParts(session.parsed).has('funds')).toBe(false);
    const executed = session.parsed.funds.total?.cols.executed?.cell;
    if (!executed) throw new Error('test setup: no 执行数');
    await book.setValues(sheet, executed, [[80]], 'user');
    await session.applyChange({ sheet, range: executed, source: 'user' });
    expect(startedParts(session.parsed).has('funds')).toBe(true);
  });
});

describe('wrong values and wrong sums are errors at once', () => {
  it('a shipped weight changed so that weights no longer add up to 100: an error before any rating', async () => {
    const { book, sheet, session } = await blank('ex-ante-assessment');
    const cell = await criteriaCell(book, sheet, 'weight', 0);
    await book.setValues(sheet, cell, [[50]], 'user');
    await session.applyChange({ sheet, range: cell, source: 'user' });
    // The weight column ships with the criteria: changing it does not start the table…
    expect(startedParts(session.parsed).has('criteria')).toBe(false);
    // …but the wrong sum is an error now, while the ratings still wait as to-dos.
    const errors = session.progress.issues.filter((i) => i.severity === 'error');
    expect(errors.map((i) => i.code)).toContain('weight_sum_not_100');
    expect(session.progress.todo.some((i) => i.code === 'rating_missing')).toBe(true);
  });

  it('strict lists everything as the full check does', async () => {
    const { session } = await blank('key-evaluation');
    const all = session.issues;
    expect(splitProgress(session.parsed, all, true)).toEqual({ issues: all, todo: [] });
  });
});

describe('in the live checks', () => {
  it('a blank inserted form: 0 errors and a to-do count; 全部重新检查 makes them errors and stays so', async () => {
    const book = new MemoryWorkbook();
    const live = new LiveChecks(book, { settingsFor: () => settings });
    await live.start();
    const { sheet } = await insertTemplate(book, { template: 'ex-ante-assessment', settings });
    await live.sheetsChanged();
    expect(severityCounts(live.state.sheets).error).toBe(0);
    const todo = todoCount(live.state.sheets);
    expect(todo).toBeGreaterThan(0);

    await live.checkEverything();
    expect(todoCount(live.state.sheets)).toBe(0);
    expect(severityCounts(live.state.sheets).error).toBe(todo);
    // A received file is checked strictly too: the same errors.
    const full = await checkWorkbook(book, { settingsFor: () => settings });
    expect(live.state.sheets[0]?.issues).toEqual(full.sheets[0]?.issues);

    // Still strict after an edit of the sheet.
    const name = live.state.sheets[0]?.form.header.projectName?.cell ?? 'B3';
    book.setValues(sheet, name, [['立项论证']], 'user');
    await live.flush();
    expect(todoCount(live.state.sheets)).toBe(0);
    live.stop();
  });
});
