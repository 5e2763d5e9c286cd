import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Empty, Grid, Progress, Row, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined, FileZipOutlined } from '@ant-design/icons';
import { ASSIGNMENT_STATES, ROLE_SCOPE, UNIT_KINDS, t, type AssignmentState, type Board, type BoardUnit, type CampaignDetail, type Me } from '@lifeline/shared';
import { api, qs } from '../../api/client.ts';
import { useSession } from '../../api/session.tsx';
import { errorText } from '../../components/AdminUtils.ts';
import { CardPager } from '../../components/CardPager.tsx';
import { detailState, retryUnlessClientError } from '../../components/DetailState.tsx';
import { downloadFromApi } from '../../components/download.ts';
import { TownshipSelect } from '../../components/TownshipSelect.tsx';
import { oneOf, useUrlParams, type UrlPatch } from '../../components/useUrlParams.ts';
import { CampaignStatusTag } from './campaignBits.tsx';
import { AssignmentStateTag, FeaturedTag, LateTag, ReturnedMarker, STATE_COLOR, countText, returnedButOverdue } from './work/workBits.tsx';
import './campaigns.css';
import './work/work.css';

type BoardTask = Board['tasks'][number];
type Cell = BoardUnit['cells'][string];

const PAGE_SIZES = ['20', '50', '100'];
const PHONE_PAGE = 10;
const DOT: Record<AssignmentState, string> = { overdue: '#cf1322', accepted: '#52c41a', submitted: '#1677ff', returned: '#fa8c16', not_started: '#bfbfbf' };
/** The totals shown as figures, with the state each one filters by (应完成 clears the filter). */
const STATS: { key: keyof Board['totals']; label: string; state?: AssignmentState }[] = [
  { key: 'assignments', label: 'campaignWork.board.stat.assignments' },
  { key: 'accepted', label: 'campaignWork.board.stat.accepted', state: 'accepted' },
  { key: 'submitted', label: 'campaignWork.board.stat.submitted', state: 'submitted' },
  { key: 'returned', label: 'campaignWork.board.stat.returned', state: 'returned' },
  { key: 'overdue', label: 'campaignWork.board.stat.overdue', state: 'overdue' },
  { key: 'notStarted', label: 'campaignWork.board.stat.notStarted', state: 'not_started' },
];

const pct = (rate: number) => Math.round(rate * 1000) / 10;

function readFilters(p: Record<string, string>) {
  return {
    unitKind: oneOf(UNIT_KINDS, p.unitKind),
    townshipId: p.townshipId || undefined,
    state: oneOf(ASSIGNMENT_STATES, p.state),
    taskId: p.taskId || undefined,
  };
}

/** Whether the board row is the signed-in user's own unit (highlighted). */
const isOwn = (me: Me | null, u: BoardUnit) =>
  !!me && ((u.unitKind === 'township' && me.role === 'township_officer' && u.townshipId === me.townshipId) || (u.unitKind === 'institution' && u.institutionId === me.institutionId && !!me.institutionId));

/**
 * 完成情况看板 of a campaign: totals and the overall rate, progress per task, the matrix of units ×
 * tasks with each cell's state (逾期报送 and 优选 marked; count tasks as done/required) linking to
 * the assignment, filters kept in the URL (unit kind, township, state, task), 导出 Excel with the same
 * filters, 下载优选稿件 for reviewers, and the overdue list. On phones the matrix is a list of unit
 * cards. Scope is the server's: a township officer sees their own row and their institutions'.
 */
export default function BoardPage() {
  const { id = '' } = useParams();
  const nav = useNavigate();
  const { me, can } = useSession();
  const { message } = App.useApp();
  const mobile = !Grid.useBreakpoint().md;
  const [params, update] = useUrlParams();
  const f = readFilters(params);
  const page = Math.max(1, Number(params.page) || 1);
  const pageSize = PAGE_SIZES.includes(params.pageSize ?? '') ? Number(params.pageSize) : 20;
  const [busy, setBusy] = useState<'xlsx' | 'zip' | null>(null);

  const q = useQuery({
    queryKey: ['board', id, f],
    queryFn: () => api<Board>(`/api/campaigns/${id}/board${qs(f)}`),
    placeholderData: keepPreviousData,
    retry: retryUnlessClientError,
  });

  // the task filter offers every task, also while the board shows only the chosen one
  const campaign = useQuery({ queryKey: ['campaign', id], queryFn: () => api<CampaignDetail>(`/api/campaigns/${id}`), retry: false });

  const fallback = detailState(q);
  if (fallback) return fallback;
  const b = q.data!;

  const download = async (which: 'xlsx' | 'zip') => {
    setBusy(which);
    try {
      if (which === 'xlsx') await downloadFromApi(`/api/campaigns/${id}/board.xlsx${qs(f)}`, t('campaignWork.board.exportFile', { name: b.campaign.name }));
      else await downloadFromApi(`/api/campaigns/${id}/featured.zip`, t('campaignWork.board.featuredZipFile', { name: b.campaign.name }));
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(null);
    }
  };

  const countyScope = me ? ROLE_SCOPE[me.role] === 'county' : false;
  const published = b.campaign.status !== 'draft';
  // a township or institution sees only the tasks its units carry; the county sees every task
  const board: Board = countyScope ? b : { ...b, tasks: b.tasks.filter((task) => task.total > 0) };

  return (
    <div data-testid="board-page">
      <div className="page-header">
        <div className="detail-title">
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => nav(`/campaigns/${id}`)} aria-label={t('campaignWork.board.backToCampaign')} />
          <div style={{ minWidth: 0 }}>
            <h2>{t('campaignWork.board.title')}</h2>
            <Space size={6} wrap>
              <Link to={`/campaigns/${id}`} className="muted" style={{ fontSize: 13 }}>
                {b.campaign.name}
              </Link>
              <CampaignStatusTag status={b.campaign.status} />
            </Space>
          </div>
        </div>
        {published && (
          <Space size={8} wrap>
            <Button icon={<DownloadOutlined />} loading={busy === 'xlsx'} onClick={() => void download('xlsx')} data-testid="board-export">
              {mobile ? t('campaignWork.board.exportShort') : t('campaignWork.board.export')}
            </Button>
            {can('campaign.review') && (
              <Button icon={<FileZipOutlined />} loading={busy === 'zip'} onClick={() => void download('zip')} data-testid="board-featured-zip">
                {mobile ? t('campaignWork.board.featuredZipShort') : t('campaignWork.board.featuredZip')}
              </Button>
            )}
          </Space>
        )}
      </div>

      {!published ? (
        <Alert type="info" showIcon title={t('campaignWork.board.draft')} />
      ) : (
        <>
          <div className="filter-bar" data-testid="board-filters">
            {me?.role !== 'institution_officer' && (
              <Select
                allowClear
                placeholder={t('campaignWork.filter.unitKind')}
                aria-label={t('campaignWork.filter.unitKind')}
                value={f.unitKind}
                options={UNIT_KINDS.map((k) => ({ value: k, label: t(`unitKind.${k}`) }))}
                onChange={(v?: string) => update({ unitKind: v })}
                style={mobile ? undefined : { width: 140 }}
                popupMatchSelectWidth={false}
              />
            )}
            {countyScope && <TownshipSelect placeholder={t('campaignWork.filter.township')} value={f.townshipId} onChange={(v) => update({ townshipId: v })} style={mobile ? undefined : { width: 150 }} />}
            <Select
              allowClear
              placeholder={t('campaignWork.filter.state')}
              aria-label={t('campaignWork.filter.state')}
              value={f.state}
              options={ASSIGNMENT_STATES.map((s) => ({ value: s, label: <StateOption state={s} /> }))}
              onChange={(v?: string) => update({ state: v })}
              style={mobile ? undefined : { width: 130 }}
              data-testid="board-filter-state"
            />
            <Select
              allowClear
              placeholder={t('campaignWork.filter.task')}
              aria-label={t('campaignWork.filter.task')}
              value={f.taskId}
              options={(campaign.data?.tasks ?? b.tasks).map((task) => ({ value: task.id, label: task.title }))}
              onChange={(v?: string) => update({ taskId: v })}
              style={mobile ? undefined : { width: 240 }}
              popupMatchSelectWidth={false}
            />
            {(f.unitKind || f.townshipId || f.state || f.taskId) && (
              <Button type="link" onClick={() => update({ unitKind: undefined, townshipId: undefined, state: undefined, taskId: undefined })} style={{ minWidth: 0 }}>
                {t('common.reset')}
              </Button>
            )}
          </div>

          <StatsCard board={board} state={f.state} onState={(s) => update({ state: s === f.state ? undefined : s })} mobile={mobile} />

          <Row gutter={16}>
            <Col xs={24} lg={14}>
              <TasksCard tasks={board.tasks} taskId={f.taskId} onTask={(taskId) => update({ taskId: taskId === f.taskId ? undefined : taskId })} mobile={mobile} />
            </Col>
            <Col xs={24} lg={10}>
              <OverdueCard board={board} campaignId={id} mobile={mobile} />
            </Col>
          </Row>

          <Card
            className="cw-section"
            size={mobile ? 'small' : undefined}
            title={
              <Space size={8} align="baseline" wrap>
                <span>{t('campaignWork.board.matrix')}</span>
                <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 'normal' }}>
                  {t('campaignWork.board.unitCount', { n: b.units.length })}
                </Typography.Text>
              </Space>
            }
            extra={!mobile && <Legend />}
            data-testid="board-matrix"
          >
            {mobile && <Legend />}
            {mobile ? (
              <UnitCards board={board} campaignId={id} state={f.state} me={me} page={page} update={update} />
            ) : (
              <MatrixTable board={board} campaignId={id} state={f.state} me={me} page={page} pageSize={pageSize} loading={q.isFetching} update={update} />
            )}
          </Card>
        </>
      )}
    </div>
  );
}

function StateOption({ state }: { state: AssignmentState }) {
  return (
    <Space size={6}>
      <span className="cw-dot" style={{ background: DOT[state] }} />
      {t(`assignmentState.${state}`)}
    </Space>
  );
}

/** What the colours and markers mean. */
function Legend() {
  return (
    <div className="cw-legend" style={{ marginBottom: 8 }} aria-label={t('campaignWork.board.legend')}>
      {(['not_started', 'submitted', 'returned', 'accepted', 'overdue'] as const).map((s) => (
        <Tag key={s} color={STATE_COLOR[s]} variant={s === 'overdue' ? 'solid' : undefined} style={{ marginInlineEnd: 0 }}>
          {t(`assignmentState.${s}`)}
        </Tag>
      ))}
      <LateTag />
      <FeaturedTag />
    </div>
  );
}

/** 总体完成率 and the totals by state; a figure filters the board by its state. */
function StatsCard({ board: b, state, onState, mobile }: { board: Board; state: AssignmentState | undefined; onState: (s: AssignmentState | undefined) => void; mobile: boolean }) {
  return (
    <Card className="cw-section" size={mobile ? 'small' : undefined} data-testid="board-stats">
      <div className="cw-stats">
        <div className="cw-rate">
          <Progress type="dashboard" percent={pct(b.totals.rate)} size={mobile ? 96 : 120} strokeColor="#52c41a" format={(p) => `${p}%`} aria-label={t('campaignWork.board.overallRate')} />
          <div className="cw-rate-label">{t('campaignWork.board.overallRate')}</div>
        </div>
        <div className="cw-stat-grid">
          {STATS.map((s) => (
            <button
              key={s.key}
              type="button"
              className={`cw-stat${s.state && s.state === state ? ' cw-stat-active' : ''}`}
              onClick={() => onState(s.state)}
              title={t('campaignWork.board.statFilterHint')}
              data-testid={`board-stat-${s.key}`}
            >
              <div className="cw-stat-label">
                {s.state && <span className="cw-dot" style={{ background: DOT[s.state] }} />}
                {t(s.label)}
              </div>
              <div className="cw-stat-value" style={s.state === 'overdue' && b.totals.overdue > 0 ? { color: '#cf1322' } : undefined}>
                {b.totals[s.key]}
              </div>
            </button>
          ))}
        </div>
      </div>
    </Card>
  );
}

/** 各任务进度: a rate bar per task; clicking a task shows only its column. */
function TasksCard({ tasks, taskId, onTask, mobile }: { tasks: BoardTask[]; taskId: string | undefined; onTask: (id: string) => void; mobile: boolean }) {
  return (
    <Card className="cw-section" size={mobile ? 'small' : undefined} title={t('campaignWork.board.tasks')} data-testid="board-tasks">
      {tasks.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
      {tasks.map((task) => (
        <div
          key={task.id}
          className={`cw-task-row${task.id === taskId ? ' cw-task-row-active' : ''}`}
          role="button"
          tabIndex={0}
          onClick={() => onTask(task.id)}
          onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && onTask(task.id)}
          data-testid="board-task"
        >
          <div style={{ minWidth: 0 }}>
            <div className="cw-task-name">{task.title}</div>
            <div className="cw-task-sub">
              <span>{t('campaignWork.deadline.value', { date: task.deadlineDate })}</span>
              <span>{t(`deliverableKind.${task.deliverableKind}`)}</span>
              {task.submitted > 0 && <span style={{ color: '#1677ff' }}>{t('campaignWork.board.taskSubmitted', { n: task.submitted })}</span>}
              {task.overdue > 0 && <span style={{ color: '#cf1322' }}>{t('campaignWork.board.taskOverdue', { n: task.overdue })}</span>}
            </div>
          </div>
          <div>
            <Progress percent={pct(task.rate)} size="small" strokeColor="#52c41a" style={{ margin: 0 }} />
            <div className="cw-task-sub">{t('campaignWork.board.taskProgress', { accepted: task.accepted, total: task.total })}</div>
          </div>
        </div>
      ))}
    </Card>
  );
}

/** 逾期清单: units that have not handed in by the deadline, longest overdue first. */
function OverdueCard({ board: b, campaignId, mobile }: { board: Board; campaignId: string; mobile: boolean }) {
  const [all, setAll] = useState(false);
  const shown = all ? b.overdue : b.overdue.slice(0, 8);
  return (
    <Card
      className="cw-section"
      size={mobile ? 'small' : undefined}
      title={
        <Space size={8}>
          <span>{t('campaignWork.board.overdueList')}</span>
          {b.overdue.length > 0 && <Tag color="red">{b.overdue.length}</Tag>}
        </Space>
      }
      data-testid="board-overdue"
    >
      {b.overdue.length === 0 ? (
        <Typography.Text type="secondary">{t('campaignWork.board.overdueNone')}</Typography.Text>
      ) : (
        <>
          {shown.map((o) => (
            <Link key={o.assignmentId} to={`/campaigns/${campaignId}/assignments/${o.assignmentId}`} className="cw-overdue-row" data-testid="board-overdue-row">
              <div className="cw-overdue-main">
                <div className="cw-overdue-unit">{o.unitName}</div>
                <div className="cw-overdue-task">{o.taskTitle}</div>
              </div>
              <span className="cw-overdue-days">{t('campaignWork.board.overdueDays', { n: o.daysOverdue })}</span>
            </Link>
          ))}
          {b.overdue.length > shown.length || all ? (
            <Button type="link" size="small" onClick={() => setAll(!all)} style={{ paddingInline: 0 }}>
              {all ? t('campaignWork.board.overdueLess') : t('campaignWork.board.overdueAll', { n: b.overdue.length })}
            </Button>
          ) : null}
        </>
      )}
    </Card>
  );
}

/** One cell: state tag plus 逾期报送 / 优选 / count; dimmed when a state filter is on and it does not match. */
function CellView({ cell, campaignId, state, compact = false }: { cell: Cell; campaignId: string; state: AssignmentState | undefined; compact?: boolean }) {
  const body = (
    <>
      <AssignmentStateTag state={cell.state} />
      {returnedButOverdue(cell) && <ReturnedMarker />}
      {cell.count && <span className="cw-cell-extra">{countText(cell.count)}</span>}
      {cell.isLate && <LateTag />}
      {cell.featured && <FeaturedTag />}
      {!compact && cell.latestVersion && cell.latestVersion > 1 && <span className="cw-cell-extra">{t('campaignWork.tag.version', { n: cell.latestVersion })}</span>}
    </>
  );
  const className = `cw-cell${state && cell.state !== state ? ' cw-cell-dim' : ''}`;
  // on phones the whole row is the link (see UnitCards)
  if (compact) {
    return (
      <span className={className} data-testid="board-cell" data-state={cell.state}>
        {body}
      </span>
    );
  }
  return (
    <Link to={`/campaigns/${campaignId}/assignments/${cell.assignmentId}`} className={className} data-testid="board-cell" data-state={cell.state}>
      {body}
    </Link>
  );
}

interface MatrixProps {
  board: Board;
  campaignId: string;
  state: AssignmentState | undefined;
  me: Me | null;
  page: number;
  update: (p: UrlPatch) => void;
}

/** Desktop: units × tasks, the unit column and the rate column fixed while scrolling sideways. */
function MatrixTable({ board: b, campaignId, state, me, page, pageSize, loading, update }: MatrixProps & { pageSize: number; loading: boolean }) {
  const columns: TableProps<BoardUnit>['columns'] = [
    {
      key: 'unit',
      title: t('campaignWork.board.unit'),
      fixed: 'left',
      width: 210,
      render: (_, u) => (
        <div>
          <div className="cw-unit-name">{u.unitName}</div>
          <div className="cw-unit-sub">
            {t(`unitKind.${u.unitKind}`)}
            {isOwn(me, u) && <Tag color="orange" style={{ marginInlineStart: 6 }}>{t('campaignWork.board.ownUnit')}</Tag>}
          </div>
        </div>
      ),
    },
    ...b.tasks.map((task) => ({
      key: task.id,
      title: (
        <div className="cw-matrix-th">
          <div>{task.title}</div>
          <div className="muted">{t('campaignWork.deadline.value', { date: task.deadlineDate })}</div>
        </div>
      ),
      width: 168,
      render: (_: unknown, u: BoardUnit) => {
        const cell = u.cells[task.id];
        return cell ? <CellView cell={cell} campaignId={campaignId} state={state} /> : <span className="muted">{t('campaignWork.board.notApplicable')}</span>;
      },
    })),
    {
      key: 'rate',
      title: t('campaignWork.board.rate'),
      fixed: 'right',
      width: 120,
      render: (_, u) => (
        <div>
          <Progress percent={pct(u.rate)} size="small" strokeColor="#52c41a" style={{ margin: 0 }} />
          <div className="cw-unit-sub">{t('campaignWork.board.unitRate', { accepted: u.accepted, total: u.total })}</div>
        </div>
      ),
    },
  ];
  return (
    <Table<BoardUnit>
      className="cw-matrix"
      rowKey="key"
      size="small"
      bordered
      columns={columns}
      dataSource={b.units}
      loading={loading}
      tableLayout="fixed"
      scroll={{ x: 210 + 168 * b.tasks.length + 120 }}
      rowClassName={(u) => (isOwn(me, u) ? 'cw-row-own' : '')}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('campaignWork.board.empty')} /> }}
      pagination={{
        current: page,
        pageSize,
        total: b.units.length,
        showSizeChanger: true,
        pageSizeOptions: PAGE_SIZES,
        showTotal: (n) => t('campaignWork.board.unitCount', { n }),
        hideOnSinglePage: b.units.length <= 20,
      }}
      onChange={(p) => update({ page: p.current === 1 ? undefined : p.current, pageSize: p.pageSize === 20 ? undefined : p.pageSize })}
    />
  );
}

/** Phones: one card per unit with its tasks as tappable rows. */
function UnitCards({ board: b, campaignId, state, me, page, update }: MatrixProps) {
  if (b.units.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('campaignWork.board.empty')} />;
  const start = (Math.min(page, Math.ceil(b.units.length / PHONE_PAGE)) - 1) * PHONE_PAGE;
  const units = b.units.slice(start, start + PHONE_PAGE);
  return (
    <div>
      <Space orientation="vertical" size={10} style={{ width: '100%' }}>
        {units.map((u) => (
          <Card key={u.key} size="small" className={`cw-unit-card${isOwn(me, u) ? ' cw-unit-card-own' : ''}`} data-testid="board-unit-card">
            <div className="cw-unit-head">
              <div style={{ minWidth: 0 }}>
                <div className="cw-unit-name">{u.unitName}</div>
                <div className="cw-unit-sub">
                  {t(`unitKind.${u.unitKind}`)}
                  {isOwn(me, u) && <Tag color="orange" style={{ marginInlineStart: 6 }}>{t('campaignWork.board.ownUnit')}</Tag>}
                </div>
              </div>
              <Progress type="circle" percent={pct(u.rate)} size={44} strokeColor="#52c41a" format={() => `${u.accepted}/${u.total}`} />
            </div>
            <div className="cw-unit-cells">
              {b.tasks.map((task) => {
                const cell = u.cells[task.id];
                if (!cell) return null;
                return (
                  <Link key={task.id} to={`/campaigns/${campaignId}/assignments/${cell.assignmentId}`} className="cw-unit-cell" data-testid="board-unit-cell">
                    <span className="cw-unit-cell-title">{task.title}</span>
                    <CellView cell={cell} campaignId={campaignId} state={state} compact />
                  </Link>
                );
              })}
            </div>
          </Card>
        ))}
      </Space>
      {b.units.length > PHONE_PAGE && <CardPager page={page} pageSize={PHONE_PAGE} total={b.units.length} onChange={(p) => update({ page: p === 1 ? undefined : p })} />}
    </div>
  );
}
