import { and, asc, desc, eq, inArray, like, sql } from 'drizzle-orm';
import { attachment, campaign, campaignTask, submission, taskAssignment, type DbOrTx } from '@lifeline/db';

/** Campaign statuses whose showcased videos are public (a draft has no submissions to show). */
const PUBLIC_CAMPAIGN_STATUSES = ['published', 'ended'] as const;

/** What makes a submission public: showcased, accepted, of a published or ended campaign. */
const isPublic = () =>
  and(eq(submission.showcased, true), eq(submission.status, 'accepted'), inArray(campaign.status, [...PUBLIC_CAMPAIGN_STATUSES]));

/** Showcased submissions with their campaign, task and unit, most recently showcased first. */
export async function findShowcasedSubmissions(db: DbOrTx, limit: number) {
  return db
    .select({
      id: submission.id,
      campaignName: campaign.name,
      taskTitle: campaignTask.title,
      unitName: taskAssignment.unitName,
      submittedAt: submission.submittedAt,
    })
    .from(submission)
    .innerJoin(taskAssignment, eq(taskAssignment.id, submission.assignmentId))
    .innerJoin(campaignTask, eq(campaignTask.id, taskAssignment.taskId))
    .innerJoin(campaign, eq(campaign.id, taskAssignment.campaignId))
    .where(isPublic())
    .orderBy(sql`${submission.showcasedAt} desc nulls last`, desc(submission.submittedAt), asc(submission.id))
    .limit(limit);
}

/** The first video attachment (oldest upload) of each of these submissions, by submission id. */
export async function findFirstVideos(db: DbOrTx, submissionIds: string[]) {
  const out = new Map<string, typeof attachment.$inferSelect>();
  if (submissionIds.length === 0) return out;
  const rows = await db
    .select()
    .from(attachment)
    .where(and(eq(attachment.entityType, 'submission'), inArray(attachment.entityId, submissionIds), like(attachment.mime, 'video/%')))
    .orderBy(asc(attachment.createdAt), asc(attachment.id));
  for (const r of rows) if (!out.has(r.entityId!)) out.set(r.entityId!, r);
  return out;
}

/** The id of this submission when it is public (see {@link isPublic}), else nothing. */
export async function findPublicSubmission(db: DbOrTx, submissionId: string) {
  const [row] = await db
    .select({ id: submission.id })
    .from(submission)
    .innerJoin(taskAssignment, eq(taskAssignment.id, submission.assignmentId))
    .innerJoin(campaign, eq(campaign.id, taskAssignment.campaignId))
    .where(and(eq(submission.id, submissionId), isPublic()));
  return row;
}
