import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Empty, Grid, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { DownOutlined, UpOutlined } from '@ant-design/icons';
import { dayjs, local, t, type AuditEntry, type AuditFacets, type User } from '@lifeline/shared';
import { api, qs } from '../../api/client.ts';
import { AdminAuditDiff } from '../../components/AdminAuditDiff.tsx';
import { errorText, tOr, type Page } from '../../components/AdminUtils.ts';
import { dateParam, useUrlParams } from '../../components/useUrlParams.ts';
import { CardPager } from '../../components/CardPager.tsx';
import './admin.css';

const PAGE_SIZES = ['20', '50', '100'];

/** Local (Asia/Shanghai) time of an entry, to the second. */
const at = (iso: string) => local(iso).format('YYYY-MM-DD HH:mm:ss');

const actionLabel = (a: string) => tOr(`admin.audit.action.${a}`, a);
const entityLabel = (e: string) => tOr(`admin.audit.entity.${e}`, e);

/** The page that shows an audited record, when there is one. */
function entityHref(e: AuditEntry): string | undefined {
  if (!e.entityId) return undefined;
  switch (e.entityType) {
    case 'hazard':
      return `/hazards/${e.entityId}`;
    case 'institution':
      return `/institutions/${e.entityId}`;
    case 'inspection':
      return `/inspections/${e.entityId}`;
    case 'checklist_template':
      return `/checklists/${e.entityId}`;
    default:
      return undefined;
  }
}

function Entity({ e }: { e: AuditEntry }) {
  const href = entityHref(e);
  return (
    <Space size={4} wrap>
      <Tag style={{ marginInlineEnd: 0 }}>{entityLabel(e.entityType)}</Tag>
      {href ? (
        <Link to={href} onClick={(ev) => ev.stopPropagation()} className="adm-entity-link">
          {t('admin.audit.open')}
        </Link>
      ) : e.entityId ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} copyable={{ text: e.entityId }}>
          {e.entityId.slice(0, 8)}
        </Typography.Text>
      ) : null}
    </Space>
  );
}

/**
 * 审计日志 (county admin): who did what to which record, newest first, filtered by object type,
 * action (a whole group such as every hazard action, or one), actor and local date range. Each row
 * expands to the record before → after as a diff of the changed keys.
 */
export default function AuditLogPage() {
  const mobile = !Grid.useBreakpoint().md;
  const [params, update, clear] = useUrlParams();
  const filters = {
    entityType: params.entityType || undefined,
    action: params.action || undefined,
    actorId: params.actorId || undefined,
    entityId: params.entityId || undefined,
    from: dateParam(params.from),
    to: dateParam(params.to),
  };
  const page = Math.max(1, Number(params.page) || 1);
  const pageSize = PAGE_SIZES.includes(params.pageSize ?? '') ? Number(params.pageSize) : 20;

  const facets = useQuery({ queryKey: ['audit', 'facets'], queryFn: () => api<AuditFacets>('/api/audit/actions'), staleTime: 60_000 });
  const actors = useQuery({ queryKey: ['users', 'actors'], queryFn: () => api<Page<User>>('/api/users?pageSize=200'), staleTime: 5 * 60_000 });
  const q = useQuery({
    queryKey: ['audit', 'list', filters, page, pageSize],
    queryFn: () => api<Page<AuditEntry>>(`/api/audit${qs({ ...filters, page, pageSize })}`),
    placeholderData: keepPreviousData,
  });
  const data = q.data;

  /** Whole groups (`hazard.` → every hazard action) first, then each action, by group. */
  const actionOptions = useMemo(() => {
    const actions = facets.data?.actions ?? [];
    const groups = [...new Set(actions.map((a) => a.split('.')[0]!))];
    return groups.map((g) => ({
      label: tOr(`admin.audit.group.${g}`, g),
      title: g,
      options: [
        ...(actions.filter((a) => a.startsWith(`${g}.`)).length > 1 ? [{ value: `${g}.`, label: t('admin.audit.allInGroup', { group: tOr(`admin.audit.group.${g}`, g) }) }] : []),
        ...actions.filter((a) => a.split('.')[0] === g).map((a) => ({ value: a, label: actionLabel(a) })),
      ],
    }));
  }, [facets.data]);

  const filtered = Object.values(filters).some(Boolean);
  const columns: TableProps<AuditEntry>['columns'] = [
    { key: 'at', title: t('admin.audit.col.at'), dataIndex: 'at', width: 170, render: (v: string) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{at(v)}</span> },
    {
      key: 'actor',
      title: t('admin.audit.col.actor'),
      width: 120,
      render: (_, e) => (e.actorId ? e.actorName : <Typography.Text type="secondary">{e.actorName || t('admin.audit.system')}</Typography.Text>),
    },
    { key: 'action', title: t('admin.audit.col.action'), dataIndex: 'action', width: 130, render: (a: string) => <span title={a}>{actionLabel(a)}</span> },
    { key: 'entity', title: t('admin.audit.col.entity'), width: 150, render: (_, e) => <Entity e={e} /> },
    { key: 'summary', title: t('admin.audit.col.summary'), dataIndex: 'summary', render: (s: string) => <span style={{ wordBreak: 'break-all' }}>{s}</span> },
  ];

  return (
    <div>
      <div className="page-header">
        <Space size={8} align="baseline" wrap>
          <h2>{t('nav.audit')}</h2>
          {data && <Typography.Text type="secondary">{t('common.total', { n: data.total })}</Typography.Text>}
        </Space>
      </div>
      <div className="filter-bar">
        <Select
          allowClear
          placeholder={t('admin.audit.filter.entityType')}
          value={filters.entityType}
          loading={facets.isLoading}
          options={(facets.data?.entityTypes ?? []).map((e) => ({ value: e, label: entityLabel(e) }))}
          onChange={(v?: string) => update({ entityType: v })}
          style={{ width: mobile ? undefined : 140 }}
          aria-label={t('admin.audit.filter.entityType')}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('admin.audit.filter.action')}
          value={filters.action}
          loading={facets.isLoading}
          options={actionOptions}
          onChange={(v?: string) => update({ action: v })}
          style={{ width: mobile ? undefined : 180 }}
          popupMatchSelectWidth={false}
          aria-label={t('admin.audit.filter.action')}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('admin.audit.filter.actor')}
          value={filters.actorId}
          loading={actors.isLoading}
          options={(actors.data?.items ?? []).map((u) => ({ value: u.id, label: t('admin.audit.actorOption', { name: u.displayName, username: u.username }) }))}
          onChange={(v?: string) => update({ actorId: v })}
          style={{ width: mobile ? undefined : 180 }}
          popupMatchSelectWidth={false}
          aria-label={t('admin.audit.filter.actor')}
        />
        {mobile ? (
          <>
            <DatePicker value={filters.from ? dayjs(filters.from) : null} onChange={(d) => update({ from: d?.format('YYYY-MM-DD') })} placeholder={t('admin.audit.filter.from')} inputReadOnly disabledDate={(d) => !!filters.to && d.format('YYYY-MM-DD') > filters.to} />
            <DatePicker value={filters.to ? dayjs(filters.to) : null} onChange={(d) => update({ to: d?.format('YYYY-MM-DD') })} placeholder={t('admin.audit.filter.to')} inputReadOnly disabledDate={(d) => !!filters.from && d.format('YYYY-MM-DD') < filters.from} />
          </>
        ) : (
          <DatePicker.RangePicker
            value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
            allowEmpty={[true, true]}
            placeholder={[t('admin.audit.filter.from'), t('admin.audit.filter.to')]}
            onChange={(r) => update({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
            style={{ width: 250 }}
            aria-label={t('admin.audit.filter.range')}
          />
        )}
        {filtered && (
          <Button type="link" onClick={clear} style={{ minWidth: 0 }}>
            {t('common.reset')}
          </Button>
        )}
      </div>
      {filters.entityId && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('admin.audit.filter.entityId', { id: filters.entityId })} action={<Button size="small" onClick={() => update({ entityId: undefined })}>{t('admin.audit.filter.clearEntity')}</Button>} />
      )}

      {q.isError && <Alert type="error" showIcon title={errorText(q.error)} action={<Button size="small" onClick={() => void q.refetch()}>{t('admin.retry')}</Button>} style={{ marginBottom: 12 }} />}

      {mobile ? (
        <MobileList data={data} loading={q.isLoading} page={page} pageSize={pageSize} onPage={(p) => update({ page: p === 1 ? undefined : p })} />
      ) : (
        <Table<AuditEntry>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={q.isFetching}
          tableLayout="fixed"
          scroll={{ x: 960 }}
          locale={{ emptyText: <Empty description={t('admin.audit.empty')} /> }}
          expandable={{
            expandedRowRender: (e) => (
              <div className="adm-expanded">
                <AdminAuditDiff before={e.before} after={e.after} />
                {e.requestId && <div className="muted adm-request">{t('admin.audit.requestId', { id: e.requestId })}</div>}
              </div>
            ),
            rowExpandable: (e) => e.before != null || e.after != null,
            expandRowByClick: true,
          }}
          rowClassName={() => 'adm-audit-row'}
          pagination={{
            current: page,
            pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: PAGE_SIZES,
            showTotal: (n) => t('common.total', { n }),
            onChange: (p, s) => update({ page: p === 1 ? undefined : p, pageSize: s === 20 ? undefined : s }),
          }}
        />
      )}
    </div>
  );
}

function MobileList({ data, loading, page, pageSize, onPage }: { data: Page<AuditEntry> | undefined; loading: boolean; page: number; pageSize: number; onPage: (p: number) => void }) {
  if (loading && !data) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (!data || data.items.length === 0) return <Empty description={t('admin.audit.empty')} style={{ margin: '48px 0' }} />;
  return (
    <div>
      <Space orientation="vertical" size={10} style={{ width: '100%' }}>
        {data.items.map((e) => (
          <AuditCard key={e.id} e={e} />
        ))}
      </Space>
      <CardPager page={page} pageSize={pageSize} total={data.total} onChange={onPage} />
    </div>
  );
}

function AuditCard({ e }: { e: AuditEntry }) {
  const [open, setOpen] = useState(false);
  const expandable = e.before != null || e.after != null;
  return (
    <Card className="adm-card" data-testid="audit-card">
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'center' }}>
        <span className="adm-card-title">{actionLabel(e.action)}</span>
        <span className="muted" style={{ fontSize: 12, fontVariantNumeric: 'tabular-nums' }}>
          {at(e.at)}
        </span>
      </div>
      <div style={{ margin: '4px 0', wordBreak: 'break-all' }}>{e.summary}</div>
      <div className="adm-card-foot">
        <span className="muted">{e.actorName || t('admin.audit.system')}</span>
        <Entity e={e} />
        {expandable && (
          <Button type="link" size="small" style={{ marginLeft: 'auto', padding: 0 }} onClick={() => setOpen((o) => !o)} icon={open ? <UpOutlined /> : <DownOutlined />} iconPlacement="end">
            {open ? t('admin.audit.hideDiff') : t('admin.audit.showDiff')}
          </Button>
        )}
      </div>
      {open && (
        <div className="adm-expanded" style={{ marginTop: 8 }}>
          <AdminAuditDiff before={e.before} after={e.after} />
        </div>
      )}
    </Card>
  );
}
