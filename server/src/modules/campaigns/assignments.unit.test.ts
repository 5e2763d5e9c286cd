import { describe, expect, it } from 'vitest';
import { assignmentState } from './assignments.ts';

const deadline = new Date('2024-06-05T15:59:59.999Z'); // end of 5 June in Shanghai
const before = new Date('2024-06-05T15:00:00Z');
const after = new Date('2024-06-05T16:00:00Z');
const article = { deadline, deliverableKind: 'article' as const };
const count = { deadline, deliverableKind: 'count' as const };

describe('assignmentState (the board cell, derived)', () => {
  it('without a submission: 未开始 until the end of the deadline day, then 逾期', () => {
    expect(assignmentState(article, undefined, undefined, before)).toBe('not_started');
    expect(assignmentState(article, undefined, undefined, deadline)).toBe('not_started');
    expect(assignmentState(article, undefined, undefined, after)).toBe('overdue');
  });

  it('a pending or accepted submission stands whatever the time; a returned one turns 逾期 after the deadline', () => {
    expect(assignmentState(article, { status: 'submitted' }, undefined, after)).toBe('submitted');
    expect(assignmentState(article, { status: 'accepted' }, undefined, after)).toBe('accepted');
    expect(assignmentState(article, { status: 'returned' }, undefined, before)).toBe('returned');
    expect(assignmentState(article, { status: 'returned' }, undefined, after)).toBe('overdue');
  });

  it('count tasks: 已通过 once the records reach the quantity, else 未开始 / 逾期', () => {
    expect(assignmentState(count, undefined, { done: 2, required: 2, tracked: true }, before)).toBe('accepted');
    expect(assignmentState(count, undefined, { done: 1, required: 2, tracked: true }, before)).toBe('not_started');
    expect(assignmentState(count, undefined, { done: 1, required: 2, tracked: true }, after)).toBe('overdue');
    expect(assignmentState(count, undefined, { done: 0, required: 1, tracked: false }, after)).toBe('overdue');
  });
});
