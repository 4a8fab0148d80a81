/**
 * The add-in's task pane in WPS: one pane per session, created with `wps.CreateTaskPane(url)` and found again
 * by the id kept in `wps.PluginStorage` (in memory for the session, shared by the add-in's pages). A ribbon
 * button shows the pane at its section; pressing the button of the section already shown hides the pane.
 */
import type { SharedStorage } from '../hosts/wps/own-writes';

export interface WpsTaskPane {
  readonly ID: number;
  Visible: boolean;
  DockPosition: number;
  Width?: number;
  Navigate?(url: string): unknown;
}

/** The members of the add-in root (`wps`) used for the pane. */
export interface WpsAddinRoot {
  CreateTaskPane(url: string, title?: string): WpsTaskPane;
  GetTaskPane(id: number): WpsTaskPane | null | undefined;
  PluginStorage: SharedStorage;
}

export const PANE_ID_KEY = 'bpa.wps.taskpane.id';
const PANE_SECTION_KEY = 'bpa.wps.taskpane.section';
/** `msoCTPDockPositionRight`. */
const DOCK_RIGHT = 2;
const PANE_WIDTH = 380;

export type PaneSection = 'templates' | 'check' | 'scores' | 'library' | 'settings';

/**
 * Shows the pane at `section`, or hides it when it already shows that section; with no section (面板), shows
 * or hides it where it was.
 */
export function togglePane(root: WpsAddinRoot, paneUrl: string, section: PaneSection | null): WpsTaskPane {
  const storage = root.PluginStorage;
  const current = storage.getItem(PANE_SECTION_KEY) as PaneSection | null;
  // No section asked for (the 面板 button): the pane where it was, or the gallery the first time.
  const wanted = section ?? current ?? 'templates';
  const target = `${paneUrl}#${wanted}`;
  const id = Number(storage.getItem(PANE_ID_KEY));
  const existing =
    storage.getItem(PANE_ID_KEY) === null || !Number.isFinite(id) ? null : root.GetTaskPane(id);
  if (existing === null || existing === undefined) {
    const pane = root.CreateTaskPane(target, '预算绩效管理');
    pane.DockPosition = DOCK_RIGHT;
    pane.Width = PANE_WIDTH;
    pane.Visible = true;
    storage.setItem(PANE_ID_KEY, String(pane.ID));
    storage.setItem(PANE_SECTION_KEY, wanted);
    return pane;
  }
  const shown = existing.Visible === true && current === wanted;
  if (shown) {
    existing.Visible = false;
    return existing;
  }
  if (current !== wanted && typeof existing.Navigate === 'function') {
    existing.Navigate(target);
    storage.setItem(PANE_SECTION_KEY, wanted);
  }
  existing.Visible = true;
  return existing;
}

/** The pane page next to this page ('…/index.html' -> '…/taskpane.html'), without query or fragment. */
export function paneUrlBeside(pageUrl: string): string {
  const url = new URL('taskpane.html', pageUrl);
  url.hash = '';
  url.search = '';
  return url.href;
}
