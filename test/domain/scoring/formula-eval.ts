/**
 * A small evaluator for the subset of spreadsheet formulas the score formulas use, for tests only: numbers,
 * strings, cell references and ranges into a given map, + - * / & and comparisons, and IF AND OR NOT
 * ISNUMBER MIN MAX ABS ROUND ROUNDDOWN SUM COUNT INDEX MATCH. It follows Excel's rules where they matter
 * for the twins: IF evaluates only the branch taken, a blank cell is 0 in arithmetic and "" in comparisons,
 * a number never equals a text, text compares case-insensitively, and ROUND works on the 15 significant
 * digits a spreadsheet shows. A real spreadsheet re-checks the same formulas later; this catches mistakes
 * early.
 */

export type CellValue = number | string | boolean | null;
export interface ErrorValue {
  error: '#DIV/0!' | '#VALUE!' | '#N/A' | '#NAME?' | '#REF!';
}
export type Value = number | string | boolean | ErrorValue;
type Operand = Value | null | { range: CellValue[] };

export function isError(value: unknown): value is ErrorValue {
  return typeof value === 'object' && value !== null && 'error' in value;
}

// ---------------------------------------------------------------------------------------------------------
// Tokens

type Token =
  | { type: 'number'; value: number }
  | { type: 'string'; value: string }
  | { type: 'ref'; value: string }
  | { type: 'name'; value: string }
  | { type: 'op'; value: string }
  | { type: 'paren'; value: '(' | ')' }
  | { type: 'comma' };

const NUMBER = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/;
const REF = /^\$?[A-Z]{1,3}\$?\d+(:\$?[A-Z]{1,3}\$?\d+)?/;
const NAME = /^[A-Z][A-Z0-9.]*(?=\()/;
const OPERATORS = ['<=', '>=', '<>', '+', '-', '*', '/', '&', '=', '<', '>'];

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let rest = source;
  while (rest.length > 0) {
    const ch = rest[0] ?? '';
    if (ch === ' ') {
      rest = rest.slice(1);
      continue;
    }
    if (ch === '"') {
      let text = '';
      let i = 1;
      for (;;) {
        if (i >= rest.length) throw new Error(`unterminated string in ${source}`);
        const c = rest[i] ?? '';
        if (c === '"') {
          if (rest[i + 1] === '"') {
            text += '"';
            i += 2;
            continue;
          }
          break;
        }
        text += c;
        i += 1;
      }
      tokens.push({ type: 'string', value: text });
      rest = rest.slice(i + 1);
      continue;
    }
    if (ch === '(' || ch === ')') {
      tokens.push({ type: 'paren', value: ch });
      rest = rest.slice(1);
      continue;
    }
    if (ch === ',') {
      tokens.push({ type: 'comma' });
      rest = rest.slice(1);
      continue;
    }
    const name = NAME.exec(rest);
    if (name) {
      tokens.push({ type: 'name', value: name[0] });
      rest = rest.slice(name[0].length);
      continue;
    }
    const ref = REF.exec(rest);
    if (ref) {
      tokens.push({ type: 'ref', value: ref[0].replace(/\$/g, '') });
      rest = rest.slice(ref[0].length);
      continue;
    }
    const num = NUMBER.exec(rest);
    if (num) {
      tokens.push({ type: 'number', value: Number(num[0]) });
      rest = rest.slice(num[0].length);
      continue;
    }
    const op = OPERATORS.find((o) => rest.startsWith(o));
    if (op) {
      tokens.push({ type: 'op', value: op });
      rest = rest.slice(op.length);
      continue;
    }
    throw new Error(`unexpected "${ch}" in ${source}`);
  }
  return tokens;
}

// ---------------------------------------------------------------------------------------------------------
// Syntax tree

type Node =
  | { kind: 'literal'; value: number | string }
  | { kind: 'ref'; ref: string }
  | { kind: 'call'; name: string; args: Node[] }
  | { kind: 'binary'; op: string; left: Node; right: Node }
  | { kind: 'negate'; operand: Node };

/** Excel precedence, loosest first: comparison, &, + -, * /, unary minus. */
const LEVELS: readonly (readonly string[])[] = [
  ['=', '<>', '<', '>', '<=', '>='],
  ['&'],
  ['+', '-'],
  ['*', '/'],
];

class Parser {
  private position = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Node {
    const node = this.expression(0);
    if (this.position !== this.tokens.length) throw new Error('trailing tokens');
    return node;
  }

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }

  private next(): Token {
    const token = this.tokens[this.position];
    if (token === undefined) throw new Error('unexpected end of formula');
    this.position += 1;
    return token;
  }

  private expression(level: number): Node {
    const ops = LEVELS[level];
    if (ops === undefined) return this.unary();
    let left = this.expression(level + 1);
    for (;;) {
      const token = this.peek();
      if (token?.type !== 'op' || !ops.includes(token.value)) return left;
      this.position += 1;
      left = { kind: 'binary', op: token.value, left, right: this.expression(level + 1) };
    }
  }

  private unary(): Node {
    const token = this.peek();
    if (token?.type === 'op' && (token.value === '-' || token.value === '+')) {
      this.position += 1;
      const operand = this.unary();
      return token.value === '-' ? { kind: 'negate', operand } : operand;
    }
    return this.primary();
  }

  private primary(): Node {
    const token = this.next();
    switch (token.type) {
      case 'number':
      case 'string':
        return { kind: 'literal', value: token.value };
      case 'ref':
        return { kind: 'ref', ref: token.value };
      case 'paren': {
        if (token.value !== '(') throw new Error('unexpected )');
        const inner = this.expression(0);
        this.expect(')');
        return inner;
      }
      case 'name': {
        this.expect('(');
        const args: Node[] = [];
        if (this.isClose()) {
          this.position += 1;
          return { kind: 'call', name: token.value, args };
        }
        for (;;) {
          args.push(this.expression(0));
          const sep = this.next();
          if (sep.type === 'comma') continue;
          if (sep.type === 'paren' && sep.value === ')') break;
          throw new Error('expected , or )');
        }
        return { kind: 'call', name: token.value, args };
      }
      default:
        throw new Error(`unexpected token ${token.type}`);
    }
  }

  private isClose(): boolean {
    const token = this.peek();
    return token?.type === 'paren' && token.value === ')';
  }

  private expect(paren: '(' | ')'): void {
    const token = this.next();
    if (token.type !== 'paren' || token.value !== paren) throw new Error(`expected ${paren}`);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Values

const VALUE_ERROR: ErrorValue = { error: '#VALUE!' };

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function columnLetters(n: number): string {
  let letters = '';
  let rest = n;
  while (rest > 0) {
    const digit = (rest - 1) % 26;
    letters = String.fromCharCode(65 + digit) + letters;
    rest = Math.floor((rest - 1) / 26);
  }
  return letters;
}

function splitRef(ref: string): { col: number; row: number } {
  const match = /^([A-Z]+)(\d+)$/.exec(ref);
  if (!match) throw new Error(`bad ref ${ref}`);
  return { col: columnNumber(match[1] ?? ''), row: Number(match[2]) };
}

function expandRange(range: string): string[] {
  const [from = '', to = ''] = range.split(':');
  const a = splitRef(from);
  const b = splitRef(to);
  const refs: string[] = [];
  for (let row = Math.min(a.row, b.row); row <= Math.max(a.row, b.row); row += 1) {
    for (let col = Math.min(a.col, b.col); col <= Math.max(a.col, b.col); col += 1) {
      refs.push(`${columnLetters(col)}${row}`);
    }
  }
  return refs;
}

/** Number coercion for arithmetic: blank is 0, TRUE is 1, numeric text is its number. */
function toNumber(value: Value | null): number | ErrorValue {
  if (value === null) return 0;
  if (isError(value)) return value;
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  const trimmed = value.trim();
  if (trimmed === '') return VALUE_ERROR;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : VALUE_ERROR;
}

function toBoolean(value: Value | null): boolean | ErrorValue {
  if (value === null) return false;
  if (isError(value)) return value;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  const upper = value.toUpperCase();
  if (upper === 'TRUE') return true;
  if (upper === 'FALSE') return false;
  return VALUE_ERROR;
}

function toText(value: Value | null): string | ErrorValue {
  if (value === null) return '';
  if (isError(value)) return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return String(value);
}

/** Type rank in Excel comparisons: numbers < text < logicals. A blank takes the type of the other side. */
function compare(left: Value | null, right: Value | null): number | ErrorValue {
  if (isError(left)) return left;
  if (isError(right)) return right;
  const blankAs = (other: Value | null): Value =>
    typeof other === 'string' ? '' : typeof other === 'boolean' ? false : 0;
  const a: Value = left ?? blankAs(right);
  const b: Value = right ?? blankAs(left);
  const rank = (v: Value): number => (typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (typeof a === 'string' && typeof b === 'string') {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = Number(a);
  const y = Number(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Excel ROUND / ROUNDDOWN, done on decimal digits: the value is first taken to the 15 significant digits a
 * spreadsheet keeps, then rounded digit by digit (half away from zero, or toward zero).
 */
export function spreadsheetRound(value: number, digits: number, down: boolean): number {
  if (!Number.isFinite(value) || value === 0) return value === 0 ? 0 : value;
  const negative = value < 0;
  const [mantissa = '0', exponentText = '0'] = Math.abs(value).toExponential(14).split('e');
  const allDigits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  // Position of the decimal point counted in allDigits: value = 0.allDigits × 10^(exponent + 1).
  const pointAt = exponent + 1;
  const keep = pointAt + digits;
  if (keep >= allDigits.length) return value;
  if (keep < 0) return 0;
  let kept = allDigits.slice(0, keep);
  const firstDropped = Number(allDigits[keep] ?? '0');
  let carry = !down && firstDropped >= 5;
  let rounded = '';
  for (let i = kept.length - 1; i >= 0; i -= 1) {
    let d = Number(kept[i]) + (carry ? 1 : 0);
    carry = d === 10;
    if (carry) d = 0;
    rounded = String(d) + rounded;
  }
  kept = carry ? `1${rounded}` : rounded;
  const shift = carry ? pointAt + 1 : pointAt;
  const digitsText = kept === '' ? '0' : kept;
  const result = Number(`0.${digitsText}e${shift}`);
  return negative && result !== 0 ? -result : result;
}

// ---------------------------------------------------------------------------------------------------------
// Evaluation

export type CellMap = Readonly<Record<string, CellValue>>;

class Evaluator {
  constructor(private readonly cells: CellMap) {}

  private cell(ref: string): CellValue {
    return this.cells[ref] ?? null;
  }

  /** A node as an operand: a range stays a range (for SUM, COUNT, INDEX, MATCH, MIN, MAX). */
  private operand(node: Node): Operand {
    if (node.kind === 'ref') {
      if (node.ref.includes(':')) return { range: expandRange(node.ref).map((r) => this.cell(r)) };
      return this.cell(node.ref);
    }
    return this.value(node);
  }

  value(node: Node): Value {
    switch (node.kind) {
      case 'literal':
        return node.value;
      case 'ref': {
        if (node.ref.includes(':')) return VALUE_ERROR;
        return this.cell(node.ref) ?? 0;
      }
      case 'negate': {
        const n = toNumber(this.value(node.operand));
        return isError(n) ? n : -n;
      }
      case 'binary':
        return this.binary(node.op, node.left, node.right);
      case 'call':
        return this.call(node.name, node.args);
    }
  }

  /** The value of a node, keeping a blank cell blank (for comparisons and ISNUMBER). */
  private scalar(node: Node): Value | null {
    const operand = this.operand(node);
    if (operand !== null && typeof operand === 'object' && 'range' in operand) return VALUE_ERROR;
    return operand;
  }

  private binary(op: string, leftNode: Node, rightNode: Node): Value {
    if (['=', '<>', '<', '>', '<=', '>='].includes(op)) {
      const c = compare(this.scalar(leftNode), this.scalar(rightNode));
      if (isError(c)) return c;
      switch (op) {
        case '=':
          return c === 0;
        case '<>':
          return c !== 0;
        case '<':
          return c < 0;
        case '>':
          return c > 0;
        case '<=':
          return c <= 0;
        default:
          return c >= 0;
      }
    }
    if (op === '&') {
      const a = toText(this.scalar(leftNode));
      const b = toText(this.scalar(rightNode));
      if (isError(a)) return a;
      if (isError(b)) return b;
      return a + b;
    }
    const a = toNumber(this.scalar(leftNode));
    const b = toNumber(this.scalar(rightNode));
    if (isError(a)) return a;
    if (isError(b)) return b;
    switch (op) {
      case '+':
        return a + b;
      case '-':
        return a - b;
      case '*':
        return a * b;
      default:
        return b === 0 ? { error: '#DIV/0!' } : a / b;
    }
  }

  /** Numbers for SUM/MIN/MAX/COUNT: in ranges and refs only real numbers count; literals are coerced. */
  private numbers(args: Node[], strict: boolean): number[] | ErrorValue {
    const out: number[] = [];
    for (const arg of args) {
      const operand = this.operand(arg);
      if (operand !== null && typeof operand === 'object' && 'range' in operand) {
        for (const v of operand.range) if (typeof v === 'number') out.push(v);
        continue;
      }
      if (arg.kind === 'ref') {
        if (isError(operand)) return operand;
        if (typeof operand === 'number') out.push(operand);
        continue;
      }
      if (isError(operand)) {
        if (strict) return operand;
        continue;
      }
      const n = toNumber(operand);
      if (isError(n)) {
        if (strict) return n;
        continue;
      }
      out.push(n);
    }
    return out;
  }

  private call(name: string, args: Node[]): Value {
    const arg = (i: number): Node => {
      const node = args[i];
      if (node === undefined) throw new Error(`${name}: missing argument ${i + 1}`);
      return node;
    };
    switch (name) {
      case 'IF': {
        const condition = toBoolean(this.scalar(arg(0)));
        if (isError(condition)) return condition;
        if (condition) return this.value(arg(1));
        return args.length > 2 ? this.value(arg(2)) : false;
      }
      case 'AND':
      case 'OR': {
        const values: boolean[] = [];
        for (const node of args) {
          const b = toBoolean(this.scalar(node));
          if (isError(b)) return b;
          values.push(b);
        }
        return name === 'AND' ? values.every(Boolean) : values.some(Boolean);
      }
      case 'NOT': {
        const b = toBoolean(this.scalar(arg(0)));
        return isError(b) ? b : !b;
      }
      case 'ISNUMBER':
        return typeof this.scalar(arg(0)) === 'number';
      case 'ABS': {
        const n = toNumber(this.scalar(arg(0)));
        return isError(n) ? n : Math.abs(n);
      }
      case 'ROUND':
      case 'ROUNDDOWN': {
        const n = toNumber(this.scalar(arg(0)));
        const d = toNumber(this.scalar(arg(1)));
        if (isError(n)) return n;
        if (isError(d)) return d;
        return spreadsheetRound(n, Math.trunc(d), name === 'ROUNDDOWN');
      }
      case 'MIN':
      case 'MAX': {
        const ns = this.numbers(args, true);
        if (isError(ns)) return ns;
        if (ns.length === 0) return 0;
        return name === 'MIN' ? Math.min(...ns) : Math.max(...ns);
      }
      case 'SUM': {
        const ns = this.numbers(args, true);
        return isError(ns) ? ns : ns.reduce((acc, n) => acc + n, 0);
      }
      case 'COUNT': {
        const ns = this.numbers(args, false);
        return isError(ns) ? ns : ns.length;
      }
      case 'INDEX': {
        const source = this.operand(arg(0));
        const position = toNumber(this.scalar(arg(1)));
        if (isError(position)) return position;
        const list =
          source !== null && typeof source === 'object' && 'range' in source ? source.range : [source];
        const item = list[Math.trunc(position) - 1];
        if (item === undefined) return { error: '#REF!' };
        return isError(item) ? item : (item ?? 0);
      }
      case 'MATCH': {
        const wanted = this.scalar(arg(0));
        const source = this.operand(arg(1));
        const list =
          source !== null && typeof source === 'object' && 'range' in source ? source.range : [source];
        const index = list.findIndex((item) => !isError(item) && compare(wanted, item) === 0);
        return index < 0 ? { error: '#N/A' } : index + 1;
      }
      default:
        return { error: '#NAME?' };
    }
  }
}

/** Evaluate a formula ("=…") against the given cells. */
export function evaluateFormula(formula: string, cells: CellMap): Value {
  const source = formula.startsWith('=') ? formula.slice(1) : formula;
  const tree = new Parser(tokenize(source)).parse();
  return new Evaluator(cells).value(tree);
}
