import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, InputNumber, Skeleton, Typography } from 'antd';
import { t } from '@lifeline/shared';
import { api, ApiError } from '../../api/client.ts';
import { useSession } from '../../api/session.tsx';

interface Settings {
  'hazard.defaultDeadlineDays': { general: number; major: number };
  'hazard.maxDeadlineDays': number;
}

interface FormValues {
  general: number;
  major: number;
  max: number;
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
    </div>
  );
}
