/**
 * 全覆盖 in each report format: the goal declarations without a self-evaluation and the self-evaluations
 * without a goal declaration, when the check was given goal declarations.
 */
import { COVERAGE_TEXT, describeEntry, type CoverageEntry, type CoverageReport } from './coverage';
import type { Lang } from '../domain/messages/catalog';
import { getTemplateSpec } from '../domain/templates/registry';

export function coverageLines(coverage: CoverageReport | undefined, lang: Lang): string[] {
  if (coverage === undefined) return [];
  const t = COVERAGE_TEXT[lang];
  const list = (label: string, entries: readonly CoverageEntry[]) => [
    `  ${label}${lang === 'en' ? ': ' : '：'}${entries.length === 0 ? t.none : entries.length}`,
    ...entries.map((entry) => `    ${describeEntry(entry)}`),
  ];
  return [
    t.summary(coverage),
    ...list(t.goalsWithout, coverage.goalsWithoutSelfEvaluation),
    ...list(t.selfWithout, coverage.selfEvaluationsWithoutGoals),
  ];
}

/** Rows of the xlsx report's coverage sheet: 类别, 文件, 工作表, 表格, 部门, 项目名称. */
export const COVERAGE_HEADER = ['类别', '文件', '工作表', '表格', '部门', '项目名称'];

export function coverageRows(coverage: CoverageReport, lang: Lang): (string | null)[][] {
  const t = COVERAGE_TEXT[lang];
  const rows = (label: string, entries: readonly CoverageEntry[]) =>
    entries.map((e) => [label, e.file, e.sheet, getTemplateSpec(e.template).title, e.department, e.project]);
  return [
    ...rows(t.goalsWithout, coverage.goalsWithoutSelfEvaluation),
    ...rows(t.selfWithout, coverage.selfEvaluationsWithoutGoals),
  ];
}

/** The HTML section, every text escaped by the caller's `escape`. */
export function coverageHtml(
  coverage: CoverageReport | undefined,
  lang: Lang,
  escape: (text: string) => string,
): string {
  if (coverage === undefined) return '';
  const t = COVERAGE_TEXT[lang];
  const cell = (value: string | null) => `<td>${value === null ? '' : escape(value)}</td>`;
  const table = (label: string, entries: readonly CoverageEntry[]) => {
    const head = `<h3>${escape(label)}（${entries.length}）</h3>`;
    if (entries.length === 0) return `${head}<p>${escape(t.none)}</p>`;
    const header = COVERAGE_HEADER.slice(1)
      .map((h) => `<th>${escape(h)}</th>`)
      .join('');
    const rows = entries.map(
      (e) =>
        `<tr>${cell(e.file)}${cell(e.sheet)}${cell(getTemplateSpec(e.template).title)}${cell(e.department)}${cell(e.project)}</tr>`,
    );
    return `${head}<table><thead><tr>${header}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
  };
  return [
    `<section data-section="coverage"><h2>${escape(t.title)}</h2><p>${escape(t.summary(coverage))}</p>`,
    table(t.goalsWithout, coverage.goalsWithoutSelfEvaluation),
    table(t.selfWithout, coverage.selfEvaluationsWithoutGoals),
    '</section>',
  ].join('');
}
