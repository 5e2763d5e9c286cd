import { Link, useNavigate } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Empty, Grid, List, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { BarChartOutlined, DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { REGULATIONS, ROLE_SCOPE, STUDY_KINDS, dayjs, t, type StudySession } from '@lifeline/shared';
import { api, qs } from '../../api/client.ts';
import { useSession } from '../../api/session.tsx';
import { CardPager } from '../../components/CardPager.tsx';
import { downloadFromApi } from '../../components/download.ts';
import { InstitutionPicker } from '../../components/InstitutionPicker.tsx';
import { TownshipSelect } from '../../components/TownshipSelect.tsx';
import { dateParam, oneOf, useUrlParams } from '../../components/useUrlParams.ts';
import './study.css';

interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

const PAGE_SIZE = 20;

/** The regulations as short tags (the catalogue's 《…》 names). */
export function RegulationTags({ codes }: { codes: StudySession['regulations'] }) {
  return (
    <Space size={4} wrap>
      {codes.map((r) => (
        <Tag key={r} color={r === 'major_hazard_criteria' ? 'red' : undefined} style={{ marginInlineEnd: 0, whiteSpace: 'normal' }}>
          {t(`regulation.${r}`)}
        </Tag>
      ))}
    </Space>
  );
}

/**
 * 学习培训: the study and training sessions the user may see (county sessions for everyone), with
 * filters in the URL (township, institution, form, regulation, dates), the .xlsx export, 登记活动
 * and the link to the coverage table. Cards on phones.
 */
export default function StudyListPage() {
  const { me, can } = useSession();
  const nav = useNavigate();
  const { message } = App.useApp();
  const mobile = !Grid.useBreakpoint().md;
  const [p, update] = useUrlParams();
  const scope = me ? ROLE_SCOPE[me.role] : 'institution';
  const f = {
    townshipId: p.townshipId || undefined,
    institutionId: p.institutionId || undefined,
    kind: oneOf(STUDY_KINDS, p.kind),
    regulation: oneOf(REGULATIONS, p.regulation),
    from: dateParam(p.from),
    to: dateParam(p.to),
  };
  const page = Math.max(1, Number(p.page) || 1);
  const q = useQuery({
    queryKey: ['study-sessions', f, page],
    queryFn: () => api<Page<StudySession>>(`/api/study-sessions${qs({ ...f, page, pageSize: PAGE_SIZE })}`),
    placeholderData: keepPreviousData,
  });
  const exportXlsx = () => downloadFromApi(`/api/study-sessions/export.xlsx${qs(f)}`, 'study.xlsx').catch((e: Error) => message.error(e.message));

  const columns: TableProps<StudySession>['columns'] = [
    { key: 'heldOn', title: t('study.col.heldOn'), dataIndex: 'heldOn', width: 110 },
    { key: 'unit', title: t('study.col.unit'), width: 200, render: (_, r) => (r.level === 'institution' && scope === 'county' ? `${r.townshipName} · ${r.unitName}` : r.unitName) },
    { key: 'kind', title: t('study.col.kind'), width: 130, render: (_, r) => t(`studyKind.${r.kind}`) },
    { key: 'topic', title: t('study.col.topic'), render: (_, r) => <Link to={`/study/${r.id}`}>{r.topic}</Link> },
    { key: 'regulations', title: t('study.col.regulations'), width: 260, render: (_, r) => <RegulationTags codes={r.regulations} /> },
    { key: 'participants', title: t('study.col.participants'), width: 90, align: 'right', render: (_, r) => r.participantCount },
  ];

  return (
    <div className="st-page">
      <div className="st-head">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('nav.study')}
        </Typography.Title>
        <Space wrap>
          <Link to="/study/coverage">
            <Button icon={<BarChartOutlined />} data-testid="study-coverage-link">
              {t('study.coverage.title')}
            </Button>
          </Link>
          <Button icon={<DownloadOutlined />} onClick={() => void exportXlsx()}>
            {t('study.export')}
          </Button>
          {can('study.record') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => nav('/study/new')} data-testid="study-new">
              {t('study.new.title')}
            </Button>
          )}
        </Space>
      </div>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap size={8} className="st-filters">
          {scope === 'county' && <TownshipSelect value={f.townshipId} onChange={(v) => update({ townshipId: v, institutionId: undefined })} placeholder={t('study.filter.township')} style={{ width: mobile ? '100%' : 150 }} />}
          {scope !== 'institution' && (
            <InstitutionPicker value={f.institutionId} townshipId={f.townshipId} allowClear onChange={(v) => update({ institutionId: v })} placeholder={t('study.filter.institution')} style={{ width: mobile ? '100%' : 220 }} />
          )}
          <Select allowClear value={f.kind} placeholder={t('study.filter.kind')} onChange={(v?: string) => update({ kind: v })} options={STUDY_KINDS.map((k) => ({ value: k, label: t(`studyKind.${k}`) }))} style={{ width: mobile ? '100%' : 160 }} aria-label={t('study.filter.kind')} />
          <Select
            allowClear
            value={f.regulation}
            placeholder={t('study.filter.regulation')}
            onChange={(v?: string) => update({ regulation: v })}
            options={REGULATIONS.map((r) => ({ value: r, label: t(`regulation.${r}`) }))}
            style={{ width: mobile ? '100%' : 260 }}
            popupMatchSelectWidth={false}
            aria-label={t('study.filter.regulation')}
          />
          <DatePicker.RangePicker
            value={[f.from ? dayjs(f.from) : null, f.to ? dayjs(f.to) : null]}
            onChange={(r) => update({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
            allowEmpty={[true, true]}
            inputReadOnly={mobile}
            style={{ width: mobile ? '100%' : 260 }}
          />
        </Space>
      </Card>
      {q.isError ? (
        <Alert type="error" showIcon title={(q.error as Error).message} />
      ) : mobile ? (
        q.isLoading ? (
          <Skeleton active />
        ) : q.data!.items.length === 0 ? (
          <Empty description={t('study.empty')} />
        ) : (
          <>
            <List
              dataSource={q.data!.items}
              renderItem={(r) => (
                <Card size="small" className="st-card" onClick={() => nav(`/study/${r.id}`)} data-testid="study-card">
                  <div className="st-card-top">
                    <Typography.Text strong ellipsis>
                      {r.topic}
                    </Typography.Text>
                    <span className="muted">{r.heldOn}</span>
                  </div>
                  <div className="muted">{`${r.unitName} · ${t(`studyKind.${r.kind}`)} · ${t('study.peopleN', { n: r.participantCount })}`}</div>
                  {r.regulations.length > 0 && (
                    <div style={{ marginTop: 4 }}>
                      <RegulationTags codes={r.regulations} />
                    </div>
                  )}
                </Card>
              )}
            />
            <CardPager page={page} pageSize={PAGE_SIZE} total={q.data!.total} onChange={(n) => update({ page: n })} />
          </>
        )
      ) : (
        <Table<StudySession>
          rowKey="id"
          size="middle"
          loading={q.isFetching}
          columns={columns}
          dataSource={q.data?.items ?? []}
          locale={{ emptyText: <Empty description={t('study.empty')} /> }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: q.data?.total ?? 0, showSizeChanger: false, onChange: (n) => update({ page: n }) }}
          onRow={(r) => ({ onClick: () => nav(`/study/${r.id}`), style: { cursor: 'pointer' } })}
        />
      )}
    </div>
  );
}
