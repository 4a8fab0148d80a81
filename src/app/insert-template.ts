/**
 * Use case: insert a blank form into the workbook. Never replaces a sheet: the form gets a free name.
 */
import type { TemplateId } from '../domain/forms/form-model';
import { DERIVED_FROM } from '../domain/forms/read-meta';
import { toA1 } from '../domain/grid/address';
import type { Plan, PlanOp } from '../domain/plan/plan';
import { buildTemplatePlan, META_HEADERS } from '../domain/templates/build-plan';
import { getTemplateSpec } from '../domain/templates/registry';
import type { EngineSettings } from './engine-settings';
import { blockFromPlan, todoHighlightOps } from './todo-highlights';
import type { WorkbookPort } from './workbook-port';

export const META_SHEET = '_meta';
/** Excel's limit on sheet names. */
const MAX_SHEET_NAME = 31;
const INSTRUCTIONS_SUFFIX = '说明';

export interface InsertRequest {
  template: TemplateId;
  settings: EngineSettings;
  /** Preferred sheet name; the form's title when omitted. A suffix (2), (3)… is added when it is taken. */
  sheetName?: string;
  indicatorRows?: number;
  now?: Date;
  /** The sheet the form was derived from (a goal declaration), recorded in `_meta`. */
  derivedFrom?: string;
  /** A sheet of this workbook the new form goes right after (its goal sheet); last when omitted. */
  after?: string;
}

export interface InsertResult {
  sheet: string;
  opCount: number;
}

export async function insertTemplate(port: WorkbookPort, request: InsertRequest): Promise<InsertResult> {
  const sheets = await port.listSheets();
  const taken = new Set(sheets.map((s) => s.name));
  const base = request.sheetName ?? getTemplateSpec(request.template).title;
  const sheet = freeSheetName(base, taken);
  const metaRow = taken.has(META_SHEET) ? await nextMetaRow(port) : 1;
  const { plan } = buildTemplatePlan(request.template, {
    profile: request.settings.profile,
    framework: request.settings.framework,
    sheetName: sheet,
    metaRow,
    ...(request.indicatorRows === undefined ? {} : { indicatorRows: request.indicatorRows }),
    createdAt: (request.now ?? new Date()).toISOString(),
    ...(request.after === undefined ? {} : { after: request.after }),
  });
  addTodoHighlights(plan, sheet, request);
  if (request.derivedFrom !== undefined) plan.ops.push(...derivedFromOps(metaRow, request.derivedFrom));
  await port.applyPlan(plan);
  return { sheet, opCount: plan.ops.length };
}

/**
 * The 待填写 fill, drawn by the template so that Excel and WPS show it (todo-highlights.ts). It goes before the
 * sheet is protected: Excel adds no conditional format to a protected sheet.
 */
function addTodoHighlights(plan: Plan, sheet: string, request: InsertRequest): void {
  const ops = todoHighlightOps(blockFromPlan(plan, sheet), sheet, request.template, request.settings);
  const protect = plan.ops.findIndex((op) => op.kind === 'protectSheet' && op.sheet === sheet);
  plan.ops.splice(protect === -1 ? plan.ops.length : protect, 0, ...ops);
}

/** A name not taken by a sheet, whose instructions sheet name is free too, within Excel's 31 characters. */
export function freeSheetName(base: string, taken: ReadonlySet<string>): string {
  const fits = (name: string) => name.length + INSTRUCTIONS_SUFFIX.length <= MAX_SHEET_NAME;
  const isFree = (name: string) => !taken.has(name) && !taken.has(name + INSTRUCTIONS_SUFFIX);
  for (let n = 1; ; n += 1) {
    const suffix = n === 1 ? '' : `(${n})`;
    let stem = base;
    while (!fits(stem + suffix) && stem.length > 1) stem = stem.slice(0, -1);
    const name = stem + suffix;
    if (isFree(name)) return name;
  }
}

/**
 * The `derivedFrom` column of `_meta`, after the columns every line has: a workbook without it (older, or
 * holding no derived form) reads as before.
 */
function derivedFromOps(metaRow: number, source: string): PlanOp[] {
  const column = META_HEADERS.length;
  return [
    {
      kind: 'writeBlock',
      sheet: META_SHEET,
      topLeft: toA1({ row: 0, col: column }),
      values: [[DERIVED_FROM]],
    },
    {
      kind: 'writeBlock',
      sheet: META_SHEET,
      topLeft: toA1({ row: metaRow, col: column }),
      values: [[source]],
    },
  ];
}

/** The first row below everything already in `_meta`, so an insertion never overwrites another form's line. */
async function nextMetaRow(port: WorkbookPort): Promise<number> {
  const block = await port.readBlock(META_SHEET);
  return Math.max(1, block.top + block.values.length);
}
