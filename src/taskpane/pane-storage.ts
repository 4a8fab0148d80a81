/**
 * What the pane remembers on this machine (the indicator library a trainer handed out), in the page's local
 * storage. Storage may be missing or full (private windows, locked-down machines): then nothing is remembered
 * and the pane works as before.
 */
import { loadLibrary, type IndicatorLibrary } from '../domain/framework/library';
import { loadJurisdiction, parseJurisdictionJson, type Jurisdiction } from '../domain/profiles/jurisdiction';

const LIBRARY_KEY = 'bpa.library';
const JURISDICTION_KEY = 'bpa.jurisdiction';

export interface ChosenLibrary {
  /** The file it was loaded from. */
  name: string;
  indicators: IndicatorLibrary;
}

function storage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null;
  }
}

/** The library remembered on this machine, validated again (the stored copy may be old or edited). */
export function rememberedLibrary(): ChosenLibrary | null {
  try {
    const text = storage()?.getItem(LIBRARY_KEY);
    if (!text) return null;
    const data = JSON.parse(text) as { name?: unknown; indicators?: unknown };
    const loaded = loadLibrary(data.indicators);
    return loaded.ok && typeof data.name === 'string'
      ? { name: data.name, indicators: loaded.library }
      : null;
  } catch {
    return null;
  }
}

export function rememberLibrary(library: ChosenLibrary | null): void {
  try {
    const store = storage();
    if (library === null) store?.removeItem(LIBRARY_KEY);
    else store?.setItem(LIBRARY_KEY, JSON.stringify(library));
  } catch {
    // Full or forbidden: the choice holds for this session only.
  }
}

/** A library file's text, validated strictly; the path and message of each error when it is not one. */
export function parseLibraryFile(
  text: string,
): { ok: true; indicators: IndicatorLibrary } | { ok: false; errors: string[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      errors: [`JSON 格式错误 / invalid JSON: ${error instanceof Error ? error.message : ''}`],
    };
  }
  const loaded = loadLibrary(data);
  return loaded.ok
    ? { ok: true, indicators: loaded.library }
    : { ok: false, errors: loaded.errors.map((e) => `${e.path}: ${e.message}`) };
}

/** The jurisdiction package remembered on this machine, validated again; null when none or no longer valid. */
export function rememberedJurisdiction(): Jurisdiction | null {
  try {
    const text = storage()?.getItem(JURISDICTION_KEY);
    if (!text) return null;
    const loaded = loadJurisdiction(JSON.parse(text));
    return loaded.ok ? loaded.jurisdiction : null;
  } catch {
    return null;
  }
}

/** Remembers the package as its file held it (the envelope with its parts). */
export function rememberJurisdiction(text: string | null): void {
  try {
    const store = storage();
    if (text === null) store?.removeItem(JURISDICTION_KEY);
    else store?.setItem(JURISDICTION_KEY, text);
  } catch {
    // Full or forbidden: the choice holds for this session only.
  }
}

export function parseJurisdictionFile(
  text: string,
): { ok: true; jurisdiction: Jurisdiction } | { ok: false; errors: string[] } {
  const loaded = parseJurisdictionJson(text);
  return loaded.ok
    ? { ok: true, jurisdiction: loaded.jurisdiction }
    : { ok: false, errors: loaded.errors.map((e) => `${e.path}: ${e.message}`) };
}
