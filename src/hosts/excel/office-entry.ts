/**
 * What the pane's entry needs from Office beyond the port: the real `Excel.run` for the adapter, the display
 * language and theme, and the shared-runtime calls (show the pane, keep the add-in loading with a workbook
 * that holds our forms). Every call that needs a requirement set checks it first, so an older Office gets
 * a working pane without these extras instead of an exception.
 */
import type { Plan } from '../../domain/plan/plan';
import type { ExcelHostApi } from './excel-api';
import { ExcelWorkbook } from './excel-workbook';

/** The `Office` global when this page runs with office.js loaded, else null (a plain browser, WPS). */
export function findOffice(scope: unknown): typeof Office | null {
  const office = (scope as { Office?: unknown } | null)?.Office;
  return typeof office === 'object' && office !== null && 'onReady' in office
    ? (office as typeof Office)
    : null;
}

/** Whether Office finished loading inside Excel (onReady resolves with a null host outside Office). */
export async function readyInExcel(office: typeof Office): Promise<boolean> {
  const info = await office.onReady();
  return info.host === office.HostType.Excel;
}

function supported(office: typeof Office, set: string, version: string): boolean {
  return office.context.requirements.isSetSupported(set, version);
}

export function officeExcelApi(office: typeof Office, excel: typeof Excel): ExcelHostApi {
  return {
    run: (options, batch) => excel.run(options, (context) => batch(context)),
    isSetSupported: (set, version) => supported(office, set, version),
    ...(supported(office, 'ExcelApi', '1.8') && typeof excel.createWorkbook === 'function'
      ? { createWorkbook: (base64: string) => excel.createWorkbook(base64) }
      : {}),
  };
}

/** Office's display language as the pane's: Chinese for any zh locale, English otherwise. */
export function paneLanguage(office: typeof Office): 'zh-CN' | 'en' {
  const language = office.context.displayLanguage ?? '';
  return language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** Office's theme; Excel on the web may not tell, then light. */
export function paneTheme(office: typeof Office): 'light' | 'dark' {
  return office.context.officeTheme?.isDarkTheme === true ? 'dark' : 'light';
}

export function hasSharedRuntime(office: typeof Office): boolean {
  return supported(office, 'SharedRuntime', '1.1');
}

/** Show the task pane from a ribbon command (shared runtime only; elsewhere the pane is opened by Office). */
export async function showPane(office: typeof Office): Promise<void> {
  if (hasSharedRuntime(office)) await office.addin.showAsTaskpane();
}

/**
 * A plan that creates its form sheet inserted one of our forms: from then on the add-in should start with
 * this workbook (in the background, pane closed), so checks run as soon as the file is opened again.
 */
export function insertsForm(plan: Plan): boolean {
  return plan.ops.some(
    (op) => op.kind === 'ensureSheet' && op.sheet === plan.formSheet && op.ifExists === 'fail',
  );
}

export function keepLoadingWithWorkbook(office: typeof Office): Promise<void> {
  if (!hasSharedRuntime(office)) return Promise.resolve();
  return office.addin.setStartupBehavior(office.StartupBehavior.load);
}

/**
 * Register a ribbon function (ExecuteFunction in manifest.xml). The ribbon exists only where SharedRuntime 1.1
 * does (manifest.xml), so elsewhere there is nothing to register.
 */
export function associateAction(
  office: typeof Office,
  name: string,
  action: (event: Office.AddinCommands.Event) => void,
): boolean {
  if (!hasSharedRuntime(office)) return false;
  office.actions.associate(name, action);
  return true;
}

/**
 * The Excel port for the pane. After a template is inserted the add-in is set to load with the workbook;
 * a failure there (an Office that refuses) leaves the inserted form as it is and is reported to `onError`.
 */
export function createOfficeExcelWorkbook(
  office: typeof Office,
  excel: typeof Excel,
  onError: (error: unknown) => void,
): ExcelWorkbook {
  let startupSet = false;
  return new ExcelWorkbook(officeExcelApi(office, excel), {
    afterPlanApplied: (plan) => {
      if (startupSet || !insertsForm(plan)) return;
      startupSet = true;
      keepLoadingWithWorkbook(office).catch(onError);
    },
  });
}
