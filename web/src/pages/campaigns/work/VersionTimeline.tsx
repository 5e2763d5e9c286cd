import { useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { App, Empty, Image, Space, Switch, Tag, Timeline, Typography } from 'antd';
import { DownloadOutlined, FileTextOutlined, PlaySquareOutlined } from '@ant-design/icons';
import { formatLocalDateTime, t, type AssignmentDetail, type Attachment, type Submission, type SubmissionStatus } from '@lifeline/shared';
import { api } from '../../../api/client.ts';
import { errorText } from '../../../components/AdminUtils.ts';
import { isStale } from '../../../components/apiErrors.ts';
import { FeaturedTag, LateTag, downloadUrl, fileSize } from './workBits.tsx';

const STATUS_COLOR: Record<SubmissionStatus, string> = { submitted: 'blue', returned: 'orange', accepted: 'green' };
const DOT_COLOR: Record<SubmissionStatus, string> = { submitted: '#1677ff', returned: '#fa8c16', accepted: '#52c41a' };

/** A submission's review status (待审核 / 已退回 / 已通过) as a tag. */
export function SubmissionStatusTag({ status }: { status: SubmissionStatus }) {
  return (
    <Tag color={STATUS_COLOR[status]} style={{ marginInlineEnd: 0 }} data-testid="submission-status">
      {t(`submissionStatus.${status}`)}
    </Tag>
  );
}

/** The files of one version: photos as thumbnails, videos playable, every file downloadable. */
function Files({ files }: { files: Attachment[] }) {
  if (files.length === 0) return null;
  const photos = files.filter((f) => f.mime.startsWith('image/'));
  const videos = files.filter((f) => f.mime.startsWith('video/'));
  return (
    <div className="cw-version-files">
      {photos.length > 0 && (
        <Image.PreviewGroup>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 8 }}>
            {photos.map((p) => (
              <Image key={p.id} src={p.url} width={72} height={72} alt={p.originalName} style={{ objectFit: 'cover', borderRadius: 6, background: '#f0f0f0' }} />
            ))}
          </div>
        </Image.PreviewGroup>
      )}
      {videos.map((v) => (
        <video key={v.id} className="cw-video" src={v.url} controls preload="metadata" playsInline aria-label={v.originalName} />
      ))}
      <ul className="cw-file-links">
        {files.map((f) => (
          <li key={f.id}>
            {f.mime.startsWith('video/') ? <PlaySquareOutlined /> : <FileTextOutlined />}
            <a href={downloadUrl(f.id)} download={f.originalName} data-testid="submission-file">
              {f.originalName}
            </a>
            <span className="muted">{fileSize(f.sizeBytes)}</span>
            <a href={downloadUrl(f.id)} download={f.originalName} aria-label={`${t('campaignWork.versions.download')} ${f.originalName}`} className="cw-file-dl">
              <DownloadOutlined />
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A flag switch of the latest accepted version (优选推送 / 展播), saved at once. */
function FlagSwitch({ assignment, submission, flag }: { assignment: AssignmentDetail; submission: Submission; flag: 'featured' | 'showcased' }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const on = submission[flag];
  const toggle = async (next: boolean) => {
    setBusy(true);
    try {
      const saved = await api<AssignmentDetail>(`/api/submissions/${submission.id}/${flag}`, { method: 'POST', json: flag === 'featured' ? { featured: next } : { showcased: next } });
      qc.setQueryData(['assignment', assignment.id], saved);
      void qc.invalidateQueries({ queryKey: ['board', assignment.campaignId] });
      void qc.invalidateQueries({ queryKey: ['assignments'] });
      const which = flag === 'featured' ? 'feature' : 'showcase';
      message.success(t(`campaignWork.review.${which}${next ? 'On' : 'Off'}`));
    } catch (e) {
      message.error(errorText(e));
      if (isStale(e)) void qc.invalidateQueries({ queryKey: ['assignment', assignment.id] });
    } finally {
      setBusy(false);
    }
  };
  const which = flag === 'featured' ? 'feature' : 'showcase';
  return (
    <label className="cw-flag">
      <Switch checked={on} loading={busy} onChange={(v) => void toggle(v)} data-testid={`switch-${flag}`} aria-label={t(`campaignWork.review.${which}`)} />
      <span>
        <span className="cw-flag-label">{t(`campaignWork.review.${which}`)}</span>
        <span className="muted cw-flag-hint">{t(`campaignWork.review.${which}Hint`)}</span>
      </span>
    </label>
  );
}

/**
 * Every version of the assignment, newest first: 第 n 版, who handed it in and when, 逾期报送, the
 * text and files, and its review (status, reviewer, comment). The latest version carries the
 * reviewer's controls the `abilities` allow: `reviewButtons` (通过 / 退回, rendered by the page) and
 * the 优选推送 / 展播 switches.
 */
export function VersionTimeline({ assignment: a, reviewButtons }: { assignment: AssignmentDetail; reviewButtons?: ReactNode }) {
  if (a.submissions.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('campaignWork.versions.empty')} />;
  return (
    <Timeline
      items={a.submissions.map((s, i) => {
        const latest = i === 0;
        return {
          key: s.id,
          color: DOT_COLOR[s.status],
          content: (
            <div className={`cw-version${latest ? ' cw-version-latest' : ''}`} data-testid="submission-version">
              <Space size={6} wrap style={{ marginBottom: 2 }}>
                <Typography.Text strong>{t('campaignWork.tag.version', { n: s.version })}</Typography.Text>
                <SubmissionStatusTag status={s.status} />
                {s.isLate && <LateTag />}
                {s.featured && <FeaturedTag long />}
                {s.showcased && <Tag color="purple" style={{ marginInlineEnd: 0 }}>{t('campaignWork.tag.showcased')}</Tag>}
              </Space>
              <div className="muted cw-version-by">{t('campaignWork.versions.submitted', { name: s.submittedByName, time: formatLocalDateTime(s.submittedAt) })}</div>
              {s.text ? (
                <Typography.Paragraph className="cw-version-text" ellipsis={{ rows: 6, expandable: 'collapsible' }}>
                  {s.text}
                </Typography.Paragraph>
              ) : (
                s.attachments.length === 0 && <div className="muted">{t('campaignWork.versions.noText')}</div>
              )}
              <Files files={s.attachments} />
              {s.status !== 'submitted' && (
                <div className={`cw-review cw-review-${s.status}`} data-testid="submission-review">
                  <div className="cw-review-by">
                    {s.reviewedByName ? t('campaignWork.versions.reviewed', { name: s.reviewedByName, time: s.reviewedAt ? formatLocalDateTime(s.reviewedAt) : '' }) : t('campaignWork.versions.autoAccepted')}
                  </div>
                  {s.reviewComment && (
                    <div className="cw-review-comment" data-testid="review-comment">
                      {t('campaignWork.versions.comment', { comment: s.reviewComment })}
                    </div>
                  )}
                </div>
              )}
              {latest && reviewButtons}
              {latest && (a.abilities.feature || a.abilities.showcase) && (
                <div className="cw-flags">
                  {a.abilities.feature && <FlagSwitch assignment={a} submission={s} flag="featured" />}
                  {a.abilities.showcase && <FlagSwitch assignment={a} submission={s} flag="showcased" />}
                </div>
              )}
            </div>
          ),
        };
      })}
    />
  );
}
