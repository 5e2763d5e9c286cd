import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { idempotencyKey, type Db, type Tx } from '@lifeline/db';
import { AppError } from './app-error.ts';

export interface IdempotentResult<T> {
  status: number;
  body: T;
  /** true when this is a replay of an earlier request with the same key */
  replayed: boolean;
}

const KEY_RE = /^[A-Za-z0-9_.:-]{8,128}$/;

/**
 * Runs a create exactly once per Idempotency-Key (ARCHITECTURE.md "Idempotency").
 * The key row is inserted in the same transaction as the record: a concurrent request with the same
 * key blocks on that row until the first commits, then returns the first result. Without a key the
 * work simply runs.
 * @param db database
 * @param opts `scope` (user id), `key` (header value or undefined), `route`, `body` (hashed to detect reuse)
 * @param work the create, given the transaction; returns status and JSON body
 * @throws AppError BAD_REQUEST for a malformed key; IDEMPOTENCY_MISMATCH (422) when the key was used for another request
 */
export async function runIdempotent<T>(
  db: Db,
  opts: { scope: string; key: string | undefined; route: string; body: unknown },
  work: (tx: Tx) => Promise<{ status: number; body: T }>,
): Promise<IdempotentResult<T>> {
  if (opts.key === undefined) {
    const r = await db.transaction(work);
    return { ...r, replayed: false };
  }
  if (!KEY_RE.test(opts.key)) throw new AppError('BAD_REQUEST', 'Idempotency-Key 格式无效（8–128 位字母、数字或 _.:-）');
  const requestHash = createHash('sha256').update(JSON.stringify(opts.body ?? null)).digest('hex');
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(idempotencyKey)
      .values({ scope: opts.scope, key: opts.key!, route: opts.route, requestHash })
      .onConflictDoNothing()
      .returning({ key: idempotencyKey.key });
    if (inserted.length === 0) {
      const [prev] = await tx
        .select()
        .from(idempotencyKey)
        .where(and(eq(idempotencyKey.scope, opts.scope), eq(idempotencyKey.key, opts.key!)));
      if (!prev || prev.route !== opts.route || prev.requestHash !== requestHash) throw new AppError('IDEMPOTENCY_MISMATCH');
      return { status: prev.statusCode ?? 200, body: prev.response as T, replayed: true };
    }
    const r = await work(tx);
    await tx
      .update(idempotencyKey)
      .set({ statusCode: r.status, response: r.body as object })
      .where(and(eq(idempotencyKey.scope, opts.scope), eq(idempotencyKey.key, opts.key!)));
    return { ...r, replayed: false };
  });
}
