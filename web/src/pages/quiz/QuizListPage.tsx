import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Grid, Skeleton, Space, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { BookOutlined, PlusOutlined } from '@ant-design/icons';
import { formatLocalDateTime, t, type Quiz, type QuizList } from '@lifeline/shared';
import { api } from '../../api/client.ts';
import { useSession } from '../../api/session.tsx';
import { errorText } from '../../components/AdminUtils.ts';
import { QuizFormModal } from './QuizFormModal.tsx';
import { QuizStatusTag, attemptsText, formatLimit } from './quizBits.tsx';
import './quiz.css';

/**
 * 答题活动: every quiz (drafts for the admin) with status, draw settings, participation and the
 * public link; the admin creates, edits, opens and closes them; everyone with `quiz.results` opens
 * the results. A table on desktop, cards on phones.
 */
export default function QuizListPage() {
  const { can } = useSession();
  const nav = useNavigate();
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const mobile = !Grid.useBreakpoint().md;
  const manage = can('quiz.manage');
  const [editing, setEditing] = useState<Quiz | null | undefined>(undefined);
  const q = useQuery({ queryKey: ['quizzes', 'all'], queryFn: () => api<QuizList>('/api/quizzes/all') });
  const step = useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'open' | 'close' }) => api<Quiz>(`/api/quizzes/${id}/${action}`, { method: 'POST' }),
    onSuccess: (r) => {
      message.success(r.status === 'open' ? t('quiz.list.opened') : t('quiz.list.closed'));
      void qc.invalidateQueries({ queryKey: ['quizzes'] });
    },
    onError: (e) => message.error(errorText(e)),
  });

  const confirmStep = (x: Quiz, action: 'open' | 'close') =>
    modal.confirm({
      title: action === 'open' ? t('quiz.list.openConfirm', { title: x.title }) : t('quiz.list.closeConfirm', { title: x.title }),
      content: action === 'open' ? (x.isPublic ? t('quiz.list.openPublicHint') : t('quiz.list.openHint')) : t('quiz.list.closeHint'),
      onOk: () => step.mutateAsync({ id: x.id, action }),
    });

  const publicLink = (x: Quiz) =>
    x.publicPath && (
      <Typography.Text copyable={{ text: `${window.location.origin}${x.publicPath}` }} style={{ fontSize: 12 }}>
        <a href={x.publicPath} target="_blank" rel="noreferrer">
          {t('quiz.list.publicLink')}
        </a>
      </Typography.Text>
    );

  const actions = (x: Quiz) => (
    <Space wrap size={4}>
      {x.abilities.results && x.status !== 'draft' && (
        <Button size="small" type="primary" ghost onClick={() => nav(`/quizzes/${x.id}`)} data-testid="quiz-results">
          {t('quiz.list.results')}
        </Button>
      )}
      {x.abilities.update && (
        <Button size="small" onClick={() => setEditing(x)}>
          {t('quiz.list.edit')}
        </Button>
      )}
      {x.abilities.open && (
        <Button size="small" onClick={() => confirmStep(x, 'open')} data-testid="quiz-open">
          {t('quiz.list.open')}
        </Button>
      )}
      {x.abilities.close && (
        <Button size="small" danger onClick={() => confirmStep(x, 'close')}>
          {t('quiz.list.close')}
        </Button>
      )}
    </Space>
  );

  const settings = (x: Quiz) =>
    t('quiz.list.settings', { n: x.questionCount, limit: formatLimit(x.timeLimitSeconds), attempts: attemptsText(x.maxAttempts) });

  const columns: TableProps<Quiz>['columns'] = [
    {
      key: 'title',
      title: t('quiz.field.title'),
      render: (_, x) => (
        <div>
          <div style={{ fontWeight: 500 }}>{x.title}</div>
          <div className="muted" style={{ fontSize: 12 }}>
            {x.tags.length ? x.tags.join('、') : t('quiz.list.allTags')}
            {x.campaignName ? ` · ${x.campaignName}` : ''}
          </div>
          {publicLink(x)}
        </div>
      ),
    },
    { key: 'status', title: t('quiz.field.status'), width: 90, render: (_, x) => <QuizStatusTag status={x.status} /> },
    { key: 'settings', title: t('quiz.list.settingsTitle'), width: 220, render: (_, x) => settings(x) },
    {
      key: 'window',
      title: t('quiz.list.window'),
      width: 170,
      render: (_, x) => (
        <span style={{ fontSize: 12 }}>
          {x.opensAt ? formatLocalDateTime(x.opensAt) : t('quiz.list.noStart')}
          <br />
          {x.closesAt ? formatLocalDateTime(x.closesAt) : t('quiz.list.noEnd')}
        </span>
      ),
    },
    { key: 'pool', title: t('quiz.list.pool'), width: 100, align: 'right', render: (_, x) => <span style={{ color: x.poolSize < x.questionCount ? '#cf1322' : undefined }}>{x.poolSize}</span> },
    { key: 'submitted', title: t('quiz.list.submitted'), width: 90, align: 'right', dataIndex: 'submittedAttempts' },
    { key: 'actions', title: '', width: 220, render: (_, x) => actions(x) },
  ];

  const items = q.data?.items ?? [];
  return (
    <div>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', justifyContent: 'space-between', marginBottom: 16 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('nav.quizzes')}
        </Typography.Title>
        {manage && (
          <Space wrap>
            <Link to="/quizzes/questions">
              <Button icon={<BookOutlined />}>{t('nav.quizBank')}</Button>
            </Link>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="quiz-new">
              {t('quiz.list.new')}
            </Button>
          </Space>
        )}
      </div>
      {q.isError && <Alert type="error" showIcon message={errorText(q.error)} />}
      {q.isLoading && <Skeleton active />}
      {q.isSuccess && items.length === 0 && <Empty description={t('quiz.list.empty')} />}
      {items.length > 0 &&
        (mobile ? (
          items.map((x) => (
            <Card key={x.id} size="small" className="quiz-list-card" data-testid="quiz-list-card">
              <Space style={{ justifyContent: 'space-between', width: '100%' }} align="start">
                <Typography.Text strong>{x.title}</Typography.Text>
                <QuizStatusTag status={x.status} />
              </Space>
              <div className="quiz-list-meta">
                <span>{settings(x)}</span>
                <span>{t('quiz.list.submittedN', { n: x.submittedAttempts })}</span>
                {publicLink(x)}
              </div>
              {actions(x)}
            </Card>
          ))
        ) : (
          <Table<Quiz> rowKey="id" columns={columns} dataSource={items} pagination={false} />
        ))}
      <QuizFormModal
        open={editing !== undefined}
        quiz={editing ?? null}
        onClose={() => setEditing(undefined)}
        onSaved={() => {
          setEditing(undefined);
          message.success(t('quiz.form.saved'));
          void qc.invalidateQueries({ queryKey: ['quizzes'] });
        }}
      />
    </div>
  );
}
