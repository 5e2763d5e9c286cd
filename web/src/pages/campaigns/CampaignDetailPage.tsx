import { useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Collapse, Descriptions, Empty, Grid, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { ButtonProps, DescriptionsProps, TableProps } from 'antd';
import {
  ArrowLeftOutlined,
  BarChartOutlined,
  CalendarOutlined,
  DeleteOutlined,
  EditOutlined,
  PlusOutlined,
  SendOutlined,
  StopOutlined,
} from '@ant-design/icons';
import { CAMPAIGN_ASSIGNEE_SCOPES, formatLocalDateTime, t, type CampaignDetail, type CampaignTask } from '@lifeline/shared';
import { api } from '../../api/client.ts';
import { errorText } from '../../components/AdminUtils.ts';
import { isStale } from '../../components/apiErrors.ts';
import { detailState, retryUnlessClientError } from '../../components/DetailState.tsx';
import { useOrgTree } from '../../components/orgQueries.ts';
import { CampaignHeaderModal } from './CampaignHeaderModal.tsx';
import { CampaignSummaryCard } from './CampaignSummaryCard.tsx';
import { ParseReportCard } from './ParseReportCard.tsx';
import { TaskEditorModal, type TaskPrefill } from './TaskEditorModal.tsx';
import { CampaignStatusTag, dateFromPhrase, pastDeadlines, pastDeadlinesOf, periodText, quantityText, readParseReport, scopeText, sectionNumeral, writeParseReport, type OfficeNames, type ParseReport, type PastDeadline } from './campaignBits.tsx';
import './campaigns.css';

/** The task editor's state: closed, a new task (maybe pre-filled from an unplaced requirement), or a task to edit. */
type Editing = { task: CampaignTask } | { prefill: TaskPrefill | null; unplacedIndex?: number } | null;

/**
 * 活动详情: header (name, theme, period, issuer, status; edited in a modal while a draft), the
 * parser's report for a campaign just created in this tab, tasks (table; cards on phones) with
 * add / edit / delete while a draft, the notice's sections and event days, 发布 / 结束 as `abilities`
 * allow, and once published: 完成情况看板 and 活动总结.
 */
export default function CampaignDetailPage() {
  const { id = '' } = useParams();
  const nav = useNavigate();
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const mobile = !Grid.useBreakpoint().md;
  const [editing, setEditing] = useState<Editing>(null);
  const [headerOpen, setHeaderOpen] = useState(false);
  const [report, setReport] = useState<ParseReport | null>(() => readParseReport(id));
  const [stepping, setStepping] = useState<'publish' | 'end' | 'delete' | null>(null);
  const org = useOrgTree();
  const offices: OfficeNames = useMemo(() => new Map((org.data?.offices ?? []).map((o) => [o.id, o.name])), [org.data]);

  const q = useQuery({
    queryKey: ['campaign', id],
    queryFn: () => api<CampaignDetail>(`/api/campaigns/${id}`),
    retry: retryUnlessClientError,
  });

  const fallback = detailState(q);
  if (fallback) return fallback;
  const c = q.data!;

  const updateReport = (next: ParseReport | null) => {
    setReport(next);
    writeParseReport(c.id, next);
  };

  /** POSTs a step; publishing with `confirmPastDeadlines` once the user has seen the late tasks. */
  const runStep = async (which: 'publish' | 'end', confirmPastDeadlines = false) => {
    setStepping(which);
    try {
      const saved = await api<CampaignDetail>(`/api/campaigns/${c.id}/${which}`, { method: 'POST', ...(confirmPastDeadlines ? { json: { confirmPastDeadlines: true } } : {}) });
      qc.setQueryData(['campaign', c.id], saved);
      void qc.invalidateQueries({ queryKey: ['campaigns', 'list'] });
      message.success(which === 'publish' ? t('campaigns.detail.published') : t('campaigns.detail.ended'));
      if (which === 'publish') updateReport(null);
    } catch (e) {
      // the server's clock saw deadlines past that ours did not: ask once more, then publish anyway
      const late = which === 'publish' && !confirmPastDeadlines ? pastDeadlinesOf(e) : null;
      if (late) confirmPublish(late, true);
      else {
        message.error(errorText(e));
        if (isStale(e)) void q.refetch();
      }
    } finally {
      setStepping(null);
    }
  };

  /** 发布 behind one confirmation, which lists the tasks whose deadline has passed (they publish only with the flag). */
  const confirmPublish = (late: PastDeadline[], again = false) => {
    modal.confirm({
      title: t('campaigns.detail.publishTitle', { name: c.name }),
      width: late.length ? 480 : undefined,
      content: (
        <div data-testid="publish-confirm">
          <div>{t('campaigns.detail.publishBody')}</div>
          {late.length > 0 && <PastDeadlineAlert late={late} again={again} />}
        </div>
      ),
      okText: late.length ? t('campaigns.detail.publishAnyway') : t('campaigns.detail.publish'),
      okButtonProps: { 'data-testid': 'confirm-publish' } as ButtonProps,
      cancelText: t('common.cancel'),
      onOk: () => runStep('publish', late.length > 0),
    });
  };

  const step = (which: 'publish' | 'end') => {
    if (which === 'publish') {
      confirmPublish(pastDeadlines(c.tasks, Date.now()));
      return;
    }
    modal.confirm({
      title: t('campaigns.detail.endTitle', { name: c.name }),
      content: t('campaigns.detail.endBody'),
      okText: t('campaigns.detail.end'),
      okButtonProps: { danger: true, 'data-testid': 'confirm-end' } as ButtonProps,
      cancelText: t('common.cancel'),
      onOk: () => runStep('end'),
    });
  };

  const deleteDraft = () => {
    modal.confirm({
      title: t('campaigns.detail.deleteTitle', { name: c.name }),
      content: t('campaigns.detail.deleteBody', { n: c.tasks.length }),
      okText: t('campaigns.detail.deleteDraft'),
      okButtonProps: { danger: true, 'data-testid': 'confirm-delete' } as ButtonProps,
      cancelText: t('common.cancel'),
      onOk: async () => {
        setStepping('delete');
        try {
          await api(`/api/campaigns/${c.id}`, { method: 'DELETE' });
          writeParseReport(c.id, null);
          message.success(t('campaigns.detail.deleted', { name: c.name }));
          void qc.invalidateQueries({ queryKey: ['campaigns', 'list'] });
          nav('/campaigns', { replace: true });
          qc.removeQueries({ queryKey: ['campaign', c.id] });
        } catch (e) {
          message.error(errorText(e));
          if (isStale(e)) void q.refetch();
        } finally {
          setStepping(null);
        }
      },
    });
  };

  const deleteTask = async (task: CampaignTask) => {
    try {
      await api(`/api/campaigns/${c.id}/tasks/${task.id}`, { method: 'DELETE' });
      message.success(t('campaigns.tasks.deleted'));
      void qc.invalidateQueries({ queryKey: ['campaign', c.id] });
      void qc.invalidateQueries({ queryKey: ['campaigns', 'list'] });
    } catch (e) {
      message.error(errorText(e));
      if (isStale(e)) void q.refetch();
    }
  };

  const addUnplaced = (index: number) => {
    const u = report?.unplacedTasks[index];
    if (!u) return;
    const scope = (CAMPAIGN_ASSIGNEE_SCOPES as readonly string[]).includes(u.assigneeScope) ? (u.assigneeScope as TaskPrefill['assigneeScope']) : undefined;
    setEditing({
      unplacedIndex: index,
      prefill: {
        title: u.title,
        deliverableKind: u.deliverableKind,
        requiredQuantity: Math.max(1, u.quantity ?? 1),
        ...(scope ? { assigneeScope: scope } : {}),
        deadline: dateFromPhrase(u.deadlineText, c.year),
        instructions: u.sourceSentence,
      },
    });
  };

  const info: DescriptionsProps['items'] = [
    { key: 'theme', label: t('campaigns.field.theme'), span: 'filled', children: c.theme || '—' },
    { key: 'year', label: t('campaigns.field.year'), children: c.year },
    { key: 'period', label: t('campaigns.field.period'), children: periodText(c) },
    { key: 'issuer', label: t('campaigns.field.issuer'), children: c.issuer || '—' },
    { key: 'tasks', label: t('campaigns.field.taskCount'), children: c.taskCount },
    { key: 'createdAt', label: t('campaigns.field.createdAt'), children: formatLocalDateTime(c.createdAt) },
    ...(c.publishedAt ? [{ key: 'publishedAt', label: t('campaigns.field.publishedAt'), children: formatLocalDateTime(c.publishedAt) }] : []),
    ...(c.endedAt ? [{ key: 'endedAt', label: t('campaigns.field.endedAt'), children: formatLocalDateTime(c.endedAt) }] : []),
  ];

  const buttons = [
    c.abilities.edit && (
      <Button key="edit" icon={<EditOutlined />} onClick={() => setHeaderOpen(true)} data-testid="campaign-edit">
        {mobile ? t('common.edit') : t('campaigns.detail.editHeader')}
      </Button>
    ),
    c.abilities.edit && (
      <Button key="delete" danger icon={<DeleteOutlined />} loading={stepping === 'delete'} onClick={deleteDraft} data-testid="campaign-delete">
        {mobile ? t('common.delete') : t('campaigns.detail.deleteDraft')}
      </Button>
    ),
    c.status !== 'draft' && (
      <Button key="board" icon={<BarChartOutlined />} onClick={() => nav(`/campaigns/${c.id}/board`)} data-testid="campaign-board">
        {t('campaigns.detail.board')}
      </Button>
    ),
    c.abilities.end && (
      <Button key="end" danger icon={<StopOutlined />} loading={stepping === 'end'} onClick={() => step('end')} data-testid="campaign-end">
        {t('campaigns.detail.end')}
      </Button>
    ),
    c.status === 'draft' && (c.abilities.publish || c.abilities.edit) && (
      <Button
        key="publish"
        type="primary"
        icon={<SendOutlined />}
        loading={stepping === 'publish'}
        disabled={!c.abilities.publish}
        title={!c.abilities.publish ? t('campaigns.detail.publishNoTasks') : undefined}
        onClick={() => step('publish')}
        data-testid="campaign-publish"
      >
        {t('campaigns.detail.publish')}
      </Button>
    ),
  ].filter(Boolean);

  return (
    <div>
      <div className="page-header">
        <div className="detail-title">
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => nav('/campaigns')} aria-label={t('campaigns.detail.backToList')} />
          <h2>
            {c.name} <CampaignStatusTag status={c.status} />
          </h2>
        </div>
        {!mobile && buttons.length > 0 && (
          <Space size={8} wrap>
            {buttons}
          </Space>
        )}
      </div>

      {c.status === 'draft' && c.abilities.edit && <Alert type="info" showIcon title={t('campaigns.detail.draftHint')} style={{ marginBottom: 16 }} />}

      <Card className="cp-section" size="small">
        <Descriptions className="cp-desc" size="small" column={{ xs: 1, sm: 2, lg: 3 }} items={info} />
      </Card>

      {report && (
        <ParseReportCard
          report={report}
          taskCount={c.tasks.length}
          canEdit={c.abilities.edit}
          onAdd={addUnplaced}
          onDismiss={() => updateReport(null)}
        />
      )}

      <TasksCard campaign={c} offices={offices} mobile={mobile} onAdd={() => setEditing({ prefill: null })} onEdit={(task) => setEditing({ task })} onDelete={(task) => void deleteTask(task)} />

      {c.status !== 'draft' && <CampaignSummaryCard campaign={c} />}

      <EventsCard campaign={c} />
      <SectionsCard campaign={c} />

      {mobile && buttons.length > 0 && <div className="cp-sticky-actions">{buttons}</div>}

      <CampaignHeaderModal open={headerOpen} campaign={c} onClose={() => setHeaderOpen(false)} />
      <TaskEditorModal
        open={editing !== null}
        campaign={c}
        task={editing && 'task' in editing ? editing.task : null}
        prefill={editing && 'prefill' in editing ? editing.prefill : null}
        onClose={() => setEditing(null)}
        onSaved={() => {
          if (editing && 'unplacedIndex' in editing && editing.unplacedIndex !== undefined && report) {
            updateReport({ ...report, added: [...report.added, editing.unplacedIndex] });
          }
        }}
      />
    </div>
  );
}

/** The warning inside the publish confirmation: the tasks whose deadline has already passed. */
function PastDeadlineAlert({ late, again }: { late: PastDeadline[]; again: boolean }) {
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginTop: 12 }}
      title={again ? t('campaigns.detail.pastDeadlinesServer', { n: late.length }) : t('campaigns.detail.pastDeadlines', { n: late.length })}
      description={
        <ul className="cp-past-deadlines" data-testid="past-deadlines">
          {late.map((d) => (
            <li key={d.taskId}>
              <span className="cp-past-title">{d.title}</span>
              <span className="cp-deadline">{t('campaigns.detail.pastDeadlineDate', { date: d.deadlineDate })}</span>
            </li>
          ))}
        </ul>
      }
    />
  );
}

interface TasksCardProps {
  campaign: CampaignDetail;
  offices: OfficeNames;
  mobile: boolean;
  onAdd: () => void;
  onEdit: (task: CampaignTask) => void;
  onDelete: (task: CampaignTask) => void;
}

/** 删除 behind a confirmation. */
function DeleteTaskButton({ task, onDelete, iconOnly }: { task: CampaignTask; onDelete: (task: CampaignTask) => void; iconOnly?: boolean }) {
  return (
    <Popconfirm
      title={t('campaigns.tasks.deleteTitle', { title: task.title })}
      description={t('campaigns.tasks.deleteBody')}
      okText={t('common.delete')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      onConfirm={() => onDelete(task)}
    >
      <Button type={iconOnly ? 'text' : 'link'} size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={(e) => e.stopPropagation()}>
        {!iconOnly && t('common.delete')}
      </Button>
    </Popconfirm>
  );
}

/** 任务: a table on desktop (instructions in an expandable row), cards on phones. */
function TasksCard({ campaign: c, offices, mobile, onAdd, onEdit, onDelete }: TasksCardProps) {
  const editable = c.abilities.edit;
  const kindText = (task: CampaignTask) => t(`deliverableKind.${task.deliverableKind}`);
  const reviewText = (task: CampaignTask) => (task.reviewRequired ? t('campaigns.tasks.reviewYes') : t('campaigns.tasks.reviewNo'));

  const columns: TableProps<CampaignTask>['columns'] = [
    { key: 'title', title: t('campaigns.tasks.field.title'), render: (_, task) => <span className="cp-task-title">{task.title}</span> },
    { key: 'scope', title: t('campaigns.tasks.field.assignee'), width: 130, render: (_, task) => scopeText(task, offices) },
    { key: 'deadline', title: t('campaigns.tasks.field.deadline'), width: 104, render: (_, task) => <span className="cp-deadline">{task.deadlineDate}</span> },
    { key: 'kind', title: t('campaigns.tasks.field.deliverableKind'), width: 110, render: (_, task) => kindText(task) },
    { key: 'quantity', title: t('campaigns.tasks.field.quantity'), width: 84, render: (_, task) => quantityText(task) },
    {
      key: 'review',
      title: t('campaigns.tasks.field.reviewRequired'),
      width: 72,
      render: (_, task) => (task.reviewRequired ? <Tag color="blue">{t('common.yes')}</Tag> : <Tag>{t('common.no')}</Tag>),
    },
    { key: 'recipient', title: t('campaigns.tasks.field.recipient'), width: 112, render: (_, task) => task.recipient || t('campaigns.tasks.recipientNone') },
    ...(editable
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            width: 136,
            render: (_: unknown, task: CampaignTask) => (
              <Space size={0}>
                <Button type="link" size="small" icon={<EditOutlined />} onClick={() => onEdit(task)} data-testid="task-edit">
                  {t('common.edit')}
                </Button>
                <DeleteTaskButton task={task} onDelete={onDelete} />
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      className="cp-section"
      title={
        <Space size={8} align="baseline">
          <span>{t('campaigns.tasks.title')}</span>
          <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 'normal' }}>
            {t('campaigns.tasks.count', { n: c.tasks.length })}
          </Typography.Text>
        </Space>
      }
      extra={
        editable && (
          <Button type="primary" ghost size={mobile ? 'small' : 'middle'} icon={<PlusOutlined />} onClick={onAdd} data-testid="task-add">
            {t('campaigns.tasks.add')}
          </Button>
        )
      }
      data-testid="campaign-tasks"
    >
      {mobile ? (
        c.tasks.length === 0 ? (
          <Empty description={t('campaigns.tasks.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <Space orientation="vertical" size={10} style={{ width: '100%' }}>
            {c.tasks.map((task) => (
              <Card key={task.id} size="small" className="cp-task-card" data-testid="task-card">
                <div className="cp-task-card-head">
                  <span className="cp-task-title">{task.title}</span>
                  {editable && (
                    <Space size={0}>
                      <Button type="text" size="small" icon={<EditOutlined />} onClick={() => onEdit(task)} aria-label={t('common.edit')} data-testid="task-edit" />
                      <DeleteTaskButton task={task} onDelete={onDelete} iconOnly />
                    </Space>
                  )}
                </div>
                <div className="cp-task-grid">
                  <span className="muted">{t('campaigns.tasks.field.deadline')}</span>
                  <span className="cp-deadline">{task.deadlineDate}</span>
                  <span className="muted">{t('campaigns.tasks.field.assignee')}</span>
                  <span>{scopeText(task, offices)}</span>
                  <span className="muted">{t('campaigns.tasks.field.deliverableKind')}</span>
                  <span>
                    {kindText(task)} · {quantityText(task)} · {reviewText(task)}
                  </span>
                  {task.recipient && (
                    <>
                      <span className="muted">{t('campaigns.tasks.field.recipient')}</span>
                      <span>{task.recipient}</span>
                    </>
                  )}
                </div>
                {task.instructions && (
                  <Typography.Paragraph className="cp-task-instructions" ellipsis={{ rows: 2, expandable: 'collapsible' }} style={{ marginTop: 8 }}>
                    {task.instructions}
                  </Typography.Paragraph>
                )}
              </Card>
            ))}
          </Space>
        )
      ) : (
        <Table<CampaignTask>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={c.tasks}
          pagination={false}
          tableLayout="fixed"
          scroll={{ x: 900 }}
          expandable={{
            rowExpandable: (task) => !!task.instructions,
            expandedRowRender: (task) => <p className="cp-task-instructions">{task.instructions}</p>,
          }}
          locale={{ emptyText: <Empty description={t('campaigns.tasks.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
          data-testid="task-table"
        />
      )}
    </Card>
  );
}

/** 活动日 (e.g. 6月16日 安全宣传咨询日). */
function EventsCard({ campaign: c }: { campaign: CampaignDetail }) {
  return (
    <Card
      className="cp-section"
      size="small"
      title={
        <Space>
          <CalendarOutlined />
          {t('campaigns.detail.events')}
        </Space>
      }
      data-testid="campaign-events"
    >
      {c.events.length === 0 ? (
        <Typography.Text type="secondary">{t('campaigns.detail.eventsEmpty')}</Typography.Text>
      ) : (
        c.events.map((e) => (
          <div key={e.id} className="cp-event">
            <span className="cp-event-date">{e.date}</span>
            <span>{e.name}</span>
          </div>
        ))
      )}
    </Card>
  );
}

/** 活动内容: the notice's sections 一、二、… (collapsed; the activities they name as tags) and the notice text. */
function SectionsCard({ campaign: c }: { campaign: CampaignDetail }) {
  const [open, setOpen] = useState<string[]>([]);
  const keys = [...c.sections.map((s) => String(s.number)), ...(c.sourceText ? ['source'] : [])];
  const all = open.length === keys.length && keys.length > 0;
  return (
    <Card
      className="cp-section"
      size="small"
      title={t('campaigns.detail.sections')}
      extra={
        keys.length > 0 && (
          <Button type="link" size="small" onClick={() => setOpen(all ? [] : keys)}>
            {all ? t('campaigns.detail.collapseAll') : t('campaigns.detail.expandAll')}
          </Button>
        )
      }
      data-testid="campaign-sections"
    >
      {c.sections.length === 0 && <Typography.Paragraph type="secondary">{t('campaigns.detail.sectionsEmpty')}</Typography.Paragraph>}
      {keys.length > 0 && (
        <Collapse
          activeKey={open}
          onChange={(k) => setOpen(Array.isArray(k) ? k : [k])}
          items={[
            ...c.sections.map((s) => ({
              key: String(s.number),
              label: (
                <span style={{ fontWeight: 500 }}>
                  {sectionNumeral(s.number)}
                  {'\u3001'}
                  {s.heading}
                </span>
              ),
              children: (
                <div>
                  {s.activities.length > 0 && (
                    <div style={{ marginBottom: 8 }}>
                      <Typography.Text type="secondary" style={{ marginInlineEnd: 8 }}>
                        {t('campaigns.detail.activities')}
                      </Typography.Text>
                      <Space size={[4, 4]} wrap>
                        {s.activities.map((a) => (
                          <Tag key={a} color="red" variant="outlined">
                            {a}
                          </Tag>
                        ))}
                      </Space>
                    </div>
                  )}
                  {s.text && <div className="cp-section-text">{s.text}</div>}
                </div>
              ),
            })),
            ...(c.sourceText ? [{ key: 'source', label: <span className="muted">{t('campaigns.detail.sourceText')}</span>, children: <pre className="cp-source">{c.sourceText}</pre> }] : []),
          ]}
        />
      )}
    </Card>
  );
}
