/**
 * The zip layer of a received workbook: each part is inflated once, when first asked for, and checked
 * against the sizes and checksum its directory entry declares.
 */
import { deflateRawSync } from 'node:zlib';
import JSZip from 'jszip';
import { crc32, nodeInflater } from '../../../src/hosts/xlsx-file/node-inflater';
import {
  checkDeclaredSizes,
  inflateAll,
  readZipDirectory,
  zipParts,
  ZipRejected,
} from '../../../src/hosts/xlsx-file/received-zip';

async function sampleZip(): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types/>');
  zip.file('xl/workbook.xml', '<workbook>'.padEnd(5000, ' ') + '</workbook>');
  zip.file('xl/worksheets/sheet1.xml', '<worksheet>项目支出绩效自评表</worksheet>'.repeat(200));
  zip.folder('xl/media');
  zip.file(
    'xl/media/logo.bin',
    new Uint8Array(300).map((_, i) => (i * 7) % 256),
    {
      compression: 'STORE',
    },
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

function rejection(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof ZipRejected) return error.code;
    throw error;
  }
  return 'accepted';
}

describe('readZipDirectory', () => {
  it('lists every entry with the sizes and checksums jszip reports', async () => {
    const file = await sampleZip();
    const entries = readZipDirectory(file);
    const zip = await JSZip.loadAsync(file);
    const names = Object.keys(zip.files);
    expect(entries.map((e) => e.name)).toEqual(names);
    for (const entry of entries) {
      const zipped = zip.files[entry.name];
      if (zipped === undefined || zipped.dir) continue;
      const content = await zipped.async('uint8array');
      expect(entry.uncompressedSize).toBe(content.length);
      expect(entry.crc32).toBe(crc32(content));
    }
  });

  it('tells a cut file (truncated) from a damaged directory (corrupt)', async () => {
    const file = await sampleZip();
    expect(rejection(() => readZipDirectory(file.subarray(0, file.length - 5)))).toBe('truncated');
    const damaged = Buffer.from(file);
    const end = damaged.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    damaged.writeUInt32LE(damaged.readUInt32LE(end + 16) + 3, end + 16);
    expect(rejection(() => readZipDirectory(damaged))).toBe('corrupt');
  });
});

describe('checkDeclaredSizes', () => {
  it('refuses a declared total over the cap, or a compression ratio over the cap', async () => {
    const file = await sampleZip();
    const entries = readZipDirectory(file);
    const total = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
    const roomy = { maxUncompressedBytes: total, maxCompressionRatio: 1000 };
    expect(rejection(() => checkDeclaredSizes(entries, file.length, roomy))).toBe('accepted');
    expect(
      rejection(() =>
        checkDeclaredSizes(entries, file.length, { ...roomy, maxUncompressedBytes: total - 1 }),
      ),
    ).toBe('zip_bomb');
    expect(
      rejection(() => checkDeclaredSizes(entries, file.length, { ...roomy, maxCompressionRatio: 1 })),
    ).toBe('zip_bomb');
  });
});

describe('zipParts', () => {
  it('inflates every file part with the same bytes, each once', async () => {
    const file = await sampleZip();
    const entries = readZipDirectory(file);
    let inflations = 0;
    const counting = {
      ...nodeInflater,
      inflateRaw: (data: Uint8Array, max: number) => {
        inflations += 1;
        return nodeInflater.inflateRaw(data, max);
      },
    };
    const parts = zipParts(file, entries, counting);
    const original = await JSZip.loadAsync(file);
    const fileNames = Object.values(original.files)
      .filter((f) => !f.dir)
      .map((f) => f.name);
    expect(parts.names()).toEqual(fileNames);
    for (const name of fileNames) {
      const expected = await original.files[name]?.async('uint8array');
      expect(Buffer.from(parts.get(name) ?? []).equals(Buffer.from(expected ?? []))).toBe(true);
      parts.get(name);
    }
    const deflated = entries.filter((e) => e.method === 8 && !e.name.endsWith('/')).length;
    expect(inflations).toBe(deflated);
    expect(inflateAll(file, entries, nodeInflater).size).toBe(fileNames.length);
  });

  it('keeps a UTF-8 name as it was written', async () => {
    const zip = new JSZip();
    zip.file('xl/workbook.xml', '<workbook/>');
    zip.file('附件/说明.txt', '说明');
    const file = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    const parts = zipParts(file, readZipDirectory(file), nodeInflater);
    expect(Buffer.from(parts.get('附件/说明.txt') ?? []).toString('utf8')).toBe('说明');
  });

  it('stops inflating a part one byte past its declared size', () => {
    const content = new Uint8Array(1_000_000);
    const deflated = deflateRawSync(content);
    const name = Buffer.from('xl/media/zeros.bin');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(content), 14);
    local.writeUInt32LE(deflated.length, 18);
    local.writeUInt32LE(10, 22);
    local.writeUInt16LE(name.length, 26);
    const file = Buffer.concat([local, name, deflated]);
    const entry = {
      name: 'xl/media/zeros.bin',
      nameBytes: name,
      flags: 0,
      method: 8,
      dosTime: 0,
      dosDate: 0,
      crc32: crc32(content),
      compressedSize: deflated.length,
      uncompressedSize: 10,
      localOffset: 0,
    };
    expect(rejection(() => zipParts(file, [entry], nodeInflater).get('xl/media/zeros.bin'))).toBe('zip_bomb');
  });
});
