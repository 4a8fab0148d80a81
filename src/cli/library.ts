/**
 * `bpa library import <xlsx> -o <json>`: a trainer's spreadsheet of indicators becomes a library file that the
 * pane (设置 → 指标库) and `bpa library search --library` load. Bad rows are reported with their row number and
 * the rest kept. `bpa library search <words> [--library <file>]` searches the built-in or a given library.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { pinyin } from 'pinyin-pro';
import { DEFAULT_FRAMEWORK_ID } from '../app/engine-settings';
import type { Framework } from '../domain/framework/framework-schema';
import { getFramework } from '../domain/framework/frameworks';
import {
  BUILT_IN_LIBRARY,
  loadLibrary,
  searchLibrary,
  type IndicatorLibrary,
} from '../domain/framework/library';
import { importLibrary, type ImportProblem } from '../domain/framework/library-import';
import type { CliIo } from './cli-host';
import { FileExistsError, writeFileAtomically } from './files';
import { resolveJurisdiction } from './jurisdiction';
import { resolveFramework } from './settings';

export const LIBRARY_USAGE = `  bpa library import <指标表.xlsx> -o <指标库.json> [--framework <名称|文件>] [--force]
          由指标表生成指标库文件 / make a library file from a spreadsheet of indicators
  bpa library search <关键词> [--library <指标库.json> | --jurisdiction <口径包>] [--limit N]
          搜索指标库 / search the built-in or a given library
`;

const EXIT_OK = 0;
const EXIT_ISSUES = 1;
const EXIT_USAGE = 2;

function usage(io: CliIo, message: string): number {
  io.stderr(`bpa library: ${message}\n\n${LIBRARY_USAGE}`);
  return EXIT_USAGE;
}

/** Pinyin initials of a name, for searching by 拼音首字母 (培训人次 → pxrc). */
export function initialsOf(name: string): string {
  return pinyin(name.normalize('NFKC'), { pattern: 'first', toneType: 'none', type: 'array' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** A library file, validated; the findings with their paths when it is not one. */
export async function readLibraryFile(
  path: string,
): Promise<{ ok: true; library: IndicatorLibrary } | { ok: false; errors: string[] }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return { ok: false, errors: [`无法读取指标库文件 / cannot read the library file: ${path}`] };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, errors: [`${path}: JSON 格式错误 (invalid JSON: ${detail})`] };
  }
  const loaded = loadLibrary(data);
  if (loaded.ok) return { ok: true, library: loaded.library };
  return { ok: false, errors: loaded.errors.map((e) => `${path} ${e.path}: ${e.message}`) };
}

function problemLine(sheet: string, problem: ImportProblem): string {
  return `  ${sheet} 第 ${problem.row} 行 / row ${problem.row}: ${problem.message}`;
}

async function importCommand(args: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        output: { type: 'string', short: 'o' },
        framework: { type: 'string' },
        force: { type: 'boolean' },
      },
    });
  } catch (error) {
    return usage(io, error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const [input, ...extra] = positionals;
  if (input === undefined || extra.length > 0)
    return usage(io, '请给出一个指标表文件 / give one spreadsheet');
  if (values.output === undefined) return usage(io, '缺少 -o <指标库.json> / missing -o <library.json>');
  let framework: Framework | null = getFramework(DEFAULT_FRAMEWORK_ID);
  if (values.framework !== undefined) {
    const resolved = await resolveFramework(values.framework);
    if (!resolved.ok) return usage(io, resolved.errors.join('\n'));
    framework = resolved.value;
  }
  if (framework === null) throw new Error('built-in framework missing');

  let bytes: Uint8Array;
  try {
    bytes = await readFile(input);
  } catch {
    io.stderr(`bpa: 无法读取文件 / cannot read the file: ${input}\n`);
    return EXIT_USAGE;
  }
  const opened = await io.host.openReceived(bytes);
  if (!opened.ok) {
    io.stderr(`bpa: 不是可读取的 xlsx 工作簿 / not a readable xlsx workbook: ${input}\n`);
    return EXIT_USAGE;
  }
  const sheets = (await opened.workbook.listSheets()).filter(
    (s) => s.visibility === 'visible' && s.usedRange !== null,
  );
  for (const info of sheets) {
    const block = await opened.workbook.readBlock(info.name);
    const result = importLibrary(block.values, { framework, initialsOf, top: block.top });
    if (!result.ok) continue;
    for (const problem of result.problems) io.stderr(problemLine(info.name, problem) + '\n');
    if (result.library.length === 0) {
      io.stderr(`bpa: ${info.name} 中没有可用的指标 / no usable indicator in ${info.name}\n`);
      return EXIT_ISSUES;
    }
    try {
      await writeFileAtomically(
        values.output,
        JSON.stringify(result.library, null, 2) + '\n',
        values.force === true,
      );
    } catch (error) {
      if (!(error instanceof FileExistsError)) throw error;
      io.stderr(
        `bpa: 文件已存在，未覆盖（可加 --force）/ file exists, not overwritten (use --force): ${values.output}\n`,
      );
      return EXIT_USAGE;
    }
    io.stdout(
      `已导入 ${result.library.length} 项指标，${result.problems.length} 行有问题未导入：${values.output}\n` +
        `imported ${result.library.length} indicators, ${result.problems.length} rows left out: ${values.output}\n`,
    );
    return result.problems.length > 0 ? EXIT_ISSUES : EXIT_OK;
  }
  io.stderr(
    `bpa: ${input} 中未找到含“一级指标”“二级指标”“三级指标”表头的工作表 / no sheet with a 一级/二级/三级指标 header\n`,
  );
  return EXIT_USAGE;
}

async function searchCommand(args: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: { library: { type: 'string' }, jurisdiction: { type: 'string' }, limit: { type: 'string' } },
    });
  } catch (error) {
    return usage(io, error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  let library: IndicatorLibrary = BUILT_IN_LIBRARY;
  if (values.jurisdiction !== undefined) {
    const resolved = await resolveJurisdiction(values.jurisdiction);
    if (!resolved.ok) return usage(io, resolved.errors.join('\n'));
    library = resolved.value.library ?? BUILT_IN_LIBRARY;
  }
  if (values.library !== undefined) {
    const loaded = await readLibraryFile(values.library);
    if (!loaded.ok) return usage(io, loaded.errors.join('\n'));
    library = loaded.library;
  }
  const limit = values.limit === undefined ? 20 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1)
    return usage(io, '--limit 应为正整数 / --limit must be a positive integer');
  const hits = searchLibrary(library, positionals.join(' '), { limit });
  io.stdout(
    hits
      .map(
        (i) =>
          `${i.id}\t${i.name}\t${i.level1}/${i.level2}\t${i.operator}${i.reference}${i.unit}\t${i.explanation}`,
      )
      .join('\n') + (hits.length > 0 ? '\n' : ''),
  );
  return EXIT_OK;
}

export async function libraryCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'import') return importCommand(rest, io);
  if (sub === 'search') return searchCommand(rest, io);
  if (sub === '-h' || sub === '--help') {
    io.stdout(LIBRARY_USAGE);
    return EXIT_OK;
  }
  return usage(io, `未知的子命令“${sub ?? ''}” / unknown subcommand`);
}
