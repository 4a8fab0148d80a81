/**
 * The HTML report: one file that opens anywhere offline — inline CSS, an inline SVG chart, no script, no
 * outside resource. Every piece of text comes from received files and is escaped, so a sheet named `<b>`
 * or a project called `<script>` shows as typed and never runs.
 */
import { isMismatch, totalText, type BatchReport, type FileResult } from '../app/batch-report';
import { severityLabel, type Lang } from '../domain/messages/catalog';
import { statusLabel, summaryLine } from './report-text';
import { templateTitle } from './report-xlsx';

const GRADES = ['优', '良', '中', '差'] as const;
const NO_GRADE = '未评级';

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const cellText = (value: string | number | null): string => (value === null ? '' : escapeHtml(String(value)));

/** Recomputed grades of every checked sheet that has a total (forms without a score are left out). */
export function gradeDistribution(report: BatchReport): { grade: string; count: number }[] {
  const sheets = report.files.flatMap((f) => f.sheets).filter((s) => s.scores.total !== null);
  const counts = GRADES.map((grade) => ({
    grade: grade as string,
    count: sheets.filter((s) => s.scores.grade === grade).length,
  }));
  const ungraded = sheets.filter(
    (s) => s.scores.grade === null || !(GRADES as readonly string[]).includes(s.scores.grade),
  );
  if (ungraded.length > 0) counts.push({ grade: NO_GRADE, count: ungraded.length });
  return counts;
}

function gradeChart(report: BatchReport, lang: Lang): string {
  const bars = gradeDistribution(report);
  const max = Math.max(1, ...bars.map((b) => b.count));
  const barWidth = 60;
  const gap = 24;
  const height = 160;
  const width = bars.length * (barWidth + gap) + gap;
  const title = lang === 'en' ? 'Grade distribution (recomputed)' : '等级分布（复算）';
  const shapes = bars.map((bar, i) => {
    const x = gap + i * (barWidth + gap);
    const h = Math.round((bar.count / max) * (height - 50));
    const y = height - 25 - h;
    return [
      `<rect x="${x}" y="${y}" width="${barWidth}" height="${h}" fill="#4472C4"></rect>`,
      `<text x="${x + barWidth / 2}" y="${y - 4}" text-anchor="middle">${bar.count}</text>`,
      `<text x="${x + barWidth / 2}" y="${height - 8}" text-anchor="middle">${escapeHtml(bar.grade)}</text>`,
    ].join('');
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}" font-size="13"><title>${escapeHtml(title)}</title>${shapes.join('')}</svg>`
  );
}

function fileSection(file: FileResult, lang: Lang): string {
  const head = `<h2>[${escapeHtml(statusLabel(file.status, lang))}] ${escapeHtml(file.file)}</h2>`;
  if (file.status !== 'checked')
    return `<section>${head}<p class="bad">${cellText(file.error?.message ?? null)}</p></section>`;
  const sheets = file.sheets.map((sheet) => {
    const { statedTotal, statedGrade, grade } = sheet.scores;
    const facts = [
      `${lang === 'en' ? 'Form' : '表格'}：${escapeHtml(templateTitle(sheet))}`,
      `${lang === 'en' ? 'Department' : '部门'}：${cellText(sheet.department)}`,
      `${lang === 'en' ? 'Project' : '项目'}：${cellText(sheet.project)}`,
      `${lang === 'en' ? 'Stated / recomputed total' : '自评 / 复算总分'}：${cellText(statedTotal)} / ${escapeHtml(totalText(sheet.scores, lang))}`,
      `${lang === 'en' ? 'Stated / recomputed grade' : '自评 / 复算等级'}：${cellText(statedGrade)} / ${cellText(grade)}`,
    ];
    const mismatch = isMismatch(sheet)
      ? `<p class="bad">${lang === 'en' ? 'Stated and recomputed scores differ' : '自评与复算不一致'}</p>`
      : '';
    const rows = sheet.issues.map(
      (issue) =>
        `<tr class="${issue.severity}"><td>${cellText(issue.cell)}</td><td>${escapeHtml(severityLabel(issue.severity, lang))}</td>` +
        `<td>${escapeHtml(issue.code)}</td><td>${escapeHtml(issue.message)}</td></tr>`,
    );
    const table =
      rows.length === 0
        ? `<p>${lang === 'en' ? 'No issues.' : '未发现问题。'}</p>`
        : `<table><thead><tr><th>${lang === 'en' ? 'Cell' : '单元格'}</th><th>${lang === 'en' ? 'Severity' : '级别'}</th>` +
          `<th>${lang === 'en' ? 'Code' : '代码'}</th><th>${lang === 'en' ? 'Message' : '问题说明'}</th></tr></thead>` +
          `<tbody>${rows.join('')}</tbody></table>`;
    return `<h3>${escapeHtml(sheet.sheet)}</h3><p>${facts.join('　')}</p>${mismatch}${table}`;
  });
  return `<section>${head}${sheets.join('')}</section>`;
}

const STYLE = `body{font-family:"Microsoft YaHei","PingFang SC",sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em}th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#D9E1F2}tr.error td{background:#FDECEA}tr.warning td{background:#FFF4E5}.bad{color:#B00020}
section{border-top:1px solid #999;margin-top:1em}h2{font-size:1.1em}h3{font-size:1em}`;

export function htmlReport(report: BatchReport, lang: Lang): string {
  const title = lang === 'en' ? 'Budget performance check report' : '预算绩效检查报告';
  return [
    '<!DOCTYPE html>',
    `<html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style></head><body>`,
    `<h1>${escapeHtml(title)}</h1>`,
    `<p>${escapeHtml(summaryLine(report.summary, lang))}</p>`,
    gradeChart(report, lang),
    ...report.files.map((f) => fileSection(f, lang)),
    '</body></html>',
    '',
  ].join('\n');
}
