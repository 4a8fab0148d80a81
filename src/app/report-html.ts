/**
 * The HTML report: one file that opens anywhere offline — inline CSS, an inline SVG chart, one fixed script
 * for sorting and filtering the summary, no outside resource. Every piece of text comes from received files
 * and is escaped; no data is ever put into the script or into an event handler, and the page's
 * Content-Security-Policy allows that one script by its hash and nothing else, so a sheet named `<b>` or a
 * project called `<script>` shows as typed and never runs.
 */
import type { CoverageReport } from './coverage';
import type { BatchReport, BatchSummary, FileResult, SheetResult } from './batch-report';
import { severityLabel, type Lang } from '../domain/messages/catalog';
import { coverageHtml } from './report-coverage';
import { statusLabel, summaryLine } from './report-text';
import {
  blockerText,
  gradeStatus,
  formTitle,
  indicatorRows,
  issuesByRow,
  noGrade,
  operatorSourceLabel,
  partialNote,
  summaryRows,
  unscorableText,
  valueText,
  nameAsGiven,
  type PathShown,
  type SummaryRow,
} from './report-summary';

const GRADES = ['优', '良', '中', '差'] as const;

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const esc = (value: string | number | null): string => (value === null ? '' : escapeHtml(String(value)));
const t = (lang: Lang, zh: string, en: string): string => (lang === 'en' ? en : zh);

/** Recomputed grades of the sheets that are fully recomputed, graded and free of errors. */
export function gradeDistribution(files: Iterable<FileResult>): { grade: string; count: number }[] {
  const tally = new GradeTally();
  for (const file of files) tally.add(file);
  return tally.bars();
}

/** Counts grades a file at a time: only graded sheets count; the others are counted apart as 未评级. */
class GradeTally {
  private readonly counts = new Map<string, number>(GRADES.map((g) => [g, 0]));
  ungraded = 0;
  /** Goals and monitoring forms: no grade to count. */
  notGradedForms = 0;

  add(file: FileResult): void {
    for (const sheet of file.sheets) {
      const grade = sheet.scores.grade;
      const status = gradeStatus(sheet);
      if (!status.applies) this.notGradedForms++;
      else if (status.graded && grade !== null && this.counts.has(grade))
        this.counts.set(grade, (this.counts.get(grade) ?? 0) + 1);
      else this.ungraded++;
    }
  }

  bars(): { grade: string; count: number }[] {
    return GRADES.map((grade) => ({ grade: grade as string, count: this.counts.get(grade) ?? 0 }));
  }
}

function gradeChart(tally: GradeTally, lang: Lang): string {
  const bars = tally.bars();
  const ungraded = tally.ungraded;
  const max = Math.max(1, ...bars.map((b) => b.count));
  const barWidth = 60;
  const gap = 24;
  const height = 160;
  const width = bars.length * (barWidth + gap) + gap;
  const title = t(lang, '等级分布（复算）', 'Grade distribution (recomputed)');
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
  const note = t(
    lang,
    `仅计入完整复算、已评级且无错误的表格；未评级 ${ungraded} 个${tally.notGradedForms ? `，目标表和监控表不评等级 ${tally.notGradedForms} 个` : ''}。`,
    `Counts only sheets fully recomputed, graded and free of errors; ${ungraded} not graded${tally.notGradedForms ? `; ${tally.notGradedForms} goals or monitoring forms have no grade` : ''}.`,
  );
  return (
    `<h2>${escapeHtml(title)}</h2><figure class="chart"><svg xmlns="http://www.w3.org/2000/svg" role="img" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}" font-size="13"><title>${escapeHtml(title)}</title>${shapes.join('')}</svg>` +
    `<figcaption>${escapeHtml(note)}</figcaption></figure>`
  );
}

/**
 * Each cell of a row gets its column's name in data-label, which the phone layout shows before the value
 * (rows become cards). Cell text is escaped, so every `<td` in the row is one of its cells.
 */
function labelled(row: string, labels: readonly string[]): string {
  let i = 0;
  return row.replace(/<td\b/g, () => `<td data-label="${esc(labels[i++] ?? '')}"`);
}

/** A cell the script sorts by number: the value sits in data-v, empty when missing. */
const numCell = (value: number | null): string =>
  `<td class="n" data-v="${value === null ? '' : value}">${esc(value)}</td>`;

function summaryTable(rows: readonly (SummaryRow & { anchor: string })[], lang: Lang): string {
  const columns: [string, 'text' | 'num'][] = [
    [t(lang, '文件', 'File'), 'text'],
    [t(lang, '单位', 'Department'), 'text'],
    [t(lang, '项目', 'Project'), 'text'],
    [t(lang, '表格', 'Form'), 'text'],
    [t(lang, '自评总分', 'Stated total'), 'num'],
    [t(lang, '复算总分', 'Recomputed total'), 'num'],
    [t(lang, '差异', 'Difference'), 'num'],
    [t(lang, '自评等级', 'Stated grade'), 'text'],
    [t(lang, '复算等级', 'Recomputed grade'), 'text'],
    [t(lang, '错误', 'Errors'), 'num'],
    [t(lang, '警告', 'Warnings'), 'num'],
  ];
  const head = columns
    .map(
      ([label, type]) => `<th data-type="${type}"><button type="button">${escapeHtml(label)}</button></th>`,
    )
    .join('');
  const body = rows.map((row) => {
    const form = row.form ?? `${statusLabel(row.status, lang)}${row.note === null ? '' : `：${row.note}`}`;
    const total = row.note !== null && row.total !== null ? ` title="${esc(row.note)}"` : '';
    const diffClass = row.difference !== null && Math.abs(row.difference) > 0.1 ? ' bad' : '';
    return labelled(
      `<tr data-ungraded="${row.graded || !row.gradeApplies ? 0 : 1}" data-errors="${row.errors}">` +
        `<td><a href="#${row.anchor}">${esc(row.path)}</a>${row.sheet === null ? '' : `<br><small>${esc(row.sheet)}</small>`}</td>` +
        `<td>${esc(row.department)}</td><td>${esc(row.project)}</td><td>${esc(form)}</td>` +
        numCell(row.statedTotal) +
        `<td class="n${row.note === null ? '' : ' partial'}" data-v="${row.total ?? ''}"${total}>${esc(row.total)}</td>` +
        `<td class="n${diffClass}" data-v="${row.difference ?? ''}">${esc(row.difference)}</td>` +
        `<td>${esc(row.statedGrade)}</td><td${row.graded ? '' : ' class="muted"'}>${esc(row.grade)}` +
        `${row.blockers ? `<br><small>${esc(row.blockers)}</small>` : ''}</td>` +
        `<td class="n${row.errors > 0 ? ' bad' : ''}" data-v="${row.errors}">${row.errors}</td>` +
        numCell(row.warnings) +
        `</tr>`,
      columns.map(([label]) => label),
    );
  });
  const controls =
    `<div class="controls" role="search">` +
    `<label>${t(lang, '筛选', 'Filter')} <input id="q" type="search" autocomplete="off" ` +
    `placeholder="${esc(t(lang, '单位、项目、文件…', 'department, project, file…'))}"></label> ` +
    `<label>${t(lang, '显示', 'Show')} <select id="only">` +
    `<option value="">${t(lang, '全部', 'all')}</option>` +
    `<option value="ungraded">${t(lang, '仅未评级', 'not graded only')}</option>` +
    `<option value="errors">${t(lang, '仅有错误', 'with errors only')}</option></select></label> ` +
    `<span>${t(lang, '显示', 'Showing')} <output id="shown">${rows.length}</output> / ${rows.length}</span></div>`;
  return (
    `${controls}<div class="scroll"><table id="summary"><thead><tr>${head}</tr></thead>` +
    `<tbody>${body.join('')}</tbody></table></div>`
  );
}

function indicatorTable(sheet: SheetResult, lang: Lang): string {
  const rows = indicatorRows(sheet);
  if (rows.length === 0) return '';
  const byRow = issuesByRow(sheet);
  const labels = [
    t(lang, '行', 'Row'),
    t(lang, '一级指标', 'Level 1'),
    t(lang, '二级指标', 'Level 2'),
    t(lang, '三级指标', 'Indicator'),
    t(lang, '运算符（来源）', 'Operator (from)'),
    t(lang, '指标值', 'Target'),
    t(lang, '实际完成值', 'Actual'),
    t(lang, '分值', 'Weight'),
    t(lang, '自评得分', 'Stated'),
    t(lang, '复算得分', 'Recomputed'),
    t(lang, '问题', 'Issues'),
  ];
  const head = labels.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows.map((r) => {
    const issues = byRow.get(r.row) ?? [];
    const worst = issues.some((i) => i.severity === 'error')
      ? 'error'
      : issues.some((i) => i.severity === 'warning')
        ? 'warning'
        : '';
    const source = operatorSourceLabel(r.operatorSource, lang);
    const operator =
      r.operator === null ? '' : `${esc(r.operator)}${source ? `<small>（${esc(source)}）</small>` : ''}`;
    const differs = r.score !== null && r.statedScore !== null && Math.abs(r.score - r.statedScore) > 0.01;
    const notes = [
      ...(r.unscorable === null ? [] : [`<li class="muted">${esc(unscorableText(r.unscorable, lang))}</li>`]),
      ...issues.map((i) => `<li class="${i.severity}" title="${esc(i.code)}">${esc(i.message)}</li>`),
    ];
    return labelled(
      `<tr${worst ? ` class="${worst}"` : ''}><td class="n">${r.row}</td><td>${esc(r.level1)}</td>` +
        `<td>${esc(r.level2)}</td><td>${r.kind === 'breakdown' ? '　' : ''}${esc(r.name)}</td><td>${operator}</td>` +
        `<td class="n">${esc(valueText(r.target, r))}</td><td class="n">${esc(valueText(r.actual, r))}</td>` +
        `<td class="n">${esc(r.weight)}</td><td class="n">${esc(r.statedScore)}</td>` +
        `<td class="n${differs ? ' bad' : ''}">${esc(r.score)}</td>` +
        `<td>${notes.length ? `<ul>${notes.join('')}</ul>` : ''}</td></tr>`,
      labels,
    );
  });
  return (
    `<h4>${t(lang, '逐项得分', 'Indicator by indicator')}</h4>` +
    `<div class="scroll"><table class="indicators"><thead><tr>${head}</tr></thead><tbody>${body.join('')}</tbody></table></div>`
  );
}

function issueTable(sheet: SheetResult, lang: Lang): string {
  if (sheet.issues.length === 0) return `<p>${t(lang, '未发现问题。', 'No issues.')}</p>`;
  const rows = sheet.issues.map(
    (issue) =>
      `<tr class="${issue.severity}"><td>${esc(issue.cell)}</td><td>${escapeHtml(severityLabel(issue.severity, lang))}</td>` +
      `<td title="${esc(issue.code)}">${escapeHtml(issue.message)}</td></tr>`,
  );
  return (
    `<h4>${t(lang, '问题', 'Issues')}</h4><div class="scroll"><table class="issues"><thead><tr>` +
    `<th>${t(lang, '单元格', 'Cell')}</th><th>${t(lang, '级别', 'Severity')}</th><th>${t(lang, '问题说明', 'Message')}</th>` +
    `</tr></thead><tbody>${rows.join('')}</tbody></table></div>`
  );
}

/** The recomputed grade, or 未评级 with what blocks it. */
function gradeText(sheet: SheetResult, lang: Lang): string {
  const status = gradeStatus(sheet);
  if (status.graded && sheet.scores.grade !== null) return sheet.scores.grade;
  if (!status.applies) return t(lang, '此表不评等级', 'this form has no grade');
  const blockers = blockerText(status, lang);
  return blockers ? `${noGrade(lang)}（${blockers}）` : noGrade(lang);
}

function fileSection(file: FileResult, path: string, anchor: string, lang: Lang): string {
  const head = `<h2 id="${anchor}">${esc(path)} <small>[${esc(statusLabel(file.status, lang))}]</small></h2>`;
  if (file.status !== 'checked')
    return `<section>${head}<p class="bad">${esc(file.error?.message ?? null)}</p></section>`;
  const sheets = file.sheets.map((sheet) => {
    const { statedTotal, total, statedGrade } = sheet.scores;
    const partial = partialNote(sheet, lang);
    const facts: [string, string][] = [
      [t(lang, '表格', 'Form'), formTitle(sheet)],
      [t(lang, '单位', 'Department'), sheet.department ?? ''],
      [t(lang, '项目', 'Project'), sheet.project ?? ''],
      [t(lang, '自评总分', 'Stated total'), statedTotal === null ? '—' : String(statedTotal)],
      [
        t(lang, '复算总分', 'Recomputed total'),
        total === null ? '—' : partial === null ? String(total) : `${total}（${partial}）`,
      ],
      [t(lang, '自评等级', 'Stated grade'), statedGrade ?? '—'],
      [t(lang, '复算等级', 'Recomputed grade'), gradeText(sheet, lang)],
    ];
    const dl = facts
      .map(([k, v]) => `<div><dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd></div>`)
      .join('');
    return `<h3>${escapeHtml(sheet.sheet)}</h3><dl class="facts">${dl}</dl>${indicatorTable(sheet, lang)}${issueTable(sheet, lang)}`;
  });
  return `<section>${head}${sheets.join('')}</section>`;
}

/** The one script of the page: fixed text, reads only the table it sorts and filters, never data as code. */
export const REPORT_SCRIPT = `(function () {
  var table = document.getElementById('summary');
  if (!table) return;
  var body = table.tBodies[0];
  var q = document.getElementById('q');
  var only = document.getElementById('only');
  var shown = document.getElementById('shown');
  var each = Array.prototype.forEach;
  function apply() {
    var text = q.value.trim().toLowerCase();
    var mode = only.value;
    var n = 0;
    each.call(body.rows, function (r) {
      var ok = (!text || r.textContent.toLowerCase().indexOf(text) >= 0) &&
        (mode !== 'ungraded' || r.getAttribute('data-ungraded') === '1') &&
        (mode !== 'errors' || r.getAttribute('data-errors') !== '0');
      r.hidden = !ok;
      if (ok) n++;
    });
    shown.textContent = String(n);
  }
  function key(row, col) {
    var cell = row.cells[col];
    return cell.hasAttribute('data-v') ? cell.getAttribute('data-v') : cell.textContent;
  }
  q.addEventListener('input', apply);
  only.addEventListener('change', apply);
  var heads = table.tHead.rows[0].cells;
  each.call(heads, function (th, col) {
    th.querySelector('button').addEventListener('click', function () {
      var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
      each.call(heads, function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
      var num = th.getAttribute('data-type') === 'num';
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = key(a, col), y = key(b, col);
        if (x === '' || y === '') return x === y ? 0 : x === '' ? 1 : -1;
        return dir * (num ? Number(x) - Number(y) : x.localeCompare(y, 'zh-CN'));
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
  apply();
})();`;

/**
 * The SHA-256 of REPORT_SCRIPT (base64), as the Content-Security-Policy names it. Written here rather than
 * computed so that the report is built the same way in Node and in the browser (where hashing is
 * asynchronous); a test computes the hash of the script and fails when the two differ.
 */
export const REPORT_SCRIPT_SHA256 = '2aiCI5sBNm6o16QqxvkbreqsP2DVPiVxrua2EF3o4OE=';

/** Nothing may load from anywhere; inline styles, the SVG chart and the one hashed script are all there is. */
export const REPORT_CSP = `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${REPORT_SCRIPT_SHA256}'; base-uri 'none'; form-action 'none'`;

const STYLE = `*{box-sizing:border-box}
body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC",sans-serif;margin:1.5em;color:#222;line-height:1.45}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.5em}h3{font-size:1.05em}h4{font-size:.95em;margin:.8em 0 .3em}
.scroll{overflow-x:auto;max-width:100%;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;margin:.3em 0 1em;min-width:100%}
th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#D9E1F2;white-space:nowrap}
#summary td{min-width:4.5em}#summary td:nth-child(-n+4){min-width:9em}#summary td small{color:#555}td.n{text-align:right;white-space:nowrap}
th button{font:inherit;font-weight:bold;background:none;border:0;padding:0;cursor:pointer;color:inherit}
th[aria-sort=ascending] button::after{content:" ▲"}th[aria-sort=descending] button::after{content:" ▼"}
tr.error td{background:#FDECEA}tr.warning td{background:#FFF4E5}.bad{color:#B00020;font-weight:bold}
.muted{color:#666}td ul{margin:0;padding-left:1.1em}li.error{color:#B00020}
.controls{display:flex;flex-wrap:wrap;gap:.5em 1em;align-items:center;margin:.5em 0}
.controls input,.controls select{font:inherit;padding:2px 4px;max-width:100%}
.facts{display:flex;flex-wrap:wrap;gap:.2em 1.5em;margin:.3em 0}.facts div{display:flex;gap:.4em}
.facts dt{color:#555}.facts dt::after{content:"："}.facts dd{margin:0}
.chart{margin:.5em 0}.chart svg{max-width:100%;height:auto}figcaption{font-size:.85em;color:#555}
section{border-top:1px solid #999}
[hidden]{display:none!important}
@media (max-width:600px){body{margin:.6em;font-size:15px}h1{font-size:1.2em}
#summary,#summary tbody,#summary tr,#summary td,.indicators,.indicators tbody,.indicators tr,.indicators td{display:block;min-width:0!important;width:auto}
#summary thead tr{display:flex;flex-wrap:wrap;gap:.3em;margin-bottom:.4em}#summary thead th{border-radius:3px}
.indicators thead{display:none}
#summary tbody tr,.indicators tbody tr{border:1px solid #999;border-radius:4px;margin:.5em 0;padding:.3em .5em}
#summary td,.indicators td{border:0;padding:1px 0;display:flex;gap:.6em;text-align:left;white-space:normal}
#summary td::before,.indicators td::before{content:attr(data-label);color:#555;flex:0 0 5.5em}
#summary td:empty,.indicators td:empty{display:none}
#summary br{display:none}#summary td small{margin-left:.4em}
.indicators td ul{padding-left:1em}}
@media print{body{margin:0;font-size:10pt}.controls{display:none}.scroll{overflow:visible}
th button::after{content:""!important}tr{break-inside:avoid}section{break-before:page}a{color:inherit;text-decoration:none}
@page{size:A4 landscape;margin:12mm}}`;

/** The whole page as one string (tests, small batches). */
export function htmlReport(report: BatchReport, lang: Lang, shown: PathShown = nameAsGiven): string {
  return [...htmlReportChunks(() => report.files, report.summary, lang, shown, report.coverage)].join('');
}

/**
 * The page a piece at a time. The summary and the chart come first but need every file, so the results are
 * read twice: once keeping only the summary rows and the grade counts, once writing each file's section.
 */
export function* htmlReportChunks(
  files: () => Iterable<FileResult>,
  summary: BatchSummary,
  lang: Lang,
  shown: PathShown = nameAsGiven,
  coverage?: CoverageReport,
): Generator<string> {
  const title = t(lang, '预算绩效检查报告', 'Budget performance check report');
  const rows: (SummaryRow & { anchor: string })[] = [];
  const tally = new GradeTally();
  let index = 0;
  for (const file of files()) {
    const anchor = `f${++index}`;
    for (const row of summaryRows(file, shown, lang)) rows.push({ ...row, anchor });
    tally.add(file);
  }
  yield [
    '<!DOCTYPE html>',
    `<html lang="${lang}"><head><meta charset="utf-8">`,
    `<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>`,
    `<h1>${escapeHtml(title)}</h1>`,
    `<p>${escapeHtml(summaryLine(summary, lang))}</p>`,
    summaryTable(rows, lang),
    gradeChart(tally, lang),
    coverageHtml(coverage, lang, escapeHtml),
    '',
  ].join('\n');
  rows.length = 0;
  index = 0;
  for (const file of files()) {
    yield fileSection(file, shown(file.file), `f${++index}`, lang) + '\n';
  }
  yield `<script>${REPORT_SCRIPT}</script>\n</body></html>\n`;
}
