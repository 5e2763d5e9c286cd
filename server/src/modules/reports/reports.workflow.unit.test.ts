import { describe, expect, it } from 'vitest';
import { REPORT_STATUSES } from '@lifeline/shared';
import { dueStepOf, isReportOverdue, legalReportSteps, nextReportStatus, stepDueAt } from './reports.workflow.ts';

const limits = { accept: 3, verify: 15, handle: 60 };
const DAY = 86_400_000;

describe('report workflow table', () => {
  it('walks the happy path pending → accepted → verifying → verified → rewarding → closed', () => {
    expect(nextReportStatus('pending', 'accept')).toBe('accepted');
    expect(nextReportStatus('accepted', 'start_verification')).toBe('verifying');
    expect(nextReportStatus('verifying', 'verdict')).toBe('verified');
    expect(nextReportStatus('verified', 'propose_reward')).toBe('rewarding');
    expect(nextReportStatus('rewarding', 'close')).toBe('closed');
    expect(nextReportStatus('verified', 'close')).toBe('closed');
    expect(nextReportStatus('pending', 'reject')).toBe('rejected');
  });

  it('refuses illegal steps', () => {
    expect(nextReportStatus('accepted', 'accept')).toBeNull();
    expect(nextReportStatus('accepted', 'reject')).toBeNull();
    expect(nextReportStatus('pending', 'verdict')).toBeNull();
    expect(nextReportStatus('verifying', 'close')).toBeNull();
    expect(nextReportStatus('closed', 'close')).toBeNull();
    for (const s of ['closed', 'rejected'] as const) expect(legalReportSteps(s)).toEqual([]);
    expect(legalReportSteps('pending').sort()).toEqual(['accept', 'reject']);
  });

  it('has a step out of every status except the ended ones', () => {
    for (const s of REPORT_STATUSES) expect(legalReportSteps(s).length > 0).toBe(s !== 'closed' && s !== 'rejected');
  });
});

describe('time limits', () => {
  const receivedAt = new Date('2026-05-01T02:00:00Z');
  const acceptedAt = new Date('2026-05-02T02:00:00Z');

  it('runs the accept limit from receipt, verify and handle from acceptance', () => {
    expect(stepDueAt('pending', { receivedAt, acceptedAt: null }, limits)).toEqual(new Date(receivedAt.getTime() + 3 * DAY));
    expect(stepDueAt('accepted', { receivedAt, acceptedAt }, limits)).toEqual(new Date(acceptedAt.getTime() + 15 * DAY));
    expect(stepDueAt('verifying', { receivedAt, acceptedAt }, limits)).toEqual(new Date(acceptedAt.getTime() + 15 * DAY));
    expect(stepDueAt('verified', { receivedAt, acceptedAt }, limits)).toEqual(new Date(acceptedAt.getTime() + 60 * DAY));
  });

  it('keeps the last limit when no limit runs (rewarding, ended)', () => {
    const keep = new Date('2026-07-01T00:00:00Z');
    for (const s of ['rewarding', 'closed', 'rejected'] as const) {
      expect(dueStepOf(s)).toBeNull();
      expect(stepDueAt(s, { receivedAt, acceptedAt }, limits, keep)).toBe(keep);
    }
  });

  it('derives overdue from the clock and only while a limit runs', () => {
    const due = new Date('2026-05-04T02:00:00Z');
    expect(isReportOverdue({ status: 'pending', stepDueAt: due }, new Date(due.getTime() - 1))).toBe(false);
    expect(isReportOverdue({ status: 'pending', stepDueAt: due }, new Date(due.getTime() + 1))).toBe(true);
    expect(isReportOverdue({ status: 'closed', stepDueAt: due }, new Date(due.getTime() + DAY))).toBe(false);
    expect(isReportOverdue({ status: 'rewarding', stepDueAt: due }, new Date(due.getTime() + DAY))).toBe(false);
    expect(isReportOverdue({ status: 'accepted', stepDueAt: null }, new Date())).toBe(false);
  });
});
