/**
 * Which profile, framework and vocabulary a use case runs with. Built-in ids resolve here; a user-supplied
 * file is loaded by the caller (CLI, pane) with loadProfile / loadFramework / extendVocabulary and passed in
 * as data.
 */
import { getFramework } from '../domain/framework/frameworks';
import type { Framework } from '../domain/framework/framework-schema';
import { getProfile } from '../domain/profiles/profiles';
import type { Profile } from '../domain/profiles/profile-schema';
import type { Vocabulary } from '../domain/forms/vocabulary';

export interface EngineSettings {
  profile: Profile;
  framework: Framework;
  /** The words of the forms the reader accepts; the built-in vocabulary when absent. */
  vocabulary?: Vocabulary;
}

export const DEFAULT_PROFILE_ID = 'default';
export const DEFAULT_FRAMEWORK_ID = 'classic-2020';

/** Built-in settings by id; null for an unknown id (the caller reports it). */
export function builtInSettings(
  profileId = DEFAULT_PROFILE_ID,
  frameworkId = DEFAULT_FRAMEWORK_ID,
): EngineSettings | null {
  const profile = getProfile(profileId);
  const framework = getFramework(frameworkId);
  return profile && framework ? { profile, framework } : null;
}
