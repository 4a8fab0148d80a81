/**
 * The development server's certificate (scripts/dev-certs.js): the office-addin-dev-certs certificate, trusted
 * where the system allows; untrusted with a message in Chinese and English where it cannot be trusted (Linux
 * without sudo); webpack-dev-server's self-signed certificate when none can be made. Certificates are made
 * into a temporary folder, never the developer's own.
 */
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateCertificates } from 'office-addin-dev-certs';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the CommonJS module the webpack config loads
const { devServerCertificate } = require('../../scripts/dev-certs.js') as {
  devServerCertificate(overrides?: { platform?: string; trust?: boolean; devCerts?: object }): Promise<{
    server: 'https' | { type: 'https'; options: { key: Buffer; cert: Buffer; ca: Buffer } };
    trusted: boolean;
    note: string;
  }>;
};

let dir = '';
let defaults: { caCertificatePath: string; localhostCertificatePath: string; localhostKeyPath: string };

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'bpa-certs-'));
  defaults = {
    caCertificatePath: path.join(dir, 'ca.crt'),
    localhostCertificatePath: path.join(dir, 'localhost.crt'),
    localhostKeyPath: path.join(dir, 'localhost.key'),
  };
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

function fakeDevCerts(install: () => Promise<void>, generate = generateCertificates) {
  return { defaults, generateCertificates: generate, ensureCertificatesAreInstalled: install };
}

describe('devServerCertificate', () => {
  it('on Linux without sudo: makes the Office localhost certificate, serves with it, says how to trust it', async () => {
    const install = jest.fn(async () => undefined);
    const result = await devServerCertificate({
      platform: 'linux',
      trust: false,
      devCerts: fakeDevCerts(install),
    });
    expect(install).not.toHaveBeenCalled();
    expect(result.trusted).toBe(false);
    if (result.server === 'https') throw new Error('expected the generated certificate');
    const cert = new X509Certificate(result.server.options.cert);
    expect(cert.subjectAltName).toContain('DNS:localhost');
    expect(cert.checkIssued(new X509Certificate(result.server.options.ca))).toBe(true);
    expect(result.server.options.key.toString()).toContain('PRIVATE KEY');
    expect(result.note).toContain('需要 sudo');
    expect(result.note).toContain('needs sudo');
    expect(result.note).toContain(defaults.caCertificatePath);
  }, 60_000);

  it('keeps a certificate that is still valid instead of making a new one', async () => {
    const first = await devServerCertificate({
      platform: 'linux',
      trust: false,
      devCerts: fakeDevCerts(async () => undefined),
    });
    const generate = jest.fn(generateCertificates);
    const second = await devServerCertificate({
      platform: 'linux',
      trust: false,
      devCerts: fakeDevCerts(async () => undefined, generate),
    });
    expect(generate).not.toHaveBeenCalled();
    expect(second.server).toEqual(first.server);
  }, 60_000);

  it('where the system allows: installs through office-addin-dev-certs and reports it trusted', async () => {
    const install = jest.fn(() =>
      generateCertificates(
        defaults.caCertificatePath,
        defaults.localhostCertificatePath,
        defaults.localhostKeyPath,
      ),
    );
    const result = await devServerCertificate({
      platform: 'win32',
      trust: true,
      devCerts: fakeDevCerts(install),
    });
    expect(install).toHaveBeenCalledTimes(1);
    expect(result.trusted).toBe(true);
    expect(result.note).toContain('证书已受信任');
  }, 60_000);

  it('when trusting fails: still serves the generated certificate and says so in Chinese and English', async () => {
    const install = jest.fn(async () => {
      throw new Error('Unable to install the CA certificate. denied');
    });
    const result = await devServerCertificate({
      platform: 'darwin',
      trust: true,
      devCerts: fakeDevCerts(install),
    });
    expect(result.trusted).toBe(false);
    expect(result.server).not.toBe('https');
    expect(result.note).toContain('未能信任开发证书（Unable to install the CA certificate. denied）');
    expect(result.note).toContain('could not be trusted');
  }, 60_000);

  it('falls back to the self-signed certificate of the dev server when no certificate can be made', async () => {
    const result = await devServerCertificate({
      platform: 'linux',
      trust: false,
      devCerts: fakeDevCerts(
        async () => undefined,
        async () => {
          throw new Error('Unable to create the directory.');
        },
      ),
    });
    expect(result).toMatchObject({ server: 'https', trusted: false });
    expect(result.note).toContain('改用自签名证书');
    expect(result.note).toContain('using a self-signed certificate instead');
  });
});
