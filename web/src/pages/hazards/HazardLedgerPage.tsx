import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, App, Badge, Button, Card, DatePicker, Drawer, Empty, Grid, Select, Skeleton, Space, Switch, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { CameraOutlined, DownloadOutlined, FilterOutlined } from '@ant-design/icons';
import {
  HAZARD_CATEGORIES,
  HAZARD_LEVELS,
  HAZARD_SORTS,
  HAZARD_SOURCES,
  HAZARD_STATUSES,
  INSTITUTION_TYPES,
  ROLE_SCOPE,
  dayjs,
  localDate,
  t,
  type HazardSummary,
} from '@lifeline/shared';
import { SearchBox } from '../../components/SearchBox.tsx';
import { CardPager } from '../../components/CardPager.tsx';
import { api, ApiError, qs } from '../../api/client.ts';
import { useSession } from '../../api/session.tsx';
import { LevelTag } from '../../components/LevelTag.tsx';
import { OverdueTag, StatusTag, SupervisionTag } from '../../components/StatusTag.tsx';
import { InstitutionPicker } from '../../components/InstitutionPicker.tsx';
import { downloadFromApi } from '../../components/download.ts';
import { TownshipSelect } from '../../components/TownshipSelect.tsx';
import { dateParam, oneOf, useUrlParams, type UrlPatch } from '../../components/useUrlParams.ts';
import './hazards.css';

interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

type Sort = (typeof HAZARD_SORTS)[number];
const PAGE_SIZES = ['10', '20', '50', '100'];
const FILTER_KEYS = ['townshipId', 'institutionId', 'institutionType', 'level', 'status', 'open', 'category', 'source', 'overdue', 'from', 'to', 'closedFrom', 'closedTo'] as const;
const SORT_CHOICES = ['foundAt:desc', 'foundAt:asc', 'deadline:asc', 'deadline:desc', 'level:desc', 'status:asc', 'code:desc'] as const;

/** The ledger's filters as read (and sanitised) from the query string. */
function readFilters(p: Record<string, string>) {
  const sort = oneOf<Sort>(HAZARD_SORTS, p.sort) ?? 'foundAt';
  return {
    townshipId: p.townshipId || undefined,
    institutionId: p.institutionId || undefined,
    source: oneOf(HAZARD_SOURCES, p.source),
    closedFrom: dateParam(p.closedFrom),
    closedTo: dateParam(p.closedTo),
    institutionType: oneOf(INSTITUTION_TYPES, p.institutionType),
    level: oneOf(HAZARD_LEVELS, p.level),
    status: oneOf(HAZARD_STATUSES, p.status),
    open: p.open === 'true' ? 'true' : undefined,
    category: oneOf(HAZARD_CATEGORIES, p.category),
    overdue: p.overdue === 'true' ? 'true' : undefined,
    from: dateParam(p.from),
    to: dateParam(p.to),
    q: p.q?.trim() || undefined,
    sort,
    order: p.order === 'asc' ? 'asc' : p.order === 'desc' ? 'desc' : sort === 'deadline' ? 'asc' : 'desc',
  } as const;
}
type Filters = ReturnType<typeof readFilters>;

/**
 * 隐患台账: every hazard in the user's scope, filterable (kept in the URL so a view can be shared),
 * sortable, paged and exportable to Excel. A table on desktop, tappable cards on phones.
 */
export default function HazardLedgerPage() {
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

  const { sort, order, ...filterOnly } = f;
  const query = useQuery({
    queryKey: ['hazards', 'list', f, page, pageSize],
    queryFn: () => api<Page<HazardSummary>>(`/api/hazards${qs({ ...f, page, pageSize })}`),
    placeholderData: keepPreviousData,
  });
  const activeCount = FILTER_KEYS.filter((k) => f[k]).length;

  const exportXlsx = async () => {
    setExporting(true);
    try {
      await downloadFromApi(`/api/hazards/export.xlsx${qs({ ...filterOnly, sort, order })}`, `${t('hazards.export.fileName')}-${localDate(new Date())}.xlsx`);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : t('errors.INTERNAL'));
    } finally {
      setExporting(false);
    }
  };

  const header = (
    <div className="page-header">
      <Space size={8} align="baseline" wrap>
        <h2>{t('nav.hazards')}</h2>
        {query.data && <Typography.Text type="secondary">{t('common.total', { n: query.data.total })}</Typography.Text>}
      </Space>
      <Space size={8}>
        {can('hazard.export') && (
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()} data-testid="hazard-export">
            {mobile ? t('hazards.export.short') : t('common.export')}
          </Button>
        )}
        {can('hazard.register') && (
          <Button type="primary" icon={<CameraOutlined />} onClick={() => nav('/hazards/new')} data-testid="hazard-new">
            {t('hazards.new.button')}
          </Button>
        )}
      </Space>
    </div>
  );

  const data = query.data;

  return (
    <div>
      {header}
      {mobile ? (
        <div style={{ display: 'flex', gap: 8, marginBottom: 12 }}>
          <SearchBox value={f.q} onSearch={(q) => update({ q })} placeholder={t('hazards.filter.q')} style={{ flex: 1 }} data-testid="hazard-search" />
          <Badge count={activeCount} size="small">
            <Button icon={<FilterOutlined />} onClick={() => setDrawer(true)} data-testid="hazard-filter-open">
              {t('hazards.filter.button')}
            </Button>
          </Badge>
        </div>
      ) : (
        <div className="filter-bar">
          <SearchBox value={f.q} onSearch={(q) => update({ q })} placeholder={t('hazards.filter.q')} style={{ flex: '0 0 240px' }} data-testid="hazard-search" />
          <FilterControls f={f} update={update} countyScope={countyScope} />
          {(activeCount > 0 || f.q) && (
            <Button type="link" onClick={clear} style={{ minWidth: 0 }}>
              {t('common.reset')}
            </Button>
          )}
        </div>
      )}

      <LinkedFilters f={f} data={data} update={update} />

      {query.isError && (
        <Alert
          type="error"
          showIcon
          title={(query.error as Error).message}
          action={<Button size="small" onClick={() => void query.refetch()}>{t('hazards.retry')}</Button>}
          style={{ marginBottom: 12 }}
        />
      )}

      {mobile ? (
        <MobileList data={data} loading={query.isLoading} page={page} pageSize={pageSize} update={update} />
      ) : (
        <LedgerTable data={data} loading={query.isFetching} f={f} page={page} pageSize={pageSize} update={update} countyScope={countyScope} />
      )}

      <Drawer
        open={drawer}
        onClose={() => setDrawer(false)}
        placement="bottom"
        size="82%"
        title={t('hazards.filter.title')}
        className="hz-filter-drawer"
        extra={
          <Button type="link" onClick={() => { clear(); }} disabled={activeCount === 0 && !f.q}>
            {t('common.reset')}
          </Button>
        }
        footer={
          <Button type="primary" block size="large" onClick={() => setDrawer(false)}>
            {data ? t('hazards.filter.showResults', { n: data.total }) : t('hazards.filter.done')}
          </Button>
        }
      >
        <div className="hz-filter-grid">
          <FilterControls f={f} update={update} countyScope={countyScope} stacked />
          <div className="hz-filter-field hz-filter-wide">
            <label>{t('hazards.sort.label')}</label>
            <Select
              value={`${f.sort}:${f.order}`}
              options={SORT_CHOICES.map((v) => ({ value: v, label: t(`hazards.sort.${v.replace(':', '_')}`) }))}
              onChange={(v: string) => {
                const [s, o] = v.split(':');
                update({ sort: s, order: o });
              }}
            />
          </div>
        </div>
      </Drawer>
    </div>
  );
}

/**
 * Filters that arrive through links (from an institution, a dashboard figure) and have no control
 * of their own: shown as closable tags so the user knows why the list is narrowed.
 */
function LinkedFilters({ f, data, update }: { f: Filters; data: Page<HazardSummary> | undefined; update: (p: UrlPatch) => void }) {
  const { me } = useSession();
  const institutionName = f.institutionId ? data?.items.find((i) => i.institutionId === f.institutionId)?.institutionName : undefined;
  const tags: { key: string; label: string; clear: UrlPatch }[] = [];
  if (f.institutionId && me?.role === 'institution_officer') tags.push({ key: 'inst', label: t('hazards.filter.institutionTag', { name: institutionName ?? t('hazards.filter.oneInstitution') }), clear: { institutionId: undefined } });
  if (f.source) tags.push({ key: 'src', label: t('hazards.filter.sourceTag', { source: t(`hazardSource.${f.source}`) }), clear: { source: undefined } });
  if (f.closedFrom || f.closedTo) tags.push({ key: 'closed', label: t('hazards.filter.closedTag', { from: f.closedFrom ?? '…', to: f.closedTo ?? '…' }), clear: { closedFrom: undefined, closedTo: undefined } });
  if (tags.length === 0) return null;
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6, marginBottom: 12 }} data-testid="hazard-linked-filters">
      {tags.map((tg) => (
        <Tag key={tg.key} color="processing" closable onClose={() => update(tg.clear)}>
          {tg.label}
        </Tag>
      ))}
    </div>
  );
}

/** The ledger's filters: inline on desktop, stacked with labels in the phone drawer. */
function FilterControls({ f, update, countyScope, stacked = false }: { f: Filters; update: (p: UrlPatch) => void; countyScope: boolean; stacked?: boolean }) {
  const { me } = useSession();
  const field = (label: string, node: React.ReactNode) =>
    stacked ? (
      <div className="hz-filter-field" key={label}>
        <label>{label}</label>
        {node}
      </div>
    ) : (
      node
    );
  const statusValue = f.status ?? (f.open ? 'open' : undefined);
  return (
    <>
      {countyScope &&
        field(
          t('hazards.field.township'),
          <TownshipSelect key="township" placeholder={t('hazards.filter.township')} value={f.townshipId} onChange={(v) => update({ townshipId: v })} style={stacked ? undefined : { width: 150 }} />,
        )}
      {me?.role !== 'institution_officer' &&
        field(
          t('hazards.field.institution'),
          <InstitutionPicker
            key="institution"
            allowClear
            placeholder={t('hazards.filter.institution')}
            value={f.institutionId}
            townshipId={f.townshipId}
            onChange={(v) => update({ institutionId: v })}
            style={stacked ? undefined : { width: 200 }}
            aria-label={t('hazards.filter.institution')}
          />,
        )}
      {field(
        t('hazards.field.institutionType'),
        <Select
          key="institutionType"
          allowClear
          placeholder={t('hazards.filter.institutionType')}
          value={f.institutionType}
          options={INSTITUTION_TYPES.map((v) => ({ value: v, label: t(`institutionType.${v}`) }))}
          onChange={(v?: string) => update({ institutionType: v })}
          style={stacked ? undefined : { width: 150 }}
          popupMatchSelectWidth={false}
          aria-label={t('hazards.filter.institutionType')}
        />,
      )}
      {field(
        t('hazards.field.level'),
        <Select
          key="level"
          allowClear
          placeholder={t('hazards.filter.level')}
          value={f.level}
          options={HAZARD_LEVELS.map((v) => ({ value: v, label: t(`hazardLevel.${v}`) }))}
          onChange={(v?: string) => update({ level: v })}
          style={stacked ? undefined : { width: 120 }}
          aria-label={t('hazards.filter.level')}
        />,
      )}
      {field(
        t('hazards.field.status'),
        <Select
          key="status"
          allowClear
          placeholder={t('hazards.filter.status')}
          value={statusValue}
          options={[{ value: 'open', label: t('hazards.filter.open') }, ...HAZARD_STATUSES.map((v) => ({ value: v, label: t(`hazardStatus.${v}`) }))]}
          onChange={(v?: string) => update(v === 'open' ? { status: undefined, open: 'true' } : { status: v, open: undefined })}
          style={stacked ? undefined : { width: 120 }}
          aria-label={t('hazards.filter.status')}
        />,
      )}
      {field(
        t('hazards.field.category'),
        <Select
          key="category"
          allowClear
          placeholder={t('hazards.filter.category')}
          value={f.category}
          options={HAZARD_CATEGORIES.map((v) => ({ value: v, label: t(`hazardCategory.${v}`) }))}
          onChange={(v?: string) => update({ category: v })}
          style={stacked ? undefined : { width: 120 }}
          aria-label={t('hazards.filter.category')}
        />,
      )}
      {stacked ? (
        <>
          {field(
            t('hazards.filter.from'),
            <DatePicker
              key="from"
              value={f.from ? dayjs(f.from) : null}
              onChange={(d) => update({ from: d ? d.format('YYYY-MM-DD') : undefined })}
              disabledDate={(d) => !!f.to && d.format('YYYY-MM-DD') > f.to}
              inputReadOnly
              placeholder={t('hazards.filter.from')}
            />,
          )}
          {field(
            t('hazards.filter.to'),
            <DatePicker
              key="to"
              value={f.to ? dayjs(f.to) : null}
              onChange={(d) => update({ to: d ? d.format('YYYY-MM-DD') : undefined })}
              disabledDate={(d) => !!f.from && d.format('YYYY-MM-DD') < f.from}
              inputReadOnly
              placeholder={t('hazards.filter.to')}
            />,
          )}
        </>
      ) : (
        <DatePicker.RangePicker
          key="range"
          value={[f.from ? dayjs(f.from) : null, f.to ? dayjs(f.to) : null]}
          allowEmpty={[true, true]}
          placeholder={[t('hazards.filter.from'), t('hazards.filter.to')]}
          onChange={(r) => update({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
          style={{ width: 250 }}
          aria-label={t('hazards.filter.foundRange')}
        />
      )}
      <label key="overdue" className={stacked ? 'hz-filter-wide' : undefined} style={{ display: 'inline-flex', alignItems: 'center', gap: 8, minWidth: 0, whiteSpace: 'nowrap', marginBottom: stacked ? 14 : 0 }}>
        <Switch checked={!!f.overdue} onChange={(v) => update({ overdue: v ? 'true' : undefined })} data-testid="hazard-overdue" />
        {t('hazards.filter.overdueOnly')}
      </label>
    </>
  );
}

interface ListProps {
  data: Page<HazardSummary> | undefined;
  loading: boolean;
  page: number;
  pageSize: number;
  update: (p: UrlPatch) => void;
}

/**
 * Desktop: a sortable table; overdue rows tinted red. Fixed layout: every column but the title keeps
 * its width, the title takes the rest and long unbroken text wraps inside it (styles.css).
 */
function LedgerTable({ data, loading, f, page, pageSize, update, countyScope }: ListProps & { f: Filters; countyScope: boolean }) {
  const nav = useNavigate();
  const sorted = (key: Sort) => (f.sort === key ? (f.order === 'asc' ? 'ascend' : 'descend') : null);
  const columns: TableProps<HazardSummary>['columns'] = [
    {
      key: 'code',
      title: t('hazards.field.code'),
      dataIndex: 'code',
      width: 132,
      sorter: true,
      sortOrder: sorted('code'),
      render: (code: string, h) => (
        <Link to={`/hazards/${h.id}`} onClick={(e) => e.stopPropagation()}>
          {code}
        </Link>
      ),
    },
    {
      key: 'title',
      title: t('hazards.field.title'),
      dataIndex: 'title',
      render: (title: string, h) => (
        <div>
          <div style={{ fontWeight: 500 }}>{title}</div>
          {(h.level === 'major' || h.listedSupervision) && (
            <Space size={4} wrap style={{ marginTop: 4 }}>
              {h.level === 'major' && <LevelTag level="major" short />}
              {h.listedSupervision && <SupervisionTag />}
            </Space>
          )}
        </div>
      ),
    },
    {
      key: 'institution',
      title: t('hazards.field.institution'),
      width: 190,
      render: (_: unknown, h) => (
        <div>
          <div>{h.institutionName}</div>
          <div className="muted" style={{ fontSize: 12 }}>
            {countyScope ? `${h.townshipName} · ` : ''}
            {t(`institutionType.${h.institutionType}`)}
          </div>
        </div>
      ),
    },
    { key: 'category', title: t('hazards.field.category'), dataIndex: 'category', width: 88, render: (c: string) => t(`hazardCategory.${c}`) },
    { key: 'level', title: t('hazards.field.level'), dataIndex: 'level', width: 72, sorter: true, sortOrder: sorted('level'), render: (l: HazardSummary['level']) => <LevelTag level={l} short /> },
    { key: 'status', title: t('hazards.field.status'), dataIndex: 'status', width: 92, sorter: true, sortOrder: sorted('status'), render: (s: HazardSummary['status']) => <StatusTag status={s} /> },
    {
      key: 'deadline',
      title: t('hazards.field.deadline'),
      dataIndex: 'deadlineDate',
      width: 120,
      sorter: true,
      sortOrder: sorted('deadline'),
      render: (d: string, h) => (
        <Space size={4} wrap>
          <span>{d}</span>
          {h.overdue && <OverdueTag />}
        </Space>
      ),
    },
    { key: 'foundAt', title: t('hazards.field.foundAt'), dataIndex: 'foundAt', width: 108, sorter: true, sortOrder: sorted('foundAt'), render: (v: string) => localDate(v) },
  ];
  return (
    <Table<HazardSummary>
      className="hz-table"
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={data?.items ?? []}
      loading={loading}
      tableLayout="fixed"
      scroll={{ x: 1040 }}
      rowClassName={(h) => (h.overdue ? 'hz-row-overdue' : '')}
      onRow={(h) => ({ onClick: () => nav(`/hazards/${h.id}`) })}
      pagination={{
        current: page,
        pageSize,
        total: data?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: PAGE_SIZES,
        showTotal: (n) => t('common.total', { n }),
      }}
      onChange={(p, _filters, sorter, extra) => {
        if (extra.action === 'sort') {
          const s = Array.isArray(sorter) ? sorter[0] : sorter;
          const key = s?.order ? (s.columnKey as string) : undefined;
          update({ sort: key, order: key ? (s!.order === 'ascend' ? 'asc' : 'desc') : undefined });
        } else if (extra.action === 'paginate') {
          update({ page: p.current === 1 ? undefined : p.current, pageSize: p.pageSize === 20 ? undefined : p.pageSize });
        }
      }}
    />
  );
}

/** Phones: one tappable card per hazard. */
function MobileList({ data, loading, page, pageSize, update }: ListProps) {
  if (loading && !data) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (!data || data.items.length === 0) return <Empty description={t('hazards.list.empty')} style={{ margin: '48px 0' }} />;
  return (
    <div>
      <Space orientation="vertical" size={10} style={{ width: '100%' }}>
        {data.items.map((h) => (
          <Link key={h.id} to={`/hazards/${h.id}`} style={{ display: 'block', color: 'inherit' }} data-testid="hazard-card">
            <Card hoverable className={`hz-card${h.overdue ? ' hz-card-overdue' : ''}`}>
              <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {h.code}
                </Typography.Text>
                <StatusTag status={h.status} />
              </div>
              <div className="hz-card-title">{h.title}</div>
              <div className="muted" style={{ fontSize: 13, marginBottom: 6 }}>
                {h.institutionName}
              </div>
              <div className="hz-meta">
                {h.level === 'major' && <LevelTag level="major" short />}
                {h.listedSupervision && <SupervisionTag />}
                <span className="muted">{t('hazards.card.deadline', { date: h.deadlineDate })}</span>
                {h.overdue && <OverdueTag />}
              </div>
            </Card>
          </Link>
        ))}
      </Space>
      <CardPager page={page} pageSize={pageSize} total={data.total} onChange={(p) => update({ page: p === 1 ? undefined : p })} />
    </div>
  );
}
