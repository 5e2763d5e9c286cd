import type { Db, DbOrTx } from '@lifeline/db';
import type { FieldIssue, Institution, InstitutionFilter, InstitutionValues } from '@lifeline/shared';
import { AppError, forbidden, invalidField, notFound } from '../../lib/app-error.ts';
import { writeAudit } from '../../plugins/audit.ts';
import { canSeeTownship, requirePermission, type Actor } from '../../policies/index.ts';
import { toInstitutionDto } from './institutions.presenter.ts';
import {
  findCollisions,
  findInstitutionInScope,
  findInstitutions,
  findTownship,
  insertInstitution,
  lockInstitutionInScope,
  moveInstitutionRecords,
  updateInstitutionRow,
  type InstitutionInsert,
  type InstitutionRow,
} from './institutions.repo.ts';

/** Field labels used in audit summaries and messages. */
export const INSTITUTION_FIELD_LABELS: Record<keyof InstitutionValues, string> = {
  townshipId: '乡镇',
  name: '机构名称',
  type: '机构类型',
  status: '状态',
  address: '地址',
  creditCode: '统一社会信用代码',
  filingNo: '备案号',
  licenceNo: '许可证号',
  personInCharge: '负责人',
  personInChargePhone: '负责人电话',
  safetyOfficer: '安全员',
  safetyOfficerPhone: '安全员电话',
  beds: '床位数',
  residents: '在住人数',
  nonAmbulatoryPct: '失能半失能占比(%)',
  staffCount: '在岗员工人数',
};

/**
 * A page of institutions in the actor's scope (county roles: all; township officer: own township;
 * institution officer: own institution), with open-hazard counts and abilities. With `all: true`
 * every match is returned on one page (for pickers), still scoped.
 * @param q filters and paging (InstitutionListQuerySchema)
 * @returns `{ items, total, page, pageSize }`
 */
export async function listInstitutions(
  db: DbOrTx,
  actor: Actor,
  q: Partial<InstitutionFilter> & { page: number; pageSize: number; all?: boolean | undefined },
): Promise<{ items: Institution[]; total: number; page: number; pageSize: number }> {
  if (q.all) {
    const { rows, total } = await findInstitutions(db, actor, q);
    return { items: rows.map((r) => toInstitutionDto(actor, r)), total, page: 1, pageSize: Math.max(total, 1) };
  }
  const { rows, total } = await findInstitutions(db, actor, q, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: rows.map((r) => toInstitutionDto(actor, r)), total, page: q.page, pageSize: q.pageSize };
}

/**
 * One institution for the actor.
 * @throws AppError NOT_FOUND when it does not exist or is outside the actor's scope (same answer)
 */
export async function getInstitution(db: DbOrTx, actor: Actor, id: string): Promise<Institution> {
  const row = await findInstitutionInScope(db, actor, id);
  if (!row) throw notFound();
  return toInstitutionDto(actor, row);
}

/**
 * The township an institution is put in, checked: it must exist in the actor's county (else 400 on
 * `townshipId`) and be inside the actor's scope (a township officer: only their own; else 403).
 * @throws AppError VALIDATION_FAILED | FORBIDDEN
 */
async function checkTargetTownship(db: DbOrTx, actor: Actor, townshipId: string) {
  const tw = await findTownship(db, actor.countyId, townshipId);
  if (!tw) throw invalidField('townshipId', '所选乡镇不存在');
  if (!canSeeTownship(actor, tw.id)) throw forbidden('只能在本乡镇范围内新增或调整机构');
  return tw;
}

/**
 * Refuses a record that collides with another institution: the same name in the same township
 * (`institution_township_name_uq`) or the same 统一社会信用代码 anywhere in the county
 * (`institution_credit_code_uq`). The holder's name is only told when it is in the actor's scope.
 * @throws AppError DUPLICATE (409) with per-field details
 */
async function assertNoCollision(db: DbOrTx, actor: Actor, rec: { townshipId: string; townshipName: string; name: string; creditCode: string | null }, excludeId?: string) {
  const hits = await findCollisions(db, rec, excludeId);
  const issues: FieldIssue[] = [];
  if (hits.some((h) => h.townshipId === rec.townshipId && h.name === rec.name)) {
    issues.push({ path: 'name', message: `${rec.townshipName}已有名为「${rec.name}」的机构` });
  }
  const holder = rec.creditCode ? hits.find((h) => h.creditCode === rec.creditCode) : undefined;
  if (holder) {
    const visible = canSeeTownship(actor, holder.townshipId) && (actor.role !== 'institution_officer' || actor.institutionId === holder.id);
    issues.push({ path: 'creditCode', message: visible ? `统一社会信用代码 ${rec.creditCode} 已被「${holder.name}」使用` : `统一社会信用代码 ${rec.creditCode} 已被其他机构使用` });
  }
  if (issues.length) throw new AppError('DUPLICATE', issues.map((i) => i.message).join('；'), issues);
}

/**
 * The unique constraint a database error violated (SQLSTATE 23505), looking through wrappers
 * (drizzle wraps the driver's error in `cause`); undefined for any other error.
 */
export function violatedUniqueConstraint(err: unknown): string | undefined {
  for (let e = err as { code?: unknown; constraint?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (e.code === '23505') return typeof e.constraint === 'string' ? e.constraint : '';
  }
  return undefined;
}

/**
 * Runs a write and turns a unique violation of the institution table that slipped past the check
 * (a concurrent write) into the same clear 409 the check gives.
 * @throws AppError DUPLICATE (409)
 */
export async function withInstitutionDuplicates<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    const c = violatedUniqueConstraint(err);
    if (c === 'institution_township_name_uq') throw new AppError('DUPLICATE', '该乡镇已有同名机构', [{ path: 'name', message: '该乡镇已有同名机构' }]);
    if (c === 'institution_credit_code_uq') throw new AppError('DUPLICATE', '统一社会信用代码已被其他机构使用', [{ path: 'creditCode', message: '统一社会信用代码已被其他机构使用' }]);
    throw err;
  }
}

/**
 * Creates an institution (permission `institution.manage`; county roles anywhere in the county,
 * a township officer only in their own township), with its audit row in the same transaction.
 * @param input validated InstitutionInputSchema output
 * @returns the new institution as the actor sees it
 * @throws AppError FORBIDDEN (no permission / other township), VALIDATION_FAILED (unknown township),
 *   DUPLICATE 409 (same name in the township, or credit code already used)
 */
export async function createInstitution(db: Db, actor: Actor, input: InstitutionValues, now: Date, requestId?: string): Promise<Institution> {
  requirePermission(actor, 'institution.manage');
  const id = await withInstitutionDuplicates(() =>
    db.transaction(async (tx) => {
      const tw = await checkTargetTownship(tx, actor, input.townshipId);
      await assertNoCollision(tx, actor, { townshipId: tw.id, townshipName: tw.name, name: input.name, creditCode: input.creditCode });
      const row = await insertInstitution(tx, { ...input, createdAt: now, updatedAt: now });
      await writeAudit(tx, actor, { action: 'institution.create', entityType: 'institution', entityId: row.id, summary: `新增机构「${row.name}」（${tw.name}）`, after: row }, requestId);
      return row.id;
    }),
  );
  return getInstitution(db, actor, id);
}

/** Fields of a patch whose value differs from the row, with the new values. */
function changedFields(row: InstitutionRow, patch: Partial<InstitutionValues>): Partial<InstitutionInsert> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    const cur = row[k as keyof InstitutionRow];
    if (k === 'nonAmbulatoryPct' ? Number(cur) !== Number(v) : cur !== v) out[k] = v;
  }
  return out as Partial<InstitutionInsert>;
}

/**
 * Updates an institution in the actor's scope (permission `institution.manage`). Only the given
 * fields change; a patch that changes nothing returns the record untouched (no audit row). Moving it
 * to another township (inside the actor's scope) also moves its hazards, inspections and
 * institution-officer accounts, whose township is denormalised for scope filters. The audit row holds
 * the before/after of the changed fields.
 * @throws AppError NOT_FOUND (missing / out of scope), FORBIDDEN (target township out of scope),
 *   VALIDATION_FAILED (empty patch, unknown township), DUPLICATE 409
 */
export async function updateInstitution(db: Db, actor: Actor, id: string, patch: Partial<InstitutionValues>, now: Date, requestId?: string): Promise<Institution> {
  requirePermission(actor, 'institution.manage');
  if (Object.values(patch).every((v) => v === undefined)) throw invalidField('', '没有需要修改的内容');
  await withInstitutionDuplicates(() =>
    db.transaction(async (tx) => {
      const row = await lockInstitutionInScope(tx, actor, id);
      if (!row) throw notFound();
      const changes = changedFields(row, patch);
      if (Object.keys(changes).length === 0) return;
      const tw = await checkTargetTownship(tx, actor, changes.townshipId ?? row.townshipId);
      if (changes.townshipId !== undefined || changes.name !== undefined || changes.creditCode !== undefined) {
        await assertNoCollision(tx, actor, { townshipId: tw.id, townshipName: tw.name, name: changes.name ?? row.name, creditCode: changes.creditCode === undefined ? row.creditCode : changes.creditCode }, row.id);
      }
      await updateInstitutionRow(tx, row.id, { ...changes, updatedAt: now });
      if (changes.townshipId !== undefined) await moveInstitutionRecords(tx, row.id, changes.townshipId);
      const before = Object.fromEntries(Object.keys(changes).map((k) => [k, row[k as keyof InstitutionRow]]));
      const labels = Object.keys(changes).map((k) => INSTITUTION_FIELD_LABELS[k as keyof InstitutionValues]).join('、');
      await writeAudit(tx, actor, { action: 'institution.update', entityType: 'institution', entityId: row.id, summary: `修改机构「${row.name}」：${labels}`, before, after: changes }, requestId);
    }),
  );
  return getInstitution(db, actor, id);
}
