// Which screen each route shows. The registers are in the first bundle (the
// app opens on one); every other screen loads when first visited.
import { Spin } from 'antd';
import { lazy, Suspense } from 'react';
import type { OfficeView } from '../../../shared/api.ts';
import { RegisterPage } from '../screens/registers/RegisterPage.tsx';
import type { Route } from './router.ts';

const DocumentPage = lazy(() =>
  import('../screens/document/DocumentPage.tsx').then((module) => ({ default: module.DocumentPage })),
);
const RegisterIncomingPage = lazy(() =>
  import('../screens/incoming/RegisterIncomingPage.tsx').then((module) => ({ default: module.RegisterIncomingPage })),
);
const DraftOutgoingPage = lazy(() =>
  import('../screens/outgoing/DraftOutgoingPage.tsx').then((module) => ({ default: module.DraftOutgoingPage })),
);
const DashboardPage = lazy(() =>
  import('../screens/dashboard/DashboardPage.tsx').then((module) => ({ default: module.DashboardPage })),
);
const SyncPanel = lazy(() => import('../screens/sync/SyncPanel.tsx').then((module) => ({ default: module.SyncPanel })));
const SearchPage = lazy(() =>
  import('../screens/search/SearchPage.tsx').then((module) => ({ default: module.SearchPage })),
);
const TasksPage = lazy(() =>
  import('../screens/tasks/TasksPage.tsx').then((module) => ({ default: module.TasksPage })),
);
const SettingsPage = lazy(() =>
  import('../screens/settings/SettingsPage.tsx').then((module) => ({ default: module.SettingsPage })),
);

interface ScreenProps {
  route: Route;
  office: OfficeView;
  /** The office's details were corrected in Settings: the header shows them at once. */
  onOfficeChange: (office: OfficeView) => void;
}

function Screen({ route, office, onOfficeChange }: ScreenProps) {
  switch (route.name) {
    case 'incoming':
    case 'outgoing':
    case 'drafts':
      // A link with other filters is another register page: it starts from them.
      return <RegisterPage key={`${route.name}?${route.search ?? ''}`} view={route.name} search={route.search} />;
    case 'incoming-new':
      return <RegisterIncomingPage />;
    case 'outgoing-new':
      return <DraftOutgoingPage office={office} />;
    case 'document':
      return <DocumentPage key={route.id} id={route.id} />;
    case 'dashboard':
      return <DashboardPage />;
    case 'sync':
      return <SyncPanel />;
    case 'settings':
      return <SettingsPage office={office} onOfficeChange={onOfficeChange} />;
    case 'tasks':
      return <TasksPage />;
    case 'search':
      return <SearchPage key={route.query} query={route.query} />;
  }
}

export function Routes({ route, office, onOfficeChange }: ScreenProps) {
  return (
    <Suspense
      fallback={
        <div className="app-center">
          <Spin />
        </div>
      }
    >
      <Screen route={route} office={office} onOfficeChange={onOfficeChange} />
    </Suspense>
  );
}
