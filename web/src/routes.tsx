import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Permission } from '@lifeline/shared';

/** One page of the app: its path, menu entry and the permission it needs (ant-design-pro style). */
export interface AppRoute {
  path: string;
  /** i18n key of the menu label / page title */
  titleKey: string;
  /** shown in the side menu (and which icon) */
  menu?: 'dashboard' | 'hazards' | 'inspections' | 'institutions' | 'checklists' | 'myTasks' | 'campaigns' | 'plans' | 'drills' | 'study' | 'quizTake' | 'quizzes' | 'exposure' | 'exposureReview' | 'reports' | 'users' | 'audit' | 'settings';
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

/** Public pages (no session, no permission): 短视频展播, 网络知识答题. */
export const PUBLIC_ROUTES: PublicRoute[] = [
  { path: '/showcase', titleKey: 'showcase.title', element: page(() => import('./pages/public/ShowcasePage.tsx')) },
  { path: '/quiz/:id', titleKey: 'quiz.public.title', element: page(() => import('./pages/public/QuizPublicPage.tsx')) },
  { path: '/exposure', titleKey: 'exposure.public.title', element: page(() => import('./pages/public/ExposurePage.tsx')) },
  { path: '/exposure/:id', titleKey: 'exposure.public.title', element: page(() => import('./pages/public/ExposurePage.tsx')) },
  { path: '/report', titleKey: 'publicReports.title', element: page(() => import('./pages/public/ReportPage.tsx')) },
  { path: '/report/status', titleKey: 'publicReports.status.title', element: page(() => import('./pages/public/ReportStatusPage.tsx')) },
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
  { path: '/plans', titleKey: 'nav.plans', menu: 'plans', permission: 'preparedness.read', element: page(() => import('./pages/plans/PlanListPage.tsx')) },
  { path: '/plans/:id', titleKey: 'plans.detail.title', permission: 'preparedness.read', element: page(() => import('./pages/plans/PlanDetailPage.tsx')) },
  { path: '/drills', titleKey: 'nav.drills', menu: 'drills', permission: 'preparedness.read', element: page(() => import('./pages/drills/DrillListPage.tsx')) },
  { path: '/drills/new', titleKey: 'drills.form.newTitle', permission: 'drill.record', element: page(() => import('./pages/drills/DrillFormPage.tsx')) },
  { path: '/drills/history', titleKey: 'drills.history.title', permission: 'preparedness.read', element: page(() => import('./pages/drills/DrillHistoryPage.tsx')) },
  { path: '/drills/coverage', titleKey: 'drills.coverage.title', permission: 'preparedness.read', element: page(() => import('./pages/drills/DrillCoveragePage.tsx')) },
  { path: '/drills/:id', titleKey: 'drills.detail.title', permission: 'preparedness.read', element: page(() => import('./pages/drills/DrillDetailPage.tsx')) },
  { path: '/drills/:id/record', titleKey: 'drills.form.recordTitle', permission: 'drill.record', element: page(() => import('./pages/drills/DrillFormPage.tsx')) },
  { path: '/study', titleKey: 'nav.study', menu: 'study', permission: 'preparedness.read', element: page(() => import('./pages/study/StudyListPage.tsx')) },
  { path: '/study/new', titleKey: 'study.new.title', permission: 'study.record', element: page(() => import('./pages/study/StudyFormPage.tsx')) },
  { path: '/study/coverage', titleKey: 'study.coverage.title', permission: 'preparedness.read', element: page(() => import('./pages/study/StudyCoveragePage.tsx')) },
  { path: '/study/:id', titleKey: 'study.detail.title', permission: 'preparedness.read', element: page(() => import('./pages/study/StudyDetailPage.tsx')) },
  { path: '/study/:id/edit', titleKey: 'study.edit.title', permission: 'study.record', element: page(() => import('./pages/study/StudyFormPage.tsx')) },
  { path: '/my-quizzes', titleKey: 'nav.quizTake', menu: 'quizTake', permission: 'quiz.take', element: page(() => import('./pages/quiz/MyQuizzesPage.tsx')) },
  { path: '/my-quizzes/attempts/:attemptId', titleKey: 'nav.quizTake', permission: 'quiz.take', element: page(() => import('./pages/quiz/AttemptPage.tsx')) },
  { path: '/quizzes', titleKey: 'nav.quizzes', menu: 'quizzes', permission: 'quiz.results', element: page(() => import('./pages/quiz/QuizListPage.tsx')) },
  { path: '/quizzes/questions', titleKey: 'nav.quizBank', permission: 'quiz.manage', element: page(() => import('./pages/quiz/QuestionBankPage.tsx')) },
  { path: '/quizzes/:id', titleKey: 'nav.quizzes', permission: 'quiz.results', element: page(() => import('./pages/quiz/QuizResultsPage.tsx')) },
  // 举报处理 (staff side of public reports): county roles and the township officers of assigned reports
  { path: '/reports', titleKey: 'nav.reports', menu: 'reports', permission: 'report.read', element: page(() => import('./pages/reports/ReportListPage.tsx')) },
  { path: '/reports/:id', titleKey: 'nav.reports', permission: 'report.read', element: page(() => import('./pages/reports/ReportDetailPage.tsx')) },
  // 曝光台: the same pages under two bases — staff prepare (exposure.manage), the leader approves (exposure.approve)
  { path: '/exposure-board', titleKey: 'exposure.nav', menu: 'exposure', permission: 'exposure.manage', element: page(() => import('./pages/exposure/ExposureListPage.tsx')) },
  { path: '/exposure-board/:id', titleKey: 'exposure.detail.title', permission: 'exposure.manage', element: page(() => import('./pages/exposure/ExposureDetailPage.tsx')) },
  { path: '/exposure-review', titleKey: 'exposure.navReview', menu: 'exposureReview', permission: 'exposure.approve', element: page(() => import('./pages/exposure/ExposureListPage.tsx')) },
  { path: '/exposure-review/:id', titleKey: 'exposure.detail.title', permission: 'exposure.approve', element: page(() => import('./pages/exposure/ExposureDetailPage.tsx')) },
  { path: '/admin/users', titleKey: 'nav.users', menu: 'users', permission: 'user.manage', element: page(() => import('./pages/admin/UsersPage.tsx')) },
  { path: '/admin/settings', titleKey: 'nav.settings', menu: 'settings', permission: 'org.manage', element: page(() => import('./pages/admin/SettingsPage.tsx')) },
  { path: '/admin/audit', titleKey: 'nav.audit', menu: 'audit', permission: 'audit.read', element: page(() => import('./pages/admin/AuditLogPage.tsx')) },
  // 消息: every signed-in user's own inbox; every role holds org.read, so nobody is turned away
  { path: '/notifications', titleKey: 'nav.notifications', permission: 'org.read', element: page(() => import('./pages/notifications/NotificationsPage.tsx')) },
];
