// One keep-alive connection to the hub and the protocol's request shapes. Every
// reply is validated; network trouble, a cut or malformed reply and the hub's
// own errors all come back as HubError values the engine can act on.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';
import type { z } from 'zod';
import { errorReply, PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../shared/sync-protocol.ts';

/** No bytes either way for this long: the line is dead, not slow. */
const IDLE_TIMEOUT_MS = 60_000;
const MAX_JSON_REPLY = 16 * 1024 * 1024;

export type HubFailure =
  /** No connection, or it broke: retry later, nothing is lost. */
  | { kind: 'network'; detail: string }
  /** The reply arrived but is not what the protocol says. */
  | { kind: 'bad-reply'; detail: string }
  /** The hub answered with an error status and code. */
  | { kind: 'hub'; status: number; code: string; detail: string; offset?: number };

export class HubError extends Error {
  readonly failure: HubFailure;
  constructor(failure: HubFailure) {
    super(`${failure.kind}${failure.kind === 'hub' ? ` ${failure.status} ${failure.code}` : ''}: ${failure.detail}`);
    this.failure = failure;
  }

  get retryable(): boolean {
    const f = this.failure;
    return f.kind !== 'hub' || f.status >= 500 || f.code === 'UPLOAD_BUSY';
  }

  hubCode(): string | undefined {
    return this.failure.kind === 'hub' ? this.failure.code : undefined;
  }
}

export interface Traffic {
  bytesUp: number;
  bytesDown: number;
}

interface RawReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export class HubClient {
  readonly baseUrl: URL;
  readonly traffic: Traffic = { bytesUp: 0, bytesDown: 0 };
  /** Shortest round trip seen, for sizing chunks. */
  rttMs = Number.POSITIVE_INFINITY;
  private readonly credential: string | null;
  private readonly agent: http.Agent;
  private readonly transport: typeof http | typeof https;

  /** Called after every request with its path, status and duration (benchmarks, logs). */
  onRequest: ((info: { method: string; path: string; status: number; ms: number }) => void) | undefined;

  constructor(baseUrl: string, credential: string | null) {
    this.baseUrl = new URL(baseUrl);
    this.credential = credential;
    this.transport = this.baseUrl.protocol === 'https:' ? https : http;
    // One socket: parallel flows only split the same thin line (research §2.5).
    const Agent = this.baseUrl.protocol === 'https:' ? https.Agent : http.Agent;
    this.agent = new Agent({ keepAlive: true, maxSockets: 1, keepAliveMsecs: 30_000 });
  }

  close(): void {
    this.agent.destroy();
  }

  /** A JSON request and its validated JSON reply; bodies go gzip-compressed. */
  async json<S extends z.ZodType>(method: 'GET' | 'POST', path: string, body: unknown, schema: S): Promise<z.infer<S>> {
    const headers: http.OutgoingHttpHeaders = { 'accept-encoding': 'gzip' };
    let payload: Buffer | undefined;
    if (body !== undefined) {
      payload = zlib.gzipSync(JSON.stringify(body), { level: 6 });
      headers['content-type'] = 'application/json';
      headers['content-encoding'] = 'gzip';
    }
    const started = performance.now();
    const reply = await this.request(method, path, headers, payload);
    this.rttMs = Math.min(this.rttMs, performance.now() - started);
    return parseJson(reply, schema);
  }

  /** Sends one chunk of an upload; the reply (or error) says where the hub's copy stands. */
  async patch<S extends z.ZodType>(
    path: string,
    offset: number,
    length: number,
    chunk: Buffer,
    schema: S,
  ): Promise<z.infer<S>> {
    const checksum = createHash('sha256').update(chunk).digest('base64');
    const reply = await this.request(
      'PATCH',
      path,
      {
        'content-type': 'application/offset+octet-stream',
        'upload-offset': String(offset),
        'upload-length': String(length),
        'upload-checksum': `sha256 ${checksum}`,
        'accept-encoding': 'gzip',
      },
      chunk,
    );
    return parseJson(reply, schema);
  }

  /**
   * Appends the blob's bytes from `from` onward to `file` (a Range request),
   * so a cut download continues where it stopped. Returns the file's length.
   */
  download(path: string, from: number, file: string, onBytes: (n: number) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = this.transport.request(this.urlOf(path), {
        method: 'GET',
        agent: this.agent,
        headers: { ...this.commonHeaders(), ...(from > 0 ? { range: `bytes=${from}-` } : {}) },
      });
      req.setTimeout(IDLE_TIMEOUT_MS, () => req.destroy(new Error('idle timeout')));
      req.on('error', (error) => reject(new HubError({ kind: 'network', detail: error.message })));
      req.on('response', (res) => {
        if (res.statusCode !== 200 && res.statusCode !== 206) {
          collect(res)
            .then((body) => reject(hubErrorOf({ status: res.statusCode ?? 0, headers: res.headers, body })))
            .catch((error: Error) => reject(new HubError({ kind: 'network', detail: error.message })));
          return;
        }
        // A 200 to a Range request means the hub sends everything again: start the file over.
        const start = res.statusCode === 206 ? from : 0;
        const out = fs.createWriteStream(file, { flags: start === 0 ? 'w' : 'a' });
        let written = start;
        res.on('data', (data: Buffer) => {
          this.traffic.bytesDown += data.length;
          written += data.length;
          onBytes(data.length);
        });
        res.on('aborted', () => out.destroy(new Error('reply cut')));
        res.on('error', (error) => out.destroy(error));
        res.pipe(out);
        out.on('error', (error) => reject(new HubError({ kind: 'network', detail: error.message })));
        out.on('close', () => {
          if (!res.complete) reject(new HubError({ kind: 'network', detail: `download cut at ${written} bytes` }));
          else resolve(written);
        });
      });
      req.end();
    });
  }

  private commonHeaders(): http.OutgoingHttpHeaders {
    return {
      [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
      ...(this.credential ? { authorization: `Bearer ${this.credential}` } : {}),
    };
  }

  private urlOf(path: string): URL {
    return new URL(path.replace(/^\//, ''), this.baseUrl.href.endsWith('/') ? this.baseUrl : `${this.baseUrl.href}/`);
  }

  private async request(
    method: string,
    path: string,
    headers: http.OutgoingHttpHeaders,
    body?: Buffer,
  ): Promise<RawReply> {
    const started = performance.now();
    let status = 0;
    try {
      const reply = await this.send(method, path, headers, body);
      status = reply.status;
      return reply;
    } catch (error) {
      if (error instanceof HubError && error.failure.kind === 'hub') status = error.failure.status;
      throw error;
    } finally {
      this.onRequest?.({ method, path, status, ms: performance.now() - started });
    }
  }

  private send(method: string, path: string, headers: http.OutgoingHttpHeaders, body?: Buffer): Promise<RawReply> {
    return new Promise((resolve, reject) => {
      const req = this.transport.request(this.urlOf(path), {
        method,
        agent: this.agent,
        headers: { ...this.commonHeaders(), ...headers, ...(body ? { 'content-length': body.length } : {}) },
      });
      req.setTimeout(IDLE_TIMEOUT_MS, () => req.destroy(new Error('idle timeout')));
      req.on('error', (error) => reject(new HubError({ kind: 'network', detail: error.message })));
      req.on('response', (res) => {
        collect(res).then(
          (raw) => {
            this.traffic.bytesDown += raw.length;
            const reply = { status: res.statusCode ?? 0, headers: res.headers, body: raw };
            if (reply.status >= 400) reject(hubErrorOf(reply));
            else resolve(reply);
          },
          (error: Error) => reject(new HubError({ kind: 'network', detail: error.message })),
        );
      });
      if (body) {
        this.traffic.bytesUp += body.length;
        req.end(body);
      } else req.end();
    });
  }
}

/** The whole body, or an error if the connection broke before it was complete. */
function collect(res: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    res.on('data', (data: Buffer) => {
      size += data.length;
      if (size > MAX_JSON_REPLY) res.destroy(new Error('reply too large'));
      else parts.push(data);
    });
    res.on('error', reject);
    res.on('aborted', () => reject(new Error('reply cut')));
    res.on('end', () => (res.complete ? resolve(Buffer.concat(parts)) : reject(new Error('reply cut'))));
  });
}

function decode(reply: RawReply): unknown {
  const raw =
    reply.headers['content-encoding'] === 'gzip'
      ? zlib.gunzipSync(reply.body, { maxOutputLength: MAX_JSON_REPLY })
      : reply.body;
  return JSON.parse(raw.toString('utf8'));
}

function parseJson<S extends z.ZodType>(reply: RawReply, schema: S): z.infer<S> {
  let value: unknown;
  try {
    value = decode(reply);
  } catch (error) {
    throw new HubError({ kind: 'bad-reply', detail: `HTTP ${reply.status}: ${(error as Error).message}` });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new HubError({ kind: 'bad-reply', detail: `HTTP ${reply.status}: ${parsed.error.message.slice(0, 500)}` });
  return parsed.data;
}

function hubErrorOf(reply: RawReply): HubError {
  let value: unknown;
  try {
    value = decode(reply);
  } catch {
    value = undefined;
  }
  const parsed = errorReply.safeParse(value);
  if (!parsed.success) {
    // A proxy's HTML page or a cut body: for 5xx the hub is in trouble, otherwise the reply is not ours.
    const detail = `HTTP ${reply.status} without a protocol error body`;
    return new HubError(
      reply.status >= 500
        ? { kind: 'hub', status: reply.status, code: 'INTERNAL', detail }
        : { kind: 'bad-reply', detail },
    );
  }
  return new HubError({
    kind: 'hub',
    status: reply.status,
    code: parsed.data.error.code,
    detail: parsed.data.error.message,
    ...(parsed.data.offset === undefined ? {} : { offset: parsed.data.offset }),
  });
}
