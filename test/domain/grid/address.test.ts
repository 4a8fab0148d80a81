import fc from 'fast-check';
import {
  columnIndex,
  columnLetter,
  isA1,
  parseA1,
  parseRange,
  rangeContains,
  sheetRef,
  toA1,
  toRangeA1,
} from '../../../src/domain/grid/address';
import { EngineInvariantError } from '../../../src/domain/grid/cell';

describe('columns', () => {
  it.each<[number, string]>([
    [0, 'A'],
    [1, 'B'],
    [25, 'Z'],
    [26, 'AA'],
    [27, 'AB'],
    [51, 'AZ'],
    [52, 'BA'],
    [701, 'ZZ'],
    [702, 'AAA'],
    [16383, 'XFD'],
  ])('%i <-> %s', (index, letters) => {
    expect(columnLetter(index)).toBe(letters);
    expect(columnIndex(letters)).toBe(index);
  });

  it('reads letters case-insensitively', () => {
    expect(columnIndex('aa')).toBe(26);
  });

  it('round-trips every column Excel has', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 16383 }), (col) => columnIndex(columnLetter(col)) === col),
    );
  });

  it.each([-1, 1.5, Number.NaN])('refuses column index %p', (col) => {
    expect(() => columnLetter(col)).toThrow(EngineInvariantError);
  });

  it.each(['', 'A1', 'ABCD', '列'])('refuses column letters %j', (letters) => {
    expect(() => columnIndex(letters)).toThrow(EngineInvariantError);
  });
});

describe('A1 addresses', () => {
  it.each<[string, number, number]>([
    ['A1', 0, 0],
    ['B3', 2, 1],
    ['$B$3', 2, 1],
    ['b3', 2, 1],
    [' C10 ', 9, 2],
    ['XFD1048576', 1048575, 16383],
  ])('parseA1(%j)', (a1, row, col) => {
    expect(parseA1(a1)).toEqual({ row, col });
  });

  it.each(['', 'A0', '1A', 'A', 'A1:B2', 'AAAA1', 'Sheet1!A1'])('refuses %j', (a1) => {
    expect(isA1(a1)).toBe(false);
    expect(() => parseA1(a1)).toThrow(EngineInvariantError);
  });

  it('writes relative and absolute addresses', () => {
    expect(toA1({ row: 2, col: 1 })).toBe('B3');
    expect(toA1({ row: 2, col: 1 }, true)).toBe('$B$3');
  });

  it('round-trips positions', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1048575 }), fc.integer({ min: 0, max: 16383 }), (row, col) => {
        const pos = { row, col };
        expect(parseA1(toA1(pos))).toEqual(pos);
        expect(parseA1(toA1(pos, true))).toEqual(pos);
      }),
    );
  });
});

describe('ranges', () => {
  it.each<[string, { top: number; left: number; bottom: number; right: number }]>([
    ['A1:C3', { top: 0, left: 0, bottom: 2, right: 2 }],
    ['B2', { top: 1, left: 1, bottom: 1, right: 1 }],
    ['C3:A1', { top: 0, left: 0, bottom: 2, right: 2 }],
    ['$A$1:$A$6', { top: 0, left: 0, bottom: 5, right: 0 }],
    ['B10:A2', { top: 1, left: 0, bottom: 9, right: 1 }],
  ])('parseRange(%j)', (ref, range) => {
    expect(parseRange(ref)).toEqual(range);
  });

  it.each(['', 'A1:', ':B2', 'A1:B2:C3', 'A:A', '1:1'])('refuses %j', (ref) => {
    expect(() => parseRange(ref)).toThrow(EngineInvariantError);
  });

  it('writes a one-cell range as a cell', () => {
    expect(toRangeA1({ top: 1, left: 1, bottom: 1, right: 1 })).toBe('B2');
    expect(toRangeA1({ top: 0, left: 0, bottom: 5, right: 0 }, true)).toBe('$A$1:$A$6');
  });

  it('round-trips ranges', () => {
    const index = (max: number) => fc.integer({ min: 0, max });
    fc.assert(
      fc.property(index(5000), index(700), index(5000), index(700), (r1, c1, r2, c2) => {
        const range = {
          top: Math.min(r1, r2),
          left: Math.min(c1, c2),
          bottom: Math.max(r1, r2),
          right: Math.max(c1, c2),
        };
        expect(parseRange(toRangeA1(range))).toEqual(range);
      }),
    );
  });

  it('tells whether a cell is inside', () => {
    const range = parseRange('B2:C4');
    expect(rangeContains(range, { row: 1, col: 1 })).toBe(true);
    expect(rangeContains(range, { row: 3, col: 2 })).toBe(true);
    expect(rangeContains(range, { row: 4, col: 2 })).toBe(false);
    expect(rangeContains(range, { row: 2, col: 0 })).toBe(false);
  });
});

describe('sheetRef', () => {
  it.each<[string, string]>([
    ['Sheet1', 'Sheet1!A1'],
    ['_lists', '_lists!A1'],
    ['Sheet 1', "'Sheet 1'!A1"],
    ['自评表', "'自评表'!A1"],
    ["O'Brien", "'O''Brien'!A1"],
    ['2024', "'2024'!A1"],
    ['A1', "'A1'!A1"],
    ['XFD100', "'XFD100'!A1"],
    ['R1C1', "'R1C1'!A1"],
    ['R', "'R'!A1"],
    ['C', "'C'!A1"],
    ['RC', "'RC'!A1"],
    ['Report', 'Report!A1'],
  ])('%j', (sheet, expected) => {
    expect(sheetRef(sheet, 'A1')).toBe(expected);
  });
});
