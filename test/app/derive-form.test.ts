/**
 * Deriving a monitoring form or a self-evaluation from a goal declaration: for each goal form kind, ours and
 * a hand-made official one, the derived form carries the header, the funds, the annual goal and every
 * declared indicator with its target, and checking it against the declaration finds no cross-stage issue.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { checkWorkbook, type SheetReport } from '../../src/app/check-workbook';
import { deriveFromSheet } from '../../src/app/derive-form';
import { builtInSettings, type EngineSettings } from '../../src/app/engine-settings';
import { fillForm } from '../../src/app/fill-form';
import { insertTemplate } from '../../src/app/insert-template';
import type { DerivedTemplate, FormFill } from '../../src/domain/cycle/derive';
import { declarationOf, type StageIndicator } from '../../src/domain/cycle/stage-reading';
import { fieldOf, fundsCell, headerOf, type TemplateId } from '../../src/domain/forms/form-model';
import { readMeta } from '../../src/domain/forms/read-meta';
import type { CellScalar } from '../../src/domain/grid/cell';
import { cellText, numberOf, readCell } from '../../src/domain/grid/parse';
import { MemoryWorkbook } from '../../src/hosts/memory/memory-workbook';
import { cleanGoalIndicators, cleanMonitoringIndicators } from '../helpers/forms';

// Several workbooks are written and read per test; a machine under load needs more than the default 5 s.
jest.setTimeout(60_000);

const settingsOrNull = builtInSettings();
if (settingsOrNull === null) throw new Error('test setup: built-in settings missing');
const settings: EngineSettings = settingsOrNull;
const NOW = new Date(Date.UTC(2024, 0, 1));

type Row = Partial<Record<string, CellScalar>>;

function plainRows(rows: ReturnType<typeof cleanGoalIndicators>): Row[] {
  return rows.map((row) => {
    const plain: Row = {};
    for (const [key, value] of Object.entries(row)) {
      if (value === null || typeof value !== 'object') plain[key] = value;
    }
    return plain;
  });
}

const PROJECT_GOAL_FILL: FormFill = {
  header: {
    projectName: '农村饮水安全工程',
    department: '市水利局',
    implementingUnit: '市水利工程建设中心',
    projectAttribute: '延续项目',
    projectPeriod: '2023—2025年',
  },
  funds: {
    total: { midTerm: 300, annual: 100 },
    fiscal: { midTerm: 240, annual: 80 },
    other: { midTerm: 60, annual: 20 },
  },
  goals: { midTerm: '三年内解决农村饮水安全问题', annual: '新建供水工程10处，受益人口5000人' },
  indicators: plainRows(cleanGoalIndicators()),
};

const DEPARTMENT_GOAL_FILL: FormFill = {
  header: { departmentName: '市水利局' },
  funds: { total: { annual: 500 }, basic: { annual: 300 }, project: { annual: 200 } },
  goals: { overall: '完成年度水利建设任务' },
  indicators: plainRows(cleanGoalIndicators()),
};

async function goalWorkbook(
  template: TemplateId,
  fill: FormFill,
): Promise<{ book: MemoryWorkbook; sheet: string }> {
  const book = new MemoryWorkbook();
  const { sheet } = await insertTemplate(book, {
    template,
    settings,
    indicatorRows: Math.max(1, fill.indicators.length),
    now: NOW,
  });
  const filled = await fillForm(book, sheet, template, fill);
  expect(filled.skipped).toEqual([]);
  return { book, sheet };
}

async function sheetReport(book: MemoryWorkbook, sheet: string): Promise<SheetReport> {
  const report = await checkWorkbook(book, { settingsFor: () => settings });
  const found = report.sheets.find((s) => s.sheet === sheet);
  if (found === undefined) throw new Error(`${sheet} not read back`);
  return found;
}

function sameValue(a: CellScalar, b: CellScalar): boolean {
  const na = numberOf(readCell(a));
  const nb = numberOf(readCell(b));
  if (na !== null && nb !== null) return Math.abs(na - nb) < 1e-9;
  return cellText(a) === cellText(b);
}

/** Every declared indicator is in the derived form with its levels, operator, target and unit. */
function expectIndicatorsCarried(declared: readonly StageIndicator[], derived: SheetReport): void {
  const carried = declarationOf({ ...derived.form, template: 'project-goals' });
  if (carried === null) throw new Error('unreachable');
  expect(carried.indicators.map((i) => i.level3)).toEqual(declared.map((i) => i.level3));
  declared.forEach((indicator, index) => {
    const got = carried.indicators[index];
    if (got === undefined) throw new Error(`indicator ${indicator.level3} missing`);
    expect([got.level1, got.level2, got.operator, got.unit]).toEqual([
      indicator.level1,
      indicator.level2,
      indicator.operator,
      indicator.unit,
    ]);
    expect(sameValue(got.target, indicator.target)).toBe(true);
  });
}

const CASES: { goal: TemplateId; fill: FormFill; target: DerivedTemplate }[] = [
  { goal: 'project-goals', fill: PROJECT_GOAL_FILL, target: 'project-monitoring' },
  { goal: 'project-goals', fill: PROJECT_GOAL_FILL, target: 'project-self-evaluation' },
  { goal: 'department-goals', fill: DEPARTMENT_GOAL_FILL, target: 'department-self-evaluation' },
];

describe('derive a form from our goal declarations', () => {
  test.each(CASES)('$goal → $target', async ({ goal, fill, target }) => {
    const { book, sheet } = await goalWorkbook(goal, fill);
    const goalForm = (await sheetReport(book, sheet)).form;
    const declaration = declarationOf(goalForm);
    if (declaration === null) throw new Error('not read as a declaration');
    expect(declaration.indicators).toHaveLength(fill.indicators.length);

    const sheetsBefore = (await book.listSheets()).map((s) => s.name);
    const result = await deriveFromSheet(book, {
      source: sheet,
      target,
      settingsFor: () => settings,
      now: NOW,
    });
    if (!result.ok) throw new Error(`derive refused: ${result.reason}`);
    const sheetsAfter = (await book.listSheets()).map((s) => s.name);
    // A new sheet right after the goal sheet (its 说明 after it); every other sheet kept, in its order.
    expect(sheetsBefore).not.toContain(result.sheet);
    expect(sheetsAfter.slice(0, 3)).toEqual([sheet, result.sheet, `${result.sheet}说明`]);
    expect(sheetsAfter.filter((s) => !s.startsWith(result.sheet))).toEqual(sheetsBefore);
    expect(sheetsBefore.indexOf(sheet)).toBeLessThan(sheetsBefore.length - 1);
    expect(result.fill.skipped).toEqual(
      target === 'project-monitoring' ? ['header.projectPeriod'] : expect.any(Array),
    );

    const derived = await sheetReport(book, result.sheet);
    expect(derived.template).toBe(target);
    // Checked against the declaration in the same workbook: no cross-stage issue.
    expect(derived.issues.filter((i) => i.code.startsWith('goal_'))).toEqual([]);
    expectIndicatorsCarried(declaration.indicators, derived);

    // Header and funds carried.
    if (goal === 'project-goals') {
      for (const key of ['projectName', 'department', 'implementingUnit'] as const) {
        expect(headerOf(derived.form, key).raw).toBe(fill.header[key]);
      }
    } else {
      expect(headerOf(derived.form, 'departmentName').raw).toBe('市水利局');
    }
    const total = declaration.annualFunds.total;
    expect(fundsCell(derived.form, 'total', 'initialBudget').raw).toBe(total);
    if (target !== 'project-monitoring') {
      expect(fundsCell(derived.form, 'total', 'annualBudget').raw).toBe(total);
      const expected = derived.form.goals.expected?.raw;
      expect(expected).toBe(declaration.annualGoal);
      // Proposed weights: the profile's groups, 50 + 30 + 10 with the budget's 10, so the weights add up.
      expect(derived.issues.map((i) => i.code)).not.toContain('weight_sum_not_100');
      expect(derived.issues.map((i) => i.code)).not.toContain('level1_weight_off_profile');
      const weights = (derived.form.tables.indicators ?? []).map((row) =>
        numberOf(readCell(fieldOf(row, 'weight').raw)),
      );
      expect(weights.reduce<number>((a, b) => a + (b ?? 0), 0)).toBeCloseTo(90, 9);
    } else {
      expect(derived.form.goals.overall?.raw).toBe(declaration.annualGoal);
    }

    // `_meta` names the sheet the form came from.
    const meta = readMeta(await book.readBlock('_meta'));
    expect(meta.entries.find((e) => e.sheet === result.sheet)?.derivedFrom).toBe(sheet);
    expect(meta.entries.find((e) => e.sheet === sheet)?.derivedFrom).toBeNull();
  });

  test('the derived form follows the profile its goal sheet was made with (湖北: 20 / 40 / 40)', async () => {
    const hubei = builtInSettings('hubei', 'classic-2020');
    if (hubei === null) throw new Error('test setup: hubei missing');
    const book = new MemoryWorkbook();
    const { sheet } = await insertTemplate(book, {
      template: 'project-goals',
      settings: hubei,
      indicatorRows: 7,
    });
    await fillForm(book, sheet, 'project-goals', PROJECT_GOAL_FILL);
    const result = await deriveFromSheet(book, {
      source: sheet,
      target: 'project-self-evaluation',
      settingsFor: (meta) =>
        builtInSettings(meta?.profile ?? 'default', meta?.framework ?? 'classic-2020') ?? settings,
    });
    if (!result.ok) throw new Error('derive refused');
    const report = await checkWorkbook(book, {
      settingsFor: (meta) => builtInSettings(meta?.profile ?? 'default') ?? settings,
    });
    const derived = report.sheets.find((s) => s.sheet === result.sheet);
    if (derived === undefined) throw new Error('not read back');
    const weights = (derived.form.tables.indicators ?? []).map((row) =>
      numberOf(readCell(fieldOf(row, 'weight').raw)),
    );
    // 产出 40 over 4 indicators, 效益 + 满意度 40 over 3: the remainder on the last of the group.
    expect(weights).toEqual([10, 10, 10, 10, 13.33, 13.33, 13.34]);
    expect(derived.issues.map((i) => i.code)).not.toContain('weight_sum_not_100');
    expect(derived.issues.map((i) => i.code)).not.toContain('level1_weight_off_profile');
    expect(
      readMeta(await book.readBlock('_meta')).entries.find((e) => e.sheet === result.sheet)?.profile,
    ).toBe('hubei');
  });

  test('a second derivation never replaces the first: it gets a sheet of its own', async () => {
    const { book, sheet } = await goalWorkbook('project-goals', PROJECT_GOAL_FILL);
    const first = await deriveFromSheet(book, {
      source: sheet,
      target: 'project-self-evaluation',
      settingsFor: () => settings,
    });
    const second = await deriveFromSheet(book, {
      source: sheet,
      target: 'project-self-evaluation',
      settingsFor: () => settings,
    });
    if (!first.ok || !second.ok) throw new Error('derive refused');
    expect(second.sheet).not.toBe(first.sheet);
  });

  test('a form that is not a goal declaration of the right kind is refused and nothing is added', async () => {
    const { book, sheet } = await goalWorkbook('department-goals', DEPARTMENT_GOAL_FILL);
    const before = await book.listSheets();
    const result = await deriveFromSheet(book, {
      source: sheet,
      target: 'project-self-evaluation',
      settingsFor: () => settings,
    });
    expect(result).toEqual({ ok: false, reason: 'wrong_source', found: 'department-goals' });
    expect(
      await deriveFromSheet(book, {
        source: 'nowhere',
        target: 'project-monitoring',
        settingsFor: () => settings,
      }),
    ).toEqual({
      ok: false,
      reason: 'not_a_form',
      found: null,
    });
    expect(await book.listSheets()).toEqual(before);
  });

  test('a self-evaluation takes execution and expected completion from a monitoring form of the project', async () => {
    const { book, sheet } = await goalWorkbook('project-goals', PROJECT_GOAL_FILL);
    const monitoring = await insertTemplate(book, {
      template: 'project-monitoring',
      settings,
      indicatorRows: 7,
    });
    const monitoringRows = plainRows(cleanMonitoringIndicators()).map((row, i) => ({
      ...row,
      forecast: i === 0 ? 9 : (row.forecast ?? null),
    }));
    await fillForm(book, monitoring.sheet, 'project-monitoring', {
      header: { projectName: '农村饮水安全工程 ', department: '市水利局', monitoringMonth: 8 },
      funds: { total: { initialBudget: 100, executed: 60, forecast: 95 } },
      goals: { overall: '新建供水工程10处', progress: '已开工9处' },
      indicators: monitoringRows,
    });
    const result = await deriveFromSheet(book, {
      source: sheet,
      target: 'project-self-evaluation',
      settingsFor: () => settings,
    });
    if (!result.ok) throw new Error('derive refused');
    expect(result.monitoringSheet).toBe(monitoring.sheet);
    const derived = await sheetReport(book, result.sheet);
    expect(fundsCell(derived.form, 'total', 'executed').raw).toBe(95);
    expect(derived.form.goals.achieved?.raw).toBe('已开工9处');
    const first = derived.form.tables.indicators?.[0];
    if (first === undefined) throw new Error('no rows');
    expect(fieldOf(first, 'actual').raw).toBe(9);
    // 产出 50 spread over its 4 indicators: 12.5 each; 9 of 10 → 11.25 points.
    expect(derived.scores.indicators[0]?.score).toBe(11.25);
  });
});

describe('derive a form from a hand-made official goal declaration', () => {
  const caseDir = join(__dirname, '../golden/cases/31-grid-cross-stage');
  const input = JSON.parse(readFileSync(join(caseDir, 'input.json'), 'utf8')) as {
    sheets: { name: string; rows: CellScalar[][] }[];
  };
  const goalSheet = input.sheets[0];

  test.each(['project-monitoring', 'project-self-evaluation'] as const)('目标申报 → %s', async (target) => {
    if (goalSheet === undefined) throw new Error('case has no sheets');
    const book = new MemoryWorkbook();
    await book.applyPlan({
      formSheet: goalSheet.name,
      ops: [
        { kind: 'ensureSheet', sheet: goalSheet.name, visibility: 'visible', ifExists: 'fail' },
        { kind: 'writeBlock', sheet: goalSheet.name, topLeft: 'A1', values: goalSheet.rows },
      ],
    });
    const goalForm = (await sheetReport(book, goalSheet.name)).form;
    expect(goalForm.source).toBe('headers');
    const declaration = declarationOf(goalForm);
    if (declaration === null) throw new Error('not read as a declaration');
    expect(declaration.indicators.length).toBeGreaterThan(2);

    const result = await deriveFromSheet(book, {
      source: goalSheet.name,
      target,
      settingsFor: () => settings,
    });
    if (!result.ok) throw new Error(`derive refused: ${result.reason}`);
    const derived = await sheetReport(book, result.sheet);
    expect(derived.issues.filter((i) => i.code.startsWith('goal_'))).toEqual([]);
    expectIndicatorsCarried(declaration.indicators, derived);
    expect(headerOf(derived.form, 'projectName').raw).toBe(declaration.header.projectName);
    expect(headerOf(derived.form, 'department').raw).toBe(declaration.header.department);
    expect(fundsCell(derived.form, 'total', 'initialBudget').raw).toBe(declaration.annualFunds.total);
  });
});

describe('derive: property over random goal declarations', () => {
  const level = fc.constantFrom(
    ['产出指标', '数量指标'],
    ['产出指标', '质量指标'],
    ['产出指标', '时效指标'],
    ['效益指标', '社会效益指标'],
    ['满意度指标', '服务对象满意度指标'],
  );
  const name = fc.stringMatching(/^[一-龥]{2,8}$/);
  const indicator = fc.record({
    levels: level,
    name,
    kind: fc.constantFrom('number', 'percent', 'qualitative', 'joined'),
    operator: fc.constantFrom('≥', '>', '=', '≤', '<'),
    value: fc.oneof(
      fc.integer({ min: 1, max: 100000 }),
      fc.double({ min: 0.01, max: 1000, noNaN: true }).map((v) => Math.round(v * 100) / 100),
    ),
    unit: fc.constantFrom('个', '人次', '天', '元/吨', '处'),
  });
  const goalForm = fc.record({
    project: name,
    department: name,
    total: fc.integer({ min: 1, max: 10000 }),
    indicators: fc
      .uniqueArray(indicator, { minLength: 1, maxLength: 12, selector: (i) => i.name })
      .map((rows) => rows),
  });

  test('every declared indicator arrives with its target, and nothing drifts from the declaration', async () => {
    await fc.assert(
      fc.asyncProperty(
        goalForm,
        fc.constantFrom<DerivedTemplate>('project-monitoring', 'project-self-evaluation'),
        async (form, target) => {
          const rows: Row[] = form.indicators.map((i) => {
            const level1 = i.levels[0];
            const level2 = i.levels[1];
            if (i.kind === 'qualitative')
              return { level1, level2, level3: i.name, operator: '定性', target: '达到预期' };
            if (i.kind === 'percent')
              return {
                level1,
                level2,
                level3: i.name,
                operator: i.operator,
                target: `${Math.min(100, i.value)}%`,
              };
            if (i.kind === 'joined')
              return { level1, level2, level3: i.name, target: `${i.operator}${i.value}${i.unit}` };
            return { level1, level2, level3: i.name, operator: i.operator, target: i.value, unit: i.unit };
          });
          const { book, sheet } = await goalWorkbook('project-goals', {
            header: {
              projectName: form.project,
              department: form.department,
              implementingUnit: form.department,
            },
            funds: { total: { annual: form.total }, fiscal: { annual: form.total }, other: { annual: 0 } },
            goals: { annual: '完成年度任务' },
            indicators: rows,
          });
          const declaration = declarationOf((await sheetReport(book, sheet)).form);
          if (declaration === null) throw new Error('not a declaration');
          expect(declaration.indicators).toHaveLength(rows.length);
          const result = await deriveFromSheet(book, {
            source: sheet,
            target,
            settingsFor: () => settings,
            now: NOW,
          });
          if (!result.ok) throw new Error('derive refused');
          const derived = await sheetReport(book, result.sheet);
          expect(derived.issues.filter((i) => i.code.startsWith('goal_'))).toEqual([]);
          expectIndicatorsCarried(declaration.indicators, derived);
          expect(fundsCell(derived.form, 'total', 'initialBudget').raw).toBe(form.total);
          if (target === 'project-self-evaluation') {
            // The proposed weights add up to the profile's groups, whatever the spread.
            expect(derived.issues.map((i) => i.code)).not.toContain('level1_weight_off_profile');
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
