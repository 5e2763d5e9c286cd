/** zh-CN strings of the web app's hazards pages (keys prefixed `hazards.`). */
export const hazards = {
} as const;
