// The frame around every screen: the registers and the office's other tools
// on the left; the office, search, background reading, sync light and language
// across the top. Plain elements rather than Ant Design's Layout: the frame is
// drawn with the first rows and needs none of its behaviour.
import {
  BarChartOutlined,
  CheckSquareOutlined,
  CloudSyncOutlined,
  EditOutlined,
  InboxOutlined,
  SendOutlined,
  SettingOutlined,
} from '@ant-design/icons';
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OfficeView } from '../../../shared/api.ts';
import { DeskPersonProvider } from './desk-person.tsx';
import { firstScreenShown, useFirstScreenShown } from './first-screen.ts';
import { routeHash, type Route } from './router.ts';

const HeaderTools = lazy(() => import('./HeaderTools.tsx'));
const TaskCountBadge = lazy(() => import('../screens/tasks/TaskCountBadge.tsx'));

type NavKey = 'tasks' | 'incoming' | 'outgoing' | 'drafts' | 'dashboard' | 'sync' | 'settings';

const navGroups: { title: 'nav.work' | 'nav.registers' | 'nav.office'; items: { key: NavKey; icon: ReactNode }[] }[] = [
  { title: 'nav.work', items: [{ key: 'tasks', icon: <CheckSquareOutlined /> }] },
  {
    title: 'nav.registers',
    items: [
      { key: 'incoming', icon: <InboxOutlined /> },
      { key: 'outgoing', icon: <SendOutlined /> },
      { key: 'drafts', icon: <EditOutlined /> },
    ],
  },
  {
    title: 'nav.office',
    items: [
      { key: 'dashboard', icon: <BarChartOutlined /> },
      { key: 'sync', icon: <CloudSyncOutlined /> },
      { key: 'settings', icon: <SettingOutlined /> },
    ],
  },
];

function navKeyOf(route: Route): NavKey | null {
  switch (route.name) {
    case 'incoming-new':
      return 'incoming';
    case 'outgoing-new':
      return 'drafts';
    case 'document':
    case 'search':
      return null;
    case 'incoming':
    case 'outgoing':
    case 'drafts':
    case 'dashboard':
    case 'sync':
    case 'settings':
    case 'tasks':
      return route.name;
  }
}

interface ShellProps {
  office: OfficeView;
  route: Route;
  children: ReactNode;
}

/** Every screen inside knows who works at the desk (desk-person.tsx). */
export function Shell(props: ShellProps) {
  return (
    <DeskPersonProvider officeName={props.office.name}>
      <ShellFrame {...props} />
    </DeskPersonProvider>
  );
}

function ShellFrame({ office, route, children }: ShellProps) {
  const { t } = useTranslation('app');
  const selected = navKeyOf(route);
  // A start on any other screen has no register rows to wait for.
  const onRegister = route.name === 'incoming' || route.name === 'outgoing' || route.name === 'drafts';
  const restShown = useFirstScreenShown() || !onRegister;
  useEffect(() => {
    if (!onRegister) firstScreenShown();
  }, [onRegister]);

  return (
    <div className="app-layout">
      <aside className="app-sider">
        <div className="app-brand">
          <span className="app-brand-mark">VT</span>
          <span className="app-brand-text">{t('brand')}</span>
        </div>
        <nav className="app-nav" aria-label={t('nav.label')}>
          {navGroups.map((group) => (
            <div key={group.title} className="app-nav-group">
              <div className="app-nav-group-title">{t(group.title)}</div>
              {group.items.map(({ key, icon }) => (
                <a
                  key={key}
                  href={routeHash({ name: key })}
                  data-testid={`nav-${key}`}
                  className={key === selected ? 'app-nav-item app-nav-item-active' : 'app-nav-item'}
                  aria-current={key === selected ? 'page' : undefined}
                >
                  <span className="app-nav-icon">{icon}</span>
                  {t(`nav.${key}`)}
                  {key === 'tasks' && restShown && (
                    <Suspense>
                      <TaskCountBadge />
                    </Suspense>
                  )}
                </a>
              ))}
            </div>
          ))}
        </nav>
      </aside>
      <div className="app-main">
        <header className="app-header">
          <div className="header-office" title={office.agencyCode}>
            <div className="header-office-name">{office.name}</div>
            <div className="header-office-code">{t('agencyCode', { code: office.agencyCode })}</div>
          </div>
          {restShown && (
            <Suspense>
              <HeaderTools />
            </Suspense>
          )}
        </header>
        <main className="app-content">{children}</main>
      </div>
    </div>
  );
}
