import { useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Grid, Skeleton, Space, Typography } from 'antd';
import { DownloadOutlined, FileTextOutlined } from '@ant-design/icons';
import { formatLocalDateTime, ROLE_SCOPE, t, type CampaignDetail, type SummaryFigures } from '@lifeline/shared';
import { api, qs } from '../../api/client.ts';
import { useSession } from '../../api/session.tsx';
import { errorText } from '../../components/AdminUtils.ts';
import { downloadFromApi } from '../../components/download.ts';
import { TownshipSelect } from '../../components/TownshipSelect.tsx';

/** One tile of the preview: a label, a main value and an optional line under it. */
interface Figure {
  key: string;
  label: string;
  value: string;
  sub?: string;
}

/** The figures behind the .docx as tiles; a kind of record Lifeline does not keep yet says 尚无记录. */
export function figureTiles(f: SummaryFigures): Figure[] {
  const untracked = t('campaigns.summary.noRecords');
  return [
    {
      key: 'inspections',
      label: t('campaigns.figure.inspections'),
      value: String(f.inspections.total),
      sub: t('campaigns.figure.inspectionsSub', { covered: f.inspections.institutionsCovered, all: f.inspections.institutionsInScope }),
    },
    {
      key: 'hazards',
      label: t('campaigns.figure.hazards'),
      value: t('campaigns.figure.foundClosed', { found: f.hazards.found, closed: f.hazards.closed }),
      sub: t('campaigns.figure.hazardsSub', { major: f.hazards.byLevel.major.found, stock: f.hazards.closedInPeriodStock }),
    },
    { key: 'lifePassage', label: t('campaigns.figure.lifePassage'), value: t('campaigns.figure.foundFixed', { found: f.lifePassage.found, fixed: f.lifePassage.fixed }) },
    {
      key: 'drills',
      label: t('campaigns.figure.drills'),
      value: f.drills.tracked ? String(f.drills.count) : untracked,
      sub: f.drills.tracked ? t('campaigns.figure.participants', { n: f.drills.participants }) : undefined,
    },
    {
      key: 'study',
      label: t('campaigns.figure.studySessions'),
      value: f.studySessions.tracked ? String(f.studySessions.count) : untracked,
      sub: f.studySessions.tracked ? t('campaigns.figure.attendance', { n: f.studySessions.attendance }) : undefined,
    },
    {
      key: 'reports',
      label: t('campaigns.figure.publicReports'),
      value: f.publicReports.tracked ? t('campaigns.figure.receivedHandled', { received: f.publicReports.received, handled: f.publicReports.handled }) : untracked,
    },
    {
      key: 'tasks',
      label: t('campaigns.figure.tasks'),
      value: t('campaigns.figure.tasksValue', { done: f.tasks.done, total: f.tasks.total }),
      sub: t('campaigns.figure.onTime', { n: f.tasks.onTime }),
    },
  ];
}

/**
 * 活动总结 of a published campaign: township (county staff choose one or the whole county; a
 * township officer gets their own), 下载总结（.docx） of GET …/summary-report.docx and a preview of
 * the live figures (GET …/summary-figures) when the server offers them.
 */
export function CampaignSummaryCard({ campaign }: { campaign: CampaignDetail }) {
  const { me } = useSession();
  const { message } = App.useApp();
  const mobile = !Grid.useBreakpoint().md;
  const scope = me ? ROLE_SCOPE[me.role] : 'institution';
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const [downloading, setDownloading] = useState(false);
  const townshipId = scope === 'township' ? (me?.townshipId ?? undefined) : chosen;
  const query = qs({ townshipId });

  const figures = useQuery({
    queryKey: ['campaign', campaign.id, 'summary-figures', townshipId ?? null],
    queryFn: () => api<SummaryFigures>(`/api/campaigns/${campaign.id}/summary-figures${query}`),
    retry: false,
    staleTime: 60_000,
    enabled: scope !== 'institution',
  });

  if (scope === 'institution') return null;

  const download = async () => {
    setDownloading(true);
    try {
      await downloadFromApi(`/api/campaigns/${campaign.id}/summary-report.docx${query}`, t('campaigns.summary.fileName', { name: campaign.name }));
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setDownloading(false);
    }
  };

  const f = figures.data;
  let preview: ReactNode = null;
  if (figures.isLoading) preview = <Skeleton active paragraph={{ rows: 2 }} />;
  else if (figures.isError || !f?.inspections) preview = <Typography.Text type="secondary">{t('campaigns.summary.figuresUnavailable')}</Typography.Text>;
  else {
    preview = (
      <>
        <div className="muted" style={{ fontSize: 12, marginTop: 2 }}>
          {t('campaigns.summary.figuresCaption', { unit: f.scope.unitName, from: f.period.fromDate, to: f.period.toDate, asOf: formatLocalDateTime(f.asOf) })}
        </div>
        <div className="cp-figures" data-testid="summary-figures">
          {figureTiles(f).map((x) => (
            <div key={x.key} className="cp-figure">
              <div className="cp-figure-label">{x.label}</div>
              <div className="cp-figure-value">{x.value}</div>
              {x.sub && <div className="cp-figure-sub">{x.sub}</div>}
            </div>
          ))}
        </div>
      </>
    );
  }

  return (
    <Card
      className="cp-section"
      title={
        <Space>
          <FileTextOutlined />
          {t('campaigns.summary.title')}
        </Space>
      }
      data-testid="campaign-summary"
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        {t('campaigns.summary.intro')}
      </Typography.Paragraph>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
        {scope === 'county' ? (
          <TownshipSelect value={chosen} onChange={setChosen} placeholder={t('campaigns.summary.wholeCounty')} style={{ flex: mobile ? '1 1 100%' : '0 0 240px' }} />
        ) : (
          <Typography.Text>{t('campaigns.summary.ownTownship', { name: me?.townshipName ?? '' })}</Typography.Text>
        )}
        <Button type="primary" icon={<DownloadOutlined />} loading={downloading} onClick={() => void download()} block={mobile} data-testid="summary-download">
          {t('campaigns.summary.download')}
        </Button>
      </div>
      <div style={{ marginTop: 16 }}>
        <Typography.Text strong>{t('campaigns.summary.figures')}</Typography.Text>
        {preview}
      </div>
    </Card>
  );
}
