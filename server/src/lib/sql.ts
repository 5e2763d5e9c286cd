/**
 * Escapes `%`, `_` and `\` so a user's search term matches literally inside a LIKE/ILIKE pattern
 * (PostgreSQL's default escape character is the backslash).
 * @example ilike(col, `%${escapeLike(q)}%`)
 */
export const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);
