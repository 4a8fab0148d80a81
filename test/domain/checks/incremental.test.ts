/**
 * A live session runs checkRow for the edited rows and checkFormLevel for the rest; together they must give
 * exactly what checkForm gives, or the pane would show other issues than the CLI for the same sheet.
 */
import fc from 'fast-check';
import { checkForm, checkFormLevel, checkRow, sortIssues } from '../../../src/domain/checks/registry';
import type { TableKey } from '../../../src/domain/forms/form-model';
import { getFramework } from '../../../src/domain/framework/frameworks';
import { getProfile } from '../../../src/domain/profiles/profiles';
import { scoreForm } from '../../../src/domain/scoring/score';
import { parsedForm } from '../../helpers/random-forms';

const TABLES: readonly TableKey[] = ['indicators', 'criteria', 'tasks'];

test('row checks of every row plus form-level checks equal the whole-form check', () => {
  const profile = getProfile('default');
  const framework = getFramework('classic-2020');
  if (!profile || !framework) throw new Error('test setup: built-in profile or framework missing');
  fc.assert(
    fc.property(parsedForm, (form) => {
      const ctx = { profile, framework, scores: scoreForm(form, profile), goals: null };
      const pieces = [
        ...checkFormLevel(form, ctx),
        ...TABLES.flatMap((key) =>
          (form.tables[key] ?? []).flatMap((row) => checkRow(form, key, row.row, ctx)),
        ),
      ];
      expect(sortIssues(pieces)).toEqual(checkForm(form, ctx));
    }),
    { numRuns: 300 },
  );
});
