/** zh-CN strings of the web app's dashboard pages (keys prefixed `dashboard.`). */
export const dashboard = {
} as const;
