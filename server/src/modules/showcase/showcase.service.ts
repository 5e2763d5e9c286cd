import { createReadStream, type ReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { DbOrTx } from '@lifeline/db';
import type { ShowcaseList } from '@lifeline/shared';
import { notFound } from '../../lib/app-error.ts';
import { parseByteRange } from '../../lib/http-range.ts';
import { findFirstVideos, findPublicSubmission, findShowcasedSubmissions } from './showcase.repo.ts';

/** Most videos the public page lists. */
export const SHOWCASE_MAX_ITEMS = 200;

/** The public URL of a showcased submission's video. */
export const showcaseVideoUrl = (submissionId: string) => `/api/public/showcase/${submissionId}/video`;

/**
 * The public showcase (展播): accepted video submissions the county marked `showcased`, of
 * published or ended campaigns, that carry a video — newest showcased first, at most
 * {@link SHOWCASE_MAX_ITEMS}. Only the campaign, task, unit name, time and the video's public URL
 * leave: no submitter, no text, no other attachments.
 */
export async function listShowcase(db: DbOrTx): Promise<ShowcaseList> {
  const rows = await findShowcasedSubmissions(db, SHOWCASE_MAX_ITEMS);
  const videos = await findFirstVideos(db, rows.map((r) => r.id));
  const items: ShowcaseList['items'] = [];
  for (const r of rows) {
    const v = videos.get(r.id);
    if (!v) continue;
    items.push({
      id: r.id,
      campaignName: r.campaignName,
      taskTitle: r.taskTitle,
      unitName: r.unitName,
      submittedAt: r.submittedAt.toISOString(),
      videoUrl: showcaseVideoUrl(r.id),
      videoMime: v.mime,
    });
  }
  return { items };
}

/** How to answer a request for a showcased video: the whole file, one byte range, or 416. */
export type ShowcaseVideo =
  | { kind: 'full'; mime: string; size: number; stream: ReadStream }
  | { kind: 'partial'; mime: string; size: number; start: number; end: number; stream: ReadStream }
  | { kind: 'unsatisfiable'; size: number };

/**
 * Opens the first video of a showcased submission for the public, honouring one HTTP byte range
 * (see {@link parseByteRange}) so that players can seek.
 * @param range the request's `Range` header
 * @throws AppError NOT_FOUND when the submission is not public (not showcased, not accepted, a
 *   draft campaign, unknown) or has no video, or the file is missing — one answer for all
 */
export async function openShowcaseVideo(db: DbOrTx, uploadsDir: string, submissionId: string, range: string | undefined): Promise<ShowcaseVideo> {
  if (!(await findPublicSubmission(db, submissionId))) throw notFound();
  const video = (await findFirstVideos(db, [submissionId])).get(submissionId);
  if (!video) throw notFound();
  const file = path.join(uploadsDir, video.storageKey);
  const size = await stat(file).then((s) => s.size, () => null);
  if (size === null) throw notFound();
  const want = parseByteRange(range, size);
  if (want.kind === 'unsatisfiable') return { kind: 'unsatisfiable', size };
  if (want.kind === 'full') return { kind: 'full', mime: video.mime, size, stream: createReadStream(file) };
  return { kind: 'partial', mime: video.mime, size, start: want.start, end: want.end, stream: createReadStream(file, { start: want.start, end: want.end }) };
}
