/**
 * The reader of received workbooks: from the parts the zip layer inflated, workbook.xml (and its rels), the
 * styles' number formats, the shared strings and every sheet are parsed with a streaming XML parser (saxes)
 * straight into what the port hands out: values, formulas with their cached results, merges as ranges (never
 * expanded), sheet states and defined names as text. Every limit is counted while parsing (cells, rows,
 * columns, merges, strings, characters) and the clock is looked at inside the parse loop, so a hostile file
 * is refused after the work its limits allow, whatever its <dimension> says.
 *
 * No Node module is imported here: the bytes come in, the workbook goes out, so the task pane can use the
 * same reader. What is read matches what exceljs made of the same file (a test compares them cell by cell):
 * the covered cells of a merge read as blank, numbers in a date format read as ISO dates, shared formulas
 * read as their master's formula moved to the cell.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { columnLetter, parseRange, type CellRange } from '../../domain/grid/address';
import type { CellScalar } from '../../domain/grid/cell';

export interface ReadLimits {
  /** Highest row (1-based) a cell with content may sit in. */
  maxRows: number;
  /** Highest column (1-based) a cell with content may sit in. */
  maxCols: number;
  /** <c> elements in the whole workbook, and the sum of the sheets' used areas. */
  maxCells: number;
  maxMerges: number;
  /** Shared strings plus defined names. */
  maxStrings: number;
  /** Characters of text kept (strings, formulas, names). */
  maxChars: number;
  timeoutMs: number;
}

export type ReadRejection = 'too_many_cells' | 'too_large' | 'timeout' | 'corrupt' | 'no_sheets';

export class ReadRejected extends Error {
  constructor(
    readonly code: ReadRejection,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
  }
}

export type SheetVisibility = 'visible' | 'hidden' | 'veryHidden';

/** One sheet's cells with content, in parallel arrays (compact: no object per cell). */
export interface SheetData {
  name: string;
  visibility: SheetVisibility;
  rows: number[];
  cols: number[];
  values: CellScalar[];
  formulas: (string | null)[];
  merges: CellRange[];
  /** The used range: from A1 to the last row and column holding content; null when empty. */
  used: CellRange | null;
}

export interface DefinedName {
  name: string;
  /** As written, without a leading '='. */
  refersTo: string;
  /** Index of the sheet the name is local to, if any. */
  localSheet: number | null;
  hidden: boolean;
}

export interface WorkbookData {
  sheets: SheetData[];
  definedNames: DefinedName[];
  date1904: boolean;
}

/** What the clock is read from; injectable so a test can make time pass. */
export type Clock = () => number;

/** How often (in parser events) the clock is read: often enough that a limit of a few seconds holds. */
const CLOCK_EVERY = 1024;
/** Sheets are decoded and parsed in slices, so a large part is never one huge string. */
const SLICE_BYTES = 1 << 20;

const WORKBOOK_PART = 'xl/workbook.xml';
const REL_SHARED_STRINGS = '/sharedStrings';
const REL_STYLES = '/styles';
const REL_WORKSHEET = '/worksheet';

/** Built-in number formats that exceljs knows as date formats (ECMA-376 §18.8.30). */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

class Budget {
  private events = 0;
  private readonly deadline: number;
  cells = 0;
  merges = 0;
  strings = 0;
  chars = 0;
  area = 0;

  constructor(
    readonly limits: ReadLimits,
    private readonly clock: Clock,
  ) {
    this.deadline = clock() + limits.timeoutMs;
  }

  tick(): void {
    this.events += 1;
    if ((this.events & (CLOCK_EVERY - 1)) === 0) this.checkClock();
  }

  checkClock(): void {
    if (this.clock() > this.deadline) {
      throw new ReadRejected(
        'timeout',
        `读取超过 ${this.limits.timeoutMs} 毫秒 / reading took over ${this.limits.timeoutMs} ms`,
      );
    }
  }

  addCell(): void {
    this.cells += 1;
    if (this.cells > this.limits.maxCells) {
      throw new ReadRejected(
        'too_many_cells',
        `单元格超过 ${this.limits.maxCells} 个 / more than ${this.limits.maxCells} cells`,
      );
    }
  }

  addMerge(): void {
    this.merges += 1;
    if (this.merges > this.limits.maxMerges) {
      throw new ReadRejected(
        'too_many_cells',
        `合并区域超过 ${this.limits.maxMerges} 个 / more than ${this.limits.maxMerges} merged ranges`,
      );
    }
  }

  addString(): void {
    this.strings += 1;
    if (this.strings > this.limits.maxStrings) {
      throw new ReadRejected(
        'too_large',
        `文本超过 ${this.limits.maxStrings} 条 / more than ${this.limits.maxStrings} strings`,
      );
    }
  }

  addChars(count: number): void {
    this.chars += count;
    if (this.chars > this.limits.maxChars) {
      throw new ReadRejected(
        'too_large',
        `文本超过 ${this.limits.maxChars} 个字符 / more than ${this.limits.maxChars} characters of text`,
      );
    }
  }

  addArea(sheet: string, used: CellRange): void {
    const area = (used.bottom + 1) * (used.right + 1);
    this.area += area;
    if (this.area > this.limits.maxCells) {
      throw new ReadRejected(
        'too_many_cells',
        `${sheet} 的区域 A1:${columnLetter(used.right)}${used.bottom + 1} 过大 / ${sheet} spans ${used.bottom + 1} rows × ${used.right + 1} columns`,
      );
    }
  }
}

/** Reads a workbook from its inflated parts. Throws ReadRejected for a file it refuses. */
export function readWorkbook(
  parts: Pick<ReadonlyMap<string, Uint8Array>, 'get'>,
  limits: ReadLimits,
  clock: Clock = Date.now,
): WorkbookData {
  const budget = new Budget(limits, clock);
  const workbookPart = parts.get(WORKBOOK_PART);
  if (workbookPart === undefined) {
    throw new ReadRejected('corrupt', '缺少 xl/workbook.xml / xl/workbook.xml is missing');
  }
  const book = parseWorkbookXml(workbookPart, budget);
  const rels = parseRels(parts.get('xl/_rels/workbook.xml.rels'), 'xl/', budget);
  const relTarget = (type: string, fallback: string): string =>
    [...rels.values()].find((r) => r.type.endsWith(type))?.target ?? fallback;
  const dateStyles = parseStyles(parts.get(relTarget(REL_STYLES, 'xl/styles.xml')), budget);
  const strings = parseSharedStrings(
    parts.get(relTarget(REL_SHARED_STRINGS, 'xl/sharedStrings.xml')),
    budget,
  );
  const sheets: SheetData[] = [];
  for (const entry of book.sheets) {
    const rel = rels.get(entry.relId);
    const target = rel !== undefined && rel.type.endsWith(REL_WORKSHEET) ? rel.target : null;
    const part = target === null ? undefined : parts.get(target);
    // A sheet whose part is missing (or a chart sheet) holds no cells; exceljs leaves it out too.
    if (part === undefined) continue;
    const sheet = parseSheet(part, { strings, dateStyles, date1904: book.date1904, budget });
    const used = finishSheet(sheet, budget);
    if (used !== null) budget.addArea(entry.name, used);
    sheets.push({ name: entry.name, visibility: entry.visibility, ...sheet, used });
  }
  if (sheets.length === 0) {
    throw new ReadRejected('no_sheets', '工作簿中没有工作表 / the workbook has no sheets');
  }
  return { sheets, definedNames: book.definedNames, date1904: book.date1904 };
}

// ---------------------------------------------------------------- parsing

type Handlers = {
  open?: (name: string, attributes: Record<string, string>) => void;
  text?: (text: string) => void;
  close?: (name: string) => void;
};

/** Element names without their namespace prefix (`x:c` and `c` are the same element). */
function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/**
 * Thrown by a handler once the rest of a part holds nothing the reader takes (a sheet's validations and page
 * setup after its merges, the styles after the cell formats): parsing ends there, and what was read stands.
 * One instance serves every part: it carries no information, and making an Error captures a stack each time.
 */
class EnoughRead extends Error {}
const ENOUGH_READ = new EnoughRead('enough read');

/** One decoder for every part that fits in a slice: making a decoder per part costs more than decoding it. */
const utf8 = new TextDecoder('utf-8');

const ignore = (): void => undefined;

/**
 * Runs saxes over a part, a slice at a time. Namespaces are not resolved (xmlns: false) and positions are
 * not tracked: neither is needed, and both cost time. saxes expands only the five predefined entities and
 * character references; a DTD's entities are never expanded, so an entity bomb is a parse error.
 *
 * Every parser gets the same four handlers in the same order (a no-op where a part needs none): saxes keeps
 * its handlers as properties of the parser, so parsers set up differently have different hidden classes,
 * and once its state machine has seen several of them every step of it runs slower (measured: four times
 * slower for a whole workbook once five differently set-up parsers had run in the process).
 */
function parseXml(part: Uint8Array, handlers: Handlers, budget: Budget): void {
  const parser = new SaxesParser({ xmlns: false, position: false });
  const { open, text, close } = handlers;
  parser.on('opentag', (node: SaxesTagPlain) => {
    budget.tick();
    const name = localName(node.name);
    open?.(name, node.attributes);
    if (node.isSelfClosing) close?.(name);
  });
  const onText =
    text === undefined
      ? ignore
      : (t: string) => {
          budget.tick();
          text(t);
        };
  parser.on('text', onText);
  parser.on('cdata', text ?? ignore);
  parser.on(
    'closetag',
    close === undefined
      ? ignore
      : (node) => {
          if (!node.isSelfClosing) close(localName(node.name));
        },
  );
  try {
    if (part.byteLength <= SLICE_BYTES) {
      parser.write(utf8.decode(part));
    } else {
      const decoder = new TextDecoder('utf-8');
      for (let at = 0; at < part.byteLength; at += SLICE_BYTES) {
        const slice = part.subarray(at, Math.min(at + SLICE_BYTES, part.byteLength));
        parser.write(decoder.decode(slice, { stream: true }));
        budget.checkClock();
      }
      parser.write(decoder.decode());
    }
    parser.close();
  } catch (error) {
    if (error instanceof EnoughRead) return;
    if (error instanceof ReadRejected) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new ReadRejected('corrupt', `XML 格式错误 / malformed XML: ${reason.slice(0, 160)}`);
  }
}

/** `_x001B_` is how OOXML escapes a character XML cannot hold; exceljs decodes it, and so do we. */
function decodeEscapes(text: string): string {
  return text.indexOf('_x') < 0
    ? text
    : text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

// ---------------------------------------------------------------- workbook.xml and rels

interface SheetEntry {
  name: string;
  relId: string;
  visibility: SheetVisibility;
}

function parseWorkbookXml(
  part: Uint8Array,
  budget: Budget,
): { sheets: SheetEntry[]; definedNames: DefinedName[]; date1904: boolean } {
  const sheets: SheetEntry[] = [];
  const definedNames: DefinedName[] = [];
  let date1904 = false;
  let name: { name: string; localSheet: number | null; hidden: boolean; text: string } | null = null;
  parseXml(
    part,
    {
      open: (tag, attrs) => {
        if (tag === 'workbookPr') {
          date1904 = attrs.date1904 === '1' || attrs.date1904 === 'true';
        } else if (tag === 'sheet') {
          const state = attrs.state;
          sheets.push({
            name: attrs.name ?? '',
            relId: relIdOf(attrs),
            visibility: state === 'veryHidden' ? 'veryHidden' : state === 'hidden' ? 'hidden' : 'visible',
          });
          budget.addChars((attrs.name ?? '').length);
        } else if (tag === 'definedName') {
          budget.addString();
          const local = attrs.localSheetId === undefined ? NaN : Number(attrs.localSheetId);
          name = {
            name: attrs.name ?? '',
            localSheet: Number.isInteger(local) ? local : null,
            hidden: attrs.hidden === '1' || attrs.hidden === 'true',
            text: '',
          };
        }
      },
      text: (t) => {
        if (name === null) return;
        budget.addChars(t.length);
        name.text += t;
      },
      close: (tag) => {
        if (tag !== 'definedName' || name === null) return;
        const { text, ...rest } = name;
        definedNames.push({ ...rest, refersTo: text.startsWith('=') ? text.slice(1) : text });
        name = null;
      },
    },
    budget,
  );
  return { sheets, definedNames, date1904 };
}

/** The relationship id of a <sheet>: `r:id`, whatever prefix the writer bound to the relationships namespace. */
function relIdOf(attrs: Record<string, string>): string {
  for (const key of Object.keys(attrs)) {
    if (key === 'id' || key.endsWith(':id')) return attrs[key] ?? '';
  }
  return '';
}

interface Relationship {
  type: string;
  target: string;
}

function parseRels(part: Uint8Array | undefined, base: string, budget: Budget): Map<string, Relationship> {
  const rels = new Map<string, Relationship>();
  if (part === undefined) return rels;
  parseXml(
    part,
    {
      open: (tag, attrs) => {
        if (tag !== 'Relationship' || attrs.Id === undefined || attrs.Target === undefined) return;
        if (attrs.TargetMode === 'External') return;
        rels.set(attrs.Id, { type: attrs.Type ?? '', target: resolvePartName(base, attrs.Target) });
      },
    },
    budget,
  );
  return rels;
}

/** 'worksheets/sheet1.xml' from xl/ is 'xl/worksheets/sheet1.xml'; '/xl/…' is absolute; '..' climbs. */
function resolvePartName(base: string, target: string): string {
  const segments = target.startsWith('/') ? [] : base.split('/').filter((s) => s !== '');
  for (const segment of target.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return segments.join('/');
}

// ---------------------------------------------------------------- styles: which cell formats are dates

function isDateFormat(code: string): boolean {
  // What exceljs tests: date letters outside [..] sections and quoted text.
  const bare = code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]/.test(bare);
}

/** For each cell format (<xf> of <cellXfs>, by index), whether it shows a number as a date. */
function parseStyles(part: Uint8Array | undefined, budget: Budget): boolean[] {
  if (part === undefined) return [];
  const customDates = new Map<number, boolean>();
  const xfDates: boolean[] = [];
  let inCellXfs = false;
  parseXml(
    part,
    {
      open: (tag, attrs) => {
        if (tag === 'numFmt') {
          const id = Number(attrs.numFmtId);
          const code = attrs.formatCode ?? '';
          budget.addChars(code.length);
          if (Number.isInteger(id)) customDates.set(id, isDateFormat(code));
        } else if (tag === 'cellXfs') {
          inCellXfs = true;
        } else if (tag === 'xf' && inCellXfs) {
          budget.addCell();
          const id = Number(attrs.numFmtId ?? 0);
          xfDates.push(id !== 0 && (customDates.get(id) ?? BUILT_IN_DATE_FORMATS.has(id)));
        }
      },
      close: (tag) => {
        // The cell formats are all that is taken; the named styles, colours and the rest follow them.
        if (tag === 'cellXfs') throw ENOUGH_READ;
      },
    },
    budget,
  );
  return xfDates;
}

// ---------------------------------------------------------------- shared strings

/** The text of each <si>: its <t> and its runs' <t>, without phonetic guides (<rPh>). */
function parseSharedStrings(part: Uint8Array | undefined, budget: Budget): string[] {
  if (part === undefined) return [];
  const strings: string[] = [];
  let current: string | null = null;
  let inText = false;
  let phonetic = 0;
  parseXml(
    part,
    {
      open: (tag) => {
        if (tag === 'si') {
          budget.addString();
          current = '';
        } else if (tag === 'rPh') phonetic += 1;
        else if (tag === 't') inText = phonetic === 0 && current !== null;
      },
      text: (t) => {
        if (!inText || current === null) return;
        budget.addChars(t.length);
        current += t;
      },
      close: (tag) => {
        if (tag === 't') inText = false;
        else if (tag === 'rPh') phonetic = Math.max(0, phonetic - 1);
        else if (tag === 'si' && current !== null) {
          strings.push(decodeEscapes(current));
          current = null;
        }
      },
    },
    budget,
  );
  return strings;
}

// ---------------------------------------------------------------- sheets

interface SheetContext {
  strings: readonly string[];
  dateStyles: readonly boolean[];
  date1904: boolean;
  budget: Budget;
}

type SheetCells = Pick<SheetData, 'rows' | 'cols' | 'values' | 'formulas' | 'merges'>;

const emptySheet = (): SheetCells => ({ rows: [], cols: [], values: [], formulas: [], merges: [] });

/** 0-based row of the last cell address parseCellRef read (a pair per cell would be garbage to collect). */
let refRow = 0;
/** 0-based column of the last cell address parseCellRef read. */
let refCol = 0;

/** 'AB12': refRow 11, refCol 27, true; false when not a cell address. */
function parseCellRef(ref: string): boolean {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i += 1) {
    const code = ref.charCodeAt(i);
    if (code >= 65 && code <= 90) col = col * 26 + (code - 64);
    else if (code >= 97 && code <= 122) col = col * 26 + (code - 96);
    else break;
    if (i >= 3) return false;
  }
  if (i === 0 || i === ref.length) return false;
  let row = 0;
  for (; i < ref.length; i += 1) {
    const code = ref.charCodeAt(i);
    if (code < 48 || code > 57) return false;
    row = row * 10 + (code - 48);
    if (row > 1_048_576) return false;
  }
  if (row === 0) return false;
  refRow = row - 1;
  refCol = col - 1;
  return true;
}

/** One <c> being read. */
interface OpenCell {
  row: number;
  col: number;
  type: string;
  style: number;
  value: string | null;
  formula: string | null;
  shareType: string | null;
  shareIndex: string | null;
  shareRef: string | null;
  inline: string | null;
}

type TextTarget = 'v' | 'f' | 't' | null;

/**
 * What a worksheet holds after its merges (ECMA-376 §18.3.1.99, in schema order): conditional formats, data
 * validations, links, page setup, drawings. Checking reads none of it, so a sheet is parsed up to the first
 * of these (or the end of its merges) and no further.
 */
const AFTER_MERGES = new Set([
  'phoneticPr',
  'conditionalFormatting',
  'dataValidations',
  'hyperlinks',
  'printOptions',
  'pageMargins',
  'pageSetup',
  'headerFooter',
  'rowBreaks',
  'colBreaks',
  'customProperties',
  'cellWatches',
  'ignoredErrors',
  'smartTags',
  'drawing',
  'legacyDrawing',
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
]);

function parseSheet(part: Uint8Array, context: SheetContext): SheetCells {
  const { budget } = context;
  const { maxRows, maxCols } = budget.limits;
  const out = emptySheet();
  const shared = new Map<string, { formula: string; row: number; col: number }>();
  let rowIndex = -1;
  let lastCol = -1;
  // One cell object serves every <c> of the sheet in turn (reset as each opens): nothing keeps it.
  const current: OpenCell = {
    row: 0,
    col: 0,
    type: 'n',
    style: -1,
    value: null,
    formula: null,
    shareType: null,
    shareIndex: null,
    shareRef: null,
    inline: null,
  };
  let cell: OpenCell | null = null;
  let target: TextTarget = null;
  let inSheetData = false;
  let sheetDataRead = false;
  let phonetic = 0;

  const closeCell = (c: OpenCell) => {
    const read = cellValue(c, context, shared);
    if (read === null) return;
    if (c.row >= maxRows || c.col >= maxCols) {
      throw new ReadRejected(
        'too_many_cells',
        `单元格 ${columnLetter(c.col)}${c.row + 1} 超出 ${maxRows} 行 × ${maxCols} 列 / cell ${columnLetter(c.col)}${c.row + 1} is beyond ${maxRows} rows × ${maxCols} columns`,
      );
    }
    out.rows.push(c.row);
    out.cols.push(c.col);
    out.values.push(read.value);
    out.formulas.push(read.formula);
  };

  parseXml(
    part,
    {
      open: (tag, attrs) => {
        if (cell !== null) {
          if (tag === 'v') {
            target = 'v';
            cell.value ??= '';
          } else if (tag === 'f') {
            target = 'f';
            cell.formula ??= '';
            cell.shareType = attrs.t ?? null;
            cell.shareIndex = attrs.si ?? null;
            cell.shareRef = attrs.ref ?? null;
          } else if (tag === 'is') {
            cell.inline ??= '';
          } else if (tag === 'rPh') {
            phonetic += 1;
          } else if (tag === 't' && cell.inline !== null && phonetic === 0) {
            target = 't';
          }
          return;
        }
        if (tag === 'c' && inSheetData) {
          budget.addCell();
          const at = attrs.r !== undefined && parseCellRef(attrs.r);
          const row = at ? refRow : Math.max(rowIndex, 0);
          const col = at ? refCol : lastCol + 1;
          lastCol = col;
          const style = attrs.s === undefined ? -1 : Number(attrs.s);
          current.row = row;
          current.col = col;
          current.type = attrs.t ?? 'n';
          current.style = Number.isInteger(style) ? style : -1;
          current.value = null;
          current.formula = null;
          current.shareType = null;
          current.shareIndex = null;
          current.shareRef = null;
          current.inline = null;
          cell = current;
        } else if (tag === 'row' && inSheetData) {
          const r = attrs.r === undefined ? NaN : Number(attrs.r);
          rowIndex = Number.isInteger(r) && r >= 1 ? r - 1 : rowIndex + 1;
          lastCol = -1;
        } else if (tag === 'sheetData') {
          inSheetData = true;
        } else if (sheetDataRead && AFTER_MERGES.has(tag)) {
          throw ENOUGH_READ;
        } else if (tag === 'mergeCell') {
          budget.addMerge();
          const range = rangeOf(attrs.ref);
          if (range !== null && (range.bottom > range.top || range.right > range.left))
            out.merges.push(range);
        }
      },
      text: (t) => {
        if (cell === null || target === null) return;
        budget.addChars(t.length);
        if (target === 'v') cell.value += t;
        else if (target === 'f') cell.formula += t;
        else cell.inline += t;
      },
      close: (tag) => {
        if (cell === null) {
          if (tag === 'sheetData') {
            inSheetData = false;
            sheetDataRead = true;
          } else if (tag === 'mergeCells') throw ENOUGH_READ;
          return;
        }
        if (tag === 'c') {
          closeCell(cell);
          cell = null;
          target = null;
          phonetic = 0;
        } else if (tag === 'rPh') {
          phonetic = Math.max(0, phonetic - 1);
        } else if (tag === target) {
          target = null;
        }
      },
    },
    budget,
  );
  return out;
}

function rangeOf(ref: string | undefined): CellRange | null {
  if (ref === undefined) return null;
  try {
    return parseRange(ref.replace(/\$/g, ''));
  } catch {
    return null;
  }
}

/**
 * A cell's value and formula as the port gives them; null for a cell without content (a styled blank, an
 * empty string). Types as in ECMA-376 §18.18.11: s shared string, str formula text, inlineStr, b, e, n, d.
 */
function cellValue(
  c: OpenCell,
  context: SheetContext,
  shared: Map<string, { formula: string; row: number; col: number }>,
): { value: CellScalar; formula: string | null } | null {
  const formula = formulaOf(c, shared);
  if (formula !== null) {
    const value = c.value === null || c.value === '' ? null : resultOf(c, context);
    return { value, formula: `=${formula}` };
  }
  if (c.type === 'inlineStr') {
    const text = decodeEscapes(c.inline ?? c.value ?? '');
    return text === '' ? null : { value: text, formula: null };
  }
  if (c.value === null) return null;
  if (c.type === 's') {
    const text = context.strings[Number.parseInt(c.value, 10)];
    return text === undefined || text === '' ? null : { value: text, formula: null };
  }
  if (c.type === 'str') return c.value === '' ? null : { value: c.value, formula: null };
  const value = resultOf(c, context);
  return value === null ? null : { value, formula: null };
}

function resultOf(c: OpenCell, context: SheetContext): CellScalar {
  const raw = c.value ?? '';
  switch (c.type) {
    case 'str':
    case 's':
    case 'inlineStr':
      return raw;
    case 'b':
      return Number.parseInt(raw, 10) !== 0;
    case 'e':
      return raw;
    case 'd':
      return Number.isNaN(Date.parse(raw)) ? raw : new Date(raw).toISOString();
    default: {
      const n = Number.parseFloat(raw);
      if (!Number.isFinite(n)) return null;
      if (c.style >= 0 && context.dateStyles[c.style] === true) return excelDate(n, context.date1904);
      return n;
    }
  }
}

/** A serial date as exceljs turns it into a Date, as ISO text (what the port hands out for a date). */
function excelDate(serial: number, date1904: boolean): string | number {
  const ms = Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000);
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? serial : date.toISOString();
}

/** The formula text without '=', a shared formula's dependants moved from their master; null for none. */
function formulaOf(
  c: OpenCell,
  shared: Map<string, { formula: string; row: number; col: number }>,
): string | null {
  if (c.formula === null) return null;
  if (c.shareType === 'shared' && c.shareIndex !== null) {
    if (c.shareRef !== null && c.formula !== '') {
      shared.set(c.shareIndex, { formula: c.formula, row: c.row, col: c.col });
      return c.formula;
    }
    const master = shared.get(c.shareIndex);
    if (master === undefined) return c.formula === '' ? null : c.formula;
    return shiftFormula(master.formula, c.row - master.row, c.col - master.col);
  }
  return c.formula === '' ? null : c.formula;
}

/**
 * A formula as it reads `rows` down and `cols` across: relative references move, `$` parts stay, text in
 * quotes, sheet names and function names are left alone. A reference moved off the sheet becomes #REF!.
 */
export function shiftFormula(formula: string, rows: number, cols: number): string {
  if (rows === 0 && cols === 0) return formula;
  const token =
    /"(?:[^"]|"")*"|'(?:[^']|'')*'!|\d+(?:\.\d*)?(?:[Ee][+-]?\d+)?|[A-Za-z_\\$][\w.$]*(?:[(!])?|[^"'\w\\$]+/g;
  return formula.replace(token, (t) => {
    const last = t[t.length - 1];
    if (last === '(' || last === '!' || t.startsWith('"') || t.startsWith("'")) return t;
    const m = /^(\$?)([A-Za-z]{1,3})(\$?)(\d+)$/.exec(t);
    if (m === null) return t;
    const [, colAbs, letters, rowAbs, digits] = m as unknown as [string, string, string, string, string];
    let col = 0;
    for (const ch of letters.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
    col -= 1;
    let row = Number(digits) - 1;
    if (colAbs === '') col += cols;
    if (rowAbs === '') row += rows;
    if (col < 0 || row < 0 || col > 16_383 || row > 1_048_575) return '#REF!';
    return `${colAbs}${columnLetter(col)}${rowAbs}${row + 1}`;
  });
}

// ---------------------------------------------------------------- merges: covered cells read as blank

/** Whether the cells are strictly in sheet order: down the rows, across each row, no cell twice. */
function inSheetOrder(rows: readonly number[], cols: readonly number[]): boolean {
  for (let i = 1; i < rows.length; i += 1) {
    const dr = (rows[i] ?? 0) - (rows[i - 1] ?? 0);
    if (dr < 0 || (dr === 0 && (cols[i] ?? 0) <= (cols[i - 1] ?? 0))) return false;
  }
  return true;
}

/**
 * Removes the content of cells a merge covers (all but its top-left cell), as a sheet shows them. A sweep
 * down the rows with the merges active at each row kept in order of their left column: the cost grows with
 * the cells and merges, never with the area a merge spans. Overlapping merges are a damaged file, as Excel
 * and exceljs also hold.
 */
function finishSheet(sheet: SheetCells, budget: Budget): CellRange | null {
  const count = sheet.rows.length;
  const order = Array.from({ length: count }, (_, i) => i);
  // Cells are written in order (rows down, columns across) by every writer seen; sort only when they are not.
  if (!inSheetOrder(sheet.rows, sheet.cols)) {
    order.sort(
      (a, b) => (sheet.rows[a] ?? 0) - (sheet.rows[b] ?? 0) || (sheet.cols[a] ?? 0) - (sheet.cols[b] ?? 0),
    );
  }
  const covered = new Uint8Array(count);
  if (sheet.merges.length > 0) {
    const byTop = [...sheet.merges].sort((a, b) => a.top - b.top);
    const byBottom = [...sheet.merges].sort((a, b) => a.bottom - b.bottom);
    const active: CellRange[] = [];
    let nextTop = 0;
    let nextBottom = 0;
    const position = (left: number): number => {
      let lo = 0;
      let hi = active.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((active[mid]?.left ?? 0) < left) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    const advance = (row: number) => {
      while (nextBottom < byBottom.length && (byBottom[nextBottom]?.bottom ?? 0) < row) {
        const gone = byBottom[nextBottom] as CellRange;
        const at = position(gone.left);
        if (active[at] === gone) active.splice(at, 1);
        nextBottom += 1;
        budget.tick();
      }
      while (nextTop < byTop.length && (byTop[nextTop]?.top ?? 0) <= row) {
        const merge = byTop[nextTop] as CellRange;
        nextTop += 1;
        budget.tick();
        if (merge.bottom < row) continue;
        const at = position(merge.left);
        const before = active[at - 1];
        const after = active[at];
        if (
          (before !== undefined && before.right >= merge.left) ||
          (after !== undefined && after.left <= merge.right)
        ) {
          throw new ReadRejected('corrupt', '合并区域相互重叠 / merged ranges overlap');
        }
        active.splice(at, 0, merge);
      }
    };
    for (const i of order) {
      const row = sheet.rows[i] ?? 0;
      const col = sheet.cols[i] ?? 0;
      budget.tick();
      if (nextTop < byTop.length || nextBottom < byBottom.length) advance(row);
      const at = position(col + 1) - 1;
      const merge = active[at];
      if (merge !== undefined && merge.right >= col && (merge.top !== row || merge.left !== col)) {
        covered[i] = 1;
      }
    }
    // Merges below the last cell still count for overlaps.
    while (nextTop < byTop.length) advance((byTop[nextTop] as CellRange).top);
  }
  let bottom = -1;
  let right = -1;
  const kept: number[] = [];
  for (const i of order) {
    if (covered[i] === 1) continue;
    kept.push(i);
    bottom = Math.max(bottom, sheet.rows[i] ?? 0);
    right = Math.max(right, sheet.cols[i] ?? 0);
  }
  if (kept.length !== count || kept.some((v, k) => v !== k)) {
    const rows = kept.map((i) => sheet.rows[i] ?? 0);
    const cols = kept.map((i) => sheet.cols[i] ?? 0);
    const values = kept.map((i) => sheet.values[i] ?? null);
    const formulas = kept.map((i) => sheet.formulas[i] ?? null);
    sheet.rows = rows;
    sheet.cols = cols;
    sheet.values = values;
    sheet.formulas = formulas;
  }
  return bottom < 0 ? null : { top: 0, left: 0, bottom, right };
}
