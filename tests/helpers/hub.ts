// The hub as a separate process, as in production: `node bin/hub.js`, started,
// stopped, killed and restarted on its data dir, and driven through its admin
// CLI. `hubBackends()` lets a suite run once on PGlite and once on PostgreSQL.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import zlib from 'node:zlib';
import type { z } from 'zod';
import { adminOutputs, type AdminCommandName } from '../../server/admin/commands.ts';
import type { HubFile } from '../../server/hub-file.ts';
import { enrollReply, errorReply, uploadState } from '../../shared/sync-protocol.ts';
import { startPostgres, type TestPostgres } from './postgres.ts';

const HUB_BIN = path.resolve(import.meta.dirname, '../../bin/hub.js');
const START_TIMEOUT_MS = 45_000;

export interface AdminResult {
  status: number | null;
  stdout: string;
  stderr: string;
  /** stdout parsed, when `--json` was given and it is JSON. */
  json: unknown;
}

/** What an admin command answers, as the admin table declares it. */
export type AdminOutput<N extends AdminCommandName> = z.output<(typeof adminOutputs)[N]>;

export interface Hub {
  /** Changes only if a restart could not get the same port back. */
  readonly url: string;
  readonly dataDir: string;
  admin(args: string[]): AdminResult;
  /**
   * An admin command sent straight to the running hub, as the CLI sends it
   * (`server/admin/commands.ts` names): no process to start, for tests that
   * need many enrollment codes. Resolves with the command's value, checked
   * against the admin table's declared output.
   */
  adminCommand<N extends AdminCommandName>(name: N, input: Record<string, unknown>): Promise<AdminOutput<N>>;
  /** SIGTERM, then wait for the exit. */
  stop(): Promise<void>;
  /** SIGKILL, as a crash or a power cut would. */
  kill(): Promise<void>;
  /** Starts it again on the same data dir (and database), on the same port if it can. */
  restart(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export async function startHub(options: { dataDir: string; databaseUrl?: string }): Promise<Hub> {
  // A DATABASE_URL in the test runner's environment must not turn a PGlite hub into a PostgreSQL one.
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  else await seedPgliteCluster(options.dataDir);
  let child: ChildProcess;
  let url: string;
  const launch = async (port: number) => {
    ({ child, url } = await launchHub(options.dataDir, port, env));
  };
  await launch(0);
  const exited = () =>
    new Promise<void>((resolve) =>
      child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()),
    );
  return {
    get url() {
      return url;
    },
    dataDir: options.dataDir,
    admin(args) {
      const result = spawnSync(process.execPath, [HUB_BIN, 'admin', '--data', options.dataDir, ...args], {
        env,
        encoding: 'utf8',
      });
      let json: unknown;
      if (args.includes('--json')) {
        try {
          json = JSON.parse(result.stdout);
        } catch {
          json = undefined;
        }
      }
      return { status: result.status, stdout: result.stdout, stderr: result.stderr, json };
    },
    async adminCommand(name, input) {
      const { url: adminUrl, adminSecret } = adminEndpoint(options.dataDir);
      const reply = await fetch(`${adminUrl}/admin/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'vanthu-admin-secret': adminSecret },
        body: JSON.stringify(input),
      });
      const { result } = (await reply.json()) as { result: { ok: boolean; value?: unknown; message?: string } };
      if (!result.ok) throw new Error(`admin ${name}: ${result.message}`);
      return adminOutputs[name].parse(result.value) as AdminOutput<typeof name>;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited();
    },
    async kill() {
      child.kill('SIGKILL');
      await exited();
    },
    async restart() {
      const port = Number(new URL(url).port);
      try {
        await launch(port);
      } catch {
        await launch(0);
      }
    },
  };
}

/** Where, and with which secret, the hub listening on `dataDir` takes admin commands (its hub.json). */
export function adminEndpoint(dataDir: string): { url: string; adminSecret: string } {
  const { url, adminSecret } = JSON.parse(fs.readFileSync(path.join(dataDir, 'hub.json'), 'utf8')) as HubFile;
  if (url === null || adminSecret === null) throw new Error(`no hub listens on ${dataDir} yet`);
  return { url, adminSecret };
}

/**
 * PGlite runs initdb (about 6 s of WebAssembly) the first time it opens a
 * directory. Tests start many hubs, so each empty data dir gets a copy of a
 * cluster made once per PGlite version and kept in the temp dir. The hub
 * still applies its migrations to it, as on a first start.
 */
async function seedPgliteCluster(dataDir: string): Promise<void> {
  const target = path.join(dataDir, 'db');
  if (fs.existsSync(target)) return;
  const { version } = JSON.parse(
    fs.readFileSync(path.resolve(import.meta.dirname, '../../node_modules/@electric-sql/pglite/package.json'), 'utf8'),
  ) as { version: string };
  const template = path.join(os.tmpdir(), `vanthu-pglite-cluster-${version}`);
  if (!fs.existsSync(template)) {
    const building = `${template}.${process.pid}.tmp`;
    const { PGlite } = await import('@electric-sql/pglite');
    await (await PGlite.create(building)).close();
    // Another test process may have won the race: either copy is as good.
    try {
      fs.renameSync(building, template);
    } catch {
      fs.rmSync(building, { recursive: true, force: true });
    }
  }
  fs.cpSync(template, target, { recursive: true });
}

async function launchHub(
  dataDir: string,
  port: number,
  env: NodeJS.ProcessEnv,
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [HUB_BIN, '--data', dataDir, '--port', String(port)], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let stderr = '';
  child.stderr.on('data', (data: Buffer) => {
    stderr = (stderr + data.toString('utf8')).slice(-8000);
  });
  const lines = readline.createInterface({ input: child.stdout });
  const first = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`hub did not start within ${START_TIMEOUT_MS} ms:\n${stderr}`));
    }, START_TIMEOUT_MS);
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(line);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`hub exited (${code ?? signal}) before listening:\n${stderr}`));
    });
  });
  lines.on('line', () => undefined);
  const match = /^hub listening on (http:\/\/\S+)$/.exec(first);
  if (!match) throw new Error(`unexpected first line from the hub: ${first}`);
  return { child, url: match[1]! };
}

export interface HubBackend {
  name: 'pglite' | 'postgres';
  /** Options for `startHub`: a fresh PostgreSQL database, or nothing (PGlite in the data dir). */
  database(): Promise<{ databaseUrl?: string }>;
  /** Stops the PostgreSQL this backend started, if any. */
  close(): Promise<void>;
}

/** PGlite and PostgreSQL; the PostgreSQL server starts on first use, once per test file. */
export function hubBackends(): HubBackend[] {
  let server: Promise<TestPostgres> | null = null;
  return [
    { name: 'pglite', database: () => Promise.resolve({}), close: () => Promise.resolve() },
    {
      name: 'postgres',
      async database() {
        server ??= startPostgres();
        return { databaseUrl: await (await server).newDatabase() };
      },
      async close() {
        const started = server;
        server = null;
        if (started) await (await started).stop();
      },
    },
  ];
}

// ---- speaking the protocol by hand ----------------------------------------

export interface HubReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** The body as JSON (gunzipped if need be), or undefined: read it through `replyJson` or `hubError`. */
  json: unknown;
}

export interface HubRequest {
  method?: string;
  path: string;
  credential?: string | null;
  /** Sent as JSON (gzip-compressed when `gzip`). */
  json?: unknown;
  /** Sent as is. */
  body?: Buffer | string;
  gzip?: boolean;
  headers?: Record<string, string>;
}

/** One request with the protocol header (unless overridden) and the credential, if any. */
export function hubRequest(url: string, request: HubRequest): Promise<HubReply> {
  let body = request.body === undefined ? undefined : Buffer.from(request.body);
  const headers: Record<string, string> = { 'vanthu-protocol': '1' };
  if (request.credential) headers.authorization = `Bearer ${request.credential}`;
  if (request.json !== undefined) {
    body = Buffer.from(JSON.stringify(request.json));
    headers['content-type'] = 'application/json';
    if (request.gzip) {
      body = zlib.gzipSync(body);
      headers['content-encoding'] = 'gzip';
    }
  }
  Object.assign(headers, request.headers);
  return new Promise((resolve, reject) => {
    const req = http.request(
      new URL(request.path, url),
      { method: request.method ?? (body ? 'POST' : 'GET'), headers, agent: false },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (data: Buffer) => parts.push(data));
        res.on('error', reject);
        res.on('end', () => {
          const raw = Buffer.concat(parts);
          let json: unknown;
          try {
            const text = res.headers['content-encoding'] === 'gzip' ? zlib.gunzipSync(raw) : raw;
            json = JSON.parse(text.toString('utf8'));
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: raw, json });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * The reply's JSON, checked against the protocol's schema. The value is the
 * one sent, not the schema's copy, which would drop keys it does not name:
 * an exact assertion must still see them.
 */
export function replyJson<S extends z.ZodType>(reply: HubReply, schema: S): z.output<S> {
  schema.parse(reply.json);
  return reply.json as z.output<S>;
}

/**
 * The protocol error a refused request carries; undefined when the body is
 * none, so that an assertion on it still shows the status beside it.
 */
export function hubError(reply: HubReply): z.output<typeof errorReply> | undefined {
  const parsed = errorReply.safeParse(reply.json);
  return parsed.success ? parsed.data : undefined;
}

export interface EnrolledDevice {
  deviceId: string;
  credential: string;
  agency: string;
  holdsRegister: boolean;
}

/** A one-time code from the hub's admin table, spent at once. */
export async function enrollDevice(hub: Hub, agency: string, deviceName = 'may-van-thu'): Promise<EnrolledDevice> {
  const { code } = await hub.adminCommand('enroll', { agency });
  const reply = await hubRequest(hub.url, { path: '/v1/enroll', json: { code, deviceName } });
  if (reply.status !== 200) throw new Error(`enroll ${agency}: ${reply.status} ${reply.body.toString()}`);
  const { deviceId, credential, holdsRegister } = replyJson(reply, enrollReply);
  return { deviceId, credential, agency, holdsRegister };
}

/** Headers of one PATCH chunk, checksum included. */
export function chunkHeaders(offset: number, length: number, chunk: Buffer): Record<string, string> {
  return {
    'content-type': 'application/offset+octet-stream',
    'upload-offset': String(offset),
    'upload-length': String(length),
    'upload-checksum': `sha256 ${createHash('sha256').update(chunk).digest('base64')}`,
  };
}

export const sha256Hex = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** Uploads a whole blob in one chunk; its hash. */
export async function uploadWhole(hub: Hub, device: EnrolledDevice, bytes: Buffer): Promise<string> {
  const sha256 = sha256Hex(bytes);
  const reply = await hubRequest(hub.url, {
    method: 'PATCH',
    path: `/v1/agencies/${device.agency}/uploads/${sha256}`,
    credential: device.credential,
    body: bytes,
    headers: chunkHeaders(0, bytes.length, bytes),
  });
  if (reply.status !== 200 || !replyJson(reply, uploadState).complete)
    throw new Error(`upload: ${reply.status} ${reply.body.toString()}`);
  return sha256;
}
