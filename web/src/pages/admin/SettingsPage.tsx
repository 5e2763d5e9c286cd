import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, InputNumber, Select, Skeleton, Typography } from 'antd';
import { t } from '@lifeline/shared';
import { api, ApiError } from '../../api/client.ts';
import { useSession } from '../../api/session.tsx';

interface Settings {
  'hazard.defaultDeadlineDays': { general: number; major: number };
  'hazard.maxDeadlineDays': number;
  'campaign.reminderDaysBefore': number[];
}

interface FormValues {
  general: number;
  major: number;
  max: number;
}

/** Reminder offsets the admin may pick: 1–30 days before a campaign task's deadline. */
const REMINDER_DAY_OPTIONS = Array.from({ length: 30 }, (_, i) => ({ value: i + 1, label: t('admin.settings.reminderDayOption', { n: i + 1 }) }));

/**
 * 专项活动截止提醒: the days before a task's deadline on which units that still owe it are
 * reminded (setting `campaign.reminderDaysBefore`, saved on its own).
 */
function ReminderSettings({ value, editable }: { value: number[] | undefined; editable: boolean }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ days: number[] }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (value) form.setFieldsValue({ days: value });
  }, [value, form]);

  const save = async (v: { days: number[] }) => {
    setBusy(true);
    setError(null);
    try {
      const days = [...new Set(v.days ?? [])].sort((a, b) => b - a);
      await api('/api/settings', { method: 'PUT', json: { 'campaign.reminderDaysBefore': days } });
      await qc.invalidateQueries({ queryKey: ['settings'] });
      message.success(t('common.saved'));
    } catch (e) {
      // the server names the field, or one of its items (campaign.reminderDaysBefore.0)
      const fieldError = e instanceof ApiError ? Object.entries(e.fieldErrors).find(([path]) => path.startsWith('campaign.reminderDaysBefore'))?.[1] : undefined;
      if (fieldError) form.setFields([{ name: 'days', errors: [fieldError] }]);
      else setError(e instanceof ApiError ? e.message : t('errors.INTERNAL'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('admin.settings.reminders')} style={{ marginTop: 16 }}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={save} disabled={!editable} data-testid="reminder-settings-form">
        <Form.Item
          name="days"
          label={t('admin.settings.reminderDays')}
          extra={t('admin.settings.reminderDaysHelp')}
          rules={[
            {
              validator: async (_, v: number[] | undefined) => {
                if ((v?.length ?? 0) > 5) throw new Error(t('admin.settings.reminderDaysMax'));
              },
            },
          ]}
        >
          <Select mode="multiple" options={REMINDER_DAY_OPTIONS} maxCount={5} allowClear placeholder={t('admin.settings.reminderDaysPlaceholder')} style={{ width: '100%' }} optionFilterProp="label" />
        </Form.Item>
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          {t('admin.settings.reminderNote')}
        </Typography.Paragraph>
        {editable && (
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('common.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
}

/**
 * 系统参数: working rules no regulation fixes, kept as editable data — the default rectification
 * periods of hazards found in inspections and the longest period allowed. Saved changes are audited.
 */
export default function SettingsPage() {
  const { can } = useSession();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const q = useQuery({ queryKey: ['settings'], queryFn: () => api<Settings>('/api/settings') });
  const editable = can('org.manage');

  useEffect(() => {
    if (q.data) form.setFieldsValue({ general: q.data['hazard.defaultDeadlineDays'].general, major: q.data['hazard.defaultDeadlineDays'].major, max: q.data['hazard.maxDeadlineDays'] });
  }, [q.data, form]);

  const save = async (v: FormValues) => {
    setBusy(true);
    setError(null);
    try {
      await api('/api/settings', { method: 'PUT', json: { 'hazard.defaultDeadlineDays': { general: v.general, major: v.major }, 'hazard.maxDeadlineDays': v.max } });
      await qc.invalidateQueries({ queryKey: ['settings'] });
      message.success(t('common.saved'));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('errors.INTERNAL'));
    } finally {
      setBusy(false);
    }
  };

  const days = { min: 1, max: 3650, addonAfter: t('admin.settings.days'), style: { width: '100%' } };
  return (
    <div style={{ maxWidth: 640 }}>
      <div className="page-header">
        <h2>{t('nav.settings')}</h2>
      </div>
      <Alert type="info" showIcon title={t('admin.settings.intro')} style={{ marginBottom: 16 }} />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Card title={t('admin.settings.deadlines')}>
        {q.isLoading ? (
          <Skeleton active />
        ) : (
          <Form form={form} layout="vertical" onFinish={save} disabled={!editable} data-testid="settings-form">
            <Form.Item name="general" label={t('admin.settings.general')} rules={[{ required: true, message: t('admin.settings.required') }]}>
              <InputNumber {...days} max={365} />
            </Form.Item>
            <Form.Item name="major" label={t('admin.settings.major')} rules={[{ required: true, message: t('admin.settings.required') }]}>
              <InputNumber {...days} max={365} />
            </Form.Item>
            <Form.Item name="max" label={t('admin.settings.max')} extra={t('admin.settings.maxHelp')} rules={[{ required: true, message: t('admin.settings.required') }]}>
              <InputNumber {...days} min={30} />
            </Form.Item>
            <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
              {t('admin.settings.note')}
            </Typography.Paragraph>
            {editable && (
              <Button type="primary" htmlType="submit" loading={busy}>
                {t('common.save')}
              </Button>
            )}
          </Form>
        )}
      </Card>
      {!q.isLoading && <ReminderSettings value={q.data?.['campaign.reminderDaysBefore']} editable={editable} />}
    </div>
  );
}
