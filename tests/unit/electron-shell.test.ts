// The Electron shell against a fake 'electron' module (the runtime is not
// installed here): what it asks of Electron is recorded and checked against
// the security checklist, and its handlers are called as Electron would.
import { fork } from 'node:child_process';
import fs from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import type { BrowserWindowConstructorOptions, ForkOptions, MenuItemConstructorOptions } from 'electron';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HandlerName, Outputs } from '../../shared/api.ts';
import { ipcChannels, type CallResult } from '../../shared/bridge.ts';
import { contentSecurityPolicy } from '../../shared/csp.ts';
import type { ErrorValue } from '../../shared/errors.ts';
import type { HostMessage, HostRequest } from '../../shared/host-protocol.ts';
import { tempDir } from '../helpers/office.ts';
import { matching } from '../helpers/matchers.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** A call's result with both sides readable, as the assertions read it, without narrowing on `ok` first. */
interface Answer<T = unknown> {
  ok: boolean;
  value?: T;
  error?: ErrorValue;
}

/** What the shell gets from IPC in these tests: a frame's URL, or no frame once it is destroyed. */
interface FakeInvokeEvent {
  senderFrame: { url: string } | null;
}

const fake = vi.hoisted(() => {
  // Hoisted above the file's imports, so Node's own module is fetched here.
  const { EventEmitter } = process.getBuiltinModule('node:events');
  class FakeEmitter extends EventEmitter {}

  /** What Menu.buildFromTemplate returns here: the template, for the tests to read. */
  interface FakeMenu {
    template: MenuItemConstructorOptions[];
  }

  class FakeWindow extends FakeEmitter {
    static all: FakeWindow[] = [];
    readonly options: BrowserWindowConstructorOptions;
    loaded: string | null = null;
    visible = false;
    focused = 0;
    destroyed = false;
    readonly webContents = { send: (channel: string, payload: unknown) => this.sent.push([channel, payload]) };
    readonly sent: [string, unknown][] = [];
    constructor(options: BrowserWindowConstructorOptions) {
      super();
      this.options = options;
      FakeWindow.all.push(this);
    }
    loadURL(url: string) {
      this.loaded = url;
      return Promise.resolve();
    }
    show() {
      this.visible = true;
    }
    hide() {
      this.visible = false;
    }
    focus() {
      this.focused++;
    }
    isMinimized() {
      return false;
    }
    readonly restore = vi.fn();
    readonly maximize = vi.fn();
    isMaximized() {
      return false;
    }
    isDestroyed() {
      return this.destroyed;
    }
    getNormalBounds() {
      return { x: 40, y: 30, width: 1200, height: 760 };
    }
  }

  /** Answers like the core host: ready at once, then an echo of each call. */
  class FakeHostProcess extends FakeEmitter {
    static all: FakeHostProcess[] = [];
    readonly received: HostRequest[] = [];
    constructor(
      readonly modulePath: string,
      readonly args: string[],
    ) {
      super();
      FakeHostProcess.all.push(this);
      queueMicrotask(() => this.emit('message', { type: 'ready' } satisfies HostMessage));
    }
    postMessage(message: HostRequest) {
      this.received.push(message);
      if (message.type === 'call') {
        queueMicrotask(() =>
          this.emit('message', {
            type: 'result',
            id: message.id,
            result: { ok: true, value: { handled: message.name, input: message.input } as never },
          }),
        );
      }
    }
    kill() {
      this.emit('exit', 9);
      return true;
    }
  }

  class FakeTray extends FakeEmitter {
    static all: FakeTray[] = [];
    tooltip = '';
    menu: FakeMenu | null = null;
    constructor(readonly image: unknown) {
      super();
      FakeTray.all.push(this);
    }
    setToolTip(text: string) {
      this.tooltip = text;
    }
    setContextMenu(menu: FakeMenu) {
      this.menu = menu;
    }
  }

  /** What bindApi registers (electron/ipc.ts), called here with fake events and names of any type. */
  type IpcHandler = (event: FakeInvokeEvent, name: unknown, input: unknown) => Answer | Promise<Answer>;
  type PermissionRequestHandler = (
    contents: unknown,
    permission: string,
    callback: (granted: boolean) => void,
    details: unknown,
  ) => void;
  type PermissionCheckHandler = (contents: unknown, permission: string, origin: string, details: unknown) => boolean;

  const state = {
    lock: true,
    userData: '',
    ready: null as null | (() => void),
    ipcHandlers: new Map<string, IpcHandler>(),
    protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
    exposed: new Map<string, unknown>(),
    permissionRequest: null as null | PermissionRequestHandler,
    permissionCheck: null as null | PermissionCheckHandler,
    beforeRequest: null as
      null | ((details: { url: string }, callback: (response: { cancel: boolean }) => void) => void),
  };

  const app = Object.assign(new FakeEmitter(), {
    requestSingleInstanceLock: vi.fn(() => state.lock),
    quit: vi.fn(),
    whenReady: vi.fn(() => new Promise<void>((resolve) => (state.ready = resolve))),
    getPath: vi.fn((name: string) => (name === 'userData' ? state.userData : `/fake/${name}`)),
    getVersion: () => '0.1.0',
    setAppUserModelId: vi.fn(),
  });

  const ipcRenderer = {
    invoke: vi.fn(() => Promise.resolve({ ok: true, value: null })),
    on: vi.fn(),
    removeListener: vi.fn(),
    send: vi.fn(),
    sendSync: vi.fn(),
  };

  const module = {
    app,
    BrowserWindow: FakeWindow,
    Tray: FakeTray,
    Menu: {
      buildFromTemplate: vi.fn((template: MenuItemConstructorOptions[]): FakeMenu => ({ template })),
      setApplicationMenu: vi.fn(),
    },
    nativeImage: { createFromPath: (file: string) => ({ file, resize: () => ({ file }) }) },
    dialog: { showMessageBox: vi.fn(() => Promise.resolve({ response: 0 })) },
    shell: { openExternal: vi.fn(() => Promise.resolve()) },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(),
      handle: vi.fn((scheme: string, handler: (request: Request) => Promise<Response>) =>
        state.protocolHandlers.set(scheme, handler),
      ),
    },
    ipcMain: {
      handle: vi.fn((channel: string, handler: IpcHandler) => state.ipcHandlers.set(channel, handler)),
      handleOnce: vi.fn(),
      on: vi.fn(),
      once: vi.fn(),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn((handler: PermissionRequestHandler) => (state.permissionRequest = handler)),
        setPermissionCheckHandler: vi.fn((handler: PermissionCheckHandler) => (state.permissionCheck = handler)),
        webRequest: {
          onBeforeRequest: vi.fn((handler: typeof state.beforeRequest) => (state.beforeRequest = handler)),
        },
      },
    },
    utilityProcess: {
      fork: vi.fn<(modulePath: string, args: string[], options?: ForkOptions) => FakeHostProcess>(
        (modulePath, args) => new FakeHostProcess(modulePath, args),
      ),
    },
    contextBridge: { exposeInMainWorld: vi.fn((key: string, api: unknown) => state.exposed.set(key, api)) },
    ipcRenderer,
  };

  const reset = () => {
    FakeWindow.all = [];
    FakeHostProcess.all = [];
    FakeTray.all = [];
    state.lock = true;
    state.ready = null;
    state.ipcHandlers.clear();
    state.protocolHandlers.clear();
    state.exposed.clear();
    state.permissionRequest = state.permissionCheck = state.beforeRequest = null;
    app.removeAllListeners();
    for (const group of [
      module.app,
      module.Menu,
      module.dialog,
      module.shell,
      module.protocol,
      module.ipcMain,
      module.session.defaultSession,
      module.session.defaultSession.webRequest,
      module.utilityProcess,
      module.contextBridge,
      ipcRenderer,
    ]) {
      for (const value of Object.values(group)) if (vi.isMockFunction(value)) value.mockClear();
    }
  };

  return { module, state, reset, FakeWindow, FakeHostProcess, FakeTray, FakeEmitter };
});

vi.mock('electron', () => fake.module);

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Imports electron/main.ts afresh, as Electron would run it, and lets 'ready' fire. */
async function launchMain(options: { lock?: boolean } = {}) {
  vi.resetModules();
  fake.reset();
  fake.state.lock = options.lock ?? true;
  fake.state.userData = tempDir('vanthu-userdata-');
  const main = await import('../../electron/main.ts');
  fake.state.ready?.();
  await flush();
  return main;
}

function appEvent(url: string) {
  return { senderFrame: { url } };
}

describe('Electron main process', () => {
  beforeEach(() => {
    vi.resetModules();
  });

  it('registers app:// as a standard, secure scheme before the app is ready', async () => {
    await launchMain();
    expect(fake.module.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(fake.module.protocol.handle).toHaveBeenCalledWith('app', matching.any(Function));
  });

  it('asks for the single-instance lock and quits at once without it', async () => {
    await launchMain({ lock: false });
    expect(fake.module.app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(fake.module.app.quit).toHaveBeenCalled();
    expect(fake.module.app.whenReady).not.toHaveBeenCalled();
    expect(fake.FakeWindow.all).toHaveLength(0);
    expect(fake.module.utilityProcess.fork).not.toHaveBeenCalled();
  });

  it('brings the existing window to the front when a second instance starts', async () => {
    await launchMain();
    const [window] = fake.FakeWindow.all;
    const focused = window!.focused;
    fake.module.app.emit('second-instance', {}, [], '/');
    expect(fake.FakeWindow.all).toHaveLength(1);
    expect(window!.focused).toBe(focused + 1);
  });

  it('opens one window on app://vanthu with the hardened web preferences and the bundled preload', async () => {
    const main = await launchMain();
    expect(fake.FakeWindow.all).toHaveLength(1);
    const [window] = fake.FakeWindow.all;
    expect(window!.loaded).toBe('app://vanthu/index.html');
    // Shown at its first paint, not as a blank white frame before it.
    expect(window!.visible).toBe(false);
    window!.emit('ready-to-show');
    expect(window!.visible).toBe(true);
    expect(window!.options.webPreferences).toEqual({
      preload: main.bundlePaths.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
    });
    // The preload is the bundle that sits beside main.cjs and core-host.cjs (scripts/build-electron.ts).
    expect(path.basename(main.bundlePaths.preload)).toBe('preload.cjs');
    expect(path.dirname(main.bundlePaths.preload)).toBe(path.dirname(main.bundlePaths.coreHost));
  });

  it('starts core in a utility process on the user’s data dir', async () => {
    await launchMain();
    expect(fake.module.utilityProcess.fork).toHaveBeenCalledTimes(1);
    const [host] = fake.FakeHostProcess.all;
    expect(path.basename(host!.modulePath)).toBe('core-host.cjs');
    expect(host!.args).toEqual(['--data', fake.state.userData]);
    // Core forks its token hosts from the bundle beside it, never through tsx.
    const options = fake.module.utilityProcess.fork.mock.calls[0]![2] as { env: NodeJS.ProcessEnv };
    expect(path.basename(options.env.VANTHU_TOKEN_HOST!)).toBe('token-host.cjs');
    expect(path.basename(options.env.VANTHU_OCR_HOST!)).toBe('ocr-host.cjs');
  });

  it('binds exactly one IPC channel, with ipcMain.handle, and no listeners', async () => {
    await launchMain();
    expect(fake.module.ipcMain.handle).toHaveBeenCalledTimes(1);
    expect([...fake.state.ipcHandlers.keys()]).toEqual([ipcChannels.call]);
    expect(fake.module.ipcMain.on).not.toHaveBeenCalled();
    expect(fake.module.ipcMain.once).not.toHaveBeenCalled();
    expect(fake.module.ipcMain.handleOnce).not.toHaveBeenCalled();
  });

  it('refuses calls from any frame that is not app://vanthu', async () => {
    await launchMain();
    const handler = fake.state.ipcHandlers.get(ipcChannels.call)!;
    for (const url of [
      'https://evil.example/',
      'file:///home/user/page.html',
      'app://other/index.html',
      'http://127.0.0.1:5173/',
      'devtools://devtools/bundled/inspector.html',
      '',
    ]) {
      const result = await handler(appEvent(url), 'office.status', {});
      expect(result.ok, url).toBe(false);
      expect(result.error?.code, url).toBe('IPC_FORBIDDEN');
      expect(result.error?.message).toMatch(/không đến từ cửa sổ của vanthu/);
    }
    const destroyed = await handler({ senderFrame: null }, 'office.status', {});
    expect(destroyed.error?.code).toBe('IPC_FORBIDDEN');
    const host = fake.FakeHostProcess.all[0]!;
    expect(host.received.filter((m) => m.type === 'call')).toEqual([]);
  });

  it('refuses a handler name that is not in the table, and forwards a valid call to core', async () => {
    await launchMain();
    const handler = fake.state.ipcHandlers.get(ipcChannels.call)!;
    for (const name of ['constructor', '__proto__', 'documents.drop', 42, null]) {
      const result = await handler(appEvent('app://vanthu/index.html'), name, {});
      expect(result.error?.code, String(name)).toBe('INPUT_INVALID');
    }
    // The window hands files over as bytes: a path on this machine, to read or to write, is refused before core.
    for (const [name, input] of [
      ['attachments.export', { documentId: 'x', out: '/home/clerk/.config/autostart/x.desktop' }],
      ['trust.add', { path: '/etc/ssl/certs/ca.pem' }],
      ['incoming.prefill', { file: { path: '/etc/passwd' } }],
    ] as const) {
      const result = await handler(appEvent('app://vanthu/index.html'), name, input);
      expect(result.error?.code, name).toBe('IPC_FORBIDDEN');
    }
    const forwarded = await handler(appEvent('app://vanthu/so-den'), 'office.status', {});
    expect(forwarded).toEqual({ ok: true, value: { handled: 'office.status', input: {} } });
    const host = fake.FakeHostProcess.all[0]!;
    expect(host.received).toEqual([{ type: 'call', id: matching.any(Number), name: 'office.status', input: {} }]);
  });

  it('relays core’s events to the window and shows sync state in the tray', async () => {
    await launchMain();
    const [window] = fake.FakeWindow.all;
    const [tray] = fake.FakeTray.all;
    const host = fake.FakeHostProcess.all[0]!;
    expect(tray!.tooltip).toBe('Văn thư');
    const running = { type: 'sync.state', running: true, trigger: 'schedule', ok: null } as const;
    host.emit('message', { type: 'event', event: running } satisfies HostMessage);
    expect(window!.sent).toEqual([[ipcChannels.event, running]]);
    expect(tray!.tooltip).toBe('Văn thư — Đang đồng bộ…');
    host.emit('message', {
      type: 'event',
      event: { type: 'sync.state', running: false, trigger: 'schedule', ok: true },
    });
    expect(tray!.tooltip).toBe('Văn thư — Đồng bộ xong');
    host.emit('message', {
      type: 'event',
      event: { type: 'sync.state', running: false, trigger: 'manual', ok: false },
    });
    expect(tray!.tooltip).toBe('Văn thư — Đồng bộ lỗi');
    host.emit('message', { type: 'event', event: { type: 'sync.phase', phase: 'push' } });
    expect(tray!.tooltip).toBe('Văn thư — Đồng bộ lỗi');
    expect(window!.sent).toHaveLength(4);
  });

  it('shows in the tray how many tasks the official at the desk has, as the window’s own poll finds', async () => {
    await launchMain();
    const [tray] = fake.FakeTray.all;
    const host = fake.FakeHostProcess.all[0]!;
    // Core's answer to "Việc của tôi": only the total matters to the tray.
    let total = 3;
    const echo = host.postMessage.bind(host);
    host.postMessage = (message: HostRequest) => {
      if (message.type !== 'call' || message.name !== 'tasks.list') return echo(message);
      host.received.push(message);
      const counts = { assigned: total, waiting: 0, dueSoon: 0, overdue: 0, total };
      queueMicrotask(() =>
        host.emit('message', {
          type: 'result',
          id: message.id,
          result: { ok: true, value: { counts } as never },
        } satisfies HostMessage),
      );
    };
    const handler = fake.state.ipcHandlers.get(ipcChannels.call)!;
    const fromWindow = appEvent('app://vanthu/index.html');

    const answer = await handler(fromWindow, 'tasks.list', {});
    // The window gets core's answer untouched.
    expect(answer).toEqual({ ok: true, value: { counts: matching.objectContaining({ total: 3 }) } });
    expect(tray!.tooltip).toBe('Văn thư — 3 việc cần làm');
    host.emit('message', {
      type: 'event',
      event: { type: 'sync.state', running: false, trigger: 'schedule', ok: true },
    });
    expect(tray!.tooltip).toBe('Văn thư — 3 việc cần làm · Đồng bộ xong');
    total = 0;
    await handler(fromWindow, 'tasks.list', {});
    expect(tray!.tooltip).toBe('Văn thư — Đồng bộ xong');
    total = 2;
    await handler(fromWindow, 'tasks.list', {});
    expect(tray!.tooltip).toBe('Văn thư — 2 việc cần làm · Đồng bộ xong');
    // Other calls say nothing about the count; a page that is not the app's reaches neither core nor the tray.
    await handler(fromWindow, 'office.status', {});
    total = 9;
    await handler(appEvent('https://evil.example/'), 'tasks.list', {});
    expect(tray!.tooltip).toBe('Văn thư — 2 việc cần làm · Đồng bộ xong');
    // The official leaves the desk: no count until the next one's first poll.
    await handler(fromWindow, 'session.leave', {});
    expect(tray!.tooltip).toBe('Văn thư — Đồng bộ xong');
  });

  it('has a Vietnamese tray menu whose "Đồng bộ ngay" asks core for a sync', async () => {
    await launchMain();
    const [tray] = fake.FakeTray.all;
    const items = tray!.menu!.template as { label?: string; click?: () => void }[];
    expect(items.filter((item) => item.label).map((item) => item.label)).toEqual([
      'Mở vanthu',
      'Đồng bộ ngay',
      'Thoát',
    ]);
    items.find((item) => item.label === 'Đồng bộ ngay')!.click!();
    await flush();
    const host = fake.FakeHostProcess.all[0]!;
    expect(host.received).toContainEqual({
      type: 'call',
      id: matching.any(Number),
      name: 'sync.run',
      input: { trigger: 'manual' },
    });
  });

  it('has a Vietnamese application menu', async () => {
    await launchMain();
    const menu = fake.module.Menu.setApplicationMenu.mock.calls[0]![0] as {
      template: { label: string; submenu: { label?: string; role?: string }[] }[];
    };
    expect(menu.template.map((item) => item.label)).toEqual(['Tệp', 'Sửa', 'Xem', 'Trợ giúp']);
    const labels = menu.template.flatMap((item) => item.submenu.map((entry) => entry.label).filter(Boolean));
    expect(labels).toEqual(
      matching.arrayContaining([
        'Thoát',
        'Sao chép',
        'Dán',
        'Tải lại',
        'Phóng to',
        'Thu nhỏ',
        'Toàn màn hình',
        'Giới thiệu',
      ]),
    );
    expect(menu.template[1]!.submenu.map((entry) => entry.role).filter(Boolean)).toEqual(
      matching.arrayContaining(['copy', 'paste']),
    );
  });

  it('hides to the tray on close, and on quit closes core before letting the app go', async () => {
    await launchMain();
    const [window] = fake.FakeWindow.all;
    window!.emit('ready-to-show');
    expect(window!.visible).toBe(true);
    const closeEvent = { preventDefault: vi.fn() };
    window!.emit('close', closeEvent);
    expect(closeEvent.preventDefault).toHaveBeenCalled();
    expect(window!.visible).toBe(false);

    const host = fake.FakeHostProcess.all[0]!;
    const quitEvent = { preventDefault: vi.fn() };
    fake.module.app.emit('before-quit', quitEvent);
    expect(quitEvent.preventDefault).toHaveBeenCalled();
    await flush();
    expect(host.received).toContainEqual({ type: 'close' });
    expect(fake.module.app.quit).not.toHaveBeenCalled();
    host.emit('exit', 0);
    await flush();
    expect(fake.module.app.quit).toHaveBeenCalledTimes(1);
    // The second before-quit, from that app.quit(), goes through.
    const again = { preventDefault: vi.fn() };
    fake.module.app.emit('before-quit', again);
    expect(again.preventDefault).not.toHaveBeenCalled();
  });

  it('remembers the window’s place in userData/window-state.json', async () => {
    await launchMain();
    const [window] = fake.FakeWindow.all;
    fake.module.app.emit('before-quit', { preventDefault: vi.fn() });
    window!.emit('close', { preventDefault: vi.fn() });
    const saved: unknown = JSON.parse(fs.readFileSync(path.join(fake.state.userData, 'window-state.json'), 'utf8'));
    expect(saved).toEqual({ x: 40, y: 30, width: 1200, height: 760, maximized: false });
  });
});

describe('window state', () => {
  it('restores a saved place that is on a screen, and ignores a bad or off-screen one', async () => {
    const { createMainWindow, readWindowState } = await import('../../electron/window.ts');
    const dir = tempDir();
    const file = path.join(dir, 'window-state.json');
    fake.reset();
    for (const content of [
      'not json',
      '{"x":1}',
      '{"x":0,"y":0,"width":-5,"height":700,"maximized":false}',
      '{"x":"0","y":0,"width":1200,"height":700,"maximized":false}',
      '{"x":0,"y":0,"width":1e9,"height":700,"maximized":false}',
    ]) {
      fs.writeFileSync(file, content);
      expect(readWindowState(file), content).toBeNull();
    }
    fs.writeFileSync(file, JSON.stringify({ x: 100, y: 80, width: 1280, height: 720, maximized: false }));
    createMainWindow({ preload: '/p/preload.cjs', stateFile: file, icon: '/p/icon.png' });
    expect(fake.FakeWindow.all.at(-1)!.options).toMatchObject({ x: 100, y: 80, width: 1280, height: 720 });
    // The second monitor it was on has been unplugged: keep the size, let the OS place it.
    fs.writeFileSync(file, JSON.stringify({ x: 5000, y: 80, width: 1280, height: 720, maximized: false }));
    createMainWindow({ preload: '/p/preload.cjs', stateFile: file, icon: '/p/icon.png' });
    const options = fake.FakeWindow.all.at(-1)!.options;
    expect(options).toMatchObject({ width: 1280, height: 720 });
    expect(options.x).toBeUndefined();
    expect(options.y).toBeUndefined();
  });
});

describe('web contents and session security', () => {
  async function securedContents() {
    await launchMain();
    const contents = Object.assign(new fake.FakeEmitter(), {
      openHandler: null as null | ((details: { url: string }) => { action: string }),
    });
    Object.assign(contents, {
      setWindowOpenHandler: (handler: (details: { url: string }) => { action: string }) =>
        (contents.openHandler = handler),
    });
    fake.module.app.emit('web-contents-created', {}, contents);
    return contents;
  }

  it('keeps every web contents on app://vanthu: navigation and redirects elsewhere are stopped', async () => {
    const contents = await securedContents();
    for (const channel of ['will-navigate', 'will-redirect']) {
      for (const url of ['https://example.com', 'file:///etc/passwd', 'app://evil/index.html', 'javascript:alert(1)']) {
        const event = { url, preventDefault: vi.fn() };
        contents.emit(channel, event);
        expect(event.preventDefault, `${channel} ${url}`).toHaveBeenCalled();
      }
      const inside = { url: 'app://vanthu/so-den', preventDefault: vi.fn() };
      contents.emit(channel, inside);
      expect(inside.preventDefault).not.toHaveBeenCalled();
    }
  });

  it('opens no windows: https links go to the system browser, anything else nowhere', async () => {
    const contents = await securedContents();
    expect(contents.openHandler!({ url: 'https://vbpl.vn/van-ban/30-2020' })).toEqual({ action: 'deny' });
    expect(fake.module.shell.openExternal).toHaveBeenCalledWith('https://vbpl.vn/van-ban/30-2020');
    for (const url of [
      'http://example.com',
      'file:///C:/Windows/System32/calc.exe',
      'smb://server/share',
      'app://vanthu/index.html',
    ]) {
      expect(contents.openHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(fake.module.shell.openExternal).toHaveBeenCalledTimes(1);
  });

  it('refuses to attach webviews', async () => {
    const contents = await securedContents();
    const event = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('denies every permission request and check but notifications for the app itself', async () => {
    await launchMain();
    for (const permission of ['media', 'geolocation', 'openExternal', 'clipboard-read']) {
      const callback = vi.fn();
      fake.state.permissionRequest!({}, permission, callback, { requestingUrl: 'app://vanthu/index.html' });
      expect(callback, permission).toHaveBeenCalledWith(false);
      expect(fake.state.permissionCheck!({}, permission, 'app://vanthu', {})).toBe(false);
    }
    const granted = vi.fn();
    fake.state.permissionRequest!({}, 'notifications', granted, { requestingUrl: 'app://vanthu/index.html' });
    expect(granted).toHaveBeenCalledWith(true);
    expect(fake.state.permissionCheck!({}, 'notifications', 'app://vanthu', {})).toBe(true);
    const elsewhere = vi.fn();
    fake.state.permissionRequest!({}, 'notifications', elsewhere, { requestingUrl: 'https://example.org/' });
    expect(elsewhere).toHaveBeenCalledWith(false);
    expect(fake.state.permissionCheck!({}, 'notifications', 'https://example.org', {})).toBe(false);
  });

  it('blocks every request that is not for the app itself: no remote content', async () => {
    await launchMain();
    const cancelled = (url: string) => {
      let response: { cancel: boolean } | undefined;
      fake.state.beforeRequest!({ url }, (r) => (response = r));
      return response!.cancel;
    };
    for (const url of [
      'https://cdn.example.com/x.js',
      'http://127.0.0.1:8080/',
      'file:///etc/passwd',
      'ws://127.0.0.1/',
      'ftp://x/',
      'not a url',
    ]) {
      expect(cancelled(url), url).toBe(true);
    }
    for (const url of [
      'app://vanthu/index.html',
      'app://vanthu/assets/index.js',
      'data:image/png;base64,AAAA',
      'blob:app://vanthu/5b0c',
    ]) {
      expect(cancelled(url), url).toBe(false);
    }
  });
});

describe('app:// protocol', () => {
  async function rendererFixture() {
    const root = tempDir('vanthu-app-');
    const renderer = path.join(root, 'renderer');
    fs.mkdirSync(path.join(renderer, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Văn thư</title>');
    fs.writeFileSync(path.join(renderer, 'assets', 'index.js'), 'export {}');
    fs.writeFileSync(path.join(root, 'secret.txt'), 'TOP-SECRET');
    const { appProtocolHandler } = await import('../../electron/app-protocol.ts');
    return appProtocolHandler(renderer);
  }

  it('serves the renderer with the shared CSP on every response', async () => {
    const handle = await rendererFixture();
    const index = await handle(new Request('app://vanthu/index.html'));
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await index.text()).toContain('Văn thư');
    const script = await handle(new Request('app://vanthu/assets/index.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    const missing = await handle(new Request('app://vanthu/assets/gone.js'));
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect((await handle(new Request('app://elsewhere/index.html'))).status).toBe(404);
  });

  it('never serves a file outside the renderer', async () => {
    const handle = await rendererFixture();
    for (const url of [
      'app://vanthu/../secret.txt',
      'app://vanthu/../../etc/passwd',
      'app://vanthu/%2e%2e/secret.txt',
      'app://vanthu/..%2fsecret.txt',
      'app://vanthu/assets/..%2f..%2fsecret.txt',
      'app://vanthu/..%5csecret.txt',
      'app://vanthu/%2e%2e%5csecret.txt',
      'app://vanthu/secret.txt%00.js',
    ]) {
      const response = await handle(new Request(url));
      const body = await response.text();
      expect(body, url).not.toContain('TOP-SECRET');
      expect(body, url).not.toContain('root:');
    }
  });

  it('is what main registers for app://, and it refuses to climb out of the renderer folder', async () => {
    await launchMain();
    const handler = fake.state.protocolHandlers.get('app')!;
    // main serves dist/renderer; one level up from the renderer is the repository's package.json.
    for (const url of [
      'app://vanthu/..%2fpackage.json',
      'app://vanthu/..%2f..%2fpackage.json',
      'app://vanthu/..%5c..%5cpackage.json',
    ]) {
      const response = await handler(new Request(url));
      expect(response.status, url).toBe(400);
      expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    }
  });
});

describe('preload', () => {
  it('exposes exactly window.vanthu { call, onEvent } and never ipcRenderer', async () => {
    vi.resetModules();
    fake.reset();
    await import('../../electron/preload.ts');
    expect(fake.module.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect([...fake.state.exposed.keys()]).toEqual(['vanthu']);
    const bridge = fake.state.exposed.get('vanthu') as Record<string, unknown>;
    expect(Object.keys(bridge).sort()).toEqual(['call', 'onEvent']);
    expect(Object.values(bridge).every((value) => typeof value === 'function')).toBe(true);
    expect(Object.values(bridge)).not.toContain(fake.module.ipcRenderer);

    const api = bridge as {
      call(name: string, input: unknown): Promise<unknown>;
      onEvent(listener: (event: unknown) => void): () => void;
    };
    await api.call('office.status', {});
    expect(fake.module.ipcRenderer.invoke).toHaveBeenCalledWith(ipcChannels.call, 'office.status', {});
    // Nothing of the IPC machinery comes back to the page through call().
    expect(await api.call('office.status', {})).toEqual({ ok: true, value: null });

    const listener = vi.fn();
    const unsubscribe = api.onEvent(listener);
    const [channel, relay] = fake.module.ipcRenderer.on.mock.calls[0] as unknown as [
      string,
      (event: unknown, payload: unknown) => void,
    ];
    expect(channel).toBe(ipcChannels.event);
    const ipcEvent = { sender: fake.module.ipcRenderer, senderFrame: {} };
    relay(ipcEvent, { type: 'sync.phase', phase: 'push' });
    // The listener gets the app event only, never Electron's event object (it carries `sender`).
    expect(listener).toHaveBeenCalledWith({ type: 'sync.phase', phase: 'push' });
    expect(listener.mock.calls[0]).toHaveLength(1);
    unsubscribe();
    expect(fake.module.ipcRenderer.removeListener).toHaveBeenCalledWith(ipcChannels.event, relay);
  });
});

describe('Electron bundles (scripts/build-electron.ts)', () => {
  // Inside node_modules so the bundles find better-sqlite3 and pdfjs-dist the way the packaged app does.
  let outdir = '';
  let files: string[] = [];
  beforeAll(async () => {
    const cache = path.join(ROOT, 'node_modules', '.cache');
    fs.mkdirSync(cache, { recursive: true });
    outdir = fs.mkdtempSync(path.join(cache, 'vanthu-electron-test-'));
    const { buildElectron } = await import('../../scripts/build-electron.ts');
    files = await buildElectron(outdir);
  }, 120_000);
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  const requiresOf = (file: string) =>
    [...new Set([...fs.readFileSync(file, 'utf8').matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]!))].sort();
  /** What a bundle loads from node_modules (or from Electron) at run time. */
  const externalsOf = (file: string) => requiresOf(file).filter((id) => !isBuiltin(id));

  it('builds main, preload, core host, token host and OCR host, with the preload requiring nothing but electron', () => {
    expect(files.map((file) => path.basename(file))).toEqual([
      'main.cjs',
      'preload.cjs',
      'core-host.cjs',
      'token-host.cjs',
      'ocr-host.cjs',
    ]);
    for (const file of files) expect(fs.statSync(file).size, file).toBeGreaterThan(0);
    expect(requiresOf(path.join(outdir, 'preload.cjs'))).toEqual(['electron']);
    // The main process loads no native module and none of core: only Electron and Node's own modules.
    expect(externalsOf(path.join(outdir, 'main.cjs'))).toEqual(['electron']);
    expect(fs.readFileSync(path.join(outdir, 'main.cjs'), 'utf8')).not.toContain('import.meta');
    expect(externalsOf(path.join(outdir, 'core-host.cjs'))).toEqual(['better-sqlite3']);
    expect(externalsOf(path.join(outdir, 'token-host.cjs'))).toEqual(['pkcs11js']);
    expect(externalsOf(path.join(outdir, 'ocr-host.cjs'))).toEqual(['tesseract.js']);
    expect(fs.existsSync(path.join(outdir, 'resources', 'core', 'db', 'migrations', '0001-initial.sql'))).toBe(true);
    expect(fs.existsSync(path.join(outdir, 'icon.png'))).toBe(true);
  });

  /** The bundled core host as the shell starts it: plain Node (Electron as Node), no tsx, the bundled token host. */
  async function bundledHost(env: NodeJS.ProcessEnv = process.env) {
    const child = fork(path.join(outdir, 'core-host.cjs'), ['--data', tempDir()], {
      execArgv: [],
      env: { ...env, VANTHU_TOKEN_HOST: path.join(outdir, 'token-host.cjs') },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    const results = new Map<number, (result: CallResult<HandlerName>) => void>();
    const ready = new Promise<void>((resolve) =>
      child.on('message', (message: HostMessage) => {
        if (message.type === 'ready') resolve();
        if (message.type === 'result') results.get(message.id)?.(message.result);
      }),
    );
    let id = 0;
    const call = <K extends HandlerName>(name: K, input: unknown) =>
      new Promise<Answer<Outputs[K]>>((resolve) => {
        // The host answers a call with its own handler's output; HostMessage cannot say which.
        results.set(++id, (result) => resolve(result as Answer<Outputs[K]>));
        child.send({ type: 'call', id, name, input } satisfies HostRequest);
      });
    const close = async () => {
      const exit = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'close' } satisfies HostRequest);
      return exit;
    };
    await ready;
    return { call, close };
  }

  it('runs the bundled core host without tsx: opens a store and registers a PDF through pdf.js', async () => {
    const { vietnamesePdf } = await import('../../scripts/lib/make-pdf.ts');
    const { call, close } = await bundledHost();
    expect(await call('office.init', { agencyCode: '000.00.31.H56', name: 'UBND xã Quảng Phú' })).toMatchObject({
      ok: true,
    });
    const pdf = await vietnamesePdf(['Kế hoạch phòng, chống dịch sốt xuất huyết năm 2026']);
    const registered = await call('incoming.register', {
      file: { base64: pdf.toString('base64'), filename: 'ke-hoach.pdf' },
      issuerName: 'Trung tâm Y tế huyện Quảng Xương',
      notation: '56/KH-TTYT',
      issuedOn: '2026-05-02',
      type: 'KH',
      subject: 'Kế hoạch phòng, chống dịch sốt xuất huyết năm 2026',
    });
    expect(registered).toMatchObject({
      ok: true,
      value: { registerNumber: 1, pageCount: 1, attachments: [{ mime: 'application/pdf' }] },
    });
    expect(await close()).toBe(0);
  }, 60_000);

  it('reads a scanned letter through the bundled OCR host named by VANTHU_OCR_HOST', async () => {
    const { libreOfficeTableLetter, scannedLetter } = await import('../../scripts/lib/letter-corpus.ts');
    const { call, close } = await bundledHost({ ...process.env, VANTHU_OCR_HOST: path.join(outdir, 'ocr-host.cjs') });
    const scan = await scannedLetter(libreOfficeTableLetter(), 300);
    const read = await call('incoming.prefill', { file: { base64: scan.toString('base64'), filename: 'scan.pdf' } });
    expect(read).toMatchObject({ ok: true, value: { textSource: 'ocr', notation: '27/KH-UBND' } });
    expect(await close()).toBe(0);
  }, 120_000);

  it('reaches a USB token through the bundled token host named by VANTHU_TOKEN_HOST', async () => {
    const { createTestTokens } = await import('../../scripts/lib/test-tokens.ts');
    const tokens = await createTestTokens(path.join(tempDir(), 'tokens'));
    const { call, close } = await bundledHost({ ...process.env, SOFTHSM2_CONF: tokens.softhsm2Conf });
    const listed = await call('tokens.list', { modules: [tokens.module] });
    expect(listed.ok, JSON.stringify(listed)).toBe(true);
    expect(listed.value?.tokens.map((token) => token.label).sort()).toEqual(['vanthu-organization', 'vanthu-personal']);
    expect(await close()).toBe(0);
  }, 120_000);
});

describe('package.json', () => {
  it('starts the app from the main bundle', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main?: string };
    expect(pkg.main).toBe('dist/electron/main.cjs');
  });
});
