import { useMemo, useState } from 'react';
import { Button, Field, Input, Text } from '@fluentui/react-components';
import type { Indicator } from '../../domain/framework/framework-schema';
import { BUILT_IN_LIBRARY, searchLibrary, type IndicatorLibrary } from '../../domain/framework/library';
import type { UiStrings } from '../strings';

export function LibrarySection({
  t,
  busy,
  onInsert,
  library = BUILT_IN_LIBRARY,
}: {
  t: UiStrings;
  busy: boolean;
  onInsert: (indicator: Indicator) => void;
  library?: IndicatorLibrary;
}) {
  const [query, setQuery] = useState('');
  const results = useMemo(() => searchLibrary(library, query, { limit: 30 }), [library, query]);
  return (
    <div className="bpa-stack">
      <Field label={t.searchLabel} hint={t.libraryHint}>
        <Input
          type="search"
          value={query}
          placeholder={t.searchPlaceholder}
          onChange={(_e, d) => setQuery(d.value)}
          data-testid="library-search"
        />
      </Field>
      {results.length === 0 && <Text>{t.noResults}</Text>}
      <ul className="bpa-list" aria-label={t.tabLibrary} data-testid="library-results">
        {results.map((ind) => (
          <li key={ind.id} className="bpa-indicator" data-indicator={ind.id}>
            {/* The library's words are what goes into the (Chinese) form: marked as Chinese in an English pane. */}
            <div className="bpa-indicator-text" lang="zh-CN">
              <Text weight="semibold">{ind.name}</Text>
              <Text size={200}>
                {ind.level1} / {ind.level2} · {ind.operator} {ind.reference} {ind.unit}
              </Text>
              <Text size={200}>{ind.explanation}</Text>
            </div>
            <Button
              size="small"
              disabled={busy}
              aria-label={`${t.insertIntoRow}：${ind.name}`}
              onClick={() => onInsert(ind)}
            >
              {t.insertIntoRow}
            </Button>
          </li>
        ))}
      </ul>
    </div>
  );
}
