/** zh-CN strings of the web app's checklists pages (keys prefixed `checklists.`). */
export const checklists = {
} as const;
