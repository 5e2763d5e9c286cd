import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { RECEIPT_ALPHABET, RECEIPT_LENGTH, formatReceiptCode, normalizeReceiptCode } from '@lifeline/shared';

/**
 * Receipt codes (回执码) of public reports: the reporter's only key to their report. The code is
 * shown once and never stored — the database keeps its SHA-256 (public_report.receipt_hash).
 */

/** Bits of entropy of a receipt code: log2(32^20) = 100. */
export const RECEIPT_BITS = RECEIPT_LENGTH * Math.log2(RECEIPT_ALPHABET.length);

/**
 * A new random receipt code: {@link RECEIPT_LENGTH} symbols drawn uniformly from the 32-symbol
 * {@link RECEIPT_ALPHABET} (5 random bits each, from the OS CSPRNG), grouped XXXX-XXXX-….
 * @returns e.g. `7KQ2-M9XD-…` (24 characters with the dashes), 100 bits of entropy
 */
export function newReceiptCode(): string {
  const bytes = randomBytes(RECEIPT_LENGTH);
  let code = '';
  // 32 = 2^5 symbols: the low 5 bits of each byte are uniform, so there is no modulo bias
  for (const b of bytes) code += RECEIPT_ALPHABET[b & 31];
  return formatReceiptCode(code);
}

/**
 * SHA-256 (hex) of a receipt code in canonical form ({@link normalizeReceiptCode}). Always
 * computed, also for malformed input, so that a lookup does the same work whatever is typed.
 */
export function hashReceiptCode(code: string): string {
  return createHash('sha256').update(normalizeReceiptCode(code), 'utf8').digest('hex');
}

/** Constant-time comparison of two hex SHA-256 digests (false when either is missing). */
export function sameHash(a: string | null | undefined, b: string): boolean {
  const x = Buffer.from(a ?? '0'.repeat(64), 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y) && a != null;
}
