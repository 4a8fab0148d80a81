#!/usr/bin/env node
/* global console */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS script run by node */
// npm run validate [manifest]: checks the deployment manifest (default dist/manifest.xml, written by
// `ADDIN_URL=https://host/path/ npm run build`) offline. First `office-addin-manifest info` must parse it
// (`office-addin-manifest validate` would post it to a Microsoft service, which closed networks cannot
// reach); then our own rules (scripts/manifest.js): https only, one origin, every URL under ADDIN_URL (when
// set) or under the folder of the pane, no localhost, and every file it names present beside it in dist/.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { manifestProblems } = require('./manifest');

function main(argv) {
  const file = path.resolve(argv[0] ?? path.join(__dirname, '..', 'dist', 'manifest.xml'));
  if (!fs.existsSync(file)) {
    console.error(
      `没有 ${file}：先运行 ADDIN_URL=https://服务器/路径/ npm run build\n` +
        `No ${file}: run ADDIN_URL=https://server/path/ npm run build first`,
    );
    return 1;
  }
  const cli = require.resolve('office-addin-manifest/cli.js');
  const info = spawnSync(process.execPath, [cli, 'info', file], { encoding: 'utf8' });
  if (info.status !== 0) {
    process.stderr.write(info.stdout + info.stderr);
    console.error(`office-addin-manifest 无法解析清单 / office-addin-manifest cannot parse ${file}`);
    return 1;
  }
  process.stdout.write(info.stdout);
  const dir = path.dirname(file);
  const problems = manifestProblems(fs.readFileSync(file, 'utf8'), {
    addinUrl: process.env.ADDIN_URL,
    exists: (relative) => {
      const target = path.resolve(dir, relative);
      return target.startsWith(dir + path.sep) && fs.existsSync(target) && fs.statSync(target).isFile();
    },
  });
  if (problems.length > 0) {
    console.error(`清单有 ${problems.length} 个问题 / ${problems.length} problem(s) in ${file}:`);
    for (const problem of problems) console.error(`  - ${problem}`);
    return 1;
  }
  console.log(`清单可以部署 / manifest ready to deploy: ${file}`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
