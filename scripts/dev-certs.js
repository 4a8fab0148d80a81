/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS module loaded by the webpack config */
// The certificate of the development server (npm start), the Office way: office-addin-dev-certs makes a
// "Developer CA for Microsoft Office Add-ins" and a localhost certificate signed by it (in
// ~/.office-addin-dev-certs) and installs the CA where the operating system lets it: the Windows user store,
// the macOS login keychain, the Linux system store when sudo needs no password. Desktop Excel then loads the
// pane without a warning. Where trusting is not possible (Linux without sudo) the certificate is used anyway,
// with a message on how to trust it; where even generating fails, the server falls back to webpack-dev-server's
// own self-signed certificate, as before. BPA_DEV_CERTS=off skips all of this.
const { spawnSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');

/**
 * @typedef {{ server: 'https' | { type: 'https', options: { key: Buffer, cert: Buffer, ca: Buffer } },
 *   trusted: boolean, note: string }} DevServerCertificate
 */

/** Whether the library's install step can run without asking for a password. */
function canTrust(platform = process.platform) {
  if (platform === 'win32' || platform === 'darwin') return true;
  if (platform !== 'linux') return false;
  // install_linux.sh runs sudo itself (as root too): it must exist and need no password, or it would wait
  // on the terminal for one.
  const sudo = spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' });
  return sudo.status === 0;
}

/** The certificate and key exist and the certificate is valid for at least one more day. */
function usable(paths) {
  try {
    const cert = new crypto.X509Certificate(fs.readFileSync(paths.localhostCertificatePath));
    fs.accessSync(paths.localhostKeyPath, fs.constants.R_OK);
    fs.accessSync(paths.caCertificatePath, fs.constants.R_OK);
    return Date.parse(cert.validTo) > Date.now() + 24 * 3600 * 1000;
  } catch {
    return false;
  }
}

function linuxTrustHelp(caPath) {
  return [
    '  开发证书已生成，但系统未信任它（在 Linux 上信任证书需要 sudo）。',
    '  The development certificate was made, but the system does not trust it (on Linux that needs sudo).',
    '  在浏览器中打开一次任务窗格网址并接受证书即可；或以管理员身份运行 / Accept it once in the browser, or run:',
    `    sudo cp ${caPath} /usr/local/share/ca-certificates/office-addin-dev-certs-ca.crt && sudo update-ca-certificates`,
  ].join('\n');
}

/**
 * The dev server's `server` option and what to tell the developer.
 * @param {{ platform?: string, devCerts?: object, trust?: boolean }} [overrides] for tests
 * @returns {Promise<DevServerCertificate>}
 */
async function devServerCertificate(overrides = {}) {
  const fallback = (why) => ({
    server: 'https',
    trusted: false,
    note: [
      `  未能使用 office-addin-dev-certs（${why}），改用自签名证书：在浏览器中打开一次任务窗格网址并接受它。`,
      `  office-addin-dev-certs could not be used (${why}); using a self-signed certificate instead: open the`,
      '  task pane URL once in a browser and accept it.',
    ].join('\n'),
  });
  if (process.env.BPA_DEV_CERTS === 'off') {
    return {
      ...fallback('BPA_DEV_CERTS=off'),
      note: '  自签名证书 / self-signed certificate (BPA_DEV_CERTS=off)',
    };
  }
  let devCerts;
  let paths;
  let generate;
  try {
    devCerts = overrides.devCerts ?? require('office-addin-dev-certs');
    paths = devCerts.defaults ?? require('office-addin-dev-certs/lib/defaults');
    generate =
      devCerts.generateCertificates ?? require('office-addin-dev-certs/lib/generate').generateCertificates;
  } catch (error) {
    return fallback(`未安装 / not installed: ${error.message}`);
  }
  const platform = overrides.platform ?? process.platform;
  const trust = overrides.trust ?? canTrust(platform);
  let trusted = false;
  let trustError = '';
  if (trust) {
    try {
      await devCerts.ensureCertificatesAreInstalled();
      trusted = true;
    } catch (error) {
      trustError = String(error.message).split('\n')[0];
    }
  }
  if (!usable(paths)) {
    try {
      await generate(paths.caCertificatePath, paths.localhostCertificatePath, paths.localhostKeyPath);
    } catch (error) {
      return fallback(String(error.message).split('\n')[0]);
    }
    if (!usable(paths)) return fallback('证书无法读取 / the certificate cannot be read');
  }
  let note;
  if (trusted) {
    note = `  证书已受信任 / certificate trusted (office-addin-dev-certs, ${paths.caCertificatePath})`;
  } else if (platform === 'linux') {
    note = linuxTrustHelp(paths.caCertificatePath);
  } else {
    note = [
      `  未能信任开发证书（${trustError}）：在浏览器中打开一次任务窗格网址并接受它，或运行 npx office-addin-dev-certs install。`,
      `  The development certificate could not be trusted (${trustError}): accept it once in a browser, or run`,
      '  npx office-addin-dev-certs install.',
    ].join('\n');
  }
  return {
    server: {
      type: 'https',
      options: {
        key: fs.readFileSync(paths.localhostKeyPath),
        cert: fs.readFileSync(paths.localhostCertificatePath),
        ca: fs.readFileSync(paths.caCertificatePath),
      },
    },
    trusted,
    note,
  };
}

module.exports = { devServerCertificate, canTrust, usable };
