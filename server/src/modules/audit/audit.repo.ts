import { and, asc, count, desc, eq, gte, like, lte, type SQL } from 'drizzle-orm';
import { auditLog, type DbOrTx } from '@lifeline/db';

/**
 * Drizzle queries of the audit log (审计日志). The log is county-wide and only the county admin
 * reads it (permission `audit.read`), so there is no township/institution scope filter here.
 */

export interface AuditFilter {
  entityType?: string | undefined;
  entityId?: string | undefined;
  actorId?: string | undefined;
  /** prefix of the action, matched literally (`hazard.` → hazard.register, hazard.verify…) */
  actionPrefix?: string | undefined;
  /** inclusive instant bounds */
  from?: Date | undefined;
  to?: Date | undefined;
}

/** Escapes LIKE wildcards so a prefix matches literally. */
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function auditWhere(f: AuditFilter): SQL | undefined {
  return and(
    f.entityType ? eq(auditLog.entityType, f.entityType) : undefined,
    f.entityId ? eq(auditLog.entityId, f.entityId) : undefined,
    f.actorId ? eq(auditLog.actorId, f.actorId) : undefined,
    f.actionPrefix ? like(auditLog.action, `${escapeLike(f.actionPrefix)}%`) : undefined,
    f.from ? gte(auditLog.at, f.from) : undefined,
    f.to ? lte(auditLog.at, f.to) : undefined,
  );
}

/** One page of audit rows, newest first (time, then insertion order), and the total. */
export async function findAuditPage(db: DbOrTx, f: AuditFilter, page: { limit: number; offset: number }) {
  const where = auditWhere(f);
  const [rows, [total]] = await Promise.all([
    db.select().from(auditLog).where(where).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(page.limit).offset(page.offset),
    db.select({ n: count() }).from(auditLog).where(where),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}

/** The distinct actions and entity types present in the log, sorted. */
export async function findAuditFacets(db: DbOrTx) {
  const [actions, entityTypes] = await Promise.all([
    db.selectDistinct({ v: auditLog.action }).from(auditLog).orderBy(asc(auditLog.action)),
    db.selectDistinct({ v: auditLog.entityType }).from(auditLog).orderBy(asc(auditLog.entityType)),
  ]);
  return { actions: actions.map((r) => r.v), entityTypes: entityTypes.map((r) => r.v) };
}
