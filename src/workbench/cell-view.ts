/**
 * What each cell of the grid shows: the typed value, the engine's result for a formula it computes (scores,
 * execution rate, total, grade), and for a cell with an issue the colour of the template's highlight rule
 * over it (or a colour by severity where the template has none).
 */
import type { SheetReport } from '../app/check-workbook';
import type { Issue, Severity } from '../domain/checks/issue';
import type { Field } from '../domain/forms/form-model';
import { parseA1, parseRange, rangeContains } from '../domain/grid/address';
import { formatNumber } from '../domain/messages/catalog';
import type { Highlight } from './workbench-host';

export const SEVERITY_FILL: Readonly<Record<Severity, string>> = {
  error: '#FFC7CE',
  warning: '#FFEB9C',
  info: '#DDEBF7',
};

/** Engine results of formula cells, by A1 address. */
export function computedCells(report: SheetReport | null): Map<string, string> {
  const out = new Map<string, string>();
  if (!report) return out;
  const { form, scores } = report;
  const put = (field: Field | undefined, value: number | string | null) => {
    if (field?.cell && field.formula !== null && value !== null) {
      out.set(field.cell, typeof value === 'number' ? formatNumber(value) : value);
    }
  };
  const rows = form.tables.indicators ?? form.tables.criteria ?? [];
  for (const indicator of scores.indicators) {
    const row = rows.find((r) => r.row === indicator.row);
    put(row?.fields.score, indicator.score);
  }
  for (const funds of Object.values(form.funds)) {
    if (!funds || !scores.execution) continue;
    const rate = scores.execution.rate;
    put(funds.cols.rate, rate === null ? null : `${formatNumber(Math.round(rate * 10000) / 100)}%`);
    put(funds.cols.score, scores.execution.score);
  }
  put(form.total, scores.total);
  put(form.grade, scores.grade);
  put(form.conclusion, scores.conclusion);
  return out;
}

/** The light fill of a required cell still to fill (待填写) in a part of the form nobody has started. */
export const TODO_FILL = '#EEF3FA';

/**
 * Cells still to fill, with what the pane says of them. Only empty cells are to-dos, so the fill never covers
 * anything a person typed; a cell with an issue is drawn as that issue instead.
 */
export function todoCells(report: (SheetReport & { todo?: readonly Issue[] }) | null): Map<string, Issue[]> {
  const out = new Map<string, Issue[]>();
  for (const issue of report?.todo ?? []) {
    if (!issue.cell) continue;
    const cell = issue.cell.split(':')[0] ?? issue.cell;
    out.set(cell, [...(out.get(cell) ?? []), issue]);
  }
  return out;
}

export interface IssueMark {
  fill: string;
  severity: Severity;
  issues: Issue[];
}

const RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/** Cells with issues, each with the colour it is drawn in. */
export function issueMarks(
  report: SheetReport | null,
  highlights: readonly Highlight[],
): Map<string, IssueMark> {
  const out = new Map<string, IssueMark>();
  if (!report) return out;
  const ranges = highlights.map((h) => ({ range: safeRange(h.range), fill: h.fill }));
  for (const issue of report.issues) {
    if (!issue.cell) continue;
    const cell = issue.cell.split(':')[0] ?? issue.cell;
    const previous = out.get(cell);
    const severity =
      previous && RANK[previous.severity] < RANK[issue.severity] ? previous.severity : issue.severity;
    let fill = SEVERITY_FILL[severity];
    try {
      const pos = parseA1(cell);
      const rule = ranges.find((r) => r.range !== null && rangeContains(r.range, pos));
      if (rule) fill = rule.fill;
    } catch {
      // An address the grid cannot place keeps the severity colour.
    }
    out.set(cell, { fill, severity, issues: [...(previous?.issues ?? []), issue] });
  }
  return out;
}

function safeRange(text: string) {
  try {
    return parseRange(text);
  } catch {
    return null;
  }
}
