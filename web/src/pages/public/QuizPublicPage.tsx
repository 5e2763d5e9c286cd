import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Input, Result, Skeleton, Space, Typography } from 'antd';
import { ReadOutlined } from '@ant-design/icons';
import { formatLocalDateTime, t, type PublicQuiz, type QuizAttemptView, type QuizPaper, type QuizResult } from '@lifeline/shared';
import { ApiError, api, newIdempotencyKey } from '../../api/client.ts';
import { QuizResultView } from '../quiz/QuizResultView.tsx';
import { QuizRunner, forgetQuizDraft } from '../quiz/QuizRunner.tsx';
import { attemptsText, formatLimit } from '../quiz/quizBits.tsx';
import './showcase.css';
import './quiz-public.css';

const messageOf = (e: unknown) => (e instanceof ApiError ? e.message : t('errors.INTERNAL'));

/**
 * 网络知识答题 for the public (/quiz/:id, no login): the quiz's introduction with an optional
 * nickname, then one question per screen with a countdown, then the score with every explanation.
 * The server recognises this browser by an httpOnly participant cookie (attempt limit per browser);
 * phones first (375 px), large tap targets.
 */
export default function QuizPublicPage() {
  const { id = '' } = useParams();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [nickname, setNickname] = useState('');
  const [view, setView] = useState<QuizAttemptView | null>(null);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const key = useRef(newIdempotencyKey());
  const info = useQuery({ queryKey: ['public', 'quiz', id], queryFn: () => api<PublicQuiz>(`/api/public/quizzes/${id}`), retry: false });

  useEffect(() => {
    const before = document.title;
    document.title = info.data?.title ?? t('quiz.public.title');
    return () => {
      document.title = before;
    };
  }, [info.data?.title]);

  const open = async (attemptId: string) => {
    setError(null);
    try {
      setView(await api<QuizAttemptView>(`/api/public/quiz-attempts/${attemptId}`));
    } catch (e) {
      setError(messageOf(e));
    }
  };

  const start = async () => {
    setStarting(true);
    setError(null);
    try {
      setView(await api<QuizPaper>(`/api/public/quizzes/${id}/attempts`, { method: 'POST', json: { nickname: nickname.trim() } }));
      window.scrollTo({ top: 0 });
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setStarting(false);
    }
  };

  const submit = useCallback(
    async (answers: Record<string, string[]>, auto: boolean) => {
      if (!view) return;
      try {
        const r = await api<QuizResult>(`/api/public/quiz-attempts/${view.attemptId}/submit`, { method: 'POST', json: { answers }, idempotencyKey: key.current });
        forgetQuizDraft(view.attemptId);
        setView(r);
        key.current = newIdempotencyKey();
        void qc.invalidateQueries({ queryKey: ['public', 'quiz', id] });
        if (auto) message.info(t('quiz.run.timeUp'));
        window.scrollTo({ top: 0 });
      } catch (e) {
        message.error(messageOf(e));
        throw e;
      }
    },
    [view, qc, id, message],
  );

  const quiz = info.data;
  const canStart = quiz && quiz.available && (quiz.attemptsLeft === null || quiz.attemptsLeft > 0);
  const again = quiz && quiz.available && (quiz.attemptsLeft === null || quiz.attemptsLeft > 0);

  return (
    <div className="showcase-page quiz-public">
      <header className="showcase-header">
        <div className="showcase-header-inner">
          <div style={{ minWidth: 0 }}>
            <Typography.Text style={{ color: 'rgba(255,255,255,.85)' }}>
              <ReadOutlined /> {t('quiz.public.title')}
            </Typography.Text>
            <Typography.Title level={4} style={{ color: '#fff', margin: '4px 0 0' }}>
              {quiz?.title ?? '\u00a0'}
            </Typography.Title>
          </div>
          <Link to="/login" className="showcase-login">
            {t('showcase.staffLogin')}
          </Link>
        </div>
      </header>
      <main className="showcase-main quiz-public-main">
        {info.isLoading && <Skeleton active />}
        {info.isError && <Result status="404" title={t('quiz.public.notFound')} subTitle={messageOf(info.error)} />}
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} closable onClose={() => setError(null)} data-testid="quiz-error" />}
        {quiz && !view && (
          <Card className="quiz-public-intro" data-testid="quiz-intro">
            {quiz.description && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{quiz.description}</Typography.Paragraph>}
            <ul className="quiz-public-facts">
              <li>{t('quiz.take.questions', { n: quiz.questionCount })}</li>
              <li>{t('quiz.take.limit', { limit: formatLimit(quiz.timeLimitSeconds) })}</li>
              <li>{t('quiz.public.attempts', { max: attemptsText(quiz.maxAttempts) })}</li>
              {quiz.closesAt && <li>{t('quiz.take.closesAt', { at: formatLocalDateTime(quiz.closesAt) })}</li>}
            </ul>
            {!quiz.available && <Alert type="info" showIcon message={quiz.status === 'closed' ? t('quiz.public.closed') : t('quiz.public.notOpen')} style={{ marginBottom: 16 }} />}
            {quiz.inProgressAttemptId ? (
              <Button type="primary" size="large" block onClick={() => open(quiz.inProgressAttemptId!)} data-testid="quiz-resume">
                {t('quiz.take.resume')}
              </Button>
            ) : canStart ? (
              <Space direction="vertical" size={12} style={{ width: '100%' }}>
                <Input
                  size="large"
                  value={nickname}
                  onChange={(e) => setNickname(e.target.value)}
                  maxLength={20}
                  placeholder={t('quiz.public.nickname')}
                  aria-label={t('quiz.public.nickname')}
                  data-testid="quiz-nickname"
                />
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {t('quiz.public.nicknameHint')}
                </Typography.Text>
                <Button type="primary" size="large" block loading={starting} onClick={start} data-testid="quiz-start">
                  {t('quiz.take.start')}
                </Button>
              </Space>
            ) : (
              quiz.available && <Alert type="warning" showIcon message={t('quiz.public.noneLeft')} />
            )}
            {quiz.lastSubmittedAttemptId && (
              <Button size="large" block style={{ marginTop: 12 }} onClick={() => open(quiz.lastSubmittedAttemptId!)} data-testid="quiz-last-result">
                {t('quiz.take.lastResult')}
              </Button>
            )}
          </Card>
        )}
        {view?.status === 'in_progress' && <QuizRunner paper={view} onSubmit={submit} />}
        {view?.status === 'submitted' && (
          <QuizResultView
            result={view}
            extra={
              <Space wrap style={{ justifyContent: 'center' }}>
                <Button size="large" onClick={() => setView(null)} data-testid="quiz-back">
                  {again ? t('quiz.public.again') : t('quiz.back')}
                </Button>
              </Space>
            }
          />
        )}
      </main>
    </div>
  );
}
