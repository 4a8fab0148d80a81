/**
 * The Office glue of the pane's entry against a stand-in `Office` object: language and theme, the shared
 * runtime calls guarded by their requirement set, and the startup behaviour set once a form was inserted.
 */
import type { Plan } from '../../../src/domain/plan/plan';
import {
  associateAction,
  createOfficeExcelWorkbook,
  findOffice,
  officeExcelApi,
  insertsForm,
  paneLanguage,
  paneTheme,
  readyInExcel,
  showPane,
} from '../../../src/hosts/excel/office-entry';
import { FakeExcel } from './fake/excel-fake';

interface Calls {
  startup: unknown[];
  shown: number;
  associated: string[];
}

function stubOffice(options: {
  language?: string;
  dark?: boolean | null;
  sharedRuntime: boolean;
  host?: string | null;
}) {
  const calls: Calls = { startup: [], shown: 0, associated: [] };
  const office = {
    HostType: { Excel: 'Excel' },
    StartupBehavior: { load: 'Load', none: 'None' },
    onReady: async () => ({ host: options.host === undefined ? 'Excel' : options.host, platform: null }),
    context: {
      displayLanguage: options.language ?? 'zh-CN',
      officeTheme: options.dark === null ? undefined : { isDarkTheme: options.dark === true },
      requirements: {
        isSetSupported: (name: string, version: string) =>
          (name === 'SharedRuntime' && options.sharedRuntime && version === '1.1') ||
          (name === 'ExcelApi' && Number(version.split('.')[1]) <= 14),
      },
    },
    addin: {
      setStartupBehavior: async (behavior: unknown) => {
        calls.startup.push(behavior);
      },
      showAsTaskpane: async () => {
        calls.shown += 1;
      },
    },
    actions: {
      associate: (name: string) => {
        calls.associated.push(name);
      },
    },
  };
  return { office: office as unknown as typeof Office, calls };
}

describe('office-entry', () => {
  it('finds Office only where office.js was loaded, and tells Excel from elsewhere', async () => {
    expect(findOffice({})).toBeNull();
    expect(findOffice(null)).toBeNull();
    const { office } = stubOffice({ sharedRuntime: true });
    expect(findOffice({ Office: office })).toBe(office);
    await expect(readyInExcel(office)).resolves.toBe(true);
    await expect(readyInExcel(stubOffice({ sharedRuntime: true, host: null }).office)).resolves.toBe(false);
  });

  it('takes the pane language from Office (any zh locale is Chinese) and the theme, light when unknown', () => {
    expect(paneLanguage(stubOffice({ language: 'zh-TW', sharedRuntime: true }).office)).toBe('zh-CN');
    expect(paneLanguage(stubOffice({ language: 'en-GB', sharedRuntime: true }).office)).toBe('en');
    expect(paneTheme(stubOffice({ dark: true, sharedRuntime: true }).office)).toBe('dark');
    expect(paneTheme(stubOffice({ dark: null, sharedRuntime: true }).office)).toBe('light');
  });

  it('calls the shared-runtime APIs only where SharedRuntime 1.1 is supported', async () => {
    const without = stubOffice({ sharedRuntime: false });
    await showPane(without.office);
    expect(associateAction(without.office, 'openTemplates', () => undefined)).toBe(false);
    expect(without.calls).toEqual({ startup: [], shown: 0, associated: [] });
    const withRuntime = stubOffice({ sharedRuntime: true });
    await showPane(withRuntime.office);
    expect(associateAction(withRuntime.office, 'openTemplates', () => undefined)).toBe(true);
    expect(withRuntime.calls).toEqual({ startup: [], shown: 1, associated: ['openTemplates'] });
  });

  it('sets the add-in to load with the workbook once, after the first plan that inserts a form', async () => {
    const { office, calls } = stubOffice({ sharedRuntime: true });
    const fake = new FakeExcel({ excelApi: '1.14' });
    const errors: unknown[] = [];
    const book = createOfficeExcelWorkbook(office, { run: fake.api.run } as unknown as typeof Excel, (e) =>
      errors.push(e),
    );
    const helper: Plan = {
      formSheet: '_lists',
      ops: [{ kind: 'ensureSheet', sheet: '_lists', visibility: 'visible', ifExists: 'reuse' }],
    };
    const form = (sheet: string): Plan => ({
      formSheet: sheet,
      ops: [{ kind: 'ensureSheet', sheet, visibility: 'visible', ifExists: 'fail' }],
    });
    expect(insertsForm(helper)).toBe(false);
    expect(insertsForm(form('表'))).toBe(true);
    await book.applyPlan(helper);
    expect(calls.startup).toEqual([]);
    await book.applyPlan(form('表一'));
    await book.applyPlan(form('表二'));
    expect(calls.startup).toEqual(['Load']);
    expect(errors).toEqual([]);
  });

  it('offers Excel.createWorkbook for a new workbook only where ExcelApi 1.8 is supported', async () => {
    const created: string[] = [];
    const excel = {
      createWorkbook: async (base64: string) => {
        created.push(base64);
      },
    } as unknown as typeof Excel;
    const api = officeExcelApi(stubOffice({ sharedRuntime: false }).office, excel);
    await api.createWorkbook?.('UEs=');
    expect(created).toEqual(['UEs=']);
    const old = stubOffice({ sharedRuntime: false }).office;
    (old.context.requirements as { isSetSupported: (n: string, v: string) => boolean }).isSetSupported = (
      name,
      version,
    ) => name === 'ExcelApi' && Number(version.split('.')[1]) <= 7;
    expect(officeExcelApi(old, excel).createWorkbook).toBeUndefined();
  });
});
