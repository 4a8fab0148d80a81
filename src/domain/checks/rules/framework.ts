/** Framework: 一级 → 二级 → 三级 as the indicator framework defines them; groups present; no duplicates. */
import { fieldOf, type ParsedForm, type TableRow, type TemplateId } from '../../forms/form-model';
import { levelKey } from '../../framework/text-key';
import type { Framework } from '../../framework/framework-schema';
import { isEmptyish, textOf } from '../cells';
import {
  canonicalLevel1,
  canonicalLevel2,
  filedUnderOwner,
  nearLevel1,
  nearLevel2,
  ownerOfLevel2,
  requiredLevel1Names,
} from '../framework-lookup';
import {
  formRule,
  mainTableKey,
  rowRule,
  type CheckContext,
  type Finding,
  type Rule,
  type RowView,
} from '../rule';
import { FRAMEWORK_TEMPLATES, GOAL_TEMPLATES, KEY_EVALUATION, SELF_EVALUATIONS } from '../template-groups';
import { rowViews } from '../views';
import { weightsAddUp } from '../weights';

/** 10号 common framework of a key evaluation; it is not the goal framework, so it is fixed here. */
const KEY_LEVEL1 = ['决策', '过程', '产出', '效益'] as const;

function isKeyLevel1(text: string): boolean {
  return (KEY_LEVEL1 as readonly string[]).includes(levelKey(text));
}

/**
 * First levels of the national evaluation frameworks that self-evaluations are also filled on: a project
 * self-evaluation on the common evaluation framework (决策/过程/产出/效益), a department's on the
 * department framework (投入/过程/产出/效果). They are not the goal framework's levels, and not unknown.
 */
const EVALUATION_LEVEL1: Partial<Record<TemplateId, readonly string[]>> = {
  'project-self-evaluation': KEY_LEVEL1,
  // The provincial department framework of the 2017 得分表 (部门决策 / 综合管理 / 部门绩效) is one too.
  'department-self-evaluation': [
    '投入',
    '过程',
    '产出',
    '效果',
    '效益',
    '部门决策',
    '部门管理',
    '综合管理',
    '部门绩效',
  ],
};

/** "(50分)", "（30分）": a group's points written where its name would be — no name, so none unknown. */
const POINTS_ONLY = /^\s*[(（]\s*[\d.\-–—～~]+\s*分?\s*[)）]\s*分?\s*$/u;

/**
 * A 一级 (or 二级) left empty is one gap however many rows it spans: the level is carried down from the row that
 * writes it, so an empty level is a run of rows at the top of the table (or of a new 一级) that none names. One
 * finding, at the run's first row. A form whose layout has no such column at all is not told row by row: the
 * missing column is its own finding (required_column_missing).
 */
export const levelEmpty = formRule({
  code: 'level_empty',
  emptyRequired: true,
  severity: 'error',
  templates: [...FRAMEWORK_TEMPLATES, ...KEY_EVALUATION],
  scope: 'form',
  params: ['label', 'name'],
  check: (form, ctx) => {
    const findings: Finding<'label' | 'name'>[] = [];
    let open: 'level1' | 'level2' | null = null;
    for (const view of rowViews(form, mainTableKey(form), ctx)) {
      const gap =
        view.level1 === null
          ? fieldOf(view.row, 'level1').cell !== null
            ? 'level1'
            : null
          : view.level2 === null &&
              fieldOf(view.row, 'level2').cell !== null &&
              !namesBothLevels(ctx.framework, view.level1)
            ? 'level2'
            : null;
      if (gap !== null && gap !== open) {
        findings.push({
          cell: fieldOf(view.row, gap).cell,
          params: { label: gap === 'level1' ? '一级指标' : '二级指标', name: view.name },
        });
      }
      open = gap;
    }
    return findings;
  },
});

/**
 * A 一级 cell that writes its group's 二级 name (社会公众或服务对象满意度指标 across the 一级 and 二级 columns, as
 * 湖南 goal tables print the 满意度 row) names both levels: its 二级 is not left empty.
 */
function namesBothLevels(framework: Framework, level1: string): boolean {
  const owner = ownerOfLevel2(framework, level1);
  return owner !== null && owner === canonicalLevel1(framework, level1);
}

export const unknownLevel1 = rowRule({
  code: 'unknown_level1',
  severity: 'error',
  templates: [...FRAMEWORK_TEMPLATES, ...KEY_EVALUATION],
  scope: 'row',
  table: 'main',
  params: ['level1', 'name'],
  check: (view, form, ctx) => {
    if (view.level1 === null || POINTS_ONLY.test(view.level1)) return [];
    const known =
      form.template === 'key-evaluation'
        ? isKeyLevel1(view.level1)
        : canonicalLevel1(ctx.framework, view.level1) !== null ||
          (EVALUATION_LEVEL1[form.template] ?? []).includes(levelKey(view.level1));
    if (known) return [];
    // Report on the row that wrote it, not on every row a merged cell spans.
    const own = fieldOf(view.row, 'level1');
    if (textOf(own) === null) return [];
    // A form in hand that nearly writes a known name is told so as information (level_near_match).
    if (form.template !== 'key-evaluation' && nearLevelOf(view, form, ctx) !== null) return [];
    return [
      { cell: own.cell, params: { level1: view.reading.shown.level1 ?? view.level1, name: view.name } },
    ];
  },
});

/**
 * The framework name a level of a form in hand nearly matches, when the level as written is not in the framework
 * (a typo, a word more: 社会效益效益指标, 服务对象满意度指标等, 产出类指标). Forms made from our template pick
 * levels from a list, so there an unknown level stays an error.
 */
function nearLevelOf(
  view: RowView,
  form: ParsedForm,
  ctx: CheckContext,
): { key: 'level1' | 'level2'; text: string; level: string } | null {
  if (form.source === 'meta') return null;
  const level1 = canonicalLevel1(ctx.framework, view.level1);
  if (level1 === null) {
    if (view.level1 === null || POINTS_ONLY.test(view.level1)) return null;
    if ((EVALUATION_LEVEL1[form.template] ?? []).includes(levelKey(view.level1))) return null;
    const near = nearLevel1(ctx.framework, view.level1);
    return near === null
      ? null
      : { key: 'level1', text: view.reading.shown.level1 ?? view.level1, level: near };
  }
  if (view.level2 === null || canonicalLevel2(ctx.framework, level1, view.level2) !== null) return null;
  if (ownerOfLevel2(ctx.framework, view.level2) !== null) return null;
  const near = nearLevel2(ctx.framework, level1, view.level2);
  return near === null
    ? null
    : { key: 'level2', text: view.reading.shown.level2 ?? view.level2, level: near };
}

export const levelNearMatch = rowRule({
  code: 'level_near_match',
  severity: 'info',
  templates: FRAMEWORK_TEMPLATES,
  scope: 'row',
  table: 'main',
  params: ['text', 'level', 'name'],
  check: (view, form, ctx) => {
    const near = nearLevelOf(view, form, ctx);
    if (near === null) return [];
    // Told on the row that wrote it, not on every row a merged cell spans.
    const own = fieldOf(view.row, near.key);
    if (textOf(own) === null) return [];
    return [{ cell: own.cell, params: { text: near.text, level: near.level, name: view.name } }];
  },
});

export const unknownLevel2 = rowRule({
  code: 'unknown_level2',
  severity: 'error',
  templates: FRAMEWORK_TEMPLATES,
  scope: 'row',
  table: 'main',
  params: ['level2', 'name'],
  check: (view, form, ctx) => {
    const own = fieldOf(view.row, 'level2');
    const level1 = canonicalLevel1(ctx.framework, view.level1);
    if (level1 === null || view.level2 === null || textOf(own) === null) return [];
    if (canonicalLevel2(ctx.framework, level1, view.level2) !== null) return [];
    if (ownerOfLevel2(ctx.framework, view.level2) !== null) return [];
    if (nearLevelOf(view, form, ctx) !== null) return [];
    return [
      { cell: own.cell, params: { level2: view.reading.shown.level2 ?? view.level2, name: view.name } },
    ];
  },
});

export const level2NotUnderLevel1 = rowRule({
  code: 'level2_not_under_level1',
  severity: 'error',
  templates: FRAMEWORK_TEMPLATES,
  scope: 'row',
  table: 'main',
  params: ['level1', 'level2', 'expected', 'name'],
  check: (view, _form, ctx) => {
    const own = fieldOf(view.row, 'level2');
    const level1 = canonicalLevel1(ctx.framework, view.level1);
    if (level1 === null || view.level2 === null || textOf(own) === null) return [];
    if (canonicalLevel2(ctx.framework, level1, view.level2) !== null) return [];
    // Filed there by an older framework (88号: 满意度 as a 二级 of 效益): the form's layout, not a slip.
    if (filedUnderOwner(ctx.framework, level1, view.level2) !== null) return [];
    const owner = ownerOfLevel2(ctx.framework, view.level2);
    if (owner === null) return [];
    return [
      {
        cell: own.cell,
        params: {
          level1: view.reading.shown.level1 ?? level1,
          level2: view.reading.shown.level2 ?? view.level2,
          expected: owner,
          name: view.name,
        },
      },
    ];
  },
});

export const level3Empty = rowRule({
  code: 'level3_empty',
  emptyRequired: true,
  severity: 'error',
  templates: [...FRAMEWORK_TEMPLATES, ...KEY_EVALUATION, 'ex-ante-assessment'],
  scope: 'row',
  table: 'main',
  params: ['row'],
  check: (view) => {
    const field = fieldOf(view.row, 'level3');
    // A cell inside a 三级 name merged down from the row above (a second criterion of one indicator) is named.
    return field.cell !== null && field.covered !== true && isEmptyish(field)
      ? [{ cell: field.cell, params: { row: view.row.row + 1 } }]
      : [];
  },
});

export const duplicateIndicator = formRule({
  code: 'duplicate_indicator',
  severity: 'warning',
  templates: FRAMEWORK_TEMPLATES,
  scope: 'form',
  params: ['name', 'firstRow'],
  check: (form, ctx) => {
    const seen = new Map<string, number>();
    const findings: Finding<'name' | 'firstRow'>[] = [];
    for (const view of rowViews(form, mainTableKey(form), ctx)) {
      const identity = identityOf(view, ctx);
      if (identity === null) continue;
      const { key } = identity;
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, view.row.row);
        continue;
      }
      findings.push({
        cell: fieldOf(view.row, 'level3').cell,
        params: { name: view.name, firstRow: first + 1 },
      });
    }
    return findings;
  },
});

/** The first levels a form's indicator rows use, by their framework name (a group filed under another too). */
function level1Present(views: readonly RowView[], ctx: CheckContext, wanted: readonly string[]): Set<string> {
  const missing = new Set(wanted);
  const present = new Set<string>();
  // Rows of one first level come together: look a name up only where it changes, and stop once all are seen.
  let last: string | null = null;
  let lastLevel2: string | null = null;
  for (const view of views) {
    if (missing.size === 0) break;
    if (view.level1 === last && view.level2 === lastLevel2) continue;
    const name = canonicalLevel1(ctx.framework, view.level1);
    if (view.level1 !== last && name !== null) {
      missing.delete(name);
      present.add(name);
    }
    last = view.level1;
    lastLevel2 = view.level2;
    // A group filed under another first level by an older framework (88号: 满意度 under 效益) is there.
    const owner = filedUnderOwner(ctx.framework, name, view.level2);
    if (owner !== null) {
      missing.delete(owner);
      present.add(owner);
    }
  }
  return present;
}

/**
 * The required first levels a form lacks, split in two: those missing outright, and, on a self-evaluation in
 * hand, those the profile scores in one group with a first level the form has (湖北: 效益 and 满意度 share 40
 * points, and a 湖北 form may fill the group with 效益 rows only), each with the levels of its group it has.
 */
function level1Absences(
  form: ParsedForm,
  ctx: CheckContext,
): { missing: string[]; shared: { level1: string; present: string[] }[] } {
  const none = { missing: [], shared: [] };
  const views = rowViews(form, mainTableKey(form), ctx);
  // An empty or absent table is one finding of its own (table_empty / required_column_missing).
  if (views.length === 0) return none;
  const inHandSelfEvaluation = form.source !== 'meta' && SELF_EVALUATIONS.includes(form.template);
  // A self-evaluation in hand whose weights add up to 100 without the group follows a scheme that has no
  // place for it (a wage project with 产出 60 + 效益 30 + 预算执行 10): level1_weights_own_scheme says so.
  if (inHandSelfEvaluation && weightsAddUp(form, views, ctx.profile)) return none;
  const required = requiredLevel1Names(ctx.framework);
  const present = level1Present(views, ctx, required);
  const absent = required.filter((name) => !present.has(name));
  if (!inHandSelfEvaluation) return { missing: absent, shared: [] };
  const missing: string[] = [];
  const shared: { level1: string; present: string[] }[] = [];
  for (const level1 of absent) {
    const group = ctx.profile.weights.groups
      .map((g) => g.levels.map((n) => canonicalLevel1(ctx.framework, n) ?? n))
      .find((levels) => levels.includes(level1));
    const partners = (group ?? []).filter((n) => n !== level1 && present.has(n));
    if (partners.length > 0) shared.push({ level1, present: partners });
    else missing.push(level1);
  }
  return { missing, shared };
}

export const level1GroupMissing = formRule({
  code: 'level1_group_missing',
  severity: 'error',
  templates: [...GOAL_TEMPLATES, ...SELF_EVALUATIONS],
  scope: 'form',
  params: ['level1'],
  // A group that is not there has no cell of its own: it is a missing section.
  check: (form, ctx) =>
    level1Absences(form, ctx).missing.map((level1) => ({ cell: null, params: { level1 } })),
});

/**
 * A self-evaluation in hand without a first level that the profile scores in one group with a level the form
 * has (湖北: 效益 + 满意度 40): the group is filled, so the absent level is said as information, not an error.
 */
export const level1GroupShared = formRule({
  code: 'level1_group_shared',
  severity: 'info',
  templates: SELF_EVALUATIONS,
  scope: 'form',
  params: ['level1', 'present'],
  check: (form, ctx) =>
    level1Absences(form, ctx).shared.map(({ level1, present }) => ({
      cell: null,
      params: { level1, present: present.join('、') },
    })),
});

/**
 * What makes two indicators the same (一级 | 二级 | 三级, spaces ignored), kept per row: a live edit changes
 * one row, and the other rows' identities need not be worked out again.
 */
interface Identity {
  framework: Framework;
  level1: string | null;
  level2: string | null;
  key: string;
  level3: string;
}

const identities = new WeakMap<TableRow, Identity | null>();

function identityOf(view: RowView, ctx: CheckContext): { key: string; level3: string } | null {
  const known = identities.get(view.row);
  if (
    known === null ||
    (known !== undefined &&
      known.framework === ctx.framework &&
      known.level1 === view.level1 &&
      known.level2 === view.level2)
  ) {
    return known;
  }
  const level3 = textOf(fieldOf(view.row, 'level3'));
  if (level3 === null) {
    identities.set(view.row, null);
    return null;
  }
  const level1 = canonicalLevel1(ctx.framework, view.level1) ?? view.level1 ?? '';
  const key = `${level1}|${(view.level2 ?? '').replace(/\s+/g, '')}|${level3.replace(/\s+/g, '')}`;
  const identity = { framework: ctx.framework, level1: view.level1, level2: view.level2, key, level3 };
  identities.set(view.row, identity);
  return identity;
}

export const FRAMEWORK_RULES: readonly Rule[] = [
  levelEmpty,
  unknownLevel1,
  unknownLevel2,
  levelNearMatch,
  level2NotUnderLevel1,
  level3Empty,
  duplicateIndicator,
  level1GroupMissing,
  level1GroupShared,
];
