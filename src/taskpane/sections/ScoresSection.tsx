import { useState } from 'react';
import { Dropdown, Field, Option, Text } from '@fluentui/react-components';
import type { LiveState } from '../../app/live-checks';
import { formatNumber } from '../../domain/messages/catalog';
import type { UiStrings } from '../strings';

const BAR_HEIGHT = 18;
const LABEL_WIDTH = 96;
const CHART_WIDTH = 300;

function num(value: number | null, t: UiStrings): string {
  return value === null ? t.noScore : formatNumber(value);
}

/** One bar per first-level indicator: the grey track is the weight, the filled part the score. */
function LevelChart({ bars, t }: { bars: { name: string; score: number; weight: number }[]; t: UiStrings }) {
  const max = Math.max(1, ...bars.map((b) => b.weight));
  const width = CHART_WIDTH - LABEL_WIDTH - 60;
  const height = bars.length * (BAR_HEIGHT + 8);
  return (
    <svg
      role="img"
      aria-label={t.scoreChart}
      width="100%"
      viewBox={`0 0 ${CHART_WIDTH} ${height}`}
      style={{ maxWidth: CHART_WIDTH }}
    >
      {bars.map((bar, i) => {
        const y = i * (BAR_HEIGHT + 8);
        const track = (width * bar.weight) / max;
        const filled = bar.weight > 0 ? (track * Math.min(bar.score, bar.weight)) / bar.weight : 0;
        return (
          <g key={bar.name} data-level1={bar.name} data-score={bar.score}>
            <title>{t.scoreOf(bar.name, formatNumber(bar.score), formatNumber(bar.weight))}</title>
            <text x={0} y={y + BAR_HEIGHT - 5} fontSize={12} fill="currentColor">
              {bar.name}
            </text>
            <rect
              x={LABEL_WIDTH}
              y={y}
              width={track}
              height={BAR_HEIGHT}
              fill="currentColor"
              opacity={0.15}
            />
            <rect x={LABEL_WIDTH} y={y} width={filled} height={BAR_HEIGHT} fill="#0f6cbd" />
            <text x={LABEL_WIDTH + track + 4} y={y + BAR_HEIGHT - 5} fontSize={12} fill="currentColor">
              {formatNumber(bar.score)}/{formatNumber(bar.weight)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export function ScoresSection({ t, state }: { t: UiStrings; state: LiveState }) {
  const [chosen, setChosen] = useState<string | null>(null);
  // The form chosen here, else the one the person worked on last, else the first.
  const sheet =
    state.sheets.find((s) => s.sheet === chosen) ??
    state.sheets.find((s) => s.sheet === state.lastEdited) ??
    state.sheets[0] ??
    null;
  if (!sheet) return <Text>{t.noForm}</Text>;
  const { scores } = sheet;
  const bars = [
    ...(scores.execution
      ? [{ name: t.execution, score: scores.execution.score ?? 0, weight: scores.execution.weight }]
      : []),
    ...scores.byLevel1.map((l) => ({ name: l.level1, score: l.score, weight: l.weight })),
  ];
  return (
    <div className="bpa-stack" data-testid="scores">
      {state.sheets.length > 1 && (
        <Field label={t.sheetToScore}>
          <Dropdown
            value={sheet.sheet}
            selectedOptions={[sheet.sheet]}
            onOptionSelect={(_e, d) => setChosen(d.optionValue ?? null)}
          >
            {state.sheets.map((s) => (
              <Option key={s.sheet} value={s.sheet}>
                {s.sheet}
              </Option>
            ))}
          </Dropdown>
        </Field>
      )}
      <Text as="h3" weight="semibold">
        {sheet.sheet}
      </Text>
      {bars.length > 0 && <LevelChart bars={bars} t={t} />}
      <dl className="bpa-figures">
        <dt>{t.total}</dt>
        <dd data-testid="total">
          {num(scores.total, t)}
          {scores.partial !== null && scores.total !== null && (
            <span data-testid="partial">（{t.partialTotal(scores.partial.scored, scores.partial.of)}）</span>
          )}
        </dd>
        <dt>{t.grade}</dt>
        <dd data-testid="grade">{scores.grade ?? (scores.partial !== null ? t.notGraded : t.noScore)}</dd>
        {scores.conclusion !== null && (
          <>
            <dt>{t.conclusion}</dt>
            <dd>{scores.conclusion}</dd>
          </>
        )}
        {scores.recommendation !== null && (
          <>
            <dt>{t.recommendation}</dt>
            <dd data-testid="recommendation">{scores.recommendation}</dd>
          </>
        )}
      </dl>
    </div>
  );
}
