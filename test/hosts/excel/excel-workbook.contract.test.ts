import type { CellScalar } from '../../../src/domain/grid/cell';
import { ExcelWorkbook } from '../../../src/hosts/excel/excel-workbook';
import { type ContractHost, runWorkbookPortContract } from '../../contract/workbook-port.contract';
import { FakeExcel } from './fake/excel-fake';

/** The Excel adapter over the Office.js fake, a person's edits typed into the fake's workbook. */
export class ExcelContractHost extends ExcelWorkbook implements ContractHost {
  readonly listsMerges: boolean;

  constructor(readonly fake: FakeExcel) {
    super(fake.api);
    this.listsMerges = fake.supports('1.13');
  }

  async simulateUserEdit(sheet: string, topLeft: string, values: CellScalar[][]): Promise<void> {
    await this.whenListening();
    await this.fake.userEdit(sheet, topLeft, values);
  }
}

async function hostOn(excelApi: string): Promise<ExcelContractHost> {
  const fake = new FakeExcel({ excelApi });
  // A new workbook in Excel has one sheet.
  await fake.book.applyPlan({
    formSheet: 'Sheet1',
    ops: [{ kind: 'ensureSheet', sheet: 'Sheet1', visibility: 'visible', ifExists: 'fail' }],
  });
  return new ExcelContractHost(fake);
}

runWorkbookPortContract('excel (fake, ExcelApi 1.14: triggerSource)', () => hostOn('1.14'));
runWorkbookPortContract('excel (fake, ExcelApi 1.9: events muted during writes)', () => hostOn('1.9'));
runWorkbookPortContract('excel (fake, ExcelApi 1.8: events per sheet)', () => hostOn('1.8'));
