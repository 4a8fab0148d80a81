/**
 * The pane's entry: the one place that picks the host, in this order: WPS 表格 (its pages carry
 * `Application`), Excel (office.js loaded and `Office.onReady` says Excel), else an in-memory demo workbook
 * for a plain browser. In Excel this page is also the shared runtime of the ribbon: it registers the ribbon's
 * commands and owns the live checks, so they keep running while the pane is closed.
 */
import { createRoot } from 'react-dom/client';
import { fillRowsPeopleInsert } from '../app/fill-row-formulas';
import { LiveChecks, severityCounts } from '../app/live-checks';
import type { WorkbookPort } from '../app/workbook-port';
import { registerRibbonActions, type RibbonSection } from '../commands/ribbon-actions';
import {
  associateAction,
  createOfficeExcelWorkbook,
  findOffice,
  paneLanguage,
  paneTheme,
  readyInExcel,
  showPane,
} from '../hosts/excel/office-entry';
import { MemoryWorkbook } from '../hosts/memory/memory-workbook';
import { createWpsWorkbook, findWpsApplication } from '../hosts/wps';
import { App, sectionFromHash } from './App';
import { AUTO, settingsResolver } from './use-live-checks';

interface PaneSetup {
  port: WorkbookPort;
  hostLabel?: string;
  lang?: 'zh-CN' | 'en';
  theme?: 'light' | 'dark';
  live?: LiveChecks;
}

/**
 * `?lang=en|zh-CN` and `?theme=dark|light` on the page's address win over what the host says: a bureau can
 * pin the pane's language in the manifest's URL, and the page can be looked at in either without a host.
 */
function fromAddress(setup: PaneSetup): PaneSetup {
  const params = new URLSearchParams(window.location.search);
  const lang = params.get('lang');
  const theme = params.get('theme');
  return {
    ...setup,
    ...(lang === 'en' || lang === 'zh-CN' ? { lang } : {}),
    ...(theme === 'dark' || theme === 'light' ? { theme } : {}),
  };
}

function render(given: PaneSetup): void {
  const container = document.getElementById('root');
  if (!container) return;
  const setup = fromAddress(given);
  createRoot(container).render(
    <App
      port={setup.port}
      {...(setup.hostLabel === undefined ? {} : { hostLabel: setup.hostLabel })}
      initialSection={sectionFromHash(window.location.hash)}
      {...(setup.lang === undefined ? {} : { initialLang: setup.lang })}
      {...(setup.theme === undefined ? {} : { theme: setup.theme })}
      {...(setup.live === undefined ? {} : { live: setup.live })}
    />,
  );
}

/** A failure outside any pane view (a ribbon command before the pane could open): the console is all there is. */
function reportOutsidePane(error: unknown): void {
  console.error('预算绩效管理 / Budget Performance:', error);
}

function openSection(section: RibbonSection): void {
  // The pane follows the hash (App listens to hashchange); setting the same hash again fires nothing, which
  // is right: the pane is already there.
  window.location.hash = section;
}

async function startInExcel(office: typeof Office): Promise<void> {
  const port = createOfficeExcelWorkbook(office, Excel, reportOutsidePane);
  // The controller lives with the page, not with the pane's view: with the shared runtime the page outlives a
  // closed pane, and the 检查 button uses the same controller the pane shows.
  const live = new LiveChecks(port, { settingsFor: settingsResolver({ profile: AUTO, framework: AUTO }) });
  // Rows a person inserts inside a protected table get the table's formulas (the formula cells are locked).
  fillRowsPeopleInsert(port, live, settingsResolver({ profile: AUTO, framework: AUTO }), reportOutsidePane);
  registerRibbonActions((name, action) => void associateAction(office, name, action), {
    openSection,
    showPane: () => showPane(office),
    checkWorkbook: async () => {
      await live.sheetsChanged();
      await live.flush();
      return severityCounts(live.state.sheets);
    },
    report: reportOutsidePane,
  });
  render({
    port,
    hostLabel: 'Microsoft Excel',
    lang: paneLanguage(office),
    theme: paneTheme(office),
    live,
  });
}

async function start(): Promise<void> {
  const wps = findWpsApplication(window);
  if (wps !== null) {
    render({ port: createWpsWorkbook(wps), hostLabel: 'WPS 表格', lang: 'zh-CN' });
    return;
  }
  const office = findOffice(window);
  if (office !== null && (await readyInExcel(office))) {
    await startInExcel(office);
    return;
  }
  render({ port: new MemoryWorkbook() });
}

start().catch(reportOutsidePane);
