import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Grid, Input, InputNumber, Segmented, Select, Switch, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { DRILL_SCENARIOS, dayjs, t, type DrillCreate, type DrillDetail, type DrillHeld, type DrillScenario, type PlanSummary } from '@lifeline/shared';
import { api, ApiError, newIdempotencyKey, qs } from '../../api/client.ts';
import { useSession } from '../../api/session.tsx';
import { InstitutionPicker } from '../../components/InstitutionPicker.tsx';
import { PhotoUploader } from '../../components/PhotoUploader.tsx';
import { applyApiError } from '../../components/apiErrors.ts';
import { detailState, retryUnlessClientError } from '../../components/DetailState.tsx';
import { DateTimeInput, DurationInput, VideoUploader } from './drillUi.tsx';
import './drills.css';

interface Values {
  institutionId?: string;
  scenario?: DrillScenario;
  title?: string;
  isNight: boolean;
  planId?: string;
  plannedAt?: Dayjs;
  heldAt?: Dayjs;
  staffCount?: number;
  residentCount?: number;
  nonAmbulatoryCount?: number;
  nonAmbulatoryMethod?: string;
  evacuationSeconds?: number | null;
  exitsUsed?: string;
  routesUsed?: string;
  lifePassageBlocked: boolean;
  notes?: string;
  photoIds: string[];
  videoIds: string[];
}

const FIELDS = ['institutionId', 'scenario', 'title', 'isNight', 'planId', 'plannedAt', 'heldAt', 'staffCount', 'residentCount', 'nonAmbulatoryCount', 'nonAmbulatoryMethod', 'evacuationSeconds', 'exitsUsed', 'routesUsed', 'lifePassageBlocked', 'notes', 'photoIds', 'videoIds'] as const;

/** Server errors of the one-step record come back under `held.*`: map them onto the form's flat fields. */
function flattenHeld(e: unknown): unknown {
  if (e instanceof ApiError && Array.isArray(e.details)) {
    return new ApiError(e.status, e.code, e.message, e.details.map((d) => ({ ...d, path: d.path.replace(/^held\./, '') })));
  }
  return e;
}

/**
 * 登记演练 — phone-first: an institution safety officer records a drill right after it, on a
 * phone (big inputs, evacuation time as minutes + seconds, photos from the camera). Two modes on
 * /drills/new: record a drill just held (one step) or plan one; /drills/:id/record records a
 * planned drill. One Idempotency-Key per submission, kept across retries, so a flaky network never
 * records it twice.
 */
export default function DrillFormPage() {
  const { id } = useParams();
  const recordingPlanned = !!id;
  const { me } = useSession();
  const fixedInstitution = me?.role === 'institution_officer' ? (me.institutionId ?? undefined) : undefined;
  const { message } = App.useApp();
  const nav = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const mobile = !Grid.useBreakpoint().md;
  const [mode, setMode] = useState<'record' | 'plan'>('record');
  const [uploading, setUploading] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [idemKey] = useState(newIdempotencyKey);
  const institutionId = Form.useWatch('institutionId', form) ?? fixedInstitution;
  const blocked = Form.useWatch('lifePassageBlocked', form);
  const residents = Form.useWatch('residentCount', form);

  const existing = useQuery({
    queryKey: ['drill', id],
    queryFn: () => api<DrillDetail>(`/api/drills/${id}`),
    enabled: recordingPlanned,
    retry: retryUnlessClientError,
  });
  const plans = useQuery({
    queryKey: ['plans', 'of', institutionId],
    queryFn: () => api<{ items: PlanSummary[] }>(`/api/plans${qs({ institutionId, pageSize: 200 })}`),
    enabled: !!institutionId && !recordingPlanned && mode === 'plan',
  });

  if (recordingPlanned) {
    const fb = detailState(existing);
    if (fb) return fb;
  }
  const planned = existing.data;
  const recording = recordingPlanned || mode === 'record';

  const heldBody = (v: Values): DrillHeld => ({
    heldAt: v.heldAt!.toISOString(),
    staffCount: v.staffCount ?? 0,
    residentCount: v.residentCount ?? 0,
    nonAmbulatoryCount: v.nonAmbulatoryCount ?? 0,
    nonAmbulatoryMethod: v.nonAmbulatoryMethod?.trim() ?? '',
    evacuationSeconds: v.evacuationSeconds ?? 0,
    exitsUsed: v.exitsUsed?.trim() ?? '',
    routesUsed: v.routesUsed?.trim() ?? '',
    lifePassageBlocked: !!v.lifePassageBlocked,
    notes: v.notes?.trim() ?? '',
    photoIds: v.photoIds ?? [],
    videoIds: v.videoIds ?? [],
  });

  const onFinish = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      let d: DrillDetail;
      if (recordingPlanned) {
        d = await api<DrillDetail>(`/api/drills/${id}/record`, { method: 'POST', json: heldBody(v), idempotencyKey: idemKey });
      } else {
        const body: DrillCreate = {
          institutionId: v.institutionId ?? fixedInstitution!,
          scenario: v.scenario!,
          title: v.title?.trim() ?? '',
          isNight: !!v.isNight,
          ...(mode === 'plan' ? { plannedAt: v.plannedAt!.toISOString(), planId: v.planId ?? null } : { held: heldBody(v) }),
        };
        d = await api<DrillDetail>('/api/drills', { method: 'POST', json: body, idempotencyKey: idemKey });
      }
      qc.setQueryData(['drill', d.id], d);
      void qc.invalidateQueries({ queryKey: ['drills'] });
      message.success(recording ? t('drills.form.created') : t('drills.form.planned'));
      nav(`/drills/${d.id}`, { replace: true });
      window.scrollTo({ top: 0 });
    } catch (e) {
      setError(applyApiError(flattenHeld(e), form, FIELDS));
      if (e instanceof ApiError && e.status === 0) setError(t('drills.form.networkRetry'));
    } finally {
      setBusy(false);
    }
  };

  const now = dayjs();
  const big = mobile ? ('large' as const) : ('middle' as const);
  const count = (name: 'staffCount' | 'residentCount' | 'nonAmbulatoryCount', label: string, extraRules: object[] = []) => (
    <Form.Item name={name} label={label} rules={[{ required: true, message: t('drills.rule.count') }, ...extraRules]}>
      <InputNumber size="large" min={0} max={100000} precision={0} inputMode="numeric" style={{ width: '100%' }} suffix={t('drills.unit.people')} data-testid={`drill-${name}`} />
    </Form.Item>
  );

  return (
    <div style={{ maxWidth: 760, margin: '0 auto' }}>
      <div className="page-header">
        <h2>{recordingPlanned ? t('drills.form.recordTitle') : t('drills.form.newTitle')}</h2>
      </div>
      <Card size={mobile ? 'small' : undefined}>
        {!recordingPlanned && (
          <Segmented
            block
            size={big}
            value={mode}
            onChange={(v) => setMode(v as 'record' | 'plan')}
            options={[
              { value: 'record', label: t('drills.form.mode.record') },
              { value: 'plan', label: t('drills.form.mode.plan') },
            ]}
            style={{ marginBottom: 16 }}
            data-testid="drill-mode"
          />
        )}
        {recording && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
            {t('drills.form.intro')}
          </Typography.Paragraph>
        )}
        {planned && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={`${planned.institutionName} · ${planned.title || t(`drillScenario.${planned.scenario}`)}`}
            description={`${t(`drillScenario.${planned.scenario}`)}${planned.isNight ? ` · ${t('drills.value.night')}` : ''}`}
          />
        )}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="drill-form-error" />}
        <Form<Values>
          form={form}
          layout="vertical"
          size={big}
          onFinish={(v) => void onFinish(v)}
          scrollToFirstError={{ block: 'center' }}
          initialValues={{ institutionId: fixedInstitution, isNight: false, lifePassageBlocked: false, photoIds: [], videoIds: [], nonAmbulatoryCount: 0, heldAt: planned ? dayjs(planned.plannedAt).isBefore(now) ? dayjs(planned.plannedAt) : undefined : undefined }}
        >
          {!recordingPlanned && (
            <>
              <Form.Item name="institutionId" label={t('drills.field.institution')} rules={[{ required: true, message: t('drills.rule.institution') }]}>
                <InstitutionPicker size={big} />
              </Form.Item>
              <Form.Item name="scenario" label={t('drills.field.scenario')} rules={[{ required: true, message: t('drills.rule.scenario') }]}>
                <Select placeholder={t('drills.rule.scenario')} options={DRILL_SCENARIOS.map((s) => ({ value: s, label: t(`drillScenario.${s}`) }))} data-testid="drill-scenario" />
              </Form.Item>
              <Form.Item name="title" label={t('drills.field.title')} rules={[{ max: 100 }]}>
                <Input maxLength={100} placeholder={t('drills.form.titlePlaceholder')} />
              </Form.Item>
              <Form.Item name="isNight" label={t('drills.field.isNight')} valuePropName="checked">
                <Switch data-testid="drill-night" />
              </Form.Item>
            </>
          )}
          {mode === 'plan' && !recordingPlanned && (
            <>
              <Form.Item name="plannedAt" label={t('drills.field.plannedAt')} rules={[{ required: true, message: t('drills.rule.time') }]}>
                <DateTimeInput />
              </Form.Item>
              <Form.Item name="planId" label={t('drills.field.plan')}>
                <Select
                  allowClear
                  loading={plans.isLoading}
                  placeholder={t('drills.value.noPlan')}
                  options={(plans.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.title}（${t(`planKind.${p.kind}`)}）` }))}
                />
              </Form.Item>
            </>
          )}
          {recording && (
            <>
              <Form.Item
                name="heldAt"
                label={t('drills.field.heldAt')}
                rules={[
                  { required: true, message: t('drills.rule.time') },
                  { validator: (_, v?: Dayjs) => (v && v.isAfter(dayjs().add(2, 'minute')) ? Promise.reject(new Error(t('drills.rule.future'))) : Promise.resolve()) },
                ]}
              >
                <DateTimeInput max={now} data-testid="drill-heldAt" />
              </Form.Item>
              <div className="dr-grid2">
                {count('staffCount', t('drills.field.staffCount'))}
                {count('residentCount', t('drills.field.residentCount'))}
              </div>
              {count('nonAmbulatoryCount', t('drills.field.nonAmbulatoryCount'), [
                { validator: (_: unknown, v?: number) => (v != null && residents != null && v > residents ? Promise.reject(new Error(t('drills.rule.nonAmbulatory'))) : Promise.resolve()) },
              ])}
              <Form.Item name="nonAmbulatoryMethod" label={t('drills.field.nonAmbulatoryMethod')} rules={[{ max: 500 }]}>
                <Input maxLength={500} placeholder={t('drills.form.methodPlaceholder')} />
              </Form.Item>
              <Form.Item
                name="evacuationSeconds"
                label={t('drills.field.evacuation')}
                extra={t('drills.field.evacuationHelp')}
                rules={[
                  { required: true, message: t('drills.rule.evacuation') },
                  { validator: (_, v?: number | null) => (v != null && (v < 1 || v > 86400) ? Promise.reject(new Error(t('drills.rule.evacuationRange'))) : Promise.resolve()) },
                ]}
              >
                <DurationInput />
              </Form.Item>
              <Form.Item name="exitsUsed" label={t('drills.field.exitsUsed')} rules={[{ max: 500 }]}>
                <Input maxLength={500} placeholder={t('drills.form.exitsPlaceholder')} />
              </Form.Item>
              <Form.Item name="routesUsed" label={t('drills.field.routesUsed')} rules={[{ max: 500 }]}>
                <Input maxLength={500} placeholder={t('drills.form.routesPlaceholder')} />
              </Form.Item>
              <Form.Item name="lifePassageBlocked" label={t('drills.field.lifePassageBlocked')} extra={t('drills.field.lifePassageBlockedHelp')} valuePropName="checked">
                <Switch data-testid="drill-blocked" />
              </Form.Item>
              {blocked && <Alert type="warning" showIcon title={t('drills.form.blockedHint')} style={{ marginTop: -8, marginBottom: 16 }} />}
              <Form.Item name="notes" label={t('drills.field.notes')} rules={[{ max: 2000 }]}>
                <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} placeholder={t('drills.form.notesPlaceholder')} data-testid="drill-notes" />
              </Form.Item>
              <Form.Item name="photoIds" label={t('drills.field.photos')}>
                <PhotoUploader onBusyChange={setUploading} />
              </Form.Item>
              <Form.Item name="videoIds" label={t('drills.field.videos')}>
                <VideoUploader onBusyChange={setUploading} />
              </Form.Item>
            </>
          )}
          <Button type="primary" htmlType="submit" block size="large" loading={busy} disabled={uploading} data-testid="drill-submit">
            {uploading ? t('drills.form.waitUpload') : recording ? t('drills.form.submitRecord') : t('drills.form.submitPlan')}
          </Button>
          <Button type="link" block onClick={() => nav(-1)} style={{ marginTop: 8 }}>
            {t('common.cancel')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
