import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Grid, List, Segmented, Skeleton, Space, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { EyeOutlined, PlusOutlined } from '@ant-design/icons';
import { EXPOSURE_STATUSES, formatLocalDateTime, t, type ExposureStatus, type ExposureSummary } from '@lifeline/shared';
import { api, qs } from '../../api/client.ts';
import { useSession } from '../../api/session.tsx';
import { CardPager } from '../../components/CardPager.tsx';
import { oneOf, useUrlParams } from '../../components/useUrlParams.ts';
import { ExposureCreateModal } from './ExposureCreateModal.tsx';
import { ExposureStatusTag, useExposureBase } from './exposureBits.tsx';
import './exposure.css';

interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

const PAGE_SIZE = 20;

/** 来源：举报 JB… / 隐患 YH… */
const sourceText = (c: ExposureSummary) => `${t(`exposure.source.${c.source.kind}`)} ${c.source.ref ?? ''}`.trim();

/**
 * 曝光台 (staff): the cases by status (草稿 / 待审批 / 已发布 / 已撤回), 新建案例 for staff who
 * prepare them, a link to the public page. The leader's 曝光审批 menu opens the same list on
 * 待审批. Cards on phones.
 */
export default function ExposureListPage() {
  const { can } = useSession();
  const nav = useNavigate();
  const { base, review } = useExposureBase();
  const mobile = !Grid.useBreakpoint().md;
  const [p, update] = useUrlParams();
  const [creating, setCreating] = useState(false);
  const status: ExposureStatus | undefined = p.status === 'all' ? undefined : (oneOf(EXPOSURE_STATUSES, p.status) ?? (review ? 'pending_approval' : undefined));
  const page = Math.max(1, Number(p.page) || 1);
  const list = useQuery({
    queryKey: ['exposure-cases', status, page],
    queryFn: () => api<Page<ExposureSummary>>(`/api/exposure-cases${qs({ status, page, pageSize: PAGE_SIZE })}`),
    placeholderData: keepPreviousData,
  });

  const columns: TableProps<ExposureSummary>['columns'] = [
    { key: 'title', title: t('exposure.col.title'), render: (_, r) => <Typography.Text strong>{r.title}</Typography.Text> },
    { key: 'category', title: t('exposure.col.category'), width: 150, render: (_, r) => t(`reportCategory.${r.category}`) },
    { key: 'displayName', title: t('exposure.col.displayName'), width: 170, ellipsis: true, dataIndex: 'displayName' },
    { key: 'source', title: t('exposure.col.source'), width: 150, render: (_, r) => sourceText(r) },
    { key: 'status', title: t('exposure.col.status'), width: 90, render: (_, r) => <ExposureStatusTag status={r.status} /> },
    { key: 'createdBy', title: t('exposure.col.createdBy'), width: 90, dataIndex: 'createdByName', ellipsis: true },
    { key: 'updatedAt', title: t('exposure.col.updatedAt'), width: 140, render: (_, r) => formatLocalDateTime(r.publishedAt ?? r.updatedAt) },
  ];

  return (
    <div className="ex-page">
      <div className="ex-head">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t(review ? 'exposure.list.reviewTitle' : 'exposure.list.title')}
        </Typography.Title>
        <Space wrap>
          <Button icon={<EyeOutlined />} href="/exposure" target="_blank">
            {t('exposure.list.publicPage')}
          </Button>
          {can('exposure.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="exposure-new">
              {t('exposure.list.new')}
            </Button>
          )}
        </Space>
      </div>
      <Segmented
        block={mobile}
        style={{ marginBottom: 12, maxWidth: '100%', overflowX: 'auto' }}
        value={status ?? 'all'}
        onChange={(v) => update({ status: String(v), page: undefined })}
        options={[{ value: 'all', label: t('exposure.list.all') }, ...EXPOSURE_STATUSES.map((s) => ({ value: s, label: t(`exposure.status.${s}`) }))]}
      />
      {list.isError ? (
        <Alert type="error" showIcon message={(list.error as Error).message} />
      ) : mobile ? (
        list.isLoading ? (
          <Skeleton active />
        ) : list.data!.items.length === 0 ? (
          <Empty description={t('exposure.list.empty')} />
        ) : (
          <>
            <List
              dataSource={list.data!.items}
              renderItem={(r) => (
                <Card size="small" className="ex-card" onClick={() => nav(`${base}/${r.id}`)} data-testid="exposure-card">
                  <div className="ex-card-top">
                    <Typography.Text strong>{r.title}</Typography.Text>
                    <ExposureStatusTag status={r.status} />
                  </div>
                  <div className="ex-muted">{t(`reportCategory.${r.category}`)} · {r.displayName}</div>
                  <div className="ex-muted">
                    {sourceText(r)} · {formatLocalDateTime(r.publishedAt ?? r.updatedAt)}
                  </div>
                </Card>
              )}
            />
            <CardPager page={page} pageSize={PAGE_SIZE} total={list.data!.total} onChange={(n) => update({ page: String(n) })} />
          </>
        )
      ) : (
        <Table<ExposureSummary>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          columns={columns}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: <Empty description={t('exposure.list.empty')} /> }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, showSizeChanger: false, onChange: (n) => update({ page: String(n) }) }}
          onRow={(r) => ({ onClick: () => nav(`${base}/${r.id}`), style: { cursor: 'pointer' } })}
        />
      )}
      <ExposureCreateModal open={creating} onClose={() => setCreating(false)} onCreated={(id) => nav(`${base}/${id}`)} />
    </div>
  );
}
