/* global URL */
// The Excel manifest for a hosted deployment. manifest.xml in the repository is the development one
// (https://localhost:3000, served by `npm start`); `ADDIN_URL=https://host/path/ npm run build` writes
// dist/manifest.xml from it with the server's address in every URL and the package version as the add-in
// version. `npm run validate` (scripts/validate-manifest.js) checks the result with the same rules as here.

/** The origin every URL of the development manifest starts with. */
const DEV_ORIGIN = 'https://localhost:3000';

/** Namespaces and schema locations: identifiers, not addresses the add-in loads. */
const NAMESPACE = /^http:\/\/(schemas\.microsoft\.com|www\.w3\.org)\//;

/**
 * Reads ADDIN_URL: an absolute https URL of the folder that serves dist/ (a trailing "/" is added when
 * missing). Throws with a message in Chinese and English when it cannot be used.
 * @param {string} raw
 * @returns {{ base: string, origin: string }}
 */
function parseAddinUrl(raw) {
  const text = String(raw ?? '').trim();
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new Error(
      `ADDIN_URL 不是有效的网址：“${text}”（例如 https://bpa.example.gov.cn/addin/）/ ` +
        `ADDIN_URL is not a valid URL: "${text}" (e.g. https://bpa.example.gov.cn/addin/)`,
    );
  }
  if (url.protocol !== 'https:') {
    throw new Error(
      `ADDIN_URL 必须以 https:// 开头（Office 只加载 https 上的加载项）：“${text}” / ` +
        `ADDIN_URL must start with https:// (Office loads add-ins only over https): "${text}"`,
    );
  }
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new Error(
      `ADDIN_URL 不能带查询串、#片段或用户名：“${text}” / ` +
        `ADDIN_URL may not carry a query, a #fragment or credentials: "${text}"`,
    );
  }
  const pathname = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  return { base: `${url.origin}${pathname}`, origin: url.origin };
}

/**
 * "1.2.3" → "1.2.3.0": the four-part version Office compares to decide that a catalog's manifest changed.
 * @param {string} version
 */
function manifestVersion(version) {
  const parts = String(version).split(/[.+-]/).slice(0, 4);
  if (parts.length < 3 || !parts.slice(0, 3).every((p) => /^\d+$/.test(p))) {
    throw new Error(`package.json version "${version}" is not x.y.z`);
  }
  const numeric = parts.filter((p) => /^\d+$/.test(p));
  while (numeric.length < 4) numeric.push('0');
  return numeric.slice(0, 4).join('.');
}

/**
 * The development manifest rewritten for a server: every https://localhost:3000/… becomes ADDIN_URL/…, the
 * AppDomain becomes ADDIN_URL's origin, and <Version> becomes the package version.
 * @param {string} xml the development manifest
 * @param {string} addinUrl ADDIN_URL
 * @param {string} version the package version (x.y.z)
 */
function productionManifest(xml, addinUrl, version) {
  const { base, origin } = parseAddinUrl(addinUrl);
  const escape = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  let out = xml
    .replace(
      /<AppDomain>\s*https:\/\/localhost:3000\/?\s*<\/AppDomain>/g,
      `<AppDomain>${escape(origin)}</AppDomain>`,
    )
    .split(`${DEV_ORIGIN}/`)
    .join(escape(base));
  out = out.replace(/<Version>[^<]*<\/Version>/, `<Version>${manifestVersion(version)}</Version>`);
  if (out.includes('localhost')) {
    throw new Error('manifest.xml names localhost in a form the build does not rewrite');
  }
  return out;
}

/**
 * Every http(s) address the manifest loads from, in attribute values and texts: namespaces aside, and the
 * AppDomain (an origin, checked on its own) aside.
 */
function manifestUrls(xml) {
  const found = [];
  const withoutDomains = xml.replace(/<AppDomain>[^<]*<\/AppDomain>/g, '');
  for (const match of withoutDomains.matchAll(/(?:="|>)\s*(https?:\/\/[^"<\s]*)/g)) {
    const url = match[1].replace(/&amp;/g, '&');
    if (!NAMESPACE.test(url)) found.push(url);
  }
  return found;
}

/**
 * Our own checks of a deployment manifest, beyond parsing: https only, one origin, every URL under the base
 * (ADDIN_URL, or the folder of the SourceLocation), the AppDomain that origin, no localhost, and every URL a
 * file that exists in dist/ (`exists(relativePath)`). Returns the problems, each in Chinese and English.
 * @param {string} xml
 * @param {{ addinUrl?: string, exists?: (relative: string) => boolean }} options
 * @returns {string[]}
 */
function manifestProblems(xml, options = {}) {
  const problems = [];
  const source = /<SourceLocation\s+DefaultValue="([^"]+)"/.exec(xml);
  let base;
  if (options.addinUrl !== undefined && options.addinUrl !== '') {
    base = parseAddinUrl(options.addinUrl).base;
  } else if (source !== null) {
    base = new URL('./', source[1]).href;
  } else {
    return ['清单没有 <SourceLocation> / the manifest has no <SourceLocation>'];
  }
  const origin = new URL(base).origin;
  const urls = manifestUrls(xml);
  if (urls.length === 0) problems.push('清单中没有网址 / the manifest names no URL');
  for (const url of urls) {
    if (!url.startsWith('https://')) {
      problems.push(`不是 https：${url} / not https: ${url}`);
    } else if (/^https:\/\/(localhost|127\.0\.0\.1)[:/]/.test(url)) {
      problems.push(`指向本机：${url} / points at this machine: ${url}`);
    } else if (!url.startsWith(base)) {
      problems.push(`不在 ${base} 之下：${url} / not under ${base}: ${url}`);
    } else if (options.exists !== undefined) {
      const relative = decodeURIComponent(new URL(url).pathname.slice(new URL(base).pathname.length));
      if (!options.exists(relative)) {
        problems.push(`dist/ 中没有 ${relative}（${url}）/ dist/ has no ${relative} (${url})`);
      }
    }
  }
  const domains = [...xml.matchAll(/<AppDomain>\s*([^<\s]*)\s*<\/AppDomain>/g)].map((m) => m[1]);
  for (const domain of domains) {
    if (domain !== origin)
      problems.push(`AppDomain ${domain} 不是 ${origin} / AppDomain ${domain} is not ${origin}`);
  }
  return problems;
}

module.exports = {
  DEV_ORIGIN,
  parseAddinUrl,
  manifestVersion,
  productionManifest,
  manifestUrls,
  manifestProblems,
};
