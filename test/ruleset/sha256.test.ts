import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sha256Hex } from '../../src/ruleset/sha256.js';

const nodeSha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

describe('sha256Hex (@noble/hashes SHA-256 used for content hashes)', () => {
  it('matches the FIPS 180-4 test vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('matches node:crypto for every length 0..200 (all padding cases around the 64-byte blocks)', () => {
    for (let n = 0; n <= 200; n++) {
      const ascii = Array.from({ length: n }, (_, i) => String.fromCharCode(32 + ((i * 7 + n) % 95))).join('');
      expect(sha256Hex(ascii), `ascii length ${n}`).toBe(nodeSha256(ascii));
      // Two-byte and three-byte UTF-8 characters move the byte length across the boundaries differently.
      const twoByte = 'é'.repeat(n);
      expect(sha256Hex(twoByte), `é × ${n}`).toBe(nodeSha256(twoByte));
      const mixed = 'a€'.repeat(n).slice(0, n);
      expect(sha256Hex(mixed), `a€ mixed length ${n}`).toBe(nodeSha256(mixed));
    }
  });

  it('matches node:crypto on a long text (many blocks)', () => {
    const long = 'Integrationsmanagement § 4 VwV '.repeat(5000);
    expect(sha256Hex(long)).toBe(nodeSha256(long));
  });

  it('hashes astral characters and lone surrogates as UTF-8 like Node does (U+FFFD for a lone surrogate)', () => {
    for (const s of ['😀', 'a😀b', '\uD83D', '\uDE00x', 'x\uD83D', '\u0000', '\uFFFF']) {
      expect(sha256Hex(s), JSON.stringify(s)).toBe(nodeSha256(s));
    }
  });

  it('matches node:crypto on random strings, including any Unicode', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.string({ unit: 'binary', maxLength: 150 }),
          fc.string({ unit: 'grapheme', maxLength: 80 }),
        ),
        (s) => sha256Hex(s) === nodeSha256(s),
      ),
      { numRuns: 500 },
    );
  });

  it('differs when one character differs (not a constant)', () => {
    expect(sha256Hex('bw-im-2023')).not.toBe(sha256Hex('bw-im-2025'));
    expect(sha256Hex('a')).toMatch(/^[0-9a-f]{64}$/);
  });
});
