// Builds the WPS 表格 add-in into dist/wps: ribbon.xml, the hidden page (index.html + main.js, the ribbon
// callbacks and the session's live checks), the task pane (taskpane.html: the same pane as in Excel, without
// office.js), example publish.xml and jsplugins.xml, the install page publish.html (one click writes the
// publish.xml entry, as the page `wpsjs publish` makes does), and the offline package
// (offline/<name>_<version>.zip, and .7z where the build machine has 7-Zip).
// Some WPS builds embed an old Chromium: every page is compiled by Babel (preset-env) for the minimum Chromium
// in scripts/wps/targets.js, with the library functions it lacks taken from core-js as the code uses them.
const path = require('path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const JSZip = require('jszip');
const { Compilation, sources } = require('webpack');
const { version } = require('./package.json');

/** The add-in's name in publish.xml / jsplugins.xml, and its folder in jsaddons. */
const ADDIN_NAME = 'budget-performance';
const ADDIN_FOLDER = `${ADDIN_NAME}_${version}`;
const OFFLINE_ZIP = `offline/${ADDIN_FOLDER}.zip`;
const OFFLINE_7Z = `offline/${ADDIN_FOLDER}.7z`;
const { findSevenZip, sevenZip } = require('./scripts/wps/seven-zip');
const { babelTargets, webpackTarget } = require('./scripts/wps/targets');

const CSP = require('./scripts/content-security-policy');
/** The install page also talks to WPS's service on the user's machine (src/wps-addin/publish.ts). */
const PUBLISH_CSP = CSP.replace("connect-src 'self'", "connect-src 'self' http://127.0.0.1:58890").replace(
  "object-src 'none'",
  // The link that starts that service (ksoWPSCloudSvr://…) opens in a hidden frame.
  "frame-src ksowpscloudsvr:; object-src 'none'",
);
/** Files of the install page, kept out of the offline packages (they are not part of the add-in). */
const PUBLISH_PAGE = 'publish.html';

/** Babel for every module of the WPS pages, ours (after TypeScript) and the libraries'. */
const babel = {
  loader: 'babel-loader',
  options: {
    babelrc: false,
    configFile: false,
    // Libraries come as ES modules or CommonJS; the polyfill imports are written in the module's own form.
    sourceType: 'unambiguous',
    cacheDirectory: true,
    // Minified afterwards anyway; compact output spares Babel the layout of multi-megabyte icon modules.
    compact: true,
    presets: [
      [
        '@babel/preset-env',
        {
          targets: babelTargets,
          bugfixes: true,
          modules: false,
          useBuiltIns: 'usage',
          corejs: require('core-js/package.json').version,
        },
      ],
    ],
  },
};

/** Fills the placeholders of the example install files; {{package}} is the .7z where one is made. */
function placeholderFiller(offlinePackage) {
  return (content) =>
    content
      .toString()
      .replace(/\{\{name\}\}/g, ADDIN_NAME)
      .replace(/\{\{version\}\}/g, version)
      .replace(/\{\{folder\}\}/g, ADDIN_FOLDER)
      .replace(/\{\{package\}\}/g, offlinePackage);
}

/**
 * Packs every other output file (the install page aside) into offline/<name>_<version>.zip, and .7z when a
 * 7-Zip command is given, under one folder <name>_<version>/: the folder WPS expects in jsaddons for an add-in
 * installed without a server.
 */
class OfflinePackagePlugin {
  constructor(sevenZipCommand) {
    this.sevenZipCommand = sevenZipCommand;
  }
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('OfflinePackagePlugin', (compilation) => {
      compilation.hooks.processAssets.tapPromise(
        { name: 'OfflinePackagePlugin', stage: Compilation.PROCESS_ASSETS_STAGE_REPORT },
        async (assets) => {
          const publishChunk = compilation.namedChunks.get('publish');
          const installPage = new Set([
            PUBLISH_PAGE,
            ...(publishChunk ? [...publishChunk.files, ...publishChunk.auxiliaryFiles] : []),
          ]);
          const files = new Map();
          for (const file of Object.keys(assets).sort()) {
            if (file.startsWith('offline/') || installPage.has(file)) continue;
            files.set(file, assets[file].buffer());
          }
          const zip = new JSZip();
          const folder = zip.folder(ADDIN_FOLDER);
          // A fixed date, so the same build gives the same package.
          const date = new Date('2020-01-01T00:00:00Z');
          for (const [file, bytes] of files) folder.file(file, bytes, { date });
          const content = await zip.generateAsync({
            type: 'nodebuffer',
            compression: 'DEFLATE',
            platform: 'UNIX',
          });
          compilation.emitAsset(OFFLINE_ZIP, new sources.RawSource(content));
          if (this.sevenZipCommand !== null) {
            const packed = sevenZip(this.sevenZipCommand, ADDIN_FOLDER, files);
            compilation.emitAsset(OFFLINE_7Z, new sources.RawSource(packed));
          }
        },
      );
    });
  }
}

function page(filename, template, chunk, scriptLoading, parameters = { csp: CSP }) {
  return new HtmlWebpackPlugin({
    filename,
    template,
    chunks: [chunk],
    scriptLoading,
    templateParameters: parameters,
  });
}

module.exports = (_env = {}, argv = {}) => {
  const dev = argv.mode !== 'production';
  const sevenZipCommand = findSevenZip();
  if (sevenZipCommand === null && !dev) {
    // eslint-disable-next-line no-console
    console.warn(
      '未找到 7-Zip（7zz/7z/7za），WPS 离线包只生成 .zip / no 7-Zip command (7zz, 7z, 7za): the WPS offline package is made as .zip only',
    );
  }
  const offlinePackage = sevenZipCommand === null ? OFFLINE_ZIP : OFFLINE_7Z;
  const fillPlaceholders = placeholderFiller(offlinePackage);
  return {
    name: 'wps',
    // webpack's own runtime code, written for the same floor.
    target: webpackTarget,
    entry: {
      main: './src/wps-addin/main.ts',
      taskpane: './src/taskpane/main.tsx',
      publish: './src/wps-addin/publish-main.ts',
    },
    output: {
      path: path.resolve(__dirname, 'dist/wps'),
      // WPS loads main.js by name from index.html; the pane's bundle can carry a hash.
      filename: (pathData) => (pathData.chunk.name === 'main' ? 'main.js' : '[name].[contenthash:8].js'),
      // Relative URLs: the package works from any server path and from a local jsaddons folder. The dev server
      // (npm start) serves it under /wps/, beside the Excel pages of the main config.
      publicPath: dev ? '/wps/' : '',
      clean: true,
    },
    resolve: { extensions: ['.ts', '.tsx', '.js', '.json'] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          // TypeScript only removes the types; Babel lowers the rest.
          use: [
            babel,
            {
              loader: 'ts-loader',
              options: { transpileOnly: true, instance: 'wps', compilerOptions: { target: 'ES2022' } },
            },
          ],
        },
        {
          test: /\.m?js$/,
          include: /node_modules/,
          // core-js is the polyfills themselves; webpack's runtime modules follow `target`.
          exclude: /node_modules[\\/](core-js|webpack)[\\/]/,
          use: [babel],
          resolve: { fullySpecified: false },
        },
      ],
    },
    // No eval-based source maps: the pages' Content-Security-Policy forbids eval.
    devtool: dev ? 'cheap-module-source-map' : false,
    plugins: [
      page('index.html', './src/wps-addin/index.html', 'main', 'blocking'),
      page('taskpane.html', './src/wps-addin/taskpane.html', 'taskpane', 'defer'),
      page(PUBLISH_PAGE, './src/wps-addin/publish.html', 'publish', 'defer', {
        csp: PUBLISH_CSP,
        name: ADDIN_NAME,
        version,
        // The install page offers the offline package only as .7z, the format wpsjs makes and its page checks for.
        offlinePackage: sevenZipCommand === null ? '' : OFFLINE_7Z,
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'src/wps-addin/ribbon.xml', to: 'ribbon.xml' },
          { from: 'assets', to: 'assets' },
          { from: 'src/taskpane/pane.css', to: 'assets/pane.css', noErrorOnMissing: true },
          { from: 'src/wps-addin/publish.xml', to: 'publish.xml', transform: fillPlaceholders },
          { from: 'src/wps-addin/jsplugins.xml', to: 'jsplugins.xml', transform: fillPlaceholders },
        ],
      }),
      new OfflinePackagePlugin(sevenZipCommand),
    ],
    performance: { hints: false },
  };
};
