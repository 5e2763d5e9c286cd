import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Permission } from '@lifeline/shared';

/** One page of the app: its path, menu entry and the permission it needs (ant-design-pro style). */
export interface AppRoute {
  path: string;
  /** i18n key of the menu label / page title */
  titleKey: string;
  /** shown in the side menu (and which icon) */
  menu?: 'dashboard' | 'hazards' | 'inspections' | 'institutions' | 'checklists' | 'myTasks' | 'campaigns' | 'users' | 'audit' | 'settings';
  permission: Permission;
  element: LazyExoticComponent<ComponentType>;
}

const page = (loader: () => Promise<{ default: ComponentType }>) => lazy(loader);

/** A page anyone may open without logging in, rendered outside the authenticated layout (like /login). */
export interface PublicRoute {
  path: string;
  /** i18n key of the page title */
  titleKey: string;
  element: LazyExoticComponent<ComponentType>;
}

/** Public pages (no session, no permission): 短视频展播. */
export const PUBLIC_ROUTES: PublicRoute[] = [
  { path: '/showcase', titleKey: 'showcase.title', element: page(() => import('./pages/public/ShowcasePage.tsx')) },
];

export const ROUTES: AppRoute[] = [
  { path: '/', titleKey: 'nav.dashboard', menu: 'dashboard', permission: 'dashboard.read', element: page(() => import('./pages/dashboard/DashboardPage.tsx')) },
  { path: '/hazards', titleKey: 'nav.hazards', menu: 'hazards', permission: 'hazard.read', element: page(() => import('./pages/hazards/HazardLedgerPage.tsx')) },
  { path: '/hazards/new', titleKey: 'hazards.new.title', permission: 'hazard.register', element: page(() => import('./pages/hazards/HazardNewPage.tsx')) },
  { path: '/hazards/:id', titleKey: 'hazards.detail.title', permission: 'hazard.read', element: page(() => import('./pages/hazards/HazardDetailPage.tsx')) },
  { path: '/inspections', titleKey: 'nav.inspections', menu: 'inspections', permission: 'inspection.read', element: page(() => import('./pages/inspections/InspectionListPage.tsx')) },
  { path: '/inspections/new', titleKey: 'inspections.new.title', permission: 'inspection.create', element: page(() => import('./pages/inspections/InspectionNewPage.tsx')) },
  { path: '/inspections/:id', titleKey: 'inspections.detail.title', permission: 'inspection.read', element: page(() => import('./pages/inspections/InspectionDetailPage.tsx')) },
  { path: '/institutions', titleKey: 'nav.institutions', menu: 'institutions', permission: 'institution.read', element: page(() => import('./pages/institutions/InstitutionListPage.tsx')) },
  { path: '/institutions/:id', titleKey: 'institutions.detail.title', permission: 'institution.read', element: page(() => import('./pages/institutions/InstitutionDetailPage.tsx')) },
  { path: '/checklists', titleKey: 'nav.checklists', menu: 'checklists', permission: 'checklist.read', element: page(() => import('./pages/checklists/ChecklistListPage.tsx')) },
  { path: '/checklists/:id', titleKey: 'checklists.detail.title', permission: 'checklist.read', element: page(() => import('./pages/checklists/ChecklistDetailPage.tsx')) },
  { path: '/my-tasks', titleKey: 'nav.myTasks', menu: 'myTasks', permission: 'campaign.submit', element: page(() => import('./pages/campaigns/MyTasksPage.tsx')) },
  { path: '/campaigns', titleKey: 'nav.campaigns', menu: 'campaigns', permission: 'campaign.read', element: page(() => import('./pages/campaigns/CampaignListPage.tsx')) },
  { path: '/campaigns/new', titleKey: 'campaigns.new.title', permission: 'campaign.manage', element: page(() => import('./pages/campaigns/CampaignCreatePage.tsx')) },
  { path: '/campaigns/:id', titleKey: 'campaigns.detail.title', permission: 'campaign.read', element: page(() => import('./pages/campaigns/CampaignDetailPage.tsx')) },
  { path: '/campaigns/:id/board', titleKey: 'campaignWork.board.title', permission: 'campaign.read', element: page(() => import('./pages/campaigns/BoardPage.tsx')) },
  { path: '/campaigns/:id/assignments/:assignmentId', titleKey: 'campaignWork.assignment.title', permission: 'campaign.read', element: page(() => import('./pages/campaigns/AssignmentPage.tsx')) },
  { path: '/admin/users', titleKey: 'nav.users', menu: 'users', permission: 'user.manage', element: page(() => import('./pages/admin/UsersPage.tsx')) },
  { path: '/admin/settings', titleKey: 'nav.settings', menu: 'settings', permission: 'org.manage', element: page(() => import('./pages/admin/SettingsPage.tsx')) },
  { path: '/admin/audit', titleKey: 'nav.audit', menu: 'audit', permission: 'audit.read', element: page(() => import('./pages/admin/AuditLogPage.tsx')) },
  // 消息: every signed-in user's own inbox; every role holds org.read, so nobody is turned away
  { path: '/notifications', titleKey: 'nav.notifications', permission: 'org.read', element: page(() => import('./pages/notifications/NotificationsPage.tsx')) },
];
