import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, Form, Grid, Input, Modal, Row, Select, Space, Tooltip, Typography } from 'antd';
import { CopyOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { ROLES, ROLE_SCOPE, UserCreateSchema, UserUpdateSchema, t, type Role, type User } from '@lifeline/shared';
import { api } from '../../api/client.ts';
import { applyApiError } from '../../components/apiErrors.ts';
import { applyZodIssues, generatePassword } from '../../components/AdminUtils.ts';
import { InstitutionPicker } from '../../components/InstitutionPicker.tsx';
import { useOrgTree } from '../../components/orgQueries.ts';

const FIELDS = ['username', 'displayName', 'phone', 'role', 'townshipId', 'institutionId', 'officeId', 'password'] as const;

interface FormValues {
  username?: string;
  displayName?: string;
  phone?: string;
  role?: Role;
  townshipId?: string | null;
  /** only narrows the institution picker of an institution officer; not sent */
  institutionTownshipId?: string | null;
  institutionId?: string | null;
  officeId?: string | null;
  password?: string;
}

/** The binding the role needs; the other binding fields are null. */
function bindingFor(role: Role | undefined, v: FormValues) {
  const scope = role ? ROLE_SCOPE[role] : 'county';
  return {
    townshipId: scope === 'township' ? (v.townshipId ?? null) : null,
    institutionId: scope === 'institution' ? (v.institutionId ?? null) : null,
    officeId: scope === 'county' ? (v.officeId ?? null) : null,
  };
}

export interface UserFormModalProps {
  open: boolean;
  /** the account to edit; absent = create */
  user?: User | null;
  onClose: () => void;
  /** after a create, with the account and the initial password to hand over */
  onCreated?: (u: User, password: string) => void;
}

/**
 * 新建用户 / 编辑: the role decides the binding shown — 乡镇 for 乡镇民政办, a searchable institution
 * (narrowed by township) for 机构安全员, an optional 股室 for county roles. A new account gets an
 * initial password, typed or made by 生成 (strong, random, shown for copying).
 */
export function UserFormModal({ open, user, onClose, onCreated }: UserFormModalProps) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const mobile = !Grid.useBreakpoint().md;
  const [form] = Form.useForm<FormValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [showPw, setShowPw] = useState(false);
  const org = useOrgTree(open);
  const role = Form.useWatch('role', form);
  const instTownship = Form.useWatch('institutionTownshipId', form) ?? undefined;
  const editing = !!user;
  const scope = role ? ROLE_SCOPE[role] : undefined;

  useEffect(() => {
    if (!open) return;
    setError(null);
    setShowPw(false);
    form.resetFields();
    if (user) {
      form.setFieldsValue({
        displayName: user.displayName,
        phone: user.phone,
        role: user.role,
        townshipId: user.townshipId,
        institutionTownshipId: user.role === 'institution_officer' ? user.townshipId : null,
        institutionId: user.institutionId,
        officeId: user.officeId,
      });
    }
  }, [open, user, form]);

  const generate = () => {
    form.setFieldsValue({ password: generatePassword() });
    form.setFields([{ name: 'password', errors: [] }]);
    setShowPw(true);
  };
  const copy = async () => {
    const pw = form.getFieldValue('password') as string | undefined;
    if (!pw) return;
    try {
      await navigator.clipboard.writeText(pw);
      message.success(t('admin.users.copied'));
    } catch {
      message.info(t('admin.users.copyManually'));
    }
  };

  const submit = async () => {
    setError(null);
    let v: FormValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const binding = bindingFor(v.role, v);
    let body: Record<string, unknown>;
    if (!user) {
      body = { username: (v.username ?? '').trim(), displayName: (v.displayName ?? '').trim(), phone: (v.phone ?? '').trim(), role: v.role, ...binding, password: v.password ?? '' };
      if (!applyZodIssues(form, UserCreateSchema.safeParse(body), FIELDS)) return;
    } else {
      body = {};
      if ((v.displayName ?? '').trim() !== user.displayName) body.displayName = (v.displayName ?? '').trim();
      if ((v.phone ?? '').trim() !== user.phone) body.phone = (v.phone ?? '').trim();
      const bindingChanged =
        v.role !== user.role ||
        (ROLE_SCOPE[v.role!] === 'township' && binding.townshipId !== user.townshipId) ||
        (ROLE_SCOPE[v.role!] === 'institution' && binding.institutionId !== user.institutionId) ||
        (ROLE_SCOPE[v.role!] === 'county' && binding.officeId !== user.officeId);
      if (bindingChanged) Object.assign(body, { role: v.role, ...binding });
      if (Object.keys(body).length === 0) {
        message.info(t('admin.users.unchanged'));
        onClose();
        return;
      }
      if (!applyZodIssues(form, UserUpdateSchema.safeParse(body), FIELDS)) return;
    }
    setBusy(true);
    try {
      const saved = await api<User>(user ? `/api/users/${user.id}` : '/api/users', { method: user ? 'PATCH' : 'POST', json: body });
      void qc.invalidateQueries({ queryKey: ['users'] });
      if (user) message.success(t('common.saved'));
      else onCreated?.(saved, String(body.password));
      onClose();
    } catch (e) {
      setError(applyApiError(e, form, FIELDS));
    } finally {
      setBusy(false);
    }
  };

  const townshipOptions = (org.data?.townships ?? []).map((tw) => ({ value: tw.id, label: tw.name }));

  return (
    <Modal
      open={open}
      title={editing ? t('admin.users.editTitle', { name: user.displayName }) : t('admin.users.createTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={editing ? t('common.save') : t('admin.users.createOk')}
      confirmLoading={busy}
      width={mobile ? '100%' : 640}
      style={mobile ? { top: 0, maxWidth: '100vw', margin: 0, paddingBottom: 0 } : undefined}
      mask={{ closable: false }}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="user-form-error" />}
      <Form form={form} layout="vertical" requiredMark="optional" data-testid="user-form">
        <Row gutter={16}>
          <Col xs={24} md={12}>
            {editing ? (
              <Form.Item label={t('admin.users.field.username')} required>
                <Typography.Text code>{user.username}</Typography.Text>
              </Form.Item>
            ) : (
              <Form.Item name="username" label={t('admin.users.field.username')} extra={t('admin.users.usernameHint')} rules={[{ required: true, message: t('admin.users.rule.username') }]} normalize={(v: string) => v?.toLowerCase()}>
                <Input maxLength={32} autoComplete="off" autoCapitalize="none" spellCheck={false} />
              </Form.Item>
            )}
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="displayName" label={t('admin.users.field.displayName')} rules={[{ required: true, whitespace: true, message: t('admin.users.rule.displayName') }]}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="phone" label={t('admin.users.field.phone')}>
              <Input maxLength={20} inputMode="tel" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="role" label={t('admin.users.field.role')} rules={[{ required: true, message: t('admin.users.rule.role') }]}>
              <Select
                placeholder={t('admin.users.rolePlaceholder')}
                options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
                disabled={editing && !user.abilities.deactivate && user.role === 'county_admin'}
                data-testid="user-role"
              />
            </Form.Item>
          </Col>

          {scope === 'township' && (
            <Col span={24}>
              <Form.Item name="townshipId" label={t('admin.users.field.township')} rules={[{ required: true, message: t('admin.users.rule.township') }]}>
                <Select showSearch={{ optionFilterProp: 'label' }} loading={org.isLoading} placeholder={t('admin.users.townshipPlaceholder')} options={townshipOptions} data-testid="user-township" />
              </Form.Item>
            </Col>
          )}
          {scope === 'institution' && (
            <>
              <Col xs={24} md={9}>
                <Form.Item name="institutionTownshipId" label={t('admin.users.field.institutionTownship')}>
                  <Select
                    allowClear
                    showSearch={{ optionFilterProp: 'label' }}
                    loading={org.isLoading}
                    placeholder={t('admin.users.allTownships')}
                    options={townshipOptions}
                    onChange={() => form.setFieldsValue({ institutionId: null })}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={15}>
                <Form.Item name="institutionId" label={t('admin.users.field.institution')} rules={[{ required: true, message: t('admin.users.rule.institution') }]}>
                  <InstitutionPicker townshipId={instTownship} placeholder={t('admin.users.institutionPlaceholder')} />
                </Form.Item>
              </Col>
            </>
          )}
          {scope === 'county' && (
            <Col span={24}>
              <Form.Item name="officeId" label={t('admin.users.field.office')} extra={t('admin.users.officeHint')}>
                <Select allowClear loading={org.isLoading} placeholder={t('admin.users.officePlaceholder')} options={(org.data?.offices ?? []).map((o) => ({ value: o.id, label: o.name }))} />
              </Form.Item>
            </Col>
          )}

          {!editing && (
            <Col span={24}>
              <Form.Item label={t('admin.users.field.password')} required extra={t('admin.users.passwordHint')}>
                <Space.Compact style={{ width: '100%' }}>
                  <Form.Item name="password" noStyle rules={[{ required: true, message: t('admin.users.rule.password') }]}>
                    <Input.Password
                      autoComplete="new-password"
                      visibilityToggle={{ visible: showPw, onVisibleChange: setShowPw }}
                      style={{ fontFamily: showPw ? 'monospace' : undefined }}
                      data-testid="user-password"
                    />
                  </Form.Item>
                  <Tooltip title={t('admin.users.copy')}>
                    <Button icon={<CopyOutlined />} onClick={() => void copy()} aria-label={t('admin.users.copy')} />
                  </Tooltip>
                  <Button icon={<ThunderboltOutlined />} onClick={generate} data-testid="user-generate">
                    {t('admin.users.generate')}
                  </Button>
                </Space.Compact>
              </Form.Item>
            </Col>
          )}
        </Row>
      </Form>
    </Modal>
  );
}
