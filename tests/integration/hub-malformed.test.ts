// Garbage in, 400 out: whatever a broken client, a proxy or an attacker sends,
// the hub answers with a protocol error and goes on serving. Runs on PGlite
// and on PostgreSQL.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adminEndpoint,
  enrollDevice,
  hubBackends,
  hubError,
  hubRequest,
  startHub,
  type EnrolledDevice,
  type Hub,
  type HubRequest,
} from '../helpers/hub.ts';

const commune = { code: '000.01.31.H56', name: 'UBND xã An Hòa' };

describe.each(hubBackends())('hub against malformed requests ($name)', (backend) => {
  let hub: Hub;
  let dataDir: string;
  let device: EnrolledDevice;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-hub-malformed-'));
    hub = await startHub({ dataDir, ...(await backend.database()) });
    await hub.adminCommand('agency-add', { ...commune, parentCode: null });
    device = await enrollDevice(hub, commune.code);
  });
  afterAll(async () => {
    await hub?.stop();
    await backend.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const base = () => `/v1/agencies/${commune.code}`;
  const send = (request: Omit<HubRequest, 'credential'>) =>
    hubRequest(hub.url, { credential: device.credential, ...request });
  const expectBadRequest = async (request: Omit<HubRequest, 'credential'>, reason?: RegExp) => {
    const reply = await send(request);
    expect(
      [reply.status, hubError(reply)?.error.code],
      `${request.path} ${String(request.body ?? JSON.stringify(request.json)).slice(0, 80)}`,
    ).toEqual([400, 'BAD_REQUEST']);
    if (reason) expect(hubError(reply)?.error.message).toMatch(reason);
    expect(typeof (reply.json as { hubTime?: unknown }).hubTime).toBe('string');
  };
  const rawGet = (rawPath: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const url = new URL(hub.url);
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          path: rawPath,
          headers: { 'vanthu-protocol': '1', authorization: `Bearer ${device.credential}` },
        },
        (res) => {
          let body = '';
          res.on('data', (data: Buffer) => (body += data.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.end();
    });
  const stillServing = async () => {
    const reply = await send({ path: '/v1/directory' });
    expect(reply.status).toBe(200);
  };

  it('answers broken JSON, broken gzip and the wrong content type with 400', async () => {
    const json = { 'content-type': 'application/json' };
    await expectBadRequest({ path: `${base()}/pull`, body: '{"cursor": 0, "budget":', headers: json }, /invalid JSON/);
    await expectBadRequest({ path: `${base()}/pull`, body: '', headers: json });
    await expectBadRequest(
      { path: `${base()}/pull`, body: 'not gzip at all', headers: { ...json, 'content-encoding': 'gzip' } },
      /gzip/,
    );
    const truncated = zlib.gzipSync(JSON.stringify({ cursor: 0, budget: 65536 })).subarray(0, 15);
    await expectBadRequest({
      path: `${base()}/pull`,
      body: truncated,
      headers: { ...json, 'content-encoding': 'gzip' },
    });
    await expectBadRequest({ path: `${base()}/pull`, body: '{}', headers: { ...json, 'content-encoding': 'br' } });
    await expectBadRequest({ path: `${base()}/pull`, body: '<pull/>', headers: { 'content-type': 'text/xml' } });
    await stillServing();
  });

  it('answers wrong types, unknown operations and out-of-range values with 400 and the field at fault', async () => {
    await expectBadRequest({ path: `${base()}/pull`, json: { cursor: '0', budget: 65536 } }, /cursor/);
    await expectBadRequest({ path: `${base()}/pull`, json: { cursor: -1, budget: 65536 } }, /cursor/);
    await expectBadRequest({ path: `${base()}/pull`, json: { cursor: 0, budget: 10 } }, /budget/);
    // A cursor far past the feed is not an error: nothing after it yet, and an ack stops at the feed's end.
    const far = Number.MAX_SAFE_INTEGER;
    expect((await send({ path: `${base()}/pull`, json: { cursor: far, budget: 65536 } })).json).toMatchObject({
      items: [],
      cursor: far,
      more: false,
    });
    expect((await send({ path: `${base()}/ack`, json: { cursor: far } })).json).toMatchObject({ acked: 0 });
    await expectBadRequest({ path: `${base()}/ack`, json: [1, 2, 3] });
    await expectBadRequest({ path: `${base()}/ack`, json: null });
    await expectBadRequest({ path: `${base()}/blobs/missing`, json: { hashes: ['../../etc/passwd'] } }, /hashes/);
    await expectBadRequest({ path: `${base()}/changes`, json: { changes: [] } }, /changes/);
    await expectBadRequest(
      { path: `${base()}/changes`, json: { changes: [{ id: randomUUID(), hlc: 'yesterday', op: 'document.delete' }] } },
      /changes/,
    );
    await expectBadRequest({
      path: `${base()}/changes`,
      json: {
        changes: [
          {
            id: randomUUID(),
            hlc: '2026-05-02T09:00:00.000Z-0000-0000000000000001',
            op: 'document.update',
            documentId: randomUUID(),
            fields: {},
          },
        ],
      },
    });
    await expectBadRequest({ path: `${base()}/changes`, json: { changes: Array.from({ length: 501 }, () => ({})) } });
    await expectBadRequest({ path: '/v1/enroll', json: { code: 42, deviceName: ['x'] } }, /code/);
    await expectBadRequest({
      path: '/v1/enroll',
      json: { __proto__: { polluted: true }, constructor: { prototype: { polluted: true } } },
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await stillServing();
  });

  it('answers path tricks in the hash with 400 and never touches a file outside the store', async () => {
    for (const sha of ['..%2F..%2Fhub.json', '..%2F..%2F..%2Fhub.json', 'A'.repeat(64), `${'a'.repeat(63)}%00`]) {
      await expectBadRequest({ path: `${base()}/blobs/${sha}` }, /sha256/);
      await expectBadRequest({ path: `${base()}/uploads/${sha}` }, /sha256/);
    }
    // Sent byte for byte (a URL object would resolve the dots first): no route matches, nothing is read.
    const secret = adminEndpoint(dataDir).adminSecret;
    for (const raw of [`${base()}/blobs/../../../hub.json`, `${base()}/blobs/..`, `/v1/agencies/../../hub.json`]) {
      const reply = await rawGet(raw);
      expect([400, 403, 404]).toContain(reply.status);
      expect(reply.body).not.toContain(secret);
    }
    const sha = 'b'.repeat(64);
    for (const headers of [
      {
        'content-type': 'application/offset+octet-stream',
        'upload-offset': '-1',
        'upload-length': '3',
        'upload-checksum': `sha256 ${'A'.repeat(43)}=`,
      },
      {
        'content-type': 'application/offset+octet-stream',
        'upload-offset': '0',
        'upload-length': 'lots',
        'upload-checksum': `sha256 ${'A'.repeat(43)}=`,
      },
      {
        'content-type': 'application/offset+octet-stream',
        'upload-offset': '0',
        'upload-length': '3',
        'upload-checksum': 'md5 xyz',
      },
      {
        'content-type': 'application/offset+octet-stream',
        'upload-offset': '5',
        'upload-length': '3',
        'upload-checksum': `sha256 ${'A'.repeat(43)}=`,
      },
      {
        'content-type': 'application/offset+octet-stream',
        'upload-offset': '0',
        'upload-length': '2',
        'upload-checksum': `sha256 ${'A'.repeat(43)}=`,
      },
    ]) {
      await expectBadRequest({ method: 'PATCH', path: `${base()}/uploads/${sha}`, body: 'abc', headers });
    }
    expect(fs.readdirSync(path.join(dataDir, 'blobs'))).toEqual([]);
    await stillServing();
  });

  it('refuses bodies over 8 MiB, and gzip bombs, with 413 without running out of memory', async () => {
    const bomb = zlib.gzipSync(
      Buffer.concat([Buffer.from('{"hashes":["'), Buffer.alloc(64 * 1024 * 1024, 0x61), Buffer.from('"]}')]),
    );
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const exploded = await send({
      path: `${base()}/blobs/missing`,
      body: bomb,
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    });
    expect([exploded.status, hubError(exploded)?.error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);

    // A plain body announced as too large is refused before it is read; the client may see the reply or a reset.
    const huge = Buffer.alloc(9 * 1024 * 1024, 0x20);
    const reply = await send({
      path: `${base()}/blobs/missing`,
      body: huge,
      headers: { 'content-type': 'application/json' },
    }).catch((error: Error) => error);
    if (!(reply instanceof Error))
      expect([reply.status, hubError(reply)?.error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    await stillServing();
  });

  it('survives raw garbage on the socket and unknown endpoints', async () => {
    await new Promise<void>((resolve) => {
      const url = new URL(hub.url);
      const socket = net.connect(Number(url.port), url.hostname, () =>
        socket.end('\x16\x03\x01 this is not HTTP at all\r\n\r\n'),
      );
      socket.on('data', () => undefined);
      socket.on('close', () => resolve());
      socket.on('error', () => resolve());
    });
    const unknown = await send({ path: '/v1/nothing-here' });
    expect([unknown.status, hubError(unknown)?.error.code]).toEqual([404, 'NOT_FOUND']);
    const admin = await hubRequest(hub.url, { path: '/admin/enroll', json: { agency: commune.code } });
    expect([admin.status, hubError(admin)?.error.code]).toEqual([403, 'FORBIDDEN']);
    await stillServing();
  });
});
