/**
 * The ribbon's function commands (ExecuteFunction in manifest.xml). With the shared runtime the ribbon and the
 * pane are one page, so a command talks to the pane directly: it opens the pane on a section (through the
 * location hash, which the pane follows) and, for 检查, re-checks the workbook and leaves the counts in the
 * check section.
 */
import type { SeverityCounts } from '../app/live-checks';

export type RibbonSection = 'templates' | 'library' | 'check';

/** Function names as manifest.xml gives them in <FunctionName>, and the section each opens. */
export const RIBBON_FUNCTIONS = {
  openTemplates: 'templates',
  openLibrary: 'library',
  checkWorkbook: 'check',
} as const satisfies Record<string, RibbonSection>;

export type RibbonFunction = keyof typeof RIBBON_FUNCTIONS;

/** What the page provides to the commands. */
export interface RibbonTarget {
  openSection(section: RibbonSection): void;
  showPane(): Promise<void>;
  /** A whole-workbook check; the pane shows its result. */
  checkWorkbook(): Promise<SeverityCounts>;
  /** A command that failed: shown in the pane, never thrown into Office. */
  report(error: unknown): void;
}

/** Office's completion callback: every command must call it, or the ribbon button stays busy. */
export interface CommandEvent {
  completed(): void;
}

export async function runRibbonFunction(name: RibbonFunction, target: RibbonTarget): Promise<void> {
  const section = RIBBON_FUNCTIONS[name];
  target.openSection(section);
  await target.showPane();
  if (name === 'checkWorkbook') await target.checkWorkbook();
}

export function registerRibbonActions(
  associate: (name: string, action: (event: CommandEvent) => void) => void,
  target: RibbonTarget,
): void {
  for (const name of Object.keys(RIBBON_FUNCTIONS) as RibbonFunction[]) {
    associate(name, (event) => {
      runRibbonFunction(name, target)
        .catch((error: unknown) => target.report(error))
        .finally(() => event.completed());
    });
  }
}
