/**
 * `bpa derive <form> <goals.xlsx>... -o <dir>`: one new workbook per goal declaration, holding the monitoring
 * form or the self-evaluation filled with what was declared. A goal file that cannot be read is reported and
 * the others go on; an existing output file is kept unless --force.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { deriveForm, monitoringFor } from '../app/derive-form';
import type { EngineSettings } from '../app/engine-settings';
import type { WorkbookPort } from '../app/workbook-port';
import { checkWorkbook } from '../app/check-workbook';
import {
  DERIVED_TEMPLATES,
  isDerivedTemplate,
  SOURCE_OF,
  type DerivedTemplate,
} from '../domain/cycle/derive';
import { declarationOf, monitoringOf } from '../domain/cycle/stage-reading';
import type { ParsedForm } from '../domain/forms/form-model';
import { readMeta, type MetaEntry } from '../domain/forms/read-meta';
import { getTemplateSpec } from '../domain/templates/registry';
import type { Framework } from '../domain/framework/framework-schema';
import type { Profile } from '../domain/profiles/profile-schema';
import type { CliIo } from './cli-host';
import { settingsFor } from './check-file';
import { FileExistsError, findWorkbooks, writeFileAtomically } from './files';
import { resolveJurisdiction } from './jurisdiction';
import { resolveFramework, resolveProfile } from './settings';

export const DERIVE_USAGE = `  bpa derive <project-monitoring|project-self-evaluation|department-self-evaluation> <目标文件>... -o <目录>
          [--monitoring <监控表文件|目录>] [--profile <名称|文件>] [--framework <名称|文件>]
          [--jurisdiction <口径包>] [--force]
          由目标申报表生成监控表或自评表 / derive monitoring or self-evaluation forms from goal declarations
`;

const EXIT_OK = 0;
const EXIT_USAGE = 2;

interface ReadForms {
  forms: { form: ParsedForm; meta: MetaEntry | null }[];
}

/** Every form of a workbook with its `_meta` line; null when the file cannot be opened. */
async function readForms(file: string, io: CliIo): Promise<ReadForms | null> {
  try {
    const opened = await io.host.openReceived(await readFile(file));
    if (!opened.ok) return null;
    const port: WorkbookPort = opened.workbook;
    const sheets = await port.listSheets();
    const meta = sheets.some((s) => s.name === '_meta')
      ? readMeta(await port.readBlock('_meta')).entries
      : [];
    const settings = settingsFor({ profile: null, framework: null });
    const report = await checkWorkbook(port, { settingsFor: settings });
    return {
      forms: report.sheets.map((s) => ({
        form: s.form,
        meta: meta.find((m) => m.sheet === s.sheet) ?? null,
      })),
    };
  } catch {
    return null;
  }
}

function usage(io: CliIo, message: string): number {
  io.stderr(`bpa derive: ${message}\n\n${DERIVE_USAGE}`);
  return EXIT_USAGE;
}

async function chosenSettings(
  profile: string | undefined,
  framework: string | undefined,
  jurisdiction: string | undefined,
): Promise<
  { ok: true; profile: Profile | null; framework: Framework | null } | { ok: false; errors: string[] }
> {
  const p = profile === undefined ? null : await resolveProfile(profile);
  const f = framework === undefined ? null : await resolveFramework(framework);
  const j = jurisdiction === undefined ? null : await resolveJurisdiction(jurisdiction);
  const errors = [
    ...(p && !p.ok ? p.errors : []),
    ...(f && !f.ok ? f.errors : []),
    ...(j && !j.ok ? j.errors : []),
  ];
  if (errors.length > 0) return { ok: false, errors };
  const pkg = j?.ok ? j.value : null;
  return {
    ok: true,
    profile: p?.ok ? p.value : (pkg?.profile ?? null),
    framework: f?.ok ? f.value : (pkg?.framework ?? null),
  };
}

/** `<stem>-<form>.xlsx`, numbered when one goal file holds several declarations. */
function outputName(file: string, target: DerivedTemplate, index: number, count: number): string {
  const stem = basename(file, extname(file));
  return count > 1 ? `${stem}-${index + 1}-${target}.xlsx` : `${stem}-${target}.xlsx`;
}

export async function deriveCommand(args: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        output: { type: 'string', short: 'o' },
        monitoring: { type: 'string' },
        profile: { type: 'string' },
        framework: { type: 'string' },
        jurisdiction: { type: 'string' },
        force: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return usage(io, error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(DERIVE_USAGE);
    return EXIT_OK;
  }
  const [target, ...paths] = positionals;
  if (target === undefined || !isDerivedTemplate(target)) {
    return usage(
      io,
      `请给出要生成的表格：${DERIVED_TEMPLATES.join('、')} / give the form to derive: ${DERIVED_TEMPLATES.join(', ')}`,
    );
  }
  if (paths.length === 0) return usage(io, '请给出目标申报表文件 / give goal declaration files');
  if (values.output === undefined) return usage(io, '缺少 -o <目录> / missing -o <dir>');
  const chosen = await chosenSettings(values.profile, values.framework, values.jurisdiction);
  if (!chosen.ok) return usage(io, chosen.errors.join('\n'));

  let exit = EXIT_OK;
  const monitoringForms: ParsedForm[] = [];
  if (values.monitoring !== undefined) {
    const found = await findWorkbooks([values.monitoring]);
    for (const missing of found.missing) {
      io.stderr(`bpa: 找不到监控表文件 / monitoring file not found: ${missing}\n`);
      exit = EXIT_USAGE;
    }
    for (const file of found.files) {
      const read = await readForms(file, io);
      if (read === null) {
        io.stderr(`bpa: 监控表文件无法读取 / monitoring workbook unreadable: ${file}\n`);
        exit = EXIT_USAGE;
      } else
        monitoringForms.push(
          ...read.forms.map((f) => f.form).filter((f) => f.template === 'project-monitoring'),
        );
    }
  }

  const found = await findWorkbooks(paths);
  for (const missing of found.missing) {
    io.stderr(`bpa: 找不到文件或目录 / no such file or directory: ${missing}\n`);
    exit = EXIT_USAGE;
  }
  await mkdir(values.output, { recursive: true });
  const wanted = SOURCE_OF[target];
  const wantedTitle = getTemplateSpec(wanted).title;
  for (const file of found.files) {
    const read = await readForms(file, io);
    if (read === null) {
      io.stderr(`bpa: 目标文件无法读取 / goal workbook unreadable: ${file}\n`);
      exit = EXIT_USAGE;
      continue;
    }
    const goals = read.forms.filter(({ form }) => form.template === wanted);
    if (goals.length === 0) {
      io.stderr(`bpa: ${file} 中没有${wantedTitle} / no ${wanted} form in ${file}\n`);
      exit = EXIT_USAGE;
      continue;
    }
    for (const [index, { form, meta }] of goals.entries()) {
      const declaration = declarationOf(form);
      if (declaration === null) continue;
      const settings: EngineSettings = settingsFor(chosen)(meta);
      const monitoringForm =
        target === 'project-self-evaluation' ? monitoringFor(form, monitoringForms) : null;
      if (
        values.monitoring !== undefined &&
        target === 'project-self-evaluation' &&
        monitoringForm === null
      ) {
        io.stderr(
          `bpa: 未找到“${declaration.header.projectName ?? form.sheet}”的监控表，实际完成值留空 / no monitoring form for this project; actuals left blank\n`,
        );
      }
      const book = io.host.createWorkbook();
      const derived = await deriveForm(book, {
        target,
        declaration,
        settings,
        derivedFrom: `${basename(file)}!${form.sheet}`,
        monitoring: monitoringForm === null ? null : monitoringOf(monitoringForm),
      });
      const output = join(values.output, outputName(file, target, index, goals.length));
      try {
        await writeFileAtomically(output, await book.toBuffer(), values.force === true);
        io.stdout(`已生成 / written: ${output}（${derived.indicators} 项指标 / indicators）\n`);
      } catch (error) {
        if (!(error instanceof FileExistsError)) throw error;
        io.stderr(
          `bpa: 文件已存在，未覆盖（可加 --force）/ file exists, not overwritten (use --force): ${output}\n`,
        );
        exit = EXIT_USAGE;
      }
    }
  }
  return exit;
}
