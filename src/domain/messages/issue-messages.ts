/**
 * The text of every issue code, Chinese first. Placeholders `{name}` are filled from the issue's params; a
 * message may use only the params its rule declares (a test holds every rule to that). Each message says
 * what is wrong and what to do about it.
 */
export type Lang = 'zh-CN' | 'en';

export type MessageText = Readonly<Record<Lang, string>>;

const m = (zh: string, en: string): MessageText => ({ 'zh-CN': zh, en });

export const ISSUE_MESSAGES: Readonly<Record<string, MessageText>> = {
  // Structure
  form_unrecognized: m(
    '工作表“{sheet}”未识别为任何绩效表格：请使用“插入模板”，或检查表头是否与官方表样一致。',
    'Sheet "{sheet}" is not recognised as any performance form: insert a template, or make its headers match the official form.',
  ),
  required_column_missing: m(
    '未找到必需的栏目“{label}”：请按官方表样补上该栏目（表头文字需可识别）。',
    'Required section or column "{label}" was not found: add it as in the official form, with a recognisable header.',
  ),
  layout_part_absent: m(
    '本表所用表样没有“{labels}”，按该表样的设计处理，不作为错误：如应按含有这些栏目的表样填报，请核实。',
    'The layout this form follows has no "{labels}": taken as the design of that form, not as an error; if the form should follow a layout that has them, check.',
  ),
  label_near_match: m(
    '表头“{text}”与“{label}”相近，已按“{label}”读取：如不是，请改正表头文字。',
    'Header "{text}" is close to "{label}" and was read as "{label}": if it is not, correct the header.',
  ),
  jurisdiction_not_given: m(
    '本工作簿按地区口径包“{name}”（版本 {version}）制作，本次检查未使用该口径包，得分和检查结果可能与之不同：请用 --jurisdiction 给出该口径包再检查。',
    'This workbook was made with the jurisdiction package "{name}" (version {version}), which this check did not use, so scores and findings may differ: check again with --jurisdiction and that package.',
  ),
  jurisdiction_different: m(
    '本工作簿按地区口径包“{name}”（版本 {version}）制作，本次检查使用的是“{given}”（版本 {givenVersion}），得分和检查结果可能与之不同：请用 --jurisdiction 给出该工作簿的口径包再检查。',
    'This workbook was made with the jurisdiction package "{name}" (version {version}), but this check used "{given}" (version {givenVersion}), so scores and findings may differ: check again with --jurisdiction and the workbook\'s package.',
  ),
  table_empty: m(
    '“{label}”表格中没有填写任何内容：请至少填写一行。',
    'The "{label}" table is empty: fill in at least one row.',
  ),

  // Required fields
  required_field_missing: m('“{label}”为必填项，请填写。', '"{label}" is required: fill it in.'),
  task_name_missing: m(
    '年度主要任务{name}未填写任务名称：请填写。',
    'Annual task at {name} has no task name (任务名称): fill it in.',
  ),

  // Framework
  level_empty: m(
    '三级指标“{name}”未填写{label}：请从下拉列表中选择。',
    'Indicator "{name}" has no {label}: pick one from the dropdown.',
  ),
  unknown_level1: m(
    '一级指标“{level1}”不在指标框架中（三级指标“{name}”）：请从下拉列表中选择一级指标。',
    'First-level indicator "{level1}" is not in the indicator framework (indicator "{name}"): pick one from the dropdown.',
  ),
  unknown_level2: m(
    '二级指标“{level2}”不在指标框架中（三级指标“{name}”）：请从下拉列表中选择二级指标。',
    'Second-level indicator "{level2}" is not in the indicator framework (indicator "{name}"): pick one from the dropdown.',
  ),
  level_near_match: m(
    '指标层级“{text}”与框架中的“{level}”相近（三级指标“{name}”），已按“{level}”理解：如不是，请改正。',
    'Indicator level "{text}" is close to "{level}" of the framework (indicator "{name}") and was taken as "{level}": if it is not, correct it.',
  ),
  level2_not_under_level1: m(
    '二级指标“{level2}”属于一级指标“{expected}”，不应填在“{level1}”下（三级指标“{name}”）：请改正一级或二级指标。',
    'Second-level "{level2}" belongs under first-level "{expected}", not "{level1}" (indicator "{name}"): correct one of them.',
  ),
  level3_empty: m(
    '第{row}行未填写三级指标名称：请填写指标名称，或删除该行。',
    'Row {row} has no third-level indicator name: fill it in or delete the row.',
  ),
  duplicate_indicator: m(
    '三级指标“{name}”与第{firstRow}行重复：请合并或删除重复的指标。',
    'Indicator "{name}" repeats the one in row {firstRow}: merge or delete the duplicate.',
  ),
  level1_group_missing: m(
    '缺少一级指标“{level1}”：绩效指标应至少包含一项该类指标。',
    'First-level group "{level1}" is missing: the indicators must include at least one of this group.',
  ),
  level1_group_shared: m(
    '本表没有一级指标“{level1}”的指标：按当前规则它与“{present}”合为一组计分，该组已有指标，不作为错误；如本地要求单列，请补充。',
    'The form has no indicator under first-level "{level1}": the current profile scores it in one group with "{present}", which the form fills, so this is not an error; add one if the local rules want it separately.',
  ),

  // Values
  cell_error_value: m(
    '三级指标“{name}”的{label}为错误值 {value}：请检查该单元格的公式或内容。',
    'The {label} of indicator "{name}" is the error value {value}: check the cell\'s formula or content.',
  ),
  number_as_text: m(
    '三级指标“{name}”的{label}“{value}”是以文本存储的数字：表内公式不计算文本，本行得分与总分均未计入；应为数字 {number}，请改为数字（删去空格、撇号、千分位，用半角数字）。',
    'The {label} of indicator "{name}", "{value}", is a number stored as text: the sheet\'s formulas do not count text, so this row is left out of its score and of the total. It is probably {number}: enter it as a number (no spaces, apostrophe or separators; half-width digits).',
  ),
  number_as_text_plain: m(
    '三级指标“{name}”的{label}“{value}”是以文本存储的数字（按 {number} 计算）：表格公式与其他软件可能不计算文本，请改为数字。',
    'The {label} of indicator "{name}", "{value}", is a number stored as text (read as {number}): spreadsheet formulas and other tools may not count text; enter it as a number.',
  ),
  formula_result_differs: m(
    '三级指标“{name}”的得分公式保存的结果为 {stored}，按本行现有内容复算为 {computed}：表格未重新计算或公式已被改动，请在表格中重新计算（F9）并核对公式。',
    'The score formula of indicator "{name}" holds the stored result {stored}, but the row as it stands gives {computed}: the sheet was not recalculated or the formula was changed. Recalculate (F9) and check the formula.',
  ),
  formula_total_differs: m(
    '{label}公式保存的结果为 {stored}，复算为 {computed}：表格未重新计算或公式已被改动，请重新计算（F9）并核对公式。',
    'The {label} formula holds the stored result {stored}, but recomputation gives {computed}: the sheet was not recalculated or the formula was changed. Recalculate (F9) and check the formula.',
  ),
  score_formula_replaced: m(
    '三级指标“{name}”的得分公式已被手工输入的 {stated} 覆盖（按规则复算为 {computed}）：请恢复模板公式，或说明手工得分的依据。',
    'The score formula of indicator "{name}" was typed over with {stated} (the rules give {computed}): restore the template\'s formula, or explain the typed score.',
  ),
  operator_missing: m(
    '三级指标“{name}”未填写指标性质：请选择 ≥、>、=、≤、< 或 定性。',
    'Indicator "{name}" has no operator (指标性质): choose ≥, >, =, ≤, < or 定性.',
  ),
  operator_invalid: m(
    '三级指标“{name}”的指标性质“{value}”无法识别：请选择 ≥、>、=、≤、< 或 定性。',
    'Operator "{value}" of indicator "{name}" is not recognised: choose ≥, >, =, ≤, < or 定性.',
  ),
  operator_near_match: m(
    '三级指标“{name}”的指标性质“{value}”与“{word}”相近（可能是复制或识别时打乱了文字）：请核实并改为“{word}”。',
    'The operator "{value}" of indicator "{name}" is close to "{word}" (probably scrambled when copied or scanned): check it and write "{word}".',
  ),
  operator_assumed: m(
    '三级指标“{name}”未写明指标性质，按指标名称中的“{word}”视为“{operator}”计分：如不对，请在指标值前写明 ≥、≤ 或 =。',
    'Indicator "{name}" writes no operator; from the word "{word}" in its name it is scored as "{operator}": if that is wrong, write ≥, ≤ or = before the target.',
  ),
  operator_assumed_default: m(
    '三级指标“{name}”未写明指标性质，按正向指标视为“{operator}”计分：如不对，请在指标值前写明 ≥、≤ 或 =。',
    'Indicator "{name}" writes no operator and is scored as a lower bound "{operator}": if that is wrong, write ≥, ≤ or = before the target.',
  ),
  indicator_unscored: m(
    '三级指标“{name}”无法计分：指标值“{value}”不是数字，也未写明完成档次（{tiers}），该行未计入重算总分。请写明数值指标值，或填写完成档次。',
    'Indicator "{name}" cannot be scored: its target "{value}" is no number and no tier ({tiers}) is named, so the recomputed total leaves it out. Write a number as the target, or name the tier.',
  ),
  target_missing: m(
    '三级指标“{name}”未填写指标值：请填写年度指标值。',
    'Indicator "{name}" has no target value: fill in the annual target.',
  ),
  target_not_number: m(
    '三级指标“{name}”为定量指标，但指标值“{value}”不是数字：请填写数字，或将指标性质改为“定性”。',
    'Indicator "{name}" is quantitative but its target "{value}" is not a number: enter a number, or set the operator to 定性.',
  ),
  unit_missing: m(
    '三级指标“{name}”未填写计量单位：定量指标须填写计量单位（如 %、人次、万元）。',
    'Indicator "{name}" has no unit: a quantitative indicator needs one (such as %, 人次, 万元).',
  ),
  percent_over_100: m(
    '三级指标“{name}”的指标值为 {value}%，超过 100%：请核实指标值或计量单位。',
    'The target of indicator "{name}" is {value}%, above 100%: check the value or the unit.',
  ),
  placeholder_value: m(
    '三级指标“{name}”的{label}填写为“{value}”：请填写实际的值，不要用占位符。',
    'The {label} of indicator "{name}" is the placeholder "{value}": enter the real value.',
  ),
  cost_indicator_operator: m(
    '成本指标“{name}”的指标性质为“{operator}”：成本指标通常应为 ≤ 或 <，请核实。',
    'Cost indicator "{name}" uses "{operator}": a cost indicator is normally ≤ or <; check it.',
  ),
  timeliness_after_project_end: m(
    '时效指标“{name}”的完成时限为 {value}，晚于项目实施期限（{period}）的结束：请核实完成时限或项目期限。',
    'Timeliness indicator "{name}" falls due in {value}, after the project period ({period}) ends: check the deadline or the period.',
  ),

  // Weights
  weight_missing: m(
    '三级指标“{name}”未填写分值：请填写该指标的分值。',
    'Indicator "{name}" has no weight: fill it in.',
  ),
  weight_not_number: m(
    '三级指标“{name}”的分值“{value}”不是数字：请填写数字。',
    'The weight "{value}" of indicator "{name}" is not a number: enter a number.',
  ),
  weight_not_positive: m(
    '三级指标“{name}”的分值为 {value}：分值应大于 0，不适用的指标请删除。',
    'Indicator "{name}" has weight {value}: a weight must be above 0; delete an indicator that does not apply.',
  ),
  weight_sum_not_100: m(
    '各项分值合计为 {sum}（含预算执行 {budget} 分），应为 100：请调整分值。',
    'The weights add up to {sum} (budget execution {budget} included) instead of 100: adjust them.',
  ),
  level1_weight_off_profile: m(
    '一级指标“{level1}”的分值合计为 {sum}，按当前规则应为 {expected}：请核实分值设置。',
    'The weights of "{level1}" add up to {sum}; the current profile sets {expected}: check the weights.',
  ),
  level1_weights_own_scheme: m(
    '本表分值按自身方案设置（{split}），与当前规则（{expected}）不同：如本地规定如此可忽略，否则请核实。',
    'The form weights its parts its own way ({split}); the current profile sets {expected}: ignore this if the local rules say so, otherwise check the weights.',
  ),
  budget_weight_off_profile: m(
    '预算执行的分值为 {stated}，按当前规则应为 {expected}：请核实。',
    'The budget-execution weight is {stated}; the current profile sets {expected}: check it.',
  ),

  // Money
  amount_not_number: m(
    '“{label}”的金额“{value}”不是数字：请填写数字（万元）。',
    'The amount "{value}" in {label} is not a number: enter a number (万元).',
  ),
  negative_amount: m(
    '“{label}”的金额为 {value}，不应为负数：请核实。',
    'The amount in {label} is {value}; it may not be negative: check it.',
  ),
  funds_parts_mismatch: m(
    '{column} {total} 万元与{partsLabel}之和 {parts} 万元不一致（容差 {tolerance} 万元）：请核对各项金额。',
    '{column} is {total} (万元) but {partsLabel} add up to {parts} (tolerance {tolerance}): check the amounts.',
  ),
  sum_items_mismatch: m(
    '{column}合计 {total} 万元与 {count} 个分项之和 {parts} 万元不一致（容差 {tolerance} 万元）：请核对各分项或合计。',
    '{column}: the 合计 {total} (万元) differs from its {count} items, which add up to {parts} (tolerance {tolerance}): check the items or the 合计.',
  ),
  executed_over_budget: m(
    '{label} {executed} 万元超过{budgetLabel} {budget} 万元：请核实执行数，或先调整预算数。',
    '{label} {executed} (万元) exceeds {budgetLabel} {budget}: check the execution or adjust the budget first.',
  ),
  task_budgets_over_total: m(
    '年度履职目标（主要任务）各项预算金额合计 {sum} 万元，超过年度资金总额 {total} 万元：请核实此项金额。',
    'The budget lines of the annual tasks add up to {sum} (万元), more than the annual total {total}: check this line.',
  ),
  amount_unit_mismatch: m(
    '“{label}”{value} 约为“{otherLabel}”{other} 的 10000 倍：可能把“元”当作“万元”填写，请统一以万元填写。',
    '{label} ({value}) is about 10,000 times {otherLabel} ({other}): probably 元 typed where 万元 is meant; use 万元 throughout.',
  ),

  // Self-evaluation
  actual_missing: m(
    '三级指标“{name}”未填写实际完成值：请填写全年实际完成值。',
    'Indicator "{name}" has no actual value: fill in the actual value for the year.',
  ),
  actual_not_number: m(
    '三级指标“{name}”的实际完成值“{value}”不是数字：定量指标请填写数字。',
    'The actual value "{value}" of indicator "{name}" is not a number: a quantitative indicator needs a number.',
  ),
  actual_negative: m(
    '三级指标“{name}”的实际完成值为 {value}（负数按 0 计分）：请核实。',
    'The actual value of indicator "{name}" is {value} (a negative value scores as 0): check it.',
  ),
  score_not_number: m(
    '三级指标“{name}”的得分“{value}”不是数字：请填写数字。',
    'The score "{value}" of indicator "{name}" is not a number: enter a number.',
  ),
  score_missing: m(
    '三级指标“{name}”未填写得分：请填写得分。',
    'Indicator "{name}" has no score: fill it in.',
  ),
  score_over_weight: m(
    '三级指标“{name}”的得分 {stated} 超过其分值 {weight}：得分不得超过分值。',
    'Indicator "{name}" scores {stated}, above its weight {weight}: a score may not exceed the weight.',
  ),
  score_mismatch: m(
    '三级指标“{name}”的得分 {stated} 与按规则计算的 {computed} 不一致（容差 {tolerance}）：请核实得分。',
    'Indicator "{name}" states {stated} but the rules give {computed} (tolerance {tolerance}): check the score.',
  ),
  deviation_reason_missing: m(
    '三级指标“{name}”得分 {score} 低于分值 {weight}：请填写偏差原因分析及改进措施。',
    'Indicator "{name}" scores {score}, below its weight {weight}: explain the deviation and the corrective measures.',
  ),
  over_achievement_unexplained: m(
    '三级指标“{name}”实际完成值 {actual} 为指标值 {target} 的 {ratio}%，超过 {threshold}%：请说明超额完成原因（指标值是否设定偏低）。',
    'Indicator "{name}" reached {actual}, {ratio}% of its target {target} and above {threshold}%: explain the over-achievement (was the target set too low?).',
  ),
  qualitative_tier_missing: m(
    '定性指标“{name}”未选择完成档次：请选择达成、部分达成或未达成。',
    'Qualitative indicator "{name}" has no completion tier: choose 达成, 部分达成 or 未达成.',
  ),
  qualitative_tier_invalid: m(
    '定性指标“{name}”的完成档次“{value}”无法识别：请选择 {tiers}。',
    'The tier "{value}" of qualitative indicator "{name}" is not recognised: choose one of {tiers}.',
  ),
  qualitative_score_out_of_band: m(
    '定性指标“{name}”档次为“{tier}”，得分应在 {band} 范围内，现为 {stated}：请调整得分或档次。',
    'Qualitative indicator "{name}" is rated "{tier}", so its score must lie in {band}; it is {stated}: adjust the score or the tier.',
  ),
  budget_score_mismatch: m(
    '预算执行得分 {stated} 与按执行率计算的 {computed} 不一致（容差 {tolerance}）：请核实。',
    'The budget-execution score {stated} differs from {computed} computed from the execution rate (tolerance {tolerance}): check it.',
  ),
  budget_score_missing: m(
    '未填写预算执行得分：按执行率计算应为 {computed} 分，请填写。',
    'The budget-execution score is empty; the execution rate gives {computed}: fill it in.',
  ),
  total_missing: m('未填写总分：请填写总分。', 'The total score is missing: fill it in.'),
  total_mismatch: m(
    '总分 {stated} 与各项得分之和 {computed} 不一致（容差 {tolerance}）：请重新合计。',
    'The total {stated} differs from the sum of the scores, {computed} (tolerance {tolerance}): add them up again.',
  ),
  grade_missing: m(
    '未填写等级：请按总分填写评价等级（优/良/中/差）。',
    'The grade is missing: fill in 优/良/中/差 according to the total.',
  ),
  grade_invalid: m(
    '等级“{value}”无法识别：请填写优、良、中或差。',
    'Grade "{value}" is not recognised: use 优, 良, 中 or 差.',
  ),
  grade_mismatch: m(
    '等级“{stated}”与总分 {total} 对应的等级“{expected}”不一致：请改正等级。',
    'Grade "{stated}" does not match the total {total}, which gives "{expected}": correct the grade.',
  ),

  // Monitoring
  monitoring_month_invalid: m(
    '监控月份“{value}”无效：请填写 1–12 的月份。',
    'Monitoring month "{value}" is not valid: enter a month from 1 to 12.',
  ),
  execution_behind_schedule: m(
    '红灯预警：预算执行率 {rate}% 仅为时间进度 {progress}% 的 {ratio}%：请分析原因并采取措施加快执行。',
    'Red light: budget execution {rate}% is only {ratio}% of time progress {progress}%: find the cause and speed up execution.',
  ),
  execution_lagging: m(
    '黄灯预警：预算执行率 {rate}% 为时间进度 {progress}% 的 {ratio}%，执行偏慢：请关注执行进度。',
    'Yellow light: budget execution {rate}% is {ratio}% of time progress {progress}%, behind schedule: watch the pace.',
  ),
  likelihood_missing: m(
    '三级指标“{name}”未填写完成目标可能性：请选择确定能、有可能或完全不可能。',
    'Indicator "{name}" has no likelihood of meeting the goal: choose 确定能, 有可能 or 完全不可能.',
  ),
  likelihood_invalid: m(
    '三级指标“{name}”的完成目标可能性“{value}”无法识别：请选择确定能、有可能或完全不可能。',
    'Likelihood "{value}" of indicator "{name}" is not recognised: choose 确定能, 有可能 or 完全不可能.',
  ),
  cause_missing: m(
    '三级指标“{name}”完成目标可能性为“{likelihood}”：请填写偏差原因（经费、制度、人员、硬件条件保障或其他）。',
    'Indicator "{name}" may not meet its goal ("{likelihood}"): give the cause of the deviation (funds, rules, staff, equipment or other).',
  ),
  progress_missing: m(
    '三级指标“{name}”未填写{label}：请填写。',
    'Indicator "{name}" has no {label}: fill it in.',
  ),

  // Ex-ante assessment and key evaluation
  rating_missing: m(
    '评估要点“{name}”未评级：请选择优、良、中或差。',
    'Criterion "{name}" has no rating: choose 优, 良, 中 or 差.',
  ),
  rating_invalid: m(
    '评估要点“{name}”的评级“{value}”无法识别：请选择优、良、中或差。',
    'Rating "{value}" of criterion "{name}" is not recognised: choose 优, 良, 中 or 差.',
  ),
  conclusion_missing: m(
    '未填写评估结论：请按总分填写评估结论。',
    'The assessment conclusion is missing: fill it in according to the total.',
  ),
  conclusion_inconsistent: m(
    '评估结论“{stated}”与总分 {total} 对应的结论“{expected}”不一致：请改正评估结论。',
    'Conclusion "{stated}" does not match the total {total}, which gives "{expected}": correct the conclusion.',
  ),
  output_outcome_below_min: m(
    '产出与效益指标的分值合计为 {sum}，低于 {min}：请调高产出、效益指标的分值。',
    'Output and outcome indicators weigh {sum} together, below {min}: give them more weight.',
  ),

  // Across stages
  goal_indicator_removed: m(
    '绩效目标表“{goalSheet}”中的三级指标“{name}”在本表中缺失：请补上，或说明目标调整的依据。',
    'Indicator "{name}" declared in goal sheet "{goalSheet}" is missing here: add it, or state why the goals were changed.',
  ),
  goal_indicator_added: m(
    '三级指标“{name}”不在绩效目标表“{goalSheet}”中：请核实是否为已批复的指标。',
    'Indicator "{name}" is not in goal sheet "{goalSheet}": check that it was approved.',
  ),
  goal_target_changed: m(
    '三级指标“{name}”的指标值“{stated}”与绩效目标表“{goalSheet}”中的“{declared}”不一致：请按批复的指标值填写，或说明调整依据。',
    'The target "{stated}" of indicator "{name}" differs from "{declared}" in goal sheet "{goalSheet}": use the approved target or state why it changed.',
  ),
};

/** Shown for a code the catalog does not know (a newer engine's report read by an older one). */
export const UNKNOWN_ISSUE: MessageText = m('检查项 {code}：{params}', 'Check {code}: {params}');
