/**
 * Small grids in the layouts of forms departments actually send (docs/real-forms.md): their wording, their
 * extra columns and their ways of writing funds and goals. The values are made up and short; each grid keeps
 * only the rows its test is about. Merged cells are written as blanks, as a host reads them.
 */
import type { CellScalar } from '../../../src/domain/grid/cell';

const N = null;

/** A district self-evaluation: 年初预算数(A) with no 全年预算数, goals in one 年度总体目标 row, extra columns. */
export function initialBudgetSelfEvaluation(): CellScalar[][] {
  return [
    ['项目支出绩效自评表(2016年度)', N, N, N, N, N, N, N, N, N],
    ['项目名称', '街巷保洁外包', N, N, N, N, N, N, N, N],
    ['主管部门及代码', '某街道办事处', N, N, N, '实施单位（盖章）:', '某城市运行服务中心', N, N, N],
    [
      '项目资金(万元)',
      N,
      '年初预算数(A)',
      '全年执行数(B)',
      '分值(10分)',
      '执行率(B/A)',
      '得分',
      '得分计算方法',
      N,
      N,
    ],
    [N, '年度资金总额:', 300, 150, 10, '50%', 5, '执行率*该指标分值', N, N],
    [N, '其中:本年一般公共预算拨款', 300, 150, N, N, N, N, N, N],
    [N, '其他资金', N, N, N, N, N, N, N, N],
    ['年度总体目标', '完成20条道路保洁外包', N, N, N, '已完成20条道路保洁外包', N, N, N, N],
    [
      '绩效指标',
      '一级指标',
      '二级指标',
      '三级指标',
      '分值',
      '年度指标值(A)',
      '全年实际值(B)',
      '得分计算方法',
      '得分',
      '未完成原因分析',
    ],
    [N, '产出指标(50分)', '数量指标', '保洁道路条数', 25, 20, 20, '完成值达到指标值记满分', 25, N],
    [N, N, '质量指标', '保洁达标率', 25, '95%', '96%', N, 25, N],
    [N, '成本指标', '经济成本指标', '单位保洁成本', 10, '≤2万元', '1.9万元', N, 10, N],
    [N, '效益指标', '社会效益指标', '环境改善', 20, '有效改善', '有效改善', N, 20, N],
    [N, '满意度指标', '服务对象满意度指标', '居民满意度', 10, '≥90%', '92%', N, 10, N],
    ['总分', N, N, N, 100, N, N, N, 95, N],
    ['自评等级', '优', N, N, N, N, N, N, N, N],
  ];
}

/** A funds block with 得分 before 执行率 and a 偏差原因 column, and a grade on the 总分 row. */
export function scoreBeforeRateSelfEvaluation(): CellScalar[][] {
  return [
    ['项目支出绩效自评表', N, N, N, N, N, N, N],
    ['项目名称', '基层医疗绩效工资补助', N, N, '主管预算部门', '区卫生健康委员会', N, N],
    ['资金使用单位', '社区卫生服务中心', N, N, N, N, N, N],
    [
      '项目资金 (万元)',
      '年初预算数',
      '全年预算数(A)',
      '全年执行数(B)',
      '分值',
      '得分',
      '执行率(B/A)',
      '偏差原因分析及 改进措施',
    ],
    ['年度资金总额:', 3, 3, 3, 10, 10, '100.00%', N],
    ['其中:中央补助', 3, 3, 3, N, N, N, N],
    ['年度总体目标', '预期目标', N, N, '实际完成情况', N, N, N],
    [N, '提高服务能力', N, N, '服务能力已提高', N, N, N],
    ['一级指标', '二级指标', '三级指标', '指标值', '实际完成值', '得分', '分值', '偏差原因'],
    ['产出指标', '数量指标', '编内人员数', '3人', '3人', 50, 50, N],
    ['效益指标', '社会效益指标', '签约宣传人次', '>3万人次', '3.2万人次', 30, 30, N],
    ['满意度指标', '服务对象满意度指标', '服务对象满意度', '≥90%', '95%', 10, 10, N],
    ['总分', N, N, N, N, 100, 100, '优'],
  ];
}

/** A goal declaration with its funds as label/amount pairs and template slots left as shipped. */
export function inlineFundsGoals(): CellScalar[][] {
  return [
    ['项目支出绩效目标表', N, N, N, N],
    ['(2021年度)', N, N, N, N],
    ['项目名称', '基层医疗绩效工资补助', N, N, N],
    ['主管预算部门', '区卫健委', '项目实施单位', '社区卫生服务中心', N],
    ['项目资金 (万元)', 3, '其中:财政拨款', 3, N],
    [N, N, '其他资金', 0, N],
    ['绩 效 目 标', '目标1:提高医疗机构服务能力', N, N, N],
    ['绩 效 指 标', '一级指标', '二级指标', '三级指标', '指标值'],
    [N, '产出指标', '数量指标', '指标1:编内人员数', '3人'],
    [N, N, N, '指标2:', N],
    [N, N, '成本指标', '指标1:补助资金成本', '3万元'],
    [N, '效益指标', '社会效益指标', '签约宣传参加人次', '>3万人次'],
    [N, '满意度指标', '服务对象满意度指标', '服务对象满意度', '100%'],
  ];
}

/** A central investment plan: 实施效果指标 above the first levels, which sit in the 二级 column. */
export function levelAboveGoals(): CellScalar[][] {
  return [
    ['2022年中央预算内投资计划绩效目标表', N, N, N, N],
    ['专项名称', '农业绿色发展专项', N, N, N],
    ['下达地方或单位', '某区人民政府', N, N, N],
    ['下达中央预算内投资(万元)', 2350, N, N, N],
    ['总 体 目 标', '提高畜禽粪污综合利用率', N, N, N],
    ['绩 效 指 标', '一级指标', '二级指标', '三级指标', '指标值'],
    [N, '实施效果指标', '产出指标', '建设项目个数', 1],
    [N, N, N, '竣工验收合格率', '100%'],
    [N, N, '效益指标', '综合利用率', '≥90%'],
  ];
}

/** Goals with 长期 and 年度 target columns under one merged 指标值 header. */
export function longAndAnnualGoals(): CellScalar[][] {
  return [
    ['项目支出绩效目标申报表', N, N, N, N],
    ['项目名称', '饮水安全巩固提升', '主管部门', '水利局', N],
    ['实施单位', '供水站', '项目属性', '经常性项目', N],
    ['项目期', '3年', N, N, N],
    ['年度目标', '改善9200人饮水条件', N, N, N],
    ['项目资金（万元）', '中期资金总额', '年度资金总额', N, N],
    ['年度资金总额', 1500, 500, N, N],
    ['一级指标', '二级指标', '三级指标', '指标值', N],
    [N, N, N, '长期目标', '年度目标'],
    ['产出指标', '数量指标', '改善饮水人数', '2.7万人', '9200人'],
    ['满意度指标', '服务对象满意度指标', '群众满意度', '≥95%', '≥90%'],
  ];
}

/** Goals with one target column per village and a 指标解释 column. */
export function perPlaceGoals(): CellScalar[][] {
  return [
    ['2022年水利专项资金绩效目标表', N, N, N, N, N, N],
    ['项目名称', '小型水利工程', N, '主管部门(单位)名称', '水利局', N, N],
    ['资金情况(万元)', '资金总额', 100, '其中:财政拨款', 100, '其他资金', N],
    ['总 体 目 标', '开展3个小型水利工程建设', N, N, N, N, N],
    ['绩效 指标', '一级指标', '二级指标', '三级指标', '指 标 解 释', '尧山村', '吾培村'],
    [N, '产出 指标', '数量指标', '开展小型水利工程建设(个)', '反映工程开展情况', 1, 2],
  ];
}

/** Headers that only nearly match a label (OCR damage), in the header zone, the funds block and the table. */
export function nearMissSelfEvaluation(): CellScalar[][] {
  return [
    ['项目支出绩效自评表', N, N, N, N, N, N],
    ['项目名秤', '社区养老服务', N, '主管部门', '民政局', N, N],
    ['项目实施单位', '养老服务中心', N, N, N, N, N],
    ['项目资金', N, '全年预算书', '全年执行数', '执行率', N, N],
    [N, '年度资金总额', 100, 95, '95%', N, N],
    ['预期目标', N, N, '实际完成情况', N, N, N],
    ['为300名老人提供服务', N, N, '已为320名老人提供服务', N, N, N],
    ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成直', '分值', '得分'],
    ['产出指标', '数量指标', '服务人数', '≥300人', '320人', 50, 50],
    ['总分', N, N, N, N, 50, 50],
  ];
}

/**
 * The 湖北 2020 项目自评表 (also printed by 云南 districts): no 分值 column anywhere. 预算执行 writes its points in
 * the block label and the 得分 header (预算执行情况(万元)(20分), 得分(20分*执行率)); the indicator rows carry only
 * 得分; the targets are 年初目标值(A).
 */
export function pointsInLabelSelfEvaluation(): CellScalar[][] {
  return [
    ['2020 年市级服务贸易发展资金项目自评表', N, N, N, N, N, N],
    ['项目名称', '服务贸易发展资金', N, N, N, N, N],
    ['主管部门', '区商务局', N, '项目实施单位', '投资促进中心', N, N],
    ['预算执行 情况(万元) (20 分)', N, '预算数 (A)', '执行数(B)', '执行率(B/A)', '得分 (20 分*执行率)', N],
    [N, '年度财政 资金总额', 200, 100, '50%', 10, N],
    ['年度绩效目标 (80 分)', '一级指标', '二级指标', '三级指标', '年初目标值 (A)', '实际完成值 (B)', '得分'],
    [N, '产出指标', '数量指标', '服务外包企业数量', 3, 3, 40],
    [N, '效益指标', '社会效益指标', '带动就业人数', 100, 100, 40],
    ['总分', N, N, N, N, N, 100],
  ];
}

/**
 * A county 专项资金绩效目标自评表 that scores nothing (湖南 2020): funds with 全年预算数 | 全年执行数 | 执行率,
 * 年初设定目标 | 全年实际完成情况, indicators with 年度指标值 | 全年完成值 | 未完成原因和改进措施, no 分值, 得分
 * or 总分 anywhere.
 */
export function unscoredCountySelfEvaluation(): CellScalar[][] {
  return [
    ['2020年度县级专项资金绩效目标自评表', N, N, N, N, N, N],
    ['专项资金名称', '县级储备粮', N, N, '负责人及电话', '张三', N],
    ['县级主管部门', '县商务和粮食局', N, N, '实施单位', '粮食储备股', N],
    ['项目资金(万元)', N, N, '全年预算数(A)', '全年执行数(B)', '执行率(B/A)', N],
    [N, '年度资金总额', N, 194.9, 194.9, '100%', N],
    ['年度总体目标', '年初设定目标', N, N, '全年实际完成情况', N, N],
    [N, '保持地方粮食储备', N, N, '储备规模达标', N, N],
    ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '全年完成值', '未完成原因和改进措施'],
    [N, '产出指标', '数量指标', '储备到位率', '100%', '100%', N],
    [N, '效益指标', '经济效益指标', '利息费用保障率', '100%', '100%', N],
    [N, '满意度指标', '服务对象满意度指标', '市民满意度', '≥90%', '100%', N],
  ];
}
