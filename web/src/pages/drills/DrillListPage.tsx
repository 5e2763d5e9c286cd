import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, App, Badge, Button, Card, DatePicker, Drawer, Empty, Grid, Select, Skeleton, Space, Switch, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { AppstoreOutlined, DownloadOutlined, FilterOutlined, LineChartOutlined, PlusOutlined } from '@ant-design/icons';
import { DRILL_SCENARIOS, DRILL_STATUSES, ROLE_SCOPE, dayjs, formatLocalDateTime, localDate, t, type DrillSummary } from '@lifeline/shared';
import { api, ApiError, qs } from '../../api/client.ts';
import { useSession } from '../../api/session.tsx';
import { CardPager } from '../../components/CardPager.tsx';
import { InstitutionPicker } from '../../components/InstitutionPicker.tsx';
import { TownshipSelect } from '../../components/TownshipSelect.tsx';
import { downloadFromApi } from '../../components/download.ts';
import { dateParam, oneOf, useUrlParams, type UrlPatch } from '../../components/useUrlParams.ts';
import { DrillStatusTag, NightTag, formatSeconds } from './drillUi.tsx';
import './drills.css';

interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

const PAGE_SIZES = ['10', '20', '50', '100'];
const FILTER_KEYS = ['townshipId', 'institutionId', 'scenario', 'status', 'night', 'from', 'to'] as const;

function readFilters(p: Record<string, string>) {
  return {
    townshipId: p.townshipId || undefined,
    institutionId: p.institutionId || undefined,
    scenario: oneOf(DRILL_SCENARIOS, p.scenario),
    status: oneOf(DRILL_STATUSES, p.status),
    night: p.night === 'true' ? 'true' : undefined,
    from: dateParam(p.from),
    to: dateParam(p.to),
  } as const;
}
type Filters = ReturnType<typeof readFilters>;

/** When a drill happened (held) or is due (planned / cancelled). */
const whenOf = (d: DrillSummary) => formatLocalDateTime(d.heldAt ?? d.plannedAt);

/**
 * 应急演练: the drills in the user's scope, filterable (institution, township, scenario, status,
 * night, dates — kept in the URL), paged, exportable to Excel. A table on desktop, cards on phones.
 * Links to the township coverage view and the institution's history.
 */
export default function DrillListPage() {
  const { me, can } = useSession();
  const { message } = App.useApp();
  const mobile = !Grid.useBreakpoint().md;
  const nav = useNavigate();
  const [params, update, clear] = useUrlParams();
  const f = readFilters(params);
  const page = Math.max(1, Number(params.page) || 1);
  const pageSize = PAGE_SIZES.includes(params.pageSize ?? '') ? Number(params.pageSize) : 20;
  const [drawer, setDrawer] = useState(false);
  const [exporting, setExporting] = useState(false);
  const countyScope = me ? ROLE_SCOPE[me.role] === 'county' : false;
  const institutionScope = me?.role === 'institution_officer';
  const query = useQuery({
    queryKey: ['drills', 'list', f, page, pageSize],
    queryFn: () => api<Page<DrillSummary>>(`/api/drills${qs({ ...f, page, pageSize })}`),
    placeholderData: keepPreviousData,
  });
  const activeCount = FILTER_KEYS.filter((k) => f[k]).length;
  const data = query.data;

  const exportXlsx = async () => {
    setExporting(true);
    try {
      await downloadFromApi(`/api/drills/export.xlsx${qs(f)}`, `${t('drills.list.exportFile')}-${localDate(new Date())}.xlsx`);
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
          <h2>{t('drills.list.title')}</h2>
          {data && <Typography.Text type="secondary">{t('common.total', { n: data.total })}</Typography.Text>}
        </Space>
        <Space size={8} wrap>
          {institutionScope ? (
            <Button icon={<LineChartOutlined />} onClick={() => nav(`/drills/history?institutionId=${me?.institutionId}`)} data-testid="drill-history-link">
              {t('drills.list.history')}
            </Button>
          ) : (
            <Button icon={<AppstoreOutlined />} onClick={() => nav('/drills/coverage')} data-testid="drill-coverage-link">
              {t('drills.list.coverage')}
            </Button>
          )}
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()} data-testid="drill-export">
            {t('drills.list.export')}
          </Button>
          {can('drill.record') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => nav('/drills/new')} data-testid="drill-new">
              {t('drills.list.new')}
            </Button>
          )}
        </Space>
      </div>

      {mobile ? (
        <div style={{ display: 'flex', justifyContent: 'flex-end', marginBottom: 12 }}>
          <Badge count={activeCount} size="small">
            <Button icon={<FilterOutlined />} onClick={() => setDrawer(true)} data-testid="drill-filter-open">
              {t('drills.filter.button')}
            </Button>
          </Badge>
        </div>
      ) : (
        <div className="filter-bar">
          <FilterControls f={f} update={update} countyScope={countyScope} institutionScope={institutionScope} />
          {activeCount > 0 && (
            <Button type="link" onClick={clear} style={{ minWidth: 0 }}>
              {t('common.reset')}
            </Button>
          )}
        </div>
      )}

      {query.isError && <Alert type="error" showIcon title={(query.error as Error).message} style={{ marginBottom: 12 }} />}

      {mobile ? <MobileList data={data} loading={query.isLoading} page={page} pageSize={pageSize} update={update} /> : <DrillTable data={data} loading={query.isFetching} page={page} pageSize={pageSize} update={update} />}

      <Drawer
        open={drawer}
        onClose={() => setDrawer(false)}
        placement="bottom"
        size="75%"
        title={t('drills.filter.title')}
        className="dr-filter-drawer"
        extra={
          <Button type="link" onClick={clear} disabled={activeCount === 0}>
            {t('common.reset')}
          </Button>
        }
        footer={
          <Button type="primary" block size="large" onClick={() => setDrawer(false)}>
            {t('drills.filter.showResults', { n: data?.total ?? 0 })}
          </Button>
        }
      >
        <FilterControls f={f} update={update} countyScope={countyScope} institutionScope={institutionScope} stacked />
      </Drawer>
    </div>
  );
}

function FilterControls({ f, update, countyScope, institutionScope, stacked = false }: { f: Filters; update: (p: UrlPatch) => void; countyScope: boolean; institutionScope: boolean; stacked?: boolean }) {
  const field = (label: string, node: React.ReactNode) =>
    stacked ? (
      <div className="dr-filter-field" key={label}>
        <label>{label}</label>
        {node}
      </div>
    ) : (
      node
    );
  return (
    <>
      {countyScope && field(t('drills.field.township'), <TownshipSelect key="tw" placeholder={t('drills.filter.township')} value={f.townshipId} onChange={(v) => update({ townshipId: v, institutionId: undefined })} style={stacked ? undefined : { width: 150 }} />)}
      {!institutionScope &&
        field(
          t('drills.field.institution'),
          <InstitutionPicker key="inst" allowClear placeholder={t('drills.filter.institution')} value={f.institutionId} townshipId={f.townshipId} onChange={(v) => update({ institutionId: v })} style={stacked ? undefined : { width: 200 }} aria-label={t('drills.filter.institution')} />,
        )}
      {field(
        t('drills.field.scenario'),
        <Select key="sc" allowClear placeholder={t('drills.filter.scenario')} value={f.scenario} options={DRILL_SCENARIOS.map((s) => ({ value: s, label: t(`drillScenario.${s}`) }))} onChange={(v?: string) => update({ scenario: v })} style={stacked ? undefined : { width: 150 }} popupMatchSelectWidth={false} aria-label={t('drills.filter.scenario')} />,
      )}
      {field(
        t('drills.field.status'),
        <Select key="st" allowClear placeholder={t('drills.filter.status')} value={f.status} options={DRILL_STATUSES.map((s) => ({ value: s, label: t(`drillStatus.${s}`) }))} onChange={(v?: string) => update({ status: v })} style={stacked ? undefined : { width: 120 }} aria-label={t('drills.filter.status')} />,
      )}
      {stacked ? (
        <>
          {field(t('drills.filter.from'), <DatePicker key="from" inputReadOnly value={f.from ? dayjs(f.from) : null} onChange={(d) => update({ from: d ? d.format('YYYY-MM-DD') : undefined })} placeholder={t('drills.filter.from')} />)}
          {field(t('drills.filter.to'), <DatePicker key="to" inputReadOnly value={f.to ? dayjs(f.to) : null} onChange={(d) => update({ to: d ? d.format('YYYY-MM-DD') : undefined })} placeholder={t('drills.filter.to')} />)}
        </>
      ) : (
        <DatePicker.RangePicker
          key="range"
          value={[f.from ? dayjs(f.from) : null, f.to ? dayjs(f.to) : null]}
          allowEmpty={[true, true]}
          placeholder={[t('drills.filter.from'), t('drills.filter.to')]}
          onChange={(r) => update({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
          style={{ width: 250 }}
        />
      )}
      <label key="night" style={{ display: 'inline-flex', alignItems: 'center', gap: 8, minWidth: 0, whiteSpace: 'nowrap', marginBottom: stacked ? 14 : 0 }}>
        <Switch checked={!!f.night} onChange={(v) => update({ night: v ? 'true' : undefined })} data-testid="drill-night-filter" />
        {t('drills.filter.nightOnly')}
      </label>
    </>
  );
}

interface ListProps {
  data: Page<DrillSummary> | undefined;
  loading: boolean;
  page: number;
  pageSize: number;
  update: (p: UrlPatch) => void;
}

function DrillTable({ data, loading, page, pageSize, update }: ListProps) {
  const nav = useNavigate();
  const columns: TableProps<DrillSummary>['columns'] = [
    { key: 'when', title: t('drills.field.heldAtShort'), width: 150, render: (_, d) => whenOf(d) },
    { key: 'inst', title: t('drills.field.institution'), dataIndex: 'institutionName', ellipsis: true },
    { key: 'title', title: t('drills.field.title'), render: (_, d) => <Space size={4} wrap><span>{d.title || t(`drillScenario.${d.scenario}`)}</span>{d.isNight && <NightTag />}</Space> },
    { key: 'scenario', title: t('drills.field.scenario'), width: 130, render: (_, d) => t(`drillScenario.${d.scenario}`) },
    { key: 'people', title: t('drills.field.participants'), width: 90, render: (_, d) => (d.status === 'held' ? (d.staffCount ?? 0) + (d.residentCount ?? 0) : t('drills.value.none')) },
    { key: 'evac', title: t('drills.field.evacuation'), width: 110, render: (_, d) => formatSeconds(d.evacuationSeconds) },
    { key: 'score', title: t('drills.field.score'), width: 90, render: (_, d) => (d.score != null ? t('drills.value.score', { score: d.score, max: d.maxScore ?? 0 }) : t('drills.value.none')) },
    { key: 'status', title: t('drills.field.status'), width: 90, render: (_, d) => <DrillStatusTag status={d.status} /> },
  ];
  return (
    <Table<DrillSummary>
      className="dr-table"
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={data?.items ?? []}
      loading={loading}
      scroll={{ x: 960 }}
      onRow={(d) => ({ onClick: () => nav(`/drills/${d.id}`) })}
      rowClassName={(d) => (d.lifePassageBlocked ? 'dr-uncovered' : '')}
      pagination={{ current: page, pageSize, total: data?.total ?? 0, showSizeChanger: true, pageSizeOptions: PAGE_SIZES, showTotal: (n) => t('common.total', { n }) }}
      onChange={(p) => update({ page: p.current === 1 ? undefined : p.current, pageSize: p.pageSize === 20 ? undefined : p.pageSize })}
      locale={{ emptyText: <Empty description={t('drills.list.empty')} /> }}
    />
  );
}

function MobileList({ data, loading, page, pageSize, update }: ListProps) {
  if (loading && !data) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (!data || data.items.length === 0) return <Empty description={t('drills.list.empty')} style={{ margin: '48px 0' }} />;
  return (
    <div>
      <Space orientation="vertical" size={10} style={{ width: '100%' }}>
        {data.items.map((d) => (
          <Link key={d.id} to={`/drills/${d.id}`} style={{ display: 'block', color: 'inherit' }} data-testid="drill-card">
            <Card hoverable className="dr-card">
              <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {whenOf(d)}
                </Typography.Text>
                <DrillStatusTag status={d.status} />
              </div>
              <div className="dr-card-title">{d.title || t(`drillScenario.${d.scenario}`)}</div>
              <div className="muted" style={{ fontSize: 13, marginBottom: 6 }}>
                {d.institutionName}
              </div>
              <div className="dr-meta">
                <span>{t(`drillScenario.${d.scenario}`)}</span>
                {d.isNight && <NightTag />}
                {d.evacuationSeconds != null && <span className="muted">{formatSeconds(d.evacuationSeconds)}</span>}
                {d.lifePassageBlocked && <Typography.Text type="danger">{t('drills.value.blocked')}</Typography.Text>}
                {d.score != null && <span className="muted">{t('drills.value.score', { score: d.score, max: d.maxScore ?? 0 })}</span>}
              </div>
            </Card>
          </Link>
        ))}
      </Space>
      <CardPager page={page} pageSize={pageSize} total={data.total} onChange={(p) => update({ page: p === 1 ? undefined : p })} />
    </div>
  );
}
