import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Form, Grid, Input, List, Modal, Segmented, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { PLAN_KINDS, PLAN_STATES, ROLE_SCOPE, t, type PlanDetail, type PlanKind, type PlanMissing, type PlanSummary } from '@lifeline/shared';
import { api, qs } from '../../api/client.ts';
import { useSession } from '../../api/session.tsx';
import { applyApiError } from '../../components/apiErrors.ts';
import { CardPager } from '../../components/CardPager.tsx';
import { downloadFromApi } from '../../components/download.ts';
import { InstitutionPicker } from '../../components/InstitutionPicker.tsx';
import { TownshipSelect } from '../../components/TownshipSelect.tsx';
import { oneOf, useUrlParams } from '../../components/useUrlParams.ts';
import { PlanStateTag } from './planBits.tsx';
import './plans.css';

interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

const PAGE_SIZE = 20;

/**
 * 应急预案: the plans in the user's scope with their state (现行有效 / 待审核 / 已退回 / 需修订),
 * filters kept in the URL, the .xlsx export, 新建预案 for the institution's safety officer, and the
 * 缺少预案 view (institutions lacking an approved plan of a required kind). Cards on phones.
 */
export default function PlanListPage() {
  const { me, can } = useSession();
  const nav = useNavigate();
  const { message } = App.useApp();
  const mobile = !Grid.useBreakpoint().md;
  const [p, update] = useUrlParams();
  const [creating, setCreating] = useState(false);
  const scope = me ? ROLE_SCOPE[me.role] : 'institution';
  const view = p.view === 'missing' ? 'missing' : 'plans';
  const f = {
    townshipId: p.townshipId || undefined,
    institutionId: p.institutionId || undefined,
    kind: oneOf(PLAN_KINDS, p.kind),
    state: oneOf(PLAN_STATES, p.state),
  };
  const page = Math.max(1, Number(p.page) || 1);

  const list = useQuery({
    queryKey: ['plans', f, page],
    queryFn: () => api<Page<PlanSummary>>(`/api/plans${qs({ ...f, page, pageSize: PAGE_SIZE })}`),
    placeholderData: keepPreviousData,
    enabled: view === 'plans',
  });
  const missing = useQuery({
    queryKey: ['plans-missing', f.townshipId],
    queryFn: () => api<PlanMissing>(`/api/plans/missing${qs({ townshipId: f.townshipId })}`),
    enabled: view === 'missing',
  });

  const exportXlsx = () => downloadFromApi(`/api/plans/export.xlsx${qs(f)}`, 'plans.xlsx').catch((e: Error) => message.error(e.message));

  const columns: TableProps<PlanSummary>['columns'] = [
    ...(scope === 'county' ? [{ key: 'township', title: t('plans.col.township'), dataIndex: 'townshipName', width: 96 }] : []),
    ...(scope !== 'institution' ? [{ key: 'institution', title: t('plans.col.institution'), dataIndex: 'institutionName', ellipsis: true }] : []),
    { key: 'kind', title: t('plans.col.kind'), width: 170, render: (_, r) => t(`planKind.${r.kind}`) },
    { key: 'title', title: t('plans.col.title'), render: (_, r) => <Link to={`/plans/${r.id}`}>{r.title}</Link> },
    { key: 'version', title: t('plans.col.version'), width: 80, align: 'right', render: (_, r) => (r.currentVersion ? `v${r.currentVersion}` : '—') },
    { key: 'effective', title: t('plans.col.effectiveOn'), width: 110, render: (_, r) => r.approvedEffectiveOn ?? '—' },
    { key: 'validUntil', title: t('plans.col.validUntil'), width: 110, render: (_, r) => r.validUntil ?? '—' },
    { key: 'state', title: t('plans.col.state'), width: 150, render: (_, r) => <StateCell plan={r} /> },
  ];

  const filters = (
    <Space wrap size={8} className="pl-filters">
      {scope === 'county' && <TownshipSelect value={f.townshipId} onChange={(v) => update({ townshipId: v, institutionId: undefined })} placeholder={t('plans.filter.township')} style={{ width: mobile ? '100%' : 150 }} />}
      {view === 'plans' && scope !== 'institution' && (
        <InstitutionPicker value={f.institutionId} townshipId={f.townshipId} allowClear onChange={(v) => update({ institutionId: v })} placeholder={t('plans.filter.institution')} style={{ width: mobile ? '100%' : 220 }} />
      )}
      {view === 'plans' && (
        <>
          <Select allowClear value={f.kind} placeholder={t('plans.filter.kind')} onChange={(v?: string) => update({ kind: v })} options={PLAN_KINDS.map((k) => ({ value: k, label: t(`planKind.${k}`) }))} style={{ width: mobile ? '100%' : 190 }} aria-label={t('plans.filter.kind')} />
          <Select allowClear value={f.state} placeholder={t('plans.filter.state')} onChange={(v?: string) => update({ state: v })} options={PLAN_STATES.map((s) => ({ value: s, label: t(`plans.state.${s}`) }))} style={{ width: mobile ? '100%' : 130 }} aria-label={t('plans.filter.state')} data-testid="plan-state-filter" />
        </>
      )}
    </Space>
  );

  return (
    <div className="pl-page">
      <div className="pl-head">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('nav.plans')}
        </Typography.Title>
        <Space wrap>
          {view === 'plans' && (
            <Button icon={<DownloadOutlined />} onClick={() => void exportXlsx()}>
              {t('plans.export')}
            </Button>
          )}
          {can('plan.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="plan-new">
              {t('plans.new')}
            </Button>
          )}
        </Space>
      </div>
      <Segmented
        value={view}
        onChange={(v) => update({ view: v === 'missing' ? 'missing' : undefined, state: undefined, kind: undefined })}
        options={[
          { value: 'plans', label: t('plans.view.list') },
          { value: 'missing', label: t('plans.view.missing') },
        ]}
        style={{ marginBottom: 12 }}
        block={mobile}
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        {filters}
      </Card>

      {view === 'plans' ? (
        list.isError ? (
          <Alert type="error" showIcon title={(list.error as Error).message} />
        ) : mobile ? (
          list.isLoading ? (
            <Skeleton active />
          ) : list.data!.items.length === 0 ? (
            <Empty description={t('plans.empty')} />
          ) : (
            <>
              <List
                dataSource={list.data!.items}
                renderItem={(r) => (
                  <Card size="small" className="pl-card" onClick={() => nav(`/plans/${r.id}`)} data-testid="plan-card">
                    <div className="pl-card-top">
                      <Typography.Text strong ellipsis>
                        {r.title}
                      </Typography.Text>
                      <PlanStateTag state={r.state} />
                    </div>
                    <div className="muted">
                      {t(`planKind.${r.kind}`)}
                      {r.currentVersion ? ` · v${r.currentVersion}` : ''}
                    </div>
                    {scope !== 'institution' && <div className="muted">{scope === 'county' ? `${r.townshipName} · ${r.institutionName}` : r.institutionName}</div>}
                    {r.validUntil && <div className="muted">{t('plans.validUntilText', { date: r.validUntil })}</div>}
                    {r.revisionRequested && <Tag color="error">{t('plans.revisionRequested')}</Tag>}
                  </Card>
                )}
              />
              <CardPager page={page} pageSize={PAGE_SIZE} total={list.data!.total} onChange={(n) => update({ page: n })} />
            </>
          )
        ) : (
          <Table<PlanSummary>
            rowKey="id"
            size="middle"
            loading={list.isFetching}
            columns={columns}
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: <Empty description={t('plans.empty')} /> }}
            pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, showSizeChanger: false, onChange: (n) => update({ page: n }) }}
            onRow={(r) => ({ onClick: () => nav(`/plans/${r.id}`), style: { cursor: 'pointer' } })}
          />
        )
      ) : (
        <MissingView q={missing} mobile={mobile} scope={scope} />
      )}

      <CreatePlanModal
        open={creating}
        institutionId={me?.institutionId ?? undefined}
        onClose={() => setCreating(false)}
        onCreated={(id) => {
          setCreating(false);
          message.success(t('plans.created'));
          nav(`/plans/${id}`);
        }}
      />
    </div>
  );
}

/** The state tag, plus why a plan is due for revision. */
function StateCell({ plan }: { plan: PlanSummary }) {
  return (
    <Space size={4} wrap>
      <PlanStateTag state={plan.state} />
      {plan.revisionRequested && plan.state !== 'due_revision' && <Tag color="error">{t('plans.revisionRequested')}</Tag>}
    </Space>
  );
}

/** 缺少预案: one row per institution lacking an approved plan of a required kind. */
function MissingView({ q, mobile, scope }: { q: ReturnType<typeof useQuery<PlanMissing>>; mobile: boolean; scope: string }) {
  if (q.isLoading) return <Skeleton active />;
  if (q.isError) return <Alert type="error" showIcon title={(q.error as Error).message} />;
  const d = q.data!;
  const kinds = (ks: PlanKind[]) => (
    <Space size={4} wrap>
      {ks.map((k) => (
        <Tag key={k} color="error" style={{ marginInlineEnd: 0 }}>
          {t(`planKind.${k}`)}
        </Tag>
      ))}
    </Space>
  );
  return (
    <>
      <Alert type={d.items.length ? 'warning' : 'success'} showIcon style={{ marginBottom: 12 }} title={t('plans.missing.summary', { n: d.items.length, total: d.institutionsChecked })} data-testid="missing-summary" />
      {d.items.length === 0 ? null : mobile ? (
        <List
          dataSource={d.items}
          renderItem={(i) => (
            <Card size="small" className="pl-card" data-testid="missing-card">
              <Typography.Text strong>{i.institutionName}</Typography.Text>
              {scope === 'county' && <div className="muted">{i.townshipName}</div>}
              <div style={{ marginTop: 6 }}>{kinds(i.missingKinds)}</div>
            </Card>
          )}
        />
      ) : (
        <Table
          rowKey="institutionId"
          size="middle"
          pagination={false}
          dataSource={d.items}
          columns={[
            ...(scope === 'county' ? [{ key: 'township', title: t('plans.col.township'), dataIndex: 'townshipName', width: 110 }] : []),
            { key: 'institution', title: t('plans.col.institution'), dataIndex: 'institutionName' },
            { key: 'type', title: t('plans.col.institutionType'), width: 170, render: (_: unknown, r: PlanMissing['items'][number]) => t(`institutionType.${r.institutionType}`) },
            { key: 'missing', title: t('plans.col.missingKinds'), render: (_: unknown, r: PlanMissing['items'][number]) => kinds(r.missingKinds) },
          ]}
        />
      )}
    </>
  );
}

/** 新建预案: the kind and a title (the institution is the officer's own). */
function CreatePlanModal({ open, institutionId, onClose, onCreated }: { open: boolean; institutionId?: string; onClose: () => void; onCreated: (id: string) => void }) {
  const [form] = Form.useForm<{ kind?: PlanKind; title?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !institutionId) return;
    setBusy(true);
    setError(null);
    try {
      const plan = await api<PlanDetail>('/api/plans', { method: 'POST', json: { institutionId, kind: v.kind, title: (v.title ?? '').trim() } });
      form.resetFields();
      onCreated(plan.id);
    } catch (e) {
      setError(applyApiError(e, form, ['kind', 'title']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={t('plans.new')} onCancel={onClose} onOk={() => void submit()} okText={t('plans.create')} cancelText={t('common.cancel')} okButtonProps={{ loading: busy }} forceRender centered>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item name="kind" label={t('plans.col.kind')} rules={[{ required: true, message: t('plans.rule.kind') }]}>
          <Select
            options={PLAN_KINDS.map((k) => ({ value: k, label: t(`planKind.${k}`) }))}
            onChange={(k: PlanKind) => {
              if (!form.getFieldValue('title')) form.setFieldValue('title', t(`planKind.${k}`));
            }}
            data-testid="plan-kind"
          />
        </Form.Item>
        <Form.Item name="title" label={t('plans.col.title')} rules={[{ required: true, whitespace: true, message: t('plans.rule.title') }, { max: 100, message: t('hazards.rule.max', { n: 100 }) }]}>
          <Input maxLength={100} data-testid="plan-title" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
