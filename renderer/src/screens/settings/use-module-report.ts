// Which token drivers this PC has and whether each loads. Core answers only
// once it has tried every driver, which takes seconds with several vendors'
// software installed: the drivers the settings name are listed at once as
// being checked, and the answer fills them in (and adds the ones core found).
import { useCallback, useEffect, useState } from 'react';
import type { SettingsView } from '../../../../shared/api.ts';
import type { ModuleReportView } from '../../../../shared/signing.ts';
import { asCoreError, call, type CoreError } from '../../api/client.ts';

export type DriverRow = { path: string; source: ModuleReportView['source'] } & (
  { state: 'checking' } | { state: 'done'; report: ModuleReportView }
);

export interface ModuleReport {
  rows: DriverRow[];
  /** Core has not answered yet: more drivers may come. */
  checking: boolean;
  error: CoreError | null;
  reload: () => void;
}

export function useModuleReport(settings: SettingsView | null): ModuleReport {
  const [report, setReport] = useState<ModuleReportView[] | null>(null);
  const [error, setError] = useState<CoreError | null>(null);
  // Each ask of core; an answer to an earlier one (the drivers changed since) is dropped.
  const [asked, setAsked] = useState(0);

  useEffect(() => {
    let stopped = false;
    call('tokens.modules', { modules: [] })
      .then((view) => {
        if (!stopped) setReport(view.modules);
      })
      .catch((caught: unknown) => {
        if (stopped) return;
        setReport([]);
        setError(asCoreError(caught));
      });
    return () => {
      stopped = true;
    };
  }, [asked]);

  const reload = useCallback(() => {
    setReport(null);
    setError(null);
    setAsked((n) => n + 1);
  }, []);

  const rows: DriverRow[] = report
    ? report.map((entry) => ({ path: entry.path, source: entry.source, state: 'done', report: entry }))
    : (settings?.modules ?? []).map((path) => ({ path, source: 'settings', state: 'checking' }));
  return { rows, checking: report === null, error, reload };
}
