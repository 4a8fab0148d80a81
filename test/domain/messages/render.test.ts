import fc from 'fast-check';
import { ENGINE_ISSUE_CODES, RULES } from '../../../src/domain/checks/registry';
import { formatBand, formatNumber } from '../../../src/domain/messages/format';
import { ISSUE_MESSAGES, type Lang } from '../../../src/domain/messages/issue-messages';
import { placeholdersOf, renderIssue } from '../../../src/domain/messages/render';
import { severityLabel } from '../../../src/domain/messages/engine-messages';

const LANGS: readonly Lang[] = ['zh-CN', 'en'];

/** Every code the engine can emit, with the params it supplies. */
const EMITTED: readonly (readonly [string, readonly string[]])[] = [
  ...RULES.map((rule) => [rule.code, rule.params] as const),
  ...Object.entries(ENGINE_ISSUE_CODES),
];

describe('the catalog', () => {
  test('every code any rule can emit has a zh-CN and an en message using only the params the rule supplies', () => {
    fc.assert(
      fc.property(fc.constantFrom(...EMITTED), fc.constantFrom(...LANGS), ([code, params], lang) => {
        const text = ISSUE_MESSAGES[code]?.[lang];
        expect(text).toEqual(expect.any(String));
        expect(text?.trim().length).toBeGreaterThan(0);
        for (const name of placeholdersOf(text ?? '')) expect(params).toContain(name);
      }),
      { numRuns: EMITTED.length * 4 },
    );
  });

  test('a rendered message has no placeholder left when every param is supplied', () => {
    for (const [code, params] of EMITTED) {
      const supplied = Object.fromEntries(params.map((name, i) => [name, i % 2 === 0 ? `值${i}` : i + 0.5]));
      for (const lang of LANGS)
        expect(renderIssue({ code, params: supplied }, lang)).not.toMatch(/\{[A-Za-z]\w*\}/);
    }
  });

  test('the catalog holds no message that no rule emits', () => {
    const codes = new Set(EMITTED.map(([code]) => code));
    expect(Object.keys(ISSUE_MESSAGES).filter((code) => !codes.has(code))).toEqual([]);
  });

  test('Chinese text is Chinese and English text is not', () => {
    for (const [code] of EMITTED) {
      expect(ISSUE_MESSAGES[code]?.['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      expect(ISSUE_MESSAGES[code]?.en.replace(/[\u4e00-\u9fff、／]+/g, '')).toMatch(/^[A-Z{"]/);
    }
  });
});

describe('renderIssue', () => {
  test('fills params, Chinese by default', () => {
    const issue = {
      code: 'score_mismatch',
      params: { name: '受益人口', stated: 15, computed: 13.5, tolerance: 0.1 },
    };
    expect(renderIssue(issue)).toBe(
      '三级指标“受益人口”的得分 15 与按规则计算的 13.5 不一致（容差 0.1）：请核实得分。',
    );
    expect(renderIssue(issue, 'en')).toBe(
      'Indicator "受益人口" states 15 but the rules give 13.5 (tolerance 0.1): check the score.',
    );
  });

  test('a missing param stays visible instead of throwing', () => {
    expect(renderIssue({ code: 'score_mismatch', params: { name: '受益人口' } })).toContain('{stated}');
  });

  test('an unknown code renders its code and params', () => {
    expect(renderIssue({ code: 'from_a_newer_engine', params: { a: 1, b: 'x' } })).toBe(
      '检查项 from_a_newer_engine：a=1, b=x',
    );
    expect(renderIssue({ code: 'constructor', params: {} }, 'en')).toBe('Check constructor: ');
  });

  test('never throws on any code and params', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom(...Object.keys(ISSUE_MESSAGES)), fc.string()),
        fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.double())),
        fc.constantFrom(...LANGS),
        (code, params, lang) => {
          expect(typeof renderIssue({ code, params }, lang)).toBe('string');
        },
      ),
    );
  });
});

describe('formatting', () => {
  test.each([
    [9.5, '9.5'],
    [2 / 3, '0.6667'],
    [0.1 + 0.2, '0.3'],
    [-0.00001, '0'],
    [100, '100'],
    [Number.NaN, 'NaN'],
  ])('%p shows as %s', (value, shown) => {
    expect(formatNumber(value)).toBe(shown);
  });

  test('bands show their open or closed top', () => {
    expect(formatBand({ min: 9, max: 12, maxInclusive: false })).toBe('[9, 12)');
    expect(formatBand({ min: 12, max: 15, maxInclusive: true })).toBe('[12, 15]');
  });

  test('severity labels', () => {
    expect(severityLabel('error', 'zh-CN')).toBe('错误');
    expect(severityLabel('warning', 'en')).toBe('Warning');
  });
});
