// The tray icon: the app keeps running there when its window is closed, so
// the end-of-day sync still happens, and its tooltip says how the last sync went.
import { Menu, nativeImage, Tray } from 'electron';
import type { AppEvent } from '../shared/bridge.ts';

const APP_NAME = 'Văn thư';

export interface TrayActions {
  open(): void;
  syncNow(): void;
  quit(): void;
}

/** The tooltip after a sync.state event; other events leave it as it was. */
export function syncTooltip(event: AppEvent): string | null {
  if (event.type !== 'sync.state') return null;
  if (event.running) return `${APP_NAME} — Đang đồng bộ…`;
  return `${APP_NAME} — ${event.ok ? 'Đồng bộ xong' : 'Đồng bộ lỗi'}`;
}

export function createTray(iconPath: string, actions: TrayActions): { show(event: AppEvent): void } {
  const tray = new Tray(nativeImage.createFromPath(iconPath).resize({ width: 16, height: 16 }));
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
      const tooltip = syncTooltip(event);
      if (tooltip) tray.setToolTip(tooltip);
    },
  };
}
