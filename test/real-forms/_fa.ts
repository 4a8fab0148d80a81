import { loadCases } from './case-schema';
import { measureAll, describeIssue } from './measure';
import { parseA1 } from '../../src/domain/grid/address';
void (async () => {
  const cases = loadCases();
  const ms = await measureAll(cases);
  for (const m of ms) {
    const c = cases.find((x) => x.id === m.id)!;
    const kinds = new Map(c.expect.nonIndicatorRows.map((n) => [n.row, n.kind]));
    const ind = new Set(c.expect.indicators.map((i) => i.row));
    for (const i of m.falseAlarms) {
      const row = i.cell ? parseA1(i.cell).row + 1 : null;
      const k = row === null ? 'form' : ind.has(row) ? 'indicator' : (kinds.get(row) ?? 'other');
      console.log(m.id, describeIssue(i), k, JSON.stringify(i.params));
    }
  }
})();
