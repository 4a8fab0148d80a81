/**
 * The part of Office.js this adapter uses, as interfaces. The adapter is written against these rather than
 * the `Excel` global so that tests can hand it a fake; `RealContextFits` below makes the compiler prove that
 * the real `Excel.RequestContext` provides every member used here, so the fake cannot drift from Office.js.
 *
 * Scalar properties borrow Office.js's own types; navigation properties and methods return the subset types.
 */

export type XlSheetVisibility = 'Visible' | 'Hidden' | 'VeryHidden';
export type XlBorderIndex =
  'EdgeTop' | 'EdgeBottom' | 'EdgeLeft' | 'EdgeRight' | 'InsideVertical' | 'InsideHorizontal';

/** What the adapter reads of a worksheet change (WorksheetChangedEventArgs). */
export interface XlChangedArgs {
  address: string;
  changeType: Excel.WorksheetChangedEventArgs['changeType'];
  source: Excel.WorksheetChangedEventArgs['source'];
  worksheetId: string;
  /** ExcelApi 1.14; absent on older hosts. */
  triggerSource?: Excel.WorksheetChangedEventArgs['triggerSource'];
}

export interface XlEventHandlers {
  add(handler: (args: XlChangedArgs) => Promise<unknown>): unknown;
}

export interface XlRangeFont {
  name: string;
  bold: boolean;
  size: number;
  color: string;
}

export interface XlRangeBorder {
  style: Excel.RangeBorder['style'];
  weight: Excel.RangeBorder['weight'];
  color: string;
}

export interface XlRangeFormat {
  font: XlRangeFont;
  fill: { color: string };
  horizontalAlignment: Excel.RangeFormat['horizontalAlignment'];
  verticalAlignment: Excel.RangeFormat['verticalAlignment'];
  wrapText: boolean;
  /** Points. */
  columnWidth: number;
  /** Points. */
  rowHeight: number;
  protection: { locked: boolean };
  borders: { getItem(index: XlBorderIndex): XlRangeBorder };
}

export interface XlDataValidation {
  clear(): void;
  rule: Excel.DataValidationRule;
  ignoreBlanks: boolean;
  prompt: Excel.DataValidationPrompt;
  errorAlert: Excel.DataValidationErrorAlert;
}

export interface XlConditionalFormat {
  custom: {
    rule: { formula: string };
    format: { fill: { color: string }; font: { color: string } };
  };
}

export interface XlRange {
  values: unknown[][];
  formulas: unknown[][];
  numberFormat: unknown[][];
  address: string;
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
  readonly isNullObject: boolean;
  readonly format: XlRangeFormat;
  readonly dataValidation: XlDataValidation;
  readonly conditionalFormats: { add(type: 'Custom'): XlConditionalFormat };
  readonly worksheet: XlWorksheet;
  load(propertyNames: string | string[]): unknown;
  merge(across?: boolean): void;
  select(): void;
  /** The merged areas within the range, or a null object when there are none (ExcelApi 1.13). */
  getMergedAreasOrNullObject(): XlRangeAreas;
}

/** Several rectangular ranges; the adapter reads only their address ("Sheet1!A1:F1, Sheet1!B3:C3"). */
export interface XlRangeAreas {
  address: string;
  readonly isNullObject: boolean;
  load(propertyNames: string | string[]): unknown;
}

export interface XlWorksheetProtection {
  readonly protected: boolean;
  readonly options: Excel.WorksheetProtectionOptions;
  protect(options?: Excel.WorksheetProtectionOptions, password?: string): void;
  unprotect(password?: string): void;
}

export interface XlPageLayout {
  orientation: Excel.PageLayout['orientation'];
  zoom: Excel.PageLayoutZoomOptions;
  setPrintArea(printArea: string): void;
  setPrintTitleRows(printTitleRows: string): void;
}

export interface XlWorksheet {
  readonly id: string;
  name: string;
  visibility: Excel.Worksheet['visibility'];
  tabColor: string;
  /** 0-based place among the workbook's sheets, hidden ones included (ExcelApi 1.1). */
  position: number;
  readonly protection: XlWorksheetProtection;
  readonly freezePanes: {
    freezeRows(count?: number): void;
    freezeColumns(count?: number): void;
    freezeAt(frozenRange: string): void;
    unfreeze(): void;
  };
  readonly pageLayout: XlPageLayout;
  readonly onChanged: XlEventHandlers;
  getRange(address?: string): XlRange;
  getUsedRangeOrNullObject(valuesOnly?: boolean): XlRange;
  activate(): void;
  load(propertyNames: string | string[]): unknown;
}

export interface XlWorksheetCollection {
  readonly items: XlWorksheet[];
  /** ExcelApi 1.9. */
  readonly onChanged: XlEventHandlers;
  load(propertyNames: string | string[]): unknown;
  add(name?: string): XlWorksheet;
  getItem(key: string): XlWorksheet;
}

export interface XlNamedItem {
  readonly name: string;
  readonly formula: unknown;
  delete(): void;
}

export interface XlNamedItemCollection {
  readonly items: XlNamedItem[];
  load(propertyNames: string | string[]): unknown;
  add(name: string, reference: string, comment?: string): unknown;
  getItem(name: string): XlNamedItem;
}

export interface XlWorkbook {
  readonly worksheets: XlWorksheetCollection;
  readonly names: XlNamedItemCollection;
  getActiveCell(): XlRange;
}

export interface XlRequestContext {
  readonly workbook: XlWorkbook;
  readonly runtime: { enableEvents: boolean };
  sync(): Promise<void>;
}

/** What the adapter needs from Office: `Excel.run` and the requirement-set check. */
export interface ExcelHostApi {
  run<T>(
    options: { delayForCellEdit: boolean },
    batch: (context: XlRequestContext) => Promise<T>,
  ): Promise<T>;
  isSetSupported(name: string, minVersion: string): boolean;
  /** `Excel.createWorkbook(base64)` (ExcelApi 1.8): opens a new workbook from an xlsx file; absent before. */
  createWorkbook?(base64: string): Promise<void>;
}

type Assert<T extends true> = T;
/** Compile-time proof that the real Office.js context provides this subset (fails to compile otherwise). */
export type RealContextFits = Assert<Excel.RequestContext extends XlRequestContext ? true : false>;
