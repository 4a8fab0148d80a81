/**
 * 改为数字: one cell written with the number, only while it still holds the text the issue was raised on.
 */
import { convertTextNumber, textNumberFix } from '../../src/app/convert-text-number';
import { builtInSettings } from '../../src/app/engine-settings';
import { insertTemplate } from '../../src/app/insert-template';
import { LiveChecks } from '../../src/app/live-checks';
import { readForm } from '../../src/domain/forms/read-form';
import { columnLetter } from '../../src/domain/grid/address';
import type { Plan } from '../../src/domain/plan/plan';
import type { Issue } from '../../src/domain/checks/issue';
import { MemoryWorkbook } from '../../src/hosts/memory/memory-workbook';

const SHEET = '自评表';

/** A memory workbook that keeps every plan applied to it. */
class RecordingWorkbook extends MemoryWorkbook {
  readonly plans: Plan[] = [];
  override async applyPlan(plan: Plan): Promise<void> {
    this.plans.push(plan);
    return super.applyPlan(plan);
  }
}

async function bookWith(values: (string | number | null)[][]): Promise<RecordingWorkbook> {
  const book = new RecordingWorkbook();
  await book.applyPlan({
    formSheet: SHEET,
    ops: [
      { kind: 'ensureSheet', sheet: SHEET, visibility: 'visible', ifExists: 'fail' },
      { kind: 'writeBlock', sheet: SHEET, topLeft: 'A1', values },
    ],
  });
  book.plans.length = 0;
  return book;
}

function issue(code: string, cell: string | null, value: string, number: string): Issue {
  return { code, severity: 'error', sheet: SHEET, cell, params: { label: 'F', value, number, name: '指标' } };
}

describe('convertTextNumber', () => {
  it('writes exactly the one cell, as a number, and leaves its neighbours alone', async () => {
    const book = await bookWith([
      ['９３', ' 88 ', "'1,200"],
      ['95', null, '文本'],
    ]);
    const result = await convertTextNumber(book, SHEET, 'B1', '␣88␣', 88);
    expect(result).toEqual({ ok: true });
    expect(book.plans).toEqual([
      { formSheet: SHEET, ops: [{ kind: 'writeBlock', sheet: SHEET, topLeft: 'B1', values: [[88]] }] },
    ]);
    const block = await book.readBlock(SHEET, 'A1:C2');
    expect(block.values).toEqual([
      ['９３', 88, "'1,200"],
      ['95', null, '文本'],
    ]);
  });

  it('does nothing when the text changed after the check', async () => {
    const book = await bookWith([['９３', '87']]);
    expect(await convertTextNumber(book, SHEET, 'A1', '９４', 94)).toEqual({ ok: false, reason: 'changed' });
    expect(book.plans).toEqual([]);
    expect((await book.readBlock(SHEET, 'A1')).values).toEqual([['９３']]);
  });

  it('does nothing when the cell now holds a number, is empty or holds a formula', async () => {
    const book = await bookWith([[93, null]]);
    await book.applyPlan({
      formSheet: SHEET,
      ops: [{ kind: 'writeBlock', sheet: SHEET, topLeft: 'C1', values: [[{ formula: '="93"' }]] }],
    });
    book.plans.length = 0;
    for (const cell of ['A1', 'B1', 'C1']) {
      expect(await convertTextNumber(book, SHEET, cell, '93', 93)).toEqual({ ok: false, reason: 'changed' });
    }
    expect(book.plans).toEqual([]);
  });
});

describe('textNumberFix', () => {
  it('offers the number of a text-number issue at its cell', () => {
    expect(textNumberFix(issue('number_as_text', 'F9', '９３', '93'))).toEqual({
      sheet: SHEET,
      cell: 'F9',
      expectedText: '９３',
      value: 93,
    });
    expect(
      textNumberFix({ ...issue('number_as_text_plain', 'E10', '1,200', '1200'), severity: 'warning' }),
    ).toEqual({ sheet: SHEET, cell: 'E10', expectedText: '1,200', value: 1200 });
  });

  it('offers nothing for other issues, without a cell or without a number', () => {
    expect(textNumberFix(issue('required_field_missing', 'F9', '', ''))).toBeNull();
    expect(textNumberFix(issue('number_as_text', null, '９３', '93'))).toBeNull();
    expect(textNumberFix(issue('number_as_text', 'F9', 'abc', ''))).toBeNull();
    expect(textNumberFix(issue('number_as_text', 'F9', 'abc', 'x'))).toBeNull();
  });
});

describe('改为数字 on a live self-evaluation', () => {
  it('the issue offers the number; one click clears it and the checks run again', async () => {
    const settings = builtInSettings();
    if (!settings) throw new Error('test setup: built-in settings missing');
    const book = new RecordingWorkbook();
    const { sheet } = await insertTemplate(book, { template: 'project-self-evaluation', settings });
    const read = readForm(await book.readBlock(sheet), sheet, null);
    const table = read.ok ? read.layout.tables.indicators : undefined;
    const col = table?.columns.actual;
    if (!table || col === undefined) throw new Error('test setup: no actual column');
    const cell = `${columnLetter(col)}${table.firstDataRow + 1}`;
    const live = new LiveChecks(book, { settingsFor: () => settings });
    await live.start();
    book.setValues(sheet, cell, [['９３']]);
    await live.flush();
    await live.idle();

    const found = live.state.sheets
      .flatMap((s) => s.issues)
      .find((i) => i.code === 'number_as_text' && i.cell === cell);
    if (!found) throw new Error(`no number_as_text at ${cell}`);
    const fix = textNumberFix(found);
    expect(fix).toEqual({ sheet, cell, expectedText: '９３', value: 93 });
    if (!fix) return;

    book.plans.length = 0;
    expect(await convertTextNumber(book, fix.sheet, fix.cell, fix.expectedText, fix.value)).toEqual({
      ok: true,
    });
    expect(book.plans.flatMap((p) => p.ops)).toEqual([
      { kind: 'writeBlock', sheet, topLeft: cell, values: [[93]] },
    ]);
    await live.wrote(sheet, cell);
    await live.idle();
    const after = live.state.sheets.flatMap((s) => s.issues).filter((i) => i.cell === cell);
    expect(after.filter((i) => i.code.startsWith('number_as_text'))).toEqual([]);
    expect(book.getCell(sheet, cell)?.value).toBe(93);
    live.stop();
  });
});
