/**
 * Which form a sheet holds when `_meta` does not say: first by its title, then by the words of its headers.
 * Only a bounded window at the top-left of the sheet is looked at, so detection costs the same for a
 * 10-row and a 10,000-row sheet.
 */
import type { Block } from '../grid/cell';
import type { ColumnKey, TemplateId } from './form-model';
import { labelIndex, NO_LABEL, SheetKeys } from './label-index';
import type { Vocabulary } from './vocabulary';

const TITLE_ROWS = 6;
const INSTRUCTIONS_KEY = '填表说明';
const SIGNATURE_ROWS = 80;
const SIGNATURE_COLS = 30;

/**
 * `sheet`, the name on the sheet's tab, is read as a person reads it when the sheet prints no title: a tab
 * called 部门整体支出绩效评价 says the form is about a department as a whole.
 */
export function detectTemplate(
  block: Block,
  vocabulary?: Vocabulary | undefined,
  sheet?: string | undefined,
): TemplateId | null {
  return detectWithKeys(new SheetKeys(block, labelIndex(vocabulary)), sheet);
}

/** Detection on a shared key cache, so that reading the sheet afterwards does not key its cells twice. */
export function detectWithKeys(keys: SheetKeys, sheet?: string | undefined): TemplateId | null {
  const titleRows = Math.min(keys.rowCount, TITLE_ROWS);
  const cols = Math.min(keys.width, SIGNATURE_COLS);
  for (let r = 0; r < titleRows; r++) {
    for (let c = 0; c < cols; c++) {
      const key = keys.key(r, c);
      // 填表说明 sheets name every column of their form, one per row: they explain a form, they are none.
      if (key.endsWith(INSTRUCTIONS_KEY)) return null;
      const template = keys.index.titleTemplate(key);
      if (template) return withLineAbove(keys, r, c, template);
    }
  }
  const tabKey = sheet === undefined ? '' : keys.index.keyOf(sheet);
  return detectByHeaders(
    keys,
    Math.min(keys.rowCount, SIGNATURE_ROWS),
    cols,
    keys.index.namesDepartment(tabKey),
  );
}

/**
 * A title printed over two lines (岳阳市2018年度部门整体支出 / 绩效评价自评报告) is read as one: the line above,
 * in the same column, may say the form is about a department as a whole.
 */
function withLineAbove(keys: SheetKeys, row: number, col: number, template: TemplateId): TemplateId {
  for (let r = row - 1; r >= 0; r--) {
    const above = keys.key(r, col);
    if (above === '') continue;
    return keys.index.titleTemplate(above + keys.key(row, col)) ?? template;
  }
  return template;
}

const PROJECT_FIELDS: ReadonlySet<string> = new Set(['projectName', 'department', 'implementingUnit']);

/**
 * A sheet holding nothing but a project's header fields, each filled in beside its label (项目名称 | 干渠防渗
 * 改造 …, 主管部门 | 水利局 …), is the start of a declaration (项目支出绩效目标申报表) whose tables are
 * missing; a list of projects has the same words as column headers in one row and is no form.
 */
function projectFieldsFilled(keys: SheetKeys, rows: number, cols: number): boolean {
  const filled = new Set<string>();
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c + 1 < cols; c++) {
      const field = keys.hit(r, c).header;
      if (field === undefined || !PROJECT_FIELDS.has(field)) continue;
      const value = keys.block.values[r]?.[c + 1];
      if (typeof value !== 'string' || value.trim() === '') continue;
      if (keys.hit(r, c + 1) === NO_LABEL && keys.key(r, c + 1) !== '') filled.add(field);
    }
  }
  return filled.size >= 2;
}

function detectByHeaders(
  keys: SheetKeys,
  rows: number,
  cols: number,
  departmentTab: boolean,
): TemplateId | null {
  const columns = new Set<ColumnKey>();
  const words = new Set<string>();
  const selfWords = keys.index.selfEvaluationWords;
  let departmentWords = departmentTab;
  // A column header with a self-evaluation word (自评得分) makes the form a self-evaluation, as a title does.
  let selfEvaluation = false;
  let projectWords = false;
  let monthWords = false;
  let fundsForecast = false;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const key = keys.key(r, c);
      if (key === '') continue;
      const hit = keys.hitOf(key);
      if (hit.column) {
        columns.add(hit.column);
        if (selfWords.some((w) => key.includes(w))) selfEvaluation = true;
      }
      if (hit.header === 'departmentName') departmentWords = true;
      if (hit.header === 'projectName') projectWords = true;
      if (hit.fundsRow === 'basic' || hit.fundsRow === 'project') departmentWords = true;
      if (hit.fundsCol === 'forecast') fundsForecast = true;
      // 1-6月执行数 as a column or funds header; a value (1-12月) or a name (12月底前完成) is no header.
      if (key.startsWith('1N月') && (hit.column !== undefined || hit.fundsCol !== undefined))
        monthWords = true;
      if (key === '决策' || key === '过程' || key === '得分率') words.add(key);
    }
  }
  const levels = ['level1', 'level2', 'level3'].filter((k) => columns.has(k as ColumnKey)).length;
  const hasTasks = columns.has('taskName') && (columns.has('taskContent') || columns.has('taskProjects'));
  if (levels < 2 && !(levels === 1 && columns.has('level3') && columns.has('target')) && !hasTasks)
    return columns.size === 0 && projectFieldsFilled(keys, rows, cols) ? 'project-goals' : null;
  const department = departmentWords && !projectWords;

  const formulaColumns = (columns.has('numerator') && columns.has('denominator')) || words.has('得分率');
  if (formulaColumns || (words.has('决策') && words.has('过程'))) {
    return 'key-evaluation';
  }
  if (columns.has('rating')) return 'ex-ante-assessment';
  if (
    monthWords ||
    columns.has('progress') ||
    columns.has('likelihood') ||
    columns.has('forecast') ||
    fundsForecast
  )
    return 'project-monitoring';
  if ((columns.has('actual') || selfEvaluation) && (columns.has('score') || columns.has('weight'))) {
    return department ? 'department-self-evaluation' : 'project-self-evaluation';
  }
  return department || hasTasks ? 'department-goals' : 'project-goals';
}
