// The core host process: what the Electron shell forks with utilityProcess.fork
// so token work, PDF parsing and sync never block the window's main process.
// It speaks shared/host-protocol.ts over Electron's process.parentPort, or over
// child_process IPC when a test (or a plain Node) forks it.
//   core-host --data <dir>
import type { HandlerName } from '../../shared/api.ts';
import type { CallResult } from '../../shared/bridge.ts';
import { toErrorValue, type ErrorValue } from '../../shared/errors.ts';
import type { HostMessage, HostRequest } from '../../shared/host-protocol.ts';
import { defaultDataDir } from '../context.ts';
import { openAppHost, type AppHost } from './app-host.ts';
import { logFailure } from './log.ts';

/** Electron's process.parentPort, as much of it as this file uses (core never imports electron). */
interface ParentPort {
  on(event: 'message', listener: (message: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

interface Link {
  send(message: HostMessage): void;
  onRequest(listener: (request: unknown) => void): void;
}

function connectToParent(): Link {
  const parentPort = (process as { parentPort?: ParentPort }).parentPort;
  if (parentPort) {
    return {
      send: (message) => parentPort.postMessage(message),
      onRequest: (listener) => parentPort.on('message', (message) => listener(message.data)),
    };
  }
  if (process.send) {
    // The parent is gone (killed, or a test ended): nobody is left to ask anything.
    process.once('disconnect', () => void shutdown());
    return {
      // An event of work still finishing (a background OCR) may come after the parent has gone.
      send: (message) => {
        if (process.connected) process.send?.(message);
      },
      onRequest: (listener) => process.on('message', listener),
    };
  }
  throw new Error('core-host must be started by the app (utilityProcess.fork or child_process.fork)');
}

function isRequest(value: unknown): value is HostRequest {
  if (typeof value !== 'object' || value === null) return false;
  const request = value as { type?: unknown; id?: unknown; name?: unknown };
  if (request.type === 'close') return true;
  return request.type === 'call' && Number.isSafeInteger(request.id) && typeof request.name === 'string';
}

/** `--data <dir>` wherever it stands: Electron and Node put different things before a script's own arguments. */
function dataDirArgument(argv: string[]): string | undefined {
  const at = argv.indexOf('--data');
  const value = at >= 0 ? argv[at + 1] : argv.find((arg) => arg.startsWith('--data='))?.slice('--data='.length);
  return value || undefined;
}

// A store that cannot open (a newer schema, no write access) must reach the
// window as a message, not as a process that dies before it can say why.
function openHost(dataDir: string): { host: AppHost } | { error: ErrorValue } {
  try {
    return { host: openAppHost({ dataDir }) };
  } catch (error) {
    const value = toErrorValue(error);
    logFailure('open', value, error);
    return { error: value };
  }
}

const opened = openHost(dataDirArgument(process.argv) ?? defaultDataDir());
const host = 'host' in opened ? opened.host : null;
const link = connectToParent();
host?.subscribe((event) => link.send({ type: 'event', event }));

async function answer(id: number, name: string, input: unknown): Promise<void> {
  const result: CallResult<HandlerName> =
    'host' in opened ? await opened.host.call(name, input) : { ok: false, error: opened.error };
  link.send({ type: 'result', id, result });
}

let closing: Promise<void> | null = null;
function shutdown(): Promise<void> {
  closing ??= (host?.close() ?? Promise.resolve()).finally(() => process.exit(0));
  return closing;
}

link.onRequest((request) => {
  if (!isRequest(request)) return;
  if (request.type === 'close') void shutdown();
  else void answer(request.id, request.name, request.input);
});
process.once('SIGTERM', () => void shutdown());
process.once('SIGINT', () => void shutdown());
link.send({ type: 'ready' });
