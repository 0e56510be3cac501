// Browser mode: the app host served on a loopback port to any Chromium. Only
// this user's browser, holding the per-run secret printed at start, gets in:
//  - bound to 127.0.0.1, and every request must name it (or localhost) with
//    our port in Host, so a DNS-rebound page on another name is turned away;
//  - /login trades the secret for an HttpOnly, SameSite=Strict session cookie;
//  - /api/* need the cookie; calls also need our own Origin and a JSON body,
//    which a cross-site form or a no-cors fetch cannot produce.
import { windowCallRefusal } from '../../shared/window-calls.ts';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HandlerName } from '../../shared/api.ts';
import { browserRoutes, type AppEvent, type CallResult } from '../../shared/bridge.ts';
import { securityHeaders } from '../../shared/csp.ts';
import { MAX_PDF_BYTES } from '../../shared/domain.ts';
import { AppError, type ErrorCode } from '../../shared/errors.ts';
import { resolveStatic } from './static-files.ts';

export interface CallHost {
  call(name: string, input: unknown): Promise<CallResult<HandlerName>>;
  subscribe(listener: (event: AppEvent) => void): () => void;
}

export interface BrowserServerOptions {
  host: CallHost;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** 0 (the default) lets the system pick a free port. */
  port?: number;
}

export interface BrowserServer {
  readonly port: number;
  /** What to open in the browser: carries the secret. */
  readonly loginUrl: string;
  close(): Promise<void>;
}

// Per port: browsers scope cookies by host, not port, so two browser-mode runs
// (two data dirs) would otherwise overwrite each other's session.
const sessionCookie = (port: number) => `vanthu_session_${port}`;
// A PDF of MAX_PDF_BYTES travels as base64 inside the JSON of one call.
const MAX_BODY_BYTES = Math.ceil(MAX_PDF_BYTES / 3) * 4 + 1024 * 1024;
const HEARTBEAT_MS = 15_000;

const statusOf: Partial<Record<ErrorCode, number>> = {
  INPUT_INVALID: 400,
  BROWSER_SESSION_INVALID: 401,
  BROWSER_FORBIDDEN: 403,
  ROUTE_NOT_FOUND: 404,
  REQUEST_TOO_LARGE: 413,
};

export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const secret = randomBytes(32).toString('base64url');
  const session = randomBytes(32).toString('base64url');
  // The printed URL is the key to the whole store and ends up in the browser's
  // history and command line: it logs in once; the cookie carries the session.
  let loginSpent = false;
  const streams = new Set<http.ServerResponse>();
  let port = 0;

  const server = http.createServer((req, res) => {
    for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);
    void route(req, res).catch((error: unknown) => {
      if (!res.headersSent) refuse(res, 'INTERNAL', String(error));
      else res.destroy();
    });
  });

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const hostHeader = req.headers.host ?? '';
    if (hostHeader !== `127.0.0.1:${port}` && hostHeader !== `localhost:${port}`) {
      return refuse(res, 'BROWSER_FORBIDDEN', `Host ${JSON.stringify(hostHeader.slice(0, 100))}`);
    }
    const origin = `http://${hostHeader}`;
    const rawUrl = req.url ?? '/';
    const queryAt = rawUrl.indexOf('?');
    const rawPath = queryAt < 0 ? rawUrl : rawUrl.slice(0, queryAt);
    const query = new URLSearchParams(queryAt < 0 ? '' : rawUrl.slice(queryAt + 1));

    if (rawPath === browserRoutes.login) {
      // The same browser opening the link again is already in: back to the app, not an error.
      if (sameSecret(cookie(req, sessionCookie(port)) ?? '', session)) return redirectHome(res);
      // A person follows this link: what went wrong is a page in words, not JSON.
      if (!sameSecret(query.get('token') ?? '', secret)) return refusePage(res, 'wrong login token');
      if (loginSpent) return refusePage(res, 'login token already used');
      loginSpent = true;
      res.writeHead(302, {
        'Set-Cookie': `${sessionCookie(port)}=${session}; HttpOnly; SameSite=Strict; Path=/`,
        Location: '/',
        'Cache-Control': 'no-store',
      });
      return void res.end();
    }
    if (rawPath.startsWith('/api/')) {
      if (!sameSecret(cookie(req, sessionCookie(port)) ?? '', session))
        return refuse(res, 'BROWSER_SESSION_INVALID', 'no session cookie');
      // Browsers send Origin on every cross-origin request; a same-origin GET may omit it.
      const requestOrigin = req.headers.origin;
      if (requestOrigin !== undefined && requestOrigin !== origin)
        return refuse(res, 'BROWSER_FORBIDDEN', `Origin ${requestOrigin.slice(0, 100)}`);
      if (rawPath === browserRoutes.call) return handleCall(req, res, requestOrigin === origin);
      if (rawPath === browserRoutes.events && req.method === 'GET') return openEvents(res);
      return refuse(res, 'ROUTE_NOT_FOUND', `${req.method} ${rawPath.slice(0, 100)}`);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return refuse(res, 'ROUTE_NOT_FOUND', `${req.method} ${rawPath.slice(0, 100)}`);
    return serveStatic(req, res, rawPath);
  }

  async function handleCall(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    originMatches: boolean,
  ): Promise<void> {
    if (req.method !== 'POST') return refuse(res, 'ROUTE_NOT_FOUND', `${req.method} ${browserRoutes.call}`);
    if (!originMatches) return refuse(res, 'BROWSER_FORBIDDEN', 'call without Origin');
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') return refuse(res, 'INPUT_INVALID', `content-type ${type.slice(0, 100)}`);
    const body = await readBody(req, res);
    if (body === null) return;
    let request: unknown;
    try {
      request = JSON.parse(body.toString('utf8'));
    } catch {
      return refuse(res, 'INPUT_INVALID', 'body is not JSON');
    }
    const { name, input } = (request ?? {}) as { name?: unknown; input?: unknown };
    if (typeof name !== 'string') return refuse(res, 'INPUT_INVALID', 'body has no handler name');
    const refusal = windowCallRefusal(name, input);
    if (refusal) return refuse(res, 'BROWSER_FORBIDDEN', refusal);
    // App errors are answers, not transport failures: 200 with ok:false.
    sendJson(res, 200, await options.host.call(name, input));
  }

  /** The body, or null once the request has been refused for its size. */
  async function readBody(req: http.IncomingMessage, res: http.ServerResponse): Promise<Buffer | null> {
    const tooLarge = () => {
      res.setHeader('Connection', 'close');
      refuse(res, 'REQUEST_TOO_LARGE', `more than ${MAX_BODY_BYTES} bytes`);
      res.once('finish', () => req.destroy());
      return null;
    };
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return tooLarge();
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) return tooLarge();
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  }

  function openEvents(res: http.ServerResponse): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write(': vanthu\n\n');
    streams.add(res);
    const unsubscribe = options.host.subscribe((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
    res.once('close', () => {
      unsubscribe();
      streams.delete(res);
    });
  }

  function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, rawPath: string): void {
    const found = resolveStatic(options.rendererDir, rawPath);
    if (found.kind === 'refused') return refuse(res, 'INPUT_INVALID', `path ${rawPath.slice(0, 200)}`);
    if (found.kind === 'missing') return refuse(res, 'ROUTE_NOT_FOUND', `no file ${rawPath.slice(0, 200)}`);
    const headers: Record<string, string | number> = {
      'Content-Type': found.contentType,
      'Content-Length': fs.statSync(found.file).size,
    };
    // The page names the hashed assets of one build: never keep an old one.
    if (found.isIndex) headers['Cache-Control'] = 'no-store';
    res.writeHead(200, headers);
    if (req.method === 'HEAD') return void res.end();
    fs.createReadStream(found.file)
      .on('error', () => res.destroy())
      .pipe(res);
  }

  const heartbeat = setInterval(() => {
    for (const stream of streams) stream.write(': ping\n\n');
  }, HEARTBEAT_MS).unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    loginUrl: `http://127.0.0.1:${port}${browserRoutes.login}?token=${secret}`,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(heartbeat);
        for (const stream of streams) stream.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function redirectHome(res: http.ServerResponse): void {
  res.writeHead(302, { Location: '/', 'Cache-Control': 'no-store' });
  res.end();
}

/** The login link refused, as a page for the person who opened it: what happened and what to do. */
function refusePage(res: http.ServerResponse, detail: string): void {
  const error = new AppError('BROWSER_SESSION_INVALID', detail);
  const html = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>vanthu</title></head><body>
<h1>Không mở được vanthu bằng liên kết này</h1>
<p>${escapeHtml(error.message)}</p>
<p>Liên kết đăng nhập của chế độ trình duyệt chỉ dùng được một lần, trong trình duyệt đã mở nó đầu tiên. Hãy quay lại cửa sổ trình duyệt đó, hoặc tắt vanthu rồi mở lại để có liên kết mới.</p>
<p><small>${error.code}</small></p>
</body></html>`;
  res.writeHead(statusOf.BROWSER_SESSION_INVALID ?? 401, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    'Cache-Control': 'no-store',
  });
  res.end(html);
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function refuse(res: http.ServerResponse, code: ErrorCode, detail: string): void {
  sendJson(res, statusOf[code] ?? 500, { ok: false, error: new AppError(code, detail).toValue() });
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

/** Compares digests, so neither the content nor the length of a secret leaks through timing. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function cookie(req: http.IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}
