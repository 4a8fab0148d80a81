import { useState } from 'react';
import { Dropdown, Field, Option, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { LiveState } from '../../app/live-checks';
import { formatNumber, gradeName, profileText, type Lang } from '../../domain/messages/catalog';
import type { UiStrings } from '../strings';

const BAR_HEIGHT = 18;
const LABEL_WIDTH = 96;
const CHART_WIDTH = 300;

/**
 * Colours carry meaning and come from the theme's tokens (so dark mode follows): a bar is green only when
 * nearly all its marks were earned, and budget execution above 100 % is a warning, never a success.
 */
type Tone = 'good' | 'fair' | 'poor' | 'alert';
const TONE_FILL: Record<Tone, string> = {
  good: tokens.colorPaletteGreenBackground3,
  fair: tokens.colorPaletteMarigoldBackground3,
  poor: tokens.colorPaletteRedBackground3,
  alert: tokens.colorPaletteDarkOrangeBackground3,
};
const GOOD_SHARE = 0.9;
const FAIR_SHARE = 0.6;

export function barTone(score: number, weight: number, overBudget: boolean): Tone {
  if (overBudget) return 'alert';
  const share = weight > 0 ? score / weight : 0;
  return share >= GOOD_SHARE ? 'good' : share >= FAIR_SHARE ? 'fair' : 'poor';
}

const GRADE_TONE: Record<string, Tone> = { 优: 'good', 良: 'good', 中: 'fair', 差: 'poor' };

const useStyles = makeStyles({
  good: { color: tokens.colorPaletteGreenForeground1 },
  fair: { color: tokens.colorPaletteMarigoldForeground1 },
  poor: { color: tokens.colorPaletteRedForeground1 },
  alert: { color: tokens.colorPaletteDarkOrangeForeground1 },
  grade: { fontWeight: tokens.fontWeightSemibold },
});

/** One bar per first-level indicator: the grey track is the weight, the filled part the score. */
interface Bar {
  name: string;
  score: number;
  weight: number;
  tone: Tone;
}

function LevelChart({ bars, t }: { bars: Bar[]; t: UiStrings }) {
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
          <g key={bar.name} data-level1={bar.name} data-score={bar.score} data-tone={bar.tone}>
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
            <rect
              x={LABEL_WIDTH}
              y={y}
              width={filled}
              height={BAR_HEIGHT}
              style={{ fill: TONE_FILL[bar.tone] }}
            />
            <text x={LABEL_WIDTH + track + 4} y={y + BAR_HEIGHT - 5} fontSize={12} fill="currentColor">
              {formatNumber(bar.score)}/{formatNumber(bar.weight)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export function ScoresSection({ t, lang, state }: { t: UiStrings; lang: Lang; state: LiveState }) {
  const styles = useStyles();
  const [chosen, setChosen] = useState<string | null>(null);
  // The form chosen here, else the one the person worked on last, else the first.
  const sheet =
    state.sheets.find((s) => s.sheet === chosen) ??
    state.sheets.find((s) => s.sheet === state.lastEdited) ??
    state.sheets[0] ??
    null;
  if (!sheet) return <Text>{t.noForm}</Text>;
  const { scores } = sheet;
  const execution = scores.execution;
  const bars: Bar[] = [
    ...(execution
      ? [
          {
            name: t.execution,
            score: execution.score ?? 0,
            weight: execution.weight,
            tone: barTone(execution.score ?? 0, execution.weight, (execution.rate ?? 0) > 1),
          },
        ]
      : []),
    ...scores.byLevel1.map((l) => ({
      name: l.level1,
      score: l.score,
      weight: l.weight,
      tone: barTone(l.score, l.weight, false),
    })),
  ];
  const gradeTone =
    scores.grade !== null && Object.hasOwn(GRADE_TONE, scores.grade) ? GRADE_TONE[scores.grade] : undefined;
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
        <dd data-testid="total" data-status={scores.status.kind}>
          {scores.status.kind === 'provisional' && <span data-testid="provisional">{t.provisional} </span>}
          {scores.total === null ? t.noScore : t.points(formatNumber(scores.total))}
          {scores.partial !== null && scores.total !== null && (
            <span data-testid="partial">（{t.partialTotal(scores.partial.scored, scores.partial.of)}）</span>
          )}
        </dd>
        <dt>{t.grade}</dt>
        <dd
          data-testid="grade"
          className={mergeClasses(styles.grade, gradeTone === undefined ? undefined : styles[gradeTone])}
        >
          {scores.grade !== null
            ? gradeName(scores.grade, lang)
            : scores.status.kind === 'provisional'
              ? t.ungraded(scores.status.errors, scores.status.unscored, scores.status.todo)
              : t.noScore}
        </dd>
        {scores.conclusion !== null && (
          <>
            <dt>{t.conclusion}</dt>
            <dd>{profileText(scores.conclusion, lang)}</dd>
          </>
        )}
        {scores.recommendation !== null && (
          <>
            <dt>{t.recommendation}</dt>
            <dd data-testid="recommendation">{profileText(scores.recommendation, lang)}</dd>
          </>
        )}
      </dl>
    </div>
  );
}
