/**
 * The port every host implements (docs/architecture.md §3): coarse, declarative and batch-friendly. A use case
 * never touches a host API; it hands the port a whole plan or asks for a whole block.
 */
import type { Block } from '../domain/grid/cell';
import type { Plan } from '../domain/plan/plan';

export interface HostCapabilities {
  /** The host tells which cells changed (Excel `onChanged`, WPS `SheetChange`). */
  hasChangeEvents: boolean;
  /** The host tells our own writes from the user's (Excel `triggerSource`, ExcelApi 1.14). */
  hasTriggerSource: boolean;
  /** The host computes formulas (memory and file hosts do not). */
  calculates: boolean;
}

export type ChangeSource = 'user' | 'ours' | 'other';

export interface CellsChanged {
  sheet: string;
  /** A1 range of the change ('B3', 'B3:F40'). */
  range: string;
  source: ChangeSource;
  /** Rows inserted or deleted, when the host tells. */
  structural?: 'rowsInserted' | 'rowsDeleted';
}

export type HostErrorCode =
  | 'sheet_exists'
  | 'sheet_not_found'
  | 'invalid_range'
  | 'host_busy'
  | 'protected'
  | 'unsupported'
  | 'io_failed'
  | 'unknown';

/** A host or I/O failure, re-thrown by the adapter with a code the UI and CLI turn into catalog text. */
export class HostError extends Error {
  override readonly name = 'HostError';
  constructor(
    readonly code: HostErrorCode,
    detail: string,
  ) {
    super(`${code}: ${detail}`);
  }
}

export interface SheetInfo {
  name: string;
  visibility: 'visible' | 'hidden' | 'veryHidden';
  /** The used range in A1 ('A1:L40'), null when the sheet is empty. */
  usedRange: string | null;
}

/**
 * A new workbook, where the host can make one (写入汇总表 into a new workbook). Excel opens a new workbook
 * from a whole xlsx file (`Excel.createWorkbook`, base64) and the pane cannot write into it afterwards; WPS
 * adds an empty workbook (`Workbooks.Add()`) that is written through a port over it.
 */
export type NewWorkbook =
  | { kind: 'from-file'; open(base64: string): Promise<void> }
  | { kind: 'empty'; add(): Promise<WorkbookPort> };

export interface WorkbookPort {
  readonly capabilities: HostCapabilities;
  /** How this host makes a new workbook; absent where it cannot (a plain browser, older Office). */
  readonly newWorkbook?: NewWorkbook;
  listSheets(): Promise<SheetInfo[]>;
  /** Apply a whole plan in one batch. Throws HostError('sheet_exists') rather than replace a sheet. */
  applyPlan(plan: Plan): Promise<void>;
  /** Values and formulas of a rectangle; the used range when `range` is omitted. */
  readBlock(sheet: string, range?: string): Promise<Block>;
  /** Several reads in one round trip. */
  readBlocks(requests: readonly { sheet: string; range?: string }[]): Promise<Block[]>;
  /** Select a cell for the user (click on an issue). */
  select(sheet: string, cell: string): Promise<void>;
  /** Where the user's selection is (insert a library indicator into the selected row); null when unknown. */
  getSelection(): Promise<{ sheet: string; cell: string } | null>;
  /** Subscribe to changes; returns the unsubscribe function. */
  onCellsChanged(listener: (change: CellsChanged) => void): () => void;
}
