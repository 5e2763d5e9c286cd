import { Link } from 'react-router-dom';
import { Card, Col, Row, Segmented, Statistic, Table } from 'antd';
import { useState } from 'react';
import { t, type ReportStats } from '@lifeline/shared';
import { yuan } from './reportBits.tsx';

type Row = ReportStats['byTownship'][number] | ReportStats['byCategory'][number];

/**
 * 群众举报 on the dashboard (issue 5 §9): received, accepted, true, handled within the time limit,
 * rewards paid — in total and by township or category, for the viewer's scope (a township officer
 * sees its own reports). Rendered only when the dashboard carries report figures.
 */
export function ReportStatsCard({ stats, mobile }: { stats: ReportStats; mobile: boolean }) {
  const [by, setBy] = useState<'township' | 'category'>(stats.byTownship.length > 1 ? 'township' : 'category');
  const s = stats.totals;
  const rows: Row[] = (by === 'township' ? stats.byTownship : stats.byCategory).filter((r) => r.received > 0);
  const figures = [
    { key: 'received', label: t('reports.dashboard.received'), value: s.received },
    { key: 'accepted', label: t('reports.dashboard.accepted'), value: s.accepted },
    { key: 'confirmed', label: t('reports.dashboard.confirmed'), value: s.confirmed },
    { key: 'inTime', label: t('reports.dashboard.handledInTime'), value: t('reports.dashboard.rate', { done: s.handledInTime, all: s.handled }) },
    { key: 'paid', label: t('reports.dashboard.rewardsPaid'), value: t('reports.dashboard.paidYuan', { n: s.rewardsPaid, amount: yuan(s.rewardsPaidYuan) }) },
    { key: 'overdue', label: t('reports.dashboard.overdue'), value: s.overdue },
  ];
  return (
    <Card
      title={t('reports.dashboard.title')}
      extra={<Link to="/reports">{t('reports.dashboard.open')}</Link>}
      data-testid="dashboard-reports"
    >
      <Row gutter={[12, 12]}>
        {figures.map((f) => (
          <Col key={f.key} xs={12} sm={8} lg={4}>
            <Statistic title={f.label} value={f.value} valueStyle={{ fontSize: mobile ? 18 : 22, color: f.key === 'overdue' && s.overdue > 0 ? '#cf1322' : undefined }} />
          </Col>
        ))}
      </Row>
      <Segmented
        style={{ margin: '12px 0' }}
        value={by}
        onChange={(v) => setBy(v as 'township' | 'category')}
        options={[{ value: 'township', label: t('reports.dashboard.byTownship') }, { value: 'category', label: t('reports.dashboard.byCategory') }]}
      />
      <Table<Row>
        size="small"
        rowKey={(r) => ('townshipId' in r ? r.townshipId : r.category)}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 560 }}
        columns={[
          {
            key: 'name',
            title: by === 'township' ? t('reports.dashboard.township') : t('reports.dashboard.category'),
            render: (_, r) => ('townshipId' in r ? r.townshipName : t(`reportCategory.${r.category}`)),
            fixed: 'left',
            width: mobile ? 110 : 180,
          },
          { key: 'received', title: t('reports.dashboard.received'), dataIndex: 'received', width: 64 },
          { key: 'accepted', title: t('reports.dashboard.accepted'), dataIndex: 'accepted', width: 64 },
          { key: 'confirmed', title: t('reports.dashboard.confirmed'), dataIndex: 'confirmed', width: 64 },
          { key: 'inTime', title: t('reports.dashboard.handledInTime'), width: 90, render: (_, r) => t('reports.dashboard.rate', { done: r.handledInTime, all: r.handled }) },
          { key: 'paid', title: t('reports.dashboard.rewardsPaid'), width: 120, render: (_, r) => t('reports.dashboard.paidYuan', { n: r.rewardsPaid, amount: yuan(r.rewardsPaidYuan) }) },
        ]}
      />
    </Card>
  );
}
