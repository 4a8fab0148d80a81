import { Badge, Button, Text } from '@fluentui/react-components';
import { textNumberFix } from '../../app/convert-text-number';
import { severityCounts, todoCount, type LiveState } from '../../app/live-checks';
import type { Issue, Severity } from '../../domain/checks/issue';
import { renderIssue, type Lang } from '../../domain/messages/catalog';
import type { UiStrings } from '../strings';

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
const BADGE_COLOR = { error: 'danger', warning: 'warning', info: 'informative' } as const;

function severityName(t: UiStrings, severity: Severity): string {
  return severity === 'error' ? t.errors : severity === 'warning' ? t.warnings : t.infos;
}

export function CheckSection({
  t,
  lang,
  state,
  onSelect,
  onRecheck,
  onConvert,
  busy = false,
}: {
  t: UiStrings;
  lang: Lang;
  state: LiveState;
  onSelect: (issue: Issue) => void;
  onRecheck: () => void;
  /** 改为数字 on a number stored as text: writes that one cell, only when clicked. */
  onConvert?: (issue: Issue) => void;
  busy?: boolean;
}) {
  const counts = severityCounts(state.sheets);
  const todo = todoCount(state.sheets);
  // The form the person is working on first, then the others in workbook order.
  const sheets = [
    ...state.sheets.filter((s) => s.sheet === state.lastEdited),
    ...state.sheets.filter((s) => s.sheet !== state.lastEdited),
  ];
  const issues = sheets.flatMap((s) => s.issues);
  const manySheets = sheets.length > 1;
  return (
    <div className="bpa-stack">
      <div className="bpa-row" role="status" aria-live="polite" data-testid="issue-counts">
        {SEVERITIES.map((severity) => (
          <Badge
            key={severity}
            color={BADGE_COLOR[severity]}
            data-severity={severity}
            data-count={counts[severity]}
          >
            {severityName(t, severity)} {counts[severity]}
          </Badge>
        ))}
        {todo > 0 && (
          <Badge color="informative" appearance="outline" data-todo-count={todo}>
            {t.todo} {todo}
          </Badge>
        )}
        <Button size="small" onClick={onRecheck}>
          {t.checkNow}
        </Button>
      </div>
      {todo > 0 && (
        <details className="bpa-todo" data-testid="todo">
          <summary>{t.todoList(todo)}</summary>
          <Text as="p" size={200}>
            {t.todoHint}
          </Text>
          <ul className="bpa-list">
            {sheets.flatMap((sheet) =>
              sheet.todo.map((issue, i) => {
                const text = renderIssue(issue, lang);
                return (
                  <li key={`${issue.sheet}|${issue.cell ?? ''}|${issue.code}|${i}`}>
                    {issue.cell === null ? (
                      <div className="bpa-issue bpa-issue-todo" data-code={issue.code}>
                        <span className="bpa-issue-cell">{t.wholeForm}</span>
                        <span className="bpa-issue-text">{text}</span>
                      </div>
                    ) : (
                      <button
                        type="button"
                        className="bpa-issue bpa-issue-todo"
                        data-cell={issue.cell}
                        data-sheet={issue.sheet}
                        data-code={issue.code}
                        aria-label={`${t.todo} ${issue.sheet}!${issue.cell}: ${text} — ${t.goToCell}`}
                        onClick={() => onSelect(issue)}
                      >
                        <span className="bpa-issue-cell">{issue.cell}</span>
                        <span className="bpa-issue-text">
                          {manySheets && <span className="bpa-issue-sheet">{issue.sheet}</span>}
                          {text}
                        </span>
                      </button>
                    )}
                  </li>
                );
              }),
            )}
          </ul>
        </details>
      )}
      {state.status === 'starting' && <Text>{t.checking}</Text>}
      {state.status === 'error' && <Text>{t.checksStopped}</Text>}
      {state.status === 'ready' && state.sheets.length === 0 && <Text>{t.noForm}</Text>}
      {state.status === 'ready' && state.sheets.length > 0 && issues.length === 0 && todo === 0 && (
        <Text>{t.noIssues}</Text>
      )}
      {SEVERITIES.map((severity) => {
        const group = issues.filter((i) => i.severity === severity);
        if (group.length === 0) return null;
        const heading = `${severityName(t, severity)}（${t.issueCount(group.length)}）`;
        return (
          <section key={severity} aria-label={heading} data-severity-group={severity}>
            <Text as="h3" weight="semibold">
              {heading}
            </Text>
            <ul className="bpa-list">
              {group.map((issue, i) => {
                const text = renderIssue(issue, lang);
                const where = `${issue.sheet}!${issue.cell ?? t.wholeForm}`;
                const content = (
                  <>
                    <span className="bpa-issue-cell">{issue.cell ?? t.wholeForm}</span>
                    <span className="bpa-issue-text">
                      {manySheets && <span className="bpa-issue-sheet">{issue.sheet}</span>}
                      {text}
                    </span>
                  </>
                );
                return (
                  <li key={`${issue.sheet}|${issue.cell ?? ''}|${issue.code}|${i}`}>
                    {issue.cell === null ? (
                      // A whole-form issue has no cell to go to: plain text, still read in order.
                      <div
                        className={`bpa-issue bpa-issue-${severity}`}
                        data-sheet={issue.sheet}
                        data-code={issue.code}
                      >
                        {content}
                      </div>
                    ) : (
                      <button
                        type="button"
                        className={`bpa-issue bpa-issue-${severity}`}
                        data-cell={issue.cell}
                        data-sheet={issue.sheet}
                        data-code={issue.code}
                        aria-label={`${severityName(t, severity)} ${where}: ${text} — ${t.goToCell}`}
                        onClick={() => onSelect(issue)}
                      >
                        {content}
                      </button>
                    )}
                    {onConvert && issue.cell !== null && textNumberFix(issue) !== null && (
                      <Button
                        size="small"
                        className="bpa-issue-fix"
                        data-fix="convert-to-number"
                        disabled={busy}
                        aria-label={t.convertToNumberLabel(issue.cell, String(issue.params.number))}
                        onClick={() => onConvert(issue)}
                      >
                        {t.convertToNumber}
                      </Button>
                    )}
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
      {state.unrecognized.length > 0 && (
        <Text size={200}>
          {t.unrecognized}
          {state.unrecognized.join('、')}
        </Text>
      )}
    </div>
  );
}
