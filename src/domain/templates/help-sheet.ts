/**
 * The 填表说明 sheet: what to write in every field and column (from the spec), the scoring rules with the
 * profile's own numbers, and what the add-in checks. Generated, so it never disagrees with the form.
 */
import {
  COLUMN_LABELS,
  FUNDS_COL_LABELS,
  FUNDS_ROW_LABELS,
  GOAL_LABELS,
  HEADER_LABELS,
  TOTAL_LABELS,
} from '../forms/vocabulary';
import type { Profile } from '../profiles/profile-schema';
import type { FieldLabel, RuleTopic, TemplateSpec } from './template-spec';

export interface HelpSheet {
  /** [item, text]; a heading row has no text. */
  rows: [string, string | null][];
  /** 0-based rows of the headings. */
  headingRows: number[];
}

const CHINESE_NUMBERS = ['一', '二', '三', '四', '五', '六'] as const;

function percent(fraction: number): string {
  return `${Math.round(fraction * 1000) / 10}%`;
}

function labelOf(label: FieldLabel): string {
  if ('header' in label) return HEADER_LABELS[label.header].canonical;
  if ('goal' in label) return GOAL_LABELS[label.goal].canonical;
  if ('summary' in label) return TOTAL_LABELS[label.summary].canonical;
  return label.text;
}

/** "≥ 90 分：优；≥ 80 分：良 …; 低于 60 分：差" from bands given highest first. */
function bands(entries: readonly { name: string; min: number }[]): string {
  const sorted = [...entries].sort((a, b) => b.min - a.min);
  return sorted
    .map((entry, index) => {
      const previous = sorted[index - 1];
      if (entry.min > 0 || previous === undefined) return `总分 ≥ ${entry.min}：${entry.name}`;
      return `低于 ${previous.min}：${entry.name}`;
    })
    .join('；');
}

/** Clauses joined with '；' into one sentence: a clause's own closing '。' would double up. */
function sentence(clauses: readonly string[]): string {
  return `${clauses.map((clause) => clause.replace(/[。；\s]+$/u, '')).join('；')}。`;
}

const RULE_TITLES: Record<RuleTopic, string> = {
  weights: '分值',
  budget: '预算执行率',
  quantitative: '定量指标',
  qualitative: '定性指标',
  grades: '等级',
  rounding: '小数位',
  recommendations: '结果应用',
  exAnte: '评级与结论',
  keyEvaluation: '分值与公式指标',
  monitoring: '执行进度预警',
};

function ruleText(topic: RuleTopic, profile: Profile): string {
  switch (topic) {
    case 'weights': {
      const groups = profile.weights.groups
        .map((group) => `${group.levels.join('、')} ${group.weight} 分`)
        .join('；');
      return `预算执行率 ${profile.weights.budget} 分；${groups}；合计 100 分。二级、三级指标分值合计等于上级分值。`;
    }
    case 'budget':
      return '执行率 = 全年执行数 ÷ 全年预算数；预算执行率得分 = 分值 × 执行率，执行率超过 100% 的按 100% 计。';
    case 'quantitative': {
      const reverse =
        profile.reverseRule === 'ratio'
          ? '反向指标（≤ <）：实际完成值不超过指标值的得满分，超过的得分 = 分值 × 指标值 ÷ 实际完成值。'
          : '反向指标（≤ <）：实际完成值不超过指标值的得满分，超过的得分 = 分值 ×（1 −（实际完成值 − 指标值）÷ 指标值），达到指标值 2 倍及以上的不得分。';
      return (
        '正向指标（≥ >）：实际完成值达到指标值的得满分，未达到的得分 = 分值 × 实际完成值 ÷ 指标值。' +
        '“=”指标按正向计分；指标值为 0 的，实际完成值不大于 0 得满分，否则不得分。实际完成值为负数的按 0 计。' +
        reverse +
        `正向指标实际完成值超过指标值 ${profile.overAchievementRatio} 倍的，应在偏差原因中说明。得分不超过分值。`
      );
    }
    case 'qualitative':
      return (
        '定性指标按完成档次在分值区间内打分：' +
        profile.qualitativeTiers
          .map(
            (tier) =>
              `${tier.tier}：分值的 ${percent(tier.min)}–${percent(tier.max)}（${tier.maxInclusive ? '含' : '不含'}上限）`,
          )
          .join('；') +
        '。'
      );
    case 'grades':
      return (
        sentence([bands(profile.grades.map((entry) => ({ name: entry.grade, min: entry.min })))]) +
        (profile.gradeRequired ? '' : '本地区自评可不评定等级。')
      );
    case 'rounding':
      return `得分保留 ${profile.rounding.scoreDigits} 位小数，总分保留 ${profile.rounding.totalDigits} 位小数（${
        profile.rounding.mode === 'round' ? '四舍五入' : '截尾'
      }），等级按取舍后的总分评定。`;
    case 'recommendations':
      return sentence(
        (['优', '良', '中', '差'] as const).map((grade) => `${grade}：${profile.recommendations[grade]}`),
      );
    case 'exAnte': {
      const factors = (['优', '良', '中', '差'] as const)
        .map((rating) => `${rating} ${percent(profile.exAnte.ratingFactors[rating])}`)
        .join('、');
      const conclusions = bands(
        profile.exAnte.conclusions.map((entry) => ({ name: entry.conclusion, min: entry.min })),
      );
      return `每个评估要点的得分 = 分值 × 评级折算比例（${factors}）。${sentence([conclusions])}`;
    }
    case 'keyEvaluation':
      return (
        `分值合计 100，产出与效益指标分值合计不低于 ${profile.keyEvaluation.outputPlusOutcomeMin} 分。` +
        '资金到位率、预算执行率、实际完成率、质量达标率、成本节约率为公式类指标：填写分子、分母后自动计算得分率和得分（得分 = 分值 × 得分率，最高为分值；成本节约率不低于 0 的得满分）。其他指标由评价人按评分标准打分。'
      );
    case 'monitoring':
      return `执行进度 =（1-N月执行数 ÷ 年初预算数）÷（监控月份 ÷ 12）× 100：低于 ${profile.monitoring.red} 为红灯，低于 ${profile.monitoring.yellow} 为黄灯，其余为绿灯。`;
  }
}

export function helpSheetRows(spec: TemplateSpec, profile: Profile): HelpSheet {
  const rows: [string, string | null][] = [[`${spec.title}填表说明`, null]];
  const headingRows: number[] = [];
  let headingIndex = 0;
  const heading = (text: string): void => {
    headingRows.push(rows.length);
    rows.push([`${CHINESE_NUMBERS[headingIndex] ?? String(headingIndex + 1)}、${text}`, null]);
    headingIndex += 1;
  };

  heading('本表用途');
  rows.push(['用途', spec.description]);
  // The profile's name and its basis apart: the name often cites the basis already (默认（财预〔2020〕10号）).
  rows.push(['适用规则', profile.name]);
  rows.push(['规则依据', sentence([profile.basis])]);

  heading('填写说明');
  rows.push([
    '通用',
    '白色单元格由填报人填写；灰色底纹和公式单元格受保护，由表内公式自动计算。标红的单元格有错误，改正后自动消失。需要增加指标时，在表格中间插入行。',
  ]);
  for (const section of spec.sections) {
    switch (section.kind) {
      case 'fields':
        for (const pair of section.rows.flat()) rows.push([labelOf(pair.label), pair.help]);
        break;
      case 'funds':
        rows.push([
          section.label,
          `按行填写：${section.rows.map((row) => FUNDS_ROW_LABELS[row].canonical).join('、')}。`,
        ]);
        for (const column of section.columns)
          rows.push([column.label ?? FUNDS_COL_LABELS[column.key].canonical, column.help]);
        break;
      case 'goalColumns':
        for (const column of section.columns) {
          rows.push([
            `${GOAL_LABELS[section.label].canonical}·${GOAL_LABELS[column.key].canonical}`,
            column.help,
          ]);
        }
        break;
      case 'table':
        for (const column of section.columns) rows.push([COLUMN_LABELS[column.key].canonical, column.help]);
        break;
    }
  }

  if (spec.rules.length > 0) {
    heading('评分规则');
    for (const topic of spec.rules) rows.push([RULE_TITLES[topic], ruleText(topic, profile)]);
  }

  heading('检查内容');
  spec.checks.forEach((check, index) => rows.push([String(index + 1), check]));
  return { rows, headingRows };
}
