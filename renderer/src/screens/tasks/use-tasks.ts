// "Việc của tôi" for the official at the desk: tasks.list, read again when
// someone else switches in. Nobody at the desk is a state
// of its own (PERSON_REQUIRED), not an error to show.
import { useCallback, useEffect, useState } from 'react';
import type { Outputs } from '../../../../shared/api.ts';
import { asCoreError, call, type CoreError } from '../../api/client.ts';

export type TaskList = Outputs['tasks.list'];

export type TasksState =
  | { status: 'loading' }
  | { status: 'nobody' }
  | { status: 'ready'; list: TaskList }
  | { status: 'error'; error: CoreError };

export function useTasks(deskVersion: number): { state: TasksState; reload: () => void } {
  const [state, setState] = useState<TasksState>({ status: 'loading' });
  const [reloads, setReloads] = useState(0);
  const reload = useCallback(() => setReloads((n) => n + 1), []);

  useEffect(() => {
    let stopped = false;
    call('tasks.list', {})
      .then((list) => {
        if (!stopped) setState({ status: 'ready', list });
      })
      .catch((failure: unknown) => {
        if (stopped) return;
        const error = asCoreError(failure);
        setState(error.code === 'PERSON_REQUIRED' ? { status: 'nobody' } : { status: 'error', error });
      });
    return () => {
      stopped = true;
    };
  }, [deskVersion, reloads]);

  return { state, reload };
}
