/**
 * The command line's part of the benchmark: `bpa check` over many received workbooks against the time
 * exceljs alone takes to load the same files (check and score should add little to reading), and the
 * speed-up of two worker threads over one.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { checkFiles } from '../src/cli/batch';
import type { CheckOptions } from '../src/cli/check-file';
import { selfEvaluationFile, testHost } from '../test/cli/workbooks';

export interface BenchRow {
  measure: string;
  value: string;
  budget: string;
  verdict: string;
}

const FILES = 500;

export async function cliBench(rows: BenchRow[]): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'bpa-bench-'));
  try {
    const files: string[] = [];
    // Variety without cost: a few distinct workbooks written under many names.
    const variants = await Promise.all(
      [60, 80, 95, 100].map((executed, i) => selfEvaluationFile({ executed, project: `项目${i}` })),
    );
    for (let i = 0; i < FILES; i++) {
      const file = join(dir, `自评-${String(i).padStart(3, '0')}.xlsx`);
      await writeFile(file, variants[i % variants.length] ?? new Uint8Array());
      files.push(file);
    }

    const options: CheckOptions = { lang: 'zh-CN', profile: null, framework: null, goals: [] };
    // exceljs's typings predate Node's generic Buffer type; the bytes are the same.
    const loadOnly = async (list: readonly string[]) => {
      for (const file of list)
        await new ExcelJS.Workbook().xlsx.load((await readFile(file)) as unknown as ArrayBuffer);
    };
    // Both paths warm up first, so neither pays for the other's JIT compilation.
    await loadOnly(files.slice(0, 40));
    await checkFiles(files.slice(0, 40), options, { jobs: 1, host: testHost(false) });

    let t0 = performance.now();
    await loadOnly(files);
    const excelOnly = performance.now() - t0;
    t0 = performance.now();
    const one = await checkFiles(files, options, { jobs: 1, host: testHost(false) });
    const jobs1 = performance.now() - t0;
    t0 = performance.now();
    const two = await checkFiles(files, options, { jobs: 2, host: testHost(true) });
    const jobs2 = performance.now() - t0;
    if (one.some((r) => r.status !== 'checked') || JSON.stringify(one) !== JSON.stringify(two)) {
      throw new Error('benchmark files did not all check, or --jobs 2 differed from --jobs 1');
    }

    const overhead = jobs1 / excelOnly - 1;
    rows.push({
      measure: `exceljs load only, ${FILES} workbooks`,
      value: `${(excelOnly / 1000).toFixed(2)} s`,
      budget: '',
      verdict: '',
    });
    rows.push({
      measure: `bpa check --jobs 1, ${FILES} workbooks`,
      value: `${(jobs1 / 1000).toFixed(2)} s`,
      budget: '',
      verdict: '',
    });
    rows.push({
      measure: 'check + score over reading (jobs 1 ÷ exceljs − 1)',
      value: `${(overhead * 100).toFixed(0)} %`,
      budget: '≤ 25 %',
      verdict: overhead <= 0.25 ? 'ok' : 'OVER',
    });
    rows.push({
      measure: `bpa check --jobs 2, ${FILES} workbooks`,
      value: `${(jobs2 / 1000).toFixed(2)} s`,
      budget: '',
      verdict: '',
    });
    rows.push({
      measure: 'speed-up of --jobs 2 over --jobs 1',
      value: `${(jobs1 / jobs2).toFixed(2)}×`,
      budget: '',
      verdict: '',
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
