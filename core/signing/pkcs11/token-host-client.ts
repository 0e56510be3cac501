// Talks to one token host process (token-host.ts): one process per PKCS#11
// module, so a module that hangs or crashes affects only its own tokens.
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { HostFailure, HostMessage, HostReply, HostRequest, HostResults } from './protocol.ts';

/**
 * The packaged app runs core from a bundle, where token-host.ts and tsx do not
 * exist: the shell names the bundled host instead, run by Electron as Node.
 */
function hostCommand(env: NodeJS.ProcessEnv): { entry: string; execArgv: string[]; env: NodeJS.ProcessEnv } {
  const bundled = env.VANTHU_TOKEN_HOST;
  if (bundled) return { entry: bundled, execArgv: [], env: { ...env, ELECTRON_RUN_AS_NODE: '1' } };
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return { entry: path.join(import.meta.dirname, 'token-host.ts'), execArgv: ['--import', tsx], env };
}

/** A failure inside the module (a CKR_* code) or of the host process itself. */
export class TokenHostError extends Error {
  readonly failure: HostFailure;
  constructor(failure: HostFailure) {
    super(failure.ckr ?? failure.message);
    this.name = 'TokenHostError';
    this.failure = failure;
  }
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

export class TokenHost {
  readonly modulePath: string;
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private exited: HostFailure | null = null;

  constructor(modulePath: string, env: NodeJS.ProcessEnv = process.env) {
    this.modulePath = modulePath;
    const command = hostCommand(env);
    this.child = fork(command.entry, [], {
      execArgv: command.execArgv,
      env: command.env,
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    this.child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-2000);
    });
    this.child.on('message', (reply: HostReply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (reply.ok) waiting.resolve(reply.result);
      else waiting.reject(new TokenHostError(reply.failure));
    });
    this.child.on('exit', (code, signal) => {
      // A vendor module that crashes takes only this process with it.
      this.exited = {
        ckr: null,
        message: `token host exited (${signal ?? code}) ${stderr.trim()}`.trim(),
        crashed: true,
      };
      for (const waiting of this.pending.values()) waiting.reject(new TokenHostError(this.exited));
      this.pending.clear();
    });
    // Tokens must never keep the CLI or a test alive.
    this.child.unref();
    this.child.channel?.unref();
  }

  get alive(): boolean {
    return this.exited === null;
  }

  /**
   * One call into the module. A call that does not come back in `timeoutMs` (a hung driver,
   * a PIN pad nobody answers) kills the host: nothing else can stop a blocked native call.
   */
  request<K extends HostRequest['op']>(
    request: Extract<HostRequest, { op: K }>,
    timeoutMs = 30_000,
  ): Promise<HostResults[K]> {
    if (this.exited) return Promise.reject(new TokenHostError(this.exited));
    const id = this.nextId++;
    const message: HostMessage = { id, request };
    let timer: NodeJS.Timeout | undefined;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve, reject });
      this.child.channel?.ref();
      timer = setTimeout(() => {
        this.pending.delete(id);
        reject(
          new TokenHostError({ ckr: null, message: `${request.op} took longer than ${timeoutMs} ms`, timedOut: true }),
        );
        this.child.kill('SIGKILL');
      }, timeoutMs);
      this.child.send(message, (error) => {
        if (error) {
          this.pending.delete(id);
          reject(new TokenHostError({ ckr: null, message: error.message }));
        }
      });
    }).finally(() => {
      clearTimeout(timer);
      if (this.pending.size === 0) this.child.channel?.unref();
    }) as Promise<HostResults[K]>;
  }

  /** Ends the host: sessions are logged out and the module finalized by the host itself. */
  close(): Promise<void> {
    if (this.exited) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 2000);
      timer.unref();
      this.child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      this.child.disconnect();
    });
  }
}
