/** Texts of the pane itself (issue texts come from the engine's message catalog). */
import type { Lang } from '../domain/messages/catalog';

const zh = {
  appTitle: '预算绩效管理',
  tabTemplates: '模板',
  tabCheck: '检查',
  tabScores: '得分',
  tabLibrary: '指标库',
  tabSettings: '设置',
  insert: '插入',
  inserted: '已插入工作表：',
  checkNow: '检查工作簿',
  noIssues: '未发现问题。',
  errors: '错误',
  warnings: '警告',
  infos: '提示',
  noForm: '工作簿中还没有可识别的绩效表格。请先在“模板”中插入一张表。',
  total: '总分',
  grade: '等级',
  recommendation: '结果应用建议',
  execution: '预算执行',
  searchPlaceholder: '输入指标名称或拼音首字母，如 myd（满意度）、ywjy',
  profile: '地区口径（评分规则）',
  framework: '指标框架',
  language: '界面语言',
  demoHost: '演示工作簿（未连接 Excel/WPS）',
  hostError: '操作未完成：',
};
export type UiStrings = typeof zh;

const en: UiStrings = {
  appTitle: 'Budget Performance',
  tabTemplates: 'Forms',
  tabCheck: 'Check',
  tabScores: 'Scores',
  tabLibrary: 'Indicators',
  tabSettings: 'Settings',
  insert: 'Insert',
  inserted: 'Inserted sheet: ',
  checkNow: 'Check workbook',
  noIssues: 'No issues found.',
  errors: 'Errors',
  warnings: 'Warnings',
  infos: 'Notes',
  noForm: 'No recognisable performance form in this workbook yet. Insert one from Forms first.',
  total: 'Total',
  grade: 'Grade',
  recommendation: 'Use of results',
  execution: 'Budget execution',
  searchPlaceholder: 'Indicator name or pinyin initials, e.g. ywjy',
  profile: 'Jurisdiction profile (scoring rules)',
  framework: 'Indicator framework',
  language: 'Language',
  demoHost: 'Demo workbook (not connected to Excel/WPS)',
  hostError: 'Not done: ',
};

export function uiStrings(lang: Lang): UiStrings {
  return lang === 'en' ? en : zh;
}
