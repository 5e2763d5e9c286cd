import { useEffect, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Form, Grid, Input, InputNumber, Radio, Select, Typography } from 'antd';
import { ArrowLeftOutlined, SaveOutlined } from '@ant-design/icons';
import { REGULATIONS, ROLE_SCOPE, STUDY_KINDS, dayjs, localDate, t, type RegulationCode, type StudyKind, type StudySessionDetail } from '@lifeline/shared';
import { api, newIdempotencyKey } from '../../api/client.ts';
import { useSession } from '../../api/session.tsx';
import { applyApiError } from '../../components/apiErrors.ts';
import { detailState, retryUnlessClientError } from '../../components/DetailState.tsx';
import { InstitutionPicker } from '../../components/InstitutionPicker.tsx';
import { PhotoUploader } from '../../components/PhotoUploader.tsx';
import './study.css';

interface Values {
  unit?: 'township' | 'institution';
  institutionId?: string;
  kind?: StudyKind;
  heldOn?: dayjs.Dayjs;
  organiser?: string;
  topic?: string;
  regulations?: RegulationCode[];
  participantCount?: number | null;
  participantNames?: string[];
  notes?: string;
  photoIds?: string[];
}
const FIELDS = ['institutionId', 'kind', 'heldOn', 'organiser', 'topic', 'regulations', 'participantCount', 'participantNames', 'notes', 'photoIds'] as const;

/**
 * 登记 / 修改学习培训活动, phone first: the unit (a township officer picks 本乡镇 or one of its
 * institutions; others record for their own level), form, date (not in the future), topic,
 * regulations studied, head count and optional names, notes and photos. A create carries one
 * Idempotency-Key per attempt, so a retried tap on a weak network records it once.
 */
export default function StudyFormPage() {
  const { id } = useParams();
  const editing = !!id;
  const q = useQuery({ queryKey: ['study-session', id], queryFn: () => api<StudySessionDetail>(`/api/study-sessions/${id}`), enabled: editing, retry: retryUnlessClientError });
  if (editing) {
    const fallback = detailState(q);
    if (fallback) return fallback;
  }
  return <StudyForm existing={editing ? q.data : undefined} />;
}

function StudyForm({ existing }: { existing?: StudySessionDetail | undefined }) {
  const { me } = useSession();
  const nav = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const mobile = !Grid.useBreakpoint().md;
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const attempt = useRef<{ key: string; body: string } | null>(null);
  const scope = me ? ROLE_SCOPE[me.role] : 'institution';
  const unit = Form.useWatch('unit', form);
  const names = Form.useWatch('participantNames', form) ?? [];

  useEffect(() => {
    if (!existing) return;
    form.setFieldsValue({
      kind: existing.kind,
      heldOn: dayjs(existing.heldOn),
      organiser: existing.organiser,
      topic: existing.topic,
      regulations: existing.regulations,
      participantCount: existing.participantCount,
      participantNames: existing.participantNames,
      notes: existing.notes,
    });
  }, [existing, form]);

  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    if (uploading) return setError(t('study.form.waitUploads'));
    const common = {
      kind: v.kind,
      heldOn: v.heldOn!.format('YYYY-MM-DD'),
      organiser: (v.organiser ?? '').trim(),
      topic: (v.topic ?? '').trim(),
      regulations: v.regulations ?? [],
      participantCount: v.participantCount ?? 0,
      participantNames: (v.participantNames ?? []).map((n) => n.trim()).filter(Boolean),
      notes: (v.notes ?? '').trim(),
      photoIds: v.photoIds ?? [],
    };
    setBusy(true);
    setError(null);
    try {
      let saved: StudySessionDetail;
      if (existing) {
        saved = await api<StudySessionDetail>(`/api/study-sessions/${existing.id}`, { method: 'PATCH', json: common });
      } else {
        const payload = scope === 'township' && v.unit === 'institution' ? { ...common, institutionId: v.institutionId } : common;
        const body = JSON.stringify(payload);
        if (!attempt.current || attempt.current.body !== body) attempt.current = { key: newIdempotencyKey(), body };
        saved = await api<StudySessionDetail>('/api/study-sessions', { method: 'POST', json: payload, idempotencyKey: attempt.current.key });
        attempt.current = null;
      }
      qc.setQueryData(['study-session', saved.id], saved);
      void qc.invalidateQueries({ queryKey: ['study-sessions'] });
      void qc.invalidateQueries({ queryKey: ['study-coverage'] });
      message.success(existing ? t('study.form.saved') : t('study.form.recorded'));
      nav(`/study/${saved.id}`, { replace: true });
    } catch (e) {
      setError(applyApiError(e, form, FIELDS));
    } finally {
      setBusy(false);
    }
  };

  const unitText = existing ? existing.unitName : scope === 'county' ? t('study.level.county') : scope === 'institution' ? (me?.institutionName ?? '') : (me?.townshipName ?? '');

  return (
    <div className="st-page" style={{ maxWidth: 720 }}>
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => (window.history.length > 1 ? nav(-1) : nav('/study'))} style={{ paddingInline: 0, marginBottom: 8 }}>
        {t('study.back')}
      </Button>
      <Card size={mobile ? 'small' : undefined} title={existing ? t('study.edit.title') : t('study.new.title')}>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="study-form-error" />}
        <Form form={form} layout="vertical" requiredMark={false} initialValues={{ unit: 'township', heldOn: dayjs(localDate(new Date())), regulations: [], participantNames: [], photoIds: [] }}>
          {!existing && scope === 'township' ? (
            <>
              <Form.Item name="unit" label={t('study.form.unit')}>
                <Radio.Group
                  optionType="button"
                  options={[
                    { value: 'township', label: t('study.form.unitTownship', { name: me?.townshipName ?? '' }) },
                    { value: 'institution', label: t('study.form.unitInstitution') },
                  ]}
                />
              </Form.Item>
              {unit === 'institution' && (
                <Form.Item name="institutionId" label={t('study.form.institution')} rules={[{ required: true, message: t('study.rule.institution') }]}>
                  <InstitutionPicker placeholder={t('study.form.institution')} />
                </Form.Item>
              )}
            </>
          ) : (
            <Typography.Paragraph type="secondary" data-testid="study-unit">
              {t('study.form.unitFixed', { name: unitText })}
            </Typography.Paragraph>
          )}
          <Form.Item name="kind" label={t('study.col.kind')} rules={[{ required: true, message: t('study.rule.kind') }]}>
            <Select options={STUDY_KINDS.map((k) => ({ value: k, label: t(`studyKind.${k}`) }))} placeholder={t('study.form.kindPlaceholder')} data-testid="study-kind" />
          </Form.Item>
          <Form.Item name="heldOn" label={t('study.col.heldOn')} rules={[{ required: true, message: t('study.rule.heldOn') }]}>
            <DatePicker style={{ width: '100%' }} inputReadOnly={mobile} disabledDate={(d) => d.format('YYYY-MM-DD') > localDate(new Date())} />
          </Form.Item>
          <Form.Item name="topic" label={t('study.col.topic')} rules={[{ required: true, whitespace: true, message: t('study.rule.topic') }, { max: 200, message: t('hazards.rule.max', { n: 200 }) }]}>
            <Input maxLength={200} placeholder={t('study.form.topicPlaceholder')} data-testid="study-topic" />
          </Form.Item>
          <Form.Item name="organiser" label={t('study.col.organiser')} rules={[{ max: 100, message: t('hazards.rule.max', { n: 100 }) }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="regulations" label={t('study.col.regulations')} extra={t('study.form.regulationsHint')}>
            <Select mode="multiple" options={REGULATIONS.map((r) => ({ value: r, label: t(`regulation.${r}`) }))} showSearch={{ optionFilterProp: 'label' }} data-testid="study-regulations" />
          </Form.Item>
          <Form.Item
            name="participantCount"
            label={t('study.col.participants')}
            rules={[
              { required: true, message: t('study.rule.participants') },
              { type: 'number', min: Math.max(0, names.length), max: 100000, message: names.length ? t('study.rule.participantsNames', { n: names.length }) : t('study.rule.participantsRange') },
            ]}
          >
            <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} inputMode="numeric" data-testid="study-participants" />
          </Form.Item>
          <Form.Item name="participantNames" label={t('study.form.names')} extra={t('study.form.namesHint')}>
            <Select mode="tags" tokenSeparators={[',', '，', '、', ';', '；', '\n']} open={false} suffixIcon={null} maxCount={1000} data-testid="study-names" />
          </Form.Item>
          <Form.Item name="notes" label={t('study.col.notes')} rules={[{ max: 2000, message: t('hazards.rule.max', { n: 2000 }) }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} />
          </Form.Item>
          <Form.Item name="photoIds" label={existing ? t('study.form.morePhotos') : t('study.form.photos')}>
            <PhotoUploader max={9} onBusyChange={setUploading} />
          </Form.Item>
        </Form>
        <Button type="primary" icon={<SaveOutlined />} block={mobile} size={mobile ? 'large' : 'middle'} loading={busy} disabled={uploading} onClick={() => void save()} data-testid="study-save">
          {existing ? t('study.form.save') : t('study.form.record')}
        </Button>
      </Card>
    </div>
  );
}
