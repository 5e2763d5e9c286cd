import { useState } from 'react';
import { Link } from 'react-router-dom';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Grid, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { DownloadOutlined, LeftOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { QUIZ_QUESTION_KINDS, t, type QuizQuestion, type QuizQuestionPage } from '@lifeline/shared';
import { api, qs } from '../../api/client.ts';
import { errorText } from '../../components/AdminUtils.ts';
import { CardPager } from '../../components/CardPager.tsx';
import { SearchBox } from '../../components/SearchBox.tsx';
import { downloadFromApi } from '../../components/download.ts';
import { oneOf, useUrlParams } from '../../components/useUrlParams.ts';
import { QuestionFormModal } from './QuestionFormModal.tsx';
import { QuestionImportModal } from './QuestionImportModal.tsx';
import { KindTag, keysText } from './quizBits.tsx';
import './quiz.css';

const PAGE_SIZE = 20;

/**
 * 题库 (county admin): search by code, stem, options or source; filter by tag, kind and active;
 * add, edit, deactivate; .xlsx export and import (round trip by 编号, dry run first).
 * A table on desktop, cards on phones.
 */
export default function QuestionBankPage() {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const mobile = !Grid.useBreakpoint().md;
  const [params, update] = useUrlParams();
  const kind = oneOf(QUIZ_QUESTION_KINDS, params.kind);
  const active = params.active === 'true' || params.active === 'false' ? params.active : undefined;
  const page = Math.max(1, Number(params.page) || 1);
  const [editing, setEditing] = useState<QuizQuestion | null | undefined>(undefined);
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);

  const query = { q: params.q, tag: params.tag, kind, active, page, pageSize: PAGE_SIZE };
  const list = useQuery({ queryKey: ['quiz-questions', query], queryFn: () => api<QuizQuestionPage>(`/api/quiz-questions${qs(query)}`), placeholderData: keepPreviousData });
  const toggle = useMutation({
    mutationFn: (x: QuizQuestion) => api<QuizQuestion>(`/api/quiz-questions/${x.id}`, { method: 'PATCH', json: { isActive: !x.isActive } }),
    onSuccess: (x) => {
      message.success(x.isActive ? t('quiz.bank.activated', { code: x.code }) : t('quiz.bank.deactivated', { code: x.code }));
      void qc.invalidateQueries({ queryKey: ['quiz-questions'] });
    },
    onError: (e) => message.error(errorText(e)),
  });

  const exportXlsx = async () => {
    setExporting(true);
    try {
      await downloadFromApi('/api/quiz-questions/export.xlsx', 'quiz.xlsx');
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setExporting(false);
    }
  };

  const tags = list.data?.tags ?? [];
  const rowActions = (x: QuizQuestion) => (
    <Space size={4}>
      <Button size="small" onClick={() => setEditing(x)}>
        {t('quiz.list.edit')}
      </Button>
      <Button size="small" danger={x.isActive} onClick={() => toggle.mutate(x)}>
        {x.isActive ? t('quiz.bank.deactivate') : t('quiz.bank.activate')}
      </Button>
    </Space>
  );

  const columns: TableProps<QuizQuestion>['columns'] = [
    { key: 'code', title: t('quiz.field.code'), dataIndex: 'code', width: 72 },
    { key: 'kind', title: t('quiz.field.kind'), width: 72, render: (_, x) => <KindTag kind={x.kind} /> },
    {
      key: 'stem',
      title: t('quiz.field.stem'),
      render: (_, x) => (
        <div>
          <Typography.Paragraph ellipsis={{ rows: 2, tooltip: x.stem }} style={{ marginBottom: 2 }}>
            {x.stem}
          </Typography.Paragraph>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: x.source }}>
            {x.source}
          </Typography.Text>
        </div>
      ),
    },
    { key: 'answer', title: t('quiz.field.answer'), width: 80, render: (_, x) => keysText(x.kind, x.answer) },
    { key: 'tags', title: t('quiz.field.tags'), width: 170, render: (_, x) => x.tags.map((tg) => <Tag key={tg}>{tg}</Tag>) },
    {
      key: 'state',
      title: t('quiz.field.isActive'),
      width: 90,
      render: (_, x) => (
        <Space direction="vertical" size={0}>
          <Tag color={x.isActive ? 'green' : 'default'}>{x.isActive ? t('quiz.bank.active') : t('quiz.bank.inactive')}</Tag>
          {x.isBuiltIn && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('quiz.bank.builtIn')}</Typography.Text>}
        </Space>
      ),
    },
    { key: 'actions', title: '', width: 150, render: (_, x) => rowActions(x) },
  ];

  return (
    <div>
      <Space style={{ marginBottom: 8 }}>
        <Link to="/quizzes">
          <LeftOutlined /> {t('nav.quizzes')}
        </Link>
      </Space>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', justifyContent: 'space-between', marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('nav.quizBank')}
        </Typography.Title>
        <Space wrap>
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={exportXlsx}>
            {t('quiz.bank.export')}
          </Button>
          <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
            {t('quiz.bank.import')}
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
            {t('quiz.bank.new')}
          </Button>
        </Space>
      </div>
      <Space wrap style={{ marginBottom: 12 }}>
        <SearchBox value={params.q} onSearch={(v) => update({ q: v, page: null })} placeholder={t('quiz.bank.search')} style={{ width: mobile ? 'calc(100vw - 48px)' : 280 }} />
        <Select
          allowClear
          placeholder={t('quiz.field.tags')}
          value={params.tag}
          onChange={(v) => update({ tag: v, page: null })}
          options={tags.map((x) => ({ value: x.tag, label: `${x.tag}（${x.active}）` }))}
          style={{ width: 170 }}
          aria-label={t('quiz.field.tags')}
        />
        <Select allowClear placeholder={t('quiz.field.kind')} value={kind} onChange={(v) => update({ kind: v, page: null })} options={QUIZ_QUESTION_KINDS.map((k) => ({ value: k, label: t(`quiz.kind.${k}`) }))} style={{ width: 110 }} aria-label={t('quiz.field.kind')} />
        <Select
          allowClear
          placeholder={t('quiz.field.isActive')}
          value={active}
          onChange={(v) => update({ active: v, page: null })}
          options={[{ value: 'true', label: t('quiz.bank.active') }, { value: 'false', label: t('quiz.bank.inactive') }]}
          style={{ width: 110 }}
          aria-label={t('quiz.field.isActive')}
        />
      </Space>
      {list.isError && <Alert type="error" showIcon message={errorText(list.error)} />}
      <Typography.Paragraph type="secondary">{t('quiz.bank.count', { n: list.data?.total ?? 0 })}</Typography.Paragraph>
      {mobile ? (
        <>
          {(list.data?.items ?? []).map((x) => (
            <Card key={x.id} size="small" className="quiz-list-card" data-testid="question-card">
              <Space size={4} wrap style={{ marginBottom: 4 }}>
                <Typography.Text strong>{x.code}</Typography.Text>
                <KindTag kind={x.kind} />
                {!x.isActive && <Tag>{t('quiz.bank.inactive')}</Tag>}
              </Space>
              <Typography.Paragraph style={{ marginBottom: 4 }}>{x.stem}</Typography.Paragraph>
              <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
                {t('quiz.bank.answerLine', { answer: keysText(x.kind, x.answer) })} · {x.tags.join('、')}
              </Typography.Paragraph>
              {rowActions(x)}
            </Card>
          ))}
          <CardPager page={page} pageSize={PAGE_SIZE} total={list.data?.total ?? 0} onChange={(p) => update({ page: p })} />
        </>
      ) : (
        <Table<QuizQuestion>
          rowKey="id"
          tableLayout="fixed"
          size="small"
          loading={list.isFetching}
          columns={columns}
          dataSource={list.data?.items ?? []}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, showSizeChanger: false, onChange: (p) => update({ page: p }) }}
        />
      )}
      <QuestionFormModal
        open={editing !== undefined}
        question={editing ?? null}
        tagOptions={tags.map((x) => x.tag)}
        onClose={() => setEditing(undefined)}
        onSaved={() => {
          setEditing(undefined);
          message.success(t('quiz.form.saved'));
          void qc.invalidateQueries({ queryKey: ['quiz-questions'] });
        }}
      />
      <QuestionImportModal
        open={importing}
        onClose={(committed) => {
          setImporting(false);
          if (committed) void qc.invalidateQueries({ queryKey: ['quiz-questions'] });
        }}
      />
    </div>
  );
}
