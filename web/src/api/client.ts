import { t, type FieldIssue } from '@lifeline/shared';

/** An error answer of the API, with the zh-CN message for its code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: FieldIssue[] | Record<string, unknown>,
  ) {
    super(message);
  }
  /** per-field messages, keyed by dotted path */
  get fieldErrors(): Record<string, string> {
    return Array.isArray(this.details) ? Object.fromEntries(this.details.map((d) => [d.path, d.message])) : {};
  }
}

async function parse(res: Response): Promise<unknown> {
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('application/json')) return res.json();
  return res.text();
}

/**
 * Calls the API with the session cookie. JSON in, JSON out; non-2xx → {@link ApiError}.
 * @param path e.g. `/api/hazards?status=pending`
 */
export async function api<T>(path: string, init: RequestInit & { json?: unknown; idempotencyKey?: string } = {}): Promise<T> {
  const headers = new Headers(init.headers);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(init.json);
  }
  if (init.idempotencyKey) headers.set('idempotency-key', init.idempotencyKey);
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers, body, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', t('errors.NETWORK'));
  }
  const data = await parse(res);
  if (!res.ok) {
    const err = (data as { error?: { code: string; message: string; details?: FieldIssue[] } })?.error;
    const code = err?.code ?? 'INTERNAL';
    if (res.status === 401 && !path.startsWith('/api/auth/')) window.dispatchEvent(new Event('lifeline:unauthenticated'));
    throw new ApiError(res.status, code, err?.message ?? t(`errors.${code}`), err?.details);
  }
  return data as T;
}

/** Builds a query string from defined, non-empty values. */
export function qs(params: Record<string, unknown>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    u.set(k, String(v));
  }
  const s = u.toString();
  return s ? `?${s}` : '';
}

/** Uploads one file (photo) and returns its attachment record. */
export async function uploadFile(file: File | Blob, name?: string): Promise<{ id: string; url: string; originalName: string; mime: string }> {
  const fd = new FormData();
  fd.append('file', file, name ?? (file as File).name ?? 'photo.jpg');
  return api('/api/uploads', { method: 'POST', body: fd });
}

/**
 * A random id: 32 hex characters from crypto.getRandomValues, which works on a plain-HTTP install
 * too (crypto.randomUUID exists only in secure contexts: HTTPS or localhost).
 */
export function randomId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A fresh Idempotency-Key for one logical submission (keep it across retries of that submission). */
export function newIdempotencyKey(): string {
  return randomId();
}
