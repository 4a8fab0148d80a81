/**
 * The plain-text report: one line per file with its status, then one line per issue as
 * `sheet!cell [错误] message`, so a reviewer can go straight to the cell. Every piece of text from a file
 * or its name is made printable: one issue is always one line.
 */
import {
  provisionalText,
  totalText,
  type BatchReport,
  type BatchSummary,
  type FileResult,
  type FileStatus,
} from './batch-report';
import type { CoverageReport } from './coverage';
import { severityLabel, type Lang } from '../domain/messages/catalog';
import { coverageLines } from './report-coverage';
import { printable } from './text-hygiene';

const STATUS_LABELS: Record<FileStatus, Record<Lang, string>> = {
  checked: { 'zh-CN': '已检查', en: 'checked' },
  unreadable: { 'zh-CN': '无法读取', en: 'unreadable' },
  unrecognized: { 'zh-CN': '未识别', en: 'unrecognized' },
};

export function statusLabel(status: FileStatus, lang: Lang): string {
  return STATUS_LABELS[status][lang];
}

export function textReport(report: BatchReport, lang: Lang): string {
  return [...textReportChunks(report.files, report.summary, lang, report.coverage)].join('');
}

/** The text report a file at a time, so a long batch is never held as one string. */
export function* textReportChunks(
  files: Iterable<FileResult>,
  summary: BatchSummary,
  lang: Lang,
  coverage?: CoverageReport,
): Generator<string> {
  for (const file of files) yield fileLines(file, lang).join('\n') + '\n';
  for (const line of coverageLines(coverage, lang)) yield printable(line) + '\n';
  yield summaryLine(summary, lang) + '\n';
}

function fileLines(file: FileResult, lang: Lang): string[] {
  const status = `[${statusLabel(file.status, lang)}] ${printable(file.file)}`;
  if (file.status !== 'checked')
    return [`${status}${lang === 'en' ? ': ' : '：'}${printable(file.error?.message ?? '')}`];
  const issues = file.sheets.flatMap((s) => s.issues);
  const errors = issues.filter((i) => i.severity === 'error').length;
  const warnings = issues.filter((i) => i.severity === 'warning').length;
  const counts =
    lang === 'en' ? `: ${errors} errors, ${warnings} warnings` : `：错误 ${errors}，警告 ${warnings}`;
  const lines = [status + counts];
  for (const sheet of file.sheets) {
    const provisional = provisionalText(sheet.scores, lang);
    if (provisional !== null)
      lines.push(
        `  ${printable(sheet.sheet)} ${lang === 'en' ? 'recomputed total' : '复算总分'} ${totalText(sheet.scores, lang)} ${provisional}`,
      );
    for (const issue of sheet.issues) {
      const where = issue.cell === null ? sheet.sheet : `${sheet.sheet}!${issue.cell}`;
      lines.push(
        `  ${printable(where)} [${severityLabel(issue.severity, lang)}] ${printable(issue.message)}`,
      );
    }
  }
  return lines;
}

export function summaryLine(summary: BatchSummary, lang: Lang): string {
  if (lang === 'en') {
    const parts = [`${summary.checked} checked`, `${summary.unreadable} unreadable`];
    if (summary.unrecognized > 0) parts.push(`${summary.unrecognized} unrecognized`);
    if (summary.ungraded > 0) parts.push(`${summary.ungraded} sheets not graded`);
    return `Checked ${summary.files} files: ${parts.join(', ')}; ${summary.errors} errors, ${summary.warnings} warnings`;
  }
  const parts = [`${summary.checked} 个已检查`, `${summary.unreadable} 个无法读取`];
  if (summary.unrecognized > 0) parts.push(`${summary.unrecognized} 个未识别`);
  if (summary.ungraded > 0) parts.push(`${summary.ungraded} 张表未评级`);
  return `检查 ${summary.files} 个文件：${parts.join('，')}；错误 ${summary.errors}，警告 ${summary.warnings}`;
}
