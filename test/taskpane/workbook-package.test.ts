/**
 * The pane uses the package remembered on the machine only when the workbook names none or the same one, and
 * says in both languages which package the workbook names when it does not use it.
 */
import { getFramework } from '../../src/domain/framework/frameworks';
import { loadJurisdiction, type Jurisdiction } from '../../src/domain/profiles/jurisdiction';
import { recordOf } from '../../src/domain/profiles/jurisdiction-record';
import { getProfile } from '../../src/domain/profiles/profiles';
import { uiStrings } from '../../src/taskpane/strings';
import { packageInUse, standingOf, standingText } from '../../src/taskpane/workbook-package';

function pkg(version: string): Jurisdiction {
  const loaded = loadJurisdiction({
    format: 'bpa-jurisdiction',
    name: '湖北口径',
    version,
    profile: getProfile('hubei'),
    framework: getFramework('core-2021'),
  });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  return loaded.jurisdiction;
}

describe('the package the pane uses on a workbook', () => {
  const mine = pkg('2025.1');
  const theirs = pkg('2026.1');
  const zh = uiStrings('zh-CN');
  const en = uiStrings('en');

  test('none until the workbook is read; the machine’s when the workbook names none or the same', () => {
    expect(packageInUse(standingOf(undefined, mine), mine)).toBeNull();
    expect(packageInUse(standingOf(null, mine), mine)).toBe(mine);
    expect(standingText(zh, standingOf(null, mine))).toBeNull();
    const same = standingOf(recordOf(mine), mine);
    expect(packageInUse(same, mine)).toBe(mine);
    expect(standingText(zh, same)).toContain('正在使用');
  });

  test('another package or none on the machine: none used, and said so in Chinese and English', () => {
    const different = standingOf(recordOf(theirs), mine);
    expect(packageInUse(different, mine)).toBeNull();
    expect(standingText(zh, different)).toBe(
      '本工作簿按地区口径包 湖北口径（版本 2026.1）制作，与本机记住的 湖北口径（版本 2025.1）不同，因此未使用本机的口径包：请在“设置 → 地区口径包”中载入 湖北口径。',
    );
    expect(standingText(en, different)).toContain(
      'not the 湖北口径 (version 2025.1) remembered on this machine',
    );
    const missing = standingOf(recordOf(theirs), null);
    expect(packageInUse(missing, null)).toBeNull();
    expect(standingText(zh, missing)).toContain('本机没有载入该口径包');
    expect(standingText(en, missing)).toContain('not loaded on this machine');
  });
});
