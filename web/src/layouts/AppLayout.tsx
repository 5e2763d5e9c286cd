import { useEffect, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { App, Button, Drawer, Dropdown, Grid, Layout, Menu, Typography } from 'antd';
import {
  AlertOutlined,
  AuditOutlined,
  BankOutlined,
  CheckSquareOutlined,
  DashboardOutlined,
  EditOutlined,
  FileProtectOutlined,
  FireOutlined,
  FileSearchOutlined,
  FlagOutlined,
  FormOutlined,
  LogoutOutlined,
  MenuOutlined,
  NotificationOutlined,
  OrderedListOutlined,
  ReadOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SettingOutlined,
  TeamOutlined,
  UserOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { t, type Me } from '@lifeline/shared';
import { api } from '../api/client.ts';
import { useSession } from '../api/session.tsx';
import { ROUTES, type AppRoute } from '../routes.tsx';
import { NotificationBell } from './NotificationBell.tsx';

const ICONS: Record<NonNullable<AppRoute['menu']>, ReactNode> = {
  dashboard: <DashboardOutlined />,
  hazards: <WarningOutlined />,
  inspections: <FileSearchOutlined />,
  institutions: <BankOutlined />,
  checklists: <OrderedListOutlined />,
  myTasks: <FormOutlined />,
  campaigns: <FlagOutlined />,
  plans: <FileProtectOutlined />,
  drills: <FireOutlined />,
  study: <ReadOutlined />,
  quizTake: <EditOutlined />,
  quizzes: <ScheduleOutlined />,
  exposure: <AlertOutlined />,
  exposureReview: <CheckSquareOutlined />,
  reports: <NotificationOutlined />,
  users: <TeamOutlined />,
  audit: <AuditOutlined />,
  settings: <SettingOutlined />,
};

/** Forgets what this tab kept for the signed-in user (e.g. an unsubmitted 随手拍 form). */
function forgetSessionDrafts() {
  try {
    for (const k of Object.keys(sessionStorage)) if (k.startsWith('lifeline:')) sessionStorage.removeItem(k);
  } catch {
    /* storage disabled */
  }
}

/** The signed-in shell: side menu on desktop, a drawer menu on phones. */
export function AppLayout({ children }: { children: ReactNode }) {
  const { me, can } = useSession();
  const screens = Grid.useBreakpoint();
  const mobile = !screens.md;
  const [open, setOpen] = useState(false);
  const nav = useNavigate();
  const loc = useLocation();
  const qc = useQueryClient();
  const { message } = App.useApp();

  // An API call answered 401: the session ended (expired, or ended elsewhere). Confirm with
  // /api/auth/me; once it says "signed out" the guard in main.tsx sends the user to
  // /login?next=<this page>, and the login page brings them back here.
  useEffect(() => {
    let checking = false;
    const onUnauth = async () => {
      if (checking) return;
      checking = true;
      try {
        await qc.invalidateQueries({ queryKey: ['me'] });
        // the key lets the login page dismiss it once the user is back in
        if (qc.getQueryData<Me | null>(['me']) === null) message.warning({ key: 'session-expired', content: t('login.sessionExpired'), duration: 6 });
      } finally {
        checking = false;
      }
    };
    const listener = () => void onUnauth();
    window.addEventListener('lifeline:unauthenticated', listener);
    return () => window.removeEventListener('lifeline:unauthenticated', listener);
  }, [qc, message]);

  const items = ROUTES.filter((r) => r.menu && can(r.permission)).map((r) => ({ key: r.path, icon: ICONS[r.menu!], label: t(r.titleKey) }));
  const selected = items
    .map((i) => i.key)
    .filter((k) => (k === '/' ? loc.pathname === '/' : loc.pathname.startsWith(k)))
    .sort((a, b) => b.length - a.length)[0];

  const menu = (
    <Menu
      mode="inline"
      theme={mobile ? 'light' : 'dark'}
      selectedKeys={selected ? [selected] : []}
      items={items}
      onClick={(e) => {
        nav(e.key);
        setOpen(false);
      }}
    />
  );

  // A full page load, not a route change: nothing of this session (user, menu, cached records)
  // stays in memory for the Back button to show; main.tsx reloads a page restored from the
  // back-forward cache once this mark is set.
  const logout = async () => {
    await api('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
    qc.clear();
    forgetSessionDrafts();
    document.documentElement.dataset.loggedOut = 'true';
    window.location.replace('/login');
  };

  const scopeName = me?.institutionName ?? me?.townshipName ?? me?.countyName ?? '';

  return (
    <Layout style={{ minHeight: '100%' }}>
      {!mobile && (
        <Layout.Sider width={208} style={{ position: 'sticky', top: 0, height: '100vh' }}>
          <div style={{ color: '#fff', padding: '18px 20px', fontWeight: 600, fontSize: 16, display: 'flex', alignItems: 'center', gap: 8 }}>
            <SafetyCertificateOutlined /> {t('app.name')}
          </div>
          {menu}
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header style={{ background: '#fff', padding: mobile ? '0 12px' : '0 24px', display: 'flex', alignItems: 'center', gap: 12, position: 'sticky', top: 0, zIndex: 10, boxShadow: '0 1px 4px rgba(0,0,0,.08)' }}>
          {mobile && <Button type="text" icon={<MenuOutlined />} aria-label={t('layout.menu')} onClick={() => setOpen(true)} />}
          <Typography.Text strong ellipsis style={{ flex: 1 }}>
            {mobile ? t('app.name') : scopeName}
          </Typography.Text>
          <NotificationBell />
          <Dropdown
            menu={{
              items: [
                { key: 'role', label: `${t(`role.${me?.role}`)} · ${scopeName}`, disabled: true },
                { key: 'pw', label: t('nav.changePassword'), onClick: () => nav('/change-password') },
                { key: 'logout', icon: <LogoutOutlined />, label: t('nav.logout'), onClick: () => void logout() },
              ],
            }}
          >
            <Button type="text" icon={<UserOutlined />} data-testid="user-menu">
              {!mobile && me?.displayName}
            </Button>
          </Dropdown>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>{children}</Layout.Content>
      </Layout>
      <Drawer open={open} onClose={() => setOpen(false)} placement="left" size={240} title={t('app.name')} styles={{ body: { padding: 0 } }}>
        {menu}
      </Drawer>
    </Layout>
  );
}
