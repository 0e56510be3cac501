// "Việc của tôi" asked of core every minute while an official is at the desk
// (and at once when another one sits down, or after a handling action): its
// count goes into the window title (Electron shows it as the window's), and
// the main process sees the same answer pass on its way here and puts it in
// the tray's tooltip (electron/tray.ts); what is new comes as a desktop
// notification (task-alerts.ts decides what).
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaskCounts } from '../../../shared/handling.ts';
import { call } from '../api/client.ts';
import { openDocument } from './router.ts';
import { emptyAlertState, taskAlerts, windowTitle, type TaskAlertState, type TaskPoll } from './task-alerts.ts';
import { askNotificationsOnce, loadMornings, saveMornings, showTaskAlert } from './task-notifications.ts';

const POLL_MS = 60_000;

/**
 * The counts of the official at the desk, or null when nobody is (or before
 * the first answer). `asked` changes to poll again at once.
 */
export function useTaskPoll(personId: string | null, officeName: string, asked: number): TaskCounts | null {
  const { t } = useTranslation(['people', 'app']);
  const [answer, setAnswer] = useState<{ personId: string; counts: TaskCounts } | null>(null);
  const alerts = useRef<TaskAlertState | null>(null);

  const onAnswer = useEffectEvent((poll: TaskPoll) => {
    setAnswer({ personId: poll.person.id, counts: poll.counts });
    const before = (alerts.current ??= emptyAlertState(loadMornings()));
    const next = taskAlerts(before, poll);
    alerts.current = next.state;
    if (next.state.mornings !== before.mornings) saveMornings(next.state.mornings);
    if (next.alerts.length > 0) askNotificationsOnce();
    for (const alert of next.alerts) showTaskAlert(alert, t, openDocument);
  });

  useEffect(() => {
    if (!personId) return;
    let stopped = false;
    const poll = () => {
      call('tasks.list', {})
        .then((result) => {
          if (!stopped) onAnswer(result);
        })
        // The official left meanwhile, or was taken off the list: no count until the next one sits down.
        .catch(() => {
          if (!stopped) setAnswer(null);
        });
    };
    poll();
    const timer = setInterval(poll, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [personId, asked]);

  const counts = answer?.personId === personId ? answer.counts : null;
  const total = counts?.total ?? null;
  const brand = t('app:brand');
  useEffect(() => {
    document.title = windowTitle(brand, officeName, total);
  }, [brand, officeName, total]);
  return counts;
}
