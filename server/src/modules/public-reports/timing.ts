import { randomInt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Equal-time answers for requests that carry a receipt code (lookup, message, claim): whether the
 * code exists or not, the answer leaves no sooner than a fixed floor plus a small random jitter,
 * so response time says nothing about existence. The work itself is also equalised (the code is
 * always hashed, the same queries run with a nil id when nothing matched), and when the work takes
 * longer than the floor the answer waits for the next multiple of it.
 */

/** Fixed floor of a receipt-code answer, in milliseconds. */
export const RECEIPT_FLOOR_MS = 200;
/** Random jitter added on top of the floor, in milliseconds (0 … this − 1). */
export const RECEIPT_JITTER_MS = 20;

/**
 * Runs `work` and settles (with its result or its error) only once `floorMs` (+ jitter) has passed
 * since the call; past the floor, at the next multiple of it.
 */
export async function withTimeFloor<T>(work: () => Promise<T>, floorMs = RECEIPT_FLOOR_MS, jitterMs = RECEIPT_JITTER_MS): Promise<T> {
  const start = performance.now();
  let result: { ok: true; value: T } | { ok: false; error: unknown };
  try {
    result = { ok: true, value: await work() };
  } catch (error) {
    result = { ok: false, error };
  }
  const elapsed = performance.now() - start;
  const target = Math.max(1, Math.ceil(elapsed / floorMs)) * floorMs + (jitterMs > 0 ? randomInt(jitterMs) : 0);
  if (target > elapsed) await sleep(target - elapsed);
  if (!result.ok) throw result.error;
  return result.value;
}
