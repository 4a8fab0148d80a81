/**
 * Scores and checks of one parsed form: the one place where the engine's pieces are put together, so the
 * pane, the CLI and the tests give the same issues and the same scores for the same sheet.
 */
import { checkForm } from '../domain/checks/registry';
import type { Issue } from '../domain/checks/issue';
import type { ParsedForm } from '../domain/forms/form-model';
import { scoreForm, settleScores } from '../domain/scoring/score';
import type { FormScores } from '../domain/scoring/score-types';
import type { EngineSettings } from './engine-settings';

export interface FormAnalysis {
  scores: FormScores;
  issues: Issue[];
}

export function analyseForm(
  form: ParsedForm,
  settings: EngineSettings,
  goals: ParsedForm | null = null,
): FormAnalysis {
  const scores = scoreForm(form, settings.profile);
  const issues = checkForm(form, { profile: settings.profile, framework: settings.framework, scores, goals });
  return { scores: settleScores(scores, issues), issues };
}

/** The declared goals a self-evaluation is compared with: the goal form of the same kind, when there is one. */
export function goalsFor(form: ParsedForm, candidates: readonly ParsedForm[]): ParsedForm | null {
  const wanted =
    form.template === 'project-self-evaluation' || form.template === 'project-monitoring'
      ? 'project-goals'
      : form.template === 'department-self-evaluation'
        ? 'department-goals'
        : null;
  if (wanted === null) return null;
  return candidates.find((c) => c.template === wanted) ?? null;
}
