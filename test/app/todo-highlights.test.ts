/**
 * The 待填写 fill is drawn by the template (a conditional format), so Excel and WPS show it: on every built-in
 * template and profile the cells it covers are exactly the cells the engine lists as 待填写 on the blank form,
 * in the memory host and in the written xlsx file alike.
 */
import ExcelJS from 'exceljs';
import { builtInSettings, type EngineSettings } from '../../src/app/engine-settings';
import { FormSession } from '../../src/app/form-session';
import { insertTemplate } from '../../src/app/insert-template';
import { isTodoHighlight, TODO_FILL } from '../../src/app/todo-highlights';
import { TEMPLATE_IDS, type TemplateId } from '../../src/domain/forms/form-model';
import { parseRange, toA1 } from '../../src/domain/grid/address';
import { BUILT_IN_FRAMEWORKS } from '../../src/domain/framework/frameworks';
import { BUILT_IN_PROFILES } from '../../src/domain/profiles/profiles';
import type { Plan } from '../../src/domain/plan/plan';
import { MemoryWorkbook } from '../../src/hosts/memory/memory-workbook';
import { XlsxWorkbook } from '../../src/hosts/xlsx-file/xlsx-workbook';

function cellsIn(range: string): string[] {
  const r = parseRange(range);
  const cells: string[] = [];
  for (let row = r.top; row <= r.bottom; row += 1)
    for (let col = r.left; col <= r.right; col += 1) cells.push(toA1({ row, col }));
  return cells;
}

const CASES = BUILT_IN_PROFILES.flatMap((profile) =>
  BUILT_IN_FRAMEWORKS.flatMap((framework) =>
    TEMPLATE_IDS.map((template) => [profile.id, framework.id, template] as const),
  ),
);

function settingsOf(profileId: string, frameworkId: string): EngineSettings {
  const settings = builtInSettings(profileId, frameworkId);
  if (!settings) throw new Error('test setup: built-in settings missing');
  return settings;
}

async function todoCells(
  book: MemoryWorkbook,
  sheet: string,
  template: TemplateId,
  settings: EngineSettings,
) {
  const session = await FormSession.open(book, sheet, settings, { template, version: null });
  if (!session) throw new Error(`test setup: ${template} not read`);
  return session.progress.todo.flatMap((issue) => (issue.cell === null ? [] : [issue.cell]));
}

describe('the 待填写 fill in the template', () => {
  it.each(CASES)('%s / %s / %s: covers exactly the blank form’s to-do cells', async (p, f, template) => {
    const settings = settingsOf(p, f);
    const book = new MemoryWorkbook();
    const { sheet } = await insertTemplate(book, { template, settings, indicatorRows: 4 });
    const fills = book.highlightsOf(sheet).filter(isTodoHighlight);
    const highlighted = fills.flatMap((op) => cellsIn(op.range)).sort();
    const todo = (await todoCells(book, sheet, template, settings)).sort();
    expect(todo.length).toBeGreaterThan(0);
    expect(highlighted).toEqual(todo);
    // Each cell once, and no other highlight uses the 待填写 fill.
    expect(new Set(highlighted).size).toBe(highlighted.length);
    expect(book.highlightsOf(sheet).filter((h) => h.fill === TODO_FILL)).toHaveLength(fills.length);
  });

  it.each(TEMPLATE_IDS)('%s: the written xlsx holds the same rules', async (template) => {
    const settings = settingsOf('default', BUILT_IN_FRAMEWORKS[0]?.id ?? '');
    const memory = new MemoryWorkbook();
    const { sheet } = await insertTemplate(memory, { template, settings, indicatorRows: 4 });
    const expected = memory
      .highlightsOf(sheet)
      .filter(isTodoHighlight)
      .map((h) => ({ ref: h.range, formula: h.formula.slice(1) }));
    const file = XlsxWorkbook.create();
    await insertTemplate(file, { template, settings, indicatorRows: 4 });
    const loaded = new ExcelJS.Workbook();
    await loaded.xlsx.load((await file.toBuffer()) as unknown as ExcelJS.Buffer);
    const ws = loaded.getWorksheet(sheet);
    if (!ws) throw new Error('test setup: sheet missing');
    const cfs = (
      ws as unknown as { conditionalFormattings: { ref: string; rules: { formulae?: string[] }[] }[] }
    ).conditionalFormattings;
    const written = cfs.flatMap((cf) =>
      cf.rules.map((rule) => ({ ref: cf.ref, formula: rule.formulae?.[0] })),
    );
    for (const rule of expected) expect(written).toContainEqual(rule);
    expect(expected.length).toBeGreaterThan(0);
  });

  it.each(TEMPLATE_IDS)(
    '%s: the rules come before the sheet is protected (Excel adds none after)',
    async (template) => {
      const settings = settingsOf('default', BUILT_IN_FRAMEWORKS[0]?.id ?? '');
      const plans: Plan[] = [];
      class Recording extends MemoryWorkbook {
        override async applyPlan(plan: Plan): Promise<void> {
          plans.push(plan);
          return super.applyPlan(plan);
        }
      }
      const { sheet } = await insertTemplate(new Recording(), { template, settings });
      const ops = plans.flatMap((plan) => plan.ops);
      const protect = ops.findIndex((op) => op.kind === 'protectSheet' && op.sheet === sheet);
      const last = ops.map((op, i) => (isTodoHighlight(op) ? i : -1)).reduce((a, b) => Math.max(a, b), -1);
      expect(protect).toBeGreaterThan(-1);
      expect(last).toBeGreaterThan(-1);
      expect(last).toBeLessThan(protect);
    },
  );
});
