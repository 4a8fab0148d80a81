/**
 * `bpa`: the commands, as a function of the arguments and the injected io, returning the exit code
 * (0 all clean, 1 errors found, 2 usage error or an unreadable file). Nothing here exits the process.
 */
import { mkdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { FileResult } from '../app/batch-report';
import {
  coverageEntry,
  coverageOf,
  type CheckedFile,
  type CoverageEntry,
  type CoverageReport,
} from '../app/coverage';
import { builtInSettings, type EngineSettings } from '../app/engine-settings';
import { insertTemplate } from '../app/insert-template';
import { recordWorkbookJurisdiction } from '../app/workbook-jurisdiction';
import { isTemplateId, TEMPLATE_IDS, type ParsedForm, type TemplateId } from '../domain/forms/form-model';
import type { Lang } from '../domain/messages/catalog';
import { listTemplates, templateFileName } from '../domain/templates/registry';
import { checkFilesInto } from './batch';
import { deriveCommand, DERIVE_USAGE } from './derive';
import { libraryCommand, LIBRARY_USAGE } from './library';
import type { CliIo } from './cli-host';
import { readGoalForms, unreadable, type CheckOptions } from './check-file';
import { FileExistsError, findWorkbooks, writeFileAtomically } from './files';
import { htmlReportChunks } from './report-html';
import { jsonReportChunks } from '../app/report-json';
import { summaryLine, textReportChunks } from '../app/report-text';
import { CompactResults } from './results';
import { xlsxReportOf } from './report-xlsx';
import { pickSample, sampleText } from './sample';
import { resolveJurisdiction } from './jurisdiction';
import { recordOf } from '../domain/profiles/jurisdiction-record';
import { printable, safeJson } from '../app/text-hygiene';
import { resolveFramework, resolveProfile } from './settings';

export const EXIT_OK = 0;
export const EXIT_ISSUES = 1;
export const EXIT_USAGE = 2;

export const USAGE = `用法 / usage:
  bpa templates                                   列出模板 / list templates
  bpa template <id>... | --all -o <目录>           生成模板工作簿 / write template workbooks
          [--profile <名称|文件>] [--framework <名称|文件>] [--jurisdiction <口径包>] [--force]
  bpa check <文件|目录>... [--format text|json|html|xlsx] [-o <报告>]
          [--profile <名称|文件>] [--framework <名称|文件>] [--jurisdiction <口径包>]
          [--goals <文件|目录>] [--jobs N]
          [--lang zh-CN|en] [--force]
  bpa sample <文件|目录>... --rate <0..1> --seed <n> [--format text|json] [--lang zh-CN|en]
${DERIVE_USAGE}${LIBRARY_USAGE}退出码 / exit codes: 0 无错误 / clean, 1 发现错误 / errors found, 2 用法错误或文件无法读取 / usage error or unreadable file
`;

class UsageError extends Error {
  override readonly name = 'UsageError';
}

const SHARED_OPTIONS = {
  profile: { type: 'string' },
  jurisdiction: { type: 'string' },
  framework: { type: 'string' },
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

function parse<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'templates':
        return templatesCommand(io);
      case 'template':
        return await templateCommand(rest, io);
      case 'check':
        return await checkCommand(rest, io);
      case 'sample':
        return await sampleCommand(rest, io);
      case 'derive':
        return await deriveCommand(rest, io);
      case 'library':
        return await libraryCommand(rest, io);
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.stdout(USAGE);
        return command === undefined ? EXIT_USAGE : EXIT_OK;
      default:
        throw new UsageError(`未知命令“${command}” / unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`bpa: ${error.message.split('\n').map(printable).join('\n')}\n\n${USAGE}`);
      return EXIT_USAGE;
    }
    throw error;
  }
}

function templatesCommand(io: CliIo): number {
  const lines = listTemplates().map((t) => `${t.id}\t${t.title}\tv${t.version}\t${t.description}`);
  io.stdout(lines.join('\n') + '\n');
  return EXIT_OK;
}

function langOf(value: string | undefined): Lang {
  if (value === undefined || value === 'zh-CN') return 'zh-CN';
  if (value === 'en') return 'en';
  throw new UsageError(`--lang 只能是 zh-CN 或 en / --lang must be zh-CN or en: ${value}`);
}

/** --profile and --framework, else those of --jurisdiction, else null (each sheet's `_meta`, or the defaults). */
async function settingsFrom(
  profile: string | undefined,
  framework: string | undefined,
  jurisdiction?: string,
) {
  const errors: string[] = [];
  const resolvedProfile = profile === undefined ? null : await resolveProfile(profile);
  const resolvedFramework = framework === undefined ? null : await resolveFramework(framework);
  const resolvedPackage = jurisdiction === undefined ? null : await resolveJurisdiction(jurisdiction);
  if (resolvedProfile && !resolvedProfile.ok) errors.push(...resolvedProfile.errors);
  if (resolvedFramework && !resolvedFramework.ok) errors.push(...resolvedFramework.errors);
  if (resolvedPackage && !resolvedPackage.ok) errors.push(...resolvedPackage.errors);
  if (errors.length > 0) throw new UsageError(errors.join('\n'));
  const fromPackage = resolvedPackage?.ok ? resolvedPackage.value : null;
  return {
    profile: resolvedProfile?.ok ? resolvedProfile.value : (fromPackage?.profile ?? null),
    framework: resolvedFramework?.ok ? resolvedFramework.value : (fromPackage?.framework ?? null),
    jurisdiction: fromPackage === null ? null : recordOf(fromPackage),
  };
}

async function templateCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, {
    ...SHARED_OPTIONS,
    all: { type: 'boolean' },
    output: { type: 'string', short: 'o' },
    force: { type: 'boolean' },
  });
  if (values.help) {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  const unknown = positionals.filter((id) => !isTemplateId(id));
  if (unknown.length > 0) {
    throw new UsageError(
      `未知的模板：${unknown.join(', ')} / unknown template; 可用 / known: ${TEMPLATE_IDS.join(', ')}`,
    );
  }
  const ids: TemplateId[] = values.all ? [...TEMPLATE_IDS] : positionals.filter(isTemplateId);
  if (ids.length === 0) throw new UsageError('请给出模板 id 或 --all / give template ids or --all');
  if (values.output === undefined) throw new UsageError('缺少 -o <目录> / missing -o <dir>');
  const chosen = await settingsFrom(values.profile, values.framework, values.jurisdiction);
  const defaults = builtInSettings();
  if (defaults === null) throw new Error('built-in settings missing');
  const settings: EngineSettings = {
    profile: chosen.profile ?? defaults.profile,
    framework: chosen.framework ?? defaults.framework,
  };
  await mkdir(values.output, { recursive: true });
  let exit = EXIT_OK;
  for (const id of ids) {
    const target = join(values.output, templateFileName(id));
    const book = io.host.createWorkbook();
    await insertTemplate(book, { template: id, settings });
    if (chosen.jurisdiction !== null) await recordWorkbookJurisdiction(book, chosen.jurisdiction);
    const written = await writeOutput(target, await book.toBuffer(), values.force === true, io);
    if (written) io.stdout(`已生成 / written: ${target}\n`);
    else exit = EXIT_USAGE;
  }
  return exit;
}

/** False (and a message) when the target exists and --force was not given. */
async function writeOutput(
  target: string,
  data: Uint8Array | string | Iterable<string>,
  force: boolean,
  io: CliIo,
): Promise<boolean> {
  try {
    await writeFileAtomically(target, data, force);
    return true;
  } catch (error) {
    if (!(error instanceof FileExistsError)) throw error;
    io.stderr(
      `bpa: 文件已存在，未覆盖（可加 --force）/ file exists, not overwritten (use --force): ${target}\n`,
    );
    return false;
  }
}

function jobsOf(value: string | undefined, io: CliIo): number {
  if (value === undefined) return Math.max(1, io.cpuCount);
  const jobs = Number(value);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) {
    throw new UsageError(`--jobs 应为 1 到 64 的整数 / --jobs must be an integer from 1 to 64: ${value}`);
  }
  return jobs;
}

function progress(io: CliIo, label: string) {
  if (!io.stderrIsTty) return undefined;
  return (done: number, total: number) => {
    const width = 30;
    const filled = Math.round((done / total) * width);
    io.stderr(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
    if (done === total) io.stderr('\n');
  };
}

interface CheckRun {
  results: CompactResults;
  /** 全覆盖, when goal declarations were given (`--goals`). */
  coverage?: CoverageReport;
  /** Some input could not be used: a path that does not exist, an unreadable goal file. */
  inputProblems: boolean;
}

/**
 * Where the report goes must be a file in a folder that exists, and never one of the files being checked
 * (--force or not): all of it is settled before the first file is checked.
 */
/** What coverage needs of each checked file, without keeping the file's issues and rows. */
function* checkedIdentities(files: Iterable<FileResult>): Generator<CheckedFile> {
  for (const { file, sheets } of files) {
    yield {
      file,
      sheets: sheets.map(({ sheet, template, department, project }) => ({
        sheet,
        template,
        department,
        project,
      })),
    };
  }
}

async function checkOutputTarget(output: string, inputs: readonly string[]): Promise<void> {
  const folder = dirname(resolve(output));
  const folderInfo = await stat(folder).catch(() => null);
  if (folderInfo === null || !folderInfo.isDirectory()) {
    throw new UsageError(`报告所在的文件夹不存在 / the report's folder does not exist: ${folder}`);
  }
  const info = await stat(output).catch(() => null);
  if (info === null) return;
  if (info.isDirectory()) {
    throw new UsageError(
      `-o 是一个文件夹，请给出报告文件名 / -o names a folder; give a report file: ${output}`,
    );
  }
  for (const input of inputs) {
    const same = await stat(input).catch(() => null);
    if (same !== null && same.dev === info.dev && same.ino === info.ino) {
      throw new UsageError(
        `-o 指向被检查的文件，不会覆盖它（--force 也不会）/ -o names a file being checked; it is never overwritten, even with --force: ${output}`,
      );
    }
  }
}

async function runChecks(
  paths: string[],
  values: {
    profile?: string;
    framework?: string;
    jurisdiction?: string;
    goals?: string;
    jobs?: string;
    output?: string;
  },
  lang: Lang,
  io: CliIo,
): Promise<CheckRun> {
  if (paths.length === 0) throw new UsageError('请给出文件或目录 / give files or directories');
  const jobs = jobsOf(values.jobs, io);
  const chosen = await settingsFrom(values.profile, values.framework, values.jurisdiction);
  let inputProblems = false;
  const found = await findWorkbooks(paths);
  for (const missing of found.missing) {
    io.stderr(`bpa: 找不到文件或目录 / no such file or directory: ${printable(missing)}\n`);
    inputProblems = true;
  }
  if (found.files.length === 0 && found.missing.length === 0 && found.unreadableFolders.length === 0) {
    throw new UsageError(
      `未找到 .xlsx 工作簿 / no .xlsx workbook found in: ${paths.map(printable).join(', ')}`,
    );
  }
  if (values.output !== undefined) {
    await checkOutputTarget(values.output, [
      ...found.files,
      ...(values.goals === undefined ? [] : [values.goals]),
    ]);
  }
  const goals: ParsedForm[] = [];
  const goalEntries: CoverageEntry[] = [];
  if (values.goals !== undefined) {
    const found = await findWorkbooks([values.goals]);
    for (const missing of found.missing) {
      io.stderr(`bpa: 找不到目标文件 / goals not found: ${printable(missing)}\n`);
      inputProblems = true;
    }
    for (const file of found.files) {
      const forms = await readGoalForms(file, chosen, io.host);
      if (forms === null) {
        io.stderr(`bpa: 目标文件无法读取 / goal workbook unreadable: ${printable(file)}\n`);
        inputProblems = true;
      } else {
        goals.push(...forms);
        goalEntries.push(...forms.map((form) => coverageEntry(file, form)));
      }
    }
  }
  const options: CheckOptions = {
    lang,
    profile: chosen.profile,
    framework: chosen.framework,
    goals,
    jurisdiction: chosen.jurisdiction,
  };
  const onProgress = progress(io, lang === 'en' ? 'Checking' : '检查中');
  const results = new CompactResults();
  await checkFilesInto(
    found.files,
    options,
    { jobs, host: io.host, ...(onProgress ? { onProgress } : {}) },
    (index, result) => results.set(index, result),
  );
  // A folder that could not be listed is in the report too: its files were not checked.
  for (const folder of found.unreadableFolders) {
    io.stderr(
      `bpa: 无法读取文件夹 / cannot read folder: ${printable(folder.path)} (${printable(folder.reason)})\n`,
    );
    results.append(unreadable(folder.path, 'folder_unreadable', folder.reason, lang));
  }
  // 全覆盖 needs only each sheet's identity, taken from the results one file at a time.
  const coverage =
    values.goals === undefined ? undefined : coverageOf(goalEntries, [...checkedIdentities(results.files())]);
  return { results, inputProblems, ...(coverage === undefined ? {} : { coverage }) };
}

function exitFor(run: CheckRun): number {
  const { summary } = run.results;
  if (run.inputProblems || summary.unreadable > 0) return EXIT_USAGE;
  if (summary.errors > 0 || summary.unrecognized > 0) return EXIT_ISSUES;
  return EXIT_OK;
}

async function checkCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, {
    ...SHARED_OPTIONS,
    format: { type: 'string' },
    output: { type: 'string', short: 'o' },
    goals: { type: 'string' },
    jobs: { type: 'string' },
    force: { type: 'boolean' },
  });
  if (values.help) {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  const lang = langOf(values.lang);
  const format = values.format ?? 'text';
  if (!['text', 'json', 'html', 'xlsx'].includes(format)) {
    throw new UsageError(`--format 只能是 text、json、html 或 xlsx / unknown format: ${format}`);
  }
  if ((format === 'html' || format === 'xlsx') && values.output === undefined) {
    throw new UsageError(`--format ${format} 需要 -o <报告文件> / --format ${format} needs -o <report>`);
  }
  const checked = await runChecks(positionals, values, lang, io);
  const { results } = checked;
  const summary = results.summary;
  // Every format reads the results a file at a time; html and xlsx read them again for each part.
  const output: string | Uint8Array | Iterable<string> =
    format === 'json'
      ? jsonReportChunks(results.files(), summary, checked.coverage)
      : format === 'html'
        ? htmlReportChunks(() => results.files(), summary, lang, positionals, checked.coverage)
        : format === 'xlsx' && values.output !== undefined
          ? await xlsxReportOf(() => results.files(), lang, io.host, {
              roots: positionals,
              output: values.output,
              coverage: checked.coverage,
            })
          : textReportChunks(results.files(), summary, lang, checked.coverage);
  if (values.output === undefined) {
    if (typeof output === 'string') io.stdout(output);
    else if (!(output instanceof Uint8Array)) for (const chunk of output) io.stdout(chunk);
    if (format !== 'text') io.stderr(summaryLine(summary, lang) + '\n');
  } else {
    if (!(await writeOutput(values.output, output, values.force === true, io))) return EXIT_USAGE;
    io.stderr(summaryLine(summary, lang) + '\n');
    io.stderr(`${lang === 'en' ? 'Report written' : '报告已写入'}: ${values.output}\n`);
  }
  return exitFor(checked);
}

async function sampleCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, {
    ...SHARED_OPTIONS,
    format: { type: 'string' },
    rate: { type: 'string' },
    seed: { type: 'string' },
    goals: { type: 'string' },
    jobs: { type: 'string' },
  });
  if (values.help) {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  const lang = langOf(values.lang);
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') {
    throw new UsageError(`sample 的 --format 只能是 text 或 json / unknown format: ${format}`);
  }
  const rate = Number(values.rate);
  if (values.rate === undefined || !Number.isFinite(rate) || rate < 0 || rate > 1) {
    throw new UsageError('--rate 应为 0 到 1 之间的数 / --rate must be a number from 0 to 1');
  }
  const seed = Number(values.seed);
  if (values.seed === undefined || !Number.isSafeInteger(seed)) {
    throw new UsageError('--seed 应为整数 / --seed must be an integer');
  }
  const checked = await runChecks(positionals, values, lang, io);
  const candidates = [...checked.results.files()].map((result) => ({ result, key: resolve(result.file) }));
  const sample = pickSample(candidates, rate, seed, lang);
  io.stdout(format === 'json' ? safeJson(JSON.stringify(sample, null, 2)) + '\n' : sampleText(sample, lang));
  return checked.inputProblems || checked.results.summary.unreadable > 0 ? EXIT_USAGE : EXIT_OK;
}
