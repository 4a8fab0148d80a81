/**
 * No grade for an unfinished form: the score model says provisional (暂定) while an error remains or a part
 * has no score, and then carries no grade and no recommendation; the JSON report, the text report and the
 * batch summary read the same status.
 */
import { analyseForm } from '../../src/app/analyse-form';
import { fileResult, summarize } from '../../src/app/batch-report';
import { builtInSettings } from '../../src/app/engine-settings';
import { FormSession } from '../../src/app/form-session';
import { insertTemplate } from '../../src/app/insert-template';
import { MemoryWorkbook } from '../../src/hosts/memory/memory-workbook';
import { textReport } from '../../src/app/report-text';
import type { ParsedForm } from '../../src/domain/forms/form-model';
import { cleanSelfEvaluationIndicators, selfEvaluation, withRow } from '../helpers/forms';

const built = builtInSettings('default', 'classic-2020');
if (built === null) throw new Error('built-in settings missing');
const settings = built;

function sheetOf(form: ParsedForm) {
  const { scores, issues } = analyseForm(form, settings);
  return { sheet: form.sheet, template: form.template, source: form.source, form, issues, scores };
}

describe('score status', () => {
  it('a complete form without errors is final: graded, with its recommendation', () => {
    const { scores, issues } = analyseForm(selfEvaluation(), settings);
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(scores.status).toEqual({ kind: 'final', errors: 0, unscored: 0 });
    expect(scores.grade).not.toBeNull();
    expect(scores.recommendation).not.toBeNull();
  });

  it('an open error makes the total provisional: no grade, no recommendation, the count of errors', () => {
    // A weight of 30 instead of 20 breaks the sum of weights (an error), every row is still scored.
    const form = selfEvaluation({ indicators: withRow(cleanSelfEvaluationIndicators(), 0, { weight: 30 }) });
    const { scores, issues } = analyseForm(form, settings);
    const errors = issues.filter((i) => i.severity === 'error').length;
    expect(errors).toBeGreaterThan(0);
    expect(scores.total).not.toBeNull();
    expect(scores.status).toEqual({ kind: 'provisional', errors, unscored: 0 });
    expect(scores.grade).toBeNull();
    expect(scores.recommendation).toBeNull();
  });

  it('a row without a score makes it provisional too, and the reports say why it is not graded', () => {
    const form = selfEvaluation({
      indicators: withRow(cleanSelfEvaluationIndicators(), 1, { actual: null }),
    });
    const sheet = sheetOf(form);
    expect(sheet.scores.status.kind).toBe('provisional');
    expect(sheet.scores.status.unscored).toBe(1);
    expect(sheet.scores.grade).toBeNull();

    const file = fileResult('a.xlsx', { sheets: [sheet], unrecognized: [] }, 'zh-CN');
    expect(file.sheets[0]?.scores.status).toEqual(sheet.scores.status);
    const summary = summarize([
      file,
      fileResult('b.xlsx', { sheets: [sheetOf(selfEvaluation())], unrecognized: [] }, 'zh-CN'),
    ]);
    expect(summary.ungraded).toBe(1);
    const text = textReport({ files: [file], summary }, 'zh-CN');
    expect(text).toContain('暂定（未评级：');
    expect(text).toContain('1 行未计分');
    expect(text).toContain('1 张表未评级');
    const en = textReport(
      { files: [fileResult('a.xlsx', { sheets: [sheet], unrecognized: [] }, 'en')], summary },
      'en',
    );
    expect(en).toContain('1 row unscored');
  });
});

describe('score status in a live session', () => {
  it('a freshly inserted form is provisional with its open errors and unscored rows, as checkWorkbook says', async () => {
    const book = new MemoryWorkbook();
    const { sheet } = await insertTemplate(book, { template: 'ex-ante-assessment', settings });
    const session = await FormSession.open(book, sheet, settings, {
      template: 'ex-ante-assessment',
      version: null,
    });
    if (session === null) throw new Error('test setup: the inserted form was not read');
    // Nobody has typed yet: the empty required cells are to-dos (待填写), which withhold the grade as errors do.
    const { issues, todo } = session.progress;
    expect(todo.length).toBeGreaterThan(0);
    expect(session.scores.status).toEqual({
      kind: 'provisional',
      errors: issues.filter((i) => i.severity === 'error').length,
      unscored: session.scores.indicators.length,
      todo: todo.length,
    });
    expect(session.scores.indicators.length).toBeGreaterThan(0);
    expect(session.scores.conclusion).toBeNull();
    expect(session.scores.recommendation).toBeNull();
    // 全部重新检查 counts them as errors, as checkWorkbook does.
    session.strict = true;
    const errors = session.issues.filter((i) => i.severity === 'error').length;
    expect(session.scores.status).toEqual({
      kind: 'provisional',
      errors,
      unscored: session.scores.indicators.length,
    });
    const whole = analyseForm(session.parsed, settings);
    expect(session.scores.status).toEqual(whole.scores.status);
  });
});
