import { evaluateFormula, spreadsheetRound } from './formula-eval';

describe('test formula evaluator', () => {
  const cells = { A1: 10, A2: 4, A3: null, A4: 'abc', A5: '', B1: 1, B2: 2, B3: 3 };
  it.each([
    ['=1+2*3', 7],
    ['=(1+2)*3', 9],
    ['=-A1+2', -8],
    ['=A1/A2', 2.5],
    ['=A1&"x"', '10x'],
    ['=A3+1', 1],
    ['=A3=""', true],
    ['=A3=0', true],
    ['=A5=""', true],
    ['=A1="10"', false],
    ['=A4="ABC"', true],
    ['=A4>5', true],
    ['=A1>=10', true],
    ['=A1<>10', false],
    ['=IF(A1>5,"big",1/0)', 'big'],
    ['=IF(A1<5,1/0,"lazy")', 'lazy'],
    ['=AND(A1>5,A2>5)', false],
    ['=OR(A1>5,A2>5)', true],
    ['=NOT(ISNUMBER(A4))', true],
    ['=ISNUMBER(A3)', false],
    ['=MIN(A1,A2,7)', 4],
    ['=MAX(0,-3)', 0],
    ['=ABS(-2.5)', 2.5],
    ['=ROUND(2.675,2)', 2.68],
    ['=ROUND(-2.675,2)', -2.68],
    ['=ROUNDDOWN(2.679,2)', 2.67],
    ['=ROUND(99.995,2)', 100],
    ['=ROUND(0.004,2)', 0],
    ['=ROUND(0.005,2)', 0.01],
    ['=SUM(B1:B3,A1)', 16],
    ['=COUNT(B1:B3,A3,A4)', 3],
    ['=COUNT(A3,A5)', 0],
    ['=INDEX(B1:B3,2)', 2],
    ['=MATCH(3,B1:B3,0)', 3],
    ['=1e-2*100', 1],
    ['="a""b"', 'a"b'],
  ])('%s -> %p', (formula, expected) => {
    expect(evaluateFormula(formula, cells)).toEqual(expected);
  });

  it('yields error values rather than throwing for bad arithmetic', () => {
    expect(evaluateFormula('=1/0', {})).toEqual({ error: '#DIV/0!' });
    expect(evaluateFormula('=A1*2', { A1: 'x' })).toEqual({ error: '#VALUE!' });
    expect(evaluateFormula('=MATCH(9,B1:B2,0)', { B1: 1, B2: 2 })).toEqual({ error: '#N/A' });
  });

  it('rejects syntax it does not know', () => {
    expect(() => evaluateFormula('=1+', {})).toThrow();
    expect(() => evaluateFormula('=SUM(1', {})).toThrow();
  });

  it('rounds on the 15 significant digits a spreadsheet shows', () => {
    expect(spreadsheetRound(4.35 * 100, 0, true)).toBe(435);
    expect(spreadsheetRound(1.005, 2, false)).toBe(1.01);
    expect(spreadsheetRound(1234.5678, 3, false)).toBe(1234.568);
    expect(spreadsheetRound(-0.001, 2, false)).toBe(0);
  });
});
