import type { FileResult } from '../../src/app/batch-report';
import { summarize } from '../../src/app/batch-report';
import { jsonReportChunks } from '../../src/app/report-json';
import { CompactResults, deserialized, serialized } from '../../src/cli/results';

const checked: FileResult = {
  file: '收到/a.xlsx',
  status: 'checked',
  sheets: [
    {
      sheet: '自评表',
      template: 'project-self-evaluation',
      department: '市水利局',
      project: null,
      issues: [{ code: 'grade_invalid', severity: 'error', cell: 'B21', message: '等级“x”无法识别' }],
      scores: {
        total: 91.5,
        grade: null,
        statedTotal: null,
        statedGrade: 'x',
        execution: null,
        indicators: [],
        conclusion: null,
        recommendation: null,
        partial: null,
        status: { kind: 'provisional', errors: 1, unscored: 0 },
      },
      rows: [],
    },
  ],
};
const unreadable: FileResult = {
  file: 'b.xlsx',
  status: 'unreadable',
  error: { code: 'html', message: '网页' },
  sheets: [],
};

describe('the JSON report written a file at a time', () => {
  it.each([[[]], [[checked]], [[checked, unreadable, checked]]])(
    'is the same text as JSON.stringify of the whole report (%#)',
    (files: FileResult[]) => {
      const summary = summarize(files);
      const whole = JSON.stringify({ files, summary }, null, 2) + '\n';
      expect([...jsonReportChunks(files, summary)].join('')).toBe(whole);
    },
  );
});

describe('compact results', () => {
  it('cross from a worker as JSON with the summary of their file, and read back as the same object', () => {
    const sent = serialized(checked);
    expect(sent.summary).toEqual(summarize([checked]));
    expect(JSON.parse(sent.json)).toEqual(checked);
    expect(deserialized(sent)).toEqual(checked);
    // A result checked in this thread is passed on as it is.
    expect(deserialized(checked)).toBe(checked);
  });

  it('give back every result in order and add up the same summary', () => {
    const results = new CompactResults();
    const files = [checked, unreadable, checked];
    // Results arrive in any order, as objects checked in this thread or as a worker sends them.
    for (const i of [2, 0, 1]) {
      const file = files[i] as FileResult;
      results.set(i, i === 0 ? file : serialized(file));
    }
    results.append(unreadable);
    expect([...results.files()]).toEqual([...files, unreadable]);
    expect(results.summary).toEqual(summarize([...files, unreadable]));
    expect(results.toReport()).toEqual({
      files: [...files, unreadable],
      summary: summarize([...files, unreadable]),
    });
  });
});
