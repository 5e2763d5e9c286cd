import { useState } from 'react';
import { Link } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Empty, Grid, Select, Skeleton, Space, Switch, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { DownloadOutlined, MessageOutlined } from '@ant-design/icons';
import { REPORT_CATEGORIES, REPORT_STATUSES, ROLE_SCOPE, dayjs, formatLocalDateTime, localDate, t, type ReportSummary } from '@lifeline/shared';
import { api, ApiError, qs } from '../../api/client.ts';
import { useSession } from '../../api/session.tsx';
import { CardPager } from '../../components/CardPager.tsx';
import { SearchBox } from '../../components/SearchBox.tsx';
import { TownshipSelect } from '../../components/TownshipSelect.tsx';
import { downloadFromApi } from '../../components/download.ts';
import { dateParam, oneOf, useUrlParams } from '../../components/useUrlParams.ts';
import { ReportOverdueTag, ReportStatusTag, RewardStatusTag } from './reportBits.tsx';
import './reports.css';

interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** The place of a report: the institution picked, or the reporter's description. */
export const placeOf = (r: Pick<ReportSummary, 'institutionName' | 'placeText'>) => r.institutionName ?? r.placeText;

/**
 * 举报处理: the public reports in the user's scope (county: all; township: those assigned to it),
 * filterable (kept in the URL), with overdue tags and unread reporter messages; a table on desktop,
 * cards on phones; exportable (never with the reporter's identity).
 */
export default function ReportListPage() {
  const { me } = useSession();
  const { message } = App.useApp();
  const mobile = !Grid.useBreakpoint().md;
  const [params, update, clear] = useUrlParams();
  const [exporting, setExporting] = useState(false);
  const county = me ? ROLE_SCOPE[me.role] === 'county' : false;
  const f = {
    status: oneOf(REPORT_STATUSES, params.status),
    category: oneOf(REPORT_CATEGORIES, params.category),
    townshipId: params.townshipId || undefined,
    overdue: params.overdue === 'true' ? 'true' : undefined,
    from: dateParam(params.from),
    to: dateParam(params.to),
    q: params.q?.trim() || undefined,
  };
  const page = Math.max(1, Number(params.page) || 1);
  const pageSize = 20;
  const query = useQuery({
    queryKey: ['reports', 'list', f, page],
    queryFn: () => api<Page<ReportSummary>>(`/api/reports${qs({ ...f, page, pageSize })}`),
    placeholderData: keepPreviousData,
  });
  const data = query.data;
  const active = Object.values(f).some(Boolean);

  const exportXlsx = async () => {
    setExporting(true);
    try {
      await downloadFromApi(`/api/reports/export.xlsx${qs(f)}`, `${t('reports.export.fileName')}-${localDate(new Date())}.xlsx`);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : t('errors.INTERNAL'));
    } finally {
      setExporting(false);
    }
  };

  return (
    <div>
      <div className="page-header">
        <Space size={8} align="baseline" wrap>
          <h2>{t('nav.reports')}</h2>
          {data && <Typography.Text type="secondary">{t('common.total', { n: data.total })}</Typography.Text>}
        </Space>
        <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()} data-testid="report-export">
          {mobile ? t('reports.export.short') : t('common.export')}
        </Button>
      </div>

      <div className="rp-filters">
        <SearchBox value={f.q} onSearch={(q) => update({ q })} placeholder={t('reports.filter.q')} style={{ flex: mobile ? '1 1 100%' : '0 0 220px' }} data-testid="report-search" />
        <Select
          allowClear
          placeholder={t('reports.filter.status')}
          value={f.status}
          onChange={(v) => update({ status: v })}
          options={REPORT_STATUSES.map((s) => ({ value: s, label: t(`reportStatus.${s}`) }))}
          style={mobile ? undefined : { width: 130 }}
          data-testid="report-filter-status"
        />
        <Select
          allowClear
          placeholder={t('reports.filter.category')}
          value={f.category}
          onChange={(v) => update({ category: v })}
          options={REPORT_CATEGORIES.map((c) => ({ value: c, label: t(`reportCategory.${c}`) }))}
          style={mobile ? undefined : { width: 200 }}
          popupMatchSelectWidth={false}
        />
        {county && <TownshipSelect placeholder={t('reports.filter.township')} value={f.townshipId} onChange={(v) => update({ townshipId: v })} style={mobile ? { flex: '1 1 45%' } : { width: 140 }} />}
        <DatePicker.RangePicker
          value={f.from && f.to ? [dayjs(f.from), dayjs(f.to)] : null}
          onChange={(v) => update({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })}
          placeholder={[t('reports.filter.from'), t('reports.filter.to')]}
          style={mobile ? { flex: '1 1 100%' } : undefined}
        />
        <Space size={6}>
          <Switch size="small" checked={f.overdue === 'true'} onChange={(v) => update({ overdue: v ? 'true' : undefined })} data-testid="report-filter-overdue" />
          <span>{t('reports.filter.overdue')}</span>
        </Space>
        {active && (
          <Button type="link" onClick={clear}>
            {t('common.reset')}
          </Button>
        )}
      </div>

      {query.isError && (
        <Alert type="error" showIcon title={(query.error as Error).message} action={<Button size="small" onClick={() => void query.refetch()}>{t('common.retry')}</Button>} style={{ marginBottom: 12 }} />
      )}

      {mobile ? (
        <MobileList data={data} loading={query.isLoading} page={page} onPage={(p) => update({ page: p })} />
      ) : (
        <ReportTable data={data} loading={query.isFetching} page={page} pageSize={pageSize} onPage={(p) => update({ page: p })} />
      )}
    </div>
  );
}

/** Status, overdue and reward tags of a report. */
function Tags({ r }: { r: ReportSummary }) {
  return (
    <Space size={4} wrap>
      <ReportStatusTag status={r.status} />
      {r.overdue && <ReportOverdueTag />}
      {r.rewardStatus && <RewardStatusTag status={r.rewardStatus} />}
    </Space>
  );
}

/** Where a report was assigned: its township or office, or — before acceptance. */
const assignee = (r: ReportSummary) => r.townshipName ?? r.officeName ?? '—';

function ReportTable({ data, loading, page, pageSize, onPage }: { data: Page<ReportSummary> | undefined; loading: boolean; page: number; pageSize: number; onPage: (p: number) => void }) {
  const columns: TableProps<ReportSummary>['columns'] = [
    {
      key: 'serialNo',
      title: t('reports.field.serialNo'),
      width: 150,
      render: (_, r) => (
        <Space size={4}>
          <Link to={`/reports/${r.id}`}>{r.serialNo}</Link>
          {r.unreadMessages > 0 && <MessageOutlined style={{ color: '#fa541c' }} title={t('reports.list.unread', { n: r.unreadMessages })} />}
        </Space>
      ),
    },
    { key: 'receivedAt', title: t('reports.field.receivedAt'), width: 150, render: (_, r) => formatLocalDateTime(r.receivedAt) },
    { key: 'category', title: t('reports.field.category'), width: 170, render: (_, r) => t(`reportCategory.${r.category}`) },
    {
      key: 'place',
      title: t('reports.field.place'),
      render: (_, r) => (
        <div>
          <div>{placeOf(r)}</div>
          <Typography.Text type="secondary" ellipsis style={{ maxWidth: 320 }}>
            {r.excerpt}
          </Typography.Text>
        </div>
      ),
    },
    { key: 'assignee', title: t('reports.field.assignee'), width: 110, render: (_, r) => assignee(r) },
    { key: 'status', title: t('reports.field.status'), width: 170, render: (_, r) => <Tags r={r} /> },
    { key: 'stepDueAt', title: t('reports.field.stepDueAt'), width: 150, render: (_, r) => (r.stepDueAt && !['closed', 'rejected', 'rewarding'].includes(r.status) ? formatLocalDateTime(r.stepDueAt) : '—') },
  ];
  return (
    <Table<ReportSummary>
      rowKey="id"
      size="middle"
      loading={loading}
      columns={columns}
      dataSource={data?.items ?? []}
      scroll={{ x: 1000 }}
      pagination={{ current: page, pageSize, total: data?.total ?? 0, showSizeChanger: false, onChange: onPage }}
      data-testid="report-table"
    />
  );
}

function MobileList({ data, loading, page, onPage }: { data: Page<ReportSummary> | undefined; loading: boolean; page: number; onPage: (p: number) => void }) {
  if (loading) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (!data || data.items.length === 0) return <Empty description={t('reports.list.empty')} />;
  return (
    <div data-testid="report-cards">
      {data.items.map((r) => (
        <Link key={r.id} to={`/reports/${r.id}`} style={{ color: 'inherit' }}>
          <Card className="rp-card" hoverable>
            <div className="rp-card-head">
              <Typography.Text strong>{t(`reportCategory.${r.category}`)}</Typography.Text>
              <Tags r={r} />
            </div>
            <div className="rp-card-meta">
              {r.serialNo} · {formatLocalDateTime(r.receivedAt)} · {assignee(r)}
              {r.unreadMessages > 0 && <> · {t('reports.list.unread', { n: r.unreadMessages })}</>}
            </div>
            <div className="rp-excerpt">{placeOf(r)}</div>
          </Card>
        </Link>
      ))}
      <CardPager page={page} pageSize={data.pageSize} total={data.total} onChange={onPage} />
    </div>
  );
}
