/**
 * 写入汇总表: the batch results go into two new sheets under free names, never over an existing sheet, with
 * one summary line per form (or per unreadable file) and one line per issue; the same results the CLI makes.
 */
import { batchSheetsPlan } from '../../src/app/batch-sheets';
import { checkReceivedBytes, readGoalFormsFromBytes } from '../../src/app/check-received';
import { coverageEntry, coverageOf } from '../../src/app/coverage';
import { MemoryWorkbook } from '../../src/hosts/memory/memory-workbook';
import { openReceivedWorkbook } from '../../src/hosts/xlsx-file/open-received';
import { formFile, projectGoals } from '../cli/cycle-files';
import { selfEvaluationFile } from '../cli/workbooks';

jest.setTimeout(20_000);

describe('batch summary sheets', () => {
  it('writes 审核汇总 and 问题清单 beside existing sheets of those names', async () => {
    const options = { lang: 'zh-CN' as const, profile: null, framework: null, goals: [] };
    const good = await checkReceivedBytes(
      'good.xlsx',
      await selfEvaluationFile(),
      options,
      openReceivedWorkbook,
    );
    const bad = await checkReceivedBytes(
      'bad.xlsx',
      new Uint8Array([1, 2, 3]),
      options,
      openReceivedWorkbook,
    );
    expect(good.status).toBe('checked');
    expect(bad.status).toBe('unreadable');

    const book = new MemoryWorkbook();
    await book.applyPlan({
      formSheet: '审核汇总',
      ops: [
        { kind: 'ensureSheet', sheet: '审核汇总', visibility: 'visible', ifExists: 'fail' },
        { kind: 'writeBlock', sheet: '审核汇总', topLeft: 'A1', values: [['别人的内容']] },
      ],
    });
    const taken = new Set((await book.listSheets()).map((s) => s.name));
    const { plan, summary, issues } = batchSheetsPlan([good, bad], taken);
    expect(summary).toBe('审核汇总(2)');
    expect(issues).toBe('问题清单');
    await book.applyPlan(plan);

    expect((await book.readBlock('审核汇总')).values).toEqual([['别人的内容']]);
    const rows = (await book.readBlock(summary)).values;
    expect(rows[0]?.slice(0, 4)).toEqual(['文件', '状态', '工作表', '单位']);
    expect(rows).toHaveLength(1 + good.sheets.length + 1);
    const goodSheet = good.sheets[0];
    expect(rows[1]?.[7]).toBe(goodSheet?.scores.total ?? null);
    expect(rows[rows.length - 1]?.[1]).toBe('无法读取');
    const issueCount = good.sheets.reduce((n, s) => n + s.issues.length, 0) + 1;
    expect((await book.readBlock(issues)).values).toHaveLength(1 + issueCount);
  });

  it('adds 全覆盖 with the gaps when goal declarations were given, under a free name', async () => {
    const settings = { profile: null, framework: null };
    const declared = await readGoalFormsFromBytes(
      await formFile('project-goals', projectGoals('城区供水管网改造', '市住建局')),
      settings,
      openReceivedWorkbook,
    );
    expect(declared?.map((f) => f.template)).toEqual(['project-goals']);
    expect(await readGoalFormsFromBytes(new Uint8Array([1, 2]), settings, openReceivedWorkbook)).toBeNull();
    const options = { lang: 'zh-CN' as const, ...settings, goals: declared ?? [] };
    const checked = await checkReceivedBytes(
      'self.xlsx',
      await selfEvaluationFile(),
      options,
      openReceivedWorkbook,
    );
    const coverage = coverageOf(
      (declared ?? []).map((form) => coverageEntry('goals.xlsx', form)),
      [checked],
    );
    const taken = new Set(['全覆盖']);
    const { plan, sheets, coverage: name } = batchSheetsPlan([checked], taken, coverage);
    expect(sheets).toEqual(['审核汇总', '问题清单', '全覆盖(2)']);
    expect(name).toBe('全覆盖(2)');
    const book = new MemoryWorkbook();
    await book.applyPlan(plan);
    expect((await book.readBlock('全覆盖(2)')).values).toEqual([
      ['类别', '文件', '工作表', '表格', '部门', '项目名称'],
      [
        '有目标申报、无自评',
        'goals.xlsx',
        declared?.[0]?.sheet,
        '项目支出绩效目标申报表',
        '市住建局',
        '城区供水管网改造',
      ],
      [
        '有自评、无目标申报',
        'self.xlsx',
        checked.sheets[0]?.sheet,
        '项目支出绩效自评表',
        '市水利局',
        '农村饮水安全巩固提升工程',
      ],
    ]);
    // Without goal declarations there is no 全覆盖 sheet.
    expect(batchSheetsPlan([checked], new Set()).sheets).toEqual(['审核汇总', '问题清单']);
  });
});
