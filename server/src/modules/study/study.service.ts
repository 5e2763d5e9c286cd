import { and, asc, eq } from 'drizzle-orm';
import { attachment, institution, studySession, township, type DbOrTx } from '@lifeline/db';
import {
  ROLE_SCOPE,
  STUDY_KINDS,
  localDate,
  local,
  t,
  type RegulationCode,
  type StudyCoverage,
  type StudyCoverageItem,
  type StudyFilter,
  type StudyKind,
  type StudyLevel,
  type StudySession,
  type StudySessionDetail,
} from '@lifeline/shared';
import { forbidden, invalidField, notFound } from '../../lib/app-error.ts';
import { writeAudit } from '../../plugins/audit.ts';
import { canActOnInstitution, canRecordStudyAt, canSeeTownship, requirePermission, studyAbilities, type Actor } from '../../policies/index.ts';
import { bindAttachments, toAttachmentDto } from '../uploads/uploads.service.ts';
import { coverageInstitutions, findStudySession, findStudySessions, institutionSessions, lockStudySession, studyCounts, type StudyRow } from './study.repo.ts';

/**
 * 学习宣传 / 安全培训 (issue 4 part 3): records of the study and training activities the county
 * notice asks for — 专题研讨, 集中宣讲, 辅导报告, 安全生产大家谈, 班前会, 以案普法, 警示教育片,
 * 全民安全公开课 (notice 一), the 专题学习 of the major-hazard criteria and the regulations it lists
 * (notice 三) — held by the county, a township or an institution; and the training coverage of
 * each institution's staff on the major-hazard criteria.
 */

/** The regulation whose study the coverage counts (《养老机构重大事故隐患判定标准》). */
export const CRITERIA_REGULATION: RegulationCode = 'major_hazard_criteria';

/** What a create carries after validation. */
export interface StudySessionValues {
  level?: StudyLevel | undefined;
  institutionId?: string | null | undefined;
  townshipId?: string | null | undefined;
  kind: StudyKind;
  heldOn: string;
  organiser: string;
  topic: string;
  regulations: RegulationCode[];
  participantCount: number;
  participantNames: string[];
  notes: string;
  photoIds: string[];
}

/** Row → DTO with the actor's abilities. */
function toStudyDto(actor: Actor, r: StudyRow): StudySession {
  const s = r.s;
  return {
    id: s.id,
    level: s.level,
    townshipId: s.townshipId,
    townshipName: r.townshipName,
    institutionId: s.institutionId,
    institutionName: r.institutionName,
    unitName: s.level === 'county' ? t('study.level.county') : s.level === 'township' ? (r.townshipName ?? '') : (r.institutionName ?? ''),
    kind: s.kind as StudyKind,
    heldOn: s.heldOn,
    organiser: s.organiser,
    topic: s.topic,
    regulations: s.regulations as RegulationCode[],
    participantCount: s.participantCount,
    participantNames: s.participantNames,
    notes: s.notes,
    createdByName: r.createdByName,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
    abilities: studyAbilities(actor, s),
  };
}

/** Checks that hold on create and update: not in the future; named people ≤ the head count. */
function checkFacts(v: { heldOn: string; participantCount: number; participantNames: string[] }, now: Date) {
  if (v.heldOn > localDate(now)) throw invalidField('heldOn', '活动日期不能晚于今天（只登记已经开展的活动）');
  if (v.participantNames.length > v.participantCount) throw invalidField('participantCount', `参加人数不能少于名单中的 ${v.participantNames.length} 人`);
}

/**
 * Where a new session belongs. The level is the one given, else follows from the unit given, else
 * from the actor (county roles → county, township officer → their township, institution officer →
 * their institution).
 * @throws AppError NOT_FOUND (unit unknown or out of scope); FORBIDDEN (level not the actor's);
 *   VALIDATION_FAILED (no unit for the level)
 */
async function resolveUnit(tx: DbOrTx, actor: Actor, v: StudySessionValues): Promise<{ level: StudyLevel; townshipId: string | null; institutionId: string | null; unitName: string }> {
  const scope = ROLE_SCOPE[actor.role];
  const level: StudyLevel = v.level ?? (v.institutionId ? 'institution' : v.townshipId ? 'township' : scope);
  let unit: { level: StudyLevel; townshipId: string | null; institutionId: string | null; unitName: string };
  if (level === 'institution') {
    const id = v.institutionId ?? actor.institutionId;
    if (!id) throw invalidField('institutionId', '请选择机构');
    const [inst] = await tx.select().from(institution).where(eq(institution.id, id));
    if (!inst || !canActOnInstitution(actor, inst)) throw notFound('机构不存在或不在您的管辖范围内');
    unit = { level, townshipId: inst.townshipId, institutionId: inst.id, unitName: inst.name };
  } else if (level === 'township') {
    const id = v.townshipId ?? actor.townshipId;
    if (!id) throw invalidField('townshipId', '请选择乡镇');
    const [tw] = await tx.select().from(township).where(eq(township.id, id));
    if (!tw || !canSeeTownship(actor, tw.id)) throw notFound('乡镇不存在或不在您的管辖范围内');
    unit = { level, townshipId: tw.id, institutionId: null, unitName: tw.name };
  } else {
    unit = { level, townshipId: null, institutionId: null, unitName: t('study.level.county') };
  }
  if (!canRecordStudyAt(actor, unit)) {
    throw forbidden(scope === 'county' ? '县局账号登记县级学习培训活动' : scope === 'township' ? '乡镇账号登记本乡镇或辖区机构的活动' : '机构账号只能登记本机构的活动');
  }
  return unit;
}

/**
 * Records a study/training session that was held (not in the future), with its photos and
 * materials (uploads of the actor). Audited.
 * @returns the new session's id
 * @throws AppError FORBIDDEN; NOT_FOUND (unit out of scope); VALIDATION_FAILED (date in the future,
 *   fewer participants than names, bad files)
 */
export async function recordStudySession(tx: DbOrTx, actor: Actor, v: StudySessionValues, now: Date, requestId?: string): Promise<string> {
  requirePermission(actor, 'study.record');
  const unit = await resolveUnit(tx, actor, v);
  checkFacts(v, now);
  const [row] = await tx
    .insert(studySession)
    .values({
      level: unit.level,
      townshipId: unit.townshipId,
      institutionId: unit.institutionId,
      kind: v.kind,
      heldOn: v.heldOn,
      organiser: v.organiser,
      topic: v.topic,
      regulations: v.regulations,
      participantCount: v.participantCount,
      participantNames: v.participantNames,
      notes: v.notes,
      createdById: actor.id,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await bindAttachments(tx, actor, v.photoIds, 'study_session', row!.id);
  await writeAudit(
    tx,
    actor,
    { action: 'study.record', entityType: 'study_session', entityId: row!.id, summary: `${unit.unitName} ${v.heldOn} ${t(`studyKind.${v.kind}`)}「${v.topic}」${v.participantCount} 人`, after: row },
    requestId,
  );
  return row!.id;
}

/** A patch after validation (absent = unchanged). */
export type StudySessionChanges = Partial<Omit<StudySessionValues, 'level' | 'institutionId' | 'townshipId'>>;

async function loadEditable(tx: DbOrTx, actor: Actor, id: string, action: 'update' | 'delete') {
  requirePermission(actor, 'study.record');
  const s = await lockStudySession(tx, actor, id);
  if (!s) throw notFound('学习培训记录不存在或不在您的管辖范围内');
  if (!studyAbilities(actor, s)[action]) throw forbidden('只能修改、删除本级登记的学习培训记录');
  return s;
}

/**
 * Changes a session at the actor's own level (see `studyAbilities`). New `photoIds` are added.
 * @throws AppError NOT_FOUND; FORBIDDEN (another level's record); VALIDATION_FAILED
 */
export async function updateStudySession(tx: DbOrTx, actor: Actor, id: string, patch: StudySessionChanges, now: Date, requestId?: string): Promise<void> {
  const s = await loadEditable(tx, actor, id, 'update');
  const { photoIds, ...rest } = patch;
  const changes = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as Partial<typeof studySession.$inferInsert>;
  if (Object.keys(changes).length === 0 && !photoIds?.length) throw invalidField('', '没有需要修改的内容');
  checkFacts({ heldOn: changes.heldOn ?? s.heldOn, participantCount: changes.participantCount ?? s.participantCount, participantNames: changes.participantNames ?? s.participantNames }, now);
  const before = Object.fromEntries(Object.keys(changes).map((k) => [k, s[k as keyof typeof s]]));
  await tx.update(studySession).set({ ...changes, updatedAt: now }).where(eq(studySession.id, s.id));
  await bindAttachments(tx, actor, photoIds ?? [], 'study_session', s.id);
  await writeAudit(tx, actor, { action: 'study.update', entityType: 'study_session', entityId: s.id, summary: `修改学习培训记录「${changes.topic ?? s.topic}」`, before, after: { ...changes, ...(photoIds?.length ? { addedFiles: photoIds.length } : {}) } }, requestId);
}

/**
 * Deletes a session at the actor's own level. Its files stay stored but can no longer be opened
 * (their record is gone). Audited with the whole record.
 * @throws AppError NOT_FOUND; FORBIDDEN
 */
export async function deleteStudySession(tx: DbOrTx, actor: Actor, id: string, requestId?: string): Promise<void> {
  const s = await loadEditable(tx, actor, id, 'delete');
  await tx.delete(studySession).where(eq(studySession.id, s.id));
  await writeAudit(tx, actor, { action: 'study.delete', entityType: 'study_session', entityId: s.id, summary: `删除学习培训记录 ${s.heldOn}「${s.topic}」`, before: s }, requestId);
}

/**
 * One session with its files, if the actor may see it.
 * @throws AppError NOT_FOUND
 */
export async function getStudySession(db: DbOrTx, actor: Actor, id: string): Promise<StudySessionDetail> {
  requirePermission(actor, 'preparedness.read');
  const row = await findStudySession(db, actor, id);
  if (!row) throw notFound('学习培训记录不存在或不在您的管辖范围内');
  const files = await db.select().from(attachment).where(and(eq(attachment.entityType, 'study_session'), eq(attachment.entityId, id))).orderBy(asc(attachment.createdAt));
  return { ...toStudyDto(actor, row), attachments: files.map(toAttachmentDto) };
}

/** A page of the sessions the actor may see, newest first. */
export async function listStudySessions(db: DbOrTx, actor: Actor, q: Partial<StudyFilter> & { page: number; pageSize: number }) {
  requirePermission(actor, 'preparedness.read');
  const { rows, total } = await findStudySessions(db, actor, q, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: rows.map((r) => toStudyDto(actor, r)), total, page: q.page, pageSize: q.pageSize };
}

/** Every session matching the filter (for the export). */
export async function allStudySessions(db: DbOrTx, actor: Actor, f: Partial<StudyFilter>): Promise<StudySession[]> {
  requirePermission(actor, 'preparedness.read');
  const { rows } = await findStudySessions(db, actor, f);
  return rows.map((r) => toStudyDto(actor, r));
}

/**
 * How many of an institution's staff were trained on the major-hazard criteria in a year, from its
 * institution-level sessions whose regulations include `major_hazard_criteria`:
 *
 *   trained = min(staffCount, max(distinct named participants over those sessions,
 *                                 the largest participantCount of any single one of them))
 *
 * Named participants (姓名, compared after removing white space) are counted once however many
 * sessions they attended. When sessions give only a head count, the same staff may have attended
 * each, so only the largest single-session count is certain — counts are never added up. The
 * larger of the two lower bounds is taken, then capped at 在岗员工人数. When staffCount is 0 (not
 * filled in) there is no denominator: `trained` is not capped and `share` is null.
 * @param sessions the institution's criteria sessions of the year
 * @param staffCount institution.staff_count
 * @returns trained (integer) and share (0–1, or null)
 */
export function criteriaCoverage(sessions: { participantCount: number; participantNames: string[] }[], staffCount: number): { trained: number; share: number | null } {
  const names = new Set(sessions.flatMap((s) => s.participantNames.map((n) => n.replace(/\s+/g, '')).filter(Boolean)));
  const largest = sessions.reduce((m, s) => Math.max(m, s.participantCount), 0);
  const raw = Math.max(names.size, largest);
  if (staffCount <= 0) return { trained: raw, share: null };
  const trained = Math.min(staffCount, raw);
  return { trained, share: trained / staffCount };
}

/**
 * 培训覆盖率: per institution in the actor's scope (not closed; optionally of one township), its
 * staff count, the staff trained on the major-hazard criteria in the local calendar year (rule:
 * {@link criteriaCoverage}), the share, and its session counts. Institutions are listed even with
 * no session (trained 0) so that the township sees who has not trained.
 * @param q.year local calendar year (default: this year in Asia/Shanghai)
 * @throws AppError NOT_FOUND when the township is outside the actor's scope
 */
export async function getStudyCoverage(db: DbOrTx, actor: Actor, q: { year?: number | undefined; townshipId?: string | undefined }, now: Date): Promise<StudyCoverage> {
  requirePermission(actor, 'preparedness.read');
  if (q.townshipId && ROLE_SCOPE[actor.role] !== 'institution' && !canSeeTownship(actor, q.townshipId)) throw notFound('乡镇不存在或不在您的管辖范围内');
  const year = q.year ?? local(now).year();
  const insts = await coverageInstitutions(db, actor, q.townshipId);
  const sessions = await institutionSessions(db, insts.map((i) => i.id), `${year}-01-01`, `${year}-12-31`);
  const items: StudyCoverageItem[] = insts.map((i) => {
    const own = sessions.filter((s) => s.institutionId === i.id);
    const criteria = own.filter((s) => s.regulations.includes(CRITERIA_REGULATION));
    const { trained, share } = criteriaCoverage(criteria, i.staffCount);
    return { institutionId: i.id, institutionName: i.name, townshipId: i.townshipId, townshipName: i.townshipName, staffCount: i.staffCount, trained, share, sessions: own.length, criteriaSessions: criteria.length };
  });
  const withStaff = items.filter((i) => i.staffCount > 0);
  const staff = withStaff.reduce((n, i) => n + i.staffCount, 0);
  const trained = withStaff.reduce((n, i) => n + i.trained, 0);
  return {
    year,
    items,
    totals: { staffCount: staff, trained, share: staff > 0 ? trained / staff : null, institutionsWithoutTraining: items.filter((i) => i.criteriaSessions === 0).length },
  };
}

/** Study figures for dashboards and the campaign summary. */
export interface StudyStats {
  /** sessions held in the period */
  sessions: number;
  /** sum of their participant counts (person-times, 人次) */
  participants: number;
  /** sessions per kind (every kind present, 0 when none) */
  byKind: Record<StudyKind, number>;
  /** sessions that studied the major-hazard criteria */
  criteriaSessions: number;
}

/**
 * Counts the study sessions the actor may see held between two local dates (inclusive), for the
 * dashboards and the campaign summary report (活动情况总结). With `townshipId`, the township's own
 * sessions and its institutions'; with `institutionId`, that institution's; with neither, also the
 * county's own sessions.
 * @param q.from first local date `YYYY-MM-DD`; q.to last local date
 * @returns {@link StudyStats}; participants are person-times (a person at two sessions counts twice)
 */
export async function studyStats(db: DbOrTx, actor: Actor, q: { from: string; to: string; townshipId?: string | undefined; institutionId?: string | undefined }): Promise<StudyStats> {
  const rows = await studyCounts(db, actor, { from: q.from, to: q.to, townshipId: q.townshipId, institutionId: q.institutionId });
  const byKind = Object.fromEntries(STUDY_KINDS.map((k) => [k, 0])) as Record<StudyKind, number>;
  let sessions = 0;
  let participants = 0;
  let criteriaSessions = 0;
  for (const r of rows) {
    const n = Number(r.sessions);
    if (r.kind in byKind) byKind[r.kind as StudyKind] += n;
    sessions += n;
    participants += Number(r.participants);
    criteriaSessions += Number(r.criteria);
  }
  return { sessions, participants, byKind, criteriaSessions };
}

