import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import path from 'node:path';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { attachment, campaign, drill, emergencyPlan, emergencyPlanVersion, hazard, hazardEvent, inspection, inspectionResult, publicReport, studySession, submission, taskAssignment, type Db, type DbOrTx } from '@lifeline/db';
import type { Attachment } from '@lifeline/shared';
import { AppError, notFound } from '../../lib/app-error.ts';
import { isWellFormedMp4 } from '../../lib/iso-bmff.ts';
import { inScope, type Actor } from '../../policies/index.ts';

/** What an upload is for; decides which content types are accepted. */
export type UploadKind = 'photo' | 'document' | 'video';

/** Image types accepted for photos (decided from the bytes, never the name). */
const PHOTO_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/gif', 'image/tiff']);
/** Document types accepted for documents. */
const DOCUMENT_TYPES = new Set([
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
]);
/** Video types accepted for videos (短视频征集): what phones record and browsers play. */
const VIDEO_TYPES = new Set(['video/mp4', 'video/webm']);

/** Longest side of a stored photo, in pixels: phone photos are scaled down to this. */
export const PHOTO_MAX_SIDE = 2560;

/** Entities an attachment can belong to. */
export type AttachmentEntity = 'hazard' | 'hazard_event' | 'inspection_result' | 'submission' | 'campaign' | 'emergency_plan_version' | 'study_session' | 'drill' | 'public_report';

export const toAttachmentDto = (a: typeof attachment.$inferSelect): Attachment => ({
  id: a.id,
  mime: a.mime,
  sizeBytes: a.sizeBytes,
  originalName: a.originalName,
  width: a.width,
  height: a.height,
  url: `/api/attachments/${a.id}`,
});

/**
 * Re-encodes a photo so that nothing but pixels is kept: EXIF (GPS, device, time), XMP, IPTC and
 * ICC comments are dropped; the EXIF orientation is applied to the pixels first so the picture
 * stays upright; the longest side is capped at {@link PHOTO_MAX_SIDE}. Output is JPEG.
 * @throws AppError UNSUPPORTED_MEDIA_TYPE when the bytes are not a decodable image
 */
export async function sanitizePhoto(input: Buffer): Promise<{ data: Buffer; width: number; height: number }> {
  try {
    const { data, info } = await sharp(input, { failOn: 'error', limitInputPixels: 100_000_000 })
      .rotate()
      .resize({ width: PHOTO_MAX_SIDE, height: PHOTO_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } catch {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', '图片无法识别或已损坏');
  }
}

/**
 * Stores one uploaded file as a pending attachment of the actor. The type is decided from the
 * content; photos are re-encoded by {@link sanitizePhoto} and the original bytes are never written.
 * The file is written to a temporary name and renamed, so a failure leaves nothing behind.
 * @param uploadsDir root of stored files (DATA_DIR/uploads)
 * @throws AppError UNSUPPORTED_MEDIA_TYPE (415) for a type not accepted for `kind`
 */
export async function storeUpload(
  db: Db,
  uploadsDir: string,
  actor: Actor,
  input: { bytes: Buffer; filename: string; kind: Exclude<UploadKind, 'video'> },
): Promise<Attachment> {
  const detected = await fileTypeFromBuffer(input.bytes);
  const allowed = input.kind === 'photo' ? PHOTO_TYPES : DOCUMENT_TYPES;
  if (!detected || !allowed.has(detected.mime)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', input.kind === 'photo' ? '只能上传 JPG、PNG、WebP 等图片' : '只能上传 PDF、Word（docx）或 Excel（xlsx）文件');
  }
  let data = input.bytes;
  let mime = detected.mime;
  let ext = detected.ext;
  let width: number | null = null;
  let height: number | null = null;
  if (input.kind === 'photo') {
    const photo = await sanitizePhoto(input.bytes);
    data = photo.data;
    mime = 'image/jpeg';
    ext = 'jpg';
    width = photo.width;
    height = photo.height;
  }
  const id = randomUUID();
  const now = new Date();
  const rel = path.join(String(now.getUTCFullYear()), String(now.getUTCMonth() + 1).padStart(2, '0'), `${id}.${ext}`);
  const abs = path.join(uploadsDir, rel);
  await mkdir(path.dirname(abs), { recursive: true });
  await writeFile(`${abs}.part`, data);
  await rename(`${abs}.part`, abs);
  const originalName = cleanFileName(input.filename, ext);
  const [row] = await db
    .insert(attachment)
    .values({
      id,
      ownerId: actor.id,
      mime,
      sizeBytes: data.length,
      sha256: createHash('sha256').update(data).digest('hex'),
      originalName,
      storageKey: rel,
      width,
      height,
    })
    .returning();
  return toAttachmentDto(row!);
}

/** Keeps a client file name readable (Chinese allowed) but safe: no paths, no control characters. */
export function cleanFileName(name: string, ext: string): string {
  const base = path.basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f<>:"/\\|?*]/g, '').trim();
  const stem = base.replace(/\.[^.]*$/, '').slice(0, 100) || '文件';
  return `${stem}.${ext}`;
}

/** Leading bytes kept to decide a streamed file's type (file-type never needs more). */
const SNIFF_BYTES = 4100;

/**
 * Stores an uploaded video (短视频征集) as a pending attachment of the actor without holding it in
 * memory: the stream is written to `<id>.part` inside the uploads directory while its size and
 * SHA-256 are counted and its first {@link SNIFF_BYTES} bytes kept; the type is then decided from
 * those bytes (mp4 or webm — never the name), the file is renamed into place and its row written.
 * Any failure deletes the partial file: nothing is left on disk and no row is written.
 * @param input.stream the multipart file stream; busboy sets `truncated` when it hit its size limit
 * @param input.maxBytes largest accepted size in bytes (VIDEO_MAX_MB × 1024²)
 * @throws AppError PAYLOAD_TOO_LARGE (413) past `maxBytes`; UNSUPPORTED_MEDIA_TYPE (415) for
 *   anything but mp4/webm; VALIDATION_FAILED (400) for an empty file
 */
export async function storeVideoUpload(
  db: Db,
  uploadsDir: string,
  actor: Actor,
  input: { stream: Readable & { truncated?: boolean }; filename: string; maxBytes: number },
): Promise<Attachment> {
  const tooLarge = () => new AppError('PAYLOAD_TOO_LARGE', `视频不能超过 ${Math.floor(input.maxBytes / 1024 / 1024)} MB`);
  const id = randomUUID();
  const now = new Date();
  const dir = path.join(String(now.getUTCFullYear()), String(now.getUTCMonth() + 1).padStart(2, '0'));
  await mkdir(path.join(uploadsDir, dir), { recursive: true });
  const part = path.join(uploadsDir, dir, `${id}.part`);
  const hash = createHash('sha256');
  const head: Buffer[] = [];
  let headLength = 0;
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > input.maxBytes) return done(tooLarge());
      hash.update(chunk);
      if (headLength < SNIFF_BYTES) {
        const piece = chunk.subarray(0, SNIFF_BYTES - headLength);
        head.push(piece);
        headLength += piece.length;
      }
      done(null, chunk);
    },
  });
  try {
    await pipeline(input.stream, meter, createWriteStream(part, { flags: 'wx' }));
    if (input.stream.truncated) throw tooLarge();
    if (size === 0) throw new AppError('VALIDATION_FAILED', '文件为空', [{ path: 'file', message: '文件为空' }]);
    const detected = await fileTypeFromBuffer(Buffer.concat(head));
    if (!detected || !VIDEO_TYPES.has(detected.mime)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '只能上传 MP4 或 WebM 格式的视频');
    // an MP4 header glued onto something else passes the sniff: the whole box structure must hold
    if (detected.mime === 'video/mp4' && !(await isWellFormedMp4(part, size))) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '视频文件已损坏或不是有效的 MP4');
    const rel = path.join(dir, `${id}.${detected.ext}`);
    await rename(part, path.join(uploadsDir, rel));
    try {
      const [row] = await db
        .insert(attachment)
        .values({
          id,
          ownerId: actor.id,
          mime: detected.mime,
          sizeBytes: size,
          sha256: hash.digest('hex'),
          originalName: cleanFileName(input.filename, detected.ext),
          storageKey: rel,
        })
        .returning();
      return toAttachmentDto(row!);
    } catch (err) {
      await rm(path.join(uploadsDir, rel), { force: true });
      throw err;
    }
  } finally {
    // after a successful rename there is no .part left and this does nothing
    await rm(part, { force: true });
  }
}

/**
 * Attaches pending uploads of the actor to a record, in the record's transaction.
 * @throws AppError VALIDATION_FAILED when an id is unknown, not the actor's, or already used
 */
export async function bindAttachments(tx: DbOrTx, actor: Actor, ids: string[], entityType: AttachmentEntity, entityId: string, field = 'photoIds'): Promise<void> {
  if (ids.length === 0) return;
  const unique = [...new Set(ids)];
  const updated = await tx
    .update(attachment)
    .set({ entityType, entityId })
    .where(and(inArray(attachment.id, unique), eq(attachment.ownerId, actor.id), isNull(attachment.entityType)))
    .returning({ id: attachment.id });
  if (updated.length !== unique.length) {
    const message = `${field === 'photoIds' ? '照片' : '附件'}无效或已被使用，请重新上传`;
    throw new AppError('VALIDATION_FAILED', message, [{ path: field, message }]);
  }
}

/** Attachment ids of many records of one entity type, grouped by record id. */
export async function attachmentIdsFor(db: DbOrTx, entityType: AttachmentEntity, entityIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (entityIds.length === 0) return out;
  const rows = await db
    .select({ id: attachment.id, entityId: attachment.entityId })
    .from(attachment)
    .where(and(eq(attachment.entityType, entityType), inArray(attachment.entityId, entityIds)))
    .orderBy(attachment.createdAt);
  for (const r of rows) out.set(r.entityId!, [...(out.get(r.entityId!) ?? []), r.id]);
  return out;
}

/** Marks a record every user who may read campaigns may see (a campaign's notice file). */
const COUNTY_WIDE = 'county_wide' as const;

/** The township/institution an attached record belongs to, for the scope check ({@link COUNTY_WIDE} for county-wide records). */
async function ownerScope(db: Db, a: typeof attachment.$inferSelect): Promise<{ townshipId: string; institutionId: string | null } | typeof COUNTY_WIDE | null> {
  if (!a.entityId) return null;
  switch (a.entityType) {
    case 'hazard': {
      const [h] = await db.select({ townshipId: hazard.townshipId, institutionId: hazard.institutionId }).from(hazard).where(eq(hazard.id, a.entityId));
      return h ?? null;
    }
    case 'hazard_event': {
      const [h] = await db
        .select({ townshipId: hazard.townshipId, institutionId: hazard.institutionId })
        .from(hazardEvent)
        .innerJoin(hazard, eq(hazard.id, hazardEvent.hazardId))
        .where(eq(hazardEvent.id, a.entityId));
      return h ?? null;
    }
    case 'inspection_result': {
      const [i] = await db
        .select({ townshipId: inspection.townshipId, institutionId: inspection.institutionId })
        .from(inspectionResult)
        .innerJoin(inspection, eq(inspection.id, inspectionResult.inspectionId))
        .where(eq(inspectionResult.id, a.entityId));
      return i ?? null;
    }
    case 'submission': {
      // a campaign submission: the unit's township/institution (an office's: county staff only)
      const [u] = await db
        .select({ townshipId: taskAssignment.townshipId, institutionId: taskAssignment.institutionId })
        .from(submission)
        .innerJoin(taskAssignment, eq(taskAssignment.id, submission.assignmentId))
        .where(eq(submission.id, a.entityId));
      return u ? { townshipId: u.townshipId ?? '', institutionId: u.institutionId } : null;
    }
    case 'drill': {
      // a drill's photos and videos: the drill's institution
      const [d] = await db.select({ townshipId: drill.townshipId, institutionId: drill.institutionId }).from(drill).where(eq(drill.id, a.entityId));
      return d ?? null;
    }
    case 'campaign': {
      // the notice a campaign was made from: issued to the whole county
      const [c] = await db.select({ id: campaign.id }).from(campaign).where(eq(campaign.id, a.entityId));
      return c ? COUNTY_WIDE : null;
    }
    case 'emergency_plan_version': {
      // a plan document: the plan's institution
      const [p] = await db
        .select({ townshipId: emergencyPlan.townshipId, institutionId: emergencyPlan.institutionId })
        .from(emergencyPlanVersion)
        .innerJoin(emergencyPlan, eq(emergencyPlan.id, emergencyPlanVersion.planId))
        .where(eq(emergencyPlanVersion.id, a.entityId));
      return p ?? null;
    }
    case 'study_session': {
      // study photos/materials: a county session is county-wide, else its township/institution
      const [s] = await db.select({ level: studySession.level, townshipId: studySession.townshipId, institutionId: studySession.institutionId }).from(studySession).where(eq(studySession.id, a.entityId));
      if (!s) return null;
      return s.level === 'county' ? COUNTY_WIDE : { townshipId: s.townshipId ?? '', institutionId: s.institutionId };
    }
    case 'public_report': {
      // a public report's photos (owner null): county roles, and the township it was assigned to;
      // never an institution (institutionId null never matches an institution officer's scope)
      const [p] = await db.select({ townshipId: publicReport.townshipId }).from(publicReport).where(eq(publicReport.id, a.entityId));
      return p ? { townshipId: p.townshipId ?? '', institutionId: null } : null;
    }
    default:
      return null;
  }
}

/**
 * Opens a stored file for the actor: a pending upload only for its owner, an attached one only
 * when its record is in the actor's scope.
 * @throws AppError NOT_FOUND otherwise (the same answer as a missing id)
 */
export async function openAttachment(db: Db, uploadsDir: string, actor: Actor, id: string) {
  const [a] = await db.select().from(attachment).where(eq(attachment.id, id));
  if (!a) throw notFound();
  if (!a.entityType) {
    if (a.ownerId !== actor.id) throw notFound();
  } else {
    const owner = await ownerScope(db, a);
    if (!owner) throw notFound();
    if (owner === COUNTY_WIDE ? !actor.permissions.has('campaign.read') : !inScope(actor, owner)) throw notFound();
  }
  return { row: a, stream: createReadStream(path.join(uploadsDir, a.storageKey)) };
}
