import { useEffect, useRef, useState } from 'react';
import { App, Grid, Image, Spin } from 'antd';
import { CameraOutlined, CloseOutlined, ExclamationCircleOutlined, PictureOutlined, ReloadOutlined } from '@ant-design/icons';
import { t } from '@lifeline/shared';
import { ApiError, randomId, uploadFile } from '../api/client.ts';
import { attachmentUrl } from './PhotoGallery.tsx';
import './photo-uploader.css';

interface Tile {
  key: string;
  /** attachment id once uploaded */
  id?: string;
  /** what the thumbnail shows: a local object URL while/after uploading, else the attachment URL */
  src: string;
  status: 'uploading' | 'done' | 'error';
  file?: File;
  error?: string;
  /** the failure may pass on a second try (network, server trouble); false when the server refused the file itself */
  retryable?: boolean;
}

/**
 * Whether an upload failure is worth retrying: no answer at all, a 5xx, a timeout or rate limit.
 * Other 4xx answers (415 not a picture, 413 too large, 400 …) refuse the file itself and would
 * fail the same way again.
 */
function isRetryable(e: unknown): boolean {
  if (!(e instanceof ApiError)) return true;
  return e.status === 0 || e.status >= 500 || e.status === 408 || e.status === 429;
}

export interface PhotoUploaderProps {
  /** attachment ids of the uploaded photos (antd Form value) */
  value?: string[];
  onChange?: (ids: string[]) => void;
  /** told true while any photo is still uploading, so the caller can disable submit */
  onBusyChange?: (busy: boolean) => void;
  /** most photos allowed (the API takes 9) */
  max?: number;
  disabled?: boolean;
}

const LONG_EDGE = 2560;
const SHRINK_OVER_BYTES = 1.5 * 1024 * 1024;

/**
 * Downscales a large phone photo before upload (long edge ≤ 2560 px, JPEG 0.85) to spare mobile
 * data. Browsers apply the EXIF orientation when decoding, so the result stays upright. Any
 * failure, or a result that is not smaller, gives back the original file.
 */
async function shrinkPhoto(file: File): Promise<File> {
  if (!/^image\/(jpeg|png|webp)$/.test(file.type) || file.size < SHRINK_OVER_BYTES || typeof createImageBitmap !== 'function') return file;
  try {
    const bmp = await createImageBitmap(file);
    const scale = Math.min(1, LONG_EDGE / Math.max(bmp.width, bmp.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bmp.width * scale);
    canvas.height = Math.round(bmp.height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) return file;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(bmp, 0, 0, canvas.width, canvas.height);
    bmp.close();
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
    if (!blob || blob.size >= file.size) return file;
    return new File([blob], file.name.replace(/\.\w+$/, '') + '.jpg', { type: 'image/jpeg' });
  } catch {
    return file;
  }
}

const sameIds = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Photo picker for phones: 拍照 opens the rear camera (`capture="environment"`), 相册 picks from
 * the gallery; each photo uploads at once to POST /api/uploads and shows as a thumbnail with a
 * remove button. A failure that may pass later (network, 5xx) offers 重试; a file the server
 * refuses (415, 413 and other 4xx) shows the server's reason and can only be removed. The value is
 * the list of uploaded attachment ids.
 */
export function PhotoUploader({ value, onChange, onBusyChange, max = 9, disabled = false }: PhotoUploaderProps) {
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const mobile = !screens.md;
  const cameraRef = useRef<HTMLInputElement>(null);
  const albumRef = useRef<HTMLInputElement>(null);
  const [tiles, setTiles] = useState<Tile[]>(() => (value ?? []).map((id) => ({ key: id, id, src: attachmentUrl(id), status: 'done' })));
  const emitted = useRef<string[]>(value ?? []);
  const objectUrls = useRef<string[]>([]);

  // the form reset or restored the value: show what it holds
  useEffect(() => {
    const v = value ?? [];
    if (sameIds(v, emitted.current)) return;
    emitted.current = v;
    setTiles((prev) => {
      const pending = prev.filter((p) => p.status !== 'done');
      return [...v.map((id) => prev.find((p) => p.id === id) ?? { key: id, id, src: attachmentUrl(id), status: 'done' as const }), ...(v.length === 0 ? [] : pending)];
    });
  }, [value]);

  // callers often pass inline callbacks: read the latest through refs so effects run on tiles only
  const onChangeRef = useRef(onChange);
  const onBusyRef = useRef(onBusyChange);
  useEffect(() => {
    onChangeRef.current = onChange;
    onBusyRef.current = onBusyChange;
  });
  const busy = tiles.some((p) => p.status === 'uploading');

  // tell the form about uploaded ids
  useEffect(() => {
    const ids = tiles.filter((p) => p.status === 'done' && p.id).map((p) => p.id!);
    if (!sameIds(ids, emitted.current)) {
      emitted.current = ids;
      onChangeRef.current?.(ids);
    }
  }, [tiles]);

  // …and the caller whether uploads are running (so it can hold the submit button)
  useEffect(() => {
    onBusyRef.current?.(busy);
  }, [busy]);

  useEffect(
    () => () => {
      objectUrls.current.forEach((u) => URL.revokeObjectURL(u));
      onBusyRef.current?.(false);
    },
    [],
  );

  const upload = async (key: string, file: File) => {
    setTiles((prev) => prev.map((p) => (p.key === key ? { ...p, status: 'uploading', error: undefined } : p)));
    try {
      const small = await shrinkPhoto(file);
      const att = await uploadFile(small, small.name);
      setTiles((prev) => prev.map((p) => (p.key === key ? { ...p, id: att.id, status: 'done', file: undefined } : p)));
    } catch (e) {
      const msg = e instanceof ApiError ? e.message : t('errors.NETWORK');
      const retryable = isRetryable(e);
      // a refused file is kept only to show why; it can be removed, never resent
      setTiles((prev) => prev.map((p) => (p.key === key ? { ...p, status: 'error', error: msg, retryable, file: retryable ? p.file : undefined } : p)));
      message.error(t('hazards.photo.uploadFailed', { reason: msg }));
    }
  };

  const onFiles = (list: FileList | null) => {
    const files = Array.from(list ?? []);
    if (files.length === 0) return;
    const room = max - tiles.length;
    if (files.length > room) message.warning(t('hazards.photo.tooMany', { max }));
    const chosen = files.slice(0, Math.max(0, room));
    const added = chosen.map((file) => {
      const src = URL.createObjectURL(file);
      objectUrls.current.push(src);
      return { key: randomId(), src, status: 'uploading' as const, file };
    });
    setTiles((prev) => [...prev, ...added]);
    added.forEach((a) => void upload(a.key, a.file));
  };

  const remove = (key: string) => setTiles((prev) => prev.filter((p) => p.key !== key));
  const full = tiles.length >= max;

  const input = (ref: React.RefObject<HTMLInputElement | null>, capture: boolean) => (
    <input
      ref={ref}
      type="file"
      accept="image/*"
      {...(capture ? { capture: 'environment' as const } : {})}
      multiple
      style={{ display: 'none' }}
      tabIndex={-1}
      aria-hidden
      onChange={(e) => {
        onFiles(e.target.files);
        e.target.value = '';
      }}
    />
  );

  return (
    <div className="ll-photos">
      <Image.PreviewGroup>
        {tiles.map((p, i) => (
          <div key={p.key} className="ll-photo-tile">
            {p.status === 'done' ? (
              <Image src={p.src} width={88} height={88} alt={t('hazards.photo.alt', { n: i + 1 })} />
            ) : (
              <img src={p.src} alt={t('hazards.photo.alt', { n: i + 1 })} />
            )}
            {p.status === 'uploading' && (
              <div className="ll-photo-mask" aria-live="polite">
                <Spin size="small" />
                {t('hazards.photo.uploading')}
              </div>
            )}
            {p.status === 'error' &&
              (p.retryable && p.file ? (
                <button type="button" className="ll-photo-mask ll-photo-error" title={p.error} onClick={() => void upload(p.key, p.file!)} data-testid="photo-retry">
                  <ReloadOutlined />
                  {t('hazards.photo.retry')}
                </button>
              ) : (
                <div className="ll-photo-mask ll-photo-error ll-photo-refused" title={p.error} role="alert" data-testid="photo-refused">
                  <ExclamationCircleOutlined />
                  <span className="ll-photo-reason">{p.error}</span>
                </div>
              ))}
            {!disabled && (
              <button type="button" className="ll-photo-remove" aria-label={t('hazards.photo.remove')} onClick={() => remove(p.key)}>
                <CloseOutlined style={{ fontSize: 12 }} />
              </button>
            )}
          </div>
        ))}
      </Image.PreviewGroup>
      {!full && (
        <>
          <button type="button" className="ll-photo-add" disabled={disabled} onClick={() => cameraRef.current?.click()} data-testid="photo-camera">
            <CameraOutlined />
            {mobile ? t('hazards.photo.camera') : t('hazards.photo.add')}
          </button>
          {mobile && (
            <button type="button" className="ll-photo-add" disabled={disabled} onClick={() => albumRef.current?.click()}>
              <PictureOutlined />
              {t('hazards.photo.album')}
            </button>
          )}
        </>
      )}
      {input(cameraRef, true)}
      {input(albumRef, false)}
    </div>
  );
}
