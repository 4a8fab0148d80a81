/**
 * The ribbon callbacks named in ribbon.xml. WPS calls them synchronously and some builds drop a ribbon whose
 * callbacks return promises, so none of them is `async`; each returns at once.
 */
import type { SharedStorage } from '../hosts/wps/own-writes';
import { checkLabel, readSummary } from './session';
import { type PaneSection, togglePane, type WpsAddinRoot } from './task-pane';

/** A ribbon control as WPS hands it to a callback. */
export interface RibbonControl {
  Id?: string;
  id?: string;
}

export interface RibbonUi {
  Invalidate?(): unknown;
  InvalidateControl?(id: string): unknown;
}

export const CHECK_BUTTON = 'bpaCheck';

/** The same buttons as the Excel ribbon (docs/product.md §7); 面板 shows or hides the pane where it was. */
const SECTION_OF_BUTTON: Record<string, PaneSection | null> = {
  bpaTemplates: 'templates',
  bpaCheck: 'check',
  bpaLibrary: 'library',
  bpaPane: null,
};

const IMAGE_OF_BUTTON: Record<string, string> = {
  bpaTemplates: 'assets/icon-32.png',
  bpaCheck: 'assets/icon-32.png',
  bpaLibrary: 'assets/icon-32.png',
  bpaPane: 'assets/icon-32.png',
};

function controlId(control: RibbonControl | null | undefined): string {
  return String(control?.Id ?? control?.id ?? '');
}

export interface RibbonContext {
  root: WpsAddinRoot | null;
  paneUrl: string;
  storage: SharedStorage | null;
  report: (message: string) => void;
}

export function createRibbonCallbacks(context: RibbonContext) {
  let ribbon: RibbonUi | null = null;
  return {
    OnAddinLoad(ribbonUI: RibbonUi): boolean {
      ribbon = ribbonUI ?? null;
      return true;
    },
    OnAction(control: RibbonControl): boolean {
      const id = controlId(control);
      if (!(id in SECTION_OF_BUTTON)) return true;
      const section = SECTION_OF_BUTTON[id] ?? null;
      if (context.root === null) {
        context.report('未在 WPS 表格中运行 / not running inside WPS 表格');
        return true;
      }
      try {
        togglePane(context.root, context.paneUrl, section);
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        context.report(`无法打开任务窗格 / could not open the task pane: ${detail}`);
      }
      return true;
    },
    GetImage(control: RibbonControl): string {
      return IMAGE_OF_BUTTON[controlId(control)] ?? 'assets/icon-32.png';
    },
    GetLabel(control: RibbonControl): string {
      if (controlId(control) === CHECK_BUTTON) return checkLabel(readSummary(context.storage));
      return '';
    },
    /** Asks WPS to fetch the check button's label again. */
    refreshCheckButton(): void {
      try {
        if (typeof ribbon?.InvalidateControl === 'function') ribbon.InvalidateControl(CHECK_BUTTON);
      } catch {
        // An old label is harmless; the checks themselves go on.
      }
    },
  };
}
