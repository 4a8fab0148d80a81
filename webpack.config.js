// Builds the task pane (taskpane.html) and the ribbon function file (commands.html). Everything the pane
// needs is served from the add-in's own origin: government networks are often closed.
const path = require('path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');

module.exports = (_env, argv) => {
  const dev = argv.mode !== 'production';
  return {
    entry: {
      taskpane: './src/taskpane/main.tsx',
      commands: './src/commands/commands.ts',
    },
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: '[name].[contenthash:8].js',
      clean: true,
    },
    resolve: { extensions: ['.ts', '.tsx', '.js', '.json'] },
    module: {
      rules: [{ test: /\.tsx?$/, loader: 'ts-loader', exclude: /node_modules/, options: { transpileOnly: true } }],
    },
    // No eval-based source maps: the pane's Content-Security-Policy forbids eval.
    devtool: dev ? 'cheap-module-source-map' : false,
    plugins: [
      new HtmlWebpackPlugin({ filename: 'taskpane.html', template: './src/taskpane/taskpane.html', chunks: ['taskpane'] }),
      new HtmlWebpackPlugin({ filename: 'commands.html', template: './src/commands/commands.html', chunks: ['commands'] }),
      new CopyWebpackPlugin({ patterns: [{ from: 'assets', to: 'assets' }] }),
    ],
    performance: { hints: false },
    devServer: {
      port: 3000,
      server: 'https',
      static: { directory: path.resolve(__dirname, 'assets'), publicPath: '/assets' },
      headers: { 'Access-Control-Allow-Origin': '*' },
      client: { overlay: false },
      open: false,
      setupExitSignals: true,
      onListening: (devServer) => {
        const port = devServer.server.address().port;
        // eslint-disable-next-line no-console
        console.log(`\n  任务窗格 / Task pane: https://localhost:${port}/taskpane.html\n`);
      },
    },
  };
};
