import { describe, expect, it } from 'vitest';
import { drawQuestions, isAnswerCorrect, isQuizAvailable, matchesTags, nextQuizStatus, scoreAttempt, submissionTime } from './quiz.workflow.ts';

describe('quiz workflow', () => {
  it('moves draft → open → closed, and reopens a closed quiz', () => {
    expect(nextQuizStatus('draft', 'open')).toBe('open');
    expect(nextQuizStatus('open', 'close')).toBe('closed');
    expect(nextQuizStatus('closed', 'open')).toBe('open');
    expect(nextQuizStatus('draft', 'close')).toBeNull();
    expect(nextQuizStatus('open', 'open')).toBeNull();
  });

  it('is available only while open and inside its window', () => {
    const now = new Date('2024-06-10T00:00:00Z');
    expect(isQuizAvailable({ status: 'open', opensAt: null, closesAt: null }, now)).toBe(true);
    expect(isQuizAvailable({ status: 'draft', opensAt: null, closesAt: null }, now)).toBe(false);
    expect(isQuizAvailable({ status: 'open', opensAt: new Date('2024-06-11T00:00:00Z'), closesAt: null }, now)).toBe(false);
    expect(isQuizAvailable({ status: 'open', opensAt: null, closesAt: now }, now)).toBe(false);
  });

  it('matches any tag, or everything without tags', () => {
    expect(matchesTags(['消防法'], [])).toBe(true);
    expect(matchesTags(['消防法', '生命通道'], ['生命通道'])).toBe(true);
    expect(matchesTags(['举报奖励'], ['生命通道'])).toBe(false);
  });

  it('draws distinct ids, uniformly', () => {
    const pool = ['a', 'b', 'c', 'd'];
    const d = drawQuestions(pool, 3);
    expect(new Set(d).size).toBe(3);
    expect(() => drawQuestions(pool, 5)).toThrow();
    // each id is first equally often over many draws (χ²-free sanity bound)
    const first: Record<string, number> = {};
    for (let i = 0; i < 4000; i++) {
      const k = drawQuestions(pool, 1)[0]!;
      first[k] = (first[k] ?? 0) + 1;
    }
    for (const k of pool) expect(first[k]).toBeGreaterThan(800);
  });

  it('scores single, true/false and multiple (all-or-nothing)', () => {
    expect(isAnswerCorrect('single', ['B'], ['B'])).toBe(true);
    expect(isAnswerCorrect('single', ['B'], ['A'])).toBe(false);
    expect(isAnswerCorrect('single', ['B'], ['A', 'B'])).toBe(false);
    expect(isAnswerCorrect('true_false', ['T'], ['T'])).toBe(true);
    expect(isAnswerCorrect('true_false', ['T'], [])).toBe(false);
    expect(isAnswerCorrect('multiple', ['A', 'B', 'C'], ['C', 'A', 'B'])).toBe(true);
    expect(isAnswerCorrect('multiple', ['A', 'B', 'C'], ['A', 'B'])).toBe(false);
    expect(isAnswerCorrect('multiple', ['A', 'B'], ['A', 'B', 'D'])).toBe(false);
    expect(scoreAttempt(2, 3)).toEqual({ score: 67, maxScore: 100 });
    expect(scoreAttempt(0, 5).score).toBe(0);
  });

  it('scores a late submission as at the deadline', () => {
    const deadline = new Date('2024-06-10T00:05:00Z');
    expect(submissionTime(deadline, new Date('2024-06-10T00:04:00Z'))).toEqual({ submittedAt: new Date('2024-06-10T00:04:00Z'), late: false });
    expect(submissionTime(deadline, new Date('2024-06-10T01:00:00Z'))).toEqual({ submittedAt: deadline, late: true });
  });
});
