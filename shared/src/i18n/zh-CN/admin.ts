/** zh-CN strings of the web app's admin pages (keys prefixed `admin.`). */
export const admin = {
} as const;
