import { readMeta } from '../../../src/domain/forms/read-meta';
import { blockOf } from '../../helpers/grid';

const N = null;
const HEADER = ['sheet', 'template', 'version', 'profile', 'framework', 'created'];

describe('readMeta', () => {
  it('reads one line per form sheet', () => {
    const reading = readMeta(
      blockOf([
        HEADER,
        ['项目自评', 'project-self-evaluation', 3, 'default', 'classic-2020', '2024-05-01T08:00:00Z'],
        ['目标申报', 'project-goals', '2', 'hubei', 'core-2021', N],
      ]),
    );
    expect(reading.entries).toEqual([
      {
        sheet: '项目自评',
        template: 'project-self-evaluation',
        version: 3,
        profile: 'default',
        framework: 'classic-2020',
        created: '2024-05-01T08:00:00Z',
        derivedFrom: null,
      },
      {
        sheet: '目标申报',
        template: 'project-goals',
        version: 2,
        profile: 'hubei',
        framework: 'core-2021',
        created: null,
        derivedFrom: null,
      },
    ]);
    expect(reading.problems).toEqual([]);
  });

  it('is empty without a _meta sheet or with an empty one', () => {
    expect(readMeta(null)).toEqual({ entries: [], problems: [] });
    expect(readMeta(blockOf([]))).toEqual({ entries: [], problems: [] });
    expect(readMeta(blockOf([HEADER]))).toEqual({ entries: [], problems: [] });
  });

  it('skips blank rows, including blank rows above the header', () => {
    const reading = readMeta(
      blockOf([
        [N, N],
        HEADER,
        [N, ''],
        ['表1', 'key-evaluation', 1, 'default', 'classic-2020', N],
        ['  ', N],
      ]),
    );
    expect(reading.entries.map((e) => [e.sheet, e.template])).toEqual([['表1', 'key-evaluation']]);
    expect(reading.problems).toEqual([]);
  });

  it('reports unknown templates, lines without a sheet and repeated sheets, and keeps the rest', () => {
    const reading = readMeta(
      blockOf([
        HEADER,
        ['表1', 'project-wishlist', 1, N, N, N],
        [N, 'project-goals', 1, N, N, N],
        ['表2', 'project-goals', 1, N, N, N],
        ['表2', 'project-monitoring', 1, N, N, N],
        ['表3', N, 1, N, N, N],
      ]),
    );
    expect(reading.entries.map((e) => e.sheet)).toEqual(['表2']);
    expect(reading.problems).toEqual([
      { row: 1, reason: 'unknown-template', text: 'project-wishlist' },
      { row: 2, reason: 'missing-sheet', text: 'project-goals' },
      { row: 4, reason: 'duplicate-sheet', text: '表2' },
      { row: 5, reason: 'unknown-template', text: '' },
    ]);
  });

  it('finds the columns by their header, in any order, and reads a version that is not a number as null', () => {
    const reading = readMeta(
      blockOf([
        ['Template', 'Sheet', 'Profile', 'Version'],
        ['ex-ante-assessment', '评估表', 'default', 'v2'],
      ]),
    );
    expect(reading.entries).toEqual([
      {
        sheet: '评估表',
        template: 'ex-ante-assessment',
        version: null,
        profile: 'default',
        framework: null,
        created: null,
        derivedFrom: null,
      },
    ]);
  });

  it('reads lines in the standard order when the header row is gone', () => {
    const reading = readMeta(
      blockOf([['表1', 'project-self-evaluation', 1, 'default', 'classic-2020', N]], 5, 0),
    );
    expect(reading.entries.map((e) => [e.sheet, e.version])).toEqual([['表1', 1]]);
  });

  it('reports problem rows by their sheet row', () => {
    const reading = readMeta(blockOf([HEADER, ['表1', 'nonsense']], 3, 0));
    expect(reading.problems).toEqual([{ row: 4, reason: 'unknown-template', text: 'nonsense' }]);
  });

  it('reads the sheet a form was derived from, and null where an old _meta has no such column', () => {
    const reading = readMeta(
      blockOf([
        [...HEADER, 'derivedFrom'],
        [
          '项目支出绩效自评表',
          'project-self-evaluation',
          1,
          'default',
          'classic-2020',
          N,
          '项目支出绩效目标申报表',
        ],
        ['项目支出绩效目标申报表', 'project-goals', 1, 'default', 'classic-2020', N],
      ]),
    );
    expect(reading.entries.map((e) => [e.sheet, e.derivedFrom])).toEqual([
      ['项目支出绩效自评表', '项目支出绩效目标申报表'],
      ['项目支出绩效目标申报表', null],
    ]);
    const old = readMeta(blockOf([HEADER, ['表1', 'project-goals', 1, 'default', 'classic-2020', N]]));
    expect(old.entries[0]?.derivedFrom).toBeNull();
  });
});
