import { useEffect, useRef, useState } from 'react';
import { App, Button, Progress, Typography } from 'antd';
import { CloseOutlined, FileTextOutlined, PaperClipOutlined, ReloadOutlined, VideoCameraOutlined } from '@ant-design/icons';
import { t } from '@lifeline/shared';
import { ApiError, randomId } from '../../../api/client.ts';
import { ACCEPT, fileSize, uploadAttachment } from './workBits.tsx';

interface Row {
  key: string;
  file: File;
  status: 'uploading' | 'done' | 'error';
  pct: number;
  id?: string;
  error?: string;
  /** worth another try (network, 5xx); false when the server refused the file itself */
  retryable?: boolean;
}

export interface FileListUploaderProps {
  kind: 'document' | 'video';
  /** attachment ids of the uploaded files (antd Form value) */
  value?: string[];
  onChange?: (ids: string[]) => void;
  /** told true while a file is still uploading, so the caller can hold the submit button */
  onBusyChange?: (busy: boolean) => void;
  /** most files allowed (the API takes 30 per submission) */
  max?: number;
  disabled?: boolean;
}

const retryable = (e: unknown) => !(e instanceof ApiError) || e.status === 0 || e.status >= 500 || e.status === 408 || e.status === 429;
const sameIds = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Documents (PDF/Word/Excel) or videos (MP4/WebM) for a submission: each chosen file uploads at
 * once to POST /api/uploads?kind=… with a progress bar; a failure that may pass later offers 重试,
 * a refused file shows the server's reason and can only be removed. The value is the list of
 * uploaded attachment ids, in the order chosen.
 */
export function FileListUploader({ kind, value, onChange, onBusyChange, max = 30, disabled = false }: FileListUploaderProps) {
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const emitted = useRef<string[]>(value ?? []);
  const onChangeRef = useRef(onChange);
  const onBusyRef = useRef(onBusyChange);
  useEffect(() => {
    onChangeRef.current = onChange;
    onBusyRef.current = onBusyChange;
  });

  // the form was reset (value emptied from outside): forget the files
  useEffect(() => {
    const v = value ?? [];
    if (sameIds(v, emitted.current)) return;
    emitted.current = v;
    if (v.length === 0) setRows([]);
  }, [value]);

  useEffect(() => {
    const ids = rows.filter((r) => r.status === 'done' && r.id).map((r) => r.id!);
    if (!sameIds(ids, emitted.current)) {
      emitted.current = ids;
      onChangeRef.current?.(ids);
    }
  }, [rows]);

  const busy = rows.some((r) => r.status === 'uploading');
  useEffect(() => {
    onBusyRef.current?.(busy);
  }, [busy]);
  useEffect(() => () => onBusyRef.current?.(false), []);

  const patch = (key: string, p: Partial<Row>) => setRows((prev) => prev.map((r) => (r.key === key ? { ...r, ...p } : r)));

  const upload = async (key: string, file: File) => {
    patch(key, { status: 'uploading', pct: 0, error: undefined });
    try {
      const att = await uploadAttachment(file, kind, (pct) => patch(key, { pct }));
      patch(key, { status: 'done', pct: 100, id: att.id });
    } catch (e) {
      const msg = e instanceof ApiError ? e.message : t('errors.NETWORK');
      patch(key, { status: 'error', error: msg, retryable: retryable(e) });
      message.error(t('campaignWork.submit.uploadFailed', { reason: msg }));
    }
  };

  const onFiles = (list: FileList | null) => {
    const files = Array.from(list ?? []);
    if (files.length === 0) return;
    const room = max - rows.length;
    if (files.length > room) message.warning(t('campaignWork.submit.tooMany', { max }));
    const added = files.slice(0, Math.max(0, room)).map((file) => ({ key: randomId(), file, status: 'uploading' as const, pct: 0 }));
    setRows((prev) => [...prev, ...added]);
    added.forEach((r) => void upload(r.key, r.file));
  };

  const Icon = kind === 'video' ? VideoCameraOutlined : FileTextOutlined;

  return (
    <div className="cw-files" data-testid={`uploader-${kind}`}>
      {rows.map((r) => (
        <div key={r.key} className={`cw-file cw-file-${r.status}`} data-testid="upload-row">
          <Icon className="cw-file-icon" />
          <div className="cw-file-main">
            <div className="cw-file-name" title={r.file.name}>
              {r.file.name}
            </div>
            <div className="cw-file-meta">
              {r.status === 'uploading' ? (
                <Progress percent={r.pct} size="small" showInfo={false} style={{ margin: 0, width: 120 }} aria-label={t('campaignWork.submit.uploading', { p: r.pct })} />
              ) : r.status === 'error' ? (
                <Typography.Text type="danger" style={{ fontSize: 12 }} role="alert">
                  {r.error}
                </Typography.Text>
              ) : (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {fileSize(r.file.size)}
                </Typography.Text>
              )}
            </div>
          </div>
          {r.status === 'error' && r.retryable && (
            <Button type="text" size="small" icon={<ReloadOutlined />} onClick={() => void upload(r.key, r.file)} aria-label={t('campaignWork.submit.retry')} />
          )}
          {!disabled && (
            <Button type="text" size="small" icon={<CloseOutlined />} onClick={() => setRows((prev) => prev.filter((x) => x.key !== r.key))} aria-label={t('campaignWork.submit.remove')} />
          )}
        </div>
      ))}
      {rows.length < max && (
        <Button icon={<PaperClipOutlined />} disabled={disabled} onClick={() => input.current?.click()} data-testid="upload-pick">
          {kind === 'video' ? t('campaignWork.submit.pickVideo') : t('campaignWork.submit.pick')}
        </Button>
      )}
      <input
        ref={input}
        type="file"
        accept={ACCEPT[kind]}
        multiple
        style={{ display: 'none' }}
        tabIndex={-1}
        aria-hidden
        onChange={(e) => {
          onFiles(e.target.files);
          e.target.value = '';
        }}
      />
    </div>
  );
}
