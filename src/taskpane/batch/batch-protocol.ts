/** Messages between the pane and its batch worker. */
import type { FileResult } from '../../app/batch-report';
import type { Lang } from '../../domain/messages/catalog';

export interface CheckRequest {
  id: number;
  name: string;
  bytes: ArrayBuffer;
  lang: Lang;
}

export interface CheckResponse {
  id: number;
  result: FileResult;
}
