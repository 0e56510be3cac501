// Desktop notifications through the web Notification API: asked for once
// (the browser, or Electron, remembers the answer), shown only when granted.
// Clicking one brings the window up, on the document when it names one.
import type { TFunction } from 'i18next';
import type { TaskAlert } from './task-alerts.ts';

const ASKED = 'vanthu.notifications.asked';
const MORNINGS = 'vanthu.tasks.mornings';

const supported = () => typeof Notification !== 'undefined';

/** Asks for permission the first time only: a refusal is the official's answer, not asked again. */
export function askNotificationsOnce(): void {
  if (!supported() || Notification.permission !== 'default' || localStorage.getItem(ASKED)) return;
  localStorage.setItem(ASKED, '1');
  Notification.requestPermission().catch(() => undefined);
}

export function showTaskAlert(alert: TaskAlert, t: TFunction<'people'>, open: (documentId: string) => void): void {
  if (!supported() || Notification.permission !== 'granted') return;
  const only = alert.kind === 'new' && alert.tasks.length === 1 ? alert.tasks[0]! : null;
  const title = alert.kind === 'morning' ? t('alerts.morningTitle') : t('alerts.newTitle');
  const body =
    alert.kind === 'morning'
      ? alert.overdue > 0
        ? t('alerts.morningOverdue', { count: alert.total, overdue: alert.overdue })
        : t('alerts.morning', { count: alert.total })
      : only
        ? t('alerts.newOne', { role: t(`alerts.role.${only.role}`), subject: only.subject })
        : t('alerts.newMany', { count: alert.tasks.length });
  const notification = new Notification(title, { body, tag: `vanthu-${alert.kind}` });
  notification.onclick = () => {
    window.focus();
    if (only) open(only.documentId);
    notification.close();
  };
}

/** The day each official last had the morning summary, kept across restarts: once a day means once. */
export function loadMornings(): Record<string, string> {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(MORNINGS) ?? '{}');
    if (!stored || typeof stored !== 'object') return {};
    return Object.fromEntries(
      Object.entries(stored).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
    );
  } catch {
    return {};
  }
}

export function saveMornings(mornings: Readonly<Record<string, string>>): void {
  localStorage.setItem(MORNINGS, JSON.stringify(mornings));
}
