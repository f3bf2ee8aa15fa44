import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64 } from './base64';

function randomBytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

describe('base64', () => {
  it('encodes like Node (standard alphabet, padded) for every length up to 300 and a large payload', () => {
    for (let n = 0; n <= 300; n++) {
      const b = randomBytes(n, n + 1);
      expect(encodeBase64(b)).toBe(Buffer.from(b).toString('base64'));
    }
    const big = randomBytes(100_003, 7);
    expect(encodeBase64(big)).toBe(Buffer.from(big).toString('base64'));
  });

  it('decodes what it encodes, and unpadded text', () => {
    for (let n = 0; n <= 100; n++) {
      const b = randomBytes(n, 99 + n);
      const text = encodeBase64(b);
      expect(decodeBase64(text).bytes).toEqual(b);
      expect(decodeBase64(text.replace(/=+$/, '')).bytes).toEqual(b);
    }
  });

  it('refuses anything else, naming the first bad position', () => {
    expect(decodeBase64('AA!A').error).toBe('invalid character "!" at position 3');
    expect(decodeBase64('AA A').error).toBe('invalid character " " at position 3');
    expect(decodeBase64('AA-_').error).toBe('invalid character "-" at position 3');
    expect(decodeBase64('AA=A').error).toBe("'=' before the end at position 3");
    expect(decodeBase64('AAAAA').error).toBe('5 characters cannot encode whole bytes');
    expect(decodeBase64('AAA==').error).toMatch(/wrong padding/);
    expect(decodeBase64('A===').error).toBe("'=' before the end at position 2");
    expect(decodeBase64('AAé=').error).toBe('invalid character "é" at position 3');
  });
});
