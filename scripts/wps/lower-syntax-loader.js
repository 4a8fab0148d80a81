// Webpack loader for the WPS bundle: rewrites syntax newer than the target (ES2017) so the older Chromium
// embedded in some WPS builds can parse the bundle. esbuild lowers object spread, optional chaining, `??`,
// optional catch binding, class fields and named groups, but leaves regular expressions with Unicode property
// escapes (`\p{L}`, ES2018) as they are; those are rewritten here into plain character classes, which ES2015
// engines understand. TypeScript lowers our own code before this loader runs; libraries from node_modules come
// here uncompiled.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- webpack loads loaders as CommonJS
const acorn = require('acorn');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- webpack loads loaders as CommonJS
const esbuild = require('esbuild');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- webpack loads loaders as CommonJS
const rewritePattern = require('regexpu-core');

function parsesAt(ecmaVersion, code) {
  try {
    acorn.parse(code, { ecmaVersion, sourceType: 'script' });
    return true;
  } catch {
    return false;
  }
}

/** Every regular expression literal in a program, found by walking acorn's tree. */
function regexLiterals(code) {
  let ast;
  try {
    ast = acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'module', allowHashBang: true });
  } catch {
    ast = acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'script', allowHashBang: true });
  }
  const found = [];
  const visit = (node) => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (node.type === 'Literal' && node.regex) found.push(node);
    for (const key of Object.keys(node)) if (key !== 'type') visit(node[key]);
  };
  visit(ast);
  return found;
}

function lowerRegexLiterals(code, ecmaVersion, resourcePath) {
  const replacements = [];
  for (const node of regexLiterals(code)) {
    const { pattern, flags } = node.regex;
    if (parsesAt(ecmaVersion, `/${pattern}/${flags}`)) continue;
    const rewritten = rewritePattern(pattern, flags, {
      unicodePropertyEscapes: 'transform',
      namedGroups: 'transform',
    });
    const literal = `/${rewritten}/${flags}`;
    if (!parsesAt(ecmaVersion, literal)) {
      throw new Error(`${resourcePath}: /${pattern}/${flags} cannot be written for ES${ecmaVersion}`);
    }
    replacements.push({ start: node.start, end: node.end, text: literal });
  }
  let out = code;
  for (const r of replacements.sort((a, b) => b.start - a.start)) {
    out = out.slice(0, r.start) + r.text + out.slice(r.end);
  }
  return out;
}

module.exports = function lowerSyntaxLoader(source) {
  const { target = 'es2017' } = this.getOptions();
  const ecmaVersion = Number(target.replace(/^es/i, ''));
  const { code } = esbuild.transformSync(source, {
    loader: 'js',
    target,
    sourcefile: this.resourcePath,
    // Keep the module format: webpack resolves the imports and exports afterwards.
    legalComments: 'inline',
  });
  return lowerRegexLiterals(code, ecmaVersion, this.resourcePath);
};
