import fc from 'fast-check';
import { TEMPLATE_IDS } from '../../../src/domain/forms/form-model';
import { readForm } from '../../../src/domain/forms/read-form';
import type { CellScalar } from '../../../src/domain/grid/cell';
import { blockOf } from '../../helpers/grid';

/** Words of real forms mixed into random text, so that the random grids reach the reader's section logic. */
const FORM_WORDS = [
  '项目支出绩效自评表',
  '项目名称',
  '主管部门',
  '项目资金（万元）',
  '年初预算数',
  '全年执行数',
  '年度资金总额',
  '其他资金',
  '预期目标',
  '年度总体目标',
  '一级指标',
  '二级指标',
  '三级指标',
  '年度指标值',
  '实际完成值',
  '分值',
  '得分',
  '经费保障',
  '其他',
  '总分',
  '等级',
  '评估结论',
  '1-7月执行情况',
  '绩效指标',
  '≥95%',
];

const cell: fc.Arbitrary<CellScalar> = fc.oneof(
  fc.constant(null),
  fc.string({ maxLength: 8 }),
  fc.constantFrom(...FORM_WORDS),
  fc.double({ noNaN: false }),
  fc.integer({ min: -1000, max: 1000 }),
  fc.boolean(),
);

const grid = fc.array(fc.array(cell, { maxLength: 9 }), { maxLength: 14 });
const hint = fc.option(
  fc.record({
    template: fc.constantFrom(...TEMPLATE_IDS),
    version: fc.option(fc.integer({ min: 1, max: 9 })),
  }),
);

describe('readForm on any grid', () => {
  it('never throws, and every row it returns lies inside its table', () => {
    fc.assert(
      fc.property(grid, hint, fc.nat(5), fc.nat(5), (rows, meta, top, left) => {
        const result = readForm(blockOf(rows, top, left), 'Sheet1', meta);
        if (!result.ok) return;
        expect(TEMPLATE_IDS).toContain(result.form.template);
        for (const [key, table] of Object.entries(result.form.tables)) {
          const layout = result.layout.tables[key as keyof typeof result.layout.tables];
          expect(layout).toBeDefined();
          let last = -1;
          for (const row of table ?? []) {
            expect(row.row).toBeGreaterThan(last);
            expect(row.row).toBeGreaterThanOrEqual(layout?.firstDataRow ?? Infinity);
            expect(row.row).toBeLessThan(layout?.endRow ?? -Infinity);
            last = row.row;
          }
        }
      }),
      { numRuns: 400 },
    );
  });
});
