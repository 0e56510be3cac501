// The main process's end of the core host protocol (shared/host-protocol.ts):
// calls matched to results by id, events passed on. The host is started on the
// first call; if it dies, the calls it held come back as INTERNAL errors and
// the next call starts a new one, so one crash never leaves the window stuck.
import type { HandlerName } from '../shared/api.ts';
import type { AppEvent, CallResult } from '../shared/bridge.ts';
import { AppError, type ErrorCode } from '../shared/errors.ts';
import type { HostMessage, HostRequest } from '../shared/host-protocol.ts';

/** The host process as the channel needs it: Electron's UtilityProcess, or an adapter over child_process. */
export interface HostProcess {
  postMessage(message: HostRequest): void;
  on(event: 'message', listener: (message: HostMessage) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

interface Running {
  process: HostProcess;
  ready: boolean;
  /** Calls made before the host said it was ready. */
  queue: HostRequest[];
  exited: Promise<void>;
}

const CLOSE_TIMEOUT_MS = 8000;
// A host that died comes back by itself (the end-of-day sync lives in it),
// sooner the first time, never in a tight loop.
const RESTART_FIRST_MS = 2000;
const RESTART_MAX_MS = 5 * 60_000;

export class CoreChannel {
  private readonly startProcess: () => HostProcess;
  private running: Running | null = null;
  private readonly pending = new Map<number, (result: CallResult<HandlerName>) => void>();
  private readonly listeners = new Set<(event: AppEvent) => void>();
  private nextId = 1;
  private closed = false;
  private restartDelayMs = RESTART_FIRST_MS;

  constructor(start: () => HostProcess) {
    this.startProcess = start;
  }

  /** Starts the host without waiting for a call: its sync scheduler runs even while the window is hidden. */
  start(): void {
    if (!this.closed) this.ensureRunning();
  }

  call(name: string, input: unknown): Promise<CallResult<HandlerName>> {
    if (this.closed) return Promise.resolve(failure('HOST_CLOSING', 'the app is quitting'));
    const running = this.ensureRunning();
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.send(running, { type: 'call', id, name, input });
    });
  }

  onEvent(listener: (event: AppEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Asks the host to close its store; kills it if it does not go in time. */
  async close(): Promise<void> {
    this.closed = true;
    const running = this.running;
    if (!running) return;
    this.send(running, { type: 'close' });
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), CLOSE_TIMEOUT_MS)));
    if ((await Promise.race([running.exited, late])) === 'late') running.process.kill();
    clearTimeout(timer);
  }

  private ensureRunning(): Running {
    if (this.running) return this.running;
    const process = this.startProcess();
    let exit!: () => void;
    const running: Running = { process, ready: false, queue: [], exited: new Promise((resolve) => (exit = resolve)) };
    process.on('message', (message) => {
      // A host that has been replaced may still flush a message or two.
      if (this.running !== running) return;
      this.receive(running, message);
    });
    process.on('exit', (code) => {
      exit();
      if (this.running !== running) return;
      this.running = null;
      const lost = this.closed
        ? failure('HOST_CLOSING', 'the app is quitting')
        : failure('INTERNAL', `core host exited (${code})`);
      for (const resolve of this.pending.values()) resolve(lost);
      this.pending.clear();
      if (this.closed) return;
      const delay = this.restartDelayMs;
      this.restartDelayMs = Math.min(delay * 2, RESTART_MAX_MS);
      setTimeout(() => {
        if (!this.closed) this.ensureRunning();
      }, delay).unref();
    });
    this.running = running;
    return running;
  }

  private send(running: Running, request: HostRequest): void {
    if (running.ready) running.process.postMessage(request);
    else running.queue.push(request);
  }

  private receive(running: Running, message: HostMessage): void {
    switch (message.type) {
      case 'ready':
        running.ready = true;
        this.restartDelayMs = RESTART_FIRST_MS;
        for (const request of running.queue.splice(0)) running.process.postMessage(request);
        return;
      case 'result': {
        const resolve = this.pending.get(message.id);
        this.pending.delete(message.id);
        resolve?.(message.result);
        return;
      }
      case 'event':
        for (const listener of [...this.listeners]) listener(message.event);
        return;
    }
  }
}

function failure(code: ErrorCode, detail: string): CallResult<HandlerName> {
  return { ok: false, error: new AppError(code, detail).toValue() };
}
