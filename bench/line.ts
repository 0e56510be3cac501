// Line-proxy benchmark: how close the emulated line comes to the rate and delay it is
// set to (scripts/lib/line-proxy.ts), which the sync benchmarks rely on. The tests only
// check that it is never faster than set; this measures by how much it is slower.
//
//   npm run bench -- line [--runs 3]
import crypto from 'node:crypto';
import { once } from 'node:events';
import net from 'node:net';
import { parseArgs } from 'node:util';
import { startLineProxy, type LineProxy } from '../scripts/lib/line-proxy.ts';

const KIB = 1024;
const RATE = 1e6;
const DELAY_MS = 100;

interface Target {
  port: number;
  received: number[];
  close(): Promise<void>;
}

export async function run(args: string[]): Promise<unknown> {
  const { values } = parseArgs({ args, options: { runs: { type: 'string' } } });
  const runs = Number(values.runs ?? 3);
  const rate: number[] = [];
  const firstRoundTrip: number[] = [];
  const nextRoundTrip: number[] = [];
  const shared: number[] = [];
  for (let i = 0; i < runs; i++) {
    rate.push(await oneUpload(256 * KIB));
    const [first, next] = await roundTrips();
    firstRoundTrip.push(first);
    nextRoundTrip.push(next);
    shared.push(...(await sharedLine(64 * KIB)));
  }
  // Payload seconds at the set rate; a new connection pays the handshake (one RTT) before its first request's RTT.
  const expected = {
    uploadSeconds: (256 * KIB * 8) / RATE,
    firstRoundTripMs: 4 * DELAY_MS,
    nextRoundTripMs: 2 * DELAY_MS,
    sharedSeconds: (2 * 64 * KIB * 8) / RATE,
  };
  const worst = (values: number[]) => Math.max(...values);
  return {
    bench: 'line',
    runs,
    rateBitsPerSecond: RATE,
    delayMs: DELAY_MS,
    expected,
    measured: {
      uploadSeconds: rate.map(round),
      firstRoundTripMs: firstRoundTrip.map(round),
      nextRoundTripMs: nextRoundTrip.map(round),
      sharedSeconds: shared.map(round),
    },
    worstOverExpected: {
      upload: round(worst(rate) / expected.uploadSeconds),
      firstRoundTrip: round(worst(firstRoundTrip) / expected.firstRoundTripMs),
      nextRoundTrip: round(worst(nextRoundTrip) / expected.nextRoundTripMs),
      shared: round(worst(shared) / expected.sharedSeconds),
    },
  };
}

/** Seconds to push `bytes` through a 1 Mbit/s line to a sink. */
async function oneUpload(bytes: number): Promise<number> {
  return withLine({ rateBitsPerSecond: RATE }, sink, async (proxy, target) => {
    const client = await connect(proxy.port);
    const started = performance.now();
    client.write(crypto.randomBytes(bytes));
    await until(() => target.received[0] === bytes);
    client.destroy();
    return (performance.now() - started) / 1000;
  });
}

/** Milliseconds of the first echo on a new connection and of the next one, over a 100 ms one-way delay. */
async function roundTrips(): Promise<[number, number]> {
  return withLine({ delayMs: DELAY_MS }, echo, async (proxy) => {
    const client = await connect(proxy.port);
    const first = await roundTrip(client);
    const next = await roundTrip(client);
    client.destroy();
    return [first, next];
  });
}

/** Seconds until each of two connections has pushed `bytes` through one 1 Mbit/s line. */
async function sharedLine(bytes: number): Promise<number[]> {
  return withLine({ rateBitsPerSecond: RATE }, sink, async (proxy, target) => {
    const clients = await Promise.all([connect(proxy.port), connect(proxy.port)]);
    await until(() => target.received.length === 2);
    const started = performance.now();
    for (const client of clients) client.write(crypto.randomBytes(bytes));
    const done = [0, 1].map(async (index) => {
      await until(() => target.received[index] === bytes);
      return (performance.now() - started) / 1000;
    });
    const seconds = await Promise.all(done);
    for (const client of clients) client.destroy();
    return seconds;
  });
}

async function withLine<T>(
  options: { rateBitsPerSecond?: number; delayMs?: number },
  makeTarget: () => Promise<Target>,
  measure: (proxy: LineProxy, target: Target) => Promise<T>,
): Promise<T> {
  const target = await makeTarget();
  const proxy = await startLineProxy({ target: { host: '127.0.0.1', port: target.port }, ...options });
  try {
    return await measure(proxy, target);
  } finally {
    await proxy.close();
    await target.close();
  }
}

async function serve(onSocket: (socket: net.Socket, index: number) => void): Promise<Omit<Target, 'received'>> {
  const sockets: net.Socket[] = [];
  const server = net.createServer((socket) => {
    socket.on('error', () => undefined);
    sockets.push(socket);
    onSocket(socket, sockets.length - 1);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as net.AddressInfo).port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function sink(): Promise<Target> {
  const received: number[] = [];
  const server = await serve((socket, index) => {
    received[index] = 0;
    socket.on('data', (chunk: Buffer) => (received[index]! += chunk.length));
  });
  return { ...server, received };
}

async function echo(): Promise<Target> {
  return { ...(await serve((socket) => socket.pipe(socket))), received: [] };
}

async function connect(port: number): Promise<net.Socket> {
  const socket = net.connect(port, '127.0.0.1');
  socket.on('error', () => undefined);
  await once(socket, 'connect');
  return socket;
}

async function roundTrip(socket: net.Socket): Promise<number> {
  const started = performance.now();
  const echoed = once(socket, 'data');
  socket.write('GET /sync');
  await echoed;
  return performance.now() - started;
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 2));
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
