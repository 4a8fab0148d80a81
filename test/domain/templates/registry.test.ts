import { TEMPLATE_IDS } from '../../../src/domain/forms/form-model';
import { FORM_TITLES } from '../../../src/domain/forms/vocabulary';
import { TEMPLATE_SPECS, getTemplateSpec, listTemplates } from '../../../src/domain/templates/registry';

describe('template registry', () => {
  it('holds all seven templates in the order of the performance cycle', () => {
    expect(TEMPLATE_SPECS.map((spec) => spec.id)).toEqual([
      'ex-ante-assessment',
      'project-goals',
      'department-goals',
      'project-monitoring',
      'project-self-evaluation',
      'department-self-evaluation',
      'key-evaluation',
    ]);
    expect(new Set(TEMPLATE_SPECS.map((spec) => spec.id)).size).toBe(TEMPLATE_IDS.length);
  });

  it.each(TEMPLATE_IDS)('%s: canonical title, a version, a Chinese description', (id) => {
    const spec = getTemplateSpec(id);
    expect(spec.id).toBe(id);
    expect(spec.title).toBe(FORM_TITLES[id].canonical);
    expect(Number.isInteger(spec.version) && spec.version >= 1).toBe(true);
    expect(spec.description).toMatch(/[\u4e00-\u9fff]/);
    expect(spec.description.length).toBeLessThanOrEqual(90);
    expect(spec.checks.length).toBeGreaterThan(0);
  });

  it('lists id, title, description and version for the gallery', () => {
    const listed = listTemplates();
    expect(listed).toHaveLength(7);
    expect(listed[4]).toEqual({
      id: 'project-self-evaluation',
      title: '项目支出绩效自评表',
      description: getTemplateSpec('project-self-evaluation').description,
      version: getTemplateSpec('project-self-evaluation').version,
    });
    expect(Object.keys(listed[0] ?? {}).sort()).toEqual(['description', 'id', 'title', 'version']);
  });
});
