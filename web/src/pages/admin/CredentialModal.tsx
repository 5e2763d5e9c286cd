import { Alert, Button, Descriptions, Modal, Typography } from 'antd';
import { t } from '@lifeline/shared';

export interface Credential {
  /** why it is shown: a new account or a reset */
  kind: 'created' | 'reset';
  username: string;
  displayName: string;
  password: string;
}

/**
 * Shows a one-time password ONCE (after 新建用户 or 重置密码), with copy buttons and the reminder
 * that the user must change it at first login and that it will not be shown again.
 */
export function CredentialModal({ credential, onClose }: { credential: Credential | null; onClose: () => void }) {
  const c = credential;
  return (
    <Modal
      open={!!c}
      title={c?.kind === 'reset' ? t('admin.users.cred.resetTitle') : t('admin.users.cred.createdTitle')}
      onCancel={onClose}
      mask={{ closable: false }}
      keyboard={false}
      footer={
        <Button type="primary" onClick={onClose} data-testid="credential-done">
          {t('admin.users.cred.done')}
        </Button>
      }
    >
      {c && (
        <>
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('admin.users.cred.once')} description={t('admin.users.cred.mustChange', { name: c.displayName })} />
          <Descriptions
            bordered
            size="small"
            column={1}
            items={[
              { key: 'u', label: t('admin.users.field.username'), children: <Typography.Text copyable code>{c.username}</Typography.Text> },
              {
                key: 'p',
                label: c.kind === 'reset' ? t('admin.users.cred.tempPassword') : t('admin.users.cred.initialPassword'),
                children: (
                  <Typography.Text copyable={{ text: c.password }} code style={{ fontSize: 16 }} data-testid="credential-password">
                    {c.password}
                  </Typography.Text>
                ),
              },
            ]}
          />
        </>
      )}
    </Modal>
  );
}
