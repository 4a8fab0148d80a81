/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS module loaded by the webpack config */
// The WPS offline package as .7z, the format WPS's own tool (wpsjs build) makes and the one its install page
// checks for (an offline entry must name a file that starts with the 7z signature). Written with the 7-Zip
// command line when the build machine has one (Debian package "7zip": 7zz; p7zip: 7z, 7za; or SEVEN_ZIP=path);
// without one the build makes the .zip alone and says so.
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

/** The first 7-Zip command that runs here, or null. */
function findSevenZip() {
  const candidates = [process.env.SEVEN_ZIP, '7zz', '7z', '7za'].filter((c) => c !== undefined && c !== '');
  for (const command of candidates) {
    const probe = spawnSync(command, ['i'], { stdio: 'ignore' });
    if (probe.error === undefined && probe.status === 0) return command;
  }
  return null;
}

/**
 * Packs files (relative path → bytes) under one folder into a .7z and returns its bytes. Every file gets the
 * same fixed time, so the same build gives the same package.
 * @param {string} command the 7-Zip command (findSevenZip)
 * @param {string} folder the folder inside the archive
 * @param {Map<string, Buffer>} files
 */
function sevenZip(command, folder, files) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bpa-7z-'));
  try {
    const date = new Date('2020-01-01T00:00:00Z');
    for (const [name, bytes] of files) {
      const target = path.join(work, folder, name);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, bytes);
      fs.utimesSync(target, date, date);
    }
    const dirs = [path.join(work, folder)];
    for (const name of files.keys()) {
      for (let dir = path.dirname(name); dir !== '.'; dir = path.dirname(dir))
        dirs.push(path.join(work, folder, dir));
    }
    for (const dir of new Set(dirs)) fs.utimesSync(dir, date, date);
    const out = path.join(work, 'package.7z');
    const run = spawnSync(
      command,
      ['a', '-t7z', '-mx=9', '-mtc=off', '-mta=off', '-bd', '-bso0', out, folder],
      {
        cwd: work,
        encoding: 'utf8',
      },
    );
    if (run.status !== 0) {
      throw new Error(`${command} a failed (${run.status}): ${run.stderr || run.stdout || run.error}`);
    }
    return fs.readFileSync(out);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

module.exports = { findSevenZip, sevenZip };
