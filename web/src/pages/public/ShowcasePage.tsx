import { useEffect } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Empty, Grid, Row, Skeleton, Typography } from 'antd';
import { PlayCircleOutlined } from '@ant-design/icons';
import { formatLocalDateTime, t, type ShowcaseItem, type ShowcaseList } from '@lifeline/shared';
import { api } from '../../api/client.ts';
import './showcase.css';

/** One showcased video: the player (metadata only until played) and who made it for which task. */
function ShowcaseCard({ item }: { item: ShowcaseItem }) {
  return (
    <Card
      className="showcase-card"
      styles={{ body: { padding: 12 } }}
      cover={
        <video className="showcase-video" controls preload="metadata" playsInline data-testid="showcase-video">
          <source src={item.videoUrl} type={item.videoMime} />
          {t('showcase.noVideoSupport')}
        </video>
      }
    >
      <Typography.Paragraph strong ellipsis={{ rows: 2, tooltip: item.taskTitle }} style={{ marginBottom: 4 }}>
        {item.taskTitle}
      </Typography.Paragraph>
      <div className="showcase-meta">
        <span>{t('showcase.unit', { name: item.unitName })}</span>
        <span>{t('showcase.submittedAt', { at: formatLocalDateTime(item.submittedAt) })}</span>
        <Typography.Text type="secondary" ellipsis={{ tooltip: item.campaignName }}>
          {item.campaignName}
        </Typography.Text>
      </div>
    </Card>
  );
}

/**
 * 短视频展播 — the public page (no login) of the videos the county showcased: a responsive grid of
 * players, one column on a phone (375 px), up to four on a wide screen.
 */
export default function ShowcasePage() {
  const screens = Grid.useBreakpoint();
  const q = useQuery({
    queryKey: ['public', 'showcase'],
    queryFn: () => api<ShowcaseList>('/api/public/showcase'),
    staleTime: 60_000,
  });

  useEffect(() => {
    const before = document.title;
    document.title = t('showcase.title');
    return () => {
      document.title = before;
    };
  }, []);

  const items = q.data?.items ?? [];
  return (
    <div className="showcase-page">
      <header className="showcase-header">
        <div className="showcase-header-inner">
          <div>
            <Typography.Title level={screens.md ? 2 : 4} style={{ color: '#fff', margin: 0 }}>
              <PlayCircleOutlined /> {t('showcase.title')}
            </Typography.Title>
            <Typography.Text style={{ color: 'rgba(255,255,255,.85)' }}>{t('showcase.subtitle')}</Typography.Text>
          </div>
          <Link to="/login" className="showcase-login">
            {t('showcase.staffLogin')}
          </Link>
        </div>
      </header>
      <main className="showcase-main">
        {q.isLoading && (
          <Row gutter={[16, 16]}>
            {[0, 1, 2].map((i) => (
              <Col key={i} xs={24} sm={12} lg={8} xl={6}>
                <Card>
                  <Skeleton active />
                </Card>
              </Col>
            ))}
          </Row>
        )}
        {q.isError && (
          <Alert
            type="error"
            showIcon
            message={t('showcase.loadFailed')}
            description={q.error instanceof Error ? q.error.message : undefined}
            action={
              <Button size="small" onClick={() => q.refetch()}>
                {t('showcase.retry')}
              </Button>
            }
          />
        )}
        {q.isSuccess && items.length === 0 && <Empty style={{ marginTop: 64 }} description={t('showcase.empty')} />}
        {items.length > 0 && (
          <>
            <Typography.Paragraph type="secondary">{t('showcase.count', { n: items.length })}</Typography.Paragraph>
            <Row gutter={[16, 16]}>
              {items.map((item) => (
                <Col key={item.id} xs={24} sm={12} lg={8} xl={6}>
                  <ShowcaseCard item={item} />
                </Col>
              ))}
            </Row>
          </>
        )}
      </main>
    </div>
  );
}
