/**
 * Domain vocabularies shared by server and web. Code names follow shared/design/glossary.md;
 * the Chinese labels live in the message catalogue (i18n/zh-CN.ts) under the same keys.
 */

/** 民政服务机构 types (glossary). */
export const INSTITUTION_TYPES = [
  'elderly_care',
  'child_welfare',
  'relief_station',
  'funeral_service',
  'mental_health_welfare',
] as const;
export type InstitutionType = (typeof INSTITUTION_TYPES)[number];

/** Operating status of an institution. */
export const INSTITUTION_STATUSES = ['operating', 'suspended', 'closed'] as const;
export type InstitutionStatus = (typeof INSTITUTION_STATUSES)[number];

/** 乡镇 kind: 镇 or 乡. */
export const TOWNSHIP_KINDS = ['town', 'township'] as const;
export type TownshipKind = (typeof TOWNSHIP_KINDS)[number];

/** Roles of ARCHITECTURE.md "Users and scope". The public has no account and no role. */
export const ROLES = [
  'county_admin',
  'county_staff',
  'county_leader',
  'township_officer',
  'institution_officer',
] as const;
export type Role = (typeof ROLES)[number];

/** What a role's scope is bound to. */
export type ScopeLevel = 'county' | 'township' | 'institution';
export const ROLE_SCOPE: Record<Role, ScopeLevel> = {
  county_admin: 'county',
  county_staff: 'county',
  county_leader: 'county',
  township_officer: 'township',
  institution_officer: 'institution',
};

/** 一般隐患 / 重大隐患. */
export const HAZARD_LEVELS = ['general', 'major'] as const;
export type HazardLevel = (typeof HAZARD_LEVELS)[number];

/**
 * Hazard categories used by the ledger filter and the dashboards. A checklist item carries one;
 * an ad-hoc hazard picks one.
 */
export const HAZARD_CATEGORIES = [
  'life_passage',
  'fire_facility',
  'electrical',
  'gas',
  'building',
  'special_equipment',
  'qualification',
  'food',
  'medical',
  'management',
  'service',
  'other',
] as const;
export type HazardCategory = (typeof HAZARD_CATEGORIES)[number];

/** 待整改 → 整改中 → 待验收 → 已销号 (glossary). */
export const HAZARD_STATUSES = ['pending', 'rectifying', 'awaiting_verification', 'closed'] as const;
export type HazardStatus = (typeof HAZARD_STATUSES)[number];

/** Where a hazard came from. */
export const HAZARD_SOURCES = ['inspection', 'adhoc', 'public_report', 'drill'] as const;
export type HazardSource = (typeof HAZARD_SOURCES)[number];

/** The steps of the hazard closed loop; the transition table is server/src/modules/hazards/hazards.workflow.ts. */
export const HAZARD_ACTIONS = ['start_rectification', 'submit_rectification', 'verify', 'return', 'update'] as const;
export type HazardAction = (typeof HAZARD_ACTIONS)[number];

/** Kinds of inspection (排查): by the county, by a township, or an institution's self-inspection (自查). */
export const INSPECTION_KINDS = ['county', 'township', 'self'] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];

/** An item's outcome in an inspection. */
export const ITEM_RESULTS = ['pass', 'fail', 'na'] as const;
export type ItemResult = (typeof ITEM_RESULTS)[number];

/**
 * A hazard title that names the problem found, not the rule: the inspector's note (first sentence)
 * when there is one, else 「不符合：<check text>」; prefixed with the item code.
 */
export function findingTitle(code: string, checkText: string, note: string): string {
  const finding = note.trim().split(/[。；;\n]/)[0]!.trim();
  return `${code} ${finding || `不符合：${checkText}`}`.slice(0, 100);
}

/** 应急预案 kinds (issue 4; the notice and common practice in 民政服务机构). */
export const PLAN_KINDS = ['comprehensive', 'fire', 'earthquake', 'flood_typhoon', 'food_poisoning', 'missing_resident', 'infectious_disease', 'other'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];

/** 应急演练 scenarios (the notice: 火灾、地震、洪涝 evacuation drills; others institutions run). */
export const DRILL_SCENARIOS = ['fire', 'earthquake', 'flood_typhoon', 'food_poisoning', 'missing_resident', 'infectious_disease', 'other'] as const;
export type DrillScenario = (typeof DRILL_SCENARIOS)[number];

/**
 * 学习宣传 / 安全培训 kinds, as the 2024 notice names them: 专题研讨, 集中宣讲, 辅导报告,
 * 安全生产大家谈, 班前会, 以案普法, 观看警示教育片, 专家讲解, 全民安全公开课, plus 应急培训 and 其他.
 */
export const STUDY_KINDS = ['seminar', 'lecture', 'tutorial_report', 'safety_talk', 'pre_shift_meeting', 'case_law', 'warning_film', 'expert_talk', 'public_class', 'emergency_training', 'other'] as const;
export type StudyKind = (typeof STUDY_KINDS)[number];

/**
 * Regulations a study session can cover (codes; labels in i18n `regulation.*`, named as the notice
 * and shared/reference name them). `major_hazard_criteria` is 《养老机构重大事故隐患判定标准》;
 * training coverage counts the sessions covering it.
 */
export const REGULATIONS = ['major_hazard_criteria', 'work_safety_law', 'fire_law', 'fire_safety_rules_61', 'elderly_care_fire_rules', 'elderly_care_service_safety', 'child_welfare_rules', 'relief_station_rules', 'funeral_safety_guide', 'mental_health_welfare_rules', 'other'] as const;
export type RegulationCode = (typeof REGULATIONS)[number];

/** Categories of a public report (issue 5, as the notice singles out 生命通道 violations). */
export const REPORT_CATEGORIES = ['blocked_fire_lane', 'blocked_escape_route', 'locked_exit', 'sealed_window_bars', 'fire_facility', 'electrical_charging', 'other_major', 'other_violation'] as const;
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];

/** Statuses of a public report: 待受理 → 已受理 → 核查中 → 已核实 → 奖励中 → 办结; 不予受理. */
export const REPORT_STATUSES = ['pending', 'accepted', 'verifying', 'verified', 'rewarding', 'closed', 'rejected'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
