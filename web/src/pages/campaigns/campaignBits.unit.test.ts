import { describe, expect, it } from 'vitest';
import { CAMPAIGN_ASSIGNEE_SCOPES, CAMPAIGN_STATUSES, COUNT_OF_KINDS, DELIVERABLE_KINDS, zhCN } from '@lifeline/shared';
import { ApiError } from '../../api/client.ts';
import { dateFromPhrase, pastDeadlines, pastDeadlinesOf, periodText, quantityText, scopeText, sectionNumeral } from './campaignBits.tsx';

describe('campaign labels', () => {
  it('has a label for every campaign vocabulary value', () => {
    const groups: [string, readonly string[]][] = [
      ['campaignStatus', CAMPAIGN_STATUSES],
      ['campaignScope', CAMPAIGN_ASSIGNEE_SCOPES],
      ['deliverableKind', DELIVERABLE_KINDS],
      ['deliverableUnit', DELIVERABLE_KINDS],
      ['countOf', COUNT_OF_KINDS],
    ];
    for (const [prefix, values] of groups) for (const v of values) expect(zhCN, `${prefix}.${v}`).toHaveProperty(`${prefix}.${v}`);
  });

  it('words a task the way the notice does', () => {
    const offices = new Map([['o1', '办公室']]);
    expect(scopeText({ assigneeScope: 'each_township', institutionTypes: [], officeId: null }, offices)).toBe('各乡镇');
    expect(scopeText({ assigneeScope: 'each_institution_of_types', institutionTypes: ['elderly_care', 'child_welfare'], officeId: null }, offices)).toBe('养老机构、儿童福利机构');
    expect(scopeText({ assigneeScope: 'office', institutionTypes: [], officeId: 'o1' }, offices)).toBe('局机关：办公室');
    expect(quantityText({ deliverableKind: 'article', countOf: null, requiredQuantity: 1 })).toBe('1 篇');
    expect(quantityText({ deliverableKind: 'count', countOf: 'drill', requiredQuantity: 2 })).toBe('演练 2 次');
    expect(periodText({ startsOn: '2024-06-01', endsOn: '2024-06-30' })).toBe('2024-06-01 至 2024-06-30');
    expect(periodText({ startsOn: null, endsOn: null })).toBe('未定');
    expect(sectionNumeral(3)).toBe('三');
    expect(sectionNumeral(25)).toBe('25');
  });

  it('pre-fills a deadline from the notice phrase only when the day exists', () => {
    expect(dateFromPhrase('6月5日前', 2024)).toBe('2024-06-05');
    expect(dateFromPhrase('于６月２０日前', 2025)).toBe('2025-06-20');
    expect(dateFromPhrase('2月30日前', 2024)).toBeUndefined();
    expect(dateFromPhrase('2月29日前', 2024)).toBe('2024-02-29');
    expect(dateFromPhrase('年底前', 2024)).toBeUndefined();
  });
});

describe('past deadlines before publishing', () => {
  const task = (id: string, deadlineDate: string) => ({ id, title: `任务${id}`, deadlineDate, deadline: new Date(`${deadlineDate}T15:59:59.999Z`).toISOString() });
  // 2026-06-05 10:00 in Asia/Shanghai
  const now = new Date('2026-06-05T02:00:00Z').getTime();

  it('lists the tasks whose deadline (the end of that Shanghai day) has passed, soonest first', () => {
    const tasks = [task('c', '2026-06-20'), task('b', '2026-06-04'), task('today', '2026-06-05'), task('a', '2024-06-24')];
    expect(pastDeadlines(tasks, now)).toEqual([
      { taskId: 'a', title: '任务a', deadlineDate: '2024-06-24' },
      { taskId: 'b', title: '任务b', deadlineDate: '2026-06-04' },
    ]);
    expect(pastDeadlines([task('c', '2026-06-20')], now)).toEqual([]);
  });

  it("reads the server's 409 list, and nothing else", () => {
    const list = [{ taskId: 't', title: '总结', deadlineDate: '2024-06-24' }];
    expect(pastDeadlinesOf(new ApiError(409, 'CONFLICT', 'x', { pastDeadlines: list }))).toEqual(list);
    expect(pastDeadlinesOf(new ApiError(409, 'ILLEGAL_TRANSITION', 'x', { status: 'published' }))).toBeNull();
    expect(pastDeadlinesOf(new ApiError(400, 'VALIDATION_FAILED', 'x', [{ path: 'a', message: 'b' }]))).toBeNull();
    expect(pastDeadlinesOf(new Error('x'))).toBeNull();
  });
});
