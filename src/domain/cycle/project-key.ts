/**
 * Which forms belong to the same project (or the same department as a whole): the goal declaration, the
 * monitoring form and the self-evaluation of one project carry the same 项目名称 and 主管部门, typed again by
 * different people. Names are compared after folding spacing, full-width forms and bracket styles, so
 * "农村饮水（二期）工程" and "农村饮水(二期) 工程" are the same project.
 */
import type { ParsedForm, TemplateId } from '../forms/form-model';
import { cellText } from '../grid/parse';

export interface ProjectIdentity {
  /** 'project' for project forms, 'department' for the department's whole budget. */
  scope: 'project' | 'department' | 'other';
  /** 项目名称, or 部门（单位）名称 for a department form; folded. */
  name: string | null;
  /** 主管部门 of a project; folded. */
  department: string | null;
}

const OPEN_BRACKETS = /[（([［【〔〖{｛<《〈]/g;
const CLOSE_BRACKETS = /[）)\]］】〕〗}｝>》〉]/g;
const INVISIBLE_OR_SPACE = /[\s\u200b-\u200d\u2060\ufeff\u00ad]+/g;
const BRACKETED = /\([^()]*\)/g;

/** Folded for comparison: NFKC (full-width to half-width), no spaces, one bracket style, Latin lower case. */
export function foldName(text: string | null): string | null {
  if (text === null) return null;
  const folded = text
    .normalize('NFKC')
    .replace(INVISIBLE_OR_SPACE, '')
    .replace(OPEN_BRACKETS, '(')
    .replace(CLOSE_BRACKETS, ')')
    .toLowerCase();
  return folded === '' ? null : folded;
}

const PROJECT_TEMPLATES: readonly TemplateId[] = [
  'project-goals',
  'project-monitoring',
  'project-self-evaluation',
  'ex-ante-assessment',
  'key-evaluation',
];
const DEPARTMENT_TEMPLATES: readonly TemplateId[] = ['department-goals', 'department-self-evaluation'];

export function scopeOf(template: TemplateId): ProjectIdentity['scope'] {
  if (PROJECT_TEMPLATES.includes(template)) return 'project';
  if (DEPARTMENT_TEMPLATES.includes(template)) return 'department';
  return 'other';
}

export function identityFrom(
  template: TemplateId,
  project: string | null,
  department: string | null,
): ProjectIdentity {
  const scope = scopeOf(template);
  if (scope === 'department') return { scope, name: foldName(department ?? project), department: null };
  return { scope, name: foldName(project), department: foldName(department) };
}

export function identityOf(form: ParsedForm): ProjectIdentity {
  const text = (key: 'projectName' | 'department' | 'departmentName') => cellText(form.header[key]?.raw);
  if (scopeOf(form.template) === 'department') {
    return identityFrom(form.template, null, text('departmentName') ?? text('department'));
  }
  return identityFrom(form.template, text('projectName'), text('department'));
}

/** A department written with its code ("市水利局（101）") is the same department as without it. */
function sameDepartment(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return true;
  if (a === b) return true;
  const bare = (s: string) => s.replace(BRACKETED, '');
  return bare(a) !== '' && bare(a) === bare(b);
}

/** Same scope, same name, and the same 主管部门 where both forms state one. */
export function sameProject(a: ProjectIdentity, b: ProjectIdentity): boolean {
  return (
    a.scope === b.scope &&
    a.scope !== 'other' &&
    a.name !== null &&
    a.name === b.name &&
    sameDepartment(a.department, b.department)
  );
}

/**
 * The candidates that may be the declared goals of `form`: those of the same project; when none is, those
 * that name no project (a goal sheet left unnamed in the same workbook), or all of them when `form` names
 * none itself.
 */
export function sameProjectCandidates<T extends ParsedForm>(form: ParsedForm, candidates: readonly T[]): T[] {
  const own = identityOf(form);
  if (own.name === null) return [...candidates];
  const same = candidates.filter((c) => sameProject(own, identityOf(c)));
  if (same.length > 0) return same;
  return candidates.filter((c) => identityOf(c).name === null);
}
