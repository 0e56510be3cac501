import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CoreChannel, type HostProcess } from '../../electron/core-channel.ts';
import type { AppEvent } from '../../shared/bridge.ts';
import type { HostMessage, HostRequest } from '../../shared/host-protocol.ts';
import { openTestOffice, tempDir } from '../helpers/office.ts';
import { matching } from '../helpers/matchers.ts';

const ENTRY = path.resolve(import.meta.dirname, '../../core/host/utility-entry.ts');
const children = new Set<ChildProcess>();
afterEach(() => {
  for (const child of children) child.kill('SIGKILL');
  children.clear();
});

/** The core host as the Electron shell starts it, with child_process IPC standing in for utilityProcess. */
function forkHost(dataDir: string): ChildProcess {
  const child = fork(ENTRY, ['--data', dataDir], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

function nextMessage(child: ChildProcess, match: (message: HostMessage) => boolean): Promise<HostMessage> {
  return new Promise((resolve) => {
    const listener = (message: HostMessage) => {
      if (!match(message)) return;
      child.off('message', listener);
      resolve(message);
    };
    child.on('message', listener);
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** UtilityProcess's shape over a ChildProcess: postMessage, message, exit, kill. */
function asHostProcess(child: ChildProcess): HostProcess {
  const adapter: HostProcess = {
    postMessage: (message: HostRequest) => void child.send(message),
    on: (event: 'message' | 'exit', listener: (value: never) => void) => {
      child.on(event, (value: unknown) => listener(value as never));
      return adapter;
    },
    kill: () => child.kill('SIGKILL'),
  };
  return adapter;
}

describe('core host process (utility-entry)', () => {
  it('says it is ready, answers calls by id, and closes its store when asked', async () => {
    const dataDir = tempDir();
    const child = forkHost(dataDir);
    expect(await nextMessage(child, () => true)).toEqual({ type: 'ready' });

    const results = nextMessage(child, (m) => m.type === 'result' && m.id === 2);
    child.send({
      type: 'call',
      id: 1,
      name: 'office.init',
      input: { agencyCode: '000.00.31.H56', name: 'UBND xã Quảng Phú' },
    });
    child.send({ type: 'call', id: 2, name: 'office.status', input: {} });
    const status = await results;
    expect(status).toMatchObject({
      type: 'result',
      id: 2,
      result: { ok: true, value: { office: { name: 'UBND xã Quảng Phú' } } },
    });

    // Messages that are not requests are dropped, not answered with a crash.
    child.send({ type: 'call', id: 'x', name: 'office.status' });
    child.send({ type: 'drop-tables' });
    const unknown = nextMessage(child, (m) => m.type === 'result' && m.id === 3);
    child.send({ type: 'call', id: 3, name: 'constructor', input: {} });
    expect(await unknown).toMatchObject({ result: { ok: false, error: { code: 'INPUT_INVALID' } } });

    const exit = exited(child);
    child.send({ type: 'close' });
    expect(await exit).toBe(0);
    // Closed cleanly: the WAL was checkpointed away, and another process opens the store at once.
    expect(fs.existsSync(path.join(dataDir, 'vanthu.db-wal'))).toBe(false);
    const office = await openTestOffice({ dataDir, init: false });
    expect((await office.call('office.status', {})).office?.name).toBe('UBND xã Quảng Phú');
  });

  it('reports a store it cannot open on every call instead of dying', async () => {
    const dataDir = path.join(tempDir(), 'not-a-dir');
    fs.writeFileSync(dataDir, 'a file where the data dir should be');
    const child = forkHost(dataDir);
    await nextMessage(child, (m) => m.type === 'ready');
    const answer = nextMessage(child, (m) => m.type === 'result');
    child.send({ type: 'call', id: 1, name: 'office.status', input: {} });
    expect(await answer).toMatchObject({ result: { ok: false, error: { code: 'DATA_DIR_UNUSABLE' } } });
    const exit = exited(child);
    child.send({ type: 'close' });
    expect(await exit).toBe(0);
  });

  it('exits when its parent goes away', async () => {
    const child = forkHost(tempDir());
    await nextMessage(child, (m) => m.type === 'ready');
    const exit = exited(child);
    child.disconnect();
    expect(await exit).toBe(0);
  });
});

describe('the shell’s core channel over a real host process', () => {
  it('carries calls and events, survives the host dying, and closes it on quit', async () => {
    const dataDir = tempDir();
    const started: ChildProcess[] = [];
    const channel = new CoreChannel(() => {
      const child = forkHost(dataDir);
      started.push(child);
      return asHostProcess(child);
    });
    const events: AppEvent[] = [];
    channel.onEvent((event) => events.push(event));

    const init = await channel.call('office.init', { agencyCode: '000.00.31.H56', name: 'UBND xã Quảng Phú' });
    expect(init).toMatchObject({ ok: true, value: { agencyCode: '000.00.31.H56' } });
    const run = await channel.call('sync.run', { trigger: 'manual' });
    expect(run).toMatchObject({ ok: false, error: { code: 'SYNC_NOT_CONNECTED' } });
    expect(events).toEqual([
      { type: 'sync.state', running: true, trigger: 'manual', ok: null },
      { type: 'sync.state', running: false, trigger: 'manual', ok: false },
    ]);

    // The host dies idle: nothing is lost, and the next call starts a new one. That one dies
    // before it is even ready, with the call waiting for it: the call comes back as an error.
    const idleExit = exited(started[0]!);
    started[0]!.kill('SIGKILL');
    await idleExit;
    const lost = channel.call('office.status', {});
    expect(started).toHaveLength(2);
    started[1]!.kill('SIGKILL');
    expect(await lost).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: matching.stringContaining('lỗi ngoài dự kiến') },
    });
    const status = await channel.call('office.status', {});
    expect(status).toMatchObject({ ok: true, value: { office: { name: 'UBND xã Quảng Phú' } } });
    expect(started).toHaveLength(3);

    const exit = exited(started[2]!);
    await channel.close();
    expect(await exit).toBe(0);
    expect(await channel.call('office.status', {})).toMatchObject({ ok: false, error: { code: 'HOST_CLOSING' } });
    expect(started).toHaveLength(3);
  });

  it('starts a host that died by itself, so the scheduled sync it carries comes back without a call', async () => {
    const dataDir = tempDir();
    const started: ChildProcess[] = [];
    const channel = new CoreChannel(() => {
      const child = forkHost(dataDir);
      started.push(child);
      return asHostProcess(child);
    });
    expect(await channel.call('office.status', {})).toMatchObject({ ok: true });
    const exit = exited(started[0]!);
    started[0]!.kill('SIGKILL');
    await exit;
    const deadline = Date.now() + 20_000;
    while (started.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(started).toHaveLength(2);
    const closed = exited(started[1]!);
    await channel.close();
    expect(await closed).toBe(0);
  });
});
