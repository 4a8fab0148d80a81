/**
 * The workbench page over WPS: the pane's port is the real WPS host (src/hosts/wps) over whatever `Application`
 * the page carries, and what the workbench needs besides (typing as the person, drawing highlights, merges and
 * widths) comes from the control a test installs with the ET fake (`window.__wpsWorkbench`). WPS itself has no
 * such control, so inside WPS this returns null: the workbench is a test and demo page, not part of the add-in.
 */
import type { Lang } from '../domain/messages/catalog';
import type { WorkbookPort } from '../app/workbook-port';
import type { CellScalar } from '../domain/grid/cell';
import { createWpsWorkbook, findPluginStorage, findWpsApplication } from '../hosts/wps/index';

interface WorkbenchControl {
  typeValues(sheet: string, topLeft: string, values: CellScalar[][]): void;
  insertRows(sheet: string, beforeRow0: number, count: number): void;
  deleteRows(sheet: string, row0: number, count: number): void;
  highlightsOf(sheet: string): { range: string; fill: string; fontColor?: string | undefined }[];
  mergesOf(sheet: string): string[];
  columnWidthsOf(sheet: string): ReadonlyMap<number, number>;
}

type SelectionListener = (selection: { sheet: string; cell: string }) => void;

/** The shape of the workbench's host (src/workbench/workbench-host.ts), built over WPS. */
export interface WpsWorkbenchHost extends WorkbenchControl {
  port: WorkbookPort;
  /** The pane's line under its title, in each language of the pane. */
  label: Readonly<Record<Lang, string>>;
  onSelectionChanged(listener: SelectionListener): () => void;
}

export function wpsWorkbenchHost(scope: unknown): WpsWorkbenchHost | null {
  const app = findWpsApplication(scope);
  const control = (scope as { __wpsWorkbench?: WorkbenchControl } | null)?.__wpsWorkbench;
  if (app === null || control === undefined) return null;
  const wps = createWpsWorkbook(app, findPluginStorage(scope));
  const listeners = new Set<SelectionListener>();
  // WPS has a selection event, but the fake does not: the grid learns of a selection the pane makes here.
  const port: WorkbookPort = {
    capabilities: wps.capabilities,
    ...(wps.newWorkbook === undefined ? {} : { newWorkbook: wps.newWorkbook }),
    listSheets: () => wps.listSheets(),
    applyPlan: (plan) => wps.applyPlan(plan),
    readBlock: (sheet, range) => wps.readBlock(sheet, range),
    readBlocks: (requests) => wps.readBlocks(requests),
    getSelection: () => wps.getSelection(),
    onCellsChanged: (listener) => wps.onCellsChanged(listener),
    select: async (sheet, cell) => {
      await wps.select(sheet, cell);
      for (const listener of [...listeners]) listener({ sheet, cell });
    },
  };
  return {
    port,
    label: { 'zh-CN': '工作台 · WPS 表格（模拟）', en: 'Workbench · WPS (fake)' },
    typeValues: (sheet, topLeft, values) => control.typeValues(sheet, topLeft, values),
    insertRows: (sheet, row, count) => control.insertRows(sheet, row, count),
    deleteRows: (sheet, row, count) => control.deleteRows(sheet, row, count),
    highlightsOf: (sheet) => control.highlightsOf(sheet),
    mergesOf: (sheet) => control.mergesOf(sheet),
    columnWidthsOf: (sheet) => control.columnWidthsOf(sheet),
    onSelectionChanged: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
