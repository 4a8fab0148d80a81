/**
 * A trainer's spreadsheet of indicators becomes a library (docs/domain.md §7): columns are found by their header
 * words (一级/二级/三级指标, 指标性质, 指标值, 计量单位, 指标解释, 行业, 指标编码), in any order and with extra
 * columns around them; 一级/二级 left blank under a merged cell carry down. Every row is validated on its own
 * with the library's schema: a bad row is reported with its sheet row number and the others are kept.
 */
import type { CellScalar } from '../grid/cell';
import { cellText, labelKey, parseOperator, readTarget } from '../grid/parse';
import { IndicatorSchema, SECTORS, type Framework, type Indicator, type Sector } from './framework-schema';
import { matchLevel1, matchLevel2 } from './frameworks';
import type { IndicatorLibrary } from './library';
import { formatPath } from './load-result';

type ImportColumn =
  'id' | 'level1' | 'level2' | 'name' | 'operator' | 'reference' | 'unit' | 'explanation' | 'sector';

/** Header words, most specific first; a header cell is given to the first column whose words it matches. */
const HEADER_WORDS: readonly (readonly [ImportColumn, (key: string) => boolean])[] = [
  ['id', (k) => k.includes('编码') || k.includes('代码') || k === '编号'],
  ['level1', (k) => k.includes('一级')],
  ['level2', (k) => k.includes('二级')],
  ['name', (k) => k.includes('三级') || k === '指标名称' || k === '指标'],
  ['operator', (k) => k.includes('指标性质') || k.includes('符号') || k === '性质'],
  ['unit', (k) => k.includes('单位')],
  [
    'reference',
    (k) => (k.includes('指标值') || k.includes('参考值') || k.includes('目标值')) && !k.includes('依据'),
  ],
  ['explanation', (k) => k.includes('解释') || k.includes('说明') || k.includes('释义')],
  ['sector', (k) => k.includes('行业') || k.includes('领域')],
];

/** 行业 as trainers write it → the library's sectors. */
const SECTOR_WORDS: readonly (readonly [Sector, readonly string[]])[] = [
  ['common', ['共性', '通用', '共同']],
  ['education', ['教育', '学校']],
  ['health', ['卫生', '健康', '医疗', '医药', '疾控']],
  ['agriculture-water', ['农业', '农村', '水利', '林业', '畜牧', '水务']],
  ['transport', ['交通', '公路', '运输']],
  ['social-security', ['社会保障', '社保', '民政', '就业', '养老', '救助']],
  ['ecology-environment', ['生态', '环境', '环保', '自然资源']],
  ['culture-tourism', ['文化', '旅游', '体育', '广电', '文物']],
  ['public-administration', ['公共管理', '行政', '政务', '公共服务', '机关']],
];

export interface ImportProblem {
  /** 1-based sheet row, as the spreadsheet shows it. */
  row: number;
  message: string;
}

export type LibraryImportResult =
  | { ok: true; library: IndicatorLibrary; problems: ImportProblem[]; headerRow: number }
  | { ok: false; reason: 'no_header'; message: string };

export interface LibraryImportOptions {
  framework: Framework;
  /** Pinyin initials of a name (lower case), for the search; the caller brings the dictionary. */
  initialsOf: (name: string) => string;
  /** Prefix of the ids given to rows without a usable 指标编码. */
  idPrefix?: string;
  /** 0-based sheet row of rows[0]. */
  top?: number;
}

/** How many rows from the top a header row is looked for in. */
const HEADER_SEARCH_ROWS = 30;

function headerColumns(row: readonly CellScalar[]): Partial<Record<ImportColumn, number>> {
  const found: Partial<Record<ImportColumn, number>> = {};
  row.forEach((raw, col) => {
    const key = labelKey(raw);
    if (key === '') return;
    const match = HEADER_WORDS.find(([column, test]) => found[column] === undefined && test(key));
    if (match) found[match[0]] = col;
  });
  return found;
}

export function sectorOf(text: string | null): Sector | null {
  if (text === null) return 'common';
  if ((SECTORS as readonly string[]).includes(text)) return text as Sector;
  const key = labelKey(text);
  return SECTOR_WORDS.find(([, words]) => words.some((w) => key.includes(w)))?.[0] ?? null;
}

const ID_PATTERN = /^[a-z0-9-]+$/;

export function importLibrary(
  rows: readonly (readonly CellScalar[])[],
  options: LibraryImportOptions,
): LibraryImportResult {
  const top = options.top ?? 0;
  const prefix = options.idPrefix ?? 'imp';
  const headerIndex = rows.slice(0, HEADER_SEARCH_ROWS).findIndex((row) => {
    const columns = headerColumns(row);
    return columns.level1 !== undefined && columns.level2 !== undefined && columns.name !== undefined;
  });
  if (headerIndex < 0) {
    return {
      ok: false,
      reason: 'no_header',
      message:
        '未找到表头：需要含“一级指标”“二级指标”“三级指标”的一行 / no header row naming 一级指标, 二级指标 and 三级指标',
    };
  }
  const columns = headerColumns(rows[headerIndex] ?? []);
  const problems: ImportProblem[] = [];
  const library: Indicator[] = [];
  const usedIds = new Set<string>();
  let carried: { level1: string | null; level2: string | null } = { level1: null, level2: null };

  for (let r = headerIndex + 1; r < rows.length; r++) {
    const row = rows[r] ?? [];
    const sheetRow = top + r + 1;
    const text = (column: ImportColumn): string | null => {
      const col = columns[column];
      return col === undefined ? null : cellText(row[col]);
    };
    if (Object.values(columns).every((col) => cellText(row[col]) === null)) continue;
    const own1 = text('level1');
    const own2 = text('level2');
    if (own1 !== null && own1 !== carried.level1) carried = { level1: own1, level2: null };
    if (own2 !== null) carried = { ...carried, level2: own2 };
    const bad = (message: string) => problems.push({ row: sheetRow, message });

    const name = text('name');
    if (name === null) {
      bad('三级指标（指标名称）为空 / the indicator name (三级指标) is empty');
      continue;
    }
    const level1 = carried.level1 === null ? null : matchLevel1(options.framework, carried.level1);
    if (level1 === null) {
      bad(`一级指标“${carried.level1 ?? ''}”不在指标框架中 / first level not in the framework`);
      continue;
    }
    const level2 =
      carried.level2 === null ? null : matchLevel2(options.framework, level1.name, carried.level2);
    if (level2 === null) {
      bad(`二级指标“${carried.level2 ?? ''}”不属于“${level1.name}” / second level not under ${level1.name}`);
      continue;
    }
    const columnOfRef = columns.reference;
    const rawReference = columnOfRef === undefined ? null : (row[columnOfRef] ?? null);
    const inReference = readTarget(rawReference);
    const operator =
      parseOperator(columns.operator === undefined ? null : (row[columns.operator] ?? null)) ??
      inReference.operator;
    if (operator === null) {
      bad(`指标性质“${text('operator') ?? ''}”无法识别（应为 ≥ > = ≤ < 定性） / operator not recognised`);
      continue;
    }
    const reading = inReference.reading;
    let reference = '';
    if (reading.kind === 'number') reference = reading.percent ? `${reading.value}%` : String(reading.value);
    else if (reading.kind === 'text' || reading.kind === 'placeholder') reference = reading.text;
    if (operator !== '定性' && reference !== '' && reading.kind !== 'number') {
      bad(
        `定量指标的指标值“${reference}”不是数字 / the reference value of a quantitative indicator is not a number`,
      );
      continue;
    }
    let unit = text('unit') ?? '';
    if (unit === '' && reading.kind === 'number' && reading.unit !== null) unit = reading.unit;
    if (operator !== '定性' && unit === '') {
      bad('定量指标缺少计量单位 / a quantitative indicator needs a unit');
      continue;
    }
    const sector = sectorOf(text('sector'));
    if (sector === null) {
      bad(`行业“${text('sector') ?? ''}”无法识别 / sector not recognised`);
      continue;
    }
    const explanation = text('explanation');
    if (explanation === null) {
      bad('缺少指标解释 / the explanation (指标解释) is empty');
      continue;
    }
    const ownId = text('id')?.toLowerCase() ?? null;
    let id =
      ownId !== null && ID_PATTERN.test(ownId) ? ownId : `${prefix}-${String(sheetRow).padStart(4, '0')}`;
    if (usedIds.has(id)) {
      if (ownId !== null && id === ownId) {
        bad(`指标编码“${ownId}”重复 / duplicate id`);
        continue;
      }
      id = `${id}-${library.length + 1}`;
    }
    const candidate = {
      id,
      name,
      level1: level1.name,
      level2: level2.name,
      operator,
      reference,
      unit,
      explanation,
      sector,
      initials: options
        .initialsOf(name)
        .toLowerCase()
        .replace(/[^a-z0-9]/g, ''),
    };
    const checked = IndicatorSchema.safeParse(candidate);
    if (!checked.success) {
      bad(checked.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join('; '));
      continue;
    }
    usedIds.add(id);
    library.push(checked.data);
  }
  return { ok: true, library, problems, headerRow: top + headerIndex + 1 };
}
