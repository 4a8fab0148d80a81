/**
 * 批量审核: received workbooks chosen in the pane (files, or a folder where the browser allows), read in the
 * browser and checked in a Web Worker with the same step, reader and limits as `bpa check`; nothing is sent
 * anywhere. Goal declarations (目标申报表) may be chosen beside them: every check is given them and 全覆盖
 * lists the gaps as `bpa check --goals` does. A results table, the issues of the selected file, 抽审 as
 * `bpa sample` does it, and 写入汇总表 into the open workbook. Loaded only when the section is opened (its
 * own chunk).
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ChangeEvent } from 'react';
import { Button, Field, Input, ProgressBar, Text } from '@fluentui/react-components';
import type { FileResult, SheetResult } from '../../app/batch-report';
import { batchSheetsPlan, count, writeBatchToNewWorkbook } from '../../app/batch-sheets';
import { COVERAGE_TEXT, describeEntry, type CoverageEntry, type CoverageReport } from '../../app/coverage';
import { pickSample, type SampleResult } from '../../app/sample';
import type { WorkbookPort } from '../../app/workbook-port';
import { getTemplateSpec } from '../../domain/templates/registry';
import { formatNumber, type Lang } from '../../domain/messages/catalog';
import {
  batchReport,
  htmlReportBlob,
  reportName,
  saveFile,
  writeXlsx,
  XLSX_TYPE,
  xlsxReportBytes,
} from './export-report';
import {
  grouped,
  runBatch,
  type BatchFile,
  type BatchRun,
  type GoalProblem,
  type Grouped,
  type MakeWorker,
} from './run-batch';

const TEXTS = {
  'zh-CN': {
    choose: '选择文件',
    chooseFolder: '选择文件夹',
    chooseHint: '选择收到的工作簿（.xlsx、.xlsm、.xls、.et），可多选',
    privacy: '文件只在本机浏览器中读取和检查，不会上传。',
    progress: (done: number, total: number) => `已检查 ${done} / ${total}`,
    cancel: '取消',
    cancelled: '已取消',
    file: '文件',
    department: '单位',
    project: '项目',
    form: '表格',
    total: '自评/复算总分',
    grade: '等级',
    errorsWarnings: '错误/警告',
    unreadable: '无法读取',
    unrecognized: '未识别表格',
    ungraded: '未评级',
    issuesOf: (file: string) => `${file} 的问题`,
    noIssues: '没有问题',
    rate: '抽样比例 (0–1)',
    seed: '随机种子',
    sample: '抽审',
    picked: '抽审',
    errors: '错误',
    warnings: '警告',
    sampleBad: '比例应为 0 到 1 之间的数，种子应为整数',
    sampled: (n: number, of: number) => `抽取 ${n} 份（共 ${of} 份）`,
    writeSheets: '写入汇总表',
    written: (names: readonly string[]) => `已写入工作表 ${names.join('、')}`,
    chooseGoals: '目标申报表（可选）',
    goalsHint: '选择目标申报表，用于全覆盖核对和目标一致性检查（可多选）',
    goalsChosen: (n: number) => `目标申报表 ${n} 份：`,
    clearGoals: '清除',
    goalUnreadable: '目标申报表无法读取：',
    writeHere: '写入当前工作簿',
    writeNew: '写入新工作簿',
    writtenNew: (names: readonly string[]) => `已新建工作簿，写入工作表 ${names.join('、')}`,
    exportHtml: '导出报告（HTML）',
    exportXlsx: '导出报告（xlsx）',
    exported: (name: string) => `报告已保存：${name}`,
    exportFailed: '导出失败：',
    writeFailed: '写入失败：',
  },
  en: {
    choose: 'Choose files',
    chooseFolder: 'Choose a folder',
    chooseHint: 'Choose the received workbooks (.xlsx, .xlsm, .xls, .et); several at once',
    privacy: 'Files are read and checked in this browser only; nothing is uploaded.',
    progress: (done: number, total: number) => `Checked ${done} of ${total}`,
    cancel: 'Cancel',
    cancelled: 'Cancelled',
    file: 'File',
    department: 'Unit',
    project: 'Project',
    form: 'Form',
    total: 'Stated/recomputed total',
    grade: 'Grade',
    errorsWarnings: 'Errors/warnings',
    unreadable: 'Unreadable',
    unrecognized: 'No form recognised',
    ungraded: 'Ungraded',
    issuesOf: (file: string) => `Issues of ${file}`,
    noIssues: 'No issues',
    rate: 'Sample rate (0–1)',
    seed: 'Seed',
    sample: 'Sample',
    picked: 'Sampled',
    errors: 'errors',
    warnings: 'warnings',
    sampleBad: 'The rate must be a number from 0 to 1 and the seed an integer',
    sampled: (n: number, of: number) => `${n} picked of ${of}`,
    writeSheets: 'Write summary sheets',
    written: (names: readonly string[]) => `Wrote sheets ${names.join(', ')}`,
    chooseGoals: 'Goal declarations (optional)',
    goalsHint:
      'Choose goal declarations for the coverage check and the goal consistency checks; several at once',
    goalsChosen: (n: number) => `${n} goal workbook(s): `,
    clearGoals: 'Clear',
    goalUnreadable: 'Goal workbook unreadable: ',
    writeHere: 'Write into this workbook',
    writeNew: 'Write into a new workbook',
    writtenNew: (names: readonly string[]) => `Made a new workbook with the sheets ${names.join(', ')}`,
    exportHtml: 'Export report (HTML)',
    exportXlsx: 'Export report (xlsx)',
    exported: (name: string) => `Report saved: ${name}`,
    exportFailed: 'Could not export: ',
    writeFailed: 'Could not write: ',
  },
} as const;

export interface BatchSectionProps {
  port: WorkbookPort;
  lang: Lang;
  /** Tests and benchmarks may give their own worker; the pane uses the bundled one. */
  makeWorker?: MakeWorker;
  /** Told after 写入汇总表 added its sheets (the live checks and the host's views list sheets again). */
  onSheetsAdded?: () => Promise<void> | void;
}

const num = (value: number | null): string => (value === null ? '—' : formatNumber(value));

/** Whether this browser lets a file input choose a folder (webkitdirectory; not every WebView does). */
const folderPicking = (): boolean =>
  typeof document !== 'undefined' && 'webkitdirectory' in document.createElement('input');

/** The sheet that stands for a file in the table: the scored one, else the first. */
const mainSheet = (result: FileResult): SheetResult | null =>
  result.sheets.find((s) => s.scores.total !== null) ?? result.sheets[0] ?? null;

function toBatchFiles(list: FileList | null): BatchFile[] {
  return Array.from(list ?? [], (file: File) => ({
    name: file.webkitRelativePath === '' ? file.name : file.webkitRelativePath,
    size: file.size,
    read: () => file.arrayBuffer(),
  }));
}

export default function BatchSection({ port, lang, makeWorker, onSheetsAdded }: BatchSectionProps) {
  const t = TEXTS[lang === 'en' ? 'en' : 'zh-CN'];
  const [results, setResults] = useState<FileResult[]>([]);
  const [total, setTotal] = useState(0);
  const [running, setRunning] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [rate, setRate] = useState('0.2');
  const [seed, setSeed] = useState('1');
  const [sample, setSample] = useState<SampleResult | null>(null);
  const [goalFiles, setGoalFiles] = useState<BatchFile[]>([]);
  const [coverage, setCoverage] = useState<CoverageReport | null>(null);
  const [goalProblems, setGoalProblems] = useState<GoalProblem[]>([]);
  const run = useRef<BatchRun | null>(null);
  /** The results of the running batch on their way to the table. */
  const shown = useRef<Grouped<FileResult> | null>(null);
  /** The received files of the last run: choosing goal declarations afterwards checks them again. */
  const lastFiles = useRef<BatchFile[]>([]);
  const filesInput = useRef<HTMLInputElement | null>(null);
  const goalsInput = useRef<HTMLInputElement | null>(null);
  const folderInput = useRef<HTMLInputElement | null>(null);
  const canPickFolder = useMemo(folderPicking, []);

  const check = useCallback(
    (files: BatchFile[], goals: BatchFile[]) => {
      run.current?.cancel();
      lastFiles.current = files;
      setResults([]);
      setSelected(null);
      setSample(null);
      setStatus(null);
      setCoverage(null);
      setGoalProblems([]);
      setTotal(files.length);
      setRunning(true);
      shown.current?.drop();
      const show = grouped<FileResult>((added) => setResults((r) => [...r, ...added]));
      shown.current = show;
      const current = runBatch(files, lang, (result) => show.add(result), makeWorker, goals);
      run.current = current;
      void current.done.then((outcome) => {
        if (run.current !== current) return;
        show.flush();
        setRunning(false);
        setCoverage(outcome.coverage ?? null);
        setGoalProblems(outcome.goalProblems);
      });
    },
    [lang, makeWorker],
  );

  const start = useCallback(
    (event: ChangeEvent<HTMLInputElement>) => {
      const files = toBatchFiles(event.target.files);
      event.target.value = '';
      if (files.length === 0) return;
      check(files, goalFiles);
    },
    [check, goalFiles],
  );

  const chooseGoals = (goals: BatchFile[]) => {
    setGoalFiles(goals);
    if (lastFiles.current.length > 0) check(lastFiles.current, goals);
  };

  const cancel = () => {
    shown.current?.flush();
    run.current?.cancel();
    run.current = null;
    setRunning(false);
    setStatus(t.cancelled);
  };

  const drawSample = () => {
    const r = Number(rate);
    const s = Number(seed);
    if (rate.trim() === '' || !Number.isFinite(r) || r < 0 || r > 1 || !Number.isSafeInteger(s)) {
      setStatus(t.sampleBad);
      return;
    }
    setSample(
      pickSample(
        results.map((result) => ({ result, key: result.file })),
        r,
        s,
        lang,
      ),
    );
  };

  const writeSheets = async () => {
    try {
      const taken = new Set((await port.listSheets()).map((s) => s.name));
      const { plan, summary, sheets } = batchSheetsPlan(results, taken, coverage ?? undefined);
      await port.applyPlan(plan);
      await onSheetsAdded?.();
      setStatus(t.written(sheets));
      // The person sees the summary; a host that cannot select leaves the sheets written all the same.
      await port.select(summary, 'A1').catch(() => undefined);
    } catch (error) {
      setStatus(t.writeFailed + (error instanceof Error ? error.message : String(error)));
    }
  };

  const writeNewWorkbook = async () => {
    const target = port.newWorkbook;
    if (target === undefined) return;
    try {
      const sheets = await writeBatchToNewWorkbook(target, results, coverage ?? undefined, writeXlsx);
      setStatus(t.writtenNew(sheets));
    } catch (error) {
      setStatus(t.writeFailed + (error instanceof Error ? error.message : String(error)));
    }
  };

  const exportReport = async (format: 'html' | 'xlsx') => {
    try {
      const report = batchReport(results, coverage);
      const name = reportName(new Date(), format);
      const blob =
        format === 'html'
          ? htmlReportBlob(report, lang)
          : new Blob([(await xlsxReportBytes(report, lang)) as Uint8Array<ArrayBuffer>], { type: XLSX_TYPE });
      saveFile(blob, name);
      setStatus(t.exported(name));
    } catch (error) {
      setStatus(t.exportFailed + (error instanceof Error ? error.message : String(error)));
    }
  };

  const chosen = selected === null ? null : (results[selected] ?? null);
  const issuesRef = useRef<HTMLDivElement>(null);
  // A long results list pushes the issues out of sight: bring them into view when a file is chosen.
  useEffect(() => {
    if (selected !== null) issuesRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [selected]);
  const picked = useMemo(() => new Set(sample?.picks.map((p) => p.file) ?? []), [sample]);

  return (
    <section className="bpa-section bpa-batch" data-testid="batch-section">
      <Text size={200} className="bpa-muted">
        {t.privacy}
      </Text>
      <div className="bpa-row">
        <Button appearance="primary" onClick={() => filesInput.current?.click()} title={t.chooseHint}>
          {t.choose}
        </Button>
        {canPickFolder && <Button onClick={() => folderInput.current?.click()}>{t.chooseFolder}</Button>}
        {/* The browser's own inputs, hidden: their text would be the browser's language, not the pane's. */}
        <input
          ref={filesInput}
          className="bpa-hidden-input"
          type="file"
          multiple
          accept=".xlsx,.xlsm,.xls,.et"
          aria-label={t.chooseHint}
          tabIndex={-1}
          data-testid="batch-files"
          onChange={start}
        />
        {canPickFolder && (
          <input
            ref={(el) => {
              folderInput.current = el;
              el?.setAttribute('webkitdirectory', '');
            }}
            className="bpa-hidden-input"
            type="file"
            multiple
            aria-label={t.chooseFolder}
            tabIndex={-1}
            data-testid="batch-folder"
            onChange={start}
          />
        )}
        <Button onClick={() => goalsInput.current?.click()} title={t.goalsHint}>
          {t.chooseGoals}
        </Button>
        <input
          ref={goalsInput}
          className="bpa-hidden-input"
          type="file"
          multiple
          accept=".xlsx,.xlsm,.xls,.et"
          aria-label={t.goalsHint}
          tabIndex={-1}
          data-testid="batch-goals"
          onChange={(event) => {
            const goals = toBatchFiles(event.target.files);
            event.target.value = '';
            if (goals.length > 0) chooseGoals(goals);
          }}
        />
      </div>
      {goalFiles.length > 0 && (
        <div className="bpa-row" data-testid="batch-goal-files">
          <Text size={200}>
            {t.goalsChosen(goalFiles.length)}
            {goalFiles.map((f) => f.name).join('、')}
          </Text>
          <Button size="small" appearance="transparent" onClick={() => chooseGoals([])}>
            {t.clearGoals}
          </Button>
        </div>
      )}
      {total > 0 && (
        <div className="bpa-batch-progress">
          <ProgressBar value={total === 0 ? 0 : results.length / total} />
          <div className="bpa-row">
            <Text data-testid="batch-progress">{t.progress(results.length, total)}</Text>
            {running && <Button onClick={cancel}>{t.cancel}</Button>}
          </div>
        </div>
      )}
      {status !== null && (
        <Text role="status" data-testid="batch-status">
          {status}
        </Text>
      )}
      {results.length > 0 && (
        <table className="bpa-batch-table" data-testid="batch-results">
          <thead>
            <tr>
              <th>{t.file}</th>
              <th>{t.department}</th>
              <th>{t.project}</th>
              <th>{t.form}</th>
              <th>{t.total}</th>
              <th>{t.grade}</th>
              <th>{t.errorsWarnings}</th>
            </tr>
          </thead>
          <tbody>
            {results.map((result, index) => {
              const sheet = mainSheet(result);
              const errors = count(result, 'error');
              const warnings = count(result, 'warning');
              return (
                <tr
                  key={`${index}:${result.file}`}
                  data-file={result.file}
                  data-status={result.status}
                  data-total={sheet?.scores.total ?? ''}
                  data-errors={count(result, 'error')}
                  data-warnings={count(result, 'warning')}
                  aria-selected={selected === index}
                  data-picked={picked.has(result.file) ? t.picked : undefined}
                  tabIndex={0}
                  onClick={() => setSelected(index)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' || e.key === ' ') setSelected(index);
                  }}
                >
                  <td className="bpa-batch-file" data-picked={picked.has(result.file) ? t.picked : undefined}>
                    {result.file}
                  </td>
                  <td data-label={t.department}>{sheet?.department ?? ''}</td>
                  <td data-label={t.project}>{sheet?.project ?? ''}</td>
                  <td data-label={t.form}>
                    {sheet === null
                      ? result.status === 'unreadable'
                        ? t.unreadable
                        : t.unrecognized
                      : getTemplateSpec(sheet.template).title}
                  </td>
                  <td data-label={t.total}>
                    {sheet === null ? '' : `${num(sheet.scores.statedTotal)} / ${num(sheet.scores.total)}`}
                  </td>
                  <td data-label={t.grade}>
                    {/* A scored form without a grade says so, rather than an empty cell (errors withhold it). */}
                    {sheet === null
                      ? ''
                      : (sheet.scores.grade ?? (sheet.scores.total === null ? '' : t.ungraded))}
                  </td>
                  <td
                    data-label={t.errorsWarnings}
                    title={
                      result.status === 'unreadable'
                        ? undefined
                        : `${errors} ${t.errors} / ${warnings} ${t.warnings}`
                    }
                  >
                    {/* An unreadable file was not checked: no count, rather than a reassuring 0 / 0. */}
                    {result.status === 'unreadable' ? '—' : `${errors} / ${warnings}`}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {/* Right below the results, so that on a narrow pane a chosen file's issues are not under 全覆盖. */}
      {chosen !== null && (
        <div data-testid="batch-issues" className="bpa-batch-issues" ref={issuesRef}>
          <Text weight="semibold">{t.issuesOf(chosen.file)}</Text>
          <ul className="bpa-list">
            {chosen.error !== undefined && (
              <li className="bpa-issue bpa-issue-error">{chosen.error.message}</li>
            )}
            {chosen.sheets.flatMap((s) =>
              s.issues.map((issue, i) => (
                <li
                  key={`${s.sheet}:${i}`}
                  data-severity={issue.severity}
                  className={`bpa-issue bpa-issue-${issue.severity}`}
                >
                  {`${s.sheet}${issue.cell === null ? '' : `!${issue.cell}`}：${issue.message}`}
                </li>
              )),
            )}
            {chosen.error === undefined && chosen.sheets.every((s) => s.issues.length === 0) && (
              <li className="bpa-issue">{t.noIssues}</li>
            )}
          </ul>
        </div>
      )}
      {(coverage !== null || goalProblems.length > 0) && (
        <CoverageCard
          coverage={coverage}
          problems={goalProblems}
          lang={lang}
          unreadableLabel={t.goalUnreadable}
        />
      )}
      {results.length > 0 && !running && (
        <div className="bpa-stack bpa-batch-actions">
          <div className="bpa-batch-sample">
            <Field label={t.rate}>
              <Input value={rate} onChange={(_e, d) => setRate(d.value)} data-testid="batch-rate" />
            </Field>
            <Field label={t.seed}>
              <Input value={seed} onChange={(_e, d) => setSeed(d.value)} data-testid="batch-seed" />
            </Field>
          </div>
          <div className="bpa-row">
            <Button onClick={drawSample} data-testid="batch-sample">
              {t.sample}
            </Button>
            <Button appearance="primary" onClick={() => void writeSheets()} data-testid="batch-write">
              {port.newWorkbook === undefined ? t.writeSheets : t.writeHere}
            </Button>
            {port.newWorkbook !== undefined && (
              <Button onClick={() => void writeNewWorkbook()} data-testid="batch-write-new">
                {t.writeNew}
              </Button>
            )}
          </div>
          <div className="bpa-row">
            <Button onClick={() => void exportReport('html')} data-testid="batch-export-html">
              {t.exportHtml}
            </Button>
            <Button onClick={() => void exportReport('xlsx')} data-testid="batch-export-xlsx">
              {t.exportXlsx}
            </Button>
          </div>
          {sample !== null && (
            <div data-testid="batch-picks">
              <Text>{t.sampled(sample.picks.length, sample.population)}</Text>
              <ul className="bpa-batch-picks">
                {sample.picks.map((p) => (
                  <li key={p.file}>{`${p.file}（${p.grade}）：${p.reasons.join('；')}`}</li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
    </section>
  );
}

function CoverageCard({
  coverage,
  problems,
  lang,
  unreadableLabel,
}: {
  coverage: CoverageReport | null;
  problems: readonly GoalProblem[];
  lang: Lang;
  unreadableLabel: string;
}) {
  const t = COVERAGE_TEXT[lang === 'en' ? 'en' : 'zh-CN'];
  const list = (label: string, entries: readonly CoverageEntry[], testId: string) => (
    <div data-testid={testId} data-count={entries.length}>
      <Text weight="semibold">{`${label}（${entries.length}）`}</Text>
      <ul className="bpa-list">
        {entries.length === 0 ? (
          <li className="bpa-issue">{t.none}</li>
        ) : (
          entries.map((e) => (
            <li key={`${e.file}\u0000${e.sheet}`} className="bpa-issue bpa-issue-warning">
              {describeEntry(e)}
            </li>
          ))
        )}
      </ul>
    </div>
  );
  return (
    <div
      className="bpa-batch-coverage"
      data-testid="batch-coverage"
      data-goals={coverage?.goals}
      data-self-evaluations={coverage?.selfEvaluations}
      data-covered={coverage?.covered}
    >
      <Text weight="semibold">{t.title}</Text>
      {problems.map((p) => (
        <Text key={p.file} className="bpa-issue bpa-issue-error" data-testid="batch-goal-problem">
          {`${unreadableLabel}${p.file}（${p.message}）`}
        </Text>
      ))}
      {coverage !== null && (
        <>
          <Text data-testid="batch-coverage-summary">{t.summary(coverage)}</Text>
          {list(t.goalsWithout, coverage.goalsWithoutSelfEvaluation, 'coverage-goals-without')}
          {list(t.selfWithout, coverage.selfEvaluationsWithoutGoals, 'coverage-self-without')}
        </>
      )}
    </div>
  );
}
