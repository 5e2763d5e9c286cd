import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Form, Grid, Input, Segmented, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { HAZARD_CATEGORIES, dayjs, localDate, t, type HazardCategory, type HazardCreate, type HazardDetail, type HazardLevel } from '@lifeline/shared';
import { api, ApiError, newIdempotencyKey } from '../../api/client.ts';
import { useSession } from '../../api/session.tsx';
import { InstitutionPicker } from '../../components/InstitutionPicker.tsx';
import { PhotoUploader } from '../../components/PhotoUploader.tsx';
import { applyApiError } from '../../components/apiErrors.ts';
import { useDeadlineDays } from '../../components/settingsQueries.ts';
import { clearHazardDraft, hasContent, loadHazardDraft, saveHazardDraft, type HazardDraft } from './hazardDraft.ts';
import './hazards.css';

interface Values {
  institutionId?: string;
  level: HazardLevel;
  category?: HazardCategory;
  title: string;
  location?: string;
  description?: string;
  responsiblePerson?: string;
  rectificationMeasures?: string;
  deadline: Dayjs;
  photoIds: string[];
}

const FIELDS = ['institutionId', 'level', 'category', 'title', 'location', 'description', 'responsiblePerson', 'rectificationMeasures', 'deadline', 'photoIds'] as const;

/** The typed fields of the form as a draft to keep (photos are not kept). */
function toDraft(v: Partial<Values>, deadlinePicked: boolean): HazardDraft {
  return {
    v: 1,
    institutionId: v.institutionId,
    level: v.level,
    category: v.category,
    title: v.title,
    location: v.location,
    description: v.description,
    responsiblePerson: v.responsiblePerson,
    rectificationMeasures: v.rectificationMeasures,
    deadline: deadlinePicked && v.deadline ? v.deadline.format('YYYY-MM-DD') : undefined,
    deadlinePicked,
  };
}

/**
 * 随手拍: register a hazard on the spot from a phone — institution, level, category, what and
 * where, who fixes it by when, and photos straight from the camera. One Idempotency-Key per
 * submission, kept across retries, so a flaky network never files it twice. The typed fields are
 * kept in sessionStorage while editing (hazardDraft.ts), so a session that expires mid-form comes
 * back filled in after the login; a successful submit forgets them.
 */
export default function HazardNewPage() {
  const { me } = useSession();
  const userId = me?.id ?? 'anon';
  const fixedInstitution = me?.role === 'institution_officer' ? (me.institutionId ?? undefined) : undefined;
  const { message } = App.useApp();
  const nav = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const mobile = !Grid.useBreakpoint().md;
  const [uploading, setUploading] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [idemKey] = useState(newIdempotencyKey);
  const level = Form.useWatch('level', form);
  const today = localDate(new Date());
  const days = useDeadlineDays();
  const defaultDays = days[level ?? 'general'];

  // what this user typed here before the page was left (e.g. the session expired), if anything
  const [restored] = useState(() => {
    const d = loadHazardDraft(userId);
    return hasContent(d) ? d : null;
  });
  const [showRestored, setShowRestored] = useState(!!restored);
  const restoredDeadline = restored?.deadlinePicked && restored.deadline && restored.deadline >= today ? restored.deadline : undefined;
  const deadlinePicked = useRef(!!restoredDeadline);

  // the default deadline follows the level (and the bureau's setting) until the user picks a date
  useEffect(() => {
    if (!form.isFieldTouched('deadline') && !deadlinePicked.current) form.setFieldValue('deadline', dayjs(today).add(defaultDays, 'day'));
  }, [defaultDays, today, form]);

  const discardDraft = () => {
    clearHazardDraft(userId);
    deadlinePicked.current = false;
    setShowRestored(false);
    form.setFieldsValue({
      institutionId: fixedInstitution,
      level: 'general',
      category: undefined,
      title: undefined,
      location: undefined,
      description: undefined,
      rectificationMeasures: undefined,
      responsiblePerson: undefined,
      deadline: dayjs(today).add(days.general, 'day'),
    });
  };

  const onFinish = async (v: Values) => {
    setBusy(true);
    setError(null);
    const body: HazardCreate = {
      institutionId: v.institutionId!,
      level: v.level,
      category: v.category!,
      title: v.title.trim(),
      location: v.location?.trim() ?? '',
      description: v.description?.trim() ?? '',
      responsiblePerson: v.responsiblePerson?.trim() ?? '',
      rectificationMeasures: v.rectificationMeasures?.trim() ?? '',
      deadline: v.deadline.format('YYYY-MM-DD'),
      photoIds: v.photoIds ?? [],
    };
    try {
      const h = await api<HazardDetail>('/api/hazards', { method: 'POST', json: body, idempotencyKey: idemKey });
      clearHazardDraft(userId);
      qc.setQueryData(['hazard', h.id], h);
      void qc.invalidateQueries({ queryKey: ['hazards'] });
      message.success(t('hazards.new.created', { code: h.code }));
      nav(`/hazards/${h.id}`, { replace: true });
      window.scrollTo({ top: 0 });
    } catch (e) {
      setError(applyApiError(e, form, FIELDS));
      if (e instanceof ApiError && e.status === 0) setError(t('hazards.new.networkRetry'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ maxWidth: 760, margin: '0 auto' }}>
      <div className="page-header">
        <h2>{t('hazards.new.title')}</h2>
      </div>
      <Card size={mobile ? 'small' : undefined}>
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {t('hazards.new.intro')}
        </Typography.Paragraph>
        {showRestored && (
          <Alert
            type="info"
            showIcon
            title={t('hazards.new.restored')}
            closable={{ onClose: () => setShowRestored(false) }}
            action={
              <Button size="small" onClick={discardDraft}>
                {t('hazards.new.discardDraft')}
              </Button>
            }
            style={{ marginBottom: 16 }}
            data-testid="hazard-draft-restored"
          />
        )}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="hazard-new-error" />}
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={(v) => void onFinish(v)}
          onValuesChange={(changed: Partial<Values>, all: Values) => {
            if ('deadline' in changed) deadlinePicked.current = true;
            if ('photoIds' in changed && Object.keys(changed).length === 1) return;
            saveHazardDraft(userId, toDraft(all, deadlinePicked.current));
          }}
          scrollToFirstError={{ block: 'center' }}
          initialValues={{
            institutionId: fixedInstitution ?? restored?.institutionId,
            level: restored?.level ?? 'general',
            category: restored?.category,
            title: restored?.title,
            location: restored?.location,
            description: restored?.description,
            rectificationMeasures: restored?.rectificationMeasures,
            responsiblePerson: restored?.responsiblePerson,
            deadline: restoredDeadline ? dayjs(restoredDeadline) : dayjs(today).add(defaultDays, 'day'),
            photoIds: [],
          }}
        >
          <Form.Item name="photoIds" label={t('hazards.field.photos')} extra={t('hazards.new.photosHelp')}>
            <PhotoUploader onBusyChange={setUploading} />
          </Form.Item>
          <Form.Item name="institutionId" label={t('hazards.field.institution')} rules={[{ required: true, message: t('hazards.rule.institution') }]}>
            <InstitutionPicker />
          </Form.Item>
          <Form.Item name="title" label={t('hazards.field.title')} rules={[{ required: true, whitespace: true, message: t('hazards.rule.title') }, { max: 100, message: t('hazards.rule.max', { n: 100 }) }]}>
            <Input placeholder={t('hazards.new.titlePlaceholder')} maxLength={100} showCount />
          </Form.Item>
          <Form.Item name="level" label={t('hazards.field.level')} rules={[{ required: true, message: t('hazards.rule.level') }]}>
            <Segmented block options={[{ value: 'general', label: t('hazardLevel.general') }, { value: 'major', label: t('hazardLevel.major') }]} />
          </Form.Item>
          {level === 'major' && <Alert type="warning" showIcon title={t('hazards.new.majorNotice')} style={{ marginTop: -8, marginBottom: 16 }} />}
          <Form.Item name="category" label={t('hazards.field.category')} rules={[{ required: true, message: t('hazards.rule.category') }]}>
            <Select placeholder={t('hazards.rule.category')} options={HAZARD_CATEGORIES.map((c) => ({ value: c, label: t(`hazardCategory.${c}`) }))} />
          </Form.Item>
          <Form.Item name="location" label={t('hazards.field.location')} rules={[{ max: 200, message: t('hazards.rule.max', { n: 200 }) }]}>
            <Input placeholder={t('hazards.new.locationPlaceholder')} maxLength={200} />
          </Form.Item>
          <Form.Item name="description" label={t('hazards.field.description')} rules={[{ max: 2000, message: t('hazards.rule.max', { n: 2000 }) }]}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} placeholder={t('hazards.new.descriptionPlaceholder')} />
          </Form.Item>
          <Form.Item name="rectificationMeasures" label={t('hazards.field.measures')} rules={[{ max: 2000, message: t('hazards.rule.max', { n: 2000 }) }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} />
          </Form.Item>
          <Form.Item name="responsiblePerson" label={t('hazards.field.responsiblePerson')} rules={[{ max: 40, message: t('hazards.rule.max', { n: 40 }) }]}>
            <Input maxLength={40} autoComplete="name" />
          </Form.Item>
          <Form.Item
            name="deadline"
            label={t('hazards.field.deadline')}
            extra={t('hazards.new.deadlineHelp', { n: defaultDays })}
            rules={[{ required: true, message: t('hazards.rule.deadline') }]}
          >
            <DatePicker format="YYYY-MM-DD" inputReadOnly style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') < today} allowClear={false} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy} disabled={uploading} data-testid="hazard-submit">
            {uploading ? t('hazards.photo.waitUpload') : t('hazards.new.submit')}
          </Button>
          <Button
            type="link"
            block
            onClick={() => {
              clearHazardDraft(userId);
              nav(-1);
            }}
            style={{ marginTop: 8 }}
          >
            {t('common.cancel')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
