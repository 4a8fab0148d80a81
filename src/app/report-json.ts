/**
 * The JSON report written a file at a time: the same text as
 * `JSON.stringify({ files, summary, coverage }, null, 2)`,
 * without ever holding the whole report (or its text) at once.
 */
import type { BatchSummary, FileResult } from './batch-report';
import type { CoverageReport } from './coverage';
import { safeJson } from './text-hygiene';

/** `value` as JSON.stringify(…, null, 2) writes it nested `depth` levels deep. */
function nested(value: unknown, depth: number): string {
  const pad = '  '.repeat(depth);
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${pad}`);
}

export function* jsonReportChunks(
  files: Iterable<FileResult>,
  summary: BatchSummary,
  coverage?: CoverageReport,
): Generator<string> {
  let first = true;
  for (const file of files) {
    yield safeJson(`${first ? '{\n  "files": [\n' : ',\n'}    ${nested(file, 2)}`);
    first = false;
  }
  yield first ? '{\n  "files": [],\n' : '\n  ],\n';
  yield `  "summary": ${nested(summary, 1)}`;
  if (coverage !== undefined) yield safeJson(`,\n  "coverage": ${nested(coverage, 1)}`);
  yield '\n}\n';
}
