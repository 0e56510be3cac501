import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CrlCache, readCrl } from '../../core/signing/crl-cache.ts';
import { createTestCa, writeCrl, type TestCa } from '../../scripts/lib/test-pki.ts';
import { matching } from '../helpers/matchers.ts';

const DAY = 86_400_000;

/** A CA's distribution point: serves whatever `body` currently is, as the CA's web server would. */
interface CrlServer {
  url: (file: string) => string;
  respond: (file: string, reply: { status?: number; body: Buffer }) => void;
  requests: string[];
  close: () => Promise<void>;
}

async function startCrlServer(): Promise<CrlServer> {
  const replies = new Map<string, { status?: number; body: Buffer }>();
  const requests: string[] = [];
  const server = http.createServer((request, response) => {
    requests.push(request.url ?? '');
    const reply = replies.get(request.url ?? '');
    if (!reply) return void response.writeHead(404).end('not found');
    response.writeHead(reply.status ?? 200, { 'content-type': 'application/pkix-crl' }).end(reply.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (file) => `http://127.0.0.1:${port}/${file}`,
    respond: (file, reply) => replies.set(`/${file}`, reply),
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let root: string;
let ca: TestCa;
let server: CrlServer;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-crl-'));
  server = await startCrlServer();
  ca = await createTestCa(path.join(root, 'ca'), { commonName: 'CA Tỉnh Quảng Bình', crlUrl: server.url('ca.crl') });
});

afterAll(async () => {
  await server.close();
  fs.rmSync(root, { recursive: true, force: true });
});

function freshCache(options: ConstructorParameters<typeof CrlCache>[1] = {}): CrlCache {
  return new CrlCache(fs.mkdtempSync(path.join(root, 'crl-')), options);
}

describe('CRL cache: revocation lists that work offline', () => {
  it('downloads the CA revocation list while online and keeps it for offline days', async () => {
    const crl = await writeCrl(ca);
    server.respond('ca.crl', { body: crl.der });
    const cache = freshCache();
    expect(cache.get(ca.crlUrl)).toBeNull();
    expect(await cache.refresh(ca.crlUrl)).toEqual({ ok: true });
    const offline = new CrlCache(cache.dir);
    const cached = offline.get(ca.crlUrl);
    expect(Buffer.from(cached!.der)).toEqual(crl.der);
    expect(Date.parse(cached!.nextUpdate!) - Date.parse(cached!.thisUpdate)).toBe(7 * DAY);
    expect(Date.now() - Date.parse(cached!.fetchedAt)).toBeLessThan(60_000);
    const sidecar = fs.readdirSync(cache.dir).find((name) => name.endsWith('.json'))!;
    expect(JSON.parse(fs.readFileSync(path.join(cache.dir, sidecar), 'utf8'))).toMatchObject({
      url: ca.crlUrl,
      issuer: 'CN=CA Tỉnh Quảng Bình,O=Vanthu Test,C=VN',
    });
  });

  it('keeps the cached list when the server answers with an error page, garbage or an older list', async () => {
    const cache = freshCache();
    const older = await writeCrl(ca, { thisUpdate: new Date(Date.now() - 2 * DAY) });
    const current = await writeCrl(ca);
    server.respond('ca.crl', { body: current.der });
    expect(await cache.refresh(ca.crlUrl)).toEqual({ ok: true });

    server.respond('ca.crl', { status: 503, body: Buffer.from('bảo trì') });
    expect(await cache.refresh(ca.crlUrl)).toMatchObject({ ok: false, reason: matching.stringContaining('503') });
    server.respond('ca.crl', { body: Buffer.from('<html>Cổng thông tin</html>') });
    expect(await cache.refresh(ca.crlUrl)).toMatchObject({
      ok: false,
      reason: matching.stringContaining('did not return a CRL'),
    });
    // An old list replayed over plain HTTP would hide every revocation since.
    server.respond('ca.crl', { body: older.der });
    expect(await cache.refresh(ca.crlUrl)).toMatchObject({ ok: false, reason: matching.stringContaining('older') });
    expect(Buffer.from(cache.get(ca.crlUrl)!.der)).toEqual(current.der);
  });

  it('gives up quietly when the CA server is unreachable, refuses non-HTTP addresses and oversized bodies', async () => {
    const cache = freshCache({ timeoutMs: 2000 });
    const closed = await startCrlServer();
    const unreachable = closed.url('ca.crl');
    await closed.close();
    expect(await cache.refresh(unreachable)).toMatchObject({ ok: false });
    expect(await cache.refresh('ldap://ldap.ca.vn/cn=CA,c=VN?certificateRevocationList')).toMatchObject({
      ok: false,
      reason: matching.stringContaining('ldap:'),
    });
    expect(await cache.refresh('not a url')).toMatchObject({ ok: false });
    server.respond('huge.crl', { body: Buffer.alloc(10 * 1024 * 1024 + 1, 0x30) });
    expect(await cache.refresh(server.url('huge.crl'))).toMatchObject({
      ok: false,
      reason: matching.stringContaining('larger than'),
    });
    expect(fs.readdirSync(cache.dir).filter((name) => !name.startsWith('.'))).toEqual([]);
  });

  it('times out a server that never answers', async () => {
    const silent = http.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const cache = freshCache({ timeoutMs: 300 });
    // The server never answers: only the cache's own timeout can end the call.
    const result = await cache.refresh(`http://127.0.0.1:${(silent.address() as AddressInfo).port}/ca.crl`);
    silent.closeAllConnections();
    silent.close();
    expect(result).toMatchObject({ ok: false, reason: matching.stringMatching(/timeout/i) });
  });

  it('imports a CRL file the clerk brought on a USB stick, by address or by issuer', async () => {
    const crl = await writeCrl(ca);
    const cache = freshCache();
    const pem = `-----BEGIN X509 CRL-----\n${crl.der.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END X509 CRL-----\n`;
    cache.importCrl(Buffer.from(pem), ca.crlUrl);
    expect(Buffer.from(cache.get(ca.crlUrl)!.der)).toEqual(crl.der);
    cache.importCrl(crl.der);
    expect(Buffer.from(cache.getForIssuer('CN=CA Tỉnh Quảng Bình,O=Vanthu Test,C=VN')!.der)).toEqual(crl.der);
    for (const wrong of [Buffer.from('không phải CRL'), fs.readFileSync(ca.certPath), ca.certDer]) {
      expect(() => cache.importCrl(wrong)).toThrow(matching.objectContaining({ code: 'CRL_UNREADABLE' }));
    }
  });

  it('still finds the list when a crash left the sidecar behind the DER file', async () => {
    const crl = await writeCrl(ca);
    const cache = freshCache();
    cache.importCrl(crl.der, ca.crlUrl);
    const sidecar = fs.readdirSync(cache.dir).find((name) => name.endsWith('.json'))!;
    fs.rmSync(path.join(cache.dir, sidecar));
    const { thisUpdate, nextUpdate } = readCrl(crl.der);
    expect(cache.get(ca.crlUrl)).toMatchObject({ thisUpdate, nextUpdate, der: crl.der });
  });
});
