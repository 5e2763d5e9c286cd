import type { FastifyRequest } from 'fastify';

/**
 * What the request log may say about a request. Reporter protection (issue 5): no client address,
 * port or user agent may be written for the public — not for /api/public/* calls, and not for the
 * pages and files the public loads (otherwise "address X opened /report at 10:01" next to "report
 * received at 10:02" would expose a reporter). The address is kept only for the staff API (/api/…
 * outside /api/public/), where it helps trace abuse of accounts. Public URLs are logged without
 * their query string (an institution search term says what someone is about to report).
 */

/** Whether the request is a staff API call (the only kind whose client address is logged). */
export function isStaffApi(url: string): boolean {
  return url.startsWith('/api/') && !url.startsWith('/api/public/');
}

/**
 * Pino serializer of `req` (replaces Fastify's default, which logs `remoteAddress`/`remotePort`
 * for every request).
 * @returns `{ method, url, host?, remoteAddress?, remotePort? }`
 */
export function serializeRequest(req: FastifyRequest): Record<string, unknown> {
  const url = req.url ?? '';
  if (!isStaffApi(url)) return { method: req.method, url: url.split('?')[0] };
  return { method: req.method, url, host: req.host, remoteAddress: req.ip, remotePort: req.socket?.remotePort };
}

/**
 * The server's pino options: level, redaction of cookies and auth headers, and
 * {@link serializeRequest}. Tests that capture logs add a `stream`.
 */
export function loggerOptions(level: string) {
  return {
    level,
    // never log cookies, auth headers or bodies; @fastify/multipart logs every request header
    // (cookie, user agent, X-Forwarded-For, Idempotency-Key) at trace level as busboyOptions.headers
    redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', 'busboyOptions.headers'],
    serializers: { req: serializeRequest },
  };
}
