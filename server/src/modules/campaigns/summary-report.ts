import { and, eq, gte, inArray, lt, lte, or, sql, type Column, type SQL } from 'drizzle-orm';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IFontAttributesProperties,
} from 'docx';
import { checklistItem, county, hazard, inspection, institution, publicReport, submission, taskAssignment, township, type DbOrTx } from '@lifeline/db';
import {
  HAZARD_CATEGORIES,
  ROLE_SCOPE,
  endOfLocalDay,
  localDate,
  localParts,
  startOfLocalDay,
  t,
  type HazardCategory,
  type SummaryFigures,
} from '@lifeline/shared';
import { AppError, forbidden, notFound } from '../../lib/app-error.ts';
import { canSeeTownship, requirePermission, scopeFilter, type Actor, type ScopeColumns } from '../../policies/index.ts';
import { findCampaign, findEvents, findTasks, type CampaignRow } from './campaigns.repo.ts';
import { findAssignments, toAssignmentDtos } from './assignments.ts';
import { drillStats } from '../drills/drills.service.ts';
import { studyStats } from '../study/study.service.ts';
import { quizStats } from '../quiz/quiz.service.ts';

/**
 * 活动情况总结 — the summary report of a campaign for one township or the whole county
 * (docs/decisions/0002-campaigns.md "Summary report"; glossary 活动情况总结 = summary report).
 *
 * {@link collectSummaryFigures} counts the records of the campaign period in the actor's scope;
 * {@link buildSummaryDocx} lays those figures out as a draft official document (.docx, layout after
 * GB/T 9704-2012 《党政机关公文格式》). Every number in the document comes from the figures object.
 * Drills, study sessions and public reports are not recorded in Lifeline yet (issues 4 and 5): they are
 * carried as `tracked: false` with zero counts and the document says so in words.
 */

export type { SummaryFigures } from '@lifeline/shared';

/** Addressee when the campaign's summary task names none (the notice: 报送县局办公室). */
export const DEFAULT_RECIPIENT = '县民政局办公室';

/** The counting window of a summary: `[from, to]` inclusive, and where it comes from. */
export interface SummaryPeriod {
  from: Date;
  to: Date;
  basis: 'campaign' | 'published' | 'created';
}

/**
 * The period a campaign's figures are counted over: from the start of `startsOn` to the end of
 * `endsOn` (local days, Asia/Shanghai). A missing start falls back to the publishing (else creation)
 * instant, a missing end to `now`.
 * @param c the campaign (dates as `YYYY-MM-DD`)
 * @param now the current instant
 */
export function summaryPeriod(c: Pick<CampaignRow, 'startsOn' | 'endsOn' | 'publishedAt' | 'createdAt'>, now: Date): SummaryPeriod {
  const basis = c.startsOn || c.endsOn ? 'campaign' : c.publishedAt ? 'published' : 'created';
  const from = c.startsOn ? startOfLocalDay(c.startsOn) : (c.publishedAt ?? c.createdAt);
  const to = c.endsOn ? endOfLocalDay(c.endsOn) : now;
  return { from, to, basis };
}

/**
 * The addressee of the summary from the summary task's recipient (通知：报送县局办公室): 「县局」 is the
 * county bureau (glossary 民政局 / 县局), written out as 县民政局; empty → {@link DEFAULT_RECIPIENT}.
 */
export function summaryRecipient(recipient: string | null | undefined): string {
  const r = (recipient ?? '').trim().replace(/[：:。]+$/, '');
  if (!r) return DEFAULT_RECIPIENT;
  return r.replace(/^县局/, '县民政局');
}

/** Addressee of the county-level summary: not named by the notice, so the writer fills it in. */
const COUNTY_RECIPIENT_PLACEHOLDER = '【请填写主送单位】';

/** The group of 生命通道 hazards registered without a checklist item (随手拍, reports, drills). */
const LP_OUTSIDE_CHECKLIST = '检查表外发现（随手拍、举报、演练等）';

const countOf = (cond?: SQL) => (cond ? sql<number>`count(*) filter (where ${cond})` : sql<number>`count(*)`).mapWith(Number);

/**
 * Counts the figures of a campaign's 活动情况总结 for the county or one township.
 *
 * Scope: county roles get the whole county, or one township with `townshipId`; a township officer is
 * always limited to their own township (another township → 404). Institution officers get 403: there
 * is no institution-level summary. What each figure means (all in the period of {@link summaryPeriod}):
 * - inspections: inspections with `inspectedAt` in the period, by kind (家次), distinct institutions
 *   covered, and operating institutions in scope now;
 * - hazards: found (`foundAt`) in the period by level and category, and of those the ones closed
 *   (已销号) by `now`; besides, hazards closed (`closedAt`) in the period whenever found, and of these
 *   the ones found before the period (存量);
 * - lifePassage: hazards of category 生命通道 (the same set as the category table) found in the
 *   period, fixed = closed in the period (fixedStock: of these, found before it), by the checklist
 *   group they were found under (疏散通道与安全出口 …; 随手拍/举报 without a checklist item);
 * - drills: held drills in the period (server/src/modules/drills drillStats: count, night drills,
 *   institutions covered, participants = staff + residents); studySessions: sessions held in the
 *   period (study studyStats: count, attendance = person-times, sessions on the major-hazard
 *   criteria); quiz: submitted knowledge-quiz attempts (quiz quizStats);
 * - publicReports: public reports received in the period (a township: those assigned to it),
 *   confirmed = verdict 属实/部分属实, handled = 办结 or 不予受理 by now;
 * - tasks: per task, the assignments in scope (`total`), those the completion board shows as 已通过
 *   (`done`: latest submission accepted — a task without review is accepted on submission — or, for
 *   a `count` deliverable, the records of the period reaching the quantity), and of those the ones
 *   whose first version was handed in by the task deadline (`onTime`; a reached count is on time,
 *   its records being counted up to the deadline).
 *
 * @param now the current instant (`asOf`; end of the period when the campaign has no end date)
 * @throws AppError FORBIDDEN (no `campaign.read`, or an institution officer), NOT_FOUND (unknown
 *   campaign, unknown or out-of-scope township), CONFLICT (the campaign is still a draft)
 */
export async function collectSummaryFigures(db: DbOrTx, actor: Actor, campaignId: string, opts: { townshipId?: string | undefined }, now: Date): Promise<SummaryFigures> {
  requirePermission(actor, 'campaign.read');
  const level = ROLE_SCOPE[actor.role];
  if (level === 'institution') throw forbidden('机构不单独生成活动情况总结，请由乡镇民政办或县局生成');
  const c = await findCampaign(db, campaignId);
  if (!c) throw notFound('活动不存在');

  const townshipId = level === 'township' ? (opts.townshipId ?? actor.townshipId!) : (opts.townshipId ?? null);
  let tw: { id: string; name: string; kind: 'town' | 'township' } | null = null;
  if (townshipId) {
    if (!canSeeTownship(actor, townshipId)) throw notFound('乡镇不存在');
    const [row] = await db.select({ id: township.id, name: township.name, kind: township.kind }).from(township).where(and(eq(township.id, townshipId), eq(township.countyId, actor.countyId)));
    if (!row) throw notFound('乡镇不存在');
    tw = row;
  }
  if (c.status === 'draft') throw new AppError('CONFLICT', '活动尚未发布，草稿不能生成活动情况总结', { status: c.status });

  const [cty] = await db.select().from(county).where(eq(county.id, actor.countyId));
  const countyName = cty?.name ?? '';
  const period = summaryPeriod(c, now);
  const { from, to } = period;

  /** the actor's scope, narrowed to the township when one is asked for */
  const inScope = (cols: ScopeColumns, ...conds: (SQL | undefined)[]) => and(scopeFilter(actor, cols), tw ? eq(cols.township, tw.id) : undefined, ...conds);
  const within = (col: Column) => and(gte(col, from), lte(col, to))!;

  // inspections (检查家次) in the period
  const inspScope = { township: inspection.townshipId, institution: inspection.institutionId };
  const byKindRows = await db
    .select({ kind: inspection.kind, n: countOf() })
    .from(inspection)
    .where(inScope(inspScope, within(inspection.inspectedAt)))
    .groupBy(inspection.kind);
  const byKind = { county: 0, township: 0, self: 0 };
  for (const r of byKindRows) byKind[r.kind] = r.n;
  const [covered] = await db
    .select({ n: sql<number>`count(distinct ${inspection.institutionId})`.mapWith(Number) })
    .from(inspection)
    .where(inScope(inspScope, within(inspection.inspectedAt)));
  const [instTotal] = await db
    .select({ n: countOf() })
    .from(institution)
    .where(inScope({ township: institution.townshipId, institution: institution.id }, eq(institution.status, 'operating')));

  // hazards: found in the period (and closed since), closed in the period (and found before it)
  const hScope = { township: hazard.townshipId, institution: hazard.institutionId };
  const foundIn = within(hazard.foundAt);
  const closedIn = within(hazard.closedAt);
  const hazardRows = await db
    .select({
      level: hazard.level,
      category: hazard.category,
      found: countOf(foundIn),
      closed: countOf(and(foundIn, eq(hazard.status, 'closed'))),
      closedInPeriod: countOf(closedIn),
      stock: countOf(and(closedIn, lt(hazard.foundAt, from))),
    })
    .from(hazard)
    .where(inScope(hScope, or(foundIn, closedIn)))
    .groupBy(hazard.level, hazard.category);
  const byLevel = { general: { found: 0, closed: 0 }, major: { found: 0, closed: 0 } };
  const cats = new Map<HazardCategory, { found: number; closed: number; major: number }>();
  let closedInPeriod = 0;
  let closedInPeriodStock = 0;
  for (const r of hazardRows) {
    byLevel[r.level].found += r.found;
    byLevel[r.level].closed += r.closed;
    closedInPeriod += r.closedInPeriod;
    closedInPeriodStock += r.stock;
    if (r.found === 0) continue;
    const cat = (HAZARD_CATEGORIES as readonly string[]).includes(r.category) ? (r.category as HazardCategory) : 'other';
    const e = cats.get(cat) ?? { found: 0, closed: 0, major: 0 };
    e.found += r.found;
    e.closed += r.closed;
    if (r.level === 'major') e.major += r.found;
    cats.set(cat, e);
  }
  const byCategory = HAZARD_CATEGORIES.filter((k) => cats.has(k)).map((k) => ({ category: k, ...cats.get(k)! }));

  // 生命通道: hazards of LP-xx checklist items
  // the hazards of category 生命通道 (the same set as the category table), grouped by the checklist
  // group they were found under (疏散通道与安全出口 …) or, without one, as found outside a checklist
  const lpGroup = sql<string>`coalesce(${checklistItem.category}, ${LP_OUTSIDE_CHECKLIST})`;
  const lpRows = await db
    .select({ group: lpGroup, found: countOf(foundIn), fixed: countOf(closedIn), fixedStock: countOf(and(closedIn, lt(hazard.foundAt, from))) })
    .from(hazard)
    .leftJoin(checklistItem, eq(checklistItem.id, hazard.checklistItemId))
    .where(inScope(hScope, eq(hazard.category, 'life_passage'), or(foundIn, closedIn)))
    // by position: the group expression carries a bound parameter, which GROUP BY could not match
    .groupBy(sql`1`)
    .orderBy(sql`min(coalesce(${checklistItem.sortOrder}, 1000000))`, sql`1`);

  // preparedness records of the period (issue 4): drills held, study sessions, quiz attempts
  const narrow = tw ? { townshipId: tw.id } : {};
  const dr = await drillStats(db, actor, { from, to: new Date(to.getTime() + 1), ...narrow });
  const st = await studyStats(db, actor, { from: localDate(from), to: localDate(to), ...narrow });
  const qz = await quizStats(db, actor, { from, to: new Date(to.getTime() + 1), ...narrow });

  // public reports received in the period (the township's: those assigned to it), how many were
  // found true (属实/部分属实) and how many are concluded (办结 or 不予受理) by now
  const [pr] = await db
    .select({
      received: countOf(),
      confirmed: countOf(inArray(publicReport.verdict, ['true', 'partly_true'])),
      handled: countOf(inArray(publicReport.status, ['closed', 'rejected'])),
    })
    .from(publicReport)
    .where(and(gte(publicReport.receivedAt, from), lte(publicReport.receivedAt, to), tw ? eq(publicReport.townshipId, tw.id) : undefined));

  // tasks: the board's derived state of each assignment in scope (count tasks included), and for
  // submitted deliverables whether the first version came in by the deadline
  const tasks = await findTasks(db, c.id);
  const cells = await toAssignmentDtos(db, await findAssignments(db, actor, eq(taskAssignment.campaignId, c.id), tw ? eq(taskAssignment.townshipId, tw.id) : undefined), now);
  const accepted = cells.filter((a) => a.state === 'accepted');
  const firsts = accepted.length
    ? await db
        .select({ assignmentId: submission.assignmentId, submittedAt: submission.submittedAt })
        .from(submission)
        .where(and(inArray(submission.assignmentId, accepted.map((a) => a.id)), eq(submission.version, 1)))
    : [];
  const firstAt = new Map(firsts.map((f) => [f.assignmentId, f.submittedAt]));
  const perTask = new Map<string, { total: number; done: number; onTime: number }>();
  for (const a of cells) {
    const e = perTask.get(a.taskId) ?? { total: 0, done: 0, onTime: 0 };
    e.total += 1;
    if (a.state === 'accepted') {
      e.done += 1;
      // a count task reached its quantity with records dated up to the deadline: on time by definition
      const at = firstAt.get(a.id);
      if (a.count ? true : at !== undefined && at.getTime() <= new Date(a.deadline).getTime()) e.onTime += 1;
    }
    perTask.set(a.taskId, e);
  }
  const taskItems = tasks
    .filter((x) => !tw || perTask.has(x.id))
    .map((x) => ({
      taskId: x.id,
      title: x.title,
      deliverableKind: x.deliverableKind,
      deadline: x.deadline.toISOString(),
      deadlineDate: localDate(x.deadline),
      ...(perTask.get(x.id) ?? { total: 0, done: 0, onTime: 0 }),
    }));
  const summaryTask = tasks.find((x) => x.deliverableKind === 'summary_report' && x.recipient.trim()) ?? tasks.find((x) => x.recipient.trim());

  return {
    campaign: { id: c.id, name: c.name, theme: c.theme, year: c.year, issuer: c.issuer, status: c.status, startsOn: c.startsOn, endsOn: c.endsOn },
    scope: {
      kind: tw ? 'township' : 'county',
      townshipId: tw?.id ?? null,
      townshipName: tw?.name ?? null,
      countyName,
      unitName: tw ? `${tw.name}民政办` : (cty?.bureauName ?? `${countyName}民政局`),
    },
    period: { from: from.toISOString(), to: to.toISOString(), fromDate: localDate(from), toDate: localDate(to), basis: period.basis },
    asOf: now.toISOString(),
    // a township reports to whom the notice says; the bureau's own summary goes to a level the
    // notice does not name (市民政局? 县安委办?): left for the writer
    recipient: tw ? summaryRecipient(summaryTask?.recipient) : COUNTY_RECIPIENT_PLACEHOLDER,
    sections: c.sections.map((s) => ({ number: s.number, heading: s.heading, activities: s.activities })),
    events: (await findEvents(db, c.id)).map((e) => ({ name: e.name, date: e.date })),
    inspections: { total: byKind.county + byKind.township + byKind.self, byKind, institutionsCovered: covered?.n ?? 0, institutionsInScope: instTotal?.n ?? 0 },
    hazards: {
      found: byLevel.general.found + byLevel.major.found,
      closed: byLevel.general.closed + byLevel.major.closed,
      byLevel,
      byCategory,
      closedInPeriod,
      closedInPeriodStock,
    },
    lifePassage: {
      found: lpRows.reduce((s, r) => s + r.found, 0),
      fixed: lpRows.reduce((s, r) => s + r.fixed, 0),
      fixedStock: lpRows.reduce((s, r) => s + r.fixedStock, 0),
      byGroup: lpRows.map((r) => ({ group: r.group, found: r.found, fixed: r.fixed })),
    },
    drills: { tracked: true, count: dr.held, participants: dr.participants, nightCount: dr.nightHeld, institutionsCovered: dr.institutionsCovered },
    studySessions: { tracked: true, count: st.sessions, attendance: st.participants, criteriaSessions: st.criteriaSessions },
    quiz: { tracked: true, attempts: qz.attempts, participants: qz.participants, averageScore: qz.averageScore },
    publicReports: { tracked: true, received: pr?.received ?? 0, handled: pr?.handled ?? 0, confirmed: pr?.confirmed ?? 0 },
    tasks: {
      items: taskItems,
      total: taskItems.reduce((s, x) => s + x.total, 0),
      done: taskItems.reduce((s, x) => s + x.done, 0),
      onTime: taskItems.reduce((s, x) => s + x.onTime, 0),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The document
// ---------------------------------------------------------------------------------------------

/** `YYYY-MM-DD` → 2024年6月1日 (GB/T 9704-2012 writes dates with Arabic numerals). */
export function chineseDate(date: string, withYear = true): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${withYear ? `${y}年` : ''}${m}月${d}日`;
}

/** 2024年6月1日至6月30日 (the year is not repeated within one year). */
function chineseRange(fromDate: string, toDate: string): string {
  if (fromDate === toDate) return chineseDate(fromDate);
  return `${chineseDate(fromDate)}至${chineseDate(toDate, fromDate.slice(0, 4) !== toDate.slice(0, 4))}`;
}

/**
 * What the campaign is called inside the title: 「德化县民政局关于开展2024年全县民政服务机构“安全生产月”活动的通知」
 * → 「2024年全县民政服务机构“安全生产月”活动」 (「全县」 dropped in a township's summary; the year added
 * when the name has none).
 */
function activityName(f: SummaryFigures): string {
  let n = f.campaign.name.trim();
  const m = /关于(?:组织开展|开展|举办)?(.+?)的(?:通知|方案|实施方案)$/.exec(n);
  if (m) n = m[1]!;
  if (f.campaign.issuer && n.startsWith(f.campaign.issuer)) n = n.slice(f.campaign.issuer.length);
  if (f.scope.kind === 'township') n = n.replace(/^(\d{4}年)?全县/, '$1');
  if (!/\d{4}年/.test(n)) n = `${f.campaign.year}年${n}`;
  if (!/活动$/.test(n)) n = `${n}活动`;
  return n;
}

/**
 * The document title: 「德化县浔中镇2024年民政服务机构“安全生产月”活动情况总结」 for a township,
 * 「德化县民政局2024年全县民政服务机构“安全生产月”活动情况总结」 for the county.
 */
export function summaryTitle(f: SummaryFigures): string {
  const prefix = f.scope.kind === 'township' ? `${f.scope.countyName}${f.scope.townshipName ?? ''}` : f.scope.unitName;
  return `${prefix}${activityName(f)}情况总结`;
}

/** The download name: the title + `.docx` (Chinese kept; served with RFC 5987 `filename*`). */
export function summaryFileName(f: SummaryFigures): string {
  return `${summaryTitle(f).replace(/[\\/:*?"<>|]/g, '')}.docx`;
}

// Fonts (East Asian set explicitly so Word, WPS and LibreOffice pick the Chinese face; Latin and
// digits in Times New Roman as 公文 do). Sizes in half-points: 二号 22pt, 三号 16pt, 四号 14pt, 小四 12pt.
const latin = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', cs: 'Times New Roman' };
const FONT = {
  body: { ...latin, eastAsia: '仿宋_GB2312', hint: 'eastAsia' },
  hei: { ...latin, eastAsia: '黑体', hint: 'eastAsia' },
  kai: { ...latin, eastAsia: '楷体_GB2312', hint: 'eastAsia' },
  title: { ...latin, eastAsia: '方正小标宋简体', hint: 'eastAsia' },
  song: { ...latin, eastAsia: '宋体', hint: 'eastAsia' },
} satisfies Record<string, IFontAttributesProperties>;
const SIZE = { title: 44, body: 32, pageNo: 28, table: 24 };
/** 公文: 28 pt fixed line pitch (22 lines a page) */
const LINE = { line: 560, lineRule: LineRuleType.EXACT };
const INDENT_2 = { firstLine: 2 * 320, firstLineChars: 200 };
const TEXT_WIDTH_MM = 210 - 28 - 26;
/** millimetres → twips (rounded; docx's convertMillimetersToTwip floors, which makes A4 1 twip short) */
const mm = (v: number) => Math.round((v * 1440) / 25.4);
const FILL = '【请填写】';

type Font = IFontAttributesProperties;
const run = (text: string, font: Font = FONT.body, size = SIZE.body) => new TextRun({ text, font, size, language: { eastAsia: 'zh-CN', value: 'en-US' } });

/** A body paragraph: 仿宋 三号, first line indented two characters. */
const para = (...children: TextRun[]) => new Paragraph({ alignment: AlignmentType.JUSTIFIED, indent: INDENT_2, spacing: LINE, children });
/** 一、… (黑体) */
const heading1 = (text: string) => new Paragraph({ indent: INDENT_2, spacing: LINE, keepNext: true, children: [run(text, FONT.hei)] });
/** （一）… (楷体) followed by body text in the same paragraph */
const heading2 = (head: string, ...rest: TextRun[]) => para(run(head, FONT.kai), ...rest);
const blank = () => new Paragraph({ spacing: LINE, children: [run('')] });

const CN_NUM = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const cnNo = (i: number) => (i < 10 ? CN_NUM[i]! : i < 19 ? `十${CN_NUM[i - 10]!}` : String(i + 1));

/** closed ÷ found as 87.5% (1 decimal, trailing .0 dropped); null when nothing was found */
function rate(closed: number, found: number): string | null {
  if (found === 0) return null;
  return `${Number(((closed / found) * 100).toFixed(1))}%`;
}

const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const BORDERS = { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border };

/**
 * A bordered table in 仿宋 小四, header row in 黑体 repeated on each page.
 * @param widths column widths as shares of the text width (they are normalised)
 * @param leftCols columns aligned left (others centred)
 */
function table(headers: string[], rows: string[][], widths: number[], leftCols: number[] = []): Table {
  const total = widths.reduce((s, w) => s + w, 0);
  const tw = widths.map((w) => Math.floor((mm(TEXT_WIDTH_MM) * w) / total));
  const cell = (text: string, col: number, header: boolean) =>
    new TableCell({
      width: { size: tw[col]!, type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      margins: { left: 80, right: 80, top: 40, bottom: 40 },
      children: [
        new Paragraph({
          alignment: !header && leftCols.includes(col) ? AlignmentType.LEFT : AlignmentType.CENTER,
          spacing: { line: 360, lineRule: LineRuleType.EXACT },
          children: [run(text, header ? FONT.hei : FONT.body, SIZE.table)],
        }),
      ],
    });
  return new Table({
    width: { size: tw.reduce((s, w) => s + w, 0), type: WidthType.DXA },
    columnWidths: tw,
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    borders: BORDERS,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: headers.map((h, i) => cell(h, i, true)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((v, i) => cell(v, i, false)) })),
    ],
  });
}

/** A table caption: 表1　… (黑体 小四, centred). */
const caption = (text: string) => new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 120, after: 60, line: 400, lineRule: LineRuleType.EXACT }, keepNext: true, children: [run(text, FONT.hei, SIZE.table)] });
/** Space after a table, so the next body line does not touch it. */
const afterTable = () => new Paragraph({ spacing: { line: 240, lineRule: LineRuleType.EXACT }, children: [run('', FONT.body, SIZE.table)] });

/** A task deadline for the table: 6月5日 (year dropped within the campaign year), with the time when not end of day. */
function deadlineLabel(iso: string, deadlineDate: string, year: number): string {
  const p = localParts(iso);
  const day = chineseDate(deadlineDate, deadlineDate.slice(0, 4) !== String(year));
  return p.hour === 23 && p.minute === 59 ? day : `${day} ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

/**
 * Lays the figures out as a draft 活动情况总结 (.docx): A4, margins after GB/T 9704-2012 (top 37 mm,
 * bottom 35, left 28, right 26), title in 方正小标宋简体 二号 centred, addressee, body in 仿宋_GB2312
 * 三号 with a two-character first-line indent on a 28 pt line pitch, headings 一、 (黑体) and （一）
 * (楷体), small tables (hazards by level and category, tasks), the parts the writer must add marked
 * 【请填写】, signature (unit) and date (`asOf` in Asia/Shanghai), page numbers 「— n —」.
 * Records Lifeline does not keep yet (drills, study sessions, public reports) are stated as
 * 「本期暂无…记录（系统尚未登记）」 with the zero counts — nothing is made up.
 * @param f figures from {@link collectSummaryFigures}
 * @returns the .docx bytes
 */
export async function buildSummaryDocx(f: SummaryFigures): Promise<Buffer> {
  const title = summaryTitle(f);
  const activity = activityName(f);
  const isTownship = f.scope.kind === 'township';
  const we = isTownship ? (f.scope.townshipName?.endsWith('乡') ? '我乡' : '我镇') : '我局';
  const area = isTownship ? '全镇' : '全县';
  const periodText = chineseRange(f.period.fromDate, f.period.toDate);
  const asOfDate = localDate(f.asOf);
  const asOfText = chineseDate(asOfDate);
  const children: (Paragraph | Table)[] = [];

  // title and addressee
  children.push(
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { line: 700, lineRule: LineRuleType.EXACT }, children: [run(title, FONT.title, SIZE.title)] }),
    blank(),
    new Paragraph({ spacing: LINE, children: [run(`${f.recipient}：`)] }),
  );

  // preamble
  const basisText = /通知$/.test(f.campaign.name.trim())
    ? `根据《${f.campaign.name.trim()}》要求`
    : `根据${f.campaign.issuer || '县民政局'}关于开展${activity}的部署`;
  const themeText = f.campaign.theme ? `，活动主题为“${f.campaign.theme}”` : '';
  const periodNote = f.period.basis === 'campaign' ? '' : '（通知未载明起止日期，按活动发布之日起统计）';
  children.push(para(run(`${basisText}，${we}于${periodText}${periodNote}组织开展了${activity}${themeText}。现将活动开展情况总结如下：`)));

  // 一、活动开展情况
  let h = 0;
  children.push(heading1(`${cnNo(h++)}、活动开展情况`));
  if (f.sections.length === 0) {
    children.push(para(run(`${FILL}本单位活动开展情况。`)));
  } else {
    children.push(para(run(`按照通知部署，活动围绕以下${f.sections.length}个方面开展：`)));
    f.sections.forEach((s, i) => {
      const acts = s.activities.length ? `通知部署了${s.activities.join('、')}等活动。` : '';
      children.push(heading2(`（${cnNo(i)}）${s.heading}。`, run(`${acts}${FILL}本单位落实情况。`)));
    });
  }
  const dated = f.events.filter((e) => e.date);
  if (dated.length) children.push(para(run(`活动期间的重要节点：${dated.map((e) => `${chineseDate(e.date, false)}${e.name}`).join('；')}。${FILL}本单位参与情况。`)));

  // 二、隐患排查整治情况
  const ins = f.inspections;
  const hz = f.hazards;
  children.push(heading1(`${cnNo(h++)}、隐患排查整治情况`));
  children.push(
    heading2(
      '（一）隐患排查。',
      run(
        ins.total === 0
          ? `活动期间，系统中未登记检查记录（检查机构0家次）；${area}现有在运营民政服务机构${ins.institutionsInScope}家。`
          : `活动期间，共检查民政服务机构${ins.total}家次，覆盖机构${ins.institutionsCovered}家（${area}现有在运营民政服务机构${ins.institutionsInScope}家），其中县局检查${ins.byKind.county}家次、乡镇检查${ins.byKind.township}家次、机构自查${ins.byKind.self}家次。`,
      ),
    ),
  );
  const r = rate(hz.closed, hz.found);
  const open = hz.found - hz.closed;
  const foundText =
    hz.found === 0
      ? '活动期间未排查发现隐患（发现隐患0处）。'
      : `共排查发现隐患${hz.found}处，其中一般隐患${hz.byLevel.general.found}处、重大隐患${hz.byLevel.major.found}处；截至${asOfText}，已整改销号${hz.closed}处（一般隐患${hz.byLevel.general.closed}处、重大隐患${hz.byLevel.major.closed}处），整改率${r}，尚有${open}处正在整改。`;
  const stockText = `活动期间共整改销号隐患${hz.closedInPeriod}处，其中活动开始前发现的存量隐患${hz.closedInPeriodStock}处。`;
  children.push(heading2('（二）隐患整改。', run(foundText + stockText)));
  children.push(caption('表1　隐患按等级统计'));
  const levelRow = (label: string, x: { found: number; closed: number }) => [label, String(x.found), String(x.closed), String(x.found - x.closed)];
  children.push(
    table(
      ['隐患等级', '发现（处）', '已销号（处）', '未销号（处）'],
      [levelRow(t('hazardLevel.general'), hz.byLevel.general), levelRow(t('hazardLevel.major'), hz.byLevel.major), levelRow('合计', hz)],
      [3, 2, 2, 2],
    ),
    afterTable(),
  );
  if (hz.byCategory.length) {
    children.push(caption('表2　隐患按类别统计'));
    children.push(
      table(
        ['隐患类别', '发现（处）', '其中重大（处）', '已销号（处）', '未销号（处）'],
        [
          ...hz.byCategory.map((x) => [t(`hazardCategory.${x.category}`), String(x.found), String(x.major), String(x.closed), String(x.found - x.closed)]),
          ['合计', String(hz.found), String(hz.byLevel.major.found), String(hz.closed), String(open)],
        ],
        [3, 2, 2, 2, 2],
      ),
      afterTable(),
    );
  }

  // 三、生命通道
  const lp = f.lifePassage;
  children.push(heading1(`${cnNo(h++)}、畅通生命通道整治情况`));
  if (lp.found === 0 && lp.fixed === 0) {
    children.push(para(run(`活动期间，未登记生命通道类隐患（发现0处、整改销号0处）。${FILL}疏散通道、安全出口、消防车通道清理和防盗窗（网）整改等情况。`)));
  } else {
    const groups = lp.byGroup.map((g) => `${g.group}发现${g.found}处、整改销号${g.fixed}处`).join('；');
    children.push(
      para(
        run(
          `活动期间排查发现生命通道类隐患${lp.found}处；整改销号生命通道类隐患${lp.fixed}处，其中活动开始前发现的存量隐患${lp.fixedStock}处。${groups ? `按检查项目分：${groups}。` : ''}`,
        ),
      ),
    );
  }

  // 四、应急演练和宣传教育
  children.push(heading1(`${cnNo(h++)}、应急演练和宣传教育情况`));
  const d = f.drills;
  children.push(
    heading2(
      '（一）应急演练。',
      run(
        d.tracked
          ? d.count > 0
            ? `活动期间共组织应急演练${d.count}次（其中夜间演练${d.nightCount ?? 0}次），覆盖${d.institutionsCovered ?? 0}家机构，参演${d.participants}人次。${FILL}演练评估发现的问题及整改情况。`
            : `活动期间系统中未登记应急演练（0次）。${FILL}线下组织的应急疏散演练情况，并及时在系统中补录。`
          : `本期暂无演练记录（系统尚未登记），系统统计应急演练${d.count}次、参演${d.participants}人次。${FILL}线下组织的应急疏散演练场次、参演人数和演练评估情况。`,
      ),
    ),
  );
  const s = f.studySessions;
  children.push(
    heading2(
      '（二）学习宣传教育。',
      run(
        s.tracked
          ? `活动期间共开展学习培训和宣传活动${s.count}场，参加${s.attendance}人次，其中学习《养老机构重大事故隐患判定标准》${s.criteriaSessions ?? 0}场。${
              f.quiz ? (f.quiz.attempts > 0 ? `组织参加网络知识答题${f.quiz.attempts}人次（${f.quiz.participants}人），平均得分${f.quiz.averageScore ?? 0}分。` : '活动期间系统中无网络知识答题记录。') : ''
            }`
          : `本期暂无学习培训记录（系统尚未登记），系统统计学习培训${s.count}场、参加${s.attendance}人次。${FILL}专题学习、警示教育、安全宣传咨询日和网络知识答题等开展情况。`,
      ),
    ),
  );

  // 五、群众举报
  const pr = f.publicReports;
  children.push(heading1(`${cnNo(h++)}、群众举报受理情况`));
  children.push(
    para(
      run(
        pr.tracked
          ? pr.received > 0
            ? `活动期间共收到群众举报${pr.received}件，经核查属实（含部分属实）${pr.confirmed ?? 0}件，已办结${pr.handled}件。${FILL}举报渠道宣传和举报奖励兑现情况。`
            : `活动期间未收到群众举报。${FILL}举报渠道（12350、12345、本平台）宣传情况。`
          : `本期暂无群众举报记录（系统尚未登记），系统统计受理群众举报${pr.received}件、办结${pr.handled}件。${FILL}举报渠道宣传和举报核查处理情况。`,
      ),
    ),
  );

  // 六、任务完成情况
  const tk = f.tasks;
  children.push(heading1(`${cnNo(h++)}、任务完成情况`));
  if (tk.items.length === 0) {
    children.push(para(run('本次活动无需本单位报送的任务。')));
  } else {
    children.push(
      para(
        run(
          `本次活动共布置报送任务${tk.items.length}项，应报送${tk.total}份，已完成${tk.done}份，其中按时完成${tk.onTime}份。（已完成指最近一次报送已通过审核；按时指首次报送不晚于截止时间。）`,
        ),
      ),
    );
    children.push(caption(`表${hz.byCategory.length ? 3 : 2}　任务完成情况`));
    children.push(
      table(
        ['序号', '任务', '截止时间', '应报送', '已完成', '按时完成'],
        tk.items.map((x, i) => [String(i + 1), x.title, deadlineLabel(x.deadline, x.deadlineDate, f.campaign.year), String(x.total), String(x.done), String(x.onTime)]),
        [1.1, 5, 2.4, 1.5, 1.5, 1.7],
        [1],
      ),
      afterTable(),
    );
  }

  // 七、存在问题和下一步打算
  children.push(heading1(`${cnNo(h++)}、存在问题和下一步打算`));
  children.push(heading2('（一）存在问题。', run(`${FILL}活动中发现的主要问题和薄弱环节。`)));
  children.push(heading2('（二）下一步打算。', run(`${FILL}持续整治隐患、巩固活动成果的措施。`)));

  // drafting note, signature and date
  const untracked = [d.tracked ? '' : '应急演练', s.tracked ? '' : '学习培训', pr.tracked ? '' : '群众举报'].filter(Boolean);
  const untrackedText = untracked.length ? `；${untracked.join('、')}尚未在系统中登记` : '';
  children.push(
    para(
      run(
        `【说明：本稿由系统根据${periodText}登记的数据生成，数据截至${asOfText}${untrackedText}。报送前请核对数字，补充【请填写】部分，并删除本说明。】`,
        FONT.kai,
      ),
    ),
    blank(),
    blank(),
    new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: 4 * 320 }, spacing: LINE, children: [run(f.scope.unitName)] }),
    new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: 2 * 320 }, spacing: LINE, children: [run(chineseDate(asOfDate))] }),
  );

  const doc = new Document({
    creator: 'Lifeline',
    title,
    description: `${f.campaign.name} 活动情况总结（草稿）`,
    styles: {
      default: {
        document: {
          run: { font: FONT.body, size: SIZE.body, language: { eastAsia: 'zh-CN', value: 'en-US' } },
          paragraph: { spacing: LINE },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 } /* A4 */,
            margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26), header: mm(15), footer: mm(20), gutter: 0 },
          },
        },
        footers: {
          default: new Footer({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: FONT.song, size: SIZE.pageNo })] })],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
