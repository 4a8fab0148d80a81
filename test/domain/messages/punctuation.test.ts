/**
 * Chinese text takes full-width punctuation (，：；？！（）), also next to a placeholder: "{name}，" not "{name},".
 * Half-width signs stay where they belong to a token (.xlsx, 0 字节, ≥ 95%).
 */
import { UNREADABLE_MESSAGES } from '../../../src/domain/messages/file-messages';
import { SEVERITY_LABELS } from '../../../src/domain/messages/engine-messages';
import { ISSUE_MESSAGES, UNKNOWN_ISSUE } from '../../../src/domain/messages/issue-messages';

const HALF_WIDTH_BESIDE_CHINESE = /[\p{Script=Han}}。，]\s*[,;:?!()]|[,;:?!()]\s*[\p{Script=Han}{]/gu;

const zhTexts: [string, string][] = [
  ...Object.entries(ISSUE_MESSAGES).map(([code, text]): [string, string] => [code, text['zh-CN']]),
  ...Object.entries(UNREADABLE_MESSAGES).map(([code, text]): [string, string] => [code, text['zh-CN']]),
  ...Object.entries(SEVERITY_LABELS).map(([code, text]): [string, string] => [code, text['zh-CN']]),
  ['unknown', UNKNOWN_ISSUE['zh-CN']],
];

test('zh-CN messages use full-width punctuation around Chinese text', () => {
  expect(zhTexts.length).toBeGreaterThan(50);
  const offending = zhTexts
    .map(([code, text]) => [code, text.match(HALF_WIDTH_BESIDE_CHINESE)] as const)
    .filter(([, found]) => found !== null);
  expect(offending).toEqual([]);
});

test('the check itself catches half-width punctuation', () => {
  for (const bad of ['请填写,谢谢', '{name}:请填写', '分值(合计)', '完成?']) {
    expect(bad.match(HALF_WIDTH_BESIDE_CHINESE)).not.toBeNull();
  }
  expect('请另存为 .xlsx 后提交（0 字节）'.match(HALF_WIDTH_BESIDE_CHINESE)).toBeNull();
});
