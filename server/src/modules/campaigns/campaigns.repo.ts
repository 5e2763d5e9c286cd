import { asc, count, desc, eq } from 'drizzle-orm';
import { campaign, campaignEvent, campaignTask, type DbOrTx } from '@lifeline/db';

/**
 * Drizzle queries of campaigns. Campaigns are county-wide (every role holding `campaign.read`
 * sees every campaign), so there is no township/institution scope filter on these tables; the
 * per-unit scope arrives with task assignments.
 */

export type CampaignRow = typeof campaign.$inferSelect;
export type CampaignTaskRow = typeof campaignTask.$inferSelect;
export type CampaignEventRow = typeof campaignEvent.$inferSelect;

/** Every campaign, newest first, with its task count. */
export async function findCampaigns(db: DbOrTx) {
  return db
    .select({ c: campaign, taskCount: count(campaignTask.id) })
    .from(campaign)
    .leftJoin(campaignTask, eq(campaignTask.campaignId, campaign.id))
    .groupBy(campaign.id)
    .orderBy(desc(campaign.year), desc(campaign.createdAt));
}

export async function findCampaign(db: DbOrTx, id: string): Promise<CampaignRow | undefined> {
  const [row] = await db.select().from(campaign).where(eq(campaign.id, id));
  return row;
}

/** Locks a campaign row (inside a transaction) so edits and publishing do not interleave. */
export async function lockCampaign(tx: DbOrTx, id: string): Promise<CampaignRow | undefined> {
  const [row] = await tx.select().from(campaign).where(eq(campaign.id, id)).for('update');
  return row;
}

export async function findTasks(db: DbOrTx, campaignId: string): Promise<CampaignTaskRow[]> {
  return db.select().from(campaignTask).where(eq(campaignTask.campaignId, campaignId)).orderBy(asc(campaignTask.sortOrder), asc(campaignTask.deadline), asc(campaignTask.createdAt));
}

export async function findEvents(db: DbOrTx, campaignId: string): Promise<CampaignEventRow[]> {
  return db.select().from(campaignEvent).where(eq(campaignEvent.campaignId, campaignId)).orderBy(asc(campaignEvent.date), asc(campaignEvent.name));
}

export async function countTasks(db: DbOrTx, campaignId: string): Promise<number> {
  const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(campaignTask).where(eq(campaignTask.campaignId, campaignId));
  return Number(n);
}
