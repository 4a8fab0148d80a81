/**
 * The spot-check set for 抽审复核: reproducible (a seeded generator over the files in a canonical order, so
 * the same seed and the same files give the same picks whatever order they were named in), stratified by
 * the recomputed grade so that every grade present is represented, and risk-first: a self-evaluation whose
 * stated total or grade differs from the recomputed one is always picked, since that is what a review exists
 * to catch. Every pick says why.
 */
import type { FileResult, SheetResult } from './batch-report';
import type { Lang } from '../domain/messages/catalog';

const GRADE_ORDER = ['优', '良', '中', '差'];
const NO_GRADE = '未评级';

export interface SampleCandidate {
  result: FileResult;
  /** The canonical name the order is taken from (an absolute path), independent of how the file was named. */
  key: string;
}

export interface SamplePick {
  file: string;
  grade: string;
  total: number | null;
  statedTotal: number | null;
  reasons: string[];
}

export interface SampleStratum {
  grade: string;
  files: number;
  picked: number;
}

export interface SampleResult {
  seed: number;
  rate: number;
  population: number;
  strata: SampleStratum[];
  picks: SamplePick[];
  /** Files that could not be part of the population (unreadable, no form, no score). */
  skipped: { file: string; status: string }[];
}

/** mulberry32: a small, well-known 32-bit generator; enough for picking files, and the same everywhere. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    const a = out[i];
    const b = out[j];
    if (a === undefined || b === undefined) continue;
    out[i] = b;
    out[j] = a;
  }
  return out;
}

/** The sheet that stands for the file: the first one with a recomputed total (a self-evaluation's score). */
function scoredSheet(result: FileResult): SheetResult | null {
  return result.sheets.find((s) => s.scores.total !== null) ?? null;
}

function mismatchReasons(sheet: SheetResult, lang: Lang): string[] {
  const { total, statedTotal, grade, statedGrade } = sheet.scores;
  const reasons: string[] = [];
  if (total !== null && statedTotal !== null && Math.abs(total - statedTotal) > 0.1) {
    reasons.push(lang === 'en' ? 'stated total differs from the recomputed total' : '自评与复算总分不一致');
  }
  if (grade !== null && statedGrade !== null && grade !== statedGrade) {
    reasons.push(
      lang === 'en' ? 'stated grade differs from the recomputed grade' : '自评等级与复算等级不一致',
    );
  }
  return reasons;
}

function stratumReason(grade: string, lang: Lang): string {
  return lang === 'en' ? `stratified pick for grade "${grade}"` : `等级“${grade}”分层抽取`;
}

export function pickSample(
  candidates: readonly SampleCandidate[],
  rate: number,
  seed: number,
  lang: Lang,
): SampleResult {
  const ordered = [...candidates].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const skipped: SampleResult['skipped'] = [];
  const strata = new Map<string, { candidate: SampleCandidate; sheet: SheetResult }[]>();
  for (const candidate of ordered) {
    const sheet = scoredSheet(candidate.result);
    if (candidate.result.status !== 'checked' || sheet === null) {
      skipped.push({ file: candidate.result.file, status: candidate.result.status });
      continue;
    }
    const grade = sheet.scores.grade ?? NO_GRADE;
    strata.set(grade, [...(strata.get(grade) ?? []), { candidate, sheet }]);
  }
  const gradeRank = (g: string) => (GRADE_ORDER.includes(g) ? GRADE_ORDER.indexOf(g) : GRADE_ORDER.length);
  const grades = [...strata.keys()].sort(
    (a, b) => gradeRank(a) - gradeRank(b) || (a < b ? -1 : a > b ? 1 : 0),
  );

  const random = mulberry32(seed);
  const picks: SamplePick[] = [];
  const summary: SampleStratum[] = [];
  for (const grade of grades) {
    const members = strata.get(grade) ?? [];
    const quota = Math.max(1, Math.round(rate * members.length));
    const chosen = new Map<SampleCandidate, string[]>();
    for (const member of members) {
      const reasons = mismatchReasons(member.sheet, lang);
      if (reasons.length > 0) chosen.set(member.candidate, reasons);
    }
    for (const member of shuffled(members, random)) {
      if (chosen.size >= quota) break;
      if (!chosen.has(member.candidate)) chosen.set(member.candidate, [stratumReason(grade, lang)]);
    }
    for (const member of members) {
      const reasons = chosen.get(member.candidate);
      if (reasons === undefined) continue;
      const { total, statedTotal } = member.sheet.scores;
      picks.push({ file: member.candidate.result.file, grade, total, statedTotal, reasons });
    }
    summary.push({ grade, files: members.length, picked: chosen.size });
  }
  const population = grades.reduce((n, g) => n + (strata.get(g)?.length ?? 0), 0);
  return { seed, rate, population, strata: summary, picks, skipped };
}
