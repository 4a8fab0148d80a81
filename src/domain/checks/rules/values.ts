/** Values: operator, target, unit, percentages, stand-ins for nothing, Excel error values. */
import { fieldOf, headerOf, type ColumnKey, type ParsedForm, type TableRow } from '../../forms/form-model';
import { nearness } from '../../forms/near-label';
import { compactKey } from '../../framework/text-key';
import { isQuantitative, meaningOf } from '../../forms/row-reading';
import { parseOperator, toPercentPoints } from '../../grid/parse';
import { columnLabel, isEmptyish, readingOf, shown, textOf } from '../cells';
import { canonicalLevel1, canonicalLevel2 } from '../framework-lookup';
import { isLater, latestDateIn, type YearMonth } from '../periods';
import { rowRule, type CheckContext, type Finding, type Rule, type RowView } from '../rule';
import { ALL_TEMPLATES, FRAMEWORK_TEMPLATES, SELF_EVALUATIONS } from '../template-groups';

const ERROR_CHECKED_COLUMNS: readonly ColumnKey[] = [
  'target',
  'actual',
  'weight',
  'score',
  'qualitativeScore',
  'numerator',
  'denominator',
  'rate',
  'progress',
  'forecast',
];

export const cellErrorValue = rowRule({
  code: 'cell_error_value',
  severity: 'error',
  templates: ALL_TEMPLATES,
  scope: 'row',
  table: 'main',
  params: ['label', 'value', 'name'],
  check: (view) =>
    ERROR_CHECKED_COLUMNS.flatMap((key) => {
      const field = fieldOf(view.row, key);
      const reading = readingOf(field);
      return reading.kind === 'error' && field.cell !== null
        ? [{ cell: field.cell, params: { label: columnLabel(key), value: reading.code, name: view.name } }]
        : [];
    }),
});

export const operatorMissing = rowRule({
  code: 'operator_missing',
  emptyRequired: true,
  severity: 'error',
  templates: FRAMEWORK_TEMPLATES,
  scope: 'row',
  table: 'main',
  params: ['name'],
  check: (view, form, ctx) => {
    const field = fieldOf(view.row, 'operator');
    // A merged 指标性质 cell above holds for the rows it covers.
    if (
      field.cell === null ||
      view.reading.operatorText !== null ||
      meaningOf(view.reading, ctx.profile).operator !== null
    )
      return [];
    // The bound would be assumed but the value has no number: the value is the cause (indicator_unscored).
    if (unscoredByItsValue(view, form)) return [];
    return [{ cell: field.cell, params: { name: view.name } }];
  },
});

/** What some provinces write in the 指标性质 column instead of a sign: the row is quantitative. */
const QUANTITATIVE_KIND = /^\s*定量(?:指标)?\s*$/u;

export const operatorInvalid = rowRule({
  code: 'operator_invalid',
  severity: 'error',
  templates: FRAMEWORK_TEMPLATES,
  scope: 'row',
  table: 'main',
  params: ['value', 'name'],
  check: (view, form) => {
    const field = fieldOf(view.row, 'operator');
    if (field.cell === null || textOf(field) === null || parseOperator(field.raw) !== null) return [];
    // 定量(指标) in a 指标性质 column says the row is quantitative without naming the bound: it is assumed.
    if (QUANTITATIVE_KIND.test(textOf(field) ?? '')) return [];
    if (nearKindWord(form, textOf(field)) !== null) return [];
    return [{ cell: field.cell, params: { value: shown(field), name: view.name } }];
  },
});

/** The words a 指标性质 column holds instead of a sign. */
const KIND_WORDS: readonly string[] = ['定性指标', '定量指标'];

/**
 * The kind word a 指标性质 text of a form in hand nearly is: a two-line cell copied across comes out shuffled
 * (性标定指 for 定性指标), a scan drops or doubles a character. Forms made from our template pick from a list.
 */
function nearKindWord(form: ParsedForm, text: string | null): string | null {
  if (form.source === 'meta' || text === null) return null;
  const key = compactKey(text);
  // A kind word written right (定量指标) is that word, not a near miss of the other one (定性指标).
  if (KIND_WORDS.includes(key)) return null;
  return KIND_WORDS.find((word) => nearness(key, word) !== null) ?? null;
}

export const operatorNearMatch = rowRule({
  code: 'operator_near_match',
  severity: 'info',
  templates: FRAMEWORK_TEMPLATES,
  scope: 'row',
  table: 'main',
  params: ['value', 'word', 'name'],
  check: (view, form) => {
    const field = fieldOf(view.row, 'operator');
    const text = textOf(field);
    if (field.cell === null || text === null || parseOperator(field.raw) !== null) return [];
    const word = nearKindWord(form, text);
    return word === null
      ? []
      : [{ cell: field.cell, params: { value: shown(field), word, name: view.name } }];
  },
});

/** Where an assumed operator would have been written: its column when the form has one, else the target. */
function operatorCell(view: RowView): string | null {
  return fieldOf(view.row, 'operator').cell ?? fieldOf(view.row, 'target').cell;
}

/** A self-evaluation row scored with an operator written nowhere says what was assumed (docs/domain.md §5.1.3). */
export const operatorAssumed = rowRule({
  code: 'operator_assumed',
  severity: 'info',
  templates: SELF_EVALUATIONS,
  scope: 'row',
  table: 'main',
  params: ['name', 'word', 'operator'],
  check: (view, _form, ctx) => {
    const { operator, source } = meaningOf(view.reading, ctx.profile);
    const word = view.reading.assumed.word;
    if (operator === null || word === null) return [];
    if (source !== 'assumed-lower' && source !== 'assumed-upper') return [];
    return [{ cell: operatorCell(view), params: { name: view.name, word, operator } }];
  },
});

export const operatorAssumedDefault = rowRule({
  code: 'operator_assumed_default',
  severity: 'info',
  templates: SELF_EVALUATIONS,
  scope: 'row',
  table: 'main',
  params: ['name', 'operator'],
  check: (view, _form, ctx) => {
    const { operator, source } = meaningOf(view.reading, ctx.profile);
    if (operator === null || source !== 'assumed-lower' || view.reading.assumed.word !== null) return [];
    return [{ cell: operatorCell(view), params: { name: view.name, operator } }];
  },
});

/**
 * A self-evaluation row of a form in hand whose 指标性质 is blank (or absent) would have its bound assumed from
 * its wording, but its value is text with no number and names no tier: the value is why it cannot be scored
 * ("到0次", "有效" with no 达成 word), not the blank 指标性质.
 */
function unscoredByItsValue(view: RowView, form: ParsedForm): boolean {
  return (
    SELF_EVALUATIONS.includes(form.template) &&
    !view.reading.operatorRequired &&
    view.reading.operatorText === null &&
    view.reading.targetReading.kind === 'text'
  );
}

/**
 * A self-evaluation row with no operator anywhere, no number to assume one for and no tier named cannot be
 * scored; with no 指标性质 column (or a blank one) no other rule would say so, and the total would drop it
 * silently.
 */
export const indicatorUnscored = rowRule({
  code: 'indicator_unscored',
  severity: 'warning',
  templates: SELF_EVALUATIONS,
  scope: 'row',
  table: 'main',
  params: ['name', 'value', 'tiers'],
  check: (view, form, ctx) => {
    if (view.score?.unscorable !== 'missing_operator') return [];
    if (fieldOf(view.row, 'operator').cell !== null && !unscoredByItsValue(view, form)) return [];
    const target = fieldOf(view.row, 'target');
    // Without a target column the missing column is the finding (required_column_missing); with the target
    // left blank, target_missing says why the row is not scored.
    if (target.cell === null || view.reading.targetReading.kind === 'blank') return [];
    const tiers = ctx.profile.qualitativeTiers.map((t) => t.tier).join('／');
    return [
      {
        cell: target.cell,
        params: { name: view.name, value: shown(target), tiers },
      },
    ];
  },
});

export const targetMissing = rowRule({
  code: 'target_missing',
  emptyRequired: true,
  severity: 'error',
  templates: FRAMEWORK_TEMPLATES,
  scope: 'row',
  table: 'main',
  params: ['name'],
  check: (view) => {
    const field = fieldOf(view.row, 'target');
    return field.cell !== null && view.reading.targetReading.kind === 'blank'
      ? [{ cell: field.cell, params: { name: view.name } }]
      : [];
  },
});

function isQuantitativeOperator(view: RowView, ctx: CheckContext): boolean {
  return isQuantitative(meaningOf(view.reading, ctx.profile));
}

export const targetNotNumber = rowRule({
  code: 'target_not_number',
  severity: 'error',
  templates: FRAMEWORK_TEMPLATES,
  scope: 'row',
  table: 'main',
  params: ['value', 'name'],
  check: (view, _form, ctx) => {
    const field = fieldOf(view.row, 'target');
    if (!isQuantitativeOperator(view, ctx) || view.reading.targetReading.kind !== 'text') return [];
    return [{ cell: field.cell, params: { value: shown(field), name: view.name } }];
  },
});

export const unitMissing = rowRule({
  code: 'unit_missing',
  emptyRequired: true,
  severity: 'error',
  templates: FRAMEWORK_TEMPLATES,
  scope: 'row',
  table: 'main',
  params: ['name'],
  check: (view, _form, ctx) => {
    const field = fieldOf(view.row, 'unit');
    if (field.cell === null || !isQuantitativeOperator(view, ctx) || !isEmptyish(field)) return [];
    const target = view.reading.targetReading;
    // A unit glued to the value ("735人次", "98%") is a unit written.
    if (target.kind === 'number' && (target.percent || target.unit !== null)) return [];
    return [{ cell: field.cell, params: { name: view.name } }];
  },
});

export const percentOver100 = rowRule({
  code: 'percent_over_100',
  severity: 'warning',
  templates: FRAMEWORK_TEMPLATES,
  scope: 'row',
  table: 'main',
  params: ['value', 'name'],
  check: (view, _form, ctx) => {
    if (!isQuantitativeOperator(view, ctx)) return [];
    const points = view.reading.percent ? toPercentPoints(view.reading.targetReading) : null;
    if (points === null || points <= 100) return [];
    return [{ cell: fieldOf(view.row, 'target').cell, params: { value: points, name: view.name } }];
  },
});

export const placeholderValue = rowRule({
  code: 'placeholder_value',
  severity: 'error',
  templates: FRAMEWORK_TEMPLATES,
  scope: 'row',
  table: 'main',
  params: ['label', 'value', 'name'],
  check: (view, form, ctx) => {
    const findings: Finding<'label' | 'value' | 'name'>[] = [];
    const target = fieldOf(view.row, 'target');
    const targetRead = view.reading.targetReading;
    if (targetRead.kind === 'placeholder') {
      findings.push({
        cell: target.cell,
        params: { label: columnLabel('target'), value: shown(target), name: view.name },
      });
    }
    const actual = fieldOf(view.row, 'actual');
    const actualRead = view.reading.actualReading;
    // A 定性 row is judged by its tier, so a stand-in in its 实际完成值 is not a missing value.
    if (
      SELF_EVALUATIONS.includes(form.template) &&
      isQuantitativeOperator(view, ctx) &&
      actualRead.kind === 'placeholder'
    ) {
      findings.push({
        cell: actual.cell,
        params: { label: columnLabel('actual'), value: shown(actual), name: view.name },
      });
    }
    return findings;
  },
});

export const costIndicatorOperator = rowRule({
  code: 'cost_indicator_operator',
  severity: 'warning',
  templates: FRAMEWORK_TEMPLATES,
  scope: 'row',
  table: 'main',
  params: ['operator', 'name'],
  check: (view, _form, ctx) => {
    // An operator assumed from the wording is not what the form says; only a written one is judged here.
    const { operator, source } = meaningOf(view.reading, ctx.profile);
    if (operator !== '≥' && operator !== '>') return [];
    if (source === 'assumed-lower' || source === 'assumed-upper') return [];
    const level1 = canonicalLevel1(ctx.framework, view.level1);
    const level2 = level1 === null ? null : canonicalLevel2(ctx.framework, level1, view.level2);
    const isCost = (level1 ?? '').includes('成本') || (level2 ?? '').includes('成本');
    if (!isCost) return [];
    const cell = fieldOf(view.row, 'operator').cell ?? fieldOf(view.row, 'target').cell;
    return [{ cell, params: { operator, name: view.name } }];
  },
});

/** A target naming a year: '2025年12月底前' in its text, or 2025 with the unit 年. */
function targetDate(row: TableRow): YearMonth | null {
  const target = fieldOf(row, 'target');
  if (typeof target.raw === 'number') {
    const unit = textOf(fieldOf(row, 'unit')) ?? '';
    const isYear =
      Number.isInteger(target.raw) && target.raw >= 1900 && target.raw < 2100 && unit.includes('年');
    return isYear ? { year: target.raw, month: null } : null;
  }
  const text = textOf(target);
  return text === null ? null : latestDateIn(text);
}

function formatDate(date: YearMonth): string {
  return date.month === null ? `${date.year}年` : `${date.year}年${date.month}月`;
}

/** docs/domain.md §3.5: a time indicator may not fall due after the project's period ends. */
export const timelinessAfterProjectEnd = rowRule({
  code: 'timeliness_after_project_end',
  severity: 'warning',
  templates: FRAMEWORK_TEMPLATES,
  scope: 'row',
  table: 'main',
  params: ['name', 'value', 'period'],
  check: (view, form, ctx) => {
    const period = textOf(headerOf(form, 'projectPeriod'));
    const end = period === null ? null : latestDateIn(period);
    if (period === null || end === null) return [];
    const level1 = canonicalLevel1(ctx.framework, view.level1);
    const level2 = level1 === null ? view.level2 : canonicalLevel2(ctx.framework, level1, view.level2);
    if (!(level2 ?? '').includes('时效')) return [];
    const due = targetDate(view.row);
    const cell = fieldOf(view.row, 'target').cell;
    if (due === null || cell === null || !isLater(due, end)) return [];
    return [{ cell, params: { name: view.name, value: formatDate(due), period } }];
  },
});

export const VALUE_RULES: readonly Rule[] = [
  cellErrorValue,
  operatorMissing,
  operatorInvalid,
  operatorNearMatch,
  operatorAssumed,
  operatorAssumedDefault,
  indicatorUnscored,
  targetMissing,
  targetNotNumber,
  unitMissing,
  percentOver100,
  placeholderValue,
  costIndicatorOperator,
  timelinessAfterProjectEnd,
];
