import { createReadStream, type ReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { eq, or } from 'drizzle-orm';
import { exposureCase, exposurePublicationLog, hazard, institution, publicReport, type Db, type DbOrTx, type Tx } from '@lifeline/db';
import {
  REPORT_CATEGORIES,
  local,
  t,
  type ExposureDetail,
  type ExposureRedactPreviewResult,
  type ExposureSource,
  type ExposureStatus,
  type ExposureStep,
  type ExposureSummary,
  type PublicExposureItem,
  type ReportCategory,
} from '@lifeline/shared';
import { decryptContact } from '../../lib/contact-crypto.ts';
import { AppError, invalidField, notFound } from '../../lib/app-error.ts';
import { writeAudit } from '../../plugins/audit.ts';
import { requirePermission, type Actor } from '../../policies/index.ts';
import { exposureAbilities, requireExposureView, STEP_PERMISSION } from './exposure.policy.ts';
import { addHits, noHits, redactText, type RedactionContext, type RedactionHits, type RedactionMasks } from './exposure.redact.ts';
import {
  REPORT_TRUE_VERDICTS,
  REPORT_VERIFIED_STATUSES,
  findAttachments,
  findCandidatePhotos,
  findCase,
  findCaseHistory,
  findCases,
  findHazardActorNames,
  findHazardSource,
  findHazardSources,
  findLiveCaseOfSource,
  findPublicationLog,
  findPublishedCases,
  findReportHazardId,
  findReportSource,
  findReportSources,
  lockCase,
  type CaseRow,
} from './exposure.repo.ts';
import { EXPOSURE_NOTE_REQUIRED, isEditable, nextExposureStatus } from './exposure.workflow.ts';

/** The redaction placeholders from the catalogue. */
const masks = (): RedactionMasks => ({
  id_card: t('exposure.mask.id_card'),
  mobile: t('exposure.mask.mobile'),
  landline: t('exposure.mask.landline'),
  name: t('exposure.mask.name'),
  institution: t('exposure.mask.institution'),
});

/** 「2026年5月3日」 in Asia/Shanghai. */
const chineseDate = (d: Date) => local(d).format('YYYY年M月D日');

/** Hazard category → the public exposure vocabulary (REPORT_CATEGORIES); the editor may change it. */
const HAZARD_TO_EXPOSURE_CATEGORY: Record<string, ReportCategory> = {
  life_passage: 'blocked_escape_route',
  fire_facility: 'fire_facility',
  electrical: 'electrical_charging',
};

/**
 * The name a case shows to the public: the institution's name when the case shows it; otherwise
 * 「某养老机构（浔中镇）」 from the institution type and township; for a report about a place that
 * is no institution 「某场所（浔中镇）」.
 * @param inst the institution (null for a described place)
 * @param townshipName the township of the institution, or the one the report was assigned to
 */
export function exposureDisplayName(inst: { name: string; type: string } | null, townshipName: string | null, show: boolean): string {
  if (inst && show) return inst.name;
  if (inst) {
    const type = t(`institutionType.${inst.type}`);
    return townshipName ? t('exposure.display.hidden', { type, township: townshipName }) : t('exposure.display.hiddenNoTownship', { type });
  }
  return townshipName ? t('exposure.display.place', { township: townshipName }) : t('exposure.display.placeNoTownship');
}

/** What the redaction of a case needs: its institution (name, type, people) and the staff who acted on its hazard. */
interface CaseContext {
  inst: { name: string; type: string; personInCharge: string; safetyOfficer: string } | null;
  knownNames: string[];
}

async function loadCaseContext(db: DbOrTx, c: { institutionId: string | null; reportId: string | null; hazardId: string | null }, secret?: Buffer): Promise<CaseContext> {
  const [inst] = c.institutionId
    ? await db.select({ name: institution.name, type: institution.type, personInCharge: institution.personInCharge, safetyOfficer: institution.safetyOfficer }).from(institution).where(eq(institution.id, c.institutionId))
    : [];
  const hazardId = c.hazardId ?? (c.reportId ? await findReportHazardId(db, c.reportId) : null);
  const names = hazardId ? await findHazardActorNames(db, hazardId) : [];
  const [h] = hazardId ? await db.select({ responsiblePerson: hazard.responsiblePerson }).from(hazard).where(eq(hazard.id, hazardId)) : [];
  // the reporters' own name and phone (of the report, and of reports linked to the hazard): read
  // from their encrypted contact only to mask them, never shown or stored in the case
  const reporters: string[] = [];
  if (secret) {
    const conds = [c.reportId ? eq(publicReport.id, c.reportId) : undefined, hazardId ? eq(publicReport.hazardId, hazardId) : undefined].filter((x) => x !== undefined);
    const rows = conds.length ? await db.select({ contact: publicReport.contactCiphertext }).from(publicReport).where(or(...conds)) : [];
    for (const r of rows) {
      if (!r.contact) continue;
      try {
        const who = decryptContact(secret, r.contact);
        reporters.push(who.name, who.phone);
      } catch {
        // a contact this key cannot read: nothing to mask with it
      }
    }
  }
  return {
    inst: inst ?? null,
    knownNames: [...reporters, ...names, ...(inst ? [inst.personInCharge, inst.safetyOfficer] : []), ...(h ? [h.responsiblePerson] : [])].filter(Boolean),
  };
}

/** Redacts a case's three texts in one go. */
function redactCase(texts: { title: string; body: string; outcome: string }, cx: CaseContext, show: boolean) {
  const ctx: RedactionContext = { knownNames: cx.knownNames, institutionName: cx.inst?.name ?? null, hideInstitution: !show };
  const m = masks();
  const title = redactText(texts.title, m, ctx);
  const body = redactText(texts.body, m, ctx);
  const outcome = redactText(texts.outcome, m, ctx);
  return { title: title.text, body: body.text, outcome: outcome.text, hits: addHits(addHits(title.hits, body.hits), outcome.hits) as RedactionHits };
}

/** The outcome line of a hazard: closed on a date, or still being rectified. */
function hazardOutcome(h: { status: string; closedAt: Date | null }): string {
  if (h.status === 'closed' && h.closedAt) return t('exposure.outcome.hazardClosed', { date: chineseDate(h.closedAt) });
  return t('exposure.outcome.hazardOpen', { status: t(`hazardStatus.${h.status}`) });
}

/** Input of {@link createExposureCase}: exactly one source. */
export interface ExposureCreateInput {
  reportId?: string | undefined;
  hazardId?: string | undefined;
}

/**
 * Prepares a draft case (曝光台) from a verified report or a closed hazard, in one transaction with
 * its audit row. The draft is prefilled without personal data: no reporter identity (the report's
 * encrypted contact is never read), no staff names, and the redaction pass (exposure.redact.ts) over
 * every text; the institution is hidden by default (「某养老机构（浔中镇）」); no photo is picked
 * yet (the editor reviews the source's photos and picks).
 * @throws AppError NOT_FOUND (unknown source), ILLEGAL_TRANSITION 409 (report not 属实/部分属实,
 *   hazard not 已销号), DUPLICATE 409 (the source already has a case that is not withdrawn)
 * @returns the new case's id
 */
export async function createExposureCase(db: Db | Tx, actor: Actor, input: ExposureCreateInput, now: Date, requestId?: string, secret?: Buffer): Promise<string> {
  requirePermission(actor, 'exposure.manage');
  return db.transaction(async (tx) => {
    let values: Omit<typeof exposureCase.$inferInsert, 'createdById' | 'createdAt' | 'updatedAt'>;
    let hits: RedactionHits = noHits();
    if (input.reportId) {
      // lock the source so that two editors cannot both make its case
      const [locked] = await tx.select({ id: publicReport.id }).from(publicReport).where(eq(publicReport.id, input.reportId)).for('update');
      const src = locked ? await findReportSource(tx, input.reportId) : undefined;
      if (!src) throw notFound();
      const r = src.r;
      if (!(REPORT_VERIFIED_STATUSES as readonly string[]).includes(r.status) || !r.verdict || !(REPORT_TRUE_VERDICTS as readonly string[]).includes(r.verdict)) {
        throw new AppError('ILLEGAL_TRANSITION', t('exposure.error.reportNotVerified'), { status: r.status, verdict: r.verdict });
      }
      if (await findLiveCaseOfSource(tx, { reportId: r.id })) throw new AppError('DUPLICATE', t('exposure.error.duplicate'));
      const cx = await loadCaseContext(tx, { institutionId: r.institutionId, reportId: r.id, hazardId: null }, secret);
      const [linked] = r.hazardId ? await tx.select({ status: hazard.status, closedAt: hazard.closedAt }).from(hazard).where(eq(hazard.id, r.hazardId)) : [];
      const category: ReportCategory = (REPORT_CATEGORIES as readonly string[]).includes(r.category) ? (r.category as ReportCategory) : 'other_violation';
      const displayName = exposureDisplayName(src.inst?.id ? src.inst : null, src.townshipName, false);
      const verdict = t(`reportVerdict.${r.verdict}`);
      const draft = redactCase(
        {
          title: t('exposure.prefill.reportTitle', { place: displayName, category: t(`reportCategory.${category}`) }),
          body: [t('exposure.prefill.reportBody', { description: r.description.trim() }), t('exposure.prefill.reportVerdict', { verdict, note: r.verdictNote.trim() }).trim()].join('\n\n'),
          outcome: linked ? hazardOutcome(linked) : t('exposure.outcome.verified', { verdict }),
        },
        cx,
        false,
      );
      hits = draft.hits;
      values = { reportId: r.id, hazardId: null, institutionId: r.institutionId, title: draft.title.slice(0, 100), body: draft.body.slice(0, 4000), outcome: draft.outcome.slice(0, 1000), category, showInstitutionName: false, displayName, photoIds: [] };
    } else {
      const [locked] = await tx.select({ id: hazard.id }).from(hazard).where(eq(hazard.id, input.hazardId!)).for('update');
      const src = locked ? await findHazardSource(tx, input.hazardId!) : undefined;
      if (!src) throw notFound();
      const h = src.h;
      if (h.status !== 'closed') throw new AppError('ILLEGAL_TRANSITION', t('exposure.error.hazardNotClosed'), { status: h.status });
      if (await findLiveCaseOfSource(tx, { hazardId: h.id })) throw new AppError('DUPLICATE', t('exposure.error.duplicate'));
      const cx = await loadCaseContext(tx, { institutionId: h.institutionId, reportId: null, hazardId: h.id }, secret);
      const category = HAZARD_TO_EXPOSURE_CATEGORY[h.category] ?? (h.level === 'major' ? 'other_major' : 'other_violation');
      const displayName = exposureDisplayName(src.inst, src.townshipName, false);
      const body = [
        (h.location.trim() ? t('exposure.prefill.hazardLocation', { location: h.location.trim() }) : '') + t('exposure.prefill.hazardDescription', { description: h.description.trim() }),
        h.rectificationMeasures.trim() ? t('exposure.prefill.hazardMeasures', { measures: h.rectificationMeasures.trim() }) : '',
      ]
        .filter((s) => s.trim())
        .join('\n\n');
      const draft = redactCase({ title: h.title, body: body || h.title, outcome: hazardOutcome(h) }, cx, false);
      hits = draft.hits;
      values = { reportId: null, hazardId: h.id, institutionId: h.institutionId, title: draft.title.slice(0, 100), body: draft.body.slice(0, 4000), outcome: draft.outcome.slice(0, 1000), category, showInstitutionName: false, displayName, photoIds: [] };
    }
    const [row] = await tx.insert(exposureCase).values({ ...values, createdById: actor.id, createdAt: now, updatedAt: now }).returning();
    const c = row!;
    await writeAudit(
      tx,
      actor,
      {
        action: 'exposure.create',
        entityType: 'exposure_case',
        entityId: c.id,
        summary: `${t('exposure.action.exposure.create')}：${c.title}`,
        after: { ...c, redactions: hits },
      },
      requestId,
    );
    return c.id;
  });
}

/** Fields a draft may change. */
export interface ExposurePatchInput {
  title?: string | undefined;
  body?: string | undefined;
  category?: ReportCategory | undefined;
  showInstitutionName?: boolean | undefined;
  photoIds?: string[] | undefined;
  outcome?: string | undefined;
}

/**
 * Edits a draft: text, category, the institution-name policy and the picked photos. The texts are
 * run through the redaction pass again (so nothing personal can be typed back in, and hiding the
 * institution also masks its name in the text); the display name follows the policy; picked photos
 * must be photos of the source.
 * @throws AppError NOT_FOUND, ILLEGAL_TRANSITION 409 (not a draft), VALIDATION_FAILED 400 (a photo
 *   not of the source; nothing to change)
 */
export async function updateExposureCase(db: Db | Tx, actor: Actor, id: string, patch: ExposurePatchInput, now: Date, requestId?: string, secret?: Buffer) {
  requirePermission(actor, 'exposure.manage');
  return db.transaction(async (tx) => {
    const c = await lockCase(tx, id);
    if (!c) throw notFound();
    if (!isEditable(c.status)) throw new AppError('ILLEGAL_TRANSITION', t('exposure.error.illegal', { status: t(`exposure.status.${c.status}`), step: t('exposure.action.exposure.update') }), { status: c.status });
    if (Object.values(patch).every((v) => v === undefined)) throw invalidField('', t('exposure.error.noChange'));
    if (patch.photoIds) {
      const candidates = new Set((await candidatesOf(tx, c)).map((p) => p.a.id));
      const bad = patch.photoIds.findIndex((p) => !candidates.has(p));
      if (bad >= 0) throw invalidField(`photoIds.${bad}`, t('exposure.error.photoNotCandidate'));
    }
    const show = patch.showInstitutionName ?? c.showInstitutionName;
    const cx = await loadCaseContext(tx, c, secret);
    const texts = redactCase({ title: patch.title ?? c.title, body: patch.body ?? c.body, outcome: patch.outcome ?? c.outcome }, cx, show);
    const named = await findCase(tx, id);
    const changes = {
      title: texts.title,
      body: texts.body,
      outcome: texts.outcome,
      category: patch.category ?? (c.category as ReportCategory),
      showInstitutionName: show,
      displayName: exposureDisplayName(cx.inst, named?.townshipName ?? null, show),
      photoIds: patch.photoIds ? [...new Set(patch.photoIds)] : c.photoIds,
    };
    const before = Object.fromEntries(Object.keys(changes).map((k) => [k, c[k as keyof typeof c]]));
    const [updated] = await tx.update(exposureCase).set({ ...changes, updatedAt: now }).where(eq(exposureCase.id, id)).returning();
    await writeAudit(tx, actor, { action: 'exposure.update', entityType: 'exposure_case', entityId: id, summary: `${t('exposure.action.exposure.update')}：${updated!.title}`, before, after: { ...changes, redactions: texts.hits } }, requestId);
    return updated!;
  });
}

/** The photos the case may publish (see findCandidatePhotos): the source's, and a report's linked hazard's. */
async function candidatesOf(db: DbOrTx, c: { reportId: string | null; hazardId: string | null }) {
  const hazardId = c.hazardId ?? (c.reportId ? await findReportHazardId(db, c.reportId) : null);
  return findCandidatePhotos(db, { reportId: c.reportId, hazardId });
}

/** The case as the public sees it, frozen into the publication log. */
function snapshotOf(c: typeof exposureCase.$inferSelect, townshipName: string | null): Record<string, unknown> {
  return {
    title: c.title,
    body: c.body,
    category: c.category,
    showInstitutionName: c.showInstitutionName,
    displayName: c.displayName,
    townshipName,
    outcome: c.outcome,
    photoIds: c.photoIds,
    publishedAt: c.publishedAt?.toISOString() ?? null,
  };
}

/**
 * Takes one step of the exposure workflow in one transaction: lock → permission → transition →
 * update → publication log (approve, withdraw) → audit.
 * - submit (draft → pending_approval): `exposure.manage`;
 * - approve (pending → published): `exposure.approve` (county leader), never on one's own case;
 *   sets approvedBy/At and publishedAt and logs the snapshot as published;
 * - return (pending → draft): `exposure.approve`, note required;
 * - withdraw (published → withdrawn): `exposure.manage`, reason required; logs what was public.
 * @throws AppError NOT_FOUND, FORBIDDEN (permission; approving one's own case), ILLEGAL_TRANSITION
 *   409 (wrong status), VALIDATION_FAILED 400 (missing note)
 */
export async function takeExposureStep(db: Db | Tx, actor: Actor, id: string, step: ExposureStep, note: string, now: Date, requestId?: string) {
  requirePermission(actor, STEP_PERMISSION[step]);
  return db.transaction(async (tx) => {
    const c = await lockCase(tx, id);
    if (!c) throw notFound();
    const to = nextExposureStatus(c.status, step);
    if (!to) throw new AppError('ILLEGAL_TRANSITION', t('exposure.error.illegal', { status: t(`exposure.status.${c.status}`), step: t(`exposure.step.${step}`) }), { status: c.status, step });
    if (EXPOSURE_NOTE_REQUIRED.has(step) && !note.trim()) throw invalidField('note', t('exposure.error.noteRequired'));
    if (step === 'approve' && c.createdById === actor.id) throw new AppError('FORBIDDEN', t('exposure.error.ownCase'));
    let photoIds = c.photoIds;
    if (step === 'approve') {
      // a photo whose source record lost it since it was picked is not published
      const candidates = new Set((await candidatesOf(tx, c)).map((p) => p.a.id));
      photoIds = c.photoIds.filter((p) => candidates.has(p));
    }
    const [updated] = await tx
      .update(exposureCase)
      .set({
        status: to,
        updatedAt: now,
        photoIds,
        ...(step === 'approve' ? { approvedById: actor.id, approvedAt: now, publishedAt: now } : {}),
      })
      .where(eq(exposureCase.id, id))
      .returning();
    const u = updated!;
    if (step === 'approve' || step === 'withdraw') {
      const named = await findCase(tx, id);
      await tx.insert(exposurePublicationLog).values({
        caseId: id,
        action: step === 'approve' ? 'publish' : 'withdraw',
        snapshot: snapshotOf(u, named?.townshipName ?? null),
        actorId: actor.id,
        at: now,
        note: note.trim(),
      });
    }
    await writeAudit(
      tx,
      actor,
      {
        action: `exposure.${step}`,
        entityType: 'exposure_case',
        entityId: id,
        summary: `${u.title}：${t(`exposure.status.${c.status}`)} → ${t(`exposure.status.${to}`)}${note.trim() ? `（${note.trim().slice(0, 60)}）` : ''}`,
        before: { status: c.status },
        after: { status: to, note: note.trim() },
      },
      requestId,
    );
    return u;
  });
}

/** Row → summary DTO (staff). */
function toSummary(r: CaseRow): ExposureSummary {
  const c = r.c;
  return {
    id: c.id,
    title: c.title,
    category: c.category as ReportCategory,
    status: c.status,
    showInstitutionName: c.showInstitutionName,
    displayName: c.displayName,
    institutionName: r.institutionName,
    townshipName: r.townshipName,
    source: c.reportId || r.reportSerialNo
      ? { kind: 'report', id: c.reportId, ref: r.reportSerialNo }
      : c.hazardId || r.hazardCode
        ? { kind: 'hazard', id: c.hazardId, ref: r.hazardCode }
        : { kind: 'hazard', id: null, ref: null },
    createdByName: r.createdByName,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    publishedAt: c.publishedAt?.toISOString() ?? null,
  };
}

/** Staff URL of a source photo of a case. */
export const exposureStaffPhotoUrl = (caseId: string, attachmentId: string) => `/api/exposure-cases/${caseId}/photos/${attachmentId}`;
/** Public URL of a published photo of a case. */
export const exposurePublicPhotoUrl = (caseId: string, attachmentId: string) => `/api/public/exposure/${caseId}/photos/${attachmentId}`;

/**
 * A case for staff: text, the real institution name, the source's photos with which are picked,
 * the history (from the audit trail) with the last return note, the permanent publication log and
 * the actor's abilities.
 * @throws AppError FORBIDDEN (not exposure staff or leader), NOT_FOUND
 */
export async function getExposureDetail(db: DbOrTx, actor: Actor, id: string): Promise<ExposureDetail> {
  requireExposureView(actor);
  const r = await findCase(db, id);
  if (!r) throw notFound();
  const c = r.c;
  const picked = new Set(c.photoIds);
  const candidates = await candidatesOf(db, c);
  const history = await findCaseHistory(db, id);
  const log = await findPublicationLog(db, id);
  const noteOf = (after: unknown) => (after && typeof after === 'object' && 'note' in after && typeof (after as { note: unknown }).note === 'string' ? (after as { note: string }).note : '');
  const lastReturn = [...history].reverse().find((h) => h.action === 'exposure.return');
  return {
    ...toSummary(r),
    body: c.body,
    outcome: c.outcome,
    photoIds: c.photoIds,
    candidatePhotos: candidates.map(({ a, origin }) => ({ id: a.id, origin, url: exposureStaffPhotoUrl(id, a.id), width: a.width, height: a.height, picked: picked.has(a.id) })),
    approvedByName: r.approvedByName,
    approvedAt: c.approvedAt?.toISOString() ?? null,
    returnNote: c.status === 'draft' && lastReturn ? noteOf(lastReturn.after) : null,
    history: history.map((h) => ({ action: h.action, at: h.at.toISOString(), actorName: h.actorName, note: noteOf(h.after) })),
    publicationLog: log.map(({ l, actorName }) => ({ id: l.id, action: l.action, at: l.at.toISOString(), actorName, note: l.note, snapshot: l.snapshot })),
    abilities: exposureAbilities(actor, c),
  };
}

/**
 * A page of cases for staff, optionally of one status, most recently changed first.
 * @throws AppError FORBIDDEN
 */
export async function listExposureCases(db: DbOrTx, actor: Actor, q: { status?: ExposureStatus | undefined; page: number; pageSize: number }) {
  requireExposureView(actor);
  const { rows, total } = await findCases(db, q, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: rows.map(toSummary), total, page: q.page, pageSize: q.pageSize };
}

/** Most rows the source pickers show (narrow them with `q`). */
export const SOURCE_PICKER_LIMIT = 50;

/**
 * Eligible sources for a new case: verified (属实/部分属实) reports, or closed hazards, newest first,
 * with whether a live case exists already. Only staff who prepare cases (`exposure.manage`).
 */
export async function listExposureSources(db: DbOrTx, actor: Actor, q: { kind: 'report' | 'hazard'; q?: string | undefined }): Promise<{ items: ExposureSource[] }> {
  requirePermission(actor, 'exposure.manage');
  if (q.kind === 'report') {
    const rows = await findReportSources(db, q.q, SOURCE_PICKER_LIMIT);
    return {
      items: rows.map((r) => ({ kind: 'report', id: r.id, ref: r.ref, title: r.institutionName ?? r.placeText, category: r.category, institutionName: r.institutionName, townshipName: r.townshipName, at: r.at?.toISOString() ?? null, hasCase: r.caseId !== null })),
    };
  }
  const rows = await findHazardSources(db, q.q, SOURCE_PICKER_LIMIT);
  return {
    items: rows.map((r) => ({ kind: 'hazard', id: r.id, ref: r.ref, title: r.title, category: r.category, institutionName: r.institutionName, townshipName: r.townshipName, at: r.at?.toISOString() ?? null, hasCase: r.caseId !== null })),
  };
}

/**
 * What the redaction pass would make of the editor's text for this case (脱敏预览), without saving:
 * the masked texts and how many of each kind were masked.
 * @throws AppError FORBIDDEN, NOT_FOUND
 */
export async function previewExposureRedaction(db: DbOrTx, actor: Actor, id: string, input: { title: string; body: string; outcome: string; showInstitutionName: boolean }, secret?: Buffer): Promise<ExposureRedactPreviewResult> {
  requirePermission(actor, 'exposure.manage');
  const [c] = await db.select().from(exposureCase).where(eq(exposureCase.id, id));
  if (!c) throw notFound();
  const cx = await loadCaseContext(db, c, secret);
  return redactCase(input, cx, input.showInstitutionName);
}

/** An image file to stream. */
export interface PhotoFile {
  mime: string;
  size: number;
  stream: ReadStream;
}

async function openFile(uploadsDir: string, a: { storageKey: string; mime: string }): Promise<PhotoFile> {
  const file = path.join(uploadsDir, a.storageKey);
  const size = await stat(file).then((s) => s.size, () => null);
  if (size === null) throw notFound();
  return { mime: a.mime, size, stream: createReadStream(file) };
}

/**
 * A source photo of a case, for staff reviewing it (any candidate, picked or not).
 * @throws AppError FORBIDDEN, NOT_FOUND (unknown case, or not a photo of its source)
 */
export async function openExposureCandidatePhoto(db: DbOrTx, uploadsDir: string, actor: Actor, id: string, attachmentId: string): Promise<PhotoFile> {
  requireExposureView(actor);
  const [c] = await db.select().from(exposureCase).where(eq(exposureCase.id, id));
  if (!c) throw notFound();
  const hit = (await candidatesOf(db, c)).find((p) => p.a.id === attachmentId);
  if (!hit) throw notFound();
  return openFile(uploadsDir, hit.a);
}

/** Published row → public DTO: only what the case publishes (no staff, reporter, source or real hidden name). */
async function toPublicItems(db: DbOrTx, rows: CaseRow[]): Promise<PublicExposureItem[]> {
  const atts = new Map((await findAttachments(db, rows.flatMap((r) => r.c.photoIds))).map((a) => [a.id, a]));
  return rows.map(({ c, townshipName }) => ({
    id: c.id,
    title: c.title,
    body: c.body,
    category: c.category as ReportCategory,
    displayName: c.displayName,
    townshipName,
    outcome: c.outcome,
    publishedAt: c.publishedAt!.toISOString(),
    photos: c.photoIds.flatMap((pid) => {
      const a = atts.get(pid);
      return a ? [{ id: pid, url: exposurePublicPhotoUrl(c.id, pid), width: a.width, height: a.height }] : [];
    }),
  }));
}

/**
 * The public exposure board: published cases, newest published first, one page at a time.
 * @param page 1-based
 */
export async function listPublicExposure(db: DbOrTx, q: { page: number; pageSize: number }) {
  const { rows, total } = await findPublishedCases(db, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: await toPublicItems(db, rows), total, page: q.page, pageSize: q.pageSize };
}

/**
 * One published case for the public.
 * @throws AppError NOT_FOUND unless published (drafts, pending and withdrawn cases look missing)
 */
export async function getPublicExposure(db: DbOrTx, id: string): Promise<PublicExposureItem> {
  const r = await findCase(db, id);
  if (!r || r.c.status !== 'published') throw notFound();
  return (await toPublicItems(db, [r]))[0]!;
}

/**
 * A picked photo of a published case, for the public.
 * @throws AppError NOT_FOUND unless the case is published and the photo is one it picked — one
 *   answer for every other case (unpublished case, unpicked photo, unknown ids, missing file)
 */
export async function openPublicExposurePhoto(db: DbOrTx, uploadsDir: string, id: string, attachmentId: string): Promise<PhotoFile> {
  const [c] = await db.select({ status: exposureCase.status, photoIds: exposureCase.photoIds }).from(exposureCase).where(eq(exposureCase.id, id));
  if (!c || c.status !== 'published' || !c.photoIds.includes(attachmentId)) throw notFound();
  const [a] = await findAttachments(db, [attachmentId]);
  if (!a || !a.mime.startsWith('image/')) throw notFound();
  return openFile(uploadsDir, a);
}
