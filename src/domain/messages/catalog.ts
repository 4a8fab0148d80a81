/** The message catalog's public face: what the pane, the CLI and reports import. */
export { ISSUE_MESSAGES, UNKNOWN_ISSUE, type Lang, type MessageText } from './issue-messages';
export { fillTemplate, hasMessage, placeholdersOf, renderIssue } from './render';
export { SEVERITY_LABELS, severityLabel } from './engine-messages';
export { formatBand, formatNumber } from './format';
export { formDescription, formTitle, gradeName, profileText } from './product-names';
