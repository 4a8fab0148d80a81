/**
 * The recipe of src/domain/forms/README.md, done: a province's wording is a data file plus this test, and no
 * code. The file `provinces/example-province.json` extends the built-in vocabulary; the same grid is not
 * read without it and is read completely with it, by the reader and by the check-workbook use case.
 */
import { checkWorkbook } from '../../../src/app/check-workbook';
import { builtInSettings } from '../../../src/app/engine-settings';
import { detectTemplate } from '../../../src/domain/forms/detect';
import { readForm } from '../../../src/domain/forms/read-form';
import { BUILT_IN_VOCABULARY, extendVocabulary, type Vocabulary } from '../../../src/domain/forms/vocabulary';
import type { CellScalar } from '../../../src/domain/grid/cell';
import { MemoryWorkbook } from '../../../src/hosts/memory/memory-workbook';
import { blockOf } from '../../helpers/grid';
import province from './provinces/example-province.json';

const N = null;

/** A self-evaluation in the province's own words. */
const GRID: CellScalar[][] = [
  ['2023年度项目支出绩效考评表', N, N, N, N, N, N],
  ['项目全称', '乡村道路养护', N, '归口管理部门', '交通运输局', N, N],
  ['项目承担单位（考评填写）', '公路养护中心', N, N, N, N, N],
  ['资金到位及使用情况', '核定预算数', '实际拨付数', '分值', '执行率', '得分', N],
  ['年度资金总额', 200, 190, 10, '95%', 9.5, N],
  ['计划目标', N, N, '目标实现情况', N, N, N],
  ['完成50公里道路养护', N, N, '完成52公里道路养护', N, N, N],
  ['一级指标', '二级指标', '三级指标', '计划值', '完成数值', '标准分', '考评得分'],
  ['产出指标', '数量指标', '养护里程', '≥50公里', '52公里', 50, 50],
  ['满意度指标', '服务对象满意度指标', '群众满意度', '≥90%', '93%', 40, 40],
  ['考评总分', N, N, N, N, N, 99.5],
  ['考评等次', '优', N, N, N, N, N],
];

function provinceVocabulary(): Vocabulary {
  const result = extendVocabulary(BUILT_IN_VOCABULARY, province);
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return result.vocabulary;
}

describe('a province’s wording as data', () => {
  it('is a valid extension of the built-in vocabulary', () => {
    expect(provinceVocabulary().id).toBe('example-province');
  });

  it('is needed: the built-in words do not read this form as a self-evaluation', () => {
    expect(detectTemplate(blockOf(GRID))).not.toBe('project-self-evaluation');
  });

  it('reads every part of the form with the extension', () => {
    const vocabulary = provinceVocabulary();
    expect(detectTemplate(blockOf(GRID), vocabulary)).toBe('project-self-evaluation');
    const result = readForm(blockOf(GRID), '考评表', null, { vocabulary });
    if (!result.ok) throw new Error(result.reason);
    const { form, layout } = result;
    expect(form.missing).toEqual([]);
    expect(form.labelGuesses).toBeUndefined();
    expect(form.header.projectName?.raw).toBe('乡村道路养护');
    expect(form.header.department?.raw).toBe('交通运输局');
    expect(form.header.implementingUnit?.raw).toBe('公路养护中心');
    expect(layout.funds?.columns).toEqual({ annualBudget: 1, executed: 2, weight: 3, rate: 4, score: 5 });
    expect(form.goals.achieved?.raw).toBe('完成52公里道路养护');
    expect(layout.tables.indicators?.columns).toMatchObject({ target: 3, actual: 4, weight: 5, score: 6 });
    expect(form.tables.indicators?.map((row) => row.fields.level3?.raw)).toEqual(['养护里程', '群众满意度']);
    expect(form.total.raw).toBe(99.5);
    expect(form.grade.raw).toBe('优');
  });

  it('reaches the reader through the engine settings of a use case', async () => {
    const book = new MemoryWorkbook();
    await book.applyPlan({
      formSheet: '考评表',
      ops: [
        { kind: 'ensureSheet', sheet: '考评表', visibility: 'visible', ifExists: 'fail' },
        { kind: 'writeBlock', sheet: '考评表', topLeft: 'A1', values: GRID },
      ],
    });
    const settings = builtInSettings();
    if (settings === null) throw new Error('no built-in settings');
    const withProvince = await checkWorkbook(book, {
      settingsFor: () => ({ ...settings, vocabulary: provinceVocabulary() }),
    });
    expect(withProvince.sheets.map((s) => s.template)).toEqual(['project-self-evaluation']);
    const codes = withProvince.sheets[0]?.issues.map((i) => i.code) ?? [];
    expect(codes).not.toContain('required_column_missing');
    expect(codes).not.toContain('required_field_missing');
    const builtIn = await checkWorkbook(book, { settingsFor: () => settings });
    expect(builtIn.sheets.map((s) => s.template)).not.toEqual(['project-self-evaluation']);
  });
});
