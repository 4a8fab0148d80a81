/** Issue text from the catalog. Rendering never throws: a param that is not supplied stays visible as `{name}`. */
import type { Issue, IssueParams } from '../checks/issue';
import { formatNumber } from './format';
import { ISSUE_MESSAGES, UNKNOWN_ISSUE, type Lang } from './issue-messages';

export type { Lang } from './issue-messages';

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_]*)\}/g;

/** The placeholder names a template uses, in order of first use. */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((match) => match[1] ?? ''))];
}

function show(value: string | number): string {
  return typeof value === 'number' ? formatNumber(value) : value;
}

export function fillTemplate(template: string, params: IssueParams): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = Object.prototype.hasOwnProperty.call(params, name) ? params[name] : undefined;
    return value === undefined ? whole : show(value);
  });
}

export function renderIssue(issue: Pick<Issue, 'code' | 'params'>, lang: Lang = 'zh-CN'): string {
  const text = hasMessage(issue.code) ? ISSUE_MESSAGES[issue.code] : undefined;
  if (text !== undefined) return fillTemplate(text[lang], issue.params);
  const listed = Object.entries(issue.params)
    .map(([key, value]) => `${key}=${show(value)}`)
    .join(', ');
  return fillTemplate(UNKNOWN_ISSUE[lang], { code: issue.code, params: listed });
}

export function hasMessage(code: string): boolean {
  return Object.prototype.hasOwnProperty.call(ISSUE_MESSAGES, code);
}
