import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Card, Col, Empty, List, Progress, Row, Space, Table, Tag, Typography } from 'antd';
import { t, type PreparednessFigures, type PreparednessStats } from '@lifeline/shared';
import { qs } from '../../api/client.ts';

type Line = PreparednessFigures & { key: string; name: string; townshipId: string; institutionId?: string };

const pct = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 100) : 0);
/** Progress colour: red below 50 %, orange below 80 %, green from 80 %. */
const tone = (p: number) => (p >= 80 ? '#52c41a' : p >= 50 ? '#fa8c16' : '#cf1322');

/** A coverage bar with its `covered/total` figure. */
function Bar({ part, whole, label, testId }: { part: number; whole: number; label: string; testId?: string }) {
  const p = pct(part, whole);
  return (
    <div className="db-prep-bar" data-testid={testId}>
      <Progress percent={p} size="small" strokeColor={whole > 0 ? tone(p) : undefined} showInfo={false} />
      <span className="db-prep-bar-label">{whole > 0 ? `${p}% · ${label}` : label}</span>
    </div>
  );
}

/** One headline figure; `to` makes it a link to the list behind it. */
function Figure({ title, value, note, to, testId, danger }: { title: string; value: ReactNode; note?: ReactNode; to?: string; testId: string; danger?: boolean }) {
  const body = (
    <div className={`db-prep-fig${danger ? ' db-prep-fig-danger' : ''}`} data-testid={testId}>
      <div className="db-prep-fig-title">{title}</div>
      <div className="db-prep-fig-value">{value}</div>
      {note && <div className="db-prep-fig-note">{note}</div>}
    </div>
  );
  return to ? <Link to={to} className="db-prep-fig-link">{body}</Link> : body;
}

/**
 * 应急准备 on the dashboard (issue 4 part 5): drill coverage (night drills apart), plans missing and
 * due for revision, training coverage on the major-hazard criteria and quiz participation — in
 * total, then per township (county) or per institution (one township). A township row opens the
 * drill coverage of that township; the plan figures open the 缺项 / 待修订 lists. On phones the
 * table becomes a list of cards.
 */
export function PreparednessCard({ stats, mobile, townshipId }: { stats: PreparednessStats; mobile: boolean; townshipId: string | undefined }) {
  const nav = useNavigate();
  const s = stats.totals;
  const perInstitution = stats.byInstitution.length > 0;
  const lines: Line[] = perInstitution
    ? stats.byInstitution.map((r) => ({ ...r, key: r.institutionId, name: r.institutionName }))
    : stats.byTownship.map((r) => ({ ...r, key: r.townshipId, name: r.townshipName }));
  const tw = (l?: Line) => l?.townshipId ?? townshipId;
  const missingLink = (l?: Line) => `/plans${qs({ view: 'missing', townshipId: tw(l) })}`;
  const dueLink = (l?: Line) => `/plans${qs({ state: 'due_revision', townshipId: tw(l), institutionId: l?.institutionId })}`;
  const open = (l: Line) => nav(l.institutionId ? `/drills/history${qs({ institutionId: l.institutionId })}` : `/drills/coverage${qs({ townshipId: l.townshipId })}`);
  const quizNote = (f: PreparednessFigures) =>
    f.quizAttempts > 0 ? t('dashboard.prep.quizNote', { people: f.quizParticipants, avg: f.quizAverageScore ?? 0 }) : t('dashboard.prep.quizNoteNone');
  const stop = (e: { stopPropagation(): void }) => e.stopPropagation();
  const count = (n: number, to: string, danger: boolean) =>
    n > 0 ? (
      <Link to={to} onClick={stop} className={danger ? 'db-prep-danger' : undefined}>
        {n}
      </Link>
    ) : (
      <span className="muted">0</span>
    );

  const figures = (
    <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
      <Col xs={12} lg={4}>
        <Figure
          title={t('dashboard.prep.drillCoverage')}
          testId="prep-drills"
          to={`/drills/coverage${qs({ townshipId })}`}
          value={<Bar part={s.drillCovered} whole={s.institutions} label={t('dashboard.prep.drillCoverageValue', { covered: s.drillCovered, total: s.institutions })} />}
        />
      </Col>
      <Col xs={12} lg={4}>
        <Figure
          title={t('dashboard.prep.nightDrills')}
          testId="prep-night"
          to={`/drills/coverage${qs({ townshipId })}`}
          value={<Bar part={s.nightDrillCovered} whole={s.institutions} label={t('dashboard.prep.nightDrillsValue', { n: s.nightDrillCovered, drills: s.nightDrillsHeld })} />}
        />
      </Col>
      <Col xs={12} lg={4}>
        <Figure title={t('dashboard.prep.plansMissing')} testId="prep-missing" to={missingLink()} danger={s.plansMissing > 0} value={t('dashboard.prep.plansMissingValue', { n: s.plansMissing })} />
      </Col>
      <Col xs={12} lg={4}>
        <Figure
          title={t('dashboard.prep.plansDue')}
          testId="prep-due"
          to={dueLink()}
          value={t('dashboard.prep.plansDueValue', { n: s.plansDueRevision })}
          note={s.plansPending > 0 ? t('dashboard.prep.plansPending', { n: s.plansPending }) : undefined}
        />
      </Col>
      <Col xs={12} lg={4}>
        <Figure
          title={t('dashboard.prep.training')}
          testId="prep-training"
          to={`/study/coverage${qs({ townshipId })}`}
          value={s.staffCount > 0 ? <Bar part={s.trained} whole={s.staffCount} label={t('dashboard.prep.trainingValue', { trained: s.trained, staff: s.staffCount })} /> : t('dashboard.prep.noStaff')}
        />
      </Col>
      <Col xs={12} lg={4}>
        <Figure
          title={t('dashboard.prep.quiz')}
          testId="prep-quiz"
          to="/quizzes"
          value={t('dashboard.prep.quizValue', { n: s.quizAttempts })}
          note={
            <>
              {quizNote(s)}
              {stats.publicQuiz && stats.publicQuiz.attempts > 0 && <div>{t('dashboard.prep.publicQuiz', { n: stats.publicQuiz.attempts })}</div>}
            </>
          }
        />
      </Col>
    </Row>
  );

  const showTable = lines.length > 1 || perInstitution;
  const nameTitle = perInstitution ? t('dashboard.prep.col.institution') : t('dashboard.prep.col.township');
  const table = !showTable ? null : lines.length === 0 ? (
    <Empty description={t('dashboard.prep.empty')} />
  ) : mobile ? (
    <List
      dataSource={lines}
      data-testid="prep-list"
      renderItem={(l) => (
        <List.Item key={l.key} className="db-prep-item" onClick={() => open(l)}>
          <div style={{ width: '100%' }}>
            <Space style={{ justifyContent: 'space-between', width: '100%' }}>
              <Typography.Text strong>{l.name}</Typography.Text>
              {!perInstitution && <Typography.Text type="secondary">{t('dashboard.prep.col.institutions')} {l.institutions}</Typography.Text>}
            </Space>
            <div className="db-prep-item-row">
              <span className="db-prep-item-label">{t('dashboard.prep.col.drills')}</span>
              {l.institutionId ? (
                <span>
                  <Tag color={l.drillCovered > 0 ? 'green' : 'red'}>{l.drillCovered > 0 ? t('dashboard.prep.drilled', { n: l.drillsHeld }) : t('dashboard.prep.notDrilled')}</Tag>
                  {t('dashboard.prep.nightShort', { n: l.nightDrillsHeld })}
                </span>
              ) : (
                <Bar part={l.drillCovered} whole={l.institutions} label={`${l.drillCovered}/${l.institutions} · ${t('dashboard.prep.nightShort', { n: l.nightDrillCovered })}`} />
              )}
            </div>
            <div className="db-prep-item-row">
              <span className="db-prep-item-label">{t('dashboard.prep.col.training')}</span>
              {l.staffCount > 0 ? <Bar part={l.trained} whole={l.staffCount} label={`${l.trained}/${l.staffCount}`} /> : <span className="muted">{t('dashboard.prep.noStaff')}</span>}
            </div>
            <Space size={4} wrap style={{ marginTop: 4 }}>
              <Link to={missingLink(l)} onClick={stop}>
                <Tag color={l.plansMissing > 0 ? 'red' : 'default'}>{t('dashboard.prep.missingShort', { n: l.plansMissing })}</Tag>
              </Link>
              <Link to={dueLink(l)} onClick={stop}>
                <Tag color={l.plansDueRevision > 0 ? 'orange' : 'default'}>{t('dashboard.prep.dueShort', { n: l.plansDueRevision })}</Tag>
              </Link>
              <Tag>{t('dashboard.prep.quizShort', { n: l.quizAttempts })}</Tag>
              {l.quizAverageScore !== null && <Tag>{t('dashboard.prep.avgShort', { avg: l.quizAverageScore })}</Tag>}
            </Space>
          </div>
        </List.Item>
      )}
    />
  ) : (
    <Table<Line>
      size="small"
      rowKey="key"
      dataSource={lines}
      pagination={false}
      scroll={{ x: 880 }}
      data-testid="prep-table"
      onRow={(l) => ({ onClick: () => open(l), style: { cursor: 'pointer' } })}
      columns={[
        { key: 'name', title: nameTitle, dataIndex: 'name', fixed: 'left', width: 170, render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
        ...(perInstitution ? [] : [{ key: 'institutions', title: t('dashboard.prep.col.institutions'), dataIndex: 'institutions', width: 70, align: 'right' as const }]),
        {
          key: 'drills',
          title: t('dashboard.prep.col.drills'),
          width: 170,
          sorter: (a: Line, b: Line) => pct(a.drillCovered, a.institutions) - pct(b.drillCovered, b.institutions),
          render: (_: unknown, l: Line) =>
            l.institutionId ? (
              <Tag color={l.drillCovered > 0 ? 'green' : 'red'}>{l.drillCovered > 0 ? t('dashboard.prep.drilled', { n: l.drillsHeld }) : t('dashboard.prep.notDrilled')}</Tag>
            ) : (
              <Bar part={l.drillCovered} whole={l.institutions} label={`${l.drillCovered}/${l.institutions}`} />
            ),
        },
        { key: 'night', title: t('dashboard.prep.col.night'), width: 70, align: 'right' as const, render: (_: unknown, l: Line) => (l.institutionId ? l.nightDrillsHeld : l.nightDrillCovered) },
        {
          key: 'missing',
          title: t('dashboard.prep.col.plansMissing'),
          width: 90,
          align: 'right' as const,
          sorter: (a: Line, b: Line) => a.plansMissing - b.plansMissing,
          render: (_: unknown, l: Line) => count(l.plansMissing, missingLink(l), true),
        },
        { key: 'due', title: t('dashboard.prep.col.plansDue'), width: 80, align: 'right' as const, render: (_: unknown, l: Line) => count(l.plansDueRevision, dueLink(l), false) },
        {
          key: 'training',
          title: t('dashboard.prep.col.training'),
          width: 170,
          sorter: (a: Line, b: Line) => (a.trainingShare ?? -1) - (b.trainingShare ?? -1),
          render: (_: unknown, l: Line) => (l.staffCount > 0 ? <Bar part={l.trained} whole={l.staffCount} label={`${l.trained}/${l.staffCount}`} /> : <span className="muted">{t('dashboard.prep.noStaff')}</span>),
        },
        {
          key: 'quiz',
          title: t('dashboard.prep.col.quiz'),
          width: 120,
          align: 'right' as const,
          render: (_: unknown, l: Line) => (l.quizAttempts > 0 ? `${l.quizAttempts} / ${l.quizAverageScore ?? '-'}` : <span className="muted">0</span>),
        },
      ]}
    />
  );

  return (
    <Card
      className="db-chart db-prep"
      data-testid="dashboard-preparedness"
      title={
        <span>
          {t('dashboard.prep.title')}
          {!mobile && <span className="db-title-note">{t('dashboard.prep.note', { days: stats.windowDays, year: stats.year })}</span>}
        </span>
      }
      extra={!mobile && showTable ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{perInstitution ? t('dashboard.prep.rowHintInstitution') : t('dashboard.prep.rowHint')}</Typography.Text> : undefined}
    >
      {mobile && <div className="muted db-hint" style={{ textAlign: 'left', marginBottom: 8 }}>{t('dashboard.prep.note', { days: stats.windowDays, year: stats.year })}</div>}
      {figures}
      {table}
    </Card>
  );
}
