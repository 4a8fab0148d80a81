import { FORM_TITLES } from '../../forms/vocabulary';
import type { TemplateSpec } from '../template-spec';
import {
  PROJECT_ATTRIBUTES,
  amountColumn,
  basisColumn,
  headerField,
  input,
  levelColumns,
  operatorColumn,
  targetColumn,
  unitColumn,
} from './common';

/** 项目支出绩效目标申报表 (财预〔2015〕88号 附件, 中期 + 年度). */
export const projectGoals: TemplateSpec = {
  id: 'project-goals',
  version: 1,
  title: FORM_TITLES['project-goals'].canonical,
  description: '编报预算时同步申报项目的中期和年度绩效目标及指标，经审核后随预算批复，是监控和评价的依据。',
  subtitle: '单位：万元',
  sections: [
    {
      kind: 'fields',
      rows: [
        [headerField('projectName', '填写与预算申报一致的项目全称。')],
        [
          headerField('department', '填写项目的主管部门（可加部门代码）。'),
          headerField('implementingUnit', '填写具体实施项目的单位。'),
        ],
        [
          headerField(
            'projectAttribute',
            '选择新增项目或延续项目。',
            input({ kind: 'list', values: PROJECT_ATTRIBUTES }),
          ),
          headerField('projectPeriod', '填写项目实施期限，如 2024—2026 年。'),
        ],
      ],
    },
    {
      kind: 'funds',
      label: '项目资金（万元）',
      rows: ['total', 'fiscal', 'other'],
      columns: [
        amountColumn('midTerm', '项目实施期内的资金总额（万元）。'),
        amountColumn('annual', '本年度的资金（万元）。'),
      ],
      partsOf: { total: 'total', parts: ['fiscal', 'other'] },
    },
    {
      kind: 'fields',
      rowHeight: 48,
      rows: [
        [{ label: { goal: 'midTerm' }, content: input(), help: '概括项目实施期内要达到的产出和效果。' }],
        [
          {
            label: { goal: 'annual' },
            content: input(),
            help: '概括本年度要达到的产出和效果，与年度绩效指标对应。',
          },
        ],
      ],
    },
    {
      kind: 'table',
      table: 'indicators',
      label: '绩效指标',
      columns: [...levelColumns(), operatorColumn, targetColumn, unitColumn, basisColumn],
      blankRows: 'indicatorRows',
      freezeBelowHeader: true,
    },
  ],
  rules: [],
  checks: [
    '必填项：项目名称、主管部门、实施单位、资金数额、中期和年度目标。',
    '资金：资金总额应等于财政拨款与其他资金之和。',
    '指标：一级、二级指标须属于指标框架；产出、效益、满意度等必需的一级指标均应有指标；不应重复。',
    '数值：指标性质须为 ≥ > = ≤ < 定性；定量指标值须为数字并有计量单位；百分比不超过 100；不用 * / 无 等占位。',
  ],
};
