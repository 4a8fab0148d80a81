// The oldest browser the WPS pages must run in, in one place: the Babel target of the WPS build
// (webpack.wps.config.js), webpack's own output target, and the test that loads every WPS page with the
// library features newer than this removed (test/wps-package).
//
// What WPS embeds (README, "WPS 表格"): WPS Office 12.1 to 12.9 for Windows reports Chromium 104
// (user agent "Chrome/104.0.5112.102 … WpsOfficeApp/12.1.0.x"); its pages may also run without a secure
// context (http), where crypto.randomUUID is missing. For WPS on 信创 Linux (UOS, Kylin) and for WPS 2019
// (11.x) no published figure was found, so the floor is as low as the code allows: Chromium 84. Fluent UI's
// focus management (tabster, keyborg) calls WeakRef, which arrived in Chromium 84 and which no polyfill can
// supply; that also covers regular-expression lookbehind (62, src/domain/framework/text-key.ts) and BigInt
// (67, which zod uses when it loads). Every later library function comes from core-js; later syntax is
// compiled by Babel. webpack writes its own runtime code as ES_VERSION, which Chromium 84 runs.
const MIN_CHROME = 84;
const ES_VERSION = 2020;

module.exports = {
  MIN_CHROME,
  ES_VERSION,
  /** preset-env / browserslist form */
  babelTargets: { chrome: String(MIN_CHROME) },
  /** webpack's `target` for the runtime code webpack writes itself */
  webpackTarget: ['web', `es${ES_VERSION}`],
};
