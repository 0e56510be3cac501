// A real PostgreSQL for the hub's tests: the server named by
// VANTHU_TEST_PG_URL, or a throwaway cluster in a temp dir (initdb + pg_ctl
// from the Debian `postgresql` package), one database per hub.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface TestPostgres {
  /** The maintenance database's URL. */
  url: string;
  /** A fresh, empty database; its URL. */
  newDatabase(): Promise<string>;
  stop(): Promise<void>;
}

/** `durable`: keep PostgreSQL's fsync and synchronous commit, as a benchmark must. */
export async function startPostgres(options: { durable?: boolean } = {}): Promise<TestPostgres> {
  const external = process.env.VANTHU_TEST_PG_URL;
  if (external) return onServer(external, () => undefined);
  const bin = serverBinaries();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-pg-'));
  const data = path.join(dir, 'data');
  // initdb and postgres refuse to run as root: hand the cluster to the postgres user.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync('chown', ['postgres:', dir]);
  const run = (tool: string, args: string[]) =>
    execFileSync(
      asRoot ? 'runuser' : path.join(bin, tool),
      asRoot ? ['-u', 'postgres', '--', path.join(bin, tool), ...args] : args,
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
  try {
    run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
    const port = await freePort();
    // fsync off: a test cluster is thrown away, durability is not what these tests measure.
    const fast = options.durable ? '' : ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off';
    const settings = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200${fast}`;
    run('pg_ctl', ['-D', data, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', '-o', settings, 'start']);
    return onServer(`postgres://postgres@127.0.0.1:${port}/postgres`, () => {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  } catch (error) {
    const log = path.join(dir, 'server.log');
    const detail = fs.existsSync(log)
      ? fs.readFileSync(log, 'utf8').slice(-2000)
      : String((error as { stderr?: Buffer }).stderr ?? '');
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`could not start a test PostgreSQL: ${(error as Error).message}\n${detail}`, { cause: error });
  }
}

function serverBinaries(): string {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root)
    ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
    : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) {
    throw new Error(
      'PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin/initdb). The hub tests run against PostgreSQL too: ' +
        'run scripts/install-system-deps (it installs the apt package `postgresql`), or set VANTHU_TEST_PG_URL to a server.',
    );
  }
  return path.join(root, newest, 'bin');
}

/** Databases made here are dropped on stop (an external server outlives the tests). */
function onServer(url: string, shutdown: () => void): TestPostgres {
  const made: string[] = [];
  const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  return {
    url,
    async newDatabase() {
      const name = `vanthu_test_${process.pid}_${randomBytes(4).toString('hex')}`;
      await admin((client) => client.query(`CREATE DATABASE ${name}`));
      made.push(name);
      const target = new URL(url);
      target.pathname = `/${name}`;
      return target.href;
    },
    async stop() {
      try {
        await admin(async (client) => {
          for (const name of made) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        });
      } finally {
        shutdown();
      }
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
