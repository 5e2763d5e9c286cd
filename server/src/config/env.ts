import path from 'node:path';
import { z } from 'zod';

/**
 * The server's configuration, read from the environment once at boot. This is the only module
 * that reads `process.env`. Every variable is documented in README.md ("Configuration").
 */
export const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** PostgreSQL connection string; when unset the embedded PGlite under DATA_DIR is used */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { message: 'must start with postgres:// or postgresql://' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** where PGlite files and uploads live */
  DATA_DIR: z.string().default('./data'),
  /** initial password of `admin` when the database is empty */
  LIFELINE_ADMIN_PASSWORD: z.string().min(10, { message: 'must be at least 10 characters' }).optional(),
  /** load the fictional demo data at start when the database has no institutions */
  LIFELINE_DEMO: z.enum(['true', 'false', '1', '0']).default('false').transform((v) => v === 'true' || v === '1'),
  /** session lifetime in hours (sliding) */
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  /** set the Secure flag on the session cookie (use behind HTTPS) */
  COOKIE_SECURE: z.enum(['true', 'false', '1', '0']).default('false').transform((v) => v === 'true' || v === '1'),
  /** largest upload in megabytes */
  UPLOAD_MAX_MB: z.coerce.number().min(1).max(500).default(15),
  /** largest video upload (短视频征集, mp4/webm) in megabytes; videos are streamed to disk, never buffered */
  VIDEO_MAX_MB: z.coerce.number().min(1).max(4096).default(200),
  /** trust X-Forwarded-For from a reverse proxy */
  TRUST_PROXY: z.enum(['true', 'false', '1', '0']).default('false').transform((v) => v === 'true' || v === '1'),
  /** run the scheduled jobs (campaign deadline reminders) in this process */
  LIFELINE_JOBS: z.enum(['true', 'false', '1', '0']).default('true').transform((v) => v === 'true' || v === '1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * 32-byte key (base64) that encrypts reporters' contact details (AES-256-GCM). When unset, a key is
   * generated once into DATA_DIR/secret.key (mode 0600) — back that file up with the database.
   */
  LIFELINE_SECRET_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, { message: 'must be 32 bytes, base64-encoded (e.g. `openssl rand -base64 32`)' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** where the built web app is; default web/dist */
  WEB_DIST: z.string().optional(),
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config extends Env {
  dataDir: string;
  uploadsDir: string;
  pgliteDir: string;
}

/**
 * Validates the environment.
 * @param source variables, default `process.env`
 * @throws Error listing every problem, one per line, when the configuration is invalid
 */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  const dataDir = path.resolve(env.DATA_DIR);
  return { ...env, dataDir, uploadsDir: path.join(dataDir, 'uploads'), pgliteDir: path.join(dataDir, 'pglite') };
}
