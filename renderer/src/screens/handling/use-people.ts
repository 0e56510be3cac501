// The agency's active officials, for the pickers of the handling dialogs:
// read when a dialog first needs them.
import { useEffect, useState } from 'react';
import type { PersonView } from '../../../../shared/handling.ts';
import { asCoreError, call, type CoreError } from '../../api/client.ts';

export function usePeople(): { people: PersonView[] | null; error: CoreError | null } {
  const [people, setPeople] = useState<PersonView[] | null>(null);
  const [error, setError] = useState<CoreError | null>(null);
  useEffect(() => {
    let stopped = false;
    call('people.list', { includeInactive: false })
      .then((answer) => {
        if (!stopped) setPeople(answer.people);
      })
      .catch((failure: unknown) => {
        if (!stopped) setError(asCoreError(failure));
      });
    return () => {
      stopped = true;
    };
  }, []);
  return { people, error };
}

/** "Nguyễn Văn Chủ — Chủ tịch UBND xã": a name the clerk can tell apart from a namesake. */
export function personLabel(person: { name: string; title: string | null }): string {
  return person.title ? `${person.name} — ${person.title}` : person.name;
}
