import { TEMPLATE_IDS } from '../../../src/domain/forms/form-model';
import { FORM_SHAPES, shapeOf } from '../../../src/domain/forms/form-shapes';

describe('form shapes', () => {
  it.each(TEMPLATE_IDS)(
    '%s: one shape, no key listed twice, every anchor a column of its table',
    (template) => {
      const shape = shapeOf(template);
      expect(shape.template).toBe(template);
      const unique = (keys: string[]): void => expect(new Set(keys).size).toBe(keys.length);
      unique(shape.header.map((p) => p.key));
      unique(shape.goals.map((p) => p.key));
      unique(shape.tables.map((t) => t.key));
      if (shape.funds) {
        unique(shape.funds.rows.map((p) => p.key));
        unique(shape.funds.cols.map((p) => p.key));
      }
      for (const table of shape.tables) {
        unique(table.columns.map((p) => p.key));
        const keys = new Set(table.columns.map((p) => p.key));
        for (const anchor of table.anchors) for (const key of anchor) expect(keys.has(key)).toBe(true);
      }
    },
  );

  it('requires of the self-evaluation indicators exactly what hand-made forms always have', () => {
    const indicators = FORM_SHAPES['project-self-evaluation'].tables[0];
    expect(indicators?.columns.map((p) => p.key)).toEqual([
      'level1',
      'level2',
      'level3',
      'operator',
      'target',
      'unit',
      'actual',
      'tier',
      'qualitativeScore',
      'weight',
      'score',
      'deviation',
    ]);
    expect(indicators?.columns.filter((p) => p.required).map((p) => p.key)).toEqual([
      'level1',
      'level2',
      'level3',
      'target',
      'actual',
      'weight',
    ]);
  });

  it('has a summary where a form has a total', () => {
    const withTotal = TEMPLATE_IDS.filter((t) => FORM_SHAPES[t].summary !== null);
    expect(withTotal.sort()).toEqual([
      'department-self-evaluation',
      'ex-ante-assessment',
      'key-evaluation',
      'project-self-evaluation',
    ]);
    expect(FORM_SHAPES['ex-ante-assessment'].summary?.conclusion).toBe(true);
    expect(FORM_SHAPES['key-evaluation'].summary?.grade).toBe(true);
  });
});
