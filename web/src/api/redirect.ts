/** Where the login page sends the user afterwards when it is not given a usable `next`. */
export const HOME = '/';

// any origin stands in for ours: a path that stays on it is same-origin wherever the app runs
const PROBE = 'https://lifeline.invalid';

/**
 * The page to open after a login: `next` when it is a same-origin path (`/hazards?status=pending`),
 * else `/`. Refuses full URLs, protocol-relative `//host` and `/\host` (browsers read `\` as `/`),
 * control characters, and the login page itself.
 * @param next the raw `next` query parameter
 */
export function safeNext(next: string | null | undefined): string {
  if (!next || next[0] !== '/' || next[1] === '/' || next[1] === '\\' || /[\u0000-\u001f\u007f\\]/.test(next)) return HOME;
  let url: URL;
  try {
    url = new URL(next, PROBE);
  } catch {
    return HOME;
  }
  if (url.origin !== PROBE) return HOME;
  if (url.pathname === '/login' || url.pathname.startsWith('/login/')) return HOME;
  return `${url.pathname}${url.search}${url.hash}`;
}

/**
 * `page` remembering where to go afterwards (`page?next=…`); plain `page` for the home page.
 * @param page `/login` or `/change-password`
 * @param current path + query of the page the user was on, e.g. `/hazards?level=major`
 */
export function withNext(page: '/login' | '/change-password', current: string): string {
  const next = safeNext(current);
  return next === HOME ? page : `${page}?next=${encodeURIComponent(next)}`;
}

/** The login page, remembering the page to come back to (`/login?next=…`). */
export const loginPath = (current: string) => withNext('/login', current);
