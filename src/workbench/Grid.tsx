import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { LiveSheet } from '../app/live-checks';
import { HostError, type HostErrorCode, type SheetInfo } from '../app/workbook-port';
import { renderIssue, type Lang } from '../domain/messages/catalog';
import { columnLetter, parseRange, toA1, type CellRange } from '../domain/grid/address';
import type { Block, CellScalar } from '../domain/grid/cell';
import { computedCells, issueMarks, TODO_FILL, todoCells } from './cell-view';
import { formattedNumber, parseTsv, typedEntry } from './typed-input';
import type { WorkbenchHost } from './workbench-host';

const EXTRA_ROWS = 6;
const EXTRA_COLS = 2;
const MIN_ROWS = 30;
const MIN_COLS = 10;
const MAX_ROWS_SHOWN = 400;
/** Room for the row numbers (up to 400, three digits). */
const ROW_HEADER_PX = 40;
/** Cell keys are row × stride + column (more columns than a sheet has). */
const CELL_KEY_STRIDE = 1 << 14;

/** Where the sink shows during a composition: over the selected cell, so the candidate window is next to it. */
function sinkPosition(grid: HTMLDivElement | null): { left: number; top: number; width: number } | undefined {
  const cell = grid?.querySelector<HTMLElement>('td[aria-selected="true"]');
  if (!grid || !cell) return undefined;
  return {
    left: cell.offsetLeft,
    top: cell.offsetTop,
    width: Math.max(cell.offsetWidth, 80),
  };
}

function shown(value: CellScalar): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return String(value);
}

const UNDO_DEPTH = 100;

interface Undo {
  sheet: string;
  row: number;
  col: number;
  /** The cells as they were: a formula as its text, so that undoing puts the formula back. */
  before: CellScalar[][];
}

interface Props {
  host: WorkbenchHost;
  reports: readonly LiveSheet[];
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
  const [listOpen, setListOpen] = useState(false);
  const [listIndex, setListIndex] = useState(0);
  const [composing, setComposing] = useState(false);
  const gridRef = useRef<HTMLDivElement>(null);
  const sinkRef = useRef<HTMLTextAreaElement>(null);
  /** What each of the person's writes replaced, newest last, for Ctrl+Z. */
  const undoStack = useRef<Undo[]>([]);

  /** Keyboard focus stays on the type-ahead sink, so that an input method can compose onto the selected cell. */
  const focusGrid = useCallback(() => sinkRef.current?.focus(), []);

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
        setListOpen(false);
        focusGrid();
      }),
    [host, focusGrid],
  );

  // The selected cell is brought into view, horizontally and vertically, however it was selected (an issue
  // clicked in the pane, the keyboard, a click).
  useEffect(() => {
    const cell = gridRef.current?.querySelector<HTMLElement>('td[aria-selected="true"]');
    cell?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  }, [selected, active, block]);

  const report = reports.find((r) => r.sheet === active) ?? null;
  const computed = useMemo(() => computedCells(report), [report]);
  const todo = useMemo(() => todoCells(report), [report]);
  const marks = useMemo(
    () => issueMarks(report, active === null ? [] : host.highlightsOf(active)),
    // Highlight rules move with inserted rows; the revision says when to look again.
    // The block changes on every edit, so it stands for "the sheet changed".
    [report, active, host, block],
  );
  // Number formats are looked up for number cells only, once per cell while the sheet stays as it is.
  const formatOf = useMemo(() => {
    const cache = new Map<string, string | null>();
    return (a1: string): string | null => {
      if (active === null || !host.numberFormatAt) return null;
      let format = cache.get(a1);
      if (format === undefined) {
        format = host.numberFormatAt(active, a1);
        cache.set(a1, format);
      }
      return format;
    };
  }, [active, host, block]);
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
  /** Column widths in pixels: a character unit of the spreadsheet is about 7 px, plus the cell's padding. */
  const columnPixels = Array.from({ length: colCount }, (_, c) => Math.round((widths.get(c) ?? 9) * 7 + 5));

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
      setListOpen(false);
      host.port.select(active, toA1(next)).catch(fail);
    },
    [active, host, fail],
  );

  const contentAt = useCallback(
    (row: number, col: number): CellScalar => {
      if (!block) return null;
      const r = row - block.top;
      const c = col - block.left;
      return block.formulas[r]?.[c] ?? block.values[r]?.[c] ?? null;
    },
    [block],
  );

  const write = useCallback(
    async (row: number, col: number, values: CellScalar[][], remember = true) => {
      if (active === null) return;
      const before = values.map((line, r) => line.map((_v, c) => contentAt(row + r, col + c)));
      try {
        await host.typeValues(active, toA1({ row, col }), values);
        if (remember) {
          undoStack.current.push({ sheet: active, row, col, before });
          if (undoStack.current.length > UNDO_DEPTH) undoStack.current.shift();
        }
      } catch (error) {
        fail(error);
      }
    },
    [active, host, fail, contentAt],
  );

  /**
   * A typed entry, read as the spreadsheet reads it (typedEntry): "96%" is 0.96 shown as a percentage, "1,234" is
   * 1234. The number format goes on first where the host can set it as the person's typing would, then the value.
   * Not through the port: a plan is the add-in's own write, and a host may take the person's value typed into
   * the same cell right after it for its own too.
   */
  const enter = useCallback(
    async (row: number, col: number, text: string) => {
      if (active === null) return;
      const { value, numberFormat } = typedEntry(text);
      if (numberFormat !== null && host.typeNumberFormat) {
        try {
          await host.typeNumberFormat(active, toA1({ row, col }), numberFormat);
        } catch {
          // A host that refuses the format still gets the number: only its display differs.
        }
      }
      await write(row, col, [[value]]);
    },
    [active, host, write],
  );

  /** Ctrl+Z: the last write of the person's goes back (inserted or deleted rows are not undone here). */
  const undo = useCallback(async () => {
    const last = undoStack.current.pop();
    if (!last) return;
    try {
      await host.typeValues(last.sheet, toA1({ row: last.row, col: last.col }), last.before);
      if (last.sheet !== active) setActive(last.sheet);
      setSelected({ row: last.row, col: last.col });
    } catch (error) {
      fail(error);
    }
  }, [host, active, fail]);

  const options = useMemo(
    () => (active === null || !host.dropdownAt ? null : host.dropdownAt(active, toA1(selected))),
    // The choices of a 二级 list follow the 一级 cell: look again when the sheet changes.
    [host, active, selected, block],
  );

  // The editor is committed once: Enter commits and then the editor's input loses focus as it goes, whose
  // blur would otherwise write the same text a second time (and leave a second step for Ctrl+Z).
  const committed = useRef<{ text: string } | null>(null);
  const commit = (move: 'down' | 'right' | 'none') => {
    if (!editing || committed.current === editing) return;
    committed.current = editing;
    const { row, col } = selected;
    void enter(row, col, editing.text);
    setEditing(null);
    if (move === 'down') select(row + 1, col);
    if (move === 'right') select(row, col + 1);
    focusGrid();
  };

  const choose = (choice: string) => {
    const { row, col } = selected;
    setListOpen(false);
    void write(row, col, [[choice]]);
    focusGrid();
  };

  const onGridKey = (e: KeyboardEvent<HTMLDivElement>) => {
    // Keys that belong to an input method's composition are its own (keyCode 229 while composing).
    if (editing || composing || e.nativeEvent.isComposing || e.key === 'Process') return;
    const { row, col } = selected;
    if (listOpen && options !== null && options.length > 0) {
      // The open dropdown takes the arrows, Enter and Escape, as in Excel.
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const step = e.key === 'ArrowDown' ? 1 : -1;
        setListIndex((i) => Math.min(options.length - 1, Math.max(0, i + step)));
        return;
      }
      if (e.key === 'Enter') {
        e.preventDefault();
        choose(options[listIndex] ?? options[0] ?? '');
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        setListOpen(false);
        return;
      }
    }
    if ((e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === 'z') {
      e.preventDefault();
      void undo();
      return;
    }
    if (e.altKey && e.key === 'ArrowDown' && options !== null && options.length > 0) {
      e.preventDefault();
      setListIndex(0);
      setListOpen(true);
      return;
    }
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

  // Which merge covers each cell, worked out once per change of merges rather than for every cell drawn.
  const coverage = useMemo(() => {
    const map = new Map<number, CellRange>();
    for (const m of merges) {
      for (let row = m.top; row <= m.bottom; row += 1) {
        for (let col = m.left; col <= m.right; col += 1) map.set(row * CELL_KEY_STRIDE + col, m);
      }
    }
    return map;
  }, [merges]);
  const covered = (row: number, col: number): CellRange | 'anchor' | null => {
    const m = coverage.get(row * CELL_KEY_STRIDE + col);
    if (m === undefined) return null;
    return m.top === row && m.left === col ? 'anchor' : m;
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
            if (active === null) return;
            // Rows move: the cells an undo would restore are no longer where they were.
            undoStack.current = [];
            Promise.resolve(host.insertRows(active, selected.row, 1)).catch(fail);
          }}
        >
          插入行 / Insert row
        </button>
        <button
          type="button"
          disabled={active === null}
          onClick={() => {
            if (active === null) return;
            undoStack.current = [];
            Promise.resolve(host.deleteRows(active, selected.row, 1)).catch(fail);
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
              setListOpen(false);
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
        onFocus={(e) => {
          if (e.target === gridRef.current) focusGrid();
        }}
        onKeyDown={onGridKey}
        onPaste={(e) => {
          if (editing) return;
          const text = e.clipboardData.getData('text/plain');
          if (!text) return;
          e.preventDefault();
          void write(selected.row, selected.col, parseTsv(text));
        }}
      >
        {/*
          The type-ahead sink: a text box off the grid's drawing that holds the keyboard focus. A key typed on a
          selected cell starts editing (onGridKey); an input method composes here, shown over the selected
          cell, and what it commits opens the cell's editor with that text.
        */}
        <textarea
          ref={sinkRef}
          className={composing ? 'wb-sink wb-sink-composing' : 'wb-sink'}
          aria-label={`${active ?? ''}!${selectedA1}`}
          data-testid="type-sink"
          style={composing ? sinkPosition(gridRef.current) : undefined}
          onCompositionStart={() => {
            if (!editing) setComposing(true);
          }}
          onCompositionEnd={(e) => {
            const text = e.data || (sinkRef.current?.value ?? '');
            setComposing(false);
            if (sinkRef.current) sinkRef.current.value = '';
            if (text !== '' && !editing && active !== null) setEditing({ text });
          }}
          onChange={(e) => {
            // Text that arrives without a key event (some input methods, dictation): start editing with it.
            if (composing) return;
            const text = e.target.value;
            e.target.value = '';
            if (text !== '' && !editing && active !== null) setEditing({ text });
          }}
        />
        {active === null ? (
          <p className="wb-empty">
            工作簿为空：在右侧“模板”中插入一张表。 / The workbook is empty: insert a form from the pane.
          </p>
        ) : (
          // A fixed layout needs the table's own width: without it the browser shrinks the columns to fit,
          // the row numbers first (to a sliver that cut two-digit numbers).
          <table style={{ width: columnPixels.reduce((sum, w) => sum + w, ROW_HEADER_PX) }}>
            <colgroup>
              <col style={{ width: ROW_HEADER_PX }} />
              {columnPixels.map((width, c) => (
                <col key={c} style={{ width }} />
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
                    const span = merge === 'anchor' ? coverage.get(row * CELL_KEY_STRIDE + col) : undefined;
                    const a1 = toA1({ row, col });
                    const { value, formula } = valueAt(row, col);
                    const mark = marks.get(a1);
                    const toFill = mark ? undefined : todo.get(a1);
                    const isSelected = row === selected.row && col === selected.col;
                    const text =
                      formula !== null
                        ? (computed.get(a1) ?? '')
                        : typeof value === 'number'
                          ? formattedNumber(value, formatOf(a1))
                          : shown(value);
                    return (
                      <td
                        key={col}
                        data-cell={a1}
                        data-issue={mark?.severity}
                        data-todo={toFill ? 'true' : undefined}
                        aria-selected={isSelected}
                        rowSpan={span ? span.bottom - span.top + 1 : undefined}
                        colSpan={span ? span.right - span.left + 1 : undefined}
                        className={[
                          isSelected ? 'wb-selected' : '',
                          isSelected && listOpen ? 'wb-list-open' : '',
                          formula !== null ? 'wb-formula' : '',
                        ]
                          .filter(Boolean)
                          .join(' ')}
                        style={
                          mark ? { background: mark.fill } : toFill ? { background: TODO_FILL } : undefined
                        }
                        title={
                          mark
                            ? mark.issues.map((i) => renderIssue(i, lang)).join('\n')
                            : toFill
                              ? toFill.map((i) => renderIssue(i, lang)).join('\n')
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
                                focusGrid();
                              }
                            }}
                            onBlur={() => commit('none')}
                          />
                        ) : (
                          <>
                            {text}
                            {isSelected && options !== null && options.length > 0 && (
                              <button
                                type="button"
                                className="wb-dropdown"
                                tabIndex={-1}
                                aria-label={`选择 / Choose: ${a1}`}
                                aria-expanded={listOpen}
                                data-testid="dropdown-button"
                                onMouseDown={(e) => {
                                  e.stopPropagation();
                                  e.preventDefault();
                                  setListIndex(0);
                                  setListOpen((open) => !open);
                                }}
                              />
                            )}
                            {isSelected && listOpen && options !== null && (
                              <ul
                                className="wb-list"
                                role="listbox"
                                aria-label={a1}
                                data-testid="dropdown-list"
                              >
                                {options.map((choice, index) => (
                                  <li
                                    key={choice}
                                    role="option"
                                    aria-selected={index === listIndex}
                                    data-current={choice === text ? 'true' : undefined}
                                    onMouseDown={(e) => {
                                      e.stopPropagation();
                                      e.preventDefault();
                                      choose(choice);
                                    }}
                                  >
                                    {choice}
                                  </li>
                                ))}
                              </ul>
                            )}
                          </>
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
