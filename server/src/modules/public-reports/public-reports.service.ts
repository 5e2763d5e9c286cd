import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { and, eq, lt } from 'drizzle-orm';
import { fileTypeFromBuffer } from 'file-type';
import { idempotencyKey, type Db, type DbOrTx } from '@lifeline/db';
import {
  PUBLIC_REPORT_MAX_PHOTOS,
  REPORT_CATEGORIES,
  localDate,
  t,
  type PublicInstitutionList,
  type PublicReportForm,
  type PublicReportInput,
  type PublicReportReceipt,
  type PublicReportStatus,
} from '@lifeline/shared';
import type { Config } from '../../config/env.ts';
import { AppError, invalidField, notFound } from '../../lib/app-error.ts';
import { encryptContact, secretKey } from '../../lib/contact-crypto.ts';
import { runIdempotent } from '../../lib/idempotency.ts';
import { writeAudit, type AuditActor } from '../../plugins/audit.ts';
import { countyUsersWith, notifyUsers, usersOfTownship } from '../notifications/notify.ts';
import { getSetting } from '../settings/settings.service.ts';
import { sanitizePhoto } from '../uploads/uploads.service.ts';
import { consumeChallenge, issueChallenge, purgeExpiredChallenges, verifyChallenge } from './challenge.ts';
import { toPublicStatus } from './public-reports.presenter.ts';
import * as repo from './public-reports.repo.ts';
import { hashReceiptCode, newReceiptCode, sameHash } from './receipt.ts';

/**
 * Use cases of the PUBLIC side of 群众举报 (issue 5 parts 1–4): the form, the report itself, the
 * status page by receipt code, messages and the reward claim. There is no actor: the public has
 * no account. Nothing identifying a reporter is written anywhere — no address, no user agent, no
 * receipt code (only its SHA-256); a name and phone only when a reward is wanted, AES-256-GCM.
 */

export interface PublicReportDeps {
  db: Db;
  config: Config;
  now: () => Date;
}

/** Who the audit log names for what the public does (no account, no identity). */
const PUBLIC_ACTOR: AuditActor = { id: null, displayName: '群众（举报人）' };

/** Image types a report's photo may have, decided from the bytes (then re-encoded to JPEG). */
const PHOTO_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/gif', 'image/tiff']);

/** Scope of public reports' Idempotency-Key rows; the key itself is stored only as SHA-256. */
export const PUBLIC_IDEMPOTENCY_SCOPE = 'public-report';
/** Shortest Idempotency-Key the public form may send (a UUID has 36 characters). */
const PUBLIC_KEY_MIN = 32;
/** How long a public report's replay record is kept, in milliseconds (retries come within minutes). */
export const PUBLIC_REPLAY_TTL_MS = 24 * 3600_000;
/** A receipt code stops answering this many days after its report was closed. */
export const RECEIPT_VALID_DAYS_AFTER_CLOSE = 180;

const sha256 = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

/** The form: categories, the official channels (as the 2024 notice names them) and a fresh challenge. */
export function getReportForm(deps: PublicReportDeps): PublicReportForm {
  return {
    categories: REPORT_CATEGORIES.map((value) => ({ value, label: t(`reportCategory.${value}`) })),
    channels: [
      { key: 'hotline_12350', label: t('publicReports.channel.hotline_12350'), phone: '12350', description: t('publicReports.channel.hotline_12350.desc') },
      { key: 'hotline_12345', label: t('publicReports.channel.hotline_12345'), phone: '12345', description: t('publicReports.channel.hotline_12345.desc') },
      { key: 'platform', label: t('publicReports.channel.platform'), phone: null, description: t('publicReports.channel.platform.desc') },
    ],
    challenge: issueChallenge(secretKey(deps.config), deps.now()),
    limits: { maxPhotos: PUBLIC_REPORT_MAX_PHOTOS, maxPhotoMb: deps.config.UPLOAD_MAX_MB, descriptionMin: 10, descriptionMax: 2000 },
  };
}

/** Institution name search for the form: operating institutions only, name + township, at most 10. */
export async function searchInstitutions(db: DbOrTx, q: string): Promise<PublicInstitutionList> {
  return { items: await repo.searchOperatingInstitutions(db, q.trim(), 10) };
}

// --- replay of a retried report --------------------------------------------------------------

/** AES-256-GCM key that seals a report's replay record: only the holder of the raw Idempotency-Key can open it. */
const replayKey = (secret: Buffer, rawKey: string) => createHmac('sha256', secret).update(`lifeline:public-report-replay:v1:${rawKey}`).digest();

function seal(key: Buffer, value: unknown): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([c.update(JSON.stringify(value), 'utf8'), c.final()]);
  return Buffer.concat([iv, c.getAuthTag(), data]).toString('base64');
}

function unseal<T>(key: Buffer, sealed: string): T {
  const buf = Buffer.from(sealed, 'base64');
  const d = createDecipheriv('aes-256-gcm', key, buf.subarray(0, 12));
  d.setAuthTag(buf.subarray(12, 28));
  return JSON.parse(Buffer.concat([d.update(buf.subarray(28)), d.final()]).toString('utf8')) as T;
}

let lastPurge = 0;
/**
 * At most once a minute: deletes used challenges past expiry and public replay records older than
 * {@link PUBLIC_REPLAY_TTL_MS}. Best effort — a failure here never fails a report.
 */
async function purgeStale(db: Db, now: Date): Promise<void> {
  if (now.getTime() - lastPurge < 60_000) return;
  lastPurge = now.getTime();
  try {
    await purgeExpiredChallenges(db, now);
    await db.delete(idempotencyKey).where(and(eq(idempotencyKey.scope, PUBLIC_IDEMPOTENCY_SCOPE), lt(idempotencyKey.createdAt, new Date(now.getTime() - PUBLIC_REPLAY_TTL_MS))));
  } catch {
    // ignored: the next report tries again
  }
}

// --- the report ------------------------------------------------------------------------------

/**
 * Makes a public report (举报) from validated fields and up to six photos.
 *
 * Order: challenge signature/expiry/work (stateless) → institution → every photo typed by content
 * and re-encoded by {@link sanitizePhoto} in memory (EXIF/XMP/GPS/device dropped, orientation
 * applied; the original bytes are never written) → one transaction: challenge marked used, serial
 * `JB<year>-<n>`, the report (status pending, receipt hash, encrypted contact, stepDueAt =
 * receivedAt + `report.timeLimitDays.accept` days), its `receive` event, the photo files and their
 * attachment rows (entity `public_report`, no owner), an audit row and a notification to county
 * users holding `report.handle`. A failure anywhere removes the files written: nothing is stored.
 *
 * Idempotency: with an `Idempotency-Key` (≥ 32 characters) a retry or a double tap returns the
 * first receipt and makes no second report. The key is stored only as SHA-256; the stored answer is
 * sealed with AES-256-GCM under HMAC(server secret, raw key), so the receipt code can be recovered
 * only by the client that holds the key — not from the database, not even with the server's key.
 * Replay records are purged after {@link PUBLIC_REPLAY_TTL_MS}.
 *
 * @param input.photos raw photo bytes as uploaded (each ≤ UPLOAD_MAX_MB, checked by the caller)
 * @returns the receipt (code shown once) and whether this was a replay
 * @throws AppError VALIDATION_FAILED (400: challenge, institutionId, a short key);
 *   UNSUPPORTED_MEDIA_TYPE (415) for a non-image; IDEMPOTENCY_MISMATCH (422) for a key reused with other content
 */
export async function submitPublicReport(
  deps: PublicReportDeps,
  input: { fields: PublicReportInput; photos: Buffer[]; idempotencyKey?: string; requestId?: string },
): Promise<{ receipt: PublicReportReceipt; replayed: boolean }> {
  const { db, config } = deps;
  const now = deps.now();
  const secret = secretKey(config);
  const { fields } = input;
  if (input.idempotencyKey !== undefined && input.idempotencyKey.length < PUBLIC_KEY_MIN) {
    throw new AppError('BAD_REQUEST', `Idempotency-Key 至少 ${PUBLIC_KEY_MIN} 位（请使用随机 UUID）`);
  }
  verifyChallenge(secret, fields.challenge, now);
  let institution: Awaited<ReturnType<typeof repo.findInstitution>>;
  if (fields.institutionId) {
    institution = await repo.findInstitution(db, fields.institutionId);
    if (!institution || institution.status !== 'operating') throw invalidField('institutionId', '所选机构不存在，请重新搜索或改为描述地点');
  }
  if (input.photos.length > PUBLIC_REPORT_MAX_PHOTOS) throw invalidField('photos', t('publicReports.tooManyPhotos', { n: PUBLIC_REPORT_MAX_PHOTOS }));
  const photos: { data: Buffer; width: number; height: number; originalSha: string }[] = [];
  for (const bytes of input.photos) {
    const type = await fileTypeFromBuffer(bytes);
    if (!type || !PHOTO_TYPES.has(type.mime)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '只能上传 JPG、PNG、WebP 等图片');
    photos.push({ ...(await sanitizePhoto(bytes)), originalSha: sha256(bytes) });
  }

  // what a retry must repeat to be the same request: every field but the (re-issuable) challenge, and the photos;
  // an HMAC, so that the stored request hash cannot be tested against guessed contents
  const { challenge: _challenge, ...content } = fields;
  const digest = createHmac('sha256', secret).update(JSON.stringify({ content, photos: photos.map((p) => p.originalSha) })).digest('hex');

  const receiptCode = newReceiptCode();
  const limits = await getSetting(db, 'report.timeLimitDays');
  const written: string[] = [];
  let receipt: PublicReportReceipt | undefined;
  try {
    const result = await runIdempotent<{ sealed: string } | PublicReportReceipt>(
      db,
      {
        scope: PUBLIC_IDEMPOTENCY_SCOPE,
        key: input.idempotencyKey === undefined ? undefined : sha256(input.idempotencyKey),
        route: 'POST /api/public/reports',
        body: digest,
      },
      async (tx) => {
        await consumeChallenge(tx, fields.challenge, now);
        const serialNo = await repo.nextSerialNo(tx, localDate(now).slice(0, 4));
        const report = await repo.insertReport(tx, {
          serialNo,
          receiptHash: hashReceiptCode(receiptCode),
          institutionId: institution?.id ?? null,
          placeText: institution ? '' : (fields.placeText ?? ''),
          category: fields.category,
          description: fields.description,
          status: 'pending',
          wantsReward: fields.wantsReward,
          contactCiphertext: fields.wantsReward && fields.contact ? encryptContact(secret, fields.contact) : null,
          receivedAt: now,
          stepDueAt: new Date(now.getTime() + limits.accept * 86400_000),
        });
        await repo.insertEvent(tx, { reportId: report.id, action: 'receive', fromStatus: null, toStatus: 'pending', note: '', actorId: null, at: now });

        const rows = [];
        for (const [i, p] of photos.entries()) {
          const id = randomUUID();
          const rel = path.join(String(now.getUTCFullYear()), String(now.getUTCMonth() + 1).padStart(2, '0'), `${id}.jpg`);
          const abs = path.join(config.uploadsDir, rel);
          await mkdir(path.dirname(abs), { recursive: true });
          written.push(`${abs}.part`, abs);
          await writeFile(`${abs}.part`, p.data);
          await rename(`${abs}.part`, abs);
          rows.push({
            id,
            ownerId: null,
            entityType: 'public_report',
            entityId: report.id,
            mime: 'image/jpeg',
            sizeBytes: p.data.length,
            sha256: sha256(p.data),
            // never the client's file name (it can carry a name, a date or a device)
            originalName: `${t('publicReports.photoName', { n: i + 1 })}.jpg`,
            storageKey: rel,
            width: p.width,
            height: p.height,
            createdAt: now,
          });
        }
        await repo.insertAttachments(tx, rows);

        await writeAudit(tx, PUBLIC_ACTOR, {
          action: 'public_report.receive',
          entityType: 'public_report',
          entityId: report.id,
          summary: `收到群众举报 ${serialNo}`,
          after: { serialNo, category: report.category, institutionId: report.institutionId, wantsReward: report.wantsReward, photoCount: rows.length },
        }, input.requestId);
        await notifyUsers(tx, await countyUsersWith(tx, 'report.handle'), {
          kind: 'report_received',
          title: t('publicReports.notify.newTitle', { serial: serialNo }),
          body: t('publicReports.notify.newBody', { category: t(`reportCategory.${report.category}`) }),
          link: `/reports/${report.id}`,
          entityType: 'public_report',
          entityId: report.id,
        }, now);

        receipt = { receiptCode, serialNo, receivedAt: now.toISOString(), photoCount: rows.length };
        // the stored answer of a keyed request is sealed; without a key nothing is stored
        return { status: 201, body: input.idempotencyKey === undefined ? receipt : { sealed: seal(replayKey(secret, input.idempotencyKey), receipt) } };
      },
    );
    await purgeStale(db, now);
    if (!result.replayed) return { receipt: receipt!, replayed: false };
    const sealed = (result.body as { sealed?: string }).sealed;
    if (!sealed) throw new AppError('IDEMPOTENCY_MISMATCH');
    return { receipt: unseal<PublicReportReceipt>(replayKey(secret, input.idempotencyKey!), sealed), replayed: true };
  } catch (err) {
    await Promise.all(written.map((f) => rm(f, { force: true })));
    throw err;
  }
}

// --- by receipt code ------------------------------------------------------------------------

/**
 * The report of a receipt code, doing the same work whether it exists or not: the code is always
 * hashed, looked up with one indexed query and compared in constant time. A code whose report was
 * closed more than {@link RECEIPT_VALID_DAYS_AFTER_CLOSE} days ago counts as unknown.
 * @returns the row, or undefined (the caller answers the one generic 404)
 */
async function reportByCode(db: DbOrTx, code: string, now: Date) {
  const hash = hashReceiptCode(code);
  const row = await repo.findByReceiptHash(db, hash);
  const matches = sameHash(row?.report.receiptHash, hash);
  const expired = row?.report.closedAt != null && now.getTime() - row.report.closedAt.getTime() > RECEIPT_VALID_DAYS_AFTER_CLOSE * 86400_000;
  return matches && !expired ? row : undefined;
}

/** The one answer to a wrong, malformed or expired code. */
const unknownCode = () => notFound(t('publicReports.receiptNotFound'));

/** Loads the status page of a found report (or runs the same queries for nothing). */
async function statusOf(db: DbOrTx, row: Awaited<ReturnType<typeof reportByCode>>, now: Date): Promise<PublicReportStatus | undefined> {
  const id = row?.report.id ?? repo.NIL_ID;
  await repo.markReporterMessagesRead(db, id, now);
  const [events, messages, reward] = [await repo.statusEventsOf(db, id), await repo.messagesOf(db, id), await repo.rewardOf(db, id)];
  return row ? toPublicStatus(row, events, messages, reward, now) : undefined;
}

/**
 * The status page of a report by receipt code: status, category, place, received date, the steps
 * in public wording, messages both ways, the reward when there is one. Opening it marks the
 * handler's messages read. Callers pad the answer time ({@link withTimeFloor}).
 * @throws AppError NOT_FOUND (404, one generic message) for a wrong, malformed or expired code
 */
export async function lookupReport(deps: PublicReportDeps, code: string): Promise<PublicReportStatus> {
  const now = deps.now();
  const status = await statusOf(deps.db, await reportByCode(deps.db, code, now), now);
  if (!status) throw unknownCode();
  return status;
}

/** County users who handle reports, and the township officers of the township it was assigned to. */
async function handlersOf(tx: DbOrTx, townshipId: string | null): Promise<string[]> {
  return [...(await countyUsersWith(tx, 'report.handle')), ...(townshipId ? await usersOfTownship(tx, townshipId) : [])];
}

/**
 * A message from the reporter to the handlers, by receipt code; notifies the county handlers and
 * the assigned township (the notification names the serial number only, never the message text).
 * @returns the updated status page
 * @throws AppError NOT_FOUND (404, the same as a wrong code) for a wrong or expired code
 */
export async function postReporterMessage(deps: PublicReportDeps, code: string, body: string, requestId?: string): Promise<PublicReportStatus> {
  const now = deps.now();
  const row = await reportByCode(deps.db, code, now);
  if (!row) {
    await statusOf(deps.db, undefined, now);
    throw unknownCode();
  }
  await deps.db.transaction(async (tx) => {
    await repo.insertMessage(tx, { reportId: row.report.id, direction: 'from_reporter', body, authorId: null, createdAt: now });
    await writeAudit(tx, PUBLIC_ACTOR, { action: 'public_report.message', entityType: 'public_report', entityId: row.report.id, summary: `举报人留言 ${row.report.serialNo}` }, requestId);
    await notifyUsers(tx, await handlersOf(tx, row.report.townshipId), {
      kind: 'report_message',
      title: t('publicReports.notify.messageTitle', { serial: row.report.serialNo }),
      link: `/reports/${row.report.id}`,
      entityType: 'public_report',
      entityId: row.report.id,
    }, now);
  });
  return (await statusOf(deps.db, row, now))!;
}

/**
 * The reporter claims an approved reward by receipt code (issue 5 part 7): records `claimedAt`
 * once (a second claim changes nothing), audits it and notifies the handlers. The staff side
 * approves rewards and sets `claimDeadline` (setting `report.rewardClaimDays`); this only claims.
 * @returns the updated status page
 * @throws AppError NOT_FOUND for a wrong or expired code; CONFLICT (409) when no approved reward is
 *   open (none, proposed, refused, paid) or when its claim deadline has passed
 */
export async function claimReward(deps: PublicReportDeps, code: string, requestId?: string): Promise<PublicReportStatus> {
  const now = deps.now();
  const row = await reportByCode(deps.db, code, now);
  const reward = await repo.rewardOf(deps.db, row?.report.id ?? repo.NIL_ID);
  if (!row) throw unknownCode();
  if (!reward || reward.status !== 'approved') throw new AppError('CONFLICT', t('publicReports.claimNotOpen'));
  if (!reward.claimedAt) {
    if (reward.claimDeadline && now.getTime() > reward.claimDeadline.getTime()) throw new AppError('CONFLICT', t('publicReports.claimExpired'));
    await deps.db.transaction(async (tx) => {
      const claimedAt = await repo.markRewardClaimed(tx, reward.id, now);
      if (!claimedAt) return; // claimed by a concurrent request
      await writeAudit(tx, PUBLIC_ACTOR, { action: 'report_reward.claim', entityType: 'report_reward', entityId: reward.id, summary: `举报人申请领取奖励 ${row.report.serialNo}`, after: { claimedAt } }, requestId);
      await notifyUsers(tx, await handlersOf(tx, null), {
        kind: 'report_reward_claimed',
        title: t('publicReports.notify.claimTitle', { serial: row.report.serialNo }),
        link: `/reports/${row.report.id}`,
        entityType: 'public_report',
        entityId: row.report.id,
      }, now);
    });
  }
  return (await statusOf(deps.db, row, now))!;
}
