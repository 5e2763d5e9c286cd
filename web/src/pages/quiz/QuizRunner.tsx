import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { App, Button, Card, Grid, Progress, Space, Typography } from 'antd';
import { CheckOutlined, ClockCircleOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import { t, type QuizPaper } from '@lifeline/shared';
import { KindTag, formatClock } from './quizBits.tsx';
import './quiz.css';

type Answers = Record<string, string[]>;

const draftKey = (attemptId: string) => `lifeline:quiz:${attemptId}`;

/** Answers kept in this tab while answering, so a reload does not lose them. */
function loadDraft(attemptId: string): Answers {
  try {
    return JSON.parse(sessionStorage.getItem(draftKey(attemptId)) ?? '{}') as Answers;
  } catch {
    return {};
  }
}

/** Forgets the answers kept for an attempt (after it was submitted). */
export function forgetQuizDraft(attemptId: string) {
  try {
    sessionStorage.removeItem(draftKey(attemptId));
  } catch {
    /* storage disabled */
  }
}

/**
 * Answering a quiz paper: one question per screen (large tap targets, previous / next, an answer
 * card to jump), a countdown corrected by the server's clock, and submission — by the user, or by
 * itself when the time is up (the server scores late answers as at the limit in any case).
 * @param onSubmit sends the answers; called once (a second tap is ignored while it runs)
 */
export function QuizRunner({ paper, onSubmit }: { paper: QuizPaper; onSubmit: (answers: Answers, auto: boolean) => Promise<void> }) {
  const { modal } = App.useApp();
  const wide = !!Grid.useBreakpoint().md;
  const [answers, setAnswers] = useState<Answers>(() => loadDraft(paper.attemptId));
  const [index, setIndex] = useState(0);
  const [busy, setBusy] = useState(false);
  const sent = useRef(false);
  const autoTried = useRef(false);
  // the server's clock minus ours, so a wrong phone clock does not change the countdown
  const skew = useMemo(() => new Date(paper.serverNow).getTime() - Date.now(), [paper.serverNow]);
  const deadline = new Date(paper.deadlineAt).getTime();
  const [left, setLeft] = useState(() => (deadline - (Date.now() + skew)) / 1000);

  useEffect(() => {
    try {
      sessionStorage.setItem(draftKey(paper.attemptId), JSON.stringify(answers));
    } catch {
      /* storage disabled */
    }
  }, [answers, paper.attemptId]);

  const submit = useCallback(
    async (auto: boolean) => {
      if (sent.current) return;
      sent.current = true;
      setBusy(true);
      try {
        await onSubmit(answers, auto);
      } catch {
        sent.current = false;
      } finally {
        setBusy(false);
      }
    },
    [answers, onSubmit],
  );

  useEffect(() => {
    const timer = window.setInterval(() => setLeft((deadline - (Date.now() + skew)) / 1000), 500);
    return () => window.clearInterval(timer);
  }, [deadline, skew]);

  useEffect(() => {
    // time is up: submit by itself once (after a failure the user retries with the button)
    if (left <= 0 && !sent.current && !autoTried.current) {
      autoTried.current = true;
      void submit(true);
    }
  }, [left, submit]);

  const qs = paper.questions;
  const q = qs[index]!;
  const chosen = answers[q.id] ?? [];
  const answered = qs.filter((x) => (answers[x.id] ?? []).length > 0).length;
  const toggle = (key: string) =>
    setAnswers((prev) => {
      const cur = prev[q.id] ?? [];
      const next = q.kind === 'multiple' ? (cur.includes(key) ? cur.filter((k) => k !== key) : [...cur, key].sort()) : [key];
      return { ...prev, [q.id]: next };
    });

  const confirmSubmit = () => {
    const missing = qs.length - answered;
    modal.confirm({
      title: t('quiz.run.confirmTitle'),
      content: missing ? t('quiz.run.confirmUnanswered', { n: missing }) : t('quiz.run.confirmAll'),
      okText: t('quiz.run.submit'),
      cancelText: t('quiz.run.keepGoing'),
      onOk: () => submit(false),
    });
  };

  const urgent = left <= 60;
  return (
    <div className="quiz-runner" data-testid="quiz-runner">
      <div className="quiz-runner-bar">
        <Typography.Text strong data-testid="quiz-progress">
          {t('quiz.run.progress', { i: index + 1, n: qs.length })}
        </Typography.Text>
        <span className={`quiz-clock${urgent ? ' quiz-clock-urgent' : ''}`} role="timer" aria-live={urgent ? 'polite' : 'off'} data-testid="quiz-clock">
          <ClockCircleOutlined /> {formatClock(left)}
        </span>
      </div>
      <Progress percent={Math.round((answered / qs.length) * 100)} showInfo={false} size="small" strokeColor="#b7282e" />
      <div className="quiz-runner-body">
        <Card className="quiz-question-card" data-testid="quiz-question">
          <Space size={4} style={{ marginBottom: 8 }}>
            <KindTag kind={q.kind} />
            {q.kind === 'multiple' && <Typography.Text type="secondary">{t('quiz.run.multipleHint')}</Typography.Text>}
          </Space>
          <Typography.Paragraph className="quiz-stem">{q.stem}</Typography.Paragraph>
          <div role={q.kind === 'multiple' ? 'group' : 'radiogroup'} aria-label={q.stem} className="quiz-options">
            {q.options.map((o) => {
              const on = chosen.includes(o.key);
              return (
                <button
                  key={o.key}
                  type="button"
                  role={q.kind === 'multiple' ? 'checkbox' : 'radio'}
                  aria-checked={on}
                  className={`quiz-option${on ? ' quiz-option-on' : ''}`}
                  onClick={() => toggle(o.key)}
                  data-testid="quiz-option"
                >
                  <span className="quiz-option-key">{q.kind === 'true_false' ? (on ? <CheckOutlined /> : null) : o.key}</span>
                  <span className="quiz-option-text">{o.text}</span>
                </button>
              );
            })}
          </div>
        </Card>
        {wide && (
          <Card size="small" title={t('quiz.run.answerCard')} className="quiz-answer-card">
            <AnswerGrid qs={qs} answers={answers} index={index} onPick={setIndex} />
          </Card>
        )}
      </div>
      {!wide && <AnswerGrid qs={qs} answers={answers} index={index} onPick={setIndex} />}
      <div className="quiz-runner-nav">
        <Button size="large" icon={<LeftOutlined />} disabled={index === 0} onClick={() => setIndex(index - 1)} data-testid="quiz-prev">
          {t('quiz.run.prev')}
        </Button>
        {index < qs.length - 1 ? (
          <Button size="large" type="primary" onClick={() => setIndex(index + 1)} data-testid="quiz-next">
            {t('quiz.run.next')} <RightOutlined />
          </Button>
        ) : (
          <Button size="large" type="primary" loading={busy} onClick={confirmSubmit} data-testid="quiz-submit">
            {t('quiz.run.submit')}
          </Button>
        )}
      </div>
      {index < qs.length - 1 && (
        <div style={{ textAlign: 'center', marginTop: 8 }}>
          <Button type="link" onClick={confirmSubmit} loading={busy} data-testid="quiz-submit-early">
            {t('quiz.run.submitNow')}
          </Button>
        </div>
      )}
    </div>
  );
}

/** The numbered squares of the questions: answered ones filled, the current one outlined. */
function AnswerGrid({ qs, answers, index, onPick }: { qs: QuizPaper['questions']; answers: Answers; index: number; onPick: (i: number) => void }) {
  return (
    <div className="quiz-grid" aria-label={t('quiz.run.answerCard')}>
      {qs.map((x, i) => (
        <button
          key={x.id}
          type="button"
          className={`quiz-grid-cell${(answers[x.id] ?? []).length ? ' quiz-grid-done' : ''}${i === index ? ' quiz-grid-current' : ''}`}
          onClick={() => onPick(i)}
          aria-label={t('quiz.run.goTo', { i: i + 1 })}
        >
          {i + 1}
        </button>
      ))}
    </div>
  );
}
