import type { CellScalar } from '../../../src/domain/grid/cell';
import type { Plan } from '../../../src/domain/plan/plan';
import { XlsxWorkbook } from '../../../src/hosts/xlsx-file/xlsx-workbook';
import type { ContractHost } from '../../contract/workbook-port.contract';
import { runWorkbookPortContract } from '../../contract/workbook-port.contract';
import type { Block } from '../../../src/domain/grid/cell';
import type { CellsChanged, SheetInfo } from '../../../src/app/workbook-port';

/**
 * The file host as the contract sees it. With `roundTrip`, every plan is applied, written to a file and read
 * back from it, so what the contract checks is what a saved .xlsx holds, not only exceljs's model.
 */
class FileContractHost implements ContractHost {
  private book = XlsxWorkbook.create();

  constructor(private readonly roundTrip: boolean) {}

  readonly capabilities = this.book.capabilities;

  listSheets(): Promise<SheetInfo[]> {
    return this.book.listSheets();
  }

  async applyPlan(plan: Plan): Promise<void> {
    await this.book.applyPlan(plan);
    if (this.roundTrip) this.book = await XlsxWorkbook.fromBuffer(await this.book.toBuffer());
  }

  readBlock(sheet: string, range?: string): Promise<Block> {
    return this.book.readBlock(sheet, range);
  }

  readBlocks(requests: readonly { sheet: string; range?: string }[]): Promise<Block[]> {
    return this.book.readBlocks(requests);
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
  }
}

runWorkbookPortContract('xlsx file, in memory', async () => new FileContractHost(false));
runWorkbookPortContract('xlsx file, round trip through a buffer', async () => new FileContractHost(true));
