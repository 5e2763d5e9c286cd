import { Tag } from 'antd';
import { ApiError } from '../../api/client.ts';
import { isCalendarDate, t, type CampaignStatus, type CampaignSummary, type CampaignTask, type CampaignFromNoticeResult, type CampaignDetail } from '@lifeline/shared';

/** 草稿 grey, 已发布 blue (in progress), 已结束 green. */
const STATUS_COLOR: Record<CampaignStatus, string> = { draft: 'default', published: 'processing', ended: 'success' };

/** A campaign's status as a coloured tag. */
export function CampaignStatusTag({ status }: { status: CampaignStatus }) {
  return (
    <Tag color={STATUS_COLOR[status]} style={{ marginInlineEnd: 0 }} data-testid="campaign-status">
      {t(`campaignStatus.${status}`)}
    </Tag>
  );
}

/** 活动时间 as `2024-06-01 至 2024-06-30`, `未定` when the notice gave none. */
export function periodText(c: Pick<CampaignSummary, 'startsOn' | 'endsOn'>): string {
  if (!c.startsOn && !c.endsOn) return t('campaigns.periodUnknown');
  return t('campaigns.period', { from: c.startsOn ?? '…', to: c.endsOn ?? '…' });
}

/** 一、二、… for a section number (Arabic beyond twenty). */
export function sectionNumeral(n: number): string {
  const list = t('campaigns.detail.sectionNumerals').split(',');
  return list[n - 1] ?? String(n);
}

/** Office id → name, from GET /api/org. */
export type OfficeNames = ReadonlyMap<string, string>;

/**
 * 报送对象 in words: 各乡镇 / 各服务机构 / the institution types (养老机构、儿童福利机构) /
 * 局机关：办公室.
 */
export function scopeText(task: Pick<CampaignTask, 'assigneeScope' | 'institutionTypes' | 'officeId'>, offices: OfficeNames): string {
  if (task.assigneeScope === 'each_institution_of_types') {
    if (task.institutionTypes.length === 0) return t('campaignScope.each_institution_of_types');
    return t('campaigns.tasks.scopeTypes', { types: task.institutionTypes.map((v) => t(`institutionType.${v}`)).join('、') });
  }
  if (task.assigneeScope === 'office') {
    const name = (task.officeId && offices.get(task.officeId)) || t('campaigns.tasks.officeUnknown');
    return t('campaigns.tasks.scopeOffice', { office: name });
  }
  return t(`campaignScope.${task.assigneeScope}`);
}

/** What is handed in, with its quantity: `文章/经验做法 · 1 篇`, `记录数量 · 演练 2 次`. */
export function quantityText(task: Pick<CampaignTask, 'deliverableKind' | 'countOf' | 'requiredQuantity'>): string {
  if (task.deliverableKind === 'count') {
    return task.countOf ? t('campaigns.tasks.countValue', { what: t(`countOf.${task.countOf}`), n: task.requiredQuantity }) : String(task.requiredQuantity);
  }
  return t('campaigns.tasks.quantityValue', { n: task.requiredQuantity, unit: t(`deliverableUnit.${task.deliverableKind}`) });
}

/** The parser report kept for a campaign created in this tab (shown on its detail page until dismissed). */
export interface ParseReport {
  unplacedTasks: CampaignFromNoticeResult['unplacedTasks'];
  issues: CampaignFromNoticeResult['issues'];
  /** how many tasks the parser placed when the campaign was created */
  placed: number;
  /** how many event days the parser found */
  events?: number;
  /** indexes of unplaced tasks the admin has added since */
  added: number[];
}

const reportKey = (id: string) => `lifeline:campaign-parse:${id}`;

/** Keeps the parser report of a new campaign for this tab (the logout clears `lifeline:` keys). */
export function saveParseReport(result: CampaignFromNoticeResult): ParseReport {
  const report: ParseReport = { unplacedTasks: result.unplacedTasks, issues: result.issues, placed: result.campaign.tasks.length, events: result.campaign.events.length, added: [] };
  writeParseReport(result.campaign.id, report);
  return report;
}

export function writeParseReport(id: string, report: ParseReport | null) {
  try {
    if (report) sessionStorage.setItem(reportKey(id), JSON.stringify(report));
    else sessionStorage.removeItem(reportKey(id));
  } catch {
    /* storage disabled: the report lives only as long as the page */
  }
}

export function readParseReport(id: string): ParseReport | null {
  try {
    const raw = sessionStorage.getItem(reportKey(id));
    return raw ? (JSON.parse(raw) as ParseReport) : null;
  } catch {
    return null;
  }
}

/**
 * A deadline phrase of the notice (`6月5日前`, `６月２０日`) → `YYYY-MM-DD` in `year`, or undefined
 * when it names no real day (2月30日 stays empty for the admin to pick).
 */
export function dateFromPhrase(phrase: string, year: number): string | undefined {
  const ascii = phrase.replace(/[\uff10-\uff19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48));
  // 月 = \u6708, 日 = \u65e5 (no CJK literals in web code)
  const m = /(\d{1,2})\s*\u6708\s*(\d{1,2})\s*[\u65e5\u53f7]/.exec(ascii);
  if (!m) return undefined;
  const d = `${year}-${m[1]!.padStart(2, '0')}-${m[2]!.padStart(2, '0')}`;
  return isCalendarDate(d) ? d : undefined;
}

/** Normalises the answer of a create call: the notice result shape, or a bare campaign detail. */
export function asNoticeResult(r: CampaignFromNoticeResult | CampaignDetail): CampaignFromNoticeResult {
  return 'campaign' in r ? r : { campaign: r, unplacedTasks: [], issues: [] };
}

/** A task whose deadline has already passed, as the publish confirmation lists it (and the server's 409 names it). */
export interface PastDeadline {
  taskId: string;
  title: string;
  deadlineDate: string;
}

/** The tasks whose deadline (the end of its day, Asia/Shanghai) is before `now`, soonest first. */
export function pastDeadlines(tasks: readonly Pick<CampaignTask, 'id' | 'title' | 'deadline' | 'deadlineDate'>[], now: number): PastDeadline[] {
  return tasks
    .filter((task) => new Date(task.deadline).getTime() < now)
    .sort((a, b) => a.deadline.localeCompare(b.deadline))
    .map((task) => ({ taskId: task.id, title: task.title, deadlineDate: task.deadlineDate }));
}

/** The past deadlines of a 409 answer to 发布 (`error.details.pastDeadlines`), or null for any other error. */
export function pastDeadlinesOf(e: unknown): PastDeadline[] | null {
  if (!(e instanceof ApiError) || e.status !== 409 || !e.details || Array.isArray(e.details)) return null;
  const list = (e.details as { pastDeadlines?: unknown }).pastDeadlines;
  if (!Array.isArray(list) || list.length === 0) return null;
  return list.filter((d): d is PastDeadline => !!d && typeof d === 'object' && typeof (d as PastDeadline).title === 'string' && typeof (d as PastDeadline).deadlineDate === 'string');
}
