import { useCallback, useRef } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Skeleton, Typography } from 'antd';
import { t, type QuizAttemptView, type QuizResult } from '@lifeline/shared';
import { api, newIdempotencyKey } from '../../api/client.ts';
import { errorText } from '../../components/AdminUtils.ts';
import { QuizResultView } from './QuizResultView.tsx';
import { QuizRunner, forgetQuizDraft } from './QuizRunner.tsx';

/**
 * One attempt of the signed-in staff member: the paper while answering (QuizRunner), the result
 * with explanations once submitted. The submission carries one Idempotency-Key per attempt, so a
 * retry after a network error is scored once.
 */
export default function AttemptPage() {
  const { attemptId = '' } = useParams();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const key = useRef(newIdempotencyKey());
  const q = useQuery({ queryKey: ['quiz-attempt', attemptId], queryFn: () => api<QuizAttemptView>(`/api/quiz-attempts/${attemptId}`), staleTime: Infinity });

  const submit = useCallback(
    async (answers: Record<string, string[]>, auto: boolean) => {
      try {
        const r = await api<QuizResult>(`/api/quiz-attempts/${attemptId}/submit`, { method: 'POST', json: { answers }, idempotencyKey: key.current });
        forgetQuizDraft(attemptId);
        qc.setQueryData(['quiz-attempt', attemptId], r);
        void qc.invalidateQueries({ queryKey: ['quizzes', 'takeable'] });
        if (auto) message.info(t('quiz.run.timeUp'));
        window.scrollTo({ top: 0 });
      } catch (e) {
        message.error(errorText(e));
        throw e;
      }
    },
    [attemptId, qc, message],
  );

  const view = q.data;
  return (
    <div style={{ ['--quiz-sticky-top' as string]: '64px' }}>
      <Typography.Title level={4} style={{ marginBottom: 4 }}>
        {view?.quizTitle ?? t('nav.quizTake')}
      </Typography.Title>
      {q.isLoading && <Skeleton active />}
      {q.isError && <Alert type="error" showIcon message={errorText(q.error)} action={<Link to="/my-quizzes">{t('quiz.back')}</Link>} />}
      {view?.status === 'in_progress' && <QuizRunner paper={view} onSubmit={submit} />}
      {view?.status === 'submitted' && (
        <QuizResultView
          result={view}
          extra={
            <Link to="/my-quizzes">
              <Button size="large">{t('quiz.back')}</Button>
            </Link>
          }
        />
      )}
    </div>
  );
}
