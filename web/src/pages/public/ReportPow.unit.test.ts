import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { leadingZeroBits } from '../../../../server/src/modules/public-reports/challenge.ts';
import { sha256Ascii, solvePow } from './ReportPow.ts';

const hex = (w: Uint32Array) => [...w].map((x) => (x >>> 0).toString(16).padStart(8, '0')).join('');

describe('the report form proof-of-work (browser side)', () => {
  it('computes SHA-256 exactly as node does, across block boundaries', () => {
    for (const s of ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'x'.repeat(130), 'q3Zt-8_salt12345678901234567'])
      expect(hex(sha256Ascii(s))).toBe(createHash('sha256').update(s).digest('hex'));
  });

  it('finds a nonce the server accepts', () => {
    const salt = 'Yk3p0Q2m9vXc8sT1aB4eFg';
    const nonce = solvePow(salt, 12);
    expect(leadingZeroBits(createHash('sha256').update(salt + nonce).digest())).toBeGreaterThanOrEqual(12);
  });
});
