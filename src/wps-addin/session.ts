/**
 * What the hidden page keeps running for the whole WPS session: the live checks over the WPS host, so edits
 * are checked while the pane is closed. The latest counts go to `wps.PluginStorage` (the pane and the ribbon
 * read them) and the ribbon's check button is refreshed to show them.
 */
import {
  builtInSettings,
  DEFAULT_FRAMEWORK_ID,
  DEFAULT_PROFILE_ID,
  type EngineSettings,
} from '../app/engine-settings';
import { fillRowsPeopleInsert } from '../app/fill-row-formulas';
import { LiveChecks, severityCounts, type LiveState } from '../app/live-checks';
import type { WorkbookPort } from '../app/workbook-port';
import type { MetaEntry } from '../domain/forms/read-meta';
import type { SharedStorage } from '../hosts/wps/own-writes';

export const LIVE_SUMMARY_KEY = 'bpa.wps.live';

export interface LiveSummary {
  status: LiveState['status'];
  forms: number;
  errors: number;
  warnings: number;
}

/** What the workbook's `_meta` line says a sheet was made with; the defaults otherwise. */
function settingsFromMeta(meta: MetaEntry | null): EngineSettings {
  const settings =
    builtInSettings(meta?.profile ?? DEFAULT_PROFILE_ID, meta?.framework ?? DEFAULT_FRAMEWORK_ID) ??
    builtInSettings();
  if (settings === null) throw new Error('built-in profile or framework missing from the bundle');
  return settings;
}

export function summarize(state: LiveState): LiveSummary {
  const counts = severityCounts(state.sheets);
  return {
    status: state.status,
    forms: state.sheets.length,
    errors: counts.error,
    warnings: counts.warning,
  };
}

/** The check button's label: the counts once the first check is done. */
export function checkLabel(summary: LiveSummary | null): string {
  if (summary === null || summary.status === 'starting') return '检查';
  if (summary.status === 'error') return '检查：出错';
  if (summary.forms === 0) return '检查';
  if (summary.errors + summary.warnings === 0) return '检查：无问题';
  return `检查：${summary.errors} 错 ${summary.warnings} 警`;
}

export function readSummary(storage: SharedStorage | null): LiveSummary | null {
  const raw = storage?.getItem(LIVE_SUMMARY_KEY);
  if (typeof raw !== 'string') return null;
  try {
    return JSON.parse(raw) as LiveSummary;
  } catch {
    return null;
  }
}

export interface Session {
  live: LiveChecks;
  /** Another workbook became active: check it from scratch. */
  reload(): void;
  stop(): void;
}

/** Starts the live checks; `refreshRibbon` is called whenever the counts change. */
export function startSession(
  port: WorkbookPort,
  storage: SharedStorage | null,
  refreshRibbon: () => void,
  options: { debounceMs?: number } = {},
): Session {
  const live = new LiveChecks(port, {
    settingsFor: settingsFromMeta,
    ...(options.debounceMs === undefined ? {} : { debounceMs: options.debounceMs }),
  });
  let last = '';
  const off = live.subscribe((state) => {
    const summary = JSON.stringify(summarize(state));
    if (summary === last) return;
    last = summary;
    storage?.setItem(LIVE_SUMMARY_KEY, summary);
    refreshRibbon();
  });
  void live.start();
  // Rows a person inserts inside a protected table get the table's formulas; the session does it (not the
  // pane), so it happens once, with the pane open or closed.
  const stopFilling = fillRowsPeopleInsert(port, live, settingsFromMeta, (error: unknown) =>
    console.warn('预算绩效：新插入行的公式未能填入 / formulas of inserted rows not filled:', error),
  );
  return {
    live,
    reload: () => void live.setSettings(settingsFromMeta),
    stop: () => {
      stopFilling();
      off();
      live.stop();
    },
  };
}
