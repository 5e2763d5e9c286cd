import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Col, DatePicker, Form, Grid, Input, InputNumber, Modal, Row } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { CampaignPatchSchema, t, type CampaignDetail } from '@lifeline/shared';
import { api } from '../../api/client.ts';
import { applyApiError } from '../../components/apiErrors.ts';
import { applyZodIssues } from '../../components/AdminUtils.ts';

const FIELDS = ['name', 'theme', 'year', 'startsOn', 'endsOn', 'issuer'] as const;
type Field = (typeof FIELDS)[number];

interface HeaderValues {
  name?: string;
  theme?: string;
  year?: number | null;
  startsOn?: Dayjs | null;
  endsOn?: Dayjs | null;
  issuer?: string;
}

function toInput(v: HeaderValues): Record<Field, unknown> {
  return {
    name: (v.name ?? '').trim(),
    theme: (v.theme ?? '').trim(),
    year: v.year ?? undefined,
    startsOn: v.startsOn ? v.startsOn.format('YYYY-MM-DD') : null,
    endsOn: v.endsOn ? v.endsOn.format('YYYY-MM-DD') : null,
    issuer: (v.issuer ?? '').trim(),
  };
}

function toForm(c: CampaignDetail): HeaderValues {
  return { name: c.name, theme: c.theme, year: c.year, issuer: c.issuer, startsOn: c.startsOn ? dayjs(c.startsOn) : null, endsOn: c.endsOn ? dayjs(c.endsOn) : null };
}

/**
 * 编辑活动信息 (draft only): name, theme, year, period and issuer. Sends only what changed
 * (PATCH /api/campaigns/:id); the server's field errors land on their fields.
 */
export function CampaignHeaderModal({ open, campaign, onClose }: { open: boolean; campaign: CampaignDetail; onClose: () => void }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const mobile = !Grid.useBreakpoint().md;
  const [form] = Form.useForm<HeaderValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue(toForm(campaign));
  }, [open, campaign, form]);

  const submit = async () => {
    setError(null);
    let values: HeaderValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const input = toInput(values);
    const before = toInput(toForm(campaign));
    const body = Object.fromEntries(FIELDS.filter((k) => input[k] !== before[k]).map((k) => [k, input[k]]));
    if (Object.keys(body).length === 0) {
      message.info(t('campaigns.header.unchanged'));
      onClose();
      return;
    }
    if (!applyZodIssues(form, CampaignPatchSchema.safeParse(body), FIELDS)) return;
    setBusy(true);
    try {
      const saved = await api<CampaignDetail>(`/api/campaigns/${campaign.id}`, { method: 'PATCH', json: body });
      message.success(t('common.saved'));
      qc.setQueryData(['campaign', campaign.id], saved);
      void qc.invalidateQueries({ queryKey: ['campaigns', 'list'] });
      onClose();
    } catch (e) {
      setError(applyApiError(e, form, FIELDS));
    } finally {
      setBusy(false);
    }
  };

  const half = { xs: 24, sm: 12 };
  return (
    <Modal
      open={open}
      title={t('campaigns.header.title')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      width={mobile ? '100%' : 640}
      style={mobile ? { top: 0, maxWidth: '100vw', margin: 0, paddingBottom: 0 } : undefined}
      mask={{ closable: false }}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" requiredMark="optional" data-testid="campaign-header-form">
        <Form.Item name="name" label={t('campaigns.field.name')} rules={[{ required: true, whitespace: true, message: t('campaigns.header.nameRequired') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="theme" label={t('campaigns.field.theme')}>
          <Input maxLength={200} />
        </Form.Item>
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="year" label={t('campaigns.field.year')} rules={[{ required: true, message: t('campaigns.header.yearRequired') }]}>
              <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} inputMode="numeric" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="issuer" label={t('campaigns.field.issuer')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="startsOn" label={t('campaigns.field.startsOn')}>
              <DatePicker format="YYYY-MM-DD" inputReadOnly style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="endsOn" label={t('campaigns.field.endsOn')}>
              <DatePicker format="YYYY-MM-DD" inputReadOnly style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
