// One register screen: the incoming register, the outgoing register (issued
// documents) or the drafts. Outgoing rows can be ticked and signed together;
// the registers print for a period as the Decree 30 book.
import { Button } from 'antd';
import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFirstScreenShown } from '../../app/first-screen.ts';
import type { RegisterView } from '../../app/router.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { formatCount } from '../../components/numbers.ts';
import { useColumnLayout } from './column-layout.ts';
import { defaultFilters, filtersFromSearch, isDefault, registerQuery, type RegisterFilterValues } from './query.ts';
import { RegisterTable } from './RegisterTable.tsx';
import { useRegisterPages } from './useRegisterPages.ts';

// Drawn after the first rows (first-screen.ts), and loaded then.
const RegisterActions = lazy(() => import('./RegisterActions.tsx'));
const RegisterFilters = lazy(() =>
  import('./RegisterFilters.tsx').then((module) => ({ default: module.RegisterFilters })),
);
// Loaded when the clerk first signs or prints from a register, not with the register itself.
const SignDialog = lazy(() => import('../sign/SignDialog.tsx').then((module) => ({ default: module.SignDialog })));
const PrintRegisterDialog = lazy(() =>
  import('./PrintRegisterDialog.tsx').then((module) => ({ default: module.PrintRegisterDialog })),
);

export function RegisterPage({ view, search }: { view: RegisterView; search?: string | undefined }) {
  const { t, i18n } = useTranslation(['registers', 'common']);
  const [filters, setFilters] = useState<RegisterFilterValues>(() =>
    search ? filtersFromSearch(view, search) : defaultFilters(view),
  );
  const [reloadToken, setReloadToken] = useState(0);
  const [checked, setChecked] = useState<ReadonlySet<string>>(() => new Set());
  const [dialog, setDialog] = useState<'sign' | 'print' | null>(null);
  const selectable = view !== 'incoming';
  const layout = useColumnLayout(view);
  const restShown = useFirstScreenShown();

  const query = useMemo(() => registerQuery(view, filters), [view, filters]);
  const { pages, version } = useRegisterPages(query, reloadToken);

  const checkedIds = useMemo(() => [...checked], [checked]);
  // Stable, so the memoized filters and buttons are not drawn again with each page of rows.
  const clearSelection = useCallback(() => setChecked(new Set()), []);
  const changeFilters = useCallback((next: RegisterFilterValues) => {
    setFilters(next);
    setChecked(new Set());
  }, []);
  const onCheck = useCallback((id: string, on: boolean) => {
    setChecked((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);

  const total = pages.total;
  const emptyText = isDefault(view, filters) ? t(`empty.${view}`, { year: filters.year }) : t('emptyFiltered');
  return (
    <div className="register-page">
      <div className="page-toolbar">
        <h1 className="page-title">{t(`titles.${view}`)}</h1>
        <span className="register-total" data-testid="register-total" data-total={total ?? undefined}>
          {total === null ? t('loading') : t('total', { count: total, formatted: formatCount(total, i18n.language) })}
        </span>
        <div className="page-toolbar-actions">
          {restShown && (
            <Suspense>
              <RegisterActions
                view={view}
                layout={layout}
                checkedCount={checked.size}
                onClearSelection={clearSelection}
                onOpen={setDialog}
              />
            </Suspense>
          )}
        </div>
      </div>
      {restShown ? (
        <Suspense fallback={<div className="register-filters-placeholder" />}>
          <RegisterFilters view={view} value={filters} onChange={changeFilters} />
        </Suspense>
      ) : (
        <div className="register-filters-placeholder" />
      )}
      {pages.error && (
        <div className="inline-error">
          <ErrorNotice error={pages.error} />
          <Button size="small" onClick={() => pages.retry()}>
            {t('common:retry')}
          </Button>
        </div>
      )}
      <RegisterTable
        pages={pages}
        version={version}
        layout={layout}
        selectable={selectable}
        checked={checked}
        onCheck={onCheck}
        emptyText={emptyText}
      />
      {dialog === 'sign' && (
        <Suspense>
          <SignDialog
            open
            documentIds={checkedIds}
            onClose={() => setDialog(null)}
            onDone={() => {
              setDialog(null);
              setChecked(new Set());
              setReloadToken((n) => n + 1);
            }}
          />
        </Suspense>
      )}
      {dialog === 'print' && view !== 'drafts' && (
        <Suspense>
          <PrintRegisterDialog register={view} onClose={() => setDialog(null)} />
        </Suspense>
      )}
    </div>
  );
}
