/** Messages between the pane and its batch worker. */
import type { FileResult } from '../../app/batch-report';
import type { ParsedForm } from '../../domain/forms/form-model';
import type { Lang } from '../../domain/messages/catalog';

/** Check a received workbook against the goal declarations read before (none: an empty list). */
export interface CheckRequest {
  kind: 'check';
  id: number;
  name: string;
  bytes: ArrayBuffer;
  lang: Lang;
  goals: readonly ParsedForm[];
}

/** Read the goal declarations of a 目标申报表 workbook. */
export interface GoalsRequest {
  kind: 'goals';
  id: number;
  bytes: ArrayBuffer;
}

export type BatchRequest = CheckRequest | GoalsRequest;

export type BatchResponse =
  | { kind: 'check'; id: number; result: FileResult }
  /** null: the goal workbook could not be read. */
  | { kind: 'goals'; id: number; forms: ParsedForm[] | null };
