import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openAppHost, type AppHost } from '../../core/host/app-host.ts';
import { startBrowserServer, type BrowserServer } from '../../core/host/browser-server.ts';
import type { HandlerName, Outputs } from '../../shared/api.ts';
import type { AppEvent } from '../../shared/bridge.ts';
import { contentSecurityPolicy } from '../../shared/csp.ts';
import { errorMessages, type ErrorValue } from '../../shared/errors.ts';
import { startHub, type Hub } from '../helpers/hub.ts';
import { tempDir } from '../helpers/office.ts';
import { addProvince } from '../helpers/sync.ts';
import { matching } from '../helpers/matchers.ts';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The body parsed, when it is JSON. */
  json: unknown;
}

/**
 * What the server answers in JSON, to a call (a CallResult) or a refusal before any handler
 * (`ok: false` with the error), with both sides readable as the assertions read them.
 */
interface Answer<T = unknown> {
  ok: boolean;
  value?: T;
  error?: ErrorValue;
}

const answer = (reply: { json: unknown }) => reply.json as Answer;

/** The output of the handler named, or nothing for a name that is no handler's. */
type OutputOf<K extends string> = K extends HandlerName ? Outputs[K] : never;

const running: { server: BrowserServer; host: AppHost }[] = [];
afterEach(async () => {
  for (const { server, host } of running.splice(0)) {
    await server.close();
    await host.close();
  }
});

/** A browser-mode server on a fresh data dir, serving a tiny renderer; a secret file sits just outside it. */
async function start() {
  const root = tempDir('vanthu-browser-');
  const rendererDir = path.join(root, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(
    path.join(rendererDir, 'index.html'),
    '<!doctype html><title>Văn thư</title><script type="module" src="/assets/app.js"></script>',
  );
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log("vanthu")');
  fs.writeFileSync(path.join(root, 'package.json'), '{"secret":"TOP-SECRET"}');
  const host = openAppHost({ dataDir: path.join(root, 'data'), actor: 'van-thu' });
  const server = await startBrowserServer({ host, rendererDir });
  running.push({ server, host });
  const hostHeader = `127.0.0.1:${server.port}`;
  const origin = `http://${hostHeader}`;

  /** Raw HTTP, so paths reach the server exactly as written and any Host can be claimed. */
  const request = (
    target: string,
    options: { method?: string; headers?: Record<string, string>; body?: string } = {},
  ) =>
    new Promise<Reply>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: target,
          method: options.method ?? 'GET',
          headers: { host: hostHeader, ...options.headers },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const body = Buffer.concat(chunks).toString('utf8');
            let json: unknown;
            try {
              json = JSON.parse(body);
            } catch {
              json = undefined;
            }
            resolve({ status: res.statusCode!, headers: res.headers, body, json });
          });
        },
      );
      req.on('error', reject);
      req.end(options.body);
    });

  const login = async () => {
    const reply = await request(new URL(server.loginUrl).pathname + new URL(server.loginUrl).search);
    return reply.headers['set-cookie']![0]!.split(';')[0]!;
  };

  const call = async <K extends string>(name: K, input: unknown, cookie: string) =>
    (await request('/api/call', {
      method: 'POST',
      headers: { cookie, origin, 'content-type': 'application/json' },
      body: JSON.stringify({ name, input }),
    })) as Reply & { json: Answer<OutputOf<K>> };

  /** The page's event stream: every AppEvent received so far, and a wait for one that matches. */
  const events = async (cookie: string) => {
    const received: AppEvent[] = [];
    const waiters: { match: (event: AppEvent) => boolean; resolve: () => void }[] = [];
    const stream = await new Promise<http.IncomingMessage>((resolve, reject) => {
      http
        .get(
          { host: '127.0.0.1', port: server.port, path: '/api/events', headers: { host: hostHeader, cookie } },
          resolve,
        )
        .on('error', reject);
    });
    let pending = '';
    stream.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const frames = pending.split('\n\n');
      pending = frames.pop()!;
      for (const frame of frames.filter((f) => f.startsWith('data: '))) {
        const event = JSON.parse(frame.slice('data: '.length)) as AppEvent;
        received.push(event);
        for (const waiter of waiters.filter((w) => w.match(event))) waiter.resolve();
      }
    });
    return {
      stream,
      received,
      until: (match: (event: AppEvent) => boolean) =>
        received.some(match) ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ match, resolve })),
      close: () => stream.destroy(),
    };
  };

  return { root, server, host, request, login, call, events, origin, hostHeader };
}

describe('browser mode server', () => {
  it('prints a loopback login URL and trades its secret for an HttpOnly, SameSite=Strict cookie', async () => {
    const { server, request } = await start();
    expect(server.loginUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/login\?token=[A-Za-z0-9_-]{43}$/);
    const url = new URL(server.loginUrl);
    const reply = await request(url.pathname + url.search);
    expect(reply.status).toBe(302);
    expect(reply.headers.location).toBe('/');
    expect(reply.headers['set-cookie']).toHaveLength(1);
    expect(reply.headers['set-cookie']![0]).toMatch(
      /^vanthu_session_\d+=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\/$/,
    );
    // The session is not the secret from the URL, which may sit in the shell's history.
    expect(reply.headers['set-cookie']![0]).not.toContain(url.searchParams.get('token'));

    const wrong = await request('/login?token=guess');
    expect(wrong.status).toBe(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    // A person opened it: a page in words, with the code for whoever helps them.
    expect(wrong.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(wrong.body.toString()).toContain('Không mở được vanthu bằng liên kết này');
    expect(wrong.body.toString()).toContain('BROWSER_SESSION_INVALID');

    // The URL logs in once: copied from the history or a process list later, it opens nothing.
    const again = await request(url.pathname + url.search);
    expect(again.status).toBe(401);
    expect(again.headers['set-cookie']).toBeUndefined();
    expect(again.body.toString()).toContain('chỉ dùng được một lần');

    // The browser that logged in opening the link again is simply taken back to the app.
    const sameBrowser = await request(url.pathname + url.search, {
      headers: { cookie: reply.headers['set-cookie']![0]!.split(';')[0]! },
    });
    expect(sameBrowser.status).toBe(302);
    expect(sameBrowser.headers.location).toBe('/');
    expect(sameBrowser.headers['set-cookie']).toBeUndefined();
  });

  const external = Object.values(os.networkInterfaces())
    .flat()
    .find((address) => address?.family === 'IPv4' && !address.internal);
  it.skipIf(!external)('listens on the loopback interface only', async () => {
    const { server } = await start();
    const outcome = await new Promise<string>((resolve) => {
      const req = http.get({ host: external!.address, port: server.port, path: '/', timeout: 3000 }, () =>
        resolve('answered'),
      );
      req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    });
    expect(outcome).not.toBe('answered');
  });

  it('refuses API requests without the session cookie', async () => {
    const { server, request, origin } = await start();
    const call = await request('/api/call', {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'office.status', input: {} }),
    });
    expect(call.status).toBe(401);
    expect(call.json).toEqual({
      ok: false,
      error: matching.objectContaining({
        code: 'BROWSER_SESSION_INVALID',
        message: errorMessages.BROWSER_SESSION_INVALID,
      }),
    });
    const forged = await request('/api/call', {
      method: 'POST',
      headers: {
        origin,
        'content-type': 'application/json',
        cookie: `vanthu_session_${new URL(server.loginUrl).port}=forged`,
      },
      body: JSON.stringify({ name: 'office.status', input: {} }),
    });
    expect(forged.status).toBe(401);
    expect((await request('/api/events')).status).toBe(401);
  });

  it('refuses a call from another origin, or without one, or not as JSON', async () => {
    const { request, login, hostHeader } = await start();
    const cookie = await login();
    const body = JSON.stringify({ name: 'office.status', input: {} });
    const evil = await request('/api/call', {
      method: 'POST',
      headers: { cookie, origin: 'http://evil.example', 'content-type': 'application/json' },
      body,
    });
    expect(evil.status).toBe(403);
    expect(answer(evil).error?.code).toBe('BROWSER_FORBIDDEN');
    const none = await request('/api/call', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body,
    });
    expect(none.status).toBe(403);
    // A cross-site form can post text/plain without a preflight; the server wants JSON.
    const form = await request('/api/call', {
      method: 'POST',
      headers: { cookie, origin: `http://${hostHeader}`, 'content-type': 'text/plain' },
      body,
    });
    expect(form.status).toBe(400);
    expect(answer(form).error?.code).toBe('INPUT_INVALID');
    const notJson = await request('/api/call', {
      method: 'POST',
      headers: { cookie, origin: `http://${hostHeader}`, 'content-type': 'application/json' },
      body: '{name:',
    });
    expect(notJson.status).toBe(400);
  });

  it('turns away requests that name another host (DNS rebinding)', async () => {
    const { request, server } = await start();
    const url = new URL(server.loginUrl);
    for (const host of ['evil.example', `evil.example:${server.port}`, `127.0.0.1:${server.port + 1}`, '127.0.0.1']) {
      const login = await request(url.pathname + url.search, { headers: { host } });
      expect(login.status, host).toBe(403);
      expect(login.headers['set-cookie']).toBeUndefined();
      expect((await request('/', { headers: { host } })).status, host).toBe(403);
    }
    expect((await request('/', { headers: { host: `localhost:${server.port}` } })).status).toBe(200);
  });

  it('carries calls to core and back: init the office, then read its status', async () => {
    const { login, call, host } = await start();
    const cookie = await login();
    const init = await call('office.init', { agencyCode: '000.00.31.H56', name: 'UBND xã Quảng Phú' }, cookie);
    expect(init.status).toBe(200);
    expect(init.json).toEqual({
      ok: true,
      value: { agencyCode: '000.00.31.H56', name: 'UBND xã Quảng Phú', abbreviation: 'UBND', defaultUnit: 'VP' },
    });
    const status = await call('office.status', {}, cookie);
    expect(status.json.ok).toBe(true);
    expect(status.json.value).toMatchObject({
      dataDir: host.dataDir,
      office: { name: 'UBND xã Quảng Phú' },
      counts: { incoming: 0 },
    });
  });

  it('returns an app error as a value with its Vietnamese message, with HTTP 200', async () => {
    const { login, call } = await start();
    const cookie = await login();
    await call('office.init', { agencyCode: '000.00.31.H56', name: 'UBND xã Quảng Phú' }, cookie);
    const again = await call('office.init', { agencyCode: '000.00.31.H56', name: 'UBND xã Quảng Phú' }, cookie);
    expect(again.status).toBe(200);
    expect(again.json).toEqual({
      ok: false,
      error: matching.objectContaining({
        code: 'OFFICE_ALREADY_INITIALIZED',
        message: 'Cơ quan đã được khởi tạo trên máy này; không khởi tạo lại để tránh mất sổ văn bản.',
      }),
    });
    const invalid = await call(
      'incoming.register',
      { issuerName: 'UBND huyện', notation: '', issuedOn: '2026-02-30' },
      cookie,
    );
    expect(invalid.json.ok).toBe(false);
    expect(invalid.json.error?.code).toBe('INPUT_INVALID');
    expect(Object.keys(invalid.json.error?.fields ?? {})).toEqual(matching.arrayContaining(['notation', 'issuedOn']));
  });

  it('answers an unknown handler name, "constructor" included, with INPUT_INVALID', async () => {
    const { login, call, request, origin } = await start();
    const cookie = await login();
    for (const name of ['documents.drop', 'constructor', '__proto__', 'toString']) {
      const reply = await call(name, {}, cookie);
      expect(reply.status, name).toBe(200);
      expect(reply.json.ok, name).toBe(false);
      expect(reply.json.error?.code, name).toBe('INPUT_INVALID');
    }
    // The page hands files over as bytes: a path on this machine, to read or to write, is refused before core.
    for (const [name, input] of [
      ['attachments.export', { documentId: 'x', out: '/tmp/x.pdf' }],
      ['crl.import', { path: '/etc/passwd' }],
      ['incoming.register', { file: { path: '/etc/passwd' } }],
    ] as const) {
      const reply = await call(name, input, cookie);
      expect(reply.status, name).toBe(403);
      expect(reply.json.error?.code, name).toBe('BROWSER_FORBIDDEN');
    }
    const nameless = await request('/api/call', {
      method: 'POST',
      headers: { cookie, origin, 'content-type': 'application/json' },
      body: '{"input":{}}',
    });
    expect(nameless.status).toBe(400);
  });

  it('refuses a body larger than the biggest PDF upload with 413', async () => {
    const { server, login, origin, hostHeader } = await start();
    const cookie = await login();
    const reply = await new Promise<{ status: number; json: unknown }>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/api/call',
          method: 'POST',
          headers: {
            host: hostHeader,
            cookie,
            origin,
            'content-type': 'application/json',
            'content-length': String(400 * 1024 * 1024),
          },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode!, json: JSON.parse(text) }));
        },
      );
      req.on('error', reject);
      req.write('{"name":"office.status","input":');
    });
    expect(reply.status).toBe(413);
    expect(answer(reply).error?.code).toBe('REQUEST_TOO_LARGE');
  });

  it('serves the renderer with its content types, and index.html for the app’s own routes', async () => {
    const { request } = await start();
    const index = await request('/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['cache-control']).toBe('no-store');
    expect(index.body).toContain('<title>Văn thư</title>');
    const script = await request('/assets/app.js');
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.body).toBe('console.log("vanthu")');
    const route = await request('/so-den/2026');
    expect(route.status).toBe(200);
    expect(route.body).toBe(index.body);
    expect((await request('/assets/missing.js')).status).toBe(404);
    expect((await request('/', { method: 'DELETE' })).status).toBe(404);
  });

  it('never serves a file outside the renderer, however the path is spelled', async () => {
    const { request } = await start();
    const attempts = [
      '/../package.json',
      '/%2e%2e/package.json',
      '/%2E%2E/package.json',
      '/..%5c..%5cpackage.json',
      '/..%2fpackage.json',
      '/assets/..%2f..%2fpackage.json',
      '/%2e%2e%2f%2e%2e%2fpackage.json',
      '/assets/%2e%2e/%2e%2e/package.json',
      '/..\\package.json',
      '/index.html%00.js',
      '/%c0%ae%c0%ae/package.json',
    ];
    for (const attempt of attempts) {
      const reply = await request(attempt);
      expect(reply.body, attempt).not.toContain('TOP-SECRET');
      expect(reply.status, attempt).toBeGreaterThanOrEqual(400);
    }
  });

  it('sends the same security headers on every response', async () => {
    const { request, server } = await start();
    const url = new URL(server.loginUrl);
    const replies = [
      await request('/'),
      await request('/assets/app.js'),
      await request(url.pathname + url.search),
      await request('/api/call'),
      await request('/', { headers: { host: 'evil.example' } }),
    ];
    for (const reply of replies) {
      expect(reply.headers['content-security-policy']).toBe(contentSecurityPolicy);
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
      expect(reply.headers['referrer-policy']).toBe('no-referrer');
      expect(reply.headers['cross-origin-opener-policy']).toBe('same-origin');
    }
    // Scripts come only from the app's own files; wasm may compile (pdf.js's image decoders), JS may never be eval'd or inlined.
    expect(contentSecurityPolicy).toContain("script-src 'self' 'wasm-unsafe-eval';");
    expect(contentSecurityPolicy).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
  });

  it('streams core’s events to the page: a sync run announces its start and its end', async () => {
    const { login, call, events } = await start();
    const cookie = await login();
    await call('office.init', { agencyCode: '000.00.31.H56', name: 'UBND xã Quảng Phú' }, cookie);
    const page = await events(cookie);
    expect(page.stream.statusCode).toBe(200);
    expect(page.stream.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    const run = await call('sync.run', {}, cookie);
    expect(run.json).toEqual({ ok: false, error: matching.objectContaining({ code: 'SYNC_NOT_CONNECTED' }) });
    await page.until((event) => event.type === 'sync.state' && !event.running);
    page.close();
    expect(page.received).toEqual([
      { type: 'sync.state', running: true, trigger: 'manual', ok: null },
      { type: 'sync.state', running: false, trigger: 'manual', ok: false },
    ]);
  });

  describe('with the provincial hub', () => {
    let hub: Hub;
    let hubDir: string;
    beforeAll(async () => {
      hubDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-hub-'));
      hub = await startHub({ dataDir: hubDir });
    });
    afterAll(async () => {
      await hub?.stop();
      fs.rmSync(hubDir, { recursive: true, force: true });
    });

    it('connects from the page, then "Đồng bộ" runs one real sync whose phases stream to the page', async () => {
      const { communeA } = await addProvince(hub);
      const { login, call, events } = await start();
      const cookie = await login();
      await call('office.init', { agencyCode: communeA.code, name: communeA.name }, cookie);
      const { code } = await hub.adminCommand('enroll', { agency: communeA.code });
      const connected = await call('sync.connect', { url: hub.url, code }, cookie);
      expect(connected.json.ok).toBe(true);

      const page = await events(cookie);
      // Two clicks while the line is slow: one run, which both wait for.
      const [first, second] = await Promise.all([
        call('sync.run', { trigger: 'manual' }, cookie),
        call('sync.run', {}, cookie),
      ]);
      await page.until((event) => event.type === 'sync.state' && !event.running);
      page.close();
      expect(first.json.ok).toBe(true);
      expect(first.json.value?.outcome).toBe('ok');
      expect(second.json.value?.runId).toBe(first.json.value?.runId);
      const states = page.received.filter((event) => event.type === 'sync.state');
      expect(states).toEqual([
        { type: 'sync.state', running: true, trigger: 'manual', ok: null },
        { type: 'sync.state', running: false, trigger: 'manual', ok: true },
      ]);
      const phases = page.received.flatMap((event) => (event.type === 'sync.phase' ? [event.phase] : []));
      expect(phases).toEqual(['directory', 'push', 'pull', 'push', 'done']);
      const status = await call('sync.status', {}, cookie);
      expect(status.json.value?.runs).toHaveLength(1);
    });
  });
});
