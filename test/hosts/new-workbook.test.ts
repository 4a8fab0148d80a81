/**
 * 写入汇总表 into a new workbook, on both hosts' fakes: Excel is handed an xlsx file of the sheets
 * (Excel.createWorkbook, base64; ExcelApi 1.8, absent before), WPS adds an empty workbook (Workbooks.Add())
 * and the sheets are written into it through the port, as into the open workbook; the open workbook is left
 * as it was. The sheets hold what 写入当前工作簿 writes.
 */
import ExcelJS from 'exceljs';
import type { FileResult } from '../../src/app/batch-report';
import {
  batchSheetsPlan,
  coverageSheetRows,
  issueRows,
  summaryRows,
  toBase64,
  writeBatchToNewWorkbook,
} from '../../src/app/batch-sheets';
import { checkReceivedBytes, readGoalFormsFromBytes } from '../../src/app/check-received';
import { coverageEntry, coverageOf, type CoverageReport } from '../../src/app/coverage';
import { ExcelWorkbook } from '../../src/hosts/excel/excel-workbook';
import { MemoryWorkbook } from '../../src/hosts/memory/memory-workbook';
import { WpsWorkbook } from '../../src/hosts/wps/wps-workbook';
import { openReceivedWorkbook } from '../../src/hosts/xlsx-file/open-received';
import { writeReportBook } from '../../src/hosts/xlsx-file/report-book';
import { formFile, projectGoals } from '../cli/cycle-files';
import { selfEvaluationFile } from '../cli/workbooks';
import { FakeExcel } from './excel/fake/excel-fake';
import { FakeEt } from '../fakes/wps/fake-et';

jest.setTimeout(30_000);

let results: FileResult[] = [];
let coverage: CoverageReport;

beforeAll(async () => {
  const settings = { profile: null, framework: null };
  const goals =
    (await readGoalFormsFromBytes(
      await formFile('project-goals', projectGoals('城区供水管网改造', '市住建局')),
      settings,
      openReceivedWorkbook,
    )) ?? [];
  const options = { lang: 'zh-CN' as const, ...settings, goals };
  results = [
    await checkReceivedBytes('好.xlsx', await selfEvaluationFile(), options, openReceivedWorkbook),
    await checkReceivedBytes(
      '不符.xlsx',
      await selfEvaluationFile({ project: '=HYPERLINK("x")', statedTotal: 75 }),
      options,
      openReceivedWorkbook,
    ),
    await checkReceivedBytes('坏.xlsx', new Uint8Array([1, 2, 3]), options, openReceivedWorkbook),
  ];
  coverage = coverageOf(
    goals.map((form) => coverageEntry('目标.xlsx', form)),
    results,
  );
});

/** A cell's value as text, as a sheet shows it; empty cells at a row's end left out. */
const asText = (rows: readonly (readonly unknown[])[]): string[][] =>
  rows.map((row) => {
    const cells = row.map((v) => (v === null || v === undefined ? '' : String(v)));
    while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
    return cells;
  });

test('toBase64 encodes as btoa does, large inputs included', () => {
  const bytes = Uint8Array.from({ length: 100_000 }, (_v, i) => (i * 7) % 256);
  expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
  expect(toBase64(new Uint8Array())).toBe('');
});

describe('Excel: Excel.createWorkbook with an xlsx file of the sheets', () => {
  test('ExcelApi 1.8 and later: a new workbook of 审核汇总, 问题清单 and 全覆盖; the open workbook untouched', async () => {
    const fake = new FakeExcel({ excelApi: '1.14' });
    const port = new ExcelWorkbook(fake.api);
    const before = await port.listSheets();
    const target = port.newWorkbook;
    expect(target?.kind).toBe('from-file');
    if (target === undefined) return;
    // A project name typed like a formula (the reader gives its text) must reach the file as text.
    const [first, ...rest] = results;
    const firstSheet = first?.sheets[0];
    if (first === undefined || firstSheet === undefined) throw new Error('test setup: no checked sheet');
    const tricky: FileResult[] = [
      { ...first, sheets: [{ ...firstSheet, project: '=HYPERLINK("x")' }] },
      ...rest,
    ];
    const sheets = await writeBatchToNewWorkbook(target, tricky, coverage, writeReportBook);
    expect(sheets).toEqual(['审核汇总', '问题清单', '全覆盖']);
    expect(fake.createdWorkbooks).toHaveLength(1);
    expect(await port.listSheets()).toEqual(before);

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(fake.createdWorkbooks[0] ?? '', 'base64') as unknown as ArrayBuffer);
    const values = (name: string) => {
      const ws = book.getWorksheet(name);
      const rows: unknown[][] = [];
      ws?.eachRow({ includeEmpty: true }, (row) => {
        const cells: unknown[] = [];
        row.eachCell({ includeEmpty: true }, (cell) => cells.push(cell.value));
        rows.push(cells);
      });
      return rows;
    };
    expect(book.worksheets.map((w) => w.name)).toEqual(sheets);
    // As written into the open workbook, except that text a sender typed like a formula stays text.
    const inert = (rows: string[][]) => rows.map((r) => r.map((c) => (c.startsWith('=') ? `'${c}` : c)));
    expect(asText(values('审核汇总'))).toEqual(inert(asText(summaryRows(tricky))));
    expect(asText(values('问题清单'))).toEqual(inert(asText(issueRows(tricky))));
    expect(asText(values('全覆盖'))).toEqual(asText(coverageSheetRows(coverage)));
    expect(asText(values('审核汇总')).some((r) => r.includes(`'=HYPERLINK("x")`))).toBe(true);
    // The header row stays in view, as in the command line's report.
    expect(book.getWorksheet('审核汇总')?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  test('before ExcelApi 1.8 there is no new workbook to offer', () => {
    const port = new ExcelWorkbook(new FakeExcel({ excelApi: '1.7' }).api);
    expect(port.newWorkbook).toBeUndefined();
  });
});

describe('WPS: Workbooks.Add() and the sheets written through the port', () => {
  for (const build of ['properties', 'methods'] as const) {
    test(`${build}: a new workbook holds the sheets; the open one is left as it was`, async () => {
      const fake = new FakeEt({ build, sheets: ['审核汇总', '表一'] });
      const port = new WpsWorkbook(fake.application);
      const target = port.newWorkbook;
      expect(target?.kind).toBe('empty');
      if (target === undefined) return;
      const sheets = await writeBatchToNewWorkbook(target, results, coverage, () => {
        throw new Error('WPS needs no file');
      });
      expect(sheets).toEqual(['审核汇总', '问题清单', '全覆盖']);
      expect(fake.sheetNames()).toEqual(['审核汇总', '表一']);
      expect(fake.addedWorkbooks).toHaveLength(1);
      const added = fake.addedWorkbooks[0];
      expect(added?.sheetNames()).toEqual(expect.arrayContaining(['Sheet1', ...sheets]));

      // What the port reads back from the new workbook equals what the memory host holds after the same plan.
      const reference = new MemoryWorkbook();
      await reference.applyPlan(batchSheetsPlan(results, new Set(), coverage).plan);
      const addedPort = new WpsWorkbook(added?.application ?? fake.application);
      for (const name of sheets) {
        expect((await addedPort.readBlock(name)).values).toEqual((await reference.readBlock(name)).values);
      }
      expect(fake.unknownMembers).toEqual([]);
      expect(added?.unknownMembers).toEqual([]);
    });
  }

  test('a WPS without Workbooks offers no new workbook', () => {
    const fake = new FakeEt();
    const app = new Proxy(fake.application, {
      get: (target, key) => (key === 'Workbooks' ? undefined : (Reflect.get(target, key) as unknown)),
    });
    expect(new WpsWorkbook(app).newWorkbook).toBeUndefined();
  });
});
