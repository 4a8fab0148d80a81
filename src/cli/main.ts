#!/usr/bin/env node
/**
 * The `bpa` entry point, and the one place that picks the xlsx-file host. Loaded in a worker thread, the
 * same module serves checks instead, so a worker gets exactly the host the command line uses. Built into
 * dist/cli/bpa.js (`npm run build:cli`), the workers load that one JavaScript file and start at once; run
 * from the sources (`npm run bpa`), they load this file through tsx, which compiles it first.
 */
import { availableParallelism } from 'node:os';
import { isMainThread } from 'node:worker_threads';
import { openReceivedWorkbook } from '../hosts/xlsx-file/open-received';
import { DEFAULT_RECEIVED_LIMITS } from '../hosts/xlsx-file/received';
import { writeReportBook } from '../hosts/xlsx-file/report-book';
import { XlsxWorkbook } from '../hosts/xlsx-file/xlsx-workbook';
import type { CliHost } from './cli-host';
import { serveChecks } from './check-worker';
import { removeTemporaryFilesOnSignals } from './files';
import { run } from './run';

const xlsxHost: CliHost = {
  createWorkbook: () => XlsxWorkbook.create(),
  writeReportBook,
  maxFileBytes: DEFAULT_RECEIVED_LIMITS.maxFileBytes,
  openReceived: (buffer) => openReceivedWorkbook(buffer),
  workerScript: __filename,
};

if (isMainThread) {
  removeTemporaryFilesOnSignals();
  run(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stderrIsTty: process.stderr.isTTY === true,
    cpuCount: availableParallelism(),
    host: xlsxHost,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `bpa: 内部错误 / internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = 2;
    },
  );
} else {
  serveChecks(xlsxHost);
}
