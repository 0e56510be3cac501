// The plugged tokens, polled while the sign dialog is open, so that plugging
// or pulling a token shows within a poll. Polling pauses while a batch signs:
// the token is busy, and the batch reports its own removal.
import { useCallback, useEffect, useState } from 'react';
import type { TokenView } from '../../../../shared/signing.ts';
import { asCoreError, call, type CoreError } from '../../api/client.ts';

const POLL_MS = 1500;

export function tokenKey(token: TokenView): string {
  return `${token.module}\u0000${token.slotId}\u0000${token.serial}`;
}

export interface PolledTokens {
  /** Null until the first answer. */
  tokens: TokenView[] | null;
  error: CoreError | null;
  /** Ask again now (after a PIN error the counter flags have changed). */
  refresh: () => void;
}

export function usePolledTokens(active: boolean): PolledTokens {
  const [tokens, setTokens] = useState<TokenView[] | null>(null);
  const [error, setError] = useState<CoreError | null>(null);
  const [round, setRound] = useState(0);

  useEffect(() => {
    if (!active) return;
    let stopped = false;
    let timer: number | undefined;
    const poll = async () => {
      try {
        const next = (await call('tokens.list', { modules: [] })).tokens;
        if (stopped) return;
        // Same tokens, same array: nothing downstream re-runs every 1.5 s.
        setTokens((previous) => (previous && JSON.stringify(previous) === JSON.stringify(next) ? previous : next));
        setError(null);
      } catch (caught) {
        if (stopped) return;
        setError(asCoreError(caught));
      }
      timer = window.setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [active, round]);

  const refresh = useCallback(() => setRound((n) => n + 1), []);
  return { tokens, error, refresh };
}
