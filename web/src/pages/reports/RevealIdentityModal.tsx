import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Descriptions, Form, Input, Modal } from 'antd';
import { t, type RevealedIdentity } from '@lifeline/shared';
import { api } from '../../api/client.ts';
import { applyApiError } from '../../components/apiErrors.ts';

/**
 * 查看举报人身份: asks why (≥ 5 characters; audited with the viewer's name), then shows the name and
 * phone once. Nothing is cached: closing the modal forgets them, and the answer is never put in the
 * query cache.
 */
export function RevealIdentityModal({ reportId, open, onClose }: { reportId: string; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const qc = useQueryClient();
  const [who, setWho] = useState<RevealedIdentity | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) {
      setWho(null);
      setError(null);
      form.resetFields();
    }
  }, [open, form]);

  const reveal = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      setWho(await api<RevealedIdentity>(`/api/reports/${reportId}/reveal-identity`, { method: 'POST', json: { reason: v.reason } }));
      // the history now holds the reveal
      void qc.invalidateQueries({ queryKey: ['report', reportId] });
    } catch (e) {
      setError(applyApiError(e, form, ['reason']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('reports.identity.title')}
      onCancel={onClose}
      onOk={who ? onClose : () => void reveal()}
      okText={who ? t('reports.identity.done') : t('reports.identity.reveal')}
      cancelButtonProps={who ? { style: { display: 'none' } } : {}}
      confirmLoading={busy}
      destroyOnHidden
      data-testid="reveal-modal"
    >
      {who ? (
        <>
          <Descriptions column={1} bordered size="small" items={[
            { key: 'name', label: t('reports.identity.name'), children: <span data-testid="reveal-name">{who.name}</span> },
            { key: 'phone', label: t('reports.identity.phone'), children: <span data-testid="reveal-phone">{who.phone}</span> },
          ]} />
          <Alert type="warning" showIcon title={t('reports.identity.confidential')} style={{ marginTop: 12 }} />
        </>
      ) : (
        <>
          <Alert type="info" showIcon title={t('reports.identity.audited')} style={{ marginBottom: 12 }} />
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          <Form form={form} layout="vertical">
            <Form.Item name="reason" label={t('reports.identity.reason')} rules={[{ required: true, whitespace: true, min: 5, message: t('reports.identity.reasonRequired') }]}>
              <Input.TextArea rows={3} maxLength={500} data-testid="reveal-reason" />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
