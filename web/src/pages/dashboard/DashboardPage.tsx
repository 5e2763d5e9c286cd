import { useMemo, useState, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Empty, Grid, Row, Segmented, Select, Skeleton, Space, Tooltip, Typography } from 'antd';
import { AlertOutlined, BankOutlined, CheckCircleOutlined, ClockCircleOutlined, FileSearchOutlined, ReloadOutlined, RightOutlined, WarningOutlined } from '@ant-design/icons';
import { HAZARD_STATUSES, ROLE_SCOPE, dayjs, formatLocalDateTime, t, type Dashboard, type HazardStatus } from '@lifeline/shared';
import { api, qs } from '../../api/client.ts';
import { useSession } from '../../api/session.tsx';
import { ChartPanel, type ChartOption } from '../../components/ChartPanel.tsx';
import { errorText, tOr } from '../../components/AdminUtils.ts';
import { useOrgTree } from '../../components/orgQueries.ts';
import { useUrlParams } from '../../components/useUrlParams.ts';
import { ReportStatsCard } from '../reports/ReportStatsCard.tsx';
import { PreparednessCard } from './PreparednessCard.tsx';
import './dashboard.css';

/** Same colours as the status tags of the ledger (StatusTag). */
const STATUS_COLOR: Record<HazardStatus, string> = {
  pending: '#fa8c16',
  rectifying: '#1677ff',
  awaiting_verification: '#722ed1',
  closed: '#52c41a',
};
const CATEGORY_COLORS = ['#b7282e', '#fa8c16', '#1677ff', '#13a8a8', '#722ed1', '#faad14', '#2f54eb', '#eb2f96', '#52c41a', '#8c8c8c', '#a0d911', '#597ef7'];

/** `YYYY-MM` → first and last local date of that month. */
function monthRange(month: string): { from: string; to: string } {
  const m = dayjs(`${month}-01`);
  return { from: m.format('YYYY-MM-DD'), to: m.endOf('month').format('YYYY-MM-DD') };
}

/**
 * 工作台: the figures of the user's scope — stat cards that open the filtered ledger, hazards by
 * township and status (county), by category, and found vs closed over the last 12 months. County
 * roles can look at the whole county or one township (kept in the URL).
 */
export default function DashboardPage() {
  const { me } = useSession();
  const mobile = !Grid.useBreakpoint().md;
  const nav = useNavigate();
  const [params, update] = useUrlParams();
  const county = me ? ROLE_SCOPE[me.role] === 'county' : false;
  const org = useOrgTree(county);
  const townshipId = county ? params.townshipId || undefined : undefined;

  const q = useQuery({
    queryKey: ['dashboard', townshipId ?? null],
    queryFn: () => api<Dashboard>(`/api/dashboard${qs({ townshipId })}`),
    placeholderData: keepPreviousData,
    refetchInterval: 5 * 60_000,
  });
  const d = q.data;

  /** Query string for the ledger (and other lists) of the township looked at. */
  const scoped = (extra: Record<string, string | undefined>) => qs({ townshipId, ...extra });
  const ledger = (extra: Record<string, string | undefined>) => `/hazards${scoped(extra)}`;

  const monthText = d ? t('dashboard.monthLabel', { m: Number(d.month.slice(5)) }) : '';
  const month = d ? monthRange(d.month) : undefined;

  const header = (
    <div className="page-header">
      <div>
        <h2>{t('nav.dashboard')}</h2>
        {d && (
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {d.scope.name} · {t('dashboard.generatedAt', { at: formatLocalDateTime(d.generatedAt) })}
          </Typography.Text>
        )}
      </div>
      <Space size={8} wrap>
        {county && (
          <Select
            value={townshipId ?? ''}
            style={{ width: mobile ? 150 : 180 }}
            loading={org.isLoading}
            showSearch={{ optionFilterProp: 'label' }}
            options={[{ value: '', label: t('dashboard.wholeCounty') }, ...(org.data?.townships ?? []).map((tw) => ({ value: tw.id, label: tw.name }))]}
            onChange={(v: string) => update({ townshipId: v || undefined })}
            aria-label={t('dashboard.township')}
            data-testid="dashboard-township"
          />
        )}
        <Tooltip title={t('dashboard.refresh')}>
          <Button icon={<ReloadOutlined />} loading={q.isFetching} onClick={() => void q.refetch()} aria-label={t('dashboard.refresh')} />
        </Tooltip>
      </Space>
    </div>
  );

  if (q.isError && !d) {
    return (
      <div>
        {header}
        <Alert type="error" showIcon title={errorText(q.error)} action={<Button size="small" onClick={() => void q.refetch()}>{t('dashboard.retry')}</Button>} />
      </div>
    );
  }

  if (!d) {
    return (
      <div>
        {header}
        <Row gutter={[12, 12]}>
          {Array.from({ length: 6 }, (_, i) => (
            <Col key={i} xs={12} sm={8} xl={4}>
              <Card className="db-stat">
                <Skeleton active title={false} paragraph={{ rows: 2 }} />
              </Card>
            </Col>
          ))}
          <Col xs={24} lg={14}>
            <Card>
              <Skeleton active paragraph={{ rows: 7 }} />
            </Card>
          </Col>
          <Col xs={24} lg={10}>
            <Card>
              <Skeleton active paragraph={{ rows: 7 }} />
            </Card>
          </Col>
        </Row>
      </div>
    );
  }

  const institutionLink =
    d.scope.level === 'institution' && d.scope.institutionId ? `/institutions/${d.scope.institutionId}` : `/institutions${scoped({})}`;
  const overdueShare = d.hazards.open > 0 ? Math.round((d.hazards.overdue / d.hazards.open) * 100) : 0;

  return (
    <div>
      {header}
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Stat to={institutionLink} icon={<BankOutlined />} label={t('dashboard.stat.institutions')} value={d.institutions} note={t('dashboard.stat.institutionsNote')} testId="stat-institutions" />
        <Stat
          to={`/inspections${scoped({ from: month?.from, to: month?.to })}`}
          icon={<FileSearchOutlined />}
          label={t('dashboard.stat.inspections')}
          value={d.inspectionsThisMonth}
          note={monthText}
          testId="stat-inspections"
        />
        <Stat
          to={ledger({ open: 'true' })}
          icon={<WarningOutlined />}
          label={t('dashboard.stat.open')}
          value={d.hazards.open}
          note={t('dashboard.stat.foundThisMonth', { n: d.hazards.foundThisMonth })}
          tone="warn"
          testId="stat-open"
        />
        <Stat
          to={ledger({ overdue: 'true' })}
          icon={<ClockCircleOutlined />}
          label={t('dashboard.stat.overdue')}
          value={d.hazards.overdue}
          note={d.hazards.open > 0 ? t('dashboard.stat.overdueShare', { pct: overdueShare }) : t('dashboard.stat.none')}
          tone="danger"
          testId="stat-overdue"
        />
        <Stat
          to={ledger({ level: 'major', open: 'true' })}
          icon={<AlertOutlined />}
          label={t('dashboard.stat.openMajor')}
          value={d.hazards.openMajor}
          note={t('dashboard.stat.openMajorNote')}
          tone={d.hazards.openMajor > 0 ? 'danger' : 'ok'}
          testId="stat-major"
        />
        <Stat
          to={ledger({ status: 'closed', closedFrom: month?.from, closedTo: month?.to })}
          icon={<CheckCircleOutlined />}
          label={t('dashboard.stat.closedThisMonth')}
          value={d.hazards.closedThisMonth}
          note={t('dashboard.stat.closedTotal', { n: d.hazards.closed })}
          tone="ok"
          testId="stat-closed"
        />
      </Row>

      <Row gutter={[12, 12]}>
        <Col xs={24} lg={14}>
          <DistributionCard d={d} mobile={mobile} onOpen={(extra) => nav(ledger(extra))} townshipView={!!townshipId} />
        </Col>
        <Col xs={24} lg={10}>
          <CategoryCard d={d} mobile={mobile} onOpen={(extra) => nav(ledger(extra))} />
        </Col>
        <Col xs={24}>
          <TrendCard d={d} mobile={mobile} onOpen={(extra) => nav(ledger(extra))} />
        </Col>
        {d.preparedness && (
          <Col xs={24}>
            <PreparednessCard stats={d.preparedness} mobile={mobile} townshipId={townshipId} />
          </Col>
        )}
        {d.reports && (
          <Col xs={24}>
            <ReportStatsCard stats={d.reports} mobile={mobile} />
          </Col>
        )}
      </Row>
    </div>
  );
}

/** One figure card; the whole card opens the list behind the figure. */
function Stat({ to, icon, label, value, note, tone, testId }: { to: string; icon: ReactNode; label: string; value: number; note: string; tone?: 'warn' | 'danger' | 'ok'; testId: string }) {
  return (
    <Col xs={12} sm={8} xl={4}>
      <Link to={to} className={`db-stat-link db-tone-${tone ?? 'plain'}`} data-testid={testId} aria-label={`${label} ${value}`}>
        <Card className="db-stat" hoverable>
          <div className="db-stat-head">
            <span className="db-stat-icon">{icon}</span>
            <span className="db-stat-label">{label}</span>
            <RightOutlined className="db-stat-go" />
          </div>
          <div className="db-stat-value">{value.toLocaleString('zh-CN')}</div>
          <div className="db-stat-note">{note}</div>
        </Card>
      </Link>
    </Col>
  );
}

type OpenLedger = (extra: Record<string, string | undefined>) => void;

/**
 * County: open (and, on demand, closed) hazards per township as stacked bars; a click on a segment
 * opens the ledger for that township and status. One township or a township officer: the hazards
 * of that scope by status.
 */
function DistributionCard({ d, mobile, onOpen, townshipView }: { d: Dashboard; mobile: boolean; onOpen: OpenLedger; townshipView: boolean }) {
  const byTownship = d.scope.level === 'county' && !townshipView && d.byTownship.length > 1;
  const rows = d.byTownship;
  const option = useMemo<ChartOption>(() => {
    if (byTownship) {
      const names = rows.map((r) => r.townshipName);
      const category = { type: 'category' as const, data: names, axisTick: { show: false }, axisLabel: { interval: 0, rotate: !mobile && names.length > 10 ? 30 : 0, fontSize: 12 } };
      const value = { type: 'value' as const, minInterval: 1, splitLine: { lineStyle: { type: 'dashed' as const } } };
      return {
        color: HAZARD_STATUSES.map((s) => STATUS_COLOR[s]),
        tooltip: {
          trigger: 'axis',
          axisPointer: { type: 'shadow' },
          formatter: (ps: unknown) => {
            const list = ps as { dataIndex: number; marker: string; seriesName: string; value: number }[];
            const r = rows[list[0]?.dataIndex ?? 0];
            if (!r) return '';
            const lines = list.map((p) => `${p.marker}${p.seriesName}：${p.value}`);
            return [`<b>${r.townshipName}</b>`, ...lines, t('dashboard.chart.overdueLine', { n: r.overdue })].join('<br/>');
          },
        },
        legend: { top: 0, selected: { [t('hazardStatus.closed')]: false } },
        grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
        xAxis: mobile ? value : category,
        yAxis: mobile ? { ...category, inverse: true, axisLabel: { fontSize: 12 } } : value,
        series: HAZARD_STATUSES.map((s) => ({
          name: t(`hazardStatus.${s}`),
          type: 'bar' as const,
          stack: 'hazards',
          barMaxWidth: 28,
          emphasis: { focus: 'series' as const },
          data: rows.map((r) => r[s]),
        })),
      };
    }
    return {
      tooltip: { trigger: 'item' },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: d.byStatus.map((s) => t(`hazardStatus.${s.status}`)), axisTick: { show: false } },
      yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { type: 'dashed' } } },
      series: [
        {
          type: 'bar',
          barMaxWidth: 48,
          label: { show: true, position: 'top' },
          data: d.byStatus.map((s) => ({ value: s.count, itemStyle: { color: STATUS_COLOR[s.status], borderRadius: [4, 4, 0, 0] } })),
        },
      ],
    };
  }, [byTownship, rows, d.byStatus, mobile]);

  const total = byTownship ? rows.reduce((n, r) => n + r.pending + r.rectifying + r.awaiting_verification + r.closed, 0) : d.byStatus.reduce((n, s) => n + s.count, 0);
  const height = byTownship && mobile ? Math.max(280, rows.length * 30 + 60) : 320;

  return (
    <Card
      title={byTownship ? t('dashboard.chart.byTownship') : t('dashboard.chart.byStatus')}
      extra={byTownship && !mobile ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('dashboard.chart.clickHint')}</Typography.Text> : undefined}
      className="db-chart"
    >
      {total === 0 ? (
        <Empty description={t('dashboard.chart.noHazards')} style={{ padding: '60px 0' }} />
      ) : (
        <ChartPanel
          option={option}
          height={height}
          ariaLabel={byTownship ? t('dashboard.chart.byTownship') : t('dashboard.chart.byStatus')}
          data-testid="chart-distribution"
          onClick={(e) => {
            if (byTownship) {
              const r = rows[e.dataIndex];
              const status = HAZARD_STATUSES[e.seriesIndex ?? -1];
              if (r) onOpen({ townshipId: r.townshipId, status });
            } else {
              const s = d.byStatus[e.dataIndex];
              if (s) onOpen({ status: s.status });
            }
          }}
        />
      )}
      {byTownship && mobile && <div className="muted db-hint">{t('dashboard.chart.clickHint')}</div>}
    </Card>
  );
}

/** Hazards by category as a donut: the open ones (default) or all; a slice opens the ledger. */
function CategoryCard({ d, mobile, onOpen }: { d: Dashboard; mobile: boolean; onOpen: OpenLedger }) {
  const [mode, setMode] = useState<'open' | 'total'>('open');
  const data = useMemo(
    () =>
      d.byCategory
        .map((c) => ({ category: c.category, name: tOr(`hazardCategory.${c.category}`, c.category), value: mode === 'open' ? c.open : c.total }))
        .filter((c) => c.value > 0)
        .sort((a, b) => b.value - a.value),
    [d.byCategory, mode],
  );
  const sum = data.reduce((n, c) => n + c.value, 0);
  const option = useMemo<ChartOption>(
    () => ({
      color: CATEGORY_COLORS,
      tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
      legend: mobile ? { bottom: 0, left: 'center', itemGap: 8, itemWidth: 14 } : { orient: 'vertical', right: 0, top: 'middle', type: 'scroll' },
      series: [
        {
          type: 'pie',
          radius: ['48%', '72%'],
          center: mobile ? ['50%', '36%'] : ['36%', '50%'],
          avoidLabelOverlap: true,
          itemStyle: { borderColor: '#fff', borderWidth: 2 },
          label: { show: false, position: 'center' },
          labelLine: { show: false },
          emphasis: { label: { show: true, formatter: '{b}\n{c}', fontSize: 16, fontWeight: 600, lineHeight: 24 } },
          data: data.map((c) => ({ name: c.name, value: c.value })),
        },
      ],
    }),
    [data, mobile],
  );
  return (
    <Card
      title={
        <span>
          {t('dashboard.chart.byCategory')}
          {sum > 0 && <span className="db-title-note">{t('dashboard.chart.categoryTotal', { n: sum })}</span>}
        </span>
      }
      className="db-chart"
      extra={
        <Segmented
          size="small"
          value={mode}
          onChange={(v) => setMode(v as 'open' | 'total')}
          options={[
            { value: 'open', label: t('dashboard.chart.openOnly') },
            { value: 'total', label: t('dashboard.chart.allTime') },
          ]}
        />
      }
    >
      {data.length === 0 ? (
        <Empty description={mode === 'open' ? t('dashboard.chart.noOpen') : t('dashboard.chart.noHazards')} style={{ padding: '60px 0' }} />
      ) : (
        <ChartPanel
          option={option}
          height={mobile ? 400 : 320}
          ariaLabel={t('dashboard.chart.byCategory')}
          data-testid="chart-category"
          onClick={(e) => {
            const c = data[e.dataIndex];
            if (c) onOpen({ category: c.category, open: mode === 'open' ? 'true' : undefined });
          }}
        />
      )}
    </Card>
  );
}

/** Found vs closed per local month, the last 12 months; a point of 发现 opens that month's finds. */
function TrendCard({ d, mobile, onOpen }: { d: Dashboard; mobile: boolean; onOpen: OpenLedger }) {
  const option = useMemo<ChartOption>(() => {
    const months = d.monthlyTrend.map((m) => m.month);
    return {
      color: ['#b7282e', '#52c41a'],
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        boundaryGap: false,
        data: months.map((m, i) => (i === 0 || m.endsWith('-01') ? t('dashboard.chart.yearMonth', { y: m.slice(0, 4), m: Number(m.slice(5)) }) : t('dashboard.monthLabel', { m: Number(m.slice(5)) }))),
        axisLabel: { interval: mobile ? 1 : 0, fontSize: 12 },
      },
      yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { type: 'dashed' } } },
      series: [
        { name: t('dashboard.chart.found'), type: 'line', smooth: 0.3, symbolSize: 7, lineStyle: { width: 2.5 }, areaStyle: { opacity: 0.06 }, data: d.monthlyTrend.map((m) => m.found) },
        { name: t('dashboard.chart.closed'), type: 'line', smooth: 0.3, symbolSize: 7, lineStyle: { width: 2.5 }, data: d.monthlyTrend.map((m) => m.closed) },
      ],
    };
  }, [d.monthlyTrend, mobile]);
  const empty = d.monthlyTrend.every((m) => m.found === 0 && m.closed === 0);
  return (
    <Card title={t('dashboard.chart.trend')} className="db-chart" extra={!mobile && !empty ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('dashboard.chart.trendHint')}</Typography.Text> : undefined}>
      {empty ? (
        <Empty description={t('dashboard.chart.noTrend')} style={{ padding: '40px 0' }} />
      ) : (
        <ChartPanel
          option={option}
          height={mobile ? 260 : 300}
          ariaLabel={t('dashboard.chart.trend')}
          data-testid="chart-trend"
          onClick={(e) => {
            const m = d.monthlyTrend[e.dataIndex];
            if (m && e.seriesIndex === 0) onOpen(monthRange(m.month));
          }}
        />
      )}
    </Card>
  );
}
