import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { campaignNameFromTitle, parseNotice, readNumber, type DraftTask, type ParsedNotice } from './notice-parser.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
// shared/ sits beside the repository checkout (/work/main → /work/shared)
// the real county notice, kept in the repository as reference data (copied from shared/reference)
const REAL_NOTICE = path.resolve(here, '../../../../db/src/reference/notice-2024-safety-month.txt');

const byDeadline = (r: ParsedNotice, date: string) => r.tasks.filter((t) => t.deadline?.date === date);
const one = (list: DraftTask[]): DraftTask => {
  expect(list).toHaveLength(1);
  return list[0]!;
};
const kinds = (r: ParsedNotice) => r.issues.map((i) => i.kind);

describe('parseNotice — the real 2024 安全生产月 notice', () => {
  const r = parseNotice(readFileSync(REAL_NOTICE, 'utf8'), {});

  it('reads the header: title over two lines, issuer, addressees, theme, year and period', () => {
    expect(r.title).toBe('德化县民政局关于开展2024年全县民政服务机构“安全生产月”活动的通知');
    expect(r.issuer).toBe('德化县民政局');
    expect(r.addressees).toEqual(['各乡镇民政办', '局机关各股室', '各服务机构']);
    expect(r.theme).toBe('人人讲安全、个个会应急——畅通生命通道');
    expect(r.year).toBe(2024);
    expect(r.period).toEqual({ from: '2024-06-01', to: '2024-06-30' });
    expect(r.preamble.startsWith('今年6月是第23个全国“安全生产月”')).toBe(true);
  });

  it('finds five sections, including the one mistyped as 「3、」, and flags that heading', () => {
    expect(r.sections.map((s) => s.number)).toEqual([1, 2, 3, 4, 5]);
    expect(r.sections.map((s) => s.label)).toEqual(['一', '二', '3', '四', '五']);
    expect(r.sections[2]!.heading).toBe('推进重大事故隐患判定标准宣贯落实');
    expect(r.sections[0]!.heading).toBe('深入宣传贯彻习近平总书记关于安全生产重要指示精神');
    expect(r.sections[4]!.heading).toBe('深入开展“隐患曝光”活动');
    expect(r.sections[2]!.text).toContain('《养老机构重大事故隐患判定标准》');
    expect(r.issues).toContainEqual(expect.objectContaining({ kind: 'irregular_heading', text: '3、', sectionNumber: 3 }));
    // the 活动期间… paragraph is the closing part, not section five
    expect(r.sections[4]!.text).not.toContain('活动期间');
    expect(r.closing).toContain('6月24日前');
  });

  it('names the activities of each section', () => {
    const s1 = r.sections[0]!.activities;
    expect(s1).toEqual(expect.arrayContaining(['安全生产大家谈', '班前会', '以案普法', '专题研讨', '集中宣讲', '辅导报告']));
    expect(s1).not.toContain('安全生产月'); // campaign name used as a modifier (“安全生产月”主题宣传片)
    const s4 = r.sections[3]!.activities;
    expect(s4).toEqual(expect.arrayContaining(['安全宣传咨询日', '网络知识答题', '安全倡议', '安全宣誓', '安全文化特色文艺演出']));
    expect(r.sections[4]!.activities).toContain('隐患曝光');
    expect(r.sections[4]!.activities).not.toContain('12350举报电话'); // 「…」等举报渠道 are channels
    expect(r.sections[1]!.activities).toContain('应急疏散演练');
  });

  it('proposes the township experience article due 2024-06-05 to 县局办公室', () => {
    const t = one(byDeadline(r, '2024-06-05'));
    expect(t.title).toBe('报送安全管理工作经验做法');
    expect(t.deliverableKind).toBe('article');
    expect(t.quantity).toBe(1);
    expect(t.unit).toBe('篇');
    expect(t.quantityIsMinimum).toBe(true);
    expect(t.assigneeScope).toBe('each_township');
    expect(t.assigneeText).toBe('每个乡镇');
    expect(t.recipient).toBe('县局办公室');
    expect(t.deadline).toEqual({ date: '2024-06-05' });
    expect(t.deadlineText).toBe('6月5日前');
    expect(t.sourceSentence).toContain('每个乡镇至少选取1篇于6月5日前报送县局办公室');
    expect(t.sectionNumber).toBeNull();
    expect(t.confidence).toBe('high');
  });

  it('proposes the township summary report due 2024-06-24, quantity defaulted to 1 and noted', () => {
    const t = one(byDeadline(r, '2024-06-24'));
    expect(t.title).toBe('报送活动情况总结');
    expect(t.deliverableKind).toBe('summary_report');
    expect(t.quantity).toBe(1);
    expect(t.unit).toBe('份');
    expect(t.assigneeScope).toBe('each_township');
    expect(t.recipient).toBe('县局办公室');
    expect(t.deadline).toEqual({ date: '2024-06-24' });
    expect(t.notes).toContain('未写明数量，默认1份');
    expect(t.confidence).toBe('high');
  });

  it('proposes exactly those two tasks and no invented dates', () => {
    expect(r.tasks).toHaveLength(2);
    expect(kinds(r)).not.toContain('no_tasks');
    expect(kinds(r)).not.toContain('impossible_date');
    expect(kinds(r)).not.toContain('unassigned_date');
  });

  it('lists the June 16 consultation day and the month-level events', () => {
    expect(r.events).toContainEqual(expect.objectContaining({ name: '安全宣传咨询日', date: '2024-06-16', month: 6 }));
    expect(r.events).toContainEqual(expect.objectContaining({ name: '优秀作品展播', date: null, month: 6, sectionNumber: 4 }));
    expect(r.events).toContainEqual(expect.objectContaining({ name: '安全生产月', date: null, month: 6 }));
  });

  it('reports the undated request to send typical cases (及时报送) instead of inventing a deadline', () => {
    const undated = r.issues.filter((i) => i.kind === 'undated_submission');
    expect(undated).toHaveLength(1);
    expect(undated[0]!.text).toContain('典型案例要及时报送县民政局和属地安办');
    expect(undated[0]!.sectionNumber).toBe(5);
  });
});

describe('parseNotice — other phrasings', () => {
  it('single deadline with weekday and 下午5点 → date and time, typed institutions, recipient 股', () => {
    const r = parseNotice(
      `德化县民政局关于报送养老机构消防安全自查情况的通知

各养老机构：
为做好夏季消防安全工作，请各养老机构对照《养老机构重大事故隐患判定标准》开展一次全面自查，并于2024年7月10日（星期三）下午5点前将自查报告报送县民政局养老服务股。`,
      {},
    );
    expect(r.addressees).toEqual(['各养老机构']);
    expect(r.sections).toEqual([]);
    const t = one(r.tasks);
    expect(t.deadline).toEqual({ date: '2024-07-10', time: '17:00' });
    expect(t.deliverableKind).toBe('summary_report');
    expect(t.title).toBe('报送自查报告');
    expect(t.quantity).toBe(1); // default for a summary, not the 一次 of 开展一次全面自查
    expect(t.unit).toBe('份');
    expect(t.assigneeScope).toBe('each_institution_of_types');
    expect(t.institutionTypes).toEqual(['elderly_care']);
    expect(t.recipient).toBe('县民政局养老服务股');
    expect(t.confidence).toBe('high');
  });

  it('a 至 range gives a window and the deadline at its end', () => {
    const r = parseNotice(
      `德化县民政局关于开展2024年民政服务机构隐患排查整治情况统计的通知
各乡镇民政办：
请各乡镇民政办于6月20日至6月25日报送本辖区民政服务机构隐患排查整治情况统计表1份，报送至县局社会事务股邮箱。`,
      {},
    );
    const t = one(r.tasks);
    expect(t.window).toEqual({ from: '2024-06-20', to: '2024-06-25' });
    expect(t.deadline).toEqual({ date: '2024-06-25' });
    expect(t.deliverableKind).toBe('document');
    expect(t.title).toBe('报送隐患排查整治情况统计表');
    expect(t.quantity).toBe(1);
    expect(t.unit).toBe('份');
    expect(t.assigneeScope).toBe('each_township');
    expect(t.recipient).toBe('县局社会事务股邮箱');
  });

  it('月底前 / 中旬前 and several deliverables in one sentence → several tasks with their own quantities', () => {
    const r = parseNotice(
      `德化县民政局关于做好2024年汛期民政服务机构安全工作的通知

各乡镇民政办、各服务机构：
一、修订应急预案
各服务机构要修订完善防汛应急预案，于5月底前报送县民政局办公室。
二、做好信息报送
各乡镇于6月10日前报送工作方案1份，6月28日前报送总结报告及图片资料不少于5张。各乡镇要在6月中旬前报送防汛工作信息和典型案例各1篇。`,
      {},
    );
    expect(r.sections.map((s) => s.heading)).toEqual(['修订应急预案', '做好信息报送']);

    const plan = one(byDeadline(r, '2024-05-31'));
    expect(plan).toMatchObject({ deliverableKind: 'document', assigneeScope: 'each_institution', recipient: '县民政局办公室', sectionNumber: 1 });
    expect(plan.deadlineText).toBe('5月底前');

    const june10 = one(byDeadline(r, '2024-06-10'));
    expect(june10).toMatchObject({ title: '报送工作方案', deliverableKind: 'document', quantity: 1, unit: '份', assigneeScope: 'each_township' });

    const june28 = byDeadline(r, '2024-06-28');
    expect(june28.map((t) => t.deliverableKind).sort()).toEqual(['photos', 'summary_report']);
    const photos = june28.find((t) => t.deliverableKind === 'photos')!;
    expect(photos).toMatchObject({ title: '报送图片资料', quantity: 5, unit: '张', quantityIsMinimum: true, assigneeScope: 'each_township' });
    const summary = june28.find((t) => t.deliverableKind === 'summary_report')!;
    expect(summary).toMatchObject({ title: '报送总结报告', quantity: 1, unit: '份' });
    expect(summary.notes).toContain('未写明数量，默认1份');

    const midJune = byDeadline(r, '2024-06-20'); // 6月中旬前 → the 20th
    expect(midJune.map((t) => t.title)).toEqual(['报送防汛工作信息', '报送典型案例']);
    for (const t of midJune) expect(t).toMatchObject({ deliverableKind: 'article', quantity: 1, unit: '篇' }); // 各1篇
    expect(r.tasks).toHaveLength(6);
  });

  it('year boundary: a December notice asking for 1月10日 means next January; 十二月二十五日 stays', () => {
    const text = `德化县民政局关于做好2024年岁末年初民政服务机构安全生产工作的通知

各乡镇民政办，各服务机构：
岁末年初是安全事故易发多发期。现就有关事项通知如下：
各乡镇要于十二月二十五日前报送本辖区民政服务机构安全隐患排查台账；各服务机构于1月10日前报送2024年度安全生产工作总结，报县局办公室。`;
    const r = parseNotice(text, { year: 2024, issuedOn: '2024-12-16' });
    const dec = one(byDeadline(r, '2024-12-25'));
    expect(dec).toMatchObject({ title: '报送安全隐患排查台账', deliverableKind: 'document', assigneeScope: 'each_township' });
    const jan = one(byDeadline(r, '2025-01-10'));
    expect(jan).toMatchObject({ title: '报送安全生产工作总结', deliverableKind: 'summary_report', assigneeScope: 'each_institution', recipient: '县局办公室' });
    expect(jan.notes).toContain('跨年：按发文日期2024-12-16推定为2025年');
    expect(r.tasks.some((t) => t.deadline?.date === '2024-01-10')).toBe(false);
  });

  it('year boundary without issuedOn: a December campaign period anchors the rollover; a signature date works as issuedOn', () => {
    const byPeriod = parseNotice(
      `关于开展2024年岁末年初安全大检查的通知
各服务机构：
决定于12月组织开展岁末年初安全大检查。各服务机构于1月10日前报送检查情况，报县局办公室。`,
      {},
    );
    expect(byPeriod.period).toEqual({ from: '2024-12-01', to: '2024-12-31' });
    expect(one(byPeriod.tasks).deadline).toEqual({ date: '2025-01-10' });

    const bySignature = parseNotice(
      `关于做好元旦春节期间民政服务机构安全工作的通知
各服务机构：
各服务机构于1月10日前报送节前安全检查情况，报县局办公室。
德化县民政局
2024年12月20日`,
      {},
    );
    expect(bySignature.issuedOn).toBe('2024-12-20');
    expect(bySignature.issuer).toBe('德化县民政局');
    expect(bySignature.year).toBe(2024);
    expect(one(bySignature.tasks).deadline).toEqual({ date: '2025-01-10' });

    // a June campaign's preparatory May deadline stays in the same year (92-day grace)
    const may = parseNotice(
      `关于开展2024年安全生产月活动的通知
各乡镇民政办：
决定于6月组织开展安全生产月活动。各乡镇于5月20日前报送工作方案，报县局办公室。`,
      {},
    );
    expect(one(may.tasks).deadline).toEqual({ date: '2024-05-20' });
  });

  it('an impossible date (2月30日) is flagged and never guessed', () => {
    const r = parseNotice(
      `德化县民政局关于报送春节期间安全检查情况的通知
各乡镇民政办：
请各乡镇于2月30日前报送春节期间民政服务机构安全检查情况，报县民政局社会事务股。`,
      { year: 2025 },
    );
    expect(r.issues).toContainEqual(expect.objectContaining({ kind: 'impossible_date', text: '2月30日', message: '日期不存在：2月30日' }));
    const t = one(r.tasks);
    expect(t.deadline).toBeNull();
    expect(t.deadlineText).toBe('2月30日前');
    expect(t.confidence).toBe('low');
    expect(t.notes).toContain('日期不存在：2月30日，未推定期限');
    expect(t).toMatchObject({ deliverableKind: 'summary_report', assigneeScope: 'each_township', recipient: '县民政局社会事务股' });
  });

  it('2月29日 is impossible in a common year and fine in a leap year', () => {
    const text = `关于报送情况的通知
各服务机构：
各服务机构于2月29日前报送自查报告，报县局办公室。`;
    expect(one(parseNotice(text, { year: 2025 }).tasks).deadline).toBeNull();
    expect(kinds(parseNotice(text, { year: 2025 }))).toContain('impossible_date');
    expect(one(parseNotice(text, { year: 2024 }).tasks).deadline).toEqual({ date: '2024-02-29' });
  });

  it('Chinese numerals, full-width digits and spaced dates', () => {
    const r = parseNotice(
      `德化县民政局关于开展二〇二四年“安全生产月”宣传活动的通知

各服务机构：
一、方案报送
各服务机构于六月五日前报送活动方案一份。
二、宣传材料
各服务机构于６月１５日１７：００前报送宣传图片不少于十张；请于6 月 20 日前报送活动视频1个，六月下旬前报送活动总结，均报县局办公室。`,
      {},
    );
    expect(r.year).toBe(2024);
    expect(one(byDeadline(r, '2024-06-05'))).toMatchObject({ title: '报送活动方案', deliverableKind: 'document', quantity: 1, unit: '份' });
    const photos = one(byDeadline(r, '2024-06-15'));
    expect(photos).toMatchObject({ deliverableKind: 'photos', quantity: 10, unit: '张', quantityIsMinimum: true, recipient: '县局办公室' });
    expect(photos.deadline).toEqual({ date: '2024-06-15', time: '17:00' });
    expect(one(byDeadline(r, '2024-06-20'))).toMatchObject({ deliverableKind: 'video', quantity: 1, unit: '个', recipient: '县局办公室' });
    expect(one(byDeadline(r, '2024-06-30'))).toMatchObject({ deliverableKind: 'summary_report', deadlineText: '六月下旬前' });
    for (const t of r.tasks) expect(t.assigneeScope).toBe('each_institution');
  });

  it('a notice with no dates still parses, proposes no tasks and says so', () => {
    const r = parseNotice(
      `德化县民政局关于进一步加强民政服务机构安全管理的通知

各乡镇民政办，各服务机构：
近期，外地接连发生养老机构火灾事故。为切实加强民政服务机构安全管理，现就有关事项通知如下：
一、压实安全责任
各服务机构主要负责人是安全生产第一责任人，要定期组织开展隐患排查。
二、加强隐患整改
对排查发现的问题隐患，要建立台账，限期整改，整改情况及时报送县民政局。`,
      { year: 2024 },
    );
    expect(r.title).toBe('德化县民政局关于进一步加强民政服务机构安全管理的通知');
    expect(r.sections).toHaveLength(2);
    expect(r.tasks).toEqual([]);
    expect(r.events).toEqual([]);
    expect(r.issues).toContainEqual({ kind: 'no_tasks', message: '未识别到带期限的报送任务' });
    expect(kinds(r)).toContain('undated_submission');
  });

  it('截至, X月X日之前, hyphen ranges, 年底前, split scopes, office, counts, events and recurring deadlines', () => {
    const r = parseNotice(
      `德化县民政局关于做好2024年下半年民政安全生产有关工作的通知

局机关各股室、各乡镇民政办、各服务机构：
活动时间为7月1日至9月30日。
一、材料报送
局机关各股室于7月5日之前报送本股室安全生产责任清单。各乡镇、各服务机构于7月15日前报送自查报告。各养老机构、儿童福利机构于7月20日前开展应急疏散演练不少于1次。
二、统计报送
截至8月31日，各乡镇须报送本辖区民政服务机构消防设施维保台账，报送至县局养老服务股。各服务机构每月5日前报送隐患整改情况。
三、集中宣传
定于9月16日在县城广场举办民政安全宣传咨询活动。各服务机构于9月1日-9月10日报送宣传照片，年底前完成全部隐患整改。`,
      {},
    );
    expect(r.period).toEqual({ from: '2024-07-01', to: '2024-09-30' });

    expect(one(byDeadline(r, '2024-07-05'))).toMatchObject({ assigneeScope: 'office', title: '报送安全生产责任清单', recipient: null });

    const selfCheck = byDeadline(r, '2024-07-15');
    expect(selfCheck.map((t) => t.assigneeScope)).toEqual(['each_township', 'each_institution']);
    for (const t of selfCheck) expect(t.confidence).toBe('medium');

    const drill = one(byDeadline(r, '2024-07-20'));
    expect(drill).toMatchObject({ title: '开展应急疏散演练', deliverableKind: 'count', quantity: 1, unit: '次', assigneeScope: 'each_institution_of_types' });
    expect(drill.institutionTypes).toEqual(['elderly_care', 'child_welfare']);

    const ledger = one(byDeadline(r, '2024-08-31'));
    expect(ledger).toMatchObject({ deadlineText: '截至8月31日', title: '报送消防设施维保台账', recipient: '县局养老服务股' });

    const pics = one(byDeadline(r, '2024-09-10'));
    expect(pics.window).toEqual({ from: '2024-09-01', to: '2024-09-10' });
    expect(pics.deliverableKind).toBe('photos');

    const yearEnd = one(byDeadline(r, '2024-12-31'));
    expect(yearEnd).toMatchObject({ title: '完成全部隐患整改', confidence: 'low', deadlineText: '年底前' });

    expect(r.events).toContainEqual(expect.objectContaining({ name: '民政安全宣传咨询活动', date: '2024-09-16' }));
    expect(r.issues).toContainEqual(expect.objectContaining({ kind: 'recurring_deadline', text: '每月5日前' }));
    expect(r.tasks.some((t) => t.sourceSentence.includes('每月5日前'))).toBe(false);
  });

  it('explicit years, 12月底前, X月X日至X日 and 报 + recipient', () => {
    const r = parseNotice(
      `关于报送年度材料的通知
各服务机构：
各服务机构于2025年1月10日前报送年度工作总结，12月底前报送安全培训台账，12月1日至5日报送消防演练照片不少于3张，报县民政局和属地安办。`,
      { year: 2024 },
    );
    expect(one(byDeadline(r, '2025-01-10')).deliverableKind).toBe('summary_report');
    expect(one(byDeadline(r, '2024-12-31')).deliverableKind).toBe('document');
    const photos = one(byDeadline(r, '2024-12-05'));
    expect(photos.window).toEqual({ from: '2024-12-01', to: '2024-12-05' });
    expect(photos).toMatchObject({ quantity: 3, unit: '张', recipient: '县民政局、属地安办' });
  });

  it('flags an unknown year instead of guessing dates', () => {
    const r = parseNotice(`关于报送材料的通知\n各乡镇民政办：\n各乡镇于6月5日前报送工作方案，报县局办公室。`, {});
    expect(r.year).toBeNull();
    expect(kinds(r)).toContain('missing_year');
    const t = one(r.tasks);
    expect(t.deadline).toBeNull();
    expect(t.confidence).toBe('low');
  });
});

describe('parseNotice — 报送X至Y', () => {
  it('「报送X至Y」: the deliverable before 至, the recipient after it (not one long recipient)', () => {
    const r = parseNotice('关于做好安全检查的通知\n\n各乡镇民政办：\n各乡镇要于12月1日前报送安全检查情况总结至县局办公室。\n', { year: 2026 });
    expect(r.tasks).toHaveLength(1);
    expect(r.tasks[0]).toMatchObject({ title: '报送安全检查情况总结', deliverableKind: 'summary_report', recipient: '县局办公室', assigneeScope: 'each_township', deadline: { date: '2026-12-01' } });
  });
});

describe('parseNotice — structure and robustness', () => {
  it('keeps 1、2、3、 sub-items inside their section', () => {
    const r = parseNotice(
      `关于开展2024年消防安全培训的通知
各乡镇民政办：
一、工作安排
1、各乡镇要组织开展消防安全培训。
2、各乡镇要组织开展应急疏散演练。
3、各乡镇于6月5日前报送培训情况，报县局办公室。
二、工作要求
1、高度重视。
2、加强督导。
3、及时总结。`,
      {},
    );
    expect(r.sections.map((s) => [s.number, s.heading])).toEqual([
      [1, '工作安排'],
      [2, '工作要求'],
    ]);
    expect(r.sections[0]!.text).toContain('3、各乡镇于6月5日前报送培训情况');
    expect(one(r.tasks)).toMatchObject({ sectionNumber: 1, deliverableKind: 'summary_report', deadline: { date: '2024-06-05' } });
    expect(kinds(r)).not.toContain('irregular_heading');
  });

  it('accepts CRLF line ends and gives the same tasks for the real notice', () => {
    const text = readFileSync(REAL_NOTICE, 'utf8');
    const lf = parseNotice(text, {});
    const crlf = parseNotice(text.replace(/\n/g, '\r\n'), {});
    expect(crlf.title).toBe(lf.title);
    expect(crlf.tasks.map((t) => [t.title, t.deadline?.date])).toEqual(lf.tasks.map((t) => [t.title, t.deadline?.date]));
  });

  it('uses issuedOn for the real notice without changing its dates, and reports bad options', () => {
    const r = parseNotice(readFileSync(REAL_NOTICE, 'utf8'), { issuedOn: '2024-05-30' });
    expect(r.issuedOn).toBe('2024-05-30');
    expect(r.tasks.map((t) => t.deadline?.date)).toEqual(['2024-06-05', '2024-06-24']);
    const bad = parseNotice(readFileSync(REAL_NOTICE, 'utf8'), { issuedOn: '2024-02-30', year: 1 });
    expect(bad.issues.filter((i) => i.kind === 'invalid_option')).toHaveLength(2);
    expect(bad.year).toBe(2024);
  });

  it('does not throw on empty or unstructured text', () => {
    for (const text of ['', '   \n\n', '各位：', '。。。，，，', '6月']) {
      const r = parseNotice(text, {});
      expect(r.tasks).toEqual([]);
      expect(kinds(r)).toContain('no_tasks');
    }
  });
});

describe('readNumber', () => {
  it('reads ASCII and Chinese numerals', () => {
    expect(readNumber('5')).toBe(5);
    expect(readNumber('十')).toBe(10);
    expect(readNumber('十五')).toBe(15);
    expect(readNumber('二十')).toBe(20);
    expect(readNumber('三十一')).toBe(31);
    expect(readNumber('廿五')).toBe(25);
    expect(readNumber('二〇二四')).toBe(2024);
    expect(readNumber('两')).toBe(2);
    expect(readNumber('元')).toBe(1);
    expect(readNumber('月')).toBeNull();
  });
});

describe('campaignNameFromTitle', () => {
  it('keeps what the notice is about, without issuer and 关于开展…的通知', () => {
    expect(campaignNameFromTitle('德化县民政局关于开展2024年全县民政服务机构“安全生产月”活动的通知')).toBe('2024年全县民政服务机构“安全生产月”活动');
    expect(campaignNameFromTitle('关于做好2025年春节期间养老机构安全管理工作的通知')).toBe('2025年春节期间养老机构安全管理工作');
    expect(campaignNameFromTitle('德化县民政局关于印发《养老机构消防安全专项整治实施方案》的通知')).toBe('养老机构消防安全专项整治实施方案');
    expect(campaignNameFromTitle('2025年消防安全检查安排')).toBe('2025年消防安全检查安排');
  });
});
