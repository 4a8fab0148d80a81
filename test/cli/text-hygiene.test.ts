import { gradeFromText } from '../../src/domain/checks/rules/self-evaluation';
import { inertCell } from '../../src/cli/report-xlsx';
import { capCell, MAX_CELL_CHARS, printable, safeJson } from '../../src/app/text-hygiene';

describe('printable', () => {
  it('shows controls, escape sequences, line breaks and direction overrides as escapes', () => {
    expect(printable('a\u001b[31mb\nc\r\td\u009be\u202ef\u2028g')).toBe(
      'a\\x1B[31mb\\nc\\r\\td\\x9Be\\u202Ef\\u2028g',
    );
    expect(printable('项目支出绩效自评表 B21')).toBe('项目支出绩效自评表 B21');
  });

  it('leaves JSON structure alone and escapes what JSON.stringify leaves raw', () => {
    const json = safeJson(JSON.stringify({ a: 'x\u009b\u202ey\u001b' }, null, 2));
    expect(json).toBe('{\n  "a": "x\\u009b\\u202ey\\u001b"\n}');
    expect(JSON.parse(json)).toEqual({ a: 'x\u009b\u202ey\u001b' });
  });
});

describe('report cells', () => {
  it('hold at most 32,767 characters, never half a character', () => {
    expect(capCell('短')).toBe('短');
    const long = '𝔸'.repeat(20_000);
    const capped = capCell(long);
    expect(capped.length).toBeLessThanOrEqual(MAX_CELL_CHARS);
    expect(capped.endsWith('𝔸…')).toBe(true);
    expect(String(inertCell(`=${'x'.repeat(40_000)}`)).length).toBe(MAX_CELL_CHARS);
    expect(inertCell('a\u0007b')).toBe('a\\x07b');
  });
});

describe('grades typed in a workbook', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])('%s is not a grade', (text) => {
    expect(gradeFromText(text)).toBeNull();
  });

  it('still reads the grade words', () => {
    expect(['优秀', ' 良 ', '一般', '较差'].map(gradeFromText)).toEqual(['优', '良', '中', '差']);
  });
});
