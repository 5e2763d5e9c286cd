import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** `Algorithm.Argon2id` of @node-rs/argon2 (an ambient const enum, so its value is written here). */
const ARGON2ID = 2;

/**
 * argon2id parameters: OWASP's second recommended set (m = 19 MiB, t = 2, p = 1).
 * Source: OWASP Password Storage Cheat Sheet, "Argon2id".
 */
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/**
 * Hashes a password with argon2id.
 * @returns a PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`)
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/**
 * Checks a password against a PHC hash; never throws on a malformed hash (answers false).
 */
export async function verifyPassword(phc: string, password: string): Promise<boolean> {
  try {
    return await verify(phc, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;

/**
 * A real argon2id hash of a random secret, made once per process. Verifying an unknown username
 * against it takes as long as verifying a real account, so timing does not reveal which exist.
 */
export function dummyHash(): Promise<string> {
  dummy ??= hash(randomBytes(24).toString('base64'), OPTIONS);
  return dummy;
}
