import { describe, expect, it } from 'vitest';
import { QUIZ_TAGS, QuizQuestionInputSchema, checkQuizQuestion } from '@lifeline/shared';
import { REFERENCE_QUIZ_QUESTIONS } from './quiz-questions.ts';

describe('built-in quiz questions', () => {
  const qs = REFERENCE_QUIZ_QUESTIONS;

  it('has at least 60 questions with unique, stable codes Q001 …', () => {
    expect(qs.length).toBeGreaterThanOrEqual(60);
    expect(new Set(qs.map((q) => q.code)).size).toBe(qs.length);
    qs.forEach((q, i) => expect(q.code).toBe(`Q${String(i + 1).padStart(3, '0')}`));
  });

  it('every answer is a valid option key; single has one answer, multiple ≥ 2, true_false T/F', () => {
    for (const q of qs) {
      const keys = q.options.map((o) => o.key);
      for (const a of q.answer) expect(keys, q.code).toContain(a);
      expect([...q.answer].sort(), q.code).toEqual(q.answer);
      if (q.kind === 'single') expect(q.answer, q.code).toHaveLength(1);
      if (q.kind === 'multiple') expect(q.answer.length, q.code).toBeGreaterThanOrEqual(2);
      if (q.kind === 'true_false') {
        expect(keys, q.code).toEqual(['T', 'F']);
        expect(q.answer, q.code).toHaveLength(1);
      }
      expect(checkQuizQuestion(q), q.code).toEqual([]);
      // the API's own validation accepts it as is (what an .xlsx round trip relies on)
      expect(QuizQuestionInputSchema.safeParse({ ...q }).success, q.code).toBe(true);
    }
  });

  it('every question has a source, an explanation and at least one known tag', () => {
    const known = new Set<string>(QUIZ_TAGS);
    for (const q of qs) {
      expect(q.source.trim(), q.code).not.toBe('');
      expect(q.explanation.trim().length, q.code).toBeGreaterThan(5);
      expect(q.tags.length, q.code).toBeGreaterThanOrEqual(1);
      for (const t of q.tags) expect(known.has(t), `${q.code} ${t}`).toBe(true);
      // a source names the reference file it was written from
      expect(q.source, q.code).toMatch(/\.(md|json|txt)/);
    }
  });

  it('covers every kind and the main tags', () => {
    const kinds = new Set(qs.map((q) => q.kind));
    expect([...kinds].sort()).toEqual(['multiple', 'single', 'true_false']);
    for (const tag of ['判定标准', '生命通道', '消防法', '举报奖励', '应急疏散', '安全生产月', '消防安全管理']) {
      expect(qs.filter((q) => q.tags.includes(tag)).length, tag).toBeGreaterThanOrEqual(3);
    }
  });
});
