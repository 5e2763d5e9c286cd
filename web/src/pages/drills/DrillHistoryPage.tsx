import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Grid, List, Space, Table, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { formatLocalDateTime, localDate, t, type DrillHistory } from '@lifeline/shared';
import { api, qs } from '../../api/client.ts';
import { useSession } from '../../api/session.tsx';
import { ChartPanel, type ChartOption } from '../../components/ChartPanel.tsx';
import { InstitutionPicker } from '../../components/InstitutionPicker.tsx';
import { detailState, retryUnlessClientError } from '../../components/DetailState.tsx';
import { useUrlParams } from '../../components/useUrlParams.ts';
import { NightTag, formatSeconds } from './drillUi.tsx';
import './drills.css';

/**
 * 演练历史 of one institution: held drills (night drills counted apart), the evacuation-time trend
 * per scenario as an ECharts line (seconds over time), the latest and best time per scenario, and
 * the drills still planned. An institution officer sees their own; others pick an institution.
 */
export default function DrillHistoryPage() {
  const { me } = useSession();
  const nav = useNavigate();
  const mobile = !Grid.useBreakpoint().md;
  const [params, update] = useUrlParams();
  const institutionId = params.institutionId || (me?.role === 'institution_officer' ? (me.institutionId ?? undefined) : undefined);
  const q = useQuery({
    queryKey: ['drills', 'history', institutionId],
    queryFn: () => api<DrillHistory>(`/api/drills/history${qs({ institutionId })}`),
    enabled: !!institutionId,
    retry: retryUnlessClientError,
  });

  const option = useMemo<ChartOption | null>(() => {
    const h = q.data;
    if (!h || h.scenarios.length === 0) return null;
    return {
      tooltip: { trigger: 'item', formatter: (p: unknown) => { const x = p as { seriesName: string; value: [string, number] }; return `${x.seriesName}<br/>${formatLocalDateTime(x.value[0])}<br/>${formatSeconds(x.value[1])}`; } },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 48, right: 16, top: 40, bottom: 32 },
      xAxis: { type: 'time', splitNumber: mobile ? 3 : 6, axisLabel: { hideOverlap: true, formatter: '{MM}-{dd}' } },
      yAxis: { type: 'value', name: t('drills.history.axisSeconds'), minInterval: 1 },
      series: h.scenarios.map((s) => ({
        name: t(`drillScenario.${s.scenario}`),
        type: 'line' as const,
        showSymbol: true,
        symbolSize: 8,
        data: s.points.filter((p) => p.evacuationSeconds != null).map((p) => [p.heldAt, p.evacuationSeconds!]),
      })),
    } as ChartOption;
  }, [q.data, mobile]);

  const picker = me?.role !== 'institution_officer' && (
    <div style={{ maxWidth: 360, marginBottom: 16 }}>
      <InstitutionPicker value={institutionId} onChange={(v) => update({ institutionId: v })} placeholder={t('drills.history.pick')} aria-label={t('drills.history.pick')} />
    </div>
  );

  const header = (
    <>
      <Typography.Link onClick={() => nav('/drills')} style={{ display: 'inline-block', marginBottom: 8 }}>
        <ArrowLeftOutlined /> {t('nav.drills')}
      </Typography.Link>
      <div className="page-header">
        <h2>{t('drills.history.title')}{q.data ? ` · ${q.data.institutionName}` : ''}</h2>
      </div>
      {picker}
    </>
  );
  if (!institutionId) return <div>{header}<Empty description={t('drills.history.pick')} /></div>;
  const fb = detailState(q);
  if (fb) return <div>{header}{fb}</div>;
  const h = q.data!;

  return (
    <div style={{ maxWidth: 1080 }}>
      {header}
      <div className="dr-stats">
        <div className="dr-stat"><div className="dr-stat-label">{t('drills.history.held')}</div><div className="dr-stat-value" data-testid="history-held">{h.held}</div></div>
        <div className="dr-stat"><div className="dr-stat-label">{t('drills.history.night')}</div><div className="dr-stat-value">{h.nightHeld}</div></div>
        <div className="dr-stat"><div className="dr-stat-label">{t('drills.history.last')}</div><div className="dr-stat-value" style={{ fontSize: 16 }}>{h.lastHeldAt ? localDate(h.lastHeldAt) : t('drills.coverage.never')}</div></div>
      </div>
      {h.held === 0 ? (
        <Card><Empty description={t('drills.history.empty')} /></Card>
      ) : (
        <>
          <Card size={mobile ? 'small' : undefined} title={t('drills.history.chart')} style={{ marginBottom: 16 }}>
            {option && <ChartPanel option={option} height={mobile ? 240 : 320} ariaLabel={t('drills.history.chartAria')} data-testid="drill-trend" />}
          </Card>
          <Card size={mobile ? 'small' : undefined} title={t('drills.history.byScenario')} style={{ marginBottom: 16 }}>
            <Table
              rowKey="scenario"
              size="small"
              pagination={false}
              scroll={{ x: 480 }}
              dataSource={h.scenarios}
              columns={[
                { key: 's', title: t('drills.field.scenario'), width: 120, render: (_, s) => t(`drillScenario.${s.scenario}`) },
                { key: 'n', title: t('drills.history.held'), dataIndex: 'held', width: 80 },
                { key: 'night', title: t('drills.history.night'), dataIndex: 'nightHeld', width: 80 },
                { key: 'latest', title: t('drills.history.latest'), width: 110, render: (_, s) => formatSeconds(s.lastSeconds) },
                { key: 'best', title: t('drills.history.best'), width: 110, render: (_, s) => formatSeconds(s.bestSeconds) },
              ]}
              expandable={{
                expandedRowRender: (s) => (
                  <List
                    size="small"
                    dataSource={[...s.points].reverse()}
                    renderItem={(p) => (
                      <List.Item>
                        <Space size={8} wrap>
                          <Link to={`/drills/${p.drillId}`}>{formatLocalDateTime(p.heldAt)}</Link>
                          {p.isNight && <NightTag />}
                          <span>{formatSeconds(p.evacuationSeconds)}</span>
                          <span className="muted">{t('drills.value.people', { n: p.participants })}</span>
                        </Space>
                      </List.Item>
                    )}
                  />
                ),
              }}
            />
          </Card>
        </>
      )}
      {h.upcoming.length > 0 && (
        <Card size={mobile ? 'small' : undefined} title={t('drills.history.upcoming')}>
          <List
            size="small"
            dataSource={h.upcoming}
            renderItem={(d) => (
              <List.Item>
                <Space size={8} wrap>
                  <Link to={`/drills/${d.id}`}>{d.title || t(`drillScenario.${d.scenario}`)}</Link>
                  {d.isNight && <NightTag />}
                  <span className="muted">{formatLocalDateTime(d.plannedAt)}</span>
                </Space>
              </List.Item>
            )}
          />
        </Card>
      )}
    </div>
  );
}
