/**
 * A jurisdiction package: the one file a trainer hands out, carrying a name and a version, the profile, the
 * indicator framework, the indicator library and (optionally) header vocabulary. It is validated strictly as
 * a whole — the envelope, then each part with its own loader — and a package with any error is refused with
 * the path of each error, so a half-valid package never changes anything.
 */
import { z } from 'zod';
import type { Framework } from '../framework/framework-schema';
import { loadFramework } from '../framework/frameworks';
import { loadLibrary, type IndicatorLibrary } from '../framework/library';
import { parseStrictly, type LoadError } from '../framework/load-result';
import type { Profile } from './profile-schema';
import { loadProfile } from './profiles';

export const JURISDICTION_FORMAT = 'bpa-jurisdiction';

const EnvelopeSchema = z.strictObject({
  format: z.literal(JURISDICTION_FORMAT),
  /** 巴彦淖尔市财政局 2025 口径 … */
  name: z.string().min(1),
  version: z.string().min(1),
  profile: z.unknown(),
  framework: z.unknown(),
  library: z.unknown().optional(),
  /** Header words a jurisdiction's forms use; passed through to the form reader's vocabulary extension. */
  vocabulary: z.unknown().optional(),
});

export interface Jurisdiction {
  name: string;
  version: string;
  profile: Profile;
  framework: Framework;
  /** Null: the built-in library applies. */
  library: IndicatorLibrary | null;
  vocabulary: unknown;
}

export type JurisdictionLoadResult =
  { ok: true; jurisdiction: Jurisdiction } | { ok: false; errors: LoadError[] };

/** '$' paths of a part's own loader, re-rooted under the part's key. */
function under(key: string, errors: readonly LoadError[]): LoadError[] {
  return errors.map((e) => ({
    path: e.path.startsWith('$')
      ? `$.${key}${e.path.slice(1)}`
      : `$.${key}${e.path === '' ? '' : '.' + e.path}`,
    message: e.message,
  }));
}

/** Validates a package given as data (parsed JSON). Never throws. */
export function loadJurisdiction(data: unknown): JurisdictionLoadResult {
  const envelope = parseStrictly(EnvelopeSchema, data);
  if (!envelope.ok) return envelope;
  const { name, version } = envelope.value;
  const errors: LoadError[] = [];
  const profile = loadProfile(envelope.value.profile);
  if (!profile.ok) errors.push(...under('profile', profile.errors));
  const framework = loadFramework(envelope.value.framework);
  if (!framework.ok) errors.push(...under('framework', framework.errors));
  const library = envelope.value.library === undefined ? null : loadLibrary(envelope.value.library);
  if (library !== null && !library.ok) errors.push(...under('library', library.errors));
  if (errors.length > 0 || !profile.ok || !framework.ok || (library !== null && !library.ok)) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    jurisdiction: {
      name,
      version,
      profile: profile.profile,
      framework: framework.framework,
      library: library === null ? null : library.library,
      vocabulary: envelope.value.vocabulary ?? null,
    },
  };
}

/** Validates a package file's text; a JSON syntax error is an error entry, not an exception. */
export function parseJurisdictionJson(text: string): JurisdictionLoadResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, errors: [{ path: '$', message: `JSON 格式错误 (invalid JSON: ${detail})` }] };
  }
  return loadJurisdiction(data);
}
