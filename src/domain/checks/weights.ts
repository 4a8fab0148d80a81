/** Weight arithmetic shared by the weight rules and the key-evaluation rule. */
import { statedBudgetWeight, type ParsedForm } from '../forms/form-model';
import type { Profile } from '../profiles/profile-schema';
import type { RowView } from './rule';
import { SELF_EVALUATIONS } from './template-groups';

/** Weights are whole points in practice; this only absorbs floating-point noise. */
export const WEIGHT_EPSILON = 0.005;

/** The weight of each row, or null when any row's weight cannot be read (that row is reported on its own). */
export function rowWeights(views: readonly RowView[]): { view: RowView; weight: number }[] | null {
  // Several rules ask for the weights of the same (cached) views during one check.
  const known = weightCache.get(views);
  if (known !== undefined) return known;
  const weights = readWeights(views);
  weightCache.set(views, weights);
  return weights;
}

const weightCache = new WeakMap<readonly RowView[], { view: RowView; weight: number }[] | null>();

function readWeights(views: readonly RowView[]): { view: RowView; weight: number }[] | null {
  const weights: { view: RowView; weight: number }[] = [];
  for (const view of views) {
    const weight = view.reading.weight;
    if (weight === null) return null;
    weights.push({ view, weight });
  }
  return weights;
}

/** The 预算执行 weight a self-evaluation carries: as the sheet states it, else the profile's. */
export function budgetWeight(form: ParsedForm, profile: Profile): number {
  if (!SELF_EVALUATIONS.includes(form.template)) return 0;
  return statedBudgetWeight(form) ?? profile.weights.budget;
}

/** Sums rounded to 4 places so that 33.3 + 33.3 + 33.4 shows as 100, not 99.99999999999999. */
export function tidySum(values: readonly number[]): number {
  return Math.round(values.reduce((a, b) => a + b, 0) * 10000) / 10000;
}

/**
 * The form's weights (预算执行 and every row) add up to 100: a self-evaluation in hand with a complete scheme of
 * its own. A first level its rows never use has no weight in that scheme.
 */
export function weightsAddUp(form: ParsedForm, views: readonly RowView[], profile: Profile): boolean {
  const weights = rowWeights(views);
  if (weights === null || weights.length === 0) return false;
  const sum = tidySum([budgetWeight(form, profile), ...weights.map((w) => w.weight)]);
  return Math.abs(sum - 100) <= WEIGHT_EPSILON;
}
