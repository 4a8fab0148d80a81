/**
 * The subset of the WPS 表格 (ET) object model this adapter uses, declared narrowly. Member names and argument
 * orders follow the ET JSAPI (npm `et-jsapi-declare`, VBA-shaped); that package's full typings declare
 * `Application` and `wps` as globals, which the dependency rule keeps out of every other folder, so the few
 * members used here are declared on their own.
 *
 * Calling rules the types encode (docs/platform.md §2):
 * - `Tolerant<T>`: a member that is a property in one WPS build and a zero-argument method in another. Read it
 *   only through `readMember` (et-access.ts), never directly.
 * - Collections are reached only through `Item()`; parameterised properties are methods (`Address()`).
 * - Enumerations and colours are numbers: the constants below, and BGR integers for colours.
 */

export type Tolerant<T> = T | (() => T);

/** A value ET hands back for a cell or a block: a scalar for one cell, rows of scalars for several. */
export type EtScalar = string | number | boolean | null | undefined;
export type EtBlockValue = EtScalar | EtScalar[][] | EtScalar[];

export interface EtApplication {
  ActiveWorkbook: Tolerant<EtWorkbook | null>;
  /** The open workbooks; `Add()` makes a new, empty one (it becomes the active workbook). */
  Workbooks?: Tolerant<EtWorkbooks>;
  ActiveWindow?: Tolerant<EtWindow | null>;
  Selection?: Tolerant<EtRange | null>;
  DisplayAlerts?: boolean;
  ApiEvent?: EtApiEvent;
}

export type SheetChangeHandler = (sheet: EtWorksheet, target: EtRange) => void;

/** Workbook-level events: another workbook became the one the add-in works on. */
export type WorkbookEventName = 'WorkbookActivate' | 'WorkbookOpen' | 'NewWorkbook';

export interface EtApiEvent {
  AddApiEventListener(event: 'SheetChange', handler: SheetChangeHandler): unknown;
  AddApiEventListener(event: WorkbookEventName, handler: (workbook: EtWorkbook) => void): unknown;
  RemoveApiEventListener?(event: 'SheetChange', handler: SheetChangeHandler): unknown;
}

export interface EtWindow {
  FreezePanes: boolean;
  SplitRow: number;
  SplitColumn: number;
  ScrollRow: number;
  ScrollColumn: number;
}

export interface EtWorkbooks {
  Add(): EtWorkbook;
}

export interface EtWorkbook {
  Worksheets: Tolerant<EtSheets>;
  Names: Tolerant<EtNames>;
}

export interface EtSheets {
  Count: Tolerant<number>;
  Item(index: string | number): EtWorksheet;
  /** `Add(Before, After, Count, Type)`: skipped arguments are `undefined`. */
  Add(before?: EtWorksheet, after?: EtWorksheet): EtWorksheet;
}

export interface EtNames {
  Add(name: string, refersTo: string): unknown;
}

export interface EtWorksheet {
  Name: Tolerant<string>;
  /** -1 visible, 0 hidden, 2 very hidden (`XlSheetVisibility`). Some builds report -1/0 as true/false. */
  Visible: number | boolean;
  Range(ref: string): EtRange;
  UsedRange: Tolerant<EtRange>;
  Tab: Tolerant<EtColored>;
  PageSetup: Tolerant<EtPageSetup>;
  Protection: Tolerant<EtProtection>;
  ProtectContents: Tolerant<boolean>;
  /**
   * `Protect(Password, DrawingObjects, Contents, Scenarios, UserInterfaceOnly, AllowFormattingCells,
   * AllowFormattingColumns, AllowFormattingRows, AllowInsertingColumns, AllowInsertingRows,
   * AllowInsertingHyperlinks, AllowDeletingColumns, AllowDeletingRows, ...)`.
   */
  Protect(...args: (string | boolean | undefined)[]): unknown;
  Unprotect(password?: string): unknown;
  Activate(): unknown;
  Delete(): unknown;
}

export interface EtColored {
  Color: number;
}

export interface EtFont extends EtColored {
  Name: string;
  Bold: boolean;
  Size: number;
}

export interface EtBorders extends EtColored {
  LineStyle: number;
  Weight: number;
}

export interface EtPageSetup {
  Orientation: number;
  Zoom: number | false;
  FitToPagesWide: number | false;
  FitToPagesTall: number | false;
  PrintArea: string;
  PrintTitleRows: string;
}

export interface EtProtection {
  AllowFormattingColumns: boolean;
  AllowFormattingRows: boolean;
  AllowInsertingRows: boolean;
  AllowDeletingRows: boolean;
}

export interface EtValidation {
  /** `Add(Type, AlertStyle, Operator, Formula1, Formula2)`. */
  Add(type: number, alertStyle?: number, operator?: number, formula1?: string, formula2?: string): unknown;
  Delete(): unknown;
  IgnoreBlank: boolean;
  InputMessage: string;
  ErrorMessage: string;
  ShowInput: boolean;
  ShowError: boolean;
}

export interface EtFormatCondition {
  Interior: Tolerant<EtColored>;
  Font: Tolerant<EtColored>;
}

export interface EtFormatConditions {
  /** `Add(Type, Operator, Formula1, ...)`; returns the new condition. */
  Add(type: number, operator?: number, formula1?: string): EtFormatCondition;
}

export interface EtRange {
  /** `Address(RowAbsolute, ColumnAbsolute, ...)`: a method in ET, '$A$1:$D$5'. */
  Address: Tolerant<string>;
  Value2: EtBlockValue;
  Formula: EtBlockValue;
  NumberFormat: string;
  HorizontalAlignment: number;
  VerticalAlignment: number;
  WrapText: boolean;
  Locked: boolean;
  ColumnWidth: number;
  RowHeight: number;
  Interior: Tolerant<EtColored>;
  Font: Tolerant<EtFont>;
  Borders: Tolerant<EtBorders>;
  Validation: Tolerant<EtValidation>;
  FormatConditions: Tolerant<EtFormatConditions>;
  Worksheet: Tolerant<EtWorksheet>;
  /** True when every cell of the range is merged, false when none is, null when some are. */
  MergeCells: boolean | null;
  /** Of a single cell: the merged range holding it, or the cell itself. */
  MergeArea: Tolerant<EtRange>;
  Merge(across?: boolean): unknown;
  Select(): unknown;
}

/** The numbers ET speaks for the engine's string enums (VBA `Xl*` constants). */
export const ET = {
  sheetVisible: -1,
  sheetHidden: 0,
  sheetVeryHidden: 2,
  alignLeft: -4131,
  alignCenter: -4108,
  alignRight: -4152,
  alignTop: -4160,
  alignBottom: -4107,
  lineContinuous: 1,
  lineNone: -4142,
  borderThin: 2,
  validateDecimal: 2,
  validateList: 3,
  validateCustom: 7,
  alertStop: 1,
  operatorBetween: 1,
  operatorGreaterEqual: 7,
  conditionExpression: 2,
  portrait: 1,
  landscape: 2,
} as const;
