/**
 * The pane's view of the live checks: one controller per port, started when the pane mounts and stopped when
 * it goes, re-run from scratch when the profile or framework changes.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  builtInSettings,
  DEFAULT_FRAMEWORK_ID,
  DEFAULT_PROFILE_ID,
  type EngineSettings,
} from '../app/engine-settings';
import { LiveChecks, type LiveState } from '../app/live-checks';
import type { WorkbookPort } from '../app/workbook-port';
import type { MetaEntry } from '../domain/forms/read-meta';
import type { Jurisdiction } from '../domain/profiles/jurisdiction';

/** 'auto': what the workbook's `_meta` line says the sheet was made with. */
export interface SettingsChoice {
  profile: string;
  framework: string;
  /** A jurisdiction package loaded in 设置: its profile and framework stand in for 'auto'. */
  jurisdiction?: Jurisdiction | null;
}

export const AUTO = 'auto';

export function settingsResolver(choice: SettingsChoice): (meta: MetaEntry | null) => EngineSettings {
  return (meta) => {
    const pkg = choice.jurisdiction ?? null;
    if (pkg !== null) {
      const chosen = builtInSettings(
        choice.profile === AUTO ? DEFAULT_PROFILE_ID : choice.profile,
        choice.framework === AUTO ? DEFAULT_FRAMEWORK_ID : choice.framework,
      );
      if (!chosen) throw new Error('built-in profile or framework missing from the bundle');
      return {
        profile: choice.profile === AUTO ? pkg.profile : chosen.profile,
        framework: choice.framework === AUTO ? pkg.framework : chosen.framework,
      };
    }
    const profile = choice.profile === AUTO ? (meta?.profile ?? DEFAULT_PROFILE_ID) : choice.profile;
    const framework =
      choice.framework === AUTO ? (meta?.framework ?? DEFAULT_FRAMEWORK_ID) : choice.framework;
    // A workbook made with a jurisdiction's own file names a profile this pane does not have: the defaults
    // apply, as they do in the command line without --profile.
    const settings = builtInSettings(profile, framework) ?? builtInSettings();
    if (!settings) throw new Error('built-in profile or framework missing from the bundle');
    return settings;
  };
}

export function useLiveChecks(
  port: WorkbookPort,
  choice: SettingsChoice,
  given?: LiveChecks,
): { live: LiveChecks; state: LiveState } {
  const live = useMemo(
    () => given ?? new LiveChecks(port, { settingsFor: settingsResolver(choice) }),
    // The controller lives as long as the port; settings changes go through setSettings below.
    [port, given],
  );
  const [state, setState] = useState<LiveState>(live.state);
  useEffect(() => {
    const off = live.subscribe(setState);
    void live.start();
    return () => {
      off();
      if (!given) live.stop();
    };
  }, [live, given]);

  const firstChoice = useRef(true);
  useEffect(() => {
    if (firstChoice.current) {
      firstChoice.current = false;
      return;
    }
    void live.setSettings(settingsResolver(choice));
  }, [live, choice]);
  return { live, state };
}
