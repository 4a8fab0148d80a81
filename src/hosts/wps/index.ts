/**
 * Entry of the WPS host: `main.tsx` asks here first whether the page runs inside WPS 表格, and the WPS add-in's
 * session page builds its port here too. WPS injects `Application` (and `wps`, which carries the same
 * members) into the add-in's pages; Office never does, and a plain browser has neither.
 */
import type { WorkbookPort } from '../../app/workbook-port';
import type { EtApplication } from './et-model';
import type { SharedStorage } from './own-writes';
import { WpsWorkbook } from './wps-workbook';

/** The WPS `Application` object, when the page runs inside WPS 表格. */
export type WpsApplication = EtApplication;

interface WpsScope {
  Application?: unknown;
  wps?: unknown;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null;
}

/**
 * The ET application of this page, or null outside WPS 表格. Only a spreadsheet application has
 * `ActiveWorkbook`: WPS 文字 and 演示 also inject `Application`, and the pane has nothing to do there.
 */
export function findWpsApplication(scope: unknown): WpsApplication | null {
  if (!isObject(scope)) return null;
  const { Application: application, wps } = scope as WpsScope;
  for (const candidate of [application, wps]) {
    if (isObject(candidate) && candidate.ActiveWorkbook !== undefined)
      return candidate as unknown as EtApplication;
  }
  return null;
}

/** `wps.PluginStorage` of this page, shared by the add-in's pages; null when the build has none. */
export function findPluginStorage(scope: unknown): SharedStorage | null {
  if (!isObject(scope)) return null;
  const { wps, Application: application } = scope as WpsScope;
  for (const candidate of [wps, application]) {
    if (!isObject(candidate)) continue;
    const storage = candidate.PluginStorage;
    if (isObject(storage) && typeof storage.getItem === 'function' && typeof storage.setItem === 'function') {
      return storage as unknown as SharedStorage;
    }
  }
  return null;
}

/**
 * The port over `app`. The record of our own writes is shared through this page's `wps.PluginStorage`, so the
 * add-in's session page does not take the pane's writes for the user's.
 */
export function createWpsWorkbook(
  app: WpsApplication,
  sharedStorage: SharedStorage | null = findPluginStorage(globalThis),
): WorkbookPort {
  return new WpsWorkbook(app, { sharedStorage });
}

export { WpsWorkbook } from './wps-workbook';
