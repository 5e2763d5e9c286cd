import { auditLog, type DbOrTx } from '@lifeline/db';
import type { Actor } from '../policies/index.ts';

export interface AuditEntryInput {
  /** verb-first action, e.g. `hazard.verify`, `user.create` */
  action: string;
  entityType: string;
  entityId?: string | null;
  /** short zh-CN summary shown in the audit page */
  summary?: string;
  before?: unknown;
  after?: unknown;
}

/** Who did it: a user, or the system (seed, jobs). */
export type AuditActor = Pick<Actor, 'id' | 'displayName'> | { id: null; displayName: string };

/** Keys whose values never enter the audit log (flags like mustChangePassword do). */
const SECRET_KEYS = /^(password|passwordHash|currentPassword|newPassword|token|tokenHash|sessionToken|secret|contactEncrypted)$/i;

/** Drops secrets and turns Dates into ISO strings so the row never holds a password hash. */
function clean(v: unknown): unknown {
  if (v === undefined) return null;
  return JSON.parse(
    JSON.stringify(v, (k, val) => (k && SECRET_KEYS.test(k) ? undefined : val)),
  );
}

/**
 * Writes one audit row. Call it with the transaction that makes the change, so the row and the
 * change commit or roll back together (ARCHITECTURE.md "Audit").
 * @param tx the change's transaction
 * @param actor who acted
 * @param entry what changed; `before`/`after` are stored as JSON with password/token fields removed
 * @param requestId the request id, to tie the row to logs
 */
export async function writeAudit(tx: DbOrTx, actor: AuditActor, entry: AuditEntryInput, requestId?: string): Promise<void> {
  await tx.insert(auditLog).values({
    actorId: actor.id,
    actorName: actor.displayName,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    summary: entry.summary ?? '',
    before: clean(entry.before),
    after: clean(entry.after),
    requestId: requestId ?? null,
  });
}
