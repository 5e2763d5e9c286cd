import type { Db } from '@lifeline/db';

export interface DemoSeedResult {
  seeded: boolean;
  institutions: number;
  hazards: number;
  password: string;
  accounts: { username: string; label: string }[];
}

/** Loads the fictional demo data when the database has no institutions yet (LIFELINE_DEMO=true). */
export async function seedDemoIfEmpty(_db: Db): Promise<DemoSeedResult> {
  return { seeded: false, institutions: 0, hazards: 0, password: '', accounts: [] };
}
