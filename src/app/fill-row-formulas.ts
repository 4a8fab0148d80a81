/**
 * Use case: rows a person inserts inside one of our tables get the table's formulas. Spreadsheets copy the
 * row's formats and validations into an inserted row, not its formulas, and the formula cells are locked, so
 * the person cannot type them either: the new row would have no 得分. The formulas come from the template's
 * spec (a table column whose content is a formula), written for the new row's own cells, exactly as the
 * template writes them for its rows.
 *
 * Call it with the change the host reports (see `mayBeInsertedRows`), best
 * from the pane after the change rather than inside the host's change handler: writing to a protected sheet
 * lifts and restores its protection, which in Excel clears the undo stack.
 */
import { parseRange, columnLetter } from '../domain/grid/address';
import type { Block } from '../domain/grid/cell';
import type { ColumnKey, TemplateId } from '../domain/forms/form-model';
import { readForm } from '../domain/forms/read-form';
import { readMeta, type MetaEntry } from '../domain/forms/read-meta';
import type { PlanOp } from '../domain/plan/plan';
import type { Profile } from '../domain/profiles/profile-schema';
import { getTemplateSpec } from '../domain/templates/registry';
import type { RowRefs, TableSection } from '../domain/templates/template-spec';
import type { EngineSettings } from './engine-settings';
import { META_SHEET } from './insert-template';
import { MAX_COLS } from './plan-checks';
import type { CellsChanged, WorkbookPort } from './workbook-port';

/** A table column whose every blank row carries our formula, with the formula for any 0-based sheet row. */
export interface TableFormulaColumn {
  table: TableSection['table'];
  key: ColumnKey;
  /** 0-based sheet column. */
  col: number;
  formulaAt(row: number): string;
}

/** A reference outside the row (a header cell, a total): such a formula cannot be written for a new row. */
class NotRowLocal extends Error {}

/** The builder's rule: the spec gives the formula with or without its '='. */
function asFormula(text: string): string {
  const trimmed = text.trim();
  return trimmed.startsWith('=') ? trimmed : `=${trimmed}`;
}

/**
 * The formula columns of a template's tables. Table columns start in column B and each takes `span` sheet
 * columns, as the template builder lays them out.
 */
export function tableFormulaColumns(template: TemplateId, profile: Profile): TableFormulaColumn[] {
  const out: TableFormulaColumn[] = [];
  for (const section of getTemplateSpec(template).sections) {
    if (section.kind !== 'table') continue;
    const colOf = new Map<ColumnKey, number>();
    let col = 1;
    for (const column of section.columns) {
      colOf.set(column.key, col);
      col += column.span ?? 1;
    }
    for (const column of section.columns) {
      const content = column.content;
      if (content.kind !== 'formula') continue;
      const outside = (): never => {
        throw new NotRowLocal();
      };
      const refsFor = (row: number): RowRefs<ColumnKey> => ({
        profile,
        funds: outside,
        header: outside,
        columnRange: outside,
        totalCell: outside,
        named: outside,
        cell: (key) => {
          const at = colOf.get(key);
          if (at === undefined) throw new NotRowLocal();
          return `${columnLetter(at)}${row + 1}`;
        },
      });
      try {
        content.formula(refsFor(0));
      } catch (error) {
        if (error instanceof NotRowLocal) continue;
        throw error;
      }
      out.push({
        table: section.table,
        key: column.key,
        col: colOf.get(column.key) ?? 1,
        formulaAt: (row) => asFormula(content.formula(refsFor(row))),
      });
    }
  }
  return out;
}

function cellAt(block: Block, row: number, col: number): { value: unknown; formula: string | null } | null {
  const value = block.values[row - block.top]?.[col - block.left];
  const formula = block.formulas[row - block.top]?.[col - block.left];
  if (value === undefined || formula === undefined) return null;
  return { value, formula };
}

function isBlankCell(cell: { value: unknown; formula: string | null } | null): boolean {
  if (cell === null) return true;
  return (
    cell.formula === null &&
    (cell.value === null || (typeof cell.value === 'string' && cell.value.trim() === ''))
  );
}

/**
 * The formulas the rows `top..bottom` (0-based, just inserted) should hold. A column counts only where the row
 * above or below the inserted rows holds the template's formula for its own row, so rows inserted outside a
 * table, or in a table column the template leaves to the person, get nothing; a cell that is not blank is left
 * as it is.
 */
export function formulasForInsertedRows(
  template: TemplateId,
  profile: Profile,
  block: Block,
  top: number,
  bottom: number,
): { row: number; col: number; formula: string }[] {
  const out: { row: number; col: number; formula: string }[] = [];
  for (const column of tableFormulaColumns(template, profile)) {
    const holdsOwn = (row: number) =>
      row >= 0 && cellAt(block, row, column.col)?.formula === column.formulaAt(row);
    if (!holdsOwn(top - 1) && !holdsOwn(bottom + 1)) continue;
    for (let row = top; row <= bottom; row += 1) {
      if (isBlankCell(cellAt(block, row, column.col)))
        out.push({ row, col: column.col, formula: column.formulaAt(row) });
    }
  }
  return out;
}

/**
 * Whether a change may be rows a person inserted: the host says so (Excel), or a host that cannot tell an
 * insertion from other whole-row changes (WPS's SheetChange) reports whole rows. Filling is safe either way:
 * only blank formula cells next to a row holding the template's formula are written.
 */
export function mayBeInsertedRows(change: CellsChanged): boolean {
  if (change.structural !== undefined) return change.structural === 'rowsInserted';
  const range = parseRange(change.range);
  return range.left === 0 && range.right === MAX_COLS - 1;
}

/**
 * Keeps filling the rows people insert, one insertion after the other, and tells the live checks which cells
 * were written. Returns the unsubscribe function.
 */
export function fillRowsPeopleInsert(
  port: WorkbookPort,
  live: { wrote(sheet: string, range: string): Promise<void> },
  settingsFor: (meta: MetaEntry | null) => EngineSettings,
  onError: (error: unknown) => void,
): () => void {
  let queue = Promise.resolve();
  return port.onCellsChanged((change) => {
    if (change.source !== 'user' || !mayBeInsertedRows(change)) return;
    queue = queue
      .then(async () => {
        const { sheet, cells } = await fillInsertedRowFormulas(port, change, settingsFor);
        for (const cell of cells) await live.wrote(sheet, cell);
      })
      .catch(onError);
  });
}

export interface FillResult {
  sheet: string;
  /** A1 addresses written, in row order. */
  cells: string[];
}

/**
 * Reads the sheet (and `_meta`, for the template and profile it was made with), then writes the missing
 * formulas of the inserted rows in one plan, locked like the template's own formula cells. Does nothing for
 * other changes, sheets that are not our forms, and rows outside tables.
 */
export async function fillInsertedRowFormulas(
  port: WorkbookPort,
  change: CellsChanged,
  settingsFor: (meta: MetaEntry | null) => EngineSettings,
): Promise<FillResult> {
  const none: FillResult = { sheet: change.sheet, cells: [] };
  if (!mayBeInsertedRows(change)) return none;
  const inserted = parseRange(change.range);
  const sheets = await port.listSheets();
  const hasMeta = sheets.some((s) => s.name === META_SHEET);
  const blocks = await port.readBlocks([
    ...(hasMeta ? [{ sheet: META_SHEET }] : []),
    { sheet: change.sheet },
  ]);
  const block = blocks[blocks.length - 1];
  if (block === undefined) return none;
  const meta =
    hasMeta && blocks[0] ? (readMeta(blocks[0]).entries.find((m) => m.sheet === change.sheet) ?? null) : null;
  const settings = settingsFor(meta);
  const read = readForm(
    block,
    change.sheet,
    meta ? { template: meta.template, version: meta.version } : null,
    {
      vocabulary: settings.vocabulary,
    },
  );
  if (!read.ok) return none;
  const writes = formulasForInsertedRows(
    read.form.template,
    settings.profile,
    block,
    inserted.top,
    inserted.bottom,
  );
  if (writes.length === 0) return none;
  const ops: PlanOp[] = [];
  const cells: string[] = [];
  for (const write of writes.sort((a, b) => a.row - b.row || a.col - b.col)) {
    const a1 = `${columnLetter(write.col)}${write.row + 1}`;
    cells.push(a1);
    ops.push({
      kind: 'writeBlock',
      sheet: change.sheet,
      topLeft: a1,
      values: [[{ formula: write.formula }]],
    });
    ops.push({ kind: 'lock', sheet: change.sheet, range: a1, locked: true });
  }
  await port.applyPlan({ formSheet: change.sheet, ops });
  return { sheet: change.sheet, cells };
}
