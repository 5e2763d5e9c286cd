import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { lt } from 'drizzle-orm';
import { publicChallenge, type DbOrTx } from '@lifeline/db';
import { t, type Challenge, type ChallengeSolution } from '@lifeline/shared';
import { AppError } from '../../lib/app-error.ts';

/**
 * The self-hosted proof-of-work challenge of the public report form (issue 5 "abuse controls"; no
 * third-party service, nothing about the client recorded). The server issues
 * `{id, salt, bits, expiresAt, signature}` with `signature = HMAC-SHA256(key, id|salt|bits|expiresAt)`;
 * the page finds a decimal `nonce` so that SHA-256(salt + nonce) starts with `bits` zero bits
 * (2^bits tries on average: ~65,000 for 16 bits, well under a second on a phone); the server checks
 * signature, expiry and work statelessly, and single use through public_challenge (id hash only).
 */

/** Leading zero bits asked of a solution (16: ~65k SHA-256 on average). */
export const CHALLENGE_BITS = 16;
/** How long a challenge may be used, in milliseconds (filling the form takes a while). */
export const CHALLENGE_TTL_MS = 30 * 60_000;

/** The challenge-signing key, derived from the server's secret key (never the key itself). */
const signingKey = (secret: Buffer) => createHmac('sha256', secret).update('lifeline:public-challenge:v1').digest();

const payload = (c: Pick<Challenge, 'id' | 'salt' | 'bits' | 'expiresAt'>) => `${c.id}|${c.salt}|${c.bits}|${c.expiresAt}`;

/**
 * Issues a new challenge.
 * @param secret the server's 32-byte secret key
 * @param now issue time; the challenge expires {@link CHALLENGE_TTL_MS} later
 * @param bits difficulty in leading zero bits
 */
export function issueChallenge(secret: Buffer, now: Date, bits = CHALLENGE_BITS): Challenge {
  const c = {
    id: randomBytes(16).toString('base64url'),
    salt: randomBytes(16).toString('base64url'),
    bits,
    expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS).toISOString(),
  };
  return { ...c, signature: createHmac('sha256', signingKey(secret)).update(payload(c)).digest('base64url') };
}

/** Number of leading zero bits of a digest. */
export function leadingZeroBits(digest: Buffer): number {
  let n = 0;
  for (const byte of digest) {
    if (byte === 0) {
      n += 8;
      continue;
    }
    return n + Math.clz32(byte) - 24;
  }
  return n;
}

/**
 * Finds a nonce for a challenge (what the web page does in a worker; used by tests and tools).
 * @returns the decimal nonce
 */
export function solveChallenge(c: Pick<Challenge, 'salt' | 'bits'>): string {
  for (let i = 0; ; i++) {
    if (leadingZeroBits(createHash('sha256').update(c.salt + i).digest()) >= c.bits) return String(i);
  }
}

const challengeError = (key: 'challengeMissing' | 'challengeInvalid' | 'challengeExpired' | 'challengeUsed') => {
  const message = t(`publicReports.${key}`);
  return new AppError('VALIDATION_FAILED', message, [{ path: 'challenge', message }]);
};

/**
 * Checks a solution without touching the database: signature (constant-time), difficulty not
 * below `minBits`, expiry, and the work itself.
 * @throws AppError VALIDATION_FAILED (400, path `challenge`) when missing, forged, too easy, expired or unsolved
 */
export function verifyChallenge(secret: Buffer, s: ChallengeSolution | undefined, now: Date, minBits = CHALLENGE_BITS): void {
  if (!s) throw challengeError('challengeMissing');
  const expected = createHmac('sha256', signingKey(secret)).update(payload(s)).digest();
  const given = Buffer.from(s.signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw challengeError('challengeInvalid');
  if (s.bits < minBits) throw challengeError('challengeInvalid');
  const expires = Date.parse(s.expiresAt);
  if (!Number.isFinite(expires) || expires <= now.getTime()) throw challengeError('challengeExpired');
  if (leadingZeroBits(createHash('sha256').update(s.salt + s.nonce).digest()) < s.bits) throw challengeError('challengeInvalid');
}

/**
 * Marks a verified challenge used, in the caller's transaction (so a report that fails leaves the
 * challenge usable for the retry). Only SHA-256 of the id is stored, with its expiry.
 * A concurrent use of the same id waits on the row and then finds it taken.
 * @throws AppError VALIDATION_FAILED (400, path `challenge`) when the challenge was used before
 */
export async function consumeChallenge(tx: DbOrTx, s: ChallengeSolution, now: Date): Promise<void> {
  const idHash = createHash('sha256').update(s.id).digest('hex');
  const inserted = await tx
    .insert(publicChallenge)
    .values({ idHash, usedAt: now, expiresAt: new Date(s.expiresAt) })
    .onConflictDoNothing()
    .returning({ idHash: publicChallenge.idHash });
  if (inserted.length === 0) throw challengeError('challengeUsed');
}

/** Deletes used challenges past their expiry (they can no longer be replayed anyway). */
export async function purgeExpiredChallenges(db: DbOrTx, now: Date): Promise<void> {
  await db.delete(publicChallenge).where(lt(publicChallenge.expiresAt, now));
}
