import { MemoryWorkbook } from '../../../src/hosts/memory/memory-workbook';
import { type ContractHost, runWorkbookPortContract } from '../../contract/workbook-port.contract';

/** The memory host as the contract sees it: the port, with a person's edits typed through `setValues`. */
class MemoryContractHost extends MemoryWorkbook implements ContractHost {
  async simulateUserEdit(
    sheet: string,
    topLeft: string,
    values: Parameters<MemoryWorkbook['setValues']>[2],
  ): Promise<void> {
    this.setValues(sheet, topLeft, values, 'user');
  }
}

runWorkbookPortContract('memory', async () => new MemoryContractHost());
