import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import readline from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/office.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const children = new Set<ChildProcess>();
afterEach(() => {
  for (const child of children) child.kill('SIGKILL');
  children.clear();
});

/** What `npm start` would find: the runtime the electron package downloads on first use. */
function electronRuntimeInstalled(): boolean {
  const pathFile = path.join(ROOT, 'node_modules', 'electron', 'path.txt');
  return (
    fs.existsSync(pathFile) &&
    fs.existsSync(path.join(ROOT, 'node_modules', 'electron', 'dist', fs.readFileSync(pathFile, 'utf8').trim()))
  );
}

/** A page of our own stands in for the built renderer, so the test does not build it. */
function fakeRenderer(): string {
  const dir = tempDir('vanthu-renderer-');
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Văn thư</title>');
  return dir;
}

function launch(script: string, args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', script), ...args], {
    cwd: ROOT,
    env: { ...process.env, VANTHU_RENDERER_DIR: fakeRenderer(), VANTHU_NO_OPEN: '', CI: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const firstLine = new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`exited ${code} before printing a line: ${stderr}`)));
  });
  // Awaited only by the tests that expect a line; the others must not see it as unhandled.
  firstLine.catch(() => undefined);
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, firstLine, exit, stderr: () => stderr };
}

function get(url: string): Promise<{ status: number; cookie: string | undefined }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        res.resume();
        resolve({ status: res.statusCode!, cookie: res.headers['set-cookie']?.[0] });
      })
      .on('error', reject);
  });
}

describe('npm start', () => {
  it.skipIf(electronRuntimeInstalled())(
    'without the Electron runtime, says so in one line and serves vanthu to the browser',
    async () => {
      const data = tempDir();
      const app = launch('start.ts', ['--no-open', '--data', data]);
      const url = await app.firstLine;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/login\?token=[A-Za-z0-9_-]{43}$/);
      const notices = app
        .stderr()
        .split('\n')
        .filter((line) => line.includes('Electron'));
      expect(notices).toEqual([
        'Chưa cài Electron trên máy này (Electron runtime not installed) — mở vanthu ở chế độ trình duyệt.',
      ]);
      const login = await get(url);
      expect(login.status).toBe(302);
      expect(login.cookie).toMatch(/^vanthu_session_\d+=/);
      // The store lives where --data says.
      expect(fs.existsSync(path.join(data, 'vanthu.db'))).toBe(true);

      app.child.kill('SIGTERM');
      expect(await app.exit).toBe(0);
    },
  );
});

describe('npm run start:browser', () => {
  it('prints the login URL first, and on SIGINT closes the store cleanly', async () => {
    const data = tempDir();
    const app = launch('start-browser.ts', ['--no-open', '--data', data]);
    const url = await app.firstLine;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/login\?token=[A-Za-z0-9_-]{43}$/);
    expect((await get(url)).status).toBe(302);
    app.child.kill('SIGINT');
    expect(await app.exit).toBe(0);
    // SQLite removes the write-ahead log only when the last connection closes properly.
    expect(fs.existsSync(path.join(data, 'vanthu.db'))).toBe(true);
    expect(fs.existsSync(path.join(data, 'vanthu.db-wal'))).toBe(false);
    expect(fs.existsSync(path.join(data, 'sync', 'lock'))).toBe(false);
  });

  it('refuses a port that is not one', async () => {
    const app = launch('start-browser.ts', ['--no-open', '--data', tempDir(), '--port', 'http']);
    expect(await app.exit).toBe(2);
    expect(app.stderr()).toContain('Cổng không hợp lệ');
  });
});
