import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Empty, Grid, Row, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { DownloadOutlined, LeftOutlined } from '@ant-design/icons';
import { t, type QuizResults } from '@lifeline/shared';
import { api } from '../../api/client.ts';
import { errorText } from '../../components/AdminUtils.ts';
import { ChartPanel, type ChartOption } from '../../components/ChartPanel.tsx';
import { downloadFromApi } from '../../components/download.ts';
import { QuizStatusTag } from './quizBits.tsx';
import './quiz.css';

type InstitutionRow = QuizResults['byInstitution'][number];

const avg = (v: number | null) => (v === null ? '—' : v.toFixed(1));

/**
 * 答题成绩 of one quiz, scoped by the server (county: everything; township: its own; institution:
 * its own): totals, participation and average score per township as ECharts bars, per institution
 * as a table, the leaderboard, the most-missed questions, and the .xlsx export.
 */
export default function QuizResultsPage() {
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const mobile = !Grid.useBreakpoint().md;
  const [exporting, setExporting] = useState(false);
  const q = useQuery({ queryKey: ['quizzes', id, 'results'], queryFn: () => api<QuizResults>(`/api/quizzes/${id}/results?top=20`) });
  const r = q.data;

  const chart = useMemo<ChartOption | null>(() => {
    if (!r || r.byTownship.length < 2) return null;
    const rows = r.byTownship;
    const names = rows.map((x) => x.townshipName);
    const participants = { name: t('quiz.results.participants'), type: 'bar' as const, data: rows.map((x) => x.participants), itemStyle: { color: '#b7282e' } };
    const average = { name: t('quiz.results.average'), type: 'bar' as const, data: rows.map((x) => x.averageScore ?? 0), itemStyle: { color: '#1677ff' } };
    if (mobile) {
      // phones: horizontal bars, one township per row, participants below and average above
      return {
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 8, right: 16, bottom: 8, top: 56, containLabel: true },
        yAxis: { type: 'category', data: names, inverse: true },
        xAxis: [
          { type: 'value', minInterval: 1, position: 'bottom' },
          { type: 'value', min: 0, max: 100, position: 'top' },
        ],
        series: [{ ...participants, xAxisIndex: 0 }, { ...average, xAxisIndex: 1 }],
      };
    }
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, bottom: 8, top: 36, containLabel: true },
      xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: 30 } },
      yAxis: [
        { type: 'value', name: t('quiz.results.participants'), minInterval: 1 },
        { type: 'value', name: t('quiz.results.average'), min: 0, max: 100 },
      ],
      series: [participants, { ...average, yAxisIndex: 1 }],
    };
  }, [r, mobile]);

  const exportXlsx = async () => {
    setExporting(true);
    try {
      await downloadFromApi(`/api/quizzes/${id}/results.xlsx`, 'results.xlsx');
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setExporting(false);
    }
  };

  const instColumns: TableProps<InstitutionRow>['columns'] = [
    { key: 'tw', title: t('quiz.results.township'), dataIndex: 'townshipName', width: 100 },
    { key: 'name', title: t('quiz.results.institution'), dataIndex: 'institutionName' },
    { key: 'p', title: t('quiz.results.participants'), dataIndex: 'participants', width: 90, align: 'right', sorter: (a, b) => a.participants - b.participants },
    { key: 'a', title: t('quiz.results.attempts'), dataIndex: 'attempts', width: 90, align: 'right' },
    { key: 'avg', title: t('quiz.results.average'), width: 90, align: 'right', render: (_, x) => avg(x.averageScore), sorter: (a, b) => (a.averageScore ?? -1) - (b.averageScore ?? -1) },
  ];

  return (
    <div>
      <Space style={{ marginBottom: 8 }}>
        <Link to="/quizzes">
          <LeftOutlined /> {t('nav.quizzes')}
        </Link>
      </Space>
      {q.isLoading && <Skeleton active />}
      {q.isError && <Alert type="error" showIcon message={errorText(q.error)} />}
      {r && (
        <>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', justifyContent: 'space-between', marginBottom: 16 }}>
            <Space wrap>
              <Typography.Title level={4} style={{ margin: 0 }}>
                {r.quiz.title}
              </Typography.Title>
              <QuizStatusTag status={r.quiz.status} />
              {r.quiz.isPublic && <Tag color="magenta">{t('quiz.field.isPublic')}</Tag>}
            </Space>
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={exportXlsx} data-testid="quiz-results-export">
              {t('quiz.results.export')}
            </Button>
          </div>
          <div className="quiz-stat-grid">
            <Card size="small">
              <Statistic title={t('quiz.results.participants')} value={r.totals.participants} />
            </Card>
            <Card size="small">
              <Statistic title={t('quiz.results.attempts')} value={r.totals.attempts} />
            </Card>
            <Card size="small">
              <Statistic title={t('quiz.results.average')} value={avg(r.totals.averageScore)} />
            </Card>
            {r.publicAttempts !== null && (
              <Card size="small">
                <Statistic title={t('quiz.results.public')} value={r.publicAttempts} />
                <Typography.Text type="secondary">{t('quiz.results.publicPeople', { n: r.publicParticipants ?? 0 })}</Typography.Text>
              </Card>
            )}
            {r.countyStaff && (
              <Card size="small">
                <Statistic title={t('quiz.results.countyStaff')} value={r.countyStaff.participants} />
                <Typography.Text type="secondary">{t('quiz.results.avgSuffix', { avg: avg(r.countyStaff.averageScore) })}</Typography.Text>
              </Card>
            )}
          </div>
          {chart && (
            <Card size="small" title={t('quiz.results.byTownship')} style={{ marginBottom: 16 }}>
              <ChartPanel option={chart} height={mobile ? Math.max(320, 80 + r.byTownship.length * 34) : 340} ariaLabel={t('quiz.results.byTownship')} data-testid="quiz-township-chart" />
            </Card>
          )}
          {r.byTownship.length === 1 && (
            <Card size="small" title={t('quiz.results.byTownship')} style={{ marginBottom: 16 }}>
              {t('quiz.results.oneTownship', { name: r.byTownship[0]!.townshipName, p: r.byTownship[0]!.participants, avg: avg(r.byTownship[0]!.averageScore) })}
            </Card>
          )}
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('quiz.results.leaderboard')} data-testid="quiz-leaderboard">
                {r.leaderboard.length === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('quiz.results.none')} />
                ) : (
                  <ol className="quiz-board">
                    {r.leaderboard.map((l) => (
                      <li key={`${l.rank}`}>
                        <span className="quiz-board-rank">{l.rank}</span>
                        <span className="quiz-board-name">
                          {l.kind === 'public' ? l.name || t('quiz.results.anonymous') : l.name}
                          <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                            {l.kind === 'public' ? t('quiz.results.publicUnit') : l.unitName ?? t('quiz.results.countyUnit')}
                            {' · '}
                            {t('quiz.results.seconds', { n: l.secondsUsed })}
                            {l.late ? ` · ${t('quiz.results.late')}` : ''}
                          </Typography.Text>
                        </span>
                        <span className="quiz-board-score">{l.score}</span>
                      </li>
                    ))}
                  </ol>
                )}
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('quiz.results.mostMissed')} data-testid="quiz-most-missed">
                {r.mostMissed.length === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('quiz.results.none')} />
                ) : (
                  <ol className="quiz-board">
                    {r.mostMissed.map((m, i) => (
                      <li key={m.questionId}>
                        <span className="quiz-board-rank">{i + 1}</span>
                        <span className="quiz-board-name">
                          {m.stem}
                          <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                            {t('quiz.results.missed', { code: m.code, wrong: m.wrong, answered: m.answered })}
                          </Typography.Text>
                        </span>
                        <span className="quiz-board-score">{Math.round(m.wrongRate * 100)}%</span>
                      </li>
                    ))}
                  </ol>
                )}
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t('quiz.results.byInstitution')} style={{ marginTop: 16 }}>
            {mobile ? (
              r.byInstitution.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('quiz.results.none')} />
              ) : (
                <ul className="quiz-board">
                  {r.byInstitution.map((x) => (
                    <li key={x.institutionId}>
                      <span className="quiz-board-name">
                        {x.institutionName}
                        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                          {x.townshipName} · {t('quiz.results.instLine', { p: x.participants, a: x.attempts })}
                        </Typography.Text>
                      </span>
                      <span className="quiz-board-score">{avg(x.averageScore)}</span>
                    </li>
                  ))}
                </ul>
              )
            ) : (
              <Table<InstitutionRow> rowKey="institutionId" size="small" columns={instColumns} dataSource={r.byInstitution} pagination={{ pageSize: 20, hideOnSinglePage: true }} />
            )}
          </Card>
        </>
      )}
    </div>
  );
}
