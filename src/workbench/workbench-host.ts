/**
 * What the workbench needs from a host besides the port the pane uses: a way to act as the person at the
 * keyboard (type, paste, insert and delete rows, select), and what to draw (highlight rules, merges, widths).
 * The memory host is the default; a test can run the same page over another host by adding it to
 * `WORKBENCH_HOSTS` and opening `workbench.html?host=<name>`.
 */
import type { Lang } from '../domain/messages/catalog';
import type { WorkbookPort } from '../app/workbook-port';
import type { CellScalar } from '../domain/grid/cell';
import { parseRange, toA1 } from '../domain/grid/address';
import { MemoryWorkbook } from '../hosts/memory/memory-workbook';
import { listOptions } from './list-options';
import { wpsWorkbenchHost } from '../wps-addin/workbench-host';

export interface Highlight {
  range: string;
  fill: string;
  fontColor?: string | undefined;
}

export interface WorkbenchHost {
  /** The port the pane and the live checks use; `select` on it moves the grid's selection. */
  port: WorkbookPort;
  /** The pane's line under its title, in each language of the pane. */
  label: Readonly<Record<Lang, string>>;
  typeValues(sheet: string, topLeft: string, values: CellScalar[][]): void | Promise<void>;
  insertRows(sheet: string, beforeRow0: number, count: number): void | Promise<void>;
  deleteRows(sheet: string, row0: number, count: number): void | Promise<void>;
  highlightsOf(sheet: string): Highlight[];
  mergesOf(sheet: string): string[];
  /** Column widths in the spreadsheet's character units, by 0-based column. */
  columnWidthsOf(sheet: string): ReadonlyMap<number, number>;
  onSelectionChanged(listener: (selection: { sheet: string; cell: string }) => void): () => void;
  /** The number format of a cell, for showing a typed 96% as 96%; null where it has none. */
  numberFormatAt?(sheet: string, cell: string): string | null;
  /** Gives a cell the number format a typed entry brings with it (96% → 0%), as the spreadsheet does on entry. */
  typeNumberFormat?(sheet: string, cell: string, format: string): void | Promise<void>;
  /** The choices of the dropdown (list validation) on a cell; null where it has none or the host cannot tell. */
  dropdownAt?(sheet: string, cell: string): string[] | null;
}

/** Values of a range of the memory workbook, row by row (formulas show nothing: this host does not calculate). */
function memoryValues(book: MemoryWorkbook, sheet: string, range: string): CellScalar[] {
  if (!book.hasSheet(sheet)) return [];
  const r = parseRange(range);
  const values: CellScalar[] = [];
  for (let row = r.top; row <= r.bottom; row += 1) {
    for (let col = r.left; col <= r.right; col += 1)
      values.push(book.getCell(sheet, toA1({ row, col }))?.value ?? null);
  }
  return values;
}

/** A port whose `select` also tells the grid, since the memory host has no selection events. */
function withSelectionEvents(
  port: WorkbookPort,
  listeners: Set<(selection: { sheet: string; cell: string }) => void>,
): WorkbookPort {
  return {
    capabilities: port.capabilities,
    listSheets: () => port.listSheets(),
    applyPlan: (plan) => port.applyPlan(plan),
    readBlock: (sheet, range) => port.readBlock(sheet, range),
    readBlocks: (requests) => port.readBlocks(requests),
    getSelection: () => port.getSelection(),
    onCellsChanged: (listener) => port.onCellsChanged(listener),
    select: async (sheet, cell) => {
      await port.select(sheet, cell);
      for (const listener of [...listeners]) listener({ sheet, cell });
    },
  };
}

export function memoryWorkbenchHost(book = new MemoryWorkbook()): WorkbenchHost {
  const listeners = new Set<(selection: { sheet: string; cell: string }) => void>();
  return {
    port: withSelectionEvents(book, listeners),
    label: { 'zh-CN': '工作台 · 内存工作簿', en: 'Workbench · in-memory workbook' },
    typeValues: (sheet, topLeft, values) => book.setValues(sheet, topLeft, values, 'user'),
    insertRows: (sheet, row, count) => book.insertRows(sheet, row, count, 'user'),
    deleteRows: (sheet, row, count) => book.deleteRows(sheet, row, count, 'user'),
    highlightsOf: (sheet) =>
      book.hasSheet(sheet)
        ? book.highlightsOf(sheet).map((h) => ({ range: h.range, fill: h.fill, fontColor: h.fontColor }))
        : [],
    mergesOf: (sheet) => (book.hasSheet(sheet) ? book.mergesOf(sheet) : []),
    numberFormatAt: (sheet, cell) => (book.hasSheet(sheet) ? book.numberFormatAt(sheet, cell) : null),
    typeNumberFormat: (sheet, cell, format) =>
      book.applyPlan({ formSheet: sheet, ops: [{ kind: 'numberFormat', sheet, range: cell, format }] }),
    columnWidthsOf: (sheet) => (book.hasSheet(sheet) ? book.columnWidthsOf(sheet) : new Map()),
    onSelectionChanged: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    dropdownAt: (sheet, cell) => {
      const validation = book.hasSheet(sheet) ? book.validationAt(sheet, cell) : null;
      if (validation?.kind !== 'listValidation') return null;
      const names = new Map(book.names().map((n) => [n.name.toUpperCase(), n.refersTo]));
      return listOptions(validation, sheet, cell, {
        refersTo: (name) => names.get(name.toUpperCase()) ?? null,
        values: (target, range) => memoryValues(book, target, range),
      });
    },
  };
}

/** Hosts the workbench can run over, by the `host` query parameter. */
export const WORKBENCH_HOSTS: Readonly<Record<string, () => WorkbenchHost>> = {
  memory: () => memoryWorkbenchHost(),
  // Over the ET fake a test installs before the page loads (test/fakes/wps/write-init-script.ts).
  wps: () => {
    const host = wpsWorkbenchHost(window);
    if (host === null) throw new Error('workbench.html?host=wps needs the WPS fake installed in the page');
    return host;
  },
};
