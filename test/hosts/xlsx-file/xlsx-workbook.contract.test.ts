import type { CellScalar } from '../../../src/domain/grid/cell';
import type { Plan } from '../../../src/domain/plan/plan';
import { XlsxWorkbook } from '../../../src/hosts/xlsx-file/xlsx-workbook';
import type { ContractHost } from '../../contract/workbook-port.contract';
import { runWorkbookPortContract } from '../../contract/workbook-port.contract';
import type { Block } from '../../../src/domain/grid/cell';
import type { CellsChanged, SheetInfo, WorkbookPort } from '../../../src/app/workbook-port';
import { openReceivedWorkbook } from '../../../src/hosts/xlsx-file/open-received';

type Mode = 'in memory' | 'round trip' | 'received';

/**
 * The file host as the contract sees it. With 'round trip', every plan is applied, written to a file and read
 * back from it, so what the contract checks is what a saved .xlsx holds, not only exceljs's model. With
 * 'received', the saved file is read back by the streaming reader of received workbooks instead.
 */
class FileContractHost implements ContractHost {
  private book = XlsxWorkbook.create();
  private received: WorkbookPort | null = null;

  constructor(private readonly mode: Mode) {}

  readonly capabilities = this.book.capabilities;

  private get reader(): WorkbookPort {
    return this.received ?? this.book;
  }

  private async saved(): Promise<void> {
    if (this.mode === 'round trip') this.book = await XlsxWorkbook.fromBuffer(await this.book.toBuffer());
    if (this.mode !== 'received') return;
    const opened = await openReceivedWorkbook(await this.book.toBuffer());
    if (!opened.ok) throw new Error(`the reader refused the file: ${opened.code} ${opened.detail}`);
    this.received = opened.workbook;
  }

  listSheets(): Promise<SheetInfo[]> {
    return this.reader.listSheets();
  }

  async applyPlan(plan: Plan): Promise<void> {
    await this.book.applyPlan(plan);
    await this.saved();
  }

  readBlock(sheet: string, range?: string): Promise<Block> {
    return this.reader.readBlock(sheet, range);
  }

  readBlocks(requests: readonly { sheet: string; range?: string }[]): Promise<Block[]> {
    return this.reader.readBlocks(requests);
  }

  select(sheet: string, cell: string): Promise<void> {
    return this.book.select(sheet, cell);
  }

  getSelection(): Promise<{ sheet: string; cell: string } | null> {
    return this.book.getSelection();
  }

  onCellsChanged(listener: (change: CellsChanged) => void): () => void {
    return this.book.onCellsChanged(listener);
  }

  async simulateUserEdit(sheet: string, topLeft: string, values: CellScalar[][]): Promise<void> {
    this.book.writeValuesAsUser(sheet, topLeft, values);
    await this.saved();
  }
}

runWorkbookPortContract('xlsx file, in memory', async () => new FileContractHost('in memory'));
runWorkbookPortContract(
  'xlsx file, round trip through a buffer',
  async () => new FileContractHost('round trip'),
);
runWorkbookPortContract(
  'xlsx file, read back by the reader of received workbooks',
  async () => new FileContractHost('received'),
);
