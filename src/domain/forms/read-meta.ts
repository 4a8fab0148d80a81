/**
 * The `_meta` sheet: one line per form sheet of the workbook, saying which template, version, profile and
 * framework it was made with. People and other programs may have touched it, so reading is tolerant:
 * blank rows are skipped, columns are found by their header, and a line that cannot be used is reported in
 * `problems` instead of failing the whole workbook.
 */
import type { Block, CellScalar } from '../grid/cell';
import { cellText, isBlank } from '../grid/parse';
import { isTemplateId, type TemplateId } from './form-model';

export interface MetaEntry {
  sheet: string;
  template: TemplateId;
  version: number | null;
  profile: string | null;
  framework: string | null;
  created: string | null;
  /** The sheet a derived form was made from (its goal declaration); null for a form inserted blank. */
  derivedFrom: string | null;
}

/** Header of the optional column naming the sheet a form was derived from. */
export const DERIVED_FROM = 'derivedFrom';

export interface MetaProblem {
  /** 0-based row of `_meta`. */
  row: number;
  reason: 'unknown-template' | 'missing-sheet' | 'duplicate-sheet';
  text: string;
}

export interface MetaReading {
  entries: MetaEntry[];
  problems: MetaProblem[];
}

const META_COLUMNS = [
  'sheet',
  'template',
  'version',
  'profile',
  'framework',
  'created',
  DERIVED_FROM,
] as const;
type MetaColumn = (typeof META_COLUMNS)[number];

const DEFAULT_COLUMNS: Record<MetaColumn, number> = {
  sheet: 0,
  template: 1,
  version: 2,
  profile: 3,
  framework: 4,
  created: 5,
  derivedFrom: 6,
};

export function readMeta(block: Block | null): MetaReading {
  const entries: MetaEntry[] = [];
  const problems: MetaProblem[] = [];
  if (block === null) return { entries, problems };

  const rows = block.values;
  let r = 0;
  while (r < rows.length && rowIsBlank(rows[r])) r++;
  const headerColumns = r < rows.length ? columnsOfHeader(rows[r] ?? []) : null;
  const columns = headerColumns ?? DEFAULT_COLUMNS;
  if (headerColumns) r++;

  const seen = new Set<string>();
  for (; r < rows.length; r++) {
    const row = rows[r] ?? [];
    if (rowIsBlank(row)) continue;
    const sheetRow = block.top + r;
    const text = (column: MetaColumn): string | null => cellText(row[columns[column]]);
    const sheet = text('sheet');
    const template = text('template');
    if (sheet === null) {
      problems.push({ row: sheetRow, reason: 'missing-sheet', text: template ?? '' });
      continue;
    }
    if (template === null || !isTemplateId(template)) {
      problems.push({ row: sheetRow, reason: 'unknown-template', text: template ?? '' });
      continue;
    }
    if (seen.has(sheet)) {
      problems.push({ row: sheetRow, reason: 'duplicate-sheet', text: sheet });
      continue;
    }
    seen.add(sheet);
    entries.push({
      sheet,
      template,
      version: versionOf(row[columns.version]),
      profile: text('profile'),
      framework: text('framework'),
      created: text('created'),
      derivedFrom: text(DERIVED_FROM),
    });
  }
  return { entries, problems };
}

/** Header positions when the row is the header row (it names at least `sheet` and `template`), else null. */
function columnsOfHeader(row: readonly CellScalar[]): Record<MetaColumn, number> | null {
  const found: Partial<Record<MetaColumn, number>> = {};
  row.forEach((raw, c) => {
    const name = cellText(raw)?.toLowerCase();
    const column = META_COLUMNS.find((m) => m.toLowerCase() === name);
    if (column !== undefined && found[column] === undefined) found[column] = c;
  });
  if (found.sheet === undefined || found.template === undefined) return null;
  const columns = { ...DEFAULT_COLUMNS };
  for (const column of META_COLUMNS) columns[column] = found[column] ?? -1;
  return columns;
}

function versionOf(raw: CellScalar | undefined): number | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  const text = cellText(raw);
  if (text === null) return null;
  const value = Number(text);
  return text !== '' && Number.isFinite(value) ? value : null;
}

function rowIsBlank(row: readonly CellScalar[] | undefined): boolean {
  if (row === undefined) return true;
  for (const raw of row) if (!isBlank(raw)) return false;
  return true;
}
