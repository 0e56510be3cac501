// `npm start`: the desktop app when the Electron runtime is installed here,
// otherwise the same app in a browser. Rebuilds what is older than its sources
// first. The Electron package is never require()d: from Electron 42 on, that
// downloads the runtime, which offline machines cannot do.
//   start [--data <dir>] [--port <n>] [--no-open]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildElectron } from './build-electron.ts';
import { buildRenderer, rendererDir, runBrowserMode } from './start-browser.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const ELECTRON_PACKAGE = path.join(ROOT, 'node_modules', 'electron');

/** The Electron executable that `npm install electron` placed, or null when it never downloaded. */
function electronRuntime(): string | null {
  const pathFile = path.join(ELECTRON_PACKAGE, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const relative = fs.readFileSync(pathFile, 'utf8').trim();
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH || path.join(ELECTRON_PACKAGE, 'dist');
  const binary = path.join(dist, relative);
  return fs.existsSync(binary) ? binary : null;
}

function newestChange(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs
    .readdirSync(entry)
    .filter((name) => name !== 'node_modules')
    .reduce((newest, name) => Math.max(newest, newestChange(path.join(entry, name))), stat.mtimeMs);
}

/** Missing, or older than the newest of its sources. */
function stale(outputs: string[], sources: string[]): boolean {
  if (!outputs.every((output) => fs.existsSync(output))) return true;
  const built = Math.min(...outputs.map((output) => fs.statSync(output).mtimeMs));
  return sources.some((source) => newestChange(path.join(ROOT, source)) > built);
}

const argv = process.argv.slice(2);
const { values } = parseArgs({
  args: argv,
  options: { data: { type: 'string' }, port: { type: 'string' }, 'no-open': { type: 'boolean' } },
  strict: false,
});

// A renderer given from outside (the tests' page) is served as it is.
if (
  !process.env.VANTHU_RENDERER_DIR &&
  stale([path.join(rendererDir(), 'index.html')], ['renderer', 'shared']) &&
  !buildRenderer()
) {
  process.stderr.write('Không dựng được giao diện (renderer build failed).\n');
  process.exit(1);
}

const runtime = electronRuntime();
if (!runtime) {
  process.stderr.write(
    'Chưa cài Electron trên máy này (Electron runtime not installed) — mở vanthu ở chế độ trình duyệt.\n',
  );
  await runBrowserMode(argv);
} else {
  const bundles = ['main.cjs', 'preload.cjs', 'core-host.cjs', 'token-host.cjs'].map((file) =>
    path.join(ROOT, 'dist', 'electron', file),
  );
  if (stale(bundles, ['electron', 'core', 'shared', 'build/icon.png'])) await buildElectron();
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Set by some terminals (VS Code's): it would make the runtime start as plain Node.
  delete env.ELECTRON_RUN_AS_NODE;
  if (typeof values.data === 'string' && values.data !== '') env.VANTHU_DATA_DIR = path.resolve(values.data);
  const app = spawn(runtime, [ROOT], { stdio: 'inherit', env });
  app.once('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
