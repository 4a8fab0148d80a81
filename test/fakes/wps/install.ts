/**
 * Installs the ET fake where WPS would put the real thing: `Application` and `wps` on a page's window (or any
 * scope), plus `__wpsFake` for the test to play the person at the keyboard (`typeAsUser`, `insertRowsAsUser`)
 * and to read the fake's state and call counts.
 */
import { FakeEt, type FakeEtOptions } from './fake-et';

/**
 * What a test page (the workbench) needs to play the person at the keyboard in the fake WPS and to draw its
 * sheets; WPS itself has nothing like it, so only a page with the fake installed gets it.
 */
export interface WpsWorkbenchControl {
  typeValues(sheet: string, topLeft: string, values: (string | number | boolean | null)[][]): void;
  insertRows(sheet: string, beforeRow0: number, count: number): void;
  deleteRows(sheet: string, row0: number, count: number): void;
  highlightsOf(sheet: string): { range: string; fill: string; fontColor?: string }[];
  mergesOf(sheet: string): string[];
  columnWidthsOf(sheet: string): ReadonlyMap<number, number>;
}

export interface WpsFakeScope {
  __wpsFakeOptions?: FakeEtOptions;
  __wpsFake?: FakeEt;
  __wpsWorkbench?: WpsWorkbenchControl;
  Application?: unknown;
  wps?: unknown;
}

export function installWpsFake(
  scope: WpsFakeScope,
  options: FakeEtOptions = scope.__wpsFakeOptions ?? {},
): FakeEt {
  const fake = new FakeEt(options);
  scope.Application = fake.application;
  scope.wps = fake.wps;
  scope.__wpsFake = fake;
  scope.__wpsWorkbench = {
    typeValues: (sheet, topLeft, values) => fake.typeAsUser(sheet, topLeft, values),
    insertRows: (sheet, beforeRow0, count) => fake.insertRowsAsUser(sheet, beforeRow0, count),
    deleteRows: (sheet, row0, count) => fake.deleteRowsAsUser(sheet, row0, count),
    highlightsOf: (sheet) => fake.highlightsOf(sheet),
    mergesOf: (sheet) => fake.mergesOf(sheet),
    columnWidthsOf: (sheet) => fake.columnWidthsOf(sheet),
  };
  return fake;
}
