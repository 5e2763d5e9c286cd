/** zh-CN strings of the web app's inspections pages (keys prefixed `inspections.`). */
export const inspections = {
} as const;
