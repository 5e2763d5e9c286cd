import { describe, expect, it } from 'vitest';
import { endOfLocalDay } from '@lifeline/shared';
import { normaliseReminderDays, planReminder, reminderSchedule, reminderText } from './reminders.ts';

const DAY = 86_400_000;
const deadline = endOfLocalDay('2030-06-05'); // 2030-06-05T15:59:59.999Z
const at = (ms: number) => new Date(deadline.getTime() + ms);
const none = new Set<string>();

describe('reminderSchedule', () => {
  it('puts before_Nd at deadline − N days (largest N first) and due at the deadline', () => {
    expect(reminderSchedule(deadline, [1, 3]).map((r) => [r.kind, r.at.toISOString()])).toEqual([
      ['before_3d', '2030-06-02T15:59:59.999Z'],
      ['before_1d', '2030-06-04T15:59:59.999Z'],
      ['due', '2030-06-05T15:59:59.999Z'],
    ]);
    expect(reminderSchedule(deadline, []).map((r) => r.kind)).toEqual(['due']);
  });
});

describe('normaliseReminderDays', () => {
  it('keeps integers 1–30, distinct, at most 5, largest first; falls back to the default for non-arrays', () => {
    expect(normaliseReminderDays([1, 3, 3, 0, 31, 2.5, '4', 7, 2, 5, 6])).toEqual([7, 6, 5, 3, 2]);
    expect(normaliseReminderDays(null)).toEqual([3, 1]);
    expect(normaliseReminderDays([])).toEqual([]);
  });
});

describe('planReminder', () => {
  const days = [3, 1];
  it('sends nothing before the first reminder time and exactly the due one at it', () => {
    expect(planReminder(deadline, days, at(-3 * DAY - 1), none).send).toBeNull();
    expect(planReminder(deadline, days, at(-3 * DAY), none)).toMatchObject({ send: { kind: 'before_3d' }, skip: [] });
    expect(planReminder(deadline, days, at(-1 * DAY), new Set(['before_3d']))).toMatchObject({ send: { kind: 'before_1d' }, skip: [] });
    expect(planReminder(deadline, days, at(0), new Set(['before_3d', 'before_1d']))).toMatchObject({ send: { kind: 'due' }, skip: [] });
  });
  it('does not repeat a logged reminder', () => {
    expect(planReminder(deadline, days, at(-2 * DAY), new Set(['before_3d'])).send).toBeNull();
  });
  it('after downtime sends only the most urgent one and skips the older ones, most urgent first', () => {
    expect(planReminder(deadline, days, at(2 * 3600_000), none)).toMatchObject({ send: { kind: 'due' }, skip: ['before_1d', 'before_3d'] });
    expect(planReminder(deadline, days, at(2 * 3600_000), new Set(['before_3d']))).toMatchObject({ send: { kind: 'due' }, skip: ['before_1d'] });
  });
  it('never sends an older reminder once a more urgent one is logged (e.g. after the setting changed)', () => {
    expect(planReminder(deadline, [5, 3, 1], at(-0.5 * DAY), new Set(['before_1d'])).send).toBeNull();
  });
  it('drops a never-sent due reminder after the grace period', () => {
    expect(planReminder(deadline, days, at(7 * DAY), none).send?.kind).toBe('due');
    expect(planReminder(deadline, days, at(7 * DAY + 1), none)).toEqual({ send: null, skip: [] });
  });
});

describe('reminderText', () => {
  const a = { taskTitle: '报送经验做法', campaignName: '2030年安全生产月', unitName: '浔中镇', deadline, returned: false };
  const [b3, , due] = reminderSchedule(deadline, [3, 1]);
  it('says how many calendar days are left, counted from now (so a late reminder stays true)', () => {
    expect(reminderText(b3!, a, at(-3 * DAY)).title).toBe('「报送经验做法」将于 6月5日 截止（还有 3 天）');
    expect(reminderText(b3!, a, at(-2.5 * DAY)).title).toBe('「报送经验做法」将于 6月5日 截止（还有 2 天）');
    expect(reminderText(b3!, a, at(-1.5 * DAY)).title).toBe('「报送经验做法」明天（6月5日）截止');
    expect(reminderText(b3!, a, at(-0.5 * DAY)).title).toBe('「报送经验做法」今天（6月5日）截止');
    expect(reminderText(b3!, a, at(-3 * DAY)).body).toContain('2030-06-05 23:59');
    expect(reminderText(b3!, { ...a, returned: true }, at(-3 * DAY)).body).toContain('退回');
  });
  it('says overdue at the deadline, with the days late after downtime, and "today" for a deadline with a time', () => {
    expect(reminderText(due!, a, at(60_000))).toMatchObject({ kind: 'reminder_due', title: '「报送经验做法」已于 6月5日 截止，尚未报送' });
    expect(reminderText(due!, a, at(3 * DAY + 60_000)).title).toBe('「报送经验做法」已于 6月5日 截止，逾期 3 天仍未报送');
    const noon = new Date('2030-06-05T04:00:00.000Z'); // 12:00 in Asia/Shanghai
    const [, , dueNoon] = reminderSchedule(noon, [3, 1]);
    expect(reminderText(dueNoon!, { ...a, deadline: noon }, new Date(noon.getTime() + 60_000)).title).toBe('「报送经验做法」已于今天 12:00 截止，尚未报送');
    expect(reminderText(reminderSchedule(noon, [3])[0]!, { ...a, deadline: noon }, new Date(noon.getTime() - 3 * DAY)).title).toBe('「报送经验做法」将于 6月5日 12:00 截止（还有 3 天）');
  });
});
