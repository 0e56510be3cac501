// The tray icon: the app keeps running there when its window is closed, so
// the end-of-day sync still happens. Its tooltip says how many tasks the
// official at the desk has ("Việc của tôi", as the window last asked core)
// and how the last sync went.
import { Menu, nativeImage, Tray } from 'electron';
import type { HandlerName, Outputs } from '../shared/api.ts';
import type { AppEvent, CallResult } from '../shared/bridge.ts';

const APP_NAME = 'Văn thư';

export interface TrayActions {
  open(): void;
  syncNow(): void;
  quit(): void;
}

/** The sync part of the tooltip after a sync.state event; other events leave it as it was. */
export function syncTooltip(event: AppEvent): string | null {
  if (event.type !== 'sync.state') return null;
  if (event.running) return 'Đang đồng bộ…';
  return event.ok ? 'Đồng bộ xong' : 'Đồng bộ lỗi';
}

/**
 * The official's task count in a call's answer, as the window polls
 * tasks.list: a number, null once nobody is at the desk (or the list failed),
 * undefined for a call that says nothing about it.
 */
export function taskCountOf(name: string, result: CallResult<HandlerName>): number | null | undefined {
  if (name === 'tasks.list') {
    // The answer crossed a process boundary: read it as what it may be, not what it should be.
    const counts = result.ok ? (result.value as Partial<Outputs['tasks.list']>).counts : undefined;
    return typeof counts?.total === 'number' ? counts.total : null;
  }
  // Another official (or none) at the desk: their count comes with the window's next poll.
  if (name === 'session.switch' || name === 'session.leave') return result.ok ? null : undefined;
  return undefined;
}

export function trayTooltip(tasks: number | null, sync: string | null): string {
  const parts = [tasks ? `${tasks} việc cần làm` : null, sync].filter(Boolean);
  return parts.length > 0 ? `${APP_NAME} — ${parts.join(' · ')}` : APP_NAME;
}

export interface AppTray {
  show(event: AppEvent): void;
  /** A call the window made, and its answer: the task count, when it carries one. */
  answered(name: string, result: CallResult<HandlerName>): void;
}

export function createTray(iconPath: string, actions: TrayActions): AppTray {
  const tray = new Tray(nativeImage.createFromPath(iconPath).resize({ width: 16, height: 16 }));
  let tasks: number | null = null;
  let sync: string | null = null;
  tray.setToolTip(APP_NAME);
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: 'Mở vanthu', click: () => actions.open() },
      { label: 'Đồng bộ ngay', click: () => actions.syncNow() },
      { type: 'separator' },
      { label: 'Thoát', click: () => actions.quit() },
    ]),
  );
  tray.on('click', () => actions.open());
  return {
    show: (event) => {
      const text = syncTooltip(event);
      if (text === null) return;
      sync = text;
      tray.setToolTip(trayTooltip(tasks, sync));
    },
    answered: (name, result) => {
      const count = taskCountOf(name, result);
      if (count === undefined || count === tasks) return;
      tasks = count;
      tray.setToolTip(trayTooltip(tasks, sync));
    },
  };
}
