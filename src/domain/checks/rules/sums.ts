/**
 * Sums outside the funds rows: a block of item amounts closed by a 合计 row (项目预算: 成本构成 | 金额 |
 * 2020年实际执行数 …), read by the reader as `ParsedForm.sums`. Each column's 合计 must equal its items.
 */
import { amountIn } from '../money';
import { formRule, type Rule } from '../rule';
import { ALL_TEMPLATES } from '../template-groups';

const round4 = (n: number): number => Math.round(n * 10000) / 10000;

export const sumItemsMismatch = formRule({
  code: 'sum_items_mismatch',
  severity: 'error',
  templates: ALL_TEMPLATES,
  scope: 'form',
  params: ['column', 'total', 'parts', 'count', 'tolerance'],
  check: (form, ctx) =>
    (form.sums ?? []).flatMap((block) =>
      block.columns.flatMap((column) => {
        const total = amountIn(column.total);
        if (total === null) return [];
        const parts = column.items.map(amountIn).filter((n): n is number => n !== null);
        const sum = parts.reduce((a, n) => a + n, 0);
        if (parts.length < 2 || Math.abs(total - sum) <= ctx.profile.tolerances.money + 1e-9) return [];
        return [
          {
            cell: column.total.cell,
            params: {
              column: column.header,
              total: round4(total),
              parts: round4(sum),
              count: parts.length,
              tolerance: ctx.profile.tolerances.money,
            },
          },
        ];
      }),
    ),
});

export const SUM_RULES: readonly Rule[] = [sumItemsMismatch];
