import type { CellScalar } from '../../../src/domain/grid/cell';
import { WpsWorkbook } from '../../../src/hosts/wps/wps-workbook';
import { type ContractHost, runWorkbookPortContract } from '../../contract/workbook-port.contract';
import { FakeEt, type FakeBuild } from '../../fakes/wps/fake-et';

/** The WPS host over the ET fake, with a person's edits typed into the fake (which fires SheetChange). */
class WpsContractHost extends WpsWorkbook implements ContractHost {
  constructor(private readonly fake: FakeEt) {
    super(fake.application);
  }

  async simulateUserEdit(sheet: string, topLeft: string, values: CellScalar[][]): Promise<void> {
    this.fake.typeAsUser(sheet, topLeft, values);
  }
}

const BUILDS: FakeBuild[] = ['properties', 'methods'];
for (const build of BUILDS) {
  runWorkbookPortContract(
    `WPS over the ET fake, ${build} build`,
    async () => new WpsContractHost(new FakeEt({ build })),
  );
}
