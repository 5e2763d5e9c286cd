import { useState } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Dropdown, Empty, Grid, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import type { MenuProps, TableProps } from 'antd';
import { EditOutlined, KeyOutlined, MoreOutlined, PlusOutlined, PoweroffOutlined, UserAddOutlined } from '@ant-design/icons';
import { ROLES, formatLocalDateTime, t, type User } from '@lifeline/shared';
import { api, qs } from '../../api/client.ts';
import { useSession } from '../../api/session.tsx';
import { SearchBox } from '../../components/SearchBox.tsx';
import { ActiveBadge, RoleTag } from '../../components/AdminTags.tsx';
import { errorText, generatePassword, type Page } from '../../components/AdminUtils.ts';
import { TownshipSelect } from '../../components/TownshipSelect.tsx';
import { CardPager } from '../../components/CardPager.tsx';
import { oneOf, useUrlParams } from '../../components/useUrlParams.ts';
import { CredentialModal, type Credential } from './CredentialModal.tsx';
import { UserFormModal } from './UserFormModal.tsx';
import './admin.css';

const PAGE_SIZES = ['10', '20', '50', '100'];

/** What the account is bound to: institution (with its township), township, or bureau section. */
function Binding({ u }: { u: User }) {
  if (u.institutionName)
    return (
      <div>
        <div>{u.institutionName}</div>
        {u.townshipName && <div className="muted" style={{ fontSize: 12 }}>{u.townshipName}</div>}
      </div>
    );
  if (u.townshipName) return <span>{u.townshipName}</span>;
  if (u.officeName) return <span>{u.officeName}</span>;
  return <Typography.Text type="secondary">{t('admin.users.wholeCounty')}</Typography.Text>;
}

/** 停用 needs the `deactivate` ability (not oneself, not the last admin); 启用 needs `update`. */
const canToggle = (u: User) => (u.isActive ? u.abilities.deactivate : u.abilities.update);

const lastLogin = (u: User) => (u.lastLoginAt ? formatLocalDateTime(u.lastLoginAt) : t('admin.users.neverLoggedIn'));

/**
 * 用户管理 (county admin): staff accounts filtered by role, township, text and status; 新建用户 with
 * the binding its role needs and a generated initial password, 编辑, 重置密码 (the new one-time
 * password shown once) and 停用/启用 with confirmation. Buttons follow each account's abilities.
 */
export default function UsersPage() {
  const { me } = useSession();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const mobile = !Grid.useBreakpoint().md;
  const [params, update, clear] = useUrlParams();
  const filters = {
    role: oneOf(ROLES, params.role),
    townshipId: params.townshipId || undefined,
    q: params.q?.trim() || undefined,
    active: params.active === 'true' || params.active === 'false' ? params.active : undefined,
  };
  const page = Math.max(1, Number(params.page) || 1);
  const pageSize = PAGE_SIZES.includes(params.pageSize ?? '') ? Number(params.pageSize) : 20;
  const [editing, setEditing] = useState<User | null | undefined>(undefined);
  const [credential, setCredential] = useState<Credential | null>(null);

  const q = useQuery({
    queryKey: ['users', 'list', filters, page, pageSize],
    queryFn: () => api<Page<User>>(`/api/users${qs({ ...filters, page, pageSize })}`),
    placeholderData: keepPreviousData,
  });
  const data = q.data;

  const resetPassword = (u: User) => {
    modal.confirm({
      title: t('admin.users.resetTitle', { name: u.displayName }),
      content: t('admin.users.resetBody'),
      okText: t('admin.users.reset'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        const password = generatePassword();
        try {
          await api<User>(`/api/users/${u.id}/reset-password`, { method: 'POST', json: { password } });
          void qc.invalidateQueries({ queryKey: ['users'] });
          setCredential({ kind: 'reset', username: u.username, displayName: u.displayName, password });
        } catch (e) {
          message.error(errorText(e));
        }
      },
    });
  };

  const toggleActive = (u: User) => {
    const activate = !u.isActive;
    modal.confirm({
      title: activate ? t('admin.users.activateTitle', { name: u.displayName }) : t('admin.users.deactivateTitle', { name: u.displayName }),
      content: activate ? t('admin.users.activateBody') : t('admin.users.deactivateBody'),
      okText: activate ? t('admin.users.activate') : t('admin.users.deactivate'),
      okButtonProps: { danger: !activate },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await api<User>(`/api/users/${u.id}`, { method: 'PATCH', json: { isActive: activate } });
          message.success(activate ? t('admin.users.activated') : t('admin.users.deactivated'));
          void qc.invalidateQueries({ queryKey: ['users'] });
        } catch (e) {
          message.error(errorText(e));
        }
      },
    });
  };

  const actions = (u: User): MenuProps['items'] => [
    ...(u.abilities.update ? [{ key: 'edit', icon: <EditOutlined />, label: t('common.edit'), onClick: () => setEditing(u) }] : []),
    ...(u.abilities.resetPassword ? [{ key: 'reset', icon: <KeyOutlined />, label: t('admin.users.reset'), onClick: () => resetPassword(u) }] : []),
    ...(canToggle(u)
      ? [{ key: 'active', icon: <PoweroffOutlined />, danger: u.isActive, label: u.isActive ? t('admin.users.deactivate') : t('admin.users.activate'), onClick: () => toggleActive(u) }]
      : []),
  ];

  const columns: TableProps<User>['columns'] = [
    {
      key: 'user',
      title: t('admin.users.field.user'),
      render: (_, u) => (
        <div>
          <Space size={6} wrap>
            <span style={{ fontWeight: 500 }}>{u.displayName}</span>
            {u.id === me?.id && <Tag style={{ marginInlineEnd: 0 }}>{t('admin.users.me')}</Tag>}
            {u.mustChangePassword && u.isActive && (
              <Tag color="gold" style={{ marginInlineEnd: 0 }}>
                {t('admin.users.mustChange')}
              </Tag>
            )}
          </Space>
          <div className="muted" style={{ fontSize: 12 }}>
            {u.username}
            {u.phone ? ` · ${u.phone}` : ''}
          </div>
        </div>
      ),
    },
    { key: 'role', title: t('admin.users.field.role'), dataIndex: 'role', width: 120, render: (r: User['role']) => <RoleTag role={r} /> },
    { key: 'binding', title: t('admin.users.field.binding'), width: 220, render: (_, u) => <Binding u={u} /> },
    { key: 'active', title: t('admin.users.field.active'), dataIndex: 'isActive', width: 80, render: (a: boolean) => <ActiveBadge active={a} /> },
    { key: 'lastLogin', title: t('admin.users.field.lastLogin'), width: 150, render: (_, u) => <span className={u.lastLoginAt ? undefined : 'muted'}>{lastLogin(u)}</span> },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 200,
      render: (_, u) => (
        <Space size={0} wrap>
          {u.abilities.update && (
            <Button type="link" size="small" onClick={() => setEditing(u)}>
              {t('common.edit')}
            </Button>
          )}
          {u.abilities.resetPassword && (
            <Button type="link" size="small" onClick={() => resetPassword(u)} data-testid="user-reset">
              {t('admin.users.reset')}
            </Button>
          )}
          {canToggle(u) && (
            <Button type="link" size="small" danger={u.isActive} onClick={() => toggleActive(u)} data-testid="user-toggle">
              {u.isActive ? t('admin.users.deactivate') : t('admin.users.activate')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  const filtered = Object.values(filters).some(Boolean);

  return (
    <div>
      <div className="page-header">
        <Space size={8} align="baseline" wrap>
          <h2>{t('nav.users')}</h2>
          {data && <Typography.Text type="secondary">{t('common.total', { n: data.total })}</Typography.Text>}
        </Space>
        <Button type="primary" icon={mobile ? <PlusOutlined /> : <UserAddOutlined />} onClick={() => setEditing(null)} data-testid="user-new">
          {t('admin.users.new')}
        </Button>
      </div>
      <div className="filter-bar">
        <SearchBox value={filters.q} onSearch={(v) => update({ q: v })} placeholder={t('admin.users.filter.q')} style={{ width: mobile ? '100%' : 240, flexBasis: mobile ? '100%' : undefined }} data-testid="user-search" />
        <Select
          allowClear
          placeholder={t('admin.users.filter.role')}
          value={filters.role}
          options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          onChange={(v?: string) => update({ role: v })}
          style={{ width: mobile ? undefined : 140 }}
          aria-label={t('admin.users.filter.role')}
        />
        <TownshipSelect placeholder={t('admin.users.filter.township')} value={filters.townshipId} onChange={(v) => update({ townshipId: v })} style={{ width: mobile ? undefined : 140 }} />
        <Select
          allowClear
          placeholder={t('admin.users.filter.active')}
          value={filters.active}
          options={[
            { value: 'true', label: t('admin.active.on') },
            { value: 'false', label: t('admin.active.off') },
          ]}
          onChange={(v?: string) => update({ active: v })}
          style={{ width: mobile ? undefined : 110 }}
          aria-label={t('admin.users.filter.active')}
        />
        {filtered && (
          <Button type="link" onClick={clear} style={{ minWidth: 0 }}>
            {t('common.reset')}
          </Button>
        )}
      </div>

      {q.isError && <Alert type="error" showIcon title={errorText(q.error)} action={<Button size="small" onClick={() => void q.refetch()}>{t('admin.retry')}</Button>} style={{ marginBottom: 12 }} />}

      {mobile ? (
        q.isLoading && !data ? (
          <Skeleton active paragraph={{ rows: 6 }} />
        ) : !data || data.items.length === 0 ? (
          <Empty description={t('admin.users.empty')} style={{ margin: '48px 0' }} />
        ) : (
          <>
            <Space orientation="vertical" size={10} style={{ width: '100%' }}>
              {data.items.map((u) => {
                const items = actions(u);
                return (
                  <Card key={u.id} className={`adm-card${u.isActive ? '' : ' adm-card-off'}`} data-testid="user-card">
                    <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                      <div style={{ minWidth: 0 }}>
                        <Space size={6} wrap>
                          <span className="adm-card-title">{u.displayName}</span>
                          <RoleTag role={u.role} />
                        </Space>
                        <div className="muted" style={{ fontSize: 12 }}>
                          {u.username}
                          {u.phone ? ` · ${u.phone}` : ''}
                        </div>
                      </div>
                      {items && items.length > 0 && (
                        <Dropdown menu={{ items }} trigger={['click']}>
                          <Button type="text" icon={<MoreOutlined />} aria-label={t('common.actions')} />
                        </Dropdown>
                      )}
                    </div>
                    <div style={{ margin: '6px 0', fontSize: 13 }}>
                      <Binding u={u} />
                    </div>
                    <div className="adm-card-foot">
                      <ActiveBadge active={u.isActive} />
                      {u.mustChangePassword && u.isActive && <Tag color="gold">{t('admin.users.mustChange')}</Tag>}
                      <span className="muted" style={{ marginLeft: 'auto' }}>
                        {t('admin.users.lastLoginShort', { at: lastLogin(u) })}
                      </span>
                    </div>
                  </Card>
                );
              })}
            </Space>
            <CardPager page={page} pageSize={pageSize} total={data.total} onChange={(p) => update({ page: p === 1 ? undefined : p })} />
          </>
        )
      ) : (
        <Table<User>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={q.isFetching}
          tableLayout="fixed"
          scroll={{ x: 1000 }}
          rowClassName={(u) => (u.isActive ? '' : 'adm-row-off')}
          locale={{ emptyText: <Empty description={t('admin.users.empty')} /> }}
          pagination={{
            current: page,
            pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: PAGE_SIZES,
            showTotal: (n) => t('common.total', { n }),
            onChange: (p, s) => update({ page: p === 1 ? undefined : p, pageSize: s === 20 ? undefined : s }),
          }}
        />
      )}

      <UserFormModal
        open={editing !== undefined}
        user={editing}
        onClose={() => setEditing(undefined)}
        onCreated={(u, password) => setCredential({ kind: 'created', username: u.username, displayName: u.displayName, password })}
      />
      <CredentialModal credential={credential} onClose={() => setCredential(null)} />
    </div>
  );
}
