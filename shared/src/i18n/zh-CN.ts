import { domain } from './zh-CN/domain.ts';
import { ui } from './zh-CN/ui.ts';
import { hazards } from './zh-CN/hazards.ts';
import { inspections } from './zh-CN/inspections.ts';
import { institutions } from './zh-CN/institutions.ts';
import { checklists } from './zh-CN/checklists.ts';
import { admin } from './zh-CN/admin.ts';
import { dashboard } from './zh-CN/dashboard.ts';
import { campaigns } from './zh-CN/campaigns.ts';
import { campaignWork } from './zh-CN/campaignWork.ts';
import { notifications } from './zh-CN/notifications.ts';
import { showcase } from './zh-CN/showcase.ts';
import { plans } from './zh-CN/plans.ts';
import { study } from './zh-CN/study.ts';
import { drills } from './zh-CN/drills.ts';
import { quiz } from './zh-CN/quiz.ts';
import { exposure } from './zh-CN/exposure.ts';
import { reports } from './zh-CN/reports.ts';
import { publicReports } from './zh-CN/publicReports.ts';

/**
 * The zh-CN message catalogue: every user-visible string of the web app, and the server's error
 * messages, by key. Area files live in ./zh-CN/, one per area of the app.
 */
export const zhCN = { ...domain, ...ui, ...hazards, ...inspections, ...institutions, ...checklists, ...admin, ...dashboard, ...campaigns, ...campaignWork, ...notifications, ...showcase, ...drills, ...plans, ...study, ...quiz, ...publicReports, ...exposure, ...reports } as const;
