/**
 * Messages quote workbook text as the person wrote it (trimmed, a line break shown as a space, nothing else
 * changed), so the quote can be found in the sheet; matching keeps reading the folded text, so full-width and
 * half-width spellings of one name still pair up.
 */
import type { Issue } from '../../../src/domain/checks/issue';
import type { ParsedForm } from '../../../src/domain/forms/form-model';
import { readRow } from '../../../src/domain/forms/row-reading';
import { cellText, displayText } from '../../../src/domain/grid/parse';
import { renderIssue } from '../../../src/domain/messages/render';
import {
  buildForm,
  cleanExAnteCriteria,
  cleanGoalIndicators,
  cleanSelfEvaluationIndicators,
  exAnteForm,
  goalsForm,
  selfEvaluation,
  withRow,
  type RowSpec,
} from '../../helpers/forms';
import { check } from './context';

function issuesOf(issues: readonly Issue[], code: string): Issue[] {
  return issues.filter((i) => i.code === code);
}

/** The self-evaluation with its first indicator renamed (and patched). */
function seRenamed(level3: string, patch: RowSpec = {}): ParsedForm {
  return selfEvaluation({ indicators: withRow(cleanSelfEvaluationIndicators(), 0, { level3, ...patch }) });
}

/** Goals whose first indicator has this name, in the same form as the self-evaluation's fixtures. */
function goalsNamed(level3: string): ParsedForm {
  return goalsForm({ indicators: withRow(cleanGoalIndicators(), 0, { level3 }) });
}

describe('displayText', () => {
  test('keeps full-width punctuation, brackets and digits; trims; shows line breaks as spaces', () => {
    expect(displayText('  评估，并集体决策 ')).toBe('评估，并集体决策');
    expect(displayText('满意度（%）')).toBe('满意度（%）');
    expect(displayText('完成１２处')).toBe('完成１２处');
    expect(displayText('工程验收\n合格率')).toBe('工程验收 合格率');
    expect(displayText('工程验收\r\n合格率')).toBe('工程验收 合格率');
    expect(displayText('受益  群众')).toBe('受益  群众');
    expect(displayText('\u3000 \n')).toBeNull();
    expect(displayText(null)).toBeNull();
    expect(displayText(12.5)).toBe('12.5');
  });

  test('matching text is still folded', () => {
    expect(cellText('评估，并集体决策')).toBe('评估,并集体决策');
    expect(cellText('完成１２处')).toBe('完成12处');
  });

  test('a row reading carries the name and levels both ways', () => {
    const reading = readRow({
      row: 13,
      fields: {
        level1: { raw: '产出指标（一）', cell: 'A14', formula: null },
        level2: { raw: '数量\n指标', cell: 'B14', formula: null },
        level3: { raw: '完成１２处，验收', cell: 'C14', formula: null },
      },
    });
    expect(reading.name).toBe('完成12处,验收');
    expect(reading.shown).toEqual({
      level1: '产出指标（一）',
      level2: '数量 指标',
      name: '完成１２处，验收',
    });
    expect(reading.level1).toBe('产出指标(一)');
  });
});

describe('a full-width comma', () => {
  const criterion = '经过可行性研究、专家论证或风险评估，并集体决策';

  test('an ex-ante criterion is quoted with its comma as written', () => {
    const form = exAnteForm({
      indicators: withRow(cleanExAnteCriteria(), 0, { level3: criterion, rating: 'A' }),
    });
    const [issue] = issuesOf(check(form), 'rating_invalid');
    expect(issue?.params['name']).toBe(criterion);
    expect(renderIssue(issue!)).toContain(`“${criterion}”`);
    expect(renderIssue(issue!)).not.toContain('评估,并集体决策');
  });

  test('duplicates are still found across the two commas, and the repeat is quoted as written', () => {
    const rows = cleanSelfEvaluationIndicators();
    const form = selfEvaluation({
      indicators: [
        { ...rows[0], level3: '新建供水工程,含管网' },
        { ...rows[0], level3: '新建供水工程，含管网', weight: 0, score: 0 },
        ...rows.slice(1),
      ],
    });
    const found = issuesOf(check(form), 'duplicate_indicator');
    expect(found.map((i) => i.params)).toEqual([{ name: '新建供水工程，含管网', firstRow: 14 }]);
  });
});

describe('full-width brackets', () => {
  test('a cross-stage check still pairs 满意度（%） with 满意度(%) and quotes the sheet being checked', () => {
    const form = seRenamed('满意度(%)', { target: 8 });
    const issues = check(form, { goals: goalsNamed('满意度（%）') });
    expect(issuesOf(issues, 'goal_indicator_removed')).toEqual([]);
    expect(issuesOf(issues, 'goal_indicator_added')).toEqual([]);
    const [changed] = issuesOf(issues, 'goal_target_changed');
    expect(changed?.params['name']).toBe('满意度(%)');

    const other = check(seRenamed('满意度（%）', { target: 8 }), { goals: goalsNamed('满意度(%)') });
    const [back] = issuesOf(other, 'goal_target_changed');
    expect(back?.params['name']).toBe('满意度（%）');
    expect(renderIssue(back!)).toContain('“满意度（%）”');
  });

  test('an indicator left out of the self-evaluation is quoted as the goal sheet writes it', () => {
    const form = selfEvaluation({ indicators: cleanSelfEvaluationIndicators().slice(1) });
    const [removed] = issuesOf(
      check(form, { goals: goalsNamed('新建供水工程（一期）') }),
      'goal_indicator_removed',
    );
    expect(removed?.params['name']).toBe('新建供水工程（一期）');
  });

  test('a first level the framework does not know is quoted with its brackets', () => {
    const form = selfEvaluation({
      indicators: withRow(cleanSelfEvaluationIndicators(), 0, { level1: '其他指标（自定）' }),
    });
    const [unknown] = issuesOf(check(form), 'unknown_level1');
    expect(unknown?.params['level1']).toBe('其他指标（自定）');
  });
});

describe('full-width digits in a name', () => {
  test('the name is quoted with its digits as typed and still pairs with the goals', () => {
    const form = seRenamed('完成１２处', { actual: null });
    const issues = check(form, { goals: goalsNamed('完成12处') });
    const [missing] = issuesOf(issues, 'actual_missing');
    expect(missing?.params['name']).toBe('完成１２处');
    expect(issuesOf(issues, 'goal_indicator_removed')).toEqual([]);
    expect(issuesOf(issues, 'goal_indicator_added')).toEqual([]);
  });

  test('a value is quoted as typed too', () => {
    const form = seRenamed('新建供水工程', { weight: '二十（２０）' });
    const [weight] = issuesOf(check(form), 'weight_not_number');
    expect(weight?.params['value']).toBe('二十（２０）');
  });
});

describe('a name with a line break', () => {
  test('is quoted with a space where the break is, and still matches the name on one line', () => {
    const form = seRenamed('新建供水\n工程', { actual: null });
    const issues = check(form, { goals: goalsForm() });
    const [missing] = issuesOf(issues, 'actual_missing');
    expect(missing?.params['name']).toBe('新建供水 工程');
    expect(issuesOf(issues, 'goal_indicator_removed')).toEqual([]);
  });

  test('a level written over two lines is quoted on one', () => {
    const rows = cleanSelfEvaluationIndicators();
    const form = buildForm('project-self-evaluation', {
      indicators: withRow(rows, 0, { level1: '其他\r\n指标' }),
      total: 100,
      grade: '优',
    });
    const [unknown] = issuesOf(check(form), 'unknown_level1');
    expect(unknown?.params['level1']).toBe('其他 指标');
  });
});
