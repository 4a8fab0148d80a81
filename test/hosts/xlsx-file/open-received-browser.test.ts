/**
 * The browser's opener (DecompressionStream as the inflater, parts inflated ahead) must come to the same
 * outcome as the command line's (Node's zlib) on good and bad files: the same sheets and cells, or the same
 * code. Node has DecompressionStream too, so both run here.
 */
import JSZip from 'jszip';
import { openReceivedWorkbook } from '../../../src/hosts/xlsx-file/open-received';
import { crc32Table } from '../../../src/hosts/xlsx-file/crc32';
import { inflateRawStream, openReceivedInBrowser } from '../../../src/hosts/xlsx-file/open-received-browser';
import type { ReceivedResult } from '../../../src/hosts/xlsx-file/received';
import { selfEvaluationFile } from '../../cli/workbooks';

jest.setTimeout(20_000);

async function outcome(result: ReceivedResult): Promise<unknown> {
  if (!result.ok) return { code: result.code };
  const sheets = await result.workbook.listSheets();
  const blocks = await Promise.all(sheets.map((s) => result.workbook.readBlock(s.name)));
  return { sheets, blocks };
}

async function rezip(source: Uint8Array, changes: Record<string, string | null>): Promise<Buffer> {
  const zip = await JSZip.loadAsync(source);
  for (const [name, content] of Object.entries(changes)) {
    if (content === null) zip.remove(name);
    else zip.file(name, content);
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** Sets the declared uncompressed size of `name` in its central record (the lie a bomb tells). */
function declareSize(file: Buffer, name: string, size: number): Buffer {
  const out = Buffer.from(file);
  const end = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = out.readUInt32LE(end + 16);
  for (let i = 0; i < out.readUInt16LE(end + 10); i += 1) {
    const nameLength = out.readUInt16LE(at + 28);
    if (out.toString('utf8', at + 46, at + 46 + nameLength) === name) {
      out.writeUInt32LE(size, at + 24);
      return out;
    }
    at += 46 + nameLength + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
  }
  throw new Error(`test setup: ${name} not found`);
}

describe('opening a received workbook in the browser', () => {
  it('inflates raw DEFLATE and stops past the cap', async () => {
    const zip = new JSZip();
    zip.file('a.txt', 'x'.repeat(10_000));
    const file = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    // The local header holds the stored size at offset 18; the data follows the header and the name.
    const compressedSize = new DataView(file.buffer, file.byteOffset).getUint32(18, true);
    const stored = file.subarray(30 + 'a.txt'.length, 30 + 'a.txt'.length + compressedSize);
    expect(await inflateRawStream(stored, 10_001)).toHaveLength(10_000);
    expect(await inflateRawStream(stored, 5_000)).toBe('too_large');
    await expect(inflateRawStream(new Uint8Array([0xff, 0xff, 0xff]), 100)).rejects.toBeDefined();

    // Without 'deflate-raw' (Chromium before 103) the same data goes through 'gzip' with the declared
    // checksum and size: the same content, the same cap, and a part that does not match them fails.
    const declared = { crc32: crc32Table(new TextEncoder().encode('x'.repeat(10_000))), size: 10_000 };
    expect(await inflateRawStream(stored, 10_001, declared, false)).toEqual(
      await inflateRawStream(stored, 10_001, undefined, true),
    );
    expect(await inflateRawStream(stored, 5_000, declared, false)).toBe('too_large');
    await expect(
      inflateRawStream(stored, 10_001, { ...declared, crc32: declared.crc32 ^ 1 }, false),
    ).rejects.toBeDefined();
    await expect(inflateRawStream(stored, 10_001, { ...declared, size: 9_999 }, false)).rejects.toBeDefined();
    await expect(inflateRawStream(stored, 10_001, undefined, false)).rejects.toBeDefined();
  });

  it('agrees with the command line on good and bad files', async () => {
    const good = await selfEvaluationFile();
    const sheetName = 'xl/worksheets/sheet1.xml';
    const cases: [string, Uint8Array][] = [
      ['good', good],
      ['truncated', good.subarray(0, Math.floor(good.length / 2))],
      ['html', new Uint8Array(Buffer.from('<html><table><tr><td>1</td></tr></table></html>'))],
      ['empty', new Uint8Array()],
      ['lying size', declareSize(good, sheetName, 100)],
      ['broken sheet xml', await rezip(good, { [sheetName]: '<worksheet><sheetData><row>' })],
      ['no workbook', await rezip(good, { 'xl/workbook.xml': null })],
    ];
    for (const [name, bytes] of cases) {
      const node = await outcome(await openReceivedWorkbook(bytes));
      for (const raw of [true, false]) {
        const browser = await outcome(await openReceivedInBrowser(bytes, {}, undefined, raw));
        expect({ name, raw, browser }).toEqual({ name, raw, browser: node });
      }
    }
    // The cases cover both outcomes.
    expect(((await openReceivedInBrowser(good)) as { ok: boolean }).ok).toBe(true);
    expect(await outcome(await openReceivedInBrowser(declareSize(good, sheetName, 100)))).toEqual({
      code: 'zip_bomb',
    });
  });
});
