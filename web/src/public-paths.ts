/** Paths served by the light public bundle (no antd): the report form and status, the exposure board. */
const LIGHT_PUBLIC = /^\/(?:report(?:\/status)?|exposure(?:\/[^/]+)?)\/?$/;

/** Whether a path belongs to the light public bundle (public-entry.tsx). */
export function isLightPublicPath(pathname: string): boolean {
  return LIGHT_PUBLIC.test(pathname);
}
