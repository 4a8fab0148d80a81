/**
 * The 待填写 fill's condition as a spreadsheet evaluates it: each to-do rule's formula is put in a helper cell of
 * the written template, as IF(condition,1,2) (exceljs reads a cached 0 or FALSE back as no result), and
 * LibreOffice recalculates it. On the blank form every rule is TRUE; after one value typed into a part (in a
 * cell the rule does not fill), that part's rules are FALSE and the other parts' stay TRUE.
 */
import ExcelJS from 'exceljs';
import { builtInSettings } from '../../src/app/engine-settings';
import { insertTemplate } from '../../src/app/insert-template';
import { isTodoHighlight } from '../../src/app/todo-highlights';
import { TEMPLATE_IDS, type TemplateId } from '../../src/domain/forms/form-model';
import { parseRange, toA1 } from '../../src/domain/grid/address';
import { MemoryWorkbook } from '../../src/hosts/memory/memory-workbook';
import { XlsxWorkbook } from '../../src/hosts/xlsx-file/xlsx-workbook';
import { findSoffice, recalculateAll } from '../helpers/libreoffice';

const soffice = findSoffice();
const maybe = soffice ? test : test.skip;
if (soffice === null) {
  console.warn(
    '跳过待填写条件格式对照：未找到 soffice / skipping the to-do highlight twin: soffice not found',
  );
}

const HELPER_COLUMN = 40; // AO: right of every form.

interface Rule {
  range: string;
  /** The condition without '='. */
  condition: string;
  /** The COUNTA list: rules of one part share it. */
  part: string;
}

function cellsIn(range: string): string[] {
  const r = parseRange(range);
  const cells: string[] = [];
  for (let row = r.top; row <= r.bottom; row += 1)
    for (let col = r.left; col <= r.right; col += 1) cells.push(toA1({ row, col }));
  return cells;
}

async function rulesOf(template: TemplateId): Promise<{ sheet: string; rules: Rule[] }> {
  const settings = builtInSettings();
  if (!settings) throw new Error('test setup: built-in settings missing');
  const book = new MemoryWorkbook();
  const { sheet } = await insertTemplate(book, { template, settings });
  const rules = book
    .highlightsOf(sheet)
    .filter(isTodoHighlight)
    .map((op) => ({
      range: op.range,
      condition: op.formula.slice(1),
      part: /COUNTA\(([^)]*)\)/.exec(op.formula)?.[1] ?? '',
    }));
  return { sheet, rules };
}

/** The written template, with `typed` put in by a person, and each rule's condition in a helper cell. */
async function written(template: TemplateId, sheet: string, rules: readonly Rule[], typed: string | null) {
  const settings = builtInSettings();
  if (!settings) throw new Error('test setup: built-in settings missing');
  const book = XlsxWorkbook.create();
  await insertTemplate(book, { template, settings });
  if (typed !== null) book.writeValuesAsUser(sheet, typed, [['已填写']]);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await book.toBuffer()) as unknown as ExcelJS.Buffer);
  const ws = workbook.getWorksheet(sheet);
  if (!ws) throw new Error('test setup: sheet missing');
  rules.forEach((rule, i) => {
    ws.getCell(toA1({ row: i, col: HELPER_COLUMN })).value = {
      formula: `IF(${rule.condition},1,2)`,
    } as ExcelJS.CellFormulaValue;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function results(buffer: Buffer, sheet: string, count: number): Promise<unknown[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  const ws = workbook.getWorksheet(sheet);
  if (!ws) throw new Error('recalculated sheet missing');
  return Array.from({ length: count }, (_, i) => {
    const value = ws.getCell(toA1({ row: i, col: HELPER_COLUMN })).value;
    return typeof value === 'object' && value !== null && 'result' in value ? value.result : value;
  });
}

maybe(
  'every template: TRUE on the blank form, FALSE in a part once a person typed in it',
  async () => {
    const cases = await Promise.all(
      TEMPLATE_IDS.map(async (template) => {
        const { sheet, rules } = await rulesOf(template);
        expect(rules.length).toBeGreaterThan(0);
        // The part of the first rule; a cell it counts but does not fill, else its own first cell.
        const part = rules[0]?.part ?? '';
        const own = new Set(rules.filter((r) => r.part === part).flatMap((r) => cellsIn(r.range)));
        const counted = part.split(',').flatMap((range) => cellsIn(range.replace(/\$/g, '')));
        const typed = counted.find((cell) => !own.has(cell)) ?? counted[0] ?? null;
        expect(typed).not.toBeNull();
        return { template, sheet, rules, part, typed };
      }),
    );
    const inputs: Buffer[] = [];
    for (const c of cases) {
      inputs.push(await written(c.template, c.sheet, c.rules, null));
      inputs.push(await written(c.template, c.sheet, c.rules, c.typed));
    }
    const outputs = await recalculateAll(inputs);
    for (const [i, c] of cases.entries()) {
      const blank = await results(outputs[2 * i] as Buffer, c.sheet, c.rules.length);
      const started = await results(outputs[2 * i + 1] as Buffer, c.sheet, c.rules.length);
      expect({ template: c.template, blank }).toEqual({
        template: c.template,
        blank: c.rules.map(() => 1),
      });
      expect({ template: c.template, typed: c.typed, started }).toEqual({
        template: c.template,
        typed: c.typed,
        started: c.rules.map((r) => (r.part !== c.part ? 1 : 2)),
      });
    }
  },
  180_000,
);
