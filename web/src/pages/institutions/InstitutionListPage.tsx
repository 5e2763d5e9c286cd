import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Dropdown, Empty, Grid, Select, Skeleton, Space, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { DownloadOutlined, EditOutlined, MoreOutlined, PlusOutlined, UploadOutlined, WarningOutlined } from '@ant-design/icons';
import { INSTITUTION_STATUSES, INSTITUTION_TYPES, ROLE_SCOPE, localDate, t, type Institution } from '@lifeline/shared';
import { api, qs } from '../../api/client.ts';
import { useSession } from '../../api/session.tsx';
import { SearchBox } from '../../components/SearchBox.tsx';
import { InstitutionStatusTag, InstitutionTypeTag } from '../../components/AdminTags.tsx';
import { errorText, type Page } from '../../components/AdminUtils.ts';
import { downloadFromApi } from '../../components/download.ts';
import { TownshipSelect } from '../../components/TownshipSelect.tsx';
import { CardPager } from '../../components/CardPager.tsx';
import { oneOf, useUrlParams } from '../../components/useUrlParams.ts';
import { InstitutionFormModal } from './InstitutionFormModal.tsx';
import { RosterImportModal } from './RosterImportModal.tsx';
import { openHazardsLink, pct, Tel } from './institutionBits.tsx';
import './institutions.css';

const PAGE_SIZES = ['10', '20', '50', '100'];

/**
 * 服务机构: the institutions in the user's scope with filters kept in the URL, a table on desktop
 * and cards on phones; 新增/编辑, 导出 Excel and the 3-step 导入花名册 for those who manage them.
 */
export default function InstitutionListPage() {
  const { me, can } = useSession();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const mobile = !Grid.useBreakpoint().md;
  const [params, update, clear] = useUrlParams();
  const county = me ? ROLE_SCOPE[me.role] === 'county' : false;
  const manage = can('institution.manage');

  const filters = {
    townshipId: county ? params.townshipId || undefined : undefined,
    type: oneOf(INSTITUTION_TYPES, params.type),
    status: oneOf(INSTITUTION_STATUSES, params.status),
    q: params.q?.trim() || undefined,
  };
  const page = Math.max(1, Number(params.page) || 1);
  const pageSize = PAGE_SIZES.includes(params.pageSize ?? '') ? Number(params.pageSize) : 20;
  const [editing, setEditing] = useState<Institution | null | undefined>(undefined);
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);

  const query = useQuery({
    queryKey: ['institutions', 'list', filters, page, pageSize],
    queryFn: () => api<Page<Institution>>(`/api/institutions${qs({ ...filters, page, pageSize })}`),
    placeholderData: keepPreviousData,
  });
  const data = query.data;
  const filtered = Object.values(filters).some(Boolean);

  const exportXlsx = async () => {
    setExporting(true);
    try {
      await downloadFromApi(`/api/institutions/export.xlsx${qs(filters)}`, `${t('institutions.export.fileName')}-${localDate(new Date())}.xlsx`);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setExporting(false);
    }
  };

  const more = [
    { key: 'export', icon: <DownloadOutlined />, label: t('common.export'), onClick: () => void exportXlsx() },
    ...(manage ? [{ key: 'import', icon: <UploadOutlined />, label: t('institutions.import.button'), onClick: () => setImporting(true) }] : []),
  ];

  return (
    <div>
      <div className="page-header">
        <Space size={8} align="baseline" wrap>
          <h2>{t('nav.institutions')}</h2>
          {data && <Typography.Text type="secondary">{t('common.total', { n: data.total })}</Typography.Text>}
        </Space>
        <Space size={8}>
          {mobile ? (
            <Dropdown menu={{ items: more }} trigger={['click']}>
              <Button icon={<MoreOutlined />} loading={exporting} aria-label={t('institutions.more')} />
            </Dropdown>
          ) : (
            <>
              <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()} data-testid="institution-export">
                {t('common.export')}
              </Button>
              {manage && (
                <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="institution-import">
                  {t('institutions.import.button')}
                </Button>
              )}
            </>
          )}
          {manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="institution-new">
              {t('institutions.new')}
            </Button>
          )}
        </Space>
      </div>

      <div className="filter-bar">
        <SearchBox value={filters.q} onSearch={(q) => update({ q })} placeholder={t('institutions.filter.q')} style={{ width: mobile ? '100%' : 240, flexBasis: mobile ? '100%' : undefined }} data-testid="institution-search" />
        {county && (
          <TownshipSelect placeholder={t('institutions.filter.township')} value={filters.townshipId} onChange={(v) => update({ townshipId: v })} style={{ width: mobile ? undefined : 150 }} />
        )}
        <Select
          allowClear
          placeholder={t('institutions.filter.type')}
          value={filters.type}
          options={INSTITUTION_TYPES.map((v) => ({ value: v, label: t(`institutionType.${v}`) }))}
          onChange={(v?: string) => update({ type: v })}
          style={{ width: mobile ? undefined : 170 }}
          popupMatchSelectWidth={false}
          aria-label={t('institutions.filter.type')}
        />
        <Select
          allowClear
          placeholder={t('institutions.filter.status')}
          value={filters.status}
          options={INSTITUTION_STATUSES.map((v) => ({ value: v, label: t(`institutionStatus.${v}`) }))}
          onChange={(v?: string) => update({ status: v })}
          style={{ width: mobile ? undefined : 130 }}
          aria-label={t('institutions.filter.status')}
        />
        {filtered && (
          <Button type="link" onClick={clear} style={{ minWidth: 0 }}>
            {t('common.reset')}
          </Button>
        )}
      </div>

      {query.isError && (
        <Alert type="error" showIcon title={errorText(query.error)} action={<Button size="small" onClick={() => void query.refetch()}>{t('institutions.retry')}</Button>} style={{ marginBottom: 12 }} />
      )}

      {mobile ? (
        <MobileList data={data} loading={query.isLoading} page={page} pageSize={pageSize} onPage={(p) => update({ page: p === 1 ? undefined : p })} onEdit={setEditing} />
      ) : (
        <DesktopTable
          data={data}
          loading={query.isFetching}
          county={county}
          page={page}
          pageSize={pageSize}
          onPage={(p, s) => update({ page: p === 1 ? undefined : p, pageSize: s === 20 ? undefined : s })}
          onEdit={setEditing}
        />
      )}

      <InstitutionFormModal open={editing !== undefined} institution={editing} onClose={() => setEditing(undefined)} />
      <RosterImportModal
        open={importing}
        onClose={(committed) => {
          setImporting(false);
          if (committed) {
            void qc.invalidateQueries({ queryKey: ['institutions'] });
            void qc.invalidateQueries({ queryKey: ['org'] });
          }
        }}
      />
    </div>
  );
}

interface ListProps {
  data: Page<Institution> | undefined;
  loading: boolean;
  page: number;
  pageSize: number;
  onEdit: (i: Institution) => void;
}

/** The open-hazard count, linking to the ledger; red when there are any. */
function OpenHazards({ i }: { i: Institution }) {
  if (i.openHazards === 0) return <span className="muted">0</span>;
  return (
    <Link to={openHazardsLink(i.id)} onClick={(e) => e.stopPropagation()} className="ins-open-hazards" aria-label={t('institutions.openHazardsAria', { n: i.openHazards })}>
      <WarningOutlined /> {i.openHazards}
    </Link>
  );
}

function DesktopTable({ data, loading, county, page, pageSize, onPage, onEdit }: ListProps & { county: boolean; onPage: (p: number, s: number) => void }) {
  const nav = useNavigate();
  const anyEditable = data?.items.some((i) => i.abilities.update) ?? false;
  const columns: TableProps<Institution>['columns'] = [
    {
      key: 'name',
      title: t('institutions.field.name'),
      render: (_, i) => (
        <div>
          <Space size={6} wrap>
            <Link to={`/institutions/${i.id}`} onClick={(e) => e.stopPropagation()} style={{ fontWeight: 500 }}>
              {i.name}
            </Link>
            {i.status !== 'operating' && <InstitutionStatusTag status={i.status} />}
          </Space>
          {i.address && (
            <div className="muted" style={{ fontSize: 12 }}>
              {i.address}
            </div>
          )}
        </div>
      ),
    },
    ...(county ? [{ key: 'township', title: t('institutions.field.township'), dataIndex: 'townshipName', width: 100 }] : []),
    { key: 'type', title: t('institutions.field.type'), dataIndex: 'type', width: 150, render: (v: Institution['type']) => <InstitutionTypeTag type={v} /> },
    { key: 'beds', title: t('institutions.field.bedsShort'), dataIndex: 'beds', width: 72, align: 'right' },
    { key: 'residents', title: t('institutions.field.residentsShort'), dataIndex: 'residents', width: 72, align: 'right' },
    { key: 'pct', title: t('institutions.field.pctShort'), dataIndex: 'nonAmbulatoryPct', width: 88, align: 'right', render: (v: number) => pct(v) },
    {
      key: 'officer',
      title: t('institutions.field.safetyOfficer'),
      width: 170,
      render: (_, i) =>
        i.safetyOfficer || i.safetyOfficerPhone ? (
          <div>
            <div>{i.safetyOfficer}</div>
            <Tel phone={i.safetyOfficerPhone} />
          </div>
        ) : (
          <Typography.Text type="secondary">{t('institutions.notSet')}</Typography.Text>
        ),
    },
    { key: 'open', title: t('institutions.field.openHazards'), width: 96, align: 'center', render: (_, i) => <OpenHazards i={i} /> },
    ...(anyEditable
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            width: 80,
            render: (_: unknown, i: Institution) =>
              i.abilities.update ? (
                <Button
                  type="link"
                  size="small"
                  icon={<EditOutlined />}
                  onClick={(e) => {
                    e.stopPropagation();
                    onEdit(i);
                  }}
                >
                  {t('common.edit')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];
  return (
    <Table<Institution>
      className="ins-table"
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={data?.items ?? []}
      loading={loading}
      tableLayout="fixed"
      scroll={{ x: 1080 }}
      onRow={(i) => ({ onClick: () => nav(`/institutions/${i.id}`) })}
      locale={{ emptyText: <Empty description={t('institutions.empty')} /> }}
      pagination={{
        current: page,
        pageSize,
        total: data?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: PAGE_SIZES,
        showTotal: (n) => t('common.total', { n }),
        onChange: onPage,
      }}
    />
  );
}

function MobileList({ data, loading, page, pageSize, onPage, onEdit }: ListProps & { onPage: (p: number) => void }) {
  if (loading && !data) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (!data || data.items.length === 0) return <Empty description={t('institutions.empty')} style={{ margin: '48px 0' }} />;
  return (
    <div>
      <Space orientation="vertical" size={10} style={{ width: '100%' }}>
        {data.items.map((i) => (
          <Card key={i.id} className="ins-card" data-testid="institution-card">
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'flex-start' }}>
              <Link to={`/institutions/${i.id}`} className="ins-card-title">
                {i.name}
              </Link>
              {i.abilities.update && <Button type="text" size="small" icon={<EditOutlined />} onClick={() => onEdit(i)} aria-label={t('common.edit')} />}
            </div>
            <Space size={6} wrap style={{ marginBottom: 6 }}>
              <InstitutionTypeTag type={i.type} />
              {i.status !== 'operating' && <InstitutionStatusTag status={i.status} />}
              <span className="muted" style={{ fontSize: 13 }}>
                {i.townshipName}
              </span>
            </Space>
            <div className="ins-card-stats">
              <span>
                {t('institutions.field.bedsShort')} <b>{i.beds}</b>
              </span>
              <span>
                {t('institutions.field.residentsShort')} <b>{i.residents}</b>
              </span>
              <span>
                {t('institutions.field.pctShort')} <b>{pct(i.nonAmbulatoryPct)}</b>
              </span>
            </div>
            <div className="ins-card-foot">
              <span style={{ minWidth: 0 }}>
                {i.safetyOfficer ? `${t('institutions.field.safetyOfficer')} ${i.safetyOfficer} ` : ''}
                <Tel phone={i.safetyOfficerPhone} />
              </span>
              {i.openHazards > 0 ? (
                <Link to={openHazardsLink(i.id)} className="ins-open-hazards">
                  <WarningOutlined /> {t('institutions.openHazardsShort', { n: i.openHazards })}
                </Link>
              ) : (
                <span className="muted">{t('institutions.noOpenHazards')}</span>
              )}
            </div>
          </Card>
        ))}
      </Space>
      <CardPager page={page} pageSize={pageSize} total={data.total} onChange={onPage} />
    </div>
  );
}
