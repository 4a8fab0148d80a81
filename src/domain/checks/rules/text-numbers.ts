/**
 * Numbers stored as text where a number belongs (row-reading.ts `textNumbers`): full-width digits, spaces
 * (NBSP from web pages included), a leading apostrophe, thousands separators, "93%" typed as text. Where a
 * formula of ours reads the row the sheet does not count the cell (ISNUMBER is false) and neither does the
 * score shown; in a form without our formulas the probable number is read and the cell is still reported.
 */
import { columnLabel } from '../cells';
import { rowRule, type Rule } from '../rule';
import { ALL_TEMPLATES } from '../template-groups';

/** How the typed text is shown in the issue's `value`: its characters, spaces made visible. */
export function visibleText(text: string): string {
  return text.replace(/[\s\u00a0\u3000]/g, '␣');
}

/** The number as a person would write it: no binary noise. */
function plain(value: number): string {
  return String(Number(value.toPrecision(12)));
}

export const numberAsText = rowRule({
  code: 'number_as_text',
  severity: 'error',
  templates: ALL_TEMPLATES,
  scope: 'row',
  table: 'main',
  params: ['label', 'value', 'number', 'name'],
  check: (view) =>
    view.reading.textNumbers.flatMap((t) =>
      !t.counted && t.cell !== null
        ? [
            {
              cell: t.cell,
              params: {
                label: columnLabel(t.column),
                value: visibleText(t.text),
                number: plain(t.value),
                name: view.name,
              },
            },
          ]
        : [],
    ),
});

export const numberAsTextPlain = rowRule({
  code: 'number_as_text_plain',
  severity: 'warning',
  templates: ALL_TEMPLATES,
  scope: 'row',
  table: 'main',
  params: ['label', 'value', 'number', 'name'],
  check: (view) =>
    view.reading.textNumbers.flatMap((t) =>
      t.counted && t.bare && t.cell !== null && t.text !== plain(t.value)
        ? [
            {
              cell: t.cell,
              params: {
                label: columnLabel(t.column),
                value: visibleText(t.text),
                number: plain(t.value),
                name: view.name,
              },
            },
          ]
        : [],
    ),
});

/** The issues that offer to write the probable number (`number`) into their cell. */
export const TEXT_NUMBER_CODES: readonly string[] = ['number_as_text', 'number_as_text_plain'];

export const TEXT_NUMBER_RULES: readonly Rule[] = [numberAsText, numberAsTextPlain];
