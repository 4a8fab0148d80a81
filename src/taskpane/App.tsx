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
import { deriveFromSheet } from '../app/derive-form';
import { insertTemplate } from '../app/insert-template';
import { derivableFrom, type DerivedTemplate } from '../domain/cycle/derive';
import type { Issue } from '../domain/checks/issue';
import type { Indicator } from '../domain/framework/framework-schema';
import type { TemplateId } from '../domain/forms/form-model';
import type { Lang } from '../domain/messages/catalog';
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
  /** The spreadsheet program's name; the demo workbook's label (in the pane's language) when absent. */
  hostLabel?: string;
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
  const [choice, setChoice] = useState<SettingsChoice>(() => ({
    profile: AUTO,
    framework: AUTO,
    jurisdiction: rememberedJurisdiction(),
  }));
  const [notice, setNotice] = useState<Notice | null>(null);
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
  const loadJurisdictionFile = useCallback(async (file: File) => {
    const text = await file.text();
    const parsed = parseJurisdictionFile(text);
    if (!parsed.ok) {
      const shown = parsed.errors.slice(0, 5).join('；') + (parsed.errors.length > 5 ? '……' : '');
      setNotice({ intent: 'error', text: (texts) => texts.jurisdictionRejected(shown) });
      return;
    }
    rememberJurisdiction(text);
    setChoice((current) => ({ ...current, jurisdiction: parsed.jurisdiction }));
    const name = parsed.jurisdiction.name;
    setNotice({ intent: 'success', text: (texts) => texts.jurisdictionLoaded(name) });
  }, []);
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

  const fail = useCallback((error: unknown) => {
    const code = error instanceof HostError ? error.code : 'unknown';
    setNotice({ intent: 'error', text: (texts) => texts.hostError + texts.hostErrors[code] });
  }, []);

  const insert = useCallback(
    async (template: TemplateId) => {
      setBusy(true);
      try {
        const { sheet } = await insertTemplate(port, { template, settings: settingsResolver(choice)(null) });
        await live.sheetsChanged();
        await port.select(sheet, 'A1');
        setNotice({ intent: 'success', text: (texts) => texts.inserted + sheet });
      } catch (error) {
        fail(error);
      } finally {
        setBusy(false);
      }
    },
    [port, live, choice, t, fail],
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
    [port, live, choice, goalSource, fail],
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

  const liveError = state.error === null ? null : hostErrorText(state.error, lang);
  return (
    <FluentProvider theme={theme === 'dark' ? webDarkTheme : webLightTheme}>
      <main className="bpa-pane bpa-stack" aria-label={t.appTitle}>
        <header className="bpa-header">
          <Text as="h1" size={500} weight="semibold">
            {t.appTitle}
          </Text>
          <Text as="p" size={200} className="bpa-muted">
            {hostLabel ?? t.demoHost}
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
              onRecheck={() => void live.setSettings(settingsResolver(choice))}
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
              onJurisdictionReset={() => {
                rememberJurisdiction(null);
                setChoice((current) => ({ ...current, jurisdiction: null }));
              }}
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
