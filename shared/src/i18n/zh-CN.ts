import { domain } from './zh-CN/domain.ts';
import { ui } from './zh-CN/ui.ts';

/**
 * The zh-CN message catalogue: every user-visible string of the web app, and the server's error
 * messages, by key. Area files live in ./zh-CN/.
 */
export const zhCN = { ...domain, ...ui } as const;
