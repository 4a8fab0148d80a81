/**
 * The streaming reader on parts written by hand: what other writers put in a file (shared formulas, inline
 * and rich strings, dates, namespace prefixes), and what a hostile file does to the limits.
 */
import { ReceivedWorkbook } from '../../../src/hosts/xlsx-file/received-workbook';
import { DEFAULT_RECEIVED_LIMITS } from '../../../src/hosts/xlsx-file/received';
import {
  readWorkbook,
  ReadRejected,
  shiftFormula,
  type ReadLimits,
} from '../../../src/hosts/xlsx-file/xlsx-reader';

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const R_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const WS_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet';

const utf8 = (text: string) => new TextEncoder().encode(text);

function parts(
  sheets: { name: string; xml: string; state?: string }[],
  extra: Record<string, string> = {},
  workbookExtra = '',
): Map<string, Uint8Array> {
  const map = new Map<string, Uint8Array>();
  map.set(
    'xl/workbook.xml',
    utf8(
      `<?xml version="1.0"?><workbook ${NS} ${R_NS}>${workbookExtra}<sheets>${sheets
        .map(
          (s, i) =>
            `<sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`,
        )
        .join('')}</sheets></workbook>`,
    ),
  );
  map.set(
    'xl/_rels/workbook.xml.rels',
    utf8(
      `<Relationships>${sheets
        .map(
          (_, i) =>
            `<Relationship Id="rId${i + 1}" Type="${WS_TYPE}" Target="worksheets/sheet${i + 1}.xml"/>`,
        )
        .join('')}</Relationships>`,
    ),
  );
  sheets.forEach((s, i) => map.set(`xl/worksheets/sheet${i + 1}.xml`, utf8(s.xml)));
  for (const [name, text] of Object.entries(extra)) map.set(name, utf8(text));
  return map;
}

const sheetXml = (rows: string, tail = '') =>
  `<worksheet ${NS}><sheetData>${rows}</sheetData>${tail}</worksheet>`;

const limits: ReadLimits = { ...DEFAULT_RECEIVED_LIMITS };

async function read(p: Map<string, Uint8Array>, sheet: string, range?: string) {
  const book = new ReceivedWorkbook(readWorkbook(p, limits));
  return book.readBlock(sheet, range);
}

function rejection(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof ReadRejected) return error.code;
    throw error;
  }
  return 'ok';
}

describe('readWorkbook', () => {
  it('reads shared and inline strings, rich text without phonetic guides, and _x escapes', async () => {
    const sst =
      `<sst ${NS}><si><t>项目</t></si><si><r><t>绩效</t></r><r><t>目标</t></r><rPh><t>ジ</t></rPh></si>` +
      `<si><t>a_x001B_[31mb</t></si></sst>`;
    const p = parts(
      [
        {
          name: 'S',
          xml: sheetXml(
            '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>' +
              '<c r="D1" t="inlineStr"><is><t>内联</t></is></c><c r="E1" t="b"><v>1</v></c><c r="F1" t="e"><v>#N/A</v></c></row>',
          ),
        },
      ],
      { 'xl/sharedStrings.xml': sst },
    );
    const block = await read(p, 'S');
    expect(block.values).toEqual([['项目', '绩效目标', 'a\u001b[31mb', '内联', true, '#N/A']]);
  });

  it('reads formulas with their cached results, and moves a shared formula to each cell', async () => {
    const p = parts([
      {
        name: 'S',
        xml: sheetXml(
          '<row r="1"><c r="A1"><v>2</v></c><c r="B1"><f t="shared" ref="B1:B3" si="0">A1*$A$1+SUM(A1:A2)</f><v>4</v></c></row>' +
            '<row r="2"><c r="A2"><v>3</v></c><c r="B2"><f t="shared" si="0"/><v>0</v></c></row>' +
            '<row r="3"><c r="B3" t="str"><f t="shared" si="0"/><v>x</v></c></row>',
        ),
      },
    ]);
    const block = await read(p, 'S');
    expect(block.formulas.map((r) => r[1])).toEqual([
      '=A1*$A$1+SUM(A1:A2)',
      '=A2*$A$1+SUM(A2:A3)',
      '=A3*$A$1+SUM(A3:A4)',
    ]);
    expect(block.values.map((r) => r[1])).toEqual([4, 0, 'x']);
  });

  it('moves references but not text, functions or sheet names', () => {
    expect(shiftFormula('IF(B2="A1",LOG10(C$3),Sheet1!D4)&\'My A1\'!E5', 1, 1)).toBe(
      'IF(C3="A1",LOG10(D$3),Sheet1!E5)&\'My A1\'!F6',
    );
    expect(shiftFormula('A1+1.5E3', -1, 0)).toBe('#REF!+1.5E3');
  });

  it('reads numbers in a date format as ISO dates, in both date systems', async () => {
    const styles = `<styleSheet ${NS}><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs></styleSheet>`;
    const rows =
      '<row r="1"><c r="A1" s="1"><v>45292</v></c><c r="B1" s="2"><v>45292.5</v></c><c r="C1" s="0"><v>7</v></c></row>';
    const block = await read(parts([{ name: 'S', xml: sheetXml(rows) }], { 'xl/styles.xml': styles }), 'S');
    expect(block.values).toEqual([['2024-01-01T00:00:00.000Z', '2024-01-01T12:00:00.000Z', 7]]);
    const in1904 = parts(
      [{ name: 'S', xml: sheetXml(rows) }],
      { 'xl/styles.xml': styles },
      '<workbookPr date1904="1"/>',
    );
    expect((await read(in1904, 'S')).values[0]?.[0]).toBe('2028-01-02T00:00:00.000Z');
  });

  it('reads covered cells of a merge as blank and keeps merges as ranges', async () => {
    const p = parts([
      {
        name: 'S',
        xml: sheetXml(
          '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c><c r="C1"><v>3</v></c></row><row r="2"><c r="A2"><v>4</v></c></row>',
          '<mergeCells count="2"><mergeCell ref="A1:B2"/><mergeCell ref="D1:XFD1048576"/></mergeCells>',
        ),
      },
    ]);
    const book = new ReceivedWorkbook(readWorkbook(p, limits));
    // A2 is covered by A1:B2, so the used range ends with row 1.
    expect((await book.readBlock('S')).values).toEqual([[1, null, 3]]);
    expect((await book.readBlock('S', 'A1:C2')).values).toEqual([
      [1, null, 3],
      [null, null, null],
    ]);
    expect(book.merges('S')).toEqual([
      { top: 0, left: 0, bottom: 1, right: 1 },
      { top: 0, left: 3, bottom: 1_048_575, right: 16_383 },
    ]);
  });

  it('reads a sheet up to the end of its merges, and its styles up to the end of the cell formats', async () => {
    // What follows the merges (validations, conditional formats, page setup) is not parsed at all: here it
    // would be refused as malformed if it were.
    const tail = '<dataValidations count="1"><dataValidation sqref="A1"><formula1>"a,b"</formula1>';
    const withMerges = parts(
      [
        {
          name: 'S',
          xml: sheetXml(
            '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c><c r="C1" s="1"><v>45292</v></c></row>',
            `<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>${tail}`,
          ),
        },
        {
          name: 'T',
          xml: sheetXml('<row r="1"><c r="A1"><v>5</v></c></row>', `<pageMargins left="0.7"/>${tail}`),
        },
      ],
      {
        'xl/styles.xml': `<styleSheet ${NS}><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs><cellStyles><broken></styleSheet>`,
      },
    );
    const book = new ReceivedWorkbook(readWorkbook(withMerges, limits));
    expect((await book.readBlock('S')).values).toEqual([[1, null, '2024-01-01T00:00:00.000Z']]);
    expect(book.merges('S')).toEqual([{ top: 0, left: 0, bottom: 0, right: 1 }]);
    expect((await book.readBlock('T')).values).toEqual([[5]]);
    // Inside the cells a broken element is still a damaged file.
    const broken = parts([{ name: 'S', xml: sheetXml('<row r="1"><c r="A1"><v>1</c></row>', tail) }]);
    expect(rejection(() => readWorkbook(broken, limits))).toBe('corrupt');
  });

  it('refuses overlapping merges as a damaged file', () => {
    const p = parts([
      {
        name: 'S',
        xml: sheetXml('', '<mergeCells><mergeCell ref="A1:C3"/><mergeCell ref="B2:D9"/></mergeCells>'),
      },
    ]);
    expect(rejection(() => readWorkbook(p, limits))).toBe('corrupt');
  });

  it('keeps sheet states, namespace prefixes and defined names as text', async () => {
    const p = parts(
      [
        {
          name: 'Form',
          xml: `<x:worksheet xmlns:x="urn:x"><x:sheetData><x:row r="2"><x:c r="B2"><x:v>5</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
        },
        { name: '_meta', state: 'veryHidden', xml: sheetXml('') },
        { name: '_lists', state: 'hidden', xml: sheetXml('') },
      ],
      {},
      '<definedNames><definedName name="All">Form!$A$1:$XFD$1048576</definedName><definedName name="L" localSheetId="0" hidden="1">=Form!$B$2</definedName></definedNames>',
    );
    const data = readWorkbook(p, limits);
    const book = new ReceivedWorkbook(data);
    expect(await book.listSheets()).toEqual([
      { name: 'Form', visibility: 'visible', usedRange: 'A1:B2' },
      { name: '_meta', visibility: 'veryHidden', usedRange: null },
      { name: '_lists', visibility: 'hidden', usedRange: null },
    ]);
    expect(book.definedNames()).toEqual([
      { name: 'All', refersTo: 'Form!$A$1:$XFD$1048576', localSheet: null, hidden: false },
      { name: 'L', refersTo: 'Form!$B$2', localSheet: 0, hidden: true },
    ]);
    await expect(book.readBlock('Form', 'A1:XFD1048576')).rejects.toThrow(/range too large/);
  });

  it('counts its limits while parsing, whatever <dimension> says', () => {
    const far = parts([
      {
        name: 'S',
        xml: `<worksheet ${NS}><dimension ref="A1"/><sheetData><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>`,
      },
    ]);
    expect(rejection(() => readWorkbook(far, limits))).toBe('too_many_cells');
    // A styled blank far away holds nothing and costs nothing.
    const blank = parts([{ name: 'S', xml: sheetXml('<row r="1048576"><c r="XFD1048576" s="1"/></row>') }]);
    expect(rejection(() => readWorkbook(blank, limits))).toBe('ok');
    const row = (n: number) =>
      `<row r="${n}">${Array.from({ length: 5 }, (_, c) => `<c r="${String.fromCharCode(65 + c)}${n}"><v>1</v></c>`).join('')}</row>`;
    const many = parts([
      { name: 'S', xml: sheetXml(Array.from({ length: 30 }, (_, i) => row(i + 1)).join('')) },
    ]);
    expect(rejection(() => readWorkbook(many, { ...limits, maxCells: 100 }))).toBe('too_many_cells');
    const merges = parts([
      {
        name: 'S',
        xml: sheetXml(
          '',
          `<mergeCells>${Array.from({ length: 20 }, (_, i) => `<mergeCell ref="A${i + 1}:B${i + 1}"/>`).join('')}</mergeCells>`,
        ),
      },
    ]);
    expect(rejection(() => readWorkbook(merges, { ...limits, maxMerges: 10 }))).toBe('too_many_cells');
    const sst = `<sst>${'<si><t>长文本</t></si>'.repeat(50)}</sst>`;
    const strings = parts([{ name: 'S', xml: sheetXml('') }], { 'xl/sharedStrings.xml': sst });
    expect(rejection(() => readWorkbook(strings, { ...limits, maxStrings: 10 }))).toBe('too_large');
    expect(rejection(() => readWorkbook(strings, { ...limits, maxChars: 100 }))).toBe('too_large');
  });

  it('looks at the clock inside the parse loop', () => {
    const rows = Array.from(
      { length: 2000 },
      (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`,
    ).join('');
    const p = parts([{ name: 'S', xml: sheetXml(rows) }]);
    let now = 0;
    // Each look at the clock finds a second gone: the limit of 5 s passes during the one sheet.
    const clock = () => (now += 1000);
    expect(rejection(() => readWorkbook(p, { ...limits, timeoutMs: 5000 }, clock))).toBe('timeout');
  });

  it('refuses entity tricks and malformed XML as a damaged file', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><worksheet ${NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c></row></sheetData></worksheet>`;
    expect(rejection(() => readWorkbook(parts([{ name: 'S', xml: bomb }]), limits))).toBe('corrupt');
    expect(rejection(() => readWorkbook(parts([{ name: 'S', xml: '<worksheet><sheetData>' }]), limits))).toBe(
      'corrupt',
    );
  });
});

describe('the reader in a browser', () => {
  it('bundles for the browser with nothing from Node', async () => {
    const { build } = await import('esbuild');
    const result = await build({
      entryPoints: [require.resolve('../../../src/hosts/xlsx-file/received')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
    const code = result.outputFiles[0]?.text ?? '';
    expect(code).toContain('SaxesParser');
    expect(code).not.toMatch(/require\(["']node:|from ["']node:|\bBuffer\./);
  });
});
