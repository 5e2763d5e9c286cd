import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/env.ts';

/**
 * Encryption of a public reporter's contact details (name, phone) with AES-256-GCM (Node's crypto).
 * Only the ciphertext is stored (public_report.contact_ciphertext); reading it back is the
 * audited "reveal identity" step of holders of `report.reveal_identity`.
 */

export interface ReporterContact {
  name: string;
  phone: string;
}

const keys = new Map<string, Buffer>();

/**
 * The server's secret key: LIFELINE_SECRET_KEY, else DATA_DIR/secret.key (created once, mode 0600).
 * Cached per data directory.
 * @returns 32 bytes
 */
export function secretKey(config: Pick<Config, 'LIFELINE_SECRET_KEY' | 'dataDir'>): Buffer {
  if (config.LIFELINE_SECRET_KEY) return Buffer.from(config.LIFELINE_SECRET_KEY, 'base64');
  const cached = keys.get(config.dataDir);
  if (cached) return cached;
  const file = path.join(config.dataDir, 'secret.key');
  let key: Buffer;
  if (existsSync(file)) {
    key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte base64 key`);
  } else {
    mkdirSync(config.dataDir, { recursive: true });
    key = randomBytes(32);
    writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
  }
  keys.set(config.dataDir, key);
  return key;
}

/**
 * Encrypts contact details.
 * @returns base64 of iv (12 bytes) | auth tag (16 bytes) | ciphertext of the JSON
 */
export function encryptContact(key: Buffer, contact: ReporterContact): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(contact), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64');
}

/**
 * Decrypts what {@link encryptContact} produced.
 * @throws Error when the key is wrong or the ciphertext was altered (GCM authentication)
 */
export function decryptContact(key: Buffer, ciphertext: string): ReporterContact {
  const buf = Buffer.from(ciphertext, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(0, 12));
  decipher.setAuthTag(buf.subarray(12, 28));
  const json = Buffer.concat([decipher.update(buf.subarray(28)), decipher.final()]).toString('utf8');
  return JSON.parse(json) as ReporterContact;
}
