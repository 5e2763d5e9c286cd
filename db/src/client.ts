import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import lockfile from 'proper-lockfile';
import * as schema from './schema/index.ts';

/** The Drizzle database handle, the same type on both drivers. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle (same API as {@link Db}). */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Either the database or an open transaction. */
export type DbOrTx = Db | Tx;

export type DriverName = 'pglite' | 'postgresql';

export interface Database {
  db: Db;
  driver: DriverName;
  /** the PostgreSQL URL, for the PostgreSQL driver */
  url?: string;
  /** closes the pool or the embedded database */
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** PostgreSQL connection string; when absent the embedded PGlite is used */
  databaseUrl?: string | undefined;
  /** PGlite data directory; `undefined` with no url = in-memory (tests) */
  pgliteDir?: string | undefined;
  /** max pool connections for PostgreSQL (default 10) */
  poolSize?: number;
  /** told when an idle pooled connection fails (e.g. the server restarted); the pool recovers by itself */
  onIdleError?: (err: Error) => void;
}

/** Raised when another process already uses the PGlite data directory. */
export class DataDirInUseError extends Error {
  constructor(dir: string) {
    super(`The embedded database in ${dir} is already in use by another Lifeline process. PGlite allows one process per data directory: stop the other process, use another DATA_DIR, or use PostgreSQL (DATABASE_URL).`);
  }
}

/**
 * Takes an exclusive lock on a PGlite data directory (proper-lockfile: a lock directory whose
 * mtime is refreshed while the process lives, so a crashed process's lock goes stale and is taken
 * over). Two processes on one directory would each work on their own copy and lose writes.
 * @returns the release function
 * @throws DataDirInUseError when a live process holds the lock
 */
async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  try {
    return await lockfile.lock(dir, { lockfilePath: path.join(dir, 'lifeline.lock'), stale: 15_000, update: 5_000, realpath: false });
  } catch (e) {
    if ((e as { code?: string }).code === 'ELOCKED') throw new DataDirInUseError(dir);
    throw e;
  }
}

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../migrations');

/**
 * Opens the database: a PostgreSQL server when `databaseUrl` is given, else embedded PGlite
 * (files under `pgliteDir`, or in memory). PGlite allows one process per data directory.
 * @throws when the server cannot be reached or the directory cannot be created
 */
export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    // An idle connection can be cut by the server (restart, failover, an administrator): the pool
    // drops it and opens a new one on demand. Without a listener the 'error' event would crash
    // the process.
    pool.on('error', (err) => {
      if (opts.onIdleError) opts.onIdleError(err);
    });
    // fail fast on a bad URL rather than on the first request
    const c = await pool.connect();
    c.release();
    const db = drizzlePg({ client: pool, schema }) as unknown as Db;
    return { db, driver: 'postgresql', url: opts.databaseUrl, close: () => pool.end() };
  }
  let release: (() => Promise<void>) | undefined;
  if (opts.pgliteDir) {
    mkdirSync(opts.pgliteDir, { recursive: true });
    release = await lockDataDir(opts.pgliteDir);
  }
  const client = opts.pgliteDir ? new PGlite(opts.pgliteDir, { relaxedDurability: true }) : new PGlite();
  await client.waitReady;
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return {
    db,
    driver: 'pglite',
    close: async () => {
      await client.close();
      await release?.();
    },
  };
}

/**
 * Applies the committed drizzle-kit migrations (db/migrations) that have not run yet.
 * Safe to call at every start; on PostgreSQL concurrent starters are serialised by an advisory lock.
 */
export async function migrateDatabase(database: Database): Promise<void> {
  const databaseUrl = database.url;
  if (database.driver === 'postgresql') {
    if (!databaseUrl) throw new Error('migrateDatabase: the PostgreSQL URL is required');
    // one dedicated connection holds an advisory lock so that two processes starting at once
    // do not both run the same migration
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query('select pg_advisory_lock(774411)');
      await migratePg(drizzlePg({ client }), { migrationsFolder: MIGRATIONS_DIR });
    } finally {
      await client.query('select pg_advisory_unlock(774411)').catch(() => undefined);
      await client.end();
    }
  } else {
    await migratePglite(database.db as never, { migrationsFolder: MIGRATIONS_DIR });
  }
}
