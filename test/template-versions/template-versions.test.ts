/**
 * Workbooks already handed out keep working: every kept workbook of an earlier (or the current) template
 * version is recognised by its `_meta` line, read, checked and scored exactly as when it was written, and
 * every version a template has had below its current one has such a workbook (see version-fixtures.ts).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkWorkbook } from '../../src/app/check-workbook';
import { TEMPLATE_IDS } from '../../src/domain/forms/form-model';
import { readMeta } from '../../src/domain/forms/read-meta';
import { getTemplateSpec } from '../../src/domain/templates/registry';
import { XlsxWorkbook } from '../../src/hosts/xlsx-file/xlsx-workbook';
import { FIXTURES_DIR, fixtureRecordSchema, recordOf, settingsFor } from './version-fixtures';

interface Fixture {
  name: string;
  file: string;
  record: ReturnType<typeof fixtureRecordSchema.parse>;
}

function fixtures(): Fixture[] {
  const found: Fixture[] = [];
  for (const dir of readdirSync(FIXTURES_DIR)
    .filter((d) => /^v\d+$/.test(d))
    .sort()) {
    for (const name of readdirSync(join(FIXTURES_DIR, dir)).filter((f) => f.endsWith('.expected.json'))) {
      const template = name.replace(/\.expected\.json$/, '');
      found.push({
        name: `${dir}/${template}`,
        file: join(FIXTURES_DIR, dir, `${template}.xlsx`),
        record: fixtureRecordSchema.parse(JSON.parse(readFileSync(join(FIXTURES_DIR, dir, name), 'utf8'))),
      });
    }
  }
  return found;
}

const all = fixtures();

describe('workbooks of earlier template versions', () => {
  it('keeps a workbook of every version below the current one, for every template', () => {
    const missing = TEMPLATE_IDS.flatMap((id) => {
      const current = getTemplateSpec(id).version;
      return Array.from({ length: current - 1 }, (_, i) => `v${i + 1}/${id}`).filter(
        (name) => !all.some((f) => f.name === name),
      );
    });
    expect(missing).toEqual([]);
    // Version 1 of every template is kept, whatever the current version.
    expect(
      all
        .filter((f) => f.record.version === 1)
        .map((f) => f.record.template)
        .sort(),
    ).toEqual([...TEMPLATE_IDS].sort());
  });

  it('records the same scores for every version of a template, filled alike', () => {
    for (const id of TEMPLATE_IDS) {
      const versions = all.filter((f) => f.record.template === id);
      const first = versions[0];
      for (const f of versions.slice(1)) {
        expect({ name: f.name, scores: f.record.scores }).toEqual({
          name: f.name,
          scores: first?.record.scores,
        });
        expect(f.record.goldenCase).toBe(first?.record.goldenCase);
      }
    }
  });

  it.each(all.map((f) => [f.name, f] as const))(
    '%s is recognised, read, checked and scored',
    async (_, f) => {
      expect(existsSync(f.file)).toBe(true);
      expect(f.record.version).toBeLessThanOrEqual(getTemplateSpec(f.record.template).version);
      const book = await XlsxWorkbook.fromBuffer(readFileSync(f.file));

      const meta = readMeta(await book.readBlock('_meta')).entries;
      expect(meta.map((m) => [m.sheet, m.template, m.version])).toEqual([
        [f.record.sheet, f.record.template, f.record.version],
      ]);

      const report = await checkWorkbook(book, { settingsFor });
      expect(report.unrecognized).toEqual([]);
      const sheet = report.sheets.find((s) => s.sheet === f.record.sheet);
      expect(sheet?.source).toBe('meta');
      expect(sheet?.form.templateVersion).toBe(f.record.version);
      expect(sheet?.form.missing).toEqual([]);
      if (sheet === undefined) return;
      const { template, sheet: name, issues, scores, read } = f.record;
      expect(recordOf(sheet)).toEqual({ template, sheet: name, issues, scores, read });
    },
  );
});
