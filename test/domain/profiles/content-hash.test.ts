import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { canonicalJson, contentHash, sha256Hex } from '../../../src/domain/profiles/content-hash';

const nodeSha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('content hash', () => {
  test('SHA-256 of the standard test messages', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  test('agrees with the platform SHA-256 on any text, Chinese and astral characters included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        expect(sha256Hex(text)).toBe(nodeSha256(text));
      }),
      { numRuns: 200 },
    );
    const long = '巴彦淖尔市财政局口径'.repeat(500) + '😀';
    expect(sha256Hex(long)).toBe(nodeSha256(long));
  });

  test('the same data in another key order or spacing has the same hash; any change gives another', () => {
    const a = { name: '湖北口径', version: '1', parts: [1, { b: 2, a: 'x' }] };
    const b = JSON.parse(
      '{ "version": "1", "parts": [1, {"a": "x", "b": 2}], "name": "湖北口径" }',
    ) as unknown;
    expect(canonicalJson(a)).toBe('{"name":"湖北口径","parts":[1,{"a":"x","b":2}],"version":"1"}');
    expect(contentHash(a)).toBe(contentHash(b));
    expect(contentHash({ ...a, version: '2' })).not.toBe(contentHash(a));
  });
});
