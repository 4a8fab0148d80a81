/**
 * A profile: everything that varies between jurisdictions (docs/product.md §3, docs/domain.md §5). Profiles are data
 * files validated strictly: an unknown key is an error, so a misspelt setting never silently falls back.
 */
import { z } from 'zod';

const grade = z.enum(['优', '良', '中', '差']);
export type Grade = z.infer<typeof grade>;

const qualitativeTier = z.strictObject({
  /** 达成年度指标 | 部分达成年度指标并具有一定效果 | 未达成年度指标且效果较差 */
  tier: z.string().min(1),
  /** Short forms accepted when reading (达成, 部分达成, 未达成, 达成预期指标 ...). */
  aliases: z.array(z.string().min(1)),
  /** Band as a fraction of the weight. */
  min: z.number().min(0).max(1),
  max: z.number().min(0).max(1),
  maxInclusive: z.boolean(),
});

export const ProfileSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  /** The documents the settings follow. */
  basis: z.string().min(1),
  weights: z.strictObject({
    /** 预算执行率 weight in a self-evaluation. */
    budget: z.number().positive(),
    /** First-level groups and their weights; a group may join several first-level names (湖北: 效益+满意度 40). */
    groups: z
      .array(z.strictObject({ levels: z.array(z.string().min(1)).min(1), weight: z.number().positive() }))
      .min(1),
  }),
  /** Grade bands, highest first; a total ≥ min gets the grade. */
  grades: z.array(z.strictObject({ grade, min: z.number().min(0).max(100) })).length(4),
  /** Whether a self-evaluation must state a grade (湖北: 可以不评级). */
  gradeRequired: z.boolean(),
  /** Reverse (≤, <) indicators: ratio T/A (R1), or linear deduction to 0 at 2T (R2). */
  reverseRule: z.enum(['ratio', 'linear']),
  qualitativeTiers: z.array(qualitativeTier).length(3),
  rounding: z.strictObject({
    mode: z.enum(['round', 'truncate']),
    /** Decimal places of each indicator score and of the budget score. */
    scoreDigits: z.number().int().min(0).max(4),
    /** Decimal places of the total (the grade is taken from the rounded total). */
    totalDigits: z.number().int().min(0).max(4),
  }),
  tolerances: z.strictObject({
    /** Stated vs computed score, total. */
    score: z.number().min(0),
    /** Money sums, in 万元. */
    money: z.number().min(0),
  }),
  monitoring: z.strictObject({
    /** Execution ÷ time progress × 100 below `red` is red, below `yellow` yellow, else green. */
    red: z.number().min(0),
    yellow: z.number().min(0),
  }),
  /** Actual ÷ target above this ratio (正向) needs an explanation in 偏差原因. */
  overAchievementRatio: z.number().min(1),
  exAnte: z.strictObject({
    ratingFactors: z.strictObject({ 优: z.number(), 良: z.number(), 中: z.number(), 差: z.number() }),
    /** Highest first; a total ≥ min gets the conclusion. */
    conclusions: z.array(z.strictObject({ conclusion: z.string().min(1), min: z.number().min(0) })).min(2),
  }),
  keyEvaluation: z.strictObject({
    /** 产出 + 效益 weights at least this (10号: 60). */
    outputPlusOutcomeMin: z.number().min(0).max(100),
  }),
  /** What the grade means for next year's money (结果应用). */
  recommendations: z.strictObject({ 优: z.string(), 良: z.string(), 中: z.string(), 差: z.string() }),
});

export type Profile = z.infer<typeof ProfileSchema>;
export type QualitativeTierSetting = z.infer<typeof qualitativeTier>;
