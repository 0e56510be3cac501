import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import { once } from 'node:events';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseBitRate, startLineProxy, type LineProxy, type LineProxyOptions } from '../../scripts/lib/line-proxy.ts';

const repo = path.resolve(import.meta.dirname, '../..');
const KIB = 1024;
// How a peer sees a cut: a reset — or, when the RST lands together with the last data, libuv
// reports end of stream instead (POLLHUP after a partial read).
const CUT = /^(ECONNRESET|EPIPE|end)$/;

// Everything a test opens is closed after it, whatever happened.
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The hub stand-in: a plain TCP server; `onSocket` decides what it does with each connection. */
async function target(onSocket: (socket: net.Socket) => void): Promise<{ port: number; sockets: net.Socket[] }> {
  const sockets: net.Socket[] = [];
  const server = net.createServer((socket) => {
    sockets.push(socket);
    socket.on('error', () => undefined);
    onSocket(socket);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  cleanups.push(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { port: (server.address() as net.AddressInfo).port, sockets };
}

/** A target that keeps what it receives per connection and notes how each connection ended. */
async function sink() {
  const connections: { chunks: Buffer[]; bytes: number; ended: Promise<string> }[] = [];
  const server = await target((socket) => {
    const connection = { chunks: [] as Buffer[], bytes: 0, ended: Promise.resolve('') };
    connection.ended = new Promise((resolve) => {
      socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      socket.on('end', () => resolve('end'));
    });
    socket.on('data', (chunk: Buffer) => {
      connection.chunks.push(chunk);
      connection.bytes += chunk.length;
    });
    connections.push(connection);
  });
  return { ...server, connections };
}

const echo = () => target((socket) => socket.pipe(socket));

async function proxyTo(port: number, options: Omit<LineProxyOptions, 'target'> = {}): Promise<LineProxy> {
  const proxy = await startLineProxy({ target: { host: '127.0.0.1', port }, ...options });
  cleanups.push(() => proxy.close());
  return proxy;
}

async function connect(port: number): Promise<net.Socket> {
  const socket = net.connect(port, '127.0.0.1');
  cleanups.push(() => void socket.destroy());
  await once(socket, 'connect');
  return socket;
}

/** How a client socket ended: 'end' (clean) or the error code. */
function endOf(socket: net.Socket): Promise<string> {
  return new Promise((resolve) => {
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    socket.on('end', () => resolve('end'));
    socket.on('close', () => resolve('close'));
  });
}

/** Sends `payload` and waits until the echo of all of it is back: the elapsed ms, or the failure. */
async function roundTrip(socket: net.Socket, payload: Buffer): Promise<number> {
  const started = performance.now();
  let received = 0;
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received >= payload.length) {
        socket.off('data', onData);
        resolve();
      }
    };
    socket.on('data', onData);
    socket.once('error', reject);
    socket.once('close', () => reject(new Error('closed before the echo')));
    socket.write(payload);
  });
  return performance.now() - started;
}

/** Connects and echoes once; resolves to 'ok' or to how it failed. */
async function tryEcho(port: number): Promise<string> {
  const socket = net.connect(port, '127.0.0.1');
  cleanups.push(() => void socket.destroy());
  try {
    await once(socket, 'connect');
    await roundTrip(socket, Buffer.from('ping'));
    return 'ok';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  } finally {
    socket.destroy();
  }
}

async function until(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

// A busy machine can only make the line slower than set, never faster: these tests check that
// it is never faster (the only way an emulated line can flatter a result). How close to the
// set rate and delay it comes is measured by `npm run bench -- line`.
describe('line proxy: rate and delay', () => {
  it('never sends 256 KiB at 1 Mbit/s in less than 2.1 s', async () => {
    const hub = await sink();
    const proxy = await proxyTo(hub.port, { rateBitsPerSecond: 1e6 });
    const client = await connect(proxy.port);
    const started = performance.now();
    client.write(crypto.randomBytes(256 * KIB));
    await until(() => hub.connections[0]?.bytes === 256 * KIB);
    const seconds = (performance.now() - started) / 1000;
    expect(seconds).toBeGreaterThan(2.097 * 0.9);
    expect(proxy.stats()).toMatchObject({ bytesUp: 256 * KIB, bytesDown: 0, connections: 1, openConnections: 1 });
  });

  it('answers a new connection after no less than two round trips (handshake) and the next request after one', async () => {
    const hub = await echo();
    const proxy = await proxyTo(hub.port, { delayMs: 100 });
    const client = await connect(proxy.port);
    const first = await roundTrip(client, Buffer.from('GET /sync'));
    const second = await roundTrip(client, Buffer.from('GET /sync'));
    expect(first).toBeGreaterThan(395);
    expect(second).toBeGreaterThan(195);
  });

  it('splits one line between two connections: each takes as long as both would in turn', async () => {
    const hub = await sink();
    const proxy = await proxyTo(hub.port, { rateBitsPerSecond: 1e6 });
    const clients = await Promise.all([connect(proxy.port), connect(proxy.port)]);
    await until(() => hub.connections.length === 2);
    const started = performance.now();
    for (const client of clients) client.write(crypto.randomBytes(64 * KIB));
    const done = hub.connections.map(async (connection) => {
      await until(() => connection.bytes === 64 * KIB);
      return (performance.now() - started) / 1000;
    });
    const [a, b] = await Promise.all(done);
    // Alone, 64 KiB takes 0.52 s; sharing, neither finishes before ≈ 1.05 s (128 KiB at 1 Mbit/s).
    for (const seconds of [a!, b!]) expect(seconds).toBeGreaterThan(1.049 * 0.85);
  });

  it('stalls without closing anything, then carries on', async () => {
    const hub = await sink();
    const proxy = await proxyTo(hub.port);
    const client = await connect(proxy.port);
    proxy.setStalled(true);
    client.write(Buffer.alloc(1000, 1));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(hub.connections[0]?.bytes ?? 0).toBe(0);
    expect(proxy.stats()).toMatchObject({ openConnections: 1, queuedBytesUp: 1000 });
    proxy.setStalled(false);
    await until(() => hub.connections[0]?.bytes === 1000);
  });
});

describe('line proxy: cuts', () => {
  it('cuts an upload after exactly 500 000 of its 1 000 000 bytes', async () => {
    const hub = await sink();
    const proxy = await proxyTo(hub.port, { cuts: [{ afterBytesUp: 500_000 }] });
    const client = await connect(proxy.port);
    const clientEnd = endOf(client);
    const body = crypto.randomBytes(1_000_000);
    client.write(body);
    expect(await clientEnd).toMatch(CUT);
    await until(() => hub.connections.length === 1);
    expect(await hub.connections[0]!.ended).toMatch(CUT);
    expect(hub.connections[0]!.bytes).toBe(500_000);
    expect(Buffer.concat(hub.connections[0]!.chunks).equals(body.subarray(0, 500_000))).toBe(true);
    expect(proxy.stats()).toMatchObject({ bytesUp: 500_000, cuts: 1, openConnections: 0 });
  });

  it('cuts a slow upload at 50 % from a hook, the line holding at the byte', async () => {
    const hub = await sink();
    const proxy = await proxyTo(hub.port, { rateBitsPerSecond: 4e6, delayMs: 20 });
    const client = await connect(proxy.port);
    const clientEnd = endOf(client);
    const reached = proxy.onceAfterBytesUp(50_001, 'cut');
    client.write(crypto.randomBytes(100_002));
    await reached;
    expect(await clientEnd).toMatch(CUT);
    expect(await hub.connections[0]!.ended).toMatch(CUT);
    expect(hub.connections[0]!.bytes).toBe(50_001);
  });

  it('cuts a download after exactly 123 457 bytes', async () => {
    const hub = await target((socket) => socket.end(crypto.randomBytes(300_000)));
    const proxy = await proxyTo(hub.port, { cuts: [{ afterBytesDown: 123_457 }] });
    const client = await connect(proxy.port);
    let received = 0;
    client.on('data', (chunk: Buffer) => (received += chunk.length));
    expect(await endOf(client)).toMatch(CUT);
    expect(received).toBe(123_457);
  });

  it('keeps the line down for downForMs, resetting new connections, then recovers', async () => {
    const hub = await echo();
    const proxy = await proxyTo(hub.port);
    const client = await connect(proxy.port);
    await roundTrip(client, Buffer.from('hello'));
    const clientEnd = endOf(client);
    proxy.cutNow(400);
    expect(await clientEnd).toBe('ECONNRESET');
    expect(await tryEcho(proxy.port)).not.toBe('ok');
    expect(proxy.stats().refusedConnections).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect(await tryEcho(proxy.port)).toBe('ok');

    proxy.setDown(true);
    expect(await tryEcho(proxy.port)).not.toBe('ok');
    proxy.setDown(false);
    expect(await tryEcho(proxy.port)).toBe('ok');
    expect(proxy.stats()).toMatchObject({ cuts: 2, refusedConnections: 2, connections: 3 });
  });

  it('cuts by time, and a resetStats() re-arms the rules', async () => {
    const hub = await echo();
    const proxy = await proxyTo(hub.port, { cuts: [{ atMs: 150, downForMs: 100 }] });
    const client = await connect(proxy.port);
    const clientEnd = endOf(client);
    expect(await clientEnd).toBe('ECONNRESET');
    proxy.resetStats();
    await new Promise((resolve) => setTimeout(resolve, 260));
    expect(proxy.stats().cuts).toBe(1);
  });
});

describe('line proxy: integrity and resources', () => {
  it('flips one bit of the 5000th byte and nothing else', async () => {
    const hub = await sink();
    const proxy = await proxyTo(hub.port, { rateBitsPerSecond: 8e6 });
    proxy.corruptUpByteAt(5000);
    const client = await connect(proxy.port);
    const body = crypto.randomBytes(10_000);
    client.end(body);
    await until(() => hub.connections[0]?.bytes === 10_000);
    const received = Buffer.concat(hub.connections[0]!.chunks);
    const differing = [...received.keys()].filter((index) => received[index] !== body[index]);
    expect(differing).toEqual([5000]);
    expect(received[5000]! ^ body[5000]!).toBe(1);
  });

  it('holds at most its queue when the hub reads slowly, not the 20 MB being sent', async () => {
    const hub = await target((socket) => socket.pause());
    const proxy = await proxyTo(hub.port);
    const client = await connect(proxy.port);
    const body = crypto.randomBytes(20 * 1024 * KIB);
    client.write(body);
    // Let the kernel buffers on both sides fill up, then look.
    let last = -1;
    await until(() => {
      const now = proxy.stats().bytesUp;
      const settled = now === last;
      last = now;
      return settled && now > 0;
    });
    const stalled = proxy.stats();
    expect(stalled.bytesUp).toBeLessThan(body.length / 2);
    expect(stalled.queuedBytesUp).toBeGreaterThan(0);
    expect(stalled.queuedBytesUp).toBeLessThanOrEqual(128 * KIB);
    expect(client.writableLength).toBeGreaterThan(0); // the client itself is held back

    const hash = crypto.createHash('sha256');
    let received = 0;
    const server = hub.sockets[0]!;
    server.on('data', (chunk: Buffer) => {
      hash.update(chunk);
      received += chunk.length;
    });
    server.resume();
    await until(() => received === body.length, 20_000);
    expect(hash.digest('hex')).toBe(crypto.createHash('sha256').update(body).digest('hex'));
    expect(proxy.stats().peakQueuedBytesUp).toBeLessThanOrEqual(128 * KIB);
  });

  it('closes without leaving a socket or a timer behind: its process exits by itself', async () => {
    // In a process of its own, where the test runner's handles do not blur the count. Handles are
    // listed from inside a timer callback (which lists itself) before the proxy starts and after close.
    const script = `
      import net from 'node:net';
      import { once } from 'node:events';
      import { startLineProxy } from './scripts/lib/line-proxy.ts';
      const handles = () => new Promise((resolve) => setTimeout(() => resolve(process.getActiveResourcesInfo().sort()), 20));
      const before = await handles();
      const hub = net.createServer((socket) => { socket.on('error', () => {}); socket.pipe(socket); });
      hub.listen(0, '127.0.0.1');
      await once(hub, 'listening');
      const proxy = await startLineProxy({
        target: { host: '127.0.0.1', port: hub.address().port },
        rateBitsPerSecond: 64000, delayMs: 200, cuts: [{ atMs: 60000 }, { afterBytesDown: 10 }],
      });
      const client = net.connect(proxy.port, '127.0.0.1');
      client.on('error', () => {});
      await once(client, 'connect');
      client.write(Buffer.alloc(50 * 1024)); // queued, on the line and behind the handshake delay
      const pending = proxy.onceAfterBytesUp(1000000).catch((error) => error.message);
      await new Promise((resolve) => setTimeout(resolve, 50));
      await proxy.close();
      hub.close();
      console.log(JSON.stringify({ pending: await pending, before, after: await handles() }));
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: repo,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cleanups.push(() => void child.kill('SIGKILL'));
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Held up by the 60 s rule, the child would still be running at 30 s, however slow the machine.
    const [code] = await Promise.race([
      once(child, 'exit'),
      new Promise<[string]>((resolve) => setTimeout(() => resolve(['still running']), 30_000)),
    ]);
    expect(code, stderr).toBe(0);
    const report = JSON.parse(stdout) as { pending: string; before: string[]; after: string[] };
    expect(report.pending).toBe('line proxy closed');
    expect(report.after).toEqual(report.before);
  });
});

describe('line proxy CLI', () => {
  it('reads rates the way tc does', () => {
    expect(parseBitRate('256kbit')).toBe(256_000);
    expect(parseBitRate('2Mbit')).toBe(2_000_000);
    expect(parseBitRate('256000')).toBe(256_000);
    expect(() => parseBitRate('fast')).toThrow('not a bit rate');
  });

  it('prints where it listens first, forwards, and stops on SIGINT', async () => {
    const hub = await echo();
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/line-proxy.ts',
        '--target',
        `127.0.0.1:${hub.port}`,
        '--rate',
        '256kbit',
        '--delay',
        '20',
      ],
      {
        cwd: repo,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    cleanups.push(() => void child.kill('SIGKILL'));
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await until(() => stdout.includes('\n'), 15_000);
    const match = /^line-proxy listening on 127\.0\.0\.1:(\d+)\n/.exec(stdout);
    expect(match, stderr).not.toBeNull();
    expect(await tryEcho(Number(match![1]))).toBe('ok');
    child.kill('SIGINT');
    const [code] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
    expect(code).toBe(0);
    expect(stderr).toContain('4 B up, 4 B down, 1 connection(s), 0 cut(s)');
  });
});
