import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Empty, Grid, Segmented, Space, Statistic, Typography } from 'antd';
import { ArrowLeftOutlined, RightOutlined } from '@ant-design/icons';
import { localDate, t, type InspectionDetail, type ItemResult } from '@lifeline/shared';
import { detailState, retryUnlessClientError } from '../../components/DetailState.tsx';
import { api } from '../../api/client.ts';
import { LevelTag } from '../../components/LevelTag.tsx';
import { PhotoGallery } from '../../components/PhotoGallery.tsx';
import { ResultTag } from '../../components/StatusTag.tsx';
import { KindTag } from './inspectionTags.tsx';
import './inspections.css';

type Row = InspectionDetail['results'][number];
type Show = 'all' | ItemResult;

/**
 * One inspection: who inspected which institution when, against which checklist version; the
 * counts; and every item's result with the note, photos and the hazard a failure created.
 */
export default function InspectionDetailPage() {
  const { id = '' } = useParams();
  const nav = useNavigate();
  const mobile = !Grid.useBreakpoint().md;
  const [show, setShow] = useState<Show | null>(null);
  const q = useQuery({
    queryKey: ['inspection', id],
    queryFn: () => api<InspectionDetail>(`/api/inspections/${id}`),
    retry: retryUnlessClientError,
  });

  const fallback = detailState(q);
  if (fallback) return fallback;
  const d = q.data!;
  // open on the failures when there are any: that is what a reader looks for
  const current: Show = show ?? (d.failCount > 0 ? 'fail' : 'all');
  const rows = d.results.filter((r) => current === 'all' || r.result === current);
  const groups = new Map<string, Row[]>();
  for (const r of rows) groups.set(r.category, [...(groups.get(r.category) ?? []), r]);

  return (
    <div style={{ maxWidth: 1000, margin: '0 auto' }}>
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => (window.history.length > 1 ? nav(-1) : nav('/inspections'))} style={{ paddingInline: 0, marginBottom: 8 }}>
        {t('inspections.detail.back')}
      </Button>
      <Card size={mobile ? 'small' : undefined} style={{ marginBottom: 16 }}>
        <Space size={8} wrap style={{ marginBottom: 4 }}>
          <KindTag kind={d.kind} />
          <Typography.Text type="secondary">{localDate(d.inspectedAt)}</Typography.Text>
        </Space>
        <Typography.Title level={4} style={{ margin: '4px 0 12px' }}>
          {d.institutionName}
        </Typography.Title>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 1, md: 2 }}
          items={[
            { key: 'township', label: t('inspections.field.township'), children: d.townshipName },
            { key: 'checklist', label: t('inspections.field.checklist'), children: t('inspections.checklistWithVersion', { name: d.checklistName, v: d.checklistVersion }) },
            { key: 'inspectors', label: t('inspections.field.inspectors'), children: d.inspectors || '—' },
            { key: 'createdBy', label: t('inspections.field.createdBy'), children: d.createdByName },
            { key: 'summary', label: t('inspections.field.summary'), span: 'filled' as const, children: <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{d.summary || '—'}</Typography.Text> },
          ]}
        />
      </Card>

      <Card size={mobile ? 'small' : undefined} style={{ marginBottom: 16 }}>
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(4, 1fr)', gap: 8, textAlign: 'center' }}>
          <Statistic title={t('itemResult.pass')} value={d.passCount} styles={{ content: { color: '#389e0d' } }} />
          <Statistic title={t('itemResult.fail')} value={d.failCount} styles={{ content: { color: d.failCount ? '#cf1322' : undefined } }} />
          <Statistic title={t('itemResult.na')} value={d.naCount} />
          <Statistic title={t('inspections.field.hazards')} value={d.hazardCount} styles={{ content: { color: d.hazardCount ? '#cf1322' : undefined } }} />
        </div>
      </Card>

      <Card
        size={mobile ? 'small' : undefined}
        title={t('inspections.detail.results')}
        extra={
          !mobile && (
            <ResultFilter d={d} value={current} onChange={setShow} compact={false} />
          )
        }
      >
        {mobile && (
          <div style={{ marginBottom: 12 }}>
            <ResultFilter d={d} value={current} onChange={setShow} compact />
          </div>
        )}
        {rows.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inspections.detail.noResults')} />
        ) : (
          [...groups.entries()].map(([category, list]) => (
            <section key={category}>
              <div className="insp-section-title" style={{ marginTop: 4 }}>
                {category}
              </div>
              {list.map((r) => (
                <Card key={r.id} size="small" className={`insp-item insp-item-${r.result}`} data-testid="insp-result">
                  <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'center' }}>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {r.code}
                    </Typography.Text>
                    <Space size={4}>
                      {r.result === 'fail' && r.hazardLevel === 'major' && <LevelTag level="major" short />}
                      <ResultTag result={r.result} />
                    </Space>
                  </div>
                  <div style={{ margin: '4px 0', lineHeight: 1.5 }}>{r.checkText}</div>
                  {r.note && (
                    <Typography.Paragraph type="secondary" style={{ margin: '4px 0', whiteSpace: 'pre-wrap' }}>
                      {r.note}
                    </Typography.Paragraph>
                  )}
                  {r.photoIds.length > 0 && (
                    <div style={{ margin: '8px 0 4px' }}>
                      <PhotoGallery ids={r.photoIds} size={72} />
                    </div>
                  )}
                  {r.hazardId && (
                    <Link to={`/hazards/${r.hazardId}`} style={{ display: 'inline-flex', alignItems: 'center', gap: 4, marginTop: 4 }} data-testid="insp-hazard-link">
                      {t('inspections.detail.hazardLink', { code: r.hazardCode ?? '' })} <RightOutlined style={{ fontSize: 11 }} />
                    </Link>
                  )}
                </Card>
              ))}
            </section>
          ))
        )}
      </Card>
    </div>
  );
}

/** Which results to list; on phones the labels drop their counts (they are in the card above). */
function ResultFilter({ d, value, onChange, compact }: { d: InspectionDetail; value: Show; onChange: (v: Show) => void; compact: boolean }) {
  const label = (key: string, r: Show, n: number) => (compact ? (r === 'all' ? t('common.all') : t(`itemResult.${r}`)) : t(key, { n }));
  return (
    <Segmented<Show>
      value={value}
      onChange={onChange}
      block={compact}
      options={[
        { value: 'all', label: label('inspections.detail.showAll', 'all', d.results.length) },
        { value: 'fail', label: label('inspections.count.fail', 'fail', d.failCount) },
        { value: 'pass', label: label('inspections.count.pass', 'pass', d.passCount) },
        { value: 'na', label: label('inspections.count.na', 'na', d.naCount) },
      ]}
    />
  );
}
