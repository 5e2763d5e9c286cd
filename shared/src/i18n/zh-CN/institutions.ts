/** zh-CN strings of the web app's institutions pages (keys prefixed `institutions.`). */
export const institutions = {
} as const;
