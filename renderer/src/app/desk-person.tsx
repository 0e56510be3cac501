// The official working at this desk (Decree 30: each handling step is
// recorded under the official who took it). One shared PC, several officials:
// each switches in with their own password. Screens that show someone's work
// ("Việc của tôi", a document's handling) read `version` and ask core again
// when it changes. Before the agency lists its officials there is nobody to
// switch to and the desk acts as the clerk, as it always did.
import { createContext, use, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { PersonView, SessionView, TaskCounts } from '../../../shared/handling.ts';
import { call } from '../api/client.ts';
import { useFirstScreenShown } from './first-screen.ts';
import { useTaskPoll } from './use-task-poll.ts';

export interface DeskPerson {
  /** Null until core has answered session.get. */
  session: SessionView | null;
  person: PersonView | null;
  /** Whether the agency has officials yet. */
  hasPeople: boolean;
  /** This PC is one official's own desktop: nobody switches in or leaves. */
  personalDesk: boolean;
  /** Goes up each time the official at the desk changes (switch, leave): read again what depends on who it is. */
  version: number;
  /** "Việc của tôi"'s counts for the official at the desk; null when nobody is there. */
  counts: TaskCounts | null;
  /** Throws the CoreError (PASSWORD_INCORRECT…); nothing changes then. */
  switchTo(person: string, password?: string): Promise<void>;
  leave(): Promise<void>;
  /** Reads the session again: the list of officials changed (a rename, the first clerk added). */
  reload(): void;
  /** Counts the tasks again now, after a handling action changed them. */
  tasksChanged(): void;
}

const noDesk: DeskPerson = {
  session: null,
  person: null,
  hasPeople: false,
  personalDesk: false,
  version: 0,
  counts: null,
  switchTo: () => Promise.resolve(),
  leave: () => Promise.resolve(),
  reload: () => undefined,
  tasksChanged: () => undefined,
};

const DeskPersonContext = createContext<DeskPerson>(noDesk);

export function useDeskPerson(): DeskPerson {
  return use(DeskPersonContext);
}

export function DeskPersonProvider({ officeName, children }: { officeName: string; children: ReactNode }) {
  const [session, setSession] = useState<SessionView | null>(null);
  const [version, setVersion] = useState(0);
  const [tasksAsked, setTasksAsked] = useState(0);
  // Who the last answer named: `version` moves only when that changes, not on every read.
  const shownId = useRef<string | null | undefined>(undefined);

  const apply = useCallback((next: SessionView) => {
    const id = next.person?.id ?? null;
    if (shownId.current !== undefined && shownId.current !== id) setVersion((n) => n + 1);
    shownId.current = id;
    setSession(next);
  }, []);

  const reload = useCallback(() => {
    // A failed read keeps what is shown; the next action says what is wrong.
    call('session.get', {})
      .then(apply)
      .catch(() => undefined);
  }, [apply]);
  // Asked once the register's first rows are drawn: they do not wait for it.
  const started = useFirstScreenShown();
  useEffect(() => {
    if (started) reload();
  }, [started, reload]);

  const switchTo = useCallback(
    async (person: string, password?: string) => {
      apply(await call('session.switch', password === undefined ? { person } : { person, password }));
    },
    [apply],
  );
  const leave = useCallback(async () => apply(await call('session.leave', {})), [apply]);
  const tasksChanged = useCallback(() => setTasksAsked((n) => n + 1), []);

  const person = session?.person ?? null;
  const counts = useTaskPoll(person?.id ?? null, officeName, tasksAsked);

  const value = useMemo<DeskPerson>(
    () => ({
      session,
      person,
      hasPeople: session?.hasPeople ?? false,
      personalDesk: session?.personalDesk ?? false,
      version,
      counts,
      switchTo,
      leave,
      reload,
      tasksChanged,
    }),
    [session, person, version, counts, switchTo, leave, reload, tasksChanged],
  );
  return <DeskPersonContext value={value}>{children}</DeskPersonContext>;
}
