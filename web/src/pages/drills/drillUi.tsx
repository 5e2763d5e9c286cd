import { useState } from 'react';
import { App, Button, DatePicker, Grid, Input, InputNumber, Space, Spin, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { CloseOutlined, VideoCameraAddOutlined } from '@ant-design/icons';
import { dayjs, t, type DrillStatus } from '@lifeline/shared';
import { api, ApiError } from '../../api/client.ts';

/** Colours of a drill's status: 计划中 blue, 已举行 green, 已取消 grey. */
const STATUS_COLOR: Record<DrillStatus, string> = { planned: 'blue', held: 'green', cancelled: 'default' };

/** A drill's status as a coloured tag. */
export function DrillStatusTag({ status }: { status: DrillStatus }) {
  return (
    <Tag color={STATUS_COLOR[status]} style={{ marginInlineEnd: 0 }}>
      {t(`drillStatus.${status}`)}
    </Tag>
  );
}

/** 夜间 tag (night drills are counted separately). */
export function NightTag() {
  return (
    <Tag color="geekblue" style={{ marginInlineEnd: 0 }}>
      {t('drills.value.night')}
    </Tag>
  );
}

/** Seconds as "M 分 S 秒" (or "S 秒" under a minute); an em dash when unknown. */
export function formatSeconds(s: number | null | undefined): string {
  if (s == null) return t('drills.value.none');
  if (s < 60) return t('drills.value.seconds', { s });
  return t('drills.value.minSec', { m: Math.floor(s / 60), s: s % 60 });
}

/**
 * Evacuation time as minutes + seconds (phones: two big numeric inputs) — an antd Form control
 * whose value is the total in seconds.
 */
export function DurationInput({ value, onChange, id }: { value?: number | null; onChange?: (v: number | null) => void; id?: string }) {
  const [m, setM] = useState<number | null>(value != null ? Math.floor(value / 60) : null);
  const [s, setS] = useState<number | null>(value != null ? value % 60 : null);
  const emit = (mm: number | null, ss: number | null) => onChange?.(mm == null && ss == null ? null : (mm ?? 0) * 60 + (ss ?? 0));
  return (
    <Space.Compact block>
      <InputNumber
        id={id}
        size="large"
        min={0}
        max={1440}
        precision={0}
        inputMode="numeric"
        value={m}
        onChange={(v) => {
          setM(v);
          emit(v, s);
        }}
        suffix={t('drills.duration.minutes')}
        style={{ width: '50%' }}
        data-testid="drill-minutes"
      />
      <InputNumber
        size="large"
        min={0}
        max={59}
        precision={0}
        inputMode="numeric"
        value={s}
        onChange={(v) => {
          setS(v);
          emit(m, v);
        }}
        suffix={t('drills.duration.seconds')}
        style={{ width: '50%' }}
        data-testid="drill-seconds"
      />
    </Space.Compact>
  );
}

interface VideoItem {
  id: string;
  name: string;
}

/**
 * Picks and uploads short drill videos (POST /api/uploads?kind=video, mp4/webm); the value is the
 * list of attachment ids. Big files stream to the server, so no client-side processing.
 */
export function VideoUploader({ value, onChange, onBusyChange, max = 3 }: { value?: string[]; onChange?: (ids: string[]) => void; onBusyChange?: (b: boolean) => void; max?: number }) {
  const { message } = App.useApp();
  const [items, setItems] = useState<VideoItem[]>(() => (value ?? []).map((id) => ({ id, name: id })));
  const [busy, setBusy] = useState(false);
  const set = (next: VideoItem[]) => {
    setItems(next);
    onChange?.(next.map((i) => i.id));
  };
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    onBusyChange?.(true);
    try {
      const fd = new FormData();
      fd.append('file', file, file.name);
      const att = await api<{ id: string; originalName: string }>('/api/uploads?kind=video', { method: 'POST', body: fd });
      set([...items, { id: att.id, name: att.originalName }]);
    } catch (e) {
      message.error(t('drills.video.failed', { reason: e instanceof ApiError ? e.message : t('errors.NETWORK') }));
    } finally {
      setBusy(false);
      onBusyChange?.(false);
    }
  };
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
      {items.map((v) => (
        <div key={v.id} style={{ display: 'flex', alignItems: 'center', gap: 8, minWidth: 0 }}>
          <VideoCameraAddOutlined />
          <span style={{ flex: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{v.name}</span>
          <Button size="small" type="text" icon={<CloseOutlined />} aria-label={t('drills.video.remove')} onClick={() => set(items.filter((x) => x.id !== v.id))} />
        </div>
      ))}
      {items.length < max && (
        <label style={{ display: 'inline-flex' }}>
          <input type="file" accept="video/mp4,video/webm,video/*" style={{ display: 'none' }} onChange={(e) => { void onFile(e.target.files?.[0]); e.target.value = ''; }} />
          <Button icon={<VideoCameraAddOutlined />} disabled={busy} onClick={(e) => (e.currentTarget.previousElementSibling as HTMLInputElement | null)?.click()}>
            {busy ? <Spin size="small" /> : null} {busy ? t('drills.video.uploading') : t('drills.video.add')}
          </Button>
        </label>
      )}
    </div>
  );
}

/**
 * A date and time (an antd Form control whose value is a Dayjs). Phones get the native
 * `datetime-local` input (the system's wheel picker fits any screen); desktops the antd picker.
 * @param max latest allowed value (e.g. now, for a held time)
 */
export function DateTimeInput({ value, onChange, id, max, ...rest }: { value?: Dayjs | null; onChange?: (v: Dayjs | null) => void; id?: string; max?: Dayjs; 'data-testid'?: string }) {
  const mobile = !Grid.useBreakpoint().md;
  if (mobile) {
    return (
      <Input
        id={id}
        type="datetime-local"
        size="large"
        value={value ? value.format('YYYY-MM-DDTHH:mm') : ''}
        max={max?.format('YYYY-MM-DDTHH:mm')}
        onChange={(e) => onChange?.(e.target.value ? dayjs(e.target.value) : null)}
        data-testid={rest['data-testid']}
      />
    );
  }
  return (
    <DatePicker
      id={id}
      showTime={{ format: 'HH:mm' }}
      format="YYYY-MM-DD HH:mm"
      inputReadOnly
      style={{ width: '100%' }}
      value={value ?? null}
      onChange={(d) => onChange?.(d)}
      disabledDate={max ? (d) => d.isAfter(max, 'day') : undefined}
      data-testid={rest['data-testid']}
    />
  );
}
