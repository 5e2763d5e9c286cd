import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Badge, Button, Card, DatePicker, Drawer, Empty, Grid, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { FilterOutlined, PlusOutlined } from '@ant-design/icons';
import { INSPECTION_KINDS, ROLE_SCOPE, dayjs, localDate, t, type InspectionKind, type InspectionSummary } from '@lifeline/shared';
import { CardPager } from '../../components/CardPager.tsx';
import { api, qs } from '../../api/client.ts';
import { useSession } from '../../api/session.tsx';
import { InstitutionPicker } from '../../components/InstitutionPicker.tsx';
import { TownshipSelect } from '../../components/TownshipSelect.tsx';
import { dateParam, oneOf, useUrlParams, type UrlPatch } from '../../components/useUrlParams.ts';
import { KindTag, ResultCounts } from './inspectionTags.tsx';
import './inspections.css';

interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

const PAGE_SIZES = ['10', '20', '50', '100'];
const FILTER_KEYS = ['townshipId', 'institutionId', 'kind', 'from', 'to'] as const;
/**
 * 隐患排查: the inspections in the user's scope (county, township and self-inspections), filtered
 * by township, institution, kind and date (kept in the URL); a table on desktop, cards on phones.
 */
export default function InspectionListPage() {
  const { me, can } = useSession();
  const mobile = !Grid.useBreakpoint().md;
  const nav = useNavigate();
  const [params, update, clear] = useUrlParams();
  const [drawer, setDrawer] = useState(false);
  const countyScope = me ? ROLE_SCOPE[me.role] === 'county' : false;
  const institutionScope = me?.role === 'institution_officer';
  const f = {
    townshipId: countyScope ? params.townshipId || undefined : undefined,
    institutionId: institutionScope ? undefined : params.institutionId || undefined,
    kind: oneOf(INSPECTION_KINDS, params.kind),
    from: dateParam(params.from),
    to: dateParam(params.to),
  };
  const page = Math.max(1, Number(params.page) || 1);
  const pageSize = PAGE_SIZES.includes(params.pageSize ?? '') ? Number(params.pageSize) : 20;
  const activeCount = FILTER_KEYS.filter((k) => f[k]).length;

  const q = useQuery({
    queryKey: ['inspections', 'list', f, page, pageSize],
    queryFn: () => api<Page<InspectionSummary>>(`/api/inspections${qs({ ...f, page, pageSize })}`),
    placeholderData: keepPreviousData,
  });
  const data = q.data;

  const filters = <Filters f={f} update={update} countyScope={countyScope} institutionScope={institutionScope} stacked={mobile} />;

  return (
    <div>
      <div className="page-header">
        <Space size={8} align="baseline" wrap>
          <h2>{t('nav.inspections')}</h2>
          {data && <Typography.Text type="secondary">{t('common.total', { n: data.total })}</Typography.Text>}
        </Space>
        <Space>
          {mobile && (
            <Badge count={activeCount} size="small">
              <Button icon={<FilterOutlined />} onClick={() => setDrawer(true)}>
                {t('inspections.filter.button')}
              </Button>
            </Badge>
          )}
          {can('inspection.create') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => nav('/inspections/new')} data-testid="insp-new">
              {t('inspections.new.button')}
            </Button>
          )}
        </Space>
      </div>

      {!mobile && (
        <div className="filter-bar">
          {filters}
          {activeCount > 0 && (
            <Button type="link" onClick={clear} style={{ minWidth: 0 }}>
              {t('common.reset')}
            </Button>
          )}
        </div>
      )}

      {q.isError && (
        <Alert
          type="error"
          showIcon
          title={(q.error as Error).message}
          action={<Button size="small" onClick={() => void q.refetch()}>{t('inspections.retry')}</Button>}
          style={{ marginBottom: 12 }}
        />
      )}

      {mobile ? (
        q.isLoading ? (
          <Skeleton active paragraph={{ rows: 6 }} />
        ) : !data || data.items.length === 0 ? (
          <Empty description={t('inspections.list.empty')} style={{ margin: '48px 0' }} />
        ) : (
          <>
            <Space orientation="vertical" size={10} style={{ width: '100%' }}>
              {data.items.map((s) => (
                <Link key={s.id} to={`/inspections/${s.id}`} style={{ display: 'block', color: 'inherit' }} data-testid="insp-card">
                  <Card hoverable className="insp-card">
                    <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'center' }}>
                      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                        {localDate(s.inspectedAt)}
                      </Typography.Text>
                      <KindTag kind={s.kind} />
                    </div>
                    <div style={{ fontWeight: 600, fontSize: 15, margin: '4px 0 2px' }}>{s.institutionName}</div>
                    <div className="muted" style={{ fontSize: 13, marginBottom: 6 }}>
                      {t('inspections.checklistWithVersion', { name: s.checklistName, v: s.checklistVersion })}
                    </div>
                    <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap', alignItems: 'center' }}>
                      <ResultCounts s={s} />
                      {s.hazardCount > 0 && <Tag color="red" style={{ marginInlineEnd: 0 }}>{t('inspections.hazardCount', { n: s.hazardCount })}</Tag>}
                    </div>
                  </Card>
                </Link>
              ))}
            </Space>
            <CardPager page={page} pageSize={pageSize} total={data.total} onChange={(p) => update({ page: p === 1 ? undefined : p })} />
          </>
        )
      ) : (
        <InspectionTable data={data} loading={q.isFetching} page={page} pageSize={pageSize} update={update} countyScope={countyScope} />
      )}

      <Drawer
        open={drawer}
        onClose={() => setDrawer(false)}
        placement="bottom"
        size="70%"
        title={t('inspections.filter.title')}
        extra={
          <Button type="link" onClick={clear} disabled={activeCount === 0}>
            {t('common.reset')}
          </Button>
        }
        footer={
          <Button type="primary" block size="large" onClick={() => setDrawer(false)}>
            {data ? t('inspections.filter.showResults', { n: data.total }) : t('inspections.filter.done')}
          </Button>
        }
      >
        {filters}
      </Drawer>
    </div>
  );
}

interface FilterProps {
  f: { townshipId?: string; institutionId?: string; kind?: InspectionKind; from?: string; to?: string };
  update: (p: UrlPatch) => void;
  countyScope: boolean;
  institutionScope: boolean;
  stacked: boolean;
}

/** Township, institution, kind and date filters: inline on desktop, stacked in the phone drawer. */
function Filters({ f, update, countyScope, institutionScope, stacked }: FilterProps) {
  const wrap = (label: string, node: React.ReactNode) =>
    stacked ? (
      <div className="hz-filter-field" key={label} style={{ marginBottom: 14 }}>
        <label style={{ display: 'block', fontSize: 13, color: 'rgba(0,0,0,.65)', marginBottom: 4 }}>{label}</label>
        {node}
      </div>
    ) : (
      <span key={label} style={{ display: 'contents' }}>
        {node}
      </span>
    );
  return (
    <>
      {countyScope &&
        wrap(
          t('inspections.field.township'),
          <TownshipSelect placeholder={t('inspections.filter.township')} value={f.townshipId} onChange={(v) => update({ townshipId: v, institutionId: undefined })} style={stacked ? { width: '100%' } : { width: 150 }} />,
        )}
      {!institutionScope &&
        wrap(
          t('inspections.field.institution'),
          <InstitutionPicker
            allowClear
            townshipId={f.townshipId}
            value={f.institutionId}
            onChange={(v) => update({ institutionId: v })}
            placeholder={t('inspections.filter.institution')}
            style={stacked ? undefined : { width: 220 }}
            aria-label={t('inspections.filter.institution')}
          />,
        )}
      {wrap(
        t('inspections.field.kind'),
        <Select
          allowClear
          placeholder={t('inspections.filter.kind')}
          value={f.kind}
          options={INSPECTION_KINDS.map((k) => ({ value: k, label: t(`inspectionKind.${k}`) }))}
          onChange={(v?: string) => update({ kind: v })}
          style={stacked ? { width: '100%' } : { width: 130 }}
          aria-label={t('inspections.filter.kind')}
        />,
      )}
      {stacked ? (
        <>
          {wrap(
            t('inspections.filter.from'),
            <DatePicker
              value={f.from ? dayjs(f.from) : null}
              onChange={(d) => update({ from: d ? d.format('YYYY-MM-DD') : undefined })}
              disabledDate={(d) => !!f.to && d.format('YYYY-MM-DD') > f.to}
              inputReadOnly
              style={{ width: '100%' }}
              placeholder={t('inspections.filter.from')}
            />,
          )}
          {wrap(
            t('inspections.filter.to'),
            <DatePicker
              value={f.to ? dayjs(f.to) : null}
              onChange={(d) => update({ to: d ? d.format('YYYY-MM-DD') : undefined })}
              disabledDate={(d) => !!f.from && d.format('YYYY-MM-DD') < f.from}
              inputReadOnly
              style={{ width: '100%' }}
              placeholder={t('inspections.filter.to')}
            />,
          )}
        </>
      ) : (
        <DatePicker.RangePicker
          value={[f.from ? dayjs(f.from) : null, f.to ? dayjs(f.to) : null]}
          allowEmpty={[true, true]}
          placeholder={[t('inspections.filter.from'), t('inspections.filter.to')]}
          onChange={(r) => update({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
          style={{ width: 250 }}
        />
      )}
    </>
  );
}

/** Desktop table of inspections; a row opens the record. */
function InspectionTable({ data, loading, page, pageSize, update, countyScope }: { data?: Page<InspectionSummary>; loading: boolean; page: number; pageSize: number; update: (p: UrlPatch) => void; countyScope: boolean }) {
  const nav = useNavigate();
  const columns: TableProps<InspectionSummary>['columns'] = [
    { key: 'date', title: t('inspections.field.inspectedOn'), dataIndex: 'inspectedAt', width: 112, render: (v: string, s) => <Link to={`/inspections/${s.id}`} onClick={(e) => e.stopPropagation()}>{localDate(v)}</Link> },
    {
      key: 'institution',
      title: t('inspections.field.institution'),
      render: (_: unknown, s) => (
        <div>
          <div>{s.institutionName}</div>
          {countyScope && <div className="muted" style={{ fontSize: 12 }}>{s.townshipName}</div>}
        </div>
      ),
    },
    { key: 'kind', title: t('inspections.field.kind'), dataIndex: 'kind', width: 104, render: (k: InspectionKind) => <KindTag kind={k} /> },
    { key: 'checklist', title: t('inspections.field.checklist'), width: 220, render: (_: unknown, s) => t('inspections.checklistWithVersion', { name: s.checklistName, v: s.checklistVersion }) },
    { key: 'inspectors', title: t('inspections.field.inspectors'), dataIndex: 'inspectors', width: 140, render: (v: string, s) => v || s.createdByName },
    { key: 'results', title: t('inspections.field.results'), width: 210, render: (_: unknown, s) => <ResultCounts s={s} /> },
    {
      key: 'hazards',
      title: t('inspections.field.hazards'),
      dataIndex: 'hazardCount',
      width: 90,
      align: 'center',
      render: (n: number) => (n > 0 ? <Tag color="red" style={{ marginInlineEnd: 0 }}>{n}</Tag> : <span className="muted">0</span>),
    },
  ];
  return (
    <Table<InspectionSummary>
      className="hz-table"
      rowKey="id"
      columns={columns}
      dataSource={data?.items ?? []}
      loading={loading}
      tableLayout="fixed"
      scroll={{ x: 1040 }}
      onRow={(s) => ({ onClick: () => nav(`/inspections/${s.id}`), style: { cursor: 'pointer' } })}
      pagination={{
        current: page,
        pageSize,
        total: data?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: PAGE_SIZES,
        showTotal: (n) => t('common.total', { n }),
        onChange: (p, ps) => update({ page: p === 1 ? undefined : p, pageSize: ps === 20 ? undefined : ps }),
      }}
    />
  );
}
