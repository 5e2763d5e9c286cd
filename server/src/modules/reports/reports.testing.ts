import { randomBytes } from 'node:crypto';
import { publicReport, publicReportEvent } from '@lifeline/db';
import type { ReportCategory } from '@lifeline/shared';
import { encryptContact, secretKey } from '../../lib/contact-crypto.ts';
import type { TestContext } from '../../testing/harness.ts';
import { hashReceiptCode, newReceiptCode } from '../public-reports/receipt.ts';

/**
 * A test factory of public reports: a pending report written directly (as the public form would
 * leave it: receipt hash, encrypted contact, the accept time limit), with its receipt code returned
 * so tests can act as the reporter through /api/public/receipts/*.
 */
export async function makeReport(
  ctx: TestContext,
  opts: { institutionId?: string | null; placeText?: string; category?: ReportCategory; description?: string; contact?: { name: string; phone: string } | null; receivedAt?: Date; acceptDays?: number } = {},
) {
  const code = newReceiptCode();
  const receivedAt = opts.receivedAt ?? ctx.clock.now ?? new Date();
  const contact = opts.contact === undefined ? null : opts.contact;
  const [row] = await ctx.db
    .insert(publicReport)
    .values({
      serialNo: `JBT-${randomBytes(5).toString('hex')}`,
      receiptHash: hashReceiptCode(code),
      institutionId: opts.institutionId ?? null,
      placeText: opts.placeText ?? (opts.institutionId ? '' : '县城某小区旁的民办养老点'),
      category: opts.category ?? 'locked_exit',
      description: opts.description ?? '晚上安全出口用铁链锁住，老人出不去',
      wantsReward: contact !== null,
      contactCiphertext: contact ? encryptContact(secretKey(ctx.config), contact) : null,
      receivedAt,
      stepDueAt: new Date(receivedAt.getTime() + (opts.acceptDays ?? 3) * 86_400_000),
    })
    .returning();
  await ctx.db.insert(publicReportEvent).values({ reportId: row!.id, action: 'receive', fromStatus: null, toStatus: 'pending', note: '', actorId: null, at: receivedAt });
  return { report: row!, code };
}
