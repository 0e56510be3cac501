// The app: Ant Design in the chosen language, then the office check: a PC
// without an office gets the first-run form, every other start the shell.
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OfficeView } from '../../../shared/api.ts';
import { asCoreError, type CoreError } from '../api/client.ts';
import { Routes } from './Routes.tsx';
import { useRoute } from './router.ts';
import { Shell } from './Shell.tsx';
import { officeAtStart, officeStatus } from './startup.ts';
import { appTheme } from './theme.ts';

// Shown when the office cannot be read at start: not part of the usual start either.
const StartFailed = lazy(() => import('./StartFailed.tsx'));
// Shown once in the life of an installation: not part of the usual start.
const FirstRunPage = lazy(() =>
  import('../screens/first-run/FirstRunPage.tsx').then((module) => ({ default: module.FirstRunPage })),
);

export function App() {
  const { i18n } = useTranslation();
  const english = i18n.language === 'en';
  // dayjs's locale is global: set before this render's date pickers read it.
  dayjs.locale(english ? 'en' : 'vi');
  useEffect(() => {
    document.documentElement.lang = english ? 'en' : 'vi';
  }, [english]);
  return (
    <ConfigProvider locale={english ? enUS : viVN} theme={appTheme}>
      <AntApp className="app-root">
        <OfficeGate />
      </AntApp>
    </ConfigProvider>
  );
}

type Office =
  { state: 'loading' } | { state: 'error'; error: CoreError } | { state: 'ready'; office: OfficeView | null };

function OfficeGate() {
  const route = useRoute();
  const [office, setOffice] = useState<Office>(() => {
    const atStart = officeAtStart();
    return atStart ? { state: 'ready', office: atStart.office } : { state: 'loading' };
  });

  const load = useCallback(() => {
    officeStatus()
      .then((status) => setOffice({ state: 'ready', office: status.office }))
      .catch((error: unknown) => setOffice({ state: 'error', error: asCoreError(error) }));
  }, []);
  const loading = office.state === 'loading';
  useEffect(() => {
    if (loading) load();
  }, [loading, load]);
  // Back to loading: the effect asks again.
  const retry = () => setOffice({ state: 'loading' });

  if (office.state === 'loading') {
    return (
      <div className="app-center">
        <Spin size="large" />
      </div>
    );
  }
  if (office.state === 'error') {
    return (
      <Suspense>
        <StartFailed error={office.error} onRetry={retry} />
      </Suspense>
    );
  }
  if (!office.office) {
    return (
      <Suspense>
        <FirstRunPage onDone={(created) => setOffice({ state: 'ready', office: created })} />
      </Suspense>
    );
  }
  return (
    <Shell office={office.office} route={route}>
      <Routes
        route={route}
        office={office.office}
        onOfficeChange={(changed) => setOffice({ state: 'ready', office: changed })}
      />
    </Shell>
  );
}
