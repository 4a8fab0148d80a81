/**
 * A received workbook as the port sees it: read once by the streaming reader, then only read. Checking never
 * writes into a file someone sent, so a plan is refused. No Node module is imported here.
 */
import { toRangeA1, type CellRange } from '../../domain/grid/address';
import type { Block, CellScalar } from '../../domain/grid/cell';
import type { Plan } from '../../domain/plan/plan';
import { parseRangeOrThrow } from '../../app/plan-checks';
import {
  type CellsChanged,
  type HostCapabilities,
  HostError,
  type SheetInfo,
  type WorkbookPort,
} from '../../app/workbook-port';
import type { DefinedName, SheetData, WorkbookData } from './xlsx-reader';

/** A block read with an explicit range may not be larger than this many cells (the whole grid is 17 billion). */
const MAX_BLOCK_CELLS = 4_000_000;

export class ReceivedWorkbook implements WorkbookPort {
  readonly capabilities: HostCapabilities = {
    hasChangeEvents: false,
    hasTriggerSource: false,
    calculates: false,
  };

  private selected: { sheet: string; cell: string } | null = null;

  constructor(private readonly data: WorkbookData) {}

  async listSheets(): Promise<SheetInfo[]> {
    return this.data.sheets.map((s) => ({
      name: s.name,
      visibility: s.visibility,
      usedRange: s.used === null ? null : toRangeA1(s.used),
    }));
  }

  async applyPlan(_plan: Plan): Promise<void> {
    throw new HostError('unsupported', '收到的文件只读 / a received file is read only');
  }

  async readBlock(sheet: string, range?: string): Promise<Block> {
    return this.readBlockNow(sheet, range);
  }

  async readBlocks(requests: readonly { sheet: string; range?: string }[]): Promise<Block[]> {
    return requests.map((r) => this.readBlockNow(r.sheet, r.range));
  }

  async select(sheet: string, cell: string): Promise<void> {
    const found = this.sheetOrThrow(sheet);
    this.selected = { sheet: found.name, cell: toRangeA1(parseRangeOrThrow(cell)) };
  }

  async getSelection(): Promise<{ sheet: string; cell: string } | null> {
    return this.selected === null ? null : { ...this.selected };
  }

  onCellsChanged(_listener: (change: CellsChanged) => void): () => void {
    return () => undefined;
  }

  /** The workbook's defined names as written (never resolved into cells). */
  definedNames(): readonly DefinedName[] {
    return this.data.definedNames;
  }

  /** A sheet's merged ranges, as ranges. */
  merges(sheet: string): readonly CellRange[] {
    return this.sheetOrThrow(sheet).merges;
  }

  private sheetOrThrow(name: string): SheetData {
    // Excel treats sheet names case-insensitively.
    const wanted = name.toUpperCase();
    const found = this.data.sheets.find((s) => s.name.toUpperCase() === wanted);
    if (found === undefined) throw new HostError('sheet_not_found', `找不到工作表 / no sheet named ${name}`);
    return found;
  }

  private readBlockNow(sheet: string, range?: string): Block {
    const data = this.sheetOrThrow(sheet);
    const area = range === undefined ? data.used : parseRangeOrThrow(range);
    if (area === null) return { top: 0, left: 0, values: [], formulas: [] };
    const height = area.bottom - area.top + 1;
    const width = area.right - area.left + 1;
    if (height * width > MAX_BLOCK_CELLS) {
      throw new HostError('invalid_range', `区域过大 / range too large: ${toRangeA1(area)}`);
    }
    const values: CellScalar[][] = [];
    const formulas: (string | null)[][] = [];
    for (let r = 0; r < height; r += 1) {
      values.push(new Array<CellScalar>(width).fill(null));
      formulas.push(new Array<string | null>(width).fill(null));
    }
    for (let i = 0; i < data.rows.length; i += 1) {
      const r = (data.rows[i] ?? 0) - area.top;
      const c = (data.cols[i] ?? 0) - area.left;
      if (r < 0 || r >= height || c < 0 || c >= width) continue;
      (values[r] as CellScalar[])[c] = data.values[i] ?? null;
      (formulas[r] as (string | null)[])[c] = data.formulas[i] ?? null;
    }
    const merges = data.merges
      .filter(
        (m) => m.top <= area.bottom && m.bottom >= area.top && m.left <= area.right && m.right >= area.left,
      )
      .sort((a, b) => a.top - b.top || a.left - b.left);
    return merges.length === 0
      ? { top: area.top, left: area.left, values, formulas }
      : { top: area.top, left: area.left, values, formulas, merges };
  }
}
