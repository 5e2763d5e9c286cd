import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { attachment, hazard, hazardEvent, inspection, inspectionResult, type Db, type DbOrTx } from '@lifeline/db';
import type { Attachment } from '@lifeline/shared';
import { AppError, notFound } from '../../lib/app-error.ts';
import { inScope, type Actor } from '../../policies/index.ts';

/** What an upload is for; decides which content types are accepted. */
export type UploadKind = 'photo' | 'document';

/** Image types accepted for photos (decided from the bytes, never the name). */
const PHOTO_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/gif', 'image/tiff']);
/** Document types accepted for documents. */
const DOCUMENT_TYPES = new Set([
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
]);

/** Longest side of a stored photo, in pixels: phone photos are scaled down to this. */
export const PHOTO_MAX_SIDE = 2560;

/** Entities an attachment can belong to. */
export type AttachmentEntity = 'hazard' | 'hazard_event' | 'inspection_result';

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
  input: { bytes: Buffer; filename: string; kind: UploadKind },
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
    throw new AppError('VALIDATION_FAILED', '照片无效或已被使用，请重新上传', [{ path: field, message: '照片无效或已被使用，请重新上传' }]);
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

/** The township/institution an attached record belongs to, for the scope check. */
async function ownerScope(db: Db, a: typeof attachment.$inferSelect): Promise<{ townshipId: string; institutionId: string } | null> {
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
    if (!owner || !inScope(actor, owner)) throw notFound();
  }
  return { row: a, stream: createReadStream(path.join(uploadsDir, a.storageKey)) };
}
