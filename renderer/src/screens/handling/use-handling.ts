// The document's handling and who is at the desk, for the "Xử lý văn bản"
// section. documents.get carries the handling once it has begun; before that
// (a letter just registered, a fresh draft) handling.get still says which
// first step the official at the desk may take.
import { useEffect, useState } from 'react';
import type { Outputs } from '../../../../shared/api.ts';
import type { HandlingView } from '../../../../shared/handling.ts';
import { asCoreError, call, type CoreError } from '../../api/client.ts';

export type HandledDocument = Outputs['documents.get'];

export interface HandlingState {
  handling: HandlingView | null;
  /** The official at the desk: the handler asks for an extension, a leader sets one. */
  deskPersonId: string | null;
  error: CoreError | null;
}

export function useHandling(document: HandledDocument): HandlingState {
  const [fetched, setFetched] = useState<{ for: HandledDocument; handling: HandlingView } | null>(null);
  const [deskPersonId, setDeskPersonId] = useState<string | null>(null);
  const [error, setError] = useState<CoreError | null>(null);

  useEffect(() => {
    let stopped = false;
    const handling = document.handling ? Promise.resolve(document.handling) : call('handling.get', { id: document.id });
    Promise.all([handling, call('session.get', {})])
      .then(([view, session]) => {
        if (stopped) return;
        setFetched({ for: document, handling: view });
        setError(null);
        setDeskPersonId(session.person?.id ?? null);
      })
      .catch((failure: unknown) => {
        if (!stopped) setError(asCoreError(failure));
      });
    return () => {
      stopped = true;
    };
  }, [document]);

  // A newer document than the one fetched for: its own handling, if it carries one, rather than the old.
  const handling = fetched?.for === document ? fetched.handling : document.handling;
  return { handling, deskPersonId, error };
}
