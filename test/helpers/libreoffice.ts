/**
 * LibreOffice headless as an independent spreadsheet engine (docs/platform.md §4): it recalculates the formulas
 * our templates write, and renders sheets to PDF for a look. Every call gets a fresh profile: runs sharing
 * one profile silently produce nothing, and only a profile can make LibreOffice drop stale cached values.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

const XLSX_FILTER = 'xlsx:Calc MS Excel 2007 XML';
const PDF_FILTER = 'pdf:calc_pdf_Export';
/** A cold start with a fresh profile takes a few seconds; a big batch a few more per file. */
const BASE_TIMEOUT_MS = 60_000;
const PER_FILE_TIMEOUT_MS = 5_000;

/** Recalculate every formula on load, never trust the cached values a file carries. */
const RECALC_SETTINGS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** The soffice executable on PATH (or in the usual install places), null when LibreOffice is missing. */
export function findSoffice(): string | null {
  const onPath = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((dir) => dir.length > 0)
    .flatMap((dir) => [join(dir, 'soffice'), join(dir, 'libreoffice')]);
  const known = [
    '/usr/bin/soffice',
    '/usr/lib/libreoffice/program/soffice',
    '/opt/libreoffice/program/soffice',
  ];
  return [...onPath, ...known].find((candidate) => existsSync(candidate)) ?? null;
}

function sofficeOrThrow(): string {
  const soffice = findSoffice();
  if (soffice === null) throw new Error('LibreOffice (soffice) is not installed');
  return soffice;
}

function run(command: string, args: readonly string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      [...args],
      { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${command} failed: ${error.message}\n${stderr}`));
        else resolve(`${stdout}${stderr}`);
      },
    );
  });
}

/**
 * Converts the files in one soffice run with a profile of its own, and returns the outputs in input order.
 * soffice exits with 0 even when a file could not be loaded, so a missing output is the failure signal.
 */
async function convertAll(inputs: readonly Buffer[], filter: string, extension: string): Promise<Buffer[]> {
  if (inputs.length === 0) return [];
  const soffice = sofficeOrThrow();
  const work = await mkdtemp(join(tmpdir(), 'bpa-soffice-'));
  try {
    const profile = join(work, 'profile');
    await mkdir(join(profile, 'user'), { recursive: true });
    await writeFile(join(profile, 'user', 'registrymodifications.xcu'), RECALC_SETTINGS);
    const inDir = join(work, 'in');
    const outDir = join(work, 'out');
    await mkdir(inDir);
    await mkdir(outDir);
    const names = inputs.map((_, i) => `book-${String(i).padStart(4, '0')}`);
    await Promise.all(inputs.map((bytes, i) => writeFile(join(inDir, `${names[i]}.xlsx`), bytes)));
    const log = await run(
      soffice,
      [
        `-env:UserInstallation=file://${profile}`,
        '--headless',
        '--norestore',
        '--nolockcheck',
        '--convert-to',
        filter,
        '--outdir',
        outDir,
        ...names.map((name) => join(inDir, `${name}.xlsx`)),
      ],
      BASE_TIMEOUT_MS + PER_FILE_TIMEOUT_MS * inputs.length,
    );
    return await Promise.all(
      names.map(async (name) => {
        const out = join(outDir, `${name}.${extension}`);
        if (!existsSync(out)) throw new Error(`LibreOffice produced no ${name}.${extension}:\n${log}`);
        return readFile(out);
      }),
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The workbook as LibreOffice saves it after recalculating every formula (results in the cached values). */
export async function recalculate(inputXlsx: Buffer): Promise<Buffer> {
  const [out] = await convertAll([inputXlsx], XLSX_FILTER, 'xlsx');
  if (out === undefined) throw new Error('LibreOffice returned nothing');
  return out;
}

/** Several workbooks recalculated in one soffice start (about a second saved per file). */
export function recalculateAll(inputs: readonly Buffer[]): Promise<Buffer[]> {
  return convertAll(inputs, XLSX_FILTER, 'xlsx');
}

/** The workbook printed to PDF as LibreOffice lays it out (page setup, print area, widths). */
export async function toPdf(inputXlsx: Buffer): Promise<Buffer> {
  const [out] = await convertAll([inputXlsx], PDF_FILTER, 'pdf');
  if (out === undefined) throw new Error('LibreOffice returned nothing');
  return out;
}

/** Several workbooks printed to PDF in one soffice start. */
export function toPdfAll(inputs: readonly Buffer[]): Promise<Buffer[]> {
  return convertAll(inputs, PDF_FILTER, 'pdf');
}
