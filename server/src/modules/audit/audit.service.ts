import { endOfLocalDay, startOfLocalDay, type AuditEntry, type AuditFacets, type AuditQuery } from '@lifeline/shared';
import type { DbOrTx } from '@lifeline/db';
import { invalidField } from '../../lib/app-error.ts';
import { requirePermission, type Actor } from '../../policies/index.ts';
import { findAuditFacets, findAuditPage } from './audit.repo.ts';

/**
 * A page of the audit log (审计日志), newest first: who did what to which record, with the record
 * before and after (ARCHITECTURE.md "Audit"). Filters combine with AND: entity type and id, actor,
 * action prefix, and local dates `from`/`to` (Asia/Shanghai days, both inclusive).
 * @returns `{ items, total, page, pageSize }`
 * @throws AppError FORBIDDEN without `audit.read` (county admin only);
 *   VALIDATION_FAILED when `to` is before `from`
 */
export async function listAudit(db: DbOrTx, actor: Actor, q: AuditQuery): Promise<{ items: AuditEntry[]; total: number; page: number; pageSize: number }> {
  requirePermission(actor, 'audit.read');
  if (q.from && q.to && q.to < q.from) throw invalidField('to', '结束日期不能早于开始日期');
  const { rows, total } = await findAuditPage(
    db,
    {
      entityType: q.entityType || undefined,
      entityId: q.entityId || undefined,
      actorId: q.actorId,
      actionPrefix: q.action || undefined,
      from: q.from ? startOfLocalDay(q.from) : undefined,
      to: q.to ? endOfLocalDay(q.to) : undefined,
    },
    { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actorId: r.actorId,
      actorName: r.actorName,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      summary: r.summary,
      before: r.before ?? null,
      after: r.after ?? null,
      requestId: r.requestId,
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/**
 * The values the audit page's filter dropdowns offer: every distinct action and entity type
 * present in the log, sorted.
 * @throws AppError FORBIDDEN without `audit.read`
 */
export async function listAuditFacets(db: DbOrTx, actor: Actor): Promise<AuditFacets> {
  requirePermission(actor, 'audit.read');
  return findAuditFacets(db);
}
