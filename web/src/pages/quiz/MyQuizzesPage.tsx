import { useNavigate } from 'react-router-dom';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Empty, Row, Skeleton, Space, Typography } from 'antd';
import { formatLocalDateTime, t, type QuizPaper, type TakeableQuiz, type TakeableQuizList } from '@lifeline/shared';
import { api } from '../../api/client.ts';
import { errorText } from '../../components/AdminUtils.ts';
import { attemptsText, formatLimit } from './quizBits.tsx';

/**
 * 参加答题: the quizzes the signed-in staff member can answer now, with their attempts left and
 * best score; 开始答题 draws a paper on the server, 继续答题 resumes an unfinished one, 查看成绩
 * opens the last result.
 */
export default function MyQuizzesPage() {
  const nav = useNavigate();
  const { message } = App.useApp();
  const q = useQuery({ queryKey: ['quizzes', 'takeable'], queryFn: () => api<TakeableQuizList>('/api/quizzes') });
  const start = useMutation({
    mutationFn: (id: string) => api<QuizPaper>(`/api/quizzes/${id}/attempts`, { method: 'POST' }),
    onSuccess: (p) => nav(`/my-quizzes/attempts/${p.attemptId}`),
    onError: (e) => message.error(errorText(e)),
  });

  const card = (x: TakeableQuiz) => {
    const canStart = x.attemptsLeft === null || x.attemptsLeft > 0;
    return (
      <Card key={x.id} title={<span style={{ whiteSpace: 'normal' }}>{x.title}</span>} data-testid="quiz-card" style={{ height: '100%' }}>
        {x.description && <Typography.Paragraph type="secondary">{x.description}</Typography.Paragraph>}
        <Space direction="vertical" size={2} style={{ marginBottom: 16 }}>
          <span>{t('quiz.take.questions', { n: x.questionCount })}</span>
          <span>{t('quiz.take.limit', { limit: formatLimit(x.timeLimitSeconds) })}</span>
          <span>{t('quiz.take.attempts', { max: attemptsText(x.maxAttempts), used: x.attemptsUsed })}</span>
          {x.closesAt && <span>{t('quiz.take.closesAt', { at: formatLocalDateTime(x.closesAt) })}</span>}
          {x.bestScore !== null && <Typography.Text strong>{t('quiz.take.best', { score: x.bestScore })}</Typography.Text>}
        </Space>
        <Space wrap>
          {x.inProgressAttemptId ? (
            <Button type="primary" size="large" onClick={() => nav(`/my-quizzes/attempts/${x.inProgressAttemptId}`)} data-testid="quiz-resume">
              {t('quiz.take.resume')}
            </Button>
          ) : (
            <Button type="primary" size="large" disabled={!canStart} loading={start.isPending && start.variables === x.id} onClick={() => start.mutate(x.id)} data-testid="quiz-start">
              {canStart ? t('quiz.take.start') : t('quiz.take.noneLeft')}
            </Button>
          )}
          {x.lastSubmittedAttemptId && (
            <Button size="large" onClick={() => nav(`/my-quizzes/attempts/${x.lastSubmittedAttemptId}`)}>
              {t('quiz.take.lastResult')}
            </Button>
          )}
        </Space>
      </Card>
    );
  };

  return (
    <div>
      <Typography.Title level={4}>{t('nav.quizTake')}</Typography.Title>
      {q.isLoading && <Skeleton active />}
      {q.isError && <Alert type="error" showIcon message={errorText(q.error)} />}
      {q.isSuccess && q.data.items.length === 0 && <Empty description={t('quiz.take.empty')} />}
      <Row gutter={[16, 16]}>
        {(q.data?.items ?? []).map((x) => (
          <Col key={x.id} xs={24} md={12} xl={8}>
            {card(x)}
          </Col>
        ))}
      </Row>
    </div>
  );
}
