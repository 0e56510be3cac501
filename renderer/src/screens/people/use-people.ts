// The agency's officials as core lists them; `reload` after each change.
import { useCallback, useEffect, useState } from 'react';
import type { PersonView } from '../../../../shared/handling.ts';
import { asCoreError, call, type CoreError } from '../../api/client.ts';

export interface People {
  /** Null until the first answer. */
  people: PersonView[] | null;
  error: CoreError | null;
  reload: () => void;
}

export function usePeople(includeInactive: boolean): People {
  const [people, setPeople] = useState<PersonView[] | null>(null);
  const [error, setError] = useState<CoreError | null>(null);
  const [asked, setAsked] = useState(0);

  useEffect(() => {
    let stopped = false;
    call('people.list', { includeInactive })
      .then((view) => {
        if (stopped) return;
        setPeople(view.people);
        setError(null);
      })
      .catch((caught: unknown) => {
        if (stopped) return;
        setPeople((shown) => shown ?? []);
        setError(asCoreError(caught));
      });
    return () => {
      stopped = true;
    };
  }, [includeInactive, asked]);

  const reload = useCallback(() => setAsked((n) => n + 1), []);
  return { people, error, reload };
}
