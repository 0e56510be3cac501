// The main window: Electron's hardened web preferences, and its size and
// place remembered between runs (userData/window-state.json, checked when
// read: a hand-edited file or an unplugged monitor must not hide the window).
import fs from 'node:fs';
import { BrowserWindow, screen, type Rectangle, type WebPreferences } from 'electron';
import { z } from 'zod';

const MIN_WIDTH = 960;
const MIN_HEIGHT = 600;
const DEFAULT_SIZE = { width: 1366, height: 800 };

const savedState = z.object({
  x: z.number().int().min(-100_000).max(100_000),
  y: z.number().int().min(-100_000).max(100_000),
  width: z.number().int().min(MIN_WIDTH).max(20_000),
  height: z.number().int().min(MIN_HEIGHT).max(20_000),
  maximized: z.boolean(),
});
type WindowState = z.infer<typeof savedState>;

export function webPreferences(preload: string): WebPreferences {
  return {
    preload,
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
  };
}

export function readWindowState(file: string): WindowState | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
  const state = savedState.safeParse(parsed);
  return state.success ? state.data : null;
}

function onSomeDisplay(bounds: Rectangle): boolean {
  return screen.getAllDisplays().some(({ workArea: area }) => {
    const overlapX = Math.min(bounds.x + bounds.width, area.x + area.width) - Math.max(bounds.x, area.x);
    const overlapY = Math.min(bounds.y + bounds.height, area.y + area.height) - Math.max(bounds.y, area.y);
    // Enough of the title bar to grab it with the mouse.
    return overlapX >= 100 && overlapY >= 50;
  });
}

function saveWindowState(file: string, window: BrowserWindow): void {
  const state: WindowState = { ...window.getNormalBounds(), maximized: window.isMaximized() };
  try {
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(state));
    fs.renameSync(`${file}.tmp`, file);
  } catch {
    // Losing the window's place is not worth an error dialog on the way out.
  }
}

export function createMainWindow(options: { preload: string; stateFile: string; icon: string }): BrowserWindow {
  const state = readWindowState(options.stateFile);
  const placed = state && onSomeDisplay(state) ? { x: state.x, y: state.y } : {};
  const window = new BrowserWindow({
    ...(state ? { width: state.width, height: state.height } : DEFAULT_SIZE),
    ...placed,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    show: false,
    title: 'Văn thư',
    icon: options.icon,
    backgroundColor: '#ffffff',
    webPreferences: webPreferences(options.preload),
  });
  if (state?.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  window.on('close', () => saveWindowState(options.stateFile, window));
  return window;
}
