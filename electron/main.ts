// The Electron app: wiring only. One window on app://vanthu, the IPC table
// bound to a core host in a utility process, the menu and the tray. Every
// operation, the sync scheduler included, lives in core behind that process.
import path from 'node:path';
import { app, dialog, ipcMain, protocol, session, utilityProcess, type BrowserWindow } from 'electron';
import { ipcChannels } from '../shared/bridge.ts';
import { appProtocolHandler } from './app-protocol.ts';
import { APP_ENTRY_URL, APP_SCHEME } from './app-url.ts';
import { CoreChannel } from './core-channel.ts';
import { bindApi } from './ipc.ts';
import { installMenu } from './menu.ts';
import { secureApp, secureSession } from './security.ts';
import { createTray } from './tray.ts';
import { createMainWindow } from './window.ts';

// The bundles sit together in dist/electron (scripts/build-electron.ts), the renderer beside them.
const BUNDLE_DIR = import.meta.dirname;
export const bundlePaths = {
  preload: path.join(BUNDLE_DIR, 'preload.cjs'),
  coreHost: path.join(BUNDLE_DIR, 'core-host.cjs'),
  tokenHost: path.join(BUNDLE_DIR, 'token-host.cjs'),
  ocrHost: path.join(BUNDLE_DIR, 'ocr-host.cjs'),
  icon: path.join(BUNDLE_DIR, 'icon.png'),
  renderer: path.join(BUNDLE_DIR, '..', 'renderer'),
};

// Must happen before 'ready': app:// behaves like https (origin, fetch, secure context).
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

// Two instances would mean two core hosts on one store: the second only brings the first to the front.
if (!app.requestSingleInstanceLock()) app.quit();
else launch();

function launch(): void {
  const dataDir = process.env.VANTHU_DATA_DIR || app.getPath('userData');
  const core = new CoreChannel(() =>
    utilityProcess.fork(bundlePaths.coreHost, ['--data', dataDir], {
      serviceName: 'vanthu-core',
      stdio: 'inherit',
      env: { ...process.env, VANTHU_TOKEN_HOST: bundlePaths.tokenHost, VANTHU_OCR_HOST: bundlePaths.ocrHost },
    }),
  );
  let window: BrowserWindow | null = null;
  let ready = false;
  let hideToTray = false;
  let quitting: Promise<void> | null = null;
  let closedCore = false;

  const showWindow = () => {
    if (window && !window.isDestroyed()) {
      if (window.isMinimized()) window.restore();
      window.show();
      window.focus();
      return;
    }
    // A new window shows itself once its first paint is ready (window.ts).
    window = createMainWindow({
      preload: bundlePaths.preload,
      stateFile: path.join(app.getPath('userData'), 'window-state.json'),
      icon: bundlePaths.icon,
    });
    window.on('close', (event) => {
      if (hideToTray && !quitting) {
        event.preventDefault();
        window?.hide();
      }
    });
    void window.loadURL(APP_ENTRY_URL);
  };

  const about = () =>
    void dialog.showMessageBox({
      type: 'info',
      title: 'Giới thiệu',
      message: `Văn thư ${app.getVersion()}`,
      detail:
        'Sổ văn bản đến, văn bản đi, ký số và trao đổi văn bản với máy chủ của tỉnh; làm việc được cả khi không có mạng.',
    });

  secureApp();
  if (process.platform === 'win32') app.setAppUserModelId('vn.gov.thanhhoa.vanthu');
  // Before 'ready' there is no window to show yet; the one about to open will do.
  app.on('second-instance', () => {
    if (ready) showWindow();
  });
  // The core host closes its store (and lets a signature finish) before the app goes.
  app.on('before-quit', (event) => {
    if (closedCore) return;
    event.preventDefault();
    quitting ??= core.close().finally(() => {
      closedCore = true;
      app.quit();
    });
  });
  app.on('window-all-closed', () => app.quit());

  void app.whenReady().then(() => {
    secureSession(session.defaultSession);
    protocol.handle(APP_SCHEME, appProtocolHandler(bundlePaths.renderer));
    const tray = createTray(bundlePaths.icon, {
      open: showWindow,
      syncNow: () => void core.call('sync.run', { trigger: 'manual' }),
      quit: () => app.quit(),
    });
    // The window's own calls pass through unchanged; the tray only reads the task count off their answers.
    bindApi(ipcMain, {
      call: async (name, input) => {
        const result = await core.call(name, input);
        tray.answered(name, result);
        return result;
      },
    });
    installMenu({ about });
    hideToTray = true;
    core.onEvent((event) => {
      if (window && !window.isDestroyed()) window.webContents.send(ipcChannels.event, event);
      tray.show(event);
    });
    core.start();
    ready = true;
    showWindow();
  });
}
