import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { t } from '@lifeline/shared';
import { api, ApiError } from '../../api/client.ts';
import { useSession } from '../../api/session.tsx';
import { safeNext, withNext } from '../../api/redirect.ts';

/** Where a signed-in user goes: the forced password change first (which then goes on to `next`), else `next`. */
const destination = (mustChangePassword: boolean, next: string) => (mustChangePassword ? withNext('/change-password', next) : next);

/**
 * Staff login. `?next=/hazards?level=major` (set when a signed-out user opened a page, or the
 * session expired) is where the user lands afterwards, if it is a path of this site; else `/`.
 */
export default function LoginPage() {
  const { me, refresh } = useSession();
  const nav = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [sp] = useSearchParams();
  const next = safeNext(sp.get('next'));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (me) return <Navigate to={destination(me.mustChangePassword, next)} replace />;

  const onFinish = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const r = await api<{ mustChangePassword: boolean }>('/api/auth/login', { method: 'POST', json: v });
      // records cached under an earlier (expired) session may belong to another user: start clean
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
      message.destroy('session-expired');
      await refresh();
      nav(destination(r.mustChangePassword, next), { replace: true });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('errors.INTERNAL'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login-wrap">
      <Card className="login-card">
        <div style={{ textAlign: 'center', marginBottom: 24 }}>
          <SafetyCertificateOutlined style={{ fontSize: 40, color: '#b7282e' }} />
          <Typography.Title level={3} style={{ margin: '8px 0 0' }}>
            {t('app.name')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('login.subtitle')}</Typography.Text>
        </div>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('login.usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoCapitalize="none" size="large" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy}>
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
