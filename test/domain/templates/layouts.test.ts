/**
 * Per template: the title, the labels in the order the official form has them, and what is prefilled.
 * Read from the plan the way a sheet reader would, without snapshots.
 */
import type { ColumnKey, TableRow, TemplateId } from '../../../src/domain/forms/form-model';
import { COLUMN_LABELS, FUNDS_COL_LABELS } from '../../../src/domain/forms/vocabulary';
import { getFramework } from '../../../src/domain/framework/frameworks';
import type { Framework } from '../../../src/domain/framework/framework-schema';
import { columnLetter, parseA1 } from '../../../src/domain/grid/address';
import type { CellInput } from '../../../src/domain/grid/cell';
import { isFormulaCell } from '../../../src/domain/grid/cell';
import { getProfile } from '../../../src/domain/profiles/profiles';
import type { Profile } from '../../../src/domain/profiles/profile-schema';
import {
  budgetScoreFormula,
  conclusionFormula,
  exAnteScoreFormula,
  executionRateFormula,
  gradeFormula,
  indicatorScoreFormula,
  keyRateFormula,
  keyScoreFormula,
  monitoringLightFormula,
  recommendationFormula,
  totalFormula,
} from '../../../src/domain/scoring/formulas';
import { buildTemplatePlan } from '../../../src/domain/templates/build-plan';
import type { TemplatePlan } from '../../../src/domain/templates/build-plan';
import { COMMON_UNITS } from '../../../src/domain/templates/forms/common';
import { TEMPLATE_SPECS, getTemplateSpec } from '../../../src/domain/templates/registry';
import { isLocked, opsOf, writtenCells } from './plan-model';

function need<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`missing ${what}`);
  return value;
}

const defaultProfile: Profile = need(getProfile('default'), 'default profile');
const hubei: Profile = need(getProfile('hubei'), 'hubei profile');
const classic: Framework = need(getFramework('classic-2020'), 'classic-2020');
const core: Framework = need(getFramework('core-2021'), 'core-2021');

const build = (id: TemplateId, profile = defaultProfile, framework = classic): TemplatePlan =>
  buildTemplatePlan(id, {
    profile,
    framework,
    metaRow: 1,
    createdAt: '2024-01-01T00:00:00Z',
    indicatorRows: 4,
  });

/** The form sheet as a reader sees it: cell → value, and the texts of a row left to right. */
function grid(plan: TemplatePlan['plan']) {
  const cells = writtenCells(plan).cells.get(plan.formSheet) ?? new Map<string, CellInput>();
  const rowTexts = (row: number): string[] =>
    [...cells.entries()]
      .map(([a1, value]) => ({ pos: parseA1(a1), value }))
      .filter(({ pos, value }) => pos.row === row && typeof value === 'string')
      .sort((a, b) => a.pos.col - b.pos.col)
      .map(({ value }) => String(value));
  const find = (text: string): { row: number; col: number } => {
    for (const [a1, value] of cells) if (value === text) return parseA1(a1);
    throw new Error(`no cell holds ${text}`);
  };
  return { cells, rowTexts, find };
}

const labels = (...keys: ColumnKey[]): string[] => keys.map((key) => COLUMN_LABELS[key].canonical);

describe('项目支出绩效自评表', () => {
  const { plan, emptyForm } = build('project-self-evaluation');
  const { cells, rowTexts, find } = grid(plan);

  it('has the title, the header fields and the funds block of the 10号 form', () => {
    expect(cells.get('A1')).toBe('项目支出绩效自评表');
    expect(rowTexts(2)).toEqual(['项目名称']);
    expect(rowTexts(3)).toEqual(['主管部门', '实施单位', '年度']);
    const fundsHeader = find('年初预算数').row;
    expect(rowTexts(fundsHeader)).toEqual([
      '项目资金（万元）',
      ...(['initialBudget', 'annualBudget', 'executed', 'weight', 'rate', 'score'] as const).map(
        (key) => FUNDS_COL_LABELS[key].canonical,
      ),
    ]);
    expect(Object.keys(emptyForm.funds)).toEqual(['total', 'fiscal', 'carryover', 'other']);
    expect(emptyForm.funds.fiscal?.label.raw).toBe('其中：当年财政拨款');
  });

  it('fixes the budget weight from the profile and scores execution with the formula builders', () => {
    const total = need(emptyForm.funds.total, 'total row');
    expect(total.cols.weight?.raw).toBe(10);
    const [annual, initial, executed, weight] = ['annualBudget', 'initialBudget', 'executed', 'weight'].map(
      (col) => need(total.cols[col as 'weight']?.cell, col),
    ) as [string, string, string, string];
    // 全年预算数 when typed, else 年初预算数: the same budget the scores use.
    const budget = `IF(ISNUMBER(${annual}),${annual},${initial})`;
    expect(total.cols.rate?.formula).toBe(executionRateFormula({ budget, executed }));
    expect(total.cols.score?.formula).toBe(budgetScoreFormula({ budget, executed, weight }, defaultProfile));
    expect(isLocked(plan, plan.formSheet, weight)).toBe(true);
    expect(emptyForm.funds.fiscal?.cols.weight).toEqual({
      raw: null,
      cell: emptyForm.funds.fiscal?.cols.weight?.cell,
      formula: null,
    });
    expect(build('project-self-evaluation', hubei).emptyForm.funds.total?.cols.weight?.raw).toBe(20);
  });

  it('puts 预期目标 and 实际完成情况 as column headers with their values below', () => {
    const expected = find('预期目标');
    const achieved = find('实际完成情况');
    expect(rowTexts(expected.row)).toEqual(['年度总体目标', '预期目标', '实际完成情况']);
    expect(emptyForm.goals.expected?.cell).toBe(`${columnLetter(expected.col)}${expected.row + 2}`);
    expect(emptyForm.goals.achieved?.cell).toBe(`${columnLetter(achieved.col)}${achieved.row + 2}`);
  });

  it('has the indicator columns in order and a score formula in every row', () => {
    const header = find('一级指标').row;
    expect(rowTexts(header)).toEqual([
      '绩效指标',
      ...labels(
        'level1',
        'level2',
        'level3',
        'operator',
        'target',
        'unit',
        'actual',
        'tier',
        'qualitativeScore',
        'weight',
        'score',
        'deviation',
      ),
    ]);
    expect(emptyForm.tables.indicators).toEqual([]);
    for (let row = header + 1; row <= header + 4; row += 1) {
      const r = row + 1;
      expect(cells.get(`L${r}`)).toEqual({
        formula: indicatorScoreFormula(
          {
            operator: `E${r}`,
            target: `F${r}`,
            unit: `G${r}`,
            actual: `H${r}`,
            weight: `K${r}`,
            tier: `I${r}`,
            qualitativeScore: `J${r}`,
          },
          defaultProfile,
        ),
      });
    }
    expect(opsOf(plan, 'freezePanes', plan.formSheet)[0]).toEqual({
      kind: 'freezePanes',
      sheet: plan.formSheet,
      rows: header + 1,
      cols: 0,
    });
  });

  it('sums weights with the budget weight, totals, grades and recommends on the rows below the table', () => {
    const totalRow = find('总分').row;
    const r = totalRow + 1;
    const budgetWeight = need(emptyForm.funds.total?.cols.weight?.cell, 'budget weight');
    const budgetScore = need(emptyForm.funds.total?.cols.score?.cell, 'budget score');
    const header = find('一级指标').row + 1;
    expect(cells.get(`K${r}`)).toEqual({ formula: `=SUM(${budgetWeight},K${header}:K${r - 1})` });
    expect(emptyForm.total).toEqual({
      raw: null,
      cell: `L${r}`,
      formula: totalFormula([budgetScore, `L${header}:L${r - 1}`], defaultProfile),
    });
    expect(rowTexts(totalRow + 1)).toEqual(['等级']);
    expect(emptyForm.grade).toEqual({
      raw: null,
      cell: `B${r + 1}`,
      formula: gradeFormula(`L${r}`, defaultProfile),
    });
    expect(cells.get(`A${r + 2}`)).toBe('结果应用建议');
    expect(cells.get(`B${r + 2}`)).toEqual({ formula: recommendationFormula(`B${r + 1}`, defaultProfile) });
  });

  it('offers the dropdowns: dependent 一级 → 二级, operators, tiers from the profile, units as a prompt', () => {
    const lists = opsOf(plan, 'listValidation', plan.formSheet);
    const header = find('一级指标').row + 2;
    expect(lists.find((op) => op.range.startsWith('B'))?.source).toBe('=bpa_classic_2020_l1');
    expect(lists.find((op) => op.range.startsWith('C'))?.source).toBe(
      `=INDIRECT("bpa_classic_2020_l2_"&MATCH($B${header},bpa_classic_2020_l1,0))`,
    );
    expect(lists.find((op) => op.range.startsWith('E'))?.source).toEqual(['≥', '>', '=', '≤', '<', '定性']);
    expect(lists.find((op) => op.range.startsWith('I'))?.source).toEqual(
      defaultProfile.qualitativeTiers.map((t) => t.tier),
    );
    const units = opsOf(plan, 'customValidation', plan.formSheet).find((op) => op.range.startsWith('G'));
    for (const unit of COMMON_UNITS) expect(units?.prompt).toContain(unit);
    const decimals = opsOf(plan, 'decimalValidation', plan.formSheet).map((op) => op.range[0]);
    expect(decimals).toEqual(expect.arrayContaining(['C', 'D', 'E', 'J', 'K']));
  });

  it('highlights the basic errors with formulas that work without the add-in', () => {
    const highlights = opsOf(plan, 'highlight', plan.formSheet);
    const on = (column: string): string[] =>
      highlights.filter((op) => op.range.startsWith(column)).map((op) => op.formula);
    const first = find('一级指标').row + 2;
    expect(on(`F${first}`)).toEqual([
      `=AND(E${first}<>"",E${first}<>"定性",TRIM(F${first})<>"",NOT(ISNUMBER(F${first})))`,
    ]);
    expect(on(`G${first}`)).toEqual([`=AND(E${first}<>"",E${first}<>"定性",TRIM(G${first})="")`]);
    expect(on(`I${first}`)).toEqual([`=AND(E${first}="定性",TRIM(I${first})="")`]);
    expect(on(`M${first}`)).toEqual([
      `=AND(ISNUMBER(L${first}),ISNUMBER(K${first}),L${first}<K${first},TRIM(M${first})="")`,
    ]);
    const totalWeight = `K${find('总分').row + 1}`;
    expect(on(totalWeight)[0]).toMatch(new RegExp(`ROUND\\(${totalWeight},4\\)<>100`));
    const total = need(emptyForm.funds.total?.cols.executed?.cell, 'executed');
    expect(total).toBe('E6');
    expect(highlights.filter((op) => op.range.startsWith(total)).map((op) => [op.range, op.formula])).toEqual(
      [
        ['E6:E9', `=AND(ISNUMBER(E6),ISNUMBER(D6),E6-D6>${defaultProfile.tolerances.money})`],
        [
          'E6',
          `=AND(ISNUMBER(E6),COUNT(E7,E8,E9)>0,ABS(E6-SUM(E7,E8,E9))>${defaultProfile.tolerances.money})`,
        ],
      ],
    );
  });

  it('puts the framework lists on a very hidden sheet with defined names', () => {
    const names = opsOf(plan, 'defineName').map((op) => op.name);
    expect(names).toEqual([
      'bpa_classic_2020_l1',
      'bpa_classic_2020_l2_1',
      'bpa_classic_2020_l2_2',
      'bpa_classic_2020_l2_3',
    ]);
    const lists = writtenCells(plan).cells.get('_lists_classic-2020');
    expect([lists?.get('A2'), lists?.get('A3'), lists?.get('A4')]).toEqual(
      classic.level1.map((entry) => entry.name),
    );
    const coreNames = opsOf(build('project-self-evaluation', defaultProfile, core).plan, 'defineName').map(
      (op) => op.name,
    );
    expect(coreNames).toHaveLength(1 + core.level1.length);
  });
});

describe('部门整体支出绩效自评表', () => {
  const { plan, emptyForm } = build('department-self-evaluation');
  const { cells, rowTexts, find } = grid(plan);

  it('has the department header and the 基本/项目支出 funds rows, otherwise the self-evaluation body', () => {
    expect(cells.get('A1')).toBe('部门整体支出绩效自评表');
    expect(rowTexts(2)).toEqual(['部门（单位）名称', '年度']);
    expect(Object.keys(emptyForm.funds)).toEqual(['total', 'basic', 'project']);
    expect(rowTexts(find('一级指标').row)).toContain('偏差原因分析及改进措施');
    expect(emptyForm.grade.formula).not.toBeNull();
  });
});

describe('项目支出绩效目标申报表', () => {
  const { plan, emptyForm } = build('project-goals');
  const { cells, rowTexts, find } = grid(plan);

  it('has the header, 中期/年度 funds, goals and the indicator columns of the 88号 form', () => {
    expect(cells.get('A1')).toBe('项目支出绩效目标申报表');
    expect(rowTexts(2)).toEqual(['项目名称']);
    expect(rowTexts(3)).toEqual(['主管部门', '实施单位']);
    expect(rowTexts(4)).toEqual(['项目属性', '项目期']);
    expect(rowTexts(find('中期资金').row)).toEqual(['项目资金（万元）', '中期资金', '年度资金']);
    expect(Object.keys(emptyForm.funds)).toEqual(['total', 'fiscal', 'other']);
    expect(Object.keys(emptyForm.goals)).toEqual(['midTerm', 'annual']);
    expect(rowTexts(find('一级指标').row)).toEqual([
      '绩效指标',
      ...labels('level1', 'level2', 'level3', 'operator', 'target', 'unit', 'basis'),
    ]);
    expect(emptyForm.total).toEqual({ raw: null, cell: null, formula: null });
  });

  it('offers 项目属性 and 指标值设定依据 dropdowns and checks 总额 = 财政拨款 + 其他资金', () => {
    const lists = opsOf(plan, 'listValidation', plan.formSheet).map((op) => op.source);
    expect(lists).toContainEqual(['新增项目', '延续项目']);
    expect(lists).toContainEqual(['计划标准', '行业标准', '历史标准', '其他标准']);
    const total = need(emptyForm.funds.total?.cols.annual?.cell, 'annual total');
    const fiscal = need(emptyForm.funds.fiscal?.cols.annual?.cell, 'annual fiscal');
    const other = need(emptyForm.funds.other?.cols.annual?.cell, 'annual other');
    expect(opsOf(plan, 'highlight', plan.formSheet).find((op) => op.range === total)?.formula).toContain(
      `SUM(${fiscal},${other})`,
    );
  });
});

describe('部门整体支出绩效目标申报表', () => {
  const { plan, emptyForm } = build('department-goals');
  const { cells, rowTexts, find } = grid(plan);

  it('has tasks (5 rows), the department budget, the overall goal and indicators', () => {
    expect(cells.get('A1')).toBe('部门整体支出绩效目标申报表');
    expect(rowTexts(2)).toEqual(['部门（单位）名称']);
    const tasks = find('任务名称').row;
    expect(rowTexts(tasks)).toEqual(['年度主要任务', ...labels('taskName', 'taskContent', 'taskProjects')]);
    expect(find('年度资金').row).toBe(tasks + 6);
    expect(emptyForm.tables.tasks).toEqual([]);
    expect(Object.keys(emptyForm.funds)).toEqual(['total', 'basic', 'project']);
    expect(Object.keys(emptyForm.goals)).toEqual(['overall']);
    expect(rowTexts(find('一级指标').row)).toEqual([
      '绩效指标',
      ...labels('level1', 'level2', 'level3', 'operator', 'target', 'unit', 'basis'),
    ]);
    expect(opsOf(plan, 'merge', plan.formSheet).map((op) => op.range)).toContain(
      `D${tasks + 2}:F${tasks + 2}`,
    );
  });
});

describe('项目支出绩效目标执行监控表', () => {
  const { plan, emptyForm } = build('project-monitoring');
  const { cells, rowTexts, find } = grid(plan);

  it('has the header with 监控月份, the funds with execution rate and forecast, and the indicator columns', () => {
    expect(cells.get('A1')).toBe('项目支出绩效目标执行监控表');
    expect(rowTexts(3)).toEqual(['主管部门', '实施单位', '监控月份']);
    expect(rowTexts(find('年初预算数').row)).toEqual([
      '项目资金（万元）',
      '年初预算数',
      '1-N月执行数',
      '1-N月执行率',
      '全年预计执行数',
    ]);
    expect(Object.keys(emptyForm.goals)).toEqual(['overall', 'progress']);
    expect(rowTexts(find('一级指标').row)).toEqual([
      '绩效指标',
      ...labels(
        'level1',
        'level2',
        'level3',
        'operator',
        'target',
        'unit',
        'progress',
        'forecast',
        'cause',
        'likelihood',
        'remark',
      ),
    ]);
    for (const row of ['total', 'fiscal', 'other'] as const)
      expect(emptyForm.funds[row]?.cols.rate?.formula).not.toBeNull();
  });

  it('words every funds header the reader knows for its column, 1-N月 as on the official form', () => {
    // The reader finds the columns of a sheet made from the template by these words (its _meta names the
    // template), so each header the template writes instead of the canonical label must stay in the vocabulary.
    const monitoring = getTemplateSpec('project-monitoring');
    const written = TEMPLATE_SPECS.flatMap((spec) =>
      spec.sections.flatMap((section) => (section.kind === 'funds' ? section.columns : [])),
    ).filter((column) => column.label !== undefined);
    expect(written.length).toBeGreaterThan(0);
    for (const column of written) {
      const known = FUNDS_COL_LABELS[column.key];
      expect([known.canonical, ...known.synonyms]).toContain(column.label);
    }
    expect(monitoring.version).toBeGreaterThan(1);
    expect(rowTexts(find('年初预算数').row)).not.toContain('全年执行数');
  });

  it('shows the execution light in red, yellow and green beside its label', () => {
    const label = find('执行进度预警');
    const light = `${columnLetter(label.col + 1)}${label.row + 1}`;
    const month = need(emptyForm.header.monitoringMonth?.cell, 'month');
    const budget = need(emptyForm.funds.total?.cols.initialBudget?.cell, 'budget');
    const executed = need(emptyForm.funds.total?.cols.executed?.cell, 'executed');
    expect(cells.get(light)).toEqual({
      formula: monitoringLightFormula({ budget, executed, month }, defaultProfile),
    });
    const fills = opsOf(plan, 'highlight', plan.formSheet).filter((op) => op.range.startsWith(light));
    expect(fills.map((op) => op.formula)).toEqual([`=${light}="红"`, `=${light}="黄"`, `=${light}="绿"`]);
    const lists = opsOf(plan, 'listValidation', plan.formSheet).map((op) => op.source);
    expect(lists).toContainEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12']);
    expect(lists).toContainEqual(['经费保障', '制度保障', '人员保障', '硬件条件保障', '其他']);
    expect(lists).toContainEqual(['确定能', '有可能', '完全不可能']);
  });
});

describe('事前绩效评估表', () => {
  const { plan, emptyForm } = build('ex-ante-assessment');
  const { cells, rowTexts, find } = grid(plan);
  const rows = need(emptyForm.tables.criteria, 'criteria');

  it('prefills the five aspects at 20 points each, sub-criteria summing to 100', () => {
    expect(cells.get('A1')).toBe('事前绩效评估表');
    expect(rowTexts(4)).toEqual(['项目资金总额（万元）', '评价（评估）机构']);
    expect(rowTexts(find('一级指标').row).slice(0, 8)).toEqual([
      '评估指标',
      ...labels('level1', 'level2', 'level3', 'weight', 'rating', 'score', 'remark'),
    ]);
    const byAspect = new Map<string, number>();
    const readings = need(emptyForm.readings.criteria, 'criteria readings');
    for (const [i, row] of rows.entries()) {
      // 一级 is merged down each aspect: the row reading carries it to every row.
      const aspect = String(readings[i]?.level1);
      byAspect.set(aspect, (byAspect.get(aspect) ?? 0) + Number(row.fields.weight?.raw));
      expect(row.fields.level3?.raw).toEqual(expect.any(String));
    }
    expect([...byAspect]).toEqual([
      ['立项必要性', 20],
      ['投入经济性', 20],
      ['绩效目标合理性', 20],
      ['实施方案可行性', 20],
      ['筹资合规性', 20],
    ]);
  });

  it('scores each rating with the ex-ante formula and suggests a conclusion beside the typed one', () => {
    const first = need(rows[0], 'first row');
    const weight = need(first.fields.weight?.cell, 'weight');
    const rating = need(first.fields.rating?.cell, 'rating');
    expect(first.fields.score?.formula).toBe(exAnteScoreFormula({ weight, rating }, defaultProfile));
    expect(isLocked(plan, plan.formSheet, weight)).toBe(false);
    const totalCell = need(emptyForm.total.cell, 'total');
    const conclusion = need(emptyForm.conclusion.cell, 'conclusion');
    expect(emptyForm.conclusion.formula).toBeNull();
    expect(isLocked(plan, plan.formSheet, conclusion)).toBe(false);
    const suggested = find('建议结论');
    expect(suggested.row).toBe(parseA1(conclusion).row);
    expect(cells.get(`${columnLetter(suggested.col + 1)}${suggested.row + 1}`)).toEqual({
      formula: conclusionFormula(totalCell, defaultProfile),
    });
    const lists = opsOf(plan, 'listValidation', plan.formSheet);
    expect(lists.find((op) => op.range.startsWith(conclusion))?.source).toEqual([
      '予以支持',
      '调整完善后予以支持',
      '不予支持',
    ]);
    expect(lists.map((op) => op.source)).toContainEqual(['优', '良', '中', '差']);
  });
});

/**
 * 一级 / 二级 written once per group and merged down, as on the printed form: the merged ranges of a column,
 * as 'top:bottom' A1 ranges with the text written in their first cell.
 */
function mergedGroups(plan: TemplatePlan['plan'], rows: readonly TableRow[], key: ColumnKey): string[] {
  const { cells } = grid(plan);
  const column = need(rows[0]?.fields[key]?.cell, key).replace(/\d+/, '');
  return opsOf(plan, 'merge', plan.formSheet)
    .map((op) => op.range)
    .filter((range) => range.startsWith(column) && range.split(':')[1]?.startsWith(column))
    .map((range) => `${range}=${String(cells.get(range.split(':')[0] ?? ''))}`);
}

describe('merged 一级 / 二级 of the prefilled criteria', () => {
  it('事前绩效评估表: one cell per aspect and per sub-criterion, each row still reading its levels', () => {
    const { plan, emptyForm } = build('ex-ante-assessment');
    const rows = need(emptyForm.tables.criteria, 'criteria');
    const first = need(rows[0]?.row, 'first row') + 1;
    const range = (top: number, bottom: number, col: string): string =>
      `${col}${first + top}:${col}${first + bottom}`;
    expect(mergedGroups(plan, rows, 'level1')).toEqual([
      `${range(0, 3, 'B')}=立项必要性`,
      `${range(4, 7, 'B')}=投入经济性`,
      `${range(8, 11, 'B')}=绩效目标合理性`,
      `${range(12, 15, 'B')}=实施方案可行性`,
      `${range(16, 19, 'B')}=筹资合规性`,
    ]);
    expect(mergedGroups(plan, rows, 'level2')).toHaveLength(10);
    // The rows below a group's first keep their own blank cell; their reading carries the merged value down.
    expect(rows.slice(0, 4).map((row) => row.fields.level1?.cell)).toEqual(
      Array.from({ length: 4 }, (_, i) => `B${first + i}`),
    );
    const readings = need(emptyForm.readings.criteria, 'criteria readings');
    expect(readings.slice(0, 4).map((reading) => reading.level1)).toEqual(Array(4).fill('立项必要性'));
  });

  it('项目支出绩效评价评分表: 一级 merged per group, 二级 within its 一级 only', () => {
    const { plan, emptyForm } = build('key-evaluation');
    const rows = need(emptyForm.tables.criteria, 'criteria');
    const level1 = mergedGroups(plan, rows, 'level1').map((text) => text.split('=')[1]);
    expect(level1).toEqual(['决策', '过程', '产出', '效益']);
    const level2 = mergedGroups(plan, rows, 'level2').map((text) => text.split('=')[1]);
    expect(level2).toEqual(['项目立项', '绩效目标', '资金投入', '资金管理', '组织实施', '项目效益']);
    const { cells } = grid(plan);
    for (const row of rows) {
      const cell = need(row.fields.level1?.cell, 'level1');
      expect(cells.get(cell) ?? null).toBe(row.fields.level1?.raw);
    }
  });
});

describe('项目支出绩效评价评分表', () => {
  const { plan, emptyForm } = build('key-evaluation');
  const { cells, rowTexts, find } = grid(plan);
  const rows = need(emptyForm.tables.criteria, 'criteria');

  it('prefills the 10号 framework with weights that add to 100 and 产出 + 效益 ≥ 60', () => {
    expect(cells.get('A1')).toBe('项目支出绩效评价评分表');
    expect(rowTexts(find('一级指标').row).slice(0, 10)).toEqual([
      '评价指标',
      ...labels(
        'level1',
        'level2',
        'level3',
        'weight',
        'remark',
        'numerator',
        'denominator',
        'rate',
        'score',
      ),
    ]);
    // 一级 is merged down each group: which group a row is in is its reading's (carried) 一级.
    const readings = need(emptyForm.readings.criteria, 'criteria readings');
    const weightOf = (level1: string): number =>
      rows
        .filter((_row, i) => readings[i]?.level1 === level1)
        .reduce((sum, row) => sum + Number(row.fields.weight?.raw), 0);
    expect(['决策', '过程', '产出', '效益'].map(weightOf)).toEqual([15, 20, 35, 30]);
    expect(weightOf('产出') + weightOf('效益')).toBeGreaterThanOrEqual(
      defaultProfile.keyEvaluation.outputPlusOutcomeMin,
    );
    for (const row of rows)
      expect(isLocked(plan, plan.formSheet, need(row.fields.weight?.cell, 'weight'))).toBe(false);
  });

  it('computes rate and score of the formula indicators and leaves the other scores to the evaluator', () => {
    const kinds: Record<string, Parameters<typeof keyRateFormula>[0]> = {
      资金到位率: 'funds-in-place',
      预算执行率: 'budget-execution',
      实际完成率: 'completion',
      质量达标率: 'quality',
      成本节约率: 'cost-saving',
    };
    let formulaRows = 0;
    for (const row of rows) {
      const kind = kinds[String(row.fields.level3?.raw)];
      const score = need(row.fields.score?.cell, 'score');
      if (kind === undefined) {
        expect(row.fields.score?.formula).toBeNull();
        expect(isLocked(plan, plan.formSheet, score)).toBe(false);
        expect(row.fields.rate?.formula).toBeNull();
        continue;
      }
      formulaRows += 1;
      const numerator = need(row.fields.numerator?.cell, 'numerator');
      const denominator = need(row.fields.denominator?.cell, 'denominator');
      const rate = need(row.fields.rate?.cell, 'rate');
      const weight = need(row.fields.weight?.cell, 'weight');
      expect(row.fields.rate?.formula).toBe(keyRateFormula(kind, { numerator, denominator }));
      expect(row.fields.score?.formula).toBe(keyScoreFormula(kind, { weight, rate }, defaultProfile));
      expect([isLocked(plan, plan.formSheet, rate), isLocked(plan, plan.formSheet, score)]).toEqual([
        true,
        true,
      ]);
      expect(isLocked(plan, plan.formSheet, numerator)).toBe(false);
    }
    expect(formulaRows).toBe(5);
  });

  it('totals with SUM and grades the total', () => {
    const totalCell = need(emptyForm.total.cell, 'total');
    expect(emptyForm.total.formula).toMatch(/SUM\(/);
    expect(emptyForm.grade.formula).toBe(gradeFormula(totalCell, defaultProfile));
    expect(rowTexts(parseA1(totalCell).row + 1)).toEqual(['等级']);
    const totalWeight = `E${parseA1(totalCell).row + 1}`;
    const warning = opsOf(plan, 'highlight', plan.formSheet).filter((op) => op.range === totalWeight);
    expect(warning.map((op) => op.formula).join(' ')).toContain(
      `<${defaultProfile.keyEvaluation.outputPlusOutcomeMin}`,
    );
  });
});

it('writes a formula wherever the empty form says there is one', () => {
  const { plan, emptyForm } = build('key-evaluation', hubei, core);
  const cells = grid(plan).cells;
  const formulaFields = Object.values(emptyForm.tables.criteria ?? [])
    .flatMap((row) => Object.values(row.fields))
    .filter((field) => field.formula !== null);
  expect(formulaFields.length).toBe(10);
  for (const field of formulaFields) {
    const written = cells.get(need(field.cell, 'cell'));
    expect(written !== undefined && isFormulaCell(written) && written.formula === field.formula).toBe(true);
  }
});

describe('print layout', () => {
  const plans = (id: TemplateId, indicatorRows: number) =>
    buildTemplatePlan(id, {
      profile: defaultProfile,
      framework: classic,
      metaRow: 1,
      createdAt: '2024-01-01T00:00:00Z',
      indicatorRows,
    }).plan;
  const widthsOf = (plan: TemplatePlan['plan']): number[] =>
    need(opsOf(plan, 'columnWidths', plan.formSheet)[0], 'column widths').widths;
  const heightsOf = (plan: TemplatePlan['plan']): Map<number, number> =>
    new Map(opsOf(plan, 'rowHeight', plan.formSheet).map((op) => [op.row, op.height]));
  const rowsOf = (plan: TemplatePlan['plan']): number => {
    const area = need(opsOf(plan, 'printSetup', plan.formSheet)[0]?.printArea, 'print area');
    return Number(/(\d+)$/.exec(area)?.[1]);
  };

  it.each(['project-self-evaluation', 'department-self-evaluation'] as const)(
    '%s: 预期目标 and 实际完成情况 span the text cells below them',
    (id) => {
      const { plan } = build(id);
      const { find } = grid(plan);
      const merges = opsOf(plan, 'merge', plan.formSheet).map((op) => op.range);
      for (const label of ['预期目标', '实际完成情况']) {
        const at = find(label);
        const header = merges.find((range) => range.startsWith(`${columnLetter(at.col)}${at.row + 1}:`));
        const text = merges.find((range) => range.startsWith(`${columnLetter(at.col)}${at.row + 2}:`));
        expect({ label, header: header?.split(':')[1]?.replace(/\d+/, '') }).toEqual({
          label,
          header: need(text, `${label} text cells`).split(':')[1]?.replace(/\d+/, ''),
        });
      }
    },
  );

  // The estimate the plan is built to: Excel's 15 pt rows and its column width rule, A4 landscape inside the
  // default margins. LibreOffice prints the same forms within one page too (test/twins/print-layout.test.ts).
  it.each([
    'ex-ante-assessment',
    'project-goals',
    'department-goals',
    'project-monitoring',
    'project-self-evaluation',
    'department-self-evaluation',
    'key-evaluation',
  ] as const)('%s: an empty form is no taller for its width than an A4 landscape page', (id) => {
    const plan = plans(id, 20);
    const heights = heightsOf(plan);
    let height = 0;
    for (let row = 0; row < rowsOf(plan); row += 1) height += heights.get(row) ?? 15;
    const width = widthsOf(plan).reduce((sum, chars) => sum + ((chars * 7 + 5) * 72) / 96, 0);
    expect(height / width).toBeLessThanOrEqual((595 - 108) / (842 - 100.8));
  });

  it('does not widen the form for indicator rows past the default: those print on further pages', () => {
    expect(widthsOf(plans('department-goals', 60))).toEqual(widthsOf(plans('department-goals', 20)));
    expect(widthsOf(plans('department-goals', 5)).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(
      widthsOf(plans('department-goals', 20)).reduce((a, b) => a + b, 0),
    );
  });
});
