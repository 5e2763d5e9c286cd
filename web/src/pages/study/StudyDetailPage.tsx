import { useNavigate, useParams } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Grid, Popconfirm, Space, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, DeleteOutlined, EditOutlined, PaperClipOutlined } from '@ant-design/icons';
import { formatLocalDateTime, t, type StudySessionDetail } from '@lifeline/shared';
import { api } from '../../api/client.ts';
import { detailState, retryUnlessClientError } from '../../components/DetailState.tsx';
import { PhotoGallery } from '../../components/PhotoGallery.tsx';
import { RegulationTags } from './StudyListPage.tsx';
import './study.css';

/** 学习培训记录: what was held, by whom, what was studied, who took part, photos and materials; 修改 / 删除 at the user's own level. */
export default function StudyDetailPage() {
  const { id = '' } = useParams();
  const nav = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const mobile = !Grid.useBreakpoint().md;
  const q = useQuery({ queryKey: ['study-session', id], queryFn: () => api<StudySessionDetail>(`/api/study-sessions/${id}`), retry: retryUnlessClientError });
  const fallback = detailState(q);
  if (fallback) return fallback;
  const s = q.data!;
  const photos = s.attachments.filter((a) => a.mime.startsWith('image/'));
  const files = s.attachments.filter((a) => !a.mime.startsWith('image/'));

  const remove = async () => {
    try {
      await api(`/api/study-sessions/${s.id}`, { method: 'DELETE' });
      void qc.invalidateQueries({ queryKey: ['study-sessions'] });
      void qc.invalidateQueries({ queryKey: ['study-coverage'] });
      message.success(t('study.deleted'));
      nav('/study', { replace: true });
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  return (
    <div className="st-page" style={{ maxWidth: 900 }}>
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => (window.history.length > 1 ? nav(-1) : nav('/study'))} style={{ paddingInline: 0, marginBottom: 8 }}>
        {t('study.back')}
      </Button>
      <Card
        size={mobile ? 'small' : undefined}
        title={
          <Typography.Text strong style={{ whiteSpace: 'normal' }} data-testid="study-topic-heading">
            {s.topic}
          </Typography.Text>
        }
        extra={
          (s.abilities.update || s.abilities.delete) && (
            <Space>
              {s.abilities.update && (
                <Button icon={<EditOutlined />} onClick={() => nav(`/study/${s.id}/edit`)}>
                  {!mobile && t('study.edit.button')}
                </Button>
              )}
              {s.abilities.delete && (
                <Popconfirm title={t('study.deleteConfirm')} okText={t('study.delete')} cancelText={t('common.cancel')} okButtonProps={{ danger: true }} onConfirm={() => void remove()}>
                  <Button danger icon={<DeleteOutlined />}>
                    {!mobile && t('study.delete')}
                  </Button>
                </Popconfirm>
              )}
            </Space>
          )
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 1, md: 2 }}
          items={[
            { key: 'unit', label: t('study.col.unit'), children: s.level === 'institution' && s.townshipName ? `${s.townshipName} · ${s.unitName}` : s.unitName },
            { key: 'level', label: t('study.col.level'), children: <Tag style={{ marginInlineEnd: 0 }}>{t(`study.level.${s.level}`)}</Tag> },
            { key: 'heldOn', label: t('study.col.heldOn'), children: s.heldOn },
            { key: 'kind', label: t('study.col.kind'), children: t(`studyKind.${s.kind}`) },
            { key: 'organiser', label: t('study.col.organiser'), children: s.organiser || '—' },
            { key: 'participants', label: t('study.col.participants'), children: t('study.peopleN', { n: s.participantCount }) },
            { key: 'regulations', label: t('study.col.regulations'), span: 'filled', children: s.regulations.length ? <RegulationTags codes={s.regulations} /> : '—' },
            {
              key: 'names',
              label: t('study.form.names'),
              span: 'filled',
              children: s.participantNames.length ? (
                <div className="st-names">
                  {s.participantNames.map((n) => (
                    <Tag key={n} style={{ marginInlineEnd: 0 }}>
                      {n}
                    </Tag>
                  ))}
                </div>
              ) : (
                <span className="muted">{t('study.noNames')}</span>
              ),
            },
            ...(s.notes ? [{ key: 'notes', label: t('study.col.notes'), span: 'filled' as const, children: <div style={{ whiteSpace: 'pre-wrap' }}>{s.notes}</div> }] : []),
            { key: 'by', label: t('study.recordedBy'), span: 'filled', children: `${s.createdByName} · ${formatLocalDateTime(s.createdAt)}` },
          ]}
        />
        {photos.length > 0 && (
          <div style={{ marginTop: 12 }}>
            <PhotoGallery ids={photos.map((a) => a.id)} />
          </div>
        )}
        {files.length > 0 && (
          <div style={{ marginTop: 12, display: 'flex', flexDirection: 'column', gap: 4 }}>
            {files.map((a) => (
              <a key={a.id} href={`${a.url}?download=1`} target="_blank" rel="noreferrer">
                <PaperClipOutlined /> {a.originalName}
              </a>
            ))}
          </div>
        )}
      </Card>
    </div>
  );
}
