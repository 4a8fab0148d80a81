import fc from 'fast-check';
import {
  checkForm,
  checkFormLevel,
  checkRow,
  ENGINE_ISSUE_CODES,
  RULES,
  sortIssues,
  unrecognizedFormIssue,
} from '../../../src/domain/checks/registry';
import type { Issue } from '../../../src/domain/checks/issue';
import { parseA1 } from '../../../src/domain/grid/address';
import { getFramework } from '../../../src/domain/framework/frameworks';
import { getProfile } from '../../../src/domain/profiles/profiles';
import { scoreForm } from '../../../src/domain/scoring/score';
import { cleanSelfEvaluationIndicators, selfEvaluation, withRow } from '../../helpers/forms';
import { parsedForm } from '../../helpers/random-forms';
import { contextFor } from './context';

const rowCodes = new Set(RULES.filter((r) => r.scope === 'row').map((r) => r.code));
const formCodes = new Set(RULES.filter((r) => r.scope === 'form').map((r) => r.code));

/** A self-evaluation with problems on two rows and in the total. */
function troubled() {
  const indicators = withRow(withRow(cleanSelfEvaluationIndicators(), 0, { unit: null, actual: 8 }), 4, {
    operator: '约',
  });
  return selfEvaluation({ indicators: indicators.slice(0, 6), total: 90 });
}

describe('the registry', () => {
  test('codes are lower_snake and unique, each rule applies to some template and lists its params once', () => {
    const codes = RULES.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const rule of RULES) {
      expect(rule.code).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
      expect(rule.templates.length).toBeGreaterThan(0);
      expect(new Set(rule.params).size).toBe(rule.params.length);
    }
    expect(Object.keys(ENGINE_ISSUE_CODES).some((code) => codes.includes(code))).toBe(false);
  });

  test('issues come in sheet order: whole-form issues first, then by row and column', () => {
    const issues = checkForm(troubled(), contextFor(troubled()));
    expect(issues.length).toBeGreaterThan(3);
    const keys = issues.map((i) => (i.cell === null ? { row: -1, col: -1 } : parseA1(i.cell)));
    const sorted = [...keys].sort((a, b) => a.row - b.row || a.col - b.col);
    expect(keys).toEqual(sorted);
    expect(issues[0]?.cell).toBeNull();
  });

  test('sortIssues puts AA after Z and row 10 after row 9', () => {
    const at = (cell: string | null): Issue => ({
      code: 'x',
      severity: 'info',
      sheet: 's',
      cell,
      params: {},
    });
    expect(sortIssues([at('A10'), at('AA9'), at('Z9'), at(null), at('B9')]).map((i) => i.cell)).toEqual([
      null,
      'B9',
      'Z9',
      'AA9',
      'A10',
    ]);
  });

  test('checkRow gives exactly the row-scoped issues of that row', () => {
    const form = troubled();
    const ctx = contextFor(form);
    const all = checkForm(form, ctx);
    const row = 13;
    const expected = all.filter(
      (i) => rowCodes.has(i.code) && i.cell !== null && Number(/\d+$/.exec(i.cell)?.[0]) === row + 1,
    );
    const got = checkRow(form, 'indicators', row, ctx);
    expect(got.length).toBeGreaterThan(0);
    expect(got).toEqual(expected);
    expect(checkRow(form, 'indicators', 999, ctx)).toEqual([]);
  });

  test('checkFormLevel gives exactly the form-scoped issues', () => {
    const form = troubled();
    const ctx = contextFor(form);
    const got = checkFormLevel(form, ctx);
    expect(got.map((i) => i.code)).toEqual(['level1_group_missing', 'weight_sum_not_100']);
    expect(got).toEqual(checkForm(form, ctx).filter((i) => formCodes.has(i.code)));
  });

  test('a sheet that holds no form', () => {
    expect(unrecognizedFormIssue('Sheet3')).toEqual({
      code: 'form_unrecognized',
      severity: 'warning',
      sheet: 'Sheet3',
      cell: null,
      params: { sheet: 'Sheet3' },
    });
  });
});

describe('on random forms', () => {
  const profiles = ['default', 'hubei'].map((id) => getProfile(id));
  const frameworks = ['classic-2020', 'core-2021'].map((id) => getFramework(id));

  test('checkForm never throws, and every issue carries its rule’s code, severity, sheet and params', () => {
    const byCode = new Map(RULES.map((r) => [r.code, r]));
    fc.assert(
      fc.property(parsedForm, fc.option(parsedForm), fc.nat(1), fc.nat(1), (form, goals, p, f) => {
        const profile = profiles[p];
        const framework = frameworks[f];
        if (!profile || !framework) throw new Error('test setup: profile or framework missing');
        const ctx = { profile, framework, scores: scoreForm(form, profile), goals };
        const issues = checkForm(form, ctx);
        for (const issue of issues) {
          const rule = byCode.get(issue.code);
          expect(rule).toBeDefined();
          expect(issue.severity).toBe(rule?.severity);
          expect(issue.sheet).toBe(form.sheet);
          expect(Object.keys(issue.params).sort()).toEqual([...(rule?.params ?? [])].sort());
        }
        for (const key of ['indicators', 'criteria', 'tasks'] as const) {
          for (const row of form.tables[key] ?? []) checkRow(form, key, row.row, ctx);
        }
        checkFormLevel(form, ctx);
      }),
      { numRuns: 300 },
    );
  });
});
