import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { appUser, county, hashPassword, institution, migrateDatabase, openDatabase, seedReferenceData, township, type Database, type Db } from '@lifeline/db';
import type { InstitutionType, Role } from '@lifeline/shared';
import { buildApp } from '../app.ts';
import { loadConfig, type Config } from '../config/env.ts';

/**
 * API test context on a fresh database: in-memory PGlite by default, or a brand-new database on
 * the PostgreSQL server in `TEST_DATABASE_URL` (the api-pg test project), dropped afterwards.
 * Never a mock: the real migrations, the real app, requests through `app.inject`.
 */
export interface TestContext {
  app: FastifyInstance;
  db: Db;
  database: Database;
  config: Config;
  countyId: string;
  /** township ids by name, e.g. townships['浔中镇'] */
  townships: Record<string, string>;
  /** the clock the app reads; set `clock.now` to move time */
  clock: { now: Date | null };
  close(): Promise<void>;
}

export const TEST_PASSWORD = 'Test-Passw0rd!';
let cachedHash: Promise<string> | undefined;

async function freshPgDatabase(baseUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `lifeline_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(baseUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/**
 * Builds a fresh database + app. Call `close()` in afterAll.
 * @param env configuration variables to set for this app (e.g. `{ VIDEO_MAX_MB: '1' }`)
 */
export async function createTestContext(env: Record<string, string> = {}): Promise<TestContext> {
  const pgUrl = process.env.TEST_DATABASE_URL;
  const fresh = pgUrl ? await freshPgDatabase(pgUrl) : undefined;
  const database = await openDatabase({ databaseUrl: fresh?.url, poolSize: 4 });
  await migrateDatabase(database);
  await seedReferenceData(database.db);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lifeline-test-'));
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'silent', UPLOAD_MAX_MB: '2', ...env });
  const clock: { now: Date | null } = { now: null };
  const app = await buildApp({ db: database.db, driver: database.driver, config, now: () => clock.now ?? new Date() }, { logger: process.env.TEST_LOG ? { level: process.env.TEST_LOG } : false });
  await app.ready();
  const tws = await database.db.select().from(township);
  const [c] = await database.db.select().from(county);
  return {
    app,
    db: database.db,
    database,
    config,
    countyId: c!.id,
    townships: Object.fromEntries(tws.map((t) => [t.name, t.id])),
    clock,
    async close() {
      await app.close();
      await database.close();
      await fresh?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let seq = 0;
const uniq = (p: string) => `${p}${Date.now().toString(36)}${(seq++).toString(36)}`;

/** Creates an institution directly in the database (a factory, not the API). */
export async function makeInstitution(ctx: TestContext, opts: { townshipId: string; name?: string; type?: InstitutionType }) {
  const [row] = await ctx.db
    .insert(institution)
    .values({ townshipId: opts.townshipId, name: opts.name ?? uniq('测试养老院'), type: opts.type ?? 'elderly_care', beds: 50, residents: 40 })
    .returning();
  return row!;
}

/** Creates a user with {@link TEST_PASSWORD} directly in the database. */
export async function makeUser(ctx: TestContext, role: Role, bind: { townshipId?: string; institutionId?: string } = {}) {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  let townshipId = bind.townshipId ?? null;
  if (role === 'institution_officer' && bind.institutionId && !townshipId) {
    const [i] = await ctx.db.select().from(institution).where(eq(institution.id, bind.institutionId));
    townshipId = i!.townshipId;
  }
  const [u] = await ctx.db
    .insert(appUser)
    .values({
      username: uniq('u').toLowerCase(),
      displayName: uniq('用户'),
      role,
      countyId: ctx.countyId,
      townshipId: role === 'township_officer' || role === 'institution_officer' ? townshipId : null,
      institutionId: role === 'institution_officer' ? bind.institutionId ?? null : null,
      passwordHash: await cachedHash,
    })
    .returning();
  return u!;
}

/** A logged-in client: `inject` with the session cookie attached. */
export interface Client {
  userId: string;
  cookie: string;
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, payload?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  patch(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
}

/** Logs in through the real login route and returns a client carrying the session cookie. */
export async function loginAs(ctx: TestContext, user: { id: string; username: string }, password = TEST_PASSWORD): Promise<Client> {
  const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const c = res.cookies.find((k) => k.name === 'lifeline_sid');
  const cookie = `lifeline_sid=${c!.value}`;
  const request = (opts: InjectOptions) => ctx.app.inject({ ...opts, headers: { ...(opts.headers ?? {}), cookie } });
  return {
    userId: user.id,
    cookie,
    request,
    get: (url) => request({ method: 'GET', url }),
    post: (url, payload, headers) => request({ method: 'POST', url, payload: payload as never, ...(headers ? { headers } : {}) }),
    patch: (url, payload) => request({ method: 'PATCH', url, payload: payload as never }),
    put: (url, payload) => request({ method: 'PUT', url, payload: payload as never }),
    delete: (url) => request({ method: 'DELETE', url }),
  };
}

/** Creates a user of the role and logs them in. */
export async function clientFor(ctx: TestContext, role: Role, bind: { townshipId?: string; institutionId?: string } = {}) {
  const user = await makeUser(ctx, role, bind);
  return { user, client: await loginAs(ctx, user) };
}

/** An anonymous client (no cookie). */
export function anon(ctx: TestContext) {
  return {
    get: (url: string) => ctx.app.inject({ method: 'GET', url }),
    post: (url: string, payload?: unknown) => ctx.app.inject({ method: 'POST', url, payload: payload as never }),
  };
}

/**
 * Builds a multipart/form-data body with one file part (and optional text fields) for `inject`.
 * @returns `payload` bytes and the `content-type` header with its boundary
 */
export function multipartFile(file: { field?: string; filename: string; content: Buffer; contentType?: string }, fields: Record<string, string> = {}) {
  const boundary = `----lifeline${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.filename}"; filename*=UTF-8''${encodeURIComponent(file.filename)}\r\nContent-Type: ${file.contentType ?? 'application/octet-stream'}\r\n\r\n`,
    ),
  );
  parts.push(file.content, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Uploads a file as the client through POST /api/uploads. */
export async function upload(client: Client, file: { filename: string; content: Buffer; contentType?: string }, kind: 'photo' | 'document' = 'photo') {
  const { payload, headers } = multipartFile(file);
  return client.request({ method: 'POST', url: `/api/uploads?kind=${kind}`, payload, headers });
}

/** A small JPEG test photo (solid colour), optionally with EXIF device tags, XMP GPS and an orientation. */
export async function testPhoto(opts: { width?: number; height?: number; orientation?: number; withMetadata?: boolean } = {}) {
  const sharp = (await import('sharp')).default;
  let img = sharp({ create: { width: opts.width ?? 64, height: opts.height ?? 48, channels: 3, background: '#c0392b' } });
  if (opts.orientation) img = img.withMetadata({ orientation: opts.orientation });
  if (opts.withMetadata) {
    img = img
      .withExifMerge({ IFD0: { Make: 'TestPhoneMaker', Model: 'TP-1000' } })
      .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="25,29.0N" exif:GPSLongitude="118,14.0E"/></rdf:RDF></x:xmpmeta>');
  }
  return img.jpeg().toBuffer();
}

/** The Asia/Shanghai calendar date `n` days from now (`YYYY-MM-DD`), for deadlines in tests. */
export function localDateIn(n: number): string {
  return new Date(Date.now() + 8 * 3600_000 + n * 86400_000).toISOString().slice(0, 10);
}
