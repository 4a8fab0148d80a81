import { getProfile } from '../../../src/domain/profiles/profiles';
import type { Profile } from '../../../src/domain/profiles/profile-schema';
import { helpSheetRows } from '../../../src/domain/templates/help-sheet';
import { TEMPLATE_SPECS, getTemplateSpec } from '../../../src/domain/templates/registry';

function profileOf(id: string): Profile {
  const profile = getProfile(id);
  if (profile === null) throw new Error(`no built-in profile ${id}`);
  return profile;
}

const textOf = (rows: [string, string | null][]): string =>
  rows.map(([item, text]) => `${item}\t${text ?? ''}`).join('\n');

describe('填表说明', () => {
  const selfEvaluation = getTemplateSpec('project-self-evaluation');

  it('explains every column of the form with its canonical label', () => {
    const text = textOf(helpSheetRows(selfEvaluation, profileOf('default')).rows);
    for (const label of [
      '项目名称',
      '年初预算数',
      '预期目标',
      '一级指标',
      '指标性质',
      '计量单位',
      '定性完成档次',
      '偏差原因分析及改进措施',
    ]) {
      expect(text).toContain(`${label}\t`);
    }
  });

  it('writes each sentence once, with full-width punctuation, for every template and profile', () => {
    for (const profileId of ['default', 'hubei']) {
      const profile = profileOf(profileId);
      for (const spec of TEMPLATE_SPECS) {
        const rows = helpSheetRows(spec, profile).rows;
        const text = textOf(rows);
        expect({ spec: spec.id, doubled: text.match(/[。；，]{2}|。；|；。/gu) }).toEqual({
          spec: spec.id,
          doubled: null,
        });
        expect({
          spec: spec.id,
          halfWidth: text.match(/\p{Script=Han}[,;:?()]|[,;:?()]\p{Script=Han}/gu),
        }).toEqual({
          spec: spec.id,
          halfWidth: null,
        });
        // The profile's name and its basis each once: a name that cites its basis is not followed by it again.
        expect(rows.filter(([item]) => item === '适用规则').map(([, value]) => value)).toEqual([
          profile.name,
        ]);
        expect(text.split(profile.basis.replace(/。$/u, '')).length).toBe(2);
      }
    }
  });

  it("names the monitoring form's execution column as the form heads it", () => {
    const text = textOf(helpSheetRows(getTemplateSpec('project-monitoring'), profileOf('default')).rows);
    expect(text).toContain('1-N月执行数\t');
    expect(text).not.toContain('全年执行数\t');
  });

  it('states the scoring rules with the numbers of the profile in use', () => {
    const standard = textOf(helpSheetRows(selfEvaluation, profileOf('default')).rows);
    expect(standard).toContain('预算执行率 10 分');
    expect(standard).toContain('效益指标 30 分');
    expect(standard).toContain('达成年度指标：分值的 80%–100%（含上限）');
    expect(standard).toContain('总分 ≥ 90：优；总分 ≥ 80：良；总分 ≥ 60：中；低于 60：差');
    expect(standard).toContain('得分保留 2 位小数');
    expect(standard).toContain('分值 × 指标值 ÷ 实际完成值');

    const hubei = profileOf('hubei');
    const local = textOf(helpSheetRows(selfEvaluation, hubei).rows);
    expect(local).toContain('预算执行率 20 分');
    expect(local).toContain('效益指标、满意度指标 40 分');
    expect(local).toContain(hubei.qualitativeTiers[1]?.tier ?? 'missing tier');
    expect(local).toContain('可不评定等级');
    expect(standard).not.toContain('可不评定等级');

    const linear = textOf(helpSheetRows(selfEvaluation, { ...hubei, reverseRule: 'linear' }).rows);
    expect(linear).toContain('2 倍及以上的不得分');
  });

  it('lists the checks and numbers the headings in order', () => {
    const help = helpSheetRows(getTemplateSpec('project-monitoring'), profileOf('default'));
    const headings = help.headingRows.map((row) => help.rows[row]?.[0]);
    expect(headings).toEqual(['一、本表用途', '二、填写说明', '三、评分规则', '四、检查内容']);
    expect(textOf(help.rows)).toContain('低于 60 为红灯，低于 80 为黄灯');
    const goals = helpSheetRows(getTemplateSpec('project-goals'), profileOf('default'));
    expect(goals.headingRows.map((row) => goals.rows[row]?.[0])).toEqual([
      '一、本表用途',
      '二、填写说明',
      '三、检查内容',
    ]);
    for (const check of getTemplateSpec('project-goals').checks) expect(textOf(goals.rows)).toContain(check);
  });

  it('spells out the ex-ante rating factors and conclusion thresholds', () => {
    const text = textOf(helpSheetRows(getTemplateSpec('ex-ante-assessment'), profileOf('default')).rows);
    expect(text).toContain('优 100%、良 80%、中 60%、差 40%');
    expect(text).toContain('总分 ≥ 80：予以支持；总分 ≥ 60：调整完善后予以支持；低于 60：不予支持');
  });
});
