/**
 * Use case: the jurisdiction package a workbook was made with, remembered in its `_meta` sheet
 * (src/domain/profiles/jurisdiction-record.ts), read when the pane opens and written when a package is chosen
 * for the workbook or a form is made with one. Only the header row of `_meta` is touched: no form line, and
 * nothing outside `_meta`.
 */
import { toA1 } from '../domain/grid/address';
import type { PlanOp } from '../domain/plan/plan';
import {
  readJurisdictionRecord,
  RECORD_FIRST_COLUMN,
  RECORD_LABELS,
  recordLabelColumns,
  type JurisdictionRecord,
} from '../domain/profiles/jurisdiction-record';
import { META_HEADERS } from '../domain/templates/build-plan';
import { META_SHEET } from './insert-template';
import type { WorkbookPort } from './workbook-port';

/** The package the workbook names; null when it names none (or has no `_meta`). */
export async function readWorkbookJurisdiction(port: WorkbookPort): Promise<JurisdictionRecord | null> {
  const sheets = await port.listSheets();
  if (!sheets.some((s) => s.name === META_SHEET)) return null;
  return readJurisdictionRecord(await port.readBlock(META_SHEET));
}

/**
 * Records the package in `_meta` (made, very hidden, when missing), replacing a record already there; null
 * clears the record. The labels stay where they are when `_meta` has them.
 */
export async function recordWorkbookJurisdiction(
  port: WorkbookPort,
  record: JurisdictionRecord | null,
): Promise<void> {
  const sheets = await port.listSheets();
  const hasMeta = sheets.some((s) => s.name === META_SHEET);
  if (!hasMeta && record === null) return;
  const block = hasMeta ? await port.readBlock(META_SHEET) : null;
  const found = recordLabelColumns(block);
  const ops: PlanOp[] = [];
  if (!hasMeta) {
    ops.push(
      { kind: 'ensureSheet', sheet: META_SHEET, visibility: 'veryHidden', ifExists: 'reuse' },
      // The header row names the form-line columns, so that readers take it for the header it is.
      { kind: 'writeBlock', sheet: META_SHEET, topLeft: 'A1', values: [[...META_HEADERS]] },
    );
  }
  const keys = ['name', 'version', 'hash'] as const;
  keys.forEach((key, i) => {
    const column = found?.[key] ?? RECORD_FIRST_COLUMN + 2 * i;
    ops.push({
      kind: 'writeBlock',
      sheet: META_SHEET,
      topLeft: toA1({ row: 0, col: column }),
      values: [[RECORD_LABELS[key], record === null ? null : record[key]]],
    });
  });
  // No form sheet: nothing is activated (`_meta` is very hidden).
  await port.applyPlan({ formSheet: '', ops });
}
