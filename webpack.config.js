// Builds the task pane (taskpane.html, also the ribbon's function file: with the shared runtime the ribbon's
// functions live in the pane's page, src/commands/ribbon-actions.ts) and the workbench
// (workbench.html: the pane beside an in-memory workbook), plus the WPS package when webpack.wps.config.js is
// present. Everything the pages need is served from the add-in's own origin, office.js included: government
// networks are often closed, so no page loads anything from a CDN.
const fs = require('fs');
const path = require('path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');

const OFFICE_JS_DIR = 'office-js';

const CSP = require('./scripts/content-security-policy');
const { productionManifest, parseAddinUrl } = require('./scripts/manifest');
const { version } = require('./package.json');
const { devServerCertificate } = require('./scripts/dev-certs');

/**
 * Puts the policy first in every page's head (before any stylesheet or script, so that it governs them all,
 * whoever wrote the template) and office.js before the bundle on the pages that run inside Office.
 */
class PageHeadPlugin {
  constructor(officePages) {
    this.officePages = new Set(officePages);
  }
  apply(compiler) {
    compiler.hooks.compilation.tap('PageHeadPlugin', (compilation) => {
      const hooks = HtmlWebpackPlugin.getHooks(compilation);
      hooks.alterAssetTagGroups.tap('PageHeadPlugin', (data) => {
        if (this.officePages.has(data.outputName)) {
          data.headTags.unshift(
            HtmlWebpackPlugin.createHtmlTagObject('script', { src: `${OFFICE_JS_DIR}/office.js` }),
          );
        }
        return data;
      });
      hooks.beforeEmit.tap('PageHeadPlugin', (data) => {
        const meta = `<meta http-equiv="Content-Security-Policy" content="${CSP}">`;
        const head = /<head>(\s*<meta charset[^>]*>)?/i;
        if (!head.test(data.html)) throw new Error(`${data.outputName}: no <head> to put the policy in`);
        data.html = data.html.replace(head, (found) => found + meta);
        return data;
      });
    });
  }
}

function page(filename, template, chunk) {
  return new HtmlWebpackPlugin({
    filename,
    template,
    chunks: [chunk],
    scriptLoading: 'defer',
  });
}

/**
 * dist/manifest.xml for a server: written by a production build when ADDIN_URL names where dist/ is served
 * (https://host/path/), from manifest.xml with that address in every URL (scripts/manifest.js).
 */
function manifestPatterns(dev) {
  const addinUrl = process.env.ADDIN_URL;
  if (dev || addinUrl === undefined || addinUrl === '') return [];
  parseAddinUrl(addinUrl); // a bad address stops the build before anything is bundled
  return [
    {
      from: 'manifest.xml',
      to: 'manifest.xml',
      transform: (content) => productionManifest(content.toString(), addinUrl, version),
    },
  ];
}

/** What npm start says about its certificate (set before the server starts). */
let certificateNote =
  '  The certificate is self-signed: open the task pane URL once in a browser and accept it.';

function paneConfig(dev) {
  const officeDist = path.dirname(require.resolve('@microsoft/office-js/dist/office.js'));
  return {
    name: 'addin',
    entry: {
      taskpane: './src/taskpane/main.tsx',
      workbench: './src/workbench/main.tsx',
    },
    output: {
      path: path.resolve(__dirname, 'dist'),
      publicPath: '',
      filename: '[name].[contenthash:8].js',
      chunkFilename: '[name].[contenthash:8].js',
      // The WPS package is written by its own config into dist/wps.
      clean: { keep: /^wps[\\/]/ },
    },
    resolve: { extensions: ['.ts', '.tsx', '.js', '.json'] },
    module: {
      rules: [
        { test: /\.tsx?$/, loader: 'ts-loader', exclude: /node_modules/, options: { transpileOnly: true } },
      ],
    },
    // No eval-based source maps: the pages' Content-Security-Policy forbids eval.
    devtool: dev ? 'cheap-module-source-map' : false,
    optimization: {
      // React and Fluent UI in one shared chunk: the pane and the workbench load the same file, and the
      // pane's own code stays small enough to change without invalidating the vendor cache.
      // Only the pages' own chunks are split: what 批量审核 loads when it is opened (its section and its
      // worker with the received-file reader) keeps its modules to itself instead of growing the pages'
      // shared chunks, and the worker never loads React.
      splitChunks: {
        chunks: (chunk) => chunk.name === 'taskpane' || chunk.name === 'workbench',
        cacheGroups: {
          vendor: { test: /[\\/]node_modules[\\/]/, name: 'vendor', priority: 10, reuseExistingChunk: true },
          engine: {
            test: /[\\/]src[\\/](domain|app)[\\/]/,
            name: 'engine',
            priority: 5,
            reuseExistingChunk: true,
          },
        },
      },
    },
    plugins: [
      page('taskpane.html', './src/taskpane/taskpane.html', 'taskpane'),
      page('workbench.html', './src/workbench/workbench.html', 'workbench'),
      // Every page carries the policy itself, so it holds however the files are served.
      new PageHeadPlugin(['taskpane.html']),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets', to: 'assets' },
          { from: 'src/taskpane/pane.css', to: 'assets/pane.css' },
          { from: 'src/workbench/workbench.css', to: 'assets/workbench.css' },
          // office.js with the Excel host scripts and its strings for every display language; not the debug
          // builds, and not the other Office applications.
          {
            from: '{office.js,excel*.js,o15apptofilemappingtable.js,es6-promise.js,*/office_strings.js,telemetry/oteljs*.js}',
            context: officeDist,
            to: OFFICE_JS_DIR,
            globOptions: { ignore: ['**/*.debug.js'] },
          },
          ...manifestPatterns(dev),
        ],
      }),
    ],
    performance: { hints: false },
    devServer: {
      port: 3000,
      // Replaced by the office-addin-dev-certs certificate when npm start finds one (scripts/dev-certs.js).
      server: 'https',
      // The pages allow connections only to their own origin: no live-reload socket, reload by hand.
      hot: false,
      liveReload: false,
      webSocketServer: false,
      client: false,
      static: false,
      open: false,
      setupExitSignals: true,
      headers: { 'Content-Security-Policy': CSP },
      onListening: (devServer) => {
        const port = devServer.server.address().port;
        const base = `https://localhost:${port}`;
        // eslint-disable-next-line no-console
        console.log(
          [
            '',
            `  任务窗格 / Task pane:   ${base}/taskpane.html`,
            `  工作台 / Workbench:     ${base}/workbench.html  (the pane beside an in-memory workbook)`,
            '',
            certificateNote,
            '  Sideload manifest.xml:',
            '    Excel on the web:  开始 → 加载项 → 更多加载项 → 上传我的加载项 (Home → Add-ins → More add-ins →',
            '                       Upload My Add-in), choose manifest.xml',
            '    Excel on Windows:  share the folder holding manifest.xml, add it under 信任中心 → 受信任的加载项目录',
            '                       (Trust Center → Trusted Add-in Catalogs), restart Excel, 插入 → 我的加载项 → 共享文件夹;',
            '                       or, with Node on that machine: npx office-addin-debugging start manifest.xml',
            '    Excel on Mac:      copy manifest.xml to ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef/',
            '                       and restart Excel',
            '',
          ].join('\n'),
        );
      },
    },
  };
}

module.exports = (env = {}, argv = {}) => {
  const dev = argv.mode !== 'production';
  const configs = [paneConfig(dev)];
  const wpsConfigFile = path.resolve(__dirname, 'webpack.wps.config.js');
  if (fs.existsSync(wpsConfigFile)) {
    const wps = require(wpsConfigFile)(env, argv);
    configs.push(...(Array.isArray(wps) ? wps : [wps]));
  }
  if (!env.WEBPACK_SERVE) return configs;
  // npm start: the Office development certificate, trusted where the system allows (scripts/dev-certs.js).
  return devServerCertificate().then(({ server, note }) => {
    configs[0].devServer.server = server;
    certificateNote = note;
    return configs;
  });
};
