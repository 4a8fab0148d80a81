import { TEMPLATE_IDS } from '../../../src/domain/forms/form-model';
import type { Field, ParsedForm, TemplateId } from '../../../src/domain/forms/form-model';
import { getFramework } from '../../../src/domain/framework/frameworks';
import { COLUMN_LABELS } from '../../../src/domain/forms/vocabulary';
import type { Framework } from '../../../src/domain/framework/framework-schema';
import { isA1, parseA1, parseRange } from '../../../src/domain/grid/address';
import type { CellRange } from '../../../src/domain/grid/address';
import { EngineInvariantError, isFormulaCell } from '../../../src/domain/grid/cell';
import { getProfile } from '../../../src/domain/profiles/profiles';
import type { Profile } from '../../../src/domain/profiles/profile-schema';
import {
  DEFAULT_INDICATOR_ROWS,
  META_HEADERS,
  buildTemplatePlan,
  helpSheetName,
  layoutTemplate,
} from '../../../src/domain/templates/build-plan';
import type { TemplateLayout, TemplatePlanOptions } from '../../../src/domain/templates/build-plan';
import { getTemplateSpec } from '../../../src/domain/templates/registry';
import { formulasOf, functionsCalled, isLocked, opsOf, overlaps, rangesOf, writtenCells } from './plan-model';

function profileOf(id: string): Profile {
  const profile = getProfile(id);
  if (profile === null) throw new Error(`no built-in profile ${id}`);
  return profile;
}

function frameworkOf(id: string): Framework {
  const framework = getFramework(id);
  if (framework === null) throw new Error(`no built-in framework ${id}`);
  return framework;
}

const PROFILES = ['default', 'hubei'] as const;
const FRAMEWORKS = ['classic-2020', 'core-2021'] as const;
const CREATED = '2024-03-01T08:00:00.000Z';

/** Functions every host computes the same, with no _xlfn prefix (docs/platform.md §1, §3). */
const CLASSIC_FUNCTIONS = new Set([
  'IF',
  'AND',
  'OR',
  'NOT',
  'ISNUMBER',
  'MIN',
  'MAX',
  'ABS',
  'ROUND',
  'ROUNDDOWN',
  'SUM',
  'SUMIF',
  'SUMPRODUCT',
  'COUNT',
  'TRIM',
  'LEN',
  'INDIRECT',
  'INDEX',
  'MATCH',
  'ROWS',
]);

const EXCEL_MAX_ROW = 1048576;
const EXCEL_MAX_COL = 16384;

function options(
  profile: Profile,
  framework: Framework,
  extra: Partial<TemplatePlanOptions> = {},
): TemplatePlanOptions {
  return { profile, framework, metaRow: 3, createdAt: CREATED, ...extra };
}

function allFields(form: ParsedForm): [string, Field][] {
  const fields: [string, Field][] = [];
  for (const [name, field] of Object.entries(form.header)) fields.push([`header.${name}`, field]);
  for (const [name, field] of Object.entries(form.goals)) fields.push([`goals.${name}`, field]);
  for (const [rowKey, row] of Object.entries(form.funds)) {
    fields.push([`funds.${rowKey}.label`, row.label]);
    for (const [col, field] of Object.entries(row.cols)) fields.push([`funds.${rowKey}.${col}`, field]);
  }
  for (const [table, rows] of Object.entries(form.tables)) {
    for (const row of rows) {
      for (const [col, field] of Object.entries(row.fields))
        fields.push([`${table}.${row.row}.${col}`, field]);
    }
  }
  fields.push(['total', form.total], ['grade', form.grade], ['conclusion', form.conclusion]);
  return fields;
}

const cases: [TemplateId, string, string][] = TEMPLATE_IDS.flatMap((id) =>
  PROFILES.flatMap((profile) =>
    FRAMEWORKS.map((framework): [TemplateId, string, string] => [id, profile, framework]),
  ),
);

describe.each(cases)('%s with profile %s and framework %s', (id, profileId, frameworkId) => {
  const profile = profileOf(profileId);
  const framework = frameworkOf(frameworkId);
  const layout: TemplateLayout = layoutTemplate(getTemplateSpec(id), options(profile, framework));
  const { plan, emptyForm } = layout;
  const sheet = plan.formSheet;
  const { cells, duplicates } = writtenCells(plan);
  const formCells = cells.get(sheet) ?? new Map();
  const printArea = opsOf(plan, 'printSetup', sheet)[0]?.printArea;

  it('is what buildTemplatePlan returns', () => {
    expect(buildTemplatePlan(id, options(profile, framework))).toEqual({ plan, emptyForm });
  });

  it('creates the form sheet without replacing one, and reuses the helper sheets', () => {
    const ensured = opsOf(plan, 'ensureSheet');
    expect(ensured[0]).toEqual({ kind: 'ensureSheet', sheet, visibility: 'visible', ifExists: 'fail' });
    for (const op of ensured.slice(1)) expect(op.ifExists).toBe('reuse');
    expect(ensured.find((op) => op.sheet === '_meta')?.visibility).toBe('veryHidden');
    expect(ensured.map((op) => op.sheet)).toContain(helpSheetName(sheet));
    if (layout.listsSheet !== null) {
      expect(ensured.find((op) => op.sheet === layout.listsSheet)?.visibility).toBe('veryHidden');
    }
  });

  it('names only valid sheets, and touches only sheets it ensured first', () => {
    const ensured = new Set<string>();
    for (const op of plan.ops) {
      if (op.kind === 'ensureSheet') {
        expect(op.sheet.length).toBeGreaterThan(0);
        expect(op.sheet.length).toBeLessThanOrEqual(31);
        expect(op.sheet).not.toMatch(/[[\]:*?/\\]/);
        ensured.add(op.sheet);
      } else if ('sheet' in op) {
        expect(ensured.has(op.sheet)).toBe(true);
      }
    }
  });

  it('sets every written cell of the form and its 说明 in 等线, a font with Chinese glyphs', () => {
    for (const target of [sheet, helpSheetName(sheet)]) {
      const fonts = opsOf(plan, 'style', target).filter((op) => op.style.fontName !== undefined);
      expect(fonts.map((op) => op.style.fontName)).toEqual(['等线']);
      const area = parseRange(fonts[0]?.range ?? 'A1');
      for (const a1 of (cells.get(target) ?? new Map()).keys()) {
        const { row, col } = parseA1(a1);
        expect(row >= area.top && row <= area.bottom && col >= area.left && col <= area.right).toBe(true);
      }
    }
  });

  it('writes no cell twice', () => {
    expect(duplicates).toEqual([]);
  });

  it('writes every block inside the sheet, and the form inside its print area', () => {
    expect(printArea).toBeDefined();
    const area = parseRange(printArea ?? 'A1');
    expect(area.top).toBe(0);
    expect(area.left).toBe(0);
    for (const [sheetName, sheetCells] of cells) {
      for (const a1 of sheetCells.keys()) {
        const pos = parseRange(a1);
        expect(pos.bottom).toBeLessThan(EXCEL_MAX_ROW);
        expect(pos.right).toBeLessThan(EXCEL_MAX_COL);
        if (sheetName === sheet)
          expect(overlaps(pos, area) && pos.bottom <= area.bottom && pos.right <= area.right).toBe(true);
      }
    }
    for (const op of opsOf(plan, 'writeBlock')) {
      const width = op.values[0]?.length ?? 0;
      expect(width).toBeGreaterThan(0);
      for (const row of op.values) expect(row).toHaveLength(width);
    }
  });

  it('names only valid A1 ranges', () => {
    for (const range of rangesOf(plan)) {
      const parts = range.split(':');
      expect(parts.length).toBeLessThanOrEqual(2);
      for (const part of parts) expect(isA1(part)).toBe(true);
    }
  });

  it('merges ranges that do not overlap', () => {
    const merges: CellRange[] = opsOf(plan, 'merge', sheet).map((op) => parseRange(op.range));
    for (const [index, merge] of merges.entries()) {
      expect(merge.right > merge.left || merge.bottom > merge.top).toBe(true);
      for (const other of merges.slice(index + 1)) expect(overlaps(merge, other)).toBe(false);
    }
  });

  it('writes formulas that start with "=" and call classic functions only', () => {
    const formulas = formulasOf(plan);
    expect(formulas.length).toBeGreaterThan(0);
    for (const formula of formulas) {
      expect(formula.startsWith('=')).toBe(true);
      expect(formula).not.toMatch(/_xlfn/i);
      for (const name of functionsCalled(formula))
        expect([formula, CLASSIC_FUNCTIONS.has(name.toUpperCase())]).toEqual([formula, true]);
    }
  });

  it('locks every formula cell and unlocks every input cell', () => {
    let inputs = 0;
    for (const [a1, role] of layout.roles) {
      if (role === 'input') inputs += 1;
      expect([a1, role, isLocked(plan, sheet, a1)]).toEqual([a1, role, role !== 'input']);
    }
    expect(inputs).toBeGreaterThan(0);
    for (const [a1, value] of formCells) {
      if (isFormulaCell(value)) expect([a1, isLocked(plan, sheet, a1)]).toEqual([a1, true]);
    }
  });

  it('protects the form sheet and still lets people insert rows', () => {
    const protect = opsOf(plan, 'protectSheet', sheet);
    expect(protect).toHaveLength(1);
    expect(protect[0]?.allow?.insertRows).toBe(true);
    const protectIndex = plan.ops.findIndex((op) => op.kind === 'protectSheet');
    const lastLock = plan.ops.map((op) => op.kind).lastIndexOf('lock');
    expect(protectIndex).toBeGreaterThan(lastLock);
  });

  it('sets up A4 landscape printing and freezes the panes under the table header', () => {
    expect(opsOf(plan, 'printSetup', sheet)[0]).toMatchObject({ orientation: 'landscape', fitToWidth: true });
    const freeze = opsOf(plan, 'freezePanes', sheet)[0];
    expect(freeze).toBeDefined();
    const tables = Object.values(emptyForm.tables);
    expect(tables.length).toBeGreaterThan(0);
  });

  it('repeats the indicator table header row, found from the layout, on every printed page', () => {
    const titleRows = opsOf(plan, 'printSetup', sheet)[0]?.titleRows;
    if (titleRows === undefined) throw new Error('no print title rows');
    // One row: the table header, not the title and funds blocks above it.
    expect(titleRows.last).toBe(titleRows.first);
    expect(titleRows.first).toBeGreaterThan(0);
    // The row naming the table's columns.
    const header = [...formCells].filter(([a1]) => parseRange(a1).top === titleRows.first).map(([, v]) => v);
    expect(header).toContain(COLUMN_LABELS.level3.canonical);
    // More indicator rows do not move the header.
    const longer = layoutTemplate(getTemplateSpec(id), options(profile, framework, { indicatorRows: 120 }));
    expect(opsOf(longer.plan, 'printSetup', sheet)[0]?.titleRows).toEqual(titleRows);
    // The help sheet has no table to repeat.
    expect(opsOf(plan, 'printSetup', helpSheetName(sheet))[0]?.titleRows).toBeUndefined();
  });

  it('describes the empty form with cells the plan writes or leaves blank as inputs', () => {
    expect(emptyForm).toMatchObject({ template: id, sheet, source: 'meta', missing: [] });
    expect(emptyForm.templateVersion).toBe(getTemplateSpec(id).version);
    for (const [name, field] of allFields(emptyForm)) {
      if (field.cell === null) {
        expect([name, field.raw, field.formula]).toEqual([name, null, null]);
        continue;
      }
      const written = formCells.get(field.cell);
      const role = layout.roles.get(field.cell);
      if (field.formula !== null) {
        expect([name, written]).toEqual([name, { formula: field.formula }]);
        expect(field.raw).toBeNull();
      } else if (field.raw !== null) {
        expect([name, written]).toEqual([name, field.raw]);
      } else {
        expect([name, written]).toEqual([name, undefined]);
        expect(['input', 'none']).toContain(role);
      }
    }
  });

  it('keeps only prefilled rows in the tables of the empty form', () => {
    const prefilled = getTemplateSpec(id)
      .sections.filter((section) => section.kind === 'table')
      .map((section) => [section.table, section.prefilled?.length ?? 0] as const);
    for (const [table, count] of prefilled) expect(emptyForm.tables[table]).toHaveLength(count);
  });

  it('records the form in _meta under the header row', () => {
    const meta = cells.get('_meta');
    expect(META_HEADERS.map((_, col) => meta?.get(`${String.fromCharCode(65 + col)}1`))).toEqual([
      ...META_HEADERS,
    ]);
    expect(META_HEADERS.map((_, col) => meta?.get(`${String.fromCharCode(65 + col)}4`))).toEqual([
      sheet,
      id,
      getTemplateSpec(id).version,
      profile.id,
      framework.id,
      CREATED,
    ]);
  });

  it('writes a 填表说明 sheet with the profile it explains', () => {
    const help = cells.get(helpSheetName(sheet));
    const text = [...(help?.values() ?? [])]
      .filter((value): value is string => typeof value === 'string')
      .join('\n');
    expect(text).toContain(`${getTemplateSpec(id).title}填表说明`);
    expect(text).toContain(profile.name);
    expect(text).toContain(getTemplateSpec(id).description);
  });
});

describe('options', () => {
  const profile = profileOf('default');
  const framework = frameworkOf('classic-2020');

  it('names the sheet after the form unless told, and the help sheet after it within 31 characters', () => {
    expect(buildTemplatePlan('project-goals', options(profile, framework)).plan.formSheet).toBe(
      '项目支出绩效目标申报表',
    );
    const long = '巴彦淖尔市临河区教育局二〇二四年义务教育阶段学生营养改善计划表';
    expect(long.length).toBe(31);
    const { plan } = buildTemplatePlan('project-goals', options(profile, framework, { sheetName: long }));
    const helpSheet = opsOf(plan, 'ensureSheet')[1]?.sheet ?? '';
    expect(helpSheet).toBe(`${long.slice(0, 29)}说明`);
    expect(helpSheet.length).toBe(31);
  });

  it('rejects an invalid sheet name, a _meta row over the headers and an empty table', () => {
    expect(() =>
      buildTemplatePlan('project-goals', options(profile, framework, { sheetName: '目标/2024' })),
    ).toThrow(EngineInvariantError);
    expect(() =>
      buildTemplatePlan('project-goals', options(profile, framework, { sheetName: 'x'.repeat(32) })),
    ).toThrow(EngineInvariantError);
    expect(() => buildTemplatePlan('project-goals', options(profile, framework, { metaRow: 0 }))).toThrow(
      EngineInvariantError,
    );
    expect(() =>
      buildTemplatePlan('project-goals', options(profile, framework, { indicatorRows: 0 })),
    ).toThrow(EngineInvariantError);
  });

  it('gives indicator tables 20 rows by default and the number asked for otherwise', () => {
    const scoreFormulas = (rows?: number): number => {
      const extra = rows === undefined ? {} : { indicatorRows: rows };
      const { plan } = buildTemplatePlan('project-self-evaluation', options(profile, framework, extra));
      const cells = writtenCells(plan).cells.get(plan.formSheet) ?? new Map();
      return [...cells.values()].filter(
        (value) => isFormulaCell(value) && value.formula.startsWith('=IF(NOT(ISNUMBER(K'),
      ).length;
    };
    expect(DEFAULT_INDICATOR_ROWS).toBe(20);
    expect(scoreFormulas()).toBe(20);
    expect(scoreFormulas(7)).toBe(7);
  });

  it('writes the same _meta header wherever the line goes, so writing it again changes nothing', () => {
    const first = buildTemplatePlan('project-goals', options(profile, framework, { metaRow: 1 })).plan;
    const second = buildTemplatePlan(
      'department-goals',
      options(profile, framework, { metaRow: 2, sheetName: '部门目标' }),
    ).plan;
    const header = (plan: typeof first): unknown =>
      opsOf(plan, 'writeBlock', '_meta').find((op) => op.topLeft === 'A1')?.values;
    expect(header(first)).toEqual(header(second));
    expect(opsOf(second, 'writeBlock', '_meta').map((op) => op.topLeft)).toEqual(['A1', 'A3']);
  });
});
