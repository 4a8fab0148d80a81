/**
 * The words of the official forms. Templates write the canonical label; the reader accepts the canonical
 * label and every synonym (compared by `labelKey`, so spacing, full-width characters, stars and
 * parenthesised units such as （万元） do not matter). Add a synonym here when a real form words a header
 * differently; the template layouts do not change.
 */
import type { ColumnKey, FundsColKey, FundsRowKey, GoalKey, HeaderKey, TemplateId } from './form-model';

export interface Label {
  canonical: string;
  synonyms: readonly string[];
}

const l = (canonical: string, ...synonyms: string[]): Label => ({ canonical, synonyms });

export const HEADER_LABELS: Record<HeaderKey, Label> = {
  projectName: l('项目名称', '项目(政策)名称', '政策名称'),
  department: l('主管部门', '主管部门及代码', '主管部门(单位)', '主管单位'),
  implementingUnit: l('实施单位', '项目实施单位', '预算单位'),
  departmentName: l('部门（单位）名称', '部门名称', '单位名称', '部门(单位)'),
  projectAttribute: l('项目属性', '项目类型'),
  projectPeriod: l('项目期', '项目周期', '实施期限'),
  year: l('年度', '预算年度', '评价年度'),
  monitoringMonth: l('监控月份', '截至月份', '监控截止月份'),
  projectAmount: l('项目资金总额（万元）', '项目资金总额', '申请资金', '项目总投资'),
  evaluator: l('评价（评估）机构', '评价机构', '评估机构', '评估人'),
};

export const FUNDS_ROW_LABELS: Record<FundsRowKey, Label> = {
  total: l('年度资金总额', '资金总额', '年度预算总额', '预算资金总额', '合计', '总计'),
  fiscal: l('其中：当年财政拨款', '当年财政拨款', '财政拨款', '财政资金', '其中财政拨款'),
  carryover: l('上年结转资金', '上年结转', '结转资金', '上年结余结转'),
  other: l('其他资金', '其他'),
  basic: l('基本支出'),
  project: l('项目支出'),
};

export const FUNDS_COL_LABELS: Record<FundsColKey, Label> = {
  midTerm: l('中期资金', '中期资金总额', '中期'),
  annual: l('年度资金', '年度资金总额', '年度金额', '年度'),
  initialBudget: l('年初预算数', '年初预算', '年初预算金额'),
  annualBudget: l('全年预算数', '全年预算', '调整后预算数', '全年(调整)预算数', '预算数'),
  executed: l('全年执行数', '执行数', '1-N月执行数', '实际支出', '实际执行数'),
  forecast: l('全年预计执行数', '全年预计执行', '预计全年执行数'),
  weight: l('分值', '执行率权重', '权重'),
  rate: l('执行率', '预算执行率', '1-N月执行率'),
  score: l('得分', '执行率得分'),
};

export const GOAL_LABELS: Record<GoalKey, Label> = {
  overall: l('年度总体目标', '总体目标', '年度绩效目标', '绩效目标'),
  midTerm: l('中期目标'),
  annual: l('年度目标'),
  expected: l('预期目标', '年初设定目标'),
  achieved: l('实际完成情况', '实际完成', '全年实际完成情况'),
  progress: l('1-N月执行情况', '执行情况', '截至目前执行情况'),
};

export const COLUMN_LABELS: Record<ColumnKey, Label> = {
  level1: l('一级指标', '一级'),
  level2: l('二级指标', '二级'),
  level3: l('三级指标', '三级', '指标名称', '评估要点', '评价要点'),
  operator: l('指标性质', '计算符号', '指标方向', '运算符号', '符号'),
  target: l('年度指标值', '指标值', '年初指标值', '目标值', '指标值(年度)', '调整指标值'),
  unit: l('计量单位', '度量单位', '单位'),
  basis: l('指标值设定依据', '指标值设定依据及数据来源', '设定依据', '指标标准或依据'),
  progress: l('1-N月执行情况', '1-N月完成情况', '截至目前完成情况', '执行情况'),
  forecast: l('全年预计完成情况', '全年预计完成', '预计全年完成'),
  cause: l('偏差原因', '偏差原因分析', '偏差原因类型'),
  likelihood: l('完成目标可能性', '完成可能性', '能否完成目标'),
  actual: l('实际完成值', '全年实际完成值', '全年完成值', '实际值', '完成值', '全年实际值'),
  tier: l('定性完成档次', '完成档次', '定性档次', '达成情况'),
  qualitativeScore: l('定性指标得分', '定性得分'),
  weight: l('分值', '权重', '指标权重', '指标权重(分)', '权重(分)'),
  rating: l('评级', '评估等级', '评定等级'),
  numerator: l('分子', '实际数'),
  denominator: l('分母', '计划数'),
  rate: l('得分率', '完成率', '得分系数', '得分系数(%)'),
  score: l('得分', '指标得分', '自评得分', '评价得分', '指标得分(分)'),
  deviation: l(
    '偏差原因分析及改进措施',
    '偏差原因分析及改进措施说明',
    '未完成原因分析',
    '偏差原因及改进措施',
    '偏差原因分析和改进措施',
  ),
  remark: l('备注', '评分标准', '评分说明', '说明'),
  taskName: l('任务名称', '主要任务'),
  taskContent: l('主要内容', '任务内容'),
  taskProjects: l('对应项目', '对应项目名称', '涉及项目'),
};

/** Labels of the summary rows below the tables. */
export const TOTAL_LABELS = {
  total: l('总分', '合计得分', '总得分', '综合得分'),
  grade: l('等级', '评价等级', '自评等级', '绩效等级', '评级结果'),
  conclusion: l('评估结论', '结论', '总体结论'),
} as const;

/** Titles of the official forms; the reader also recognises a sheet by its title. */
export const FORM_TITLES: Record<TemplateId, Label> = {
  'ex-ante-assessment': l('事前绩效评估表', '事前绩效评估评分表', '事前评估评分表'),
  'project-goals': l('项目支出绩效目标申报表', '项目绩效目标申报表', '项目支出绩效目标表'),
  'department-goals': l(
    '部门整体支出绩效目标申报表',
    '部门（单位）整体支出绩效目标申报表',
    '部门整体绩效目标申报表',
  ),
  'project-monitoring': l('项目支出绩效目标执行监控表', '绩效目标执行监控表', '项目绩效运行监控表'),
  'project-self-evaluation': l('项目支出绩效自评表', '项目绩效自评表'),
  'department-self-evaluation': l(
    '部门整体支出绩效自评表',
    '部门（单位）整体支出绩效自评表',
    '部门整体绩效自评表',
  ),
  'key-evaluation': l('项目支出绩效评价评分表', '绩效评价评分表', '重点评价评分表'),
};

/** Values of the dropdowns that are the same for every profile. */
export const MONITORING_CAUSES = ['经费保障', '制度保障', '人员保障', '硬件条件保障', '其他'] as const;
export const LIKELIHOODS = ['确定能', '有可能', '完全不可能'] as const;
export const RATINGS = ['优', '良', '中', '差'] as const;
export type Rating = (typeof RATINGS)[number];
