// Builds the WPS 表格 add-in into dist/wps: ribbon.xml, the hidden page (index.html + main.js, the ribbon
// callbacks and the session's live checks), the task pane (taskpane.html: the same pane as in Excel, without
// office.js), example publish.xml and jsplugins.xml, and an offline package (offline/<name>_<version>.zip).
// Everything targets ES2017: some WPS builds embed an old Chromium.
const path = require('path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const JSZip = require('jszip');
const { Compilation, sources } = require('webpack');
const { version } = require('./package.json');

/** The add-in's name in publish.xml / jsplugins.xml, and its folder in jsaddons. */
const ADDIN_NAME = 'budget-performance';
const ADDIN_FOLDER = `${ADDIN_NAME}_${version}`;
const OFFLINE_PACKAGE = `offline/${ADDIN_FOLDER}.zip`;
const ES_TARGET = 'es2017';

const CSP = require('./scripts/content-security-policy');

const lowerSyntax = {
  loader: path.resolve(__dirname, 'scripts/wps/lower-syntax-loader.js'),
  options: { target: ES_TARGET },
};

/** Fills the placeholders of the example install files. */
function fillPlaceholders(content) {
  return content
    .toString()
    .replace(/\{\{name\}\}/g, ADDIN_NAME)
    .replace(/\{\{version\}\}/g, version)
    .replace(/\{\{folder\}\}/g, ADDIN_FOLDER)
    .replace(/\{\{package\}\}/g, OFFLINE_PACKAGE);
}

/**
 * Zips every other output file into offline/<name>_<version>.zip, under one folder <name>_<version>/: the
 * folder WPS expects in jsaddons for an add-in installed without a server.
 */
class OfflinePackagePlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('OfflinePackagePlugin', (compilation) => {
      compilation.hooks.processAssets.tapPromise(
        { name: 'OfflinePackagePlugin', stage: Compilation.PROCESS_ASSETS_STAGE_REPORT },
        async (assets) => {
          const zip = new JSZip();
          const folder = zip.folder(ADDIN_FOLDER);
          // A fixed date, so the same build gives the same package.
          const date = new Date('2020-01-01T00:00:00Z');
          for (const file of Object.keys(assets).sort()) {
            if (file.startsWith('offline/')) continue;
            folder.file(file, assets[file].buffer(), { date });
          }
          const content = await zip.generateAsync({
            type: 'nodebuffer',
            compression: 'DEFLATE',
            platform: 'UNIX',
          });
          compilation.emitAsset(OFFLINE_PACKAGE, new sources.RawSource(content));
        },
      );
    });
  }
}

function page(filename, template, chunk, scriptLoading) {
  return new HtmlWebpackPlugin({
    filename,
    template,
    chunks: [chunk],
    scriptLoading,
    templateParameters: { csp: CSP },
  });
}

module.exports = (_env = {}, argv = {}) => {
  const dev = argv.mode !== 'production';
  return {
    name: 'wps',
    target: ['web', ES_TARGET],
    // The run-time half of the ES2017 target goes first on both pages.
    entry: {
      main: ['./src/wps-addin/legacy-runtime.ts', './src/wps-addin/main.ts'],
      taskpane: ['./src/wps-addin/legacy-runtime.ts', './src/taskpane/main.tsx'],
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
          use: [
            lowerSyntax,
            {
              loader: 'ts-loader',
              options: { transpileOnly: true, instance: 'wps', compilerOptions: { target: 'ES2017' } },
            },
          ],
        },
        { test: /\.m?js$/, include: /node_modules/, use: [lowerSyntax], resolve: { fullySpecified: false } },
      ],
    },
    // No eval-based source maps: the pages' Content-Security-Policy forbids eval.
    devtool: dev ? 'cheap-module-source-map' : false,
    plugins: [
      page('index.html', './src/wps-addin/index.html', 'main', 'blocking'),
      page('taskpane.html', './src/wps-addin/taskpane.html', 'taskpane', 'defer'),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'src/wps-addin/ribbon.xml', to: 'ribbon.xml' },
          { from: 'assets', to: 'assets' },
          { from: 'src/taskpane/pane.css', to: 'assets/pane.css', noErrorOnMissing: true },
          { from: 'src/wps-addin/publish.xml', to: 'publish.xml', transform: fillPlaceholders },
          { from: 'src/wps-addin/jsplugins.xml', to: 'jsplugins.xml', transform: fillPlaceholders },
        ],
      }),
      new OfflinePackagePlugin(),
    ],
    performance: { hints: false },
  };
};
