import { randomBytes } from 'node:crypto';
import { count } from 'drizzle-orm';
import { appUser, county, hashPassword, type Db } from '@lifeline/db';
import { writeAudit } from '../plugins/audit.ts';

export interface AdminBootstrap {
  created: boolean;
  /** the generated password, only when one was generated (print it once, never log it) */
  generatedPassword?: string;
}

/**
 * When the database has no users, creates the initial county admin `admin`: with the password in
 * `LIFELINE_ADMIN_PASSWORD` if given, else a random one that must be changed at first login.
 * @param countyId the county the admin belongs to
 */
export async function ensureInitialAdmin(db: Db, countyId: string, envPassword: string | undefined): Promise<AdminBootstrap> {
  const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(appUser);
  if (n > 0) return { created: false };
  const generated = envPassword ? undefined : randomBytes(12).toString('base64url');
  const password = envPassword ?? generated!;
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const [c] = await tx.select().from(county);
    const [u] = await tx
      .insert(appUser)
      .values({
        username: 'admin',
        displayName: '系统管理员',
        role: 'county_admin',
        countyId: c?.id ?? countyId,
        passwordHash,
        mustChangePassword: !envPassword,
      })
      .onConflictDoNothing()
      .returning();
    if (u) await writeAudit(tx, { id: null, displayName: '系统' }, { action: 'user.create', entityType: 'user', entityId: u.id, summary: '创建初始管理员 admin', after: { username: 'admin', role: 'county_admin' } });
  });
  return generated ? { created: true, generatedPassword: generated } : { created: true };
}
