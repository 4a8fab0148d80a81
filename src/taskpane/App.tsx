import { useCallback, useMemo, useState } from 'react';
import {
  Badge,
  Button,
  Card,
  CardHeader,
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Option,
  Tab,
  TabList,
  Text,
} from '@fluentui/react-components';
import type { WorkbookPort } from '../app/workbook-port';
import { HostError } from '../app/workbook-port';
import { insertTemplate } from '../app/insert-template';
import { checkWorkbook, type WorkbookReport } from '../app/check-workbook';
import { builtInSettings, DEFAULT_FRAMEWORK_ID, DEFAULT_PROFILE_ID } from '../app/engine-settings';
import type { TemplateId } from '../domain/forms/form-model';
import { listTemplates } from '../domain/templates/registry';
import { renderIssue, type Lang } from '../domain/messages/catalog';
import { BUILT_IN_LIBRARY, searchLibrary } from '../domain/framework/library';
import { BUILT_IN_PROFILES } from '../domain/profiles/profiles';
import { BUILT_IN_FRAMEWORKS } from '../domain/framework/frameworks';
import type { Severity } from '../domain/checks/issue';
import { uiStrings } from './strings';

type Section = 'templates' | 'check' | 'scores' | 'library' | 'settings';
const SECTIONS: readonly Section[] = ['templates', 'check', 'scores', 'library', 'settings'];
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export interface AppProps {
  port: WorkbookPort;
  hostLabel: string;
  initialSection?: Section;
}

export function sectionFromHash(hash: string): Section {
  const wanted = hash.replace(/^#/, '');
  return (SECTIONS as readonly string[]).includes(wanted) ? (wanted as Section) : 'templates';
}

export function App({ port, hostLabel, initialSection = 'templates' }: AppProps) {
  const [section, setSection] = useState<Section>(initialSection);
  const [lang, setLang] = useState<Lang>('zh-CN');
  const [profileId, setProfileId] = useState(DEFAULT_PROFILE_ID);
  const [frameworkId, setFrameworkId] = useState(DEFAULT_FRAMEWORK_ID);
  const [report, setReport] = useState<WorkbookReport | null>(null);
  const [notice, setNotice] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);
  const [query, setQuery] = useState('');
  const t = uiStrings(lang);
  const settings = useMemo(() => builtInSettings(profileId, frameworkId), [profileId, frameworkId]);

  const runCheck = useCallback(async () => {
    if (!settings) return;
    setReport(await checkWorkbook(port, { settingsFor: () => settings }));
  }, [port, settings]);

  const insert = useCallback(
    async (template: TemplateId) => {
      if (!settings) return;
      try {
        const { sheet } = await insertTemplate(port, { template, settings });
        setNotice({ intent: 'success', text: t.inserted + sheet });
        await runCheck();
      } catch (error) {
        setNotice({
          intent: 'error',
          text: t.hostError + (error instanceof HostError ? error.code : String(error)),
        });
      }
    },
    [port, settings, runCheck, t],
  );

  const results = useMemo(() => searchLibrary(BUILT_IN_LIBRARY, query, { limit: 30 }), [query]);
  const firstForm = report?.sheets[0] ?? null;

  return (
    <main style={{ padding: 12, display: 'flex', flexDirection: 'column', gap: 12 }}>
      <Text as="h1" size={500} weight="semibold">
        {t.appTitle}
      </Text>
      <Text size={200}>{hostLabel}</Text>
      <TabList selectedValue={section} onTabSelect={(_e, d) => setSection(d.value as Section)}>
        <Tab value="templates">{t.tabTemplates}</Tab>
        <Tab value="check">{t.tabCheck}</Tab>
        <Tab value="scores">{t.tabScores}</Tab>
        <Tab value="library">{t.tabLibrary}</Tab>
        <Tab value="settings">{t.tabSettings}</Tab>
      </TabList>
      {notice && (
        <MessageBar intent={notice.intent}>
          <MessageBarBody>{notice.text}</MessageBarBody>
        </MessageBar>
      )}

      {section === 'templates' &&
        listTemplates().map((tpl) => (
          <Card key={tpl.id}>
            <CardHeader
              header={<Text weight="semibold">{tpl.title}</Text>}
              description={<Text size={200}>{tpl.description}</Text>}
            />
            <Button appearance="primary" onClick={() => void insert(tpl.id)}>
              {t.insert}
            </Button>
          </Card>
        ))}

      {section === 'check' && (
        <>
          <Button onClick={() => void runCheck()}>{t.checkNow}</Button>
          {report && report.sheets.length === 0 && <Text>{t.noForm}</Text>}
          {report?.sheets.map((sheet) => (
            <Card key={sheet.sheet}>
              <CardHeader header={<Text weight="semibold">{sheet.sheet}</Text>} />
              {sheet.issues.length === 0 && <Text>{t.noIssues}</Text>}
              {SEVERITIES.map((severity) => {
                const issues = sheet.issues.filter((i) => i.severity === severity);
                if (issues.length === 0) return null;
                const label = severity === 'error' ? t.errors : severity === 'warning' ? t.warnings : t.infos;
                return (
                  <section key={severity} aria-label={label}>
                    <Badge
                      color={
                        severity === 'error' ? 'danger' : severity === 'warning' ? 'warning' : 'informative'
                      }
                    >
                      {label} {issues.length}
                    </Badge>
                    <ul>
                      {issues.map((issue, i) => (
                        <li key={i}>
                          <Button
                            appearance="transparent"
                            onClick={() => issue.cell && void port.select(issue.sheet, issue.cell)}
                          >
                            {issue.cell ?? '—'}
                          </Button>
                          {renderIssue(issue, lang)}
                        </li>
                      ))}
                    </ul>
                  </section>
                );
              })}
            </Card>
          ))}
        </>
      )}

      {section === 'scores' && (
        <>
          {!firstForm && <Text>{t.noForm}</Text>}
          {firstForm && (
            <Card>
              <CardHeader header={<Text weight="semibold">{firstForm.sheet}</Text>} />
              {firstForm.scores.byLevel1.map((level) => (
                <div key={level.level1}>
                  <Text>
                    {level.level1} {level.score} / {level.weight}
                  </Text>
                  <div style={{ background: '#e0e0e0', height: 8 }}>
                    <div
                      style={{
                        background: '#0f6cbd',
                        height: 8,
                        width: `${level.weight > 0 ? Math.min(100, (100 * level.score) / level.weight) : 0}%`,
                      }}
                    />
                  </div>
                </div>
              ))}
              <Text>
                {t.total}: {firstForm.scores.total ?? '—'} · {t.grade}: {firstForm.scores.grade ?? '—'}
              </Text>
              {firstForm.scores.recommendation && (
                <Text>
                  {t.recommendation}: {firstForm.scores.recommendation}
                </Text>
              )}
            </Card>
          )}
        </>
      )}

      {section === 'library' && (
        <>
          <Input value={query} placeholder={t.searchPlaceholder} onChange={(_e, d) => setQuery(d.value)} />
          <ul>
            {results.map((ind) => (
              <li key={ind.id}>
                <Text weight="semibold">{ind.name}</Text>{' '}
                <Text size={200}>
                  {ind.level1} / {ind.level2} · {ind.operator} {ind.reference} {ind.unit} — {ind.explanation}
                </Text>
              </li>
            ))}
          </ul>
        </>
      )}

      {section === 'settings' && (
        <>
          <Field label={t.profile}>
            <Dropdown
              value={BUILT_IN_PROFILES.find((p) => p.id === profileId)?.name ?? profileId}
              onOptionSelect={(_e, d) => d.optionValue && setProfileId(d.optionValue)}
            >
              {BUILT_IN_PROFILES.map((p) => (
                <Option key={p.id} value={p.id}>
                  {p.name}
                </Option>
              ))}
            </Dropdown>
          </Field>
          <Field label={t.framework}>
            <Dropdown
              value={BUILT_IN_FRAMEWORKS.find((f) => f.id === frameworkId)?.name ?? frameworkId}
              onOptionSelect={(_e, d) => d.optionValue && setFrameworkId(d.optionValue)}
            >
              {BUILT_IN_FRAMEWORKS.map((f) => (
                <Option key={f.id} value={f.id}>
                  {f.name}
                </Option>
              ))}
            </Dropdown>
          </Field>
          <Field label={t.language}>
            <Dropdown
              value={lang === 'en' ? 'English' : '简体中文'}
              onOptionSelect={(_e, d) => setLang(d.optionValue === 'en' ? 'en' : 'zh-CN')}
            >
              <Option value="zh-CN">简体中文</Option>
              <Option value="en">English</Option>
            </Dropdown>
          </Field>
        </>
      )}
    </main>
  );
}
