/**
 * Load and sync discipline checked with Microsoft's office-addin-mock, independently of the project's own fake:
 * in that mock a property read before `load` + `context.sync()` gives an error text instead of the value, so
 * a reader that skips either step returns garbage that these tests would see.
 */
import { OfficeMockObject } from 'office-addin-mock';
import type { ExcelHostApi, XlRequestContext } from '../../../src/hosts/excel/excel-api';
import { ExcelWorkbook } from '../../../src/hosts/excel/excel-workbook';

// office-addin-mock reads one enum (OfficeApp) from office-addin-manifest, whose package entry loads an ES
// module jest cannot require; the enum is all the mock needs.
jest.mock('office-addin-manifest', () => ({
  OfficeApp: { Excel: 'excel', Outlook: 'outlook', PowerPoint: 'powerpoint', Word: 'word' },
}));

const NOT_SYNCED = 'Error, context.sync() was not called';

function mockContext(): { context: OfficeMockObject; syncs: () => number } {
  const context = new OfficeMockObject({
    workbook: {
      active: { address: "'自评 表'!$C$7" },
      getActiveCell: function (this: { active: unknown }) {
        return this.active;
      },
      worksheets: {
        sheet: {
          range: {
            values: [
              ['项目名称', 120.5, ''],
              [true, 0, '#DIV/0!'],
            ],
            formulas: [
              ['项目名称', 120.5, ''],
              [true, '=B1-B1', '=1/0'],
            ],
          },
          getRange: function (this: { range: unknown }) {
            return this.range;
          },
        },
        getItem: function (this: { sheet: unknown }) {
          return this.sheet;
        },
      },
    },
    runtime: { enableEvents: true },
  });
  let syncs = 0;
  const sync = context.sync.bind(context);
  context.sync = async () => {
    syncs += 1;
    await sync();
  };
  return { context, syncs: () => syncs };
}

function apiOver(context: OfficeMockObject): ExcelHostApi {
  return {
    run: (_options, batch) => batch(context as unknown as XlRequestContext),
    isSetSupported: () => true,
  };
}

describe('Excel adapter under office-addin-mock', () => {
  it('reads the active cell after load and one sync', async () => {
    const { context, syncs } = mockContext();
    const book = new ExcelWorkbook(apiOver(context));
    await expect(book.getSelection()).resolves.toEqual({ sheet: '自评 表', cell: 'C7' });
    expect(syncs()).toBe(1);
  });

  it('reads a block after load and one sync, blanks as null and formulas only where there are some', async () => {
    const { context, syncs } = mockContext();
    const book = new ExcelWorkbook(apiOver(context));
    await expect(book.readBlock('自评 表', 'A1:C2')).resolves.toEqual({
      top: 0,
      left: 0,
      values: [
        ['项目名称', 120.5, null],
        [true, 0, '#DIV/0!'],
      ],
      formulas: [
        [null, null, null],
        [null, '=B1-B1', '=1/0'],
      ],
    });
    expect(syncs()).toBe(1);
  });

  it('gives a reader that skips the sync the mock’s error text, not the value (the checks above can fail)', async () => {
    const { context } = mockContext();
    const careless = async (c: XlRequestContext): Promise<string> => {
      const cell = c.workbook.getActiveCell();
      cell.load('address');
      return cell.address;
    };
    await expect(careless(context as unknown as XlRequestContext)).resolves.toBe(NOT_SYNCED);
  });
});
