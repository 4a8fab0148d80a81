/** Texts the engine shows besides issues: severity names and the words of a report. */
import type { Severity } from '../checks/issue';
import type { Lang, MessageText } from './issue-messages';

export const SEVERITY_LABELS: Readonly<Record<Severity, MessageText>> = {
  error: { 'zh-CN': '错误', en: 'Error' },
  warning: { 'zh-CN': '警告', en: 'Warning' },
  info: { 'zh-CN': '提示', en: 'Info' },
};

export function severityLabel(severity: Severity, lang: Lang): string {
  return SEVERITY_LABELS[severity][lang];
}
