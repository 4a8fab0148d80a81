/**
 * The ready-made template files `npm run build` writes (scripts/build-templates.ts): all seven forms for each
 * built-in profile, named by their Chinese form names, each a workbook that opens and reads back as its form
 * with the profile recorded in `_meta`.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { builtInSettings } from '../../src/app/engine-settings';
import { checkWorkbook } from '../../src/app/check-workbook';
import { TEMPLATE_IDS } from '../../src/domain/forms/form-model';
import { readMeta } from '../../src/domain/forms/read-meta';
import { BUILT_IN_PROFILES } from '../../src/domain/profiles/profiles';
import { XlsxWorkbook } from '../../src/hosts/xlsx-file/xlsx-workbook';
import { fileNameFor, writeTemplateFiles, type TemplateFile } from '../../scripts/build-templates';

let outDir = '';
let files: TemplateFile[] = [];

beforeAll(async () => {
  outDir = mkdtempSync(path.join(tmpdir(), 'bpa-templates-'));
  files = await writeTemplateFiles(outDir);
}, 120_000);

afterAll(() => {
  if (outDir !== '') rmSync(outDir, { recursive: true, force: true });
});

describe('dist/templates', () => {
  it('holds the seven forms for each built-in profile, named by their Chinese form names', () => {
    expect(BUILT_IN_PROFILES.length).toBeGreaterThanOrEqual(2);
    expect(readdirSync(outDir).sort()).toEqual(BUILT_IN_PROFILES.map((p) => p.id).sort());
    for (const profile of BUILT_IN_PROFILES) {
      const names = readdirSync(path.join(outDir, profile.id)).sort();
      expect(names).toHaveLength(TEMPLATE_IDS.length);
      expect(names).toContain('项目支出绩效自评表.xlsx');
      expect(names).toContain('项目支出绩效目标申报表.xlsx');
      expect(names).toContain('事前绩效评估表.xlsx');
      expect(names.every((n) => /^[\u4e00-\u9fff]+\.xlsx$/.test(n))).toBe(true);
    }
    expect(files).toHaveLength(TEMPLATE_IDS.length * BUILT_IN_PROFILES.length);
  });

  it('each file opens and reads back as its form, with its profile in _meta', async () => {
    for (const file of files) {
      const book = await XlsxWorkbook.fromBuffer(readFileSync(file.path));
      const settings = builtInSettings(file.profile);
      if (settings === null) throw new Error(`no settings for ${file.profile}`);
      const report = await checkWorkbook(book, { settingsFor: () => settings });
      expect({ file: path.basename(file.path), forms: report.sheets.map((s) => s.template) }).toEqual({
        file: path.basename(file.path),
        forms: [file.template],
      });
      const [meta] = await book.readBlocks([{ sheet: '_meta' }]);
      if (meta === undefined) throw new Error('no _meta');
      expect(readMeta(meta).entries.map((e) => [e.template, e.profile])).toEqual([
        [file.template, file.profile],
      ]);
    }
  }, 120_000);

  it('makes names Windows accepts', () => {
    expect(fileNameFor('项目支出绩效自评表')).toBe('项目支出绩效自评表.xlsx');
    expect(fileNameFor('a/b:c*?')).toBe('a_b_c__.xlsx');
  });
});
