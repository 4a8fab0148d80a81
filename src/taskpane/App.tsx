import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import {
  Button,
  FluentProvider,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Tab,
  TabList,
  Text,
  makeStyles,
  webDarkTheme,
  webLightTheme,
} from '@fluentui/react-components';
import type { LiveChecks } from '../app/live-checks';
import { HostError, type WorkbookPort } from '../app/workbook-port';
import { convertTextNumber, textNumberFix } from '../app/convert-text-number';
import { deriveFromSheet } from '../app/derive-form';
import { insertTemplate } from '../app/insert-template';
import { readWorkbookJurisdiction, recordWorkbookJurisdiction } from '../app/workbook-jurisdiction';
import { derivableFrom, type DerivedTemplate } from '../domain/cycle/derive';
import type { Issue } from '../domain/checks/issue';
import type { Indicator } from '../domain/framework/framework-schema';
import type { TemplateId } from '../domain/forms/form-model';
import type { Lang } from '../domain/messages/catalog';
import type { Jurisdiction } from '../domain/profiles/jurisdiction';
import { recordOf, type JurisdictionRecord } from '../domain/profiles/jurisdiction-record';
import { insertIndicatorIntoSelection } from './insert-indicator';
import {
  parseJurisdictionFile,
  parseLibraryFile,
  rememberedJurisdiction,
  rememberedLibrary,
  rememberJurisdiction,
  rememberLibrary,
  type ChosenLibrary,
} from './pane-storage';
import { CheckSection } from './sections/CheckSection';
import { LibrarySection } from './sections/LibrarySection';
import { ScoresSection } from './sections/ScoresSection';
import { SettingsSection } from './sections/SettingsSection';
import { TemplatesSection, type GoalSource } from './sections/TemplatesSection';
import { hostErrorText, uiStrings, type UiStrings } from './strings';
import { AUTO, settingsResolver, useLiveChecks, type SettingsChoice } from './use-live-checks';
import { packageInUse, standingOf, standingText } from './workbook-package';

const useStyles = makeStyles({
  // In a 320 px pane the six tabs do not fit on one line: they wrap rather than being cut or making the pane
  // scroll sideways.
  tabs: { flexWrap: 'wrap' },
});

export type Section = 'templates' | 'check' | 'scores' | 'library' | 'batch' | 'settings';
const SECTIONS: readonly Section[] = ['templates', 'check', 'scores', 'library', 'batch', 'settings'];

// 批量审核 and its reader load only when the section is opened: the pane's first load stays as small.
const BatchSection = lazy(() => import(/* webpackChunkName: "batch" */ './batch/BatchSection'));

export interface AppProps {
  port: WorkbookPort;
  /**
   * The spreadsheet program's name (one name, or one per language of the pane); the demo workbook's label (in
   * the pane's language) when absent.
   */
  hostLabel?: string | Readonly<Record<Lang, string>>;
  initialSection?: Section;
  /** The Office theme (Office.context.officeTheme.isDarkTheme); light when not known. */
  theme?: 'light' | 'dark';
  /** The host's display language; Simplified Chinese when not given. */
  initialLang?: Lang;
  /** A controller made by the page (the workbench shares it with its grid); the pane makes its own when absent. */
  live?: LiveChecks;
}

export function sectionFromHash(hash: string): Section {
  const wanted = hash.replace(/^#/, '');
  return (SECTIONS as readonly string[]).includes(wanted) ? (wanted as Section) : 'templates';
}

const SUCCESS_NOTICE_MS = 8000;

/** Kept as a function of the texts, so that a notice follows a change of language. */
type Notice = { intent: 'success' | 'error' | 'warning'; text: (t: UiStrings) => string };

export function App({
  port,
  hostLabel,
  initialSection = 'templates',
  theme,
  initialLang,
  live: given,
}: AppProps) {
  const [section, setSection] = useState<Section>(initialSection);
  const [lang, setLang] = useState<Lang>(initialLang ?? 'zh-CN');
  // The package remembered on this machine, and the one the workbook's `_meta` names (undefined until read):
  // the machine's is used only when the workbook names none or the same one, never silently another.
  const [machinePackage, setMachinePackage] = useState<Jurisdiction | null>(() => rememberedJurisdiction());
  const [workbookPackage, setWorkbookPackage] = useState<JurisdictionRecord | null | undefined>(undefined);
  const standing = useMemo(
    () => standingOf(workbookPackage, machinePackage),
    [workbookPackage, machinePackage],
  );
  const inUse = packageInUse(standing, machinePackage);
  const [choice, setChoice] = useState<SettingsChoice>(() => ({
    profile: AUTO,
    framework: AUTO,
    jurisdiction: null,
  }));
  useEffect(() => {
    setChoice((current) => (current.jurisdiction === inUse ? current : { ...current, jurisdiction: inUse }));
  }, [inUse]);
  const [notice, setNotice] = useState<Notice | null>(null);
  useEffect(() => {
    let current = true;
    readWorkbookJurisdiction(port).then(
      (recorded) => {
        if (!current) return;
        setWorkbookPackage(recorded);
        const opened = standingOf(recorded, rememberedJurisdiction());
        if (opened !== null && (opened.kind === 'missing' || opened.kind === 'different')) {
          setNotice({ intent: 'warning', text: (texts) => standingText(texts, opened) ?? '' });
        }
      },
      // Unread, the workbook's package is unknown: none is used rather than perhaps the wrong one.
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [port]);
  // A success goes away by itself; a warning or an error stays until closed or replaced.
  useEffect(() => {
    if (notice?.intent !== 'success') return;
    const timer = setTimeout(() => setNotice(null), SUCCESS_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);
  const [busy, setBusy] = useState(false);
  const [library, setLibrary] = useState<ChosenLibrary | null>(() => rememberedLibrary());
  const chooseLibrary = useCallback((chosen: ChosenLibrary | null) => {
    setLibrary(chosen);
    rememberLibrary(chosen);
  }, []);
  const loadLibraryFile = useCallback(
    async (file: File) => {
      const parsed = parseLibraryFile(await file.text());
      if (!parsed.ok) {
        const shown = parsed.errors.slice(0, 5).join('；') + (parsed.errors.length > 5 ? '……' : '');
        setNotice({ intent: 'error', text: (texts) => texts.libraryRejected(shown) });
        return;
      }
      chooseLibrary({ name: file.name, indicators: parsed.indicators });
      const count = parsed.indicators.length;
      setNotice({ intent: 'success', text: (texts) => texts.libraryLoaded(file.name, count) });
    },
    [chooseLibrary],
  );
  const fail = useCallback((error: unknown) => {
    const code = error instanceof HostError ? error.code : 'unknown';
    setNotice({ intent: 'error', text: (texts) => texts.hostError + texts.hostErrors[code] });
  }, []);

  /** The workbook remembers the package (null: none); on failure it keeps what it named, and says why. */
  const recordInWorkbook = useCallback(
    async (record: JurisdictionRecord | null): Promise<boolean> => {
      try {
        await recordWorkbookJurisdiction(port, record);
        setWorkbookPackage(record);
        return true;
      } catch (error) {
        fail(error);
        return false;
      }
    },
    [port, fail],
  );
  const loadJurisdictionFile = useCallback(
    async (file: File) => {
      const text = await file.text();
      const parsed = parseJurisdictionFile(text);
      if (!parsed.ok) {
        const shown = parsed.errors.slice(0, 5).join('；') + (parsed.errors.length > 5 ? '……' : '');
        setNotice({ intent: 'error', text: (texts) => texts.jurisdictionRejected(shown) });
        return;
      }
      rememberJurisdiction(text);
      setMachinePackage(parsed.jurisdiction);
      if (!(await recordInWorkbook(recordOf(parsed.jurisdiction)))) return;
      const name = parsed.jurisdiction.name;
      setNotice({ intent: 'success', text: (texts) => texts.jurisdictionLoaded(name) });
    },
    [recordInWorkbook],
  );
  const resetJurisdiction = useCallback(async () => {
    rememberJurisdiction(null);
    setMachinePackage(null);
    await recordInWorkbook(null);
  }, [recordInWorkbook]);
  /** A form made with the package in use: the workbook names it from then on. */
  const recordUse = useCallback(async () => {
    if (inUse !== null && workbookPackage === null) await recordInWorkbook(recordOf(inUse));
  }, [inUse, workbookPackage, recordInWorkbook]);
  const activeLibrary = library?.indicators ?? choice.jurisdiction?.library ?? null;
  const { live, state } = useLiveChecks(port, choice, given);
  const t = uiStrings(lang);
  const styles = useStyles();

  // The ribbon buttons and the host's entry switch sections by setting the location hash.
  useEffect(() => {
    const follow = () => setSection(sectionFromHash(window.location.hash));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const insert = useCallback(
    async (template: TemplateId) => {
      setBusy(true);
      try {
        const { sheet } = await insertTemplate(port, { template, settings: settingsResolver(choice)(null) });
        await recordUse();
        await live.sheetsChanged();
        await port.select(sheet, 'A1');
        setNotice({ intent: 'success', text: (texts) => texts.inserted + sheet });
      } catch (error) {
        fail(error);
      } finally {
        setBusy(false);
      }
    },
    [port, live, choice, fail, recordUse],
  );

  // The goal declaration to derive from: the form worked on last when it is one, else the only one there is.
  const goalSource = useMemo((): GoalSource | null => {
    const goals = state.sheets.filter((s) => derivableFrom(s.template).length > 0);
    const last =
      goals.find((s) => s.sheet === state.lastEdited) ?? (goals.length === 1 ? goals[0] : undefined);
    return last === undefined ? null : { sheet: last.sheet, template: last.template };
  }, [state.sheets, state.lastEdited]);

  const derive = useCallback(
    async (target: DerivedTemplate) => {
      if (goalSource === null) return;
      setBusy(true);
      try {
        const result = await deriveFromSheet(port, {
          source: goalSource.sheet,
          target,
          settingsFor: settingsResolver(choice),
        });
        if (!result.ok) {
          setNotice({ intent: 'warning', text: (texts) => texts.deriveNotGoal });
          return;
        }
        await recordUse();
        await live.sheetsChanged();
        await port.select(result.sheet, 'A1');
        const from = result.monitoringSheet;
        setNotice({
          intent: 'success',
          text: (texts) =>
            texts.derived(result.sheet, result.indicators) +
            (from === null ? '' : ' ' + texts.derivedWithMonitoring(from)),
        });
      } catch (error) {
        fail(error);
      } finally {
        setBusy(false);
      }
    },
    [port, live, choice, goalSource, fail, recordUse],
  );

  const insertIndicator = useCallback(
    async (indicator: Indicator) => {
      setBusy(true);
      try {
        const hint = (sheet: string) => {
          const form = live.state.sheets.find((s) => s.sheet === sheet)?.form;
          return form ? { template: form.template, version: form.templateVersion } : null;
        };
        const result = await insertIndicatorIntoSelection(port, indicator, hint);
        if (result.ok) {
          await live.wrote(result.sheet, result.range);
          setNotice({ intent: 'success', text: (texts) => texts.libraryInserted(result.sheet, result.row) });
        } else if (result.reason === 'row_not_empty') {
          const cells = result.cells.join('、');
          setNotice({ intent: 'warning', text: (texts) => texts.rowNotEmpty(cells) });
        } else {
          const reason = result.reason;
          setNotice({
            intent: 'warning',
            text: (texts) =>
              reason === 'no_selection'
                ? texts.noSelection
                : reason === 'not_a_form'
                  ? texts.notAForm
                  : texts.notIndicatorRow,
          });
        }
      } catch (error) {
        fail(error);
      } finally {
        setBusy(false);
      }
    },
    [port, live, t, fail],
  );

  const selectIssue = useCallback(
    (issue: Issue) => {
      if (issue.cell === null) return;
      port.select(issue.sheet, issue.cell).catch(fail);
    },
    [port, fail],
  );

  const convertIssue = useCallback(
    async (issue: Issue) => {
      const fix = textNumberFix(issue);
      if (fix === null) return;
      setBusy(true);
      try {
        const { sheet, cell, expectedText, value } = fix;
        const result = await convertTextNumber(port, sheet, cell, expectedText, value);
        const number = String(issue.params.number);
        if (result.ok) {
          await live.wrote(sheet, cell);
          setNotice({ intent: 'success', text: (texts) => texts.converted(cell, number) });
        } else {
          // Checked again as it now stands, also where the host reports no change of its own.
          await live.wrote(sheet, cell);
          setNotice({ intent: 'warning', text: (texts) => texts.convertChanged(cell) });
        }
      } catch (error) {
        fail(error);
      } finally {
        setBusy(false);
      }
    },
    [port, live, fail],
  );

  const liveError = state.error === null ? null : hostErrorText(state.error, lang);
  return (
    <FluentProvider theme={theme === 'dark' ? webDarkTheme : webLightTheme}>
      <main className="bpa-pane bpa-stack" aria-label={t.appTitle}>
        <header className="bpa-header">
          <Text as="h1" size={500} weight="semibold">
            {t.appTitle}
          </Text>
          <Text as="p" size={200} className="bpa-muted">
            {(typeof hostLabel === 'string' ? hostLabel : hostLabel?.[lang]) ?? t.demoHost}
          </Text>
        </header>
        <TabList
          className={styles.tabs}
          aria-label={t.sections}
          selectedValue={section}
          onTabSelect={(_e, d) => setSection(d.value as Section)}
          size="small"
        >
          <Tab value="templates">{t.tabTemplates}</Tab>
          <Tab value="check">
            {t.tabCheck}
            {state.sheets.some((s) => s.issues.length > 0)
              ? ` (${state.sheets.reduce((n, s) => n + s.issues.length, 0)})`
              : ''}
          </Tab>
          <Tab value="scores">{t.tabScores}</Tab>
          <Tab value="library">{t.tabLibrary}</Tab>
          <Tab value="batch">{t.tabBatch}</Tab>
          <Tab value="settings">{t.tabSettings}</Tab>
        </TabList>
        {notice && (
          <MessageBar
            intent={notice.intent}
            layout="multiline"
            role={notice.intent === 'success' ? 'status' : 'alert'}
          >
            <MessageBarBody>{notice.text(t)}</MessageBarBody>
            <MessageBarActions
              containerAction={
                <Button
                  appearance="transparent"
                  size="small"
                  aria-label={t.dismiss}
                  onClick={() => setNotice(null)}
                >
                  ×
                </Button>
              }
            />
          </MessageBar>
        )}
        {liveError && (
          <MessageBar intent="error" layout="multiline" role="alert">
            <MessageBarBody>{liveError}</MessageBarBody>
          </MessageBar>
        )}
        <div role="tabpanel" aria-label={sectionTitle(section, t)} data-section={section}>
          {section === 'templates' && (
            <TemplatesSection
              t={t}
              lang={lang}
              busy={busy}
              onInsert={(id) => void insert(id)}
              goalSource={goalSource}
              onDerive={(target) => void derive(target)}
            />
          )}
          {section === 'check' && (
            <CheckSection
              t={t}
              lang={lang}
              state={state}
              onSelect={selectIssue}
              onConvert={(issue) => void convertIssue(issue)}
              busy={busy}
              onRecheck={() => void live.checkEverything(settingsResolver(choice))}
            />
          )}
          {section === 'scores' && <ScoresSection t={t} lang={lang} state={state} />}
          {section === 'library' && (
            <LibrarySection
              t={t}
              busy={busy}
              onInsert={(ind) => void insertIndicator(ind)}
              {...(activeLibrary === null ? {} : { library: activeLibrary })}
            />
          )}
          {section === 'batch' && (
            <Suspense fallback={<Text>{t.loading}</Text>}>
              <BatchSection port={port} lang={lang} onSheetsAdded={() => live.sheetsChanged()} />
            </Suspense>
          )}
          {section === 'settings' && (
            <SettingsSection
              t={t}
              lang={lang}
              choice={choice}
              onChoice={setChoice}
              onLang={setLang}
              library={library}
              onLibraryFile={(file) => void loadLibraryFile(file)}
              onLibraryReset={() => chooseLibrary(null)}
              onJurisdictionFile={(file) => void loadJurisdictionFile(file)}
              onJurisdictionReset={() => void resetJurisdiction()}
              workbookPackage={
                standing === null || standing.kind === 'unrecorded'
                  ? null
                  : { text: standingText(t, standing) ?? '', used: standing.kind === 'same' }
              }
            />
          )}
        </div>
      </main>
    </FluentProvider>
  );
}

function sectionTitle(section: Section, t: ReturnType<typeof uiStrings>): string {
  switch (section) {
    case 'templates':
      return t.tabTemplates;
    case 'check':
      return t.tabCheck;
    case 'scores':
      return t.tabScores;
    case 'library':
      return t.tabLibrary;
    case 'batch':
      return t.tabBatch;
    case 'settings':
      return t.tabSettings;
  }
}
