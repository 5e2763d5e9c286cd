import { Link, useNavigate } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, Grid, List, Skeleton, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { ROLE_SCOPE, localDate, t, type DrillCoverage } from '@lifeline/shared';
import { api, qs } from '../../api/client.ts';
import { useSession } from '../../api/session.tsx';
import { TownshipSelect } from '../../components/TownshipSelect.tsx';
import { useUrlParams } from '../../components/useUrlParams.ts';
import './drills.css';

type InstRow = DrillCoverage['institutions'][number];

/**
 * 演练覆盖 of a township (county roles pick one, or see the county): the institutions without a
 * held drill in the last `preparedness.drillWindowDays` days first, then a matrix of institutions ×
 * scenarios with the last held date (「夜」 marks a night drill), counts in the window with night
 * drills apart. On phones the matrix becomes a list per institution.
 */
export default function DrillCoveragePage() {
  const { me } = useSession();
  const nav = useNavigate();
  const mobile = !Grid.useBreakpoint().md;
  const [params, update] = useUrlParams();
  const countyScope = me ? ROLE_SCOPE[me.role] === 'county' : false;
  const townshipId = countyScope ? params.townshipId || undefined : undefined;
  const q = useQuery({ queryKey: ['drills', 'coverage', townshipId], queryFn: () => api<DrillCoverage>(`/api/drills/coverage${qs({ townshipId })}`) });
  const c = q.data;
  const days = c?.windowDays ?? 90;
  const uncovered = c?.institutions.filter((i) => !i.covered) ?? [];

  const columns: TableProps<InstRow>['columns'] = [
    {
      key: 'inst',
      title: t('drills.coverage.institution'),
      fixed: 'left',
      width: 200,
      render: (_, i) => (
        <div>
          <Link to={`/drills/history?institutionId=${i.institutionId}`}>{i.institutionName}</Link>
          {!townshipId && countyScope && <div className="muted" style={{ fontSize: 12 }}>{i.townshipName}</div>}
        </div>
      ),
    },
    ...(c?.scenarios ?? []).map((s) => ({
      key: s,
      title: t(`drillScenario.${s}`),
      width: 110,
      onCell: (i: InstRow) => ({ className: i.cells.find((x) => x.scenario === s)?.lastHeldAt ? 'dr-cell-held' : 'dr-cell-none' }),
      render: (_: unknown, i: InstRow) => {
        const cell = i.cells.find((x) => x.scenario === s)!;
        if (!cell.lastHeldAt) return t('drills.value.none');
        return (
          <span>
            {localDate(cell.lastHeldAt)}
            {cell.lastNightHeldAt && (
              <Tag color="geekblue" style={{ marginInlineStart: 4 }} title={`${t('drills.coverage.lastNight')} ${localDate(cell.lastNightHeldAt)}`}>
                {t('drills.coverage.nightMark')}
              </Tag>
            )}
          </span>
        );
      },
    })),
    { key: 'n', title: t('drills.coverage.heldInWindow', { days }), width: 110, render: (_, i) => i.heldInWindow },
    { key: 'night', title: t('drills.coverage.nightInWindow'), width: 80, render: (_, i) => i.nightHeldInWindow },
  ];

  return (
    <div>
      <Typography.Link onClick={() => nav('/drills')} style={{ display: 'inline-block', marginBottom: 8 }}>
        <ArrowLeftOutlined /> {t('nav.drills')}
      </Typography.Link>
      <div className="page-header">
        <h2>
          {t('drills.coverage.title')}
          {c ? ` · ${c.townshipName ?? t('drills.coverage.allCounty')}` : ''}
        </h2>
        {countyScope && <TownshipSelect placeholder={t('drills.coverage.allCounty')} value={townshipId} onChange={(v) => update({ townshipId: v })} style={{ width: mobile ? '100%' : 180 }} />}
      </div>
      {q.isError && <Alert type="error" showIcon title={(q.error as Error).message} />}
      {q.isLoading && <Skeleton active />}
      {c && (
        <>
          <div className="dr-stats">
            <div className="dr-stat"><div className="dr-stat-label">{t('drills.coverage.institutions')}</div><div className="dr-stat-value">{c.totals.institutions}</div></div>
            <div className="dr-stat"><div className="dr-stat-label">{t('drills.coverage.covered', { days })}</div><div className="dr-stat-value" style={{ color: '#389e0d' }} data-testid="coverage-covered">{c.totals.covered}</div></div>
            <div className="dr-stat"><div className="dr-stat-label">{t('drills.coverage.uncovered', { days })}</div><div className="dr-stat-value" style={{ color: c.totals.uncovered ? '#d46b08' : undefined }} data-testid="coverage-uncovered">{c.totals.uncovered}</div></div>
            <div className="dr-stat"><div className="dr-stat-label">{t('drills.coverage.heldInWindow', { days })}</div><div className="dr-stat-value">{c.totals.heldInWindow}<span className="muted" style={{ fontSize: 13, fontWeight: 400 }}> · {t('drills.coverage.nightInWindow')} {c.totals.nightHeldInWindow}</span></div></div>
          </div>

          <Card size={mobile ? 'small' : undefined} title={t('drills.coverage.uncoveredList', { days })} style={{ marginBottom: 16 }} data-testid="coverage-uncovered-list">
            {uncovered.length === 0 ? (
              <Typography.Text type="success">{t('drills.coverage.allCovered', { days })}</Typography.Text>
            ) : (
              <List
                size="small"
                dataSource={uncovered}
                renderItem={(i) => (
                  <List.Item>
                    <div style={{ minWidth: 0 }}>
                      <Link to={`/drills/history?institutionId=${i.institutionId}`}>{i.institutionName}</Link>
                      {!townshipId && countyScope && <span className="muted" style={{ marginInlineStart: 8, fontSize: 12 }}>{i.townshipName}</span>}
                    </div>
                    <span className="muted" style={{ fontSize: 13 }}>{i.lastHeldAt ? t('drills.coverage.lastHeld', { date: localDate(i.lastHeldAt) }) : t('drills.coverage.never')}</span>
                  </List.Item>
                )}
              />
            )}
          </Card>

          <Card size={mobile ? 'small' : undefined} title={t('drills.coverage.matrix')} data-testid="coverage-matrix">
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 0 }}>
              {t('drills.coverage.legend')}
            </Typography.Paragraph>
            {c.institutions.length === 0 ? (
              <Empty description={t('drills.coverage.empty')} />
            ) : mobile ? (
              <List
                dataSource={c.institutions}
                renderItem={(i) => (
                  <List.Item className={i.covered ? undefined : 'dr-uncovered'} style={{ display: 'block', paddingInline: 8 }} data-testid="coverage-row">
                    <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                      <Link to={`/drills/history?institutionId=${i.institutionId}`} style={{ fontWeight: 600 }}>{i.institutionName}</Link>
                      <span className="muted" style={{ flex: 'none' }}>{i.heldInWindow} / {t('drills.coverage.nightMark')} {i.nightHeldInWindow}</span>
                    </div>
                    <div className="dr-meta" style={{ marginTop: 4 }}>
                      {i.cells.filter((x) => x.lastHeldAt).map((x) => (
                        <Tag key={x.scenario} color={x.lastNightHeldAt ? 'geekblue' : 'green'} style={{ marginInlineEnd: 0 }}>
                          {t(`drillScenario.${x.scenario}`)} {localDate(x.lastHeldAt!)}
                        </Tag>
                      ))}
                      {!i.lastHeldAt && <span className="muted">{t('drills.coverage.never')}</span>}
                    </div>
                  </List.Item>
                )}
              />
            ) : (
              <Table<InstRow>
                className="dr-matrix"
                rowKey="institutionId"
                size="small"
                bordered
                pagination={false}
                scroll={{ x: 200 + c.scenarios.length * 110 + 190 }}
                dataSource={c.institutions}
                columns={columns}
                rowClassName={(i) => (i.covered ? '' : 'dr-uncovered')}
                onRow={() => ({ 'data-testid': 'coverage-row' }) as object}
              />
            )}
          </Card>
        </>
      )}
    </div>
  );
}
