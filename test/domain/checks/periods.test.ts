import { datesIn, isLater, latestDateIn } from '../../../src/domain/checks/periods';

describe('dates written in goal tables', () => {
  test.each([
    ['2025年12月底前', [{ year: 2025, month: 12 }]],
    [
      '2024年1月-2025年6月',
      [
        { year: 2024, month: 1 },
        { year: 2025, month: 6 },
      ],
    ],
    [
      '2023-2025年',
      [
        { year: 2023, month: null },
        { year: 2025, month: null },
      ],
    ],
    [
      '2023—2025 年',
      [
        { year: 2023, month: null },
        { year: 2025, month: null },
      ],
    ],
    ['2025.06', [{ year: 2025, month: 6 }]],
    ['2025年12月31日', [{ year: 2025, month: 12 }]],
    ['2025年13月', [{ year: 2025, month: null }]],
    ['≤12', []],
    ['100%', []],
    ['12025年', []],
  ])('%s', (text, expected) => {
    expect(datesIn(text)).toEqual(expected);
  });

  test('the end of a period is its latest date, wherever it is written', () => {
    expect(latestDateIn('2024年至2026年')).toEqual({ year: 2026, month: null });
    expect(latestDateIn('自2026年3月起，至2025年底')).toEqual({ year: 2026, month: 3 });
    expect(latestDateIn('三年')).toBeNull();
  });

  test('a year without a month covers the whole year', () => {
    expect(isLater({ year: 2026, month: 1 }, { year: 2025, month: 12 })).toBe(true);
    expect(isLater({ year: 2025, month: 7 }, { year: 2025, month: 6 })).toBe(true);
    expect(isLater({ year: 2025, month: null }, { year: 2025, month: 6 })).toBe(false);
    expect(isLater({ year: 2025, month: 12 }, { year: 2025, month: null })).toBe(false);
    expect(isLater({ year: 2024, month: 12 }, { year: 2025, month: 1 })).toBe(false);
  });
});
