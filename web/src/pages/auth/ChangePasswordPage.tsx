import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { t } from '@lifeline/shared';
import { api, ApiError } from '../../api/client.ts';
import { useSession } from '../../api/session.tsx';
import { loginPath, safeNext } from '../../api/redirect.ts';

/** Change one's own password; forced after the first login with a generated password. */
export default function ChangePasswordPage() {
  const { me, loading, refresh } = useSession();
  const nav = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  // after a forced change straight from the login page: go on to the page the user asked for
  const [sp] = useSearchParams();
  const next = safeNext(sp.get('next'));
  if (!loading && !me) return <Navigate to={loginPath(next)} replace />;

  const onFinish = async (v: { currentPassword: string; newPassword: string }) => {
    setError(null);
    try {
      await api('/api/auth/password', { method: 'POST', json: { currentPassword: v.currentPassword, newPassword: v.newPassword } });
      message.success(t('password.changed'));
      await refresh();
      nav(next, { replace: true });
    } catch (e) {
      if (e instanceof ApiError) {
        form.setFields(Object.entries(e.fieldErrors).map(([name, msg]) => ({ name, errors: [msg] })));
        setError(e.message);
      }
    }
  };

  return (
    <div className="login-wrap">
      <Card className="login-card">
        <Typography.Title level={4}>{t('nav.changePassword')}</Typography.Title>
        {me?.mustChangePassword && <Alert type="warning" showIcon message={t('password.mustChange')} style={{ marginBottom: 16 }} />}
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" onFinish={onFinish}>
          <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('password.currentRequired') }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item name="newPassword" label={t('password.new')} extra={t('password.rule')} rules={[{ required: true, message: t('password.newRequired') }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('password.confirm')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('password.confirmRequired') },
              ({ getFieldValue }) => ({
                validator: (_, v) => (!v || getFieldValue('newPassword') === v ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch')))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block>
            {t('common.save')}
          </Button>
          {!me?.mustChangePassword && (
            <Button type="link" block onClick={() => nav(-1)}>
              {t('common.back')}
            </Button>
          )}
        </Form>
      </Card>
    </div>
  );
}
