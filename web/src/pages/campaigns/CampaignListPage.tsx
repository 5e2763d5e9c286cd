import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Grid, Segmented, Skeleton, Space, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { CAMPAIGN_STATUSES, t, type CampaignSummary } from '@lifeline/shared';
import { api } from '../../api/client.ts';
import { useSession } from '../../api/session.tsx';
import { CardPager } from '../../components/CardPager.tsx';
import { errorText } from '../../components/AdminUtils.ts';
import { oneOf, useUrlParams } from '../../components/useUrlParams.ts';
import { CampaignStatusTag, periodText } from './campaignBits.tsx';
import './campaigns.css';

const PAGE_SIZE = 20;

/** GET /api/campaigns: every campaign, newest first. */
export function useCampaignList() {
  return useQuery({ queryKey: ['campaigns', 'list'], queryFn: () => api<{ items: CampaignSummary[] }>('/api/campaigns') });
}

/**
 * 专项活动: the campaigns (name, year, period, status, task count), newest first, filterable by
 * status; a table on desktop, cards on phones; 新建活动 for those who manage campaigns.
 */
export default function CampaignListPage() {
  const { can } = useSession();
  const nav = useNavigate();
  const mobile = !Grid.useBreakpoint().md;
  const [params, update] = useUrlParams();
  const status = oneOf(CAMPAIGN_STATUSES, params.status);
  const page = Math.max(1, Number(params.page) || 1);
  const manage = can('campaign.manage');
  const q = useCampaignList();

  const items = useMemo(() => (q.data?.items ?? []).filter((c) => !status || c.status === status), [q.data, status]);

  const columns: TableProps<CampaignSummary>['columns'] = [
    {
      key: 'name',
      title: t('campaigns.field.name'),
      render: (_, c) => (
        <div>
          <Link to={`/campaigns/${c.id}`} onClick={(e) => e.stopPropagation()} style={{ fontWeight: 500 }}>
            {c.name}
          </Link>
          {c.theme && (
            <div className="muted" style={{ fontSize: 12 }}>
              {c.theme}
            </div>
          )}
        </div>
      ),
    },
    { key: 'year', title: t('campaigns.field.year'), dataIndex: 'year', width: 80 },
    { key: 'period', title: t('campaigns.field.period'), width: 220, render: (_, c) => periodText(c) },
    { key: 'status', title: t('campaigns.field.status'), width: 96, render: (_, c) => <CampaignStatusTag status={c.status} /> },
    { key: 'tasks', title: t('campaigns.field.taskCount'), dataIndex: 'taskCount', width: 80, align: 'right' },
  ];

  const emptyText = manage ? t('campaigns.list.emptyManage') : t('campaigns.list.empty');

  return (
    <div>
      <div className="page-header">
        <Space size={8} align="baseline" wrap>
          <h2>{t('campaigns.list.title')}</h2>
          {q.data && <Typography.Text type="secondary">{t('common.total', { n: items.length })}</Typography.Text>}
        </Space>
        {manage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => nav('/campaigns/new')} data-testid="campaign-new">
            {t('campaigns.list.new')}
          </Button>
        )}
      </div>

      <div className="filter-bar">
        <Segmented
          value={status ?? 'all'}
          options={[{ value: 'all', label: t('common.all') }, ...CAMPAIGN_STATUSES.filter((s) => manage || s !== 'draft').map((s) => ({ value: s, label: t(`campaignStatus.${s}`) }))]}
          onChange={(v) => update({ status: v === 'all' ? undefined : String(v) })}
          aria-label={t('campaigns.list.filter.status')}
        />
      </div>

      {q.isError && (
        <Alert type="error" showIcon title={errorText(q.error)} action={<Button size="small" onClick={() => void q.refetch()}>{t('campaigns.retry')}</Button>} style={{ marginBottom: 12 }} />
      )}

      {mobile ? (
        q.isLoading ? (
          <Skeleton active paragraph={{ rows: 6 }} />
        ) : items.length === 0 ? (
          <Empty description={emptyText} style={{ margin: '48px 0' }} />
        ) : (
          <div>
            <Space orientation="vertical" size={10} style={{ width: '100%' }}>
              {items.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((c) => (
                <Card key={c.id} className="cp-card" data-testid="campaign-card" onClick={() => nav(`/campaigns/${c.id}`)}>
                  <div className="cp-card-head">
                    <Link to={`/campaigns/${c.id}`} className="cp-card-title">
                      {c.name}
                    </Link>
                    <CampaignStatusTag status={c.status} />
                  </div>
                  {c.theme && <div className="muted cp-card-theme">{c.theme}</div>}
                  <div className="cp-card-meta">
                    <span>{t('campaigns.yearValue', { year: c.year })}</span>
                    <span>{periodText(c)}</span>
                    <span>{t('campaigns.taskCountValue', { n: c.taskCount })}</span>
                  </div>
                </Card>
              ))}
            </Space>
            <CardPager page={page} pageSize={PAGE_SIZE} total={items.length} onChange={(p) => update({ page: p === 1 ? undefined : p })} />
          </div>
        )
      ) : (
        <Table<CampaignSummary>
          className="cp-table"
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={q.isFetching}
          tableLayout="fixed"
          onRow={(c) => ({ onClick: () => nav(`/campaigns/${c.id}`) })}
          locale={{ emptyText: <Empty description={emptyText} /> }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            hideOnSinglePage: true,
            showTotal: (n) => t('common.total', { n }),
            onChange: (p) => update({ page: p === 1 ? undefined : p }),
          }}
        />
      )}
    </div>
  );
}
