/**
 * The WPS add-in's hidden page (index.html + main.js): WPS loads it once per session. It answers the ribbon
 * (ribbon.xml names the callbacks, which must be globals of this page) and keeps the live checks running for
 * the whole session, so the change listener lives even while the task pane is closed.
 */
import { createWpsWorkbook, findPluginStorage, findWpsApplication } from '../hosts/wps/index';
import { createRibbonCallbacks } from './ribbon';
import { type Session, startSession } from './session';
import { paneUrlBeside, type WpsAddinRoot } from './task-pane';

interface AddinWindow {
  wps?: unknown;
  OnAddinLoad?: unknown;
  OnAction?: unknown;
  GetImage?: unknown;
  GetLabel?: unknown;
}

function addinRoot(scope: AddinWindow): WpsAddinRoot | null {
  const wps = scope.wps as Partial<WpsAddinRoot> | undefined;
  return wps !== undefined && typeof wps.CreateTaskPane === 'function' ? (wps as WpsAddinRoot) : null;
}

const scope = window as unknown as AddinWindow;
const storage = findPluginStorage(scope);
const callbacks = createRibbonCallbacks({
  root: addinRoot(scope),
  paneUrl: paneUrlBeside(window.location.href),
  storage,
  report: (message) => window.alert(message),
});

let session: Session | null = null;

function OnAddinLoad(ribbonUI: Parameters<typeof callbacks.OnAddinLoad>[0]): boolean {
  callbacks.OnAddinLoad(ribbonUI);
  const app = findWpsApplication(scope);
  if (app !== null && session === null) {
    const started = startSession(createWpsWorkbook(app, storage), storage, () =>
      callbacks.refreshCheckButton(),
    );
    session = started;
    // The port always works on the active workbook; when another one becomes active, its forms are read anew.
    for (const event of ['WorkbookActivate', 'WorkbookOpen', 'NewWorkbook'] as const) {
      app.ApiEvent?.AddApiEventListener(event, () => started.reload());
    }
  }
  return true;
}

Object.assign(scope, {
  OnAddinLoad,
  // The spelling some WPS templates use.
  OnAddInLoad: OnAddinLoad,
  OnAction: callbacks.OnAction,
  GetImage: callbacks.GetImage,
  GetLabel: callbacks.GetLabel,
});
