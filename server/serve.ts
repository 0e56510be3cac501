// `hub --data <dir> --port <p>`: opens the database and the blob store, listens,
// and closes cleanly on SIGTERM/SIGINT. The first line on stdout is
// "hub listening on http://HOST:PORT" (tests and scripts wait for it).
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { buildApp, type LogLevel } from './app.ts';
import { BlobStore } from './blob-store.ts';
import { openDatabase } from './db/open.ts';
import { claimDataDir } from './hub-file.ts';
import { UploadLocks } from './upload-locks.ts';

export interface ServeOptions {
  dataDir: string;
  host: string;
  port: number;
  logLevel: LogLevel;
  databaseUrl: string | undefined;
}

/** How long a port asked for by number may stay taken (a hub restarting on it) before giving up. */
const BIND_PATIENCE_MS = 5_000;
/** In-flight uploads get this long to finish at shutdown; their received bytes are kept either way. */
const CLOSE_GRACE_MS = 5_000;

export async function serve(options: ServeOptions): Promise<number> {
  const claim = claimDataDir(options.dataDir);
  if (!claim.ok) {
    process.stderr.write(`hub: ${options.dataDir} is in use by process ${claim.holder.pid}\n`);
    return 1;
  }
  try {
    const opened = await openDatabase(options.dataDir, options.databaseUrl);
    if (!opened.ok) {
      process.stderr.write(`hub: ${opened.message} (${opened.code})\n`);
      return 1;
    }
    const db = opened.db;
    const adminSecret = randomBytes(32).toString('hex');
    const app = buildApp(
      { db, blobs: new BlobStore(options.dataDir), locks: new UploadLocks(), adminSecret },
      options.logLevel,
    );
    try {
      const port = await freePort(options.host, options.port);
      if (port === null) {
        process.stderr.write(`hub: port ${options.port} on ${options.host} is taken\n`);
        return 1;
      }
      try {
        await app.listen({ host: options.host, port });
      } catch (error) {
        process.stderr.write(`hub: cannot listen on ${options.host}:${port}: ${(error as Error).message}\n`);
        return 1;
      }
      const address = app.server.address() as net.AddressInfo;
      claim.publish(`http://${loopbackFor(options.host)}:${address.port}`, adminSecret);
      process.stdout.write(`hub listening on http://${hostForUrl(options.host)}:${address.port}\n`);
      await stopSignal();
      return 0;
    } finally {
      await closeWithin(app, CLOSE_GRACE_MS);
      await db.close();
    }
  } finally {
    claim.release();
  }
}

/** The port to listen on: 0 stays 0 (random); a taken fixed port is retried briefly (a restart on the same port). */
async function freePort(host: string, port: number): Promise<number | null> {
  if (port === 0) return 0;
  const deadline = Date.now() + BIND_PATIENCE_MS;
  while (!(await canBind(host, port))) {
    if (Date.now() > deadline) return null;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return port;
}

function canBind(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

function stopSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGTERM', () => resolve());
    process.once('SIGINT', () => resolve());
  });
}

async function closeWithin(app: ReturnType<typeof buildApp>, ms: number): Promise<void> {
  const timer = setTimeout(() => app.server.closeAllConnections(), ms);
  try {
    await app.close();
  } finally {
    clearTimeout(timer);
  }
}

const hostForUrl = (host: string) => (host.includes(':') ? `[${host}]` : host);

/** Where the admin CLI on this machine reaches the hub. */
function loopbackFor(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return hostForUrl(host);
}
