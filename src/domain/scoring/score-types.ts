/**
 * Results of scoring. A score that cannot be computed is a value (`null` with a reason), never NaN.
 */
import type { OperatorSource, RowKind, TableKey } from '../forms/form-model';
import type { Operator } from '../grid/parse';
import type { Grade } from '../profiles/profile-schema';

export type UnscorableReason =
  | 'missing_target'
  | 'missing_actual'
  | 'missing_weight'
  | 'missing_operator'
  | 'not_a_number'
  | 'missing_tier'
  | 'missing_score'
  | 'zero_budget'
  /** A number stored as text in a cell our formula reads: the sheet does not count it, so neither do we. */
  | 'text_number';

export type ScoreResult =
  { kind: 'scored'; score: number } | { kind: 'unscorable'; reason: UnscorableReason };

export interface IndicatorScore {
  /** 0-based sheet row of the indicator. */
  row: number;
  level1: string | null;
  name: string | null;
  weight: number | null;
  /** The score the rules give (for 定性: the stated score when inside the tier's band, else clamped into it). */
  score: number | null;
  /** The score written in the sheet, when a person typed it (not our formula). */
  statedScore: number | null;
  unscorable: UnscorableReason | null;
  /** From the row's one reading: the operator and where it came from, target and actual on one scale. */
  operator: Operator | null;
  operatorSource: OperatorSource | null;
  target: number | null;
  actual: number | null;
  unit: string | null;
  percent: boolean;
}

/** What a row of a table was read as, with its score when it is a scored indicator (reports list these). */
export interface RowScore {
  table: TableKey;
  /** 0-based sheet row. */
  row: number;
  kind: RowKind;
  level1: string | null;
  level2: string | null;
  name: string | null;
  operator: Operator | null;
  operatorSource: OperatorSource | null;
  target: number | null;
  unit: string | null;
  actual: number | null;
  percent: boolean;
  weight: number | null;
  score: number | null;
  statedScore: number | null;
  unscorable: UnscorableReason | null;
}

export interface ExecutionScore {
  budget: number | null;
  executed: number | null;
  /** 执行率 as a fraction (0.95). */
  rate: number | null;
  weight: number;
  score: number | null;
  statedScore: number | null;
}

export interface LevelScore {
  level1: string;
  weight: number;
  score: number;
}

export interface FormScores {
  execution: ExecutionScore | null;
  indicators: IndicatorScore[];
  /** Every row of every table as read, indicators or not. */
  rows: RowScore[];
  byLevel1: LevelScore[];
  /** Sum of the weights the form carries (budget weight included). */
  weightSum: number;
  total: number | null;
  /**
   * Set when some part of the total (an indicator, or the budget row) has no score: the total is the sum of
   * the `scored` parts out of `of`, and is not graded.
   */
  partial: { scored: number; of: number } | null;
  grade: Grade | null;
  /** 评估结论 for an ex-ante assessment. */
  conclusion: string | null;
  statedTotal: number | null;
  statedGrade: string | null;
  statedConclusion: string | null;
  recommendation: string | null;
  /**
   * Whether the total may be graded. Scoring alone knows the rows it could not score; once the form's checks
   * have run (settleScores), open errors count too, and a provisional form carries no grade, conclusion or
   * recommendation.
   */
  status: ScoreStatus;
}

/**
 * 'final': every part scored and no error left, so the grade stands; 'provisional' (暂定): the total is a
 * running one and is not graded (未评级) while errors remain or rows could not be scored; 'none': the form
 * has no score (goal and monitoring forms).
 */
export interface ScoreStatus {
  kind: 'final' | 'provisional' | 'none';
  /** Errors open on the form's sheet. */
  errors: number;
  /** Parts of the total (indicator rows, the budget row) without a score. */
  unscored: number;
  /** Required cells still to fill (待填写) in parts of a live form nobody has started; absent when none. */
  todo?: number;
}
