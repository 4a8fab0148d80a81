/**
 * The adapter declares the ET members it uses on its own (src/hosts/wps/et-model.ts) instead of loading
 * `et-jsapi-declare`, whose typings put `Application` and `wps` into every file's globals. This test holds the
 * two together: every member declared here exists on the same object in the published ET typings, so a
 * misspelt member (which ET would answer with a silent `undefined`) cannot be declared.
 */
import * as fs from 'fs';
import * as path from 'path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '../../..');
const ET_TYPINGS = path.join(ROOT, 'node_modules/et-jsapi-declare');

/**
 * Our declaration -> the ET interface it narrows (lib.et.d.ts, or the add-in's part in addon.et.d.ts). WPS's
 * `Application` is the ET Application merged with the add-in root, which carries `ApiEvent`.
 */
const COUNTERPART: Record<string, string> = {
  EtApplication: 'Application+EtAddonRoot',
  EtWindow: 'Window',
  EtWorkbook: 'Workbook',
  EtWorkbooks: 'Workbooks',
  EtSheets: 'Worksheets',
  EtNames: 'Names',
  EtWorksheet: 'Worksheet',
  EtColored: 'Interior',
  EtFont: 'Font',
  EtBorders: 'Borders',
  EtPageSetup: 'PageSetup',
  EtProtection: 'Protection',
  EtValidation: 'Validation',
  EtFormatCondition: 'FormatCondition',
  EtFormatConditions: 'FormatConditions',
  EtRange: 'Range',
  EtApiEvent: 'EtApiEvent',
};

/** Interface name -> member names, over every interface of the same name in a file (declarations merge). */
function interfaceMembers(file: string): Map<string, Set<string>> {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found = new Map<string, Set<string>>();
  const visit = (node: ts.Node): void => {
    if (ts.isInterfaceDeclaration(node)) {
      const members = found.get(node.name.text) ?? new Set<string>();
      for (const member of node.members) {
        if (member.name !== undefined && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name))) {
          members.add(member.name.text);
        }
      }
      // Members an interface inherits from ours (EtFont extends EtColored) count as its own.
      for (const clause of node.heritageClauses ?? []) {
        for (const type of clause.types) members.add(`extends:${type.expression.getText(source)}`);
      }
      found.set(node.name.text, members);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function resolveOwn(ours: Map<string, Set<string>>, name: string): Set<string> {
  const out = new Set<string>();
  for (const member of ours.get(name) ?? []) {
    if (member.startsWith('extends:'))
      for (const inherited of resolveOwn(ours, member.slice(8))) out.add(inherited);
    else out.add(member);
  }
  return out;
}

describe('ET declarations against et-jsapi-declare', () => {
  const ours = interfaceMembers(path.join(ROOT, 'src/hosts/wps/et-model.ts'));
  const et = interfaceMembers(path.join(ET_TYPINGS, 'lib.et.d.ts'));
  for (const [name, members] of interfaceMembers(path.join(ET_TYPINGS, 'addon.et.d.ts')))
    et.set(name, members);

  it('names a counterpart for every interface the adapter declares', () => {
    const declared = [...ours.keys()].filter((name) => name.startsWith('Et')).sort();
    expect(declared).toEqual(Object.keys(COUNTERPART).sort());
  });

  it.each(Object.entries(COUNTERPART))('%s uses only members of ET %s', (name, counterpart) => {
    const parts = counterpart.split('+').map((part) => et.get(part));
    expect(parts.every((part) => part !== undefined)).toBe(true);
    const theirs = new Set(parts.flatMap((part) => [...(part ?? [])]));
    const unknown = [...resolveOwn(ours, name)].filter((member) => !theirs.has(member));
    expect(unknown).toEqual([]);
  });
});
