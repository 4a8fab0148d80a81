/** Layouts of forms departments actually send: how the reader finds fields, funds, goals and table columns. */
import type { Field, ParsedForm } from '../../../src/domain/forms/form-model';
import { detectTemplate } from '../../../src/domain/forms/detect';
import { readForm, type FormHint, type FormLayout } from '../../../src/domain/forms/read-form';
import { readTable } from '../../../src/domain/forms/row-reading';
import type { CellScalar } from '../../../src/domain/grid/cell';
import { scoreForm } from '../../../src/domain/scoring/score';
import { getProfile } from '../../../src/domain/profiles/profiles';
import { blockOf } from '../../helpers/grid';
import { check, codes } from '../checks/context';
import {
  initialBudgetSelfEvaluation,
  inlineFundsGoals,
  levelAboveGoals,
  longAndAnnualGoals,
  nearMissSelfEvaluation,
  perPlaceGoals,
  pointsInLabelSelfEvaluation,
  unscoredCountySelfEvaluation,
  scoreBeforeRateSelfEvaluation,
} from './real-layouts';

const N = null;

function read(rows: CellScalar[][], hint: FormHint | null = null): { form: ParsedForm; layout: FormLayout } {
  const result = readForm(blockOf(rows), '表1', hint);
  if (!result.ok) throw new Error(`sheet not read: ${result.reason}`);
  return result;
}

function show(field: Field | undefined): string {
  if (field === undefined) return '(absent)';
  return `${field.cell ?? '-'}=${field.raw === null ? '' : String(field.raw)}`;
}

const names = (form: ParsedForm): string[] =>
  (form.tables.indicators ?? []).map((row) => String(row.fields.level3?.raw ?? ''));

describe('a self-evaluation with 年初预算数(A) and no 全年预算数', () => {
  const { form, layout } = read(initialBudgetSelfEvaluation());

  it('reads the bracketed and annotated headers', () => {
    expect(form.template).toBe('project-self-evaluation');
    expect(show(form.header.implementingUnit)).toBe('G3=某城市运行服务中心');
    expect(layout.funds?.columns).toEqual({ initialBudget: 2, executed: 3, weight: 4, rate: 5, score: 6 });
    expect(layout.funds?.rows).toEqual({ total: 4, fiscal: 5, other: 6 });
  });

  it('divides by what the form’s own 执行率(B/A) header names, and reports no 全年预算数 missing', () => {
    expect(layout.funds?.budgetBasis).toEqual({ column: 'initialBudget', source: 'rate-header' });
    expect(form.budgetBasis).toEqual({ column: 'initialBudget', source: 'rate-header' });
    expect(form.missing).toEqual([]);
    const profile = getProfile('default');
    if (profile === null) throw new Error('no default profile');
    expect(scoreForm(form, profile).execution).toMatchObject({ budget: 300, executed: 150, rate: 0.5 });
  });

  it('takes the goals from the two texts of the 年度总体目标 row', () => {
    expect(show(form.goals.expected)).toBe('B8=完成20条道路保洁外包');
    expect(show(form.goals.achieved)).toBe('F8=已完成20条道路保洁外包');
  });

  it('finds the table columns past the extra 得分计算方法 column, with four first levels', () => {
    const columns = layout.tables.indicators?.columns;
    expect(columns).toMatchObject({ level1: 1, level2: 2, level3: 3, weight: 4, target: 5, actual: 6 });
    expect(columns).toMatchObject({ score: 8, deviation: 9 });
    expect(names(form)).toEqual(['保洁道路条数', '保洁达标率', '单位保洁成本', '环境改善', '居民满意度']);
    expect(layout.tables.indicators?.endRow).toBe(14);
  });

  it('reads the total and a grade in its own row', () => {
    expect(show(form.total)).toBe('I15=95');
    expect(show(form.grade)).toBe('B16=优');
  });
});

describe('a funds block with 得分 before 执行率 and a 偏差原因 column', () => {
  const { form, layout } = read(scoreBeforeRateSelfEvaluation());

  it('keys the funds columns by their labels, not their order', () => {
    expect(layout.funds?.columns).toEqual({
      initialBudget: 1,
      annualBudget: 2,
      executed: 3,
      weight: 4,
      score: 5,
      rate: 6,
    });
    expect(layout.funds?.budgetBasis).toEqual({ column: 'annualBudget', source: 'rate-header' });
    expect(show(form.header.department)).toBe('F2=区卫生健康委员会');
    expect(show(form.header.implementingUnit)).toBe('B3=社区卫生服务中心');
  });

  it('reads 得分 before 分值 and 偏差原因 as the deviation column of a self-evaluation', () => {
    expect(layout.tables.indicators?.columns).toMatchObject({ score: 5, weight: 6, deviation: 7 });
    expect(form.missing).toEqual([]);
  });

  it('reads a grade written right of the total on the 总分 row', () => {
    expect(show(form.total)).toBe('F13=100');
    expect(show(form.grade)).toBe('H13=优');
  });
});

describe('a goal declaration with label/amount funds', () => {
  const { form, layout } = read(inlineFundsGoals());

  it('reads each funds row as the amount right of its label', () => {
    expect(layout.funds).toMatchObject({ inline: true, rows: { total: 4, fiscal: 4, other: 5 } });
    expect(show(form.funds.total?.cols.annual)).toBe('B5=3');
    expect(show(form.funds.fiscal?.cols.annual)).toBe('D5=3');
    expect(show(form.funds.other?.cols.annual)).toBe('D6=0');
  });

  it('finds synonyms of the header fields and does not ask for fields the layout never had', () => {
    expect(show(form.header.department)).toBe('B4=区卫健委');
    expect(form.header.projectAttribute).toBeUndefined();
    expect(form.missing).toEqual([]);
    expect(codes(check(form))).not.toContain('required_column_missing');
  });

  it('reads the table of a two-word spaced header', () => {
    expect(names(form)).toContain('签约宣传参加人次');
  });
});

describe('required fields follow the form in hand', () => {
  const withAttribute = (value: CellScalar): CellScalar[][] => {
    const rows = inlineFundsGoals();
    rows.splice(4, 0, ['项目属性', value, N, N, N]);
    return rows;
  };

  it('reports a field the layout has but left empty', () => {
    const { form } = read(withAttribute(N));
    const issue = check(form).find((i) => i.code === 'required_field_missing');
    expect(issue).toMatchObject({ cell: 'B5', params: { label: '项目属性' } });
  });

  it('is quiet when that field is filled', () => {
    const { form } = read(withAttribute('经常性项目'));
    expect(codes(check(form))).not.toContain('required_field_missing');
  });

  it('still reports what names the form, and every field of our own template', () => {
    const rows = inlineFundsGoals().filter((row) => row[0] !== '项目名称');
    expect(read(rows).form.missing).toEqual(['项目名称']);
    const meta = read(inlineFundsGoals(), { template: 'project-goals', version: 1 }).form;
    expect(meta.missing).toEqual(expect.arrayContaining(['项目属性', '项目期']));
  });
});

describe('a level above the first levels', () => {
  const { form, layout } = read(levelAboveGoals());

  it('takes the 二级 column as the first level and reports no second level missing', () => {
    const table = layout.tables.indicators;
    expect(table?.levelAbove).toBe(1);
    expect(table?.columns).toMatchObject({ level1: 2, level3: 3, target: 4 });
    expect(table?.columns.level2).toBeUndefined();
    expect(form.missing).toEqual([]);
    // The 一级 cell is merged down its group: the row reading carries it to the rows below.
    expect(readTable(form.tables.indicators ?? [], 'indicators').map((r) => r.level1)).toEqual([
      '产出指标',
      '产出指标',
      '效益指标',
    ]);
  });

  it('reads the funds and unit from the header zone', () => {
    expect(show(form.funds.total?.cols.annual)).toBe('B4=2350');
    expect(show(form.header.implementingUnit)).toBe('B3=某区人民政府');
  });
});

describe('side-by-side target columns', () => {
  it('scores the annual column of 长期目标 | 年度目标 and records both', () => {
    const { form, layout } = read(longAndAnnualGoals());
    const table = layout.tables.indicators;
    expect(table?.headerTop).toBe(7);
    expect(table?.headerRow).toBe(8);
    expect(table?.columns.target).toBe(4);
    expect(table?.targets).toEqual([
      { col: 3, period: 'longTerm', label: '长期目标' },
      { col: 4, period: 'annual', label: '年度目标' },
    ]);
    expect(show(form.tables.indicators?.[0]?.fields.target)).toBe('E10=9200人');
    expect(form.missing).toEqual([]);
  });

  it('reads one target column per place, the first one scored', () => {
    const { form, layout } = read(perPlaceGoals());
    const table = layout.tables.indicators;
    expect(table?.targets).toEqual([
      { col: 5, period: null, label: '尧山村' },
      { col: 6, period: null, label: '吾培村' },
    ]);
    expect(table?.columns.target).toBe(5);
    expect(table?.right).toBe(6);
    expect(form.missing).toEqual([]);
    expect(show(form.funds.total?.cols.annual)).toBe('C3=100');
    expect(show(form.header.department)).toBe('E2=水利局');
  });

  it('gives no list for the usual single target column', () => {
    expect(read(inlineFundsGoals()).layout.tables.indicators?.targets).toBeUndefined();
  });
});

describe('headers that nearly match a label', () => {
  const { form, layout } = read(nearMissSelfEvaluation());

  it('are read as that label and said as info, not reported missing', () => {
    expect(form.missing).toEqual([]);
    expect(show(form.header.projectName)).toBe('B2=社区养老服务');
    expect(layout.funds?.columns.annualBudget).toBe(2);
    expect(layout.tables.indicators?.columns.actual).toBe(4);
    expect(form.labelGuesses).toEqual([
      { cell: 'C4', text: '全年预算书', label: '全年预算数' },
      { cell: 'E8', text: '实际完成直', label: '实际完成值' },
      { cell: 'A2', text: '项目名秤', label: '项目名称' },
    ]);
    const infos = check(form).filter((i) => i.code === 'label_near_match');
    expect(infos.map((i) => [i.severity, i.cell])).toEqual([
      ['info', 'A2'],
      ['info', 'C4'],
      ['info', 'E8'],
    ]);
  });

  it('are not looked for where a hand-made form may simply not have the field', () => {
    const rows = nearMissSelfEvaluation();
    const unit = rows[2];
    if (unit === undefined) throw new Error('fixture changed');
    unit[0] = '项目实施单住';
    const { form } = read(rows);
    expect(form.header.implementingUnit).toBeUndefined();
    expect(form.missing).toEqual([]);
    expect(form.labelGuesses?.map((g) => g.text)).not.toContain('项目实施单住');
  });

  it('leave a header nothing like a label missing', () => {
    const rows = nearMissSelfEvaluation();
    const header = rows[7];
    if (header === undefined) throw new Error('fixture changed');
    header[4] = '备用列';
    expect(read(rows).form.missing).toEqual(['实际完成值']);
  });
});

describe('title words decide the form', () => {
  it.each([
    ['抗疫特别国债项目(打捆项目)绩效目标自评表', 'project-self-evaluation'],
    ['2023年部门整体支出绩效自评表', 'department-self-evaluation'],
    ['重点项目绩效运行监控表', 'project-monitoring'],
    ['2020年省级财政水利发展资金绩效目标表', 'project-goals'],
    ['2024年部门整体绩效目标表', 'department-goals'],
    ['项目事前绩效评估表', 'ex-ante-assessment'],
    ['专项资金绩效评价评分表', 'key-evaluation'],
  ])('%s', (title, template) => {
    // A goals-shaped table with no score filled: the title still says what it is.
    const rows: CellScalar[][] = [
      [title, N, N, N],
      ['一级指标', '二级指标', '三级指标', '指标值'],
      ['产出指标', '数量指标', '受益人数', '100人'],
    ];
    expect(detectTemplate(blockOf(rows))).toBe(template);
  });
});

describe('a sheet with only a project’s header fields', () => {
  it('is the start of a declaration whose tables are missing', () => {
    const rows: CellScalar[][] = [
      ['(2021年度)', N, N, N],
      ['项目名称', '干渠防渗改造项目', '项目负责人及联系电话', '张工'],
      ['主管部门', '县水利局', '实施单位', '县农村供水站'],
    ];
    expect(detectTemplate(blockOf(rows))).toBe('project-goals');
    expect(read(rows).form.missing).toEqual(['项目资金', '年度目标', '绩效指标']);
  });

  it('is no form when the same words head the columns of a list of projects', () => {
    const rows: CellScalar[][] = [
      ['项目名称', '主管部门', '实施单位'],
      ['干渠防渗改造项目', '县水利局', '县农村供水站'],
      ['乡村道路养护', '县交通运输局', '县公路段'],
    ];
    expect(detectTemplate(blockOf(rows))).toBeNull();
  });
});

describe('a 指标性质 cell merged over several rows (重庆 部门整体绩效自评表)', () => {
  // Rows of the published form, 指标性质 in D: 定量指标 merged over D9:D11, nothing written in D12.
  const rows: CellScalar[][] = [
    ['部门整体绩效自评表', N, N, N, N, N, N, N, N, N, N],
    ['主管部门', N, N, '财政处室', N, N, '自评总分(分)', 97.6, N, N, N],
    [
      '部门预算执行情况',
      '年初预算数',
      '全年预算数',
      '全年执行数',
      '执行率(%)',
      '执行率权重',
      '执行率得分(分)',
      N,
      N,
      N,
      N,
    ],
    [N, 100, 100, 76, '76%', 10, 7.6, N, N, N, N],
    ['当年绩效目标', '年初绩效目标', N, N, '全年(调整)绩效目标', N, N, '全年目标实际完成情况', N, N, N],
    [N, '无', N, N, '保障正常运转', N, N, '完成', N, N, N],
    [
      N,
      '指标名称',
      '计量单位',
      '指标性质',
      '年初指标值',
      '调整指标值',
      '全年完成值',
      '得分系数(%)',
      '指标权重(分)',
      '指标得分(分)',
      '是否核心指标',
    ],
    ['绩效指标', '财政供养人员控制率', '%', '定量指标', '100%', N, '92%', '100%', 2, 2, '否'],
    [N, '三公经费变动率', '%', N, N, N, N, '100%', 2, 2, '否'],
    [N, '基础信息完善', '%', N, '100%', N, '100%', '100%', 1, 1, '否'],
    [N, '组织宣传活动次数', '次', N, N, N, '43次', '100%', 10, 10, '是'],
  ];
  const merges = [
    { top: 7, left: 0, bottom: 10, right: 0 },
    { top: 7, left: 3, bottom: 9, right: 3 },
  ];
  const result = readForm({ ...blockOf(rows), merges }, '表1', null);
  if (!result.ok) throw new Error('not read');
  const readings = readTable(result.form.tables.indicators ?? [], 'indicators');

  it('carries the merged cell down to the rows it covers, and no further', () => {
    expect(readings.map((r) => [r.row + 1, r.operatorText])).toEqual([
      [8, '定量指标'],
      [9, '定量指标'],
      [10, '定量指标'],
      [11, null],
    ]);
  });

  it('reports 指标性质 missing only where the form left it blank', () => {
    const found = check(result.form).filter((i) => i.code === 'operator_missing');
    expect(found.map((i) => i.cell)).toEqual(['D11']);
  });

  it('reads its goal block: 全年(调整)绩效目标 is the goal, 全年目标实际完成情况 what was achieved', () => {
    expect(show(result.form.goals.expected)).toBe('E6=保障正常运转');
    expect(show(result.form.goals.achieved)).toBe('H6=完成');
    expect(result.form.missing).not.toContain('预期目标');
    expect(result.form.absentByLayout).toBeUndefined();
  });
});

describe('a header whose labels are merged down over a second row (one column per place under 区域目标值)', () => {
  const rows: CellScalar[][] = [
    ['专项转移支付绩效目标表', N, N, N, N, N, N, N],
    ['项目名称', N, '宗教管理经费', N, N, N, N, N],
    ['资金情况(万元)', N, '资金总额:', N, 30, N, N, N],
    [N, N, '其中:财政拨款', N, 30, N, N, N],
    ['总体目标', N, '推进宗教活动场所规范化管理', N, N, N, N, N],
    ['绩效指标', '一级指标', '二级指标', '三级指标', '指标解释', '区域目标值', N, N],
    [N, N, N, N, N, '新罗区', '永定区', '上杭县'],
    [N, '产出指标', '数量指标', '补助县(市、区)数量', '反映补助县数量', 2, 3, 1],
    [N, N, '质量指标', '项目资金使用合规性', '反映合规情况', '>=95%', '>=95%', '>=95%'],
  ];
  const merges = [
    { top: 5, left: 0, bottom: 8, right: 0 },
    { top: 5, left: 1, bottom: 6, right: 1 },
    { top: 5, left: 2, bottom: 6, right: 2 },
    { top: 5, left: 3, bottom: 6, right: 3 },
    { top: 5, left: 4, bottom: 6, right: 4 },
    { top: 5, left: 5, bottom: 5, right: 7 },
  ];

  it('reads the second row as part of the header, not as an indicator', () => {
    const result = readForm({ ...blockOf(rows), merges }, '表1', null);
    if (!result.ok) throw new Error('not read');
    expect(names(result.form)).toEqual(['补助县(市、区)数量', '项目资金使用合规性']);
    expect(result.layout.tables.indicators?.firstDataRow).toBe(7);
  });

  it('without merges, reads the rows as before', () => {
    const result = readForm(blockOf(rows), '表1', null);
    if (!result.ok) throw new Error('not read');
    expect(result.layout.tables.indicators?.firstDataRow).toBe(6);
  });
});

describe('a 二级指标 header merged over two columns, with no 三级指标 label (the second column is the next level)', () => {
  const rows: CellScalar[][] = [
    ['某市2022年市直部门预算项目支出绩效目标表', N, N, N, N],
    ['项目名称', '办公大楼运行保障', N, N, N],
    ['一级指标', '二级指标', N, '绩效标准', '当年预期实现值'],
    ['产出指标', '数量指标', '日常维修维护次数', '反映全年维修维护情况', '280次'],
    [N, N, '大楼安检巡察次数', '反映保卫巡检情况', '200次'],
    [N, '质量指标', '维修维护验收合格率', '反映维修维护质量', '>92%'],
  ];
  const merges = [
    { top: 2, left: 1, bottom: 2, right: 2 },
    { top: 3, left: 0, bottom: 5, right: 0 },
    { top: 3, left: 1, bottom: 4, right: 1 },
  ];

  it('reads the names in the second column and the values under 当年预期实现值', () => {
    const result = readForm({ ...blockOf(rows), merges }, '表1', null);
    if (!result.ok) throw new Error('not read');
    expect(result.layout.tables.indicators?.columns).toMatchObject({
      level1: 0,
      level2: 1,
      level3: 2,
      target: 4,
    });
    const readings = readTable(result.form.tables.indicators ?? [], 'indicators');
    expect(readings.map((r) => [r.kind, r.level2, r.name])).toEqual([
      ['indicator', '数量指标', '日常维修维护次数'],
      ['indicator', '数量指标', '大楼安检巡察次数'],
      ['indicator', '质量指标', '维修维护验收合格率'],
    ]);
    // The small grid has no funds or goals; no column of the table is missing.
    expect(result.form.missing).toEqual(['项目资金', '年度目标']);
  });

  it('does not invent the next level when the header cell is not merged', () => {
    const result = readForm(blockOf(rows), '表1', null);
    if (!result.ok) throw new Error('not read');
    expect(result.layout.tables.indicators).toBeUndefined();
  });

  it('keeps a 三级指标 label where the form prints one', () => {
    const labelled = rows.map((row, i) =>
      i === 2 ? ['一级指标', '二级指标', '三级指标', '绩效标准', '当年预期实现值'] : row,
    );
    const result = readForm({ ...blockOf(labelled), merges: merges.slice(1) }, '表1', null);
    if (!result.ok) throw new Error('not read');
    expect(result.layout.tables.indicators?.columns).toMatchObject({ level2: 1, level3: 2 });
  });
});

describe('a scoring table without a title: 自评得分 and the sheet tab decide the form', () => {
  const rows: CellScalar[][] = [
    ['一级指标', '二级指标', '三级指标', '评分标准', '分值', '自评得分', '扣分原因和其他说明'],
    ['投入(15分)', '预算配置(15分)', '财政供养人员控制率', '≦100%,计5分', 5, 5, N],
    [N, N, '重点支出安排率', '≥90%,计5分', 5, 5, N],
  ];

  it('is a department self-evaluation when the tab says 部门整体', () => {
    expect(detectTemplate(blockOf(rows), undefined, '部门整体支出绩效评价')).toBe(
      'department-self-evaluation',
    );
    const result = readForm(blockOf(rows), '部门整体支出绩效评价', null);
    expect(result.ok && result.form.template).toBe('department-self-evaluation');
  });

  it('is a project self-evaluation under another tab name', () => {
    expect(detectTemplate(blockOf(rows), undefined, 'Sheet1')).toBe('project-self-evaluation');
  });

  it('is no self-evaluation when the score column does not say 自评', () => {
    const plain = rows.map((row, i) => (i === 0 ? row.map((c) => (c === '自评得分' ? '得分' : c)) : row));
    expect(detectTemplate(blockOf(plain), undefined, 'Sheet1')).toBe('project-goals');
  });
});

describe('a monitoring row whose only texts are its progress and likelihood', () => {
  const rows: CellScalar[][] = [
    ['某市项目支出绩效监控表', N, N, N, N, N],
    ['项目名称', '申遗经费', N, N, N, N],
    ['一级指标', '二级指标', '指标名称', '指标值', '半年度 指标执行情况', '完成目标可能性'],
    ['效益指标', '社会效益', N, N, '先后举办有社会影响力的活动5场', '确定能'],
    ['效益指标', '可持续影响', N, N, N, N],
  ];

  it('is an indicator (name lost), while a row of levels only is not', () => {
    const result = readForm(blockOf(rows), '表1', null);
    if (!result.ok) throw new Error('not read');
    expect(result.form.template).toBe('project-monitoring');
    expect(result.layout.tables.indicators?.columns.progress).toBe(4);
    const readings = readTable(result.form.tables.indicators ?? [], 'indicators');
    expect(readings.map((r) => [r.row + 1, r.kind])).toEqual([
      [4, 'indicator'],
      [5, 'group'],
    ]);
  });
});

describe('a 项目预算 block of cost items closed by 合计', () => {
  const rows: CellScalar[][] = [
    ['某市2022年市直部门预算项目支出绩效目标表', N, N, N, N, N],
    ['项目名称', '办公大楼运行保障', N, N, N, N],
    ['项目预算', '成本构成', '金额', '测算(公式)依据', '2020年实际执行数', '执行率'],
    [N, '保安服务费', 191, '依据招标文件', 191, '100%'],
    [N, '保洁服务费', 99, '依据招标文件', 99, '100%'],
    [N, '水电气、维修维护费', 524, '据实结算', 372.88, '71%'],
    [N, '合计', 814, N, 662.98, '81%'],
    ['一级指标', '二级指标', '三级指标', '年度指标值', N, N],
    ['产出指标', '数量指标', '维修次数', '≥280次', N, N],
  ];

  it('lists each column of amounts with its items and 合计; texts and rates are no sums', () => {
    const { form } = read(rows);
    expect(form.sums).toHaveLength(1);
    const block = form.sums?.[0];
    expect(block?.totalLabel.cell).toBe('B7');
    expect(block?.items.map((f) => f.raw)).toEqual(['保安服务费', '保洁服务费', '水电气、维修维护费']);
    expect(block?.columns.map((c) => [c.header, c.total.cell, c.items.map((f) => f.cell).join(',')])).toEqual(
      [
        ['金额', 'C7', 'C4,C5,C6'],
        ['2020年实际执行数', 'E7', 'E4,E5,E6'],
      ],
    );
    expect(
      check(form)
        .filter((i) => i.code === 'sum_items_mismatch')
        .map((i) => i.cell),
    ).toEqual(['E7']);
  });

  it('reads no sum block where the items are the funds rows of the form (checked by the funds rules)', () => {
    const funds: CellScalar[][] = [
      ['项目支出绩效目标申报表', N, N],
      ['项目名称', '办公大楼运行保障', N],
      ['项目资金', '年度资金总额', N],
      [N, '财政拨款', 80],
      [N, '其他资金', 20],
      [N, '合计', 100],
      ['一级指标', '二级指标', '三级指标'],
      ['产出指标', '数量指标', '维修次数'],
    ];
    expect(read(funds).form.sums).toBeUndefined();
  });
});

describe('a header that names one level less than the form fills (绩效指标 over 产出指标, 一级指标 over 质量)', () => {
  const rows: CellScalar[][] = [
    ['某市项目支出绩效监控表', N, N, N, N],
    ['项目名称', '申遗经费', N, N, N],
    ['绩效指标', '一级 指标', '指标名称', '指标值', '半年度 指标执行情况'],
    ['产 出 指 标', '质量', '验收合格率', '100%', '90%'],
    [N, '成本', '预算控制数', '220万元', '已使用约40%'],
    ['效 益 指 标', '社会效益', '举办活动场次', '5场', '5场'],
    ['偏差或不能完成目标原因分析', N, N, N, N],
  ];

  it('reads the column under 绩效指标 as the 一级 and the one labelled 一级 as the 二级', () => {
    const { form, layout } = read(rows);
    expect(layout.tables.indicators?.columns).toMatchObject({ level1: 0, level2: 1, level3: 2 });
    const readings = readTable(form.tables.indicators ?? [], 'indicators').filter(
      (r) => r.kind === 'indicator',
    );
    expect(readings.map((r) => [r.level1, r.level2, r.name])).toEqual([
      ['产 出 指 标', '质量', '验收合格率'],
      ['产 出 指 标', '成本', '预算控制数'],
      ['效 益 指 标', '社会效益', '举办活动场次'],
    ]);
    expect(form.missing).not.toContain('二级指标');
  });

  it('keeps the header as it is when the column beside 一级指标 holds no first levels', () => {
    const numbered = rows.map((row, i) => (i >= 3 && i <= 5 ? [String(i - 2), ...row.slice(1)] : row));
    const { layout } = read(numbered);
    expect(layout.tables.indicators?.columns).toMatchObject({ level1: 1, level3: 2 });
    expect(layout.tables.indicators?.columns.level2).toBeUndefined();
  });
});

describe('a self-evaluation with no 分值 column: 预算执行 points in the block label (湖北 2020 layout)', () => {
  const { form, layout } = read(pointsInLabelSelfEvaluation());

  it('reads 年度财政资金总额, the 得分(20分*执行率) header and the 年初目标值(A) column', () => {
    expect(form.template).toBe('project-self-evaluation');
    expect(layout.funds?.columns).toEqual({ annualBudget: 2, executed: 3, rate: 4, score: 5 });
    expect(show(form.funds.total?.label)).toBe('B5=年度财政 资金总额');
    expect(layout.tables.indicators?.columns).toMatchObject({ target: 4, actual: 5, score: 6 });
  });

  it('takes the 预算执行 weight from the points the block writes, before the profile’s', () => {
    expect(form.fundsPoints).toEqual({ points: 20, cell: 'A4' });
    const profile = getProfile('default');
    if (profile === null) throw new Error('no default profile');
    // the default profile gives 预算执行 10 points; the form says 20: 20 × 50 % = 10, as the form states
    expect(profile.weights.budget).toBe(10);
    expect(scoreForm(form, profile).execution).toMatchObject({ weight: 20, score: 10, statedScore: 10 });
    expect(codes(check(form))).not.toContain('budget_score_mismatch');
  });

  it('does not ask for a 分值 column the layout never had: the rows carry their 得分', () => {
    expect(form.missing).not.toContain('分值');
    const noScores = pointsInLabelSelfEvaluation().map((row) => row.slice(0, 6));
    expect(read(noScores).form.missing).toContain('分值');
  });

  it('tells a 总分 that is not the sum of its parts (10 + 40 + 40 = 90, stated 100)', () => {
    expect(codes(check(form))).toContain('total_mismatch');
  });

  it('has no 总体目标 block by design: named once as information, not reported missing', () => {
    expect(form.missing).not.toContain('预期目标');
    expect(form.absentByLayout).toEqual(['预期目标', '实际完成情况']);
    const issues = check(form);
    expect(issues.filter((i) => i.code === 'layout_part_absent')).toEqual([
      expect.objectContaining({ severity: 'info', cell: null, params: { labels: '预期目标、实际完成情况' } }),
    ]);
    expect(codes(issues)).not.toContain('required_column_missing');
  });

  it('still reports the block when a goal label is there without its text', () => {
    const withLabel = [...pointsInLabelSelfEvaluation()];
    withLabel.splice(5, 0, ['年度总体目标', N, N, N, N, N, N]);
    expect(read(withLabel).form.missing).toEqual(expect.arrayContaining(['预期目标', '实际完成情况']));
  });

  it('湖北: 效益 rows fill the 效益 + 满意度 group; 满意度 is said as information', () => {
    const hubei = check(form, { profile: 'hubei' });
    expect(codes(hubei)).not.toContain('level1_group_missing');
    expect(hubei.filter((i) => i.code === 'level1_group_shared')).toEqual([
      expect.objectContaining({ severity: 'info', params: { level1: '满意度指标', present: '效益指标' } }),
    ]);
    // The default profile scores 满意度 on its own: there it is a missing group.
    const byDefault = check(form);
    expect(byDefault.filter((i) => i.code === 'level1_group_missing')).toEqual([
      expect.objectContaining({ severity: 'error', params: { level1: '满意度指标' } }),
    ]);
  });
});

describe('a county self-evaluation that scores nothing (no 分值, 得分 or 总分 anywhere)', () => {
  const { form } = read(unscoredCountySelfEvaluation());

  it('is read, and its 分值 and 总分 are absent by design, not missing', () => {
    expect(form.template).toBe('project-self-evaluation');
    expect(form.missing).toEqual([]);
    expect(form.absentByLayout).toEqual(['分值', '总分']);
    expect(check(form).filter((i) => i.severity !== 'info')).toEqual([]);
  });

  it('is asked for 分值 once it scores somewhere (a 总分 row)', () => {
    const withTotal = [...unscoredCountySelfEvaluation(), ['总分', N, N, N, N, N, 100]];
    const read2 = read(withTotal).form;
    expect(read2.missing).toContain('分值');
    expect(read2.absentByLayout).toBeUndefined();
  });

  it('a sheet with only the title keeps every section missing (no body, no layout to follow)', () => {
    const { form: bare } = read([['项目支出绩效自评表']]);
    expect(bare.missing).toEqual(['项目名称', '项目资金', '预期目标', '实际完成情况', '绩效指标', '总分']);
    expect(bare.absentByLayout).toBeUndefined();
  });
});

describe('a goal block whose label 年度总体目标完成情况 is merged down beside 预期目标 | 实际完成情况 (安徽 2022)', () => {
  const rows: CellScalar[][] = [
    ['项目支出绩效自评表', N, N, N, N, N, N, N, N],
    ['项目名称', '水旱灾害防御经费', N, N, N, N, N, N, N],
    ['主管部门', '市水利局', N, N, '实施单位', '市水利局', N, N, N],
    ['项目资金(万元)', N, N, '年初预算数', '全年预算数(A)', '全年执行数(B)', '分值', '执行率(B/A)', '得分'],
    [N, '年度资金总额:', N, 880, 880, 880, 10, '100%', 10],
    ['年度总体目标完成情况', '预期目标', N, N, N, '实际完成情况', N, N, N],
    [N, '完成年度防汛工作', N, N, N, '完成年度目标。', N, N, N],
    [
      '年度绩效指标完成情况',
      '一级指标',
      '二级指标',
      '三级指标',
      '年度指标值',
      '实际完成值',
      '分值',
      '得分',
      '偏差原因分析及改进措施',
    ],
    [N, '产出指标', '数量指标', '完成项目数量', 1, 1, 90, 90, N],
    ['总分', N, N, N, N, N, 100, 100, N],
  ];
  const merges = [
    { top: 5, left: 0, bottom: 6, right: 0 },
    { top: 5, left: 1, bottom: 5, right: 4 },
    { top: 5, left: 5, bottom: 5, right: 8 },
    { top: 6, left: 1, bottom: 6, right: 4 },
    { top: 6, left: 5, bottom: 6, right: 8 },
  ];

  it('takes the label as the block’s name and 实际完成情况 from its own column', () => {
    const result = readForm({ ...blockOf(rows), merges }, '表1', null);
    if (!result.ok) throw new Error('not read');
    expect(show(result.form.goals.expected)).toBe('B7=完成年度防汛工作');
    expect(show(result.form.goals.achieved)).toBe('F7=完成年度目标。');
    expect(codes(check(result.form))).not.toContain('required_field_missing');
  });

  it('without the merge, the label stands over its own column as before', () => {
    const result = readForm(blockOf(rows), '表1', null);
    if (!result.ok) throw new Error('not read');
    expect(show(result.form.goals.achieved)).toBe('A7=');
  });
});

describe('a 三级 name merged down over the rows of its criteria (铜陵 2021 奖补自评表)', () => {
  // A second row under 服务外包企业数量 with its own values, the name merged over both rows (D7:D8).
  const rows = [...pointsInLabelSelfEvaluation()];
  rows.splice(7, 0, [N, N, N, N, 5, 5, 0]);
  const level3Empty = (merges: { top: number; left: number; bottom: number; right: number }[]) => {
    const result = readForm({ ...blockOf(rows), merges }, '表1', null);
    if (!result.ok) throw new Error('not read');
    return check(result.form)
      .filter((i) => i.code === 'level3_empty')
      .map((i) => i.cell);
  };

  it('names the second row too: no 三级 reported empty inside the merge', () => {
    expect(level3Empty([{ top: 6, left: 3, bottom: 7, right: 3 }])).toEqual([]);
  });

  it('still reports a 三级 left blank where no merge covers it', () => {
    expect(level3Empty([])).toEqual(['D8']);
  });
});

describe('a monitoring form whose 项目单位(盖章) stamp line is blank and whose 项目执行单位 is filled (黄石 2019)', () => {
  const rows: CellScalar[][] = [
    ['黄石市项目支出绩效监控表', N, N, N, N, N, N],
    ['项目单位(盖章): 单位:万元', N, N, N, N, N, N],
    ['项目名称', '申遗经费', N, N, N, N, N],
    ['主管部门', '市文化和旅游局', N, '项目执行单位', '市文物局', N, N],
    ['项目资金 (万元)', N, '年初预算数', '1-6月执行数', '全年预计执行数', N, N],
    ['年度资金总额:', N, 220, 87.57, N, N, N],
    ['绩效指标', '一级指标', '二级指标', '指标名称', '指标值', '半年度指标执行情况', '完成目标可能性'],
    [N, '产出指标', '成本指标', '预算控制', '年度预算220万元', '已使用约40%', '确定能'],
  ];

  it('reads 项目执行单位 as the 实施单位', () => {
    const { form } = read(rows);
    expect(form.template).toBe('project-monitoring');
    expect(show(form.header.implementingUnit)).toBe('E4=市文物局');
    expect(check(form).filter((i) => i.code === 'required_field_missing')).toEqual([]);
  });
});
