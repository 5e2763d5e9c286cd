import { createHmac, randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

/**
 * The per-client key of the public rate limits: HMAC-SHA256 of the client address with a random
 * salt that lives in memory only and is replaced every {@link SALT_TTL_MS}. The address itself is
 * never stored, logged or written to the database; after a rotation yesterday's keys cannot be
 * tied to an address by anyone, including the server. Each client has its own counter, so one
 * client hitting its limit never blocks another reporter.
 */

/** How long one salt is used, in milliseconds (1 hour). */
export const SALT_TTL_MS = 60 * 60_000;

let salt = randomBytes(32);
let saltBornAt = Date.now();

/**
 * The rate-limit key of a request (`pub:` + 128 bits of the salted hash, hex).
 * @param req uses `req.ip`, which honours TRUST_PROXY (X-Forwarded-For behind a reverse proxy)
 */
export function publicClientKey(req: FastifyRequest): string {
  const now = Date.now();
  if (now - saltBornAt >= SALT_TTL_MS) {
    salt = randomBytes(32);
    saltBornAt = now;
  }
  return `pub:${createHmac('sha256', salt).update(req.ip ?? '').digest('hex').slice(0, 32)}`;
}
