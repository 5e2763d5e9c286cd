import { describe, expect, it } from 'vitest';
import mammoth from 'mammoth';
import { SummaryFiguresSchema, type SummaryFigures } from '@lifeline/shared';
import { buildSummaryDocx, chineseDate, summaryFileName, summaryPeriod, summaryRecipient, summaryTitle } from './summary-report.ts';

/** Figures of an empty township summary (nothing recorded in the period). */
function figures(over: Partial<SummaryFigures> = {}): SummaryFigures {
  return SummaryFiguresSchema.parse({
    campaign: { id: 'c1', name: '德化县民政局关于开展2024年全县民政服务机构“安全生产月”活动的通知', theme: '人人讲安全、个个会应急——畅通生命通道', year: 2024, issuer: '德化县民政局', status: 'published', startsOn: '2024-06-01', endsOn: '2024-06-30' },
    scope: { kind: 'township', townshipId: 't1', townshipName: '桂阳乡', countyName: '德化县', unitName: '桂阳乡民政办' },
    period: { from: '2024-05-31T16:00:00.000Z', to: '2024-06-30T15:59:59.999Z', fromDate: '2024-06-01', toDate: '2024-06-30', basis: 'campaign' },
    asOf: '2024-07-01T01:00:00.000Z',
    recipient: '县民政局办公室',
    sections: [],
    events: [],
    inspections: { total: 0, byKind: { county: 0, township: 0, self: 0 }, institutionsCovered: 0, institutionsInScope: 4 },
    hazards: { found: 0, closed: 0, byLevel: { general: { found: 0, closed: 0 }, major: { found: 0, closed: 0 } }, byCategory: [], closedInPeriod: 0, closedInPeriodStock: 0 },
    lifePassage: { found: 0, fixed: 0, fixedStock: 0, byGroup: [] },
    drills: { tracked: false, count: 0, participants: 0 },
    studySessions: { tracked: false, count: 0, attendance: 0 },
    publicReports: { tracked: false, received: 0, handled: 0 },
    tasks: { items: [], total: 0, done: 0, onTime: 0 },
    ...over,
  });
}

describe('summaryPeriod', () => {
  const createdAt = new Date('2024-05-20T02:00:00Z');
  const now = new Date('2024-06-10T02:00:00Z');

  it('is the campaign dates as whole Asia/Shanghai days, whatever the process time zone', () => {
    const p = summaryPeriod({ startsOn: '2024-06-01', endsOn: '2024-06-30', publishedAt: null, createdAt }, now);
    expect(p).toEqual({ from: new Date('2024-05-31T16:00:00.000Z'), to: new Date('2024-06-30T15:59:59.999Z'), basis: 'campaign' });
  });

  it('falls back to the publishing (else creation) instant up to now when the notice gave no dates', () => {
    const publishedAt = new Date('2024-05-25T08:00:00Z');
    expect(summaryPeriod({ startsOn: null, endsOn: null, publishedAt, createdAt }, now)).toEqual({ from: publishedAt, to: now, basis: 'published' });
    expect(summaryPeriod({ startsOn: null, endsOn: null, publishedAt: null, createdAt }, now)).toEqual({ from: createdAt, to: now, basis: 'created' });
    expect(summaryPeriod({ startsOn: '2024-06-01', endsOn: null, publishedAt, createdAt }, now)).toEqual({ from: new Date('2024-05-31T16:00:00.000Z'), to: now, basis: 'campaign' });
  });
});

describe('titles and addressee', () => {
  it('writes 县局 out as 县民政局 and defaults to 县民政局办公室', () => {
    expect(summaryRecipient('县局办公室')).toBe('县民政局办公室');
    expect(summaryRecipient('县民政局养老服务股：')).toBe('县民政局养老服务股');
    expect(summaryRecipient('')).toBe('县民政局办公室');
    expect(summaryRecipient(null)).toBe('县民政局办公室');
  });

  it('derives the title from the notice title, dropping 全县 for a township, adding the year when missing', () => {
    expect(summaryTitle(figures())).toBe('德化县桂阳乡2024年民政服务机构“安全生产月”活动情况总结');
    const county = figures({ scope: { kind: 'county', townshipId: null, townshipName: null, countyName: '德化县', unitName: '德化县民政局' } });
    expect(summaryTitle(county)).toBe('德化县民政局2024年全县民政服务机构“安全生产月”活动情况总结');
    const short = figures({ campaign: { ...figures().campaign, name: '“安全生产月”' } });
    expect(summaryTitle(short)).toBe('德化县桂阳乡2024年“安全生产月”活动情况总结');
    expect(summaryFileName(short)).toBe('德化县桂阳乡2024年“安全生产月”活动情况总结.docx');
  });

  it('writes dates with Arabic numerals and no leading zeros', () => {
    expect(chineseDate('2024-06-05')).toBe('2024年6月5日');
    expect(chineseDate('2024-10-24', false)).toBe('10月24日');
  });
});

describe('buildSummaryDocx', () => {
  it('an empty period says so in words, keeps every section, and marks what the writer must add', async () => {
    const text = (await mammoth.extractRawText({ buffer: await buildSummaryDocx(figures()) })).value;
    expect(text).toContain('我乡于2024年6月1日至6月30日');
    expect(text).toContain('系统中未登记检查记录（检查机构0家次）；全镇现有在运营民政服务机构4家');
    expect(text).toContain('活动期间未排查发现隐患（发现隐患0处）');
    expect(text).not.toContain('表2');
    expect(text).toContain('未登记生命通道类隐患（发现0处、整改销号0处）');
    expect(text).toContain('本期暂无演练记录（系统尚未登记）');
    expect(text).toContain('本次活动无需本单位报送的任务');
    expect(text).toContain('【请填写】本单位活动开展情况');
    expect(text).toMatch(/桂阳乡民政办\s+2024年7月1日\s*$/);
  });

  it('states tracked drills, study sessions and reports as figures once Lifeline records them', async () => {
    const f = figures({
      drills: { tracked: true, count: 3, participants: 120, nightCount: 1, institutionsCovered: 2 },
      studySessions: { tracked: true, count: 2, attendance: 45, criteriaSessions: 1 },
      quiz: { tracked: true, attempts: 30, participants: 28, averageScore: 86.5 },
      publicReports: { tracked: true, received: 4, handled: 3, confirmed: 2 },
    });
    const text = (await mammoth.extractRawText({ buffer: await buildSummaryDocx(f) })).value;
    expect(text).toContain('活动期间共组织应急演练3次（其中夜间演练1次），覆盖2家机构，参演120人次。');
    expect(text).toContain('活动期间共开展学习培训和宣传活动2场，参加45人次，其中学习《养老机构重大事故隐患判定标准》1场。组织参加网络知识答题30人次（28人），平均得分86.5分。');
    expect(text).toContain('活动期间共收到群众举报4件，经核查属实（含部分属实）2件，已办结3件。');
    expect(text).not.toContain('系统尚未登记');
    expect(text).not.toContain('尚未在系统中登记');
  });

  it('notes a period taken from the publishing date', async () => {
    const f = figures({ period: { ...figures().period, basis: 'published' } });
    const text = (await mammoth.extractRawText({ buffer: await buildSummaryDocx(f) })).value;
    expect(text).toContain('通知未载明起止日期，按活动发布之日起统计');
  });
});
