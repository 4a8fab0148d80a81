import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import type { FileResult } from '../../src/app/batch-report';
import { mulberry32, pickSample, type SampleResult } from '../../src/cli/sample';
import { EXIT_OK, EXIT_USAGE, run } from '../../src/cli/run';
import {
  captureIo,
  gradedSelfEvaluation,
  selfEvaluationFile,
  tempDir,
  writeFixture,
  removeTempDirs,
} from './workbooks';

afterAll(removeTempDirs);

async function sampleOf(args: string[]): Promise<SampleResult> {
  const io = captureIo();
  expect(await run(['sample', ...args, '--format', 'json'], io)).toBe(EXIT_OK);
  return JSON.parse(io.out()) as SampleResult;
}

/** Ten files: four 优, three 良, two 中, one 差. */
async function population(): Promise<string> {
  const dir = await tempDir();
  const grades = ['优', '优', '优', '优', '良', '良', '良', '中', '中', '差'] as const;
  for (const [i, grade] of grades.entries()) {
    await writeFixture(dir, `file-${i}.xlsx`, await gradedSelfEvaluation(grade, `项目${i}`));
  }
  return dir;
}

describe('bpa sample', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await population();
  }, 120_000);

  test('the same seed and the same files give the same picks, whatever order the files are named in', async () => {
    const files = (await readdir(dir)).map((n) => join(dir, n));
    const forward = await sampleOf([...files, '--rate', '0.3', '--seed', '7']);
    const backward = await sampleOf([...files].reverse().concat(['--rate', '0.3', '--seed', '7']));
    const asDir = await sampleOf([dir, '--rate', '0.3', '--seed', '7']);
    const picked = (s: SampleResult) => s.picks.map((p) => p.file).sort();
    expect(picked(backward)).toEqual(picked(forward));
    expect(picked(asDir)).toEqual(picked(forward));
  });

  test('different seeds can pick differently', async () => {
    const picks = new Set<string>();
    for (let seed = 1; seed <= 8; seed += 1) {
      const s = await sampleOf([dir, '--rate', '0.25', '--seed', String(seed)]);
      picks.add(s.picks.map((p) => p.file).join('|'));
    }
    expect(picks.size).toBeGreaterThan(1);
  });

  test('every grade present is represented, even at a small rate, and each pick says why', async () => {
    const s = await sampleOf([dir, '--rate', '0.1', '--seed', '3']);
    expect(s.strata).toEqual([
      { grade: '优', files: 4, picked: 1 },
      { grade: '良', files: 3, picked: 1 },
      { grade: '中', files: 2, picked: 1 },
      { grade: '差', files: 1, picked: 1 },
    ]);
    expect(new Set(s.picks.map((p) => p.grade))).toEqual(new Set(['优', '良', '中', '差']));
    expect(s.picks.find((p) => p.grade === '良')?.reasons).toEqual(['等级“良”分层抽取']);
  });

  test('a self-evaluation whose stated total differs from the recomputed one is always picked', async () => {
    const extra = await tempDir();
    const off = await writeFixture(extra, 'off.xlsx', await selfEvaluationFile({ statedTotal: 75 }));
    const s = await sampleOf([dir, off, '--rate', '0', '--seed', '1']);
    const pick = s.picks.find((p) => p.file === off);
    expect(pick?.reasons).toContain('自评与复算总分不一致');
  });

  test('text output lists the picks with their reasons; bad --rate or --seed is a usage error', async () => {
    const io = captureIo();
    expect(await run(['sample', dir, '--rate', '0.5', '--seed', '42'], io)).toBe(EXIT_OK);
    expect(io.out()).toContain('抽审样本：种子 42');
    expect(io.out()).toMatch(/file-\d\.xlsx\t优\t等级“优”分层抽取/);
    expect(await run(['sample', dir, '--rate', '1.5', '--seed', '1'], captureIo())).toBe(EXIT_USAGE);
    expect(await run(['sample', dir, '--rate', '0.5'], captureIo())).toBe(EXIT_USAGE);
    expect(await run(['sample', dir, '--rate', '0.5', '--seed', '1', '--format', 'html'], captureIo())).toBe(
      EXIT_USAGE,
    );
  });
});

describe('pickSample', () => {
  const graded = (file: string, grade: string): FileResult => ({
    file,
    status: 'checked',
    sheets: [
      {
        sheet: 'S',
        template: 'project-self-evaluation',
        department: null,
        project: null,
        issues: [],
        scores: {
          total: 90,
          partial: null,
          grade,
          statedTotal: null,
          statedGrade: null,
          execution: null,
          indicators: [],
          conclusion: null,
          recommendation: null,
          status: { kind: 'final', errors: 0, unscored: 0 },
        },
        rows: [],
      },
    ],
  });

  test('property: picks do not depend on input order, and every stratum gets at least one pick', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.tuple(fc.string({ minLength: 1, maxLength: 6 }), fc.constantFrom('优', '良', '中', '差')),
          {
            selector: ([name]) => name,
            minLength: 1,
            maxLength: 30,
          },
        ),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer(),
        (entries, rate, seed) => {
          const candidates = entries.map(([name, grade]) => ({ result: graded(name, grade), key: name }));
          const a = pickSample(candidates, rate, seed, 'zh-CN');
          const b = pickSample([...candidates].reverse(), rate, seed, 'zh-CN');
          expect(b).toEqual(a);
          const grades = new Set(entries.map(([, g]) => g));
          expect(new Set(a.picks.map((p) => p.grade))).toEqual(grades);
          for (const stratum of a.strata) {
            expect(stratum.picked).toBe(Math.max(1, Math.round(rate * stratum.files)));
          }
        },
      ),
    );
  });

  test('unreadable and unrecognised files are left out and listed as such', () => {
    const s = pickSample(
      [
        { result: graded('a', '优'), key: 'a' },
        {
          result: { file: 'b', status: 'unreadable', error: { code: 'not_xlsx', message: '' }, sheets: [] },
          key: 'b',
        },
      ],
      1,
      1,
      'zh-CN',
    );
    expect(s.population).toBe(1);
    expect(s.skipped).toEqual([{ file: 'b', status: 'unreadable' }]);
  });

  test('mulberry32 is deterministic and stays in [0, 1)', () => {
    const a = mulberry32(123);
    const b = mulberry32(123);
    const draws = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(draws);
    expect(draws.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(draws).size).toBeGreaterThan(990);
  });
});
