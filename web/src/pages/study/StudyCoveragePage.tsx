import { Link } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Grid, List, Progress, Select, Skeleton, Space, Statistic, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { ROLE_SCOPE, local, t, type StudyCoverage, type StudyCoverageItem } from '@lifeline/shared';
import { api, qs } from '../../api/client.ts';
import { useSession } from '../../api/session.tsx';
import { TownshipSelect } from '../../components/TownshipSelect.tsx';
import { useUrlParams } from '../../components/useUrlParams.ts';
import './study.css';

const pct = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

/** The share as a bar, or 未填员工数 when the staff count is missing. */
function ShareBar({ item }: { item: StudyCoverageItem }) {
  const p = pct(item.share);
  if (p === null) return <span className="muted">{t('study.coverage.noStaff')}</span>;
  return <Progress percent={p} size="small" status={p === 0 ? 'exception' : p >= 100 ? 'success' : 'normal'} format={(v) => `${v}%`} style={{ margin: 0, minWidth: 120 }} />;
}

/**
 * 培训覆盖率: per institution, how many of its staff (在岗员工人数) were trained on the major-hazard
 * criteria this year, as a share bar; institutions with nobody trained are highlighted. Year and
 * township (county) filters; cards on phones.
 */
export default function StudyCoveragePage() {
  const { me } = useSession();
  const mobile = !Grid.useBreakpoint().md;
  const [p, update] = useUrlParams();
  const thisYear = local(new Date()).year();
  const year = Number(p.year) >= 2000 && Number(p.year) <= 2100 ? Number(p.year) : thisYear;
  const townshipId = p.townshipId || undefined;
  const scope = me ? ROLE_SCOPE[me.role] : 'institution';
  const q = useQuery({
    queryKey: ['study-coverage', year, townshipId],
    queryFn: () => api<StudyCoverage>(`/api/study-sessions/coverage${qs({ year, townshipId })}`),
    placeholderData: keepPreviousData,
  });
  const zero = (i: StudyCoverageItem) => i.trained === 0;

  const columns: TableProps<StudyCoverageItem>['columns'] = [
    ...(scope === 'county' ? [{ key: 'township', title: t('study.col.township'), dataIndex: 'townshipName', width: 100 }] : []),
    { key: 'institution', title: t('study.col.institution'), dataIndex: 'institutionName' },
    { key: 'staff', title: t('study.coverage.staff'), dataIndex: 'staffCount', width: 110, align: 'right', render: (n: number) => (n > 0 ? n : '—') },
    { key: 'trained', title: t('study.coverage.trained'), dataIndex: 'trained', width: 110, align: 'right' },
    { key: 'share', title: t('study.coverage.share'), width: 220, render: (_, r) => <ShareBar item={r} /> },
    { key: 'sessions', title: t('study.coverage.sessions'), width: 190, align: 'right', render: (_, r) => `${r.criteriaSessions} / ${r.sessions}` },
  ];

  return (
    <div className="st-page">
      <Link to="/study">
        <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0, marginBottom: 8 }}>
          {t('study.back')}
        </Button>
      </Link>
      <div className="st-head">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('study.coverage.title')}
        </Typography.Title>
        <Space wrap>
          {scope === 'county' && <TownshipSelect value={townshipId} onChange={(v) => update({ townshipId: v })} placeholder={t('study.filter.township')} style={{ width: 150 }} />}
          <Select value={year} onChange={(y: number) => update({ year: y === thisYear ? undefined : y })} options={[0, 1, 2, 3].map((d) => ({ value: thisYear - d, label: t('study.coverage.year', { year: thisYear - d }) }))} style={{ width: 110 }} aria-label={t('study.coverage.yearLabel')} />
        </Space>
      </div>
      <Typography.Paragraph type="secondary">{t('study.coverage.rule')}</Typography.Paragraph>
      {q.isError ? (
        <Alert type="error" showIcon title={(q.error as Error).message} />
      ) : q.isLoading ? (
        <Skeleton active />
      ) : (
        <>
          <Card size="small" style={{ marginBottom: 12 }}>
            <Space size={mobile ? 16 : 48} wrap>
              <Statistic title={t('study.coverage.totalShare')} value={pct(q.data!.totals.share) ?? '—'} suffix={q.data!.totals.share === null ? undefined : '%'} />
              <Statistic title={t('study.coverage.trained')} value={q.data!.totals.trained} suffix={`/ ${q.data!.totals.staffCount}`} />
              <Statistic title={t('study.coverage.without')} value={q.data!.totals.institutionsWithoutTraining} styles={{ content: { color: q.data!.totals.institutionsWithoutTraining ? '#cf1322' : undefined } }} />
            </Space>
          </Card>
          {q.data!.items.length === 0 ? (
            <Empty description={t('study.coverage.empty')} />
          ) : mobile ? (
            <List
              dataSource={q.data!.items}
              renderItem={(i) => (
                <Card size="small" className={`st-card${zero(i) ? ' st-zero-card' : ''}`} data-testid="coverage-card">
                  <Typography.Text strong>{i.institutionName}</Typography.Text>
                  {scope === 'county' && <div className="muted">{i.townshipName}</div>}
                  <ShareBar item={i} />
                  <div className="muted">{t('study.coverage.cardLine', { trained: i.trained, staff: i.staffCount > 0 ? i.staffCount : '—', sessions: i.criteriaSessions })}</div>
                </Card>
              )}
            />
          ) : (
            <Table<StudyCoverageItem> rowKey="institutionId" size="middle" pagination={false} columns={columns} dataSource={q.data!.items} rowClassName={(r) => (zero(r) ? 'st-zero' : '')} />
          )}
        </>
      )}
    </div>
  );
}
