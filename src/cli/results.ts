/**
 * The results of a batch, kept compact: each file's result as UTF-8 JSON bytes, the summary added up as
 * results come. Ten thousand files' results would hold hundreds of megabytes as objects; as bytes they hold
 * a few kilobytes each, off the JavaScript heap, and are parsed back one at a time as the report is written.
 */
import { summarize, type BatchReport, type BatchSummary, type FileResult } from '../app/batch-report';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class CompactResults {
  private readonly items: (Uint8Array | undefined)[] = [];
  private total: BatchSummary = summarize([]);

  /** The result of the file at `index`, as the JSON a worker sends (or JSON.stringify of a FileResult). */
  set(index: number, json: string): void {
    if (this.items[index] !== undefined) return;
    this.items[index] = encoder.encode(json);
    this.add(summarize([JSON.parse(json) as FileResult]));
  }

  /** A result after the files (a folder that could not be read). */
  append(result: FileResult): void {
    this.set(this.items.length, JSON.stringify(result));
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
