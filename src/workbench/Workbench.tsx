import { useCallback, useEffect, useMemo, useState } from 'react';
import { LiveChecks, type LiveState } from '../app/live-checks';
import { fillRowsPeopleInsert } from '../app/fill-row-formulas';
import { HostError, type HostErrorCode } from '../app/workbook-port';
import type { Lang } from '../domain/messages/catalog';
import { App } from '../taskpane/App';
import { hostErrorText } from '../taskpane/strings';
import { AUTO, settingsResolver } from '../taskpane/use-live-checks';
import { Grid } from './Grid';
import type { WorkbenchHost } from './workbench-host';

const settingsFor = settingsResolver({ profile: AUTO, framework: AUTO });

export function Workbench({
  host,
  lang,
  theme,
}: {
  host: WorkbenchHost;
  lang: Lang;
  theme: 'light' | 'dark';
}) {
  const live = useMemo(() => new LiveChecks(host.port, { settingsFor }), [host]);
  const [state, setState] = useState<LiveState>(live.state);
  const [error, setError] = useState<HostErrorCode | null>(null);
  useEffect(() => live.subscribe(setState), [live]);
  // As the add-in's entries do in Excel and WPS: rows a person inserts inside a table get its formulas.
  useEffect(
    () =>
      fillRowsPeopleInsert(host.port, live, settingsFor, (error: unknown) =>
        setError(error instanceof HostError ? error.code : 'unknown'),
      ),
    [host, live],
  );
  const onError = useCallback((code: HostErrorCode) => setError(code), []);
  useEffect(() => {
    if (error === null) return;
    const timer = setTimeout(() => setError(null), 6000);
    return () => clearTimeout(timer);
  }, [error]);

  return (
    <div
      className="wb-layout"
      data-revision={state.revision}
      data-status={state.status}
      data-latency-ms={state.stats.lastLatencyMs}
      data-round-trips={state.stats.lastRoundTrips}
    >
      <section className="wb-book" aria-label="工作簿 / Workbook">
        {error !== null && (
          <p role="alert" className="wb-error">
            {hostErrorText(error, lang)}
          </p>
        )}
        <Grid host={host} reports={state.sheets} revision={state.revision} lang={lang} onError={onError} />
      </section>
      <aside className="wb-pane" aria-label="任务窗格 / Task pane">
        <App port={host.port} hostLabel={host.label} live={live} initialLang={lang} theme={theme} />
      </aside>
    </div>
  );
}
