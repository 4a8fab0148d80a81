/**
 * What the product writes in English where the Chinese is fixed elsewhere (template specs, profiles): form
 * names and what each form is for, grade names, the 结果应用建议 of the built-in profiles and the ex-ante
 * conclusions. The forms themselves stay Chinese (they are official forms); in English the official Chinese
 * name follows in brackets so that a reader can match it with the sheet.
 */
import type { TemplateId } from '../forms/form-model';
import type { Lang } from './issue-messages';

interface FormName {
  title: string;
  description: string;
}

const FORM_NAMES_EN: Record<TemplateId, FormName> = {
  'ex-ante-assessment': {
    title: 'Ex-ante performance assessment',
    description:
      'Before a new major project or policy asks for budget: rates necessity, economy of inputs, soundness of the goals, feasibility of the plan and compliance of funding, and gives a conclusion.',
  },
  'project-goals': {
    title: 'Project performance goals declaration',
    description:
      'Filed with the budget: the project’s medium-term and annual goals and indicators; once approved they are what monitoring and evaluation measure against.',
  },
  'department-goals': {
    title: 'Department performance goals declaration',
    description:
      'Filed with the department budget: the department’s main tasks for the year, its budget, goals and indicators.',
  },
  'project-monitoring': {
    title: 'Project goal monitoring form',
    description:
      'During the year: budget execution and indicator progress against the goals, causes of any gap, and whether the annual goals will be met.',
  },
  'project-self-evaluation': {
    title: 'Project performance self-evaluation',
    description:
      'After the year: the implementing unit reports budget execution and each indicator’s result against the approved goals; scores, total and grade are computed in the sheet.',
  },
  'department-self-evaluation': {
    title: 'Department performance self-evaluation',
    description:
      'After the year: the department reports execution of basic and project spending and its overall indicators; scores and grade are computed in the sheet.',
  },
  'key-evaluation': {
    title: 'Project performance evaluation score sheet',
    description:
      'For departmental or finance-bureau key evaluations: scores decision, process, output and outcome item by item; formula indicators are computed from numerator and denominator.',
  },
};

/** The form's name in the pane's language; in English the official Chinese name follows in brackets. */
export function formTitle(id: TemplateId, officialTitle: string, lang: Lang): string {
  return lang === 'en' ? `${FORM_NAMES_EN[id].title} (${officialTitle})` : officialTitle;
}

export function formDescription(id: TemplateId, chineseDescription: string, lang: Lang): string {
  return lang === 'en' ? FORM_NAMES_EN[id].description : chineseDescription;
}

const GRADES_EN = new Map<string, string>([
  ['优', 'Excellent'],
  ['良', 'Good'],
  ['中', 'Fair'],
  ['差', 'Poor'],
]);

/** A grade as the pane shows it: 优 in Chinese, "Excellent (优)" in English; unknown labels as they are. */
export function gradeName(grade: string, lang: Lang): string {
  const english = lang === 'en' ? GRADES_EN.get(grade) : undefined;
  return english === undefined ? grade : `${english} (${grade})`;
}

/** The built-in profiles' recommendations; a jurisdiction's own text has no English and is shown as written. */
const RECOMMENDATIONS_EN = new Map<string, string>([
  ['绩效优秀，下年度预算安排予以优先保障。', 'Excellent performance: next year’s budget is given priority.'],
  [
    '绩效良好，下年度预算原则上维持现有规模，并针对扣分事项改进管理。',
    'Good performance: next year’s budget in principle keeps its size; improve where marks were lost.',
  ],
  [
    '绩效一般，应限期整改，下年度预算视整改情况适当压减。',
    'Fair performance: correct within a deadline; next year’s budget is reduced according to the correction.',
  ],
  [
    '绩效较差，下年度预算应大幅压减或取消该项目，并问责整改。',
    'Poor performance: next year’s budget is cut sharply or the project cancelled, with accountability.',
  ],
  ['予以支持', 'Supported'],
  ['调整完善后予以支持', 'Supported after revision'],
  ['不予支持', 'Not supported'],
]);

/** A profile text (recommendation, ex-ante conclusion) in the pane's language, when a translation is known. */
export function profileText(text: string, lang: Lang): string {
  return lang === 'en' ? (RECOMMENDATIONS_EN.get(text) ?? text) : text;
}
