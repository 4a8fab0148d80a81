import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { SheetReport } from '../app/check-workbook';
import { HostError, type HostErrorCode, type SheetInfo } from '../app/workbook-port';
import { renderIssue, type Lang } from '../domain/messages/catalog';
import { columnLetter, parseRange, toA1, type CellRange } from '../domain/grid/address';
import type { Block, CellScalar } from '../domain/grid/cell';
import { computedCells, issueMarks } from './cell-view';
import { parseTsv, typedValue } from './typed-input';
import type { WorkbenchHost } from './workbench-host';

const EXTRA_ROWS = 6;
const EXTRA_COLS = 2;
const MIN_ROWS = 30;
const MIN_COLS = 10;
const MAX_ROWS_SHOWN = 400;

function shown(value: CellScalar): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return String(value);
}

interface Props {
  host: WorkbenchHost;
  reports: readonly SheetReport[];
  revision: number;
  lang: Lang;
  onError: (code: HostErrorCode) => void;
}

export function Grid({ host, reports, revision, lang, onError }: Props) {
  const [sheets, setSheets] = useState<SheetInfo[]>([]);
  const [active, setActive] = useState<string | null>(null);
  const [block, setBlock] = useState<Block | null>(null);
  const [selected, setSelected] = useState<{ row: number; col: number }>({ row: 0, col: 0 });
  const [editing, setEditing] = useState<{ text: string } | null>(null);
  const [changes, setChanges] = useState(0);
  const gridRef = useRef<HTMLDivElement>(null);

  const fail = useCallback(
    (error: unknown) => onError(error instanceof HostError ? error.code : 'unknown'),
    [onError],
  );

  // Every change (the person's or ours) and every new live state re-reads what is on screen.
  useEffect(() => host.port.onCellsChanged(() => setChanges((n) => n + 1)), [host]);
  useEffect(() => {
    let cancelled = false;
    (async () => {
      const list = (await host.port.listSheets()).filter((s) => s.visibility === 'visible');
      const sheet = active !== null && list.some((s) => s.name === active) ? active : (list[0]?.name ?? null);
      const data = sheet === null ? null : await host.port.readBlock(sheet);
      if (cancelled) return;
      setSheets(list);
      if (sheet !== active) setActive(sheet);
      setBlock(data);
    })().catch(fail);
    return () => {
      cancelled = true;
    };
  }, [host, active, revision, changes, fail]);

  useEffect(
    () =>
      host.onSelectionChanged(({ sheet, cell }) => {
        const range = parseRange(cell);
        setActive(sheet);
        setSelected({ row: range.top, col: range.left });
        setEditing(null);
        gridRef.current?.focus();
      }),
    [host],
  );

  const report = reports.find((r) => r.sheet === active) ?? null;
  const computed = useMemo(() => computedCells(report), [report]);
  const marks = useMemo(
    () => issueMarks(report, active === null ? [] : host.highlightsOf(active)),
    // Highlight rules move with inserted rows; the revision says when to look again.
    // The block changes on every edit, so it stands for "the sheet changed".
    [report, active, host, block],
  );
  const merges = useMemo(
    () => (active === null ? [] : host.mergesOf(active).map((m) => parseRange(m))),
    [active, host, block],
  );
  const widths = useMemo(
    () => (active === null ? new Map<number, number>() : host.columnWidthsOf(active)),
    [active, host, block],
  );

  const rowCount = Math.min(
    MAX_ROWS_SHOWN,
    Math.max(MIN_ROWS, (block ? block.top + block.values.length : 0) + EXTRA_ROWS),
  );
  const colCount = Math.max(
    MIN_COLS,
    (block ? block.left + block.values.reduce((w, r) => Math.max(w, r.length), 0) : 0) + EXTRA_COLS,
  );

  const valueAt = (row: number, col: number): { value: CellScalar; formula: string | null } => {
    if (!block) return { value: null, formula: null };
    const r = row - block.top;
    const c = col - block.left;
    return { value: block.values[r]?.[c] ?? null, formula: block.formulas[r]?.[c] ?? null };
  };

  const select = useCallback(
    (row: number, col: number) => {
      if (active === null) return;
      const next = { row: Math.max(0, row), col: Math.max(0, col) };
      setSelected(next);
      host.port.select(active, toA1(next)).catch(fail);
    },
    [active, host, fail],
  );

  const write = useCallback(
    async (row: number, col: number, values: CellScalar[][]) => {
      if (active === null) return;
      try {
        await host.typeValues(active, toA1({ row, col }), values);
      } catch (error) {
        fail(error);
      }
    },
    [active, host, fail],
  );

  const commit = (move: 'down' | 'right' | 'none') => {
    if (!editing) return;
    const { row, col } = selected;
    void write(row, col, [[typedValue(editing.text)]]);
    setEditing(null);
    if (move === 'down') select(row + 1, col);
    if (move === 'right') select(row, col + 1);
    gridRef.current?.focus();
  };

  const onGridKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (editing) return;
    const { row, col } = selected;
    const moves: Record<string, [number, number]> = {
      ArrowUp: [row - 1, col],
      ArrowDown: [row + 1, col],
      ArrowLeft: [row, col - 1],
      ArrowRight: [row, col + 1],
      Tab: e.shiftKey ? [row, col - 1] : [row, col + 1],
    };
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      select(move[0], move[1]);
    } else if (e.key === 'Enter' || e.key === 'F2') {
      e.preventDefault();
      const { value, formula } = valueAt(row, col);
      setEditing({ text: formula ?? shown(value) });
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      void write(row, col, [['']]);
    } else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      setEditing({ text: e.key });
    }
  };

  const covered = (row: number, col: number): CellRange | 'anchor' | null => {
    for (const m of merges) {
      if (row >= m.top && row <= m.bottom && col >= m.left && col <= m.right) {
        return m.top === row && m.left === col ? 'anchor' : m;
      }
    }
    return null;
  };

  const selectedA1 = toA1(selected);
  return (
    <div className="wb-grid-area">
      <div className="wb-toolbar" role="toolbar" aria-label="表格操作 / Sheet actions">
        <span className="wb-address" data-testid="selected-cell" aria-live="polite">
          {active ?? '—'}!{selectedA1}
        </span>
        <button
          type="button"
          disabled={active === null}
          onClick={() => {
            if (active !== null) Promise.resolve(host.insertRows(active, selected.row, 1)).catch(fail);
          }}
        >
          插入行 / Insert row
        </button>
        <button
          type="button"
          disabled={active === null}
          onClick={() => {
            if (active !== null) Promise.resolve(host.deleteRows(active, selected.row, 1)).catch(fail);
          }}
        >
          删除行 / Delete row
        </button>
      </div>
      <div className="wb-tabs" role="tablist" aria-label="工作表 / Sheets">
        {sheets.map((s) => (
          <button
            key={s.name}
            type="button"
            role="tab"
            aria-selected={s.name === active}
            data-sheet-tab={s.name}
            onClick={() => {
              setActive(s.name);
              setSelected({ row: 0, col: 0 });
              setEditing(null);
            }}
          >
            {s.name}
          </button>
        ))}
      </div>
      <div
        className="wb-grid"
        ref={gridRef}
        tabIndex={0}
        role="grid"
        aria-label={active ?? '工作簿为空 / empty workbook'}
        data-active-sheet={active ?? ''}
        onKeyDown={onGridKey}
        onPaste={(e) => {
          if (editing) return;
          const text = e.clipboardData.getData('text/plain');
          if (!text) return;
          e.preventDefault();
          void write(selected.row, selected.col, parseTsv(text));
        }}
      >
        {active === null ? (
          <p className="wb-empty">
            工作簿为空：在右侧“模板”中插入一张表。 / The workbook is empty: insert a form from the pane.
          </p>
        ) : (
          <table>
            <colgroup>
              <col style={{ width: 40 }} />
              {Array.from({ length: colCount }, (_, c) => (
                <col key={c} style={{ width: Math.round((widths.get(c) ?? 9) * 7 + 5) }} />
              ))}
            </colgroup>
            <thead>
              <tr>
                <th />
                {Array.from({ length: colCount }, (_, c) => (
                  <th key={c} scope="col">
                    {columnLetter(c)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {Array.from({ length: rowCount }, (_, row) => (
                <tr key={row}>
                  <th scope="row">{row + 1}</th>
                  {Array.from({ length: colCount }, (_, col) => {
                    const merge = covered(row, col);
                    if (merge !== null && merge !== 'anchor') return null;
                    const span =
                      merge === 'anchor' ? merges.find((m) => m.top === row && m.left === col) : undefined;
                    const a1 = toA1({ row, col });
                    const { value, formula } = valueAt(row, col);
                    const mark = marks.get(a1);
                    const isSelected = row === selected.row && col === selected.col;
                    const text = formula !== null ? (computed.get(a1) ?? '') : shown(value);
                    return (
                      <td
                        key={col}
                        data-cell={a1}
                        data-issue={mark?.severity}
                        aria-selected={isSelected}
                        rowSpan={span ? span.bottom - span.top + 1 : undefined}
                        colSpan={span ? span.right - span.left + 1 : undefined}
                        className={[isSelected ? 'wb-selected' : '', formula !== null ? 'wb-formula' : '']
                          .filter(Boolean)
                          .join(' ')}
                        style={mark ? { background: mark.fill } : undefined}
                        title={
                          mark
                            ? mark.issues.map((i) => renderIssue(i, lang)).join('\n')
                            : (formula ?? undefined)
                        }
                        onMouseDown={() => select(row, col)}
                        onDoubleClick={() => setEditing({ text: formula ?? shown(value) })}
                      >
                        {isSelected && editing ? (
                          <input
                            autoFocus
                            aria-label={`${active}!${a1}`}
                            value={editing.text}
                            onChange={(e) => setEditing({ text: e.target.value })}
                            onKeyDown={(e) => {
                              if (e.key === 'Enter') {
                                e.preventDefault();
                                commit('down');
                              } else if (e.key === 'Tab') {
                                e.preventDefault();
                                commit('right');
                              } else if (e.key === 'Escape') {
                                e.preventDefault();
                                setEditing(null);
                                gridRef.current?.focus();
                              }
                            }}
                            onBlur={() => commit('none')}
                          />
                        ) : (
                          text
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
