/** Check contexts for tests: profile and framework by id, scores computed once as the app does. */
import type { ParsedForm } from '../../../src/domain/forms/form-model';
import { getFramework } from '../../../src/domain/framework/frameworks';
import { getProfile } from '../../../src/domain/profiles/profiles';
import { checkForm } from '../../../src/domain/checks/registry';
import type { CheckContext } from '../../../src/domain/checks/rule';
import type { Issue } from '../../../src/domain/checks/issue';
import { scoreForm } from '../../../src/domain/scoring/score';

export function contextFor(
  form: ParsedForm,
  options: { profile?: string; framework?: string; goals?: ParsedForm | null } = {},
): CheckContext {
  const profile = getProfile(options.profile ?? 'default');
  const framework = getFramework(options.framework ?? 'classic-2020');
  if (profile === null || framework === null) throw new Error('test setup: unknown profile or framework');
  return { profile, framework, scores: scoreForm(form, profile), goals: options.goals ?? null };
}

export function check(form: ParsedForm, options: Parameters<typeof contextFor>[1] = {}): Issue[] {
  return checkForm(form, contextFor(form, options));
}

export function codes(issues: readonly Issue[]): string[] {
  return issues.map((i) => i.code);
}
