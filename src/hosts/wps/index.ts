/**
 * Entry of the WPS host for the task pane: `main.tsx` asks here first whether it runs inside WPS 表格.
 * Until the ET adapter lands, WPS is never detected and the pane falls through to Office or the memory host.
 */
import { HostError, type WorkbookPort } from '../../app/workbook-port';

/** The WPS `Application` object, when the page runs inside WPS. */
export type WpsApplication = object;

export function findWpsApplication(_scope: unknown): WpsApplication | null {
  return null;
}

export function createWpsWorkbook(_app: WpsApplication): WorkbookPort {
  throw new HostError('unsupported', 'WPS 适配尚不可用 / the WPS adapter is not available');
}
