import { Tag, Typography } from 'antd';
import { StarFilled } from '@ant-design/icons';
import { t, type Assignment, type AssignmentState, type Attachment, type DeliverableKindCode, type FieldIssue } from '@lifeline/shared';
import { ApiError } from '../../../api/client.ts';
import { deadlineCountdown } from './workRules.ts';

export { byUrgency, daysLeft, deadlineCountdown, deliverableCount, returnedButOverdue, urgencyRank } from './workRules.ts';

/** Board colours: 逾期 red, 已通过 green, 已提交 blue, 已退回 orange, 未开始 grey. */
export const STATE_COLOR: Record<AssignmentState, string> = {
  overdue: 'red',
  accepted: 'green',
  submitted: 'blue',
  returned: 'orange',
  not_started: 'default',
};

/** The derived state of an assignment (a board cell) as a coloured tag. */
export function AssignmentStateTag({ state }: { state: AssignmentState }) {
  return (
    <Tag color={STATE_COLOR[state]} variant={state === 'overdue' ? 'solid' : undefined} style={{ marginInlineEnd: 0 }} data-testid="assignment-state">
      {t(`assignmentState.${state}`)}
    </Tag>
  );
}

/** 逾期报送: the latest version was handed in after the deadline (accepted, but marked). */
export function LateTag() {
  return (
    <Tag color="volcano" variant="outlined" style={{ marginInlineEnd: 0 }} data-testid="late-tag">
      {t('campaignWork.tag.late')}
    </Tag>
  );
}

/** 优选 (优选推送): the county forwards this submission to the city/province. */
export function FeaturedTag({ long = false }: { long?: boolean }) {
  return (
    <Tag color="gold" icon={<StarFilled />} style={{ marginInlineEnd: 0 }} data-testid="featured-tag">
      {long ? t('campaignWork.tag.featuredLong') : t('campaignWork.tag.featured')}
    </Tag>
  );
}

/** 已退回 as a small marker beside 逾期 (see {@link returnedButOverdue}). */
export function ReturnedMarker() {
  return (
    <Tag color="orange" style={{ marginInlineEnd: 0 }} data-testid="returned-tag">
      {t('assignmentState.returned')}
    </Tag>
  );
}

/** `done/required` of a count task, or 尚无记录 while Lifeline keeps no such records. */
export function countText(count: NonNullable<Assignment['count']>): string {
  return count.tracked ? t('campaignWork.count.value', { done: count.done, required: count.required }) : t('campaignWork.count.untracked');
}

/** `2024-06-05 截止 · 剩余 3 天` */
export function DeadlineText({ deadlineDate, state, strong = false }: { deadlineDate: string; state: AssignmentState; strong?: boolean }) {
  const c = deadlineCountdown(deadlineDate, state);
  return (
    <span className="cw-deadline" data-testid="deadline">
      <span>{t('campaignWork.deadline.value', { date: deadlineDate })}</span>
      {c && (
        <Typography.Text type={c.tone} strong={strong || c.tone === 'danger'} style={{ marginInlineStart: 6 }}>
          {c.text}
        </Typography.Text>
      )}
    </span>
  );
}

/** The upload kind (POST /api/uploads?kind=) a deliverable takes, or null for count tasks. */
export type UploadKind = 'document' | 'photo' | 'video';
export const UPLOAD_KIND: Record<DeliverableKindCode, UploadKind | null> = {
  article: 'document',
  summary_report: 'document',
  document: 'document',
  photos: 'photo',
  video: 'video',
  count: null,
};

/** Whether the text of a submission counts as one item toward the quantity (articles, summaries). */
export const TEXT_COUNTS: Record<DeliverableKindCode, boolean> = { article: true, summary_report: true, document: false, photos: false, video: false, count: false };

/** `accept` of the file input per upload kind (the server decides by content anyway). */
export const ACCEPT: Record<UploadKind, string> = {
  document: '.pdf,.docx,.xlsx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  photo: 'image/*',
  video: 'video/mp4,video/webm,.mp4,.webm',
};

/**
 * Uploads one file as a pending attachment of the given kind (POST /api/uploads?kind=…) with
 * upload progress (XHR: fetch has none), for documents and videos that may be large.
 * @param onProgress 0..100
 * @throws ApiError with the server's message (415 wrong type, 413 too large, …) or NETWORK
 */
export function uploadAttachment(file: File, kind: UploadKind, onProgress?: (pct: number) => void, signal?: AbortSignal): Promise<Attachment> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/uploads?kind=${kind}`);
    xhr.withCredentials = true;
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress?.(Math.min(99, Math.round((e.loaded / e.total) * 100)));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', t('errors.NETWORK')));
    xhr.onabort = () => reject(new ApiError(0, 'NETWORK', t('errors.NETWORK')));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress?.(100);
        resolve(body as Attachment);
        return;
      }
      const err = (body as { error?: { code: string; message: string; details?: FieldIssue[] } } | null)?.error;
      const code = err?.code ?? (xhr.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'INTERNAL');
      if (xhr.status === 401) window.dispatchEvent(new Event('lifeline:unauthenticated'));
      reject(new ApiError(xhr.status, code, err?.message ?? t(`errors.${code}`), err?.details));
    };
    signal?.addEventListener('abort', () => xhr.abort());
    const fd = new FormData();
    fd.append('file', file, file.name);
    xhr.send(fd);
  });
}

/** A file size for people: 980 KB, 12.4 MB. */
export function fileSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The download URL of an attachment (served as a download, scope-checked by the server). */
export const downloadUrl = (id: string) => `/api/attachments/${id}?download=1`;
