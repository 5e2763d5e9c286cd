import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decryptContact, encryptContact, secretKey } from './contact-crypto.ts';

describe('contact encryption', () => {
  it('round-trips, never contains the plaintext, and differs each time (random IV)', () => {
    const key = secretKey({ dataDir: mkdtempSync(path.join(tmpdir(), 'lk-')), LIFELINE_SECRET_KEY: undefined });
    const a = encryptContact(key, { name: '张三', phone: '13800000000' });
    const b = encryptContact(key, { name: '张三', phone: '13800000000' });
    expect(a).not.toBe(b);
    expect(Buffer.from(a, 'base64').toString('latin1')).not.toContain('13800000000');
    expect(decryptContact(key, a)).toEqual({ name: '张三', phone: '13800000000' });
  });

  it('refuses a wrong key or an altered ciphertext', () => {
    const k1 = secretKey({ dataDir: mkdtempSync(path.join(tmpdir(), 'lk-')), LIFELINE_SECRET_KEY: undefined });
    const k2 = secretKey({ dataDir: mkdtempSync(path.join(tmpdir(), 'lk-')), LIFELINE_SECRET_KEY: undefined });
    const c = encryptContact(k1, { name: '李四', phone: '13900000000' });
    expect(() => decryptContact(k2, c)).toThrow();
    const bytes = Buffer.from(c, 'base64');
    bytes[bytes.length - 1]! ^= 1;
    expect(() => decryptContact(k1, bytes.toString('base64'))).toThrow();
  });

  it('keeps the generated key in DATA_DIR/secret.key (0600) and reuses it; an env key wins', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lk-'));
    const k = secretKey({ dataDir: dir, LIFELINE_SECRET_KEY: undefined });
    const file = path.join(dir, 'secret.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64').equals(k)).toBe(true);
    const env = Buffer.alloc(32, 7).toString('base64');
    expect(secretKey({ dataDir: dir, LIFELINE_SECRET_KEY: env }).equals(Buffer.alloc(32, 7))).toBe(true);
  });
});
