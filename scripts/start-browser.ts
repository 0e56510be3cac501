// `npm run start:browser`: vanthu in any browser, for machines without the
// Electron runtime and for the end-to-end tests. Prints the login URL as the
// first line of stdout (everything else goes to stderr), opens it when a
// browser is there, and serves until Ctrl+C.
//   start-browser [--data <dir>] [--port <n>] [--no-open]
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openAppHost, type AppHost } from '../core/host/app-host.ts';
import { startBrowserServer } from '../core/host/browser-server.ts';
import { defaultDataDir } from '../core/context.ts';
import { toErrorValue } from '../shared/errors.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

/** The built renderer; VANTHU_RENDERER_DIR points elsewhere (tests serve a page of their own). */
export function rendererDir(): string {
  return process.env.VANTHU_RENDERER_DIR || path.join(ROOT, 'dist', 'renderer');
}

/** Runs `vite build` for the renderer; its output goes to stderr so stdout keeps the URL first. */
export function buildRenderer(): boolean {
  process.stderr.write('Đang dựng giao diện (building the renderer)…\n');
  const result = spawnSync('npx', ['vite', 'build', '--config', 'renderer/vite.config.ts'], {
    cwd: ROOT,
    stdio: ['ignore', process.stderr, process.stderr],
    shell: process.platform === 'win32',
  });
  return result.status === 0;
}

function opener(url: string): { command: string; args: string[] } | null {
  if (process.platform === 'win32') return { command: 'cmd.exe', args: ['/d', '/c', 'start', '""', url] };
  if (process.platform === 'darwin') return { command: 'open', args: [url] };
  if (process.env.DISPLAY || process.env.WAYLAND_DISPLAY) return { command: 'xdg-open', args: [url] };
  return null;
}

/** Best effort: a machine without a browser still prints the URL to open elsewhere. */
function openInBrowser(url: string): void {
  const how = opener(url);
  if (!how) return;
  const failed = (why: string) =>
    process.stderr.write(
      `Không mở được trình duyệt (${why}); hãy mở đường dẫn ở dòng đầu bằng tay. (Could not open a browser.)\n`,
    );
  const child = spawn(how.command, how.args, { stdio: 'ignore', detached: true });
  child.once('error', (error) => failed(error.message));
  child.once('exit', (code) => {
    if (code !== 0 && code !== null) failed(`${how.command} exit ${code}`);
  });
  child.unref();
}

function fail(message: string, status: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(status);
}

export async function runBrowserMode(argv: string[]): Promise<void> {
  let values: { data?: string; port?: string; 'no-open'?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { data: { type: 'string' }, port: { type: 'string' }, 'no-open': { type: 'boolean' } },
    }));
  } catch (error) {
    fail(
      `Lệnh chưa đúng cú pháp: ${(error as Error).message}\nCách dùng: start-browser [--data <thư mục>] [--port <số>] [--no-open]`,
      2,
    );
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    fail(`Cổng không hợp lệ: ${values.port} (port must be 0–65535)`, 2);

  const dir = rendererDir();
  if (!fs.existsSync(path.join(dir, 'index.html')) && (process.env.VANTHU_RENDERER_DIR || !buildRenderer())) {
    fail(`Không có giao diện đã dựng ở ${dir} (no built renderer). Chạy "npm run build:renderer".`, 1);
  }

  let host: AppHost;
  try {
    host = openAppHost({ dataDir: values.data || defaultDataDir() });
  } catch (error) {
    const value = toErrorValue(error);
    fail(`Lỗi: ${value.message}\n(${value.code}${value.detail ? `: ${value.detail}` : ''})`, 1);
  }
  const server = await startBrowserServer({ host, rendererDir: dir, port });
  process.stdout.write(`${server.loginUrl}\n`);
  process.stderr.write(`vanthu đang chạy ở chế độ trình duyệt, dữ liệu tại ${host.dataDir}. Nhấn Ctrl+C để dừng.\n`);

  const noOpen = values['no-open'] || Boolean(process.env.CI) || Boolean(process.env.VANTHU_NO_OPEN);
  if (!noOpen) openInBrowser(server.loginUrl);

  // The sync lock and the database are released before the process goes; a second Ctrl+C does not wait.
  let stopping = false;
  const stop = () => {
    if (stopping) process.exit(130);
    stopping = true;
    void server
      .close()
      .then(() => host.close())
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await runBrowserMode(process.argv.slice(2));
}
