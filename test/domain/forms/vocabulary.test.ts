import builtInData from '../../../src/domain/forms/data/vocabulary.json';
import { labelIndex } from '../../../src/domain/forms/label-index';
import {
  BUILT_IN_VOCABULARY,
  extendVocabulary,
  loadVocabulary,
  parseVocabularyExtensionJson,
  type VocabularyError,
} from '../../../src/domain/forms/vocabulary';

const clone = (): Record<string, unknown> =>
  JSON.parse(JSON.stringify(builtInData)) as Record<string, unknown>;
const paths = (errors: readonly VocabularyError[]): string[] => errors.map((e) => e.path);

function errorsOf(result: ReturnType<typeof loadVocabulary>): VocabularyError[] {
  if (result.ok) throw new Error('expected the vocabulary to be rejected');
  return result.errors;
}

describe('the built-in vocabulary file', () => {
  it('passes the strict schema and the semantic rules', () => {
    const result = loadVocabulary(builtInData);
    expect(result.ok).toBe(true);
  });

  it('keeps every canonical label the templates print', () => {
    expect(BUILT_IN_VOCABULARY.header.projectName.canonical).toBe('项目名称');
    expect(BUILT_IN_VOCABULARY.columns.target.canonical).toBe('年度指标值');
    expect(BUILT_IN_VOCABULARY.titles['project-self-evaluation'].canonical).toBe('项目支出绩效自评表');
  });
});

describe('bad vocabulary data fails loudly with the path of each error', () => {
  it('names an unknown key where it is', () => {
    const data = clone();
    (data.columns as Record<string, unknown>).targte = { canonical: '指标值', synonyms: [] };
    expect(paths(errorsOf(loadVocabulary(data)))).toEqual(['columns.targte']);
  });

  it('names a wrong type and a missing label', () => {
    const data = clone();
    const header = data.header as Record<string, unknown>;
    header.projectName = { canonical: '项目名称', synonyms: '项目支出名称' };
    delete header.year;
    const errors = paths(errorsOf(loadVocabulary(data)));
    expect(errors).toContain('header.projectName.synonyms');
    expect(errors).toContain('header.year');
  });

  it('rejects a normalisation pattern that is no regular expression', () => {
    const data = clone();
    (data.normalisation as { numbering: string[] }).numbering = ['^[一二'];
    expect(paths(errorsOf(loadVocabulary(data)))).toEqual(['normalisation.numbering[0]']);
  });

  it('rejects a label that normalises to nothing and one wording given to two fields', () => {
    const data = clone();
    const header = data.header as Record<string, { canonical: string; synonyms: string[] }>;
    header.year = { canonical: '年度', synonyms: ['（盖章）'] };
    header.evaluator = { canonical: '评价机构', synonyms: ['项目名称'] };
    const errors = errorsOf(loadVocabulary(data));
    expect(paths(errors)).toEqual(['header.year.synonyms[0]', 'header.evaluator.synonyms[0]']);
    expect(errors[1]?.message).toContain('header.projectName');
  });

  it('reports invalid JSON as an error, not an exception', () => {
    const result = parseVocabularyExtensionJson('{ "id": ');
    expect(result.ok).toBe(false);
    expect(errorsOf(result)[0]?.path).toBe('');
  });
});

describe('extendVocabulary', () => {
  it('appends synonyms, sections and title rules of a jurisdiction', () => {
    const result = extendVocabulary(BUILT_IN_VOCABULARY, {
      id: 'test-province',
      name: '某省表样用语',
      header: { projectName: { synonyms: ['项目全称'] } },
      sections: ['资金安排情况'],
      titleWords: { rules: [{ words: ['考评'], template: 'project-self-evaluation' }] },
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const vocabulary = result.vocabulary;
    expect(vocabulary.header.projectName.synonyms).toContain('项目全称');
    expect(vocabulary.header.projectName.synonyms).toContain('项目支出名称');
    expect(vocabulary.sections).toContain('资金安排情况');
    expect(vocabulary.titleWords.rules[0]?.words).toEqual(['考评']);
    // The built-in vocabulary is untouched.
    expect(BUILT_IN_VOCABULARY.header.projectName.synonyms).not.toContain('项目全称');
    const index = labelIndex(vocabulary);
    expect(index.lookup(index.keyOf('项目全称：')).header).toBe('projectName');
    expect(index.titleTemplate(index.keyOf('2023年度项目绩效考评表'))).toBe('project-self-evaluation');
  });

  it('lists every error of an extension with its path', () => {
    const result = extendVocabulary(BUILT_IN_VOCABULARY, {
      id: 'Bad Id',
      name: '',
      header: { projectName: { synonyms: [] }, unknownField: { synonyms: ['x'] } },
      normalisation: { replacements: [{ pattern: '(', with: '' }] },
    });
    expect(paths(errorsOf(result)).sort()).toEqual(
      [
        'header.projectName.synonyms',
        'header.unknownField',
        'id',
        'name',
        'normalisation.replacements[0].pattern',
      ].sort(),
    );
  });

  it('rejects an added wording that already names another field', () => {
    const result = extendVocabulary(BUILT_IN_VOCABULARY, {
      id: 'clash',
      name: '冲突',
      header: { department: { synonyms: ['项目支出名称'] } },
    });
    const errors = errorsOf(result);
    expect(paths(errors)).toHaveLength(1);
    expect(paths(errors)[0]).toMatch(/^header\.department\.synonyms\[\d+\]$/);
  });
});

describe('normalisation rules', () => {
  const index = labelIndex();
  const hit = (text: string) => index.lookup(index.keyOf(text));

  it.each([
    ['全年预算数（A）', 'fundsCol', 'annualBudget'],
    ['全年预算数(A)', 'fundsCol', 'annualBudget'],
    ['全年执行数【B】', 'fundsCol', 'executed'],
    ['执行率(B/A)', 'fundsCol', 'rate'],
    ['执行率（B/A）', 'fundsCol', 'rate'],
    ['年初预算数(A)', 'fundsCol', 'initialBudget'],
    ['分值(10分)', 'fundsCol', 'weight'],
    ['得分（B/A×分值）', 'fundsCol', 'score'],
    ['实施单位（盖章）', 'header', 'implementingUnit'],
    ['主管部门（签章）：', 'header', 'department'],
    ['主管部门(盖章):', 'header', 'department'],
    ['项目资金（万元）', 'section', true],
    ['资金情况 (万元)', 'section', true],
    ['项目预算\n执行情况\n(10分)', 'section', true],
    ['其中：中央补助', 'fundsRow', 'fiscal'],
    ['其中:本年一般公共预算拨款', 'fundsRow', 'fiscal'],
    ['（一）项目资金', 'section', true],
    ['一、绩效指标', 'section', true],
    ['1.项目名称', 'header', 'projectName'],
    ['绩 效 指 标', 'section', true],
    ['一级\n指标', 'column', 'level1'],
    ['项目支出名称', 'header', 'projectName'],
    ['项目(政策)名称', 'header', 'projectName'],
    ['主管预算部门', 'header', 'department'],
    ['主管部门及代码', 'header', 'department'],
    ['主管主管部门', 'header', 'department'],
    ['资金使用单位', 'header', 'implementingUnit'],
    ['下达地方或单位', 'header', 'implementingUnit'],
    ['年度指标值', 'column', 'target'],
    ['预期指标值(A)', 'column', 'target'],
    ['年度目标值', 'column', 'target'],
    ['实际完成值', 'column', 'actual'],
    ['全年实际值(B)', 'column', 'actual'],
    ['实际完成指标值(B)', 'column', 'actual'],
    ['实际完成情况', 'column', 'actual'],
    ['单项指标得分', 'column', 'score'],
    ['未完成原因', 'column', 'deviation'],
    ['未完成原因分析', 'column', 'deviation'],
    ['1-6月执行数', 'fundsCol', 'executed'],
    ['1—9月执行数', 'fundsCol', 'executed'],
    ['截至9月执行数', 'fundsCol', 'executed'],
    ['年初预算', 'fundsCol', 'initialBudget'],
    ['全年预算', 'fundsCol', 'annualBudget'],
    ['调整后预算数', 'fundsCol', 'annualBudget'],
    ['得分计算方法', 'extra', true],
    ['指 标 解 释', 'extra', true],
  ])('%s', (text, kind, value) => {
    expect(hit(text)).toMatchObject({ [kind]: value });
  });

  it('reads 偏差原因 as the cause of a monitoring form and the deviation of a self-evaluation', () => {
    expect(hit('偏差原因').columns).toEqual(['cause', 'deviation']);
  });

  it('takes a unit note and a year line for no label', () => {
    expect(index.keyOf('单位：万元')).toBe('');
    expect(index.keyOf('（2021年度）')).toBe('');
  });

  it('keeps brackets that are part of the label', () => {
    expect(index.keyOf('项目(政策)名称')).toBe('项目政策名称');
  });
});

describe('title words', () => {
  const index = labelIndex();
  const title = (text: string) => index.titleTemplate(index.keyOf(text));

  it.each([
    ['抗疫特别国债项目(打捆项目)绩效目标自评表', 'project-self-evaluation'],
    ['区级部门预算项目支出绩效自评表', 'project-self-evaluation'],
    ['2021年度部门整体支出绩效自评表', 'department-self-evaluation'],
    ['项目支出绩效运行监控表（1-6月）', 'project-monitoring'],
    ['2022年重点项目绩效监控情况表', 'project-monitoring'],
    ['2020年省级财政水利发展资金绩效目标表', 'project-goals'],
    ['省级部门预算项目支出绩效目标表(2023年度)', 'project-goals'],
    ['部门整体绩效目标表', 'department-goals'],
    ['项目事前绩效评估表', 'ex-ante-assessment'],
    ['项目支出绩效评价评分表', 'key-evaluation'],
    ['浙江省项目支出绩效评价报告(防尘洗护费)', 'key-evaluation'],
  ])('%s', (text, template) => {
    expect(title(text)).toBe(template);
  });

  it.each(['年度绩效目标', '评价类型:事前评价□ 事中评价□', '项目支出绩效自评表填报说明', '绩效指标'])(
    '%s is no title',
    (text) => {
      expect(title(text)).toBeNull();
    },
  );
});
