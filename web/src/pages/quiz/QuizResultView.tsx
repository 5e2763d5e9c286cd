import { useState } from 'react';
import { Alert, Card, Space, Switch, Tag, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { formatLocalDateTime, t, type QuizResult } from '@lifeline/shared';
import { KindTag, keysText } from './quizBits.tsx';
import './quiz.css';

/**
 * A submitted attempt: the score, then every question with the participant's answer, the
 * correct answer, the explanation and its source (all shown only now, after submission).
 */
export function QuizResultView({ result, extra }: { result: QuizResult; extra?: React.ReactNode }) {
  const [wrongOnly, setWrongOnly] = useState(false);
  const shown = result.questions.filter((q) => !wrongOnly || !q.isCorrect);
  return (
    <div className="quiz-result" data-testid="quiz-result">
      <Card className="quiz-score-card">
        <div className="quiz-score" data-testid="quiz-score">
          <span className="quiz-score-value">{result.score}</span>
          <span className="quiz-score-unit">{t('quiz.result.points', { max: result.maxScore })}</span>
        </div>
        <Typography.Paragraph style={{ marginBottom: 4 }}>{t('quiz.result.correct', { n: result.correctCount, total: result.questionCount })}</Typography.Paragraph>
        <Typography.Text type="secondary">{t('quiz.result.submittedAt', { at: formatLocalDateTime(result.submittedAt) })}</Typography.Text>
        {result.late && <Alert type="warning" showIcon style={{ marginTop: 12, textAlign: 'left' }} message={t('quiz.result.late')} />}
        {extra && <div style={{ marginTop: 16 }}>{extra}</div>}
      </Card>
      <div className="quiz-result-head">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('quiz.result.review')}
        </Typography.Title>
        <Space>
          <Typography.Text>{t('quiz.result.wrongOnly')}</Typography.Text>
          <Switch checked={wrongOnly} onChange={setWrongOnly} aria-label={t('quiz.result.wrongOnly')} />
        </Space>
      </div>
      {shown.map((q) => (
        <Card key={q.id} size="small" className={`quiz-review ${q.isCorrect ? 'quiz-review-ok' : 'quiz-review-bad'}`} data-testid="quiz-review">
          <Space size={6} style={{ marginBottom: 6 }} wrap>
            {q.isCorrect ? <CheckCircleFilled style={{ color: '#389e0d' }} /> : <CloseCircleFilled style={{ color: '#cf1322' }} />}
            <Typography.Text strong>{t('quiz.result.number', { i: result.questions.indexOf(q) + 1 })}</Typography.Text>
            <KindTag kind={q.kind} />
          </Space>
          <Typography.Paragraph className="quiz-stem-small">{q.stem}</Typography.Paragraph>
          {q.kind !== 'true_false' && (
            <ul className="quiz-review-options">
              {q.options.map((o) => (
                <li key={o.key} className={q.correctKeys.includes(o.key) ? 'is-key' : q.chosen.includes(o.key) ? 'is-wrong' : ''}>
                  <b>{o.key}.</b> {o.text}
                </li>
              ))}
            </ul>
          )}
          <div className="quiz-review-answers">
            <span>
              {t('quiz.result.yours')}
              <Tag color={q.isCorrect ? 'green' : 'red'}>{keysText(q.kind, q.chosen)}</Tag>
            </span>
            <span>
              {t('quiz.result.key')}
              <Tag color="green">{keysText(q.kind, q.correctKeys)}</Tag>
            </span>
          </div>
          <Typography.Paragraph className="quiz-explanation">
            <b>{t('quiz.result.explanation')}</b>
            {q.explanation}
          </Typography.Paragraph>
          <Typography.Text type="secondary" className="quiz-source">
            {t('quiz.result.source', { source: q.source })}
          </Typography.Text>
        </Card>
      ))}
    </div>
  );
}
