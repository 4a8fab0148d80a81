/**
 * `npm run real-forms`: measures the engine on the real-form set and prints the table (also written to
 * test-artifacts/real-forms.md).
 * `npm run real-forms -- --sources`: prints the sources table of README.md from the case files.
 * `npm run real-forms -- --readme`: writes that table into README.md between its sources markers.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCases } from './case-schema';
import { measureAll } from './measure';
import { fullReport, sourcesTable } from './report';

const README = join(__dirname, 'README.md');
const BEGIN = '<!-- sources:begin (npm run real-forms -- --readme) -->';
const END = '<!-- sources:end -->';

async function main(args: readonly string[]): Promise<number> {
  const cases = loadCases();
  if (args.includes('--sources')) {
    console.log(sourcesTable(cases));
    return 0;
  }
  if (args.includes('--readme')) {
    const text = readFileSync(README, 'utf8');
    const start = text.indexOf(BEGIN);
    const end = text.indexOf(END);
    if (start < 0 || end < start) {
      console.error(`README.md 中缺少来源表标记 / README.md lacks the markers ${BEGIN} … ${END}`);
      return 1;
    }
    const updated = `${text.slice(0, start + BEGIN.length)}\n${sourcesTable(cases)}\n${text.slice(end)}`;
    writeFileSync(README, updated);
    console.log(`README.md: ${cases.length} sources`);
    return 0;
  }
  const report = fullReport(await measureAll(cases));
  const dir = join(__dirname, '..', '..', 'test-artifacts');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'real-forms.md'), report);
  console.log(report);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
