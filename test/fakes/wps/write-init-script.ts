/**
 * Writes the ET fake's page script to a file and prints its path, for the browser tests' host parameter:
 *
 *   BPA_BROWSER_HOST=wps BPA_BROWSER_HOST_INIT=$(npx tsx test/fakes/wps/write-init-script.ts) npx jest test/browser
 *
 * Options for the fake (`--build methods`) go into the script.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { FakeBuild } from './fake-et';
import { wpsFakeInitScript } from './init-script';

const buildFlag = process.argv.indexOf('--build');
const build = (buildFlag >= 0 ? process.argv[buildFlag + 1] : 'properties') as FakeBuild;
if (build !== 'properties' && build !== 'methods')
  throw new Error(`--build must be properties or methods, not ${build}`);
const file = path.join(os.tmpdir(), `bpa-wps-fake-${build}.js`);
fs.writeFileSync(file, wpsFakeInitScript({ build }));
process.stdout.write(`${file}\n`);
