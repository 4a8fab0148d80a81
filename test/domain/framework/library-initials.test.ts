import { pinyin } from 'pinyin-pro';
import { BUILT_IN_LIBRARY } from '../../../src/domain/framework/library';

/** Recomputed here rather than imported from the generating script, so the two can disagree. */
function expectedInitials(name: string): string {
  return pinyin(name.normalize('NFKC'), { pattern: 'first', toneType: 'none', type: 'array' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

describe('library initials', () => {
  it('match the pinyin initials of every name', () => {
    const stale = BUILT_IN_LIBRARY.filter((i) => i.initials !== expectedInitials(i.name)).map(
      (i) => `${i.id} ${i.name}: ${i.initials} ≠ ${expectedInitials(i.name)}`,
    );
    expect(stale).toEqual([]);
  });

  it.each([
    ['义务教育巩固率', 'ywjyggl'],
    ['服务对象满意度', 'fwdxmyd'],
    ['PM2.5年均浓度', 'pm25njnd'],
    ['12345热线按时办结率', '12345rxasbjl'],
  ])('%s → %s', (name, initials) => {
    expect(BUILT_IN_LIBRARY.find((i) => i.name === name)?.initials).toBe(initials);
  });
});
