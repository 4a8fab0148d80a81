/**
 * 全覆盖 (every budget fund evaluated): in a batch review, which goal declarations have no self-evaluation,
 * and which self-evaluations have no goal declaration. Forms are matched by project name and 主管部门 (or the
 * department's name for the department as a whole), folded for spacing, full-width forms and bracket styles.
 */
import { identityFrom, sameProject } from '../domain/cycle/project-key';
import { headerOf, type ParsedForm, type TemplateId } from '../domain/forms/form-model';
import { cellText } from '../domain/grid/parse';

export interface CoverageEntry {
  file: string;
  sheet: string;
  template: TemplateId;
  /** 主管部门 or 部门（单位）名称, as typed. */
  department: string | null;
  /** 项目名称, as typed (null for a department's whole budget). */
  project: string | null;
}

export interface CoverageReport {
  goals: number;
  selfEvaluations: number;
  /** Goal declarations with a self-evaluation of the same project. */
  covered: number;
  goalsWithoutSelfEvaluation: CoverageEntry[];
  selfEvaluationsWithoutGoals: CoverageEntry[];
}

/** What coverage needs of a checked file (a FileResult of the batch report). */
export interface CheckedFile {
  file: string;
  sheets: readonly Pick<CoverageEntry, 'sheet' | 'template' | 'department' | 'project'>[];
}

/** The self-evaluation each goal form is answered by. */
const ANSWERED_BY: Partial<Record<TemplateId, TemplateId>> = {
  'project-goals': 'project-self-evaluation',
  'department-goals': 'department-self-evaluation',
};
const SELF_EVALUATIONS: readonly TemplateId[] = ['project-self-evaluation', 'department-self-evaluation'];

export function coverageEntry(file: string, form: ParsedForm): CoverageEntry {
  const text = (key: 'department' | 'departmentName' | 'projectName') => cellText(headerOf(form, key).raw);
  return {
    file,
    sheet: form.sheet,
    template: form.template,
    department: text('department') ?? text('departmentName'),
    project: text('projectName'),
  };
}

function identity(entry: CoverageEntry) {
  return identityFrom(entry.template, entry.project, entry.department);
}

function matches(goal: CoverageEntry, selfEvaluation: CoverageEntry): boolean {
  return (
    ANSWERED_BY[goal.template] === selfEvaluation.template &&
    sameProject(identity(goal), identity(selfEvaluation))
  );
}

/**
 * Coverage of the goal declarations given (with --goals) and found among the checked files, against the
 * self-evaluations among the checked files. A goal sheet given twice (in --goals and among the files) counts once.
 */
export function coverageOf(
  givenGoals: readonly CoverageEntry[],
  files: readonly CheckedFile[],
): CoverageReport {
  const checked = files.flatMap((f) =>
    f.sheets.map((s): CoverageEntry => ({
      file: f.file,
      sheet: s.sheet,
      template: s.template,
      department: s.department,
      project: s.project,
    })),
  );
  const seen = new Set<string>();
  const goals = [...givenGoals, ...checked.filter((e) => ANSWERED_BY[e.template] !== undefined)].filter(
    (e) => {
      const key = `${e.file}\u0000${e.sheet}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    },
  );
  const selfEvaluations = checked.filter((e) => SELF_EVALUATIONS.includes(e.template));
  const goalsWithoutSelfEvaluation = goals.filter((g) => !selfEvaluations.some((s) => matches(g, s)));
  return {
    goals: goals.length,
    selfEvaluations: selfEvaluations.length,
    covered: goals.length - goalsWithoutSelfEvaluation.length,
    goalsWithoutSelfEvaluation,
    selfEvaluationsWithoutGoals: selfEvaluations.filter((s) => !goals.some((g) => matches(g, s))),
  };
}

export const COVERAGE_TEXT = {
  'zh-CN': {
    title: '全覆盖',
    summary: (c: CoverageReport) =>
      `全覆盖：目标申报 ${c.goals} 份，自评 ${c.selfEvaluations} 份，已对应 ${c.covered} 份`,
    goalsWithout: '有目标申报、无自评',
    selfWithout: '有自评、无目标申报',
    none: '无',
  },
  en: {
    title: 'Coverage',
    summary: (c: CoverageReport) =>
      `Coverage: ${c.goals} goal declarations, ${c.selfEvaluations} self-evaluations, ${c.covered} matched`,
    goalsWithout: 'Goal declared, no self-evaluation',
    selfWithout: 'Self-evaluation without a goal declaration',
    none: 'none',
  },
} as const;

/** How an entry is named in a report line: file!sheet 项目名称（主管部门）. */
export function describeEntry(entry: CoverageEntry): string {
  const who = [entry.project, entry.department === null ? null : `（${entry.department}）`]
    .filter((p) => p !== null)
    .join('');
  return `${entry.file}!${entry.sheet}${who === '' ? '' : ' ' + who}`;
}
