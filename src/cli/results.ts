/**
 * The results of a batch, kept compact: each file's result as UTF-8 JSON bytes, the summary added up as
 * results come. Ten thousand files' results would hold hundreds of megabytes as objects; as bytes they hold
 * a few kilobytes each, off the JavaScript heap, and are parsed back one at a time as the report is written.
 */
import { summarize, type BatchReport, type BatchSummary, type FileResult } from '../app/batch-report';

const encoder = new TextEncoder();

/**
 * A file's result as it crosses from a worker: JSON (one string crosses threads cheaper than a tree of
 * objects) and the file's own summary, worked out in the worker, so that the coordinating thread never
 * parses a result it only passes on.
 */
export interface SerializedResult {
  json: string;
  summary: BatchSummary;
}

export function serialized(result: FileResult | SerializedResult): SerializedResult {
  return 'json' in result ? result : { json: JSON.stringify(result), summary: summarize([result]) };
}

export function deserialized(result: FileResult | SerializedResult): FileResult {
  return 'json' in result ? (JSON.parse(result.json) as FileResult) : result;
}
const decoder = new TextDecoder();

export class CompactResults {
  private readonly items: (Uint8Array | undefined)[] = [];
  private total: BatchSummary = summarize([]);

  /**
   * The result of the file at `index`: as a worker sends it (JSON with its summary, which is then never
   * parsed here), or as an object checked in this thread.
   */
  set(index: number, result: FileResult | SerializedResult): void {
    if (this.items[index] !== undefined) return;
    const sent = serialized(result);
    this.items[index] = encoder.encode(sent.json);
    this.add(sent.summary);
  }

  /** A result after the files (a folder that could not be read). */
  append(result: FileResult): void {
    this.set(this.items.length, result);
  }

  get count(): number {
    return this.items.length;
  }

  get summary(): BatchSummary {
    return { ...this.total };
  }

  /** Each result in order, parsed as it is reached. */
  *files(): Generator<FileResult> {
    for (const item of this.items)
      if (item !== undefined) yield JSON.parse(decoder.decode(item)) as FileResult;
  }

  /** The whole report at once, for the formats that need every file together (html, xlsx, a sample). */
  toReport(): BatchReport {
    return { files: [...this.files()], summary: this.summary };
  }

  private add(one: BatchSummary): void {
    const sum = this.total as unknown as Record<string, number>;
    for (const [key, value] of Object.entries(one)) {
      if (typeof value === 'number') sum[key] = (sum[key] ?? 0) + value;
    }
  }
}
