// sync.status, read on mount, every 30 s, and whenever a caller says a run has
// ended: the queue, what was set aside, the schedule and the last runs.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SyncStatusView } from '../../../../shared/sync.ts';
import { asCoreError, call, type CoreError } from '../../api/client.ts';

const REFRESH_MS = 30_000;

export function useSyncStatus(): { status: SyncStatusView | null; error: CoreError | null; refresh: () => void } {
  const [status, setStatus] = useState<SyncStatusView | null>(null);
  const [error, setError] = useState<CoreError | null>(null);
  const mounted = useRef(true);

  const refresh = useCallback(() => {
    call('sync.status', {})
      .then((next) => {
        if (!mounted.current) return;
        setStatus(next);
        setError(null);
      })
      .catch((caught: unknown) => {
        if (mounted.current) setError(asCoreError(caught));
      });
  }, []);

  useEffect(() => {
    mounted.current = true;
    refresh();
    const timer = window.setInterval(refresh, REFRESH_MS);
    return () => {
      mounted.current = false;
      window.clearInterval(timer);
    };
  }, [refresh]);

  return { status, error, refresh };
}
