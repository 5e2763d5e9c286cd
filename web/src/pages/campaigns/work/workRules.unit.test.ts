import { describe, expect, it } from 'vitest';
import type { Assignment } from '@lifeline/shared';
import { byUrgency, daysLeft, deadlineCountdown, deliverableCount, returnedButOverdue } from './workRules.ts';

// 2026-06-05 10:00 in Asia/Shanghai (02:00 UTC); the suite runs with TZ=UTC
const NOW = new Date('2026-06-05T02:00:00Z');

const a = (over: Partial<Assignment>): Assignment => ({
  id: over.id ?? 'a',
  campaignId: 'c',
  campaignName: '安全生产月',
  taskId: 't',
  taskTitle: over.taskTitle ?? '任务',
  deliverableKind: 'article',
  deadline: over.deadline ?? '2026-06-10T15:59:59.999Z',
  deadlineDate: '2026-06-10',
  unitKind: 'township',
  unitName: '浔中镇',
  townshipId: 'tw',
  institutionId: null,
  officeId: null,
  state: 'not_started',
  isLate: false,
  latestVersion: null,
  latestSubmittedAt: null,
  featured: false,
  count: null,
  ...over,
});

describe('deadline countdown (Asia/Shanghai days)', () => {
  it('counts whole local days to the deadline day', () => {
    expect(daysLeft('2026-06-08', NOW)).toBe(3);
    expect(daysLeft('2026-06-05', NOW)).toBe(0);
    expect(daysLeft('2026-06-04', NOW)).toBe(-1);
  });

  it('uses the Shanghai date, not the UTC one, late in the evening', () => {
    // 2026-06-05 23:30 Shanghai is still 06-05 15:30 UTC; 06-06 00:30 Shanghai is 06-05 16:30 UTC
    expect(daysLeft('2026-06-05', new Date('2026-06-05T15:30:00Z'))).toBe(0);
    expect(daysLeft('2026-06-05', new Date('2026-06-05T16:30:00Z'))).toBe(-1);
  });

  it('says 剩余 / 今天截止 / 已逾期, and nothing once accepted', () => {
    expect(deadlineCountdown('2026-06-08', 'not_started', NOW)).toEqual({ text: '剩余 3 天', tone: 'warning' });
    expect(deadlineCountdown('2026-06-20', 'not_started', NOW)?.tone).toBe('secondary');
    expect(deadlineCountdown('2026-06-05', 'returned', NOW)).toEqual({ text: '今天截止', tone: 'danger' });
    expect(deadlineCountdown('2026-06-01', 'overdue', NOW)).toEqual({ text: '已逾期 4 天', tone: 'danger' });
    expect(deadlineCountdown('2026-06-01', 'accepted', NOW)).toBeNull();
  });
});

describe('urgency order of 我的任务', () => {
  it('puts overdue and returned first, then the nearest deadline, accepted last', () => {
    const list = [
      a({ id: 'accepted', state: 'accepted', deadline: '2026-06-01T15:59:59.999Z' }),
      a({ id: 'later', state: 'not_started', deadline: '2026-06-20T15:59:59.999Z' }),
      a({ id: 'submitted', state: 'submitted', deadline: '2026-06-02T15:59:59.999Z' }),
      a({ id: 'sooner', state: 'not_started', deadline: '2026-06-08T15:59:59.999Z' }),
      a({ id: 'returned', state: 'returned', deadline: '2026-06-09T15:59:59.999Z' }),
      a({ id: 'overdue', state: 'overdue', deadline: '2026-06-03T15:59:59.999Z' }),
    ];
    expect([...list].sort(byUrgency).map((x) => x.id)).toEqual(['overdue', 'returned', 'sooner', 'later', 'submitted', 'accepted']);
  });

  it('recognises a returned version behind an overdue state', () => {
    expect(returnedButOverdue({ state: 'overdue', latestVersion: 1 })).toBe(true);
    expect(returnedButOverdue({ state: 'overdue', latestVersion: null })).toBe(false);
    expect(returnedButOverdue({ state: 'returned', latestVersion: 1 })).toBe(false);
  });
});

describe('deliverable count of a submission (as the server counts it)', () => {
  it('counts the files; the text never adds to them', () => {
    expect(deliverableCount(2, '', true)).toBe(2);
    expect(deliverableCount(1, '正文和附件是同一篇', true)).toBe(1);
    expect(deliverableCount(3, '说明', false)).toBe(3);
  });

  it('counts a filled text box as one article or summary when there are no files', () => {
    expect(deliverableCount(0, '经验做法正文', true)).toBe(1);
    expect(deliverableCount(0, '   \n ', true)).toBe(0);
    expect(deliverableCount(0, '', true)).toBe(0);
  });

  it('never counts the text for photos, videos or documents', () => {
    expect(deliverableCount(0, '说明', false)).toBe(0);
  });
});
