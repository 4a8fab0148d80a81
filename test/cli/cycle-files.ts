/** Workbooks of one project's cycle for the command-line tests: our templates, filled through the port. */
import { builtInSettings } from '../../src/app/engine-settings';
import { fillForm } from '../../src/app/fill-form';
import { insertTemplate } from '../../src/app/insert-template';
import type { FormFill } from '../../src/domain/cycle/derive';
import type { TemplateId } from '../../src/domain/forms/form-model';
import type { CellScalar } from '../../src/domain/grid/cell';
import { XlsxWorkbook } from '../../src/hosts/xlsx-file/xlsx-workbook';
import { cleanGoalIndicators } from '../helpers/forms';

export function plainRows(
  rows: ReturnType<typeof cleanGoalIndicators>,
): Partial<Record<string, CellScalar>>[] {
  return rows.map((row) =>
    Object.fromEntries(Object.entries(row).filter(([, v]) => v === null || typeof v !== 'object')),
  ) as Partial<Record<string, CellScalar>>[];
}

export async function formFile(template: TemplateId, fill: Partial<FormFill>): Promise<Uint8Array> {
  const settings = builtInSettings();
  if (settings === null) throw new Error('test setup: built-in settings missing');
  const indicators = fill.indicators ?? [];
  const book = XlsxWorkbook.create();
  const { sheet } = await insertTemplate(book, {
    template,
    settings,
    indicatorRows: Math.max(1, indicators.length),
  });
  const result = await fillForm(book, sheet, template, {
    header: fill.header ?? {},
    funds: fill.funds ?? {},
    goals: fill.goals ?? {},
    indicators,
  });
  if (result.skipped.length > 0) throw new Error(`test setup: not filled: ${result.skipped.join(', ')}`);
  return book.toBuffer();
}

export function projectGoals(project: string, department = '市水利局'): Partial<FormFill> {
  return {
    header: { projectName: project, department, implementingUnit: '市水利工程建设中心' },
    funds: { total: { annual: 100 }, fiscal: { annual: 80 }, other: { annual: 20 } },
    goals: { annual: `${project}年度目标` },
    indicators: plainRows(cleanGoalIndicators()),
  };
}
