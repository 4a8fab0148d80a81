/**
 * Ready-made template files for people who run nothing (trainers, units without the add-in): `npm run build`
 * writes dist/templates/<profile>/<表名>.xlsx, all seven forms for each built-in profile, named by their
 * Chinese form names (项目支出绩效自评表.xlsx …). The workbooks are made by `bpa template --all --profile <id>`
 * itself (the command line's code on the xlsx-file host, which already names them by form); a title with a
 * character Windows forbids in file names is renamed to a safe name.
 * Run alone: `npx tsx scripts/build-templates.ts [outDir]` (default dist/templates).
 */
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { run } from '../src/cli/run';
import { TEMPLATE_IDS } from '../src/domain/forms/form-model';
import { BUILT_IN_PROFILES } from '../src/domain/profiles/profiles';
import { listTemplates, templateFileName } from '../src/domain/templates/registry';
import { XlsxWorkbook } from '../src/hosts/xlsx-file/xlsx-workbook';

export interface TemplateFile {
  profile: string;
  template: string;
  title: string;
  path: string;
}

/** A file name from a form title: characters Windows forbids in names are replaced. */
export function fileNameFor(title: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are among those Windows forbids
  return `${title.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim()}.xlsx`;
}

/** Writes every template for every built-in profile under outDir/<profile>/ and returns the files. */
export async function writeTemplateFiles(outDir: string): Promise<TemplateFile[]> {
  const titles = new Map(listTemplates().map((t) => [t.id, t.title]));
  const files: TemplateFile[] = [];
  for (const profile of BUILT_IN_PROFILES) {
    const dir = join(outDir, profile.id);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const errors: string[] = [];
    const code = await run(['template', '--all', '--profile', profile.id, '-o', dir], {
      stdout: () => undefined,
      stderr: (text) => errors.push(text),
      stderrIsTty: false,
      cpuCount: 1,
      host: {
        createWorkbook: () => XlsxWorkbook.create(),
        openReceived: () => Promise.reject(new Error('not used')),
        writeReportBook: () => Promise.reject(new Error('not used')),
        workerScript: null,
      },
    });
    if (code !== 0) throw new Error(`bpa template --profile ${profile.id}: ${errors.join('')}`);
    for (const template of TEMPLATE_IDS) {
      const title = titles.get(template) ?? template;
      const path = join(dir, fileNameFor(title));
      const written = join(dir, templateFileName(template));
      if (written !== path) renameSync(written, path);
      files.push({ profile: profile.id, template, title, path });
    }
  }
  return files;
}

if (require.main === module) {
  const outDir = resolve(process.argv[2] ?? join(__dirname, '..', 'dist', 'templates'));
  writeTemplateFiles(outDir).then(
    (files) => console.log(`模板文件 / template files: ${files.length} → ${outDir}`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
