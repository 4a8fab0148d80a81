import { analyseForm } from '../../src/app/analyse-form';
import { fileResult, sheetResult } from '../../src/app/batch-report';
import { builtInSettings } from '../../src/app/engine-settings';
import { textReport } from '../../src/app/report-text';
import type { ParsedForm } from '../../src/domain/forms/form-model';
import {
  cleanGoalIndicators,
  cleanSelfEvaluationIndicators,
  goalsForm,
  selfEvaluation,
  withRow,
} from '../helpers/forms';

const built = builtInSettings('default', 'classic-2020');
if (built === null) throw new Error('built-in settings missing');
const settings = built;

function report(form: ParsedForm) {
  const { scores, issues } = analyseForm(form, settings);
  return { sheet: form.sheet, template: form.template, source: form.source, form, issues, scores };
}

describe('the JSON report', () => {
  it('lists every row read, skipped ones with their kind, and marks a partial total', () => {
    const rows = [
      ...withRow(cleanSelfEvaluationIndicators(), 1, { actual: null }),
      { level3: '其中：新建水厂', target: 2, actual: 2 },
      { level3: '指标2：' },
    ];
    const result = sheetResult(report(selfEvaluation({ indicators: rows })), 'zh-CN');
    expect(result.rows.map((r) => r.kind)).toEqual([
      ...cleanSelfEvaluationIndicators().map(() => 'indicator'),
      'breakdown',
      'placeholder',
    ]);
    const first = result.rows[0];
    expect(first).toMatchObject({
      row: 14,
      table: 'indicators',
      level1: '产出指标',
      level2: '数量指标',
      name: '新建供水工程',
      operator: '≥',
      operatorSource: 'column',
      target: 10,
      unit: '处',
      actual: 10,
      weight: 20,
      score: 20,
      statedScore: 20,
    });
    expect(result.rows[1]).toMatchObject({ score: null, unscorable: 'missing_actual', percent: true });
    const indicatorCount = cleanSelfEvaluationIndicators().length;
    expect(result.scores.partial).toEqual({ scored: indicatorCount, of: indicatorCount + 1 });
    expect(result.scores.grade).toBeNull();

    const text = textReport(
      {
        files: [
          fileResult(
            'a.xlsx',
            { sheets: [report(selfEvaluation({ indicators: rows }))], unrecognized: [] },
            'zh-CN',
          ),
        ],
        summary: {
          files: 1,
          checked: 1,
          unreadable: 0,
          unrecognized: 0,
          errors: 0,
          warnings: 0,
          infos: 0,
          mismatches: 0,
          ungraded: 1,
        },
      },
      'zh-CN',
    );
    expect(text).toContain(`部分重算：${indicatorCount}/${indicatorCount + 1} 行可计分，不评级`);
  });

  it('gives the rows of a goal form too', () => {
    const result = sheetResult(report(goalsForm({ indicators: cleanGoalIndicators() })), 'en');
    expect(result.rows.length).toBe(cleanGoalIndicators().length);
    expect(result.rows.every((r) => r.kind === 'indicator' && r.score === null)).toBe(true);
    expect(result.scores.partial).toBeNull();
  });
});
