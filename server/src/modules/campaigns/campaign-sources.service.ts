import type { Db } from '@lifeline/db';
import type { CampaignFromNoticeResult, CampaignTemplateList } from '@lifeline/shared';
import { local, localDate } from '@lifeline/shared';
import { AppError, invalidField } from '../../lib/app-error.ts';
import { assertSafeDocx, readDocxText } from '../../lib/docx.ts';
import { requirePermission, type Actor } from '../../policies/index.ts';
import { storeUpload } from '../uploads/uploads.service.ts';
import { createCampaignFromNotice } from './campaigns.service.ts';
import { parseNotice } from './notice-parser.ts';
import { CAMPAIGN_TEMPLATES, findTemplate, readTemplateNotice, toCampaignTemplate } from './templates.ts';

/** Longest notice text accepted, as for the pasted text of POST /api/campaigns/from-notice. */
export const NOTICE_MAX_CHARS = 50_000;

/**
 * The built-in campaign templates (民政服务机构安全生产月 …).
 * @throws AppError FORBIDDEN without `campaign.manage`
 */
export function listCampaignTemplates(actor: Actor): CampaignTemplateList {
  requirePermission(actor, 'campaign.manage');
  return { items: CAMPAIGN_TEMPLATES.map(toCampaignTemplate) };
}

/**
 * Creates a DRAFT campaign from a built-in template: the shipped notice goes through the notice
 * parser exactly like a pasted one ({@link createCampaignFromNotice}). With a `year` other than the
 * notice's, the parser reads every month/day of the notice in that year (period, deadlines, events),
 * and the draft is named for that year. Without a year: the current year (Asia/Shanghai), or the next
 * one when this year's campaign period is already over.
 * @throws AppError FORBIDDEN without `campaign.manage`; VALIDATION_FAILED (templateId) for an unknown template
 */
export async function createCampaignFromTemplate(
  db: Db,
  actor: Actor,
  input: { templateId: string; year?: number | undefined },
  now: Date,
  requestId?: string,
): Promise<CampaignFromNoticeResult> {
  requirePermission(actor, 'campaign.manage');
  const template = findTemplate(input.templateId);
  if (!template) throw invalidField('templateId', '模板不存在');
  const text = await readTemplateNotice(template);
  // without a year: the next campaign not yet over — this year's, or next year's once this year's
  // period has ended (a 安全生产月 template opened in November is for next June)
  const thisYear = local(now).year();
  const period = parseNotice(text, { year: thisYear }).period;
  const year = input.year ?? (period && period.to < localDate(now) ? thisYear + 1 : thisYear);
  return createCampaignFromNotice(db, actor, { text, year, name: template.campaignName(year) }, now, requestId);
}

/**
 * Creates a DRAFT campaign from an uploaded notice (.docx): checks by content that it is a Word
 * document and bounded when unpacked (zip bombs), reads its text with mammoth, stores the file as
 * an attachment and creates the draft from the text ({@link createCampaignFromNotice}), binding the
 * file to the campaign (`source_attachment_id`, visible county-wide) in the same transaction.
 * @param uploadsDir root of stored files (DATA_DIR/uploads)
 * @throws AppError FORBIDDEN without `campaign.manage`; UNSUPPORTED_MEDIA_TYPE (415) when it is not
 *   a .docx; PAYLOAD_TOO_LARGE (413) for a zip bomb; BAD_REQUEST (400) for an unreadable or empty
 *   document or a text longer than {@link NOTICE_MAX_CHARS}
 */
export async function createCampaignFromNoticeFile(
  db: Db,
  uploadsDir: string,
  actor: Actor,
  input: { bytes: Buffer; filename: string; year?: number | undefined },
  now: Date,
  requestId?: string,
): Promise<CampaignFromNoticeResult> {
  requirePermission(actor, 'campaign.manage');
  await assertSafeDocx(input.bytes);
  const text = await readDocxText(input.bytes);
  if (text.length > NOTICE_MAX_CHARS) throw new AppError('BAD_REQUEST', `通知正文过长（超过 ${NOTICE_MAX_CHARS} 字），请只保留通知本身`);
  const file = await storeUpload(db, uploadsDir, actor, { bytes: input.bytes, filename: input.filename, kind: 'document' });
  return createCampaignFromNotice(db, actor, { text, year: input.year, sourceAttachmentId: file.id }, now, requestId);
}
